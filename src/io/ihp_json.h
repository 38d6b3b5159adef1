// The IHP as JSON: how the store keeps each version and how the API sends and takes it.
// Reading names the field that is wrong ("goals[1].due_on: verwacht een datum als
// 2027-03-05"). Ids, version, status, outcome, author and the session log are the store's:
// ihp_from_json reads only what a writer of the plan may change.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/ihp.h"
#include "io/json_fields.h"

namespace koers::io {

nlohmann::json ihp_json(const domain::Ihp& ihp);
// The content of the seven rubrics, the voices and the OPP. Throws JsonFieldError.
domain::Ihp ihp_from_json(const nlohmann::json& j);

}  // namespace koers::io
