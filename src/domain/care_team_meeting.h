// The care-team meeting (zorgteamoverleg, seed 001 §7): the cases the IB puts on its agenda,
// who is invited per case, and per case the discussion, the joint advice, the decisions and
// the agreements. Pure: no storage, no clock. The rules here decide whether a case may go on
// (or come off) an agenda, how recording moves the case's status (care_team.h move_case), what
// an external sees of the agenda (only their own consented cases) and when the report may be
// finalised (every case discussed).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/care_team.h"
#include "domain/meeting.h"

namespace koers::domain {

// One case on the agenda of a care-team meeting, with what was said about it there.
struct CaseOnAgenda {
  Id id = 0;
  Id meeting_id = 0, case_id = 0, pupil_id = 0, school_id = 0;
  std::string pupil_name;  // for display, filled by the store
  int order = 0;           // 1, 2, …: the place on the agenda
  CaseStatus status_before = CaseStatus::kConsent;  // the case's status before it went on (taken off: back to it)
  std::vector<Id> externals;   // invited: externals of the case whose consent covers them
  Id teacher_account_id = 0;   // the teacher on call; 0: none
  std::string teacher_name;    // for display, filled by the store
  bool parents_invited = false;
  std::string discussion;  // wat er besproken is
  std::string advice;      // het gezamenlijke advies aan leerkracht en ouders
  std::string decisions;   // besluiten
  std::vector<Agreement> agreements;  // of this case at this meeting (filled by the store)
  std::optional<Date> meeting_on;     // the meeting's date (filled by the store)
  int version = 0;
  std::string added_by, added_at, saved_by, saved_at;
};

// Puts the case on the meeting's agenda: the case goes to geagendeerd (move_case) and names the
// meeting. Refused, in Dutch, when the meeting is no care-team meeting or its report is final,
// the case is of another school, closed, already on an agenda, not yet past aangemeld, or
// agenda_problem objects (externals invited without a consent in force). Nothing changes then.
std::optional<std::string> put_on_agenda(CareTeamCase& c, const Meeting& m, const std::vector<RouteStep>& route,
                                         const Date& today);

// Takes the case off the agenda again (a mistake, or it waits for the next meeting): only
// while nothing was recorded for it and the report is not final; the case goes back to the
// status it had.
std::optional<std::string> take_off_agenda(CareTeamCase& c, const CaseOnAgenda& item, const Meeting& m);

// What is wrong with the invitation, naming the field: an external who is not invited to the
// case or whose consent does not cover them today (with the reason), a case member twice.
std::vector<std::string> invitation_problems(const CaseOnAgenda& item, const CareTeamCase& c, const Date& today);

// Takes over what was recorded (discussion, advice, decisions) into `item` and moves the case:
// a discussion moves it from geagendeerd to besproken, an advice (copied to the case) from
// besproken to advies. Refused when the report is final, or with an advice but no discussion.
std::optional<std::string> record_discussion(CareTeamCase& c, CaseOnAgenda& item, const CaseOnAgenda& submitted,
                                             const Meeting& m, const std::vector<RouteStep>& route,
                                             const Date& today);

// Whether the external sees this case of the agenda: invited to it here, and their care-team
// consent counts today (external_access). Every other case of the agenda stays unseen.
bool external_sees(const CaseOnAgenda& item, const CareTeamCase& c, Id account_id, const Date& today);

// What stands between the agenda and a final report, in words: cases whose discussion is not
// recorded ("Sanne Bakker: de bespreking is nog niet vastgelegd").
std::vector<std::string> report_gaps(const std::vector<CaseOnAgenda>& agenda);

}  // namespace koers::domain
