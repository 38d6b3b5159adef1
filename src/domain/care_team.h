// The care-team case ("casus", seed 001 §7): a pupil the school brings into the zorgteam
// when group plan, pupil discussion and IHP did not help enough (handelingsverlegenheid),
// with the hulpvraag school and parents wrote together, the parents' consent for sharing it
// with externals, the externals invited to it, and its status from aangemeld to afgesloten.
// Pure: no storage, no clock (callers pass today). The rules here decide what an external
// sees (external_access), whether a case may go on an agenda (agenda_problem), what the
// route so far shows (case_route) and which status steps are allowed (move_case); what
// a case led to (outcome_problems) and what the IB is reminded of (case_reminders).
//
// Consent is per purpose: discussion in the care team, hand-over to the ZAT and HGD are
// separate consents. A consent counts for an external while it is given (given_on ≤ today),
// not past its valid_until, not withdrawn, for this case's pupil, and its scope names the
// external (by account) or the discipline they were invited in; then the external sees only
// the documents it lists. An internal discussion (no externals invited) needs no consent,
// but the parents must have been informed (date and how).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/school.h"

namespace koers::domain {

struct PupilRecord;  // pupil_record.h, included at the end (the record holds the pupil's cases)

// Where the case came from: a registration in a group discussion, a pupil discussion, an
// IHP closed with "externe stappen", or the IB directly.
enum class CaseOrigin { kGroupDiscussion, kPupilDiscussion, kIhpEvaluation, kDirect };
std::string case_origin_key(CaseOrigin o);    // "groepsbespreking", "leerlingbespreking", "ihp", "ib"
std::string case_origin_label(CaseOrigin o);  // "aangemeld in een groepsbespreking", …, "door de IB geopend"
std::optional<CaseOrigin> parse_case_origin(const std::string& key);

enum class CaseStatus { kRegistered, kConsent, kScheduled, kDiscussed, kAdvice, kFollowUp, kClosed, kReferred };
// "aangemeld", "toestemming", "geagendeerd", "besproken", "advies", "volgen", "afgesloten", "doorverwezen"
std::string case_status_key(CaseStatus s);
std::string case_status_label(CaseStatus s);  // "aangemeld", "toestemming geregeld", "op de agenda", …
std::optional<CaseStatus> parse_case_status(const std::string& key);

enum class ConsentPurpose { kCareTeam, kZatHandover, kHgd };
std::string consent_purpose_key(ConsentPurpose p);    // "zorgteam", "zat", "hgd"
std::string consent_purpose_label(ConsentPurpose p);  // "bespreking in het zorgteam", "overdracht aan het ZAT", "HGD"
std::optional<ConsentPurpose> parse_consent_purpose(const std::string& key);

// How the consent was given.
enum class ConsentForm { kSignedForm, kParentAccount };
std::string consent_form_key(ConsentForm f);    // "formulier", "koers"
std::string consent_form_label(ConsentForm f);  // "ondertekend formulier (bewaard door de school)", "in Koers door de ouder"
std::optional<ConsentForm> parse_consent_form(const std::string& key);

// The parts of the case file a consent may let externals see; each is a view of the pupil's
// record (pupil_record.h) or of the case itself.
enum class CaseDocument { kHelpQuestion, kGroupPlans, kDiscussions, kIhps, kNeeds, kResults };
// "hulpvraag", "groepsplannen", "besprekingen", "ihps", "onderwijsbehoeften", "toetsresultaten"
std::string case_document_key(CaseDocument d);
std::string case_document_label(CaseDocument d);
std::optional<CaseDocument> parse_case_document(const std::string& key);
const std::vector<CaseDocument>& all_case_documents();

// The disciplines of the care team and the externals it may consult (seed 001 §7).
const std::vector<std::string>& care_team_disciplines();  // "orthopedagoog", …
bool is_care_team_discipline(const std::string& key);

struct Consent {
  Id id = 0;
  Id case_id = 0;
  Id pupil_id = 0;
  ConsentPurpose purpose = ConsentPurpose::kCareTeam;
  std::string given_by;      // the parent or guardian, as the school writes it ("moeder, Ans de Vries")
  Id given_by_account = 0;   // the parent's account when given in Koers
  Date given_on;
  ConsentForm form = ConsentForm::kSignedForm;
  std::vector<std::string> disciplines;  // scope: the disciplines it is given for
  std::vector<Id> externals;             // scope: named external accounts
  std::vector<CaseDocument> documents;   // what may be shared
  Date valid_until;
  std::string withdrawn_at;  // UTC ISO instant; empty while not withdrawn
  std::string withdrawn_by;
  std::string recorded_by, recorded_at;
  bool withdrawn() const { return !withdrawn_at.empty(); }
};

// A parent who took part in writing the hulpvraag.
struct HelpQuestionParent {
  std::string who;
  Date on;
};

// For an internal discussion: the parents were told (no consent needed).
struct ParentsInformed {
  Date on;
  std::string how;  // "telefonisch door de IB", "gesprek met de leerkracht"
};

// An external invited to this case, in the discipline they are asked for.
struct CaseMember {
  Id account_id = 0;
  std::string name;
  std::string discipline;  // one of care_team_disciplines()
};

// ---- Outcomes (seed 001 §7): what the care team's advice led to. A case may have several.
enum class CaseOutcomeKind {
  kHgd,                // handelingsgerichte diagnostiek
  kSboViaPcl,          // lighter arrangement: SBO through the PCL
  kPabFromSbo,         // lighter arrangement: preventive ambulant support from the SBO
  kDyslexiaTreatment,  // lighter arrangement: dyslexiebehandeling
  kSovaTraining,       // lighter arrangement: SOVA training
  kOther,              // lighter arrangement: anders, in words
  kZatHandover,        // hand-over to the ZAT (needs its own consent)
  kFollowUp,           // follow-up by the school
};
// "hgd", "sbo-pcl", "pab-sbo", "dyslexiebehandeling", "sova", "anders", "zat", "volgen"
std::string case_outcome_key(CaseOutcomeKind k);
std::string case_outcome_label(CaseOutcomeKind k);  // "HGD", "SBO via de PCL", …
std::optional<CaseOutcomeKind> parse_case_outcome(const std::string& key);
const std::vector<CaseOutcomeKind>& all_case_outcomes();
bool is_lighter_arrangement(CaseOutcomeKind k);  // SBO, PAB, dyslexie, SOVA, anders

struct CaseOutcome {
  CaseOutcomeKind kind = CaseOutcomeKind::kFollowUp;
  std::string text;  // required for anders ("RT bij de logopedist"); an optional note otherwise
};

struct CareTeamCase {
  Id id = 0;
  Id pupil_id = 0;
  Id school_id = 0;
  CaseOrigin origin = CaseOrigin::kDirect;
  Id origin_id = 0;              // the meeting or IHP it was registered from; 0: directly
  std::string registration;      // the reason as registered ("IHP afgesloten: externe stappen nodig")
  CaseStatus status = CaseStatus::kRegistered;
  std::string help_question;     // hulpvraag, written by school and parents together
  std::vector<HelpQuestionParent> help_question_parents;
  std::string missing_step_reason;  // handelingsverlegenheid in the IB's words when a route step is missing
  std::optional<ParentsInformed> parents_informed;
  std::vector<CaseMember> members;  // invited externals
  Id meeting_id = 0;                // the care-team meeting it is on the agenda of; 0: none
  std::string advice;               // the joint advice (to teacher and parents)
  std::optional<Date> follow_up_until;  // volgen: monitored until
  std::string outcome_note;             // closing note, or where it was referred to
  std::vector<CaseOutcome> outcomes;    // what the advice led to
  std::vector<Consent> consents;        // of this case, oldest first (the store fills them)
  int version = 0;                      // 0: never saved
  std::string created_by, created_at, saved_by, saved_at;
};

// Whether the consent counts today (not yet withdrawn, given, not expired).
bool consent_in_force(const Consent& c, const Date& today);

// What an external may see of a case, and why not.
enum class ExternalRefusal {
  kNone,          // allowed
  kNotInvited,    // not a member of the case (an internal case has none)
  kNoConsent,     // no care-team consent recorded
  kNotYetGiven,   // the consent starts later
  kExpired,       // past valid_until
  kWithdrawn,     // withdrawn by a parent or recorded by the IB
  kOtherPupil,    // the consent is for another pupil
  kOutOfScope,    // neither the external nor their discipline is named
};
struct ExternalAccess {
  ExternalRefusal refusal = ExternalRefusal::kNone;
  bool allowed() const { return refusal == ExternalRefusal::kNone; }
  std::vector<CaseDocument> documents;  // the union of what the counting consents share
  std::vector<Id> consent_ids;          // the consents that allow it (for the audit line)
  std::string reason;                   // why not, in Dutch
};
// The care-team consents of the case (purpose zorgteam) that count today and cover the
// external; the refusal reported when none does is the most telling of those seen
// (withdrawn before expired before other pupil before out of scope before no consent).
ExternalAccess external_access(const CareTeamCase& c, Id account_id, const Date& today);

// Whether the case may go on the agenda of a meeting: with externals invited, each of them
// needs a counting consent; without, the parents must have been informed. The problem in
// Dutch, nullopt when it may.
std::optional<std::string> agenda_problem(const CareTeamCase& c, const Date& today);

// The route so far, assembled from the record: one step per level below the care team.
struct RouteStep {
  std::string key;    // "groepsplan", "leerlingbespreking", "ihp"
  std::string label;  // "Groepsplan (subgroep) met evaluatie", …
  CaseDocument document;           // the part of the case file the evidence belongs to
  bool done = false;               // evidence that the step was taken and evaluated/held
  std::vector<std::string> evidence;  // in words, newest first where it has an order
};
// Groepsplan: done when a plan of this school year placed the pupil (a subgroup or an
// individual line) and its evaluation was closed; each plan gives a line "Periode 1 ·
// Spelling: intensief · 2 doelen, 1 behaald". Leerlingbespreking: done when a pupil
// discussion of the pupil was held or reported; planned ones show as evidence only. IHP:
// done when an IHP was evaluated or closed; a concept or running one is evidence only.
std::vector<RouteStep> case_route(const PupilRecord& record);
// The labels of the steps not done.
std::vector<std::string> missing_steps(const std::vector<RouteStep>& route);

// What is wrong with the case as written, naming the field in Dutch: past aangemeld, a route
// step missing without a reason (handelingsverlegenheid); a parent of the hulpvraag without a name or
// date; parents informed without how; a member without account or with a discipline that is
// not one of the care team's, or invited twice.
std::vector<std::string> case_problems(const CareTeamCase& c, const std::vector<RouteStep>& route);
// What is wrong with a consent before it is recorded: no guardian, no valid dates (valid_until
// before given_on), for the care team without scope (no discipline or external) or without a
// document, a discipline that is not one of the care team's.
std::vector<std::string> consent_problems(const Consent& c);

// The statuses a case may move to from `from`:
//   aangemeld → toestemming; toestemming → geagendeerd; geagendeerd → besproken;
//   besproken → advies, geagendeerd (again), doorverwezen; advies → volgen, geagendeerd,
//   doorverwezen, afgesloten; volgen → afgesloten, geagendeerd (the effect did not hold),
//   doorverwezen. afgesloten and doorverwezen are final.
std::vector<CaseStatus> next_statuses(CaseStatus from);
// Moves the case to `to` when allowed and its conditions hold; else the reason in Dutch
// and nothing changes. Conditions: leaving aangemeld needs the hulpvraag, and the reason
// when a step of `route` is missing (going on without it is the IB's decision, in words);
// toestemming needs a counting care-team consent or the parents informed; geagendeerd needs
// agenda_problem to be empty; advies needs the advice; volgen a follow-up date after today;
// doorverwezen and afgesloten an outcome note.
std::optional<std::string> move_case(CareTeamCase& c, CaseStatus to, const std::vector<RouteStep>& route,
                                     const Date& today);

// ---- Outcomes
// What is wrong with the case's outcomes, naming the field: one added (its kind not in
// `before`, what is stored) while the case is not yet discussed (aangemeld, toestemming,
// geagendeerd), one kind twice, anders without words, and a hand-over to the ZAT added while
// no consent for the ZAT (purpose zat) of this pupil is in force today. What is stored stays
// (a case back on the agenda, a ZAT consent that ended later).
std::vector<std::string> outcome_problems(const CareTeamCase& c, const std::vector<CaseOutcome>& before,
                                          const Date& today);

// ---- The IB's reminders (start page): cases to follow, consents that end, withdrawals.
constexpr int kFollowUpWindowDays = 14;     // a follow-up date passed or within two weeks
constexpr int kConsentEndingWindowDays = 30;  // a consent in force ending within 30 days
constexpr int kWithdrawalNoticeDays = 14;   // a withdrawal stays on the start page two weeks

enum class ReminderKind { kFollowUp, kConsentEnding, kConsentWithdrawn };
struct CaseReminder {
  ReminderKind kind = ReminderKind::kFollowUp;
  Id case_id = 0, pupil_id = 0, consent_id = 0;  // consent_id: 0 for a follow-up
  Date on;            // the follow-up date, the consent's last day, the day it was withdrawn
  bool overdue = false;  // a follow-up date that has passed
};
// For each case: volgen with a follow-up date on or before today + kFollowUpWindowDays; a
// consent in force whose valid_until is within kConsentEndingWindowDays, unless a consent of the
// same purpose in force runs longer (renewed), on a case not closed or referred; a consent
// withdrawn within the last kWithdrawalNoticeDays. Ordered by kind, then date (oldest first).
std::vector<CaseReminder> case_reminders(const std::vector<CareTeamCase>& cases, const Date& today);

}  // namespace koers::domain

// The record (case_route's argument) holds the pupil's cases, so it comes after them: callers of
// case_route keep getting it from this header.
#include "domain/pupil_record.h"  // IWYU pragma: export
