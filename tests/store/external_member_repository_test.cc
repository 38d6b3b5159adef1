// External care-team members on SQLite and PostgreSQL: made with their discipline,
// organisation and first school in one transaction (a refusal stores nothing, not even the
// account); they serve several schools of the board; the lists by school and board; every
// change has an audit line in words.
#include "store/external_member_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Discipline;
using domain::Id;
using domain::Role;

class ExternalMembers : public testing::StoreTest {
 protected:
  Id board = 0, school = 0, other_school = 0;
  domain::Principal admin, ib;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other_school = ids[1];
    db->read([&](soci::session& sql) {
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(school), soci::into(board);
    });
    admin.username = "beheer";
    admin.role = Role::kBoardAdmin;
    admin.board_id = board;
    ib = ib_of(school);
    ib.board_id = board;
  }
  NewExternal orthopedagogue(const std::string& username = "i.smit", const std::string& discipline = "orthopedagoog",
                             const std::string& organisation = "Samenwerkingsverband Passend Onderwijs Noord") {
    NewExternal e;
    e.account = NewAccount{username, "", Role::kTeacher, "Ingrid Smit", board, school, 0, 0};
    e.discipline = discipline;
    e.organisation = organisation;
    return e;
  }
  long long count(const std::string& table) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return n;
    });
  }
  std::vector<std::string> details(const std::string& object) {
    return db->read([&](soci::session& sql) {
      std::vector<std::string> out;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT detail FROM audit_log WHERE object = :o ORDER BY seq", soci::use(object));
      for (const auto& r : rows) out.push_back(r.get<std::string>(0));
      return out;
    });
  }
};

TEST_P(ExternalMembers, AnInvitedExternalHasItsRoleProfileAndSchool) {
  ExternalMemberRepository repo(*db);
  auto made = repo.invite(orthopedagogue(), ib);
  ASSERT_TRUE(std::holds_alternative<IssuedCode>(made)) << std::get<std::string>(made);
  const IssuedCode& code = std::get<IssuedCode>(made);
  EXPECT_EQ(code.purpose, "activation");
  auto found = repo.find(code.account_id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account.role, Role::kCareTeamMember) << "whatever role the caller put in";
  EXPECT_TRUE(found->account.invited);
  EXPECT_EQ(found->discipline, Discipline::kOrthopedagogue);
  EXPECT_EQ(found->organisation, "Samenwerkingsverband Passend Onderwijs Noord");
  EXPECT_EQ(found->school_ids, std::vector<Id>{school});
  auto lines = details("zorgteamlid i.smit");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "extern zorgteamlid: discipline Orthopedagoog, organisatie Samenwerkingsverband Passend Onderwijs Noord; "
            "werkt voor De Test");
  EXPECT_EQ(details("account i.smit").size(), 1u) << "and the account's own line";
}

TEST_P(ExternalMembers, ARefusalStoresNothingNotEvenTheAccount) {
  ExternalMemberRepository repo(*db);
  const long long accounts = count("accounts"), audit = count("audit_log");
  auto bad_key = repo.invite(orthopedagogue("x.een", "tandarts"), ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(bad_key));
  EXPECT_EQ(std::get<std::string>(bad_key).rfind("Discipline: onbekend", 0), 0u);
  auto long_org = repo.invite(orthopedagogue("x.twee", "psycholoog", std::string(201, 'o')), ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(long_org));
  EXPECT_EQ(std::get<std::string>(long_org).rfind("Organisatie:", 0), 0u);
  auto bad_name = repo.invite(orthopedagogue("X"), ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(bad_name));
  EXPECT_EQ(std::get<std::string>(bad_name).rfind("Gebruikersnaam", 0), 0u);
  auto short_password = orthopedagogue("x.drie");
  short_password.account.password = "kort";
  auto created = repo.create(short_password, admin);
  ASSERT_TRUE(std::holds_alternative<std::string>(created));
  EXPECT_EQ(count("accounts"), accounts);
  EXPECT_EQ(count("external_members"), 0);
  EXPECT_EQ(count("external_member_schools"), 0);
  EXPECT_EQ(count("audit_log"), audit);
}

TEST_P(ExternalMembers, OneExternalServesSeveralSchoolsOfTheBoard) {
  ExternalMemberRepository repo(*db);
  auto e = orthopedagogue();
  e.account.password = "lang-genoeg-wachtwoord";
  auto made = repo.create(e, admin);
  ASSERT_TRUE(std::holds_alternative<Id>(made)) << std::get<std::string>(made);
  const Id id = std::get<Id>(made);
  EXPECT_FALSE(repo.find(id)->account.invited) << "with a password: active at once";
  EXPECT_FALSE(repo.add_school(id, other_school, admin));
  EXPECT_FALSE(repo.add_school(id, other_school, admin)) << "twice changes nothing";
  EXPECT_EQ(repo.find(id)->school_ids, (std::vector<Id>{school, other_school}));
  ASSERT_EQ(repo.serving_school(other_school).size(), 1u);
  EXPECT_EQ(repo.serving_school(other_school)[0].account.username, "i.smit");
  EXPECT_EQ(repo.of_board(board).size(), 1u);
  // A school of another board is refused.
  const Id foreign = db->write([&](soci::session& sql) {
    SchoolRepository schools(*db);
    return schools.create_school(sql, domain::School{0, schools.create_board(sql, "Ander bestuur"), "De Verre",
                                                     "88ZZ", "00", ""});
  });
  auto refused = repo.add_school(id, foreign, admin);
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, "School: hoort niet bij dit bestuur.");
  EXPECT_TRUE(repo.serving_school(foreign).empty());
  EXPECT_FALSE(repo.remove_school(id, school, admin));
  EXPECT_TRUE(repo.serving_school(school).empty());
  EXPECT_EQ(repo.find(id)->school_ids, std::vector<Id>{other_school});
  auto lines = details("zorgteamlid i.smit");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "werkt nu ook voor De Ander");
  EXPECT_EQ(lines[2], "werkt niet meer voor De Test");
}

TEST_P(ExternalMembers, OtherAccountsAreNoExternals) {
  ExternalMemberRepository repo(*db);
  const Id head = db->write([&](soci::session& sql) {
    return AccountRepository(*db).insert(sql, NewAccount{"d.boer", "", Role::kHead, "Henk de Boer", board, school, 0, 0},
                                         "x");
  });
  EXPECT_FALSE(repo.find(head));
  EXPECT_TRUE(repo.add_school(head, other_school, admin));
  EXPECT_TRUE(repo.serving_school(school).empty());
  // An external whose role was changed away stops being listed.
  auto made = repo.invite(orthopedagogue(), ib);
  const Id id = std::get<IssuedCode>(made).account_id;
  ASSERT_EQ(repo.serving_school(school).size(), 1u);
  EXPECT_FALSE(AccountRepository(*db).change_role(id, Role::kHead, admin));
  EXPECT_TRUE(repo.serving_school(school).empty());
  EXPECT_FALSE(repo.find(id));
}

TEST_P(ExternalMembers, AProfileChangeIsCheckedAndLoggedWithOldAndNew) {
  ExternalMemberRepository repo(*db);
  const Id id = std::get<IssuedCode>(repo.invite(orthopedagogue(), ib)).account_id;
  auto refused = repo.update_profile(id, "tandarts", "", ib);
  ASSERT_TRUE(refused);
  EXPECT_EQ(repo.find(id)->discipline, Discipline::kOrthopedagogue);
  EXPECT_FALSE(repo.update_profile(id, "psycholoog", "Praktijk Noord", ib));
  EXPECT_EQ(repo.find(id)->discipline, Discipline::kPsychologist);
  EXPECT_EQ(repo.find(id)->organisation, "Praktijk Noord");
  EXPECT_EQ(details("zorgteamlid i.smit").back(),
            "discipline Orthopedagoog, organisatie Samenwerkingsverband Passend Onderwijs Noord gewijzigd in "
            "discipline Psycholoog, organisatie Praktijk Noord");
}

KOERS_STORE_TEST_SUITE(ExternalMembers);

}  // namespace
}  // namespace koers::store
