// Groups ("Mijn groepen" / "Groepen"), a group's pupil list, and the school settings (with
// the mail server: its login kept sealed, never shown back; "Testmail versturen" tries it).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "io/mail.h"
#include "web/app.h"
#include "web/cases/cases.h"
#include "web/meetings/meetings.h"
#include "web/pupils/inzage.h"
#include "web/retention/retention.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

Response group_list(Context& ctx) {
  json groups = json::array();
  for (const domain::Group& g : visible_groups(ctx.app, ctx.who)) groups.push_back(group_json(g));
  bool teacher = ctx.who.role == domain::Role::kTeacher;
  std::string year;
  if (ctx.who.school_id)
    if (auto y = ctx.app.schools.current_school_year(ctx.who.school_id)) year = y->name;
  std::string title = teacher ? "Mijn groepen" : "Groepen";
  json model{{"title", title}, {"groups", groups}, {"empty", groups.empty()}, {"teacher", teacher}, {"school_year", year}};
  model["panels"] = start_panels(ctx);
  model["case_reminders"] = case_reminders_json(ctx);  // the IB's: cases to follow, consents
  model["dossier_requests"] = dossier_request_deadlines_json(ctx);  // the IB's: parents' requests, counting down
  model["retention_due"] = retention_due_json(ctx);                 // the IB's: dossiers due for deletion
  return ctx.page("groups", title, model);
}

Response group_page(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.group_in_view(id);
  auto group = ctx.app.groups.find(id);
  auto pupils = ctx.app.groups.pupils_of_group(id);
  View rows = View::list(pupils.size());
  std::vector<domain::Id> ids;
  for (const auto& p : pupils) {
    rows.push_back(pupil_row_view(p));
    ids.push_back(p.id);
  }
  ctx.audit_view(ids, "groepslijst " + group->name);
  View model = View::object(3);
  model["group"] = View::from_json(group_json(*group));
  model["empty"] = pupils.empty();
  model["pupils"] = std::move(rows);
  return ctx.page("group", group->label(), std::move(model));
}

// The choices for securing the connection to the mail server, the school's one selected.
json security_options(io::MailSecurity selected) {
  json out = json::array();
  for (auto s : {io::MailSecurity::kStartTls, io::MailSecurity::kImplicitTls, io::MailSecurity::kNone})
    out.push_back({{"value", io::security_key(s)},
                   {"label", fmt::format("{} (poort {})", io::security_label(s), io::default_port(s))},
                   {"selected", s == selected}});
  return out;
}

json settings_model(Context& ctx, const std::string& error, const store::SchoolSettings* sent) {
  auto school = ctx.app.schools.find_school(ctx.who.school_id);
  auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
  std::vector<domain::Period> periods =
      sent ? sent->periods
           : (year ? ctx.app.schools.periods(ctx.who.school_id, year->id) : std::vector<domain::Period>{});
  const store::MailSettings mail = sent ? sent->mail : ctx.app.schools.mail_settings(ctx.who.school_id);
  json rows = json::array();
  for (size_t i = 0; i < std::max<size_t>(periods.size(), 3) + (sent ? 0 : 1); ++i) {
    json row{{"index", i + 1}, {"name", ""}, {"starts_on", ""}, {"ends_on", ""}};
    if (i < periods.size()) {
      row["name"] = periods[i].name;
      row["starts_on"] = periods[i].starts_on.valid() ? periods[i].starts_on.iso() : "";
      row["ends_on"] = periods[i].ends_on.valid() ? periods[i].ends_on.iso() : "";
    }
    rows.push_back(row);
  }
  return {{"name", sent ? sent->name : school->name},
          {"place", sent ? sent->place : school->place},
          {"brin", school->brin},
          {"dependance", school->dependance},
          {"school_year", year ? year->name : ""},
          {"periods", rows},
          {"smtp_host", mail.smtp_host},
          {"smtp_port", mail.smtp_port > 0 && (sent || !mail.smtp_host.empty()) ? std::to_string(mail.smtp_port) : ""},
          {"mail_from", mail.mail_from},
          {"smtp_security", security_options(mail.security)},
          {"smtp_username", mail.username},
          {"has_password", !sent && mail.has_password},
          {"password_problem", sent || mail.password_problem.empty() ? json(nullptr) : json(mail.password_problem)},
          {"testmail_to", mail.mail_from},
          {"error", error.empty() ? json(nullptr) : json(error)},
          {"saved", ctx.req.query.count("opgeslagen") > 0}};
}

Response show_settings(Context& ctx) {
  return ctx.page("settings", "Schoolinstellingen", settings_model(ctx, "", nullptr));
}

Response save_settings(Context& ctx) {
  store::SchoolSettings in{ctx.req.field("name"), ctx.req.field("place"), {}, {}};
  in.mail.smtp_host = ctx.req.field("smtp_host");
  in.mail.mail_from = ctx.req.field("mail_from");
  const std::string port = ctx.req.field("smtp_port");
  in.mail.smtp_port = port.empty() ? 0  // the usual port for the security chosen
                      : std::all_of(port.begin(), port.end(), ::isdigit) && port.size() < 6 ? std::stoi(port)
                                                                                            : -1;
  const std::string security = ctx.req.field("smtp_security");
  const auto parsed = io::parse_security(security.empty() ? "starttls" : security);
  if (!parsed) throw HttpError{400, "Beveiliging: kies STARTTLS, TLS of geen versleuteling."};
  in.mail.security = *parsed;
  in.mail.username = ctx.req.field("smtp_username");
  in.mail.password = ctx.req.field("smtp_password");  // empty: keep the stored one
  in.mail.forget_password = ctx.req.field("smtp_password_forget") == "1";
  for (int i = 1; i <= 12; ++i) {
    std::string name = ctx.req.field(fmt::format("period_{}_name", i));
    std::string from = ctx.req.field(fmt::format("period_{}_starts_on", i));
    std::string to = ctx.req.field(fmt::format("period_{}_ends_on", i));
    if (name.empty() && from.empty() && to.empty()) continue;
    domain::Period p;
    p.name = name;
    p.starts_on = domain::parse_iso_date(from).value_or(domain::Date{});
    p.ends_on = domain::parse_iso_date(to).value_or(domain::Date{});
    in.periods.push_back(p);
  }
  if (auto error = ctx.app.schools.save_settings(ctx.who.school_id, in, ctx.who))
    return ctx.page("settings", "Schoolinstellingen", settings_model(ctx, *error, &in), 400);
  return Response::redirect("/school/instellingen?opgeslagen=1");
}

// "Testmail versturen": sends a short message through the saved settings, now, and shows
// the head what the server said (in Dutch) on the settings page; the outcome is logged.
Response send_test_mail(Context& ctx) {
  const std::string to = ctx.req.field("testmail_to");
  const store::MailSettings mail = ctx.app.schools.mail_settings(ctx.who.school_id);
  std::optional<std::string> error;
  if (mail.smtp_host.empty())
    error = "vul eerst een SMTP-server in en sla de instellingen op.";
  else if (to.find('@') == std::string::npos || to.find_first_of(" <>,;\r\n") != std::string::npos)
    error = "bij Testmail aan hoort een e-mailadres, bijvoorbeeld ib@school.nl.";
  else if (!mail.password_problem.empty())
    error = mail.password_problem;
  io::MailServer server = store::SchoolRepository::mail_server(mail);
  server.client_name = public_host(ctx.app.options.public_url);
  server.ca_file = ctx.app.options.smtp_ca_file;
  const std::string via = fmt::format("{}:{} ({}{})", mail.smtp_host, mail.smtp_port, io::security_label(mail.security),
                                      mail.username.empty() ? "" : ", ingelogd als " + mail.username);
  if (!error) {
    io::MailMessage m;
    m.from = mail.mail_from;
    m.to = {to};
    m.subject = "Koers: testmail";
    m.body = fmt::format(
        "Deze testmail laat zien dat Koers e-mail kan versturen via {}.\n\n"
        "Verstuurd vanuit de schoolinstellingen door {}.\n",
        via, ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name);
    error = io::send_mail(server, m);
  }
  std::cerr << fmt::format("testmail school {} aan {} via {}: {}\n", ctx.who.school_id, to, via,
                           error ? "niet verstuurd: " + *error : "verstuurd");
  json model = settings_model(ctx, "", nullptr);
  model["testmail_to"] = to;
  if (error) model["testmail_error"] = "Testmail niet verstuurd: " + *error;
  else model["testmail_sent"] = fmt::format("Testmail verstuurd aan {} via {}. De server heeft hem aangenomen; kijk of hij aankomt.", to, via);
  return ctx.page("settings", "Schoolinstellingen", model, error ? 502 : 200);
}

}  // namespace

std::vector<Route> school_routes() {
  return {
      {"GET", "/groepen", Capability::kSeeGroups, group_list},
      {"GET", "/groepen/:id", Capability::kSeeGroups, group_page},
      {"GET", "/school/instellingen", Capability::kEditSchoolSettings, show_settings},
      {"POST", "/school/instellingen", Capability::kEditSchoolSettings, save_settings},
      {"POST", "/school/instellingen/testmail", Capability::kEditSchoolSettings, send_test_mail},
  };
}

}  // namespace koers::web
