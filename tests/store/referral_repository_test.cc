// Referrals in the store, on SQLite and PostgreSQL: a board without its own procedures reads the
// three defaults; a saved list comes back whole, a stale or invalid one changes nothing; a
// referral keeps its procedure as started when the board changes the procedure later; a stale
// save of a referral is refused with nothing written; what is sent (the OKR) reads back frozen.
#include "store/referral_repository.h"

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;
using domain::Referral;

class ReferralRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    world = school_with_one_group();
    db->read([&](soci::session& sql) {
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(world.school), soci::into(board);
      return 0;
    });
    ib = ib_of(world.school);
    ib.board_id = board;
    admin.role = domain::Role::kBoardAdmin;
    admin.board_id = board;
    admin.username = "beheer";
  }
  OneGroup world;
  Id board = 0;
  domain::Principal ib, admin;
};

TEST_P(ReferralRepositoryTest, ABoardReadsTheDefaultsUntilItSavesItsOwn) {
  ReferralRepository repo(*db);
  ProcedureSet set = repo.procedures(board);
  EXPECT_EQ(set.version, 0);
  ASSERT_EQ(set.procedures.size(), 3u);
  EXPECT_EQ(set.procedures[2].key, "tlv");

  auto changed = set.procedures;
  changed[0].name = "Aanmelding bij de PCL (regio Noord)";
  changed[0].required.push_back({domain::ReferralPart::kHgdReports, 1});
  auto saved = repo.set_procedures(board, changed, 0, admin);
  ASSERT_TRUE(std::holds_alternative<ProcedureSet>(saved));
  ProcedureSet again = repo.procedures(board);
  EXPECT_EQ(again.version, 1);
  EXPECT_EQ(again.procedures[0].name, "Aanmelding bij de PCL (regio Noord)");
  EXPECT_EQ(again.procedures[0].required.back().part, domain::ReferralPart::kHgdReports);

  // Stale: based on 0 again. Invalid: no name. Neither changes anything.
  auto stale = repo.set_procedures(board, set.procedures, 0, admin);
  ASSERT_TRUE(std::holds_alternative<ReferralConflict>(stale));
  EXPECT_EQ(std::get<ReferralConflict>(stale).stored_version, 1);
  auto bad = changed;
  bad[1].name = "";
  auto refused = repo.set_procedures(board, bad, 1, admin);
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(refused));
  EXPECT_EQ(repo.procedures(board).procedures[1].name, set.procedures[1].name);
}

TEST_P(ReferralRepositoryTest, AReferralKeepsItsProcedureAndWhatWasSent) {
  ReferralRepository repo(*db);
  Referral r;
  r.pupil_id = world.pupil;
  r.school_id = world.school;
  r.procedure = domain::default_referral_procedures()[1];
  r.cluster = 2;
  r.reason = "advies van het zorgteam";
  Referral made = repo.create(r, ib);
  ASSERT_GT(made.id, 0);

  // The board changes the CVI procedure afterwards: the referral keeps the one it started under.
  auto changed = domain::default_referral_procedures();
  changed[1].required.clear();
  ASSERT_TRUE(std::holds_alternative<ProcedureSet>(repo.set_procedures(board, changed, 0, admin)));
  auto found = repo.find(made.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->procedure.required.size(), domain::default_referral_procedures()[1].required.size());
  EXPECT_EQ(found->cluster, 2);
  EXPECT_EQ(found->status, domain::ReferralStatus::kDraft);

  Referral next = *found;
  next.handelingsverlegenheid = "De school kan niet bieden wat nodig is.";
  next.consents.push_back({"aanvraag", "vader", domain::Date{2027, 2, 1}, "ib", "x"});
  next.parents.view = "Wij kiezen voor de rugzak.";
  next.parents.agrees = true;
  next.parents_copy_at = "2027-02-02T10:00:00Z";
  next.sent_at = "2027-02-05T10:00:00Z";
  next.sent_to = "CVI cluster 2";
  next.sent_okr = R"({"parents_agreement":"eens"})";
  next.status = domain::ReferralStatus::kSent;
  auto saved = repo.save(next, found->version, ib, "verzonden");
  ASSERT_TRUE(std::holds_alternative<Referral>(saved));
  auto stale = repo.save(next, found->version, ib, "nog eens");
  ASSERT_TRUE(std::holds_alternative<ReferralConflict>(stale));
  EXPECT_EQ(std::get<ReferralConflict>(stale).stored_version, 2);

  auto back = repo.of_pupil(world.pupil);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].status, domain::ReferralStatus::kSent);
  EXPECT_EQ(back[0].sent_okr, R"({"parents_agreement":"eens"})");
  EXPECT_EQ(back[0].parents.view, "Wij kiezen voor de rugzak.");
  EXPECT_EQ(back[0].parents.agrees, std::optional<bool>(true));
  ASSERT_EQ(back[0].consents.size(), 1u);
  EXPECT_EQ(back[0].consents[0].given_on, (domain::Date{2027, 2, 1}));
  EXPECT_EQ(repo.of_school(world.school).size(), 1u);
}

KOERS_STORE_TEST_SUITE(ReferralRepositoryTest);

}  // namespace
}  // namespace koers::store
