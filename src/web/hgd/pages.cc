// HGD on the pages. The case page /casus/{id} shows an "HGD" section (hgd_section_json): the
// case's requests with status, report and recommendations, and for the IB the request form and
// "Overnemen als onderwijsbehoefte" per recommendation. /hgd/{id} shows one request on its own:
// the expert's page (they reach the HGD, not the case), with the report upload and the
// recommendations form; the adviesgesprek (planned here by the IB, held as a meeting of the
// school) with its report. The forms go through the API's handlers (one set of rules) and come
// back with the outcome as the notice.
#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/external_member.h"
#include "store/care_team_repository.h"
#include "store/external_member_repository.h"
#include "store/hgd_repository.h"
#include "web/documents/documents.h"
#include "web/forms.h"
#include "web/hgd/hgd.h"

namespace koers::web {

using domain::HgdActor;
using domain::Id;
using nlohmann::json;

namespace {

// The choices a recommendation may become: a general need per aspect, a subject need per
// subject of the pupil's group ("matchen:instructie", "stretchen:Spelling").
json need_choices(Context& ctx, const domain::PupilScope& scope) {
  json out = json::array();
  for (const auto& a : domain::need_aspects())
    out.push_back({{"value", "matchen:" + a}, {"label", "algemeen: " + a}});
  if (!scope.current_group_ids.empty())
    if (auto g = ctx.app.groups.find(scope.current_group_ids.front()))
      for (const auto& s : domain::overview_subjects(g->year_groups))
        out.push_back({{"value", "stretchen:" + s}, {"label", "vakgebied: " + s}});
  return out;
}

json with_choices(json hgd, const json& choices) {
  for (auto& r : hgd["recommendations"]) r["choices"] = choices;
  return hgd;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string back_to(const Context& ctx, const HgdInView& v) {
  return ctx.who.role == domain::Role::kCareTeamMember ? fmt::format("/hgd/{}", v.h.id)
                                                       : fmt::format("/casus/{}", v.h.case_id);
}

Response hgd_page(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  json model = with_choices(hgd_json(ctx, v), need_choices(ctx, v.scope));
  auto pupil = ctx.app.pupils.find(v.h.pupil_id);
  const std::string name = pupil ? pupil->name.display() : "";
  model["pupil_name"] = name;
  model["is_ib"] = v.actor == HgdActor::kCoordinator;
  model["message"] = ctx.notice_json();
  store::HgdRepository(ctx.app.db).record_view(v.h, ctx.who, "de HGD-aanvraag (vragen, status, adviezen)");
  return ctx.page("hgd", "HGD " + name, model);
}

Response request_page(Context& ctx) {
  const Id case_id = ctx.id_param("id");
  json body{{"question_kind", ctx.req.field("question_kind")},
            {"help_question", ctx.req.field("help_question")},
            {"questions", lines_of(ctx.req.field("questions"))},
            {"requested_on", ctx.req.field("requested_on")}};
  const std::string expert = ctx.req.field("expert_account_id");
  if (expert.size() > 18 || expert.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "expert_account_id: verwacht een account."};
  body["expert_account_id"] = expert.empty() ? 0 : std::stoll(expert);
  ctx.req.body = body.dump();
  return form_through_api(ctx, hgd_request, fmt::format("/casus/{}", case_id), "De HGD is aangevraagd.");
}

Response save_page(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  const std::string version = ctx.req.field("version");
  if (version.empty() || version.size() > 9 || version.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "version: verwacht een getal."};
  json body{{"version", std::stoi(version)}, {"recommendations", lines_of(ctx.req.field("recommendations"))}};
  if (v.actor == HgdActor::kCoordinator) {
    body["help_question"] = ctx.req.field("help_question");
    body["questions"] = lines_of(ctx.req.field("questions"));
  }
  if (const std::string status = ctx.req.field("status"); !status.empty()) body["status"] = status;
  ctx.req.body = body.dump();
  return form_through_api(ctx, hgd_save, back_to(ctx, v), "De HGD is opgeslagen.");
}

Response report_page(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  return form_through_api(ctx, hgd_upload_report, back_to(ctx, v), "Het verslag is opgeslagen.");
}

Response take_over_page(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  const std::string choice = ctx.req.field("need");
  const size_t colon = choice.find(':');
  json body{{"kind", colon == std::string::npos ? choice : choice.substr(0, colon)},
            {"topic", colon == std::string::npos ? "" : choice.substr(colon + 1)},
            {"text", ctx.req.field("text")}};
  ctx.req.body = body.dump();
  return form_through_api(ctx, hgd_take_over, back_to(ctx, v),
                          "Het advies staat nu als onderwijsbehoefte (bron: onderzoek) in het groepsoverzicht.");
}

// The IB plans the adviesgesprek: date, time, place and who comes, per role (a field may name
// several people: "Mw. Jansen (moeder), Dhr. Jansen (vader)").
Response plan_meeting_page(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  json participants = json::array();
  for (const char* role : {"ouders", "leerkracht", "ib", "deskundige", "anders"})
    if (const std::string name = ctx.req.field(role); name.find_first_not_of(" \t\r\n") != std::string::npos)
      participants.push_back({{"role", role}, {"name", name}});
  json body{{"planned_on", ctx.req.field("planned_on")},
            {"starts_at", ctx.req.field("starts_at")},
            {"location", ctx.req.field("location")},
            {"participants", participants}};
  return form_through_api(ctx, hgd_plan_meeting, body, back_to(ctx, v),
                          "Het adviesgesprek is gepland en staat in de jaarplanning.");
}

}  // namespace

json hgd_section_json(Context& ctx, const CaseInView& cv) {
  const domain::Date today = today_local();
  const bool ib = domain::may_write_case(ctx.who, cv.scope);
  json requests = json::array();
  json choices;
  store::HgdRepository repo(ctx.app.db);
  for (auto& h : repo.of_case(cv.c.id)) {
    HgdInView v{h, cv.c, cv.scope, domain::hgd_actor(ctx.who, cv.scope, cv.c, h, today)};
    if (v.actor == HgdActor::kNone) continue;
    if (choices.is_null()) choices = need_choices(ctx, cv.scope);
    requests.push_back(with_choices(hgd_json(ctx, v), choices));
    repo.record_view(h, ctx.who, "de HGD-aanvraag op de casuspagina");
  }
  if (requests.empty() && !ib) return nullptr;
  json experts = json::array();
  if (ib)
    for (const auto& e : store::ExternalMemberRepository(ctx.app.db).serving_school(cv.c.school_id))
      if (e.account.active && domain::discipline_info(e.discipline).diagnostic)
        experts.push_back({{"id", e.account.id},
                           {"name", e.account.display_name},
                           {"discipline", std::string(domain::discipline_info(e.discipline).label)}});
  const bool open = cv.c.status != domain::CaseStatus::kClosed && cv.c.status != domain::CaseStatus::kReferred;
  const bool has_consent = std::any_of(cv.c.consents.begin(), cv.c.consents.end(), [&](const domain::Consent& k) {
    return k.purpose == domain::ConsentPurpose::kHgd && domain::consent_in_force(k, today);
  });
  return {{"requests", requests},
          {"has_requests", !requests.empty()},
          {"may_request", ib && open},
          {"experts", experts},
          {"has_experts", !experts.empty()},
          {"has_hgd_consent", has_consent},
          {"today", today.iso()}};
}

json expert_hgd_rows(Context& ctx) {
  json rows = json::array();
  if (ctx.who.role != domain::Role::kCareTeamMember) return rows;
  const domain::Date today = today_local();
  store::HgdRepository repo(ctx.app.db);
  for (const auto& h : repo.of_expert(ctx.who.account_id)) {
    auto scope = ctx.app.pupils.scope(h.pupil_id);
    auto c = store::CareTeamCaseRepository(ctx.app.db).find(h.case_id);
    if (!scope || !c || domain::hgd_actor(ctx.who, *scope, *c, h, today) != HgdActor::kExpert) continue;
    auto pupil = ctx.app.pupils.find(h.pupil_id);
    rows.push_back({{"href", fmt::format("/hgd/{}", h.id)},
                    {"pupil_name", pupil ? pupil->name.display() : ""},
                    {"status", domain::hgd_status_key(h.status)},
                    {"status_label", domain::hgd_status_label(h.status)},
                    {"requested_on_text", h.requested_on.dutch()}});
    repo.record_view(h, ctx.who, "in de lijst Mijn casussen");
  }
  return rows;
}

std::vector<Route> hgd_page_routes() {
  using domain::Capability;
  return {
      {"GET", "/hgd/:id", Capability::kSignedIn, hgd_page},
      {"POST", "/hgd/:id", Capability::kSignedIn, save_page},
      {"POST", "/hgd/:id/verslag", Capability::kSignedIn, report_page, false, kDocumentUploadBodyLimit},
      {"POST", "/hgd/:id/advies/:n", Capability::kSignedIn, take_over_page},
      {"POST", "/hgd/:id/adviesgesprek", Capability::kSignedIn, plan_meeting_page},
      {"POST", "/casus/:id/hgd", Capability::kSignedIn, request_page},
  };
}

}  // namespace koers::web
