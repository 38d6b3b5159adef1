// Level cut-off scores (normeringsgrenzen): the ability scores at which a pupil moves from
// one level (I–V) to the next, per test and moment. They come from the test maker and the
// school enters the ones it has; Koers never invents them, so a moment without cut-offs
// simply has none. Pure: the text format is parsed here, storage lives in the store.
//
// Text format, one test and moment per line (what the page's textarea holds):
//   Rekenen-Wiskunde;M5;38;45,5;51;58
// toets; toetsmoment; the lower bounds of IV, III, II and I (below the first is V).
// Decimal comma or point; blank lines and lines starting with # are skipped.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/test_moment.h"

namespace koers::domain {

struct LevelCutoffs {
  std::string subject;  // "Rekenen-Wiskunde", as the results name the test
  TestMoment moment;
  std::array<double, 4> lower_bounds{};  // lower bounds of IV, III, II and I, ascending
};

// What is wrong in Dutch, naming test and moment, or nullopt.
std::optional<std::string> validate_cutoffs(const LevelCutoffs& c);
// Every entry valid and no test + moment twice (a school has one set per moment).
std::optional<std::string> validate_cutoff_set(const std::vector<LevelCutoffs>& all);

// The level rank of a score: 1 = I … 5 = V. A score exactly on a bound belongs to the
// higher level (the bound is that level's lowest score).
int level_rank_of_score(const LevelCutoffs& c, double score);

// The cut-offs for a test and moment; test names match ignoring case and outer spaces,
// because schools type them by hand. Nullptr when the school has none.
const LevelCutoffs* find_cutoffs(const std::vector<LevelCutoffs>& all, std::string_view subject,
                                 const TestMoment& moment);

struct ParsedCutoffs {
  std::vector<LevelCutoffs> cutoffs;
  std::vector<std::string> errors;  // "regel 3: grens III \"4x\" is geen getal", in line order
};
ParsedCutoffs parse_cutoffs_text(const std::string& text);

// The same format back, one line per entry, decimal comma.
std::string cutoffs_text(const std::vector<LevelCutoffs>& all);

}  // namespace koers::domain
