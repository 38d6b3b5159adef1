// The school's calendar for planning: holidays and free days, and how many weeks after a
// period the group discussions may still be held (domain/school_calendar.h).
//
// Contract: reads run in a pooled session of their own; every change runs in one
// transaction with its audit line, and an invalid holiday (check_holiday) changes nothing.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/school_calendar.h"
#include "store/database.h"

namespace koers::store {

class SchoolCalendarRepository {
 public:
  explicit SchoolCalendarRepository(Database& db) : db_(db) {}

  // The school's holidays that overlap [from, to], by start date.
  std::vector<domain::Holiday> holidays(domain::Id school_id, const domain::Date& from, const domain::Date& to);
  // Every holiday of the school, by start date, in the caller's read (the pupil's record).
  std::vector<domain::Holiday> all_holidays(soci::session& sql, domain::Id school_id);
  // Adds a holiday of the school year; returns its id or the error (nothing stored).
  std::variant<domain::Id, std::string> add_holiday(domain::Id school_id, const domain::SchoolYear& year,
                                                   const domain::Holiday& holiday, const domain::Principal& who);
  // Adds the national holidays of the year (domain::national_holidays) that the school does
  // not have yet (same name and first day); returns how many were added.
  int add_national_holidays(domain::Id school_id, const domain::SchoolYear& year, const domain::Principal& who);
  // Removes one of the school's holidays; false when it is not the school's.
  bool remove_holiday(domain::Id school_id, domain::Id holiday_id, const domain::Principal& who);

  int discussion_weeks_after(domain::Id school_id);
  // 0–6; returns an error text otherwise (nothing stored).
  std::optional<std::string> set_discussion_weeks_after(domain::Id school_id, int weeks, const domain::Principal& who);

 private:
  Database& db_;
};

}  // namespace koers::store
