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

std::string display_time(const std::string& iso) {
  std::tm tm{};
  if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return iso;
  std::time_t tt = timegm(&tm);
  std::tm local{};
  localtime_r(&tt, &local);
  return fmt::format("{:02}-{:02}-{:04} {:02}:{:02}", local.tm_mday, local.tm_mon + 1,
                     local.tm_year + 1900, local.tm_hour, local.tm_min);
}

}  // namespace koers
