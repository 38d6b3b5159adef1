// The demo's individuele handelingsplannen at CBS De Valentijn (the first demo school), one
// at each stage, written through the domain's lifecycle and the repository the API uses:
// one being written and one running (sessions ticked off since it started four weeks ago)
// for pupils of group 5/6, the demo parent's child with an IHP evaluated in the previous
// period (her parent's view on it) and the adjusted IHP that follows it, and one closed with
// "doel bereikt" whose pupil is in a subgroup of the group plan. Deterministic for a `today`;
// runs after add_demo_plans and add_demo_meetings (the plans, the holidays).
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// Returns the number of IHPs stored (0 when the first school lacks the demo's group or parent).
int add_demo_ihps(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

}  // namespace koers::demo
