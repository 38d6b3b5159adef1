// The groepsplan over the API. GET /api/v1/groups/{id}/plans/{period} gives the latest
// version, or a new plan started from the overview's division (version 0) with the list
// of versions; PUT saves the body as the next version when its "version" is the latest
// (409 with the latest plan otherwise: the stale writer keeps their text and sees what
// changed). POST …/send marks a version as the one sent to the IB; POST …/close closes the
// period's evaluation. {period} is a period id or "huidig".
// POST /api/v1/goals/check gives the SMARTI findings of a goal as it is typed.
#include <fmt/format.h>

#include <algorithm>

#include "domain/goal_evaluation.h"
#include "domain/plan_carry_forward.h"
#include "domain/smarti.h"
#include "io/group_plan_json.h"
#include "web/plans/plans.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

PlanSelection load_plan(Context& ctx, Id group_id, const std::string& period, int version, bool page) {
  PlanSelection ps;
  ps.sel = page ? load_group_overview(ctx, group_id, period, "groepsplan")
                : overview_of_period(ctx, group_id, period, "groepsplan");
  for (const auto& p : ps.sel.periods)
    if (p.id == ps.sel.period_id) ps.period = p;
  for (const auto& line : ps.sel.overview.lines) ps.names[line.pupil_id] = line.name;
  store::PlanRepository plans(ctx.app.db);
  ps.versions = plans.versions(group_id, ps.sel.period_id);
  std::optional<domain::GroupPlan> plan;
  if (version > 0) {
    plan = plans.version(group_id, ps.sel.period_id, version);
    if (!plan) throw HttpError{404, "Deze versie van het groepsplan bestaat niet."};
    ps.latest = version == ps.versions.back().version;
  } else if (!ps.versions.empty()) {
    plan = plans.version(group_id, ps.sel.period_id, ps.versions.back().version);
  }
  const bool current = ps.sel.period_id == ps.sel.current_period_id;
  ps.editable = ps.latest && current && domain::may_edit_group_plan(ctx.who, ctx.group_in_view(group_id));
  // The period before this one in the school year, and its plan.
  for (size_t i = 1; i < ps.sel.periods.size(); ++i)
    if (ps.sel.periods[i].id == ps.sel.period_id) {
      ps.previous = plans.latest(group_id, ps.sel.periods[i - 1].id);
      ps.previous_name = ps.sel.periods[i - 1].name;
    }
  if (!plan && ps.previous)
    plan = domain::carry_forward(*ps.previous, ps.previous_name, ps.sel.overview, ps.sel.period_id);
  if (!plan) plan = domain::new_group_plan(ps.sel.overview, ps.sel.period_id);
  // In the current period the division is the overview's: moves made there show here.
  else if (ps.latest && current)
    domain::place_pupils(*plan, ps.sel.overview);
  ps.plan = std::move(*plan);
  // A goal that names a measurable result gets Koers' verdicts as soon as the results are in.
  if (ps.latest && current && ps.period && !ps.plan.evaluation_closed)
    domain::propose_evaluations(ps.plan, ps.sel.overview, {ps.period->starts_on, ps.period->ends_on});
  return ps;
}

json group_discussion_json(const PlanSelection& ps) {
  json out = json::array();
  if (!ps.plan.evaluation_closed) return out;  // until then the verdicts are not final
  std::map<Id, json> by_pupil;
  std::vector<Id> order;
  std::map<Id, std::string> year_group_of;
  for (const auto& line : ps.sel.overview.lines) year_group_of[line.pupil_id] = line.year_group;
  for (const auto& u : domain::unreached_goals(ps.plan, year_group_of)) {
    if (!by_pupil.count(u.pupil_id)) {
      order.push_back(u.pupil_id);
      auto name = ps.names.find(u.pupil_id);
      by_pupil[u.pupil_id] = {
          {"pupil_id", u.pupil_id},
          {"name", name == ps.names.end() ? "leerling " + std::to_string(u.pupil_id) : name->second},
          {"goals", json::array()}};
    }
    by_pupil[u.pupil_id]["goals"].push_back({{"subject", u.subject},
                                             {"goal", u.goal},
                                             {"verdict", domain::verdict_key(u.verdict)},
                                             {"evidence", u.evidence}});
  }
  for (Id id : order) out.push_back(by_pupil[id]);
  return out;
}

namespace {

json plan_json(const PlanSelection& ps) {
  json out = io::group_plan_json(ps.plan);
  json versions = json::array();
  for (const auto& v : ps.versions)
    versions.push_back({{"version", v.version},
                        {"saved_by", v.saved_by},
                        {"saved_at", v.saved_at},
                        {"sent_by", v.sent_by.empty() ? json(nullptr) : json(v.sent_by)},
                        {"sent_at", v.sent_at.empty() ? json(nullptr) : json(v.sent_at)}});
  out["versions"] = versions;
  out["editable"] = ps.editable;
  out["period"] = ps.period ? json{{"id", ps.period->id},
                                   {"name", ps.period->name},
                                   {"starts_on", ps.period->starts_on.iso()},
                                   {"ends_on", ps.period->ends_on.iso()}}
                            : json(nullptr);
  out["for_group_discussion"] = group_discussion_json(ps);
  out["changes_since_previous"] = ps.previous && ps.plan.carried_from_period == ps.previous->period_id
                                      ? json(domain::plan_changes(*ps.previous, ps.plan, ps.names))
                                      : json::array();
  return out;
}

Response plan_api(Context& ctx) {
  return Response::json(
      plan_json(load_plan(ctx, ctx.id_param("id"), ctx.params["period"], ctx.number_query("version"), false)).dump());
}

// The teacher of the group, in the current period; the selection of the latest plan.
PlanSelection plan_to_change(Context& ctx) {
  const Id group_id = ctx.id_param("id");
  domain::GroupScope scope = ctx.group_in_view(group_id);
  if (!domain::may_edit_group_plan(ctx.who, scope))
    throw HttpError{403, "Alleen de leerkracht van de groep schrijft het groepsplan."};
  PlanSelection ps = load_plan(ctx, group_id, ctx.params["period"], 0, false);
  if (ps.sel.period_id != ps.sel.current_period_id)
    throw HttpError{409, "Het groepsplan van een afgelopen periode blijft zoals het was."};
  return ps;
}

std::vector<Id> pupils_in(const domain::GroupPlan& plan) {
  std::vector<Id> out;
  for (const auto& s : plan.subjects) {
    for (const auto& g : s.subgroups) out.insert(out.end(), g.pupils.begin(), g.pupils.end());
    for (const auto& l : s.individual) out.push_back(l.pupil_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Stores `plan` as the version after `based_on`: the saved plan, or the 409 with the latest.
Response store_plan(Context& ctx, PlanSelection& ps, domain::GroupPlan plan, int based_on,
                    std::vector<domain::OverviewEntry> needs = {}) {
  auto saved =
      store::PlanRepository(ctx.app.db).save(plan, based_on, ctx.who, std::move(needs), ps.sel.overview.subjects);
  if (auto* conflict = std::get_if<store::PlanConflict>(&saved)) {
    PlanSelection latest = load_plan(ctx, plan.group_id, std::to_string(plan.period_id), 0, false);
    return Response::json(json{{"error",
                                "Het plan is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                "vergelijk met de nieuwste versie en sla opnieuw op."},
                               {"latest_version", conflict->latest_version},
                               {"latest", plan_json(latest)}}
                              .dump(),
                          409);
  }
  ps.plan = std::get<domain::GroupPlan>(saved);
  ps.versions = store::PlanRepository(ctx.app.db).versions(plan.group_id, plan.period_id);
  ctx.audit_view(pupils_in(ps.plan),
                 "groepsplan " + ps.sel.overview.group.name + " (" + ps.sel.overview.period_name + ")");
  return Response::json(plan_json(ps).dump());
}

Response save_plan(Context& ctx) {
  PlanSelection ps = plan_to_change(ctx);
  json in = versioned_body(ctx);
  domain::GroupPlan plan;
  try {
    plan = io::group_plan_from_json(in);
  } catch (const io::PlanJsonError& e) {
    throw HttpError{400, e.what()};
  }
  plan.group_id = ps.plan.group_id;
  plan.period_id = ps.sel.period_id;
  if (ps.plan.evaluation_closed)
    throw HttpError{409, "De evaluatie van deze periode is afgesloten; het plan blijft zoals het was."};
  std::vector<Id> pupils;
  for (const auto& p : ctx.app.groups.pupils_of_group(plan.group_id)) pupils.push_back(p.id);
  if (auto problems = domain::validate_plan(plan, ps.sel.overview.subjects, pupils, ps.sel.overview.group.year_groups);
      !problems.empty())
    return Response::json(json{{"error", "Het plan is niet opgeslagen."}, {"problems", problems}}.dump(), 422);
  return store_plan(ctx, ps, std::move(plan), in["version"].get<int>());
}

Response send_plan(Context& ctx) {
  PlanSelection ps = plan_to_change(ctx);
  const int version = versioned_body(ctx)["version"].get<int>();
  if (ps.versions.empty() || version != ps.versions.back().version)
    throw HttpError{409, "Sla het plan eerst op: alleen de nieuwste opgeslagen versie wordt verstuurd."};
  if (auto error = store::PlanRepository(ctx.app.db).send(ps.plan.group_id, ps.sel.period_id, version, ctx.who))
    throw HttpError{409, *error};
  ps.versions = store::PlanRepository(ctx.app.db).versions(ps.plan.group_id, ps.sel.period_id);
  return Response::json(plan_json(ps).dump());
}

// Closing the evaluation: every proposed verdict counts as confirmed, the plan is saved as
// a new version that can no longer change, and the pupils who did not reach a goal get it
// as a specific need in the overview.
Response close_evaluation_api(Context& ctx) {
  PlanSelection ps = plan_to_change(ctx);
  const int version = versioned_body(ctx)["version"].get<int>();
  if (ps.versions.empty()) throw HttpError{409, "Sla het plan eerst op."};
  if (ps.plan.evaluation_closed) throw HttpError{409, "De evaluatie van deze periode is al afgesloten."};
  domain::GroupPlan plan = ps.plan;
  domain::close_evaluation(plan);
  auto needs = domain::needs_from_evaluation(plan, ps.period ? ps.period->name : "deze periode");
  return store_plan(ctx, ps, std::move(plan), version, std::move(needs));
}

// POST /api/v1/goals/check {"text": …, "starts_on"?: "2026-11-01", "ends_on"?: …}: the
// SMARTI findings of a goal as it is typed. Advice only; it reads and stores nothing.
Response check_goal(Context& ctx) {
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string())
    throw HttpError{
        400, "Verwacht {\"text\": de tekst van het doel, \"starts_on\" en \"ends_on\" van de periode (optioneel)}."};
  std::optional<domain::GoalPeriod> period;
  if (in.contains("starts_on") || in.contains("ends_on")) {
    auto date = [&](const char* field) {
      auto d = in.contains(field) && in[field].is_string() ? domain::parse_iso_date(in[field].get<std::string>())
                                                           : std::nullopt;
      if (!d) throw HttpError{400, fmt::format("{}: verwacht een datum als 2026-11-01.", field)};
      return *d;
    };
    period = domain::GoalPeriod{date("starts_on"), date("ends_on")};
  }
  json findings = json::array();
  bool all_met = true;
  for (const auto& f : domain::check_smarti(in["text"].get<std::string>(), period)) {
    findings.push_back({{"criterion", domain::smarti_key(f.criterion)},
                        {"label", domain::smarti_label(f.criterion)},
                        {"met", f.met},
                        {"hint", f.hint}});
    all_met = all_met && f.met;
  }
  return Response::json(json{{"findings", findings},
                             {"smarti", all_met},
                             {"summary", all_met ? json(domain::smarti_passed_text()) : json(nullptr)}}
                            .dump());
}

}  // namespace

std::vector<Route> plan_routes() {
  return {
      {"GET", "/api/v1/groups/:id/plans/:period", Capability::kSeeGroups, plan_api},
      {"PUT", "/api/v1/groups/:id/plans/:period", Capability::kEnterResults, save_plan},
      {"POST", "/api/v1/groups/:id/plans/:period/send", Capability::kEnterResults, send_plan},
      {"POST", "/api/v1/groups/:id/plans/:period/close", Capability::kEnterResults, close_evaluation_api},
      {"POST", "/api/v1/goals/check", Capability::kSeeGroups, check_goal},
  };
}

}  // namespace koers::web
