// Meetings of the HGW cycle (seed 001 §4 and §5): the groepsbespreking of a group with its
// teacher and the IB, and the leerlingbespreking of one pupil. Pure: no storage, no clock
// (today and the actor are passed in).
//
// Lifecycle. A group discussion is planned (the IB puts it in the jaarplanning) → prepared
// (the teacher ticked every point of the preparation checklist) → sent ("Versturen naar
// IB": the overview and plan are frozen as the versions under discussion and delivered with
// the teacher's questions) → held (the IB leads it and records notes per agenda point,
// decisions, agreements and registrations) → reported (the IB finalised the short report).
// A pupil discussion starts requested (a pupil registered in a group discussion, no date
// yet) or planned; the teacher fills the aanmeldingsformulier (prepared once its hulpvraag
// is there), sends it, and the IB holds it along the six steps of the groeidocument and
// finalises it as the report.
//
// Who changes what (apply_edit), by status; anything else in a submission must equal what is
// stored, or the edit is refused naming the field ("verstuurd: de voorbereiding ligt vast"):
// - the IB: date, time, place and participants until held; agenda notes, decisions, registrations, the
//   six steps and the outcome until reported; the report until reported;
// - the group's teacher: the checklist and questions (group discussion) or the
//   aanmeldingsformulier (pupil discussion) until sent; their own summary until reported;
// - both: agreements (new ones, and marking one done) at any status; the head reads only.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/date.h"
#include "domain/growth_document.h"
#include "domain/role.h"
#include "domain/school.h"

namespace koers::domain {

// A care-team meeting (zorgteam) is planned in the same calendar; what it holds is the
// care-team issue's (here: date, time, place, notes in its report). The adviesgesprek of an
// HGD (hgd.h) is the outcome discussion of one HGD request with the parents, the teacher and
// the IB: its report says what was advised (report) and what was agreed with the parents
// (decisions); holding it makes the request "besproken".
enum class MeetingKind { kGroupDiscussion, kPupilDiscussion, kCareTeam, kHgdAdvice };
// Keys "groepsbespreking", "leerlingbespreking", "zorgteam", "adviesgesprek-hgd"; labels
// "Groepsbespreking", "Leerlingbespreking", "Zorgteamoverleg", "Adviesgesprek HGD".
std::string meeting_kind_key(MeetingKind k);
std::string meeting_kind_label(MeetingKind k);
std::optional<MeetingKind> parse_meeting_kind(const std::string& key);

enum class MeetingStatus { kRequested, kPlanned, kPrepared, kSent, kHeld, kReported };
std::string meeting_status_key(MeetingStatus s);    // "aangemeld", "gepland", "voorbereid", "verstuurd", "gehouden", "verslag"
std::string meeting_status_label(MeetingStatus s);  // "aangemeld, nog niet gepland", …, "verslag vastgesteld"
std::optional<MeetingStatus> parse_meeting_status(const std::string& key);

// A point of the teacher's preparation (group discussion) with whether it was done.
struct ChecklistItem {
  std::string key, title;
  bool done = false;
  bool operator==(const ChecklistItem&) const = default;
};
// The six points of the seeds, in order, none done.
std::vector<ChecklistItem> group_discussion_checklist();

// A point of the fixed agenda with the IB's notes.
struct AgendaItem {
  std::string key, title;
  std::string notes;
  bool operator==(const AgendaItem&) const = default;
};
std::vector<AgendaItem> group_discussion_agenda();  // the eight fixed points, in order

// One of the six steps of the leerlingbespreking with what was said.
struct GrowthStepNotes {
  std::string key, title;
  std::string notes;
  bool operator==(const GrowthStepNotes&) const = default;
};
std::vector<GrowthStepNotes> pupil_discussion_steps();  // growth_steps(), in order, without notes

// A pupil registered in a group discussion for a pupil discussion or the care team.
enum class RegistrationKind { kPupilDiscussion, kCareTeam };
std::string registration_kind_key(RegistrationKind k);    // "leerlingbespreking", "zorgteam"
std::string registration_kind_label(RegistrationKind k);  // "leerlingbespreking", "zorgteam"
std::optional<RegistrationKind> parse_registration_kind(const std::string& key);
struct Registration {
  Id pupil_id = 0;
  RegistrationKind kind = RegistrationKind::kPupilDiscussion;
  std::string reason;
  Id follow_up_meeting_id = 0;  // the pupil discussion it became (set by the store)
};

// An agreement of a meeting: an action with an owner and a due date, open until done.
struct Agreement {
  Id id = 0;  // 0: new in this submission
  Id meeting_id = 0;
  std::string action;
  Id owner_account_id = 0;
  std::string owner_name;  // for display, filled by the store
  Date due_on;
  std::optional<Date> done_on;
  // Filled by the store when listing: where it came from.
  std::string meeting_title;
};
bool is_overdue(const Agreement& a, const Date& today);  // open and due before today

// Who is invited to a meeting, by role: "ouders", "leerkracht", "ib", "deskundige", "anders".
struct MeetingParticipant {
  std::string role, name;
  bool operator==(const MeetingParticipant&) const = default;
};
std::string participant_role_label(const std::string& role);  // "Ouders", "Leerkracht", "IB", "Deskundige", "Anders"

struct Meeting {
  Id id = 0;
  Id school_id = 0;
  MeetingKind kind = MeetingKind::kGroupDiscussion;
  MeetingStatus status = MeetingStatus::kPlanned;
  Id group_id = 0;   // group discussion: the group; pupil discussion: the pupil's group then
  Id pupil_id = 0;   // pupil discussion only
  Id period_id = 0;  // group discussion: the period whose plan is discussed
  std::optional<Date> planned_on;  // none while requested
  std::string starts_at;           // "14:15"
  int minutes = 75;
  std::string location;
  Id source_meeting_id = 0;  // the group discussion that registered this pupil discussion
  Id hgd_id = 0;             // adviesgesprek HGD: the request it discusses (pupil_id: its pupil)
  std::vector<MeetingParticipant> participants;  // adviesgesprek HGD: who is invited

  // Group discussion, by the teacher.
  std::vector<ChecklistItem> checklist;
  std::string questions;  // bespreekpunten en vragen
  // Frozen at sending: the plan version under discussion, and the moment the overview is read at.
  int plan_version = 0;
  std::string sent_at, sent_by;
  // Group discussion, by the IB.
  std::vector<AgendaItem> agenda;
  std::string decisions;
  std::vector<Registration> registrations;
  // Pupil discussion.
  RegistrationForm form;  // the aanmeldingsformulier
  std::vector<GrowthStepNotes> steps;
  PupilDiscussionOutcome outcome = PupilDiscussionOutcome::kNone;
  std::string outcome_note;
  // Afterwards.
  std::string teacher_summary;
  std::string report;
  std::string held_at, reported_at, reported_by;
  std::vector<Agreement> agreements;

  int version = 0;  // optimistic concurrency: every save is based on the stored version
  std::string updated_by, updated_at;
};

// A new meeting as the IB plans it: the checklist and agenda (group discussion) or the six
// steps (pupil discussion) in place; requested when it has no date.
Meeting new_meeting(MeetingKind kind, Id school_id, std::optional<Date> on);

// "Groepsbespreking 5/6 · 24-11-2026", "Leerlingbespreking Sanne Bakker · nog te plannen",
// "Zorgteamoverleg · 10-02-2027" (an empty name is left out).
std::string meeting_title(const Meeting& m, const std::string& group_or_pupil_name);

// Who is acting, relative to the meeting.
enum class MeetingActor { kSupportCoordinator, kTeacher, kReader };
MeetingActor actor_for(Role role, bool teaches_the_group);

// The submission merged into the stored meeting as far as the actor may change it at the
// stored status; an error in Dutch naming what may not be changed. Status, version, ids and
// what was frozen at sending come from `stored`. Agreements: new ones are added (action,
// owner and due date required), existing ones may only be marked done or reopened; none is
// removed. A pupil discussion becomes prepared when its hulpvraag is filled, a group
// discussion when every checklist point is done.
std::variant<Meeting, std::string> apply_edit(const Meeting& stored, const Meeting& submitted, MeetingActor actor);

// Transitions; each returns an error in Dutch when not allowed (and changes nothing).
// send: the teacher, from planned or prepared (a group discussion needs the saved plan
// version to freeze; the caller passes it, 0 when there is none). The teacher's questions
// then stand in the agenda point "Bespreekpunten en vragen van de leerkracht en de IB".
std::optional<std::string> send(Meeting& m, MeetingActor actor, int plan_version, const std::string& who,
                                const std::string& now);
// hold: the IB, once sent (or planned/prepared: a meeting may be held without preparation).
std::optional<std::string> hold(Meeting& m, MeetingActor actor, const std::string& now);
// report: the IB, once held, with a report (group; adviesgesprek HGD: what was advised) or
// notes on step 6 (pupil discussion); a
// care-team meeting's report is its cases' records (the caller checks care_team_meeting.h
// report_gaps), its own report text is optional.
std::optional<std::string> finalise_report(Meeting& m, MeetingActor actor, const std::string& who,
                                           const std::string& now);
// plan: the IB gives a requested pupil discussion (or any meeting before it is held) a date.
std::optional<std::string> reschedule(Meeting& m, MeetingActor actor, const Date& on, const std::string& starts_at);

// cancel: the IB removes a meeting planned by mistake — only before it is sent, with no
// agreements and no registrations yet, and not a pupil discussion a group discussion asked
// for (its outcome says "no further steps" instead), so nothing anyone decided is lost.
std::optional<std::string> cancel_check(const Meeting& m, MeetingActor actor);

// A group has one group discussion per period: the one that evaluates that period's plan. A
// second is refused, naming the date of the first, unless the IB plans a follow-up on purpose.
// `of_school` are the school's meetings (any kinds, any periods).
std::optional<std::string> second_group_discussion(const std::vector<Meeting>& of_school, Id group_id, Id period_id,
                                                   bool follow_up);

// A meeting whose date has passed while it was not held (planned, prepared or sent): the IB
// holds it (records it as held) or lets it lapse; it is no longer "gepland". Its label then
// says so: "datum verstreken, niet gehouden"; other meetings keep meeting_status_label.
bool date_passed_unheld(const Meeting& m, const Date& today);
std::string meeting_status_label(const Meeting& m, const Date& today);

// What is missing before sending, in words: unticked checklist points, no questions; advice only.
std::vector<std::string> preparation_gaps(const Meeting& m);

}  // namespace koers::domain
