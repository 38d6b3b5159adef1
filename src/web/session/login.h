// Checking a user name, password and (when the account has it on) the second factor, with
// the brake on guessing; shared by the login page and POST /api/v1/session.
//
// The brake, so that a stranger cannot lock an owner out: failures count per user name and
// source address (5 free; only for user names that exist, so unknown names make no rows),
// per source address over all names (kFreeFailuresPerAddress free: one password sprayed over
// many names), and wrong second factors per account (5 free; only someone who knows the
// password can add to it). A blocked owner with two-factor on still gets in when password and
// code are both right (then only the wrong-code brake applies).
#pragma once

#include <optional>
#include <string>

#include "web/app.h"

namespace koers::web {

inline constexpr int kFreeFailuresPerAddress = 20;

struct LoginOutcome {
  enum class Kind {
    kOk,
    kWrong,        // user name or password wrong (or the account may not sign in)
    kBlocked,      // wait_seconds
    kNeedCode,     // password right, the account has two-factor on: ask for the code
    kWrongCode,    // password right, code wrong
    kDeactivated,  // password right, the account is gedeactiveerd
  } kind = Kind::kWrong;
  long long wait_seconds = 0;
  store::NewSession session;
  std::optional<store::Account> account;
};

// Verifies the password (argon2id) and the code, refuses while braked, records the attempt in
// the audit trail and, on success, starts a session. `source` is the client's address.
LoginOutcome attempt_login(App& app, const std::string& username, const std::string& password,
                           const std::string& code, const std::string& source);

// Ends the session of this request, if any, and records the logout.
void end_session(Context& ctx);

}  // namespace koers::web
