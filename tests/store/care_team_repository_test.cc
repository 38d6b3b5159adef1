// Care-team cases in the store, on SQLite and PostgreSQL: a case is created from a
// registration or directly, read back whole (members, consents), listed for the school and
// for an external (only invited cases with a consent in force); a stale save is refused
// with nothing written; a withdrawal commits with its audit line and the external's list
// loses the case at once; every change and every read of a case file is in the trail in words.
#include "store/care_team_repository.h"

#include <gtest/gtest.h>

#include "common/clock.h"
#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::CareTeamCase;
using domain::CaseStatus;
using domain::Consent;
using domain::Id;

class CareTeamRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    world = school_with_one_group();
    db->write([&](soci::session& sql) {
      Id board = 0;
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(world.school), soci::into(board);
      for (const char* name : {"olga", "sem"}) {
        Id id = 0;
        sql << "INSERT INTO accounts (board_id, username, display_name, role, password_hash, created_at) "
               "VALUES (:b, :u, :u2, 'zorgteam', 'x', 'x') RETURNING id",
            soci::use(board), soci::use(std::string(name)), soci::use(std::string(name)), soci::into(id);
        externals.push_back(id);
      }
    });
    ib = ib_of(world.school);
    ib.account_id = 1;
  }

  CareTeamCase registered() {
    CareTeamCase c;
    c.pupil_id = world.pupil;
    c.school_id = world.school;
    c.origin = domain::CaseOrigin::kIhpEvaluation;
    c.origin_id = 12;
    c.registration = "IHP afgesloten: externe stappen nodig";
    c.help_question = "Hoe helpen we Sanne bij het rekenen?";
    c.help_question_parents = {{"moeder, Ans Bakker", {2027, 1, 12}}};
    c.members = {{externals[0], "Olga", "orthopedagoog"}};
    return c;
  }
  Consent consent_for(const CareTeamCase& c) {
    Consent k;
    k.case_id = c.id;
    k.pupil_id = c.pupil_id;
    k.given_by = "moeder, Ans Bakker";
    k.given_on = domain::add_days(today_local(), -5);
    k.valid_until = domain::add_days(today_local(), 100);
    k.disciplines = {"orthopedagoog"};
    k.documents = {domain::CaseDocument::kHelpQuestion, domain::CaseDocument::kIhps};
    return k;
  }
  std::vector<domain::AuditEntry> trail() { return AuditLog(*db).for_pupil(world.pupil); }

  OneGroup world;
  std::vector<Id> externals;
  domain::Principal ib;
};

TEST_P(CareTeamRepositoryTest, ACaseIsStoredWithItsRegistrationMembersAndConsents) {
  CareTeamCaseRepository repo(*db);
  const CareTeamCase made = repo.create(registered(), ib);
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.version, 1);
  EXPECT_EQ(made.status, CaseStatus::kRegistered);
  const Consent k = repo.add_consent(consent_for(made), ib);
  EXPECT_GT(k.id, 0);

  auto read = repo.find(made.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->origin, domain::CaseOrigin::kIhpEvaluation);
  EXPECT_EQ(read->origin_id, 12);
  EXPECT_EQ(read->registration, "IHP afgesloten: externe stappen nodig");
  EXPECT_EQ(read->help_question, "Hoe helpen we Sanne bij het rekenen?");
  ASSERT_EQ(read->help_question_parents.size(), 1u);
  EXPECT_EQ(read->help_question_parents[0].who, "moeder, Ans Bakker");
  EXPECT_EQ(read->help_question_parents[0].on, (domain::Date{2027, 1, 12}));
  ASSERT_EQ(read->members.size(), 1u);
  EXPECT_EQ(read->members[0].discipline, "orthopedagoog");
  ASSERT_EQ(read->consents.size(), 1u);
  EXPECT_EQ(read->consents[0].documents, k.documents);
  EXPECT_EQ(read->consents[0].disciplines, k.disciplines);
  EXPECT_EQ(read->consents[0].valid_until, k.valid_until);
  EXPECT_FALSE(read->consents[0].withdrawn());
  EXPECT_EQ(repo.owner(made.id)->pupil_id, world.pupil);
  EXPECT_FALSE(repo.owner(made.id + 1000));
  EXPECT_FALSE(repo.find(made.id + 1000));

  // Directly by the IB: a second case, listed first.
  CareTeamCase direct;
  direct.pupil_id = world.pupil;
  direct.school_id = world.school;
  const CareTeamCase second = repo.create(direct, ib);
  auto school = repo.of_school(world.school);
  ASSERT_EQ(school.size(), 2u);
  EXPECT_EQ(school[0].id, second.id);
  EXPECT_EQ(school[1].consents.size(), 1u);
  EXPECT_EQ(repo.of_pupils({world.pupil}).size(), 2u);
  EXPECT_TRUE(repo.of_pupils({world.pupil + 1000}).empty());

  // The trail in words: opened, consent recorded.
  auto lines = trail();
  ASSERT_GE(lines.size(), 3u);
  bool opened = false, consented = false;
  for (const auto& l : lines) {
    const std::string s = domain::audit_sentence(l);
    opened = opened || s.find("legde de zorgteamcasus " + std::to_string(made.id) +
                              " vast: zorgteamcasus geopend, na de evaluatie van een IHP") != std::string::npos;
    consented = consented || s.find("legde de toestemming " + std::to_string(k.id) + " vast: casus " +
                                    std::to_string(made.id) + ": toestemming voor bespreking in het zorgteam gegeven "
                                    "door moeder, Ans Bakker") != std::string::npos;
  }
  EXPECT_TRUE(opened);
  EXPECT_TRUE(consented);
}

TEST_P(CareTeamRepositoryTest, AStaleSaveIsRefusedAndWritesNothing) {
  CareTeamCaseRepository repo(*db);
  CareTeamCase c = repo.create(registered(), ib);
  c.missing_step_reason = "Faalangst thuis en op school.";
  c.members.push_back({externals[1], "Sem", "schoolmaatschappelijk-werker"});
  auto first = repo.save(c, 1, ib, "hulpvraag");
  ASSERT_TRUE(std::holds_alternative<CareTeamCase>(first));
  EXPECT_EQ(std::get<CareTeamCase>(first).version, 2);
  EXPECT_EQ(std::get<CareTeamCase>(first).members.size(), 2u);
  const size_t lines = trail().size();

  c.advice = "op versie 1 gebaseerd";
  c.members.clear();
  auto stale = repo.save(c, 1, ib, "advies");
  ASSERT_TRUE(std::holds_alternative<CaseConflict>(stale));
  EXPECT_EQ(std::get<CaseConflict>(stale).stored_version, 2);
  auto stored = repo.find(c.id);
  EXPECT_EQ(stored->advice, "");
  EXPECT_EQ(stored->members.size(), 2u) << "the members stay as saved";
  EXPECT_EQ(stored->missing_step_reason, "Faalangst thuis en op school.");
  EXPECT_EQ(trail().size(), lines) << "no audit line for what was not saved";
}

TEST_P(CareTeamRepositoryTest, OutcomesAndTheFollowUpDateAreStoredWithTheCaseAndAStaleSaveKeepsThem) {
  CareTeamCaseRepository repo(*db);
  CareTeamCase c = repo.create(registered(), ib);
  EXPECT_TRUE(c.outcomes.empty());
  EXPECT_TRUE(repo.find(c.id)->outcomes.empty()) << "a new case has none";
  c.status = CaseStatus::kFollowUp;
  c.follow_up_until = domain::Date{2027, 3, 1};
  c.outcomes = {{domain::CaseOutcomeKind::kDyslexiaTreatment, ""},
                {domain::CaseOutcomeKind::kOther, "RT bij de logopedist, één keer per week"},
                {domain::CaseOutcomeKind::kFollowUp, ""}};
  auto saved = repo.save(c, 1, ib, "uitkomsten");
  ASSERT_TRUE(std::holds_alternative<CareTeamCase>(saved));
  auto read = repo.find(c.id);
  ASSERT_EQ(read->outcomes.size(), 3u);
  EXPECT_EQ(read->outcomes[0].kind, domain::CaseOutcomeKind::kDyslexiaTreatment);
  EXPECT_EQ(read->outcomes[1].kind, domain::CaseOutcomeKind::kOther);
  EXPECT_EQ(read->outcomes[1].text, "RT bij de logopedist, één keer per week");
  EXPECT_EQ(read->outcomes[2].kind, domain::CaseOutcomeKind::kFollowUp);
  EXPECT_EQ(read->status, CaseStatus::kFollowUp);
  EXPECT_EQ(read->follow_up_until, (domain::Date{2027, 3, 1}));
  EXPECT_EQ(repo.of_school(world.school).front().outcomes.size(), 3u) << "lists carry them too";

  c.outcomes.clear();
  auto stale = repo.save(c, 1, ib, "uitkomsten weg");
  ASSERT_TRUE(std::holds_alternative<CaseConflict>(stale));
  EXPECT_EQ(repo.find(c.id)->outcomes.size(), 3u) << "nothing written";
  auto emptied = repo.save(c, 2, ib, "uitkomsten weg");
  ASSERT_TRUE(std::holds_alternative<CareTeamCase>(emptied));
  EXPECT_TRUE(repo.find(c.id)->outcomes.empty());
}

TEST_P(CareTeamRepositoryTest, AnExternalListsOnlyInvitedCasesWithConsentAndLosesThemOnWithdrawal) {
  CareTeamCaseRepository repo(*db);
  const domain::Date today = today_local();
  CareTeamCase invited = repo.create(registered(), ib);
  CareTeamCase uninvited = registered();
  uninvited.members.clear();
  uninvited = repo.create(uninvited, ib);
  repo.add_consent(consent_for(uninvited), ib);
  EXPECT_TRUE(repo.for_external(externals[0], today).empty()) << "invited, but no consent yet";

  const Consent k = repo.add_consent(consent_for(invited), ib);
  auto listed = repo.for_external(externals[0], today);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, invited.id);
  EXPECT_TRUE(repo.for_external(externals[1], today).empty()) << "not invited";

  // The parent withdraws: from that commit the external's list is empty, and the trail says so.
  domain::Principal parent;
  parent.account_id = 9;
  parent.username = "ouder";
  parent.display_name = "Ans Bakker";
  parent.role = domain::Role::kParent;
  auto withdrawn = repo.withdraw_consent(k.id, parent);
  ASSERT_TRUE(withdrawn);
  EXPECT_TRUE(withdrawn->withdrawn());
  EXPECT_EQ(withdrawn->withdrawn_by, "Ans Bakker (ouder/verzorger)");
  EXPECT_TRUE(repo.for_external(externals[0], today).empty());
  const auto lines = trail();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(domain::audit_sentence(lines.front()),
            "wijzigde de toestemming " + std::to_string(k.id) + ": casus " + std::to_string(invited.id) +
                ": toestemming voor bespreking in het zorgteam ingetrokken door Ans Bakker (ouder/verzorger); vanaf nu "
                "zien de externen hierop niets meer");
  EXPECT_EQ(lines.front().school_id, world.school);
  // Once only: a second withdrawal writes nothing.
  EXPECT_FALSE(repo.withdraw_consent(k.id, ib));
  EXPECT_EQ(trail().size(), lines.size());
  EXPECT_FALSE(repo.withdraw_consent(k.id + 1000, ib));
}

TEST_P(CareTeamRepositoryTest, AnExternalsReadOfTheCaseFileIsInThePupilsTrailUnderTheSchool) {
  CareTeamCaseRepository repo(*db);
  CareTeamCase c = repo.create(registered(), ib);
  domain::Principal olga;
  olga.account_id = externals[0];
  olga.username = "olga";
  olga.display_name = "Olga";
  olga.role = domain::Role::kCareTeamMember;
  olga.board_id = 1;
  repo.record_file_view(c, olga, "hulpvraag, IHP's; op grond van toestemming 4");
  const auto lines = trail();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().account_id, externals[0]);
  EXPECT_EQ(lines.front().school_id, world.school) << "the IB's school, though the external serves several";
  EXPECT_EQ(domain::audit_sentence(lines.front()), "bekeek het casusdossier van zorgteamcasus " +
                                                       std::to_string(c.id) +
                                                       ": hulpvraag, IHP's; op grond van toestemming 4");
  EXPECT_EQ(domain::audit_who(lines.front()), "olga (zorgteamlid)");
  // On whose behalf (NEN 7513): the case's care team, and the consent that allows the read.
  EXPECT_EQ(lines.front().on_behalf_of, "zorgteam De Test, casus #" + std::to_string(c.id));
  const Consent k = repo.add_consent(consent_for(c), ib);
  repo.record_file_view(*repo.find(c.id), olga, "hulpvraag");
  EXPECT_EQ(trail().front().on_behalf_of,
            "zorgteam De Test, casus #" + std::to_string(c.id) + ", toestemming #" + std::to_string(k.id));
}

KOERS_STORE_TEST_SUITE(CareTeamRepositoryTest);

}  // namespace
}  // namespace koers::store
