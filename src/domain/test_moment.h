// A test moment of the LVS: a year group and a letter, B (begin), M (midden, Jan–Feb)
// or E (eind, June): "M5", "E5", "B6". Moments order through the school career, so a
// result of E5 is followed by M6 (or B6) in the next school year.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koers::domain {

struct TestMoment {
  int year_group = 3;  // 1–8
  char part = 'M';     // 'B', 'M' or 'E'

  std::string label() const;  // "M5"
  // Position in the school career, in half-steps: B3 < M3 < E3 = B4 < M4 < …
  int position() const;
  // Didactische leeftijd in months of education since the start of group 3 (10 a year,
  // at most 60): B3 = 0, M3 = 5, E3 = 10, B4 = 10, M4 = 15 … M8 = 55, E8 = 60.
  int didactic_age() const;
  auto operator<=>(const TestMoment& o) const { return position() <=> o.position(); }
  bool operator==(const TestMoment& o) const { return year_group == o.year_group && part == o.part; }
};

// "M5", "e5", "B 6"; also "5M" as some exports write it. Nullopt for anything else.
std::optional<TestMoment> parse_test_moment(std::string_view text);

// Leerrendement: DLE / DL as a percentage; nullopt when DL is 0.
std::optional<double> learning_yield(int didactic_age, double dle);

}  // namespace koers::domain
