// Levels of standardised tests (LVS): I–V (with I+ and V−) and A–E, as in
// ../shared/STANDARDS.md. A level is compared by its rank: 1 is the best fifth (or A),
// 5 the lowest (V/E). The band says what the letter means, because C is *below* average.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koers::domain {

enum class LevelScale { kRoman, kLetter };  // I–V, A–E

struct Level {
  LevelScale scale = LevelScale::kRoman;
  int rank = 3;          // 1 (I, A) … 5 (V, E)
  bool refined = false;  // I+ (top 10 %) or V− (lowest 10 %)

  std::string label() const;  // "IV", "I+", "V-", "C"
  // The national percentile band: "20–40 %" for IV, "25–50 %" for C.
  std::string band() const;
  // The colour class teachers know: "level-1" (dark green) … "level-5" (red).
  std::string colour() const;
  bool operator==(const Level&) const = default;
};

// Accepts "I".."V", "I+", "V-" / "V−", "A".."E" (case-insensitive, spaces ignored).
std::optional<Level> parse_level(std::string_view text);

// A score as Dutch people write it: one decimal at most, a decimal comma ("141,5", "38").
std::string dutch_decimal(double value);

// The I–V level of a national percentile (0–100): I ≥ 80, II ≥ 60, III ≥ 40, IV ≥ 20.
Level roman_level_of_percentile(double percentile);

}  // namespace koers::domain
