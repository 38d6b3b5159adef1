// The groepsplan of a group for a period as the API and the pages load it: the version
// asked for (the latest by default, or a plan started from the overview), its versions,
// and what the page shows beside it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/clustering.h"
#include "domain/group_plan.h"
#include "store/plan_repository.h"
#include "web/app.h"
#include "web/overview/overview.h"

namespace koers::web {

struct PlanSelection {
  OverviewSelection sel;
  domain::GroupPlan plan;
  std::vector<store::PlanVersionInfo> versions;
  bool latest = true;    // the latest version (or the new plan), not an older one
  bool editable = false; // the group's teacher, current period, latest version
  std::optional<domain::Period> period;  // none when the school set no periods
  std::map<domain::Id, std::string> names;  // the pupils of the overview
  // The plan of the period before, when this one started from it (or may still).
  std::optional<domain::GroupPlan> previous;
  std::string previous_name;
};

// `period_path`: a period id or "huidig" (the API) — or, with `page`, the page's
// ?periode= (empty: the current). `version` 0: the latest. Audits the overview's pupils.
PlanSelection load_plan(Context& ctx, domain::Id group_id, const std::string& period, int version, bool page);

// Koers' clustering proposal per subject of the overview, from the signals the teacher did
// not dismiss and the school's mastery norm.
std::vector<domain::ClusterProposal> cluster_proposals(Context& ctx, OverviewSelection& sel);

// Pupils whose goals were not (fully) reached, for the next group discussion, once the
// evaluation is closed.
nlohmann::json group_discussion_json(const PlanSelection& ps);

}  // namespace koers::web
