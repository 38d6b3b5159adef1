// The audit trail: every read or change of a pupil's data, and every login.
//
// Contract: append() runs inside the caller's transaction, so an audited change and
// its audit line commit or roll back together. Lines are never updated or deleted;
// each carries the hash of the one before, and verify() finds a broken chain. A view of
// several pupils is one line naming the set of its pupils, stored once for every line with
// the same pupils (audit_pupil_sets; covered by each line's hash); the trail of one pupil is
// the lines naming them alone or naming a set that holds them.
//
// Keyed chain: with a key set on the Database (Database::set_audit_key, the key file outside
// the database, store/secret_key.h) every line's hash is an HMAC-SHA-256, so whoever can write
// the database but lacks the key cannot rewrite a line and recompute the chain. The first line
// written with a key records the switch (action chain_keyed, its seq in audit_head.keyed_from);
// the lines before it keep their SHA-256 and keep verifying. A chain once keyed takes no line
// from a process without the key (append throws AuditKeyMissing).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
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
  domain::Id board_id = 0;    // lines of the board's schools and lines of no school (logins)
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

// The chain is keyed but this process has no key: it may not write or check keyed lines.
struct AuditKeyMissing : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What verify found, for the command line and the privacy officer's page.
struct AuditCheck {
  long long lines = 0;                  // lines checked
  std::optional<long long> broken_at;   // the seq of the first line that does not check
  std::optional<long long> keyed_from;  // lines from this seq on are keyed
  bool key_present = false;             // a key was there to check keyed lines with
  long long forgotten = 0;              // lines whose pupil was forgotten (checked by their seal)
  long long head_seq = 0;
  std::string head_hash;
  bool ok() const { return !broken_at && (!keyed_from || key_present); }
  // In words a privacy officer reads: all right, or where and what is wrong.
  std::string words() const;
};

// The chain's last line, to be written down elsewhere every day: a later rewrite of history
// changes the hash at that seq.
struct AuditHead {
  long long seq = 0;
  std::string hash;
  std::string at;  // the time of that line (UTC); "" for an empty trail
  bool keyed = false;
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
  // The same, with what was checked; AuditCheck::ok() is false also when the chain is keyed
  // and this process has no key.
  AuditCheck check();
  AuditHead head();
  // Whether this process's key is the chain's: true for a chain not keyed yet; false when the
  // chain is keyed and the key is missing or another (a restore without its key file).
  bool key_matches();

  // After the retention period (the retention helper, in its transaction): no audit table holds
  // this pupil's id afterwards, nor their name (object and detail naming "roepnaam achternaam"
  // are blanked; call before the pupil's row is deleted). The lines stay: who, role, when and
  // what kind. A line about the pupil alone loses its pupil, object and detail; a view of several
  // pupils loses this pupil from its list. Each such line gets a seal (HMAC with the audit key
  // over what is left and the line's hash) that verify() checks instead of the hash, so the
  // chain still verifies and altering a forgotten line still breaks it. Returns the lines changed.
  long long forget_pupil(soci::session& sql, domain::Id pupil_id);

 private:
  Database& db_;
};

// An entry stamped with who does it and on whose behalf (domain::on_behalf_of), ready to be
// completed by the caller.
domain::AuditEntry audit_entry(const domain::Principal& who, domain::AuditAction action,
                               std::string object, domain::Id pupil_id = 0,
                               std::string detail = "");
// One entry for what was shown of these pupils together (a group page): one line, not one
// per pupil. With a single pupil it is that pupil's line as audit_entry makes it.
domain::AuditEntry audit_view_entry(const domain::Principal& who, std::string object,
                                    std::vector<domain::Id> pupil_ids, std::string detail = "");

}  // namespace koers::store
