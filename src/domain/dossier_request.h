// A parent's request about their child's dossier (AVG: rectificatie, aanvulling, verwijdering):
// the parent says what and why, the IB answers within four weeks (kAnswerDays), a refusal
// states its reason in writing, and the outcome is kept for the parent to read. Pure: the
// rules of asking and answering (validate_*), the deadline and its countdown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/school.h"

namespace koers::domain {

enum class DossierRequestKind { kCorrection, kAddition, kRemoval };
std::string dossier_request_kind_key(DossierRequestKind k);    // "correctie", "aanvulling", "verwijdering"
std::string dossier_request_kind_label(DossierRequestKind k);  // "verbetering", "aanvulling", "verwijdering"
std::optional<DossierRequestKind> parse_dossier_request_kind(const std::string& key);

enum class DossierRequestStatus { kOpen, kGranted, kPartlyGranted, kRefused };
std::string dossier_request_status_key(DossierRequestStatus s);    // "open", "toegekend", "deels", "afgewezen"
std::string dossier_request_status_label(DossierRequestStatus s);  // "wacht op antwoord", "toegekend", …
std::optional<DossierRequestStatus> parse_dossier_request_status(const std::string& key);

// The school answers within four weeks (sector guidance on AVG art. 12: one month).
inline constexpr int kAnswerDays = 28;

struct DossierRequest {
  Id id = 0;
  Id pupil_id = 0;
  Id school_id = 0;
  DossierRequestKind kind = DossierRequestKind::kCorrection;
  std::string what;  // what should be corrected, added or removed, in the parent's words
  std::string why;   // why (may be empty)
  std::string asked_by;  // "Ans de Vries (ouder)"
  Id asked_by_account = 0;
  std::string asked_at;  // UTC ISO instant
  Date asked_on;
  Date due_on;  // asked_on + kAnswerDays
  DossierRequestStatus status = DossierRequestStatus::kOpen;
  std::string answer;  // what the school did, or why it refuses
  std::string answered_by, answered_at;
  int version = 0;  // 0: never saved
  bool open() const { return status == DossierRequestStatus::kOpen; }
};

// A field the parent or the IB got wrong, named as the form names it.
struct DossierRequestError {
  std::string field;
  std::string message;
};

// A new request as the parent asks it on `today`: kind and `what` given (`what` required,
// both texts within limits::kFreeText). Fills asked_on and due_on.
std::optional<DossierRequestError> validate_new_request(DossierRequest& r, const Date& today);

// The IB's answer: the request must still be open; every answer says in writing what was done,
// a refusal (or partial refusal) why — `answer` is required and within limits::kFreeText.
std::optional<DossierRequestError> validate_answer(const DossierRequest& stored, DossierRequestStatus status,
                                                   const std::string& answer);

// Days left until the answer is due (negative: overdue by that many days).
int days_left(const DossierRequest& r, const Date& today);
// "nog 12 dagen", "vandaag", "3 dagen te laat": the countdown as the IB's start page shows it.
std::string deadline_text(const DossierRequest& r, const Date& today);

// The open requests, the earliest deadline first (then the oldest id).
std::vector<DossierRequest> open_requests_by_deadline(std::vector<DossierRequest> requests);

}  // namespace koers::domain
