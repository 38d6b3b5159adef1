// The groepsoverzicht's store on SQLite and PostgreSQL: entries and approaches are
// history, so the overview of an earlier period stays as it was; every change is audited
// and a refused change stores nothing.
#include "store/overview_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/clock.h"
#include "store/audit_log.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class OverviewStore : public testing::StoreTest {
 protected:
  Id school = 0, pupil = 0, other = 0;
  domain::Principal teacher;
  const std::vector<std::string> subjects = domain::overview_subjects({"5"});
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    db->write([&](soci::session& sql) {
      SchoolRepository schools(*db);
      Id board = schools.create_board(sql, "Bestuur");
      school = schools.create_school(sql, domain::School{0, board, "De Test", "99XX", "00", ""});
      for (Id* id : {&pupil, &other})
        sql << "INSERT INTO pupils (school_id, edex_key, surname, updated_at) VALUES (:s, :k, 'Jansen', 'x') "
               "RETURNING id",
            soci::use(school), soci::use(std::string(id == &pupil ? "L1" : "L2")), soci::into(*id);
    });
    teacher.account_id = 7;
    teacher.username = "leerkracht";
    teacher.display_name = "Joost Peters";
    teacher.role = domain::Role::kTeacher;
    teacher.school_id = school;
  }
  domain::OverviewEntry entry(domain::EntryKind kind, std::string topic, std::string text) {
    domain::OverviewEntry e;
    e.pupil_id = pupil;
    e.kind = kind;
    e.topic = std::move(topic);
    e.text = std::move(text);
    e.source = domain::InformationSource::kTalkWithParents;
    return e;
  }
  // Timestamps have one-second resolution: wait for the next second between history steps.
  static void next_second() { std::this_thread::sleep_for(std::chrono::milliseconds(1050)); }
};

TEST_P(OverviewStore, AnEntryKeepsItsSourceAuthorAndTime) {
  OverviewRepository repo(*db);
  auto e = entry(domain::EntryKind::kGeneralNeed, "instructie", "Heeft korte instructie nodig.");
  ASSERT_EQ(repo.add_entry(e, subjects, teacher), std::nullopt);
  auto all = repo.entries({pupil, other}, kNow);
  ASSERT_EQ(all[pupil].size(), 1u);
  EXPECT_TRUE(all[other].empty());
  const auto& got = all[pupil][0];
  EXPECT_EQ(got.text, "korte instructie") << "stored as the core of \"heeft … nodig\"";
  EXPECT_EQ(got.topic, "instructie");
  EXPECT_EQ(got.source, domain::InformationSource::kTalkWithParents);
  EXPECT_EQ(got.written_by, "Joost Peters");
  EXPECT_EQ(got.written_by_account, 7);
  EXPECT_EQ(got.written_at.size(), 20u) << got.written_at;
  auto trail = AuditLog(*db).for_pupil(pupil);
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, "create");
  EXPECT_EQ(trail[0].detail, "heeft korte instructie nodig (bron: gesprek met ouders)");
}

TEST_P(OverviewStore, ARefusedEntryStoresNothing) {
  OverviewRepository repo(*db);
  auto e = entry(domain::EntryKind::kSubjectNeed, "Beginnende geletterdheid", "klankspelletjes");
  EXPECT_NE(repo.add_entry(e, subjects, teacher), std::nullopt);
  auto empty = entry(domain::EntryKind::kHindering, "", "   ");
  EXPECT_EQ(repo.add_entry(empty, subjects, teacher), "Omschrijving: beschrijf de factor.");
  EXPECT_TRUE(repo.entries({pupil}, kNow)[pupil].empty());
  EXPECT_EQ(AuditLog(*db).count(), 0);
}

TEST_P(OverviewStore, AnEndedEntryStaysInTheOverviewOfTheEarlierPeriod) {
  OverviewRepository repo(*db);
  auto e = entry(domain::EntryKind::kProtective, "", "leest veel");
  ASSERT_EQ(repo.add_entry(e, subjects, teacher), std::nullopt);
  next_second();
  std::string end_of_period = koers::now_utc();  // the period ended after the entry was written
  next_second();
  ASSERT_EQ(repo.end_entry(pupil, e.id, teacher), std::nullopt);
  EXPECT_TRUE(repo.entries({pupil}, kNow)[pupil].empty()) << "gone from the current overview";
  auto then = repo.entries({pupil}, end_of_period);
  ASSERT_EQ(then[pupil].size(), 1u) << "but the earlier period shows it as it was";
  EXPECT_EQ(then[pupil][0].text, "leest veel");
  EXPECT_NE(repo.end_entry(pupil, e.id, teacher), std::nullopt) << "ending twice";
  EXPECT_NE(repo.end_entry(other, e.id, teacher), std::nullopt) << "another pupil's entry";
}

TEST_P(OverviewStore, AnApproachIsHistoryAndUnchangedChoicesAddNothing) {
  OverviewRepository repo(*db);
  repo.set_approach(pupil, "Spelling", domain::Approach::kBasic, teacher);
  next_second();
  std::string before_change = koers::now_utc();
  next_second();
  repo.set_approach(pupil, "Spelling", domain::Approach::kIntensive, teacher);
  repo.set_approach(pupil, "Spelling", domain::Approach::kIntensive, teacher);
  repo.set_approach(pupil, "Rekenen-Wiskunde", domain::Approach::kDeepened, teacher);
  auto now = repo.approaches({pupil}, kNow)[pupil];
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[1].subject, "Spelling");
  EXPECT_EQ(now[1].approach, domain::Approach::kIntensive);
  auto then = repo.approaches({pupil}, before_change)[pupil];
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].approach, domain::Approach::kBasic);
  EXPECT_EQ(AuditLog(*db).count(), 3) << "the repeated choice is no change";
}

TEST_P(OverviewStore, AMethodTestIsCorrectedNotDuplicated) {
  OverviewRepository repo(*db);
  domain::MethodTest t{0, pupil, "Rekenen", "Blok 3", 28, 40, {2026, 10, 12}, ""};
  ASSERT_EQ(repo.save_method_test(t, teacher), std::nullopt);
  t.score = 31;
  ASSERT_EQ(repo.save_method_test(t, teacher), std::nullopt);
  domain::MethodTest bad{0, pupil, "Rekenen", "Blok 4", 50, 40, {2026, 11, 12}, ""};
  EXPECT_NE(repo.save_method_test(bad, teacher), std::nullopt);
  auto tests = repo.method_tests({pupil}, kNow)[pupil];
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_DOUBLE_EQ(tests[0].score, 31);
  EXPECT_TRUE(repo.method_tests({pupil}, "2026-10-12")[pupil].empty()) << "taken on that day, not before";
}

// Two saves of the same new method test or reading level at the same moment (two tabs, two
// teachers; on PostgreSQL, and with two servers, their transactions run side by side): both
// succeed, and one row remains with one of the two values.
TEST_P(OverviewStore, SavesAtTheSameMomentBothSucceedAndKeepOneRow) {
  constexpr int kRounds = 30;
  std::atomic<int> failures{0};
  auto save = [&](double score, const char* avi) {
    OverviewRepository repo(*db);
    for (int i = 0; i < kRounds; ++i) {
      try {
        domain::MethodTest t{0, pupil, "Rekenen", "Blok " + std::to_string(i), score, 40, {2026, 10, 12}, ""};
        if (repo.save_method_test(t, teacher)) ++failures;
        domain::TestMoment moment{3 + i % 6, i % 2 ? 'M' : 'E'};
        if (repo.save_reading_level(pupil, {moment, avi, {2026, 6, 20}, ""}, teacher)) ++failures;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    }
  };
  std::thread a(save, 20.0, "E4"), b(save, 30.0, "M5");
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  auto tests = OverviewRepository(*db).method_tests({pupil}, kNow)[pupil];
  EXPECT_EQ(tests.size(), size_t{kRounds});
  for (const auto& t : tests) EXPECT_TRUE(t.score == 20 || t.score == 30) << t.block;
  EXPECT_EQ(OverviewRepository(*db).reading_levels({pupil}, kNow)[pupil].size(), 6u) << "six moments, once each";
}

TEST_P(OverviewStore, ReadingLevelsInCareerOrder) {
  OverviewRepository repo(*db);
  ASSERT_EQ(repo.save_reading_level(pupil, {{4, 'E'}, "e4", {2026, 6, 20}, ""}, teacher), std::nullopt);
  ASSERT_EQ(repo.save_reading_level(pupil, {{4, 'M'}, "M3", {2026, 1, 20}, ""}, teacher), std::nullopt);
  EXPECT_NE(repo.save_reading_level(pupil, {{5, 'M'}, "M9", {2027, 1, 20}, ""}, teacher), std::nullopt);
  auto levels = repo.reading_levels({pupil}, kNow)[pupil];
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0].avi_level, "M3");
  EXPECT_EQ(levels[1].avi_level, "E4");
}

KOERS_STORE_TEST_SUITE(OverviewStore);

}  // namespace
}  // namespace koers::store
