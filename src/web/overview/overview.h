// The groepsoverzicht of a group for a period, assembled from the repositories, and its
// shape (the page's model and the body of GET /api/v1/groups/{id}/overview).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/group_overview.h"
#include "store/group_repository.h"
#include "web/app.h"

namespace koers::web {

struct OverviewSelection {
  domain::GroupOverview overview;
  std::vector<domain::Period> periods;  // of the group's school year
  domain::Id period_id = 0;             // 0: no periods set, the overview is "now"
  domain::Id current_period_id = 0;
  domain::SignalRules rules;            // the school's signalling rules, read once
};

// The overview of a group the caller may see, for the period named by `period_param`
// (its id; empty: the current period). Audits one view of the pupils on it, as the page
// `shown` ("groepsoverzicht", "groepsplan") of the group.
OverviewSelection load_group_overview(Context& ctx, domain::Id group_id, const std::string& period_param,
                                      const std::string& shown = "groepsoverzicht");

// As load_group_overview, for an API path segment: a period id or "huidig" (the current
// period); 404 for any other.
OverviewSelection overview_of_period(Context& ctx, domain::Id group_id, const std::string& period_path,
                                     const std::string& shown = "groepsoverzicht");

// The overview lines of these pupils as valid at `as_of` (store::kNow: now), their signals
// under the school's rules. No audit: the caller audits what it shows.
std::vector<domain::OverviewLine> overview_lines(Context& ctx, domain::Id school_id,
                                                 const std::vector<store::PupilListRow>& pupils,
                                                 const std::string& as_of);
std::vector<domain::OverviewLine> overview_lines(Context& ctx, const domain::SignalRules& rules,
                                                 const std::vector<store::PupilListRow>& pupils,
                                                 const std::string& as_of);
// Leaves out the signals the teacher dismissed (they no longer count).
void drop_dismissed_signals(Context& ctx, domain::OverviewLine& line);
// The same for a group's lines, their decisions read in one query.
void drop_dismissed_signals(Context& ctx, std::vector<domain::OverviewLine>& lines);

// The page's model leaves out the per-signal list it does not show (its chips are there).
enum class OverviewUse { kPage, kApi };
// The overview as a View (the page's model; the API answers its to_json()).
View overview_view(Context& ctx, const OverviewSelection& selection, OverviewUse use);

}  // namespace koers::web
