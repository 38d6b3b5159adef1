// The demo's jaarplanning: for the current groups of the demo schools, the group discussion
// at the turn of the current period (two a day on Monday, Tuesday and Thursday from
// tomorrow, so the demo always has discussions to prepare), and six care-team meetings
// spread over the school year. Planned by the school's IB through the repository the pages use.
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// Returns the number of meetings planned.
int add_demo_meetings(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

}  // namespace koers::demo
