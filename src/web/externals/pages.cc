// External care-team members on the Accounts page: the list of externals serving the IB's
// school (the board administrator: every external of the board) with discipline,
// organisation and schools; inviting a new one; adding an existing one (by user name) to a
// school, and taking one off a school. The same rules as the API (externals/api.cc).
#include <fmt/format.h>

#include "web/externals/externals.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::Role;
using nlohmann::json;

std::vector<Route> external_api_routes();  // externals/api.cc

json externals_section(Context& ctx) {
  store::ExternalMemberRepository repo(ctx.app.db);
  const bool board = ctx.who.role == Role::kBoardAdmin;
  json rows = json::array(), schools = json::array();
  std::vector<std::pair<Id, std::string>> manageable;
  for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id))
    if (domain::may_manage_externals_of(ctx.who, s.school.id, s.school.board_id)) {
      manageable.push_back({s.school.id, s.school.name});
      schools.push_back({{"id", s.school.id}, {"name", s.school.name}});
    }
  for (const auto& e : board ? repo.of_board(ctx.who.board_id) : repo.serving_school(ctx.who.school_id)) {
    json row = external_json(ctx, e);
    std::string names;
    json removable = json::array(), addable = json::array();
    for (const auto& s : row["schools"]) {
      names += (names.empty() ? "" : ", ") + s["name"].get<std::string>();
      for (const auto& [id, name] : manageable)
        if (id == s["id"].get<Id>()) removable.push_back({{"external_id", e.account.id}, {"id", id}, {"name", name}});
    }
    for (const auto& [id, name] : manageable)
      if (!e.serves(id)) addable.push_back({{"id", id}, {"name", name}});
    row["school_names"] = names.empty() ? "—" : names;
    row["removable"] = removable;
    row["addable"] = addable;
    row["has_addable"] = !addable.empty();
    row["deactivated"] = !e.account.active;
    rows.push_back(row);
  }
  return {{"externals", rows},
          {"has_externals", !rows.empty()},
          {"disciplines", disciplines_json()},
          {"external_schools", schools},
          {"choose_school", board}};
}

namespace {

Id id_field(Context& ctx, const std::string& name) {
  std::string v = ctx.req.field(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

Response invite_external_form(Context& ctx) {
  ExternalRequest r;
  r.name = ctx.req.field("name");
  r.discipline = ctx.req.field("discipline");
  r.organisation = ctx.req.field("organisation");
  r.school_id = school_of_externals(ctx, id_field(ctx, "school_id"));
  auto made = invite_external(ctx, r);
  if (auto* error = std::get_if<std::string>(&made))
    return accounts_page_with(ctx,
                              {{"external_error", *error},
                               {"external_form", {{"name", r.name}, {"organisation", r.organisation}}}},
                              400);
  return account_letters_page(ctx, {std::get<store::IssuedCode>(made)},
                              "Het externe zorgteamlid is uitgenodigd.");
}

Response add_existing_external(Context& ctx) {
  const Id school = school_of_externals(ctx, id_field(ctx, "school_id"));
  store::ExternalMemberRepository repo(ctx.app.db);
  auto e = repo.find_by_username(ctx.req.field("username"));
  if (!e || e->account.board_id != ctx.who.board_id)
    return accounts_page_with(
        ctx, {{"external_error", "Gebruikersnaam: geen extern zorgteamlid van het bestuur met deze gebruikersnaam."}}, 400);
  if (auto error = repo.add_school(e->account.id, school, ctx.who))
    return accounts_page_with(ctx, {{"external_error", *error}}, 400);
  return Response::redirect(ctx.with_notice(
      "/accounts#extern", fmt::format("{} werkt nu ook voor {}.", e->account.display_name,
                                      ctx.app.schools.find_school(school)->name)));
}

Response remove_external_school(Context& ctx) {
  store::ExternalMemberRepository repo(ctx.app.db);
  auto e = repo.find(ctx.id_param("id"));
  if (!e || e->account.board_id != ctx.who.board_id) refuse_not_found("dit zorgteamlid");
  const Id school = school_of_externals(ctx, ctx.id_param("school"));
  if (auto error = repo.remove_school(e->account.id, school, ctx.who))
    return accounts_page_with(ctx, {{"external_error", *error}}, 400);
  return Response::redirect(ctx.with_notice(
      "/accounts#extern", fmt::format("{} werkt niet meer voor {}; het account blijft bestaan.",
                                      e->account.display_name, ctx.app.schools.find_school(school)->name)));
}

}  // namespace

std::vector<Route> external_routes() {
  std::vector<Route> routes = external_api_routes();
  for (Route r : std::vector<Route>{
           {"POST", "/accounts/extern", Capability::kManageAccounts, invite_external_form},
           {"POST", "/accounts/extern/toevoegen", Capability::kManageAccounts, add_existing_external},
           {"POST", "/accounts/extern/:id/scholen/:school/verwijderen", Capability::kManageAccounts,
            remove_external_school},
       })
    routes.push_back(std::move(r));
  return routes;
}

}  // namespace koers::web
