// The demo's first school as far as its IHPs (school, results, overview, plans, meetings, IHPs),
// for the store tests of the demo steps that build on it (cases, dyslexia, the route).
#pragma once

#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "demo/demo_school.h"
#include "store/account_repository.h"
#include "store/database.h"

namespace koers::store::testing {

// Returns the school of the demo's `ib`.
inline domain::Id demo_school_through_ihps(Database& db, const demo::DemoOptions& options) {
  demo::create_demo(db, options);
  const domain::Id school = AccountRepository(db).find_by_username("ib")->school_id;
  demo::add_demo_results(db, {school}, options.today, options.seed);
  demo::add_demo_overview(db, {school}, options.today, options.seed);
  demo::add_demo_plans(db, {school}, options.today);
  demo::add_demo_meetings(db, {school}, options.today);
  demo::add_demo_ihps(db, {school}, options.today);
  return school;
}

}  // namespace koers::store::testing
