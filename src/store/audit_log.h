// The audit trail: every read or change of a pupil's data, and every login.
//
// Contract: append() runs inside the caller's transaction, so an audited change and
// its audit line commit or roll back together. Lines are never updated or deleted;
// each carries the hash of the one before, and verify() finds a broken chain.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <vector>

#include "domain/access_policy.h"
#include "domain/audit.h"
#include "store/database.h"

namespace koers::store {

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends entries in the given order, each chained to the previous; fills at, seq and hashes.
  void append(soci::session& sql, std::vector<domain::AuditEntry> entries);
  void append(soci::session& sql, domain::AuditEntry entry) {
    append(sql, std::vector<domain::AuditEntry>{std::move(entry)});
  }
  // Appends in a transaction of its own (for reads, which have none).
  void record(std::vector<domain::AuditEntry> entries);

  // The lines about one pupil, newest first.
  std::vector<domain::AuditEntry> for_pupil(domain::Id pupil_id, int limit = 500);
  // Lines of one account (login, logout), newest first.
  std::vector<domain::AuditEntry> for_account(domain::Id account_id, int limit = 100);
  long long count();

  // Recomputes the chain; returns the seq of the first line that does not match, if any.
  std::optional<long long> verify();

 private:
  Database& db_;
};

// An entry stamped with who does it, ready to be completed by the caller.
domain::AuditEntry audit_entry(const domain::Principal& who, domain::AuditAction action,
                               std::string object, domain::Id pupil_id = 0,
                               std::string detail = "");

}  // namespace koers::store
