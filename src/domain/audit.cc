#include "domain/audit.h"

#include <fmt/format.h>

namespace koers::domain {

std::string audit_action_key(AuditAction a) {
  switch (a) {
    case AuditAction::kView: return "view";
    case AuditAction::kCreate: return "create";
    case AuditAction::kUpdate: return "update";
    case AuditAction::kDelete: return "delete";
    case AuditAction::kImport: return "import";
    case AuditAction::kExport: return "export";
    case AuditAction::kLogin: return "login";
    case AuditAction::kLogout: return "logout";
    case AuditAction::kLoginFailed: return "login_failed";
  }
  return "";
}

std::string audit_action_label(const std::string& key) {
  if (key == "view") return "bekeken";
  if (key == "create") return "aangemaakt";
  if (key == "update") return "gewijzigd";
  if (key == "delete") return "verwijderd";
  if (key == "import") return "geïmporteerd";
  if (key == "export") return "geëxporteerd";
  if (key == "login") return "ingelogd";
  if (key == "logout") return "uitgelogd";
  if (key == "login_failed") return "mislukte inlog";
  return key;
}

std::string audit_hash_input(const AuditEntry& e) {
  // Unit separators keep fields from running into each other.
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", e.seq,
                     e.at, e.account_id, e.username, e.role, e.on_behalf_of, e.school_id,
                     e.pupil_id, e.action, e.object, e.detail, e.prev_hash);
}

}  // namespace koers::domain
