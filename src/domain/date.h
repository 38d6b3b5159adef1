// A calendar date without time zone, as schools use them (birth dates, enrolment).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace koers::domain {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
  bool valid() const;
  std::string iso() const;    // "2026-11-22"
  std::string dutch() const;  // "22-11-2026"
};

// Accepts ISO "2026-11-22"; nullopt for anything else or an impossible date.
std::optional<Date> parse_iso_date(std::string_view text);
// Whole years between birth and day: the age a teacher would say.
int age_on(const Date& birth, const Date& day);

// Day arithmetic on the proleptic Gregorian calendar; each needs valid dates.
// The day of the week, ISO 8601: 1 = Monday … 7 = Sunday.
int weekday(const Date& day);
// The date `days` days later (earlier when negative): 2026-12-31 + 1 = 2027-01-01.
Date add_days(Date day, int days);
// How many days `to` lies after `from`: 1 for consecutive days, negative when `to` comes first.
int days_between(const Date& from, const Date& to);

}  // namespace koers::domain
