// The groepsplan as JSON: how the store keeps each version and how the API sends and takes
// it. Reading names the field that is wrong ("subjects[1].subgroups[0].approach").
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "domain/group_plan.h"
#include "io/json_fields.h"

namespace koers::io {

using PlanJsonError = JsonFieldError;

nlohmann::json group_plan_json(const domain::GroupPlan& plan);
// The content of a plan (subjects and part 2); ids, version and author are the caller's.
// Throws PlanJsonError naming the field.
domain::GroupPlan group_plan_from_json(const nlohmann::json& j);

}  // namespace koers::io
