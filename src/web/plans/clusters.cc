// GET /api/v1/groups/{id}/clusters/{period}: per subject of the group plan, Koers' proposal
// of the intensive, basic and deepened subgroups with the reasons per pupil, beside the
// division the overview holds now. {period} is a period id, or "huidig" for the current one.
#include <nlohmann/json.hpp>

#include "domain/clustering.h"
#include "web/app.h"
#include "web/overview/overview.h"
#include "web/plans/plans.h"

namespace koers::web {

namespace {

using domain::Approach;
using domain::Capability;
using domain::Id;
using nlohmann::json;

constexpr Approach kApproaches[] = {Approach::kIntensive, Approach::kBasic, Approach::kDeepened};

}  // namespace

std::vector<domain::ClusterProposal> cluster_proposals(Context& ctx, OverviewSelection& sel) {
  // Signals the teacher dismissed no longer count.
  drop_dismissed_signals(ctx, sel.overview.lines);
  const double mastery = sel.rules.mastery_percentage.value_or(0);
  std::vector<domain::ClusterProposal> out;
  for (const std::string& subject : sel.overview.subjects)
    out.push_back(domain::propose_clusters(sel.overview, subject, mastery));
  return out;
}

namespace {

Response clusters_api(Context& ctx) {
  const Id group_id = ctx.id_param("id");
  OverviewSelection sel = overview_of_period(ctx, group_id, ctx.params["period"]);
  json subjects = json::array();
  for (const domain::ClusterProposal& p : cluster_proposals(ctx, sel)) {
    const std::string& subject = p.subject;
    json proposal = json::object(), current = json::object();
    for (Approach a : kApproaches) {
      proposal[domain::approach_key(a)] = json::array();
      current[domain::approach_key(a)] = json::array();
    }
    current["geen"] = json::array();
    for (const auto& x : p.placements) {
      proposal[domain::approach_key(x.proposed)].push_back(
          {{"pupil_id", x.pupil_id}, {"name", x.name}, {"reasons", x.reasons}});
      current[x.current ? domain::approach_key(*x.current) : "geen"].push_back(x.pupil_id);
    }
    subjects.push_back({{"subject", subject}, {"proposal", proposal}, {"current", current}});
  }
  return Response::json(json{{"group_id", group_id},
                             {"period_id", sel.period_id},
                             {"subjects", subjects}}
                            .dump());
}

}  // namespace

std::vector<Route> cluster_routes() {
  return {{"GET", "/api/v1/groups/:id/clusters/:period", Capability::kSeeGroups, clusters_api}};
}

}  // namespace koers::web
