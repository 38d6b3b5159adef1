#include "domain/test_moment.h"

#include <algorithm>
#include <cctype>

namespace koers::domain {

std::string TestMoment::label() const { return std::string(1, part) + std::to_string(year_group); }

int TestMoment::position() const {
  // Per year group 4 half-steps: B at 0, M at 1, E at 2; E of a year equals B of the next.
  int offset = part == 'B' ? 0 : part == 'M' ? 1 : 2;
  return year_group * 2 + offset;
}

int TestMoment::didactic_age() const {
  int base = (year_group - 3) * 10;
  int months = base + (part == 'B' ? 0 : part == 'M' ? 5 : 10);
  return std::clamp(months, 0, 60);
}

std::optional<TestMoment> parse_test_moment(std::string_view text) {
  std::string t;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t.size() != 2) return std::nullopt;
  char letter = 0, digit = 0;
  if (std::isalpha(static_cast<unsigned char>(t[0]))) {
    letter = t[0];
    digit = t[1];
  } else {
    digit = t[0];
    letter = t[1];
  }
  if ((letter != 'B' && letter != 'M' && letter != 'E') || digit < '1' || digit > '8') return std::nullopt;
  return TestMoment{digit - '0', letter};
}

std::optional<double> learning_yield(int didactic_age, double dle) {
  if (didactic_age <= 0) return std::nullopt;
  return dle / didactic_age * 100.0;
}

}  // namespace koers::domain
