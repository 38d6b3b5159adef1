#include "domain/goal_evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include "domain/clustering.h"
#include "domain/test_scale.h"
#include "domain/text_pattern.h"

namespace koers::domain {

namespace {

constexpr auto kIcase = TextPattern::Case::kIgnore;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }), s.end());
  return s;
}

// A value found in the goal, where it stands, and whether "naar" leads to it: "van niveau IV
// naar III" aims at III, so a "naar" value wins over the first one.
template <typename T>
struct Found {
  size_t position = 0;
  bool after_naar = false;
  T value;
};

template <typename T>
std::optional<T> chosen(const std::vector<Found<T>>& found) {
  const Found<T>* best = nullptr;
  for (const auto& f : found)
    if (!best || (f.after_naar && !best->after_naar) ||
        (f.after_naar == best->after_naar && f.position < best->position))
      best = &f;
  if (!best) return std::nullopt;
  return best->value;
}

bool after_naar(const std::string& text, size_t position) {
  static const TextPattern naar(R"(\bnaar\s+(niveau\s+)?$)", kIcase);
  return naar.found_in(std::string_view(text).substr(0, position));
}

// AVI levels, and the text with them blanked so their "M5" or "E4" is not read again as a
// test moment or a level.
std::vector<Found<std::string>> avi_levels_in(std::string& text) {
  static const TextPattern avi(R"(\bavi(?:[- ]?niveau)?[- ]?(start|plus|[me]\s?[3-7])(?![0-9a-z]))", kIcase);
  std::vector<Found<std::string>> out;
  std::vector<std::pair<size_t, size_t>> spans;
  for (const TextMatch& m : avi.all(text))
    if (auto level = parse_avi_level(without_spaces(m.str(1)))) {
      const size_t position = m.position();
      out.push_back({position, after_naar(text, position), *level});
      spans.push_back({position, m.length()});
    }
  for (const auto& [position, length] : spans) text.replace(position, length, length, ' ');
  return out;
}

std::vector<Found<Level>> levels_in(const std::string& text) {
  // I+ before I, and III before II before I, so the longest label wins; a level ends where
  // no letter or digit follows ("niveau E5" is a moment, "niveau Cito" nothing).
  const std::string any_label = R"((I\+|III|II|IV|I|V|[A-E]))", roman_label = R"((I\+|III|II|IV|I|V))",
                    label_end = R"((?![A-Za-z0-9]))";
  static const TextPattern patterns[] = {
      TextPattern(R"([Nn]iveau\s+)" + any_label + label_end),
      TextPattern(R"(\b)" + any_label + R"([- ]?(score|niveau)\b)"),
      TextPattern(R"(\b)" + any_label + R"(\s+of\s+(hoger|beter)\b)"),
      // Bare numerals only after "naar" ("van IV naar III"); a bare letter is too often no
      // level ("van A naar B").
      TextPattern(R"(\bnaar\s+)" + roman_label + label_end),
  };
  std::vector<Found<Level>> out;
  for (const auto& pattern : patterns)
    for (const TextMatch& m : pattern.all(text))
      if (auto level = parse_level(m.str(1))) out.push_back({m.position(1), after_naar(text, m.position(1)), *level});
  return out;
}

// "141,5" or "141.5"; from_chars, because it never reads the decimal sign from the locale.
double number(std::string digits) {
  std::replace(digits.begin(), digits.end(), ',', '.');
  double value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::vector<Found<double>> ability_scores_in(const std::string& text) {
  // Not a date ("12-03"), a percentage, or a growth in points.
  static const TextPattern score(
      R"((?:[Vv]aardigheidsscore(?:\s*\(VS\))?|\bVS)\s*(?:van\s+)?(?:(?:minimaal|ten\s+minste|tenminste|minstens)\s+)?)"
      R"((?:(?:≥|>=|>)\s*)?(\d{1,3}(?:[,.]\d)?)(?![0-9]|[,.][0-9]|[-/][0-9]|\s*(?:punten|%|procent)))");
  std::vector<Found<double>> out;
  for (const TextMatch& m : score.all(text))
    out.push_back({m.position(1), after_naar(text, m.position(1)), number(m.str(1))});
  return out;
}

// Percentages of a method test: with "goed" (or correct, juist) after them or a test or block
// named; never a share of lessons, time or days, a reading accuracy or a learning yield.
std::vector<Found<double>> percentages_in(const std::string& text) {
  static const TextPattern percentage(R"((?:^|[^0-9,./-])(\d{1,3}(?:[,.]\d+)?)\s*(?:%|procent\b))", kIcase);
  static const TextPattern correct_after(R"(^[^.;!?]*\b(goed|correct|juist)\b)", kIcase);
  static const TextPattern test_named(R"(methodetoets|\btoets|\bblok\s*\d)", kIcase);
  static const TextPattern other_share(R"(van\s+de\s+(lessen|tijd|dagen|keren|momenten|week)|nauwkeurig|rendement)",
                                      kIcase);
  // A test of its own ("tafeldictee", "leestoets"): not the method test Koers holds.
  static const TextPattern own_test(R"(\b([a-z]+)(dictee|toets)(s|en)?\b)", kIcase);
  std::vector<Found<double>> out;
  if (other_share.found_in(text)) return out;
  for (const TextMatch& m : own_test.all(text))
    if (const std::string prefix = lower(m.str(1));
        prefix != "methode" && prefix != "blok" && prefix != "reken" && prefix != "spelling" && prefix != "taal")
      return out;
  const bool names_test = test_named.found_in(text);
  for (const TextMatch& m : percentage.all(text)) {
    const double value = number(m.str(1));
    const std::string_view after = std::string_view(text).substr(m.position() + m.length());
    if (value > 0 && value <= 100 && (names_test || correct_after.found_in(after)))
      out.push_back({m.position(1), after_naar(text, m.position(1)), value});
  }
  return out;
}

// The latest test moment the goal names: "bij de M6-toets", "op de Cito E5", "m6-toets".
std::optional<TestMoment> named_moment(const std::string& text) {
  static const TextPattern patterns[] = {
      TextPattern(R"((?:^|[^A-Za-z0-9])([BME])([1-8])(?![0-9]))"),
      TextPattern(R"(\b([bme])\s?([1-8])[- ]?toets)", kIcase),
  };
  std::optional<TestMoment> latest;
  for (const auto& pattern : patterns)
    for (const TextMatch& found : pattern.all(text))
      if (auto m = parse_test_moment(found.str(1) + found.str(2)); m && (!latest || *latest < *m)) latest = m;
  return latest;
}

std::string named_block(const std::string& text) {
  static const TextPattern block(R"(\bblok\s*(\d{1,2})\b)", kIcase);
  auto m = block.first(text);
  return m ? "Blok " + m->str(1) : "";
}

// A block as the teacher typed it is the named one: "blok 4" is "Blok 4" and "Blok 4 (herhaling)",
// never "Blok 40".
bool same_block(const std::string& typed, const std::string& named) {
  const std::string t = lower(without_spaces(typed)), n = lower(without_spaces(named));
  return t.rfind(n, 0) == 0 && (t.size() == n.size() || !std::isdigit(static_cast<unsigned char>(t[n.size()])));
}

// The level's place with its refinement: I+ (1) before I (2) … V (10) before V− (11).
int fine_rank(const Level& l) { return l.rank * 2 + (l.refined ? (l.rank == 1 ? -1 : 1) : 0); }

// How a level target reads after "doel:": "III of hoger"; the top level has nothing higher.
std::string level_goal(const Level& l) { return l.rank == 1 ? l.label() : l.label() + " of hoger"; }

std::string avi_label(const std::string& level) { return level.rfind("AVI", 0) == 0 ? level : "AVI " + level; }

int avi_index(const std::string& level) {
  const auto& all = avi_levels();
  return static_cast<int>(std::find(all.begin(), all.end(), level) - all.begin());
}

// A percentage shown never reads higher than it is: 79,96 % shows as 79,9 %, not as 80 %.
std::string shown_percentage(double p) { return dutch_decimal(std::floor(p * 10 + 1e-9) / 10); }

// "Blok 4" inside a sentence: "Spelling blok 4".
std::string block_in_sentence(std::string block) {
  if (!block.empty()) block[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(block[0])));
  return block;
}

int year_group_of(const std::string& text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return 0;
  return std::stoi(text);
}

bool in_window(const PeriodWindow& w, const Date& d) { return w.starts_on <= d && d <= w.ends_on; }

// The window holds a day of the months [first, last] in some year. Day 31 bounds any month:
// dates compare field by field, so it need not exist.
bool holds_months(const PeriodWindow& w, int first, int last) {
  for (int year = w.starts_on.year; year <= w.ends_on.year; ++year)
    if (w.starts_on <= Date{year, last, 31} && Date{year, first, 1} <= w.ends_on) return true;
  return false;
}

std::optional<PupilEvaluation> standardised(const MeasurableTarget& target, const std::string& subject,
                                            const OverviewLine& line, const PeriodWindow& window) {
  const bool by_level = target.kind == TargetKind::kLevel;
  auto usable = [&](const StandardisedResult& r) {
    return test_counts_for(subject, r.subject) &&
           (by_level ? r.level && r.level->scale == target.level.scale : r.ability_score.has_value());
  };
  const auto moment = target.moment ? target.moment : moment_of_period(window, year_group_of(line.year_group));
  if (!moment) return std::nullopt;
  // Two tests of the subject at the moment ("Rekenen-Wiskunde" and its 3.0 version): the later one entered.
  const StandardisedResult* decisive = nullptr;
  for (const StandardisedResult& r : line.results)
    if (usable(r) && r.moment == *moment) decisive = &r;
  if (!decisive) return std::nullopt;
  // The same test's result before it: only that shows growth on the same scale.
  const StandardisedResult* before = nullptr;
  for (const StandardisedResult& r : line.results)
    if (usable(r) && r.subject == decisive->subject && r.moment.position() < decisive->moment.position() &&
        (!before || r.moment.position() >= before->moment.position()))
      before = &r;

  PupilEvaluation e;
  e.pupil_id = line.pupil_id;
  const std::string where = fmt::format("{} {}", decisive->subject, decisive->moment.label());
  if (by_level) {
    const Level& got = *decisive->level;
    const int short_by = fine_rank(got) - fine_rank(target.level);
    const bool grew = before && fine_rank(got) < fine_rank(*before->level);
    if (short_by <= 0) e.verdict = GoalVerdict::kReached;
    else if (short_by <= 2 || grew) e.verdict = GoalVerdict::kPartly;  // one rank short: 2 fine steps
    else e.verdict = GoalVerdict::kNotReached;
    e.evidence = fmt::format("{}: niveau {}{} (doel: {})", where, got.label(),
                             before ? fmt::format(", was {} in {}", before->level->label(), before->moment.label()) : "",
                             level_goal(target.level));
  } else {
    const double got = *decisive->ability_score;
    const bool grew = before && got > *before->ability_score;
    e.verdict = got >= target.value ? GoalVerdict::kReached : grew ? GoalVerdict::kPartly : GoalVerdict::kNotReached;
    e.evidence = fmt::format(
        "{}: vaardigheidsscore {}{} (doel: {})", where, dutch_decimal(got),
        before ? fmt::format(", was {} in {}", dutch_decimal(*before->ability_score), before->moment.label()) : "",
        dutch_decimal(target.value));
  }
  return e;
}

std::optional<PupilEvaluation> method_test(const MeasurableTarget& target, const std::string& subject,
                                           const OverviewLine& line, const PeriodWindow& window) {
  const MethodTest* decisive = nullptr;
  for (const MethodTest& t : line.method_tests)  // newest first: on the same day the first is the latest
    if (test_counts_for(subject, t.subject) && t.maximum > 0 && in_window(window, t.taken_on) &&
        (target.block.empty() || same_block(t.block, target.block)) && (!decisive || decisive->taken_on < t.taken_on))
      decisive = &t;
  if (!decisive) return std::nullopt;
  const double got = decisive->percentage();
  const double margin = 1e-9;  // 72 out of 90 is exactly 80 %, whatever the division rounds to
  PupilEvaluation e;
  e.pupil_id = line.pupil_id;
  e.verdict = got + margin >= target.value        ? GoalVerdict::kReached
              : got + margin >= target.value - 10 ? GoalVerdict::kPartly
                                                  : GoalVerdict::kNotReached;
  e.evidence = fmt::format("{} {}: {} % (doel: {} %)", decisive->subject, block_in_sentence(decisive->block),
                           shown_percentage(got), dutch_decimal(target.value));
  return e;
}

std::optional<PupilEvaluation> reading_level(const MeasurableTarget& target, const OverviewLine& line,
                                             const PeriodWindow& window) {
  const auto& r = line.reading_level;
  if (!r || (target.moment ? r->moment != *target.moment : !in_window(window, r->taken_on))) return std::nullopt;
  const int got = avi_index(r->avi_level), aim = avi_index(target.avi_level);
  if (got >= static_cast<int>(avi_levels().size())) return std::nullopt;  // not an AVI level Koers knows
  PupilEvaluation e;
  e.pupil_id = line.pupil_id;
  e.verdict = got >= aim ? GoalVerdict::kReached : got == aim - 1 ? GoalVerdict::kPartly : GoalVerdict::kNotReached;
  e.evidence = fmt::format("{} (doel: {})", avi_label(r->avi_level), avi_label(target.avi_level));
  return e;
}

}  // namespace

std::optional<MeasurableTarget> measurable_target(const std::string& goal_text) {
  std::string text = goal_text;
  const auto avi = avi_levels_in(text);  // blanks them in `text`
  const auto levels = levels_in(text);
  const auto scores = ability_scores_in(text);
  // Next to an AVI level a percentage is the reading accuracy, not a method test.
  const auto percentages = avi.empty() ? percentages_in(text) : std::vector<Found<double>>{};
  const int kinds = !avi.empty() + !levels.empty() + !scores.empty() + !percentages.empty();
  if (kinds != 1) return std::nullopt;

  MeasurableTarget t;
  if (!avi.empty()) {
    t.kind = TargetKind::kAviLevel;
    t.avi_level = *chosen(avi);
  } else if (!levels.empty()) {
    t.kind = TargetKind::kLevel;
    t.level = *chosen(levels);
  } else if (!scores.empty()) {
    t.kind = TargetKind::kAbilityScore;
    t.value = *chosen(scores);
  } else {
    t.kind = TargetKind::kPercentage;
    t.value = *chosen(percentages);
    t.block = named_block(text);
    return t;  // a method test goes by its block and date, not by an LVS moment
  }
  t.moment = named_moment(text);
  return t;
}

std::string describe(const MeasurableTarget& t) {
  const std::string moment = t.moment ? " bij " + t.moment->label() : "";
  switch (t.kind) {
    case TargetKind::kLevel: return "niveau " + level_goal(t.level) + moment;
    case TargetKind::kAbilityScore: return "vaardigheidsscore " + dutch_decimal(t.value) + " of hoger" + moment;
    case TargetKind::kPercentage:
      return dutch_decimal(t.value) + " % op de methodetoets" + (t.block.empty() ? "" : " van " + block_in_sentence(t.block));
    case TargetKind::kAviLevel: return avi_label(t.avi_level) + moment;
  }
  return "";
}

std::optional<TestMoment> moment_of_period(const PeriodWindow& window, int year_group) {
  if (year_group < 1 || year_group > 8) return std::nullopt;
  if (holds_months(window, 6, 6)) return TestMoment{year_group, 'E'};
  if (holds_months(window, 1, 2)) return TestMoment{year_group, 'M'};
  return std::nullopt;
}

namespace {

std::optional<PupilEvaluation> evaluate(const MeasurableTarget& target, const std::string& subject,
                                        const OverviewLine& line, const PeriodWindow& window) {
  switch (target.kind) {
    case TargetKind::kLevel:
    case TargetKind::kAbilityScore:
      return standardised(target, subject, line, window);
    case TargetKind::kPercentage:
      return method_test(target, subject, line, window);
    case TargetKind::kAviLevel:
      return reading_level(target, line, window);
  }
  return std::nullopt;
}

}  // namespace

std::vector<PupilEvaluation> propose_evaluation(const MeasurableTarget& target, const std::string& subject,
                                                const std::vector<OverviewLine>& pupils, const PeriodWindow& window) {
  std::vector<PupilEvaluation> out;
  for (const OverviewLine& line : pupils)
    if (auto e = evaluate(target, subject, line, window)) out.push_back(std::move(*e));
  return out;
}

std::optional<GoalVerdict> summarise(const std::vector<PupilEvaluation>& evaluations) {
  if (evaluations.empty()) return std::nullopt;
  auto all = [&](GoalVerdict v) {
    return std::all_of(evaluations.begin(), evaluations.end(), [&](const PupilEvaluation& e) { return e.verdict == v; });
  };
  if (all(GoalVerdict::kReached)) return GoalVerdict::kReached;
  if (all(GoalVerdict::kNotReached)) return GoalVerdict::kNotReached;
  return GoalVerdict::kPartly;
}

void propose_evaluations(GroupPlan& plan, const GroupOverview& overview, const PeriodWindow& window) {
  // The lines are read where they are: copying them per subgroup and goal was most of this.
  for (SubjectPlan& s : plan.subjects)
    for (SubgroupPlan& g : s.subgroups) {
      std::vector<const OverviewLine*> lines;
      for (const OverviewLine& line : overview.lines)
        if (std::find(g.pupils.begin(), g.pupils.end(), line.pupil_id) != g.pupils.end()) lines.push_back(&line);
      for (PlanGoal& goal : g.goals) {
        auto target = measurable_target(goal.text);
        if (!target) continue;
        std::erase_if(goal.pupils, [](const PupilEvaluation& e) { return !e.confirmed; });
        // A goal for one jaargroep is measured for that jaargroep's pupils only.
        for (const OverviewLine* line : lines) {
          if (!goal.year_group.empty() && line->year_group != goal.year_group) continue;
          auto proposal = evaluate(*target, s.subject, *line, window);
          if (proposal && std::none_of(goal.pupils.begin(), goal.pupils.end(),
                                       [&](const PupilEvaluation& e) { return e.pupil_id == proposal->pupil_id; }))
            goal.pupils.push_back(std::move(*proposal));
        }
      }
    }
}

void close_evaluation(GroupPlan& plan) {
  plan.evaluation_closed = true;
  for (SubjectPlan& s : plan.subjects)
    for (SubgroupPlan& g : s.subgroups)
      for (PlanGoal& goal : g.goals) {
        for (PupilEvaluation& e : goal.pupils) e.confirmed = true;
        if (!goal.verdict) goal.verdict = summarise(goal.pupils);
      }
}

}  // namespace koers::domain
