// The 1-zorgroute (seed 001 §9, DOMAIN.md "The 1-zorgroute"): the level a pupil is at, derived
// from what is recorded in their PupilRecord and never set by hand; the route timeline (each
// step up and down with date, who decided, why, with which consent and what came of it); and
// what is stuck. Pure: no storage, no clock (callers pass today).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/pupil_record.h"

namespace koers::domain {

enum class RouteLevel { kGroup = 1, kSubgroup = 2, kPupilDiscussion = 3, kCareTeam = 4, kExternal = 5 };
int level_number(RouteLevel l);                 // 1–5
std::string route_level_label(RouteLevel l);    // "Groepsniveau", …, "Extern: ZAT, PCL/SBO, CVI/SO, TLV"
const std::vector<RouteLevel>& all_route_levels();  // 1 to 5

// A consent in force that ends within this many days is flagged (unless renewed).
constexpr int kRouteConsentExpiryDays = 14;
// A referral waiting this many days or more for the parents (their copy, their response, their
// consent) is flagged.
constexpr int kRouteReferralWaitDays = 14;

// Something recorded that holds the pupil at a level now.
struct RouteEvidence {
  RouteLevel level = RouteLevel::kGroup;
  std::string kind;  // "groepsplan", "leerlingbespreking", "ihp", "casus", "hgd", "extern", "verwijzing"
  Id id = 0;         // the group (groepsplan), meeting, IHP, case, HGD request or referral
  std::string text;  // "IHP 05-01-2027 t/m 12-03-2027: loopt"
};

enum class RouteDirection { kUp, kDown, kSame };
std::string route_direction_key(RouteDirection d);  // "omhoog", "omlaag", "gelijk"

// One step of the timeline.
struct RouteEvent {
  std::optional<Date> on;  // none: a pupil discussion not yet planned
  RouteLevel level = RouteLevel::kGroup;  // the rung the step belongs to (an IHP: 3, a case: 4)
  // Up: onto the rung or towards the next (an IHP closed with "externe stappen"); down: off it
  // (goal reached, case closed, no extra support in the next plan); same: a further step on it.
  RouteDirection direction = RouteDirection::kUp;
  std::string kind;  // as RouteEvidence::kind, or "adviesgesprek" (the HGD's; id: the meeting)
  Id id = 0;
  std::string what;        // "IHP gestart (Technisch lezen)"
  std::string decided_by;  // who decided, as recorded
  std::string why;
  std::string consent;     // which consent, or that the parents were informed; "" when none recorded
  std::string result;      // what came of it; "" while open
};

enum class RouteFlagKind {
  kIhpOverdue,               // an IHP (concept or lopend) past its term without evaluation
  kFollowUpOverdue,          // a case in volgen past its follow-up date
  kConsentExpiring,          // a consent in force ending within kRouteConsentExpiryDays, not renewed
  kReferralAwaitingParents,  // a referral waiting kRouteReferralWaitDays or more for the parents
};
// "ihp-termijn", "volgen-verlopen", "toestemming-verloopt", "verwijzing-wacht-op-ouders"
std::string route_flag_key(RouteFlagKind k);
struct RouteFlag {
  RouteFlagKind kind = RouteFlagKind::kIhpOverdue;
  Id id = 0;       // the IHP, case, consent or referral
  Id case_id = 0;  // the case (follow-up, consent; a referral's case or 0); 0 for an IHP
  Date on;         // the term's end, the follow-up date, the consent's last day, the day a referral began to wait
  std::string text;
};

struct PupilRoute {
  Id pupil_id = 0;
  RouteLevel level = RouteLevel::kGroup;
  std::vector<RouteEvidence> evidence;  // what holds the pupil at a level above 1, highest first
  std::vector<RouteEvent> timeline;     // oldest first; undated last
  std::vector<RouteFlag> flags;         // by date
};

// The pupil's route from the record's plans, meetings, IHPs (summaries for the level and flags,
// in full for the timeline), cases and HGD requests. The level is the highest of:
//   2  the current plan (of the period holding today, else the latest period started before
//      it) places the pupil in an intensief subgroup or an individual line of a subject;
//   3  an IHP in concept, lopend or geëvalueerd; one afgesloten with "nieuw IHP" while no later
//      IHP exists, or with "externe stappen" while no case was registered on or after its start;
//      the latest pupil discussion when not yet held, or held with outcome nog niet besloten,
//      vervolgbespreking, IHP starten (while no IHP started on or after it) or zorgteam (while
//      no case was registered on or after it);
//   4  a case not afgesloten or doorverwezen; an HGD request not yet besproken;
//   5  a case doorverwezen; a case not afgesloten with outcome ZAT-overdracht or SBO via de PCL;
//      a referral (PCL/SBO, CVI/SO, TLV) in preparation, with the parents, sent and awaiting its
//      decision, or decided positively (the placement or arrangement).
// Moving down needs nothing of its own: an IHP closed with "doel bereikt", a case closed, a
// discussion with "geen vervolg" or "aanpak aanpassen", a referral decided negatively or
// withdrawn no longer holds the pupil. A referral's steps: started, the parents' copy (and
// their response), sent to whom, the decision (up when positive, down when negative), withdrawn.
// Flags: an IHP in concept or lopend whose term ended before today; a case in volgen whose
// follow-up date is before today; a consent in force on an open case whose last day is within
// kRouteConsentExpiryDays from today (today included), unless a consent of the same purpose on
// the case runs longer; a referral not sent nor withdrawn that has waited kRouteReferralWaitDays
// days or more (today minus the day it began to wait): for the parents' copy since it started, for the parents'
// response since the copy was made available, for a consent needed before sending since they responded.
PupilRoute pupil_route(const PupilRecord& record, const Date& today);

// ---- Counts without names (the board administrator's route view)
// A count of 1–4 pupils at a level in a small group can identify a child, so such a count is not
// shown (kSmall, "<5"). Where a published total (a group's pupils; a level's count in the school,
// itself suppressed when 1–4) would give a single hidden count back by subtraction, the smallest
// other non-zero count of that group or level is hidden too (kSecondary), or, with none, the
// total itself. 0 and counts of 5 or more are shown unless so hidden.
enum class CountShown { kShown, kSmall, kSecondary };
struct SuppressedCounts {
  std::vector<std::vector<CountShown>> cells;  // per group, per level: as `counts`
  std::vector<CountShown> group_totals;        // per group
  std::vector<CountShown> level_totals;        // per level
};
constexpr int kSmallestShownCount = 5;
SuppressedCounts suppress_small_counts(const std::vector<std::vector<int>>& counts);

}  // namespace koers::domain
