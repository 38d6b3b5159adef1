// Login sessions and the brake on password guessing.
//
// Contract: the session token itself is never stored, only its SHA-256; a session ends
// after `idle` without requests or `absolute` after login, whichever comes first, and is
// then deleted. The brake: after `free` failed attempts under one key (kFreeFailures unless
// told) the next ones are refused for a doubling wait (30 s, 60 s, … up to 15 min); a key
// whose last failure is kForgetAfter old starts again at zero. Which keys are braked is the
// login's business (web/session/login.h); only keys it records make rows.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/clock.h"
#include "domain/school.h"
#include "store/database.h"

namespace koers::store {

struct SessionLimits {
  std::chrono::seconds idle{std::chrono::minutes(30)};
  std::chrono::seconds absolute{std::chrono::hours(12)};
};

struct NewSession {
  std::string token;  // goes into the cookie
  std::string csrf;   // goes into every form and state-changing API call
};

struct ActiveSession {
  domain::Id account_id = 0;
  std::string csrf;
};

class SessionRepository {
 public:
  static constexpr int kFreeFailures = 5;
  static constexpr std::chrono::hours kForgetAfter{1};

  SessionRepository(Database& db, SessionLimits limits) : db_(db), limits_(limits) {}

  NewSession create(domain::Id account_id, TimePoint now);
  // The live session for a token, its idle clock reset; nullopt (and deleted) if expired.
  std::optional<ActiveSession> touch(const std::string& token, TimePoint now);
  void remove(const std::string& token);

  // Seconds the caller must wait before trying this key again (0: go ahead).
  long long seconds_blocked(const std::string& key, TimePoint now);
  void record_failure(const std::string& key, TimePoint now, int free_failures = kFreeFailures);
  void clear_failures(const std::string& key);

 private:
  Database& db_;
  SessionLimits limits_;
};

}  // namespace koers::store
