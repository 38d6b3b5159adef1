#include "domain/school.h"

#include <fmt/format.h>

namespace koers::domain {

SchoolYear school_year_of(const Date& day) {
  int first = day.month >= 8 ? day.year : day.year - 1;
  SchoolYear y;
  y.name = fmt::format("{}-{}", first, first + 1);
  y.starts_on = Date{first, 8, 1};
  y.ends_on = Date{first + 1, 7, 31};
  return y;
}

bool parse_school_year_name(const std::string& name, SchoolYear& out) {
  if (name.size() != 9 || (name[4] != '-' && name[4] != '/')) return false;
  int a = 0, b = 0;
  for (int i = 0; i < 4; ++i) {
    if (!isdigit(static_cast<unsigned char>(name[i])) ||
        !isdigit(static_cast<unsigned char>(name[5 + i])))
      return false;
    a = a * 10 + (name[i] - '0');
    b = b * 10 + (name[5 + i] - '0');
  }
  if (b != a + 1 || a < 1900) return false;
  out = school_year_of(Date{a, 9, 1});
  return true;
}

}  // namespace koers::domain
