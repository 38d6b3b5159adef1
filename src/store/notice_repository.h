// Notices shown once after a redirect, kept on the server.
//
// Contract: put() stores a text for one account and returns a random key (64 hex digits) for
// the redirect's URL; take() gives the text back once, only to that account and only within
// kLifetime, and then forgets it. A key that is unknown, used, expired or another account's
// gives nothing. Expired notices are deleted as new ones are made.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/clock.h"
#include "domain/school.h"
#include "store/database.h"

namespace koers::store {

class NoticeRepository {
 public:
  static constexpr std::chrono::minutes kLifetime{15};

  explicit NoticeRepository(Database& db) : db_(db) {}

  std::string put(domain::Id account_id, const std::string& text, TimePoint now);
  std::optional<std::string> take(domain::Id account_id, const std::string& key, TimePoint now);

 private:
  Database& db_;
};

}  // namespace koers::store
