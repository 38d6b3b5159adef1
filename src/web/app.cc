#include "web/app.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "common/clock.h"
#include "io/json_fields.h"
#include "store/notice_repository.h"
#include "web/compression.h"
#include "web/request_input.h"

namespace koers::web {

using domain::Capability;
using domain::Role;
using nlohmann::json;

namespace {

// Whether `path` has the segments of `pattern` (":name" takes any one segment, given in
// `params`). Walks both strings in place: every request tries most of the route table.
bool match(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  std::string_view want(pattern), have(path);
  auto next = [](std::string_view& s) {
    while (!s.empty() && s.front() == '/') s.remove_prefix(1);
    const size_t end = std::min(s.find('/'), s.size());
    std::string_view part = s.substr(0, end);
    s.remove_prefix(end);
    return part;
  };
  std::vector<std::pair<std::string_view, std::string_view>> found;
  for (;;) {
    std::string_view w = next(want), h = next(have);
    if (w.empty() || h.empty()) {
      if (!w.empty() || !h.empty()) return false;
      break;
    }
    if (w.front() == ':')
      found.emplace_back(w.substr(1), h);
    else if (w != h)
      return false;
  }
  params.clear();
  for (const auto& [name, value] : found) params[std::string(name)] = std::string(value);
  return true;
}

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct NavItem {
  const char* href;
  const char* label;
};

std::vector<NavItem> navigation(Role role) {
  switch (role) {
    case Role::kTeacher:
      return {{"/groepen", "Mijn groepen"}, {"/besprekingen", "Besprekingen"}, {"/resultaten/importeren", "Toetsresultaten"}};
    case Role::kSupportCoordinator:
      return {{"/groepen", "Groepen"}, {"/besprekingen", "Besprekingen"}, {"/signalering", "Signalering"},
              {"/resultaten/importeren", "Toetsresultaten"}, {"/school/signalering", "Signaleringsregels"},
              {"/accounts", "Accounts"}, {"/zorgroute", "1-zorgroute"}, {"/bewaartermijnen", "Bewaartermijnen"}};
    case Role::kHead:
      return {{"/groepen", "Groepen"}, {"/besprekingen", "Besprekingen"}, {"/signalering", "Signalering"},
              {"/school/signalering", "Signaleringsregels"}, {"/school/instellingen", "Schoolinstellingen"},
              {"/zorgroute", "1-zorgroute"}};
    case Role::kCareTeamMember: return {{"/casussen", "Mijn casussen"}};
    case Role::kParent: return {{"/kinderen", "Mijn kind"}, {"/toestemmingen", "Toestemmingen"}};
    case Role::kBoardAdmin:
      return {{"/beheer", "Beheer"},
              {"/accounts", "Accounts"},
              {"/zorgroute", "1-zorgroute"},
              {"/verwijsprocedures", "Verwijsprocedures"}};
    case Role::kPrivacyOfficer: return {{"/privacy", "Toegangslog"}};
  }
  return {};
}

}  // namespace

std::string home_path(Role role) { return navigation(role).front().href; }

nlohmann::json versioned_body(Context& ctx) {
  nlohmann::json in = nlohmann::json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || !in.contains("version") || !in["version"].is_number_integer())
    throw HttpError{400, "Verwacht JSON met de \"version\" waarop het gebaseerd is."};
  return in;
}

App::App(store::Database& database, AppOptions opts)
    : db(database),
      options(std::move(opts)),
      static_files(options.static_dir),
      views(options.templates_dir, static_files.versioned_urls()),
      secrets(options.secret_key_file),
      schools(db, &secrets),
      groups(db),
      pupils(db),
      accounts(db),
      sessions(db, options.session_limits),
      audit(db) {
  routes_ = all_routes();
  metrics_ = std::make_unique<Metrics>(routes_);
  access_log_ = std::make_unique<AccessLog>(options.access_log);
}

std::vector<Route> all_routes() {
  std::vector<Route> routes;
  for (auto table :
       {session_routes,         account_routes,   school_routes,     pupil_routes,     admin_routes,
        session_api_routes,     pupil_api_routes, import_api_routes, signal_routes,    signal_rule_routes,
        signal_overview_routes, results_routes,   cutoff_routes,     overview_routes,  overview_export_routes,
        results_entry_routes,   cluster_routes,   plan_routes,       plan_page_routes, meeting_routes,
        meeting_page_routes,    growth_routes,    ihp_routes,        ihp_page_routes,  external_routes,
        case_routes,            case_page_routes, metrics_routes,    dyslexia_routes,  hgd_routes,
        hgd_page_routes,        care_team_meeting_routes, referral_routes, referral_page_routes, route_routes,
        privacy_routes,         retention_routes, parent_routes, inzage_routes})
    for (Route& r : table()) routes.push_back(std::move(r));
  return routes;
}

size_t body_limit(const Route& route, const AppOptions& options) {
  return route.max_body ? route.max_body : options.max_upload_bytes;
}

size_t largest_body_limit(const std::vector<Route>& routes, const AppOptions& options) {
  size_t largest = options.max_upload_bytes;
  for (const Route& r : routes) largest = std::max(largest, body_limit(r, options));
  return largest;
}

std::string App::session_cookie(const std::string& token) const {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", kSessionCookie, token,
                     options.session_limits.absolute.count(),
                     options.secure_cookies ? "; Secure" : "");
}

std::string App::cleared_session_cookie() const {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", kSessionCookie,
                     options.secure_cookies ? "; Secure" : "");
}

std::string megabytes_text(size_t bytes) {
  const double mb = static_cast<double>(bytes) / (1024 * 1024);
  // Whole megabytes as they are; otherwise one decimal, rounded up so a file just over the
  // limit never reads as the limit itself.
  if (bytes % (1024 * 1024) == 0) return fmt::format("{} MB", bytes / (1024 * 1024));
  std::string text = fmt::format("{:.1f}", std::ceil(mb * 10) / 10);
  std::replace(text.begin(), text.end(), '.', ',');
  return text + " MB";
}

Response App::handle(Request& req) {
  const auto started = std::chrono::steady_clock::now();
  metrics_->in_flight.fetch_add(1, std::memory_order_relaxed);
  Served served{metrics_->unmatched_slot()};
  Response r;
  try {
    r = dispatch(req, served);
  } catch (const HttpError& e) {
    r = error_response(req, nullptr, e.status, e.message);
  } catch (const std::exception& e) {
    std::cerr << "koers: " << req.method << " " << req.path << ": " << e.what() << std::endl;
    r = error_response(req, nullptr, 500, "Er ging iets mis aan onze kant. Probeer het opnieuw.");
  }
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Referrer-Policy", "same-origin");
  r.header("X-Frame-Options", "DENY");
  r.header("Content-Security-Policy",
           "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
           "frame-ancestors 'none'; form-action 'self'");
  // Files under /static/ come compressed (and with their Vary) from StaticFiles.
  if (req.path.rfind("/static/", 0) != 0) {
    r.header("Cache-Control", "no-store");
    compress_response(r, preferred_encoding(req.header("accept-encoding")));
  }
  // Counted and logged by route pattern, never by path or query: those carry ids and names.
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_->observe(served.slot, r.status, seconds);
  metrics_->in_flight.fetch_sub(1, std::memory_order_relaxed);
  if (access_log_->enabled()) {
    AccessEntry e;
    e.method = req.method;
    e.route = served.slot < routes_.size()        ? routes_[served.slot].pattern
              : served.slot == metrics_->static_slot() ? "/static/*"
                                                       : "-";
    e.status = r.status;
    e.ms = seconds * 1000;
    e.bytes_in = req.body_size;
    e.bytes_out = r.body.size();  // as sent: compressed when the browser took it so
    e.account_id = served.account_id;
    if (served.account_id) e.role = std::string(domain::role_key(served.role));
    access_log_->write(e);
  }
  return r;
}

Response App::dispatch(Request& req, Served& served) {
  if ((req.method == "GET" || req.method == "HEAD") && req.path.rfind("/static/", 0) == 0) {
    served.slot = metrics_->static_slot();
    auto file = static_files.serve(req.path, preferred_encoding(req.header("accept-encoding")),
                                   req.header("if-none-match"));
    if (!file) throw HttpError{404, "Niet gevonden"};
    return *file;
  }

  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  for (const Route& r : routes_) {
    if (!match(r.pattern, req.path, params)) continue;
    path_known = true;
    if (r.method == req.method || (r.method == "GET" && req.method == "HEAD")) {
      route = &r;
      break;
    }
  }
  if (!route) {
    if (path_known) throw HttpError{405, "Deze actie kan hier niet."};
    throw HttpError{404, "Deze pagina bestaat niet."};
  }

  served.slot = static_cast<size_t>(route - routes_.data());
  Context ctx{*this, req, std::move(params), {}, {}};
  std::string token = req.cookie(kSessionCookie);
  std::optional<store::ActiveSession> session;
  bool must_enrol = false;
  if (!token.empty()) session = sessions.touch(token, std::chrono::system_clock::now());
  if (session) {
    auto account = accounts.find(session->account_id);
    if (account && account->may_sign_in()) {
      ctx.who = accounts.principal(*account);
      ctx.who.address = req.remote_ip;
      ctx.csrf = session->csrf;
      must_enrol = !account->totp_enabled && accounts.two_factor_required(*account);
    }
  }
  const bool signed_in = ctx.who.account_id != 0;
  served.account_id = ctx.who.account_id;
  served.role = ctx.who.role;
  // The school requires a second factor for this role: until it is on, only the account
  // page (to switch it on) and logging out are open.
  if (must_enrol && !route->public_route && req.path.rfind("/account", 0) != 0 && req.path != "/uitloggen" &&
      !(req.path == "/api/v1/session" && req.method == "DELETE")) {
    if (req.is_api()) throw HttpError{403, "Zet eerst tweestapsverificatie aan (Mijn account); uw school vraagt dat voor uw rol."};
    return Response::redirect("/account");
  }

  if (!route->public_route) {
    if (!signed_in) {
      if (req.is_api()) throw HttpError{401, "Niet ingelogd of sessie verlopen."};
      // A cookie that no longer opens a session: it expired (or was logged out elsewhere).
      std::string query;
      if (!token.empty()) query = "verlopen=1";
      if (req.method == "GET" && req.path != "/")
        query += (query.empty() ? "" : "&") + std::string("terug=") + url_encode(req.path);
      Response r = Response::redirect(query.empty() ? "/inloggen" : "/inloggen?" + query);
      if (!token.empty()) r.header("Set-Cookie", cleared_session_cookie());
      return r;
    }
    if (!domain::has_capability(ctx.who, route->capability))
      return error_response(req, &ctx.who, 403, "U heeft geen toegang tot deze pagina.");
    // Before the CSRF check: the form of a body this large is not read, token included.
    if (const size_t limit = body_limit(*route, options); req.body_size > limit)
      return error_response(req, &ctx.who, 413,
                            fmt::format("Het bestand is te groot: {} verstuurd, Koers neemt hoogstens {} per keer aan. "
                                        "Er is niets opgeslagen.",
                                        megabytes_text(req.body_size), megabytes_text(limit)));
    if (req.method != "GET" && req.method != "HEAD") {
      std::string sent = req.header("x-csrf-token");
      if (sent.empty()) sent = req.field("_csrf");
      if (!same_secret(sent, ctx.csrf))
        return error_response(req, &ctx.who, 403,
                              "De beveiligingscode (CSRF) ontbreekt of klopt niet. Laad de "
                              "pagina opnieuw en probeer het nog eens.");
    }
  }
  try {
    check_request_input(req);
    return route->handler(ctx);
  } catch (const HttpError& e) {
    return error_response(req, signed_in ? &ctx.who : nullptr, e.status, e.message);
  } catch (const io::JsonFieldError& e) {
    // A field of a JSON body of the wrong type, named: "key: verwacht tekst".
    return error_response(req, signed_in ? &ctx.who : nullptr, 400, e.what());
  }
}

Response App::error_response(Request& req, const domain::Principal* who, int status,
                             const std::string& message) {
  if (req.is_api() || req.path == "/healthz") return Response::json(json{{"error", message}}.dump(), status);
  static const std::map<int, std::string> titles = {
      {400, "Dat ging niet goed"}, {401, "Niet ingelogd"}, {403, "Geen toegang"},
      {404, "Niet gevonden"},      {405, "Niet toegestaan"}, {413, "Bestand te groot"}, {415, "Geen formulier"},
      {422, "Niet opgeslagen"},    {429, "Even wachten"},
      {500, "Er ging iets mis"}};
  std::string title = titles.count(status) ? titles.at(status) : "Fout";
  if (who) {
    Context ctx{*this, req, {}, *who, {}};
    return ctx.page("error", title, json{{"message", message}, {"status", status}}, status);
  }
  json layout{{"title", title},
              {"content", views.render("error", json{{"message", message}, {"status", status}})},
              {"signed_in", false}};
  return Response::html(views.render("layout", layout), status);
}

domain::Id Context::id_param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{404, "Niet gevonden."};
  return std::stoll(it->second);
}

std::string Context::query(const std::string& key) const {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string() : it->second;
}

namespace {
// The notices a page's own script redirects to after an API call (static/meeting.js).
const std::map<std::string, std::string> kFixedNotices = {
    {"opgeslagen", "Opgeslagen."},
    {"verstuurd",
     "Verstuurd naar de IB. Het groepsoverzicht en het groepsplan liggen vast als de versies die "
     "besproken worden."},
    {"gehouden", "De bespreking is gehouden. Schrijf het verslag en stel het vast."},
    {"vastgesteld", "Het verslag is vastgesteld."},
    {"datum-opgeslagen", "De datum is opgeslagen."},
    {"vervallen", "De bespreking is vervallen."},
    {"ihp-gestart", "Het IHP loopt. Vink de sessies af zodra ze gegeven zijn."},
    {"ihp-geevalueerd", "Het IHP is geëvalueerd. Kies de uitkomst om het af te sluiten."},
    {"ihp-afgesloten", "Het IHP is afgesloten."},
    {"sessie-afgevinkt", "De sessie is afgevinkt."},
    {"kijk-opgeslagen", "Uw kijk op het plan is opgeslagen. De school ziet hem bij het IHP."},
};
}  // namespace

std::string Context::with_notice(const std::string& url, const std::string& text, const std::string& param) const {
  const std::string key = store::NoticeRepository(app.db).put(who.account_id, text, std::chrono::system_clock::now());
  const size_t hash = url.find('#');
  std::string path = url.substr(0, hash), fragment = hash == std::string::npos ? "" : url.substr(hash);
  path += (path.find('?') == std::string::npos ? "?" : "&") + param + "=" + key;
  return path + fragment;
}

std::optional<std::string> Context::notice(const std::string& param) const {
  const std::string key = query(param);
  if (key.empty()) return std::nullopt;
  if (auto fixed = kFixedNotices.find(key); fixed != kFixedNotices.end()) return fixed->second;
  return store::NoticeRepository(app.db).take(who.account_id, key, std::chrono::system_clock::now());
}

nlohmann::json Context::notice_json(const std::string& param) const {
  auto text = notice(param);
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

int Context::number_query(const std::string& key) const {
  const std::string text = query(key);
  if (text.empty()) return 0;
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, key + ": verwacht een getal."};
  return std::stoi(text);
}

void refuse_not_found(const std::string& what) {
  throw HttpError{404, fmt::format("Niet gevonden: {} bestaat niet, of valt niet onder wat u mag zien.", what)};
}

domain::PupilScope Context::pupil_in_view(domain::Id pupil_id) {
  auto scope = app.pupils.scope(pupil_id);
  if (!scope) refuse_not_found("deze leerling");
  if (!domain::may_view_pupil(who, *scope)) {
    // A refusal is rare: its line costs a write only when it happens (NEN 7513).
    audit_refusal(pupil_id, req.path.rfind("/api/", 0) == 0 ? "leerlinggegevens via de API" : "leerlinggegevens",
                  who.school_id == 0                 ? "deze rol leest geen dossiers"
                  : scope->school_id == who.school_id ? "niet in de groepen of het dossier van deze gebruiker"
                                                      : "leerling van een andere school");
    refuse_not_found("deze leerling");
  }
  return *scope;
}

domain::GroupScope Context::group_in_view(domain::Id group_id) {
  auto scope = app.groups.scope(group_id);
  if (!scope || !domain::may_view_group(who, *scope)) refuse_not_found("deze groep");
  return *scope;
}

void Context::audit_refusal(domain::Id pupil_id, const std::string& object, const std::string& why) {
  app.audit.record({store::audit_entry(who, domain::AuditAction::kRefused, object, pupil_id, why)});
}

void Context::audit_view(const std::vector<domain::Id>& pupil_ids, const std::string& object) {
  // One line for the page, with every pupil it showed; the API is named as the way in.
  if (pupil_ids.empty()) return;
  app.audit.record({store::audit_view_entry(who, object, pupil_ids, req.path.rfind("/api/", 0) == 0 ? "via de API" : "")});
}

Response Context::page(const std::string& name, const std::string& title, json model, int status) {
  model["csrf"] = csrf;
  // For the upload forms: they check a chosen file against it before sending.
  model["upload_limit"] = {{"bytes", app.options.max_upload_bytes}, {"text", megabytes_text(app.options.max_upload_bytes)}};
  std::string content = app.views.render(name, model);
  return in_layout(title, std::move(content), model.value("print_title", title), model.value("wide", false), status);
}

Response Context::page(const std::string& name, const std::string& title, View model, int status) {
  model["csrf"] = csrf;
  View& limit = model["upload_limit"];
  limit["bytes"] = static_cast<long long>(app.options.max_upload_bytes);
  limit["text"] = megabytes_text(app.options.max_upload_bytes);
  std::string content = app.views.render(name, model);
  const View* print_title = model.find("print_title");
  const View* wide = model.find("wide");
  return in_layout(title, std::move(content), print_title && print_title->is_text() ? print_title->text() : title,
                   wide && wide->boolean(), status);
}

Response Context::in_layout(const std::string& title, std::string content, std::string print_title, bool wide,
                            int status) {
  json nav = json::array();
  for (const NavItem& item : navigation(who.role))
    nav.push_back({{"href", item.href},
                   {"label", item.label},
                   {"active", req.path.rfind(item.href, 0) == 0}});
  // The principal brings the school's name (store::AccountRepository::principal); read only
  // for one made without it.
  std::string school_name = who.school_name;
  if (school_name.empty() && who.school_id)
    if (auto school = app.schools.find_school(who.school_id)) school_name = school->name;
  // On every printed page: the school, what the document is and whose (print_title, else
  // the page's title).
  std::string print_header = std::move(print_title);
  if (!school_name.empty()) print_header = school_name + " · " + print_header;
  json layout{{"title", title},
              {"content", std::move(content)},
              {"signed_in", true},
              {"print_header", print_header},
              {"wide", wide},
              {"nav", nav},
              {"csrf", csrf},
              {"user",
               {{"name", who.display_name},
                {"role", std::string(domain::role_label(who.role))},
                {"school", school_name.empty() ? json(nullptr) : json(school_name)}}}};
  return Response::html(app.views.render("layout", layout), status);
}

}  // namespace koers::web
