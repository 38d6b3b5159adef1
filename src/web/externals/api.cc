// External care-team members over the API, for the IB (own school) and the board
// administrator (every school of the board): GET /api/v1/externals?school= lists those
// serving a school (what the care-team case uses to invite them; deactivated ones too, with
// their state; &diagnostic=1 only those who may do HGD); POST /api/v1/externals
// invites a new one with discipline and organisation; POST/DELETE
// /api/v1/externals/{id}/schools[/{school}] adds one to a school or takes it off; PUT
// /api/v1/externals/{id} sets discipline and organisation (both; an absent one is empty). GET /api/v1/disciplines lists
// the disciplines. Refusals name the field; another school answers as one that does not exist.
#include <fmt/format.h>

#include "io/json_fields.h"
#include "web/externals/externals.h"
#include "web/request_input.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::Role;
using nlohmann::json;

Id school_of_externals(Context& ctx, Id id) {
  if (id == 0) id = ctx.who.school_id;
  auto school = id ? ctx.app.schools.find_school(id) : std::nullopt;
  if (!school || !domain::may_manage_externals_of(ctx.who, school->id, school->board_id)) refuse_not_found("deze school");
  return school->id;
}

json disciplines_json(const std::string& selected) {
  json out = json::array();
  for (const auto& d : domain::all_disciplines())
    out.push_back({{"key", std::string(d.key)},
                   {"label", std::string(d.label)},
                   {"diagnostic", d.diagnostic},
                   {"selected", d.key == selected}});
  return out;
}

json external_json(Context& ctx, const store::ExternalMember& e) {
  const auto& d = domain::discipline_info(e.discipline);
  json schools = json::array();
  for (Id id : e.school_ids)
    if (auto s = ctx.app.schools.find_school(id)) schools.push_back({{"id", s->id}, {"name", s->name}});
  return {{"id", e.account.id},
          {"username", e.account.username},
          {"name", e.account.display_name},
          {"discipline", {{"key", std::string(d.key)}, {"label", std::string(d.label)}, {"diagnostic", d.diagnostic}}},
          {"organisation", e.organisation},
          {"state", store::account_state_label(e.account.state())},
          {"active", e.account.active},
          {"schools", schools}};
}

std::variant<store::IssuedCode, std::string> invite_external(Context& ctx, const ExternalRequest& r) {
  store::NewExternal e;
  e.account.display_name = r.name;
  e.account.board_id = ctx.who.board_id;
  e.account.school_id = r.school_id;
  e.account.username = r.username;
  if (e.account.username.empty() && !r.name.empty()) {
    // "Ingrid Smit" → i.smit; "Karim el Amrani" → k.elamrani.
    const auto first = r.name.find(' ');
    e.account.username = first == std::string::npos ? ctx.app.accounts.free_username("", "", r.name)
                                                    : ctx.app.accounts.free_username(r.name.substr(0, first), "",
                                                                                     r.name.substr(first + 1));
  }
  e.discipline = r.discipline;
  e.organisation = r.organisation;
  return store::ExternalMemberRepository(ctx.app.db).invite(e, ctx.who);
}

namespace {

// The external of the path's id as the caller sees it: beheer every external of the board, an
// IB those serving their school (or made for it); 404 for any other account. To add one to
// their own school an IB may name any external of the board (the page does so by user name).
store::ExternalMember external_in_view(Context& ctx, bool any_of_board = false) {
  auto e = store::ExternalMemberRepository(ctx.app.db).find(ctx.id_param("id"));
  if (!e || e->account.board_id != ctx.who.board_id) refuse_not_found("dit zorgteamlid");
  const bool visible = ctx.who.role == Role::kBoardAdmin || e->serves(ctx.who.school_id) ||
                       (ctx.who.school_id && e->account.school_id == ctx.who.school_id);
  if (!visible && !any_of_board) refuse_not_found("dit zorgteamlid");
  return *e;
}

Response list_externals(Context& ctx) {
  store::ExternalMemberRepository repo(ctx.app.db);
  json out = json::array();
  const bool whole_board = ctx.who.role == Role::kBoardAdmin && ctx.query("school").empty();
  const Id school = whole_board ? 0 : school_of_externals(ctx, ctx.number_query("school"));
  // ?diagnostic=1: only those who may do HGD (the expert of an HGD request).
  const bool diagnostic_only = ctx.query("diagnostic") == "1";
  for (const auto& e : whole_board ? repo.of_board(ctx.who.board_id) : repo.serving_school(school))
    if (!diagnostic_only || domain::discipline_info(e.discipline).diagnostic) out.push_back(external_json(ctx, e));
  return Response::json(json{{"school_id", school ? json(school) : json(nullptr)}, {"externals", out}}.dump());
}

Response list_disciplines(Context&) { return Response::json(json{{"disciplines", disciplines_json()}}.dump()); }

Response create_external(Context& ctx) {
  json in = json_object_body(ctx.req);
  ExternalRequest r;
  r.name = io::text_field(in, "name", "");
  r.username = io::text_field(in, "username", "");
  r.discipline = io::text_field(in, "discipline", "");
  r.organisation = io::text_field(in, "organisation", "");
  r.school_id = school_of_externals(ctx, io::integer_field(in, "school_id", ""));
  auto made = invite_external(ctx, r);
  if (auto* error = std::get_if<std::string>(&made)) throw HttpError{400, *error};
  const auto& code = std::get<store::IssuedCode>(made);
  json out = external_json(ctx, *store::ExternalMemberRepository(ctx.app.db).find(code.account_id));
  // The activation code as the letter would show it: given once, to hand over.
  out["activation"] = {{"code", code.code}, {"expires_at", code.expires_at}};
  return Response::json(out.dump(), 201);
}

Response add_school(Context& ctx) {
  store::ExternalMember e = external_in_view(ctx, true);
  json in = json_object_body(ctx.req);
  const Id school = school_of_externals(ctx, io::integer_field(in, "school_id", ""));
  if (auto error = store::ExternalMemberRepository(ctx.app.db).add_school(e.account.id, school, ctx.who))
    throw HttpError{400, *error};
  return Response::json(external_json(ctx, *store::ExternalMemberRepository(ctx.app.db).find(e.account.id)).dump());
}

Response remove_school(Context& ctx) {
  store::ExternalMember e = external_in_view(ctx);
  const Id school = school_of_externals(ctx, ctx.id_param("school"));
  if (auto error = store::ExternalMemberRepository(ctx.app.db).remove_school(e.account.id, school, ctx.who))
    throw HttpError{400, *error};
  return Response::json(external_json(ctx, *store::ExternalMemberRepository(ctx.app.db).find(e.account.id)).dump());
}

Response update_external(Context& ctx) {
  store::ExternalMember e = external_in_view(ctx);
  // The profile is the account's: whoever manages the account (its school's IB, beheer).
  if (!domain::may_manage_account(ctx.who, e.account.scope()))
    throw HttpError{403, "Alleen de intern begeleider van de school van dit account of de beheerder wijzigt het."};
  json in = json_object_body(ctx.req);
  if (auto error = store::ExternalMemberRepository(ctx.app.db)
                       .update_profile(e.account.id, io::text_field(in, "discipline", ""),
                                       io::text_field(in, "organisation", ""), ctx.who))
    throw HttpError{400, *error};
  return Response::json(external_json(ctx, *store::ExternalMemberRepository(ctx.app.db).find(e.account.id)).dump());
}

}  // namespace

std::vector<Route> external_api_routes() {
  return {
      {"GET", "/api/v1/disciplines", Capability::kSignedIn, list_disciplines},
      {"GET", "/api/v1/externals", Capability::kManageAccounts, list_externals},
      {"POST", "/api/v1/externals", Capability::kManageAccounts, create_external},
      {"PUT", "/api/v1/externals/:id", Capability::kManageAccounts, update_external},
      {"POST", "/api/v1/externals/:id/schools", Capability::kManageAccounts, add_school},
      {"DELETE", "/api/v1/externals/:id/schools/:school", Capability::kManageAccounts, remove_school},
  };
}

}  // namespace koers::web
