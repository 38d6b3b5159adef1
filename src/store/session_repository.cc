#include "store/session_repository.h"

#include <algorithm>
#include <ctime>

#include "common/crypto.h"

namespace koers::store {

namespace {
TimePoint parse_utc(const std::string& iso) {
  std::tm tm{};
  if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return TimePoint{};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}
}  // namespace

NewSession SessionRepository::create(domain::Id account_id, TimePoint now) {
  NewSession s{random_token(), random_token()};
  std::string hash = sha256_hex(s.token), at = iso_utc(now),
              expires = iso_utc(now + limits_.absolute);
  db_.write_outside_dossier([&](soci::session& sql) {
    sql << "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, "
           "expires_at) VALUES (:h, :a, :c, :n, :n2, :e)",
        soci::use(hash), soci::use(account_id), soci::use(s.csrf), soci::use(at), soci::use(at),
        soci::use(expires);
  });
  return s;
}

std::optional<ActiveSession> SessionRepository::touch(const std::string& token, TimePoint now) {
  if (token.size() != 64) return std::nullopt;
  std::string hash = sha256_hex(token);
  ActiveSession s;
  std::string last_seen, expires;
  bool found = false;
  db_.read([&](soci::session& sql) {
    db_.each_row(
        sql, "SELECT account_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = :h",
        [&](const soci::row& r) {
          s.account_id = row_integer(r, 0);
          s.csrf = r.get<std::string>(1);
          last_seen = r.get<std::string>(2);
          expires = r.get<std::string>(3);
          found = true;
        },
        hash);
  });
  if (!found) return std::nullopt;
  if (parse_utc(expires) <= now || parse_utc(last_seen) + limits_.idle <= now) {
    remove(token);
    return std::nullopt;
  }
  std::string at = iso_utc(now);
  if (at != last_seen) {
    db_.write_outside_dossier([&](soci::session& sql) {
      db_.run(sql, "UPDATE sessions SET last_seen_at = :n WHERE token_hash = :h", at, hash);
    });
  }
  return s;
}

void SessionRepository::remove(const std::string& token) {
  std::string hash = sha256_hex(token);
  db_.write_outside_dossier([&](soci::session& sql) {
    sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
  });
}

long long SessionRepository::seconds_blocked(const std::string& key, TimePoint now) {
  std::string until;
  bool found = db_.read([&](soci::session& sql) {
    sql << "SELECT blocked_until FROM login_throttle WHERE throttle_key = :k", soci::use(key),
        soci::into(until);
    return sql.got_data();
  });
  if (!found || until.empty()) return 0;
  // Stored to the second: round up so a wait is never reported shorter than it is.
  auto left = std::chrono::ceil<std::chrono::seconds>(parse_utc(until) - now).count();
  return std::max<long long>(0, left);
}

void SessionRepository::record_failure(const std::string& key, TimePoint now, int free_failures) {
  db_.write_outside_dossier([&](soci::session& sql) {
    int failures = 0;
    std::string last;
    sql << std::string("SELECT failures, last_failure_at FROM login_throttle WHERE throttle_key = :k") +
               for_update(db_.engine()),
        soci::use(key), soci::into(failures), soci::into(last);
    bool exists = sql.got_data();
    if (exists && parse_utc(last) + kForgetAfter <= now) failures = 0;
    ++failures;
    std::string until;
    if (failures >= free_failures) {
      int doublings = std::min(failures - free_failures, 5);
      auto wait = std::min<std::chrono::seconds>(std::chrono::seconds(30 << doublings),
                                                 std::chrono::minutes(15));
      until = iso_utc(now + wait);
    }
    std::string at = iso_utc(now), stale = iso_utc(now - kForgetAfter);
    // Forgotten keys go, so the table holds only recent trouble.
    sql << "DELETE FROM login_throttle WHERE last_failure_at < :o AND throttle_key <> :k", soci::use(stale),
        soci::use(key);
    if (exists)
      sql << "UPDATE login_throttle SET failures = :f, last_failure_at = :a, blocked_until = :u "
             "WHERE throttle_key = :k",
          soci::use(failures), soci::use(at), soci::use(until), soci::use(key);
    else
      sql << "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
             "VALUES (:k, :f, :a, :u)",
          soci::use(key), soci::use(failures), soci::use(at), soci::use(until);
  });
}

void SessionRepository::clear_failures(const std::string& key) {
  db_.write_outside_dossier([&](soci::session& sql) {
    sql << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(key);
  });
}

}  // namespace koers::store
