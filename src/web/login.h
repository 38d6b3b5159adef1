// Checking a user name and password, with the brake on guessing; shared by the login
// page and POST /api/v1/session.
#pragma once

#include <optional>
#include <string>

#include "web/app.h"

namespace koers::web {

struct LoginOutcome {
  enum class Kind { kOk, kWrong, kBlocked } kind = Kind::kWrong;
  long long wait_seconds = 0;
  store::NewSession session;
  std::optional<store::Account> account;
};

// Verifies the password (argon2id), refuses while the user name is blocked, records the
// attempt in the audit trail and, on success, starts a session.
LoginOutcome attempt_login(App& app, const std::string& username, const std::string& password);

// Ends the session of this request, if any, and records the logout.
void end_session(Context& ctx);

}  // namespace koers::web
