// Goal evaluation on goals as teachers write them and on hand-made subgroups: what a goal
// names, which results count for the period, and the verdict Koers proposes per pupil.
#include "domain/goal_evaluation.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

// What Koers reads in a goal, as the teacher sees it; "" when it reads nothing measurable.
std::string read(const std::string& goal) {
  auto target = measurable_target(goal);
  return target ? describe(*target) : "";
}

TEST(GoalEvaluation, ATableOfRealGoals) {
  struct Case {
    const char* goal;
    const char* target;
  };
  const Case cases[] = {
      // LVS levels, with the moment the goal names.
      {"Aan het eind van de periode scoren de leerlingen van de intensieve groep minimaal niveau III op de M6-toets "
       "rekenen-wiskunde.",
       "niveau III of hoger bij M6"},
      {"Bij de Cito E5 halen de leerlingen van de basisgroep voor spelling III of hoger.", "niveau III of hoger bij E5"},
      {"Sem haalt bij de M6-toets ten minste een II-score voor begrijpend lezen.", "niveau II of hoger bij M6"},
      {"Op de Cito E4 scoort Noor niveau B of hoger.", "niveau B of hoger bij E4"},
      {"De verdiepte groep scoort bij de M7-toets niveau I+.", "niveau I+ bij M7"},
      {"Bij de M6-toets scoort Sem op rekenen van niveau IV naar niveau III.", "niveau III of hoger bij M6"},
      {"Daan gaat deze periode op de rekentoets van IV naar III.", "niveau III of hoger"},
      {"De basisgroep scoort op de e5-toets spelling niveau III of hoger.", "niveau III of hoger bij E5"},
      {"Lotte scoort zowel bij M5 als bij E5 een III-score.", "niveau III of hoger bij E5"},
      {"De leerlingen van de verdiepte groep scoren bij de M6-toets niveau A.", "niveau A bij M6"},
      // Ability scores.
      {"Aan het eind van de periode heeft Lotte een vaardigheidsscore van 185 voor rekenen-wiskunde.",
       "vaardigheidsscore 185 of hoger"},
      {"De intensieve groep haalt bij de M5 een vaardigheidsscore ≥ 141,5.", "vaardigheidsscore 141,5 of hoger bij M5"},
      {"Emma haalt bij de E6-toets een VS van minimaal 185.", "vaardigheidsscore 185 of hoger bij E6"},
      // Percentages on the method test; a block or a date is no score.
      {"Aan het eind van blok 5 rekenen de leerlingen van de intensieve groep sommen tot 100 met 80 % goed.",
       "80 % op de methodetoets van blok 5"},
      {"De basisgroep maakt de dictees met 80 procent goed.", "80 % op de methodetoets"},
      {"De leerlingen halen minimaal 80 % op de methodetoets (blok 4).", "80 % op de methodetoets van blok 4"},
      {"In blok 3 maken de leerlingen 75% van de sommen goed.", "75 % op de methodetoets van blok 3"},
      {"Op 12-03 maakt de intensieve groep 85 % van de woorden goed.", "85 % op de methodetoets"},
      {"Bij de E5-toets rekenen de leerlingen sommen tot 100 met minstens 80,5 % goed.", "80,5 % op de methodetoets"},
      {"De intensieve groep gaat op de methodetoets van 60 % naar 75 % goed.", "75 % op de methodetoets"},
      {"Op 30-11 maakt de basisgroep de rekentoets van blok 3 met 80 % goed.", "80 % op de methodetoets van blok 3"},
      // AVI levels; the accuracy beside them is no method test.
      {"Aan het eind van de periode lezen de leerlingen van de intensieve groep AVI E4-teksten met 95 % "
       "nauwkeurigheid.",
       "AVI E4"},
      {"Daan leest voor de kerstvakantie op AVI-niveau M5.", "AVI M5"},
      {"De verdiepte groep leest aan het eind van het schooljaar AVI-Plus.", "AVI-Plus"},
      {"Noor gaat van AVI M4 naar AVI E4.", "AVI E4"},
      {"Sara leest bij de M6-afname een avi e5-tekst met 90 % goed.", "AVI E5 bij M6"},
      // Nothing Koers can measure: the teacher evaluates these.
      {"De leerlingen werken met plezier samen.", ""},
      {"Emma werkt in 80 % van de lessen zelfstandig aan haar weektaak.", ""},
      {"Daan leest bij de M6-toets 45 woorden per minuut op DMT-kaart 2.", ""},
      {"De leerlingen lopen rustig van A naar B in de gang.", ""},
      {"Sem haalt een vaardigheidsscore van 8 punten hoger dan in M5.", ""},
      {"Het leerrendement van de intensieve groep is bij E5 minimaal 75 %.", ""},
      {"Het leerrendement op de rekentoets is bij E5 minimaal 75 %.", ""},
      {"Emma maakt in 80 % van de lessen haar werk goed af.", ""},
      {"De leerlingen beheersen aan het eind van het schooljaar de rekenstof op referentieniveau 1F.", ""},
      {"Voor 12-03 kent de intensieve groep de tafels van 1 tot en met 5.", ""},
      {"Op 30-11 kent ieder kind de tafels van 1 t/m 5 met 90 % goed op het tafeldictee.", ""},
      {"Voor de kerstvakantie leest Sem de woorden van de leestoets met 95 % goed.", ""},
      // Two kinds of result: Koers would judge half of the goal.
      {"Sem haalt bij de M6-toets niveau III en maakt de methodetoetsen met 80 % goed.", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(read(c.goal), c.target) << c.goal;
}

TEST(GoalEvaluation, TheTargetHoldsWhatTheGoalNames) {
  auto level = measurable_target("Noor scoort bij de M6-toets niveau B of hoger.");
  ASSERT_TRUE(level);
  EXPECT_EQ(level->kind, TargetKind::kLevel);
  EXPECT_EQ(level->level, (Level{LevelScale::kLetter, 2, false}));
  EXPECT_EQ(level->moment, (TestMoment{6, 'M'}));

  auto percentage = measurable_target("De leerlingen halen minimaal 80 % op de methodetoets (blok 4).");
  ASSERT_TRUE(percentage);
  EXPECT_EQ(percentage->kind, TargetKind::kPercentage);
  EXPECT_DOUBLE_EQ(percentage->value, 80);
  EXPECT_EQ(percentage->block, "Blok 4");
  EXPECT_FALSE(percentage->moment);

  auto score = measurable_target("Lotte haalt een vaardigheidsscore van 141,5.");
  ASSERT_TRUE(score);
  EXPECT_EQ(score->kind, TargetKind::kAbilityScore);
  EXPECT_DOUBLE_EQ(score->value, 141.5);
  EXPECT_FALSE(score->moment);

  auto avi = measurable_target("Daan leest op AVI-niveau M5.");
  ASSERT_TRUE(avi);
  EXPECT_EQ(avi->kind, TargetKind::kAviLevel);
  EXPECT_EQ(avi->avi_level, "M5");
  EXPECT_FALSE(avi->moment) << "the AVI level's M5 is not a test moment";
}

// Period 1 runs to the end of January, period 2 from February to the end of July.
const PeriodWindow kPeriod1{{2026, 8, 1}, {2027, 1, 31}};
const PeriodWindow kPeriod2{{2027, 2, 1}, {2027, 7, 31}};

TEST(GoalEvaluation, ThePeriodsMomentByItsMonths) {
  EXPECT_EQ(moment_of_period(kPeriod1, 5), (TestMoment{5, 'M'}));
  EXPECT_EQ(moment_of_period(kPeriod2, 5), (TestMoment{5, 'E'})) << "E wins over the M that starts the period";
  EXPECT_EQ(moment_of_period({{2026, 8, 1}, {2027, 7, 31}}, 7), (TestMoment{7, 'E'}));
  EXPECT_EQ(moment_of_period({{2026, 12, 1}, {2027, 3, 31}}, 4), (TestMoment{4, 'M'}));
  EXPECT_EQ(moment_of_period({{2027, 2, 28}, {2027, 5, 31}}, 4), (TestMoment{4, 'M'})) << "the last day of February";
  EXPECT_EQ(moment_of_period({{2027, 6, 30}, {2027, 7, 31}}, 4), (TestMoment{4, 'E'})) << "the last day of June";
  EXPECT_FALSE(moment_of_period({{2027, 3, 1}, {2027, 5, 31}}, 4));
  EXPECT_FALSE(moment_of_period({{2026, 8, 1}, {2026, 12, 31}}, 4));
  EXPECT_FALSE(moment_of_period(kPeriod1, 0));
  EXPECT_FALSE(moment_of_period(kPeriod1, 9));
}

StandardisedResult level(const char* subject, const char* moment, const char* label) {
  StandardisedResult r;
  r.subject = subject;
  r.moment = *parse_test_moment(moment);
  r.level = parse_level(label);
  return r;
}

StandardisedResult score(const char* subject, const char* moment, double points) {
  StandardisedResult r;
  r.subject = subject;
  r.moment = *parse_test_moment(moment);
  r.ability_score = points;
  return r;
}

OverviewLine pupil(Id id, const char* year_group, std::vector<StandardisedResult> results = {}) {
  OverviewLine l;
  l.pupil_id = id;
  l.year_group = year_group;
  l.results = std::move(results);
  return l;
}

MeasurableTarget target(const std::string& goal) {
  auto t = measurable_target(goal);
  EXPECT_TRUE(t) << goal;
  return t.value_or(MeasurableTarget{});
}

std::string verdicts(const std::vector<PupilEvaluation>& es) {
  std::string out;
  for (const auto& e : es) out += (out.empty() ? "" : " ") + std::to_string(e.pupil_id) + ":" + verdict_key(e.verdict);
  return out;
}

TEST(GoalEvaluation, ALevelAtOrAboveTheTargetIsReachedOneRankShortIsPartly) {
  const auto goal = target("De intensieve groep scoort op rekenen-wiskunde niveau III of hoger.");
  const std::vector<OverviewLine> group = {
      pupil(1, "6", {level("Rekenen-Wiskunde", "E6", "III")}),
      pupil(2, "6", {level("Rekenen-Wiskunde", "E6", "II")}),
      pupil(3, "6", {level("Rekenen-Wiskunde", "E6", "IV")}),
      pupil(4, "6", {level("Rekenen-Wiskunde", "M6", "V"), level("Rekenen-Wiskunde", "E6", "V")}),
      pupil(5, "6", {level("Rekenen-Wiskunde", "E6", "V-")}),
  };
  const auto es = propose_evaluation(goal, "Rekenen-Wiskunde", group, kPeriod2);
  EXPECT_EQ(verdicts(es), "1:behaald 2:behaald 3:deels 4:niet-behaald 5:niet-behaald");
  ASSERT_EQ(es.size(), 5u);
  EXPECT_EQ(es[0].evidence, "Rekenen-Wiskunde E6: niveau III (doel: III of hoger)");
  EXPECT_EQ(es[2].evidence, "Rekenen-Wiskunde E6: niveau IV (doel: III of hoger)");
  EXPECT_EQ(es[3].evidence, "Rekenen-Wiskunde E6: niveau V, was V in M6 (doel: III of hoger)");
  for (const auto& e : es) EXPECT_FALSE(e.confirmed) << "a proposal waits for the teacher";
}

TEST(GoalEvaluation, ALevelBetterThanBeforeButShortIsPartly) {
  const auto goal = target("De intensieve groep haalt voor spelling minimaal niveau II.");
  const std::vector<OverviewLine> group = {
      pupil(1, "5", {level("Spelling", "M5", "V"), level("Spelling", "E5", "IV")}),   // grew, two short
      pupil(2, "5", {level("Spelling", "M5", "IV"), level("Spelling", "E5", "IV")}),  // stayed, two short
      pupil(3, "5", {level("Spelling", "E5", "IV")}),                                  // nothing before
      pupil(4, "5", {level("Spelling", "M5", "II"), level("Spelling", "E5", "III")}),  // dropped, one short
  };
  const auto es = propose_evaluation(goal, "Spelling", group, kPeriod2);
  EXPECT_EQ(verdicts(es), "1:deels 2:niet-behaald 3:niet-behaald 4:deels");
  ASSERT_EQ(es.size(), 4u);
  EXPECT_EQ(es[0].evidence, "Spelling E5: niveau IV, was V in M5 (doel: II of hoger)");
}

TEST(GoalEvaluation, IPlusIsAboveI) {
  const auto goal = target("De verdiepte groep scoort voor rekenen niveau I+.");
  const std::vector<OverviewLine> group = {
      pupil(1, "7", {level("Rekenen-Wiskunde", "E7", "I+")}),
      pupil(2, "7", {level("Rekenen-Wiskunde", "E7", "I")}),
      pupil(3, "7", {level("Rekenen-Wiskunde", "E7", "II")}),
  };
  EXPECT_EQ(verdicts(propose_evaluation(goal, "Rekenen-Wiskunde", group, kPeriod2)),
            "1:behaald 2:deels 3:niet-behaald");
}

TEST(GoalEvaluation, OnlyResultsOnTheTargetsScaleAndOfTheSubjectCount) {
  const auto goal = target("De basisgroep scoort voor begrijpend lezen niveau III of hoger.");
  const std::vector<OverviewLine> group = {
      pupil(1, "5", {level("Begrijpend lezen", "E5", "C")}),  // A–E: C is not III
      pupil(2, "5", {level("Spelling", "E5", "II")}),         // another subject
      pupil(3, "5", {level("Begrijpend lezen", "E5", "III"), level("Spelling", "E5", "V")}),
  };
  EXPECT_EQ(verdicts(propose_evaluation(goal, "Begrijpend lezen", group, kPeriod2)), "3:behaald");
}

TEST(GoalEvaluation, AnAbilityScoreThatGrewButFallsShortIsPartly) {
  const auto goal = target("Aan het eind van de periode heeft de intensieve groep een vaardigheidsscore van 185.");
  const std::vector<OverviewLine> group = {
      pupil(1, "6", {score("Rekenen-Wiskunde", "E6", 185)}),
      pupil(2, "6", {score("Rekenen-Wiskunde", "M6", 180), score("Rekenen-Wiskunde", "E6", 184.5)}),
      pupil(3, "6", {score("Rekenen-Wiskunde", "M6", 184), score("Rekenen-Wiskunde", "E6", 184)}),
      pupil(4, "6", {score("Rekenen-Wiskunde", "E6", 170)}),
      // Another test's scale: its M6 score is no "before" for this E6 score.
      pupil(5, "6", {score("Rekenen-Wiskunde", "M6", 170), score("Rekenen-Wiskunde 3.0", "E6", 180)}),
  };
  const auto es = propose_evaluation(goal, "Rekenen-Wiskunde", group, kPeriod2);
  EXPECT_EQ(verdicts(es), "1:behaald 2:deels 3:niet-behaald 4:niet-behaald 5:niet-behaald");
  ASSERT_EQ(es.size(), 5u);
  EXPECT_EQ(es[1].evidence, "Rekenen-Wiskunde E6: vaardigheidsscore 184,5, was 180 in M6 (doel: 185)");
  EXPECT_EQ(es[4].evidence, "Rekenen-Wiskunde 3.0 E6: vaardigheidsscore 180 (doel: 185)");
}

MethodTest method(const char* subject, const char* block, double points, double maximum, Date taken_on) {
  MethodTest t;
  t.subject = subject;
  t.block = block;
  t.score = points;
  t.maximum = maximum;
  t.taken_on = taken_on;
  return t;
}

OverviewLine with_tests(Id id, std::vector<MethodTest> newest_first) {
  OverviewLine l = pupil(id, "5");
  l.method_tests = std::move(newest_first);
  return l;
}

TEST(GoalEvaluation, APercentageWithinTenPointsBelowIsPartly) {
  const auto goal = target("De basisgroep maakt de dictees met 80 procent goed.");
  const Date may{2027, 5, 20};
  const std::vector<OverviewLine> group = {
      with_tests(1, {method("Spelling", "Blok 4", 72, 90, may)}),       // exactly 80 %
      with_tests(2, {method("Spelling", "Blok 4", 70, 100, may)}),      // exactly 10 below
      with_tests(3, {method("Spelling", "Blok 4", 699, 1000, may)}),    // 69,9 %
      with_tests(4, {method("Spelling", "Blok 4", 79.96, 100, may)}),   // shows 79,9, never 80
      with_tests(5, {method("Spelling", "Blok 4", 72, 100, may)}),
  };
  const auto es = propose_evaluation(goal, "Spelling", group, kPeriod2);
  EXPECT_EQ(verdicts(es), "1:behaald 2:deels 3:niet-behaald 4:deels 5:deels");
  ASSERT_EQ(es.size(), 5u);
  EXPECT_EQ(es[0].evidence, "Spelling blok 4: 80 % (doel: 80 %)");
  EXPECT_EQ(es[2].evidence, "Spelling blok 4: 69,9 % (doel: 80 %)");
  EXPECT_EQ(es[3].evidence, "Spelling blok 4: 79,9 % (doel: 80 %)");
  EXPECT_EQ(es[4].evidence, "Spelling blok 4: 72 % (doel: 80 %)");
}

TEST(GoalEvaluation, TheNamedBlockAndThePeriodsDatesPickTheMethodTest) {
  const std::vector<OverviewLine> group = {
      // Newest first: block 5 after block 4, block 3 before the period.
      with_tests(1, {method("Spelling", "Blok 5", 50, 100, {2027, 6, 10}),
                     method("Spelling", "blok 4", 90, 100, {2027, 4, 15}),
                     method("Rekenen", "Blok 4", 10, 100, {2027, 4, 16}),
                     method("Spelling", "Blok 3", 10, 100, {2027, 1, 20})}),
      with_tests(2, {method("Spelling", "Blok 3", 95, 100, {2027, 1, 20})}),  // before the period only
      with_tests(3, {method("Spelling", "Blok 40", 95, 100, {2027, 4, 20})}),
  };
  const auto block4 = propose_evaluation(target("De leerlingen halen minimaal 80 % op de methodetoets (blok 4)."),
                                         "Spelling", group, kPeriod2);
  EXPECT_EQ(verdicts(block4), "1:behaald") << "block 4 decides, not the later block 5; blok 40 is no blok 4";
  const auto any_block = propose_evaluation(target("De basisgroep maakt de dictees met 80 % goed."), "Spelling",
                                            group, kPeriod2);
  EXPECT_EQ(verdicts(any_block), "1:niet-behaald 3:behaald") << "the latest test in the period decides";
  ASSERT_EQ(any_block.size(), 2u);
  EXPECT_EQ(any_block[0].evidence, "Spelling blok 5: 50 % (doel: 80 %)");
}

OverviewLine reader(Id id, const char* avi, Date taken_on, const char* moment = "E5") {
  OverviewLine l = pupil(id, "5");
  l.reading_level = ReadingLevel{*parse_test_moment(moment), avi, taken_on, "juf Anna"};
  return l;
}

TEST(GoalEvaluation, AnAviLevelOneBelowIsPartly) {
  const auto goal = target("Aan het eind van de periode lezen de leerlingen van de intensieve groep AVI E4.");
  const Date june{2027, 6, 10};
  const std::vector<OverviewLine> group = {
      reader(1, "E4", june), reader(2, "M5", june), reader(3, "M4", june),
      reader(4, "E3", june), reader(5, "AVI-Plus", june),
      reader(6, "E4", {2027, 1, 15}),  // before the period
      pupil(7, "5"),                   // no reading level yet
  };
  const auto es = propose_evaluation(goal, "Technisch lezen", group, kPeriod2);
  EXPECT_EQ(verdicts(es), "1:behaald 2:behaald 3:deels 4:niet-behaald 5:behaald");
  ASSERT_EQ(es.size(), 5u);
  EXPECT_EQ(es[2].evidence, "AVI M4 (doel: AVI E4)");
  EXPECT_EQ(es[4].evidence, "AVI-Plus (doel: AVI E4)");
}

TEST(GoalEvaluation, ANamedMomentCountsInsteadOfThePeriods) {
  const std::vector<OverviewLine> group = {
      pupil(1, "5", {level("Rekenen-Wiskunde", "M5", "IV"), level("Rekenen-Wiskunde", "E5", "III")}),
      pupil(2, "5", {level("Rekenen-Wiskunde", "M5", "II")}),  // no E5 result yet
  };
  // In period 1 the period's moment is M5.
  const auto by_period = propose_evaluation(target("De basisgroep scoort voor rekenen niveau III of hoger."),
                                            "Rekenen-Wiskunde", group, kPeriod1);
  EXPECT_EQ(verdicts(by_period), "1:deels 2:behaald");
  const auto named = propose_evaluation(target("De basisgroep scoort bij de E5-toets rekenen niveau III of hoger."),
                                        "Rekenen-Wiskunde", group, kPeriod1);
  EXPECT_EQ(verdicts(named), "1:behaald") << "pupil 2 waits for the E5 result";
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].evidence, "Rekenen-Wiskunde E5: niveau III, was IV in M5 (doel: III of hoger)");
}

TEST(GoalEvaluation, AResultOfAnotherMomentOrAPupilWithoutResultsGetsNoProposal) {
  const auto goal = target("De basisgroep scoort voor rekenen niveau III of hoger.");
  const std::vector<OverviewLine> group = {
      pupil(1, "5"),
      pupil(2, "5", {level("Rekenen-Wiskunde", "E4", "I")}),   // last school year
      pupil(3, "5", {level("Rekenen-Wiskunde", "M5", "II")}),  // period 1's moment
      pupil(4, "5", {level("Rekenen-Wiskunde", "E5", "II")}),
      pupil(5, "S", {level("Rekenen-Wiskunde", "E5", "II")}),  // no year group: no period moment
  };
  EXPECT_EQ(verdicts(propose_evaluation(goal, "Rekenen-Wiskunde", group, kPeriod2)), "4:behaald");
}

TEST(GoalEvaluation, DescribeSaysTheTargetInDutch) {
  MeasurableTarget t;
  t.kind = TargetKind::kLevel;
  t.level = Level{LevelScale::kRoman, 3, false};
  EXPECT_EQ(describe(t), "niveau III of hoger");
  t.level = Level{LevelScale::kRoman, 1, false};
  EXPECT_EQ(describe(t), "niveau I") << "nothing is higher than I";
  t.moment = TestMoment{6, 'M'};
  EXPECT_EQ(describe(t), "niveau I bij M6");
  t = MeasurableTarget{};
  t.kind = TargetKind::kPercentage;
  t.value = 80;
  EXPECT_EQ(describe(t), "80 % op de methodetoets");
  t.kind = TargetKind::kAviLevel;
  t.avi_level = "E4";
  EXPECT_EQ(describe(t), "AVI E4");
  t.kind = TargetKind::kAbilityScore;
  t.value = 141.5;
  EXPECT_EQ(describe(t), "vaardigheidsscore 141,5 of hoger");
}

PupilEvaluation verdict(Id id, GoalVerdict v) { return {id, v, "", false}; }

TEST(GoalEvaluation, TheGroupsVerdictFromThePupils) {
  using V = GoalVerdict;
  EXPECT_FALSE(summarise({}));
  EXPECT_EQ(summarise({verdict(1, V::kReached), verdict(2, V::kReached)}), V::kReached);
  EXPECT_EQ(summarise({verdict(1, V::kNotReached), verdict(2, V::kNotReached)}), V::kNotReached);
  EXPECT_EQ(summarise({verdict(1, V::kReached), verdict(2, V::kNotReached)}), V::kPartly);
  EXPECT_EQ(summarise({verdict(1, V::kPartly), verdict(2, V::kNotReached)}), V::kPartly);
  EXPECT_EQ(summarise({verdict(1, V::kPartly)}), V::kPartly);
  EXPECT_EQ(summarise({verdict(1, V::kReached), verdict(2, V::kPartly), verdict(3, V::kNotReached)}), V::kPartly);
}

TEST(GoalEvaluation, APlanGetsProposalsWhereTheTeacherHasNotDecidedAndClosingConfirmsThem) {
  const Date may{2027, 5, 20};
  GroupOverview overview;
  overview.subjects = {"Spelling"};
  overview.lines = {with_tests(1, {method("Spelling", "Blok 4", 85, 100, may)}),
                    with_tests(2, {method("Spelling", "Blok 4", 60, 100, may)}),
                    with_tests(3, {method("Spelling", "Blok 4", 40, 100, may)})};
  GroupPlan plan = new_group_plan(overview, 9);
  SubgroupPlan& basis = plan.subjects[0].subgroups[1];
  ASSERT_EQ(basis.pupils, (std::vector<Id>{1, 2, 3}));
  PlanGoal measured;
  measured.text = "De basisgroep maakt de dictees met 80 % goed.";
  measured.pupils = {{2, GoalVerdict::kReached, "gecorrigeerd: herkansing gehaald", true},  // the teacher's
                     {3, GoalVerdict::kReached, "oud voorstel", false}};                     // replaced
  PlanGoal by_hand;
  by_hand.text = "De leerlingen werken met plezier samen.";
  basis.goals = {measured, by_hand};

  propose_evaluations(plan, overview, kPeriod2);
  EXPECT_EQ(verdicts(basis.goals[0].pupils), "2:behaald 1:behaald 3:niet-behaald");
  EXPECT_EQ(basis.goals[0].pupils[0].evidence, "gecorrigeerd: herkansing gehaald");
  EXPECT_FALSE(basis.goals[0].pupils[2].confirmed);
  EXPECT_TRUE(basis.goals[1].pupils.empty()) << "nothing measurable: the teacher evaluates";

  close_evaluation(plan);
  EXPECT_TRUE(plan.evaluation_closed);
  for (const auto& e : basis.goals[0].pupils) EXPECT_TRUE(e.confirmed) << e.pupil_id;
  EXPECT_EQ(basis.goals[0].verdict, GoalVerdict::kPartly);
  EXPECT_FALSE(basis.goals[1].verdict) << "no verdicts, no summary";
}

TEST(GoalEvaluation, InACombinationGroupAGoalForOneJaargroepIsMeasuredForItsPupilsOnly) {
  // 5/6: the basis subgroup has a goal of its own for each year group, on their own blocks.
  const Date may{2027, 5, 20};
  GroupOverview overview;
  overview.group.year_groups = {"5", "6"};
  overview.subjects = {"Spelling"};
  overview.lines = {with_tests(1, {method("Spelling", "Blok 4", 85, 100, may)}),
                    with_tests(2, {method("Spelling", "Blok 4", 40, 100, may)}),
                    with_tests(3, {method("Spelling", "Blok 4", 90, 100, may)})};
  overview.lines[0].year_group = "5";
  overview.lines[1].year_group = "6";
  overview.lines[2].year_group = "6";
  GroupPlan plan = new_group_plan(overview, 9);
  SubgroupPlan& basis = plan.subjects[0].subgroups[1];
  PlanGoal five, six;
  five.text = "Groep 5 maakt de dictees met 80 % goed.";
  five.year_group = "5";
  six.text = "Groep 6 maakt de dictees met 80 % goed.";
  six.year_group = "6";
  basis.goals = {five, six};

  propose_evaluations(plan, overview, kPeriod2);
  EXPECT_EQ(verdicts(basis.goals[0].pupils), "1:behaald");
  EXPECT_EQ(verdicts(basis.goals[1].pupils), "2:niet-behaald 3:behaald");

  std::map<Id, std::string> year_group_of{{1, "5"}, {2, "6"}, {3, "6"}};
  EXPECT_EQ(pupils_of_goal(basis, basis.goals[0], year_group_of), std::vector<Id>{1});
  EXPECT_EQ(pupils_of_goal(basis, basis.goals[1], year_group_of), (std::vector<Id>{2, 3}));
  // Not reached without per-pupil verdicts: only the goal's jaargroep goes to the discussion.
  basis.goals[1].pupils.clear();
  basis.goals[1].verdict = GoalVerdict::kNotReached;
  std::vector<Id> unreached;
  for (const auto& u : unreached_goals(plan, year_group_of))
    if (u.goal == basis.goals[1].text) unreached.push_back(u.pupil_id);
  EXPECT_EQ(unreached, (std::vector<Id>{2, 3}));

  // A jaargroep that is not in the group is named.
  basis.goals[0].year_group = "7";
  EXPECT_EQ(validate_plan(plan, overview.subjects, {1, 2, 3}, overview.group.year_groups),
            std::vector<std::string>{"Spelling, basis: doel 1 is voor groep 7, maar die jaargroep zit niet in deze groep"});
}

}  // namespace
}  // namespace koers::domain
