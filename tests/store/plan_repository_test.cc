// Group plans on SQLite and PostgreSQL: every save a version, a stale save refused and
// nothing lost, two saves at once: one wins.
#include "store/plan_repository.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/audit_log.h"
#include "store/overview_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class PlanStore : public testing::StoreTest {
 protected:
  Id school = 0, group = 0, pupil = 0;
  domain::Principal teacher;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    OneGroup one = school_with_one_group();
    school = one.school, group = one.group, pupil = one.pupil;
    teacher.username = "leerkracht";
    teacher.display_name = "Joost Peters";
    teacher.role = domain::Role::kTeacher;
    teacher.school_id = school;
  }
  domain::GroupPlan plan(const std::string& basic_offer) {
    domain::GroupOverview o;
    o.group.id = group;
    o.subjects = {"Spelling"};
    domain::GroupPlan p = domain::new_group_plan(o, 7);
    p.subjects[0].basic_offer = basic_offer;
    p.subjects[0].subgroups[0].pupils = {pupil};
    domain::PlanGoal goal;
    goal.text = "Bij de E5-toets scoort de groep niveau III.";
    goal.verdict = domain::GoalVerdict::kPartly;
    goal.pupils.push_back({pupil, domain::GoalVerdict::kNotReached, "Spelling E5: niveau IV, doel III of hoger", true});
    p.subjects[0].subgroups[0].goals.push_back(goal);
    p.week.push_back({2, "08:45", "Spelling", "basisinstructie", "verlengde instructie", "zelfstandig", "verrijking"});
    return p;
  }
};

TEST_P(PlanStore, EverySaveIsAVersionAndEachStaysReadable) {
  EXPECT_FALSE(PlanRepository(*db).latest(group, 7));
  auto first = PlanRepository(*db).save(plan("Methode Staal, les 1-20"), 0, teacher);
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(first));
  EXPECT_EQ(std::get<domain::GroupPlan>(first).version, 1);
  auto second = PlanRepository(*db).save(plan("Methode Staal, les 21-40"), 1, teacher);
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(second));

  auto latest = PlanRepository(*db).latest(group, 7);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->subjects[0].basic_offer, "Methode Staal, les 21-40");
  EXPECT_EQ(latest->subjects[0].subgroups[0].pupils, std::vector<Id>{pupil});
  EXPECT_EQ(latest->subjects[0].subgroups[0].goals[0].text, "Bij de E5-toets scoort de groep niveau III.");
  EXPECT_EQ(latest->saved_by, "Joost Peters");
  const domain::PlanGoal& goal = latest->subjects[0].subgroups[0].goals[0];
  EXPECT_EQ(goal.verdict, domain::GoalVerdict::kPartly);
  ASSERT_EQ(goal.pupils.size(), 1u);
  EXPECT_EQ(goal.pupils[0].evidence, "Spelling E5: niveau IV, doel III of hoger");
  EXPECT_TRUE(goal.pupils[0].confirmed);
  ASSERT_EQ(latest->week.size(), 1u);
  EXPECT_EQ(latest->week[0].day, 2);
  EXPECT_EQ(latest->week[0].intensive, "verlengde instructie");
  EXPECT_EQ(PlanRepository(*db).version(group, 7, 1)->subjects[0].basic_offer, "Methode Staal, les 1-20");
  auto versions = PlanRepository(*db).versions(group, 7);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_FALSE(PlanRepository(*db).latest(group, 8)) << "another period has its own plan";
}

// A version is read from its stored text every time: the same text is parsed once, but what
// a caller changes in the plan it got, or a text put back underneath (a restore), shows at once.
TEST_P(PlanStore, AVersionReadsAsItsStoredTextNowWhateverWasReadBefore) {
  PlanRepository(*db).save(plan("Methode Staal, les 1-20"), 0, teacher);
  auto read = PlanRepository(*db).latest(group, 7);
  ASSERT_TRUE(read);
  read->subjects[0].basic_offer = "changed by the caller";
  EXPECT_EQ(PlanRepository(*db).latest(group, 7)->subjects[0].basic_offer, "Methode Staal, les 1-20");

  const std::string body = db->read([&](soci::session& sql) {
    std::string b;
    sql << "SELECT body FROM group_plans WHERE group_id = :g AND version = 1", soci::use(group), soci::into(b);
    return b;
  });
  std::string restored = body;
  const std::string from = "les 1-20";
  restored.replace(restored.find(from), from.size(), "les 41-60");
  db->write([&](soci::session& sql) {
    sql << "UPDATE group_plans SET body = :b WHERE group_id = :g AND version = 1", soci::use(restored),
        soci::use(group);
  });
  EXPECT_EQ(PlanRepository(*db).latest(group, 7)->subjects[0].basic_offer, "Methode Staal, les 41-60");
  EXPECT_EQ(PlanRepository(*db).version(group, 7, 1)->subjects[0].basic_offer, "Methode Staal, les 41-60");
}

TEST_P(PlanStore, AStaleSaveIsRefusedAndChangesNothing) {
  PlanRepository(*db).save(plan("v1"), 0, teacher);
  PlanRepository(*db).save(plan("v2 van de IB"), 1, teacher);
  long long audit = AuditLog(*db).count();
  auto stale = PlanRepository(*db).save(plan("v2 van de leerkracht, op v1 gebaseerd"), 1, teacher);
  ASSERT_TRUE(std::holds_alternative<PlanConflict>(stale));
  EXPECT_EQ(std::get<PlanConflict>(stale).latest_version, 2);
  EXPECT_EQ(PlanRepository(*db).latest(group, 7)->subjects[0].basic_offer, "v2 van de IB");
  EXPECT_EQ(AuditLog(*db).count(), audit);
  EXPECT_TRUE(std::holds_alternative<PlanConflict>(PlanRepository(*db).save(plan("eerste?"), 0, teacher)));
}

TEST_P(PlanStore, TwoSavesOnTheSameVersionAtOnceOneWins) {
  PlanRepository(*db).save(plan("v1"), 0, teacher);
  for (int round = 0; round < 5; ++round) {
    const int based_on = PlanRepository(*db).latest(group, 7)->version;
    std::variant<domain::GroupPlan, PlanConflict> a, b;
    std::thread ta([&] { a = PlanRepository(*db).save(plan("a"), based_on, teacher); });
    std::thread tb([&] { b = PlanRepository(*db).save(plan("b"), based_on, teacher); });
    ta.join();
    tb.join();
    EXPECT_NE(std::holds_alternative<domain::GroupPlan>(a), std::holds_alternative<domain::GroupPlan>(b)) << round;
    EXPECT_EQ(PlanRepository(*db).latest(group, 7)->version, based_on + 1);
  }
}

TEST_P(PlanStore, TheOverviewsApproachFollowsThePlanInTheSameSave) {
  OverviewRepository overview(*db);
  overview.set_approach(pupil, "Spelling", domain::Approach::kBasic, teacher);
  PlanRepository(*db).save(plan("v1"), 0, teacher);  // the plan puts the pupil in intensief
  auto approaches = overview.approaches({pupil}, kNow)[pupil];
  ASSERT_EQ(approaches.size(), 1u);
  EXPECT_EQ(approaches[0].approach, domain::Approach::kIntensive);
  EXPECT_EQ(approaches[0].set_by, "Joost Peters");

  // A refused save moves nobody.
  domain::GroupPlan moved = plan("stale");
  std::swap(moved.subjects[0].subgroups[0].pupils, moved.subjects[0].subgroups[2].pupils);
  ASSERT_TRUE(std::holds_alternative<PlanConflict>(PlanRepository(*db).save(moved, 0, teacher)));
  EXPECT_EQ(overview.approaches({pupil}, kNow)[pupil][0].approach, domain::Approach::kIntensive);
}

TEST_P(PlanStore, ClosingTheEvaluationAddsTheNeedsWithTheVersionOrNothing) {
  PlanRepository(*db).save(plan("v1"), 0, teacher);
  domain::GroupPlan closed = plan("v1");
  closed.evaluation_closed = true;
  auto needs = domain::needs_from_evaluation(closed, "Periode 1");
  ASSERT_EQ(needs.size(), 1u);
  auto saved = PlanRepository(*db).save(closed, 1, teacher, needs, {"Spelling"});
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(saved));
  auto entries = OverviewRepository(*db).entries({pupil}, kNow)[pupil];
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, domain::EntryKind::kSubjectNeed);
  EXPECT_EQ(entries[0].topic, "Spelling");
  EXPECT_EQ(entries[0].written_by, "Joost Peters");
  EXPECT_TRUE(PlanRepository(*db).latest(group, 7)->evaluation_closed);

  // A stale close adds no needs.
  ASSERT_TRUE(std::holds_alternative<PlanConflict>(PlanRepository(*db).save(closed, 1, teacher, needs, {"Spelling"})));
  EXPECT_EQ(OverviewRepository(*db).entries({pupil}, kNow)[pupil].size(), 1u);
}

TEST_P(PlanStore, ASentVersionIsMarkedOnceAndLaterSavesAreNewVersions) {
  PlanRepository(*db).save(plan("v1"), 0, teacher);
  EXPECT_EQ(PlanRepository(*db).send(group, 7, 1, teacher), std::nullopt);
  EXPECT_EQ(PlanRepository(*db).send(group, 7, 1, teacher), "Versie 1 is al naar de IB verstuurd.");
  EXPECT_EQ(PlanRepository(*db).send(group, 7, 2, teacher), "Versie 2 van dit groepsplan bestaat niet.");
  PlanRepository(*db).save(plan("v2, na het versturen"), 1, teacher);
  auto versions = PlanRepository(*db).versions(group, 7);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].sent_by, "Joost Peters");
  EXPECT_FALSE(versions[0].sent_at.empty());
  EXPECT_TRUE(versions[1].sent_at.empty());
  EXPECT_EQ(PlanRepository(*db).version(group, 7, 1)->subjects[0].basic_offer, "v1") << "the sent version stays as it was";
}

TEST_P(PlanStore, NewDatesForAPeriodKeepItsPlanAndAPeriodWithAPlanStays) {
  SchoolRepository schools(*db);
  domain::Principal head = teacher;
  head.role = domain::Role::kHead;
  SchoolSettings settings{"De Test", "Utrecht",
                          {{0, school, 0, "Periode 1", {2026, 8, 1}, {2026, 11, 30}},
                           {0, school, 0, "Periode 2", {2026, 12, 1}, {2027, 3, 31}}},
                          {}};
  ASSERT_EQ(schools.save_settings(school, settings, head), std::nullopt);
  auto year = schools.current_school_year(school);
  ASSERT_TRUE(year);
  auto before = schools.periods(school, year->id);
  ASSERT_EQ(before.size(), 2u);
  domain::GroupPlan p = plan("Staal");
  p.period_id = before[0].id;
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(PlanRepository(*db).save(p, 0, teacher)));

  settings.periods[0].ends_on = {2026, 11, 22};
  settings.periods[1].starts_on = {2026, 11, 23};
  ASSERT_EQ(schools.save_settings(school, settings, head), std::nullopt);
  auto after = schools.periods(school, year->id);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].id, before[0].id);
  EXPECT_EQ(after[0].ends_on, (domain::Date{2026, 11, 22}));
  EXPECT_EQ(after[1].id, before[1].id);
  EXPECT_TRUE(PlanRepository(*db).latest(group, after[0].id));

  SchoolSettings fewer{"De Test", "Utrecht", {{0, school, 0, "Hele jaar", {2026, 8, 1}, {2027, 7, 31}}}, {}};
  EXPECT_EQ(schools.save_settings(school, fewer, head), std::nullopt) << "period 2 has no plan: it may go";
  settings.periods = {};
  EXPECT_EQ(schools.save_settings(school, settings, head), "Hele jaar: deze periode heeft groepsplannen en kan niet weg.");
  EXPECT_EQ(schools.periods(school, year->id).size(), 1u);
  EXPECT_EQ(schools.find_school(school)->name, "De Test") << "nothing changed";
}

KOERS_STORE_TEST_SUITE(PlanStore);

}  // namespace
}  // namespace koers::store
