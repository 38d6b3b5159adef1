#include "domain/date.h"

#include <fmt/format.h>

namespace koers::domain {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}
}  // namespace

bool Date::valid() const {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in(year, month);
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }
std::string Date::dutch() const { return fmt::format("{:02}-{:02}-{:04}", day, month, year); }

std::optional<Date> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  Date d;
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day) || !d.valid())
    return std::nullopt;
  return d;
}

int age_on(const Date& birth, const Date& day) {
  int age = day.year - birth.year;
  if (day.month < birth.month || (day.month == birth.month && day.day < birth.day)) --age;
  return age;
}

}  // namespace koers::domain
