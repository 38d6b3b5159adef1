// How long the parents of a pupil who left see the child: a table of leaving dates and days.
#include "domain/parent_access.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

TEST(ParentAccess, ParentsSeeTheChildUntilTwoYearsAfterLeavingAndNotADayLonger) {
  struct Case {
    std::optional<Date> left_on;
    Date today;
    bool sees;
    const char* why;
  } cases[] = {
      {std::nullopt, {2027, 1, 15}, true, "still at school"},
      {Date{2027, 7, 10}, {2027, 1, 15}, true, "a leaving date still to come"},
      {Date{2025, 7, 10}, {2027, 1, 15}, true, "left a year and a half ago"},
      {Date{2025, 7, 10}, {2027, 7, 10}, true, "the last day: two years to the day"},
      {Date{2025, 7, 10}, {2027, 7, 11}, false, "a day after the cut-off"},
      {Date{2020, 7, 10}, {2027, 1, 15}, false, "left long ago"},
      {Date{2024, 2, 29}, {2026, 2, 28}, true, "left on 29 February: through 28 February"},
      {Date{2024, 2, 29}, {2026, 3, 1}, false, "and not into March"},
  };
  for (const auto& c : cases) EXPECT_EQ(parent_sees_child(c.left_on, c.today), c.sees) << c.why;
}

TEST(ParentAccess, TheCutOffIsTheLeavingDatePlusTheDefaultYears) {
  EXPECT_EQ(parent_access_until({2025, 7, 10}), (Date{2025 + kParentAccessYearsAfterLeaving, 7, 10}));
}

}  // namespace
}  // namespace koers::domain
