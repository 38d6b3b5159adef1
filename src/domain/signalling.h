// Signalling (HGW phase 1, step 2): which pupils need extra support, and why.
//
// The school's team agrees the rules (SignalRules, every threshold configurable); Koers
// evaluates them over a pupil's results and proposes signals, each with its evidence in
// words ("Rekenen-Wiskunde: niveau II in M5 → IV in E5"). The teacher decides. Pure: no
// storage, no clock; results of every group the pupil was in count, across school years.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/test_moment.h"
#include "domain/test_scale.h"

namespace koers::domain {

// One standardised (LVS) result of one pupil.
struct StandardisedResult {
  std::string subject;  // "Rekenen-Wiskunde", "Spelling", "Begrijpend lezen", …
  TestMoment moment;
  std::optional<double> ability_score;  // vaardigheidsscore
  std::optional<Level> level;
  std::optional<double> dle;  // didactische leeftijdsequivalent, in months
  // For exports only (signalling reads neither): the date taken and the national percentile.
  std::optional<Date> taken_on = std::nullopt;
  std::optional<double> percentile = std::nullopt;
};

// A method test (methodetoets): score out of a maximum, in order of taking.
struct MethodTestResult {
  std::string subject;
  std::string block;  // "Blok 3"
  double score = 0;
  double maximum = 0;
};

// Expected ability-score growth for one half-year step ending in a year group (from the
// moment before to M or E of that year group), as the school enters it per test.
struct ExpectedGrowth {
  std::string subject;
  int year_group = 0;
  double points = 0;
};

// The defaults are what a team can start from: on results that follow the national
// distribution they signal about a fifth of the pupils as a concern (the demo school: 49 of
// 217), mostly the lowest 20 % of a test; a team widens them on the Signaleringsregels page.
struct SignalRules {
  // Signal at this rank or worse (5: V and E; 4: also IV and D); nullopt: off.
  std::optional<int> level_at_or_below = 5;
  // Signal when the level drops by at least this many ranks between consecutive moments
  // (3: a sharp fall, II → V); a drop that ends at I or II never signals.
  std::optional<int> level_drop = 3;
  // Signal when growth between consecutive moments is below what the school expects.
  std::vector<ExpectedGrowth> expected_growth;
  // Method tests: signal below this percentage, when it happens this many times in a row.
  std::optional<double> mastery_percentage = 70;
  int mastery_misses_in_a_row = 2;
  // Leerrendement (DLE / DL) below this percentage; months behind (DL − DLE) at least this.
  std::optional<double> min_learning_yield = 60;
  std::optional<int> max_months_behind;
  // Signal when the level rule fires at this many consecutive moments (0: off).
  int repeated_at_moments = 0;
  // The positive side: level I/A (rank 1) signals a candidate for the verdiept group.
  bool top_level_is_signal = true;
};

enum class SignalRule {
  kLevelLow,
  kLevelDrop,
  kGrowthBelowExpected,
  kMethodTestBelowMastery,
  kLearningYieldLow,
  kMonthsBehind,
  kRepeatedLowLevel,
  kTopLevel,
};
std::string signal_rule_key(SignalRule rule);    // "niveau-laag", …
std::string signal_rule_label(SignalRule rule);  // "Laag niveau", …

struct Signal {
  SignalRule rule;
  std::string subject;
  TestMoment moment;       // the moment it is about (the later one for a change)
  bool positive = false;   // a strength (verdiept), not a concern
  std::string evidence;    // in words, for the teacher
  std::string block;       // a method test's block ("Blok 3"): what it is about instead of a moment
  // About what is true now: its test's latest moment, or its method's latest block. Older
  // signals are history: readable, but not open for a decision.
  bool current = true;
};

// Checks the team's rules; returns what is wrong in Dutch, naming the setting, or nullopt.
std::optional<std::string> validate_rules(const SignalRules& rules);

// Every signal the rules give for one pupil's results (any order in, sorted out by
// subject and moment), each marked current or history. Results without the needed field
// (a level, a score, a DLE) are skipped by the rules that need it. A drop that ends in the
// top levels (I or II, A or B) is no concern and gives no signal. Method tests come oldest
// first.
std::vector<Signal> evaluate_signals(const SignalRules& rules,
                                     const std::vector<StandardisedResult>& results,
                                     const std::vector<MethodTestResult>& method_tests = {});

// What a teacher decides on: per subject of the overview (a test's version or a method counts
// for its subject: "Rekenen" and "Rekenen-Wiskunde 3.0" are Rekenen-Wiskunde), the current
// concerns as one line and the current strengths as another, each naming every rule that
// fires with its evidence. Concern lines first, then by subject.
struct SignalLine {
  std::string subject;
  bool positive = false;
  std::vector<Signal> signals;  // current only, in the order evaluate_signals gave them
};
std::vector<SignalLine> signal_lines(const std::vector<Signal>& signals);

// The subject of the overview a test or method counts for ("DMT" → "Technisch lezen"); the
// test's own name when it counts for none.
std::string subject_of_test(const std::string& test_name);

}  // namespace koers::domain
