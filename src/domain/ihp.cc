#include "domain/ihp.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace koers::domain {

namespace {

struct Named {
  const char* key;
  const char* label;
};

constexpr Named kStatuses[] = {
    {"concept", "in voorbereiding"}, {"lopend", "loopt"}, {"geevalueerd", "geëvalueerd"}, {"afgesloten", "afgesloten"}};
constexpr Named kOutcomes[] = {{"doel-bereikt", "Doel bereikt: terug in een subgroep"},
                               {"nieuw-ihp", "Nieuw, bijgesteld IHP"},
                               {"externe-stappen", "Externe stappen: aanmelden bij het zorgteam"}};
constexpr Named kRoles[] = {{"leerkracht", "Leerkracht"},
                            {"ib", "Intern begeleider"},
                            {"ouders", "Ouders"},
                            {"leerling", "Leerling"},
                            {"rt", "RT'er"},
                            {"extern", "Externe deskundige"}};

const char* kDayShort[] = {"ma", "di", "wo", "do", "vr"};

// The period that holds `day`, else the first that starts after it.
const Period* period_from(const std::vector<Period>& periods, const Date& day) {
  for (const Period& p : periods)
    if (p.starts_on <= day && day <= p.ends_on) return &p;
  const Period* next = nullptr;
  for (const Period& p : periods)
    if (p.starts_on > day && (!next || p.starts_on < next->starts_on)) next = &p;
  return next;
}

// The period a plan starting on `day` is for: the one that holds the day, unless fewer than
// kShortRest days of it remain — then the next one (a plan is not started for three days).
constexpr int kShortRest = 28;
const Period* home_period(const std::vector<Period>& periods, const Date& day) {
  const Period* p = period_from(periods, day);
  if (!p || p->starts_on > day || days_between(day, p->ends_on) + 1 >= kShortRest) return p;
  const Period* next = period_from(periods, add_days(p->ends_on, 1));
  return next ? next : p;
}

const IhpGoal* goal_numbered(const Ihp& ihp, int number) {
  for (const IhpGoal& g : ihp.goals)
    if (g.number == number) return &g;
  return nullptr;
}

const OrganisationLine* line_numbered(const Ihp& ihp, int number) {
  for (const OrganisationLine& l : ihp.organisation)
    if (l.number == number) return &l;
  return nullptr;
}

bool plans_day(const OrganisationLine& line, const Date& day) {
  return std::find(line.days.begin(), line.days.end(), weekday(day)) != line.days.end();
}

void require_status(const Ihp& ihp, IhpStatus wanted, const char* step) {
  if (ihp.status != wanted)
    throw IhpError(fmt::format("Een IHP dat {} is, kan niet {}: dat kan alleen als het {} is.",
                               ihp_status_label(ihp.status), step, ihp_status_label(wanted)));
}

}  // namespace

std::string ihp_status_key(IhpStatus s) { return kStatuses[static_cast<int>(s)].key; }
std::string ihp_status_label(IhpStatus s) { return kStatuses[static_cast<int>(s)].label; }
std::optional<IhpStatus> parse_ihp_status(const std::string& key) {
  for (int i = 0; i < 4; ++i)
    if (key == kStatuses[i].key) return static_cast<IhpStatus>(i);
  return std::nullopt;
}

std::string ihp_outcome_key(IhpOutcome o) { return kOutcomes[static_cast<int>(o)].key; }
std::string ihp_outcome_label(IhpOutcome o) { return kOutcomes[static_cast<int>(o)].label; }
std::optional<IhpOutcome> parse_ihp_outcome(const std::string& key) {
  for (int i = 0; i < 3; ++i)
    if (key == kOutcomes[i].key) return static_cast<IhpOutcome>(i);
  return std::nullopt;
}

const std::vector<std::string>& ihp_roles() {
  static const std::vector<std::string> roles = [] {
    std::vector<std::string> r;
    for (const Named& n : kRoles) r.push_back(n.key);
    return r;
  }();
  return roles;
}

std::string ihp_role_label(const std::string& role) {
  for (const Named& n : kRoles)
    if (role == n.key) return n.label;
  return role;
}

std::string describe(const OrganisationLine& line) {
  std::string days;
  for (int d : line.days) {
    if (!days.empty()) days += "/";
    days += (d >= 1 && d <= 5) ? kDayShort[d - 1] : "?";
  }
  std::string out =
      fmt::format("{}, doel {}, {}× per week {} min", line.who, line.goal, line.days.size(), line.minutes);
  if (!days.empty()) out += ", " + days;
  if (!line.time.empty()) out += (days.empty() ? ", " : " ") + line.time;
  if (!line.place.empty()) out += ", " + line.place;
  return out;
}

Ihp new_ihp(Id pupil_id, const std::vector<Period>& periods, const Date& today) {
  const Period* p = home_period(periods, today);
  if (!p) throw IhpError("Er is geen periode van dit schooljaar waarin het IHP kan lopen: voer eerst de periodes in.");
  Ihp ihp;
  ihp.pupil_id = pupil_id;
  ihp.starts_on = std::max(today, period_from(periods, today)->starts_on);
  ihp.ends_on = p->ends_on;
  return ihp;
}

std::vector<std::string> ihp_problems(const Ihp& ihp) {
  std::vector<std::string> out;
  const bool term_ok = ihp.starts_on.valid() && ihp.ends_on.valid() && ihp.starts_on <= ihp.ends_on;
  if (!ihp.starts_on.valid() || !ihp.ends_on.valid())
    out.push_back("Termijn: vul een begin- en einddatum in.");
  else if (!term_ok)
    out.push_back(fmt::format("Termijn: de einddatum ({}) ligt voor de begindatum ({}).", ihp.ends_on.dutch(),
                              ihp.starts_on.dutch()));
  std::set<int> numbers;
  for (const IhpGoal& g : ihp.goals) {
    const std::string name = fmt::format("Doelen, doel {}", g.number);
    if (!numbers.insert(g.number).second) out.push_back(name + ": dit nummer komt twee keer voor.");
    if (g.text.find_first_not_of(" \t\r\n") == std::string::npos) out.push_back(name + ": beschrijf het doel.");
    if (g.area.empty()) out.push_back(name + ": kies een vakgebied, werkhouding of sociaal-emotioneel.");
    if (g.due_on && term_ok && (*g.due_on < ihp.starts_on || *g.due_on > ihp.ends_on))
      out.push_back(fmt::format("{}: de datum {} ligt buiten de termijn ({} t/m {}).", name, g.due_on->dutch(),
                                ihp.starts_on.dutch(), ihp.ends_on.dutch()));
  }
  for (const OrganisationLine& l : ihp.organisation) {
    const std::string name = fmt::format("Organisatie, regel {}", l.number);
    if (!goal_numbered(ihp, l.goal)) out.push_back(fmt::format("{}: doel {} staat niet in het plan.", name, l.goal));
    if (l.days.empty()) out.push_back(name + ": kies de dagen.");
    for (int d : l.days)
      if (d < 1 || d > 5) out.push_back(fmt::format("{}: dag {} is geen schooldag (1 maandag … 5 vrijdag).", name, d));
    if (l.minutes <= 0) out.push_back(name + ": vul in hoeveel minuten.");
  }
  for (const SessionLog& s : ihp.sessions) {
    const std::string name = fmt::format("Uitvoering, {}", s.on.valid() ? s.on.dutch() : "zonder datum");
    const OrganisationLine* l = line_numbered(ihp, s.line);
    if (!l) {
      out.push_back(fmt::format("{}: regel {} staat niet in de organisatie.", name, s.line));
      continue;
    }
    if (!s.on.valid()) continue;
    if (term_ok && (s.on < ihp.starts_on || s.on > ihp.ends_on))
      out.push_back(name + ": deze dag ligt buiten de termijn.");
    else if (!plans_day(*l, s.on))
      out.push_back(fmt::format("{}: regel {} is niet op deze dag gepland.", name, s.line));
    if (s.given && s.minutes <= 0) out.push_back(name + ": vul in hoeveel minuten er gegeven is.");
  }
  if (ihp.opp)
    for (const ParentConsent& c : ihp.opp->consents)
      if (!c.agreed && c.reason.find_first_not_of(" \t\r\n") == std::string::npos)
        out.push_back(fmt::format("OPP, instemming van {}: noteer de reden waarom de ouders niet instemmen.", c.who));
  return out;
}

std::optional<std::string> term_warning(const Ihp& ihp, const std::vector<Period>& periods) {
  const Period* p = home_period(periods, ihp.starts_on);
  if (!p || ihp.ends_on <= p->ends_on) return std::nullopt;
  std::string text = fmt::format(
      "Dit IHP loopt langer dan {} (tot {}, de periode eindigt {}). Houd het plan kort en intensief: een lang IHP "
      "belemmert de plaats van de leerling in de groep.",
      p->name, ihp.ends_on.dutch(), p->ends_on.dutch());
  if (!ihp.long_term_reason.empty()) text += " Reden voor de langere termijn: " + ihp.long_term_reason + ".";
  return text;
}

void start_ihp(Ihp& ihp) {
  require_status(ihp, IhpStatus::kDraft, "starten");
  if (ihp.goals.empty()) throw IhpError("Een IHP start met minstens één doel.");
  auto problems = ihp_problems(ihp);
  if (!problems.empty()) throw IhpError(problems.front());
  ihp.status = IhpStatus::kRunning;
}

void evaluate_ihp(Ihp& ihp) {
  require_status(ihp, IhpStatus::kRunning, "geëvalueerd worden");
  for (const IhpGoal& g : ihp.goals)
    if (!g.verdict || !g.confirmed)
      throw IhpError(
          fmt::format("Doel {} heeft nog geen bevestigd oordeel: bevestig of verbeter het eerst.", g.number));
  ihp.status = IhpStatus::kEvaluated;
}

void close_ihp(Ihp& ihp, IhpOutcome outcome) {
  require_status(ihp, IhpStatus::kEvaluated, "afgesloten worden");
  ihp.outcome = outcome;
  ihp.status = IhpStatus::kClosed;
}

void propose_ihp_verdicts(Ihp& ihp, const OverviewLine& pupil) {
  const PeriodWindow window{ihp.starts_on, ihp.ends_on};
  for (IhpGoal& g : ihp.goals) {
    if (g.confirmed || g.area == kWorkAttitude || g.area == kSocialEmotional) continue;
    auto target = measurable_target(g.text);
    if (!target) continue;
    auto proposals = propose_evaluation(*target, g.area, {pupil}, window);
    if (proposals.empty()) continue;
    g.verdict = proposals.front().verdict;
    g.evidence = proposals.front().evidence;
  }
}

double GoalEffort::share_given() const {
  return planned_sessions == 0 ? 0.0 : static_cast<double>(given_sessions) / planned_sessions;
}

std::string GoalEffort::carried_out_label() const {
  if (planned_sessions == 0) return "nog niets gepland";
  // Compared in whole sessions (given × 10 against planned × 8), so 4 of 5 is exactly 80 %.
  if (given_sessions * 10 >= planned_sessions * 8) return "uitgevoerd";
  if (given_sessions * 2 >= planned_sessions) return "deels uitgevoerd";
  return "niet uitgevoerd";
}

std::vector<Date> planned_days(const OrganisationLine& line, const Date& from, const Date& to,
                               const std::vector<Holiday>& holidays) {
  std::vector<Date> out;
  for (Date d = from; d <= to; d = add_days(d, 1))
    if (plans_day(line, d) && !holiday_on(holidays, d)) out.push_back(d);
  return out;
}

std::vector<GoalEffort> goal_effort(const Ihp& ihp, const Date& through, const std::vector<Holiday>& holidays) {
  std::vector<GoalEffort> out;
  const Date last = std::min(through, ihp.ends_on);
  for (const IhpGoal& g : ihp.goals) {
    GoalEffort e;
    e.goal = g.number;
    for (const OrganisationLine& l : ihp.organisation) {
      if (l.goal != g.number) continue;
      const auto days = planned_days(l, ihp.starts_on, last, holidays);
      e.planned_sessions += static_cast<int>(days.size());
      e.planned_minutes += static_cast<int>(days.size()) * l.minutes;
      for (const SessionLog& s : ihp.sessions) {
        if (s.line != l.number || s.on > last) continue;
        if (s.given) {
          ++e.given_sessions;
          e.given_minutes += s.minutes;
        } else {
          ++e.not_given;
        }
      }
    }
    out.push_back(e);
  }
  return out;
}

std::vector<IhpWeekItem> ihp_week_items(const Ihp& ihp) {
  std::vector<IhpWeekItem> out;
  for (const OrganisationLine& l : ihp.organisation)
    for (int d : l.days) out.push_back({d, l.time, l.number, describe(l)});
  std::stable_sort(out.begin(), out.end(), [](const IhpWeekItem& a, const IhpWeekItem& b) {
    if (a.day != b.day) return a.day < b.day;
    auto ta = minutes_of_day(a.time), tb = minutes_of_day(b.time);
    if (ta && tb && *ta != *tb) return *ta < *tb;
    if (ta.has_value() != tb.has_value()) return ta.has_value();
    return a.line < b.line;
  });
  return out;
}

namespace {
bool same_goal(const IhpGoal& a, const IhpGoal& b) {
  return a.long_term == b.long_term && a.area == b.area && a.text == b.text && a.due_on == b.due_on &&
         a.evaluation_what == b.evaluation_what && a.evaluation_who == b.evaluation_who &&
         a.evaluation_how == b.evaluation_how && a.criteria == b.criteria && a.verdict == b.verdict &&
         a.evidence == b.evidence;
}
bool same_line(const OrganisationLine& a, const OrganisationLine& b) {
  return a.who == b.who && a.goal == b.goal && a.days == b.days && a.time == b.time && a.minutes == b.minutes &&
         a.place == b.place;
}
bool same_opp(const std::optional<Opp>& a, const std::optional<Opp>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  auto consents_equal = [](const std::vector<ParentConsent>& x, const std::vector<ParentConsent>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const ParentConsent& c, const ParentConsent& d) {
      return c.who == d.who && c.on == d.on && c.agreed == d.agreed && c.reason == d.reason;
    });
  };
  return a->outflow == b->outflow && a->reasons == b->reasons && a->hindering == b->hindering &&
         a->helping == b->helping && consents_equal(a->consents, b->consents) &&
         a->evaluations_with_parents == b->evaluations_with_parents;
}
}  // namespace

std::vector<std::string> ihp_changes(const Ihp& before, const Ihp& after) {
  std::vector<std::string> out;
  if (before.starting_situation != after.starting_situation) out.push_back("beginsituatie");
  for (const IhpGoal& g : after.goals) {
    const IhpGoal* old = goal_numbered(before, g.number);
    if (!old)
      out.push_back(fmt::format("doel {} toegevoegd", g.number));
    else if (!same_goal(*old, g))
      out.push_back(fmt::format("doel {}", g.number));
  }
  for (const IhpGoal& g : before.goals)
    if (!goal_numbered(after, g.number)) out.push_back(fmt::format("doel {} verwijderd", g.number));
  if (before.starts_on != after.starts_on || before.ends_on != after.ends_on ||
      before.long_term_reason != after.long_term_reason)
    out.push_back("termijn");
  if (before.content != after.content) out.push_back("inhoud");
  if (!std::equal(before.involved.begin(), before.involved.end(), after.involved.begin(), after.involved.end(),
                  [](const IhpInvolved& a, const IhpInvolved& b) {
                    return a.role == b.role && a.name == b.name && a.responsibility == b.responsibility;
                  }))
    out.push_back("betrokkenen");
  if (!std::equal(before.organisation.begin(), before.organisation.end(), after.organisation.begin(),
                  after.organisation.end(), same_line))
    out.push_back("organisatie");
  if (before.evaluation != after.evaluation) out.push_back("evaluatie");
  if (before.pupil_voice.text != after.pupil_voice.text) out.push_back("stem van de leerling");
  if (before.parent_view.text != after.parent_view.text) out.push_back("kijk van de ouders");
  if (before.discussed_with_parents_on != after.discussed_with_parents_on ||
      before.parents_agree != after.parents_agree)
    out.push_back("gesprek met de ouders");
  if (!same_opp(before.opp, after.opp)) out.push_back("OPP");
  return out;
}

Ihp next_ihp(const Ihp& old, const std::vector<Period>& periods, const Date& today) {
  if (old.status != IhpStatus::kEvaluated && old.status != IhpStatus::kClosed)
    throw IhpError("Een nieuw, bijgesteld IHP volgt op een geëvalueerd IHP: evalueer dit IHP eerst.");
  Ihp next = new_ihp(old.pupil_id, periods, std::max(add_days(old.ends_on, 1), today));
  next.previous = old.id;
  next.content = old.content;
  next.involved = old.involved;
  next.long_term_reason = old.long_term_reason;
  next.opp = old.opp;
  next.starting_situation = "Evaluatie van het vorige IHP (" + old.starts_on.dutch() + " t/m " + old.ends_on.dutch() +
                            "): " + (old.evaluation.empty() ? "geen conclusie genoteerd." : old.evaluation);
  int line_number = 0;
  for (const IhpGoal& g : old.goals) {
    if (g.verdict == GoalVerdict::kReached) continue;
    IhpGoal carried = g;
    carried.number = static_cast<int>(next.goals.size()) + 1;
    carried.verdict.reset();
    carried.evidence.clear();
    carried.confirmed = false;
    carried.due_on.reset();
    carried.carried_from = fmt::format(
        "{} in het IHP van {}", g.verdict ? verdict_label(*g.verdict) : "niet geëvalueerd", old.starts_on.dutch());
    for (const OrganisationLine& l : old.organisation)
      if (l.goal == g.number) {
        OrganisationLine copy = l;
        copy.number = ++line_number;
        copy.goal = carried.number;
        next.organisation.push_back(copy);
      }
    next.goals.push_back(std::move(carried));
  }
  return next;
}

void rejoin_subgroups(GroupPlan& plan, const Ihp& ihp, const GroupOverview& overview) {
  if (ihp.status != IhpStatus::kClosed || ihp.outcome != IhpOutcome::kGoalReached)
    throw IhpError("Alleen na een IHP dat is afgesloten met \"doel bereikt\" gaat de leerling terug in een subgroep.");
  const OverviewLine* line = nullptr;
  for (const OverviewLine& l : overview.lines)
    if (l.pupil_id == ihp.pupil_id) line = &l;
  for (SubjectPlan& s : plan.subjects) {
    bool covered =
        std::any_of(ihp.goals.begin(), ihp.goals.end(), [&](const IhpGoal& g) { return g.area == s.subject; });
    if (!covered) continue;
    std::erase_if(s.individual, [&](const IndividualLine& i) { return i.pupil_id == ihp.pupil_id; });
    bool placed = std::any_of(s.subgroups.begin(), s.subgroups.end(), [&](const SubgroupPlan& g) {
      return std::find(g.pupils.begin(), g.pupils.end(), ihp.pupil_id) != g.pupils.end();
    });
    if (placed) continue;
    Approach approach = Approach::kBasic;
    if (line)
      for (const PupilApproach& a : line->approaches)
        if (a.subject == s.subject) approach = a.approach;
    auto it = std::find_if(s.subgroups.begin(), s.subgroups.end(),
                           [&](const SubgroupPlan& g) { return g.approach == approach; });
    if (it == s.subgroups.end()) {
      s.subgroups.push_back(SubgroupPlan{});
      s.subgroups.back().approach = approach;
      it = std::prev(s.subgroups.end());
    }
    it->pupils.push_back(ihp.pupil_id);
  }
}

Date opp_evaluation_due(const Opp& opp, const Date& plan_started) {
  Date from = plan_started;
  for (const Date& d : opp.evaluations_with_parents) from = std::max(from, d);
  Date due{from.year + 1, from.month, from.day};
  if (!due.valid()) due = Date{from.year + 1, 2, 28};  // from 29 February
  return due;
}

std::string opp_evaluation_state(const Date& due, const Date& today) {
  if (today > due) return "te laat";
  if (days_between(today, due) <= 30) return "binnenkort";
  return "gepland";
}

}  // namespace koers::domain
