// Signals of a pupil as JSON: every signal the school's rules give on the pupil's results,
// each with its evidence and the decision taken on it (null while undecided).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/group_overview.h"
#include "store/signal_repository.h"
#include "web/app.h"

namespace koers::web {

// The caller has checked that ctx.who may see the pupil.
nlohmann::json pupil_signals_json(Context& ctx, domain::Id pupil_id, domain::Id school_id);

// Signals with the decisions taken on them, as the pages and the API show them.
nlohmann::json signals_json(const std::vector<domain::Signal>& signals,
                            const std::map<std::string, store::SignalDecision>& decisions);
// Method tests (newest first, as stored) in the order signalling reads them: oldest first.
std::vector<domain::MethodTestResult> signal_input(const std::vector<domain::MethodTest>& newest_first);

}  // namespace koers::web
