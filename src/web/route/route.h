// The 1-zorgroute on the web (domain/route.h): the school's route view (GET /api/v1/route,
// the page /zorgroute) and a pupil's route timeline (GET /api/v1/pupils/{id}/route, the
// stamkaart's section). Who sees what: domain::school_route_view (IB and head per pupil, the
// board administrator counts only) and, for a pupil, whoever may see the pupil. Reads are
// audited as dossier reads; the board administrator's counts name no pupil and are not.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/pupil_record.h"
#include "web/app.h"

namespace koers::web {

// The pupil's route (level, evidence, flags, timeline) from a record the caller read and may show.
nlohmann::json pupil_route_json(const domain::PupilRecord& record);

// GET /api/v1/route, GET /api/v1/pupils/{id}/route, GET /zorgroute.
std::vector<Route> route_routes();

}  // namespace koers::web
