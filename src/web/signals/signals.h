// Signals of a pupil: every signal the school's rules give on the pupil's results, marked
// current (about the latest moment or block) or history, with the decision taken on it; and
// the lines a teacher decides on (one per subject for the concerns, one for the strengths).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/group_overview.h"
#include "domain/pupil_record.h"
#include "store/signal_repository.h"
#include "web/app.h"

namespace koers::web {

struct PupilSignals {
  std::vector<domain::Signal> signals;  // current and history
  std::map<std::string, store::SignalDecision> decisions;
};

// The caller has checked that ctx.who may see the pupil.
PupilSignals pupil_signals(Context& ctx, domain::Id pupil_id, domain::Id school_id);
// The same with the school's rules already read (a page over many pupils reads them once).
PupilSignals pupil_signals(Context& ctx, domain::Id pupil_id, const domain::SignalRules& rules);
nlohmann::json pupil_signals_json(Context& ctx, domain::Id pupil_id, domain::Id school_id);
// The same from the pupil's record (store/pupil_record_repository.h) of a pupil in a current
// group: its results and method tests as read there; the rules and decisions are read.
PupilSignals pupil_signals(Context& ctx, const domain::PupilRecord& record);
// The same for many pupils of one school at once, by pupil (every pupil asked for is there):
// three queries whatever their number, where one pupil at a time took three each.
std::map<domain::Id, PupilSignals> pupils_signals(Context& ctx, const std::vector<domain::Id>& pupil_ids,
                                                  domain::Id school_id, const domain::SignalRules& rules);

// Signals with the decisions taken on them, as the pages and the API show them.
nlohmann::json signals_json(const std::vector<domain::Signal>& signals,
                            const std::map<std::string, store::SignalDecision>& decisions);
// The current lines: subject, positive, state ("open", "bevestigd", "afgewezen"), the rules
// that fire with their evidence, and the decision once every signal of the line has one.
nlohmann::json signal_lines_json(const PupilSignals& p);

}  // namespace koers::web
