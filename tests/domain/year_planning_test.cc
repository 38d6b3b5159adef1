// The year calendar: care-team meetings spread over the school year and the group
// discussions proposed at the end of a period.
#include "domain/year_planning.h"

#include <gtest/gtest.h>

#include <set>

namespace koers::domain {
namespace {

std::vector<std::string> isos(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (const Date& d : dates) out.push_back(d.iso());
  return out;
}

const Date kYearStart{2026, 8, 1}, kYearEnd{2027, 7, 31};

TEST(SpreadEvenly, SixTuesdaysOverTheSchoolYear) {
  // Aims 31-08, 31-10, 31-12, 01-03, 01-05, 01-07; each moved to the nearest Tuesday.
  EXPECT_EQ(isos(spread_evenly(kYearStart, kYearEnd, 6, 2)),
            (std::vector<std::string>{"2026-09-01", "2026-11-03", "2026-12-29", "2027-03-02", "2027-05-04",
                                      "2027-06-29"}));
}

TEST(SpreadEvenly, NoneForCountZeroOrABadRequest) {
  EXPECT_TRUE(spread_evenly(kYearStart, kYearEnd, 0, 2).empty());
  EXPECT_TRUE(spread_evenly(kYearStart, kYearEnd, -3, 2).empty());
  EXPECT_TRUE(spread_evenly(kYearEnd, kYearStart, 6, 2).empty());  // to before from
  EXPECT_TRUE(spread_evenly(kYearStart, kYearEnd, 6, 0).empty());
  EXPECT_TRUE(spread_evenly(kYearStart, kYearEnd, 6, 8).empty());
  EXPECT_TRUE(spread_evenly(Date{}, kYearEnd, 6, 2).empty());
}

TEST(SpreadEvenly, OneMeetingMidYear) {
  // The middle of the year is Saturday 30-01-2027; the nearest Tuesday is 3 days on.
  EXPECT_EQ(isos(spread_evenly(kYearStart, kYearEnd, 1, 2)), (std::vector<std::string>{"2027-02-02"}));
  // The nearest Thursday lies 2 days back.
  EXPECT_EQ(isos(spread_evenly(kYearStart, kYearEnd, 1, 4)), (std::vector<std::string>{"2027-01-28"}));
}

TEST(SpreadEvenly, ARangeShorterThanCountWeeksGivesEverySuchWeekday) {
  const Date mon{2026, 11, 2}, fri{2026, 11, 20};  // three Tuesdays: 3, 10, 17 November
  const std::vector<std::string> all{"2026-11-03", "2026-11-10", "2026-11-17"};
  EXPECT_EQ(isos(spread_evenly(mon, fri, 5, 2)), all);
  EXPECT_EQ(isos(spread_evenly(mon, fri, 3, 2)), all);
  EXPECT_EQ(isos(spread_evenly(mon, fri, 2, 2)), (std::vector<std::string>{"2026-11-03", "2026-11-17"}));
  EXPECT_TRUE(spread_evenly(Date{2026, 11, 4}, Date{2026, 11, 9}, 2, 2).empty());  // wo–ma: no Tuesday
  EXPECT_EQ(isos(spread_evenly(Date{2026, 11, 3}, Date{2026, 11, 3}, 1, 2)), (std::vector<std::string>{"2026-11-03"}));
}

TEST(SpreadEvenly, AlwaysDistinctAscendingInsideTheRangeOnTheDay) {
  // 01-08-2026 (a Saturday) … 31-07-2027 is 365 days: 53 Saturdays, 52 of every other day.
  for (int day = 1; day <= 7; ++day)
    for (int count = 1; count <= 60; ++count) {
      const auto dates = spread_evenly(kYearStart, kYearEnd, count, day);
      ASSERT_FALSE(dates.empty());
      for (size_t i = 0; i < dates.size(); ++i) {
        EXPECT_EQ(weekday(dates[i]), day);
        EXPECT_GE(dates[i], kYearStart);
        EXPECT_LE(dates[i], kYearEnd);
        if (i > 0) {
          EXPECT_LT(dates[i - 1], dates[i]) << count << " on day " << day;
        }
      }
      EXPECT_EQ(static_cast<int>(dates.size()), std::min(count, day == 6 ? 53 : 52)) << count << " on day " << day;
    }
}

Group group(Id id, const std::string& name, GroupKind kind = GroupKind::kRegular) {
  Group g;
  g.id = id;
  g.name = name;
  g.kind = kind;
  return g;
}

std::vector<Group> school_groups() {
  // Given out of order, as a repository might; a samengestelde groep among them.
  return {group(8, "8"),   group(3, "3"), group(1, "1/2A"), group(20, "Plusklas", GroupKind::kCombined),
          group(2, "1/2B"), group(5, "5"), group(4, "4"),    group(7, "7"),
          group(6, "6")};
}

Period period(Date from, Date to) {
  Period p;
  p.id = 2;
  p.name = "Periode 2";
  p.starts_on = from;
  p.ends_on = to;
  return p;
}

// The window of a school that holds the discussions within the period.
DateRange last_weeks(Date from, Date to) { return discussion_window(period(from, to), 0); }

std::vector<std::string> lines(const std::vector<PlannedDiscussion>& planned) {
  std::vector<std::string> out;
  for (const auto& p : planned) out.push_back(std::to_string(p.group_id) + " " + p.on.iso() + " " + p.starts_at);
  return out;
}

TEST(ProposeGroupDiscussions, TwoADayOnMondayTuesdayThursdayInTheLastThreeWeeks) {
  // Periode 2 ends Friday 29-01-2027: the window is 09-01 … 29-01. Tuesday 12-01 is full.
  const auto planned = propose_group_discussions(school_groups(), last_weeks({2026, 11, 16}, {2027, 1, 29}),
                                                 {Date{2027, 1, 12}, Date{2026, 12, 1}});
  EXPECT_EQ(lines(planned), (std::vector<std::string>{
                                "1 2027-01-11 14:15", "2 2027-01-11 15:30",  // 1/2A, 1/2B on Monday
                                "3 2027-01-14 14:15", "4 2027-01-14 15:30",  // Thursday: no Wednesday
                                "5 2027-01-18 14:15", "6 2027-01-18 15:30",  // no Friday, no weekend
                                "7 2027-01-19 14:15", "8 2027-01-19 15:30",
                            }));
}

TEST(ProposeGroupDiscussions, TheLastByNameGetNothingWhenSlotsRunOut) {
  // A period of one week (ma 25-01 … vr 29-01): three days, six slots for eight groups.
  const auto planned = propose_group_discussions(school_groups(), last_weeks({2027, 1, 25}, {2027, 1, 29}), {});
  ASSERT_EQ(planned.size(), 6u);
  EXPECT_EQ(planned.front().group_id, 1);
  EXPECT_EQ(planned.back().group_id, 6);
  EXPECT_EQ(planned.back().on.iso(), "2027-01-28");
  std::set<std::string> days;
  for (const auto& p : planned) days.insert(p.on.iso());
  EXPECT_EQ(days, (std::set<std::string>{"2027-01-25", "2027-01-26", "2027-01-28"}));
}

TEST(ProposeGroupDiscussions, NothingToPlan) {
  const DateRange p = last_weeks({2026, 11, 16}, {2027, 1, 29});
  EXPECT_TRUE(propose_group_discussions({}, p, {}).empty());
  EXPECT_TRUE(propose_group_discussions({group(20, "Plusklas", GroupKind::kCombined)}, p, {}).empty());
  // Every slot day taken.
  std::vector<Date> all;
  for (Date d{2027, 1, 9}; d <= p.to; d = add_days(d, 1)) all.push_back(d);
  EXPECT_TRUE(propose_group_discussions(school_groups(), p, all).empty());
  EXPECT_TRUE(propose_group_discussions(school_groups(), DateRange{}, {}).empty());
}

TEST(ProposeGroupDiscussions, EqualNamesKeepOrderById) {
  const auto planned =
      propose_group_discussions({group(9, "4"), group(3, "4")}, last_weeks({2026, 11, 16}, {2027, 1, 29}), {});
  EXPECT_EQ(lines(planned), (std::vector<std::string>{"3 2027-01-11 14:15", "9 2027-01-11 15:30"}));
}

TEST(ProposeGroupDiscussions, WeeksAfterThePeriodWhenTheSchoolSaysSo) {
  // Periode 1 ends Monday 30-11-2026; the school holds its discussions up to two weeks after:
  // planned from tomorrow (29-11) they fall on 30-11, 1-12, 3-12 and 7-12, none after 14-12.
  const Period p1 = period({2026, 8, 1}, {2026, 11, 30});
  DateRange days = discussion_window(p1, 2);
  EXPECT_EQ(days.from.iso(), "2026-11-10");
  EXPECT_EQ(days.to.iso(), "2026-12-14");
  days.from = std::max(days.from, Date{2026, 11, 29});
  const auto planned = propose_group_discussions(school_groups(), days, {});
  ASSERT_EQ(planned.size(), 8u);
  EXPECT_EQ(planned.front().on.iso(), "2026-11-30");
  EXPECT_EQ(planned.back().on.iso(), "2026-12-07");
}

TEST(SpreadEvenly, AMeetingInAHolidayMovesToTheNearestFreeWeek) {
  // The third of six lands on Tuesday 29-12-2026, in the Kerstvakantie (19-12 … 03-01): a
  // week earlier (22-12) is in it too, a week later (05-01) is the first free Tuesday.
  SchoolYear year{0, "2026-2027", kYearStart, kYearEnd};
  const auto holidays = holiday_days(national_holidays(year), kYearStart, kYearEnd);
  const auto dates = isos(spread_evenly(kYearStart, kYearEnd, 6, 2, holidays));
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-09-01", "2026-11-03", "2027-01-05", "2027-03-02", "2027-05-04",
                                             "2027-06-29"}));
}

TEST(SpreadEvenly, EveryDayTakenLeavesNothing) {
  std::vector<Date> all;
  for (Date d = kYearStart; d <= kYearEnd; d = add_days(d, 1)) all.push_back(d);
  EXPECT_TRUE(spread_evenly(kYearStart, kYearEnd, 6, 2, all).empty());
}

}  // namespace
}  // namespace koers::domain
