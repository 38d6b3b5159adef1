// The school's calendar for planning: its holidays (vakanties en vrije dagen), in which
// nothing is planned, and the window in which the group discussions of a period are held
// (the period's last three weeks, and as many weeks after it as the school says).
// Pure: the school enters its holidays; Koers offers the days fixed by national rule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/school.h"

namespace koers::domain {

// A holiday or free day, both ends included (a one-day holiday starts and ends the same day).
struct Holiday {
  Id id = 0;
  std::string name;  // "Kerstvakantie", "Studiedag"
  Date starts_on;
  Date ends_on;
};

// The holiday that holds `day`, if any (the first in the list when two overlap).
const Holiday* holiday_on(const std::vector<Holiday>& holidays, const Date& day);

// Every day of the holidays that lies in [from, to], ascending, each once.
std::vector<Date> holiday_days(const std::vector<Holiday>& holidays, const Date& from, const Date& to);

// What is wrong with a holiday before it is saved, in Dutch naming the field; empty when fine.
// It must have a name, valid dates, not end before it starts, and lie within the school year.
std::optional<std::string> check_holiday(const Holiday& h, const SchoolYear& year);

// The holidays fixed by national rule within a school year (1 August – 31 July), as a start
// the school adjusts: the Kerstvakantie (two weeks from the last Saturday on or before
// Christmas, through the second Sunday after it, as the government sets it every year),
// Goede Vrijdag, Tweede Paasdag, Koningsdag (27 April, 26 when that is a Sunday),
// Bevrijdingsdag in a lustrum year (2025, 2030, …), Hemelvaartsdag and Tweede Pinksterdag.
// The regional holidays (herfst-, voorjaars-, mei- and zomervakantie differ per region and
// year) are the school's to enter.
std::vector<Holiday> national_holidays(const SchoolYear& year);

// Easter Sunday of a year (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
Date easter_sunday(int year);

// The days in which the group discussions of `period` are held: from three weeks before its
// end (not before it starts) through `weeks_after` weeks after its last day (0–6).
struct DateRange {
  Date from;
  Date to;
  bool contains(const Date& d) const { return from <= d && d <= to; }
};
DateRange discussion_window(const Period& period, int weeks_after);

// The period a group discussion on `on` evaluates: the period whose discussion window holds
// the date (the earlier one when two do); else the period that holds the date (an interim
// discussion); nullopt when none does. `periods` in order of their dates.
std::optional<Period> period_evaluated_on(const std::vector<Period>& periods, const Date& on, int weeks_after);

}  // namespace koers::domain
