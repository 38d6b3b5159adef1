// The care-team pages. /casus/{id}: for the IB the case with its route so far, hulpvraag,
// consents, invited externals and status, with forms to write it, record a consent and
// withdraw one; read-only for the head and the pupil's teacher; a parent reads it and
// withdraws their consent. For an external the same address shows the case file as their
// consent shares it. /casussen: an external's "Mijn casussen". The forms go through the API's
// handlers with a JSON body built from the form, so pages and API keep one set of rules.
#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/care_team.h"
#include "web/cases/cases.h"
#include "web/forms.h"
#include "web/hgd/hgd.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

bool external(const Context& ctx) { return ctx.who.role == domain::Role::kCareTeamMember; }

Response case_page(Context& ctx) {
  CaseInView v = case_in_view(ctx, ctx.id_param("id"));
  if (external(ctx)) {
    json file = case_file_json(ctx, v);  // audited as the external's read, with its consents
    file["message"] = ctx.notice_json();
    file["has_withheld"] = !file["withheld"].empty();
    file["has_needs"] = file.contains("needs") && !file["needs"].empty();
    file["has_results"] = file.contains("results") && !file["results"].empty();
    if (v.c.meeting_id)  // the care-team meeting it is (or was last) on the agenda of
      file["meeting_href"] = fmt::format("/besprekingen/{}/casussen", v.c.meeting_id);
    return ctx.page("case_file", "Casusdossier " + file["pupil"]["name"].get<std::string>(), file);
  }
  json model = case_json(ctx, v);
  const std::string name = model["pupil_name"];
  // The forms' choices: the statuses it may go to, the disciplines, the documents, the
  // externals of the board who may be invited.
  json disciplines = json::array();
  for (size_t i = 0; i < domain::care_team_disciplines().size(); ++i)
    disciplines.push_back({{"index", i}, {"name", domain::care_team_disciplines()[i]}});
  model["disciplines"] = disciplines;
  json documents = json::array();
  for (auto d : domain::all_case_documents())
    documents.push_back({{"key", domain::case_document_key(d)}, {"label", domain::case_document_label(d)}});
  model["document_choices"] = documents;
  json externals = json::array();
  if (model["may_write"].get<bool>())
    for (const auto& a : ctx.app.accounts.accounts_of_board(ctx.who.board_id))
      if (a.role == domain::Role::kCareTeamMember && a.active) externals.push_back({{"id", a.id}, {"name", a.display_name}});
  model["externals"] = externals;
  // The outcomes, each a checkbox (anders with its words), checked as stored.
  json outcome_choices = json::array();
  for (auto kind : domain::all_case_outcomes()) {
    const auto stored = std::find_if(v.c.outcomes.begin(), v.c.outcomes.end(), [&](const auto& o) { return o.kind == kind; });
    outcome_choices.push_back({{"key", domain::case_outcome_key(kind)},
                               {"label", domain::case_outcome_label(kind)},
                               {"checked", stored != v.c.outcomes.end()},
                               {"other", kind == domain::CaseOutcomeKind::kOther},
                               {"text", stored != v.c.outcomes.end() ? stored->text : ""}});
  }
  model["outcome_choices"] = outcome_choices;
  model["has_outcomes"] = !v.c.outcomes.empty();
  // The outcome choices once the care team has discussed the case (or when some are stored).
  const auto early = {domain::CaseStatus::kRegistered, domain::CaseStatus::kConsent, domain::CaseStatus::kScheduled};
  model["show_outcomes"] = !v.c.outcomes.empty() || std::find(early.begin(), early.end(), v.c.status) == early.end();
  model["has_externals"] = !externals.empty();
  model["has_next"] = !model["next_statuses"].empty();
  model["has_members"] = !model["members"].empty();
  model["has_consents"] = !model["consents"].empty();
  model["has_missing"] = !model["missing_steps"].empty();
  model["informed_on"] = model["parents_informed"].is_null() ? json("") : model["parents_informed"]["on"];
  model["informed_how"] = model["parents_informed"].is_null() ? json("") : model["parents_informed"]["how"];
  model["follow_up_value"] = model["follow_up_until"].is_null() ? json("") : model["follow_up_until"];
  model["today"] = today_local().iso();
  model["parent"] = ctx.who.role == domain::Role::kParent;
  model["message"] = ctx.notice_json();
  model["print_title"] = "Zorgteamcasus " + name;
  model["hgd"] = hgd_section_json(ctx, v);  // null: the caller sees no HGD of this case
  ctx.audit_view({v.c.pupil_id}, fmt::format("casus {}", v.c.id));
  return ctx.page("case", "Zorgteamcasus " + name, model);
}

Response cases_page(Context& ctx) {
  json rows = json::array();
  for (const auto& c : visible_cases(ctx)) {
    rows.push_back(case_summary_json(ctx, c));
    store::CareTeamCaseRepository(ctx.app.db).record_file_view(c, ctx.who, "in de lijst Mijn casussen");
  }
  json hgds = expert_hgd_rows(ctx);  // HGD onderzoeken: the expert need not be invited to the case
  return ctx.page("cases", "Mijn casussen",
                  {{"cases", rows}, {"empty", rows.empty()}, {"hgds", hgds}, {"has_hgds", !hgds.empty()}});
}

// The IB's form: the case's fields, an invitation, removals and a status step.
Response save_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  CaseInView v = case_in_view(ctx, id);
  const std::string version = ctx.req.field("version");
  if (version.empty() || version.size() > 9 || version.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "version: verwacht een getal."};
  json body{{"version", std::stoi(version)}};
  for (const char* f : {"help_question", "missing_step_reason", "advice", "outcome_note"}) body[f] = ctx.req.field(f);
  body["follow_up_until"] = ctx.req.field("follow_up_until");
  const std::string on = ctx.req.field("informed_on"), how = ctx.req.field("informed_how");
  body["parents_informed"] = on.empty() && how.empty() ? json(nullptr) : json{{"on", on}, {"how", how}};
  json members = json::array();
  for (const auto& m : v.c.members)
    if (ctx.req.field(fmt::format("remove_{}", m.account_id)).empty())
      members.push_back({{"account_id", m.account_id}, {"discipline", m.discipline}});
  const std::string invite = ctx.req.field("invite_account");
  if (!invite.empty()) {
    if (invite.size() > 18 || invite.find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, "invite_account: verwacht een account."};
    members.push_back({{"account_id", std::stoll(invite)}, {"discipline", ctx.req.field("invite_discipline")}});
  }
  body["members"] = members;
  json outcomes = json::array();
  for (auto kind : domain::all_case_outcomes()) {
    const std::string key = domain::case_outcome_key(kind);
    if (ctx.req.field("outcome_" + key).empty()) continue;
    // Words only for anders on the page; a note written through the API stays.
    std::string text = ctx.req.field("outcome_text_" + key);
    if (kind != domain::CaseOutcomeKind::kOther)
      for (const auto& o : v.c.outcomes)
        if (o.kind == kind) text = o.text;
    outcomes.push_back({{"kind", key}, {"text", text}});
  }
  body["outcomes"] = outcomes;
  if (const std::string status = ctx.req.field("status"); !status.empty()) body["status"] = status;
  return form_through_api(ctx, case_save, body, fmt::format("/casus/{}", id), "De casus is opgeslagen.");
}

Response consent_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  json body{{"purpose", ctx.req.field("purpose")},
            {"given_by", ctx.req.field("given_by")},
            {"given_on", ctx.req.field("given_on")},
            {"form", "formulier"},
            {"valid_until", ctx.req.field("valid_until")}};
  json disciplines = json::array(), documents = json::array();
  for (size_t i = 0; i < domain::care_team_disciplines().size(); ++i)
    if (!ctx.req.field(fmt::format("discipline_{}", i)).empty()) disciplines.push_back(domain::care_team_disciplines()[i]);
  for (auto d : domain::all_case_documents())
    if (!ctx.req.field("doc_" + domain::case_document_key(d)).empty()) documents.push_back(domain::case_document_key(d));
  body["disciplines"] = disciplines;
  body["documents"] = documents;
  // A parent gives it on the consents page (/toestemmingen) and goes back there.
  const bool from_consents = ctx.req.field("terug") == "toestemmingen" && ctx.who.role == domain::Role::kParent;
  return form_through_api(ctx, consent_add, body,
                          from_consents ? std::string("/toestemmingen") : fmt::format("/casus/{}", id),
                          "De toestemming is vastgelegd.");
}

// The IB opens a case from a registration (the Besprekingen page) or directly: to the case,
// or to the pupil's open case when there already is one.
Response open_page(Context& ctx) {
  auto number = [&](const char* field) -> long long {
    const std::string text = ctx.req.field(field);
    if (text.empty()) return 0;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, std::string(field) + ": verwacht een nummer."};
    return std::stoll(text);
  };
  json body{{"pupil_id", number("pupil_id")}, {"origin", ctx.req.field("origin")}, {"origin_id", number("origin_id")}};
  ctx.req.body = body.dump();
  Response r = case_create(ctx);
  json answer = json::parse(r.body, nullptr, false);
  if (r.status == 201)
    return Response::redirect(ctx.with_notice(fmt::format("/casus/{}", answer["id"].get<Id>()),
                                              "De casus is geopend. Schrijf met de ouders de hulpvraag."));
  if (r.status == 409 && answer.is_object() && answer.contains("case_id"))
    return Response::redirect(ctx.with_notice(fmt::format("/casus/{}", answer["case_id"].get<Id>()),
                                              "Voor deze leerling loopt al een casus: deze."));
  throw HttpError{r.status, answer.is_object() ? answer.value("error", std::string("Niet gelukt.")) : "Niet gelukt."};
}

Response withdraw_page(Context& ctx) {
  const Id consent = ctx.id_param("id");
  auto k = store::CareTeamCaseRepository(ctx.app.db).consent(consent);
  if (!k) refuse_not_found("deze toestemming");
  // A parent withdraws on Mijn kind or the consents page and goes back there; anyone else to the case.
  const std::string back = ctx.who.role == domain::Role::kParent ? ctx.req.field("terug") : "";
  return form_through_api(
      ctx, consent_withdraw, json::object(),
      back == "kinderen" || back == "toestemmingen" ? "/" + back : fmt::format("/casus/{}", k->case_id),
      k->purpose == domain::ConsentPurpose::kCareTeam
          ? "De toestemming is ingetrokken. Vanaf nu zien de externe zorgteamleden niets meer van deze casus."
          : "De toestemming is ingetrokken.");
}

}  // namespace

std::vector<Route> case_page_routes() {
  return {
      {"GET", "/casussen", Capability::kSeeCases, cases_page},
      {"POST", "/casussen", Capability::kSignedIn, open_page},
      {"GET", "/casus/:id", Capability::kSignedIn, case_page},
      {"POST", "/casus/:id", Capability::kSignedIn, save_page},
      {"POST", "/casus/:id/toestemming", Capability::kSignedIn, consent_page},
      {"POST", "/toestemming/:id/intrekken", Capability::kSignedIn, withdraw_page},
  };
}

}  // namespace koers::web
