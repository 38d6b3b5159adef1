// Goal evaluation (HGW phase 3, the evaluatie of the groepsplan): a goal that names a
// measurable result — a test and a level, an ability score, a percentage or an AVI level —
// is evaluated by Koers as soon as the results arrive. Koers proposes the verdict per pupil
// of the subgroup with the evidence in words; the teacher confirms or corrects it. A goal
// that names nothing measurable ("De leerlingen werken met plezier samen.") is evaluated by
// the teacher alone. Pure: no storage, no clock.
//
// What a goal names (measurable_target), read as teachers write goals:
// - an LVS level: "niveau III", "minimaal niveau III", "III of hoger", "een II-score",
//   "niveau B of hoger", "niveau I+", "van niveau IV naar III" (the level after "naar");
//   the level or better counts as reached. Letters only with "niveau", "-score" or "of
//   hoger", so "van A naar B" in a pedagogic goal is no level;
// - an ability score: "vaardigheidsscore van (minimaal) 185", "vaardigheidsscore ≥ 185",
//   "VS 185"; not a growth ("vaardigheidsscore groeit 8 punten");
// - a percentage on the method test: "80 % goed", "80 procent", "minimaal 80 % op de
//   methodetoets (blok 4)" — only with "goed/correct/juist" after it or a (method) test or
//   block named, and never for "van de lessen/tijd/dagen", nauwkeurigheid or rendement,
//   so "werkt in 80 % van de lessen zelfstandig" is no result, nor a percentage on a test
//   of its own ("90 % goed op het tafeldictee", "de leestoets"; "de dictees", "de
//   methodetoets" and "de rekentoets" are the method's). A named block ("blok 4",
//   also "aan het eind van blok 4") restricts the method test to that block;
// - an AVI level: "AVI E4", "AVI-niveau M5", "AVI-Plus" (that level or higher).
// A test moment the goal names ("bij de M6-toets", "op de Cito E5", "M6"; lower case only
// before "toets"; the latest when it names more) restricts which LVS result or AVI level
// counts; it is ignored for a percentage (method tests go by block and date). The "M5" of
// "AVI M5" is no moment. Dates ("12-03") and block numbers are never a score. A goal naming
// two kinds (niveau III and 80 % goed) gives nullopt: Koers would judge only half of it, so
// the teacher evaluates it; next to an AVI level a percentage is the reading accuracy and
// does not count as a second kind.
//
// Which results count for the period (propose_evaluation): method tests taken within the
// period's dates, the latest deciding; the pupil's AVI level when taken within them (or at
// the named moment); LVS results of one moment: the named moment, else the period's moment
// for the pupil's year group (moment_of_period), and of two tests at it the one entered
// last. Only tests of the goal's subject count (test_counts_for), and for a level only
// results on the target's scale (I–V or A–E: C is not III). A pupil without a counting result
// gets no proposal yet (waiting for the result). The verdict:
// - level: at or better than the target → behaald; one rank short, or better than the result
//   of the same test before it → deels; else niet-behaald (I+ is better than I; I is short
//   of I+);
// - ability score: at least the target → behaald; below it but higher than the result of the
//   same test before it → deels; else niet-behaald;
// - percentage: at least the target → behaald; at most 10 percentage points below it →
//   deels (70 % for a target of 80 % is deels, 69,9 % niet); else niet-behaald;
// - AVI: the target level or higher → behaald; one AVI level below → deels; else niet-behaald.
// Proposals are never `confirmed`; that is the teacher's act.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/group_overview.h"
#include "domain/group_plan.h"

namespace koers::domain {

enum class TargetKind { kLevel, kAbilityScore, kPercentage, kAviLevel };

// The result a goal names, as measurable_target reads it from the goal's text.
struct MeasurableTarget {
  TargetKind kind = TargetKind::kLevel;
  Level level;                       // kLevel: this level or better
  double value = 0;                  // kAbilityScore: the score; kPercentage: the percentage
  std::string avi_level;             // kAviLevel: one of avi_levels()
  std::optional<TestMoment> moment;  // the test moment the goal names; only its result counts
  std::string block;                 // kPercentage: "Blok 4" when the goal names a block
  bool operator==(const MeasurableTarget&) const = default;
};

// The result the goal names; nullopt when it names none, or more than one kind.
std::optional<MeasurableTarget> measurable_target(const std::string& goal_text);

// The target in Dutch for the teacher: "niveau III of hoger", "niveau III of hoger bij M6",
// "vaardigheidsscore 185 of hoger", "80 % op de methodetoets van blok 4", "AVI E4".
std::string describe(const MeasurableTarget& target);

// The dates of the period whose results count.
struct PeriodWindow {
  Date starts_on, ends_on;
};

// The LVS moment of a year group whose results evaluate the period's goals: E when the
// period holds a day of June, else M when it holds a day of January or February; nullopt
// for a period without either (or a year group outside 1–8). E wins over M because goals are
// evaluated at the period's end: a February–July period is judged by E, not by the M results
// that came in at its start.
std::optional<TestMoment> moment_of_period(const PeriodWindow& window, int year_group);

// A proposal per pupil of `pupils` (the subgroup's lines of the overview) that has a counting
// result, in the order of `pupils`, each with its evidence: "Rekenen-Wiskunde M6: niveau II,
// was IV in E5 (doel: III of hoger)", "Spelling blok 4: 72 % (doel: 80 %)", "AVI M5 (doel:
// AVI E4)". Pupils without a counting result are left out.
std::vector<PupilEvaluation> propose_evaluation(const MeasurableTarget& target, const std::string& subject,
                                                const std::vector<OverviewLine>& pupils, const PeriodWindow& window);

// The goal's verdict for the subgroup: behaald when every pupil reached it, niet-behaald when
// none did (all niet-behaald), else deels; nullopt without evaluations.
std::optional<GoalVerdict> summarise(const std::vector<PupilEvaluation>& evaluations);

// Koers' proposals for a whole plan: per goal that names a measurable result, the verdict
// of every pupil of its subgroup whose result is in. What the teacher confirmed or
// corrected stays; an earlier unconfirmed proposal is replaced by the new one.
void propose_evaluations(GroupPlan& plan, const GroupOverview& overview, const PeriodWindow& window);

// Closing the period's evaluation: every proposal counts as confirmed, a goal without its
// own verdict gets the summary of its pupils', and the plan is marked closed.
void close_evaluation(GroupPlan& plan);

}  // namespace koers::domain
