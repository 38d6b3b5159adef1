#include "domain/plan_carry_forward.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace koers::domain {

namespace {

constexpr Approach kApproaches[] = {Approach::kIntensive, Approach::kBasic, Approach::kDeepened};

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

const SubjectPlan* find_subject(const GroupPlan& plan, const std::string& subject) {
  for (const SubjectPlan& s : plan.subjects)
    if (s.subject == subject) return &s;
  return nullptr;
}

const SubgroupPlan* find_subgroup(const SubjectPlan& s, Approach a) {
  for (const SubgroupPlan& g : s.subgroups)
    if (g.approach == a) return &g;
  return nullptr;
}

std::optional<Approach> placement(const SubjectPlan& s, Id pupil) {
  for (const SubgroupPlan& g : s.subgroups)
    if (std::find(g.pupils.begin(), g.pupils.end(), pupil) != g.pupils.end()) return g.approach;
  return std::nullopt;
}

std::set<Id> placed_anywhere(const GroupPlan& plan) {
  std::set<Id> out;
  for (const SubjectPlan& s : plan.subjects)
    for (const SubgroupPlan& g : s.subgroups) out.insert(g.pupils.begin(), g.pupils.end());
  return out;
}

std::string name_of(const std::map<Id, std::string>& names, Id id) {
  auto it = names.find(id);
  return it != names.end() && !it->second.empty() ? it->second : fmt::format("leerling {}", id);
}

bool same_goal(const PlanGoal& a, const PlanGoal& b) { return a.kind == b.kind && trim(a.text) == trim(b.text); }

std::string verdict_change(const std::optional<GoalVerdict>& v) {
  return v ? verdict_label(*v) : "niet meer geëvalueerd";
}

// The lines of one subgroup: its texts, then its goals.
void subgroup_changes(const std::string& where, const SubgroupPlan& from, const SubgroupPlan& to, bool across_periods,
                      std::vector<std::string>& out) {
  const std::pair<const char*, std::string SubgroupPlan::*> texts[] = {
      {"aanbod", &SubgroupPlan::content},
      {"aanpak", &SubgroupPlan::method},
      {"organisatie", &SubgroupPlan::organisation},
      {"aandachtspunten", &SubgroupPlan::attention},
      {"evaluatie", &SubgroupPlan::evaluation}};
  for (const auto& [label, field] : texts)
    if (trim(from.*field) != trim(to.*field)) out.push_back(fmt::format("{}: {} gewijzigd", where, label));

  std::vector<bool> matched(from.goals.size(), false);
  for (const PlanGoal& g : to.goals) {
    std::optional<size_t> match;
    for (size_t i = 0; i < from.goals.size() && !match; ++i)
      if (!matched[i] && same_goal(from.goals[i], g)) match = i;
    if (!match) {
      out.push_back(fmt::format("{}: nieuw doel: {}", where, trim(g.text)));
      continue;
    }
    matched[*match] = true;
    if (across_periods)
      out.push_back(g.carried_from.empty()
                        ? fmt::format("{}: doel overgenomen: {}", where, trim(g.text))
                        : fmt::format("{}: doel overgenomen ({}): {}", where, g.carried_from, trim(g.text)));
    else if (from.goals[*match].verdict != g.verdict)
      out.push_back(fmt::format("{}: doel {}: {}", where, verdict_change(g.verdict), trim(g.text)));
  }
  for (size_t i = 0; i < from.goals.size(); ++i) {
    if (matched[i]) continue;
    const PlanGoal& g = from.goals[i];
    if (!across_periods) out.push_back(fmt::format("{}: doel verwijderd: {}", where, trim(g.text)));
    else if (g.verdict == GoalVerdict::kReached)
      out.push_back(fmt::format("{}: doel behaald, niet overgenomen: {}", where, trim(g.text)));
    else out.push_back(fmt::format("{}: doel niet overgenomen: {}", where, trim(g.text)));
  }
}

void subject_changes(const SubjectPlan& from, const SubjectPlan& to, bool across_periods, const std::set<Id>& in_from,
                     const std::set<Id>& in_to, const std::map<Id, std::string>& names, std::vector<std::string>& out) {
  const std::string& subject = to.subject;
  if (trim(from.basic_offer) != trim(to.basic_offer)) out.push_back(subject + ": basisaanbod gewijzigd");

  // Pupils in the newer plan's order, then those only the older one has.
  std::vector<Id> pupils;
  for (const SubjectPlan* s : {&to, &from})
    for (Approach a : kApproaches)
      for (const SubgroupPlan& g : s->subgroups)
        if (g.approach == a)
          for (Id p : g.pupils)
            if (std::find(pupils.begin(), pupils.end(), p) == pupils.end()) pupils.push_back(p);
  std::vector<std::string> moved, added, gone;
  for (Id p : pupils) {
    std::optional<Approach> before = placement(from, p), now = placement(to, p);
    if (before && now && *before != *now)
      moved.push_back(fmt::format("{}: {} van {} naar {}", subject, name_of(names, p), approach_label(*before),
                                  approach_label(*now)));
    else if (!before && now)
      added.push_back(fmt::format("{}: {} {} {}", subject, name_of(names, p),
                                  in_from.count(p) ? "geplaatst in" : "nieuw, in", approach_label(*now)));
    else if (before && !now)
      gone.push_back(fmt::format("{}: {} {}", subject, name_of(names, p),
                                 in_to.count(p) ? "in geen subgroep meer" : "niet meer in de groep"));
  }
  for (auto* lines : {&moved, &added, &gone}) out.insert(out.end(), lines->begin(), lines->end());

  const SubgroupPlan empty;
  for (Approach a : kApproaches) {
    const SubgroupPlan* f = find_subgroup(from, a);
    const SubgroupPlan* t = find_subgroup(to, a);
    subgroup_changes(fmt::format("{}, {}", subject, approach_label(a)), f ? *f : empty, t ? *t : empty,
                     across_periods, out);
  }

  for (const IndividualLine& l : to.individual) {
    auto it = std::find_if(from.individual.begin(), from.individual.end(),
                           [&](const IndividualLine& x) { return x.pupil_id == l.pupil_id; });
    if (it == from.individual.end())
      out.push_back(fmt::format("{}: individuele lijn voor {} nieuw", subject, name_of(names, l.pupil_id)));
    else if (trim(it->text) != trim(l.text))
      out.push_back(fmt::format("{}: individuele lijn voor {} gewijzigd", subject, name_of(names, l.pupil_id)));
  }
  for (const IndividualLine& l : from.individual)
    if (std::none_of(to.individual.begin(), to.individual.end(),
                     [&](const IndividualLine& x) { return x.pupil_id == l.pupil_id; }))
      out.push_back(fmt::format("{}: individuele lijn voor {} vervallen", subject, name_of(names, l.pupil_id)));
}

bool same_slot(const WeekSlot& a, const WeekSlot& b) {
  return a.day == b.day && a.time == b.time && a.subject == b.subject && a.whole_group == b.whole_group &&
         a.intensive == b.intensive && a.basic == b.basic && a.deepened == b.deepened;
}

struct WeekRule {
  const char* subject;
  std::vector<int> days;
  const char* time;
  const char* whole_group;
};

const std::vector<WeekRule>& week_rules() {
  static const std::vector<WeekRule> rules = {
      {"Technisch lezen", {1, 2, 3, 4, 5}, "08:45", "basisinstructie"},
      {"Rekenen-Wiskunde", {1, 2, 3, 4, 5}, "09:30", "basisinstructie"},
      {"Spelling", {1, 2, 3, 4}, "10:45", "basisinstructie"},
      {"Begrijpend lezen", {2, 4}, "13:15", "basisinstructie"},
      {"Beginnende geletterdheid", {1, 2, 3, 4, 5}, "08:45", "basisinstructie in de kring"},
      {"Beginnende gecijferdheid", {1, 2, 3, 4, 5}, "10:15", "basisinstructie in de kring"},
  };
  return rules;
}

}  // namespace

std::string evaluation_label(const std::optional<GoalVerdict>& v) {
  return v ? verdict_label(*v) : "niet geëvalueerd";
}

GroupPlan carry_forward(const GroupPlan& previous, const std::string& previous_period_name, const GroupOverview& now,
                        Id period_id) {
  GroupPlan plan;
  plan.group_id = now.group.id;
  plan.period_id = period_id;
  plan.carried_from_period = previous.period_id;
  const std::string period = trim(previous_period_name).empty() ? "de vorige periode" : trim(previous_period_name);

  for (const std::string& subject : now.subjects) {
    const SubjectPlan* before = find_subject(previous, subject);
    SubjectPlan s;
    s.subject = subject;
    if (before) s.basic_offer = before->basic_offer;
    for (Approach a : kApproaches) {
      SubgroupPlan g;
      g.approach = a;
      if (const SubgroupPlan* old = before ? find_subgroup(*before, a) : nullptr) {
        g.content = old->content;
        g.method = old->method;
        g.organisation = old->organisation;
        g.attention = old->attention;
        g.evaluation = old->evaluation;
        g.pupils = old->pupils;
        for (const PlanGoal& goal : old->goals) {
          if (goal.verdict == GoalVerdict::kReached) continue;
          PlanGoal carried;
          carried.kind = goal.kind;
          carried.text = goal.text;
          carried.carried_from = fmt::format("{} in {}", evaluation_label(goal.verdict), period);
          g.goals.push_back(std::move(carried));
        }
      }
      s.subgroups.push_back(std::move(g));
    }
    if (before) s.individual = before->individual;
    plan.subjects.push_back(std::move(s));
  }
  // The overview's approach, else where the previous plan had them, else basis; pupils who
  // left go, with their individual lines.
  place_pupils(plan, now);

  plan.functioning = previous.functioning;
  for (const WeekSlot& slot : previous.week)
    if (std::find(now.subjects.begin(), now.subjects.end(), slot.subject) != now.subjects.end())
      plan.week.push_back(slot);
  return plan;
}

std::vector<std::string> plan_changes(const GroupPlan& from, const GroupPlan& to,
                                      const std::map<Id, std::string>& names) {
  std::vector<std::string> out;
  const bool across_periods = from.period_id != to.period_id;
  const std::set<Id> in_from = placed_anywhere(from), in_to = placed_anywhere(to);
  for (const SubjectPlan& s : to.subjects) {
    const SubjectPlan* before = find_subject(from, s.subject);
    if (!before) out.push_back(s.subject + ": nieuw vak in het plan");
    else subject_changes(*before, s, across_periods, in_from, in_to, names, out);
  }
  for (const SubjectPlan& s : from.subjects)
    if (!find_subject(to, s.subject)) out.push_back(s.subject + ": niet meer in het plan");

  const std::pair<const char*, std::string GroupFunctioning::*> part2[] = {
      {"leerstijl", &GroupFunctioning::learning_style},
      {"behoefte aan relatie", &GroupFunctioning::relation},
      {"behoefte aan competentie", &GroupFunctioning::competence},
      {"behoefte aan autonomie", &GroupFunctioning::autonomy},
      {"interesses", &GroupFunctioning::interests},
      {"opmerkingen", &GroupFunctioning::notes}};
  for (const auto& [label, field] : part2)
    if (trim(from.functioning.*field) != trim(to.functioning.*field))
      out.push_back(fmt::format("Werkhouding en sociaal-emotioneel functioneren: {} gewijzigd", label));

  if (!std::equal(from.week.begin(), from.week.end(), to.week.begin(), to.week.end(), same_slot))
    out.push_back("Weekplanning gewijzigd");
  return out;
}

std::vector<WeekSlot> default_week(const GroupPlan& plan) {
  std::vector<WeekSlot> week;
  int afternoon = 0;  // subjects without a rule so far, each 45 minutes after the one before
  for (const SubjectPlan& s : plan.subjects) {
    auto rule = std::find_if(week_rules().begin(), week_rules().end(),
                             [&](const WeekRule& r) { return s.subject == r.subject; });
    std::vector<int> days{1, 2, 3, 4, 5};
    std::string time, whole_group = "basisinstructie";
    if (rule != week_rules().end()) {
      days = rule->days;
      time = rule->time;
      whole_group = rule->whole_group;
    } else {
      int minutes = 14 * 60 + 45 * afternoon++;
      time = fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
    }
    // What a subgroup gets: its own organisation when the plan says it, else the default.
    auto instruction = [&](Approach a, const char* fallback) -> std::string {
      const SubgroupPlan* g = find_subgroup(s, a);
      if (!g || g->pupils.empty()) return "";
      std::string own = trim(g->organisation);
      return own.empty() ? fallback : own;
    };
    for (int day : days) {
      WeekSlot slot;
      slot.day = day;
      slot.time = time;
      slot.subject = s.subject;
      slot.whole_group = whole_group;
      slot.intensive = instruction(Approach::kIntensive, "verlengde instructie aan de instructietafel");
      slot.basic = instruction(Approach::kBasic, "zelfstandig verwerken");
      slot.deepened = instruction(Approach::kDeepened, "korte instructie, dan verrijking");
      week.push_back(std::move(slot));
    }
  }
  std::stable_sort(week.begin(), week.end(), [](const WeekSlot& a, const WeekSlot& b) {
    return a.day != b.day ? a.day < b.day : a.time < b.time;
  });
  return week;
}

}  // namespace koers::domain
