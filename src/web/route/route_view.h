// Shared by the route area's API and pages (web/route/): the school's route view as the
// principal may see it.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/access_policy.h"
#include "web/app.h"

namespace koers::web {

struct SchoolRouteData {
  domain::SchoolRouteView view = domain::SchoolRouteView::kNone;
  nlohmann::json body;                 // as GET /api/v1/route answers
  std::vector<domain::Id> pupil_ids;   // the pupils it shows (empty for counts): the caller audits
};
// The school's route for the principal: per pupil (IB, head) or counts only (board
// administrator: no pupil's name or id, no group ids). Another school answers 404 as if it did not
// exist; a role that never sees a school's route 403. Writes nothing.
SchoolRouteData school_route_data(Context& ctx, domain::Id school_id);
std::vector<Route> route_api_routes();
std::vector<Route> route_page_routes();

}  // namespace koers::web
