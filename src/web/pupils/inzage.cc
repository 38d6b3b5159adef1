// Inzage and the parents' requests about the dossier (AVG art. 15–17), pages and API side by side:
//   GET  /api/v1/pupils/{id}/dossier.pdf   the whole dossier as one PDF (a parent of the pupil, the IB);
//                                          every download is in the audit trail
//   GET  /api/v1/pupils/{id}/requests      the requests with their answers (the same two)
//   POST /api/v1/pupils/{id}/requests      a parent asks: {"kind", "what", "why"}
//   POST /api/v1/requests/{id}/answer      the IB answers: {"status", "answer", "version"}
//   GET  /leerlingen/{id}/verzoeken        the page of both; its forms go through the API's handlers
// A pupil the principal may not see answers 404 (refuse_not_found); one they see but may not use
// here (a teacher, the head) 403; a parent's API call for another child of their school 403. The IB's start page counts
// the deadlines down (dossier_request_deadlines_json).
#include "domain/inzage.h"

#include <fmt/format.h>

#include <cctype>

#include "common/clock.h"
#include "io/dossier_pdf.h"
#include "io/json_fields.h"
#include "store/dossier_request_repository.h"
#include "store/pupil_record_repository.h"
#include "web/app.h"
#include "web/documents/documents.h"
#include "web/forms.h"
#include "web/pupils/inzage.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

// "Ans de Vries (ouder)", "Marieke Visser (intern begeleider)": who, as the trail names them.
std::string who_with_role(const domain::Principal& who) {
  std::string role(domain::role_label(who.role));
  if (!role.empty() && role[0] >= 'A' && role[0] <= 'Z') role[0] = static_cast<char>(role[0] - 'A' + 'a');
  return fmt::format("{} ({})", who.display_name, role);
}

std::string pupil_name(Context& ctx, Id pupil_id) {
  auto p = ctx.app.pupils.find(pupil_id);
  return p ? p->name.display() : "";
}

json request_json(const domain::DossierRequest& q, const domain::Date& today) {
  return {{"id", q.id},
          {"pupil_id", q.pupil_id},
          {"kind", domain::dossier_request_kind_key(q.kind)},
          {"kind_label", domain::dossier_request_kind_label(q.kind)},
          {"what", q.what},
          {"why", q.why.empty() ? json(nullptr) : json(q.why)},
          {"asked_by", q.asked_by},
          {"asked_on", q.asked_on.iso()},
          {"asked_on_text", q.asked_on.dutch()},
          {"due_on", q.due_on.iso()},
          {"due_on_text", q.due_on.dutch()},
          {"open", q.open()},
          {"days_left", q.open() ? json(domain::days_left(q, today)) : json(nullptr)},
          {"deadline_text", q.open() ? json(domain::deadline_text(q, today)) : json(nullptr)},
          {"overdue", q.open() && domain::days_left(q, today) < 0},
          {"status", domain::dossier_request_status_key(q.status)},
          {"status_label", domain::dossier_request_status_label(q.status)},
          {"refused", q.status == domain::DossierRequestStatus::kRefused ||
                          q.status == domain::DossierRequestStatus::kPartlyGranted},
          {"answer", q.open() ? json(nullptr) : json(q.answer)},
          {"answered_by", q.open() ? json(nullptr) : json(q.answered_by)},
          {"answered_at_text", q.open() ? json(nullptr) : json(display_time(q.answered_at))},
          {"version", q.version}};
}

// The pupil in view and allowed here: 404 when not in view, 403 when `allowed` is false. A
// parent asking the API for a pupil of their own school who is not their child: 403 (the
// issue's parent matrix), logged as refused; another school's pupil or none stays 404.
domain::PupilScope dossier_in_view(Context& ctx, Id pupil_id,
                                   bool (*allowed)(const domain::Principal&, const domain::PupilScope&),
                                   const char* refusal) {
  if (ctx.who.role == domain::Role::kParent && ctx.req.is_api()) {
    auto scope = ctx.app.pupils.scope(pupil_id);
    if (scope && domain::pupil_of_own_school(ctx.who, *scope) && !domain::may_view_pupil(ctx.who, *scope)) {
      ctx.audit_refusal(pupil_id, "leerlinggegevens via de API", "niet een kind van deze ouder");
      throw HttpError{403, refusal};
    }
  }
  domain::PupilScope scope = ctx.pupil_in_view(pupil_id);
  if (!allowed(ctx.who, scope)) throw HttpError{403, refusal};
  return scope;
}

constexpr const char* kOnlyParentsAndIb =
    "Alleen de ouders van de leerling en de intern begeleider zien het hele dossier en de verzoeken erover.";

// "Dossier_Roos_van_der_Meer.pdf"
std::string dossier_file_name(const std::string& pupil) {
  std::string name;
  for (unsigned char c : pupil) name += std::isalnum(c) ? static_cast<char>(c) : '_';
  return fmt::format("Dossier_{}.pdf", name);
}

Response get_dossier_pdf(Context& ctx) {
  const Id id = ctx.id_param("id");
  const domain::PupilScope scope = dossier_in_view(ctx, id, domain::may_download_dossier, kOnlyParentsAndIb);
  const auto record = store::PupilRecordRepository(ctx.app.db).read_whole(id);
  if (!record) refuse_not_found("deze leerling");
  std::string school;
  if (auto s = ctx.app.schools.find_school(scope.school_id)) school = s->name;
  const auto sections = domain::inzage_sections(*record, [](const std::string& iso) { return display_time(iso); });
  const std::string made_for = who_with_role(ctx.who);
  std::string bytes = io::dossier_pdf({record->name, school, display_time(now_utc()), made_for}, sections);
  // The download itself is in the trail (and so in the next copy's list of who looked).
  auto entry = store::audit_entry(
      ctx.who, domain::AuditAction::kExport, "dossier (inzage)", id,
      fmt::format("het hele dossier als PDF gedownload ({} regels van wie het inzag)", record->accesses.size()));
  entry.school_id = scope.school_id;
  ctx.app.audit.record({entry});
  Response out;
  out.content_type = "application/pdf";
  out.body = std::move(bytes);
  out.header("Content-Disposition", content_disposition(dossier_file_name(record->name), false));
  return out;
}

Response list_requests(Context& ctx) {
  const Id id = ctx.id_param("id");
  dossier_in_view(ctx, id, domain::may_download_dossier, kOnlyParentsAndIb);
  const domain::Date today = today_local();
  json out = json::array();
  for (const auto& q : store::DossierRequestRepository(ctx.app.db).of_pupil(id)) out.push_back(request_json(q, today));
  ctx.audit_view({id}, "verzoeken over het dossier");
  return Response::json(json{{"requests", out}}.dump());
}

Response create_request(Context& ctx) {
  const Id id = ctx.id_param("id");
  const domain::PupilScope scope = dossier_in_view(ctx, id, domain::may_ask_dossier_request,
                                                   "Alleen een ouder van de leerling dient een verzoek in.");
  json in = json::parse(ctx.req.body, nullptr, false);
  if (!in.is_object()) throw HttpError{400, "Verwacht JSON met kind, what en why."};
  domain::DossierRequest q;
  q.pupil_id = id;
  q.school_id = scope.school_id;
  const std::string kind = io::text_field(in, "kind", "");
  auto k = domain::parse_dossier_request_kind(kind);
  if (!k) throw HttpError{422, "kind: kies correctie, aanvulling of verwijdering."};
  q.kind = *k;
  q.what = io::text_field(in, "what", "");
  q.why = io::text_field(in, "why", "");
  q.asked_by = who_with_role(ctx.who);
  if (auto e = domain::validate_new_request(q, today_local())) throw HttpError{422, e->field + ": " + e->message};
  q = store::DossierRequestRepository(ctx.app.db).create(q, ctx.who);
  return Response::json(request_json(q, today_local()).dump(), 201);
}

Response answer_request(Context& ctx) {
  store::DossierRequestRepository repo(ctx.app.db);
  auto q = repo.find(ctx.id_param("id"));
  if (!q) refuse_not_found("dit verzoek");
  try {
    ctx.pupil_in_view(q->pupil_id);
  } catch (const HttpError&) {
    refuse_not_found("dit verzoek");
  }
  dossier_in_view(ctx, q->pupil_id, domain::may_answer_dossier_request,
                  "Alleen de intern begeleider beantwoordt een verzoek over het dossier.");
  json in = json::parse(ctx.req.body, nullptr, false);
  if (!in.is_object()) throw HttpError{400, "Verwacht JSON met status, answer en version."};
  auto status = domain::parse_dossier_request_status(io::text_field(in, "status", ""));
  if (!status) throw HttpError{422, "status: kies toegekend, deels of afgewezen."};
  const std::string answer = io::text_field(in, "answer", "");
  const int version = static_cast<int>(io::integer_field(in, "version", ""));
  if (auto e = domain::validate_answer(*q, *status, answer))
    throw HttpError{e->field == "status" && !q->open() ? 409 : 422, e->field + ": " + e->message};
  auto saved = repo.answer(q->id, version, *status, answer, ctx.who);
  if (!saved) throw HttpError{409, "version: het verzoek is intussen gewijzigd of beantwoord. Laad de pagina opnieuw."};
  return Response::json(request_json(*saved, today_local()).dump());
}

// The page: the requests with their answers, the parent's form, the IB's answer forms.
Response requests_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  const domain::PupilScope scope = dossier_in_view(ctx, id, domain::may_download_dossier, kOnlyParentsAndIb);
  const domain::Date today = today_local();
  const bool ib = domain::may_answer_dossier_request(ctx.who, scope);
  json requests = json::array();
  int open = 0;
  for (const auto& q : store::DossierRequestRepository(ctx.app.db).of_pupil(id)) {
    json j = request_json(q, today);
    j["may_answer"] = ib && q.open();
    open += q.open();
    requests.push_back(j);
  }
  ctx.audit_view({id}, "verzoeken over het dossier");
  const std::string name = pupil_name(ctx, id);
  return ctx.page("dossier_requests", "Inzage en verzoeken · " + name,
                  json{{"pupil_id", id},
                       {"pupil_name", name},
                       {"requests", requests},
                       {"has_requests", !requests.empty()},
                       {"open_count", open},
                       {"may_ask", domain::may_ask_dossier_request(ctx.who, scope)},
                       {"for_ib", ib},
                       {"answer_days", domain::kAnswerDays},
                       {"message", ctx.notice_json()}});
}

Response ask_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  return form_through_api(
      ctx, create_request,
      json{{"kind", ctx.req.field("kind")}, {"what", ctx.req.field("what")}, {"why", ctx.req.field("why")}},
      fmt::format("/leerlingen/{}/verzoeken", id),
      fmt::format("Uw verzoek is verstuurd. De school antwoordt binnen vier weken, uiterlijk op {}.",
                  domain::add_days(today_local(), domain::kAnswerDays).dutch()));
}

Response answer_page(Context& ctx) {
  auto q = store::DossierRequestRepository(ctx.app.db).find(ctx.id_param("id"));
  if (!q) refuse_not_found("dit verzoek");
  const std::string version = ctx.req.field("version");
  json body{
      {"status", ctx.req.field("status")},
      {"answer", ctx.req.field("answer")},
      {"version", version.empty() || version.size() > 9 || version.find_first_not_of("0123456789") != std::string::npos
                      ? json(nullptr)
                      : json(std::stoi(version))}};
  return form_through_api(ctx, answer_request, body, fmt::format("/leerlingen/{}/verzoeken", q->pupil_id),
                          "Het antwoord is vastgelegd. De ouders zien het bij het verzoek.");
}

}  // namespace

json child_inzage_json(Context& ctx, Id pupil_id) {
  auto scope = ctx.app.pupils.scope(pupil_id);
  if (!scope || !domain::may_ask_dossier_request(ctx.who, *scope)) return nullptr;
  int open = 0, answered = 0;
  for (const auto& q : store::DossierRequestRepository(ctx.app.db).of_pupil(pupil_id)) (q.open() ? open : answered)++;
  return {{"pdf_href", fmt::format("/api/v1/pupils/{}/dossier.pdf", pupil_id)},
          {"requests_href", fmt::format("/leerlingen/{}/verzoeken", pupil_id)},
          {"open_count", open},
          {"answered_count", answered},
          {"has_open", open > 0},
          {"has_answered", answered > 0}};
}

json dossier_request_deadlines_json(Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator || !ctx.who.school_id) return nullptr;
  const auto open = store::DossierRequestRepository(ctx.app.db).open_of_school(ctx.who.school_id);
  if (open.empty()) return nullptr;
  const domain::Date today = today_local();
  json lines = json::array();
  std::vector<Id> pupils;
  for (const auto& q : domain::open_requests_by_deadline(open)) {
    json j = request_json(q, today);
    j["pupil_name"] = pupil_name(ctx, q.pupil_id);
    j["href"] = fmt::format("/leerlingen/{}/verzoeken#verzoek-{}", q.pupil_id, q.id);
    lines.push_back(j);
    pupils.push_back(q.pupil_id);
  }
  ctx.audit_view(pupils, "verzoeken over het dossier om te beantwoorden");
  return {{"requests", lines}, {"answer_days", domain::kAnswerDays}};
}

std::vector<Route> inzage_routes() {
  return {
      {"GET", "/api/v1/pupils/:id/dossier.pdf", Capability::kSignedIn, get_dossier_pdf},
      {"GET", "/api/v1/pupils/:id/requests", Capability::kSignedIn, list_requests},
      {"POST", "/api/v1/pupils/:id/requests", Capability::kSignedIn, create_request},
      {"POST", "/api/v1/requests/:id/answer", Capability::kSignedIn, answer_request},
      {"GET", "/leerlingen/:id/verzoeken", Capability::kSignedIn, requests_page},
      {"POST", "/leerlingen/:id/verzoeken", Capability::kSignedIn, ask_page},
      {"POST", "/verzoeken/:id/antwoord", Capability::kSignedIn, answer_page},
  };
}

}  // namespace koers::web
