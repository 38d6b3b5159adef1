// Referrals (verwijzingen, seed 001 §9; Passend Onderwijs): a board's referral procedures as
// data — steps, consents, required parts of the dossier and so what counts as complete — and a
// pupil's referral under one of them, from concept through the parents' copy to sent and decided.
// Pure: no storage, no clock. No procedure is hard-wired: the three defaults are data a board
// adjusts (default_referral_procedures); a referral keeps the procedure as it was when started.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/date.h"
#include "domain/school.h"

namespace koers::domain {

// A part of the dossier a procedure may require; each is a view of the pupil's record or a
// text of the referral itself (the OKR, okr.h, counts them).
enum class ReferralPart {
  kNeeds,                   // "onderwijsbehoeften"
  kGroupPlans,              // "groepsplannen": plans that placed the pupil (earlier school years too), evaluated
  kIhps,                    // "ihps": evaluated or closed IHPs
  kOpp,                     // "opp": an IHP with an ontwikkelingsperspectief
  kTestResults,             // "toetsresultaten": standardised results
  kPupilDiscussions,        // "leerlingbesprekingen": held or reported
  kHgdReports,              // "hgd-verslagen": HGD requests with the expert's report
  kCareTeamReports,         // "zorgteamverslagen": care-team cases with an advice
  kHandelingsverlegenheid,  // "handelingsverlegenheid": the school's account, by the IB
  kParentsView,             // "zienswijze-ouders": the parents' view
  kExpertAdvices,           // "deskundigenadviezen": the independent experts' advices (TLV)
};
std::string referral_part_key(ReferralPart p);
std::string referral_part_label(ReferralPart p);  // "Onderwijsbehoeften", "Verslagen van het zorgteam", …
std::optional<ReferralPart> parse_referral_part(const std::string& key);
const std::vector<ReferralPart>& all_referral_parts();

struct ProcedureStep {
  std::string key;    // "aanmelding"
  std::string label;  // "Aanmelding bij de PCL"
};

// A consent of the parents the procedure needs; those before_sending must be recorded before
// the referral may be sent (a placement consent comes after a positive decision).
struct ProcedureConsent {
  std::string key;    // "aanmelding"
  std::string label;  // "toestemming voor aanmelding en bespreking in de PCL"
  bool before_sending = true;
};

// A part the dossier must hold, at least `at_least` times (the TLV's two expert advices).
struct RequiredPart {
  ReferralPart part = ReferralPart::kNeeds;
  int at_least = 1;
};

struct ReferralProcedure {
  std::string key;        // "pcl-sbo", "cvi-so", "tlv"; lower case letters, digits and '-'
  std::string name;       // "Aanmelding bij de PCL voor het SBO"
  std::string addressee;  // to whom it is sent by default ("PCL van het samenwerkingsverband")
  bool needs_cluster = false;           // CVI: the referral names cluster 1–4
  std::vector<std::string> placements;  // what a positive decision may place the pupil in ("SBO")
  std::vector<ProcedureStep> steps;
  std::vector<ProcedureConsent> consents;
  std::vector<RequiredPart> required;
};

// PCL → SBO, CVI → SO or rugzak (cluster 1–4), and the samenwerkingsverband's TLV/arrangement
// request (two expert advices, the parents' view): what a board has until it saves its own.
std::vector<ReferralProcedure> default_referral_procedures();

// What is wrong with a board's procedures, naming the procedure and field in Dutch: none at
// all, a key that is empty, malformed or used twice, no name, no addressee, no step, a step or
// consent without key or label or with a key used twice in the procedure, a required part
// twice or needed fewer than once (or more than 9 times), a cluster procedure without placements.
std::vector<std::string> procedure_problems(const std::vector<ReferralProcedure>& procedures);

const ReferralProcedure* find_procedure(const std::vector<ReferralProcedure>& procedures, const std::string& key);

// ---- A pupil's referral
enum class ReferralStatus { kDraft, kWithParents, kSent, kDecided, kWithdrawn };
// "concept", "bij-ouders", "verzonden", "besloten", "ingetrokken"
std::string referral_status_key(ReferralStatus s);
std::string referral_status_label(ReferralStatus s);  // "in voorbereiding", "kopie bij de ouders", …
std::optional<ReferralStatus> parse_referral_status(const std::string& key);

struct RecordedConsent {
  std::string key;       // a ProcedureConsent's key
  std::string given_by;  // "moeder, Ans de Vries"
  Date given_on;
  std::string recorded_by, recorded_at;
};

struct ExpertAdvice {
  std::string name;        // "drs. P. Jansen"
  std::string discipline;  // "orthopedagoog", "kinderpsychiater", …
  Date on;
  std::string text;
};

// What the parents add to the copy: their view (zienswijze) and whether they agree, with why.
struct ParentsResponse {
  std::string view;
  std::optional<bool> agrees;
  std::string reason;  // required when they do not agree
  std::string by, at;
};

struct ReferralDecision {
  bool positive = false;
  Date on;
  std::string placement;  // "SBO De Wissel", "rugzak", "arrangement lichte ondersteuning"
  std::string note;
};

struct Referral {
  Id id = 0;
  Id pupil_id = 0;
  Id school_id = 0;
  Id case_id = 0;               // the care-team case whose advice started it; 0: none
  ReferralProcedure procedure;  // as it was when the referral started
  int cluster = 0;              // 1–4 when the procedure needs one
  ReferralStatus status = ReferralStatus::kDraft;
  std::string reason;                  // aanleiding, e.g. the care team's advice
  std::string handelingsverlegenheid;  // the school's account, written by the IB
  std::vector<ExpertAdvice> expert_advices;
  std::vector<RecordedConsent> consents;
  std::string parents_copy_at, parents_copy_by;  // empty: not yet made available
  ParentsResponse parents;
  std::string sent_at, sent_by, sent_to;
  std::string sent_okr;  // the OKR as sent (JSON text), frozen
  std::optional<ReferralDecision> decision;
  int version = 0;
  std::string created_by, created_at, saved_by, saved_at;
  bool parents_copy_available() const { return !parents_copy_at.empty(); }
  bool sent() const { return !sent_at.empty(); }
};

// What the pupil's record (pupil_record.h) holds of a referral: enough for the 1-zorgroute
// (route.h) — procedure, status, the parents' copy and response, sending and the decision —
// without the dossier's texts or the OKR as sent.
struct ReferralSummary {
  Id id = 0, pupil_id = 0, case_id = 0;
  std::string procedure_key, procedure_name;
  int cluster = 0;
  ReferralStatus status = ReferralStatus::kDraft;
  std::string reason;
  std::vector<std::string> consents_given;       // "toestemming voor …: moeder, A. de Vries, 12-11-2026"
  std::vector<std::string> consents_missing;     // labels of consents needed before sending, not recorded
  std::string parents_copy_at, parents_copy_by;  // empty: not yet made available
  bool parents_responded = false;                // a view or an agreement recorded
  std::optional<bool> parents_agree;
  std::string parents_at;
  std::string sent_at, sent_by, sent_to;
  std::optional<ReferralDecision> decision;
  std::string created_by, created_at, saved_by, saved_at;
  bool parents_copy_available() const { return !parents_copy_at.empty(); }
  bool sent() const { return !sent_at.empty(); }
};
ReferralSummary referral_summary(const Referral& r);

// What is wrong with the referral as written, naming the field: a cluster outside 1–4 (or
// none where the procedure needs one), a consent for a key the procedure does not have or
// without who or date, an expert advice without name, discipline or text, parents who do not
// agree without a reason, a decision without a date.
std::vector<std::string> referral_problems(const Referral& r);

// How often each part is present in the dossier (the OKR counts them).
using PartCounts = std::map<ReferralPart, int>;
// The required parts short of their count, in the procedure's order, in Dutch: "Verslag HGD
// ontbreekt" / "Deskundigenadviezen: 1 van de 2".
std::vector<std::string> missing_parts(const ReferralProcedure& p, const PartCounts& present);
// The consents needed before sending that are not recorded, as their labels.
std::vector<std::string> missing_consents(const Referral& r);

// Why the referral may not be sent now, in Dutch; nullopt when it may: already sent or
// withdrawn; the parents' copy not made available; a consent needed before sending missing;
// a required part missing (each named).
std::optional<std::string> send_refusal(const Referral& r, const PartCounts& present);
// Why the parents' copy may not be made available: sent or withdrawn.
std::optional<std::string> parents_copy_refusal(const Referral& r);
// Why the parents may not respond now: the copy is not available, or the referral was sent.
std::optional<std::string> parents_response_refusal(const Referral& r);
// Why a decision may not be recorded: not sent yet; a positive one without placement.
std::optional<std::string> decision_refusal(const Referral& r, const ReferralDecision& d);

// Who is asking: the IB of the pupil's school writes; the head of the school and a teacher of
// the pupil's current group read; a parent of the pupil reads (and responds) once the parents'
// copy is available. Nobody else: no care-team member, no board administrator, no other school.
enum class ReferralActor { kNone, kReader, kParent, kCoordinator };
ReferralActor referral_actor(const Principal& who, const PupilScope& pupil, const Referral& r);
// Whether the principal may start a referral for the pupil: the IB of the pupil's school.
bool may_start_referral(const Principal& who, const PupilScope& pupil);
// The board's procedures: its administrator edits them, IB and head of its schools read them.
bool may_edit_procedures(const Principal& who, Id board_id);
bool may_read_procedures(const Principal& who, Id board_id);

}  // namespace koers::domain
