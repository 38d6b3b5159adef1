#include "web/login.h"

#include <algorithm>

#include "common/crypto.h"

namespace koers::web {

namespace {
domain::Principal attempt_principal(const std::string& username, const store::Account* account) {
  domain::Principal p;
  p.username = username;
  if (account) {
    p.account_id = account->id;
    p.role = account->role;
    p.school_id = account->school_id;
    p.board_id = account->board_id;
  }
  return p;
}
}  // namespace

LoginOutcome attempt_login(App& app, const std::string& raw_username, const std::string& password) {
  std::string username = raw_username;
  std::transform(username.begin(), username.end(), username.begin(), ::tolower);
  username.erase(0, username.find_first_not_of(' '));
  username.erase(username.find_last_not_of(' ') + 1);
  const std::string key = "user:" + username;
  const auto now = std::chrono::system_clock::now();

  LoginOutcome out;
  if (long long wait = app.sessions.seconds_blocked(key, now); wait > 0) {
    out.kind = LoginOutcome::Kind::kBlocked;
    out.wait_seconds = wait;
    return out;
  }
  auto account = app.accounts.find_by_username(username);
  // Hash even for an unknown user, so the answer takes as long either way.
  static const std::string dummy = hash_password("koers-timing-dummy");
  bool ok = verify_password(password, account ? account->password_hash : dummy) && account &&
            account->active;
  domain::Principal who = attempt_principal(username, account ? &*account : nullptr);
  if (!ok) {
    app.sessions.record_failure(key, now);
    app.audit.record({store::audit_entry(who, domain::AuditAction::kLoginFailed, "inloggen")});
    out.kind = LoginOutcome::Kind::kWrong;
    return out;
  }
  app.sessions.clear_failures(key);
  out.kind = LoginOutcome::Kind::kOk;
  out.session = app.sessions.create(account->id, now);
  out.account = account;
  app.audit.record({store::audit_entry(who, domain::AuditAction::kLogin, "inloggen")});
  return out;
}

void end_session(Context& ctx) {
  std::string token = ctx.req.cookie(App::kSessionCookie);
  if (!token.empty()) ctx.app.sessions.remove(token);
  ctx.app.audit.record({store::audit_entry(ctx.who, domain::AuditAction::kLogout, "uitloggen")});
}

}  // namespace koers::web
