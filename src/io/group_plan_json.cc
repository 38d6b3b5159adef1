#include "io/group_plan_json.h"

#include <fmt/format.h>

namespace koers::io {

using nlohmann::json;

namespace {

std::string text(const json& j, const char* field, const std::string& where) { return text_field(j, field, where); }
const json& array(const json& j, const char* field, const std::string& where) { return array_field(j, field, where); }
bool flag(const json& j, const char* field, const std::string& where) { return flag_field(j, field, where); }

}  // namespace

json group_plan_json(const domain::GroupPlan& plan) {
  json subjects = json::array();
  for (const auto& s : plan.subjects) {
    json subgroups = json::array();
    for (const auto& g : s.subgroups) {
      json goals = json::array();
      for (const auto& goal : g.goals) {
        json pupils = json::array();
        for (const auto& e : goal.pupils)
          pupils.push_back({{"pupil_id", e.pupil_id},
                            {"verdict", domain::verdict_key(e.verdict)},
                            {"evidence", e.evidence},
                            {"confirmed", e.confirmed}});
        goals.push_back({{"kind", domain::goal_kind_key(goal.kind)},
                         {"text", goal.text},
                         {"year_group", goal.year_group},
                         {"verdict", goal.verdict ? json(domain::verdict_key(*goal.verdict)) : json(nullptr)},
                         {"stimulating", goal.stimulating},
                         {"hindering", goal.hindering},
                         {"pupils", pupils},
                         {"carried_from", goal.carried_from}});
      }
      subgroups.push_back({{"approach", domain::approach_key(g.approach)},
                           {"pupils", g.pupils},
                           {"goals", goals},
                           {"content", g.content},
                           {"method", g.method},
                           {"organisation", g.organisation},
                           {"attention", g.attention},
                           {"evaluation", g.evaluation}});
    }
    json individual = json::array();
    for (const auto& l : s.individual) individual.push_back({{"pupil_id", l.pupil_id}, {"text", l.text}});
    subjects.push_back(
        {{"subject", s.subject}, {"basic_offer", s.basic_offer}, {"subgroups", subgroups}, {"individual", individual}});
  }
  json week = json::array();
  for (const auto& w : plan.week)
    week.push_back({{"day", w.day},
                    {"time", w.time},
                    {"subject", w.subject},
                    {"whole_group", w.whole_group},
                    {"intensief", w.intensive},
                    {"basis", w.basic},
                    {"verdiept", w.deepened}});
  const auto& f = plan.functioning;
  return {{"group_id", plan.group_id},
          {"period_id", plan.period_id},
          {"version", plan.version},
          {"saved_by", plan.saved_by},
          {"saved_at", plan.saved_at},
          {"subjects", subjects},
          {"week", week},
          {"carried_from_period", plan.carried_from_period},
          {"evaluation_closed", plan.evaluation_closed},
          {"functioning",
           {{"learning_style", f.learning_style},
            {"relation", f.relation},
            {"competence", f.competence},
            {"autonomy", f.autonomy},
            {"interests", f.interests},
            {"notes", f.notes}}}};
}

domain::GroupPlan group_plan_from_json(const json& j) {
  if (!j.is_object()) throw PlanJsonError("het plan: verwacht een JSON-object");
  domain::GroupPlan plan;
  const json& subjects = array(j, "subjects", "plan");
  for (size_t i = 0; i < subjects.size(); ++i) {
    const std::string where = fmt::format("subjects[{}]", i);
    const json& s = subjects[i];
    if (!s.is_object()) throw PlanJsonError(where + ": verwacht een object");
    domain::SubjectPlan sp;
    sp.subject = text(s, "subject", where);
    sp.basic_offer = text(s, "basic_offer", where);
    const json& subgroups = array(s, "subgroups", where);
    for (size_t k = 0; k < subgroups.size(); ++k) {
      const std::string at = fmt::format("{}.subgroups[{}]", where, k);
      const json& g = subgroups[k];
      if (!g.is_object()) throw PlanJsonError(at + ": verwacht een object");
      domain::SubgroupPlan gp;
      auto approach = domain::parse_approach(text(g, "approach", at));
      if (!approach) throw PlanJsonError(at + ".approach: verwacht intensief, basis of verdiept");
      gp.approach = *approach;
      for (const json& p : array(g, "pupils", at)) {
        if (!p.is_number_integer()) throw PlanJsonError(at + ".pupils: verwacht leerling-ids");
        gp.pupils.push_back(p.get<domain::Id>());
      }
      const json& goals = array(g, "goals", at);
      for (size_t n = 0; n < goals.size(); ++n) {
        const std::string gat = fmt::format("{}.goals[{}]", at, n);
        if (!goals[n].is_object()) throw PlanJsonError(gat + ": verwacht een object");
        domain::PlanGoal goal;
        const std::string kind = text(goals[n], "kind", gat);
        auto k = kind.empty() ? std::optional(domain::GoalKind::kDidactic) : domain::parse_goal_kind(kind);
        if (!k) throw PlanJsonError(gat + ".kind: verwacht didactisch of pedagogisch");
        goal.kind = *k;
        goal.text = text(goals[n], "text", gat);
        goal.year_group = text(goals[n], "year_group", gat);
        if (const std::string v = text(goals[n], "verdict", gat); !v.empty()) {
          goal.verdict = domain::parse_verdict(v);
          if (!goal.verdict) throw PlanJsonError(gat + ".verdict: verwacht behaald, deels of niet-behaald");
        }
        goal.stimulating = text(goals[n], "stimulating", gat);
        goal.hindering = text(goals[n], "hindering", gat);
        goal.carried_from = text(goals[n], "carried_from", gat);
        const json& evaluations = array(goals[n], "pupils", gat);
        for (size_t e = 0; e < evaluations.size(); ++e) {
          const std::string eat = fmt::format("{}.pupils[{}]", gat, e);
          const json& x = evaluations[e];
          if (!x.is_object() || !x.contains("pupil_id") || !x["pupil_id"].is_number_integer())
            throw PlanJsonError(eat + ".pupil_id: verwacht een leerling-id");
          domain::PupilEvaluation pe;
          pe.pupil_id = x["pupil_id"].get<domain::Id>();
          auto v = domain::parse_verdict(text(x, "verdict", eat));
          if (!v) throw PlanJsonError(eat + ".verdict: verwacht behaald, deels of niet-behaald");
          pe.verdict = *v;
          pe.evidence = text(x, "evidence", eat);
          pe.confirmed = flag(x, "confirmed", eat);
          goal.pupils.push_back(std::move(pe));
        }
        gp.goals.push_back(std::move(goal));
      }
      gp.content = text(g, "content", at);
      gp.method = text(g, "method", at);
      gp.organisation = text(g, "organisation", at);
      gp.attention = text(g, "attention", at);
      gp.evaluation = text(g, "evaluation", at);
      sp.subgroups.push_back(std::move(gp));
    }
    const json& individual = array(s, "individual", where);
    for (size_t k = 0; k < individual.size(); ++k) {
      const std::string at = fmt::format("{}.individual[{}]", where, k);
      if (!individual[k].is_object() || !individual[k].contains("pupil_id") || !individual[k]["pupil_id"].is_number_integer())
        throw PlanJsonError(at + ".pupil_id: verwacht een leerling-id");
      sp.individual.push_back({individual[k]["pupil_id"].get<domain::Id>(), text(individual[k], "text", at)});
    }
    plan.subjects.push_back(std::move(sp));
  }
  const json& week = array(j, "week", "plan");
  for (size_t i = 0; i < week.size(); ++i) {
    const std::string at = fmt::format("week[{}]", i);
    const json& w = week[i];
    if (!w.is_object()) throw PlanJsonError(at + ": verwacht een object");
    domain::WeekSlot slot;
    if (!w.contains("day") || !w["day"].is_number_integer() || w["day"].get<int>() < 1 || w["day"].get<int>() > 5)
      throw PlanJsonError(at + ".day: verwacht 1 (maandag) tot en met 5 (vrijdag)");
    slot.day = w["day"].get<int>();
    slot.time = text(w, "time", at);
    slot.subject = text(w, "subject", at);
    slot.whole_group = text(w, "whole_group", at);
    slot.intensive = text(w, "intensief", at);
    slot.basic = text(w, "basis", at);
    slot.deepened = text(w, "verdiept", at);
    plan.week.push_back(std::move(slot));
  }
  if (j.contains("carried_from_period") && !j["carried_from_period"].is_null()) {
    if (!j["carried_from_period"].is_number_integer()) throw PlanJsonError("carried_from_period: verwacht een periode-id");
    plan.carried_from_period = j["carried_from_period"].get<domain::Id>();
  }
  plan.evaluation_closed = flag(j, "evaluation_closed", "plan");
  if (j.contains("functioning") && !j["functioning"].is_null()) {
    const json& f = j["functioning"];
    if (!f.is_object()) throw PlanJsonError("functioning: verwacht een object");
    plan.functioning = {text(f, "learning_style", "functioning"), text(f, "relation", "functioning"),
                        text(f, "competence", "functioning"),     text(f, "autonomy", "functioning"),
                        text(f, "interests", "functioning"),      text(f, "notes", "functioning")};
  }
  return plan;
}

}  // namespace koers::io
