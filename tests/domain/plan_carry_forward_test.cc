// A new groepsplan from the previous one: what comes along, what stays behind, where each
// pupil goes; what changed in words; and the first week planning.
#include "domain/plan_carry_forward.h"

#include <gtest/gtest.h>

#include "builders.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace koers::domain {
namespace {

PlanGoal goal(const std::string& text, std::optional<GoalVerdict> verdict, GoalKind kind = GoalKind::kDidactic) {
  PlanGoal g;
  g.kind = kind;
  g.text = text;
  g.verdict = verdict;
  return g;
}

// SubjectPlan or const SubjectPlan in, the same constness out.
template <typename S>
auto& subgroup(S& s, Approach a) {
  for (auto& g : s.subgroups)
    if (g.approach == a) return g;
  throw std::runtime_error("no subgroup " + approach_label(a));
}

template <typename P>
auto& subject(P& p, const std::string& name) {
  for (auto& s : p.subjects)
    if (s.subject == name) return s;
  throw std::runtime_error("no subject " + name);
}

OverviewLine line(Id id, std::vector<PupilApproach> approaches = {}) {
  OverviewLine l;
  l.pupil_id = id;
  l.approaches = std::move(approaches);
  return l;
}

// Periode 1 of group 5: Spelling with Sanne (1) intensief, Lotte (3) intensief, Daan (4)
// verdiept and Bram (2) basis; Rekenen-Wiskunde with everyone in basis.
GroupPlan previous_plan() {
  GroupPlan p;
  p.group_id = 5;
  p.period_id = 1;
  p.version = 3;
  p.evaluation_closed = true;
  p.saved_by = "juf Anna";
  p.saved_at = "2027-01-31T15:00:00Z";
  for (const char* name : {"Spelling", "Rekenen-Wiskunde"}) p.subjects.push_back(testing::subject_plan(name));
  SubjectPlan& spelling = p.subjects[0];
  spelling.basic_offer = "Staal, 4 lessen per week";
  SubgroupPlan& intensive = subgroup(spelling, Approach::kIntensive);
  intensive.pupils = {1, 3};
  intensive.content = "extra dictee categorie 1–6";
  intensive.method = "modeling, hardop denken";
  intensive.organisation = "ma–do 15 min verlengde instructie aan de instructietafel";
  intensive.attention = "korte opdrachten";
  intensive.evaluation = "dictee eind blok 4";
  PlanGoal reached = goal("categorie 1–3 foutloos", GoalVerdict::kReached);
  PlanGoal partly = goal("categorie 4–6 80 % goed", GoalVerdict::kPartly);
  partly.stimulating = "verlengde instructie";
  partly.hindering = "veel afwezig";
  partly.pupils = {{1, GoalVerdict::kReached, "dictee 85 %", true}, {3, GoalVerdict::kNotReached, "dictee 60 %", true}};
  partly.carried_from = "niet behaald in Periode 3 vorig jaar";
  PlanGoal not_reached = goal("werkt tien minuten zelfstandig", GoalVerdict::kNotReached, GoalKind::kPedagogic);
  PlanGoal open = goal("past de regels toe in eigen teksten", std::nullopt);
  intensive.goals = {reached, partly, not_reached, open};
  subgroup(spelling, Approach::kBasic).pupils = {2};
  subgroup(spelling, Approach::kDeepened).pupils = {4};
  subgroup(spelling, Approach::kDeepened).goals = {goal("schrijft een eigen dictee", GoalVerdict::kReached)};
  spelling.individual = {{3, "dyslexieprotocol"}, {4, "plusklas op donderdag"}};
  subgroup(p.subjects[1], Approach::kBasic).pupils = {1, 2, 3, 4};
  p.functioning.learning_style = "leert het best in tweetallen";
  p.week = {{1, "10:45", "Spelling", "basisinstructie", "verlengde instructie", "zelfstandig", "verrijking"},
            {1, "14:00", "Gym", "gymzaal", "", "", ""}};
  return p;
}

// Periode 2: Lotte (3) has left, Noah (6) is new; the teacher moved Sanne (1) to basis for
// Spelling; Bram (2) and Noah have no approach for Spelling yet. Begrijpend lezen is new.
GroupOverview now_overview() {
  GroupOverview o;
  o.group.id = 5;
  o.subjects = {"Begrijpend lezen", "Spelling", "Rekenen-Wiskunde"};
  o.lines = {line(1, {{"Spelling", Approach::kBasic, "juf Anna", ""}}), line(2),
             line(4, {{"Spelling", Approach::kDeepened, "", ""}, {"Rekenen-Wiskunde", Approach::kDeepened, "", ""}}),
             line(6)};
  return o;
}

GroupPlan carried() { return carry_forward(previous_plan(), "Periode 1", now_overview(), 2); }

TEST(PlanCarryForward, StartsANewUnsavedPlanForTheGroupFromThePreviousPeriod) {
  GroupPlan p = carried();
  EXPECT_EQ(p.group_id, 5);
  EXPECT_EQ(p.period_id, 2);
  EXPECT_EQ(p.version, 0);
  EXPECT_EQ(p.carried_from_period, 1);
  EXPECT_FALSE(p.evaluation_closed);
  EXPECT_EQ(p.saved_by, "");
  EXPECT_EQ(p.saved_at, "");
  ASSERT_EQ(p.subjects.size(), 3u);
  EXPECT_EQ(p.subjects[0].subject, "Begrijpend lezen");
  EXPECT_EQ(p.subjects[1].subject, "Spelling");
  EXPECT_EQ(p.subjects[2].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(p.functioning.learning_style, "leert het best in tweetallen");
}

TEST(PlanCarryForward, TheTextsOfEachSubgroupComeAlong) {
  const GroupPlan p = carried();
  const SubjectPlan& spelling = subject(p, "Spelling");
  EXPECT_EQ(spelling.basic_offer, "Staal, 4 lessen per week");
  const SubgroupPlan& intensive = subgroup(spelling, Approach::kIntensive);
  EXPECT_EQ(intensive.content, "extra dictee categorie 1–6");
  EXPECT_EQ(intensive.method, "modeling, hardop denken");
  EXPECT_EQ(intensive.organisation, "ma–do 15 min verlengde instructie aan de instructietafel");
  EXPECT_EQ(intensive.attention, "korte opdrachten");
  EXPECT_EQ(intensive.evaluation, "dictee eind blok 4");
}

TEST(PlanCarryForward, AReachedGoalStaysBehindTheOthersComeAlongAndSayWhy) {
  const GroupPlan p = carried();
  const SubjectPlan& spelling = subject(p, "Spelling");
  const SubgroupPlan& intensive = subgroup(spelling, Approach::kIntensive);
  ASSERT_EQ(intensive.goals.size(), 3u);
  EXPECT_EQ(intensive.goals[0].text, "categorie 4–6 80 % goed");
  EXPECT_EQ(intensive.goals[0].carried_from, "deels behaald in Periode 1");
  EXPECT_EQ(intensive.goals[1].text, "werkt tien minuten zelfstandig");
  EXPECT_EQ(intensive.goals[1].kind, GoalKind::kPedagogic);
  EXPECT_EQ(intensive.goals[1].carried_from, "niet behaald in Periode 1");
  EXPECT_EQ(intensive.goals[2].text, "past de regels toe in eigen teksten");
  EXPECT_EQ(intensive.goals[2].carried_from, "niet geëvalueerd in Periode 1");
  for (const PlanGoal& g : intensive.goals) {
    EXPECT_FALSE(g.verdict.has_value()) << g.text;
    EXPECT_TRUE(g.pupils.empty()) << g.text;
    EXPECT_EQ(g.stimulating, "") << g.text;
    EXPECT_EQ(g.hindering, "") << g.text;
  }
  EXPECT_TRUE(subgroup(spelling, Approach::kDeepened).goals.empty()) << "its only goal was reached";
}

TEST(PlanCarryForward, WithoutAPeriodNameTheGoalSaysThePreviousPeriod) {
  GroupPlan p = carry_forward(previous_plan(), " ", now_overview(), 2);
  EXPECT_EQ(subgroup(subject(p, "Spelling"), Approach::kIntensive).goals[1].carried_from,
            "niet behaald in de vorige periode");
}

TEST(PlanCarryForward, PupilsGoWhereTheOverviewSaysElseWhereTheyWereElseBasis) {
  GroupPlan p = carried();
  const SubjectPlan& spelling = subject(p, "Spelling");
  // Sanne was intensief, the overview now says basis; Bram has no approach and stays in basis
  // as before; Noah is new without an approach: basis.
  EXPECT_TRUE(subgroup(spelling, Approach::kIntensive).pupils.empty());
  EXPECT_EQ(subgroup(spelling, Approach::kBasic).pupils, (std::vector<Id>{1, 2, 6}));
  EXPECT_EQ(subgroup(spelling, Approach::kDeepened).pupils, (std::vector<Id>{4}));
  const SubjectPlan& maths = subject(p, "Rekenen-Wiskunde");
  EXPECT_EQ(subgroup(maths, Approach::kBasic).pupils, (std::vector<Id>{1, 2, 6}));
  EXPECT_EQ(subgroup(maths, Approach::kDeepened).pupils, (std::vector<Id>{4}));
}

TEST(PlanCarryForward, APupilWithoutApproachKeepsTheirPreviousSubgroup) {
  GroupOverview o = now_overview();
  o.lines[0].approaches.clear();  // Sanne: no approach for Spelling in the overview
  GroupPlan p = carry_forward(previous_plan(), "Periode 1", o, 2);
  EXPECT_EQ(subgroup(subject(p, "Spelling"), Approach::kIntensive).pupils, (std::vector<Id>{1}));
}

TEST(PlanCarryForward, APupilWhoLeftIsDroppedWithTheirIndividualLine) {
  GroupPlan p = carried();
  for (const SubjectPlan& s : p.subjects)
    for (const SubgroupPlan& g : s.subgroups)
      EXPECT_EQ(std::count(g.pupils.begin(), g.pupils.end(), 3), 0) << s.subject;
  const SubjectPlan& spelling = subject(p, "Spelling");
  ASSERT_EQ(spelling.individual.size(), 1u);
  EXPECT_EQ(spelling.individual[0].pupil_id, 4);
  EXPECT_EQ(spelling.individual[0].text, "plusklas op donderdag");
}

TEST(PlanCarryForward, EveryPupilIsPlacedExactlyOncePerSubjectAndThePlanMayBeSaved) {
  GroupOverview o = now_overview();
  GroupPlan p = carried();
  for (const SubjectPlan& s : p.subjects)
    for (const OverviewLine& l : o.lines) {
      int times = 0;
      for (const SubgroupPlan& g : s.subgroups)
        times += static_cast<int>(std::count(g.pupils.begin(), g.pupils.end(), l.pupil_id));
      EXPECT_EQ(times, 1) << s.subject << ", leerling " << l.pupil_id;
    }
  EXPECT_EQ(validate_plan(p, o.subjects, {1, 2, 4, 6}), std::vector<std::string>{});
}

TEST(PlanCarryForward, ANewSubjectStartsEmptyWithItsThreeSubgroups) {
  const GroupPlan p = carried();
  const SubjectPlan& reading = subject(p, "Begrijpend lezen");
  EXPECT_EQ(reading.basic_offer, "");
  ASSERT_EQ(reading.subgroups.size(), 3u);
  EXPECT_EQ(reading.subgroups[0].approach, Approach::kIntensive);
  EXPECT_EQ(reading.subgroups[1].approach, Approach::kBasic);
  EXPECT_EQ(reading.subgroups[2].approach, Approach::kDeepened);
  for (const SubgroupPlan& g : reading.subgroups) {
    EXPECT_TRUE(g.goals.empty());
    EXPECT_EQ(g.content, "");
  }
  EXPECT_EQ(reading.subgroups[1].pupils, (std::vector<Id>{1, 2, 4, 6}));
}

TEST(PlanCarryForward, TheWeekComesAlongWithoutSubjectsThePlanNoLongerHas) {
  GroupPlan p = carried();
  ASSERT_EQ(p.week.size(), 1u) << "Gym is no subject of the plan";
  EXPECT_EQ(p.week[0].subject, "Spelling");
  EXPECT_EQ(p.week[0].intensive, "verlengde instructie");
}

TEST(PlanChanges, SaysWhatChangedSinceThePreviousPeriod) {
  const std::map<Id, std::string> names{{1, "Sanne Bakker"}, {3, "Lotte Jansen"}, {4, "Daan Smit"}};
  GroupPlan next = carried();
  subgroup(subject(next, "Spelling"), Approach::kDeepened).pupils.push_back(2);  // Bram moves up
  auto& basic = subgroup(subject(next, "Spelling"), Approach::kBasic).pupils;
  basic.erase(std::find(basic.begin(), basic.end(), 2));
  SubjectPlan& maths = subject(next, "Rekenen-Wiskunde");
  maths.basic_offer = "Wereld in getallen";
  subgroup(maths, Approach::kBasic).goals.push_back(goal("tafels 1–10 binnen 3 seconden", std::nullopt));
  EXPECT_EQ(plan_changes(previous_plan(), next, names),
            (std::vector<std::string>{
                "Begrijpend lezen: nieuw vak in het plan",
                "Spelling: Sanne Bakker van intensief naar basis",
                "Spelling: leerling 2 van basis naar verdiept",
                "Spelling: leerling 6 nieuw, in basis",
                "Spelling: Lotte Jansen niet meer in de groep",
                "Spelling, intensief: doel overgenomen (deels behaald in Periode 1): categorie 4–6 80 % goed",
                "Spelling, intensief: doel overgenomen (niet behaald in Periode 1): werkt tien minuten zelfstandig",
                "Spelling, intensief: doel overgenomen (niet geëvalueerd in Periode 1): past de regels toe in eigen teksten",
                "Spelling, intensief: doel behaald, niet overgenomen: categorie 1–3 foutloos",
                "Spelling, verdiept: doel behaald, niet overgenomen: schrijft een eigen dictee",
                "Spelling: individuele lijn voor Lotte Jansen vervallen",
                "Rekenen-Wiskunde: basisaanbod gewijzigd",
                "Rekenen-Wiskunde: Daan Smit van basis naar verdiept",
                "Rekenen-Wiskunde: leerling 6 nieuw, in basis",
                "Rekenen-Wiskunde: Lotte Jansen niet meer in de groep",
                "Rekenen-Wiskunde, basis: nieuw doel: tafels 1–10 binnen 3 seconden",
                "Weekplanning gewijzigd",  // the Gym slot stayed behind
            }));
}

TEST(PlanChanges, BetweenVersionsOfOnePeriod) {
  GroupPlan v1 = previous_plan();
  v1.subjects.push_back(SubjectPlan{"Begrijpend lezen", "", {}, {}});
  GroupPlan v2 = v1;
  v2.version = 4;
  SubjectPlan& spelling = v2.subjects[0];
  SubgroupPlan& intensive = subgroup(spelling, Approach::kIntensive);
  intensive.goals.erase(intensive.goals.begin());          // the reached goal removed
  intensive.goals[2].verdict = GoalVerdict::kPartly;        // the open goal evaluated
  intensive.goals[0].verdict.reset();                       // the partly reached goal not any more
  intensive.goals.push_back(goal("leest de eigen tekst na", std::nullopt));
  intensive.organisation = "dagelijks 10 min";
  intensive.pupils = {3};                                   // Sanne placed nowhere
  spelling.individual[0].text = "dyslexieprotocol, extra tijd";
  spelling.individual.push_back({2, "pre-teaching"});
  v2.subjects.pop_back();                                   // Begrijpend lezen gone
  v2.functioning.autonomy = "kiest eigen volgorde";
  v2.week[0].time = "11:00";
  const std::map<Id, std::string> names{{1, "Sanne Bakker"}, {2, "Bram de Wit"}, {3, "Lotte Jansen"}};
  EXPECT_EQ(plan_changes(v1, v2, names),
            (std::vector<std::string>{
                "Spelling: Sanne Bakker in geen subgroep meer",
                "Spelling, intensief: organisatie gewijzigd",
                "Spelling, intensief: doel niet meer geëvalueerd: categorie 4–6 80 % goed",
                "Spelling, intensief: doel deels behaald: past de regels toe in eigen teksten",
                "Spelling, intensief: nieuw doel: leest de eigen tekst na",
                "Spelling, intensief: doel verwijderd: categorie 1–3 foutloos",
                "Spelling: individuele lijn voor Lotte Jansen gewijzigd",
                "Spelling: individuele lijn voor Bram de Wit nieuw",
                "Begrijpend lezen: niet meer in het plan",
                "Werkhouding en sociaal-emotioneel functioneren: behoefte aan autonomie gewijzigd",
                "Weekplanning gewijzigd",
            }));
}

TEST(PlanChanges, APupilPlacedForTheFirstTimeIsNotCalledNew) {
  GroupPlan v1 = previous_plan();
  subgroup(v1.subjects[0], Approach::kBasic).pupils.clear();  // Bram not yet placed for Spelling
  GroupPlan v2 = previous_plan();
  EXPECT_EQ(plan_changes(v1, v2, {{2, "Bram de Wit"}}), std::vector<std::string>{"Spelling: Bram de Wit geplaatst in basis"});
}

TEST(PlanChanges, NothingWhenNothingChanged) {
  EXPECT_EQ(plan_changes(previous_plan(), previous_plan(), {}), std::vector<std::string>{});
  EXPECT_EQ(plan_changes(carried(), carried(), {}), std::vector<std::string>{});
}

int count_of(const std::vector<WeekSlot>& week, const std::string& subject) {
  return static_cast<int>(std::count_if(week.begin(), week.end(), [&](const WeekSlot& w) { return w.subject == subject; }));
}

GroupPlan plan_with_everyone_in_each_subgroup(const std::vector<std::string>& subjects) {
  GroupOverview o;
  o.subjects = subjects;
  o.lines = {line(1), line(2), line(3)};
  for (const std::string& s : subjects) {
    o.lines[0].approaches.push_back({s, Approach::kIntensive, "", ""});
    o.lines[2].approaches.push_back({s, Approach::kDeepened, "", ""});
  }
  return carry_forward(GroupPlan{}, "", o, 2);
}

TEST(DefaultWeek, EachSubjectOnItsDays) {
  auto week = default_week(plan_with_everyone_in_each_subgroup(overview_subjects({"5"})));
  EXPECT_EQ(count_of(week, "Technisch lezen"), 5);
  EXPECT_EQ(count_of(week, "Rekenen-Wiskunde"), 5);
  EXPECT_EQ(count_of(week, "Spelling"), 4);
  EXPECT_EQ(count_of(week, "Begrijpend lezen"), 2);
  ASSERT_EQ(week.size(), 16u);
  for (const WeekSlot& w : week) {
    if (w.subject == "Spelling") {
      EXPECT_NE(w.day, 5) << "no spelling on Friday";
    }
    if (w.subject == "Begrijpend lezen") {
      EXPECT_TRUE(w.day == 2 || w.day == 4) << w.day;
    }
  }
  GroupPlan only_week;
  only_week.week = week;
  EXPECT_EQ(validate_plan(only_week, overview_subjects({"5"}), {}), std::vector<std::string>{});
}

TEST(DefaultWeek, SortedByDayThenTime) {
  auto week = default_week(plan_with_everyone_in_each_subgroup(overview_subjects({"5"})));
  ASSERT_GE(week.size(), 4u);
  // Monday: technisch lezen 08:45, rekenen 09:30, spelling 10:45; Tuesday starts again.
  EXPECT_EQ(week[0].day, 1);
  EXPECT_EQ(week[0].time, "08:45");
  EXPECT_EQ(week[0].subject, "Technisch lezen");
  EXPECT_EQ(week[1].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(week[2].subject, "Spelling");
  EXPECT_EQ(week[2].time, "10:45");
  EXPECT_EQ(week[3].day, 2);
  EXPECT_EQ(week[3].subject, "Technisch lezen");
  for (size_t i = 1; i < week.size(); ++i)
    EXPECT_TRUE(week[i - 1].day < week[i].day || (week[i - 1].day == week[i].day && week[i - 1].time <= week[i].time))
        << "slot " << i;
  auto tuesday_reading = std::find_if(week.begin(), week.end(), [](const WeekSlot& w) { return w.subject == "Begrijpend lezen"; });
  ASSERT_NE(tuesday_reading, week.end());
  EXPECT_EQ(tuesday_reading->day, 2);
  EXPECT_EQ(tuesday_reading->time, "13:15");
}

TEST(DefaultWeek, EachSubgroupGetsItsInstructionOrItsOwnOrganisation) {
  GroupPlan p = plan_with_everyone_in_each_subgroup({"Spelling"});
  subgroup(p.subjects[0], Approach::kIntensive).organisation = "  verlengde instructie 20 min, daarna pre-teaching ";
  auto week = default_week(p);
  ASSERT_EQ(week.size(), 4u);
  for (const WeekSlot& w : week) {
    EXPECT_EQ(w.whole_group, "basisinstructie");
    EXPECT_EQ(w.intensive, "verlengde instructie 20 min, daarna pre-teaching");
    EXPECT_EQ(w.basic, "zelfstandig verwerken");
    EXPECT_EQ(w.deepened, "korte instructie, dan verrijking");
  }
  p.subjects[0].subgroups[0].organisation = "";
  EXPECT_EQ(default_week(p)[0].intensive, "verlengde instructie aan de instructietafel");
}

TEST(DefaultWeek, ASubgroupWithoutPupilsGetsNothing) {
  GroupPlan p = plan_with_everyone_in_each_subgroup({"Rekenen-Wiskunde"});
  subgroup(p.subjects[0], Approach::kDeepened).pupils.clear();
  auto week = default_week(p);
  ASSERT_EQ(week.size(), 5u);
  EXPECT_EQ(week[0].deepened, "");
  EXPECT_EQ(week[0].intensive, "verlengde instructie aan de instructietafel");
}

TEST(DefaultWeek, TheYoungestGroupsStartInTheKring) {
  auto week = default_week(plan_with_everyone_in_each_subgroup(overview_subjects({"1", "2"})));
  EXPECT_EQ(count_of(week, "Beginnende geletterdheid"), 5);
  EXPECT_EQ(count_of(week, "Beginnende gecijferdheid"), 5);
  for (const WeekSlot& w : week) {
    EXPECT_LT(w.time, "12:00") << w.subject;
    EXPECT_EQ(w.whole_group, "basisinstructie in de kring");
  }
}

TEST(DefaultWeek, AnotherSubjectGetsTheAfternoons) {
  auto week = default_week(plan_with_everyone_in_each_subgroup({"Spelling", "Schrijven", "Engels"}));
  EXPECT_EQ(count_of(week, "Schrijven"), 5);
  EXPECT_EQ(count_of(week, "Engels"), 5);
  for (const WeekSlot& w : week) {
    if (w.subject == "Schrijven") {
      EXPECT_EQ(w.time, "14:00");
    }
    if (w.subject == "Engels") {
      EXPECT_EQ(w.time, "14:45");
    }
  }
  ASSERT_EQ(week.size(), 14u);
  // Monday: spelling, schrijven, engels; then Tuesday.
  EXPECT_EQ(week[0].subject, "Spelling");
  EXPECT_EQ(week[1].subject, "Schrijven");
  EXPECT_EQ(week[2].subject, "Engels");
  EXPECT_EQ(week[2].day, 1);
  EXPECT_EQ(week[3].day, 2);
}

}  // namespace
}  // namespace koers::domain
