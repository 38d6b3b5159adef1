// School years, dates and Dutch names as the school uses them.
#include "domain/school.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "domain/date.h"
#include "domain/person_name.h"
#include "domain/role.h"

namespace koers::domain {
namespace {

TEST(SchoolYear, StartsOnTheFirstOfAugust) {
  EXPECT_EQ(school_year_of(Date{2026, 11, 22}).name, "2026-2027");
  EXPECT_EQ(school_year_of(Date{2027, 7, 31}).name, "2026-2027");
  EXPECT_EQ(school_year_of(Date{2027, 8, 1}).name, "2027-2028");
  EXPECT_EQ(school_year_of(Date{2027, 1, 5}).starts_on.iso(), "2026-08-01");
}

TEST(SchoolYear, ParsesNamesFromFiles) {
  SchoolYear y;
  EXPECT_TRUE(parse_school_year_name("2026-2027", y));
  EXPECT_EQ(y.ends_on.iso(), "2027-07-31");
  EXPECT_TRUE(parse_school_year_name("2025/2026", y));
  EXPECT_EQ(y.name, "2025-2026");
  EXPECT_FALSE(parse_school_year_name("2026-2028", y));
  EXPECT_FALSE(parse_school_year_name("26-27", y));
  EXPECT_FALSE(parse_school_year_name("abcd-efgh", y));
}

// Dates as every page and file writes them: ISO for data, day-month-year for people, with
// leading zeros; a year outside four digits still reads back.
TEST(Date, WritesIsoAndDutchWithLeadingZeros) {
  EXPECT_EQ((Date{2026, 11, 29}).iso(), "2026-11-29");
  EXPECT_EQ((Date{2026, 11, 29}).dutch(), "29-11-2026");
  EXPECT_EQ((Date{2027, 1, 5}).iso(), "2027-01-05");
  EXPECT_EQ((Date{2027, 1, 5}).dutch(), "05-01-2027");
  EXPECT_EQ((Date{987, 3, 9}).iso(), "0987-03-09");
  EXPECT_EQ((Date{987, 3, 9}).dutch(), "09-03-0987");
  EXPECT_EQ(Date{}.iso(), fmt::format("{:04}-{:02}-{:02}", Date{}.year, Date{}.month, Date{}.day));
  EXPECT_EQ((Date{12026, 12, 31}).iso(), "12026-12-31");
  EXPECT_EQ((Date{12026, 12, 31}).dutch(), "31-12-12026");
  for (const Date d : {Date{2024, 2, 29}, Date{1999, 12, 31}, Date{2000, 1, 1}})
    EXPECT_EQ(parse_iso_date(d.iso()), d) << d.iso();
}

TEST(Date, RejectsImpossibleDates) {
  EXPECT_TRUE(parse_iso_date("2016-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2017-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2017-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("01-02-2017").has_value());
  EXPECT_FALSE(parse_iso_date("").has_value());
  EXPECT_EQ(parse_iso_date("2017-03-09")->dutch(), "09-03-2017");
}

TEST(Date, AgeCountsWholeYears) {
  EXPECT_EQ(age_on(Date{2016, 11, 23}, Date{2026, 11, 22}), 9);
  EXPECT_EQ(age_on(Date{2016, 11, 22}, Date{2026, 11, 22}), 10);
}

TEST(Date, WeekdayIsoMondayIsOne) {
  EXPECT_EQ(weekday(Date{2026, 11, 23}), 1);  // maandag
  EXPECT_EQ(weekday(Date{2026, 11, 24}), 2);
  EXPECT_EQ(weekday(Date{2026, 11, 29}), 7);  // zondag
  EXPECT_EQ(weekday(Date{1970, 1, 1}), 4);    // donderdag
  EXPECT_EQ(weekday(Date{1969, 12, 28}), 7);  // before the epoch too
  EXPECT_EQ(weekday(Date{1900, 1, 1}), 1);
  EXPECT_EQ(weekday(Date{2028, 2, 29}), 2);
}

TEST(Date, AddDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(add_days(Date{2026, 12, 31}, 1).iso(), "2027-01-01");
  EXPECT_EQ(add_days(Date{2027, 1, 1}, -1).iso(), "2026-12-31");
  EXPECT_EQ(add_days(Date{2028, 2, 28}, 1).iso(), "2028-02-29");
  EXPECT_EQ(add_days(Date{2027, 2, 28}, 1).iso(), "2027-03-01");
  EXPECT_EQ(add_days(Date{2100, 2, 28}, 1).iso(), "2100-03-01");  // no leap day in 2100
  EXPECT_EQ(add_days(Date{2000, 2, 28}, 1).iso(), "2000-02-29");  // but in 2000
  EXPECT_EQ(add_days(Date{2026, 8, 1}, 365).iso(), "2027-08-01");
  EXPECT_EQ(add_days(Date{2026, 11, 22}, 0).iso(), "2026-11-22");
}

TEST(Date, DaysBetweenIsAddDaysBackwards) {
  EXPECT_EQ(days_between(Date{2026, 8, 1}, Date{2027, 7, 31}), 364);
  EXPECT_EQ(days_between(Date{2027, 8, 1}, Date{2028, 7, 31}), 365);  // 29 February 2028
  EXPECT_EQ(days_between(Date{2026, 11, 23}, Date{2026, 11, 22}), -1);
  const Date from{2026, 8, 1};
  for (int n = -800; n <= 800; n += 37) {
    const Date d = add_days(from, n);
    EXPECT_TRUE(d.valid()) << n;
    EXPECT_EQ(days_between(from, d), n);
    EXPECT_EQ(weekday(d), (weekday(from) - 1 + n % 7 + 7) % 7 + 1) << d.iso();
  }
}

TEST(PersonName, DutchPrefixesSortOnSurname) {
  PersonName a{"Daan", "van der", "Berg"};
  PersonName b{"Anouk", "", "Bakker"};
  EXPECT_EQ(a.display(), "Daan van der Berg");
  EXPECT_EQ(a.formal(), "Berg, Daan van der");
  EXPECT_LT(b.sort_key(), a.sort_key());  // Bakker before (van der) Berg
}

TEST(PersonName, ARoepnaamAloneIsAName) {
  // EDEXML lets a pupil go by a roepnaam alone; lists show it without a stray comma.
  PersonName only_given{"Fenna", "", ""};
  EXPECT_EQ(only_given.display(), "Fenna");
  EXPECT_EQ(only_given.formal(), "Fenna");
  EXPECT_EQ(only_given.sort_key(), "fenna");
}

TEST(Role, KeysRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(role_from_key(role_key(r)), r);
  EXPECT_FALSE(role_from_key("admin").has_value());
  EXPECT_EQ(role_label(Role::kSupportCoordinator), "Intern begeleider");
}

}  // namespace
}  // namespace koers::domain
