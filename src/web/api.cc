// The JSON API under /api/v1 for integrations and tests: the same routes table, the
// same authorisation and the same audit trail as the pages.
#include <fmt/format.h>

#include "domain/smarti.h"
#include "web/app.h"
#include "web/imports.h"
#include "web/login.h"
#include "store/result_repository.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

Response ok(const json& body) { return Response::json(body.dump()); }

json me_json(Context& ctx) {
  json school = nullptr;
  if (ctx.who.school_id)
    if (auto s = ctx.app.schools.find_school(ctx.who.school_id))
      school = {{"id", s->id}, {"name", s->name}};
  json children = json::array();
  for (domain::Id id : ctx.who.child_ids)
    if (auto p = ctx.app.pupils.find(id)) children.push_back({{"id", id}, {"name", p->name.display()}});
  return {{"id", ctx.who.account_id},
          {"children", children},
          {"username", ctx.who.username},
          {"display_name", ctx.who.display_name},
          {"role", std::string(domain::role_key(ctx.who.role))},
          {"role_label", std::string(domain::role_label(ctx.who.role))},
          {"school", school},
          {"csrf_token", ctx.csrf}};
}

// Login. Only JSON is accepted: a cross-site form cannot send it without a CORS
// preflight, which is how this route resists login CSRF.
Response login(Context& ctx) {
  if (ctx.req.header("content-type").rfind("application/json", 0) != 0)
    throw HttpError{415, "Stuur JSON: {\"username\": …, \"password\": …, \"code\": … (bij tweestapsverificatie)}."};
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || !in.contains("username") ||
      !in.contains("password") || !in["username"].is_string() || !in["password"].is_string())
    throw HttpError{400, "Verwacht {\"username\": tekst, \"password\": tekst}."};
  std::string code = in.contains("code") && in["code"].is_string() ? in["code"].get<std::string>() : "";
  LoginOutcome out = attempt_login(ctx.app, in["username"], in["password"], code, ctx.req.remote_ip);
  if (out.kind == LoginOutcome::Kind::kBlocked)
    return Response::json(json{{"error", "Te veel mislukte pogingen."},
                               {"retry_after_seconds", out.wait_seconds}}
                              .dump(),
                          429)
        .header("Retry-After", std::to_string(out.wait_seconds));
  if (out.kind == LoginOutcome::Kind::kWrong)
    throw HttpError{401, "Gebruikersnaam of wachtwoord klopt niet."};
  if (out.kind == LoginOutcome::Kind::kDeactivated) throw HttpError{403, "Dit account is gedeactiveerd."};
  if (out.kind == LoginOutcome::Kind::kNeedCode || out.kind == LoginOutcome::Kind::kWrongCode)
    return Response::json(json{{"error", out.kind == LoginOutcome::Kind::kNeedCode
                                             ? "Stuur ook \"code\": de code uit de authenticator-app."
                                             : "De code klopt niet."},
                               {"second_factor_required", true}}
                              .dump(),
                          401);
  ctx.who = ctx.app.accounts.principal(*out.account);
  ctx.csrf = out.session.csrf;
  Response r = ok(me_json(ctx));
  r.header("Set-Cookie", ctx.app.session_cookie(out.session.token));
  return r;
}

Response logout(Context& ctx) {
  end_session(ctx);
  return ok(json{{"status", "uitgelogd"}}).header("Set-Cookie", ctx.app.cleared_session_cookie());
}

Response me(Context& ctx) { return ok(me_json(ctx)); }

Response groups(Context& ctx) {
  json out = json::array();
  for (const auto& g : visible_groups(ctx.app, ctx.who)) out.push_back(group_json(g));
  return ok(out);
}

Response group_pupils(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.group_in_view(id);
  auto group = ctx.app.groups.find(id);
  json out = json::array();
  std::vector<domain::Id> ids;
  for (const auto& p : ctx.app.groups.pupils_of_group(id)) {
    out.push_back(pupil_row_json(p));
    ids.push_back(p.id);
  }
  ctx.audit_view(ids, "groepslijst " + group->name);
  return ok(out);
}

Response pupil(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  json body = pupil_stamkaart_json(ctx, id);
  ctx.audit_view({id}, "stamkaart");
  return ok(body);
}

Response pupil_audit(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(id);
  if (!domain::may_view_pupil_audit(ctx.who, scope))
    throw HttpError{403, "Alleen de intern begeleider ziet de audittrail."};
  store::AuditQuery query = pupil_audit_query(ctx, id, {"person", "kind", "from", "to"});
  json lines = json::array();
  for (const auto& e : ctx.app.audit.find(query)) lines.push_back(audit_json(e));
  ctx.audit_view({id}, "audittrail");
  return ok(lines);
}

Response import_edexml(Context& ctx) {
  const std::string confirm = ctx.query("confirm_leavers");
  auto outcome = import_edexml_file(ctx, ctx.req.body, ctx.query("file_name"), ctx.query("create_school") == "1",
                                    ctx.query("school_name"), confirm == "true" || confirm == "1");
  if (auto* e = std::get_if<io::ImportError>(&outcome))
    return Response::json(json{{"error", e->text()}, {"line", e->line}, {"element", e->element},
                               {"message", e->message}}
                              .dump(),
                          422);
  const auto& s = std::get<store::EdexmlImportSummary>(outcome);
  // Nothing stored: the file would make many pupils leave; the client asks and sends it again.
  if (s.confirmation_needed)
    return Response::json(json{{"error", s.text() + " Stuur het bestand opnieuw met ?confirm_leavers=true om te bevestigen."},
                               {"confirmation_needed", true},
                               {"school_id", s.school_id},
                               {"school_year", s.school_year},
                               {"pupils_current", s.pupils_current},
                               {"would_leave", would_leave_json(ctx, s)}}
                              .dump(),
                          409);
  json incomplete = json::array();
  for (const auto& n : s.incomplete)
    incomplete.push_back({{"line", n.line}, {"element", n.element}, {"message", n.message}, {"text", n.text()}});
  return ok({{"school_id", s.school_id},
             {"school", s.school_name},
             {"school_year", s.school_year},
             {"school_created", s.school_created},
             {"groups_created", s.groups_created},
             {"groups_updated", s.groups_updated},
             {"pupils_created", s.pupils_created},
             {"pupils_updated", s.pupils_updated},
             {"pupils_unchanged", s.pupils_unchanged},
             {"pupils_left", s.pupils_left},
             {"teachers_created", s.teachers_created},
             {"teachers_updated", s.teachers_updated},
             {"incomplete", incomplete},
             {"summary", s.text()}});
}

Response pupil_results(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  json out = json::array();
  for (const auto& r : store::ResultRepository(ctx.app.db).results_of_pupil(id))
    out.push_back(result_json(r));
  ctx.audit_view({id}, "toetsresultaten");
  return ok(out);
}

Response import_results(Context& ctx) {
  auto file = ctx.req.files.find("file");
  if (file == ctx.req.files.end() || file->second.content.empty())
    throw HttpError{400, "Stuur het bestand als multipart-veld 'file'."};
  io::ColumnMapping mapping =
      resolve_mapping(ctx, ctx.req.field("mapping"), ctx.req.field("mapping_json"), ctx.req.field("save_as"));
  auto summary = import_results_file(ctx, file->second.content, file->second.filename, mapping,
                                     parse_decisions(ctx.req.field("decisions")));
  json body{{"created", summary.created}, {"updated", summary.updated},
            {"unchanged", summary.unchanged}, {"pupils", summary.pupils},
            {"errors", row_errors_json(summary.errors)}, {"skipped", row_errors_json(summary.skipped)},
            // The lists hold the first kShownErrors; these say how many there are in all.
            {"errors_total", summary.errors.size()}, {"skipped_total", summary.skipped.size()},
            {"errors_more", summary.errors.size() > kShownErrors ? json(more_errors_text(summary.errors.size())) : json(nullptr)},
            {"summary", summary.text()}};
  return Response::json(body.dump(), summary.errors.empty() ? 200 : 422);
}

// POST /api/v1/goals/check {"text": …, "starts_on"?: "2026-11-01", "ends_on"?: …}: the
// SMARTI findings of a goal as it is typed. Advice only; it reads and stores nothing.
Response check_goal(Context& ctx) {
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string())
    throw HttpError{400, "Verwacht {\"text\": de tekst van het doel, \"starts_on\" en \"ends_on\" van de periode (optioneel)}."};
  std::optional<domain::GoalPeriod> period;
  if (in.contains("starts_on") || in.contains("ends_on")) {
    auto date = [&](const char* field) {
      auto d = in.contains(field) && in[field].is_string() ? domain::parse_iso_date(in[field].get<std::string>())
                                                            : std::nullopt;
      if (!d) throw HttpError{400, fmt::format("{}: verwacht een datum als 2026-11-01.", field)};
      return *d;
    };
    period = domain::GoalPeriod{date("starts_on"), date("ends_on")};
  }
  json findings = json::array();
  bool all_met = true;
  for (const auto& f : domain::check_smarti(in["text"].get<std::string>(), period)) {
    findings.push_back({{"criterion", domain::smarti_key(f.criterion)},
                        {"label", domain::smarti_label(f.criterion)},
                        {"met", f.met},
                        {"hint", f.hint}});
    all_met = all_met && f.met;
  }
  return ok(json{{"findings", findings},
                 {"smarti", all_met},
                 {"summary", all_met ? json(domain::smarti_passed_text()) : json(nullptr)}});
}

}  // namespace

std::vector<Route> api_routes() {
  return {
      {"POST", "/api/v1/session", Capability::kSignedIn, login, true},
      {"DELETE", "/api/v1/session", Capability::kSignedIn, logout},
      {"GET", "/api/v1/me", Capability::kSignedIn, me},
      {"GET", "/api/v1/groups", Capability::kSignedIn, groups},
      {"GET", "/api/v1/groups/:id/pupils", Capability::kSeeGroups, group_pupils},
      {"GET", "/api/v1/pupils/:id", Capability::kSignedIn, pupil},
      {"GET", "/api/v1/pupils/:id/audit", Capability::kSeePupilAudit, pupil_audit},
      {"POST", "/api/v1/imports/edexml", Capability::kAdministerBoard, import_edexml},
      {"GET", "/api/v1/pupils/:id/results", Capability::kSignedIn, pupil_results},
      {"POST", "/api/v1/goals/check", Capability::kSeeGroups, check_goal},
      {"POST", "/api/v1/imports/results", Capability::kEnterResults, import_results},
  };
}

}  // namespace koers::web
