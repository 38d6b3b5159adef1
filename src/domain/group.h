// A group (klas) of one school in one school year, and the staff who teach it.
#pragma once

#include <string>
#include <vector>

#include "domain/person_name.h"
#include "domain/school.h"

namespace koers::domain {

enum class GroupKind {
  kRegular,   // groep: every pupil is in exactly one per year
  kCombined,  // samengestelde groep: an extra grouping across groups (EDEXML)
};

struct Group {
  Id id = 0;
  Id school_id = 0;
  Id school_year_id = 0;
  std::string school_year;  // "2026-2027"
  std::string edex_key;
  std::string name;  // "5/6", "1/2A"
  GroupKind kind = GroupKind::kRegular;
  std::vector<std::string> year_groups;  // the jaargroepen of its pupils, e.g. {"5","6"}
  std::vector<std::string> teachers;     // display names
  int pupil_count = 0;

  // A combinatiegroep: pupils of more than one year group in one class.
  bool is_combination() const { return year_groups.size() > 1; }
  // "Groep 5/6", "Samengestelde groep Plusklas".
  std::string label() const;
};

struct StaffMember {
  Id id = 0;
  Id school_id = 0;
  std::string edex_key;
  std::string eckid;
  PersonName name;
  std::string initials;
  std::string email;
  std::string role;  // EDEXML rol: LRK, IB, OWA, TAL, DIR …
  std::string role_description;
};

}  // namespace koers::domain
