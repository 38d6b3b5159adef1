// The board's referral procedures on a page (/verwijsprocedures, issue 16): the board
// administrator adjusts one procedure or adds one, each in one plain form — name, addressee,
// cluster, placements, the ordered steps, the consents and the parts the dossier requires (what
// counts as complete). IB and head read the same procedures; anyone else gets 403, as the API
// (GET/PUT /api/v1/referral-procedures) answers. A refused save names the field (the domain's
// procedure_problems), shows what was typed and changes nothing; a save writes one audit line.
#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "store/referral_repository.h"
#include "web/referrals/referrals.h"

namespace koers::web {

using domain::ReferralPart;
using domain::ReferralProcedure;
using nlohmann::json;

namespace {

constexpr const char* kPath = "/verwijsprocedures";
constexpr int kBlankStepRows = 2, kBlankConsentRows = 1, kMaxRows = 40;

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string trimmed(const std::string& s) {
  const auto from = s.find_first_not_of(" \t\r\n");
  if (from == std::string::npos) return "";
  return s.substr(from, s.find_last_not_of(" \t\r\n") - from + 1);
}

// A whole number of at most four digits; nullopt otherwise.
std::optional<int> small_number(const std::string& text) {
  const std::string t = trimmed(text);
  if (t.empty() || t.size() > 4 || t.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(t);
}

// The parts in the procedure's order, then the other parts the domain knows; each with how often
// it is required (0: not required).
json parts_json(const ReferralProcedure& p) {
  json out = json::array();
  auto add = [&](ReferralPart part, int count) {
    const std::string key = domain::referral_part_key(part);
    out.push_back({{"key", key},
                   {"field", "required_" + key},
                   {"label", domain::referral_part_label(part)},
                   {"count", count},
                   {"required", count > 0},
                   {"more_than_once", count > 1}});
  };
  for (const auto& r : p.required) add(r.part, r.at_least);
  for (ReferralPart part : domain::all_referral_parts())
    if (std::none_of(p.required.begin(), p.required.end(),
                     [&](const domain::RequiredPart& r) { return r.part == part; }))
      add(part, 0);
  return out;
}

// One procedure as its form (and read-only description) shows it, with blank rows to add a step
// or consent. `was`: the key it is stored under ("" for a new one).
json procedure_form_json(const ReferralProcedure& p, const std::string& was, const std::string& error) {
  json steps = json::array(), consents = json::array();
  const size_t step_rows = p.steps.size() + kBlankStepRows, consent_rows = p.consents.size() + kBlankConsentRows;
  for (size_t i = 0; i < step_rows; ++i) {
    const bool filled = i < p.steps.size();
    steps.push_back({{"n", i + 1},
                     {"order", i + 1},
                     {"key", filled ? p.steps[i].key : ""},
                     {"label", filled ? p.steps[i].label : ""},
                     {"filled", filled}});
  }
  for (size_t i = 0; i < consent_rows; ++i) {
    const bool filled = i < p.consents.size();
    consents.push_back({{"n", i + 1},
                        {"key", filled ? p.consents[i].key : ""},
                        {"label", filled ? p.consents[i].label : ""},
                        {"before_sending", filled ? p.consents[i].before_sending : true},
                        {"filled", filled}});
  }
  std::string placements, required_order;
  for (const auto& pl : p.placements) placements += (placements.empty() ? "" : ", ") + pl;
  json parts = parts_json(p);
  for (const auto& part : parts) required_order += (required_order.empty() ? "" : ",") + part["key"].get<std::string>();
  return {{"was", was},
          {"is_new", was.empty()},
          {"form_id", was.empty() ? "nieuwe-procedure" : "procedure-" + was},
          {"key", p.key},
          {"name", p.name},
          {"addressee", p.addressee},
          {"needs_cluster", p.needs_cluster},
          {"placements", placements},
          {"has_placements", !p.placements.empty()},
          {"steps", steps},
          {"step_rows", step_rows},
          {"consents", consents},
          {"has_consents", !p.consents.empty()},
          {"consent_rows", consent_rows},
          {"parts", parts},
          {"required_order", required_order},
          {"error", error.empty() ? json(nullptr) : json(error)}};
}

struct Typed {
  std::string was;  // "" for a new procedure
  ReferralProcedure procedure;
  std::string error;
};

Response show(Context& ctx, const std::optional<Typed>& typed, int status) {
  if (!domain::may_read_procedures(ctx.who, ctx.who.board_id))
    throw HttpError{403,
                    "De verwijsprocedures zien de beheerder van het bestuur, de intern begeleider en de directeur."};
  const bool may_edit = domain::may_edit_procedures(ctx.who, ctx.who.board_id);
  const store::ProcedureSet set = store::ReferralRepository(ctx.app.db).procedures(ctx.who.board_id);
  json procedures = json::array();
  for (const auto& p : set.procedures) {
    if (typed && typed->was == p.key)
      procedures.push_back(procedure_form_json(typed->procedure, p.key, typed->error));
    else
      procedures.push_back(procedure_form_json(p, p.key, ""));
  }
  const bool typed_new = typed && typed->was.empty();
  json fresh =
      procedure_form_json(typed_new ? typed->procedure : ReferralProcedure{}, "", typed_new ? typed->error : "");
  return ctx.page("referral_procedures", "Verwijsprocedures",
                  {{"may_edit", may_edit},
                   {"version", set.version},
                   {"board_set", set.version != 0},
                   {"changed_by", set.changed_by},
                   {"changed_at_text", set.changed_at.empty() ? "" : display_time(set.changed_at)},
                   {"procedures", procedures},
                   {"new_procedure", fresh},
                   {"new_open", typed_new},
                   {"message", ctx.notice_json()}},
                  status);
}

Response show_page(Context& ctx) { return show(ctx, std::nullopt, 200); }

// The procedure as the form gives it; what is not a number is named in `error`. Rows with
// neither key nor text are left out; steps go in the order of their numbers (ties: as listed).
Typed read_form(Context& ctx) {
  const auto& req = ctx.req;
  Typed t;
  t.was = trimmed(req.field("was"));
  ReferralProcedure& p = t.procedure;
  p.key = t.was.empty() ? trimmed(req.field("key")) : t.was;
  p.name = trimmed(req.field("name"));
  p.addressee = trimmed(req.field("addressee"));
  p.needs_cluster = req.field("needs_cluster") == "1";
  std::string rest = req.field("placements");
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string one = trimmed(rest.substr(0, comma));
    if (!one.empty()) p.placements.push_back(one);
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
  }
  std::vector<std::string> errors;
  const int step_rows = std::clamp(small_number(req.field("step_rows")).value_or(0), 0, kMaxRows);
  std::vector<std::pair<int, domain::ProcedureStep>> steps;
  for (int i = 1; i <= step_rows; ++i) {
    domain::ProcedureStep s{trimmed(req.field(fmt::format("step_key_{}", i))),
                            trimmed(req.field(fmt::format("step_label_{}", i)))};
    if (s.key.empty() && s.label.empty()) continue;
    const std::string order = req.field(fmt::format("step_order_{}", i));
    auto n = blank(order) ? std::optional<int>(i) : small_number(order);
    if (!n) errors.push_back(fmt::format("Stap {}, volgorde: vul een getal in ('{}' is geen getal).", i, order));
    steps.emplace_back(n.value_or(i), std::move(s));
  }
  std::stable_sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, s] : steps) p.steps.push_back(std::move(s));
  const int consent_rows = std::clamp(small_number(req.field("consent_rows")).value_or(0), 0, kMaxRows);
  for (int i = 1; i <= consent_rows; ++i) {
    domain::ProcedureConsent c{trimmed(req.field(fmt::format("consent_key_{}", i))),
                               trimmed(req.field(fmt::format("consent_label_{}", i))),
                               req.field(fmt::format("consent_before_{}", i)) == "1"};
    if (!c.key.empty() || !c.label.empty()) p.consents.push_back(std::move(c));
  }
  // The required parts in the order the form lists them (the procedure's own order first).
  for (ReferralPart part : domain::all_referral_parts()) {
    const std::string text = req.field("required_" + domain::referral_part_key(part));
    if (blank(text)) continue;
    auto n = small_number(text);
    if (!n) {
      errors.push_back(fmt::format("{}, aantal keer vereist: vul een getal in, 0 als het niet vereist is ('{}').",
                                   domain::referral_part_label(part), text));
      continue;
    }
    if (*n > 0) p.required.push_back({part, *n});
  }
  const std::string order = req.field("required_order");  // "needs,ihps,…": the form's order
  std::vector<ReferralPart> listed;
  for (size_t from = 0; from < order.size();) {
    const auto comma = order.find(',', from);
    if (auto part = domain::parse_referral_part(order.substr(from, comma - from))) listed.push_back(*part);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  auto rank = [&](ReferralPart part) {
    return static_cast<size_t>(std::find(listed.begin(), listed.end(), part) - listed.begin());
  };
  std::stable_sort(
      p.required.begin(), p.required.end(),
      [&](const domain::RequiredPart& a, const domain::RequiredPart& b) { return rank(a.part) < rank(b.part); });
  for (const auto& e : errors) t.error += (t.error.empty() ? "" : " ") + e;
  return t;
}

Response save_page(Context& ctx) {
  if (!domain::may_edit_procedures(ctx.who, ctx.who.board_id))
    throw HttpError{403, "Alleen de beheerder van het bestuur past de verwijsprocedures aan."};
  const auto version = small_number(ctx.req.field("version"));
  if (!version) throw HttpError{400, "version: verwacht een getal."};
  Typed typed = read_form(ctx);
  if (!typed.error.empty()) return show(ctx, typed, 400);
  store::ReferralRepository repo(ctx.app.db);
  store::ProcedureSet set = repo.procedures(ctx.who.board_id);
  if (set.version != *version)
    return Response::redirect(ctx.with_notice(
        kPath,
        fmt::format("Niet opgeslagen: de procedures zijn intussen door {} opgeslagen. Hieronder staat wat nu geldt; "
                    "pas het opnieuw aan.",
                    set.changed_by.empty() ? "een ander" : set.changed_by)));
  std::vector<ReferralProcedure> next = set.procedures;
  std::string what;
  if (typed.was.empty()) {
    next.push_back(typed.procedure);
    what = fmt::format("procedure '{}' ({}) toegevoegd", typed.procedure.name, typed.procedure.key);
  } else {
    auto it = std::find_if(next.begin(), next.end(), [&](const ReferralProcedure& p) { return p.key == typed.was; });
    if (it == next.end()) throw HttpError{404, fmt::format("De procedure '{}' bestaat niet (meer).", typed.was)};
    *it = typed.procedure;
    what = fmt::format("procedure '{}' ({}) aangepast: {} stappen, {} toestemmingen, {} vereiste stukken",
                       typed.procedure.name, typed.procedure.key, typed.procedure.steps.size(),
                       typed.procedure.consents.size(), typed.procedure.required.size());
  }
  auto result = repo.set_procedures(ctx.who.board_id, next, *version, ctx.who, what);
  if (auto* problems = std::get_if<std::vector<std::string>>(&result)) {
    for (const auto& p : *problems) typed.error += (typed.error.empty() ? "" : " ") + p;
    return show(ctx, typed, 422);
  }
  if (std::get_if<store::ReferralConflict>(&result))
    return Response::redirect(ctx.with_notice(
        kPath, "Niet opgeslagen: de procedures zijn intussen door een ander opgeslagen. Pas ze opnieuw aan."));
  return Response::redirect(ctx.with_notice(
      kPath, fmt::format("De procedure '{}' is opgeslagen. Nieuwe verwijzingen volgen haar; een verwijzing die al "
                         "loopt houdt de procedure zoals ze was.",
                         typed.procedure.name)));
}

}  // namespace

std::vector<Route> procedure_page_routes() {
  using domain::Capability;
  return {
      {"GET", kPath, Capability::kSignedIn, show_page},
      {"POST", kPath, Capability::kSignedIn, save_page},
  };
}

}  // namespace koers::web
