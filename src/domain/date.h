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

}  // namespace koers::domain
