// The 1-zorgroute as data: GET /api/v1/route?school= (IB and head: every pupil with level and
// evidence, audited as a read of each pupil's dossier; the board administrator: counts per level
// and group, no names or ids, a count of 1–4 as {"suppressed": true}) and GET /api/v1/pupils/{id}/route (the pupil's
// timeline, for whoever may see the pupil; audited). The school view reads the route's parts at once
// (store/route_repository.h).
#include <fmt/format.h>

#include "common/clock.h"
#include "domain/route.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/route_repository.h"
#include "web/route/route.h"
#include "web/route/route_view.h"

namespace koers::web {

using domain::Id;
using nlohmann::json;

namespace {

std::string href_of(const std::string& kind, Id id) {
  if (kind == "ihp") return fmt::format("/ihp/{}", id);
  if (kind == "casus" || kind == "extern") return fmt::format("/casus/{}", id);
  if (kind == "hgd") return fmt::format("/hgd/{}", id);
  if (kind == "leerlingbespreking" || kind == "adviesgesprek") return fmt::format("/besprekingen/{}", id);
  if (kind == "groepsplan") return fmt::format("/groepen/{}/groepsplan", id);
  if (kind == "verwijzing") return fmt::format("/verwijzingen/{}", id);
  return "";
}

json level_json(domain::RouteLevel l) {
  return {{"level", domain::level_number(l)}, {"label", domain::route_level_label(l)}};
}

json evidence_json(const domain::RouteEvidence& e) {
  return {{"level", domain::level_number(e.level)}, {"kind", e.kind}, {"id", e.id}, {"text", e.text},
          {"href", href_of(e.kind, e.id)}};
}

json flag_json(const domain::RouteFlag& f) {
  return {{"kind", domain::route_flag_key(f.kind)},
          {"on", f.on.iso()},
          {"text", f.text},
          {"href", f.kind == domain::RouteFlagKind::kIhpOverdue                ? href_of("ihp", f.id)
                   : f.kind == domain::RouteFlagKind::kReferralAwaitingParents ? href_of("verwijzing", f.id)
                                                                               : href_of("casus", f.case_id)}};
}

json event_json(const domain::RouteEvent& e) {
  const char* arrow = e.direction == domain::RouteDirection::kUp     ? "↑"
                      : e.direction == domain::RouteDirection::kDown ? "↓"
                                                                      : "→";
  return {{"on", e.on ? json(e.on->iso()) : json(nullptr)},
          {"on_text", e.on ? e.on->dutch() : std::string("nog te plannen")},
          {"level", domain::level_number(e.level)},
          {"level_label", domain::route_level_label(e.level)},
          {"direction", domain::route_direction_key(e.direction)},
          {"arrow", arrow},
          {"down", e.direction == domain::RouteDirection::kDown},
          {"kind", e.kind},
          {"id", e.id},
          {"href", href_of(e.kind, e.id)},
          {"what", e.what},
          {"decided_by", e.decided_by},
          {"why", e.why},
          {"consent", e.consent},
          {"result", e.result}};
}

// The route's level, evidence and flags (no timeline): a line of the school view.
json pupil_line(const domain::PupilRecord& r, const domain::PupilRoute& route, const std::string& group) {
  json evidence = json::array(), flags = json::array();
  for (const auto& e : route.evidence) evidence.push_back(evidence_json(e));
  for (const auto& f : route.flags) flags.push_back(flag_json(f));
  json out = level_json(route.level);
  out.update({{"pupil_id", r.pupil_id},
              {"name", r.name},
              {"group_id", r.group_id},
              {"group", group},
              {"evidence", evidence},
              {"flags", flags}});
  return out;
}

Response school_route(Context& ctx) {
  const int asked = ctx.number_query("school");
  const Id school_id = asked ? asked : ctx.who.school_id;
  const SchoolRouteData data = school_route_data(ctx, school_id);
  if (data.view == domain::SchoolRouteView::kPupils) ctx.audit_view(data.pupil_ids, "1-zorgroute van de school");
  return Response::json(data.body.dump());
}

Response pupil_route(Context& ctx) {
  const Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  const auto record = store::PupilRecordRepository(ctx.app.db).read(id, store::kNow);
  if (!record) refuse_not_found("deze leerling");
  json body = pupil_route_json(*record);
  ctx.audit_view({id}, "1-zorgroute");
  return Response::json(body.dump());
}

}  // namespace

json pupil_route_json(const domain::PupilRecord& record) {
  const domain::PupilRoute route = domain::pupil_route(record, today_local());
  json out = pupil_line(record, route, "");
  out.erase("group");
  json timeline = json::array();
  for (const auto& e : route.timeline) timeline.push_back(event_json(e));
  out["has_evidence"] = !route.evidence.empty();
  out["has_timeline"] = !timeline.empty();
  out["timeline"] = timeline;
  return out;
}

SchoolRouteData school_route_data(Context& ctx, Id school_id) {
  const auto school = school_id ? ctx.app.schools.find_school(school_id) : std::nullopt;
  const domain::SchoolRouteView view =
      school ? domain::school_route_view(ctx.who, school->id, school->board_id) : domain::SchoolRouteView::kNone;
  if (view == domain::SchoolRouteView::kNone) {
    if (ctx.who.role == domain::Role::kSupportCoordinator || ctx.who.role == domain::Role::kHead ||
        ctx.who.role == domain::Role::kBoardAdmin)
      refuse_not_found("deze school");
    throw HttpError{403, "De 1-zorgroute van de school is voor de intern begeleider en de directeur; de route van een "
                         "leerling staat op de stamkaart."};
  }
  const domain::Date today = today_local();
  SchoolRouteData out;
  out.view = view;
  std::map<domain::RouteLevel, int> totals;
  std::vector<std::vector<int>> table;  // per group, per level: for the counts' suppression
  json groups = json::array(), pupils = json::array();
  for (const store::RouteGroup& g : store::RouteRepository(ctx.app.db).school(school->id)) {
    std::map<domain::RouteLevel, int> counts;
    json lines = json::array();
    for (const domain::PupilRecord& r : g.pupils) {
      const domain::PupilRoute route = domain::pupil_route(r, today);
      ++counts[route.level];
      ++totals[route.level];
      if (view == domain::SchoolRouteView::kPupils) {
        pupils.push_back(pupil_line(r, route, g.group.name));
        out.pupil_ids.push_back(r.pupil_id);
      }
    }
    json per_level = json::array();
    table.emplace_back();
    for (domain::RouteLevel l : domain::all_route_levels()) {
      per_level.push_back(counts[l]);
      table.back().push_back(counts[l]);
    }
    json group{{"group", g.group.name}, {"counts", per_level}, {"total", g.pupils.size()}};
    if (view == domain::SchoolRouteView::kPupils) group["group_id"] = g.group.id;
    groups.push_back(group);
  }
  json levels = json::array();
  for (domain::RouteLevel l : domain::all_route_levels()) {
    json level = level_json(l);
    level["count"] = totals[l];
    levels.push_back(level);
  }
  if (view == domain::SchoolRouteView::kCounts) {
    // No names, and no count of 1–4 that could point at a child (domain::suppress_small_counts):
    // {"suppressed": true, "shown_as": "<5"} instead of the number ("·": hidden so that it cannot
    // be computed back from a total).
    const domain::SuppressedCounts hidden = domain::suppress_small_counts(table);
    auto marker = [](domain::CountShown s) {
      return json{{"suppressed", true}, {"shown_as", s == domain::CountShown::kSmall ? "<5" : "·"}};
    };
    for (size_t g = 0; g < groups.size(); ++g) {
      for (size_t l = 0; l < hidden.cells[g].size(); ++l)
        if (hidden.cells[g][l] != domain::CountShown::kShown) groups[g]["counts"][l] = marker(hidden.cells[g][l]);
      if (hidden.group_totals[g] != domain::CountShown::kShown) groups[g]["total"] = marker(hidden.group_totals[g]);
    }
    for (size_t l = 0; l < levels.size() && l < hidden.level_totals.size(); ++l)
      if (hidden.level_totals[l] != domain::CountShown::kShown) {
        levels[l].erase("count");
        levels[l]["suppressed"] = true;
        levels[l]["shown_as"] = marker(hidden.level_totals[l])["shown_as"];
      }
  }
  out.body = {{"school", school->name}, {"levels", levels}, {"groups", groups}, {"today", today.iso()}};
  if (view == domain::SchoolRouteView::kPupils) {
    out.body["school_id"] = school->id;
    out.body["pupils"] = pupils;
  }
  return out;
}

std::vector<Route> route_api_routes() {
  return {
      {"GET", "/api/v1/route", domain::Capability::kSignedIn, school_route},
      {"GET", "/api/v1/pupils/:id/route", domain::Capability::kSignedIn, pupil_route},
  };
}

}  // namespace koers::web
