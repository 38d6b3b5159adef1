// The key that seals the secrets Koers keeps in its database (a school's SMTP password, see
// common/secret_box.h). It lives outside the database, so a backup or dump of the database
// alone does not give the passwords away: a file of 64 hex characters, made with mode 0600
// at first use. SQLite: beside the database file ("koers.db.key"); PostgreSQL: the file given
// with `koers serve --secret-key-file` (every instance on one database needs the same file).
// Losing the file means entering the passwords again, nothing else.
#pragma once

#include <mutex>
#include <stdexcept>
#include <string>

namespace koers::store {

// A Dutch message: the key cannot be read or made.
struct SecretKeyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SecretKeyFile {
 public:
  explicit SecretKeyFile(std::string path = "") : path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  // The 32-byte key. Absent file: made when `create`, else SecretKeyError (as for an empty
  // path, an unreadable or malformed file). Thread-safe; read once.
  std::string key(bool create);

 private:
  std::string path_;
  std::mutex mutex_;
  std::string key_;
};

// Where the key goes when no --secret-key-file is given: "<file>.key" beside a SQLite
// database; "" (none) for PostgreSQL.
std::string default_secret_key_path(const std::string& db_url);

}  // namespace koers::store
