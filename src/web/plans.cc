// The groepsplan over the API. GET /api/v1/groups/{id}/plans/{period} gives the latest
// version, or a new plan started from the overview's division (version 0) with the list
// of versions; PUT saves the body as the next version when its "version" is the latest
// (409 with the latest plan otherwise: the stale writer keeps their text and sees what
// changed). {period} is a period id or "huidig".
#include <nlohmann/json.hpp>

#include "io/group_plan_json.h"
#include "store/plan_repository.h"
#include "web/app.h"
#include "web/overview.h"

namespace koers::web {

namespace {

using domain::Capability;
using domain::Id;
using nlohmann::json;

json with_versions(Context& ctx, const domain::GroupPlan& plan) {
  json out = io::group_plan_json(plan);
  json versions = json::array();
  for (const auto& v : store::PlanRepository(ctx.app.db).versions(plan.group_id, plan.period_id))
    versions.push_back({{"version", v.version}, {"saved_by", v.saved_by}, {"saved_at", v.saved_at}});
  out["versions"] = versions;
  return out;
}

std::vector<Id> pupils_in(const domain::GroupPlan& plan) {
  std::vector<Id> out;
  for (const auto& s : plan.subjects) {
    for (const auto& g : s.subgroups) out.insert(out.end(), g.pupils.begin(), g.pupils.end());
    for (const auto& l : s.individual) out.push_back(l.pupil_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Response plan_api(Context& ctx) {
  const Id group_id = ctx.id_param("id");
  OverviewSelection sel = overview_of_period(ctx, group_id, ctx.params["period"]);  // audits the overview's pupils
  auto plan = store::PlanRepository(ctx.app.db).latest(group_id, sel.period_id);
  if (!plan) plan = domain::new_group_plan(sel.overview, sel.period_id);
  json out = with_versions(ctx, *plan);
  out["editable"] = sel.overview.editable;
  return Response::json(out.dump());
}

Response save_plan(Context& ctx) {
  const Id group_id = ctx.id_param("id");
  domain::GroupScope scope = ctx.group_in_view(group_id);
  if (!domain::may_edit_group_plan(ctx.who, scope))
    throw HttpError{403, "Alleen de leerkracht van de groep schrijft het groepsplan."};
  OverviewSelection sel = overview_of_period(ctx, group_id, ctx.params["period"]);
  if (sel.period_id != sel.current_period_id)
    throw HttpError{409, "Het groepsplan van een afgelopen periode blijft zoals het was."};

  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || !in.contains("version") || !in["version"].is_number_integer())
    throw HttpError{400, "Verwacht het plan als JSON met de \"version\" waarop het gebaseerd is."};
  domain::GroupPlan plan;
  try {
    plan = io::group_plan_from_json(in);
  } catch (const io::PlanJsonError& e) {
    throw HttpError{400, e.what()};
  }
  plan.group_id = group_id;
  plan.period_id = sel.period_id;
  std::vector<Id> pupils;
  for (const auto& p : ctx.app.groups.pupils_of_group(group_id)) pupils.push_back(p.id);
  if (auto problems = domain::validate_plan(plan, sel.overview.subjects, pupils); !problems.empty())
    return Response::json(json{{"error", "Het plan is niet opgeslagen."}, {"problems", problems}}.dump(), 422);

  auto saved = store::PlanRepository(ctx.app.db).save(plan, in["version"].get<int>(), ctx.who);
  if (auto* conflict = std::get_if<store::PlanConflict>(&saved)) {
    json latest = with_versions(ctx, *store::PlanRepository(ctx.app.db).latest(group_id, sel.period_id));
    return Response::json(json{{"error", "Het plan is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                         "vergelijk met de nieuwste versie en sla opnieuw op."},
                               {"latest_version", conflict->latest_version},
                               {"latest", latest}}
                              .dump(),
                          409);
  }
  const domain::GroupPlan& stored = std::get<domain::GroupPlan>(saved);
  ctx.audit_view(pupils_in(stored), "groepsplan");
  return Response::json(with_versions(ctx, stored).dump());
}

}  // namespace

std::vector<Route> plan_routes() {
  return {
      {"GET", "/api/v1/groups/:id/plans/:period", Capability::kSeeGroups, plan_api},
      {"PUT", "/api/v1/groups/:id/plans/:period", Capability::kEnterResults, save_plan},
  };
}

}  // namespace koers::web
