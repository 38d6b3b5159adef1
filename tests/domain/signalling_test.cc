// Signalling rules with hand-computed cases: each threshold at its boundary, a drop
// across school years, missing moments, and a pupil who changed group mid-year.
#include "domain/signalling.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

const std::string kMath = "Rekenen-Wiskunde";
const std::string kSpelling = "Spelling";

StandardisedResult level(const std::string& subject, const char* moment, const char* lvl) {
  return StandardisedResult{subject, *parse_test_moment(moment), std::nullopt, parse_level(lvl), std::nullopt};
}
StandardisedResult score(const std::string& subject, const char* moment, double points) {
  return StandardisedResult{subject, *parse_test_moment(moment), points, std::nullopt, std::nullopt};
}
StandardisedResult dle(const std::string& subject, const char* moment, double months) {
  return StandardisedResult{subject, *parse_test_moment(moment), std::nullopt, std::nullopt, months};
}

// Only the rule under test switched on.
SignalRules none() {
  SignalRules r;
  r.level_at_or_below.reset();
  r.level_drop.reset();
  r.mastery_percentage.reset();
  r.mastery_misses_in_a_row = 1;
  r.min_learning_yield.reset();
  r.top_level_is_signal = false;
  return r;
}

std::vector<SignalRule> rules_of(const std::vector<Signal>& signals) {
  std::vector<SignalRule> out;
  for (const auto& s : signals) out.push_back(s.rule);
  return out;
}

TEST(Signalling, LevelThresholdAtItsBoundary) {
  SignalRules rules = none();
  rules.level_at_or_below = 4;  // IV/V and D/E
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "III")}).empty());
  auto iv = evaluate_signals(rules, {level(kMath, "M5", "IV")});
  ASSERT_EQ(iv.size(), 1u);
  EXPECT_EQ(iv[0].evidence, "Rekenen-Wiskunde: niveau IV in M5 (20–40 %)");
  EXPECT_EQ(evaluate_signals(rules, {level(kMath, "M5", "D")}).size(), 1u);
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "C")}).empty()) << "C is not D";
  rules.level_at_or_below = 5;
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "IV")}).empty());
  EXPECT_EQ(evaluate_signals(rules, {level(kMath, "M5", "V-")}).size(), 1u);
}

TEST(Signalling, ADropOfALevelWithTheEvidenceInWords) {
  SignalRules rules = none();
  rules.level_drop = 1;
  auto s = evaluate_signals(rules, {level(kMath, "E5", "IV"), level(kMath, "M5", "II")});  // any order in
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].rule, SignalRule::kLevelDrop);
  EXPECT_EQ(s[0].evidence, "Rekenen-Wiskunde: niveau II in M5 → IV in E5");
  EXPECT_EQ(s[0].moment.label(), "E5");
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "III"), level(kMath, "E5", "II")}).empty())
      << "a rise is no drop";
  rules.level_drop = 2;
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "II"), level(kMath, "E5", "III")}).empty());
  EXPECT_EQ(evaluate_signals(rules, {level(kMath, "M5", "II"), level(kMath, "E5", "IV")}).size(), 1u);
}

TEST(Signalling, ADropAcrossSchoolYears) {
  SignalRules rules = none();
  rules.level_drop = 1;
  auto s = evaluate_signals(rules, {level(kSpelling, "M6", "III"), level(kSpelling, "E5", "II")});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].evidence, "Spelling: niveau II in E5 → III in M6");
}

TEST(Signalling, MissingMomentsCompareTheResultsThereAre) {
  SignalRules rules = none();
  rules.level_drop = 1;
  // M5 was not taken: E4 → E5 is the consecutive pair.
  auto s = evaluate_signals(rules, {level(kMath, "E4", "I"), level(kMath, "E5", "III")});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].evidence, "Rekenen-Wiskunde: niveau I in E4 → III in E5");
  // Subjects are never compared with each other.
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "I"), level(kSpelling, "E5", "IV")}).empty());
}

TEST(Signalling, AChangeOfGroupMidYearDoesNotBreakTheLine) {
  // Results belong to the pupil; M5 in group 5A and E5 in group 5B compare as usual.
  SignalRules rules = none();
  rules.level_drop = 1;
  std::vector<StandardisedResult> results = {level(kMath, "M5", "II"), level(kMath, "E5", "III")};
  EXPECT_EQ(evaluate_signals(rules, results).size(), 1u);
}

TEST(Signalling, GrowthBelowWhatTheSchoolExpects) {
  SignalRules rules = none();
  rules.expected_growth = {{kMath, 5, 8}, {kMath, 6, 7}};  // per half-year step ending in 5 or 6
  // M5 → E5: 10 points, expected 8: fine. E5 → M6: 6 points, expected 7: signal.
  auto s = evaluate_signals(rules, {score(kMath, "M5", 200), score(kMath, "E5", 210), score(kMath, "M6", 216)});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].rule, SignalRule::kGrowthBelowExpected);
  EXPECT_EQ(s[0].evidence, "Rekenen-Wiskunde: groei 6 punten van E5 naar M6 (210 → 216), verwacht 7");
  // Exactly the expected growth is enough.
  EXPECT_TRUE(evaluate_signals(rules, {score(kMath, "E5", 210), score(kMath, "M6", 217)}).empty());
  // A missing moment adds up the steps: M5 → M6 expects 8 + 7 = 15.
  auto gap = evaluate_signals(rules, {score(kMath, "M5", 200.5), score(kMath, "M6", 215)});
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_EQ(gap[0].evidence, "Rekenen-Wiskunde: groei 14,5 punten van M5 naar M6 (200,5 → 215), verwacht 15");
  // No expected growth entered for group 4: no judgement.
  EXPECT_TRUE(evaluate_signals(rules, {score(kMath, "M4", 150), score(kMath, "E4", 150)}).empty());
}

TEST(Signalling, LearningYieldAndMonthsBehind) {
  SignalRules rules = none();
  rules.min_learning_yield = 75;
  // M5: DL 25. DLE 18.75 is exactly 75 %: no signal; 18.5 is 74 %: signal.
  EXPECT_TRUE(evaluate_signals(rules, {dle(kMath, "M5", 18.75)}).empty());
  auto low = evaluate_signals(rules, {dle(kMath, "M5", 18.5)});
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].evidence, "Rekenen-Wiskunde: leerrendement 74 % in M5 (DLE 18,5 bij DL 25), grens 75 %");
  rules.min_learning_yield.reset();
  rules.max_months_behind = 6;
  EXPECT_TRUE(evaluate_signals(rules, {dle(kMath, "E6", 34.5)}).empty());  // DL 40: 5,5 behind
  auto behind = evaluate_signals(rules, {dle(kMath, "E6", 34)});
  ASSERT_EQ(behind.size(), 1u);
  EXPECT_EQ(behind[0].evidence, "Rekenen-Wiskunde: 6 maanden achterstand in E6 (DL 40, DLE 34)");
}

TEST(Signalling, MethodTestsBelowMastery) {
  SignalRules rules = none();
  rules.mastery_percentage = 80;
  std::vector<MethodTestResult> tests = {{kMath, "Blok 1", 40, 50}, {kMath, "Blok 2", 39, 50}};
  auto once = evaluate_signals(rules, {}, tests);
  ASSERT_EQ(once.size(), 1u) << "40/50 is exactly 80 %";
  EXPECT_EQ(once[0].evidence, "Rekenen-Wiskunde: methodetoets Blok 2 39 van 50 = 78 %, beheersing 80 %");
  rules.mastery_misses_in_a_row = 2;
  EXPECT_TRUE(evaluate_signals(rules, {}, tests).empty());
  tests.push_back({kMath, "Blok 3", 30, 50});
  auto twice = evaluate_signals(rules, {}, tests);
  ASSERT_EQ(twice.size(), 1u);
  EXPECT_NE(twice[0].evidence.find("2e keer op rij"), std::string::npos);
  EXPECT_EQ(twice[0].block, "Blok 3") << "the block names the signal, so each has its own decision";
  tests.push_back({kMath, "Blok 4", 35, 50});
  auto run = evaluate_signals(rules, {}, tests);
  ASSERT_EQ(run.size(), 2u) << "each further miss of the run is signalled too";
  EXPECT_NE(run[1].evidence.find("3e keer op rij"), std::string::npos);
  rules.mastery_misses_in_a_row = 1;
  EXPECT_EQ(evaluate_signals(rules, {}, tests).size(), 3u) << "Blok 2, 3 and 4";
}

TEST(Signalling, ALowLevelThatRepeats) {
  SignalRules rules = none();
  rules.level_at_or_below = 4;
  rules.repeated_at_moments = 3;
  std::vector<StandardisedResult> results = {level(kSpelling, "M5", "IV"), level(kSpelling, "E5", "V"),
                                             level(kSpelling, "M6", "III"), level(kSpelling, "E6", "IV")};
  EXPECT_EQ(rules_of(evaluate_signals(rules, results)),
            std::vector<SignalRule>(4 - 1, SignalRule::kLevelLow))
      << "III in M6 breaks the streak";
  results.push_back(level(kSpelling, "M7", "V"));
  results.push_back(level(kSpelling, "E7", "IV"));
  auto s = evaluate_signals(rules, results);
  auto repeated = std::count_if(s.begin(), s.end(), [](auto& x) { return x.rule == SignalRule::kRepeatedLowLevel; });
  ASSERT_EQ(repeated, 1);
  EXPECT_EQ(s.back().evidence, "Spelling: 3 keer achter elkaar niveau IV of lager, laatst in E7");
}

TEST(Signalling, TheTopLevelIsACandidateForVerdiept) {
  SignalRules rules = none();
  rules.top_level_is_signal = true;
  auto s = evaluate_signals(rules, {level(kMath, "M6", "I+")});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_TRUE(s[0].positive);
  EXPECT_EQ(s[0].rule, SignalRule::kTopLevel);
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M6", "II")}).empty());
}

TEST(Signalling, ADropWithinTheTopLevelsIsNoConcern) {
  SignalRules rules = none();
  rules.level_drop = 1;
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "I+"), level(kMath, "E5", "II")}).empty());
  EXPECT_TRUE(evaluate_signals(rules, {level(kMath, "M5", "A"), level(kMath, "E5", "B")}).empty());
  EXPECT_EQ(rules_of(evaluate_signals(rules, {level(kMath, "M5", "II"), level(kMath, "E5", "III")})),
            std::vector<SignalRule>{SignalRule::kLevelDrop})
      << "out of the top levels";
}

TEST(Signalling, OnlyTheLatestMomentAndTheLatestBlockAreCurrent) {
  SignalRules rules = none();
  rules.level_at_or_below = 4;
  rules.mastery_percentage = 80;
  const auto s = evaluate_signals(
      rules, {level(kSpelling, "M4", "V"), level(kSpelling, "E4", "IV"), level(kSpelling, "M5", "IV"), level(kMath, "M5", "V")},
      {{"Spelling", "Blok 1", 10, 50}, {"Rekenen", "Blok 1", 10, 50}, {"Spelling", "Blok 2", 10, 50}});
  std::vector<std::string> current, history;
  for (const Signal& x : s)
    (x.current ? current : history).push_back(x.subject + " " + (x.block.empty() ? x.moment.label() : x.block));
  // Per subject, a method's blocks come before the test's moments.
  EXPECT_EQ(current, (std::vector<std::string>{"Rekenen Blok 1", "Rekenen-Wiskunde M5", "Spelling Blok 2", "Spelling M5"}));
  EXPECT_EQ(history, (std::vector<std::string>{"Spelling Blok 1", "Spelling M4", "Spelling E4"}));
}

TEST(Signalling, OneLinePerSubjectNamesEveryRuleThatFires) {
  SignalRules rules = none();
  rules.level_at_or_below = 4;
  rules.level_drop = 1;
  rules.mastery_percentage = 80;
  rules.top_level_is_signal = true;
  // A method ("Rekenen") and a test's new version count for Rekenen-Wiskunde: one subject.
  const auto lines = signal_lines(evaluate_signals(
      rules,
      {level("Rekenen-Wiskunde 3.0", "E5", "II"), level("Rekenen-Wiskunde 3.0", "M6", "IV"), level("DMT", "M6", "I"),
       level(kSpelling, "E5", "V"), level(kSpelling, "M6", "III")},
      {{"Rekenen", "Blok 3", 20, 40}}));
  ASSERT_EQ(lines.size(), 2u) << "Spelling's V of E5 is history";
  EXPECT_EQ(lines[0].subject, "Rekenen-Wiskunde");
  EXPECT_FALSE(lines[0].positive);
  EXPECT_EQ(rules_of(lines[0].signals), (std::vector<SignalRule>{SignalRule::kMethodTestBelowMastery,
                                                                 SignalRule::kLevelLow, SignalRule::kLevelDrop}));
  EXPECT_EQ(lines[1].subject, "Technisch lezen") << "DMT counts for Technisch lezen";
  EXPECT_TRUE(lines[1].positive) << "strengths after concerns";
  EXPECT_EQ(subject_of_test("Plusklas schaken"), "Plusklas schaken") << "a test of no subject keeps its name";
}

TEST(Signalling, RulesAreCheckedBeforeTheyAreSaved) {
  EXPECT_EQ(validate_rules(SignalRules{}), std::nullopt);
  SignalRules r;
  r.level_at_or_below = 6;
  EXPECT_EQ(validate_rules(r), "Niveaugrens: kies II tot en met V.");
  r = SignalRules{};
  r.repeated_at_moments = 1;
  EXPECT_EQ(validate_rules(r), "Herhaald laag niveau: 0 (uit) of 2 tot en met 10 toetsmomenten.");
  r = SignalRules{};
  r.expected_growth = {{"Spelling", 5, 6}, {"Spelling", 5, 7}};
  EXPECT_EQ(validate_rules(r), "Verwachte groei, regel 2: Spelling groep 5 staat er al.");
  r.expected_growth = {{"Spelling", 2, 6}};
  EXPECT_EQ(validate_rules(r), "Verwachte groei, regel 1: jaargroep 3 tot en met 8.");
}

TEST(Signalling, DefaultRulesOnATypicalPupil) {
  SignalRules rules;  // V, a fall of three levels, twice below 70 % on a method, yield below 60 %, I as strength
  std::vector<StandardisedResult> results = {level(kMath, "M5", "II"), level(kMath, "E5", "IV"),
                                             level(kSpelling, "M5", "I"), level(kSpelling, "E5", "I")};
  EXPECT_EQ(rules_of(evaluate_signals(rules, results)), (std::vector<SignalRule>{SignalRule::kTopLevel, SignalRule::kTopLevel}))
      << "IV after II is no concern by default";
  results.push_back(level(kMath, "M6", "V"));
  EXPECT_EQ(rules_of(evaluate_signals(rules, results)),
            (std::vector<SignalRule>{SignalRule::kLevelLow, SignalRule::kTopLevel, SignalRule::kTopLevel}));
  results.push_back(level(kSpelling, "M6", "IV"));
  EXPECT_EQ(rules_of(evaluate_signals(rules, results)),
            (std::vector<SignalRule>{SignalRule::kLevelLow, SignalRule::kTopLevel, SignalRule::kTopLevel,
                                     SignalRule::kLevelDrop}))
      << "I to IV is a fall of three levels";
  EXPECT_EQ(rules_of(evaluate_signals(rules, {}, {{"Rekenen", "Blok 1", 27, 40}, {"Rekenen", "Blok 2", 27, 40}})),
            std::vector<SignalRule>{SignalRule::kMethodTestBelowMastery})
      << "twice 67 %";
}

}  // namespace
}  // namespace koers::domain
