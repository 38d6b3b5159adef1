// The groeidocument of a leerlingbespreking (pupil discussion): Koers pre-fills it from what it
// already holds on the pupil — overview, signals, this year's group plans, earlier meetings —
// so nothing is typed twice; the IB then records the meeting along the six steps of the seeds,
// and the filled-in document is the report. Also the teacher's aanmeldingsformulier (with the
// hulpvraag) and what a pupil discussion can decide. Pure: no storage, no clock.
//
// What growth_document_facts gives, from `line` (the pupil's line of the current overview),
// `subjects` (the overview's subjects, in its order), `plans` (this school year's group plans
// of the pupil's group, oldest period first) with `plan_period_names` (one per plan, same
// order) and `earlier` (meetings the pupil was discussed in, any order):
// - factors and needs: the entries of `line`, in the order given, split into beschermende and
//   belemmerende factoren, algemene onderwijsbehoeften (per aspect) and onderwijsbehoeften per
//   vakgebied; a need's text is the overview's sentence (need_sentence: "heeft … nodig"); each
//   keeps its source, author and written_at (a UTC instant: the page shows its local date, as
//   the overview does);
// - per subject of `subjects`, in that order: the pupil's aanpak (nullopt when none is set);
//   per LVS test that counts for the subject (test_counts_for: "DMT" for Technisch lezen), in
//   order of its first result, its latest three results oldest first (latest_per_subject, as
//   the overview shows them) with the trend between the last two (trend_of, in words with
//   trend_label; empty when there is none); the subject's latest three method tests, newest
//   first; and for Technisch lezen the AVI level;
// - signals: the signals of `line.signals` about what is current — a test's latest moment or a
//   method's latest block (older ones are history) — concerns first, then strengths,
//   otherwise in the order given (evaluate_signals sorts by subject and moment). `line.signals` must hold only
//   the signals that still count: the caller leaves out those the teacher dismissed, as for
//   the overview and clustering. Each says what it is: "Laag niveau: " + its evidence;
// - per plan, in the order given: its period; per subject of the plan, in the plan's order,
//   where the pupil sits in a subgroup or has an individual line: the subgroup (nullopt with
//   only an individual line), the subgroup of that subject in the plan before it when the
//   pupil was placed there in another one (moved_from), the subgroup's goals in its order, and
//   the pupil's individual line. A goal carries the pupil's own verdict and evidence when the
//   goal has a PupilEvaluation for the pupil (for_pupil; proposed while Koers' proposal is not
//   yet confirmed), else the subgroup's verdict (nullopt: not evaluated). A plan in which the
//   pupil is nowhere (came into the group later) is there with no subjects;
// - earlier discussions newest first; the same day keeps the order given;
// - summary ("wat Koers al weet"), the starting text of step 1, defined below.
//
// The summary. Per subject of `subjects`, from what still counts — the latest LVS level of the
// tests that count for it (latest moment; at one moment the result given last), the signals
// of `line.signals` about a test's latest moment or a method's latest block, and the aanpak:
// - moeilijk when the latest level is IV or V (D or E), or a concern signal counts (every
//   rule except a level drop and the positive top level), or a level drop counts that ends at
//   III or lower (C or lower), or the aanpak is intensief — the same evidence that makes
//   clustering propose intensief; a concern is never hidden behind a good level;
// - else goed when the latest level is I to III (A to C), or the aanpak is verdiept;
// - else (no level, no signal, basis or no aanpak) the subject is not named.
// An item is the subject with its reasons in brackets, separated by ", ": "niveau IV in M6"
// (the latest level), for moeilijk the labels of the counting concern rules in lower case, in
// signal order, once each, leaving out "laag niveau" (the level says it), then "daling in
// niveau" when that counted, then "aanpak intensief" / for goed "aanpak verdiept". After the
// subjects come the beschermende factoren (goed) and belemmerende factoren (moeilijk) as
// written, without a closing full stop. The text is
//   "Wat gaat goed: <items, "; " between>. Wat gaat moeilijk: <items>."
// leaving out a sentence without items, e.g. "Wat gaat goed: Spelling (niveau II in M6);
// Helpt graag anderen. Wat gaat moeilijk: Rekenen-Wiskunde (niveau IV in M6, groei onder
// verwachting, aanpak intensief); Raakt snel afgeleid." Without any item:
// "Koers heeft nog geen resultaten, aanpak of factoren van deze leerling."
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/group_overview.h"
#include "domain/group_plan.h"
#include "domain/ihp.h"
#include "domain/signalling.h"

namespace koers::domain {

// The six steps of a pupil discussion, numbered 1–6, with the seeds' titles
// ("Wat gaat goed en wat gaat moeilijk?" … "Afspraken en planning.").
struct GrowthStep {
  int number = 0;
  std::string key;    // "goed-en-moeilijk", "inzicht", "genoeg-weten", "uitzicht",
                      // "ondersteuning-leerkracht", "afspraken"
  std::string title;  // Dutch, exactly as the seeds write it
};
const std::vector<GrowthStep>& growth_steps();

// The aanmeldingsformulier: the teacher registers a pupil for a pupil discussion.
struct RegistrationForm {
  std::string help_question;  // hulpvraag (required)
  std::string going_well;     // wat gaat goed
  std::string difficult;      // wat is moeilijk
  std::string tried;          // wat is al geprobeerd
  std::string wishes;         // wensen en verwachtingen
  bool operator==(const RegistrationForm&) const = default;
};

// What the teacher should look at, in Dutch naming the field: a hulpvraag that is missing
// (only whitespace counts as missing) — the one thing that keeps the form from being sent —
// or one without a question mark (advice: a hulpvraag is a question). Empty: nothing to say.
std::vector<std::string> registration_problems(const RegistrationForm& form);
// Whether the form may be sent: it has a hulpvraag. The other problems are advice.
bool registration_complete(const RegistrationForm& form);

// What a pupil discussion decides (step 6), on the 1-zorgroute.
enum class PupilDiscussionOutcome {
  kNone,            // "nog-niet-besloten": nog niet besloten
  kAdjustApproach,  // "aanpak-aanpassen": aanpak in het groepsplan aanpassen
  kStartIhp,        // "ihp-starten": een IHP starten
  kCareTeam,        // "zorgteam": aanmelden bij het zorgteam
  kFollowUp,        // "vervolgbespreking": opnieuw bespreken in een vervolgbespreking
  kNothingFurther,  // "geen-vervolg": geen verdere stappen nodig
};
std::string outcome_key(PupilDiscussionOutcome o);
std::string outcome_label(PupilDiscussionOutcome o);
std::optional<PupilDiscussionOutcome> parse_outcome(const std::string& key);
const std::vector<PupilDiscussionOutcome>& all_outcomes();

// A meeting the pupil was discussed in, given by the caller from the meetings store.
struct EarlierDiscussion {
  Date on;
  std::string kind_label;  // "Groepsbespreking", "Leerlingbespreking"
  std::string summary;     // outcome / notes about this pupil, may be empty
};

// A factor or need of the overview as the document shows it.
struct GrowthEntry {
  std::string topic;  // the aspect of a general need, the subject of a subject need; else empty
  std::string text;   // a factor as written; a need as "heeft … nodig"
  InformationSource source = InformationSource::kObservation;
  std::string written_by;
  std::string written_at;  // UTC ISO 8601
};

// One LVS test of a subject: its latest results and the trend.
struct GrowthTestResults {
  std::string test;                         // "Rekenen-Wiskunde", "DMT"
  std::vector<StandardisedResult> results;  // at most 3, oldest first
  std::optional<Trend> trend;               // between the last two
  std::string trend_text;                   // "vooruit", "gelijk", "achteruit"; "" without
};

struct GrowthSubject {
  std::string subject;
  std::optional<Approach> approach;
  std::vector<GrowthTestResults> tests;
  std::vector<MethodTest> method_tests;       // at most 3, newest first
  std::optional<ReadingLevel> reading_level;  // Technisch lezen only
};

struct GrowthSignal {
  SignalRule rule = SignalRule::kLevelLow;
  std::string subject;
  std::string about;  // the moment ("M6") or a method test's block ("Blok 3")
  bool positive = false;
  std::string text;   // "Laag niveau: Rekenen-Wiskunde: niveau IV in M6 (20–40 %)"
};

struct GrowthGoal {
  GoalKind kind = GoalKind::kDidactic;
  std::string text;
  std::optional<GoalVerdict> verdict;  // the pupil's own, else the subgroup's
  std::string verdict_text;            // evaluation_label: "behaald" … "niet geëvalueerd"
  bool for_pupil = false;              // the verdict is the pupil's own evaluation
  bool proposed = false;               // … proposed by Koers, not yet confirmed by the teacher
  std::string evidence;                // the pupil's evidence; empty for a subgroup verdict
  std::string stimulating, hindering;  // the subgroup's bevorderende/belemmerende factoren
};

struct GrowthPlanSubject {
  std::string subject;
  std::optional<Approach> subgroup;    // nullopt: only an individual line
  std::optional<Approach> moved_from;  // another subgroup in the plan before
  std::vector<GrowthGoal> goals;       // of the subgroup
  std::string individual_line;         // empty without one
};

struct GrowthPlan {
  Id period_id = 0;
  std::string period_name;
  bool evaluation_closed = false;
  std::vector<GrowthPlanSubject> subjects;  // empty: the pupil is in no subject of the plan
};

// What Koers knows, grouped as the document shows it.
struct GrowthDocumentFacts {
  Id pupil_id = 0;
  std::string name;
  std::string year_group;
  std::vector<GrowthEntry> protective;     // beschermende factoren
  std::vector<GrowthEntry> hindering;      // belemmerende factoren
  std::vector<GrowthEntry> general_needs;  // onderwijsbehoeften algemeen (topic: aspect)
  std::vector<GrowthEntry> subject_needs;  // onderwijsbehoeften per vakgebied (topic: subject)
  std::vector<GrowthSubject> subjects;
  std::vector<GrowthSignal> signals;
  std::vector<GrowthPlan> plans;
  std::vector<EarlierDiscussion> earlier;  // newest first
  std::vector<IhpSummary> ihps;            // the pupil's IHPs, newest term first (from the record)
  std::string summary;                     // "wat Koers al weet", for step 1
};

// The pre-filled facts, as described at the top. `plans` holds no nullptr and has as many
// entries as `plan_period_names`; otherwise it throws std::invalid_argument (a caller's bug).
GrowthDocumentFacts growth_document_facts(const OverviewLine& line, const std::vector<std::string>& subjects,
                                          const std::vector<const GroupPlan*>& plans,
                                          const std::vector<std::string>& plan_period_names,
                                          const std::vector<EarlierDiscussion>& earlier);

}  // namespace koers::domain
