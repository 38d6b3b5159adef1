// The individueel handelingsplan (IHP, seed 001 §6): when a pupil's needs cannot be met in
// the (sub)group plan, teacher and IB write a short, intensive plan in seven rubrics —
// beginsituatie, doelen, termijn, inhoud, betrokkenen, organisatie, evaluatie — carry it out
// (each session of an organisatie line is ticked off as given or not), evaluate it against
// the results Koers holds, and the outcome moves the pupil on the route: back into a
// subgroup, a new adjusted IHP, or external steps (the care team). With an OPP the same plan
// carries the uitstroombestemming and the parents' instemming on its handelingsdeel.
// Pure: no storage, no clock (callers pass today).
//
// The lifecycle: concept → lopend (start_ihp: at least one goal, a valid term, no problems)
// → geëvalueerd (evaluate_ihp: every goal has a confirmed verdict) → afgesloten (close_ihp,
// with an outcome). Each step is refused, with the reason in Dutch, from any other status.
// What is done and what is planned is told apart per goal (goal_effort): the sessions the
// organisatie lines plan on school days of the term up to a day, against those logged as
// given, so "het plan werkte niet" is not mistaken for "het plan is niet uitgevoerd".
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/goal_evaluation.h"
#include "domain/group_overview.h"
#include "domain/group_plan.h"
#include "domain/school.h"
#include "domain/school_calendar.h"

namespace koers::domain {

enum class IhpStatus { kDraft, kRunning, kEvaluated, kClosed };
std::string ihp_status_key(IhpStatus s);    // "concept", "lopend", "geevalueerd", "afgesloten"
std::string ihp_status_label(IhpStatus s);  // "in voorbereiding", "loopt", "geëvalueerd", "afgesloten"
std::optional<IhpStatus> parse_ihp_status(const std::string& key);

// What the evaluation decides: the pupil moves on the 1-zorgroute.
enum class IhpOutcome { kGoalReached, kNewAdjustedIhp, kExternalSteps };
std::string ihp_outcome_key(IhpOutcome o);    // "doel-bereikt", "nieuw-ihp", "externe-stappen"
std::string ihp_outcome_label(IhpOutcome o);  // "Doel bereikt: terug in een subgroep", …
std::optional<IhpOutcome> parse_ihp_outcome(const std::string& key);

// A goal is tied to a subject of the overview ("Technisch lezen") or to one of these two.
inline const std::string kWorkAttitude = "Werkhouding";
inline const std::string kSocialEmotional = "Sociaal-emotioneel";

struct IhpGoal {
  int number = 0;          // "doel 1"; organisatie lines name it
  bool long_term = false;  // lange termijn; else korte termijn
  std::string area;        // a subject, kWorkAttitude or kSocialEmotional
  std::string text;
  std::optional<Date> due_on;  // termijn: the day by which it should be reached
  // Evaluatie (rubric 7): what is looked at, by whom, how, and when it counts as reached.
  std::string evaluation_what, evaluation_who, evaluation_how, criteria;
  std::optional<GoalVerdict> verdict;
  std::string evidence;      // Koers' proposal in words, or the teacher's
  bool confirmed = false;    // false: Koers' proposal, not yet confirmed
  std::string carried_from;  // "niet behaald in het IHP van 02-02-2027" when carried forward
};

// Betrokkenen (rubric 5).
struct IhpInvolved {
  std::string role;  // "leerkracht", "ib", "ouders", "leerling", "rt", "extern"
  std::string name;
  std::string responsibility;
};
const std::vector<std::string>& ihp_roles();
std::string ihp_role_label(const std::string& role);  // "Leerkracht", "Intern begeleider", "RT'er", …

// Organisatie (rubric 6): who works on which goal, how often, where, when, how long. It
// appears in the group's week planning on its days, marked as IHP work.
struct OrganisationLine {
  int number = 0;
  std::string who;        // "RT", "leerkracht"
  int goal = 0;           // the goal's number
  std::vector<int> days;  // 1 maandag … 5 vrijdag, each once
  std::string time;       // "10:30"
  int minutes = 0;        // per session
  std::string place;      // "lokaal 4"
};
// "RT, doel 1, 3× per week 20 min, ma/wo/vr 10:30, lokaal 4"
std::string describe(const OrganisationLine& line);

// One session of a line, ticked off by whoever gives it.
struct SessionLog {
  int line = 0;
  Date on;
  bool given = false;
  int minutes = 0;  // given minutes; 0 when not given
  std::string note;
  std::string logged_by;
};

// A voice of the seeds: the pupil's own words (mederegisseur) or the parents' view.
struct IhpVoice {
  std::string text;
  std::string written_by;
  std::string written_at;  // UTC ISO 8601
};

// The parents' instemming on an OPP's handelingsdeel.
struct ParentConsent {
  std::string who;
  Date on;
  bool agreed = false;
  std::string reason;  // required when not agreed
};

// The ontwikkelingsperspectief, where support goes beyond the school's basic support.
struct Opp {
  std::string outflow;                         // uitstroombestemming ("vmbo-kader")
  std::string reasons;                         // its reasons
  std::string hindering;                       // belemmerende factoren (from the record)
  std::string helping;                         // bevorderende factoren
  std::vector<ParentConsent> consents;         // newest last
  std::vector<Date> evaluations_with_parents;  // the yearly evaluations held
};

struct Ihp {
  Id id = 0;
  Id pupil_id = 0;
  Id from_meeting = 0;  // the pupil discussion that decided it; 0 when started elsewhere
  Id previous = 0;      // the evaluated IHP this one follows; 0 for a first
  int version = 0;      // 0: never saved
  IhpStatus status = IhpStatus::kDraft;
  Date starts_on, ends_on;         // termijn (rubric 3)
  std::string long_term_reason;    // why longer than one period ("dyslexie"), may be empty
  std::string starting_situation;  // beginsituatie (rubric 1)
  std::vector<IhpGoal> goals;      // doelen (rubric 2)
  std::string content;             // inhoud (rubric 4)
  std::vector<IhpInvolved> involved;
  std::vector<OrganisationLine> organisation;
  std::vector<SessionLog> sessions;
  std::string evaluation;  // the evaluation's conclusion in words
  IhpVoice pupil_voice, parent_view;
  std::optional<Date> discussed_with_parents_on;
  std::optional<bool> parents_agree;
  std::optional<IhpOutcome> outcome;
  std::optional<Opp> opp;
  std::string saved_by, saved_at;
};

// One plan of a pupil's list: where it stands, its term and latest version.
struct IhpSummary {
  Id id = 0;
  Id pupil_id = 0;
  IhpStatus status = IhpStatus::kDraft;
  std::optional<IhpOutcome> outcome;
  Date starts_on, ends_on;
  int version = 0;
  std::string saved_by, saved_at;  // of the latest version
};

// A step of the lifecycle that is not allowed, in Dutch for the user.
struct IhpError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A new concept IHP for the pupil from `today` to the end of the period that holds it, else
// from the start of the first period after it; when fewer than 28 days of the period remain,
// through the end of the next one (a plan is not started for a few days). Throws IhpError
// when the school year has no such period.
Ihp new_ihp(Id pupil_id, const std::vector<Period>& periods, const Date& today);

// What is wrong, in Dutch naming the rubric and field: a term that ends before it starts;
// a goal without text or area, a goal's date outside the term, two goals with one number;
// an organisatie line naming no goal of the plan, without days, a day outside 1–5, or no
// minutes; a session log for a line the plan does not have, outside the term, on a day the
// line does not plan, or given without minutes; a refused instemming without a reason.
std::vector<std::string> ihp_problems(const Ihp& ihp);

// Advice, not a refusal: a term longer than the period it is for (the one it starts in, or
// the next when it starts in the last 28 days of a period, as new_ihp). The seeds want the
// plan short and intensive ("een lang IHP belemmert de plaats van de leerling in de groep");
// with a recorded reason the advice names it. Empty when the term lies within one period.
std::optional<std::string> term_warning(const Ihp& ihp, const std::vector<Period>& periods);

void start_ihp(Ihp& ihp);                      // concept → lopend
void evaluate_ihp(Ihp& ihp);                   // lopend → geëvalueerd
void close_ihp(Ihp& ihp, IhpOutcome outcome);  // geëvalueerd → afgesloten

// Koers' verdict proposals from the results in `pupil` (the pupil's overview line), for the
// goals of a subject that name a measurable result (measurable_target), counting results
// within the term (propose_evaluation). A confirmed verdict stays; an earlier proposal is
// replaced; a goal without a counting result keeps what it had.
void propose_ihp_verdicts(Ihp& ihp, const OverviewLine& pupil);

// The days in [from, to] on which `line` plans a session: the week days it names that no
// holiday holds, ascending.
std::vector<Date> planned_days(const OrganisationLine& line, const Date& from, const Date& to,
                               const std::vector<Holiday>& holidays);

// Planned against given time of one goal, through a day.
struct GoalEffort {
  int goal = 0;
  int planned_sessions = 0, planned_minutes = 0;  // school days of the term through the day
  int given_sessions = 0, given_minutes = 0;      // logged as given
  int not_given = 0;                              // logged as not given
  double share_given() const;                     // given ÷ planned sessions; 0 when none planned
  // "uitgevoerd" (≥ 80 % of the sessions given), "deels uitgevoerd" (≥ 50 %), else "niet
  // uitgevoerd"; "nog niets gepland" without a planned session.
  std::string carried_out_label() const;
};
// Per goal of the plan, in its order. Planned: each day in [starts_on, min(ends_on, through)]
// that one of the goal's lines names and no holiday holds.
std::vector<GoalEffort> goal_effort(const Ihp& ihp, const Date& through, const std::vector<Holiday>& holidays);

// The IHP's work in the group's week planning: each organisatie line on each of its days,
// by day, then time (as week_in_order), then line.
struct IhpWeekItem {
  int day = 1;  // 1 maandag … 5 vrijdag
  std::string time;
  int line = 0;
  std::string text;  // describe(line)
};
std::vector<IhpWeekItem> ihp_week_items(const Ihp& ihp);

// What a saved version changed against the one before, in the rubrics' words, in rubric
// order: "beginsituatie", "doel 2 toegevoegd", "doel 1", "doel 3 verwijderd", "termijn",
// "inhoud", "betrokkenen", "organisatie", "evaluatie", "stem van de leerling", "kijk van de
// ouders", "gesprek met de ouders", "OPP". Empty when nothing a writer sees changed.
std::vector<std::string> ihp_changes(const Ihp& before, const Ihp& after);

// The next, adjusted IHP after an evaluated one: a concept as new_ihp gives it from the day
// after the old term ended, or from `today` when that day has passed; previous set, the goals not
// reached carried (verdict cleared, carried_from saying where they come from, renumbered
// from 1) with their organisatie lines; inhoud and betrokkenen copied; the beginsituatie
// starts with the old evaluation. Throws IhpError unless `old` is geëvalueerd or afgesloten.
Ihp next_ihp(const Ihp& old, const std::vector<Period>& periods, const Date& today);

// After "doel bereikt": the pupil rejoins a subgroup in each subject of the IHP's goals
// that the plan has — the subgroup of the pupil's aanpak in `overview`, else basis — and
// the pupil's individual line there is removed. A pupil already in a subgroup of the
// subject stays where they are. Throws IhpError unless the IHP closed with kGoalReached.
void rejoin_subgroups(GroupPlan& plan, const Ihp& ihp, const GroupOverview& overview);

// The OPP's yearly evaluation with the parents: a year after the last one held, else a year
// after the plan started.
Date opp_evaluation_due(const Opp& opp, const Date& plan_started);
// "gepland" (more than 30 days away), "binnenkort" (within 30 days), "te laat" (passed).
std::string opp_evaluation_state(const Date& due, const Date& today);

}  // namespace koers::domain
