// The Koers web application: one entry point, handle(), through which every request
// passes. It finds the route, loads the session, checks the route's Capability and the
// CSRF token, and turns refusals into 401/403/404 pages or JSON. Handlers then check
// each pupil or group they touch through Context (which asks domain::access_policy).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/group_repository.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"
#include "store/session_repository.h"
#include "web/http.h"
#include "web/metrics.h"
#include "web/overview/lines_cache.h"
#include "web/static_files.h"
#include "web/views.h"

namespace koers::web {

struct AppOptions {
  std::string templates_dir;
  std::string static_dir;
  store::SessionLimits session_limits;
  bool secure_cookies = false;  // set when served behind HTTPS
  // The address users reach Koers by ("https://koers.school.nl"), without a trailing slash:
  // every link that leaves Koers (e-mail, calendar) is built from it, never from a request's
  // Host header. Empty: links are left out.
  std::string public_url;
  // The file with the key that seals SMTP passwords (store/secret_key.h); empty: passwords
  // cannot be saved. main() defaults it beside a SQLite database.
  std::string secret_key_file;
  // A PEM file of CAs to trust for the SMTP server instead of the system's (a school's own
  // CA; tests). Empty: the system's.
  std::string smtp_ca_file;
  // The largest request body (an uploaded file with its form) Koers takes; a larger one is
  // refused with 413 naming this limit. An EDEXML file of a big school fits.
  size_t max_upload_bytes = 64 * 1024 * 1024;
  // Where the access log goes (web/metrics.h: one JSON line per request): a file, "-" for
  // stderr, "" for no log.
  std::string access_log;
};

// "64 MB", "1,5 MB": a size as the refusal and the upload forms name it.
std::string megabytes_text(size_t bytes);

// A refusal or failure a handler raises; handle() renders it for pages or the API.
struct HttpError {
  int status;
  std::string message;
};

// The one rule for a refusal about an id: what the principal may not see answers exactly
// as what does not exist (404, same words), so another school's ids never show they exist.
// `what` names it with its article: "deze leerling", "dit account". An action refused on
// something the principal may see is a 403 of its own.
[[noreturn]] void refuse_not_found(const std::string& what);

class App;

struct Context {
  App& app;
  Request& req;
  std::map<std::string, std::string> params;
  domain::Principal who;
  std::string csrf;

  domain::Id id_param(const std::string& name) const;  // 404 when not a number
  std::string query(const std::string& key) const;      // "" when absent
  // Notices after a redirect come from the server, never from the URL ("?melding=Bel 06-…"
  // shows nothing): `url` with `param=<key>` added, the text kept for this account and shown
  // once. The query's `param` gives back such a text, or one of the fixed notices a page's
  // script names (kFixedNotices in app.cc); any other value gives nullopt.
  std::string with_notice(const std::string& url, const std::string& text,
                          const std::string& param = "melding") const;
  std::optional<std::string> notice(const std::string& param = "melding") const;
  nlohmann::json notice_json(const std::string& param = "melding") const;  // the text or null
  int number_query(const std::string& key) const;       // 0 when absent; 400 naming the key when not a number
  // The pupil/group if it exists and the principal may see it; else refuse_not_found (404).
  domain::PupilScope pupil_in_view(domain::Id pupil_id);
  domain::GroupScope group_in_view(domain::Id group_id);
  // Records that the principal saw these pupils' data: one audit line naming them all.
  void audit_view(const std::vector<domain::Id>& pupil_ids, const std::string& object);
  // One line for a refused read or change of a pupil's data (only refusals write it).
  void audit_refusal(domain::Id pupil_id, const std::string& object, const std::string& why);

  // A full page: the template rendered into the layout with navigation for the role.
  Response page(const std::string& name, const std::string& title, nlohmann::json model,
                int status = 200);
  // The same for a page built as a View (view.h); its "print_title" and "wide" count as above.
  Response page(const std::string& name, const std::string& title, View model, int status = 200);

 private:
  Response in_layout(const std::string& title, std::string content, std::string print_title, bool wide, int status);
};

using Handler = std::function<Response(Context&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/leerlingen/:id"; ":x" matches one path segment
  domain::Capability capability;
  Handler handler;
  bool public_route = false;  // no login needed (login page, health check, static files)
  // The largest body this route takes; 0: AppOptions::max_upload_bytes. A document upload sets
  // its own (web/documents/documents.h), so it takes a 20 MB PDF whatever --max-upload-mb says.
  size_t max_body = 0;
};

// The body limit of a route (its own, else the options'), and the largest of all routes: what
// the server must read before App can refuse a body by its route's limit.
size_t body_limit(const Route& route, const AppOptions& options);
size_t largest_body_limit(const std::vector<Route>& routes, const AppOptions& options);

class App {
 public:
  App(store::Database& db, AppOptions options);
  Response handle(Request& req);

  store::Database& db;
  AppOptions options;
  StaticFiles static_files;  // before views: the templates name the files' versioned URLs
  Views views;
  store::SecretKeyFile secrets;
  store::SchoolRepository schools;
  store::GroupRepository groups;
  store::PupilRepository pupils;
  store::AccountRepository accounts;
  store::SessionRepository sessions;
  store::AuditLog audit;
  OverviewLinesCache overview_lines;  // the groups' overview lines while the dossier is unchanged

  // The session cookie for a new session, and the one that clears it.
  std::string session_cookie(const std::string& token) const;
  std::string cleared_session_cookie() const;
  static constexpr const char* kSessionCookie = "koers_session";

  Metrics& metrics() { return *metrics_; }
  // largest_body_limit() over this App's routes: the server reads no more than this.
  size_t largest_body_limit() const { return web::largest_body_limit(routes_, options); }

 private:
  // What handle() counts and logs of a request, filled in by dispatch() as it learns it.
  struct Served {
    size_t slot;  // Metrics slot: the route's index, static files or unmatched
    long long account_id = 0;
    domain::Role role = domain::Role::kTeacher;
  };
  Response dispatch(Request& req, Served& served);
  Response error_response(Request& req, const domain::Principal* who, int status,
                          const std::string& message);
  std::vector<Route> routes_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<AccessLog> access_log_;
};

// Route tables, one or more per area: each area of the web layer is a folder holding its
// pages and its API side by side (session/, accounts/, admin/, school/, pupils/, imports/,
// overview/, signals/, plans/, meetings/, ihps/, cases/); the shared plumbing stays in web/ itself.
std::vector<Route> session_routes();          // session/pages.cc: login page, start page, health
std::vector<Route> session_api_routes();      // session/api.cc: log in and out, who am I
std::vector<Route> account_routes();          // accounts/pages.cc: activation, Mijn account, Accounts
std::vector<Route> admin_routes();            // admin/pages.cc: Beheer
std::vector<Route> school_routes();           // school/pages.cc: groups, school settings
std::vector<Route> cutoff_routes();           // school/cutoff_pages.cc: level cut-offs
std::vector<Route> pupil_routes();            // pupils/pages.cc: stamkaart, Mijn kind
std::vector<Route> pupil_api_routes();        // pupils/api.cc: groups, pupils, results, audit trail
std::vector<Route> results_entry_routes();    // pupils/result_entry.cc: results by hand
std::vector<Route> import_api_routes();       // imports/api.cc: EDEXML and results files
std::vector<Route> results_routes();          // imports/results_pages.cc: the results import page
std::vector<Route> overview_routes();         // overview/pages.cc: the groepsoverzicht
std::vector<Route> overview_export_routes();  // overview/export.cc: xlsx
std::vector<Route> signal_routes();           // signals/signals.cc: the API
std::vector<Route> signal_rule_routes();      // signals/rule_pages.cc
std::vector<Route> signal_overview_routes();  // signals/overview_pages.cc: Signalering
std::vector<Route> cluster_routes();          // plans/clusters.cc: subgroup proposals
std::vector<Route> plan_routes();             // plans/api.cc: the group plan, the goal check
std::vector<Route> plan_page_routes();        // plans/pages.cc
std::vector<Route> meeting_routes();          // meetings/api.cc
std::vector<Route> meeting_page_routes();     // meetings/pages.cc
std::vector<Route> growth_routes();           // meetings/growth_document.cc: the groeidocument
std::vector<Route> ihp_routes();              // ihps/api.cc: the individueel handelingsplan
std::vector<Route> ihp_page_routes();         // ihps/pages.cc: the IHP page, starting one
std::vector<Route> external_routes();         // externals/api.cc, externals/pages.cc: external care-team members
std::vector<Route> case_routes();             // cases/api.cc: care-team cases, consents, the case file
std::vector<Route> case_page_routes();        // cases/pages.cc: the case page, Mijn casussen
std::vector<Route> dyslexia_routes();         // dyslexia/api.cc, dyslexia/pages.cc: the dyslexia evidence, thresholds
std::vector<Route> hgd_routes();              // hgd/api.cc: HGD requests, the report, recommendations as needs
std::vector<Route> hgd_page_routes();         // hgd/pages.cc: the HGD page and the case page's HGD forms
std::vector<Route> privacy_routes();          // privacy/access_log.cc: the privacy officer's access log
std::vector<Route> route_routes();            // route/api.cc, route/pages.cc: the 1-zorgroute of the school and of a pupil
std::vector<Route> care_team_meeting_routes();  // meetings/care_team.cc: the zorgteamoverleg's agenda, its report
std::vector<Route> referral_routes();         // referrals/api.cc: procedures, referrals, the OKR, sending
std::vector<Route> referral_page_routes();    // referrals/pages.cc: the referral page, the procedures page
std::vector<Route> retention_routes();        // retention/retention.cc: the IB's retention list, holds, deletion
std::vector<Route> parent_routes();           // parents/pages.cc, parents/api.cc: inviting parents, Mijn kind's parts, consents
std::vector<Route> inzage_routes();           // pupils/inzage.cc: the dossier PDF (inzage), requests about the dossier
// Every table above in the order App matches them (tests walk it).
std::vector<Route> all_routes();
std::vector<Route> metrics_routes();  // metrics.cc: GET /metrics

// The request's JSON object carrying the "version" it was based on; 400 when it is not.
nlohmann::json versioned_body(Context& ctx);

// Where a role starts after login.
std::string home_path(domain::Role role);

}  // namespace koers::web

namespace koers::web {
// The stamkaart of a pupil as JSON (page model and API body); the caller has checked access.
nlohmann::json pupil_stamkaart_json(Context& ctx, domain::Id pupil_id);
// The filters of a pupil's audit trail from the query, under the names given (person, kind,
// from, to); 400 naming the field when one is not an account id, a kind or a date.
struct AuditFilterNames {
  const char* person;
  const char* kind;
  const char* from;
  const char* to;
};
store::AuditQuery pupil_audit_query(Context& ctx, domain::Id pupil_id, const AuditFilterNames& names);
}  // namespace koers::web
