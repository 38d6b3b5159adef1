// Groups of a school year with their teachers and pupils.
//
// Contract: read-only; the caller decides with domain::may_view_group whether the
// principal may see a group (scope() gives what the policy needs).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/group.h"
#include "domain/pupil.h"
#include "store/database.h"

namespace koers::store {

// A pupil as a line of a group list.
struct PupilListRow {
  domain::Id id = 0;
  domain::PersonName name;
  std::string pupil_number;  // leerlingnummer: the administration's key (edex_key)
  std::optional<domain::Date> birth_date;
  domain::Gender gender = domain::Gender::kUnknown;
  std::string year_group;
  bool left = false;
};

class GroupRepository {
 public:
  explicit GroupRepository(Database& db) : db_(db) {}

  std::optional<domain::Group> find(domain::Id group_id);
  std::optional<domain::GroupScope> scope(domain::Id group_id);
  // The groups of a school in a school year, regular groups first, then by name.
  std::vector<domain::Group> groups_of_school(domain::Id school_id, domain::Id school_year_id);
  std::vector<domain::Group> groups_by_ids(const std::vector<domain::Id>& ids);
  // Ids of the groups a staff member teaches in a school year.
  std::vector<domain::Id> group_ids_of_staff(domain::Id staff_id, domain::Id school_year_id);
  // The staff of a school (from EDEXML), sorted by surname.
  std::vector<domain::StaffMember> staff_of_school(domain::Id school_id);
  // The pupils of a group, sorted by surname.
  std::vector<PupilListRow> pupils_of_group(domain::Id group_id);

 private:
  std::vector<domain::Group> load(soci::session& sql, const std::string& where, domain::Id a,
                                  domain::Id b);
  Database& db_;
};

}  // namespace koers::store
