#include "store/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/migrations.h"

extern char** environ;

namespace koers::store {

namespace {

namespace fs = std::filesystem;

// One sqlite3 connection, closed when it goes.
class Connection {
 public:
  Connection(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "kan niet openen";
      sqlite3_close(db_);
      db_ = nullptr;
      throw BackupError(fmt::format("{}: {}", path, why));
    }
    sqlite3_extended_result_codes(db_, 1);
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  sqlite3* get() const { return db_; }

  // Runs `sql`; returns the first column of every row as text. Throws BackupError(what: …).
  std::vector<std::string> rows(const std::string& sql, const std::string& what) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw BackupError(fmt::format("{}: {}", what, sqlite3_errmsg(db_)));
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      out.emplace_back(text ? text : "");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw BackupError(fmt::format("{}: {}", what, sqlite3_errmsg(db_)));
    return out;
  }
  int code() const { return sqlite3_extended_errcode(db_); }

 private:
  sqlite3* db_ = nullptr;
};

int newest_known_version() {
  int newest = 0;
  for (const auto& m : embedded_migrations()) newest = std::max(newest, m.version);
  return newest;
}

// The checks of check_backup() on an open connection: integrity, then the schema version.
BackupSummary checked(Connection& c, const std::string& name) {
  std::vector<std::string> problems;
  try {
    problems = c.rows("PRAGMA integrity_check(20)", name);
  } catch (const BackupError&) {
    throw BackupError(fmt::format("{} is geen SQLite-database (of is beschadigd): {}", name, sqlite3_errmsg(c.get())));
  }
  if (problems.size() != 1 || problems.front() != "ok") {
    std::string list;
    for (size_t i = 0; i < problems.size() && i < 5; ++i) list += (i ? "; " : "") + problems[i];
    throw BackupError(fmt::format("{} is beschadigd (integrity_check: {}).", name, list));
  }
  std::vector<std::string> version;
  try {
    version = c.rows("SELECT MAX(version) FROM schema_migrations", name);
  } catch (const BackupError&) {
    throw BackupError(fmt::format("{} is geen Koers-database: de tabel schema_migrations ontbreekt.", name));
  }
  BackupSummary s;
  s.schema_version = version.empty() ? 0 : std::atoi(version.front().c_str());
  if (s.schema_version <= 0) throw BackupError(fmt::format("{} is geen Koers-database: er is geen migratie in vastgelegd.", name));
  if (s.schema_version > newest_known_version())
    throw BackupError(fmt::format("{} heeft schema versie {}, nieuwer dan deze Koers kent ({}): herstel het met "
                                  "de Koers-versie die het maakte.",
                                  name, s.schema_version, newest_known_version()));
  s.pages = std::atoll(c.rows("PRAGMA page_count", name).front().c_str());
  s.bytes = s.pages * std::atoll(c.rows("PRAGMA page_size", name).front().c_str());
  return s;
}

// Copies `from` into `to` in one step (one read transaction on `from`, one write transaction
// on `to`), waiting while either is busy for at most `patience`.
void copy_database(Connection& from, Connection& to, std::chrono::seconds patience, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!b) throw BackupError(fmt::format("{}: {}", what, sqlite3_errmsg(to.get())));
  const auto give_up = std::chrono::steady_clock::now() + patience;
  int rc;
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK) {
    if (std::chrono::steady_clock::now() > give_up) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw BackupError(fmt::format("{}: {}", what, rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                                                     ? "de database bleef bezet; probeer het opnieuw"
                                                     : sqlite3_errstr(rc)));
}

void sync_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

}  // namespace

std::string sqlite_path(const std::string& db_url) {
  return db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
}

BackupSummary backup_sqlite(const std::string& db_path, const std::string& file) {
  if (!fs::exists(db_path)) throw BackupError(fmt::format("De database {} bestaat niet.", db_path));
  if (fs::exists(file) && fs::equivalent(db_path, file))
    throw BackupError("De kopie kan niet de database zelf zijn: kies een ander bestand.");
  const fs::path target(file);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string partial = file + ".onvolledig";
  fs::remove(partial);
  BackupSummary summary;
  try {
    {
      Connection source(db_path, SQLITE_OPEN_READWRITE);  // never writes; a WAL reader needs the -shm
      sqlite3_busy_timeout(source.get(), 30000);
      Connection copy(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      copy_database(source, copy, std::chrono::seconds(60), db_path);
      // One self-contained file: no -wal beside it.
      copy.rows("PRAGMA journal_mode=DELETE", partial);
      summary = checked(copy, "De kopie");
    }
    sync_file(partial);
    fs::rename(partial, file);
    sync_file(target.has_parent_path() ? target.parent_path().string() : ".");
  } catch (...) {
    std::error_code ignore;
    fs::remove(partial, ignore);
    throw;
  }
  return summary;
}

BackupSummary check_backup(const std::string& file) {
  if (!fs::is_regular_file(file)) throw BackupError(fmt::format("De kopie {} bestaat niet.", file));
  Connection c(file, SQLITE_OPEN_READONLY);
  return checked(c, file);
}

bool sqlite_in_use(const std::string& db_path) {
  if (!fs::exists(db_path)) return false;
  // Every connection to a WAL database holds a shared lock on it while open; an exclusive
  // lock (locking_mode=EXCLUSIVE takes one at the first read) is granted only when no one does.
  Connection c(db_path, SQLITE_OPEN_READWRITE);
  sqlite3_busy_timeout(c.get(), 0);
  try {
    c.rows("PRAGMA locking_mode=EXCLUSIVE", db_path);
    c.rows("BEGIN EXCLUSIVE", db_path);
    c.rows("ROLLBACK", db_path);
  } catch (const BackupError&) {
    const int code = c.code() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return true;
    throw;
  }
  return false;
}

BackupSummary restore_sqlite(const std::string& file, const std::string& db_path, bool force) {
  BackupSummary summary = check_backup(file);
  if (fs::exists(db_path) && fs::equivalent(db_path, file))
    throw BackupError("De kopie en de database zijn hetzelfde bestand.");
  const fs::path target(db_path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  Connection source(file, SQLITE_OPEN_READONLY);
  Connection dest(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!force) {
    // Held until the restore is done: no one opens the database in between.
    sqlite3_busy_timeout(dest.get(), 0);
    try {
      dest.rows("PRAGMA locking_mode=EXCLUSIVE", db_path);
      dest.rows("BEGIN EXCLUSIVE", db_path);
      dest.rows("COMMIT", db_path);
    } catch (const BackupError&) {
      const int code = dest.code() & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        throw BackupError(fmt::format("De database {} is in gebruik (draait koers serve nog?). Stop Koers eerst, "
                                      "of herstel toch met --force. Er is niets veranderd.",
                                      db_path));
      throw;
    }
  } else {
    sqlite3_busy_timeout(dest.get(), 30000);
  }
  // One write transaction on the target: it holds the old data or all of the copy.
  copy_database(source, dest, std::chrono::seconds(60), db_path);
  return summary;
}

std::string postgres_backup_command(const std::string& db_url, const std::string& file) {
  return fmt::format("pg_dump --format=custom --file={} --dbname={}", quoted(file), quoted(db_url));
}

std::string postgres_restore_command(const std::string& db_url, const std::string& file) {
  return fmt::format("pg_restore --exit-on-error --single-transaction --no-owner --dbname={} {}", quoted(db_url),
                     quoted(file));
}

void backup_postgres(const std::string& db_url, const std::string& file) {
  const fs::path target(file);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string partial = file + ".onvolledig";
  std::vector<std::string> args = {"pg_dump", "--format=custom", "--file=" + partial, "--dbname=" + db_url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ);
  if (spawned != 0)
    throw BackupError(fmt::format("pg_dump kan niet starten ({}); installeer postgresql-client, of maak de kopie "
                                  "zelf met: {}",
                                  std::strerror(spawned), postgres_backup_command(db_url, file)));
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::error_code ignore;
    fs::remove(partial, ignore);
    throw BackupError(fmt::format("pg_dump is mislukt (zie de melding hierboven); er is geen kopie gemaakt."));
  }
  sync_file(partial);
  fs::rename(partial, file);
}

}  // namespace koers::store
