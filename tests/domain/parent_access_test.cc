// How long the parents of a pupil who left see the child: until the care data's retention
// date (2 years, 3 when referred to SBO/SO, or the board's own periods), never after deletion.
#include "domain/parent_access.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

TEST(ParentAccess, ParentsSeeTheChildUntilTheCareDataRetentionDateAndNotADayLonger) {
  const RetentionPeriods national;
  const RetentionPeriods board{4, 6, 8};
  struct Case {
    ChildRetention child;
    Date today;
    bool sees;
    const char* why;
  } cases[] = {
      {{std::nullopt, false, national, false}, {2027, 1, 15}, true, "still at school"},
      {{Date{2027, 7, 10}, false, national, false}, {2027, 1, 15}, true, "a leaving date still to come"},
      {{Date{2025, 7, 10}, false, national, false}, {2027, 1, 15}, true, "left a year and a half ago"},
      {{Date{2025, 7, 10}, false, national, false}, {2027, 7, 10}, true, "the last day: two years to the day"},
      {{Date{2025, 7, 10}, false, national, false}, {2027, 7, 11}, false, "a day after two years"},
      {{Date{2025, 7, 10}, true, national, false}, {2028, 1, 10}, true, "referred to SBO/SO: 2.5 years on"},
      {{Date{2025, 7, 10}, true, national, false}, {2028, 7, 10}, true, "referred: the last day, three years"},
      {{Date{2025, 7, 10}, true, national, false}, {2028, 7, 11}, false, "referred: a day after three years"},
      {{Date{2025, 7, 10}, false, board, false}, {2029, 7, 10}, true, "the board keeps care data 4 years"},
      {{Date{2025, 7, 10}, false, board, false}, {2029, 7, 11}, false, "and not a day after its 4 years"},
      {{Date{2025, 7, 10}, true, board, false}, {2031, 7, 10}, true, "the board's 6 years for a referred pupil"},
      {{Date{2025, 7, 10}, true, board, false}, {2031, 7, 11}, false, "and not after them"},
      {{Date{2025, 7, 10}, false, national, true}, {2026, 1, 15}, false, "care data deleted early: access ends"},
      {{Date{2027, 7, 10}, false, national, true}, {2027, 1, 15}, true, "still at school despite a stale flag"},
      {{Date{2020, 7, 10}, false, national, false}, {2027, 1, 15}, false, "left long ago"},
      {{Date{2024, 2, 29}, false, national, false}, {2026, 2, 28}, true, "left on 29 February: through 28 February"},
      {{Date{2024, 2, 29}, false, national, false}, {2026, 3, 1}, false, "and not into March"},
  };
  for (const auto& c : cases) EXPECT_EQ(parent_sees_child(c.child, c.today), c.sees) << c.why;
}

TEST(ParentAccess, TheCutOffIsTheCareDataRetentionDate) {
  const RetentionPeriods national;
  EXPECT_EQ(parent_access_until({2025, 7, 10}, false, national), (Date{2027, 7, 10}));
  EXPECT_EQ(parent_access_until({2025, 7, 10}, true, national), (Date{2028, 7, 10}));
  EXPECT_EQ(parent_access_until({2025, 7, 10}, true, RetentionPeriods{2, 5, 7}),
            retention_dates({2025, 7, 10}, true, RetentionPeriods{2, 5, 7}).care_due_on);
}

}  // namespace
}  // namespace koers::domain
