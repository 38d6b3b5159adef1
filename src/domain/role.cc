#include "domain/role.h"

namespace koers::domain {

std::string_view role_key(Role role) {
  switch (role) {
    case Role::kTeacher: return "leerkracht";
    case Role::kSupportCoordinator: return "ib";
    case Role::kHead: return "directeur";
    case Role::kCareTeamMember: return "zorgteam";
    case Role::kParent: return "ouder";
    case Role::kBoardAdmin: return "beheer";
    case Role::kPrivacyOfficer: return "privacy";
  }
  return "";
}

std::optional<Role> role_from_key(std::string_view key) {
  for (Role r : kAllRoles)
    if (role_key(r) == key) return r;
  return std::nullopt;
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::kTeacher: return "Leerkracht";
    case Role::kSupportCoordinator: return "Intern begeleider";
    case Role::kHead: return "Directeur";
    case Role::kCareTeamMember: return "Zorgteamlid";
    case Role::kParent: return "Ouder/verzorger";
    case Role::kBoardAdmin: return "Beheerder";
    case Role::kPrivacyOfficer: return "Privacyfunctionaris";
  }
  return "";
}

}  // namespace koers::domain
