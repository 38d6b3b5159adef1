#include "web/session/login.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/crypto.h"

namespace koers::web {

namespace {
domain::Principal attempt_principal(const std::string& username, const store::Account* account,
                                    const std::string& address) {
  domain::Principal p;
  p.username = username;
  if (account) {
    p.account_id = account->id;
    p.role = account->role;
    p.school_id = account->school_id;
    p.board_id = account->board_id;
  }
  p.address = address;
  return p;
}
}  // namespace

LoginOutcome attempt_login(App& app, const std::string& raw_username, const std::string& password,
                           const std::string& code, const std::string& source) {
  std::string username = raw_username;
  std::transform(username.begin(), username.end(), username.begin(), ::tolower);
  username.erase(0, username.find_first_not_of(' '));
  username.erase(username.find_last_not_of(' ') + 1);
  const std::string address = source.empty() ? "onbekend" : source;
  const std::string ip_key = "ip:" + address, user_key = "user:" + username + "@" + address,
                    code_key = "code:" + username;
  const auto now = std::chrono::system_clock::now();

  LoginOutcome out;
  auto account = app.accounts.find_by_username(username);
  const bool code_route = account && account->totp_enabled && !code.empty();
  const long long code_wait = account && account->totp_enabled ? app.sessions.seconds_blocked(code_key, now) : 0;
  long long wait = std::max(app.sessions.seconds_blocked(ip_key, now),
                            account ? app.sessions.seconds_blocked(user_key, now) : 0);
  // The owner with a second factor is not held up by what strangers did from this address.
  if (code_route) wait = 0;
  wait = std::max(wait, code_wait);
  if (wait > 0) {
    // One line per refusal: the brake itself writes nothing else that shows who tried.
    app.audit.record({store::audit_entry(attempt_principal(username, account ? &*account : nullptr, source),
                                         domain::AuditAction::kLoginBlocked, "inloggen", 0,
                                         fmt::format("nog {} seconden wachten, vanaf {}", wait, address))});
    out.kind = LoginOutcome::Kind::kBlocked;
    out.wait_seconds = wait;
    return out;
  }
  // Hash even for an unknown user, so the answer takes as long either way.
  static const std::string dummy = hash_password("koers-timing-dummy");
  const bool password_ok = verify_password(password, account ? account->password_hash : dummy) && account;
  domain::Principal who = attempt_principal(username, account ? &*account : nullptr, source);
  auto fail = [&](LoginOutcome::Kind kind, const std::string& detail) {
    app.audit.record({store::audit_entry(who, domain::AuditAction::kLoginFailed, "inloggen", 0, detail)});
    out.kind = kind;
    return out;
  };
  if (!password_ok) {
    app.sessions.record_failure(ip_key, now, kFreeFailuresPerAddress);
    if (account) app.sessions.record_failure(user_key, now);
    return fail(LoginOutcome::Kind::kWrong, "vanaf " + address);
  }
  if (!account->active) return fail(LoginOutcome::Kind::kDeactivated, "account gedeactiveerd");
  if (account->totp_enabled) {
    if (code.empty()) {
      out.kind = LoginOutcome::Kind::kNeedCode;
      return out;
    }
    if (!app.accounts.check_second_factor(*account, code, now)) {
      app.sessions.record_failure(code_key, now);
      app.sessions.record_failure(ip_key, now, kFreeFailuresPerAddress);
      return fail(LoginOutcome::Kind::kWrongCode, "verkeerde code van de tweede stap, vanaf " + address);
    }
  }
  app.sessions.clear_failures(user_key);
  app.sessions.clear_failures(code_key);
  app.accounts.record_login(account->id, now);
  out.kind = LoginOutcome::Kind::kOk;
  out.session = app.sessions.create(account->id, now);
  out.account = account;
  app.audit.record({store::audit_entry(who, domain::AuditAction::kLogin, "inloggen", 0,
                                       account->totp_enabled ? "met tweede stap" : "")});
  return out;
}

void end_session(Context& ctx) {
  std::string token = ctx.req.cookie(App::kSessionCookie);
  if (!token.empty()) ctx.app.sessions.remove(token);
  ctx.app.audit.record({store::audit_entry(ctx.who, domain::AuditAction::kLogout, "uitloggen")});
}

}  // namespace koers::web
