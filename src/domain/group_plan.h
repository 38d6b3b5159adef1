// The groepsplan (HGW phase 3, step 6) of a group for a period. Part 1 per subject: the basic
// offer for the whole group written once, and per subgroup (intensief, basis, verdiept)
// only what differs: goals, content (aanbod), approach (aanpak), organisation, points of
// attention and evaluation, with the pupils in it; a pupil may have an individual line.
// Part 2: werkhouding and sociaal-emotioneel functioneren for the group.
//
// Every saved state is a version (1, 2, …); a save names the version it was based on, so a
// stale save is refused instead of overwriting a colleague's work. Pure: no storage.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/group_overview.h"

namespace koers::domain {

enum class GoalKind { kDidactic, kPedagogic };
std::string goal_kind_key(GoalKind k);  // "didactisch", "pedagogisch"
std::optional<GoalKind> parse_goal_kind(const std::string& key);

enum class GoalVerdict { kReached, kPartly, kNotReached };
std::string verdict_key(GoalVerdict v);    // "behaald", "deels", "niet-behaald"
std::string verdict_label(GoalVerdict v);  // "behaald", "deels behaald", "niet behaald"
std::optional<GoalVerdict> parse_verdict(const std::string& key);

// The verdict of a goal for one pupil of the subgroup. Koers proposes it from the results
// when the goal names a measurable result (`confirmed` false); the teacher confirms or
// corrects it (`confirmed` true).
struct PupilEvaluation {
  Id pupil_id = 0;
  GoalVerdict verdict = GoalVerdict::kNotReached;
  std::string evidence;  // in words: "Rekenen-Wiskunde E5: niveau II (doel: III of hoger)"
  bool confirmed = false;
};

struct PlanGoal {
  GoalKind kind = GoalKind::kDidactic;
  std::string text;
  // The evaluation at the end of the period.
  std::optional<GoalVerdict> verdict;
  std::string stimulating, hindering;  // bevorderende en belemmerende factoren
  std::vector<PupilEvaluation> pupils;  // per pupil, when the goal could be measured
  std::string carried_from;             // "niet behaald in Periode 1" when copied forward
  // In a combination group (5/6) a goal may be for one jaargroep of the subgroup ("5"), as
  // the year groups follow different method blocks; "" for every pupil of the subgroup.
  std::string year_group;
};

struct SubgroupPlan {
  Approach approach = Approach::kBasic;
  std::vector<Id> pupils;
  std::vector<PlanGoal> goals;
  std::string content;        // aanbod: what differs from the basic offer
  std::string method;         // aanpak
  std::string organisation;   // who, when, how often, where
  std::string attention;      // aandachtspunten
  std::string evaluation;     // how and when it is evaluated
};

struct IndividualLine {
  Id pupil_id = 0;
  std::string text;  // what this pupil gets beside or instead of a subgroup
};

struct SubjectPlan {
  std::string subject;
  std::string basic_offer;               // for the whole group, written once
  std::vector<SubgroupPlan> subgroups;   // intensief, basis, verdiept
  std::vector<IndividualLine> individual;
};

// Part 2 for the group: how the group works and how it is doing.
struct GroupFunctioning {
  std::string learning_style;  // leerstijl
  std::string relation;        // behoefte aan relatie
  std::string competence;      // behoefte aan competentie
  std::string autonomy;        // behoefte aan autonomie
  std::string interests;
  std::string notes;
};

// One line of the week planning: on a day at a time, a subject, with what the whole group
// does and what each subgroup gets (e.g. verlengde instructie for intensief).
struct WeekSlot {
  int day = 1;       // 1 maandag … 5 vrijdag
  std::string time;  // "08:45"
  std::string subject;
  std::string whole_group;                  // "basisinstructie (15 min)"
  std::string intensive, basic, deepened;   // per subgroup
};
const std::vector<std::string>& weekday_names();  // "maandag" … "vrijdag"

// "8:45", "08.45" → 525; nullopt when the text is no time of day.
std::optional<int> minutes_of_day(const std::string& time);

// By day, then time ("9:00" before "10:15"); a time that cannot be read after those that
// can, by its text.
std::vector<const WeekSlot*> week_in_order(const std::vector<WeekSlot>& week);

struct GroupPlan {
  Id group_id = 0;
  Id period_id = 0;
  int version = 0;  // 0: never saved
  std::vector<SubjectPlan> subjects;
  GroupFunctioning functioning;
  std::vector<WeekSlot> week;
  Id carried_from_period = 0;  // the period whose plan this one started from, 0 if none
  bool evaluation_closed = false;  // the teacher closed the period's evaluation
  std::string saved_by, saved_at;
};

// An empty plan for a group's subjects: each subject with its three subgroups, each
// subgroup holding the pupils whose overview approach for the subject it is (basis for
// a pupil without one).
GroupPlan new_group_plan(const GroupOverview& overview, Id period_id);

// What is wrong with a plan before it is saved, in Dutch naming the place ("Spelling,
// intensief: leerling 12 zit niet in de groep"); empty when it may be saved. A goal's
// jaargroep must be one of `year_groups` (the group's) when that list is given.
std::vector<std::string> validate_plan(const GroupPlan& plan, const std::vector<std::string>& subjects,
                                       const std::vector<Id>& pupils_of_group,
                                       const std::vector<std::string>& year_groups = {});

// The pupils of the subgroup a goal is for: all of them, or those of its jaargroep
// (`year_group_of` maps a pupil to their jaargroep; a pupil not in it counts for every goal).
std::vector<Id> pupils_of_goal(const SubgroupPlan& subgroup, const PlanGoal& goal,
                               const std::map<Id, std::string>& year_group_of);

// The division of the current period follows the overview: per subject every pupil of the
// overview sits in the subgroup of their approach; without one, where the plan had them,
// else in basis. Pupils who left the group leave the plan (and its individual lines).
void place_pupils(GroupPlan& plan, const GroupOverview& overview);

// Closing the evaluation of a period. Per goal the pupils it was not (fully) reached for:
// those with a per-pupil verdict deels or niet-behaald; when the goal has no per-pupil
// verdicts but the subgroup's verdict is niet-behaald, every pupil of the subgroup.
struct UnreachedGoal {
  Id pupil_id = 0;
  std::string subject;
  Approach approach = Approach::kBasic;
  std::string goal;
  GoalVerdict verdict = GoalVerdict::kNotReached;
  std::string evidence;
};
// With `year_group_of`, a goal for one jaargroep counts for that jaargroep's pupils only.
std::vector<UnreachedGoal> unreached_goals(const GroupPlan& plan, const std::map<Id, std::string>& year_group_of = {});

// What those pupils need next period, as the overview's specific needs ("stretchen") per
// subject, phrased "heeft … nodig", source toets when a result showed it, else observatie.
std::vector<OverviewEntry> needs_from_evaluation(const GroupPlan& plan, const std::string& period_name);

}  // namespace koers::domain
