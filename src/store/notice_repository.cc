#include "store/notice_repository.h"

#include "common/crypto.h"

namespace koers::store {

std::string NoticeRepository::put(domain::Id account_id, const std::string& text, TimePoint now) {
  const std::string key = random_token(), at = iso_utc(now), expired = iso_utc(now - kLifetime);
  db_.write([&](soci::session& sql) {
    sql << "DELETE FROM notices WHERE created_at < :e", soci::use(expired);
    sql << "INSERT INTO notices (notice_key, account_id, text, created_at) VALUES (:k, :a, :t, :n)",
        soci::use(key), soci::use(account_id), soci::use(text), soci::use(at);
  });
  return key;
}

std::optional<std::string> NoticeRepository::take(domain::Id account_id, const std::string& key,
                                                  TimePoint now) {
  if (key.size() != 64 || key.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  const std::string fresh_since = iso_utc(now - kLifetime);
  return db_.write([&](soci::session& sql) -> std::optional<std::string> {
    std::string text;
    sql << "SELECT text FROM notices WHERE notice_key = :k AND account_id = :a AND created_at >= :f",
        soci::use(key), soci::use(account_id), soci::use(fresh_since), soci::into(text);
    if (!sql.got_data()) return std::nullopt;
    sql << "DELETE FROM notices WHERE notice_key = :k", soci::use(key);
    return text;
  });
}

}  // namespace koers::store
