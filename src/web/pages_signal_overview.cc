// Signaleringsoverzicht: the IB's (and head's) view of every signalled pupil of the
// school, per group, filterable by subject and rule.
#include <set>

#include "web/app.h"
#include "web/signals.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

Response overview(Context& ctx) {
  auto query = [&](const char* k) { return ctx.req.query.count(k) ? ctx.req.query.at(k) : std::string(); };
  const std::string subject = query("toets"), rule = query("regel");
  std::set<std::string> subjects;
  json groups = json::array();
  std::vector<domain::Id> shown;
  int pupils_signalled = 0;
  for (const domain::Group& g : visible_groups(ctx.app, ctx.who)) {
    if (g.kind == domain::GroupKind::kCombined) continue;
    json rows = json::array();
    for (const auto& p : ctx.app.groups.pupils_of_group(g.id)) {
      json kept = json::array();
      for (const auto& s : pupil_signals_json(ctx, p.id, ctx.who.school_id)) {
        subjects.insert(s["subject"].get<std::string>());
        bool wanted = (subject.empty() || s["subject"] == subject) && (rule.empty() ? !s["positive"].get<bool>() : s["rule"] == rule);
        if (wanted) kept.push_back(s);
      }
      if (kept.empty()) continue;
      rows.push_back({{"id", p.id}, {"name", p.name.display()}, {"signals", kept}});
      shown.push_back(p.id);
    }
    if (rows.empty()) continue;
    pupils_signalled += static_cast<int>(rows.size());
    groups.push_back({{"id", g.id}, {"label", g.label()}, {"pupils", rows}, {"count", rows.size()}});
  }
  ctx.audit_view(shown, "signaleringsoverzicht");
  json subject_options = json::array({{{"value", ""}, {"label", "alle toetsen"}, {"selected", subject.empty()}}});
  for (const auto& s : subjects) subject_options.push_back({{"value", s}, {"label", s}, {"selected", s == subject}});
  json rule_options = json::array({{{"value", ""}, {"label", "alle zorgsignalen"}, {"selected", rule.empty()}}});
  for (auto r : {domain::SignalRule::kLevelLow, domain::SignalRule::kLevelDrop, domain::SignalRule::kGrowthBelowExpected,
                 domain::SignalRule::kLearningYieldLow, domain::SignalRule::kMonthsBehind,
                 domain::SignalRule::kRepeatedLowLevel, domain::SignalRule::kMethodTestBelowMastery,
                 domain::SignalRule::kTopLevel})
    rule_options.push_back({{"value", domain::signal_rule_key(r)},
                            {"label", domain::signal_rule_label(r)},
                            {"selected", domain::signal_rule_key(r) == rule}});
  return ctx.page("signal_overview", "Signaleringsoverzicht",
                  {{"groups", groups}, {"empty", groups.empty()}, {"count", pupils_signalled},
                   {"subjects", subject_options}, {"rules", rule_options}});
}

}  // namespace

std::vector<Route> signal_overview_routes() {
  return {{"GET", "/signalering", Capability::kEditSignalRules, overview}};
}

}  // namespace koers::web
