// The groeidocument of a pupil, pre-filled from what Koers holds (domain/growth_document.h): a
// view of the pupil's record (domain/pupil_record.h, read once by store::PupilRecordRepository):
// their line of the current overview, this year's group plans, earlier pupil discussions. GET
// /api/v1/pupils/{id}/growth-document; every read is audited for the pupil.
#include <fmt/format.h>

#include "common/clock.h"
#include "domain/pupil_record.h"
#include "io/results_chart.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "web/meetings/meetings.h"
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
  json ihps = json::array();
  for (const auto& i : f.ihps)
    ihps.push_back({{"id", i.id},
                    {"term", i.starts_on.dutch() + " t/m " + i.ends_on.dutch()},
                    {"status_label", domain::ihp_status_label(i.status)},
                    {"outcome_label", i.outcome ? json(domain::ihp_outcome_label(*i.outcome)) : json(nullptr)}});
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
          {"earlier", earlier},
          {"ihps", ihps}};
}

Response growth_document_api(Context& ctx) {
  return Response::json(growth_document_json(ctx, ctx.id_param("id"), 0).dump());
}

}  // namespace

json growth_document_json(Context& ctx, Id pupil_id, Id this_meeting) {
  ctx.pupil_in_view(pupil_id);
  auto record = store::PupilRecordRepository(ctx.app.db).read(pupil_id, store::kNow);
  if (!record) refuse_not_found("deze leerling");
  json out = facts_json(domain::growth_document_facts(*record, this_meeting));
  // The results chart of the stamkaart, drawn by the server so it prints.
  out["chart"] = nz(io::results_chart_svg(record->results, record->cutoffs));
  ctx.audit_view({pupil_id}, "groeidocument");
  return out;
}

std::vector<Route> growth_routes() {
  return {{"GET", "/api/v1/pupils/:id/growth-document", Capability::kSeeGroups, growth_document_api}};
}

}  // namespace koers::web
