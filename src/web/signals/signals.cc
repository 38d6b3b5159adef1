// Signals: the school's rules applied to a pupil's results, with the teacher's decision.
// GET /api/v1/groups/{id}/signals, POST /api/v1/pupils/{id}/signals (JSON) and the
// decision form on the stamkaart (POST /leerlingen/{id}/signalen).
#include "web/signals/signals.h"

#include "io/json_fields.h"
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
              {"current", s.current},
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

PupilSignals pupil_signals(Context& ctx, domain::Id pupil_id, const domain::SignalRules& rules) {
  auto method_tests = store::OverviewRepository(ctx.app.db).method_tests({pupil_id}, store::kNow);
  return {domain::evaluate_signals(rules, store::ResultRepository(ctx.app.db).results_of_pupil(pupil_id),
                                   domain::signal_input(method_tests[pupil_id])),
          store::SignalRepository(ctx.app.db).decisions(pupil_id)};
}

std::map<domain::Id, PupilSignals> pupils_signals(Context& ctx, const std::vector<domain::Id>& pupil_ids,
                                                  domain::Id school_id, const domain::SignalRules& rules) {
  std::map<domain::Id, PupilSignals> out;
  if (pupil_ids.empty()) return out;
  auto results = store::ResultRepository(ctx.app.db).results_of_school(school_id);
  auto method_tests = store::OverviewRepository(ctx.app.db).method_tests(pupil_ids, store::kNow);
  auto decisions = store::SignalRepository(ctx.app.db).decisions(pupil_ids);
  for (domain::Id id : pupil_ids) {
    PupilSignals& p = out[id];
    p.signals = domain::evaluate_signals(rules, results[id], domain::signal_input(method_tests[id]));
    p.decisions = std::move(decisions[id]);
  }
  return out;
}

PupilSignals pupil_signals(Context& ctx, const domain::PupilRecord& record) {
  if (!record.group_id) return pupil_signals(ctx, record.pupil_id, record.school_id);  // the record has no method tests
  store::SignalRepository signals(ctx.app.db);
  return {domain::evaluate_signals(signals.rules(record.school_id), record.results,
                                   domain::signal_input(record.line.method_tests)),
          signals.decisions(record.pupil_id)};
}

PupilSignals pupil_signals(Context& ctx, domain::Id pupil_id, domain::Id school_id) {
  return pupil_signals(ctx, pupil_id, store::SignalRepository(ctx.app.db).rules(school_id));
}

json pupil_signals_json(Context& ctx, domain::Id pupil_id, domain::Id school_id) {
  PupilSignals p = pupil_signals(ctx, pupil_id, school_id);
  return signals_json(p.signals, p.decisions);
}

json signal_lines_json(const PupilSignals& p) {
  json out = json::array();
  for (const domain::SignalLine& line : domain::signal_lines(p.signals)) {
    json rules = json::array();
    const store::SignalDecision* decided = nullptr;
    bool open = false;
    for (const auto& s : line.signals) {
      rules.push_back({{"rule", domain::signal_rule_key(s.rule)},
                       {"label", domain::signal_rule_label(s.rule)},
                       {"evidence", s.evidence}});
      auto it = p.decisions.find(store::signal_key(s));
      if (it == p.decisions.end()) open = true;
      else if (!decided || it->second.decided_at > decided->decided_at) decided = &it->second;
    }
    const std::string state = open ? "open" : decided->decision;
    json item{{"subject", line.subject},
              {"positive", line.positive},
              {"state", state},
              {"open", open},
              {"rules", rules},
              {"rule_names", [&] {
                 std::string names;
                 for (const auto& r : rules) names += (names.empty() ? "" : ", ") + r["label"].get<std::string>();
                 return names;
               }()},
              {"decision", nullptr}};
    if (decided)
      item["decision"] = {{"decision", decided->decision},
                          {"confirmed", decided->decision == "bevestigd"},
                          {"reason", decided->reason},
                          {"by", decided->decided_by},
                          {"complete", !open}};
    out.push_back(item);
  }
  return out;
}

namespace {
// The line a form or API call names: its subject, concern (default) or strength.
std::optional<domain::SignalLine> line_named(const PupilSignals& p, const std::string& subject, bool positive) {
  for (auto& line : domain::signal_lines(p.signals))
    if (line.subject == subject && line.positive == positive) return line;
  return std::nullopt;
}
}  // namespace

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
  domain::PupilScope scope = ctx.pupil_in_view(id);
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || (!in.contains("subject") && !in.contains("key")))
    throw HttpError{400, "Verwacht {\"subject\": …, \"decision\": \"bevestigd\"|\"afgewezen\", \"reason\": …} "
                         "(of \"key\" voor één signaal)."};
  store::SignalRepository repo(ctx.app.db);
  std::optional<std::string> error;
  if (in.contains("subject")) {
    const bool positive = io::flag_field(in, "positive", "");
    auto line = line_named(pupil_signals(ctx, id, scope.school_id), io::text_field(in, "subject", ""), positive);
    if (!line) throw HttpError{400, "Er staat voor dit vak geen actueel signaal."};
    error = repo.decide(id, *line, io::text_field(in, "decision", ""), io::text_field(in, "reason", ""), ctx.who);
  } else {
    error = repo.decide(id, io::text_field(in, "key", ""), io::text_field(in, "decision", ""),
                        io::text_field(in, "reason", ""), ctx.who);
  }
  if (error) throw HttpError{400, *error};
  return Response::json(json{{"status", "opgeslagen"}}.dump());
}

Response decide_page(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(id);
  auto line = line_named(pupil_signals(ctx, id, scope.school_id), ctx.req.field("subject"), ctx.req.field("positive") == "1");
  std::optional<std::string> error = std::string("Er staat voor dit vak geen actueel signaal meer.");
  if (line)
    error = store::SignalRepository(ctx.app.db)
                .decide(id, *line, ctx.req.field("decision"), ctx.req.field("reason"), ctx.who);
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
