// The session in the JSON API: POST /api/v1/session logs in (JSON only), DELETE logs out,
// GET /api/v1/me says who is signed in, with the CSRF token the other API calls need.
#include "web/app.h"
#include "web/session/login.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

json me_json(Context& ctx) {
  json school = nullptr;
  if (ctx.who.school_id)
    if (auto s = ctx.app.schools.find_school(ctx.who.school_id)) school = {{"id", s->id}, {"name", s->name}};
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
  if (in.is_discarded() || !in.is_object() || !in.contains("username") || !in.contains("password") ||
      !in["username"].is_string() || !in["password"].is_string())
    throw HttpError{400, "Verwacht {\"username\": tekst, \"password\": tekst}."};
  std::string code = in.contains("code") && in["code"].is_string() ? in["code"].get<std::string>() : "";
  LoginOutcome out = attempt_login(ctx.app, in["username"], in["password"], code, ctx.req.remote_ip);
  if (out.kind == LoginOutcome::Kind::kBlocked)
    return Response::json(
               json{{"error", "Te veel mislukte pogingen."}, {"retry_after_seconds", out.wait_seconds}}.dump(), 429)
        .header("Retry-After", std::to_string(out.wait_seconds));
  if (out.kind == LoginOutcome::Kind::kWrong) throw HttpError{401, "Gebruikersnaam of wachtwoord klopt niet."};
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
  Response r = Response::json(me_json(ctx).dump());
  r.header("Set-Cookie", ctx.app.session_cookie(out.session.token));
  return r;
}

Response logout(Context& ctx) {
  end_session(ctx);
  return Response::json(json{{"status", "uitgelogd"}}.dump()).header("Set-Cookie", ctx.app.cleared_session_cookie());
}

Response me(Context& ctx) { return Response::json(me_json(ctx).dump()); }

}  // namespace

std::vector<Route> session_api_routes() {
  return {
      {"POST", "/api/v1/session", Capability::kSignedIn, login, true},
      {"DELETE", "/api/v1/session", Capability::kSignedIn, logout},
      {"GET", "/api/v1/me", Capability::kSignedIn, me},
  };
}

}  // namespace koers::web
