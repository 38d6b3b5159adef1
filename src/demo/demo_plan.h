// The demo's groepsplannen: for the current groups of the demo schools, the plan of the
// current period as a teacher writes it in the first weeks — a basic offer per subject, per
// subgroup only what differs, SMARTI goals with a date in the period, part 2 and the first
// week — saved as version 1 through the repository the pages use. The subgroups follow the
// overview, so add_demo_overview runs first.
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// Returns the number of plans saved.
int add_demo_plans(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

}  // namespace koers::demo
