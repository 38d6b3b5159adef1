// The 1-zorgroute page (/zorgroute): for the IB and the head the school per group and per level,
// the pupils above level 1 by name (to their stamkaart's route) and what is stuck, with links;
// for the board administrator the counts of every school of the board, without names.
#include <fmt/format.h>

#include "web/route/route.h"
#include "web/route/route_view.h"

namespace koers::web {

using domain::Id;
using nlohmann::json;

namespace {

// The school's view reshaped for the page: per group a cell per level, names from level 2 up.
json school_page_model(const json& body, std::vector<Id>& named) {
  std::map<Id, json> cells;  // group id → five cells
  std::map<Id, bool> any_flag;
  json flagged = json::array();
  for (const json& p : body["pupils"]) {
    const Id group = p["group_id"];
    if (!cells.count(group)) {
      cells[group] = json::array();
      for (int l = 1; l <= 5; ++l) cells[group].push_back({{"level", l}, {"pupils", json::array()}});
    }
    const int level = p["level"];
    const bool has_flags = !p["flags"].empty();
    if (level > 1 || has_flags) {
      json evidence;
      for (const json& e : p["evidence"]) evidence = evidence.is_null() ? e["text"] : evidence;
      cells[group][level - 1]["pupils"].push_back({{"pupil_id", p["pupil_id"]},
                                                   {"name", p["name"]},
                                                   {"flagged", has_flags},
                                                   {"why", evidence.is_null() ? json("") : evidence}});
      named.push_back(p["pupil_id"]);
    }
    for (const json& f : p["flags"])
      flagged.push_back({{"pupil_id", p["pupil_id"]},
                         {"name", p["name"]},
                         {"group", p["group"]},
                         {"text", f["text"]},
                         {"href", f["href"]}});
  }
  json groups = json::array();
  for (const json& g : body["groups"]) {
    const Id id = g["group_id"];
    json row{{"group", g["group"]}, {"group_id", id}, {"total", g["total"]}, {"cells", json::array()}};
    for (int l = 1; l <= 5; ++l) {
      json cell{{"level", l}, {"count", g["counts"][l - 1]}, {"pupils", json::array()}};
      if (cells.count(id)) cell["pupils"] = cells[id][l - 1]["pupils"];
      cell["has_pupils"] = !cell["pupils"].empty();
      cell["empty"] = g["counts"][l - 1].get<int>() == 0;
      row["cells"].push_back(cell);
    }
    groups.push_back(row);
  }
  return {{"school", body["school"]},  {"levels", body["levels"]},     {"groups", groups},
          {"flagged", flagged},        {"has_flags", !flagged.empty()}, {"flag_count", flagged.size()},
          {"per_pupil", true}};
}

Response route_page(Context& ctx) {
  if (ctx.who.role == domain::Role::kBoardAdmin) {
    json schools = json::array();
    for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id)) {
      const SchoolRouteData data = school_route_data(ctx, s.school.id);
      json body = data.body;
      body["has_groups"] = !body["groups"].empty();
      // Each count as the page shows it: the number, or "<5" / "·" where it is suppressed.
      auto text = [](const json& c) {
        return c.is_object() ? c.value("shown_as", std::string("·")) : std::to_string(c.get<int>());
      };
      for (auto& g : body["groups"]) {
        json cells = json::array();
        for (const auto& c : g["counts"]) cells.push_back({{"text", text(c)}, {"suppressed", c.is_object()}});
        g["cells"] = cells;
        g["total_text"] = text(g["total"]);
      }
      for (auto& l : body["levels"]) l["count_text"] = l.contains("count") ? text(l["count"]) : text(l);
      schools.push_back(body);
    }
    return ctx.page("route", "1-zorgroute", json{{"schools", schools}, {"counts_only", true}});
  }
  const SchoolRouteData data = school_route_data(ctx, ctx.who.school_id);
  std::vector<Id> named;
  json model = school_page_model(data.body, named);
  ctx.audit_view(named, "1-zorgroute van de school");
  model["wide"] = true;
  return ctx.page("route", "1-zorgroute", model);
}

}  // namespace

std::vector<Route> route_page_routes() {
  return {
      {"GET", "/zorgroute", domain::Capability::kSignedIn, route_page},
  };
}

std::vector<Route> route_routes() {
  std::vector<Route> out = route_api_routes();
  for (Route& r : route_page_routes()) out.push_back(std::move(r));
  return out;
}

}  // namespace koers::web
