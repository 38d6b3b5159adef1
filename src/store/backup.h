// Keeping the data: a consistent copy of a SQLite database while Koers runs, and putting such
// a copy back. backup_sqlite() copies through SQLite's online backup API in one read
// transaction (a snapshot; writers go on), checks the copy and only then moves it to its name.
// restore_sqlite() checks a copy (integrity, a Koers schema this binary knows) before it
// touches the target, refuses a target another process has open unless forced, and writes it
// in one transaction: the target holds the old data or the restored data, never a mix.
// PostgreSQL is kept with pg_dump/pg_restore (postgres_backup_command / _restore_command).
#pragma once

#include <stdexcept>
#include <string>

namespace koers::store {

// A refusal with the reason in Dutch; nothing was written.
struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BackupSummary {
  int schema_version = 0;
  long long pages = 0;
  long long bytes = 0;
};

// The SQLite file of a --db argument ("sqlite:x.db" or "x.db").
std::string sqlite_path(const std::string& db_url);

// Copies the database at `db_path` (which may be in use) to `file`: written beside it under a
// temporary name, checked (PRAGMA integrity_check), synced, then renamed over `file`.
BackupSummary backup_sqlite(const std::string& db_path, const std::string& file);

// What a copy holds, checked: integrity_check ok and a schema_migrations table whose newest
// version this binary knows. Throws BackupError naming the problem.
BackupSummary check_backup(const std::string& file);

// Whether another connection (any process) has the SQLite database at `db_path` open.
bool sqlite_in_use(const std::string& db_path);

// Puts the copy `file` in place of the database at `db_path` (created when absent). Refuses
// (BackupError) a copy that check_backup() refuses, and a target that is in use unless `force`.
BackupSummary restore_sqlite(const std::string& file, const std::string& db_path, bool force);

// The commands an administrator runs for PostgreSQL (a shell line; the URL quoted).
std::string postgres_backup_command(const std::string& db_url, const std::string& file);
std::string postgres_restore_command(const std::string& db_url, const std::string& file);

// Runs pg_dump -Fc for `db_url` into `file` (written beside it, renamed when pg_dump
// succeeded). Throws BackupError with pg_dump's message when it fails or is missing.
void backup_postgres(const std::string& db_url, const std::string& file);

}  // namespace koers::store
