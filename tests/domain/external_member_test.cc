// The disciplines of external care-team members: stable keys and Dutch labels for every one,
// which of them may do HGD, a Dutch refusal naming the field for a bad key or a long
// organisation, and who may add externals to a school.
#include "domain/external_member.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/field_limits.h"

namespace koers::domain {
namespace {

TEST(ExternalMember, EveryDisciplineHasAUniqueKeyAndALabelAndReadsBack) {
  std::set<std::string_view> keys, labels;
  for (const auto& d : all_disciplines()) {
    EXPECT_TRUE(keys.insert(d.key).second) << d.key;
    EXPECT_TRUE(labels.insert(d.label).second) << d.label;
    EXPECT_EQ(discipline_from_key(d.key), d.discipline);
    EXPECT_EQ(discipline_info(d.discipline).key, d.key) << "discipline_info finds every enumerator";
  }
  EXPECT_EQ(all_disciplines().size(), 9u);
}

TEST(ExternalMember, TheSeedsDisciplinesWithTheirKeysAndLabels) {
  // Keys are stored in the database and sent by the API: changing one breaks stored data.
  const std::vector<std::pair<std::string_view, std::string_view>> expected = {
      {"orthopedagoog", "Orthopedagoog"},
      {"psycholoog", "Psycholoog"},
      {"schoolmaatschappelijk-werker", "Schoolmaatschappelijk werker"},
      {"jeugdarts", "Jeugdarts"},
      {"jeugdverpleegkundige", "Jeugdverpleegkundige"},
      {"logopedist", "Logopedist"},
      {"leerplichtambtenaar", "Leerplichtambtenaar"},
      {"ambulant-begeleider", "Ambulant begeleider"},
      {"bureau-jeugdzorg", "Medewerker Bureau Jeugdzorg"},
  };
  ASSERT_EQ(all_disciplines().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(all_disciplines()[i].key, expected[i].first);
    EXPECT_EQ(all_disciplines()[i].label, expected[i].second);
  }
}

TEST(ExternalMember, OnlyTheDiagnosticDisciplinesMayDoHgd) {
  // Seed 001 §8: "een psycholoog of orthopedagoog, een schoolarts of SMW-er".
  std::set<std::string_view> diagnostic;
  for (const auto& d : all_disciplines())
    if (d.diagnostic) diagnostic.insert(d.key);
  EXPECT_EQ(diagnostic, (std::set<std::string_view>{"orthopedagoog", "psycholoog", "jeugdarts",
                                                    "schoolmaatschappelijk-werker"}));
  EXPECT_FALSE(discipline_info(Discipline::kSpeechTherapist).diagnostic);
  EXPECT_FALSE(discipline_info(Discipline::kYouthNurse).diagnostic);
}

TEST(ExternalMember, UnknownKeysAreNotDisciplines) {
  EXPECT_FALSE(discipline_from_key(""));
  EXPECT_FALSE(discipline_from_key("Orthopedagoog")) << "the key, not the label";
  EXPECT_FALSE(discipline_from_key("tandarts"));
}

TEST(ExternalMember, AProfileIsRefusedNamingTheField) {
  EXPECT_FALSE(external_profile_refusal("orthopedagoog", ""));
  EXPECT_FALSE(external_profile_refusal("logopedist", "Logopediepraktijk De Klank"));
  auto bad = external_profile_refusal("tandarts", "");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->rfind("Discipline: onbekend", 0), 0u) << *bad;
  EXPECT_NE(bad->find("orthopedagoog, psycholoog"), std::string::npos) << "lists the keys: " << *bad;
  EXPECT_EQ(external_profile_refusal("", "")->rfind("Discipline: verplicht", 0), 0u);
  EXPECT_FALSE(external_profile_refusal("psycholoog", std::string(limits::kOrganisation, 'o')));
  auto long_org = external_profile_refusal("psycholoog", std::string(limits::kOrganisation + 1, 'o'));
  ASSERT_TRUE(long_org);
  EXPECT_EQ(*long_org, "Organisatie: de tekst is 201 tekens lang; hoogstens 200 tekens.");
}

Principal someone(Role role, Id school, Id board = 1) {
  Principal p;
  p.account_id = 7;
  p.role = role;
  p.school_id = school;
  p.board_id = board;
  return p;
}

TEST(ExternalMember, TheIbAddsExternalsToTheirOwnSchoolAndBeheerToAnySchoolOfTheBoard) {
  EXPECT_TRUE(may_manage_externals_of(someone(Role::kSupportCoordinator, 3), 3, 1));
  EXPECT_FALSE(may_manage_externals_of(someone(Role::kSupportCoordinator, 3), 4, 1)) << "another school";
  EXPECT_FALSE(may_manage_externals_of(someone(Role::kSupportCoordinator, 3), 3, 2)) << "another board";
  EXPECT_TRUE(may_manage_externals_of(someone(Role::kBoardAdmin, 0), 4, 1));
  EXPECT_FALSE(may_manage_externals_of(someone(Role::kBoardAdmin, 0), 4, 2)) << "another board's school";
  for (Role r : {Role::kTeacher, Role::kHead, Role::kCareTeamMember, Role::kParent})
    EXPECT_FALSE(may_manage_externals_of(someone(r, 3), 3, 1)) << role_key(r);
  Principal nobody;
  EXPECT_FALSE(may_manage_externals_of(nobody, 3, 0));
}

}  // namespace
}  // namespace koers::domain
