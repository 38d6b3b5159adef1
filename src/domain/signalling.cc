#include "domain/signalling.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "domain/clustering.h"
#include "domain/group_overview.h"

namespace koers::domain {

namespace {

std::string number(double v) { return dutch_decimal(v); }

std::map<std::string, std::vector<StandardisedResult>> by_subject(std::vector<StandardisedResult> results) {
  std::map<std::string, std::vector<StandardisedResult>> out;
  std::stable_sort(results.begin(), results.end(),
                   [](const auto& a, const auto& b) { return a.moment.position() < b.moment.position(); });
  for (auto& r : results) out[r.subject].push_back(std::move(r));
  return out;
}

std::optional<double> expected_step(const SignalRules& rules, const std::string& subject, int year_group) {
  for (const auto& g : rules.expected_growth)
    if (g.subject == subject && g.year_group == year_group) return g.points;
  return std::nullopt;
}

// The expected growth from one moment to a later one: the sum of its half-year steps,
// or nullopt when the school has not entered one of them.
std::optional<double> expected_between(const SignalRules& rules, const std::string& subject,
                                       const TestMoment& from, const TestMoment& to) {
  double total = 0;
  for (int pos = from.position() + 1; pos <= to.position(); ++pos) {
    int year_group = pos % 2 == 0 ? pos / 2 - 1 : pos / 2;  // E of year n sits at 2n+2
    auto step = expected_step(rules, subject, year_group);
    if (!step) return std::nullopt;
    total += *step;
  }
  return total;
}

// A signal about a test moment (not a method block).
Signal about_moment(SignalRule rule, const std::string& subject, const TestMoment& moment, bool positive,
                    std::string evidence) {
  return Signal{rule, subject, moment, positive, std::move(evidence), {}, true};
}

void level_rules(const SignalRules& rules, const std::string& subject,
                 const std::vector<StandardisedResult>& rs, std::vector<Signal>& out) {
  const StandardisedResult* previous = nullptr;
  int low_streak = 0;
  for (const auto& r : rs) {
    if (!r.level) continue;
    const Level& l = *r.level;
    bool low = rules.level_at_or_below && l.rank >= *rules.level_at_or_below;
    if (low)
      out.push_back(about_moment(SignalRule::kLevelLow, subject, r.moment, false,
                     fmt::format("{}: niveau {} in {} ({})", subject, l.label(), r.moment.label(), l.band())));
    if (rules.top_level_is_signal && l.rank == 1)
      out.push_back(about_moment(SignalRule::kTopLevel, subject, r.moment, true,
                     fmt::format("{}: niveau {} in {} ({}): kandidaat voor de verdiepte aanpak", subject,
                                 l.label(), r.moment.label(), l.band())));
    // A drop that stays within the top levels (I+ to II) is no concern.
    if (previous && rules.level_drop && l.rank - previous->level->rank >= *rules.level_drop && l.rank > 2)
      out.push_back(about_moment(SignalRule::kLevelDrop, subject, r.moment, false,
                     fmt::format("{}: niveau {} in {} → {} in {}", subject, previous->level->label(),
                                 previous->moment.label(), l.label(), r.moment.label())));
    low_streak = low ? low_streak + 1 : 0;
    if (rules.repeated_at_moments > 1 && low_streak == rules.repeated_at_moments)
      out.push_back(about_moment(SignalRule::kRepeatedLowLevel, subject, r.moment, false,
                     fmt::format("{}: {} keer achter elkaar niveau {} of lager, laatst in {}", subject,
                                 low_streak, Level{l.scale, *rules.level_at_or_below, false}.label(),
                                 r.moment.label())));
    previous = &r;
  }
}

void growth_rule(const SignalRules& rules, const std::string& subject,
                 const std::vector<StandardisedResult>& rs, std::vector<Signal>& out) {
  const StandardisedResult* previous = nullptr;
  for (const auto& r : rs) {
    if (!r.ability_score) continue;
    if (previous && previous->moment.position() < r.moment.position()) {
      double growth = *r.ability_score - *previous->ability_score;
      auto expected = expected_between(rules, subject, previous->moment, r.moment);
      if (expected && growth < *expected)
        out.push_back(about_moment(SignalRule::kGrowthBelowExpected, subject, r.moment, false,
                       fmt::format("{}: groei {} punten van {} naar {} ({} → {}), verwacht {}", subject,
                                   number(growth), previous->moment.label(), r.moment.label(),
                                   number(*previous->ability_score), number(*r.ability_score),
                                   number(*expected))));
    }
    previous = &r;
  }
}

void yield_rules(const SignalRules& rules, const std::string& subject,
                 const std::vector<StandardisedResult>& rs, std::vector<Signal>& out) {
  for (const auto& r : rs) {
    if (!r.dle) continue;
    int dl = r.moment.didactic_age();
    auto yield = learning_yield(dl, *r.dle);
    if (rules.min_learning_yield && yield && *yield < *rules.min_learning_yield)
      out.push_back(about_moment(SignalRule::kLearningYieldLow, subject, r.moment, false,
                     fmt::format("{}: leerrendement {} % in {} (DLE {} bij DL {}), grens {} %", subject,
                                 number(std::round(*yield)), r.moment.label(), number(*r.dle), dl,
                                 number(*rules.min_learning_yield))));
    double behind = dl - *r.dle;
    if (rules.max_months_behind && behind >= *rules.max_months_behind)
      out.push_back(about_moment(SignalRule::kMonthsBehind, subject, r.moment, false,
                     fmt::format("{}: {} maanden achterstand in {} (DL {}, DLE {})", subject, number(behind),
                                 r.moment.label(), dl, number(*r.dle))));
  }
}

void mastery_rule(const SignalRules& rules, const std::vector<MethodTestResult>& tests,
                  std::vector<Signal>& out) {
  if (!rules.mastery_percentage) return;
  std::map<std::string, int> streak;
  for (const auto& t : tests) {
    if (t.maximum <= 0) continue;
    double pct = t.score / t.maximum * 100.0;
    int& s = streak[t.subject];
    s = pct < *rules.mastery_percentage ? s + 1 : 0;
    // Every test of a run of misses that has reached the agreed length: each is its own signal.
    if (s >= std::max(1, rules.mastery_misses_in_a_row)) {
      std::string times = s > 1 ? fmt::format(" ({}e keer op rij)", s) : "";
      out.push_back({SignalRule::kMethodTestBelowMastery, t.subject, TestMoment{}, false,
                     fmt::format("{}: methodetoets {} {} van {} = {} %, beheersing {} %{}", t.subject, t.block,
                                 number(t.score), number(t.maximum), number(std::round(pct)),
                                 number(*rules.mastery_percentage), times),
                     t.block, true});
    }
  }
}

}  // namespace

std::string signal_rule_key(SignalRule rule) {
  switch (rule) {
    case SignalRule::kLevelLow: return "niveau-laag";
    case SignalRule::kLevelDrop: return "niveau-daling";
    case SignalRule::kGrowthBelowExpected: return "groei-laag";
    case SignalRule::kMethodTestBelowMastery: return "methodetoets";
    case SignalRule::kLearningYieldLow: return "leerrendement";
    case SignalRule::kMonthsBehind: return "achterstand";
    case SignalRule::kRepeatedLowLevel: return "herhaald-laag";
    case SignalRule::kTopLevel: return "niveau-hoog";
  }
  return "";
}

std::string signal_rule_label(SignalRule rule) {
  switch (rule) {
    case SignalRule::kLevelLow: return "Laag niveau";
    case SignalRule::kLevelDrop: return "Daling in niveau";
    case SignalRule::kGrowthBelowExpected: return "Groei onder verwachting";
    case SignalRule::kMethodTestBelowMastery: return "Methodetoets onder beheersing";
    case SignalRule::kLearningYieldLow: return "Laag leerrendement";
    case SignalRule::kMonthsBehind: return "Achterstand in maanden";
    case SignalRule::kRepeatedLowLevel: return "Herhaald laag niveau";
    case SignalRule::kTopLevel: return "Hoog niveau (verdiept)";
  }
  return "";
}

std::optional<std::string> validate_rules(const SignalRules& r) {
  if (r.level_at_or_below && (*r.level_at_or_below < 2 || *r.level_at_or_below > 5))
    return "Niveaugrens: kies II tot en met V.";
  if (r.level_drop && (*r.level_drop < 1 || *r.level_drop > 4)) return "Daling: 1 tot en met 4 niveaus.";
  if (r.mastery_percentage && (*r.mastery_percentage <= 0 || *r.mastery_percentage > 100))
    return "Beheersingspercentage: tussen 1 en 100.";
  if (r.mastery_misses_in_a_row < 1 || r.mastery_misses_in_a_row > 10) return "Methodetoetsen op rij: 1 tot en met 10.";
  if (r.min_learning_yield && (*r.min_learning_yield <= 0 || *r.min_learning_yield > 200))
    return "Leerrendement: tussen 1 en 200 %.";
  if (r.max_months_behind && (*r.max_months_behind < 1 || *r.max_months_behind > 60))
    return "Achterstand: 1 tot en met 60 maanden.";
  if (r.repeated_at_moments < 0 || r.repeated_at_moments == 1 || r.repeated_at_moments > 10)
    return "Herhaald laag niveau: 0 (uit) of 2 tot en met 10 toetsmomenten.";
  if (r.repeated_at_moments > 0 && !r.level_at_or_below)
    return "Herhaald laag niveau werkt alleen met een niveaugrens.";
  for (size_t i = 0; i < r.expected_growth.size(); ++i) {
    const auto& g = r.expected_growth[i];
    std::string row = "Verwachte groei, regel " + std::to_string(i + 1) + ": ";
    if (g.subject.empty()) return row + "vul de toets in.";
    if (g.year_group < 3 || g.year_group > 8) return row + "jaargroep 3 tot en met 8.";
    if (g.points < 0) return row + "de groei kan niet negatief zijn.";
    for (size_t j = 0; j < i; ++j)
      if (r.expected_growth[j].subject == g.subject && r.expected_growth[j].year_group == g.year_group)
        return row + g.subject + " groep " + std::to_string(g.year_group) + " staat er al.";
  }
  return std::nullopt;
}

std::vector<Signal> evaluate_signals(const SignalRules& rules,
                                     const std::vector<StandardisedResult>& results,
                                     const std::vector<MethodTestResult>& method_tests) {
  std::vector<Signal> out;
  for (const auto& [subject, rs] : by_subject(results)) {
    level_rules(rules, subject, rs, out);
    growth_rule(rules, subject, rs, out);
    yield_rules(rules, subject, rs, out);
  }
  mastery_rule(rules, method_tests, out);
  // Current: about its test's latest moment, or its method's latest block.
  std::map<std::string, int> latest_position;
  for (const auto& r : results)
    latest_position[r.subject] = std::max(latest_position.count(r.subject) ? latest_position[r.subject] : -1,
                                          r.moment.position());
  std::map<std::string, std::string> latest_block;
  for (const auto& t : method_tests) latest_block[t.subject] = t.block;  // oldest first: the last one stays
  for (Signal& s : out)
    s.current = s.block.empty() ? latest_position[s.subject] == s.moment.position() : latest_block[s.subject] == s.block;
  std::stable_sort(out.begin(), out.end(), [](const Signal& a, const Signal& b) {
    if (a.subject != b.subject) return a.subject < b.subject;
    return a.moment.position() < b.moment.position();
  });
  return out;
}

std::string subject_of_test(const std::string& test_name) {
  static const std::vector<std::string> subjects = overview_subjects({"1", "3"});
  for (const auto& subject : subjects)
    if (test_counts_for(subject, test_name)) return subject;
  return test_name;
}

std::vector<SignalLine> signal_lines(const std::vector<Signal>& signals) {
  std::vector<SignalLine> out;
  for (const Signal& s : signals) {
    if (!s.current) continue;
    const std::string subject = subject_of_test(s.subject);
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const SignalLine& l) { return l.subject == subject && l.positive == s.positive; });
    if (it == out.end()) it = out.insert(out.end(), SignalLine{subject, s.positive, {}});
    it->signals.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const SignalLine& a, const SignalLine& b) {
    if (a.positive != b.positive) return !a.positive;
    return a.subject < b.subject;
  });
  return out;
}

}  // namespace koers::domain
