// The roles a Koers account can have, and their names in the UI and the API.
// A role says *what kind* of access an account has; its scope (board, school,
// groups, children, cases) says *to what*. See access_policy.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koers::domain {

enum class Role {
  kTeacher,           // leerkracht: their own groups
  kSupportCoordinator,  // intern begeleider (IB): the whole school
  kHead,              // directeur: the school read-only, plus settings
  kCareTeamMember,    // zorgteamlid (extern): only invited cases with consent
  kParent,            // ouder/verzorger: only their own child(ren)
  kBoardAdmin,        // beheerder van het bestuur: schools, accounts, imports
  kPrivacyOfficer,    // privacyfunctionaris van het bestuur: the access log, never a dossier
};

// The stable key used in the database, the API and demo logins:
// "leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer", "privacy".
std::string_view role_key(Role role);
std::optional<Role> role_from_key(std::string_view key);

// The Dutch label shown to users, e.g. "Intern begeleider".
std::string_view role_label(Role role);

// Roles in a fixed order, for lists and test matrices.
inline constexpr Role kAllRoles[] = {Role::kTeacher,        Role::kSupportCoordinator,
                                     Role::kHead,           Role::kCareTeamMember,
                                     Role::kParent,         Role::kBoardAdmin,
                                     Role::kPrivacyOfficer};

}  // namespace koers::domain
