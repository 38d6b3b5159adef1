// The audit trail: every read or change of a pupil's data, and every login.
//
// Contract: append() runs inside the caller's transaction, so an audited change and
// its audit line commit or roll back together. Lines are never updated or deleted;
// each carries the hash of the one before, and verify() finds a broken chain. A view of
// several pupils is one line naming the set of its pupils, stored once for every line with
// the same pupils (audit_pupil_sets; covered by each line's hash); the trail of one pupil is
// the lines naming them alone or naming a set that holds them.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/audit.h"
#include "domain/date.h"
#include "store/database.h"

namespace koers::store {

// Which lines to read, newest first. Zero / empty fields do not filter.
struct AuditQuery {
  domain::Id pupil_id = 0;   // lines about this pupil (also views of a group they were in)
  domain::Id school_id = 0;
  domain::Id account_id = 0;  // by this person
  std::vector<std::string> actions;  // action keys, e.g. domain::AuditKind::actions
  std::optional<domain::Date> from, to;  // days (UTC), both inclusive
  int limit = 500;
};

// Someone who appears in a trail, for the filter on person.
struct AuditPerson {
  domain::Id account_id = 0;
  std::string username;
  std::string name;  // the account's display name; the login name when the account is gone
};

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

  // The lines the query selects, newest first, with their pupils and the account's name.
  std::vector<domain::AuditEntry> find(const AuditQuery& query);
  std::vector<domain::AuditEntry> find(soci::session& sql, const AuditQuery& query);  // inside the caller's read
  // The lines about one pupil, newest first.
  std::vector<domain::AuditEntry> for_pupil(domain::Id pupil_id, int limit = 500);
  // Everyone with a line about this pupil, by name.
  std::vector<AuditPerson> people_of_pupil(domain::Id pupil_id);
  // Lines of one account (login, logout), newest first.
  std::vector<domain::AuditEntry> for_account(domain::Id account_id, int limit = 100);
  long long count();

  // Recomputes the chain, pupil lists included; returns the seq of the first line that does
  // not match (altered, removed, or with pupils added or taken away), if any.
  std::optional<long long> verify();

 private:
  Database& db_;
};

// An entry stamped with who does it, ready to be completed by the caller.
domain::AuditEntry audit_entry(const domain::Principal& who, domain::AuditAction action,
                               std::string object, domain::Id pupil_id = 0,
                               std::string detail = "");
// One entry for what was shown of these pupils together (a group page): one line, not one
// per pupil. With a single pupil it is that pupil's line as audit_entry makes it.
domain::AuditEntry audit_view_entry(const domain::Principal& who, std::string object,
                                    std::vector<domain::Id> pupil_ids, std::string detail = "");

}  // namespace koers::store
