// Groups and pupils in the JSON API: the groups a user may see, a group's pupil list, a
// pupil's stamkaart, results and audit trail; every read of pupil data is audited.
#include "store/result_repository.h"
#include "web/app.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

Response groups(Context& ctx) {
  json out = json::array();
  for (const auto& g : visible_groups(ctx.app, ctx.who)) out.push_back(group_json(g));
  return Response::json(out.dump());
}

Response group_pupils(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.group_in_view(id);
  auto group = ctx.app.groups.find(id);
  json out = json::array();
  std::vector<domain::Id> ids;
  for (const auto& p : ctx.app.groups.pupils_of_group(id)) {
    out.push_back(pupil_row_json(p));
    ids.push_back(p.id);
  }
  ctx.audit_view(ids, "groepslijst " + group->name);
  return Response::json(out.dump());
}

Response pupil(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  json body = pupil_stamkaart_json(ctx, id);
  ctx.audit_view({id}, "stamkaart");
  return Response::json(body.dump());
}

Response pupil_audit(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(id);
  if (!domain::may_view_pupil_audit(ctx.who, scope))
    throw HttpError{403, "Alleen de intern begeleider ziet de audittrail."};
  store::AuditQuery query = pupil_audit_query(ctx, id, {"person", "kind", "from", "to"});
  json lines = json::array();
  for (const auto& e : ctx.app.audit.find(query)) lines.push_back(audit_json(e));
  ctx.audit_view({id}, "audittrail");
  return Response::json(lines.dump());
}

Response pupil_results(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  json out = json::array();
  for (const auto& r : store::ResultRepository(ctx.app.db).results_of_pupil(id)) out.push_back(result_json(r));
  ctx.audit_view({id}, "toetsresultaten");
  return Response::json(out.dump());
}

}  // namespace

std::vector<Route> pupil_api_routes() {
  return {
      {"GET", "/api/v1/groups", Capability::kSignedIn, groups},
      {"GET", "/api/v1/groups/:id/pupils", Capability::kSeeGroups, group_pupils},
      {"GET", "/api/v1/pupils/:id", Capability::kSignedIn, pupil},
      {"GET", "/api/v1/pupils/:id/audit", Capability::kSeePupilAudit, pupil_audit},
      {"GET", "/api/v1/pupils/:id/results", Capability::kSignedIn, pupil_results},
  };
}

}  // namespace koers::web
