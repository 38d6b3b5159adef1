// The pupil's record, assembled once from what the store read of them: what goes into it and
// in which order; and the groeidocument as a view of it (earlier discussions, the meeting
// being written left out).
#include "domain/pupil_record.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "builders.h"

namespace koers::domain {
namespace {

using testing::result;

Period period(Id id, const char* name, Date from, Date to) {
  Period p;
  p.id = id;
  p.name = name;
  p.starts_on = from;
  p.ends_on = to;
  return p;
}

GroupPlan plan_of(Id period_id, const char* subject) {
  GroupPlan p;
  p.period_id = period_id;
  p.version = 1;
  p.subjects.push_back(testing::subject_plan(subject));
  return p;
}

Meeting discussion(Id id, MeetingStatus status, std::optional<Date> on, PupilDiscussionOutcome outcome,
                   const std::string& last_notes) {
  Meeting m = new_meeting(MeetingKind::kPupilDiscussion, 1, on);
  m.id = id;
  m.status = status;
  m.outcome = outcome;
  if (!m.steps.empty()) m.steps.back().notes = last_notes;
  return m;
}

// A pupil in group 6 (and a 7 in the same combination group) with a result, an entry and
// two periods, the later one given first.
PupilRecordParts pupil_in_a_group() {
  PupilRecordParts p;
  p.pupil_id = 7;
  p.school_id = 1;
  p.name = "Roos van der Meer";
  p.pupil_number = "L7";
  p.group_id = 3;
  p.year_group = "6";
  p.group_year_groups = {"7", "6", "6", ""};
  p.approaches = {{"Rekenen-Wiskunde", Approach::kIntensive, "juf Anna", "2026-10-01T08:00:00Z"}};
  OverviewEntry e;
  e.kind = EntryKind::kHindering;
  e.text = "Raakt snel afgeleid";
  p.entries = {e};
  p.results = {result("Rekenen-Wiskunde", "M5", 3), result("Rekenen-Wiskunde", "M6", 5)};
  p.reading_levels = {{*parse_test_moment("M5"), "E5", {2026, 1, 20}, "x"},
                      {*parse_test_moment("M6"), "M6", {2026, 6, 1}, "x"}};
  p.periods = {period(12, "Periode 2", {2027, 2, 1}, {2027, 7, 31}),
               period(11, "Periode 1", {2026, 8, 1}, {2027, 1, 31}),
               period(13, "Periode 3", {2027, 8, 1}, {2027, 8, 31})};
  p.plans = {plan_of(12, "Spelling"), plan_of(11, "Rekenen-Wiskunde"), std::nullopt};
  p.meetings = {discussion(40, MeetingStatus::kHeld, Date{2026, 11, 2}, PupilDiscussionOutcome::kStartIhp, "")};
  return p;
}

TEST(PupilRecord, APupilInAGroupHasTheGroupsSubjectsTheirOverviewLineAndSignalsOnIt) {
  PupilRecord r = assemble_pupil_record(pupil_in_a_group());
  EXPECT_EQ(r.pupil_id, 7);
  EXPECT_EQ(r.name, "Roos van der Meer");
  EXPECT_EQ(r.year_group, "6");
  EXPECT_EQ(r.school_id, 1);
  EXPECT_EQ(r.group_id, 3);
  EXPECT_EQ(r.subjects, overview_subjects({"6", "7"}));  // every leerjaar of the group, once
  EXPECT_EQ(r.line.pupil_id, 7);
  EXPECT_EQ(r.line.name, "Roos van der Meer");
  EXPECT_EQ(r.line.pupil_number, "L7");
  EXPECT_EQ(r.line.year_group, "6");
  ASSERT_EQ(r.line.approaches.size(), 1u);
  ASSERT_EQ(r.line.entries.size(), 1u);
  ASSERT_EQ(r.line.results.size(), 2u);
  EXPECT_EQ(r.line.results[1].moment.label(), "M6");  // career order kept
  ASSERT_TRUE(r.line.reading_level);
  EXPECT_EQ(r.line.reading_level->avi_level, "M6");  // the latest
  // Level V at M6 under the default rules: a signal, as the overview evaluates it.
  ASSERT_FALSE(r.line.signals.empty());
  auto expected = evaluate_signals(SignalRules{}, r.line.results);
  ASSERT_EQ(r.line.signals.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(r.line.signals[i].evidence, expected[i].evidence);
  EXPECT_EQ(r.results.size(), 2u);
  ASSERT_EQ(r.meetings.size(), 1u);
}

TEST(PupilRecord, PlansInPeriodOrderWithTheirNamesAndAPeriodWithoutAPlanLeftOut) {
  PupilRecord r = assemble_pupil_record(pupil_in_a_group());
  ASSERT_EQ(r.plans.size(), 2u);
  EXPECT_EQ(r.plans[0].period_name, "Periode 1");
  EXPECT_EQ(r.plans[0].plan.period_id, 11);
  EXPECT_EQ(r.plans[0].plan.subjects[0].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(r.plans[1].period_name, "Periode 2");
  EXPECT_EQ(r.plans[1].plan.period_id, 12);
}

// Earlier school years' plans: those that place the pupil (a subgroup or an own line), by
// period start; a plan of the old group without the pupil is left out. They stay when the
// pupil is in no group now (a pupil who left keeps the help they got in their dossier).
TEST(PupilRecord, EarlierYearsPlansThatPlaceThePupilByPeriodStart) {
  PupilRecordParts p = pupil_in_a_group();
  GroupPlan subgroup = plan_of(5, "Spelling"), own_line = plan_of(4, "Rekenen-Wiskunde"),
            without = plan_of(6, "Spelling");
  subgroup.subjects[0].subgroups[0].pupils = {7};
  own_line.subjects[0].individual = {{7, "eigen leerlijn rekenen"}};
  without.subjects[0].subgroups[0].pupils = {8};
  p.earlier_plans = {{subgroup, "Periode 2 2025-2026", {2025, 12, 1}, {2026, 3, 31}},
                     {without, "Periode 3 2025-2026", {2026, 4, 1}, {2026, 7, 31}},
                     {own_line, "Periode 1 2025-2026", {2025, 8, 1}, {2025, 11, 30}}};
  PupilRecord r = assemble_pupil_record(p);
  ASSERT_EQ(r.earlier_plans.size(), 2u);
  EXPECT_EQ(r.earlier_plans[0].period_name, "Periode 1 2025-2026");
  EXPECT_EQ(r.earlier_plans[1].period_name, "Periode 2 2025-2026");
  EXPECT_EQ(r.plans.size(), 2u) << "this year's plans are apart";
  p.group_id = 0;
  p.plans.clear();
  EXPECT_EQ(assemble_pupil_record(p).earlier_plans.size(), 2u);
}

TEST(PupilRecord, APupilInNoCurrentGroupHasTheirNameOnlyButKeepsResultsAndMeetings) {
  PupilRecordParts p = pupil_in_a_group();
  p.group_id = 0;
  p.plans.clear();  // not needed without a group
  PupilRecord r = assemble_pupil_record(p);
  EXPECT_EQ(r.group_id, 0);
  EXPECT_EQ(r.line.pupil_id, 7);
  EXPECT_EQ(r.line.name, "Roos van der Meer");
  EXPECT_EQ(r.year_group, "");
  EXPECT_EQ(r.line.year_group, "");
  EXPECT_TRUE(r.subjects.empty());
  EXPECT_TRUE(r.line.approaches.empty());
  EXPECT_TRUE(r.line.entries.empty());
  EXPECT_TRUE(r.line.results.empty());
  EXPECT_TRUE(r.line.signals.empty());
  EXPECT_FALSE(r.line.reading_level);
  EXPECT_TRUE(r.plans.empty());
  // The chart and the earlier discussions do not depend on a group.
  EXPECT_EQ(r.results.size(), 2u);
  EXPECT_EQ(r.meetings.size(), 1u);

  GrowthDocumentFacts f = growth_document_facts(r, 0);
  EXPECT_EQ(f.name, "Roos van der Meer");
  EXPECT_TRUE(f.subjects.empty());
  EXPECT_TRUE(f.plans.empty());
  EXPECT_EQ(f.summary, "Koers heeft nog geen resultaten, aanpak of factoren van deze leerling.");
  EXPECT_EQ(f.earlier.size(), 1u);
}

TEST(PupilRecord, OnePlanOrNoneForEachPeriodOrItIsTheStoresBug) {
  PupilRecordParts p = pupil_in_a_group();
  p.plans.pop_back();
  EXPECT_THROW(assemble_pupil_record(p), std::invalid_argument);
}

TEST(PupilRecord, CutOffsAreNeededOnlyWhenTheChartDrawsAScore) {
  std::vector<StandardisedResult> results{result("Spelling", "M5", 2)};
  EXPECT_FALSE(chart_needs_cutoffs({}));
  EXPECT_FALSE(chart_needs_cutoffs(results));
  results.push_back(result("Spelling", "M6", 2));
  results.back().ability_score = 141.5;
  EXPECT_TRUE(chart_needs_cutoffs(results));
}

TEST(PupilRecord, EarlierDiscussionsAreTheHeldAndReportedOnesWithADateButNotTheOneBeingWritten) {
  const std::vector<Meeting> meetings = {
      discussion(5, MeetingStatus::kReported, Date{2027, 3, 1}, PupilDiscussionOutcome::kCareTeam, "Aanmelden in april"),
      discussion(4, MeetingStatus::kHeld, Date{2027, 2, 1}, PupilDiscussionOutcome::kAdjustApproach, ""),
      discussion(3, MeetingStatus::kPlanned, Date{2027, 1, 10}, PupilDiscussionOutcome::kNone, "nog niet"),
      discussion(2, MeetingStatus::kSent, Date{2027, 1, 5}, PupilDiscussionOutcome::kNone, ""),
      discussion(1, MeetingStatus::kHeld, std::nullopt, PupilDiscussionOutcome::kFollowUp, ""),
  };
  auto all = earlier_discussions(meetings, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].on, (Date{2027, 3, 1}));
  EXPECT_EQ(all[0].kind_label, "Leerlingbespreking");
  EXPECT_EQ(all[0].summary, "aanmelden bij het zorgteam. Aanmelden in april");
  EXPECT_EQ(all[1].summary, "aanpak in het groepsplan aanpassen");  // no notes: the outcome alone

  auto while_writing = earlier_discussions(meetings, 5);  // the report of meeting 5 is being written
  ASSERT_EQ(while_writing.size(), 1u);
  EXPECT_EQ(while_writing[0].on, (Date{2027, 2, 1}));
}

TEST(PupilRecord, TheGroeidocumentOfTheRecordIsTheDocumentOfItsParts) {
  PupilRecordParts parts = pupil_in_a_group();
  parts.meetings.push_back(discussion(41, MeetingStatus::kReported, Date{2027, 1, 12},
                                      PupilDiscussionOutcome::kFollowUp, "Na de toetsen"));
  PupilRecord r = assemble_pupil_record(parts);
  GrowthDocumentFacts f = growth_document_facts(r, 41);
  GrowthDocumentFacts expected =
      growth_document_facts(r.line, r.subjects, {&r.plans[0].plan, &r.plans[1].plan}, {"Periode 1", "Periode 2"},
                            earlier_discussions(r.meetings, 41));
  EXPECT_EQ(f.summary, expected.summary);
  EXPECT_EQ(f.subjects.size(), expected.subjects.size());
  ASSERT_EQ(f.plans.size(), 2u);
  EXPECT_EQ(f.plans[0].period_name, "Periode 1");
  EXPECT_EQ(f.plans[1].period_name, "Periode 2");
  ASSERT_EQ(f.earlier.size(), 1u);  // 41 is the meeting being written
  EXPECT_EQ(f.earlier[0].on, (Date{2026, 11, 2}));
  EXPECT_EQ(f.signals.size(), expected.signals.size());
  EXPECT_FALSE(f.signals.empty());
  EXPECT_NE(f.summary.find("Rekenen-Wiskunde (niveau V in M6"), std::string::npos) << f.summary;
}

}  // namespace
}  // namespace koers::domain
