// The IHP area (individueel handelingsplan): its API (ihps/api.cc) and pages share these.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/ihp_repository.h"
#include "web/app.h"

namespace koers::web {

// The IHP if it exists and the principal may see it (may_view_ihp); else 404 worded as for
// an id that does not exist.
struct IhpInView {
  domain::Ihp ihp;
  domain::PupilScope scope;
};
IhpInView ihp_in_view(Context& ctx, domain::Id ihp_id);
// The IHP as the API gives it: its rubrics, with the pupil's name, the term warning, the
// problems, the organisatie lines in words, planned against given time per goal, Koers'
// proposals while it runs, the versions, and what the principal may do. Not audited.
nlohmann::json ihp_view_json(Context& ctx, const IhpInView& ihp);
// One line of a pupil's list of plans: status, outcome, term, latest version.
nlohmann::json ihp_summary_json(const store::IhpSummary& s);
// Creates a concept IHP for the pupil (the caller checked may_write_ihp): after `previous`
// (next_ihp) or new for the current period with the beginsituatie pre-filled; its id.
// 409 when the school year has no period for it, 404 for a `previous` of another pupil.
domain::Id start_ihp_for(Context& ctx, const domain::PupilScope& scope, domain::Id previous, domain::Id from_meeting);
// The beginsituatie Koers proposes: "wat Koers al weet" of the pupil (the groeidocument's
// summary), which the IB then edits.
std::string starting_situation(Context& ctx, domain::Id pupil_id);

}  // namespace koers::web
