// Accounts for the whole team (issue 12 §2): activating an account or setting a new password
// with a one-time code (public, braked per address), Mijn account (own password, two-factor
// sign-in), and the Accounts page of the IB (own school) and the board administrator (the
// board): the list with role, groups, state and last login; invite, reset, change role,
// deactivate, and the school's two-factor setting. Letters with codes are shown once, to print;
// with a mail relay set and an address known they also go by e-mail.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <thread>

#include "common/totp.h"
#include "io/mail.h"
#include "web/app.h"
#include "web/externals/externals.h"
#include "web/parents/parents.h"
#include "web/session/login.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::Role;
using nlohmann::json;

namespace {

// --- Activation and reset with a code (no login).

Response activation_form(Context& ctx, const std::string& error, int status = 200) {
  json model{{"error", error.empty() ? json(nullptr) : json(error)},
             {"code", ctx.req.field("code").empty() ? ctx.query("code") : ctx.req.field("code")}};
  json layout{{"title", "Account activeren"},
              {"content", ctx.app.views.render("activate", model)},
              {"signed_in", false}};
  return Response::html(ctx.app.views.render("layout", layout), status);
}

Response show_activation(Context& ctx) { return activation_form(ctx, ""); }

Response submit_activation(Context& ctx) {
  const auto now = std::chrono::system_clock::now();
  const std::string key = "ip:" + (ctx.req.remote_ip.empty() ? std::string("onbekend") : ctx.req.remote_ip);
  if (long long wait = ctx.app.sessions.seconds_blocked(key, now); wait > 0)
    return activation_form(ctx, fmt::format("Te veel verkeerde pogingen. Probeer het over {} seconden opnieuw.", wait), 429)
        .header("Retry-After", std::to_string(wait));
  const std::string password = ctx.req.field("password");
  if (password != ctx.req.field("password2"))
    return activation_form(ctx, "Herhaal wachtwoord: is niet gelijk aan het wachtwoord.", 400);
  auto done = ctx.app.accounts.redeem_code(ctx.req.field("code"), password, now);
  if (auto* error = std::get_if<std::string>(&done)) {
    if (error->rfind("Code", 0) == 0) ctx.app.sessions.record_failure(key, now, kFreeFailuresPerAddress);
    return activation_form(ctx, *error, 400);
  }
  return Response::redirect("/inloggen?geactiveerd=1");
}

// --- Letters with codes, and the e-mail beside them.

// The children a parent's account opens, in words for the letter: "uw kind Sanne de Vries",
// "uw kinderen Sanne de Vries en Tim de Vries"; "" for staff or a guardian without children.
std::string children_text(Context& ctx, const store::Account& a) {
  if (a.role != domain::Role::kParent || !a.guardian_id) return "";
  const auto ids = ctx.app.accounts.principal(a).child_ids;
  std::vector<std::string> names;
  for (const auto& p : ctx.app.pupils.children_of_guardian(a.guardian_id))
    if (std::find(ids.begin(), ids.end(), p.id) != ids.end()) names.push_back(p.name.display());
  if (names.empty()) return "";
  std::string list = names.front();
  for (size_t i = 1; i < names.size(); ++i) list += (i + 1 == names.size() ? " en " : ", ") + names[i];
  return (names.size() == 1 ? "uw kind " : "uw kinderen ") + list;
}

json letter_json(Context& ctx, const store::IssuedCode& c) {
  std::string school, children;
  if (auto a = ctx.app.accounts.find(c.account_id); a && a->school_id) {
    if (auto s = ctx.app.schools.find_school(a->school_id)) school = s->name;
    children = children_text(ctx, *a);
  }
  const std::string where = ctx.app.options.public_url.empty() ? "Koers, via 'Account activeren' op de inlogpagina"
                                                                : ctx.app.options.public_url + "/activeren";
  return {{"name", c.display_name},
          {"username", c.username},
          {"code", c.code},
          {"activation", c.purpose == "activation"},
          {"expires", display_time(c.expires_at)},
          {"where", where},
          {"school", school},
          {"letter_children", children.empty() ? json(nullptr) : json(children)}};
}

// The address the administration has for the account's owner: a staff member's, a guardian's.
std::string staff_email(Context& ctx, Id account_id) {
  auto a = ctx.app.accounts.find(account_id);
  if (a && a->guardian_id && a->school_id)
    if (auto g = ctx.app.pupils.find_guardian(a->guardian_id); g && g->school_id == a->school_id) return g->email;
  if (!a || !a->staff_id || !a->school_id) return "";
  for (const auto& m : ctx.app.groups.staff_of_school(a->school_id))
    if (m.id == a->staff_id) return m.email;
  return "";
}

// Sends the letter's text through the school's relay, beside the request; false when there is
// no relay or no address (the printed letter is then the only way).
bool mail_letter(Context& ctx, Id school_id, const std::string& address, const json& letter) {
  if (address.empty() || address.find('@') == std::string::npos || !school_id) return false;
  const store::MailSettings mail = ctx.app.schools.mail_settings(school_id);
  if (mail.smtp_host.empty()) return false;
  io::MailMessage m;
  m.from = mail.mail_from;
  m.to = {address};
  m.subject = letter["activation"].get<bool>() ? "Koers: uw account activeren" : "Koers: nieuw wachtwoord instellen";
  m.body = fmt::format(
      "Beste {},\n\n{}{}\n\nGebruikersnaam: {}\nCode: {}\nGeldig tot: {}\n\nGa naar {}, typ de code en kies een "
      "wachtwoord van minstens 10 tekens. De code werkt één keer.\n\nHeeft u hier niet om gevraagd? Meld het dan bij "
      "de "
      "intern begeleider of de beheerder.\n",
      letter["name"].get<std::string>(),
      letter["activation"].get<bool>() ? "Er staat een account voor u klaar in Koers."
                                       : "Er is een code gemaakt om een nieuw wachtwoord voor Koers in te stellen.",
      letter["letter_children"].is_string()
          ? " Met dit account ziet u wat de school deelt over " + letter["letter_children"].get<std::string>() + "."
          : std::string(),
      letter["username"].get<std::string>(), letter["code"].get<std::string>(), letter["expires"].get<std::string>(),
      letter["where"].get<std::string>());
  const std::string client = public_host(ctx.app.options.public_url);
  std::thread([mail, m, client] {
    if (auto error = io::send_mail(mail.smtp_host, mail.smtp_port, m, 10, client))
      std::cerr << "e-mail met de code niet verstuurd: " << *error << "\n";
  }).detach();
  return true;
}

Response letters_page(Context& ctx, const std::vector<store::IssuedCode>& codes, const std::string& lead) {
  json letters = json::array();
  int mailed = 0;
  for (const auto& c : codes) {
    json l = letter_json(ctx, c);
    auto a = ctx.app.accounts.find(c.account_id);
    if (a && mail_letter(ctx, a->school_id, staff_email(ctx, c.account_id), l)) {
      l["mailed"] = true;
      ++mailed;
    }
    letters.push_back(l);
  }
  return ctx.page("account_letters", "Brieven met codes",
                  {{"letters", letters}, {"lead", lead}, {"mailed", mailed ? json(mailed) : json(nullptr)}});
}

// --- Mijn account.

json my_account_model(Context& ctx) {
  auto a = ctx.app.accounts.find(ctx.who.account_id);
  const bool required = ctx.app.accounts.two_factor_required(*a);
  json model{{"username", a->username},
             {"display_name", a->display_name},
             {"role_label", std::string(domain::role_label(a->role))},
             {"last_login", a->last_login_at.empty() ? "—" : display_time(a->last_login_at)},
             {"totp_on", a->totp_enabled},
             {"required", required},
             {"must_enrol", required && !a->totp_enabled},
             {"recovery_left", ctx.app.accounts.recovery_codes_left(a->id)}};
  if (!a->totp_enabled && !a->totp_secret.empty() && ctx.query("tweestap") == "instellen") {
    std::string issuer = "Koers";
    model["enrol"] = {{"secret", a->totp_secret},
                      {"uri", fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&digits=6&period=30", issuer,
                                          url_encode(a->username), a->totp_secret, issuer)}};
  }
  return model;
}

Response my_account_page(Context& ctx, json extra, int status = 200) {
  json model = my_account_model(ctx);
  for (auto it = extra.begin(); it != extra.end(); ++it) model[it.key()] = it.value();
  if (auto n = ctx.notice("melding")) model["saved"] = *n;
  return ctx.page("my_account", "Mijn account", model, status);
}

Response show_my_account(Context& ctx) { return my_account_page(ctx, json::object()); }

Response change_my_password(Context& ctx) {
  if (ctx.req.field("password") != ctx.req.field("password2"))
    return my_account_page(ctx, {{"password_error", "Herhaal nieuw wachtwoord: is niet gelijk aan het nieuwe wachtwoord."}}, 400);
  if (auto error = ctx.app.accounts.change_password(ctx.who.account_id, ctx.req.field("current"),
                                                    ctx.req.field("password"), ctx.who))
    return my_account_page(ctx, {{"password_error", *error}}, 400);
  return Response::redirect(ctx.with_notice("/account", "Uw wachtwoord is gewijzigd."));
}

Response two_factor(Context& ctx) {
  const std::string step = ctx.req.field("stap");
  if (step == "aanzetten") {
    ctx.app.accounts.start_two_factor(ctx.who.account_id);
    return Response::redirect("/account?tweestap=instellen#tweestap");
  }
  if (step == "bevestigen") {
    auto done = ctx.app.accounts.confirm_two_factor(ctx.who.account_id, ctx.req.field("code"),
                                                     std::chrono::system_clock::now(), ctx.who);
    if (auto* error = std::get_if<std::string>(&done)) {
      ctx.req.query["tweestap"] = "instellen";
      return my_account_page(ctx, {{"totp_error", *error}}, 400);
    }
    return my_account_page(ctx, {{"recovery_codes", std::get<std::vector<std::string>>(done)}, {"has_recovery_codes", true}});
  }
  if (step == "uitzetten") {
    if (auto error = ctx.app.accounts.disable_two_factor(ctx.who.account_id, ctx.req.field("password"), ctx.who))
      return my_account_page(ctx, {{"totp_error", *error}}, 400);
    return Response::redirect(ctx.with_notice("/account", "Tweestapsverificatie staat uit."));
  }
  throw HttpError{400, "Stap: onbekend."};
}

// --- Accounts (IB: own school; board administrator: the board).

std::vector<store::Account> accounts_in_view(Context& ctx) {
  return ctx.who.role == Role::kBoardAdmin ? ctx.app.accounts.accounts_of_board(ctx.who.board_id)
                                           : ctx.app.accounts.accounts_of_school(ctx.who.school_id);
}

store::Account account_in_view(Context& ctx) {
  auto a = ctx.app.accounts.find(ctx.id_param("id"));
  if (!a || !domain::may_manage_account(ctx.who, a->scope())) refuse_not_found("dit account");
  return *a;
}

json accounts_model(Context& ctx) {
  json rows = json::array(), roles = json::array(), schools = json::array(), staff = json::array();
  std::map<Id, std::string> school_names;
  std::map<Id, std::vector<std::string>> groups_of_staff;
  std::vector<std::pair<Id, std::string>> staff_rows;
  for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id)) {
    if (ctx.who.role != Role::kBoardAdmin && s.school.id != ctx.who.school_id) continue;
    school_names[s.school.id] = s.school.name;
    schools.push_back({{"id", s.school.id},
                       {"name", s.school.name},
                       {"required", ctx.app.accounts.school_requires_two_factor(s.school.id)}});
    auto year = ctx.app.schools.current_school_year(s.school.id);
    for (const auto& m : ctx.app.groups.staff_of_school(s.school.id)) {
      if (year)
        for (const auto& g : ctx.app.groups.groups_by_ids(ctx.app.groups.group_ids_of_staff(m.id, year->id)))
          groups_of_staff[m.id].push_back(g.name);
      staff_rows.push_back({m.id, fmt::format("{} ({})", m.name.display(), s.school.name)});
    }
  }
  const auto listed = accounts_in_view(ctx);
  store::ExternalMemberRepository externals(ctx.app.db);
  std::set<Id> with_account;
  for (const auto& a : listed)
    if (a.staff_id) with_account.insert(a.staff_id);
  for (const auto& [id, label] : staff_rows)
    if (!with_account.count(id)) staff.push_back({{"id", id}, {"label", label}});
  for (const auto& a : listed) {
    if (a.role == Role::kParent) continue;  // parents' accounts come with the guardians, not here
    json row = account_json(a);
    row["school"] = a.school_id ? school_names[a.school_id] : "hele bestuur";
    std::string groups;
    for (const auto& g : groups_of_staff[a.staff_id]) groups += (groups.empty() ? "" : ", ") + g;
    row["groups"] = groups.empty() ? "—" : groups;
    if (auto e = a.role == Role::kCareTeamMember ? externals.find(a.id) : std::nullopt) {
      row["discipline"] = std::string(domain::discipline_info(e->discipline).label);
      row["organisation"] = e->organisation;
    }
    row["state"] = store::account_state_label(a.state());
    row["deactivated"] = !a.active;
    row["last_login"] = a.last_login_at.empty() ? "nooit" : display_time(a.last_login_at);
    row["totp"] = a.totp_enabled;
    row["manageable"] = domain::may_manage_account(ctx.who, a.scope()) && a.id != ctx.who.account_id;
    json options = json::array();
    for (Role r : {Role::kTeacher, Role::kSupportCoordinator, Role::kHead, Role::kCareTeamMember,
                   Role::kPrivacyOfficer})
      if (domain::may_assign_role(ctx.who, r))
        options.push_back({{"key", std::string(domain::role_key(r))},
                           {"label", std::string(domain::role_label(r))},
                           {"selected", r == a.role}});
    row["role_options"] = a.role == Role::kBoardAdmin ? json::array() : options;
    row["has_role_options"] = a.role != Role::kBoardAdmin && !options.empty();
    rows.push_back(row);
  }
  for (Role r : {Role::kTeacher, Role::kSupportCoordinator, Role::kHead, Role::kCareTeamMember,
                 Role::kPrivacyOfficer})
    if (domain::may_assign_role(ctx.who, r))
      roles.push_back({{"key", std::string(domain::role_key(r))}, {"label", std::string(domain::role_label(r))}});
  json model{{"accounts", rows}, {"roles", roles}, {"schools", schools}, {"staff", staff}, {"has_staff", !staff.empty()},
             {"board", ctx.who.role == Role::kBoardAdmin}};
  model.update(externals_section(ctx));
  model.update(parent_accounts_section(ctx));  // web/parents
  return model;
}

Response accounts_page(Context& ctx, json extra, int status = 200) {
  json model = accounts_model(ctx);
  for (auto it = extra.begin(); it != extra.end(); ++it) model[it.key()] = it.value();
  if (auto n = ctx.notice("melding")) model["saved"] = *n;
  model["wide"] = true;
  return ctx.page("accounts", "Accounts", model, status);
}

Response show_accounts(Context& ctx) { return accounts_page(ctx, json::object()); }

Response reset_account(Context& ctx) {
  store::Account a = account_in_view(ctx);
  auto issued = ctx.app.accounts.issue_reset(a.id, ctx.who);
  if (auto* error = std::get_if<std::string>(&issued)) return accounts_page(ctx, {{"error", *error}}, 400);
  const auto& code = std::get<store::IssuedCode>(issued);
  return letters_page(ctx, {code},
                      code.purpose == "activation" ? "Een nieuwe activatiecode; eerdere codes van dit account werken niet meer."
                                                   : "Een herstelcode voor het wachtwoord; eerdere codes van dit account werken niet meer.");
}

Response change_role(Context& ctx) {
  store::Account a = account_in_view(ctx);
  auto role = domain::role_from_key(ctx.req.field("role"));
  if (!role || !domain::may_assign_role(ctx.who, *role))
    return accounts_page(ctx, {{"error", "Rol: kies een van de rollen in de lijst."}}, 400);
  if (auto error = ctx.app.accounts.change_role(a.id, *role, ctx.who)) return accounts_page(ctx, {{"error", *error}}, 400);
  return Response::redirect(ctx.with_notice("/accounts", fmt::format("De rol van {} is nu {}.", a.username,
                                                                     domain::role_label(*role))));
}

Response deactivate_account(Context& ctx) {
  store::Account a = account_in_view(ctx);
  if (auto error = ctx.app.accounts.deactivate(a.id, ctx.who)) return accounts_page(ctx, {{"error", *error}}, 400);
  return Response::redirect(ctx.with_notice("/accounts", fmt::format("{} is gedeactiveerd; eventuele sessies zijn beëindigd.",
                                                                     a.username)));
}

Id id_field(Context& ctx, const std::string& name) {
  std::string v = ctx.req.field(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

Response invite_account(Context& ctx) {
  const Id staff_id = id_field(ctx, "staff_id");
  auto role = domain::role_from_key(ctx.req.field("role"));
  if (!role || !domain::may_assign_role(ctx.who, *role) || *role == Role::kBoardAdmin)
    return accounts_page(ctx, {{"error", "Rol: kies een van de rollen in de lijst."}}, 400);
  std::optional<domain::StaffMember> member;
  for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id)) {
    if (ctx.who.role != Role::kBoardAdmin && s.school.id != ctx.who.school_id) continue;
    for (const auto& m : ctx.app.groups.staff_of_school(s.school.id))
      if (m.id == staff_id) member = m;
  }
  if (!member) return accounts_page(ctx, {{"error", "Medewerker: kies een medewerker van uw school uit de lijst."}}, 400);
  store::NewAccount a;
  a.role = *role;
  a.display_name = member->name.display();
  a.board_id = ctx.who.board_id;
  a.school_id = member->school_id;
  a.staff_id = member->id;
  a.username = ctx.app.accounts.free_username(member->name.given, member->name.prefix, member->name.surname);
  auto made = ctx.app.accounts.invite(a, ctx.who);
  if (auto* error = std::get_if<std::string>(&made)) return accounts_page(ctx, {{"error", *error}}, 400);
  return letters_page(ctx, {std::get<store::IssuedCode>(made)}, "Het account is uitgenodigd.");
}

Response set_two_factor_required(Context& ctx) {
  const Id school = id_field(ctx, "school_id");
  auto found = school ? ctx.app.schools.find_school(school) : std::nullopt;
  if (!found || found->board_id != ctx.who.board_id || (ctx.who.role != Role::kBoardAdmin && school != ctx.who.school_id))
    refuse_not_found("deze school");
  const bool required = ctx.req.field("required") == "1";
  ctx.app.accounts.set_school_requires_two_factor(school, required, ctx.who);
  return Response::redirect(ctx.with_notice(
      "/accounts", required ? "Tweestapsverificatie is nu verplicht voor IB, directeur en zorgteam van " + found->name + "."
                            : "Tweestapsverificatie is niet meer verplicht op " + found->name + "."));
}

}  // namespace

Response accounts_page_with(Context& ctx, json extra, int status) { return accounts_page(ctx, std::move(extra), status); }

Response account_letters_page(Context& ctx, const std::vector<store::IssuedCode>& codes, const std::string& lead) {
  return letters_page(ctx, codes, lead);
}

// Letters for accounts the EDEXML import invited (admin/pages.cc shows them after an import).
nlohmann::json invitation_letters(Context& ctx, const std::vector<store::IssuedCode>& codes) {
  json letters = json::array();
  for (const auto& c : codes) {
    json l = letter_json(ctx, c);
    auto a = ctx.app.accounts.find(c.account_id);
    if (a && mail_letter(ctx, a->school_id, staff_email(ctx, c.account_id), l)) l["mailed"] = true;
    letters.push_back(l);
  }
  return letters;
}

std::vector<Route> account_routes() {
  return {
      {"GET", "/activeren", Capability::kSignedIn, show_activation, true},
      {"POST", "/activeren", Capability::kSignedIn, submit_activation, true},
      {"GET", "/account", Capability::kSignedIn, show_my_account},
      {"POST", "/account/wachtwoord", Capability::kSignedIn, change_my_password},
      {"POST", "/account/tweestap", Capability::kSignedIn, two_factor},
      {"GET", "/accounts", Capability::kManageAccounts, show_accounts},
      {"POST", "/accounts/uitnodigen", Capability::kManageAccounts, invite_account},
      {"POST", "/accounts/tweestap-verplicht", Capability::kManageAccounts, set_two_factor_required},
      {"POST", "/accounts/:id/herstelcode", Capability::kManageAccounts, reset_account},
      {"POST", "/accounts/:id/rol", Capability::kManageAccounts, change_role},
      {"POST", "/accounts/:id/deactiveren", Capability::kManageAccounts, deactivate_account},
  };
}

}  // namespace koers::web
