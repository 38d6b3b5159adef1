// One line of the audit trail (NEN 7513 style): who, on whose behalf, when, which pupil(s),
// what action on what. Entries are chained by hash so that a removed or altered line shows;
// a view of many pupils is one entry whose hash covers its pupil list. Also the trail's words:
// an entry as a Dutch sentence, and repeated views folded into one displayed line.
#pragma once

#include <string>
#include <vector>

#include "domain/school.h"

namespace koers::domain {

enum class AuditAction {
  kView, kCreate, kUpdate, kDelete, kImport, kExport, kLogin, kLogout, kLoginFailed,
  kRefused,       // a read or change the policy refused (another school's pupil, a withdrawn consent)
  kLoginBlocked,  // a login the brake refused before the password was even checked
  kChainKeyed,    // from this line on the chain is keyed with the secret outside the database
};
std::string audit_action_key(AuditAction a);    // "view", "update", …
std::string audit_action_label(const std::string& key);  // "bekeken", "gewijzigd", …

struct AuditEntry {
  Id id = 0;
  long long seq = 0;
  std::string at;  // UTC, ISO 8601
  Id account_id = 0;
  std::string username;
  std::string role;
  std::string on_behalf_of;  // e.g. "school 3"; empty when acting for oneself
  Id school_id = 0;
  Id pupil_id = 0;  // the one pupil the event is about; 0 when none or several
  // The pupils a view showed when there were several (sorted, no repeats; pupil_id is then 0).
  std::vector<Id> pupil_ids;
  std::string action;
  std::string object;  // what was touched: "stamkaart", "groepslijst 5/6", "account j.jansen"
  std::string detail;
  std::string address;  // where the request came from (IP address); "" when unknown or Koers itself
  // The pupil this line was about has been forgotten after the retention period: pupil and
  // content are blanked; who, role, when and what kind stay.
  bool forgotten = false;
  std::string prev_hash;
  std::string hash;
  // Not part of the line: the account's name as it is now, filled in when the trail is read.
  std::string account_name;
};

// The text an entry's hash is taken over: every field, then the previous hash. The pupil
// list of a view of several pupils is part of it (lines of one pupil hash as they always did),
// and so is the address when there is one.
std::string audit_hash_input(const AuditEntry& e);

// Every pupil the entry is about (pupil_id, or pupil_ids).
std::vector<Id> audit_pupils(const AuditEntry& e);

// What happened, as a Dutch sentence without its subject: "bekeek het groepsoverzicht van
// groep 5/6", "wijzigde de aanpak Spelling naar intensief", "logde in".
std::string audit_sentence(const AuditEntry& e);
// Who did it: "Marieke Visser (intern begeleider)"; the login name when the name is unknown.
std::string audit_who(const AuditEntry& e);

// The kinds of action the trail filters on, each a set of action keys.
struct AuditKind {
  std::string key;    // "bekeken", "gewijzigd", "geexporteerd", "inloggen"
  std::string label;  // "Bekeken", "Vastgelegd of gewijzigd", …
  std::vector<std::string> actions;
};
const std::vector<AuditKind>& audit_kinds();
const AuditKind* find_audit_kind(const std::string& key);

// One displayed line: an entry and the views like it folded into it.
struct AuditLine {
  AuditEntry entry;   // the newest of the line
  int count = 1;      // how many entries the line stands for
  std::string first_at;  // the oldest one's time (== entry.at when count is 1)
};
// Folds views of the same thing by the same person within `window_minutes` of the line's
// newest view into that line; every other entry stays a line of its own. Input and output
// newest first. Display only: the entries themselves are all kept.
std::vector<AuditLine> fold_repeated_views(const std::vector<AuditEntry>& newest_first, int window_minutes = 15);

}  // namespace koers::domain
