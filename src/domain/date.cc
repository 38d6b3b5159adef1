#include "domain/date.h"

#include <fmt/format.h>

namespace koers::domain {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// Days since 1970-01-01 and back (Howard Hinnant's days_from_civil and civil_from_days).
long long days_from_civil(const Date& d) {
  const long long y = d.year - (d.month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
Date civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}
}  // namespace

bool Date::valid() const {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in(year, month);
}

namespace {
// Digits written by hand: every page writes dates by the hundred, and fmt's formatting of a
// date was 7 % of the group page (callgrind). Three numbers joined by '-', the year with four
// digits and the others with two; outside four-digit years, fmt as before.
std::string dashed(int first, int second, int third, bool year_first) {
  const int first_digits = year_first ? 4 : 2, third_digits = year_first ? 2 : 4;
  auto fits = [](int v, int digits) { return v >= 0 && v < (digits == 4 ? 10000 : 100); };
  if (!fits(first, first_digits) || !fits(second, 2) || !fits(third, third_digits))
    return year_first ? fmt::format("{:04}-{:02}-{:02}", first, second, third)
                      : fmt::format("{:02}-{:02}-{:04}", first, second, third);
  std::string out;
  out.reserve(10);
  auto put = [&](int v, int digits) {
    for (int div = digits == 4 ? 1000 : 10; div > 0; div /= 10) out += static_cast<char>('0' + v / div % 10);
  };
  put(first, first_digits);
  out += '-';
  put(second, 2);
  out += '-';
  put(third, third_digits);
  return out;
}
}  // namespace

std::string Date::iso() const { return dashed(year, month, day, true); }
std::string Date::dutch() const { return dashed(day, month, year, false); }

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

int weekday(const Date& day) {
  const long long monday_based = (days_from_civil(day) + 3) % 7;  // 1970-01-01 was a Thursday
  return static_cast<int>(monday_based < 0 ? monday_based + 7 : monday_based) + 1;
}

Date add_days(Date day, int days) { return civil_from_days(days_from_civil(day) + days); }

int days_between(const Date& from, const Date& to) {
  return static_cast<int>(days_from_civil(to) - days_from_civil(from));
}

}  // namespace koers::domain
