// The groepsplan's shape: a new plan starts from the overview's division; a plan that
// places a pupil twice, outside the group or without a subgroup is not saved.
#include "domain/group_plan.h"

#include <gtest/gtest.h>

#include <map>

namespace koers::domain {
namespace {

GroupOverview overview() {
  GroupOverview o;
  o.group.id = 5;
  o.subjects = {"Spelling", "Rekenen-Wiskunde"};
  for (Id id : {1, 2, 3}) {
    OverviewLine l;
    l.pupil_id = id;
    o.lines.push_back(l);
  }
  o.lines[0].approaches.push_back({"Spelling", Approach::kIntensive, "", ""});
  o.lines[1].approaches.push_back({"Spelling", Approach::kDeepened, "", ""});
  return o;
}

TEST(GroupPlan, ANewPlanStartsFromTheOverviewsDivision) {
  GroupPlan p = new_group_plan(overview(), 9);
  EXPECT_EQ(p.group_id, 5);
  EXPECT_EQ(p.period_id, 9);
  ASSERT_EQ(p.subjects.size(), 2u);
  ASSERT_EQ(p.subjects[0].subgroups.size(), 3u);
  EXPECT_EQ(p.subjects[0].subgroups[0].approach, Approach::kIntensive);
  EXPECT_EQ(p.subjects[0].subgroups[0].pupils, std::vector<Id>{1});
  EXPECT_EQ(p.subjects[0].subgroups[1].pupils, std::vector<Id>{3}) << "pupil 3 has no approach yet: basis";
  EXPECT_EQ(p.subjects[0].subgroups[2].pupils, std::vector<Id>{2});
  EXPECT_TRUE(validate_plan(p, overview().subjects, {1, 2, 3}).empty());
}

TEST(GroupPlan, WhatCannotBeSavedIsNamed) {
  GroupPlan p = new_group_plan(overview(), 9);
  p.subjects[0].subgroups[1].pupils = {1, 42};  // 1 is already intensief
  p.subjects[0].subgroups[0].goals.push_back({GoalKind::kDidactic, "  ", {}, "", "", {}, "", ""});
  p.subjects[1].subgroups.pop_back();
  p.subjects.push_back(SubjectPlan{"Gym", "", {}, {}});
  p.week = {WeekSlot{1, "8:45", "Spelling", "", "", "", ""}, WeekSlot{2, "845", "Spelling", "", "", "", ""},
            WeekSlot{3, "", "Spelling", "", "", "", ""}, WeekSlot{4, "13.15", "Spelling", "", "", "", ""},
            WeekSlot{5, "25:00", "Spelling", "", "", "", ""}};
  EXPECT_EQ(validate_plan(p, overview().subjects, {1, 2, 3}),
            (std::vector<std::string>{"Spelling, intensief: doel 1 is leeg",
                                      "Spelling, basis: leerling 1 staat al in een andere subgroep",
                                      "Spelling, basis: leerling 42 zit niet in de groep",
                                      "Rekenen-Wiskunde: het plan heeft de drie subgroepen intensief, basis en verdiept",
                                      "Gym: geen vak van het groepsplan van deze groep",
                                      "Weekplanning, dinsdag regel 2: \"845\" is geen tijd (schrijf bijvoorbeeld 8:45)",
                                      "Weekplanning, woensdag regel 3: (leeg) is geen tijd (schrijf bijvoorbeeld 8:45)",
                                      "Weekplanning, vrijdag regel 5: \"25:00\" is geen tijd (schrijf bijvoorbeeld 8:45)"}));
}

TEST(GroupPlan, TheDivisionFollowsTheOverviewAndPupilsWhoLeftLeaveThePlan) {
  GroupPlan p = new_group_plan(overview(), 9);
  p.subjects[1].subgroups[2].pupils = {3};  // rekenen: pupil 3 verdiept in the plan, no approach in the overview
  p.subjects[1].subgroups[1].pupils = {1, 2};
  p.subjects[1].individual.push_back({2, "eigen leerlijn"});
  GroupOverview now = overview();
  now.lines.erase(now.lines.begin() + 1);  // pupil 2 left
  now.lines[0].approaches[0].approach = Approach::kBasic;  // pupil 1: spelling intensief → basis in the overview
  OverviewLine newcomer;
  newcomer.pupil_id = 4;
  now.lines.push_back(newcomer);
  place_pupils(p, now);
  EXPECT_EQ(p.subjects[0].subgroups[0].pupils, std::vector<Id>{});
  EXPECT_EQ(p.subjects[0].subgroups[1].pupils, (std::vector<Id>{1, 3, 4}));
  EXPECT_EQ(p.subjects[0].subgroups[2].pupils, std::vector<Id>{}) << "pupil 2 left";
  EXPECT_EQ(p.subjects[1].subgroups[2].pupils, std::vector<Id>{3}) << "kept where the plan had them";
  EXPECT_EQ(p.subjects[1].subgroups[1].pupils, (std::vector<Id>{1, 4}));
  EXPECT_TRUE(p.subjects[1].individual.empty());
}

TEST(GroupPlan, ClosingTheEvaluationGivesNeedsForThePupilsWhoDidNotReachTheGoal) {
  GroupPlan p = new_group_plan(overview(), 9);
  SubgroupPlan& intensive = p.subjects[0].subgroups[0];  // spelling: pupil 1
  intensive.pupils = {1, 3};
  PlanGoal measured;
  measured.text = "80% goed op blok 4";
  measured.pupils = {{1, GoalVerdict::kPartly, "Spelling blok 4: 72 % (doel: 80 %)", true},
                     {3, GoalVerdict::kReached, "Spelling blok 4: 85 % (doel: 80 %)", true}};
  intensive.goals.push_back(measured);
  PlanGoal by_hand;
  by_hand.text = "Werkt tien minuten zelfstandig";
  by_hand.verdict = GoalVerdict::kNotReached;
  p.subjects[0].subgroups[2].goals.push_back(by_hand);  // verdiept: pupil 2
  PlanGoal partly_for_the_group;
  partly_for_the_group.text = "Leest vlot voor";
  partly_for_the_group.verdict = GoalVerdict::kPartly;
  p.subjects[1].subgroups[1].goals.push_back(partly_for_the_group);  // without per-pupil verdicts: nobody

  auto unreached = unreached_goals(p);
  ASSERT_EQ(unreached.size(), 2u);
  EXPECT_EQ(unreached[0].pupil_id, 1);
  EXPECT_EQ(unreached[1].pupil_id, 2);
  auto needs = needs_from_evaluation(p, "Periode 1");
  ASSERT_EQ(needs.size(), 2u);
  EXPECT_EQ(needs[0].kind, EntryKind::kSubjectNeed);
  EXPECT_EQ(needs[0].topic, "Spelling");
  EXPECT_EQ(needs[0].source, InformationSource::kTest);
  EXPECT_EQ(need_sentence(needs[0].text),
            "heeft verlengde instructie en extra oefentijd om het doel \"80% goed op blok 4\" te halen (deels behaald in "
            "Periode 1: Spelling blok 4: 72 % (doel: 80 %)) nodig");
  EXPECT_EQ(needs[1].source, InformationSource::kObservation);
  EXPECT_NE(needs[1].text.find("niet behaald in Periode 1)"), std::string::npos) << needs[1].text;
}

TEST(GroupPlan, TheWeekIsInOrderOfDayAndClockTime) {
  EXPECT_EQ(minutes_of_day("8:45"), 525);
  EXPECT_EQ(minutes_of_day("08.45"), 525);
  EXPECT_EQ(minutes_of_day("24:00"), std::nullopt);
  EXPECT_EQ(minutes_of_day("na de pauze"), std::nullopt);
  EXPECT_EQ(minutes_of_day("9:5"), std::nullopt);
  std::vector<WeekSlot> week{{2, "9:00", "Spelling", "", "", "", ""},
                             {1, "10:15", "Rekenen-Wiskunde", "", "", "", ""},
                             {1, "na de pauze", "Spelling", "", "", "", ""},
                             {1, "9:00", "Technisch lezen", "", "", "", ""}};
  std::vector<std::string> order;
  for (const WeekSlot* w : week_in_order(week)) order.push_back(w->subject);
  EXPECT_EQ(order, (std::vector<std::string>{"Technisch lezen", "Rekenen-Wiskunde", "Spelling", "Spelling"}));
  EXPECT_EQ(week_in_order(week)[3]->day, 2);
}

}  // namespace
}  // namespace koers::domain
