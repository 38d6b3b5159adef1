// Reads the 1-zorgroute's parts of the pupil's record (domain/route.h) for a whole school at
// once, so the school's route view does not read every pupil's full record.
//
// Contract: school() reads in one read transaction (one snapshot) with a fixed number of
// queries: two per regular group of the current school year, plus seven for the school, whatever
// the number of pupils. It writes nothing and checks no access; the caller audits what it shows.
#pragma once

#include <vector>

#include "domain/group.h"
#include "domain/pupil_record.h"
#include "store/database.h"

namespace koers::store {

// A regular group of the school's current year with its pupils (not those who left), by name.
// Each record holds only what domain::pupil_route reads for the level and the flags: id, name,
// school, group, the group's plans of this year with their periods, the pupil's discussions,
// IHP summaries, cases (with consents), HGD requests and referral summaries. No overview line, results or full IHPs.
struct RouteGroup {
  domain::Group group;
  std::vector<domain::PupilRecord> pupils;
};

class RouteRepository {
 public:
  explicit RouteRepository(Database& db) : db_(db) {}

  // The school's regular groups in the order groups_of_school gives them; empty for a school
  // without groups.
  std::vector<RouteGroup> school(domain::Id school_id);

 private:
  Database& db_;
};

}  // namespace koers::store
