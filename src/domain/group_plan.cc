#include "domain/group_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>
#include <map>
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

std::string verdict_label(GoalVerdict v) {
  switch (v) {
    case GoalVerdict::kReached: return "behaald";
    case GoalVerdict::kPartly: return "deels behaald";
    case GoalVerdict::kNotReached: return "niet behaald";
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

std::optional<int> minutes_of_day(const std::string& time) {
  size_t i = 0;
  int hours = 0, minutes = 0;
  for (; i < time.size() && i < 2 && std::isdigit(static_cast<unsigned char>(time[i])); ++i) hours = hours * 10 + (time[i] - '0');
  if (i == 0 || i >= time.size() || (time[i] != ':' && time[i] != '.')) return std::nullopt;
  const size_t start = ++i;
  for (; i < time.size() && std::isdigit(static_cast<unsigned char>(time[i])); ++i) minutes = minutes * 10 + (time[i] - '0');
  if (i - start != 2 || i != time.size() || hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::vector<const WeekSlot*> week_in_order(const std::vector<WeekSlot>& week) {
  std::vector<const WeekSlot*> out;
  for (const auto& w : week) out.push_back(&w);
  auto key = [](const WeekSlot* w) {
    auto m = minutes_of_day(w->time);
    return std::make_tuple(w->day, !m.has_value(), m.value_or(0), w->time);
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) { return key(a) < key(b); });
  return out;
}

GroupPlan new_group_plan(const GroupOverview& overview, Id period_id) {
  GroupPlan plan;
  plan.group_id = overview.group.id;
  plan.period_id = period_id;
  for (const std::string& subject : overview.subjects) plan.subjects.push_back(SubjectPlan{subject, "", {}, {}});
  place_pupils(plan, overview);
  return plan;
}

std::vector<Id> pupils_of_goal(const SubgroupPlan& subgroup, const PlanGoal& goal,
                               const std::map<Id, std::string>& year_group_of) {
  if (goal.year_group.empty()) return subgroup.pupils;
  std::vector<Id> out;
  for (Id p : subgroup.pupils) {
    auto it = year_group_of.find(p);
    if (it == year_group_of.end() || it->second == goal.year_group) out.push_back(p);
  }
  return out;
}

std::vector<std::string> validate_plan(const GroupPlan& plan, const std::vector<std::string>& subjects,
                                       const std::vector<Id>& pupils_of_group,
                                       const std::vector<std::string>& year_groups) {
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
      for (size_t i = 0; i < g.goals.size(); ++i) {
        if (g.goals[i].text.find_first_not_of(" \t\r\n") == std::string::npos)
          problems.push_back(fmt::format("{}: doel {} is leeg", where, i + 1));
        const std::string& jg = g.goals[i].year_group;
        if (!jg.empty() && !year_groups.empty() && std::find(year_groups.begin(), year_groups.end(), jg) == year_groups.end())
          problems.push_back(fmt::format("{}: doel {} is voor groep {}, maar die jaargroep zit niet in deze groep", where, i + 1, jg));
      }
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
    else if (!minutes_of_day(w.time))
      problems.push_back(fmt::format("Weekplanning, {} regel {}: {} is geen tijd (schrijf bijvoorbeeld 8:45)",
                                     weekday_names()[w.day - 1], i + 1, w.time.empty() ? "(leeg)" : "\"" + w.time + "\""));
    if (std::find(subjects.begin(), subjects.end(), w.subject) == subjects.end())
      problems.push_back(fmt::format("Weekplanning, regel {}: {} is geen vak van het groepsplan", i + 1,
                                     w.subject.empty() ? "(leeg)" : w.subject));
  }
  return problems;
}

void place_pupils(GroupPlan& plan, const GroupOverview& overview) {
  std::set<Id> in_group;
  for (const OverviewLine& line : overview.lines) in_group.insert(line.pupil_id);
  for (SubjectPlan& s : plan.subjects) {
    std::map<Id, Approach> was;
    for (const SubgroupPlan& g : s.subgroups)
      for (Id p : g.pupils) was.emplace(p, g.approach);
    for (Approach a : {Approach::kIntensive, Approach::kBasic, Approach::kDeepened})
      if (std::none_of(s.subgroups.begin(), s.subgroups.end(), [&](const SubgroupPlan& g) { return g.approach == a; })) {
        SubgroupPlan missing;
        missing.approach = a;
        s.subgroups.push_back(std::move(missing));
      }
    std::sort(s.subgroups.begin(), s.subgroups.end(),
              [](const SubgroupPlan& a, const SubgroupPlan& b) { return a.approach < b.approach; });
    for (SubgroupPlan& g : s.subgroups) g.pupils.clear();
    for (const OverviewLine& line : overview.lines) {
      Approach a = Approach::kBasic;
      if (auto it = was.find(line.pupil_id); it != was.end()) a = it->second;
      for (const PupilApproach& pa : line.approaches)
        if (pa.subject == s.subject) a = pa.approach;
      for (SubgroupPlan& g : s.subgroups)
        if (g.approach == a) g.pupils.push_back(line.pupil_id);
    }
    std::erase_if(s.individual, [&](const IndividualLine& l) { return !in_group.count(l.pupil_id); });
  }
}

std::vector<UnreachedGoal> unreached_goals(const GroupPlan& plan, const std::map<Id, std::string>& year_group_of) {
  std::vector<UnreachedGoal> out;
  for (const SubjectPlan& s : plan.subjects)
    for (const SubgroupPlan& g : s.subgroups)
      for (const PlanGoal& goal : g.goals) {
        if (!goal.pupils.empty()) {
          for (const PupilEvaluation& e : goal.pupils)
            if (e.verdict != GoalVerdict::kReached)
              out.push_back({e.pupil_id, s.subject, g.approach, goal.text, e.verdict, e.evidence});
        } else if (goal.verdict == GoalVerdict::kNotReached) {
          for (Id p : pupils_of_goal(g, goal, year_group_of))
            out.push_back({p, s.subject, g.approach, goal.text, GoalVerdict::kNotReached, ""});
        }
      }
  return out;
}

std::vector<OverviewEntry> needs_from_evaluation(const GroupPlan& plan, const std::string& period_name) {
  std::vector<OverviewEntry> out;
  for (const UnreachedGoal& u : unreached_goals(plan)) {
    const char* support = u.approach == Approach::kIntensive ? "verlengde instructie en extra oefentijd"
                          : u.approach == Approach::kDeepened ? "begeleiding bij de verdiepingsstof"
                                                              : "extra oefening";
    OverviewEntry e;
    e.pupil_id = u.pupil_id;
    e.kind = EntryKind::kSubjectNeed;
    e.topic = u.subject;
    e.text = fmt::format("{} om het doel \"{}\" te halen ({} in {}{}{})", support, u.goal,
                         u.verdict == GoalVerdict::kPartly ? "deels behaald" : "niet behaald", period_name,
                         u.evidence.empty() ? "" : ": ", u.evidence);
    e.source = u.evidence.empty() ? InformationSource::kObservation : InformationSource::kTest;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace koers::domain
