#include "domain/dossier_request.h"

#include <algorithm>
#include <tuple>

#include "domain/field_limits.h"

namespace koers::domain {

std::string dossier_request_kind_key(DossierRequestKind k) {
  switch (k) {
    case DossierRequestKind::kCorrection: return "correctie";
    case DossierRequestKind::kAddition: return "aanvulling";
    case DossierRequestKind::kRemoval: return "verwijdering";
  }
  return "correctie";
}

std::string dossier_request_kind_label(DossierRequestKind k) {
  switch (k) {
    case DossierRequestKind::kCorrection: return "verbetering";
    case DossierRequestKind::kAddition: return "aanvulling";
    case DossierRequestKind::kRemoval: return "verwijdering";
  }
  return "verbetering";
}

std::optional<DossierRequestKind> parse_dossier_request_kind(const std::string& key) {
  for (auto k : {DossierRequestKind::kCorrection, DossierRequestKind::kAddition, DossierRequestKind::kRemoval})
    if (dossier_request_kind_key(k) == key) return k;
  return std::nullopt;
}

std::string dossier_request_status_key(DossierRequestStatus s) {
  switch (s) {
    case DossierRequestStatus::kOpen: return "open";
    case DossierRequestStatus::kGranted: return "toegekend";
    case DossierRequestStatus::kPartlyGranted: return "deels";
    case DossierRequestStatus::kRefused: return "afgewezen";
  }
  return "open";
}

std::string dossier_request_status_label(DossierRequestStatus s) {
  switch (s) {
    case DossierRequestStatus::kOpen: return "wacht op antwoord van de school";
    case DossierRequestStatus::kGranted: return "toegekend";
    case DossierRequestStatus::kPartlyGranted: return "deels toegekend";
    case DossierRequestStatus::kRefused: return "afgewezen";
  }
  return "wacht op antwoord van de school";
}

std::optional<DossierRequestStatus> parse_dossier_request_status(const std::string& key) {
  for (auto s : {DossierRequestStatus::kOpen, DossierRequestStatus::kGranted, DossierRequestStatus::kPartlyGranted,
                 DossierRequestStatus::kRefused})
    if (dossier_request_status_key(s) == key) return s;
  return std::nullopt;
}

namespace {
std::optional<DossierRequestError> too_long(const char* field, const std::string& text) {
  if (auto why = limits::too_long(text, limits::kFreeText)) return DossierRequestError{field, *why};
  return std::nullopt;
}
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

std::optional<DossierRequestError> validate_new_request(DossierRequest& r, const Date& today) {
  if (blank(r.what)) return DossierRequestError{"what", "Schrijf op wat er verbeterd, aangevuld of verwijderd moet worden."};
  if (auto e = too_long("what", r.what)) return e;
  if (auto e = too_long("why", r.why)) return e;
  r.asked_on = today;
  r.due_on = add_days(today, kAnswerDays);
  r.status = DossierRequestStatus::kOpen;
  return std::nullopt;
}

std::optional<DossierRequestError> validate_answer(const DossierRequest& stored, DossierRequestStatus status,
                                                   const std::string& answer) {
  if (!stored.open()) return DossierRequestError{"status", "Dit verzoek is al beantwoord; het antwoord blijft bewaard."};
  if (status == DossierRequestStatus::kOpen)
    return DossierRequestError{"status", "Kies toegekend, deels toegekend of afgewezen."};
  if (blank(answer))
    return DossierRequestError{
        "answer", status == DossierRequestStatus::kGranted
                      ? "Schrijf op wat de school heeft verbeterd, aangevuld of verwijderd."
                      : "Een (gedeeltelijke) afwijzing vraagt een schriftelijke reden: schrijf op waarom."};
  return too_long("answer", answer);
}

int days_left(const DossierRequest& r, const Date& today) { return days_between(today, r.due_on); }

std::string deadline_text(const DossierRequest& r, const Date& today) {
  const int days = days_left(r, today);
  if (days == 0) return "vandaag";
  if (days == 1) return "nog 1 dag";
  if (days > 1) return "nog " + std::to_string(days) + " dagen";
  return std::to_string(-days) + (days == -1 ? " dag" : " dagen") + " te laat";
}

std::vector<DossierRequest> open_requests_by_deadline(std::vector<DossierRequest> requests) {
  std::erase_if(requests, [](const DossierRequest& r) { return !r.open(); });
  std::sort(requests.begin(), requests.end(), [](const DossierRequest& a, const DossierRequest& b) {
    return std::tie(a.due_on, a.id) < std::tie(b.due_on, b.id);
  });
  return requests;
}

}  // namespace koers::domain
