// The groeidocument of a pupil, pre-filled from what Koers holds (domain/growth_document.h):
// the pupil's line of the current overview (dismissed signals left out), this school year's
// group plans of their group, and their earlier pupil discussions. GET
// /api/v1/pupils/{id}/growth-document; every read is audited for the pupil.
#include <fmt/format.h>

#include "common/clock.h"
#include "io/results_chart.h"
#include "store/cutoff_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/result_repository.h"
#include "web/meetings/meetings.h"
#include "web/overview/overview.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

json entries_json(const std::vector<domain::GrowthEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries)
    out.push_back({{"topic", nz(e.topic)},
                   {"text", e.text},
                   {"source", domain::source_label(e.source)},
                   {"written_by", e.written_by},
                   {"written_on", e.written_at.empty() ? "" : display_time(e.written_at).substr(0, 10)}});
  return out;
}

json facts_json(const domain::GrowthDocumentFacts& f) {
  json subjects = json::array();
  for (const auto& s : f.subjects) {
    json tests = json::array();
    for (const auto& t : s.tests) {
      json results = json::array();
      for (const auto& r : t.results)
        results.push_back({{"moment", r.moment.label()},
                           {"level", r.level ? json(r.level->label()) : json(nullptr)},
                           {"score", r.ability_score ? json(*r.ability_score) : json(nullptr)}});
      tests.push_back({{"test", t.test}, {"results", results}, {"trend", nz(t.trend_text)}});
    }
    json method_tests = json::array();
    for (const auto& m : s.method_tests)
      method_tests.push_back({{"block", m.block},
                              {"percentage", std::lround(m.percentage())},
                              {"taken_on", m.taken_on.dutch()}});
    subjects.push_back({{"subject", s.subject},
                        {"approach", s.approach ? json(domain::approach_label(*s.approach)) : json(nullptr)},
                        {"tests", tests},
                        {"method_tests", method_tests},
                        {"has_method_tests", !method_tests.empty()},
                        {"reading_level", s.reading_level ? json(s.reading_level->avi_level) : json(nullptr)}});
  }
  json signals = json::array();
  for (const auto& s : f.signals) signals.push_back({{"text", s.text}, {"positive", s.positive}});
  json plans = json::array();
  for (const auto& p : f.plans) {
    json ps = json::array();
    for (const auto& s : p.subjects) {
      json goals = json::array();
      for (const auto& g : s.goals)
        goals.push_back({{"text", g.text},
                         {"verdict", g.verdict_text},
                         {"for_pupil", g.for_pupil},
                         {"proposed", g.proposed},
                         {"evidence", nz(g.evidence)}});
      ps.push_back({{"subject", s.subject},
                    {"subgroup", s.subgroup ? json(domain::approach_label(*s.subgroup)) : json(nullptr)},
                    {"moved_from", s.moved_from ? json(domain::approach_label(*s.moved_from)) : json(nullptr)},
                    {"goals", goals},
                    {"individual_line", nz(s.individual_line)}});
    }
    plans.push_back({{"period_id", p.period_id}, {"period_name", p.period_name}, {"evaluation_closed", p.evaluation_closed},
                     {"subjects", ps}, {"has_subjects", !ps.empty()}});
  }
  json earlier = json::array();
  for (const auto& e : f.earlier)
    earlier.push_back({{"on", e.on.dutch()}, {"kind_label", e.kind_label}, {"summary", nz(e.summary)}});
  return {{"pupil_id", f.pupil_id},
          {"name", f.name},
          {"year_group", f.year_group},
          {"summary", f.summary},
          {"protective", entries_json(f.protective)},
          {"hindering", entries_json(f.hindering)},
          {"general_needs", entries_json(f.general_needs)},
          {"subject_needs", entries_json(f.subject_needs)},
          {"subjects", subjects},
          {"signals", signals},
          {"plans", plans},
          {"earlier", earlier}};
}

Response growth_document_api(Context& ctx) {
  return Response::json(growth_document_json(ctx, ctx.id_param("id"), 0).dump());
}

}  // namespace

json growth_document_json(Context& ctx, Id pupil_id, Id this_meeting) {
  domain::PupilScope scope = ctx.pupil_in_view(pupil_id);
  domain::OverviewLine line;
  std::vector<std::string> subjects;
  std::vector<domain::GroupPlan> plans;
  std::vector<std::string> period_names;
  if (!scope.current_group_ids.empty()) {
    const Id group_id = scope.current_group_ids.front();
    auto group = ctx.app.groups.find(group_id);
    auto pupils = ctx.app.groups.pupils_of_group(group_id);
    std::erase_if(pupils, [&](const store::PupilListRow& p) { return p.id != pupil_id; });
    auto lines = overview_lines(ctx, scope.school_id, pupils, store::kNow);
    if (!lines.empty()) line = lines.front();
    subjects = domain::overview_subjects(group->year_groups);
    for (const auto& p : ctx.app.schools.periods(group->school_id, group->school_year_id))
      if (auto plan = store::PlanRepository(ctx.app.db).latest(group_id, p.id)) {
        plans.push_back(*plan);
        period_names.push_back(p.name);
      }
  }
  if (line.pupil_id == 0) {  // not in a group now: the pupil's name only
    line.pupil_id = pupil_id;
    if (auto p = ctx.app.pupils.find(pupil_id)) line.name = p->name.display();
  }
  drop_dismissed_signals(ctx, line);
  std::vector<const domain::GroupPlan*> plan_ptrs;
  for (const auto& p : plans) plan_ptrs.push_back(&p);
  std::vector<domain::EarlierDiscussion> earlier;
  for (const auto& m : store::MeetingRepository(ctx.app.db).of_pupil(pupil_id)) {
    if (m.id == this_meeting || !m.planned_on) continue;
    if (m.status != domain::MeetingStatus::kHeld && m.status != domain::MeetingStatus::kReported) continue;
    std::string summary = domain::outcome_label(m.outcome);
    if (!m.steps.empty() && !m.steps.back().notes.empty()) summary += ". " + m.steps.back().notes;
    earlier.push_back({*m.planned_on, domain::meeting_kind_label(m.kind), summary});
  }
  json out = facts_json(domain::growth_document_facts(line, subjects, plan_ptrs, period_names, earlier));
  // The results chart of the stamkaart, drawn by the server so it prints.
  auto taken = store::ResultRepository(ctx.app.db).results_of_pupil(pupil_id);
  std::string chart = io::results_chart_svg(taken, store::CutoffRepository(ctx.app.db).cutoffs(scope.school_id));
  out["chart"] = nz(chart);
  ctx.audit_view({pupil_id}, "groeidocument");
  return out;
}

std::vector<Route> growth_routes() {
  return {{"GET", "/api/v1/pupils/:id/growth-document", Capability::kSeeGroups, growth_document_api}};
}

}  // namespace koers::web
