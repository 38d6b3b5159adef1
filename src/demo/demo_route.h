// The demo's pupil at level 5 of the 1-zorgroute (domain/route.h) at CBS De Valentijn: a pupil
// of another group than the demo teacher's, discussed in the care team and handed over to the
// ZAT with their parents' consent for it; the care-team consent ends within two weeks, so the
// route view shows a stuck flag. Written through the domain's lifecycle and the repository the
// API uses. Runs after add_demo_cases (levels 1–4 come from the plans, IHPs and cases before it).
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// Returns the number of cases stored (0 when the first school lacks the demo's logins or groups).
int add_demo_route(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

}  // namespace koers::demo
