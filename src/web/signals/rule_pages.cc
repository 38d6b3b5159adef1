// Signaleringsregels: the school team's signalling rules, set by the IB or the head.
#include <fmt/format.h>

#include "io/results_csv.h"
#include "store/signal_repository.h"
#include "web/app.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

constexpr int kGrowthRows = 12;

json rules_model(const domain::SignalRules& r, bool own) {
  auto opt = [](const auto& v) { return v ? json(fmt::format("{}", *v)) : json(""); };
  json growth = json::array();
  for (size_t i = 0; i < static_cast<size_t>(kGrowthRows); ++i) {
    json row{{"index", i + 1}, {"subject", ""}, {"year_group", ""}, {"points", ""}};
    if (i < r.expected_growth.size()) {
      row["subject"] = r.expected_growth[i].subject;
      row["year_group"] = std::to_string(r.expected_growth[i].year_group);
      row["points"] = domain::dutch_decimal(r.expected_growth[i].points);
    }
    if (i < r.expected_growth.size() + 3) growth.push_back(row);
  }
  int level = r.level_at_or_below.value_or(0), drop = r.level_drop.value_or(0);
  return {{"level_off", level == 0}, {"level_4", level == 4}, {"level_5", level == 5},
          {"drop_off", drop == 0},   {"drop_1", drop == 1},   {"drop_2", drop == 2}, {"drop_3", drop == 3}, {"drop_4", drop == 4},
          {"mastery", opt(r.mastery_percentage)}, {"misses", std::to_string(r.mastery_misses_in_a_row)},
          {"yield", opt(r.min_learning_yield)},   {"behind", opt(r.max_months_behind)},
          {"repeated", std::to_string(r.repeated_at_moments)}, {"top", r.top_level_is_signal},
          {"growth", growth}, {"own", own}};
}

Response show(Context& ctx, const domain::SignalRules& rules, bool own, const std::string& error, int status) {
  json model = rules_model(rules, own);
  model["error"] = error.empty() ? json(nullptr) : json(error);
  model["saved"] = ctx.req.query.count("opgeslagen") > 0;
  return ctx.page("signal_rules", "Signaleringsregels", model, status);
}

Response show_rules(Context& ctx) {
  store::SignalRepository repo(ctx.app.db);
  return show(ctx, repo.rules(ctx.who.school_id), repo.has_own_rules(ctx.who.school_id), "", 200);
}

// Reads the form; a field that is not a number becomes an error naming it.
std::optional<std::string> read_form(Context& ctx, domain::SignalRules& r) {
  auto number = [&](const char* field, const char* label, std::optional<double>& out) -> std::optional<std::string> {
    bool ok = true;
    out = io::parse_decimal(ctx.req.field(field), ok);
    if (!ok) return fmt::format("{}: \"{}\" is geen getal.", label, ctx.req.field(field));
    return std::nullopt;
  };
  auto whole = [](std::optional<double> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
  std::optional<double> v;
  int level = std::atoi(ctx.req.field("level_at_or_below").c_str());
  r.level_at_or_below = level ? std::optional<int>(level) : std::nullopt;
  int drop = std::atoi(ctx.req.field("level_drop").c_str());
  r.level_drop = drop ? std::optional<int>(drop) : std::nullopt;
  if (auto e = number("mastery_percentage", "Beheersingspercentage", r.mastery_percentage)) return e;
  if (auto e = number("mastery_misses_in_a_row", "Methodetoetsen op rij", v)) return e;
  r.mastery_misses_in_a_row = whole(v).value_or(1);
  if (auto e = number("min_learning_yield", "Leerrendement", r.min_learning_yield)) return e;
  if (auto e = number("max_months_behind", "Achterstand", v)) return e;
  r.max_months_behind = whole(v);
  if (auto e = number("repeated_at_moments", "Herhaald laag niveau", v)) return e;
  r.repeated_at_moments = whole(v).value_or(0);
  r.top_level_is_signal = ctx.req.field("top_level_is_signal") == "1";
  r.expected_growth.clear();
  for (int i = 1; i <= kGrowthRows; ++i) {
    std::string subject = ctx.req.field(fmt::format("growth_{}_subject", i));
    std::string year = ctx.req.field(fmt::format("growth_{}_year_group", i));
    std::string points = ctx.req.field(fmt::format("growth_{}_points", i));
    if (subject.empty() && year.empty() && points.empty()) continue;
    bool ok = true;
    auto p = io::parse_decimal(points, ok);
    if (!ok || !p) return fmt::format("Verwachte groei, {}: \"{}\" is geen aantal punten.", subject, points);
    r.expected_growth.push_back({subject, std::atoi(year.c_str()), *p});
  }
  return domain::validate_rules(r);
}

Response save_rules(Context& ctx) {
  domain::SignalRules rules;
  if (auto error = read_form(ctx, rules)) return show(ctx, rules, true, *error, 400);
  store::SignalRepository(ctx.app.db).save_rules(ctx.who.school_id, rules, ctx.who);
  return Response::redirect("/school/signalering?opgeslagen=1");
}

}  // namespace

std::vector<Route> signal_rule_routes() {
  return {
      {"GET", "/school/signalering", Capability::kEditSignalRules, show_rules},
      {"POST", "/school/signalering", Capability::kEditSignalRules, save_rules},
  };
}

}  // namespace koers::web
