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

std::vector<WeekSlot> default_week(const GroupPlan& plan) {
  struct Lessons {
    const char* subject;
    const char* time;
    std::vector<int> days;
  };
  static const std::vector<Lessons> usual{
      {"Technisch lezen", "08:45", {1, 2, 3, 4, 5}},   {"Rekenen-Wiskunde", "09:30", {1, 2, 3, 4, 5}},
      {"Spelling", "10:45", {1, 2, 3, 4}},             {"Begrijpend lezen", "13:15", {2, 4}},
      {"Beginnende geletterdheid", "08:45", {1, 2, 3, 4, 5}}, {"Beginnende gecijferdheid", "10:30", {1, 2, 3, 4, 5}}};
  auto or_else = [](const std::string& text, const char* otherwise) { return text.empty() ? std::string(otherwise) : text; };
  std::vector<WeekSlot> week;
  int other = 0;
  for (const SubjectPlan& s : plan.subjects) {
    const Lessons* lessons = nullptr;
    for (const Lessons& l : usual)
      if (s.subject == l.subject) lessons = &l;
    std::string organisation[3];
    for (const SubgroupPlan& g : s.subgroups) organisation[static_cast<int>(g.approach)] = g.organisation;
    const bool young = s.subject.rfind("Beginnende", 0) == 0;
    const std::string time = lessons ? lessons->time : fmt::format("{}:00", 13 + other++ % 3);
    for (int day : lessons ? lessons->days : std::vector<int>{1, 2, 3, 4, 5}) {
      WeekSlot w;
      w.day = day;
      w.time = time;
      w.subject = s.subject;
      w.whole_group = young ? "kringactiviteit met de hele groep" : "basisinstructie";
      w.intensive = or_else(organisation[0], young ? "extra kleine kring met de leerkracht" : "verlengde instructie aan de instructietafel");
      w.basic = or_else(organisation[1], young ? "spelen en werken in de hoeken" : "zelfstandig verwerken");
      w.deepened = or_else(organisation[2], young ? "uitdagende opdracht in de hoek" : "korte instructie, dan verrijking");
      week.push_back(std::move(w));
    }
  }
  std::vector<WeekSlot> out;
  for (const WeekSlot* w : week_in_order(week)) out.push_back(*w);
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

GroupPlan carry_forward(const GroupPlan& previous, const std::string& previous_period_name,
                        const GroupOverview& now, Id period_id) {
  GroupPlan plan;
  plan.group_id = now.group.id;
  plan.period_id = period_id;
  plan.carried_from_period = previous.period_id;
  plan.functioning = previous.functioning;
  plan.week = previous.week;
  for (const std::string& subject : now.subjects) {
    SubjectPlan s{subject, "", {}, {}};
    for (const SubjectPlan& before : previous.subjects) {
      if (before.subject != subject) continue;
      s = before;
      for (SubgroupPlan& g : s.subgroups) {
        std::vector<PlanGoal> open;
        for (const PlanGoal& goal : g.goals) {
          if (goal.verdict == GoalVerdict::kReached) continue;
          PlanGoal again;
          again.kind = goal.kind;
          again.text = goal.text;
          again.carried_from = fmt::format("{} in {}",
                                           goal.verdict == GoalVerdict::kPartly      ? "deels behaald"
                                           : goal.verdict == GoalVerdict::kNotReached ? "niet behaald"
                                                                                      : "niet geëvalueerd",
                                           previous_period_name);
          open.push_back(std::move(again));
        }
        g.goals = std::move(open);
      }
    }
    plan.subjects.push_back(std::move(s));
  }
  place_pupils(plan, now);
  std::erase_if(plan.week, [&](const WeekSlot& w) {
    return std::find(now.subjects.begin(), now.subjects.end(), w.subject) == now.subjects.end();
  });
  return plan;
}

std::vector<std::string> plan_changes(const GroupPlan& from, const GroupPlan& to, const std::map<Id, std::string>& names) {
  auto name = [&](Id id) {
    auto it = names.find(id);
    return it == names.end() ? fmt::format("leerling {}", id) : it->second;
  };
  std::vector<std::string> out;
  for (const SubjectPlan& s : to.subjects) {
    const SubjectPlan* before = nullptr;
    for (const SubjectPlan& b : from.subjects)
      if (b.subject == s.subject) before = &b;
    if (!before) {
      out.push_back(fmt::format("{}: nieuw vak in het plan", s.subject));
      continue;
    }
    if (before->basic_offer != s.basic_offer) out.push_back(fmt::format("{}: basisaanbod gewijzigd", s.subject));
    std::map<Id, Approach> was, is;
    for (const SubgroupPlan& g : before->subgroups)
      for (Id p : g.pupils) was[p] = g.approach;
    for (const SubgroupPlan& g : s.subgroups)
      for (Id p : g.pupils) is[p] = g.approach;
    std::vector<std::pair<std::string, std::string>> pupil_lines;  // by name
    for (const auto& [p, a] : is) {
      auto it = was.find(p);
      if (it == was.end())
        pupil_lines.push_back({name(p), fmt::format("{}: {} nieuw, in {}", s.subject, name(p), approach_label(a))});
      else if (it->second != a)
        pupil_lines.push_back({name(p), fmt::format("{}: {} van {} naar {}", s.subject, name(p),
                                                    approach_label(it->second), approach_label(a))});
    }
    for (const auto& [p, a] : was)
      if (!is.count(p)) pupil_lines.push_back({name(p), fmt::format("{}: {} niet meer in de groep", s.subject, name(p))});
    std::sort(pupil_lines.begin(), pupil_lines.end());
    for (auto& [n, line] : pupil_lines) out.push_back(std::move(line));
    for (const SubgroupPlan& g : s.subgroups) {
      const SubgroupPlan* old = nullptr;
      for (const SubgroupPlan& b : before->subgroups)
        if (b.approach == g.approach) old = &b;
      const std::string where = fmt::format("{}, {}", s.subject, approach_label(g.approach));
      auto had = [](const SubgroupPlan* group, const std::string& text) {
        return group && std::any_of(group->goals.begin(), group->goals.end(),
                                    [&](const PlanGoal& x) { return x.text == text; });
      };
      if (old)
        for (const PlanGoal& goal : old->goals)
          if (!had(&g, goal.text))
            out.push_back(goal.verdict == GoalVerdict::kReached
                              ? fmt::format("{}: doel behaald, niet overgenomen: {}", where, goal.text)
                              : fmt::format("{}: doel vervallen: {}", where, goal.text));
      for (const PlanGoal& goal : g.goals) {
        if (!had(old, goal.text)) out.push_back(fmt::format("{}: nieuw doel: {}", where, goal.text));
        else if (!goal.carried_from.empty() && from.period_id != to.period_id)
          out.push_back(fmt::format("{}: doel overgenomen ({}): {}", where, goal.carried_from, goal.text));
      }
    }
  }
  for (const SubjectPlan& b : from.subjects)
    if (std::none_of(to.subjects.begin(), to.subjects.end(), [&](const SubjectPlan& s) { return s.subject == b.subject; }))
      out.push_back(fmt::format("{}: niet meer in het plan", b.subject));
  return out;
}

std::vector<UnreachedGoal> unreached_goals(const GroupPlan& plan) {
  std::vector<UnreachedGoal> out;
  for (const SubjectPlan& s : plan.subjects)
    for (const SubgroupPlan& g : s.subgroups)
      for (const PlanGoal& goal : g.goals) {
        if (!goal.pupils.empty()) {
          for (const PupilEvaluation& e : goal.pupils)
            if (e.verdict != GoalVerdict::kReached)
              out.push_back({e.pupil_id, s.subject, g.approach, goal.text, e.verdict, e.evidence});
        } else if (goal.verdict == GoalVerdict::kNotReached) {
          for (Id p : g.pupils) out.push_back({p, s.subject, g.approach, goal.text, GoalVerdict::kNotReached, ""});
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
