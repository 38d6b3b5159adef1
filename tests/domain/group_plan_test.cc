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
  p.subjects[0].subgroups[0].goals.push_back({GoalKind::kDidactic, "  ", {}, "", "", {}, ""});
  p.subjects[1].subgroups.pop_back();
  p.subjects.push_back(SubjectPlan{"Gym", "", {}, {}});
  EXPECT_EQ(validate_plan(p, overview().subjects, {1, 2, 3}),
            (std::vector<std::string>{"Spelling, intensief: doel 1 is leeg",
                                      "Spelling, basis: leerling 1 staat al in een andere subgroep",
                                      "Spelling, basis: leerling 42 zit niet in de groep",
                                      "Rekenen-Wiskunde: het plan heeft de drie subgroepen intensief, basis en verdiept",
                                      "Gym: geen vak van het groepsplan van deze groep"}));
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

TEST(GroupPlan, AFirstWeekFollowsTheSubjectsAndTheSubgroupsOrganisation) {
  GroupOverview o = overview();
  o.subjects = {"Technisch lezen", "Spelling", "Begrijpend lezen"};
  GroupPlan p = new_group_plan(o, 9);
  p.subjects[1].subgroups[0].organisation = "ma en wo 15 min met de onderwijsassistent";
  auto week = default_week(p);
  std::map<std::string, int> per_subject;
  for (const auto& w : week) ++per_subject[w.subject];
  EXPECT_EQ(per_subject["Technisch lezen"], 5);
  EXPECT_EQ(per_subject["Spelling"], 4);
  EXPECT_EQ(per_subject["Begrijpend lezen"], 2);
  ASSERT_GE(week.size(), 3u);
  EXPECT_EQ(week[0].day, 1);
  EXPECT_EQ(week[0].subject, "Technisch lezen");
  EXPECT_EQ(week[0].intensive, "verlengde instructie aan de instructietafel");
  EXPECT_EQ(week[1].subject, "Spelling");
  EXPECT_EQ(week[1].intensive, "ma en wo 15 min met de onderwijsassistent");
  EXPECT_EQ(week.back().day, 5);
  p.week = week;
  EXPECT_TRUE(validate_plan(p, o.subjects, {1, 2, 3}).empty());
}

// Period 1's spelling plan: intensief [1] with a reached, a partly reached and an
// unevaluated goal; verdiept [2]; a week slot; part 2 written.
GroupPlan evaluated_plan() {
  GroupPlan p = new_group_plan(overview(), 9);
  SubgroupPlan& intensive = p.subjects[0].subgroups[0];
  intensive.method = "verlengde instructie";
  PlanGoal reached, partly, open;
  reached.text = "Beheerst categorie 1 t/m 4";
  reached.verdict = GoalVerdict::kReached;
  partly.text = "80 % goed op blok 4";
  partly.verdict = GoalVerdict::kPartly;
  partly.stimulating = "vaste oefentijd";
  partly.pupils = {{1, GoalVerdict::kPartly, "Spelling blok 4: 72 %", true}};
  open.text = "Past de regel toe in eigen teksten";
  intensive.goals = {reached, partly, open};
  p.subjects[0].basic_offer = "Staal, les 1-20";
  p.functioning.interests = "voetbal, dieren";
  p.week.push_back({1, "10:45", "Spelling", "basisinstructie", "verlengde instructie", "", ""});
  return p;
}

TEST(GroupPlan, TheNextPeriodStartsFromTheEvaluatedPlan) {
  GroupOverview now = overview();
  now.lines[0].approaches[0].approach = Approach::kBasic;  // pupil 1 moved on after the evaluation
  OverviewLine newcomer;
  newcomer.pupil_id = 4;
  now.lines.push_back(newcomer);
  GroupPlan next = carry_forward(evaluated_plan(), "Periode 1", now, 10);
  EXPECT_EQ(next.period_id, 10);
  EXPECT_EQ(next.carried_from_period, 9);
  EXPECT_EQ(next.version, 0);
  EXPECT_EQ(next.subjects[0].basic_offer, "Staal, les 1-20");
  const SubgroupPlan& intensive = next.subjects[0].subgroups[0];
  EXPECT_EQ(intensive.method, "verlengde instructie");
  ASSERT_EQ(intensive.goals.size(), 2u) << "the reached goal is done";
  EXPECT_EQ(intensive.goals[0].text, "80 % goed op blok 4");
  EXPECT_EQ(intensive.goals[0].carried_from, "deels behaald in Periode 1");
  EXPECT_FALSE(intensive.goals[0].verdict);
  EXPECT_TRUE(intensive.goals[0].pupils.empty());
  EXPECT_TRUE(intensive.goals[0].stimulating.empty()) << "a new period gets a new evaluation";
  EXPECT_EQ(intensive.goals[1].carried_from, "niet geëvalueerd in Periode 1");
  EXPECT_TRUE(intensive.pupils.empty());
  EXPECT_EQ(next.subjects[0].subgroups[1].pupils, (std::vector<Id>{1, 3, 4}));
  EXPECT_EQ(next.functioning.interests, "voetbal, dieren");
  ASSERT_EQ(next.week.size(), 1u);
  EXPECT_TRUE(validate_plan(next, now.subjects, {1, 2, 3, 4}).empty());

  std::map<Id, std::string> names{{1, "Sanne Bakker"}, {4, "Noah de Vries"}};
  EXPECT_EQ(plan_changes(evaluated_plan(), next, names),
            (std::vector<std::string>{
                "Spelling: Noah de Vries nieuw, in basis",
                "Spelling: Sanne Bakker van intensief naar basis",
                "Spelling, intensief: doel behaald, niet overgenomen: Beheerst categorie 1 t/m 4",
                "Spelling, intensief: doel overgenomen (deels behaald in Periode 1): 80 % goed op blok 4",
                "Spelling, intensief: doel overgenomen (niet geëvalueerd in Periode 1): Past de regel toe in eigen teksten",
                "Rekenen-Wiskunde: Noah de Vries nieuw, in basis"}));
  EXPECT_TRUE(plan_changes(next, next, names).empty());
}

}  // namespace
}  // namespace koers::domain
