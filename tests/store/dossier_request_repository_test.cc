// Requests about a dossier in the store, on SQLite and PostgreSQL: a request reads back whole
// with its deadline, open ones by deadline per school; an answer is written once (a stale or
// second answer writes nothing); each write is in the pupil's audit trail; and the whole record
// for inzage carries the card, the requests and the trail in one read.
#include "store/dossier_request_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::DossierRequest;
using domain::DossierRequestStatus;

class DossierRequestRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    world = school_with_one_group();
    ib = ib_of(world.school);
    parent.account_id = 0;
    parent.role = domain::Role::kParent;
    parent.username = "ouder";
    parent.display_name = "Ans Meer";
    parent.child_ids = {world.pupil};
  }
  DossierRequest asked(const std::string& what, const domain::Date& on) {
    DossierRequest q;
    q.pupil_id = world.pupil;
    q.school_id = world.school;
    q.what = what;
    q.asked_by = "Ans Meer (ouder)";
    EXPECT_FALSE(domain::validate_new_request(q, on));
    return DossierRequestRepository(*db).create(q, parent);
  }
  OneGroup world;
  domain::Principal ib, parent;
};

TEST_P(DossierRequestRepositoryTest, ARequestReadsBackWholeAndOpenOnesComeByDeadline) {
  DossierRequestRepository repo(*db);
  const DossierRequest later = asked("De geboortedatum klopt niet", {2026, 11, 20});
  const DossierRequest sooner = asked("Het AVI-niveau ontbreekt", {2026, 11, 1});
  auto back = repo.find(later.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->what, "De geboortedatum klopt niet");
  EXPECT_EQ(back->asked_on, (domain::Date{2026, 11, 20}));
  EXPECT_EQ(back->due_on, (domain::Date{2026, 12, 18}));
  EXPECT_EQ(back->status, DossierRequestStatus::kOpen);
  EXPECT_EQ(back->version, 1);
  auto open = repo.open_of_school(world.school);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, sooner.id);
  EXPECT_EQ(repo.of_pupil(world.pupil).size(), 2u);
}

TEST_P(DossierRequestRepositoryTest, AnAnswerIsWrittenOnceAndAStaleOneWritesNothing) {
  DossierRequestRepository repo(*db);
  const DossierRequest q = asked("Het verslag moet eruit", {2026, 11, 20});
  EXPECT_FALSE(repo.answer(q.id, 7, DossierRequestStatus::kRefused, "Nee", ib)) << "stale version";
  EXPECT_TRUE(repo.find(q.id)->open());
  auto answered = repo.answer(q.id, 1, DossierRequestStatus::kRefused, "Het verslag is nodig.", ib);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->version, 2);
  EXPECT_FALSE(repo.answer(q.id, 2, DossierRequestStatus::kGranted, "Toch wel", ib)) << "answered once";
  auto back = repo.find(q.id);
  EXPECT_EQ(back->status, DossierRequestStatus::kRefused);
  EXPECT_EQ(back->answer, "Het verslag is nodig.");
  EXPECT_FALSE(back->answered_at.empty());
  EXPECT_TRUE(repo.open_of_school(world.school).empty());
  int lines = 0;
  for (const auto& e : AuditLog(*db).for_pupil(world.pupil))
    if (e.object.rfind("verzoek om verwijdering", 0) == 0 || e.object.rfind("verzoek om verbetering", 0) == 0) ++lines;
  EXPECT_EQ(lines, 2) << "the request and its answer, not the refused attempts";
}

TEST_P(DossierRequestRepositoryTest, TheWholeRecordCarriesTheCardTheRequestsAndTheTrail) {
  asked("De geboortedatum klopt niet", {2026, 11, 20});
  auto record = PupilRecordRepository(*db).read_whole(world.pupil);
  ASSERT_TRUE(record);
  ASSERT_TRUE(record->card);
  EXPECT_EQ(record->card->name.given, "Sanne");
  ASSERT_EQ(record->requests.size(), 1u);
  ASSERT_FALSE(record->accesses.empty());
  EXPECT_EQ(record->accesses.front().action, "create");
  auto plain = PupilRecordRepository(*db).read(world.pupil, kNow);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->card);
  EXPECT_TRUE(plain->accesses.empty()) << "only inzage reads the trail";
}

KOERS_STORE_TEST_SUITE(DossierRequestRepositoryTest);

}  // namespace
}  // namespace koers::store
