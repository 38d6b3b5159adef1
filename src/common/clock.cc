#include "common/clock.h"

#include <fmt/format.h>

#include <ctime>

namespace koers {

std::string iso_utc(TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string now_utc() { return iso_utc(std::chrono::system_clock::now()); }

domain::Date today_local() {
  std::time_t tt = std::time(nullptr);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return domain::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

namespace {

// "YYYY-MM-DDTHH:MM:SSZ" read by hand, as Koers writes its instants (iso_utc): strptime was
// half of a groepsoverzicht's entry lines (each shows when it was written). Anything else: false.
bool read_iso_utc(const std::string& iso, std::tm& tm) {
  if (iso.size() < 20) return false;
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
  for (size_t k = 0; k < 20; ++k)
    if (kShape[k] == 'd' ? (iso[k] < '0' || iso[k] > '9') : iso[k] != kShape[k]) return false;
  auto number = [&](size_t at, size_t digits) {
    int n = 0;
    for (size_t k = at; k < at + digits; ++k) n = n * 10 + (iso[k] - '0');
    return n;
  };
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(5, 2) - 1;
  tm.tm_mday = number(8, 2);
  tm.tm_hour = number(11, 2);
  tm.tm_min = number(14, 2);
  tm.tm_sec = number(17, 2);
  return tm.tm_mon >= 0 && tm.tm_mon < 12 && tm.tm_mday >= 1 && tm.tm_mday <= 31 && tm.tm_hour < 24 &&
         tm.tm_min < 60 && tm.tm_sec <= 61;
}

}  // namespace

std::string display_time(const std::string& iso) {
  std::tm tm{};
  if (!read_iso_utc(iso, tm) && !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return iso;
  std::time_t tt = timegm(&tm);
  std::tm local{};
  localtime_r(&tt, &local);
  return fmt::format("{:02}-{:02}-{:04} {:02}:{:02}", local.tm_mday, local.tm_mon + 1,
                     local.tm_year + 1900, local.tm_hour, local.tm_min);
}

}  // namespace koers
