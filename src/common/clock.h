// The time, as Koers stores it: UTC in ISO 8601 text, which sorts and compares
// the same on SQLite and PostgreSQL.
#pragma once

#include <chrono>
#include <string>

#include "domain/date.h"

namespace koers {

using TimePoint = std::chrono::system_clock::time_point;

std::string iso_utc(TimePoint t);  // "2026-11-22T22:44:02Z"
std::string now_utc();
domain::Date today_local();
// "22-11-2026 23:44" in Dutch local time (Europe/Amsterdam, via TZ) for display.
std::string display_time(const std::string& iso_utc_text);

}  // namespace koers
