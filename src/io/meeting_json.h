// A meeting as JSON: how the store keeps it (the body column) and how the API sends and
// takes it. Reading names the field that is wrong ("agreements[0].due_on: verwacht een datum
// (JJJJ-MM-DD)"). Ids of the meeting, its status and what was frozen are the store's: the
// reader takes them along, and apply_edit decides what of a submission counts.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/meeting.h"
#include "io/json_fields.h"

namespace koers::io {

nlohmann::json meeting_json(const domain::Meeting& m);
// Throws JsonFieldError naming the field.
domain::Meeting meeting_from_json(const nlohmann::json& j);

}  // namespace koers::io
