#include "domain/on_behalf.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::domain {

namespace {

std::string ids_text(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

}  // namespace

std::string on_behalf_of(const Principal& who, Id pupil_id) {
  switch (who.role) {
    case Role::kTeacher:
    case Role::kSupportCoordinator:
    case Role::kHead:
      if (who.school_id == 0) return "";
      return who.school_name.empty() ? fmt::format("school {}", who.school_id) : "school " + who.school_name;
    case Role::kParent:
      if (pupil_id != 0) {
        const bool own = std::find(who.child_ids.begin(), who.child_ids.end(), pupil_id) != who.child_ids.end();
        return own ? fmt::format("het kind (leerling {})", pupil_id) : "";
      }
      if (who.child_ids.empty()) return "";
      return who.child_ids.size() == 1 ? fmt::format("het kind (leerling {})", who.child_ids.front())
                                       : fmt::format("de kinderen (leerling {})", ids_text(who.child_ids));
    default:
      return "";
  }
}

std::string on_behalf_of_care_team(const std::string& school_name, Id case_id, const std::vector<Id>& consent_ids) {
  std::string out = fmt::format("zorgteam {}, casus #{}", school_name, case_id);
  if (!consent_ids.empty()) {
    out += ", toestemming";
    for (size_t i = 0; i < consent_ids.size(); ++i) out += fmt::format("{} #{}", i == 0 ? "" : ",", consent_ids[i]);
  }
  return out;
}

}  // namespace koers::domain
