#include "domain/test_scale.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace koers::domain {

std::string Level::label() const {
  static const char* roman[] = {"I", "II", "III", "IV", "V"};
  static const char* letter[] = {"A", "B", "C", "D", "E"};
  if (scale == LevelScale::kLetter) return letter[rank - 1];
  std::string out = roman[rank - 1];
  if (refined && rank == 1) out += "+";
  if (refined && rank == 5) out += "-";
  return out;
}

std::string Level::band() const {
  if (scale == LevelScale::kLetter) {
    static const char* bands[] = {"hoogste 25 %", "50–75 %", "25–50 % (onder het gemiddelde)",
                                  "10–25 %", "laagste 10 %"};
    return bands[rank - 1];
  }
  if (refined && rank == 1) return "hoogste 10 %";
  if (refined && rank == 5) return "laagste 10 %";
  static const char* bands[] = {"hoogste 20 %", "60–80 %", "40–60 % (gemiddeld)", "20–40 %",
                                "laagste 20 %"};
  return bands[rank - 1];
}

std::string Level::colour() const { return "level-" + std::to_string(rank); }

std::optional<Level> parse_level(std::string_view text) {
  std::string t;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) continue;
    // U+2212 MINUS SIGN (E2 88 92) as used in printed reports.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x88 &&
        static_cast<unsigned char>(text[i + 2]) == 0x92) {
      t += '-';
      i += 2;
      continue;
    }
    t += static_cast<char>(std::toupper(c));
  }
  static const char* roman[] = {"I", "II", "III", "IV", "V"};
  for (int r = 1; r <= 5; ++r)
    if (t == roman[r - 1]) return Level{LevelScale::kRoman, r, false};
  if (t == "I+") return Level{LevelScale::kRoman, 1, true};
  if (t == "V-") return Level{LevelScale::kRoman, 5, true};
  if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'E') return Level{LevelScale::kLetter, t[0] - 'A' + 1, false};
  return std::nullopt;
}

std::string dutch_decimal(double v) {
  // Whole numbers (most scores) without the float formatting: a page of results calls this
  // for every cell.
  if (v == std::trunc(v) && std::fabs(v) < 1e15) return fmt::format_int(static_cast<long long>(v)).str();
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

Level roman_level_of_percentile(double p) {
  int rank = p >= 80 ? 1 : p >= 60 ? 2 : p >= 40 ? 3 : p >= 20 ? 4 : 5;
  bool refined = p >= 90 || p < 10;
  return Level{LevelScale::kRoman, rank, refined};
}

}  // namespace koers::domain
