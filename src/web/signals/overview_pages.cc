// Signalering: the IB's (and head's) view of the school's signals as they stand now. Per
// group a compact table, pupils × subjects, worst first: each cell names the rules that fire
// on the latest results of that subject and whether the teacher has decided. Above it, how
// many pupils of the school have a concern and which rule contributes how many. Filters by
// subject and rule; "niveau-hoog" shows the strengths instead.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "web/app.h"
#include "web/signals/signals.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

// The word in a cell: short, so that a group fits on a screen.
std::string short_rule(const std::string& key) {
  static const std::map<std::string, std::string> words = {
      {"niveau-laag", "niveau"},       {"niveau-daling", "daling"},      {"groei-laag", "groei"},
      {"methodetoets", "methode"},     {"leerrendement", "rendement"},   {"achterstand", "achterstand"},
      {"herhaald-laag", "herhaald"},   {"niveau-hoog", "hoog niveau"}};
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

struct Row {
  domain::Id id;
  std::string name;
  std::map<std::string, json> cells;  // subject → cell
  int lines = 0, rules = 0;
};

Response overview(Context& ctx) {
  const std::string subject = ctx.query("toets"), rule = ctx.query("regel");
  const bool strengths = rule == "niveau-hoog";
  std::set<std::string> all_subjects;
  std::map<std::string, std::set<domain::Id>> per_rule;  // concern rule → pupils (not dismissed)
  std::set<domain::Id> concern_pupils, strength_pupils;
  int pupils_total = 0;
  json groups = json::array();
  std::vector<domain::Id> shown;
  const domain::SignalRules school_rules = store::SignalRepository(ctx.app.db).rules(ctx.who.school_id);
  // The pupils of every group first, so that their signals come in three queries, not three a pupil.
  std::vector<std::pair<domain::Group, std::vector<store::PupilListRow>>> group_pupils;
  std::vector<domain::Id> pupil_ids;
  for (const domain::Group& g : visible_groups(ctx.app, ctx.who)) {
    if (g.kind != domain::GroupKind::kRegular) continue;
    for (const auto& p : group_pupils.emplace_back(g, ctx.app.groups.pupils_of_group(g.id)).second)
      if (!p.left) pupil_ids.push_back(p.id);
  }
  auto signals_of = pupils_signals(ctx, pupil_ids, ctx.who.school_id, school_rules);
  for (const auto& [g, pupils] : group_pupils) {
    std::vector<Row> rows;
    std::set<std::string> subjects;
    for (const auto& p : pupils) {
      if (p.left) continue;
      ++pupils_total;
      Row row{p.id, p.name.display(), {}, 0, 0};
      for (const json& line : signal_lines_json(signals_of[p.id])) {
        const std::string line_subject = line["subject"], state = line["state"];
        const bool positive = line["positive"];
        all_subjects.insert(line_subject);
        if (state == "afgewezen") continue;  // decided: no action needed
        if (positive) strength_pupils.insert(p.id);
        else {
          concern_pupils.insert(p.id);
          for (const json& r : line["rules"]) per_rule[r["rule"].get<std::string>()].insert(p.id);
        }
        if (positive != strengths || (!subject.empty() && line_subject != subject)) continue;
        bool wanted = rule.empty() || strengths;
        std::string words, evidence;
        for (const json& r : line["rules"]) {
          wanted = wanted || r["rule"] == rule;
          const std::string w = short_rule(r["rule"]);
          if (words.find(w) == std::string::npos) words += (words.empty() ? "" : " · ") + w;
          evidence += (evidence.empty() ? "" : "\n") + r["evidence"].get<std::string>();
        }
        if (!wanted) continue;
        row.cells[line_subject] = {{"words", words}, {"title", evidence}, {"open", state == "open"},
                                   {"confirmed", state == "bevestigd"}};
        subjects.insert(line_subject);
        ++row.lines;
        row.rules += static_cast<int>(line["rules"].size());
      }
      if (row.lines) rows.push_back(std::move(row));
    }
    if (rows.empty()) continue;
    // Worst first: most subjects signalled, then most rules firing, then by name.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (a.lines != b.lines) return a.lines > b.lines;
      return a.rules > b.rules;
    });
    json header = json::array(), body = json::array();
    for (const auto& s : subjects) header.push_back(s);
    for (const Row& r : rows) {
      json cells = json::array();
      for (const auto& s : subjects) {
        auto it = r.cells.find(s);
        cells.push_back(it == r.cells.end() ? json{{"empty", true}} : it->second);
      }
      body.push_back({{"id", r.id}, {"name", r.name}, {"cells", cells}});
      shown.push_back(r.id);
    }
    groups.push_back({{"id", g.id}, {"label", g.label()}, {"subjects", header}, {"pupils", body}, {"count", rows.size()}});
  }
  ctx.audit_view(shown, "signaleringsoverzicht");

  auto share = [&](size_t n) {
    return pupils_total ? fmt::format("{} van de {} leerlingen ({} %)", n, pupils_total, (n * 100 + pupils_total / 2) / pupils_total)
                        : std::string("geen leerlingen");
  };
  json contributions = json::array();
  for (auto r : {domain::SignalRule::kLevelLow, domain::SignalRule::kRepeatedLowLevel, domain::SignalRule::kLevelDrop,
                 domain::SignalRule::kGrowthBelowExpected, domain::SignalRule::kLearningYieldLow,
                 domain::SignalRule::kMonthsBehind, domain::SignalRule::kMethodTestBelowMastery}) {
    auto it = per_rule.find(domain::signal_rule_key(r));
    if (it == per_rule.end()) continue;
    contributions.push_back({{"label", domain::signal_rule_label(r)}, {"count", it->second.size()},
                             {"href", "/signalering?regel=" + domain::signal_rule_key(r)}});
  }
  json subject_options = json::array({{{"value", ""}, {"label", "alle vakken"}, {"selected", subject.empty()}}});
  for (const auto& s : all_subjects) subject_options.push_back({{"value", s}, {"label", s}, {"selected", s == subject}});
  json rule_options = json::array({{{"value", ""}, {"label", "alle zorgsignalen"}, {"selected", rule.empty()}}});
  for (auto r : {domain::SignalRule::kLevelLow, domain::SignalRule::kLevelDrop, domain::SignalRule::kGrowthBelowExpected,
                 domain::SignalRule::kLearningYieldLow, domain::SignalRule::kMonthsBehind,
                 domain::SignalRule::kRepeatedLowLevel, domain::SignalRule::kMethodTestBelowMastery,
                 domain::SignalRule::kTopLevel})
    rule_options.push_back({{"value", domain::signal_rule_key(r)},
                            {"label", domain::signal_rule_label(r)},
                            {"selected", domain::signal_rule_key(r) == rule}});
  return ctx.page("signal_overview", "Signalering",
                  {{"groups", groups},
                   {"empty", groups.empty()},
                   {"concern_share", share(concern_pupils.size())},
                   {"strength_share", share(strength_pupils.size())},
                   {"contributions", contributions},
                   {"strengths", strengths},
                   {"subjects", subject_options},
                   {"rules", rule_options},
                   {"wide", true}});
}

}  // namespace

std::vector<Route> signal_overview_routes() {
  return {{"GET", "/signalering", Capability::kEditSignalRules, overview}};
}

}  // namespace koers::web
