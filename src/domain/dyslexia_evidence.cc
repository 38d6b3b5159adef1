#include "domain/dyslexia_evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace koers::domain {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Main moments (M and E) in a row: M3 = 6, E3 = 7, M4 = 8, …
int main_index(const TestMoment& m) { return m.year_group * 2 + (m.part == 'E' ? 1 : 0); }
TestMoment moment_of_index(int index) { return TestMoment{index / 2, index % 2 ? 'E' : 'M'}; }

std::string join_moments(const std::vector<TestMoment>& moments) {
  std::string out;
  for (size_t i = 0; i < moments.size(); ++i)
    out += (i == 0 ? "" : i + 1 == moments.size() ? " en " : ", ") + moments[i].label();
  return out;
}

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

Date monday_of(const Date& d) { return add_days(d, 1 - weekday(d)); }

}  // namespace

std::vector<ThresholdProblem> threshold_problems(const DyslexiaThresholds& t) {
  std::vector<ThresholdProblem> out;
  auto range = [&](const char* field, const char* label, int value, int lo, int hi) {
    if (value < lo || value > hi)
      out.push_back({field, fmt::format("{}: {} tot en met {} (niet {}).", label, lo, hi, value)});
  };
  range("measurements", "Aantal metingen", t.measurements, 1, 6);
  range("weeks_min", "Weken minimaal", t.weeks_min, 1, 60);
  range("weeks_max", "Weken maximaal", t.weeks_max, 1, 60);
  range("minutes_per_week", "Minuten per week", t.minutes_per_week, 1, 600);
  range("sessions_per_week", "Sessies per week", t.sessions_per_week, 1, 5);
  range("minutes_per_session", "Minuten per sessie", t.minutes_per_session, 1, 120);
  if (out.empty() && t.weeks_max < t.weeks_min)
    out.push_back({"weeks_max", fmt::format("Weken maximaal ({}) ligt onder weken minimaal ({}).", t.weeks_max,
                                            t.weeks_min)});
  if (out.empty() && t.sessions_per_week * t.minutes_per_session > 600)
    out.push_back({"minutes_per_session",
                   fmt::format("Minuten per sessie: {} sessies van {} minuten passen niet in een week van "
                               "hoogstens 600 minuten.",
                               t.sessions_per_week, t.minutes_per_session)});
  return out;
}

std::string describe(const DyslexiaThresholds& t) {
  return fmt::format(
      "{} opeenvolgende {} in de laagste 10 %; {} weken, minstens {} minuten per week in {} × {} minuten",
      t.measurements, t.measurements == 1 ? "meting" : "metingen",
      t.weeks_min == t.weeks_max ? std::to_string(t.weeks_min) : fmt::format("{}–{}", t.weeks_min, t.weeks_max),
      t.minutes_per_week, t.sessions_per_week, t.minutes_per_session);
}

bool is_word_reading_test(const std::string& test_name) {
  const std::string n = lower(test_name);
  for (const char* w : {"dmt", "drie-minuten", "drieminuten", "drie minuten", "een-minuut", "eenminuut", "één-minuut"})
    if (n.find(w) != std::string::npos) return true;
  return false;
}

bool lowest_tenth(const Level& level) {
  return level.rank == 5 && (level.scale == LevelScale::kLetter || level.refined);
}

bool is_reading_support_area(const std::string& area) { return lower(area) == "technisch lezen"; }

std::string support_week_label(SupportWeekKind k) {
  switch (k) {
    case SupportWeekKind::kCounts: return "telt";
    case SupportWeekKind::kShort: return "onder de norm";
    case SupportWeekKind::kHoliday: return "vakantie";
    case SupportWeekKind::kNone: return "geen begeleiding";
  }
  return "";
}

namespace {

// (1) Severity: the measurements, the latest run, and what is missing for it.
void assess_severity(DyslexiaEvidence& ev, const std::vector<StandardisedResult>& results) {
  const DyslexiaThresholds& t = ev.thresholds;
  std::map<int, WordReadingMeasurement> by_moment;  // one per main moment: the last given, one with a level first
  for (const StandardisedResult& r : results) {
    if (!is_word_reading_test(r.subject) || r.moment.part == 'B') continue;
    WordReadingMeasurement m{r.subject, r.moment, r.taken_on, r.level, r.level && lowest_tenth(*r.level)};
    auto [it, fresh] = by_moment.try_emplace(main_index(r.moment), m);
    if (!fresh && (r.level || !it->second.level)) it->second = m;
  }
  for (auto& [index, m] : by_moment) ev.measurements.push_back(m);
  if (ev.measurements.empty()) {
    ev.missing.push_back(fmt::format(
        "Nog nodig: {} opeenvolgende DMT-metingen (midden- en eindmeting) in de laagste 10 % (E of V−); er is "
        "nog geen DMT-uitslag vastgelegd.",
        t.measurements));
    return;
  }
  const int first = by_moment.begin()->first, last = by_moment.rbegin()->first;
  for (int i = first; i <= last; ++i)
    if (!by_moment.count(i)) ev.missing_moments.push_back(moment_of_index(i));

  // The latest run of consecutive lowest-10 % measurements, and whether one reaches the threshold.
  std::vector<WordReadingMeasurement> run, best;
  int previous = -100;
  for (auto& [index, m] : by_moment) {
    if (!m.lowest_tenth) {
      run.clear();
    } else {
      if (index != previous + 1) run.clear();
      run.push_back(m);
      if (static_cast<int>(run.size()) >= t.measurements) best = run;
    }
    previous = index;
  }
  ev.severity_met = !best.empty();
  ev.severity_run = ev.severity_met ? best : run;
  if (ev.severity_met) return;

  // Not met: walk back from the latest moment over lowest and unknown moments.
  const WordReadingMeasurement& latest = by_moment.rbegin()->second;
  if (latest.level && !latest.lowest_tenth) {
    ev.missing.push_back(fmt::format(
        "De laatste DMT-meting ({}: niveau {}) ligt niet in de laagste 10 %; nodig zijn {} opeenvolgende "
        "hoofdmetingen op E of V−.",
        latest.moment.label(), latest.level->label(), t.measurements));
    return;
  }
  int stretch = 0;
  std::vector<TestMoment> absent, no_level;
  for (int i = last; i >= first; --i) {
    auto it = by_moment.find(i);
    if (it != by_moment.end() && it->second.level && !it->second.lowest_tenth) break;
    ++stretch;
    if (it == by_moment.end())
      absent.insert(absent.begin(), moment_of_index(i));
    else if (!it->second.level)
      no_level.insert(no_level.begin(), moment_of_index(i));
  }
  if (!absent.empty())
    ev.missing.push_back(fmt::format("Nog nodig: de DMT-uitslag van {} (ontbreekt in Koers; voer die in als de "
                                     "toets is afgenomen).",
                                     join_moments(absent)));
  if (!no_level.empty())
    ev.missing.push_back(fmt::format("Nog nodig: het niveau (A–E of I–V) bij de DMT-uitslag van {}.", join_moments(no_level)));
  if (stretch < t.measurements) {
    std::vector<TestMoment> next;
    for (int i = last + 1; static_cast<int>(next.size()) < t.measurements - stretch && i <= main_index({8, 'E'}); ++i)
      next.push_back(moment_of_index(i));
    const int more = t.measurements - stretch;
    ev.missing.push_back(fmt::format("Nog nodig: {} in de laagste 10 % (E of V−){}.",
                                     more == 1 ? std::string("nog 1 DMT-meting") : fmt::format("nog {} DMT-metingen", more),
                                     next.empty() ? "" : " bij " + join_moments(next)));
  }
}

// (2) Persistence: the weeks of logged reading support, the period, and the measurement after it.
void assess_persistence(DyslexiaEvidence& ev, const std::vector<Ihp>& ihps, const std::vector<Holiday>& holidays) {
  const DyslexiaThresholds& t = ev.thresholds;
  std::map<Date, SupportWeek> weeks;
  for (const Ihp& ihp : ihps) {
    std::map<int, int> goal_of_line;
    for (const OrganisationLine& l : ihp.organisation) goal_of_line[l.number] = l.goal;
    for (const SessionLog& s : ihp.sessions) {
      if (!s.given || s.minutes <= 0) continue;
      auto g = goal_of_line.find(s.line);
      if (g == goal_of_line.end()) continue;
      auto goal = std::find_if(ihp.goals.begin(), ihp.goals.end(), [&](const IhpGoal& x) { return x.number == g->second; });
      if (goal == ihp.goals.end() || !is_reading_support_area(goal->area)) continue;
      SupportWeek& w = weeks[monday_of(s.on)];
      ++w.sessions;
      if (s.minutes >= t.minutes_per_session) ++w.long_sessions;
      w.minutes += s.minutes;
    }
  }
  const std::string norm = fmt::format("minstens {} minuten per week in minstens {} sessies van {} minuten",
                                       t.minutes_per_week, t.sessions_per_week, t.minutes_per_session);
  if (weeks.empty()) {
    ev.missing.push_back(fmt::format(
        "Nog nodig: extra leesbegeleiding op niveau 3, per sessie afgevinkt in een IHP met een doel voor Technisch "
        "lezen: {} weken, {}.",
        t.weeks_min == t.weeks_max ? std::to_string(t.weeks_min) : fmt::format("{} tot {}", t.weeks_min, t.weeks_max),
        norm));
    ev.missing.push_back("Nog nodig: een DMT-meting na de begeleidingsperiode.");
    return;
  }
  // Every week from the first to the last with a logged session.
  const Date last = weeks.rbegin()->first;
  for (Date monday = weeks.begin()->first; monday <= last; monday = add_days(monday, 7)) {
    SupportWeek w = weeks.count(monday) ? weeks[monday] : SupportWeek{};
    w.monday = monday;
    w.school_days = 0;
    for (int d = 0; d < 5; ++d)
      if (!holiday_on(holidays, add_days(monday, d))) ++w.school_days;
    const bool meets = w.long_sessions >= t.sessions_per_week && w.minutes >= t.minutes_per_week;
    w.kind = meets                                 ? SupportWeekKind::kCounts
             : w.school_days < t.sessions_per_week ? SupportWeekKind::kHoliday
             : w.sessions > 0                      ? SupportWeekKind::kShort
                                                   : SupportWeekKind::kNone;
    ev.weeks.push_back(w);
  }
  // Runs split by a school week without support; the first run that reaches weeks_min, else the last.
  size_t run_from = 0, chosen_from = 0, chosen_to = ev.weeks.size();
  bool chosen = false, any_counted = false;
  for (size_t i = 0; i <= ev.weeks.size() && !chosen; ++i) {
    if (i == ev.weeks.size() || ev.weeks[i].kind == SupportWeekKind::kNone) {
      int counted = 0;
      for (size_t j = run_from; j < i; ++j) counted += ev.weeks[j].kind == SupportWeekKind::kCounts;
      if (counted > 0 || (i == ev.weeks.size() && !any_counted)) {
        chosen_from = run_from;
        chosen_to = i;
        chosen = counted >= t.weeks_min;
        any_counted = any_counted || counted > 0;
      }
      run_from = i + 1;
    }
  }
  // The Friday of the weeks_min-th counted week: a measurement after it ends the period.
  int counted = 0;
  for (size_t j = chosen_from; j < chosen_to; ++j)
    if (ev.weeks[j].kind == SupportWeekKind::kCounts && ++counted == t.weeks_min) ev.measure_after = add_days(ev.weeks[j].monday, 4);
  ev.support_met = ev.measure_after.has_value();
  if (ev.support_met)
    for (const WordReadingMeasurement& m : ev.measurements)
      if (m.taken_on && *m.taken_on > *ev.measure_after) {
        ev.after_support = m;
        break;
      }
  // The period: its counted weeks before the measurement after it, at most weeks_max.
  for (size_t j = chosen_from; j < chosen_to && ev.weeks_counted < t.weeks_max; ++j) {
    const SupportWeek& w = ev.weeks[j];
    if (ev.after_support && !(w.monday < *ev.after_support->taken_on)) break;
    if (w.kind == SupportWeekKind::kCounts) {
      if (!ev.period_from) ev.period_from = w.monday;
      ev.period_to = add_days(w.monday, 4);
      ++ev.weeks_counted;
    }
    if (ev.period_from) {
      ev.period_minutes += w.minutes;
      ev.period_sessions += w.sessions;
    }
  }
  if (!ev.support_met) {
    std::vector<std::string> short_weeks;
    for (size_t j = chosen_from; j < chosen_to; ++j)
      if (ev.weeks[j].kind == SupportWeekKind::kShort)
        short_weeks.push_back(fmt::format("{} ({}, {} minuten)", ev.weeks[j].monday.dutch(),
                                          plural(ev.weeks[j].sessions, "sessie", "sessies"), ev.weeks[j].minutes));
    std::string text = fmt::format(
        "Nog nodig: {} begeleiding die aan de norm voldoet ({}); geteld: {} van {}.",
        plural(t.weeks_min - ev.weeks_counted, "effectieve week", "effectieve weken"), norm, ev.weeks_counted, t.weeks_min);
    if (!short_weeks.empty()) {  // named up to four; a care provider asks about each
      const size_t named = std::min<size_t>(short_weeks.size(), 4);
      std::string list;
      for (size_t i = 0; i < named; ++i)
        list += (i == 0 ? "" : i + 1 == named && named == short_weeks.size() ? " en " : ", ") + short_weeks[i];
      if (named < short_weeks.size()) list += fmt::format(" en nog {} weken", short_weeks.size() - named);
      text += fmt::format(" Onder de norm en niet geteld: de {} van {}.", short_weeks.size() == 1 ? "week" : "weken", list);
    }
    ev.missing.push_back(text);
    ev.missing.push_back("Nog nodig: een DMT-meting na de begeleidingsperiode.");
    return;
  }
  if (!ev.after_support) {
    ev.missing.push_back(
        fmt::format("Nog nodig: een DMT-meting na de begeleidingsperiode (na {}).", ev.measure_after->dutch()));
    return;
  }
  if (!ev.after_support->level) {
    ev.missing.push_back(fmt::format("Nog nodig: het niveau bij de DMT-meting na de begeleiding ({}).",
                                     ev.after_support->moment.label()));
    return;
  }
  ev.persistence_met = ev.after_support->lowest_tenth;
  if (!ev.persistence_met)
    ev.missing.push_back(fmt::format(
        "De DMT-meting na de begeleiding ({}, {}: niveau {}) ligt niet meer in de laagste 10 %: de leerling "
        "reageert op de begeleiding, er is geen didactische resistentie aangetoond.",
        ev.after_support->moment.label(), ev.after_support->taken_on->dutch(), ev.after_support->level->label()));
}

}  // namespace

DyslexiaEvidence dyslexia_evidence(const std::vector<StandardisedResult>& results, const std::vector<Ihp>& ihps,
                                   const std::vector<Holiday>& holidays, const DyslexiaThresholds& thresholds) {
  DyslexiaEvidence ev;
  ev.thresholds = thresholds;
  assess_severity(ev, results);
  assess_persistence(ev, ihps, holidays);
  ev.complete = ev.severity_met && ev.persistence_met;
  return ev;
}

DyslexiaEvidence dyslexia_evidence(const PupilRecord& record, const DyslexiaThresholds& thresholds) {
  return dyslexia_evidence(record.results, record.ihp_plans, record.holidays, thresholds);
}

}  // namespace koers::domain
