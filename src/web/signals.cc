// Signals: the school's rules applied to a pupil's results, with the teacher's decision.
// GET /api/v1/groups/{id}/signals, POST /api/v1/pupils/{id}/signals (JSON) and the
// decision form on the stamkaart (POST /leerlingen/{id}/signalen).
#include "web/signals.h"

#include "store/overview_repository.h"
#include "store/result_repository.h"
#include "store/signal_repository.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

json signals_json(const std::vector<domain::Signal>& signals,
                  const std::map<std::string, store::SignalDecision>& decisions) {
  json out = json::array();
  for (const auto& s : signals) {
    std::string key = store::signal_key(s);
    json item{{"key", key},
              {"rule", domain::signal_rule_key(s.rule)},
              {"rule_label", domain::signal_rule_label(s.rule)},
              {"subject", s.subject},
              {"moment", s.block.empty() ? s.moment.label() : s.block},
              {"positive", s.positive},
              {"evidence", s.evidence},
              {"decision", nullptr}};
    if (auto it = decisions.find(key); it != decisions.end())
      item["decision"] = {{"decision", it->second.decision},
                          {"confirmed", it->second.decision == "bevestigd"},
                          {"reason", it->second.reason},
                          {"by", it->second.decided_by}};
    out.push_back(item);
  }
  return out;
}

std::vector<domain::MethodTestResult> signal_input(const std::vector<domain::MethodTest>& newest_first) {
  std::vector<domain::MethodTestResult> out;
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it)
    out.push_back({it->subject, it->block, it->score, it->maximum});
  return out;
}

json pupil_signals_json(Context& ctx, domain::Id pupil_id, domain::Id school_id) {
  store::SignalRepository repo(ctx.app.db);
  auto method_tests = store::OverviewRepository(ctx.app.db).method_tests({pupil_id}, store::kNow);
  auto signals = domain::evaluate_signals(repo.rules(school_id),
                                          store::ResultRepository(ctx.app.db).results_of_pupil(pupil_id),
                                          signal_input(method_tests[pupil_id]));
  return signals_json(signals, repo.decisions(pupil_id));
}

namespace {

Response group_signals(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::GroupScope scope = ctx.group_in_view(id);
  json out = json::array();
  std::vector<domain::Id> ids;
  for (const auto& p : ctx.app.groups.pupils_of_group(id)) {
    json signals = pupil_signals_json(ctx, p.id, scope.school_id);
    ids.push_back(p.id);
    if (signals.empty()) continue;
    out.push_back({{"pupil_id", p.id}, {"name", p.name.display()}, {"signals", signals}});
  }
  ctx.audit_view(ids, "signalen");
  return Response::json(out.dump());
}

Response decide_api(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object())
    throw HttpError{400, "Verwacht {\"key\": …, \"decision\": \"bevestigd\"|\"afgewezen\", \"reason\": …}."};
  auto error = store::SignalRepository(ctx.app.db)
                   .decide(id, in.value("key", ""), in.value("decision", ""), in.value("reason", ""), ctx.who);
  if (error) throw HttpError{400, *error};
  return Response::json(json{{"status", "opgeslagen"}}.dump());
}

Response decide_page(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  ctx.pupil_in_view(id);
  auto error = store::SignalRepository(ctx.app.db)
                   .decide(id, ctx.req.field("key"), ctx.req.field("decision"), ctx.req.field("reason"), ctx.who);
  if (error) return Response::redirect(ctx.with_notice("/leerlingen/" + std::to_string(id) + "#signalen", *error, "signaalfout"));
  return Response::redirect("/leerlingen/" + std::to_string(id) + "#signalen");
}

}  // namespace

std::vector<Route> signal_routes() {
  return {
      {"GET", "/api/v1/groups/:id/signals", Capability::kSeeGroups, group_signals},
      {"POST", "/api/v1/pupils/:id/signals", Capability::kEnterResults, decide_api},
      {"POST", "/leerlingen/:id/signalen", Capability::kEnterResults, decide_page},
  };
}

}  // namespace koers::web
