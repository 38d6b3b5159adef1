// The IHP area (individueel handelingsplan): its API (ihps/api.cc) and pages share these.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/ihp_repository.h"
#include "web/app.h"

namespace koers::web {

// One line of a pupil's list of plans: status, outcome, term, latest version.
nlohmann::json ihp_summary_json(const store::IhpSummary& s);
// The beginsituatie Koers proposes: "wat Koers al weet" of the pupil (the groeidocument's
// summary), which the IB then edits.
std::string starting_situation(Context& ctx, domain::Id pupil_id);

}  // namespace koers::web
