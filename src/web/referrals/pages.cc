// Referrals on the pages. /leerlingen/{id}/verwijzingen lists the pupil's referrals the caller
// may see and, for the IB, starts one (procedure, the care-team case whose advice it follows).
// /verwijzingen/{id} shows the referral with the OKR assembled from the record and what is still
// missing before it may be sent; the IB writes the school's texts, records consents, makes the
// parents' copy available, sends and records the decision; a parent (from Mijn kind) adds their
// view. The forms go through the API's handlers (one set of rules) and come back with the
// outcome as the notice.
#include <fmt/format.h>

#include "common/clock.h"
#include "io/referral_json.h"
#include "store/care_team_repository.h"
#include "store/referral_repository.h"
#include "web/forms.h"
#include "web/referrals/referrals.h"

namespace koers::web {

using domain::Id;
using domain::ReferralActor;
using nlohmann::json;

namespace {

int version_field(Context& ctx) {
  const std::string version = ctx.req.field("version");
  if (version.empty() || version.size() > 9 || version.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "version: verwacht een getal."};
  return std::stoi(version);
}

long long number_field(Context& ctx, const std::string& name) {
  const std::string text = ctx.req.field(name);
  if (text.empty()) return 0;
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, fmt::format("{}: verwacht een getal.", name)};
  return std::stoll(text);
}

std::string page_of(Id id) { return fmt::format("/verwijzingen/{}", id); }

Response referral_page(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  domain::Okr okr = current_okr(ctx, v.r);
  json model = referral_json(ctx, v, okr);
  if (v.r.sent()) {
    model["okr"] = json::parse(v.r.sent_okr, nullptr, false);
    if (model["okr"].is_object()) model["okr"].erase("oso_xml");  // the dossier is downloaded, not shown
    model["okr_frozen"] = true;
  } else {
    model["okr"] = io::okr_json(okr);
  }
  model["is_ib"] = v.actor == ReferralActor::kCoordinator;
  model["today"] = today_local().iso();
  model["message"] = ctx.notice_json();
  model["print_title"] = "Onderwijskundig rapport " + okr.pupil_name;  // printed on A4 the OKR remains
  store::ReferralRepository(ctx.app.db).record_view(v.r, ctx.who, "de verwijzing met het OKR");
  return ctx.page("referral", "Verwijzing " + okr.pupil_name, model);
}

Response save_page(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  json body{{"version", version_field(ctx)}};
  std::string to = page_of(v.r.id);
  if (v.actor == ReferralActor::kParent) {
    body["parents_view"] = ctx.req.field("parents_view");
    const std::string agree = ctx.req.field("parents_agree");
    if (agree == "ja") body["parents_agree"] = true;
    else if (agree == "nee") body["parents_agree"] = false;
    body["parents_reason"] = ctx.req.field("parents_reason");
    if (ctx.req.field("terug") == "kinderen") to = "/kinderen";
  } else {
    body["reason"] = ctx.req.field("reason");
    body["handelingsverlegenheid"] = ctx.req.field("handelingsverlegenheid");
    if (v.r.procedure.needs_cluster) body["cluster"] = number_field(ctx, "cluster");
  }
  return form_through_api(ctx, referral_save, body, to,
                          v.actor == ReferralActor::kParent ? "Uw zienswijze is opgeslagen." : "De verwijzing is opgeslagen.");
}

Response consent_page(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  json consents = io::consents_json(v.r.consents);
  consents.push_back({{"key", ctx.req.field("key")},
                      {"given_by", ctx.req.field("given_by")},
                      {"given_on", ctx.req.field("given_on")}});
  return form_through_api(ctx, referral_save, json{{"version", version_field(ctx)}, {"consents", consents}},
                          page_of(v.r.id), "De toestemming is vastgelegd.");
}

Response parents_copy_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  return form_through_api(ctx, referral_parents_copy, json::object(), page_of(id),
                          "De ouders zien het OKR nu op Mijn kind en kunnen hun zienswijze toevoegen.");
}

Response send_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  return form_through_api(ctx, referral_send, json{{"sent_to", ctx.req.field("sent_to")}}, page_of(id),
                          "De verwijzing is verzonden; het OKR is vastgelegd zoals het verzonden is.");
}

Response decision_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  return form_through_api(ctx, referral_decide,
                          json{{"positive", ctx.req.field("positive") == "ja"},
                               {"on", ctx.req.field("on")},
                               {"placement", ctx.req.field("placement")},
                               {"note", ctx.req.field("note")}},
                          page_of(id), "Het besluit is vastgelegd.");
}

Response list_page(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  const domain::PupilScope scope = ctx.pupil_in_view(pupil);
  if (ctx.who.role == domain::Role::kParent) return Response::redirect("/kinderen");
  auto found = ctx.app.pupils.find(pupil);
  const std::string name = found ? found->name.display() : "";
  json rows = json::array();
  store::ReferralRepository repo(ctx.app.db);
  for (auto& r : repo.of_pupil(pupil)) {
    ReferralInView v{r, scope, domain::referral_actor(ctx.who, scope, r)};
    if (v.actor == ReferralActor::kNone) continue;
    json row = referral_json(ctx, v, current_okr(ctx, v.r));
    row["missing_count"] = row["missing"].size();
    rows.push_back(row);
    repo.record_view(v.r, ctx.who, "in de lijst verwijzingen van de leerling");
  }
  const bool may_start = domain::may_start_referral(ctx.who, scope);
  json procedures = json::array(), cases = json::array();
  if (may_start) {
    for (const auto& p : repo.procedures(scope.board_id).procedures)
      procedures.push_back({{"key", p.key}, {"name", p.name}});
    const Id wanted = static_cast<Id>(ctx.number_query("casus"));
    for (const auto& c : store::CareTeamCaseRepository(ctx.app.db).of_pupils({pupil}))
      if (!c.advice.empty())
        cases.push_back({{"id", c.id},
                         {"label", fmt::format("{}: {}", domain::case_status_label(c.status), c.advice)},
                         {"selected", c.id == wanted}});
  }
  return ctx.page("referrals", "Verwijzingen " + name,
                  {{"pupil_id", pupil},
                   {"pupil_name", name},
                   {"referrals", rows},
                   {"has_referrals", !rows.empty()},
                   {"may_start", may_start},
                   {"procedures", procedures},
                   {"cases", cases},
                   {"has_cases", !cases.empty()},
                   {"message", ctx.notice_json()}});
}

Response start_page(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  json body{{"procedure", ctx.req.field("procedure")}, {"cluster", number_field(ctx, "cluster")}};
  if (const long long c = number_field(ctx, "case_id")) body["case_id"] = c;
  ctx.req.body = body.dump();
  Response r = referral_start(ctx);
  const std::string back = fmt::format("/leerlingen/{}/verwijzingen", pupil);
  json answer = json::parse(r.body, nullptr, false);
  if (r.status == 201 && answer.is_object())
    return Response::redirect(ctx.with_notice(page_of(answer.value("id", Id{0})), "De verwijzing is gestart."));
  std::string text = answer.is_object() ? answer.value("error", std::string("Niet gestart.")) : "Niet gestart.";
  if (answer.is_object() && answer.contains("problems"))
    for (const auto& p : answer["problems"])
      if (p.is_string()) text += " " + p.get<std::string>();
  return Response::redirect(ctx.with_notice(back, text));
}

}  // namespace

std::vector<Route> procedure_page_routes();  // procedure_pages.cc: /verwijsprocedures

std::vector<Route> referral_page_routes() {
  using domain::Capability;
  std::vector<Route> routes = procedure_page_routes();
  for (Route& r : std::vector<Route>{
           {"GET", "/leerlingen/:id/verwijzingen", Capability::kSignedIn, list_page},
           {"POST", "/leerlingen/:id/verwijzingen", Capability::kSignedIn, start_page},
           {"GET", "/verwijzingen/:id", Capability::kSignedIn, referral_page},
           {"POST", "/verwijzingen/:id", Capability::kSignedIn, save_page},
           {"POST", "/verwijzingen/:id/toestemming", Capability::kSignedIn, consent_page},
           {"POST", "/verwijzingen/:id/ouderkopie", Capability::kSignedIn, parents_copy_page},
           {"POST", "/verwijzingen/:id/verzenden", Capability::kSignedIn, send_page},
           {"POST", "/verwijzingen/:id/besluit", Capability::kSignedIn, decision_page},
       })
    routes.push_back(std::move(r));
  return routes;
}

}  // namespace koers::web
