#include "domain/pupil_record.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace koers::domain {

namespace {

// Whether the plan names the pupil in a subgroup or an own line.
bool places_pupil(const GroupPlan& plan, Id pupil) {
  for (const auto& s : plan.subjects) {
    for (const auto& g : s.subgroups)
      if (std::find(g.pupils.begin(), g.pupils.end(), pupil) != g.pupils.end()) return true;
    for (const auto& l : s.individual)
      if (l.pupil_id == pupil) return true;
  }
  return false;
}

}  // namespace

OverviewLine overview_line(Id pupil_id, const std::string& name, const std::string& pupil_number,
                           const std::string& year_group, std::vector<PupilApproach> approaches,
                           std::vector<OverviewEntry> entries, std::vector<MethodTest> method_tests,
                           std::vector<StandardisedResult> results, const std::vector<ReadingLevel>& reading_levels,
                           const SignalRules& rules) {
  OverviewLine line;
  line.pupil_id = pupil_id;
  line.name = name;
  line.pupil_number = pupil_number;
  line.year_group = year_group;
  line.approaches = std::move(approaches);
  line.method_tests = std::move(method_tests);
  line.results = std::move(results);
  if (!reading_levels.empty()) line.reading_level = reading_levels.back();
  line.entries = std::move(entries);
  line.signals = evaluate_signals(rules, line.results, signal_input(line.method_tests));
  return line;
}

PupilRecord assemble_pupil_record(PupilRecordParts parts) {
  PupilRecord r;
  r.pupil_id = parts.pupil_id;
  r.name = parts.name;
  r.school_id = parts.school_id;
  r.meetings = std::move(parts.meetings);
  r.ihps = std::move(parts.ihps);
  r.results = std::move(parts.results);
  r.cutoffs = std::move(parts.cutoffs);
  r.ihp_plans = std::move(parts.ihp_plans);
  r.holidays = std::move(parts.holidays);
  r.care_team_reports = std::move(parts.care_team_reports);
  r.cases = std::move(parts.cases);
  r.hgd_requests = std::move(parts.hgd_requests);
  r.referrals = std::move(parts.referrals);
  for (auto& earlier : parts.earlier_plans)
    if (places_pupil(earlier.plan, parts.pupil_id)) r.earlier_plans.push_back(std::move(earlier));
  std::stable_sort(r.earlier_plans.begin(), r.earlier_plans.end(),
                   [](const RecordPlan& a, const RecordPlan& b) { return a.starts_on < b.starts_on; });
  if (parts.group_id == 0) {  // in no group now: the name only
    r.line.pupil_id = parts.pupil_id;
    r.line.name = parts.name;
    return r;
  }
  if (parts.plans.size() != parts.periods.size())
    throw std::invalid_argument("assemble_pupil_record: one plan (or none) per period");
  r.group_id = parts.group_id;
  r.year_group = parts.year_group;
  std::set<std::string> years;  // as the group has them: sorted, once each
  for (const auto& y : parts.group_year_groups)
    if (!y.empty()) years.insert(y);
  r.subjects = overview_subjects({years.begin(), years.end()});
  r.line = overview_line(parts.pupil_id, parts.name, parts.pupil_number, parts.year_group, std::move(parts.approaches),
                         std::move(parts.entries), std::move(parts.method_tests), r.results, parts.reading_levels,
                         parts.rules);
  std::vector<size_t> order(parts.periods.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return parts.periods[a].starts_on < parts.periods[b].starts_on; });
  for (size_t i : order)
    if (parts.plans[i]) r.plans.push_back(
          {std::move(*parts.plans[i]), parts.periods[i].name, parts.periods[i].starts_on, parts.periods[i].ends_on});
  return r;
}

bool chart_needs_cutoffs(const std::vector<StandardisedResult>& results) {
  return std::any_of(results.begin(), results.end(),
                     [](const StandardisedResult& r) { return r.ability_score.has_value(); });
}

std::vector<EarlierDiscussion> earlier_discussions(const std::vector<Meeting>& meetings, Id except_meeting) {
  std::vector<EarlierDiscussion> out;
  for (const Meeting& m : meetings) {
    if ((except_meeting != 0 && m.id == except_meeting) || !m.planned_on) continue;
    if (m.status != MeetingStatus::kHeld && m.status != MeetingStatus::kReported) continue;
    std::string summary = outcome_label(m.outcome);
    if (!m.steps.empty() && !m.steps.back().notes.empty()) summary += ". " + m.steps.back().notes;
    out.push_back({*m.planned_on, meeting_kind_label(m.kind), summary});
  }
  return out;
}

GrowthDocumentFacts growth_document_facts(const PupilRecord& record, Id except_meeting) {
  std::vector<const GroupPlan*> plans;
  std::vector<std::string> names;
  for (const RecordPlan& p : record.plans) {
    plans.push_back(&p.plan);
    names.push_back(p.period_name);
  }
  GrowthDocumentFacts facts = growth_document_facts(record.line, record.subjects, plans, names,
                                                    earlier_discussions(record.meetings, except_meeting));
  facts.ihps = record.ihps;
  return facts;
}

}  // namespace koers::domain
