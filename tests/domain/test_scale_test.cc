// LVS levels and test moments as STANDARDS.md defines them.
#include <gtest/gtest.h>

#include "domain/test_moment.h"
#include "domain/test_scale.h"

namespace koers::domain {
namespace {

TEST(Level, ParsesBothScalesAndTheRefinedLabels) {
  EXPECT_EQ(parse_level("IV")->rank, 4);
  EXPECT_EQ(parse_level(" iii ")->rank, 3);
  EXPECT_EQ(parse_level("I+")->label(), "I+");
  EXPECT_TRUE(parse_level("I+")->refined);
  EXPECT_EQ(parse_level("V-")->rank, 5);
  EXPECT_EQ(parse_level("V\u2212")->label(), "V-") << "the typographic minus of printed reports";
  EXPECT_EQ(parse_level("c")->scale, LevelScale::kLetter);
  EXPECT_EQ(parse_level("C")->rank, 3);
  EXPECT_FALSE(parse_level("F").has_value());
  EXPECT_FALSE(parse_level("VI").has_value());
  EXPECT_FALSE(parse_level("").has_value());
}

TEST(Level, ShowsTheBandBecauseCIsBelowAverage) {
  EXPECT_EQ(parse_level("III")->band(), "40–60 % (gemiddeld)");
  EXPECT_EQ(parse_level("C")->band(), "25–50 % (onder het gemiddelde)");
  EXPECT_EQ(parse_level("V-")->band(), "laagste 10 %");
  EXPECT_EQ(parse_level("A")->colour(), "level-1");
  EXPECT_EQ(parse_level("E")->colour(), "level-5");
}

TEST(Level, FromPercentileAtTheBoundaries) {
  EXPECT_EQ(roman_level_of_percentile(80).rank, 1);
  EXPECT_EQ(roman_level_of_percentile(79.9).rank, 2);
  EXPECT_EQ(roman_level_of_percentile(60).rank, 2);
  EXPECT_EQ(roman_level_of_percentile(40).rank, 3);
  EXPECT_EQ(roman_level_of_percentile(39.9).rank, 4);
  EXPECT_EQ(roman_level_of_percentile(20).rank, 4);
  EXPECT_EQ(roman_level_of_percentile(19.9).rank, 5);
  EXPECT_EQ(roman_level_of_percentile(9.9).label(), "V-");
  EXPECT_EQ(roman_level_of_percentile(90).label(), "I+");
}

TEST(Level, ScoresInDutchNotation) {
  EXPECT_EQ(dutch_decimal(141.5), "141,5");
  EXPECT_EQ(dutch_decimal(38), "38");
  EXPECT_EQ(dutch_decimal(-3), "-3");
  EXPECT_EQ(dutch_decimal(0.0), "0");
  EXPECT_EQ(dutch_decimal(2e15), "2000000000000000");
  EXPECT_EQ(dutch_decimal(99.96), "100");
  EXPECT_EQ(dutch_decimal(-2.26), "-2,3");
}

TEST(TestMoment, ParsesAndOrdersThroughTheSchoolCareer) {
  EXPECT_EQ(parse_test_moment("M5")->label(), "M5");
  EXPECT_EQ(parse_test_moment("e 5")->label(), "E5");
  EXPECT_EQ(parse_test_moment("6B")->label(), "B6");
  EXPECT_FALSE(parse_test_moment("M9").has_value());
  EXPECT_FALSE(parse_test_moment("X5").has_value());
  EXPECT_FALSE(parse_test_moment("M55").has_value());
  EXPECT_LT(*parse_test_moment("M5"), *parse_test_moment("E5"));
  EXPECT_LT(*parse_test_moment("E5"), *parse_test_moment("M6"));
  EXPECT_EQ(parse_test_moment("E5")->position(), parse_test_moment("B6")->position());
}

TEST(TestMoment, DidacticAgeAsTheTableSays) {
  EXPECT_EQ(parse_test_moment("M3")->didactic_age(), 5);
  EXPECT_EQ(parse_test_moment("E3")->didactic_age(), 10);
  EXPECT_EQ(parse_test_moment("M4")->didactic_age(), 15);
  EXPECT_EQ(parse_test_moment("E4")->didactic_age(), 20);
  EXPECT_EQ(parse_test_moment("M5")->didactic_age(), 25);
  EXPECT_EQ(parse_test_moment("E7")->didactic_age(), 50);
  EXPECT_EQ(parse_test_moment("M8")->didactic_age(), 55);
  EXPECT_EQ(parse_test_moment("E8")->didactic_age(), 60) << "at most 60";
  EXPECT_EQ(parse_test_moment("B3")->didactic_age(), 0);
  EXPECT_EQ(parse_test_moment("M2")->didactic_age(), 0) << "no DL before group 3";
}

TEST(TestMoment, LearningYieldIsDleOverDl) {
  EXPECT_DOUBLE_EQ(*learning_yield(25, 20), 80.0);
  EXPECT_DOUBLE_EQ(*learning_yield(40, 30), 75.0);
  EXPECT_FALSE(learning_yield(0, 3).has_value());
}

}  // namespace
}  // namespace koers::domain
