// Beheer (board administration): the board's schools, accounts and EDEXML imports.
#include <fmt/format.h>

#include "store/external_member_repository.h"
#include "web/app.h"
#include "web/externals/externals.h"
#include "web/imports/imports.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Role;
using nlohmann::json;

// accounts/pages.cc: the letters with activation codes (and their e-mail through the relay).
nlohmann::json invitation_letters(Context& ctx, const std::vector<store::IssuedCode>& codes);

namespace {

json admin_model(Context& ctx) {
  json schools = json::array(), accounts = json::array(), staff = json::array(),
       roles = json::array();
  std::map<domain::Id, std::string> school_names;
  for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id)) {
    schools.push_back(school_json(s));
    school_names[s.school.id] = s.school.name;
    for (const auto& m : ctx.app.groups.staff_of_school(s.school.id))
      staff.push_back({{"id", m.id},
                       {"label", fmt::format("{} ({}, {})", m.name.display(),
                                             m.role.empty() ? "medewerker" : m.role, s.school.name)}});
  }
  store::ExternalMemberRepository externals(ctx.app.db);
  for (const auto& a : ctx.app.accounts.accounts_of_board(ctx.who.board_id)) {
    json row = account_json(a);
    row["school"] = a.school_id ? school_names[a.school_id] : "hele bestuur";
    if (auto e = a.role == Role::kCareTeamMember ? externals.find(a.id) : std::nullopt) {
      row["discipline"] = std::string(domain::discipline_info(e->discipline).label);
      row["organisation"] = e->organisation;
    }
    accounts.push_back(row);
  }
  for (Role r : {Role::kTeacher, Role::kSupportCoordinator, Role::kHead, Role::kCareTeamMember,
                 Role::kBoardAdmin, Role::kPrivacyOfficer})
    roles.push_back({{"key", std::string(domain::role_key(r))},
                     {"label", std::string(domain::role_label(r))}});
  return {{"schools", schools}, {"accounts", accounts}, {"staff", staff}, {"roles", roles},
          {"disciplines", disciplines_json()}};
}

Response admin_page(Context& ctx, json extra, int status = 200) {
  json model = admin_model(ctx);
  for (auto it = extra.begin(); it != extra.end(); ++it) model[it.key()] = it.value();
  return ctx.page("admin", "Beheer", model, status);
}

Response show_admin(Context& ctx) {
  json extra = json::object();
  extra["account_saved"] = ctx.notice_json("account");
  return admin_page(ctx, extra);
}

domain::Id id_field(Context& ctx, const std::string& name) {
  std::string v = ctx.req.field(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

Response add_account(Context& ctx) {
  store::NewAccount a;
  a.username = ctx.req.field("username");
  a.password = ctx.req.field("password");
  a.display_name = ctx.req.field("display_name");
  auto role = domain::role_from_key(ctx.req.field("role"));
  if (!role || *role == Role::kParent)
    return admin_page(ctx, {{"account_error", "Rol: kies een van de rollen in de lijst."}}, 400);
  a.role = *role;
  a.board_id = ctx.who.board_id;
  // The privacy officer works for the board: a school only when they are one of its staff.
  a.school_id = a.role == Role::kBoardAdmin ? 0 : id_field(ctx, "school_id");
  a.staff_id = id_field(ctx, "staff_id");
  // A care-team member is an external: with discipline and organisation, serving the school.
  auto made = a.role == Role::kCareTeamMember
                  ? store::ExternalMemberRepository(ctx.app.db)
                        .create({a, ctx.req.field("discipline"), ctx.req.field("organisation")}, ctx.who)
                  : ctx.app.accounts.create(a, ctx.who);
  if (auto* error = std::get_if<std::string>(&made))
    return admin_page(ctx,
                      {{"account_error", *error},
                       {"form", {{"username", a.username}, {"display_name", a.display_name},
                                 {"organisation", ctx.req.field("organisation")}}}},
                      400);
  return Response::redirect(ctx.with_notice("/beheer", "Account " + a.username + " is aangemaakt.", "account"));
}

// An upload, or (after the question who would leave) the same bytes carried back by the
// confirmation form.
Response import_page(Context& ctx) {
  auto file = ctx.req.files.find("file");
  std::string xml = file == ctx.req.files.end() ? "" : file->second.content;
  std::string name = file == ctx.req.files.end() ? "" : file->second.filename;
  if (file == ctx.req.files.end() && !ctx.req.field("file_data").empty()) {
    auto bytes = from_base64(ctx.req.field("file_data"));
    if (!bytes) throw HttpError{400, "Het veld 'file_data' is geen base64."};
    xml = std::move(*bytes);
    name = ctx.req.field("file_name");
  }
  const bool create_school = ctx.req.field("create_school") == "1";
  auto outcome = import_edexml_file(ctx, xml, name, create_school, ctx.req.field("school_name"),
                                    ctx.req.field("confirm_leavers") == "1");
  if (auto* error = std::get_if<io::ImportError>(&outcome))
    return admin_page(ctx,
                      {{"import_error", error->text()},
                       {"import_file", name}},
                      400);
  const auto& summary = std::get<store::EdexmlImportSummary>(outcome);
  if (summary.confirmation_needed)
    return admin_page(ctx,
                      {{"import_confirm",
                        {{"text", summary.text()},
                         {"pupils", would_leave_json(ctx, summary)},
                         {"count", summary.would_leave.size()},
                         {"file_data", to_base64(xml)},
                         {"create_school", create_school},
                         {"school_name", ctx.req.field("school_name")}}},
                       {"import_file", name}},
                      409);
  json incomplete = nullptr;  // the list shows only when there is something in it
  for (const auto& note : summary.incomplete) incomplete["lines"].push_back(note.text());
  json letters = summary.invitations.empty() ? json(nullptr) : invitation_letters(ctx, summary.invitations);
  return admin_page(ctx, {{"import_summary", summary.text()},
                          {"import_incomplete", incomplete},
                          {"letters", letters},
                          {"has_letters", !summary.invitations.empty()},
                          {"import_file", name}});
}

}  // namespace

std::vector<Route> admin_routes() {
  return {
      {"GET", "/beheer", Capability::kAdministerBoard, show_admin},
      {"POST", "/beheer/accounts", Capability::kAdministerBoard, add_account},
      {"POST", "/beheer/import", Capability::kAdministerBoard, import_page},
  };
}

}  // namespace koers::web
