#include "web/privacy/access_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/clock.h"
#include "domain/access_review.h"
#include "store/audit_log.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

constexpr int kLimit = 1000;

// The filter of page and API: pupil and account numbers, kind, period (default the last 30 days).
struct Filter {
  store::AuditQuery query;
  std::string kind;
  int threshold = domain::ReviewRules{}.distinct_pupils;
};

Filter read_filter(Context& ctx, bool page) {
  Filter f;
  store::AuditQuery& q = f.query;
  q.board_id = ctx.who.board_id;
  q.limit = kLimit;
  q.pupil_id = ctx.number_query(page ? "leerling" : "pupil");
  q.account_id = ctx.number_query("account");
  f.kind = ctx.query(page ? "soort" : "kind");
  if (!f.kind.empty()) {
    const domain::AuditKind* k = domain::find_audit_kind(f.kind);
    if (!k) throw HttpError{400, std::string(page ? "soort" : "kind") + ": onbekende soort handeling."};
    q.actions = k->actions;
  }
  auto date = [&](const char* name) -> std::optional<domain::Date> {
    const std::string text = ctx.query(name);
    if (text.empty()) return std::nullopt;
    auto d = domain::parse_iso_date(text);
    if (!d) throw HttpError{400, std::string(name) + ": verwacht een datum (JJJJ-MM-DD)."};
    return d;
  };
  q.from = date(page ? "van" : "from");
  q.to = date(page ? "tot" : "to");
  if (q.from && q.to && *q.to < *q.from)
    throw HttpError{400, std::string(page ? "tot" : "to") + ": de einddatum ligt voor de begindatum."};
  if (page && !q.from && !q.to) q.from = domain::add_days(today_local(), -30);
  if (const int t = ctx.number_query("drempel"); t > 0) f.threshold = std::min(t, 1000);
  return f;
}

// Names of the pupils the lines name, read once each (identity only, no dossier content).
class PupilNames {
 public:
  explicit PupilNames(Context& ctx) : ctx_(ctx) {}
  std::string operator()(Id id) {
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    auto p = ctx_.app.pupils.find(id);
    return names_[id] = p ? p->name.display() : fmt::format("leerling {} (niet meer in Koers)", id);
  }

 private:
  Context& ctx_;
  std::map<Id, std::string> names_;
};

std::string role_text(const std::string& key) {
  auto r = domain::role_from_key(key);
  return r ? std::string(domain::role_label(*r)) : key;
}

json line_json(const domain::AuditEntry& e, PupilNames& names) {
  json out = audit_json(e);
  out["role_label"] = role_text(e.role);
  out["name"] = e.account_name.empty() ? e.username : e.account_name;
  out["address"] = e.address;
  out["outcome"] = e.action == "refused" || e.action == "login_blocked" || e.action == "login_failed" ? "geweigerd"
                                                                                                        : "toegestaan";
  json pupils = json::array();
  std::string pupil_text;
  const auto ids = domain::audit_pupils(e);
  for (Id id : ids) pupils.push_back(id);
  if (ids.size() == 1) pupil_text = names(ids.front());
  else if (ids.size() > 1) pupil_text = fmt::format("{} leerlingen", ids.size());
  out["pupil_ids"] = pupils;
  out["pupil_text"] = pupil_text;
  out["pupil_id"] = ids.size() == 1 ? json(ids.front()) : json(nullptr);
  out["forgotten"] = e.forgotten;
  return out;
}

// A cell of the CSV: quoted when needed; a leading = + - @ is defused for spreadsheets.
std::string csv_cell(std::string text) {
  if (!text.empty() && std::string("=+-@").find(text.front()) != std::string::npos) text.insert(0, "'");
  if (text.find_first_of(";\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Response csv_response(Context& ctx, const std::vector<domain::AuditEntry>& entries) {
  PupilNames names(ctx);
  std::string body = "\xEF\xBB\xBF";  // BOM: Excel reads the accents right
  body += "volgnummer;tijd (UTC);account;naam;rol;namens;adres;handeling;uitkomst;wat;leerling-id's;leerling\r\n";
  for (const auto& e : entries) {
    const json l = line_json(e, names);
    std::string ids;
    for (Id id : domain::audit_pupils(e)) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    const std::vector<std::string> cells = {std::to_string(e.seq),
                                            e.at,
                                            e.username,
                                            l["name"].get<std::string>(),
                                            l["role_label"].get<std::string>(),
                                            e.on_behalf_of,
                                            e.address,
                                            domain::audit_action_label(e.action),
                                            l["outcome"].get<std::string>(),
                                            domain::audit_sentence(e),
                                            ids,
                                            l["pupil_text"].get<std::string>()};
    for (size_t i = 0; i < cells.size(); ++i) body += (i ? ";" : "") + csv_cell(cells[i]);
    body += "\r\n";
  }
  Response r = Response::html(std::move(body));
  r.content_type = "text/csv; charset=utf-8";
  r.header("Content-Disposition", fmt::format("attachment; filename=\"toegangslog-{}.csv\"", today_local().iso()));
  return r;
}

// The privacy officer's own reading is in the trail too: of a pupil's lines, a line about the pupil.
void audit_reading(Context& ctx, const Filter& f, domain::AuditAction action) {
  auto line = store::audit_entry(ctx.who, action, "toegangslog", f.query.pupil_id,
                                 f.query.account_id ? fmt::format("van account {}", f.query.account_id) : "");
  ctx.app.audit.record({std::move(line)});
}

// Whether a pupil is outside the account's own: a teacher's groups; for every other role each
// pupil counts (the IB and head read the whole school, so only many at once stands out).
class OwnPupils {
 public:
  explicit OwnPupils(Context& ctx) : ctx_(ctx) {}
  bool outside(const domain::AuditEntry& e, Id pupil) {
    if (e.role != "leerkracht") return true;
    auto who = principals_.find(e.account_id);
    if (who == principals_.end()) {
      auto account = ctx_.app.accounts.find(e.account_id);
      who = principals_.emplace(e.account_id, account ? ctx_.app.accounts.principal(*account) : domain::Principal{}).first;
    }
    auto scope = scopes_.find(pupil);
    if (scope == scopes_.end()) scope = scopes_.emplace(pupil, ctx_.app.pupils.scope(pupil)).first;
    if (!scope->second) return true;
    for (Id g : scope->second->current_group_ids)
      for (Id mine : who->second.group_ids)
        if (g == mine) return false;
    return true;
  }

 private:
  Context& ctx_;
  std::map<Id, domain::Principal> principals_;
  std::map<Id, std::optional<domain::PupilScope>> scopes_;
};

std::vector<domain::ReviewItem> review(Context& ctx, const Filter& f) {
  store::AuditQuery q = f.query;
  q.pupil_id = 0;
  q.actions.clear();
  q.limit = 20000;
  auto entries = ctx.app.audit.find(q);  // newest first
  std::reverse(entries.begin(), entries.end());
  OwnPupils own(ctx);
  domain::ReviewRules rules;
  rules.distinct_pupils = f.threshold;
  return domain::review_accesses(
      entries, [&](const domain::AuditEntry& e, Id pupil) { return own.outside(e, pupil); }, rules);
}

json review_json(const domain::ReviewItem& r) {
  domain::AuditEntry e;
  e.username = r.username;
  e.role = r.role;
  e.account_name = r.account_name;
  return {{"kind", r.kind},
          {"title", r.title},
          {"account_id", r.account_id},
          {"who", domain::audit_who(e)},
          {"from", r.from_at},
          {"to", r.to_at},
          {"when_text", r.from_at == r.to_at ? display_time(r.to_at) : display_time(r.from_at) + " – " + display_time(r.to_at)},
          {"count", r.count},
          {"seqs", r.seqs}};
}

json check_json(const store::AuditCheck& c) {
  return {{"ok", c.ok()},
          {"words", c.words()},
          {"lines", c.lines},
          {"broken_at", c.broken_at ? json(*c.broken_at) : json(nullptr)},
          {"keyed_from", c.keyed_from ? json(*c.keyed_from) : json(nullptr)},
          {"head_seq", c.head_seq},
          {"head_hash", c.head_hash}};
}

Response access_log_api(Context& ctx) {
  Filter f = read_filter(ctx, false);
  auto entries = ctx.app.audit.find(f.query);
  const bool csv = ctx.req.header("accept").find("text/csv") != std::string::npos || ctx.query("format") == "csv";
  audit_reading(ctx, f, csv ? domain::AuditAction::kExport : domain::AuditAction::kView);
  if (csv) return csv_response(ctx, entries);
  PupilNames names(ctx);
  json lines = json::array();
  for (const auto& e : entries) lines.push_back(line_json(e, names));
  json items = json::array();
  for (const auto& r : review(ctx, f)) items.push_back(review_json(r));
  return Response::json(json{{"lines", lines},
                             {"limited", static_cast<int>(entries.size()) >= f.query.limit},
                             {"review", items}}
                            .dump());
}

Response verify_api(Context& ctx) {
  auto c = ctx.app.audit.check();
  return Response::json(check_json(c).dump(), 200);
}

Response access_log_page(Context& ctx) {
  Filter f = read_filter(ctx, true);
  auto entries = ctx.app.audit.find(f.query);
  audit_reading(ctx, f, domain::AuditAction::kView);
  PupilNames names(ctx);
  json lines = json::array();
  for (const auto& e : entries) lines.push_back(line_json(e, names));
  json items = json::array();
  for (const auto& r : review(ctx, f)) items.push_back(review_json(r));
  json accounts = json::array();
  for (const auto& a : ctx.app.accounts.accounts_of_board(ctx.who.board_id))
    accounts.push_back({{"id", a.id},
                        {"name", fmt::format("{} ({}, {})", a.display_name, a.username, domain::role_label(a.role))},
                        {"selected", a.id == f.query.account_id}});
  json kinds = json::array();
  for (const auto& k : domain::audit_kinds())
    kinds.push_back({{"key", k.key}, {"label", k.label}, {"selected", k.key == f.kind}});
  // The same selection as CSV (the API with format=csv: a link cannot send Accept).
  std::string export_url = "/api/v1/audit?format=csv";
  if (f.query.pupil_id) export_url += fmt::format("&pupil={}", f.query.pupil_id);
  if (f.query.account_id) export_url += fmt::format("&account={}", f.query.account_id);
  if (!f.kind.empty()) export_url += "&kind=" + url_encode(f.kind);
  if (f.query.from) export_url += "&from=" + f.query.from->iso();
  if (f.query.to) export_url += "&to=" + f.query.to->iso();
  json model{{"lines", lines},
             {"empty", lines.empty()},
             {"count_text", fmt::format("{} {}", lines.size(), lines.size() == 1 ? "regel" : "regels")},
             {"limited", static_cast<int>(entries.size()) >= f.query.limit},
             {"limit", f.query.limit},
             {"review", items},
             {"has_review", !items.empty()},
             {"threshold", f.threshold},
             {"accounts", accounts},
             {"kinds", kinds},
             {"pupil", f.query.pupil_id ? json(f.query.pupil_id) : json("")},
             {"pupil_name", f.query.pupil_id ? json(names(f.query.pupil_id)) : json(nullptr)},
             {"from", f.query.from ? f.query.from->iso() : std::string()},
             {"to", f.query.to ? f.query.to->iso() : std::string()},
             {"export_url", export_url}};
  const auto head = ctx.app.audit.head();
  model["head"] = {{"seq", head.seq}, {"hash", head.hash.substr(0, 16)}, {"at_text", head.at.empty() ? "—" : display_time(head.at)}};
  if (ctx.query("controle") == "1") model["check"] = check_json(ctx.app.audit.check());
  return ctx.page("access_log", "Toegangslog", model);
}

}  // namespace

std::vector<Route> privacy_routes() {
  return {
      {"GET", "/privacy", Capability::kReadAccessLog, access_log_page},
      {"GET", "/api/v1/audit", Capability::kReadAccessLog, access_log_api},
      {"GET", "/api/v1/audit/verify", Capability::kReadAccessLog, verify_api},
  };
}

}  // namespace koers::web
