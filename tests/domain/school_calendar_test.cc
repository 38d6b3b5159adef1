// The school's calendar: holidays (entered, and offered by national rule) and the window in
// which a period's group discussions are held.
#include "domain/school_calendar.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

SchoolYear year_of(int autumn) {
  return {0, std::to_string(autumn) + "-" + std::to_string(autumn + 1), {autumn, 8, 1}, {autumn + 1, 7, 31}};
}

const Holiday* named(const std::vector<Holiday>& hs, const std::string& name) {
  for (const Holiday& h : hs)
    if (h.name == name) return &h;
  return nullptr;
}

TEST(EasterSunday, KnownYears) {
  EXPECT_EQ(easter_sunday(2024).iso(), "2024-03-31");
  EXPECT_EQ(easter_sunday(2025).iso(), "2025-04-20");
  EXPECT_EQ(easter_sunday(2026).iso(), "2026-04-05");
  EXPECT_EQ(easter_sunday(2027).iso(), "2027-03-28");
  EXPECT_EQ(easter_sunday(2038).iso(), "2038-04-25");  // the latest possible
}

TEST(NationalHolidays, TheKerstvakantieAsTheGovernmentSetIt) {
  // Rijksoverheid's dates for five school years: from the last Saturday on or before Christmas.
  const std::pair<int, std::pair<std::string, std::string>> known[] = {
      {2021, {"2021-12-25", "2022-01-09"}}, {2022, {"2022-12-24", "2023-01-08"}}, {2023, {"2023-12-23", "2024-01-07"}},
      {2024, {"2024-12-21", "2025-01-05"}}, {2025, {"2025-12-20", "2026-01-04"}}};
  for (const auto& [autumn, dates] : known) {
    const Holiday* k = named(national_holidays(year_of(autumn)), "Kerstvakantie");
    ASSERT_NE(k, nullptr) << autumn;
    EXPECT_EQ(k->starts_on.iso(), dates.first) << autumn;
    EXPECT_EQ(k->ends_on.iso(), dates.second) << autumn;
  }
  const Holiday* k = named(national_holidays(year_of(2026)), "Kerstvakantie");
  EXPECT_EQ(k->starts_on.iso(), "2026-12-19");
  EXPECT_EQ(k->ends_on.iso(), "2027-01-03");
}

TEST(NationalHolidays, TheFeestdagenOf2026To2027) {
  const auto hs = national_holidays(year_of(2026));
  EXPECT_EQ(named(hs, "Goede Vrijdag")->starts_on.iso(), "2027-03-26");
  EXPECT_EQ(named(hs, "Tweede Paasdag")->starts_on.iso(), "2027-03-29");
  EXPECT_EQ(named(hs, "Koningsdag")->starts_on.iso(), "2027-04-27");
  EXPECT_EQ(named(hs, "Hemelvaartsdag")->starts_on.iso(), "2027-05-06");
  EXPECT_EQ(named(hs, "Tweede Pinksterdag")->starts_on.iso(), "2027-05-17");
  EXPECT_EQ(named(hs, "Bevrijdingsdag"), nullptr);  // free in a lustrum year only
  for (size_t i = 1; i < hs.size(); ++i) EXPECT_LE(hs[i - 1].starts_on, hs[i].starts_on);
}

TEST(NationalHolidays, KoningsdagOnSundayMovesToSaturdayAndBevrijdingsdagInALustrum) {
  const auto hs = national_holidays(year_of(2024));  // 27-04-2025 is a Sunday; 2025 is a lustrum
  EXPECT_EQ(named(hs, "Koningsdag")->starts_on.iso(), "2025-04-26");
  ASSERT_NE(named(hs, "Bevrijdingsdag"), nullptr);
  EXPECT_EQ(named(hs, "Bevrijdingsdag")->starts_on.iso(), "2025-05-05");
}

TEST(HolidayOn, FindsTheHolidayOfADayBothEndsIncluded) {
  const std::vector<Holiday> hs{{1, "Kerstvakantie", {2026, 12, 19}, {2027, 1, 3}}, {2, "Studiedag", {2027, 2, 3}, {2027, 2, 3}}};
  EXPECT_EQ(holiday_on(hs, {2026, 12, 19})->name, "Kerstvakantie");
  EXPECT_EQ(holiday_on(hs, {2027, 1, 3})->name, "Kerstvakantie");
  EXPECT_EQ(holiday_on(hs, {2026, 12, 29})->name, "Kerstvakantie");
  EXPECT_EQ(holiday_on(hs, {2027, 2, 3})->name, "Studiedag");
  EXPECT_EQ(holiday_on(hs, {2027, 1, 4}), nullptr);
  EXPECT_EQ(holiday_on(hs, {2026, 12, 18}), nullptr);
  const auto days = holiday_days(hs, {2027, 1, 1}, {2027, 12, 31});
  ASSERT_EQ(days.size(), 4u);  // 1, 2, 3 January and the study day
  EXPECT_EQ(days.front().iso(), "2027-01-01");
  EXPECT_EQ(days.back().iso(), "2027-02-03");
}

TEST(CheckHoliday, NamesTheFieldThatIsWrong) {
  const SchoolYear y = year_of(2026);
  EXPECT_EQ(check_holiday({0, "Herfstvakantie", {2026, 10, 17}, {2026, 10, 25}}, y), std::nullopt);
  EXPECT_EQ(check_holiday({0, " ", {2026, 10, 17}, {2026, 10, 25}}, y), "Naam: geef de vakantie of vrije dag een naam.");
  EXPECT_EQ(check_holiday({0, "Herfstvakantie", {}, {2026, 10, 25}}, y), "Van: kies een datum.");
  EXPECT_EQ(check_holiday({0, "Herfstvakantie", {2026, 10, 17}, {}}, y), "Tot en met: kies een datum.");
  EXPECT_EQ(check_holiday({0, "Herfstvakantie", {2026, 10, 25}, {2026, 10, 17}}, y),
            "Tot en met: Herfstvakantie eindigt vóór de eerste dag.");
  EXPECT_NE(check_holiday({0, "Zomervakantie", {2027, 7, 17}, {2027, 8, 29}}, y)->find("valt buiten schooljaar 2026-2027"),
            std::string::npos);
}

std::vector<Period> three_periods() {
  return {{1, 1, 1, "Periode 1", {2026, 8, 1}, {2026, 11, 30}},
          {2, 1, 1, "Periode 2", {2026, 12, 1}, {2027, 3, 31}},
          {3, 1, 1, "Periode 3", {2027, 4, 1}, {2027, 7, 31}}};
}

TEST(PeriodEvaluatedOn, ADiscussionAfterThePeriodEvaluatesItWhenTheSchoolAllowsWeeksAfter) {
  const auto ps = three_periods();
  // 10-12 lies in Periode 2; with two weeks after, it is still Periode 1's discussion.
  EXPECT_EQ(period_evaluated_on(ps, {2026, 12, 10}, 2)->name, "Periode 1");
  EXPECT_EQ(period_evaluated_on(ps, {2026, 12, 14}, 2)->name, "Periode 1");
  EXPECT_EQ(period_evaluated_on(ps, {2026, 12, 15}, 2)->name, "Periode 2");  // an interim discussion
  // Without weeks after, a date in Periode 2 evaluates Periode 2.
  EXPECT_EQ(period_evaluated_on(ps, {2026, 12, 10}, 0)->name, "Periode 2");
  EXPECT_EQ(period_evaluated_on(ps, {2026, 11, 20}, 0)->name, "Periode 1");
  EXPECT_EQ(period_evaluated_on(ps, {2027, 8, 10}, 0), std::nullopt);
  EXPECT_EQ(period_evaluated_on(ps, {2027, 8, 10}, 2)->name, "Periode 3");
}

TEST(DiscussionWindow, TheLastThreeWeeksAndTheWeeksAfter) {
  const auto ps = three_periods();
  DateRange w = discussion_window(ps[0], 0);
  EXPECT_EQ(w.from.iso(), "2026-11-10");
  EXPECT_EQ(w.to.iso(), "2026-11-30");
  w = discussion_window({0, 0, 0, "kort", {2026, 11, 20}, {2026, 11, 30}}, 1);
  EXPECT_EQ(w.from.iso(), "2026-11-20");  // not before the period starts
  EXPECT_EQ(w.to.iso(), "2026-12-07");
  EXPECT_EQ(discussion_window(ps[0], 40).to.iso(), "2027-01-11");  // at most six weeks
}

}  // namespace
}  // namespace koers::domain
