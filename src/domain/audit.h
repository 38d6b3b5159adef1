// One line of the audit trail (NEN 7513 style): who, on whose behalf, when,
// which pupil, what action on what. Entries are chained by hash so that a
// removed or altered line shows.
#pragma once

#include <string>

#include "domain/school.h"

namespace koers::domain {

enum class AuditAction { kView, kCreate, kUpdate, kDelete, kImport, kExport, kLogin, kLogout, kLoginFailed };
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
  Id pupil_id = 0;  // 0 when the event is not about one pupil
  std::string action;
  std::string object;  // what was touched: "stamkaart", "groepslijst 5/6", "account j.jansen"
  std::string detail;
  std::string prev_hash;
  std::string hash;
};

// The text an entry's hash is taken over: every field, then the previous hash.
std::string audit_hash_input(const AuditEntry& e);

}  // namespace koers::domain
