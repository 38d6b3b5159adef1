#include "domain/group_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace koers::domain {

std::string goal_kind_key(GoalKind k) { return k == GoalKind::kDidactic ? "didactisch" : "pedagogisch"; }

std::optional<GoalKind> parse_goal_kind(const std::string& key) {
  for (GoalKind k : {GoalKind::kDidactic, GoalKind::kPedagogic})
    if (goal_kind_key(k) == key) return k;
  return std::nullopt;
}

std::string verdict_key(GoalVerdict v) {
  switch (v) {
    case GoalVerdict::kReached: return "behaald";
    case GoalVerdict::kPartly: return "deels";
    case GoalVerdict::kNotReached: return "niet-behaald";
  }
  return "";
}

std::optional<GoalVerdict> parse_verdict(const std::string& key) {
  for (GoalVerdict v : {GoalVerdict::kReached, GoalVerdict::kPartly, GoalVerdict::kNotReached})
    if (verdict_key(v) == key) return v;
  return std::nullopt;
}

const std::vector<std::string>& weekday_names() {
  static const std::vector<std::string> names{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"};
  return names;
}

GroupPlan new_group_plan(const GroupOverview& overview, Id period_id) {
  GroupPlan plan;
  plan.group_id = overview.group.id;
  plan.period_id = period_id;
  for (const std::string& subject : overview.subjects) {
    SubjectPlan s;
    s.subject = subject;
    for (Approach a : {Approach::kIntensive, Approach::kBasic, Approach::kDeepened}) {
      SubgroupPlan g;
      g.approach = a;
      for (const OverviewLine& line : overview.lines)
        for (const PupilApproach& pa : line.approaches)
          if (pa.subject == subject && pa.approach == a) g.pupils.push_back(line.pupil_id);
      s.subgroups.push_back(std::move(g));
    }
    plan.subjects.push_back(std::move(s));
  }
  return plan;
}

std::vector<std::string> validate_plan(const GroupPlan& plan, const std::vector<std::string>& subjects,
                                       const std::vector<Id>& pupils_of_group) {
  std::vector<std::string> problems;
  const std::set<Id> in_group(pupils_of_group.begin(), pupils_of_group.end());
  std::set<std::string> seen_subjects;
  for (const SubjectPlan& s : plan.subjects) {
    if (std::find(subjects.begin(), subjects.end(), s.subject) == subjects.end()) {
      problems.push_back(fmt::format("{}: geen vak van het groepsplan van deze groep", s.subject));
      continue;
    }
    if (!seen_subjects.insert(s.subject).second) problems.push_back(fmt::format("{}: staat twee keer in het plan", s.subject));
    std::set<Approach> approaches;
    std::set<Id> placed;
    for (const SubgroupPlan& g : s.subgroups) {
      const std::string where = fmt::format("{}, {}", s.subject, approach_label(g.approach));
      if (!approaches.insert(g.approach).second) problems.push_back(where + ": deze subgroep staat twee keer in het plan");
      for (Id p : g.pupils) {
        if (!in_group.count(p)) problems.push_back(fmt::format("{}: leerling {} zit niet in de groep", where, p));
        else if (!placed.insert(p).second)
          problems.push_back(fmt::format("{}: leerling {} staat al in een andere subgroep", where, p));
      }
      for (size_t i = 0; i < g.goals.size(); ++i)
        if (g.goals[i].text.find_first_not_of(" \t\r\n") == std::string::npos)
          problems.push_back(fmt::format("{}: doel {} is leeg", where, i + 1));
    }
    if (approaches.size() < 3)
      problems.push_back(fmt::format("{}: het plan heeft de drie subgroepen intensief, basis en verdiept", s.subject));
    for (const IndividualLine& l : s.individual)
      if (!in_group.count(l.pupil_id))
        problems.push_back(fmt::format("{}, individuele lijn: leerling {} zit niet in de groep", s.subject, l.pupil_id));
  }
  for (size_t i = 0; i < plan.week.size(); ++i) {
    const WeekSlot& w = plan.week[i];
    if (w.day < 1 || w.day > 5) problems.push_back(fmt::format("Weekplanning, regel {}: de dag is maandag tot en met vrijdag", i + 1));
    if (std::find(subjects.begin(), subjects.end(), w.subject) == subjects.end())
      problems.push_back(fmt::format("Weekplanning, regel {}: {} is geen vak van het groepsplan", i + 1,
                                     w.subject.empty() ? "(leeg)" : w.subject));
  }
  return problems;
}

}  // namespace koers::domain
