// Signals of a pupil as JSON: every signal the school's rules give on the pupil's results,
// each with its evidence and the decision taken on it (null while undecided).
#pragma once

#include <nlohmann/json.hpp>

#include "web/app.h"

namespace koers::web {

// The caller has checked that ctx.who may see the pupil.
nlohmann::json pupil_signals_json(Context& ctx, domain::Id pupil_id, domain::Id school_id);

}  // namespace koers::web
