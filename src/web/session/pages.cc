// The login page, logout, the start page per role and the health check.
#include <fmt/format.h>

#include "common/crypto.h"
#include "web/app.h"
#include "web/session/login.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

constexpr const char* kLoginCsrfCookie = "koers_login_csrf";

// Only local paths, so a crafted link cannot send someone elsewhere after login.
std::string safe_return_path(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.rfind("//", 0) == 0 || path.find('\\') != std::string::npos)
    return "";
  return path;
}

Response login_form(Context& ctx, const std::string& error, const std::string& username,
                    int status = 200, bool need_code = false) {
  std::string token = ctx.req.cookie(kLoginCsrfCookie);
  if (token.size() != 64) token = random_token();
  json model{{"error", error},
             {"username", username},
             {"login_csrf", token},
             {"terug", safe_return_path(ctx.req.query.count("terug") ? ctx.req.query.at("terug")
                                                                     : ctx.req.field("terug"))},
             {"logged_out", ctx.req.query.count("uitgelogd") > 0},
             {"activated", ctx.req.query.count("geactiveerd") > 0},
             {"need_code", need_code},
             {"expired", ctx.req.query.count("verlopen") > 0}};
  json layout{{"title", "Inloggen"},
              {"content", ctx.app.views.render("login", model)},
              {"signed_in", false}};
  Response r = Response::html(ctx.app.views.render("layout", layout), status);
  r.header("Set-Cookie", fmt::format("{}={}; Path=/inloggen; HttpOnly; SameSite=Strict{}",
                                     kLoginCsrfCookie, token,
                                     ctx.app.options.secure_cookies ? "; Secure" : ""));
  return r;
}

Response show_login(Context& ctx) {
  if (ctx.who.account_id) return Response::redirect(home_path(ctx.who.role));
  return login_form(ctx, "", "");
}

Response submit_login(Context& ctx) {
  const std::string username = ctx.req.field("username");
  const std::string cookie = ctx.req.cookie(kLoginCsrfCookie);
  if (cookie.size() != 64 || cookie != ctx.req.field("_csrf"))
    return login_form(ctx, "Het formulier was verlopen. Probeer het nog eens.", username, 403);
  LoginOutcome out = attempt_login(ctx.app, username, ctx.req.field("password"), ctx.req.field("code"),
                                   ctx.req.remote_ip);
  switch (out.kind) {
    case LoginOutcome::Kind::kBlocked:
      return login_form(ctx,
                        fmt::format("Te vaak een verkeerd wachtwoord of een verkeerde code. Probeer het over {} "
                                    "seconden opnieuw.",
                                    out.wait_seconds),
                        username, 429)
          .header("Retry-After", std::to_string(out.wait_seconds));
    case LoginOutcome::Kind::kWrong:
      return login_form(ctx, "Gebruikersnaam of wachtwoord klopt niet.", username, 401);
    case LoginOutcome::Kind::kDeactivated:
      return login_form(ctx, "Dit account is gedeactiveerd. Vraag de intern begeleider of de beheerder.", username, 403);
    case LoginOutcome::Kind::kNeedCode:
      return login_form(ctx,
                        "Voor dit account is ook de code uit uw authenticator-app nodig. Typ uw wachtwoord "
                        "opnieuw en de zes cijfers die de app nu toont (of een herstelcode).",
                        username, 401, true);
    case LoginOutcome::Kind::kWrongCode:
      return login_form(ctx, "De code klopt niet. Typ uw wachtwoord opnieuw en de code die de app nu toont.",
                        username, 401, true);
    case LoginOutcome::Kind::kOk:
      break;
  }
  std::string next = safe_return_path(ctx.req.field("terug"));
  Response r = Response::redirect(next.empty() ? home_path(out.account->role) : next);
  r.header("Set-Cookie", ctx.app.session_cookie(out.session.token));
  return r;
}

Response logout(Context& ctx) {
  end_session(ctx);
  Response r = Response::redirect("/inloggen?uitgelogd=1");
  r.header("Set-Cookie", ctx.app.cleared_session_cookie());
  return r;
}

Response home(Context& ctx) { return Response::redirect(home_path(ctx.who.role)); }

Response health(Context& ctx) {
  json body{{"status", "ok"},
            {"database", ctx.app.db.engine_name()},
            {"schema_version", ctx.app.db.schema_version()}};
  return Response::json(body.dump());
}

}  // namespace

std::vector<Route> session_routes() {
  return {
      {"GET", "/inloggen", Capability::kSignedIn, show_login, true},
      {"POST", "/inloggen", Capability::kSignedIn, submit_login, true},
      {"POST", "/uitloggen", Capability::kSignedIn, logout},
      {"GET", "/", Capability::kSignedIn, home},
      {"GET", "/healthz", Capability::kSignedIn, health, true},
  };
}

}  // namespace koers::web
