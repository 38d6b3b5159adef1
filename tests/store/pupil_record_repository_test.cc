// The pupil's record read from the store on SQLite and PostgreSQL: everything Koers holds of a
// pupil in one read, as of an instant, with the signals the teacher dismissed left out.
#include "store/pupil_record_repository.h"

#include <gtest/gtest.h>

#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_repository.h"
#include "store/signal_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class PupilRecordStore : public testing::StoreTest {
 protected:
  Id school = 0, group = 0, plusklas = 0, pupil = 0, loner = 0, autumn = 0, spring = 0;
  domain::Principal teacher;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    OneGroup one = school_with_one_group();
    school = one.school, group = one.group, pupil = one.pupil;
    teacher = ib_of(school);
    db->write([&](soci::session& sql) {
      Id year = 0;
      sql << "SELECT school_year_id FROM school_groups WHERE id = :g", soci::use(group), soci::into(year);
      sql << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, year_group, kind) VALUES (:s, :y, "
             "'PK', 'Plusklas', '5', 'combined') RETURNING id",
          soci::use(school), soci::use(year), soci::into(plusklas);
      sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L2', 'Daan', "
             "'de Vries', 'x') RETURNING id",
          soci::use(school), soci::into(loner);
      sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L3', 'Noor', "
             "'Smit', 'x')",
          soci::use(school);
      // Sanne in group 5 (leerjaar 5) and the plusklas; a classmate in leerjaar 6.
      sql << "INSERT INTO enrolments (pupil_id, group_id, year_group) VALUES (:p, :g, '5')", soci::use(pupil),
          soci::use(group);
      sql << "INSERT INTO enrolments (pupil_id, group_id, year_group) VALUES (:p, :g, '5')", soci::use(pupil),
          soci::use(plusklas);
      sql << "INSERT INTO enrolments (pupil_id, group_id, year_group) SELECT id, :g, '6' FROM pupils WHERE edex_key = "
             "'L3'",
          soci::use(group);
      // The spring period first: the record orders by date.
      sql << "INSERT INTO periods (school_id, school_year_id, name, starts_on, ends_on) VALUES (:s, :y, 'Periode 2', "
             "'2027-02-01', '2027-07-31') RETURNING id",
          soci::use(school), soci::use(year), soci::into(spring);
      sql << "INSERT INTO periods (school_id, school_year_id, name, starts_on, ends_on) VALUES (:s, :y, 'Periode 1', "
             "'2026-08-01', '2027-01-31') RETURNING id",
          soci::use(school), soci::use(year), soci::into(autumn);
      sql << "INSERT INTO level_cutoffs (school_id, subject, moment, boundaries) VALUES (:s, 'Spelling', 'M5', "
             "'100;110;120;130')",
          soci::use(school);
    });
    result(pupil, "M4", "2026-01-20", "II", 125.0);
    result(pupil, "M5", "2026-06-01", "V", std::nullopt);
  }

  void result(Id who, const std::string& moment, const std::string& taken_on, const std::string& level,
              std::optional<double> score) {
    db->write([&](soci::session& sql) {
      int position = domain::parse_test_moment(moment)->position();
      soci::indicator ind = score ? soci::i_ok : soci::i_null;
      double value = score.value_or(0);
      sql << "INSERT INTO test_results (pupil_id, subject, moment, moment_position, taken_on, ability_score, level, "
             "source, entered_by, entered_at) VALUES (:p, 'Spelling', :m, :mp, :t, :a, :l, 'test', 'x', :t2)",
          soci::use(who), soci::use(moment), soci::use(position), soci::use(taken_on), soci::use(value, ind),
          soci::use(level), soci::use(taken_on);
    });
  }

  // A pupil discussion of Sanne on `on`, held (or still planned).
  Id discussion(domain::Date on, bool held) {
    domain::Meeting m = domain::new_meeting(domain::MeetingKind::kPupilDiscussion, school, on);
    m.pupil_id = pupil;
    m.outcome = domain::PupilDiscussionOutcome::kStartIhp;
    Id id = MeetingRepository(*db).create(m, teacher);
    if (held)
      db->write([&](soci::session& sql) {
        sql << "UPDATE meetings SET status = 'gehouden' WHERE id = :i", soci::use(id);
      });
    return id;
  }
};

TEST_P(PupilRecordStore, APupilInAGroupWithEverythingKoersHoldsOfThem) {
  domain::OverviewEntry e;
  e.pupil_id = pupil;
  e.kind = domain::EntryKind::kProtective;
  e.text = "Helpt graag anderen";
  ASSERT_EQ(OverviewRepository(*db).add_entry(e, domain::overview_subjects({"5"}), teacher), std::nullopt);
  OverviewRepository(*db).set_approach(pupil, "Spelling", domain::Approach::kIntensive, teacher);
  domain::GroupOverview o;
  o.group.id = group;
  o.subjects = {"Spelling"};
  domain::GroupPlan plan = domain::new_group_plan(o, autumn);
  plan.subjects[0].subgroups[0].pupils = {pupil};
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(PlanRepository(*db).save(plan, 0, teacher)));
  plan.subjects[0].basic_offer = "Staal, les 21-40";
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(PlanRepository(*db).save(plan, 1, teacher)));
  const Id earlier = discussion({2026, 10, 5}, true);
  discussion({2026, 12, 1}, false);

  auto r = PupilRecordRepository(*db).read(pupil, kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->pupil_id, pupil);
  EXPECT_EQ(r->name, "Sanne Bakker");
  EXPECT_EQ(r->school_id, school);
  EXPECT_EQ(r->group_id, group) << "in a group and the plusklas: the lower id, as the groeidocument always took";
  EXPECT_EQ(r->year_group, "5");
  EXPECT_EQ(r->subjects, domain::overview_subjects({"5", "6"}));
  EXPECT_EQ(r->line.name, "Sanne Bakker");
  EXPECT_EQ(r->line.pupil_number, "L1");
  ASSERT_EQ(r->line.entries.size(), 1u);
  EXPECT_EQ(r->line.entries[0].text, "Helpt graag anderen");
  ASSERT_EQ(r->line.approaches.size(), 1u);
  EXPECT_EQ(r->line.approaches[0].approach, domain::Approach::kIntensive);
  ASSERT_EQ(r->line.results.size(), 2u);
  EXPECT_EQ(r->line.results[0].moment.label(), "M4");
  EXPECT_FALSE(r->line.signals.empty()) << "level V at M5";
  ASSERT_EQ(r->plans.size(), 1u) << "Periode 2 has no plan";
  EXPECT_EQ(r->plans[0].period_name, "Periode 1");
  EXPECT_EQ(r->plans[0].plan.version, 2) << "the latest version";
  EXPECT_EQ(r->plans[0].plan.subjects[0].basic_offer, "Staal, les 21-40");
  EXPECT_EQ(r->plans[0].plan.subjects[0].subgroups[0].pupils, std::vector<Id>{pupil});
  ASSERT_EQ(r->meetings.size(), 2u);
  EXPECT_EQ(r->meetings[1].id, earlier) << "newest first, as stored";
  EXPECT_EQ(r->results.size(), 2u);
  ASSERT_EQ(r->cutoffs.size(), 1u) << "a result has an ability score: the chart draws the bands";

  auto facts = domain::growth_document_facts(*r, 0);
  ASSERT_EQ(facts.earlier.size(), 1u) << "only the held one";
  EXPECT_EQ(facts.earlier[0].on, (domain::Date{2026, 10, 5}));
  EXPECT_TRUE(domain::growth_document_facts(*r, earlier).earlier.empty()) << "not the meeting being written";
}

TEST_P(PupilRecordStore, TheRecordListsThePupilsIhpsNewestTermFirst) {
  IhpRepository ihps(*db);
  domain::Ihp first;
  first.pupil_id = pupil;
  first.starts_on = {2026, 9, 1};
  first.ends_on = {2026, 12, 18};
  const Id older = ihps.create(first, school, teacher).id;
  domain::Ihp second = first;
  second.starts_on = {2027, 1, 5};
  second.ends_on = {2027, 3, 26};
  const Id newer = ihps.create(second, school, teacher).id;
  ihps.set_status(older, domain::IhpStatus::kClosed, domain::IhpOutcome::kNewAdjustedIhp, teacher);
  auto record = PupilRecordRepository(*db).read(pupil, kNow);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->ihps.size(), 2u);
  EXPECT_EQ(record->ihps[0].id, newer);
  EXPECT_EQ(record->ihps[1].id, older);
  EXPECT_EQ(record->ihps[1].outcome, domain::IhpOutcome::kNewAdjustedIhp);
  EXPECT_EQ(domain::growth_document_facts(*record, 0).ihps.size(), 2u);
  EXPECT_TRUE(PupilRecordRepository(*db).read(loner, kNow)->ihps.empty());
}

// What the dyslexia evidence counts from: the plans in full with their ticked-off sessions (of
// every plan, not only the running one) and the school's holidays, in the same read.
TEST_P(PupilRecordStore, TheRecordCarriesThePlansSessionsAndTheSchoolsHolidays) {
  IhpRepository ihps(*db);
  domain::Ihp plan;
  plan.pupil_id = pupil;
  plan.starts_on = {2026, 9, 7};
  plan.ends_on = {2026, 12, 18};
  domain::IhpGoal goal;
  goal.number = 1;
  goal.area = "Technisch lezen";
  goal.text = "Leest DMT-kaart 1 vlotter";
  plan.goals.push_back(goal);
  plan.organisation.push_back(domain::OrganisationLine{1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"});
  plan = ihps.create(plan, school, teacher);
  ihps.log_session(plan.id, {1, {2026, 9, 9}, true, 20, "", "RT"}, teacher);
  ihps.log_session(plan.id, {1, {2026, 9, 7}, false, 0, "ziek", "RT"}, teacher);
  db->write([&](soci::session& sql) {
    sql << "INSERT INTO school_holidays (school_id, name, starts_on, ends_on) VALUES (:s, 'Herfstvakantie', "
           "'2026-10-19', '2026-10-23')",
        soci::use(school);
  });
  auto record = PupilRecordRepository(*db).read(pupil, kNow);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->ihp_plans.size(), 1u);
  const domain::Ihp& read = record->ihp_plans[0];
  EXPECT_EQ(read.id, plan.id);
  ASSERT_EQ(read.goals.size(), 1u);
  EXPECT_EQ(read.goals[0].area, "Technisch lezen");
  ASSERT_EQ(read.sessions.size(), 2u);
  EXPECT_EQ(read.sessions[0].on, (domain::Date{2026, 9, 7})) << "by day";
  EXPECT_FALSE(read.sessions[0].given);
  EXPECT_EQ(read.sessions[1].minutes, 20);
  ASSERT_EQ(record->holidays.size(), 1u);
  EXPECT_EQ(record->holidays[0].name, "Herfstvakantie");
  EXPECT_TRUE(PupilRecordRepository(*db).read(loner, kNow)->ihp_plans.empty());
}

// The plusklas made before the pupil's own group: still the group is the current one, in
// the record and in the pupil's scope (which the pages and the IHP take the group from).
TEST_P(PupilRecordStore, APupilInTheirGroupAndAnOlderPlusklasBelongsToTheGroup) {
  Id later_group = 0, emma = 0;
  db->write([&](soci::session& sql) {
    Id year = 0;
    sql << "SELECT school_year_id FROM school_groups WHERE id = :g", soci::use(group), soci::into(year);
    sql << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, year_group) VALUES (:s, :y, 'G6', "
           "'6', '6') RETURNING id",
        soci::use(school), soci::use(year), soci::into(later_group);
    sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L4', 'Emma', "
           "'Jansen', 'x') RETURNING id",
        soci::use(school), soci::into(emma);
    sql << "INSERT INTO enrolments (pupil_id, group_id, year_group) VALUES (:p, :g, '6')", soci::use(emma),
        soci::use(plusklas);
    sql << "INSERT INTO enrolments (pupil_id, group_id, year_group) VALUES (:p, :g, '6')", soci::use(emma),
        soci::use(later_group);
  });
  ASSERT_LT(plusklas, later_group);
  auto record = PupilRecordRepository(*db).read(emma, kNow);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->group_id, later_group);
  auto scope = PupilRepository(*db).scope(emma);
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->current_group_ids, (std::vector<Id>{later_group, plusklas}));
}

TEST_P(PupilRecordStore, ASignalTheTeacherDismissedNoLongerCounts) {
  auto before = PupilRecordRepository(*db).read(pupil, kNow);
  ASSERT_TRUE(before);
  auto has_low = [](const domain::PupilRecord& r) {
    for (const auto& s : r.line.signals)
      if (s.rule == domain::SignalRule::kLevelLow && s.subject == "Spelling") return true;
    return false;
  };
  ASSERT_TRUE(has_low(*before));
  const size_t all = before->line.signals.size();
  ASSERT_EQ(SignalRepository(*db).decide(pupil, signal_key("niveau-laag", "Spelling", "M5"), "afgewezen",
                                         "Was ziek tijdens de toets", teacher),
            std::nullopt);
  auto after = PupilRecordRepository(*db).read(pupil, kNow);
  EXPECT_FALSE(has_low(*after));
  EXPECT_EQ(after->line.signals.size(), all - 1) << "the others still count";
}

TEST_P(PupilRecordStore, AsOfAnInstantOnlyWhatWasThereThen) {
  auto r = PupilRecordRepository(*db).read(pupil, "2026-03-01");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->results.size(), 1u);
  EXPECT_EQ(r->results[0].moment.label(), "M4");
  EXPECT_EQ(r->line.results.size(), 1u);
  EXPECT_TRUE(r->line.entries.empty());
}

TEST_P(PupilRecordStore, APupilInNoGroupHasTheirNameAndResultsOnly) {
  result(loner, "M5", "2026-06-01", "III", 118.0);
  auto r = PupilRecordRepository(*db).read(loner, kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "Daan de Vries");
  EXPECT_EQ(r->line.name, "Daan de Vries");
  EXPECT_EQ(r->group_id, 0);
  EXPECT_EQ(r->year_group, "");
  EXPECT_TRUE(r->subjects.empty());
  EXPECT_TRUE(r->line.results.empty());
  EXPECT_TRUE(r->plans.empty());
  EXPECT_EQ(r->results.size(), 1u) << "the chart of the stamkaart needs no group";
  EXPECT_EQ(r->cutoffs.size(), 1u);
}

TEST_P(PupilRecordStore, NoCutOffsWithoutAScoreToDrawAndNoRecordOfAPupilThatDoesNotExist) {
  result(loner, "M5", "2026-06-01", "III", std::nullopt);
  auto r = PupilRecordRepository(*db).read(loner, kNow);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->cutoffs.empty());
  EXPECT_FALSE(PupilRecordRepository(*db).read(987654, kNow));
}

KOERS_STORE_TEST_SUITE(PupilRecordStore);

}  // namespace
}  // namespace koers::store
