// display_time: a stored UTC instant as the school reads it, in local time (the tests run
// with TZ=Europe/Amsterdam); what is not an instant Koers wrote is shown as it is.
#include "common/clock.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace koers {
namespace {

class DisplayTime : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    if (tz) old_ = tz, had_ = true;
    setenv("TZ", "Europe/Amsterdam", 1);
    tzset();
  }
  void TearDown() override {
    if (had_)
      setenv("TZ", old_.c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  std::string old_;
  bool had_ = false;
};

TEST_F(DisplayTime, ShowsLocalTimeInWinterAndSummer) {
  EXPECT_EQ(display_time("2026-11-29T18:44:22Z"), "29-11-2026 19:44");
  EXPECT_EQ(display_time("2026-07-01T08:05:00Z"), "01-07-2026 10:05");
}

TEST_F(DisplayTime, TheLocalDateCanBeTheNextDay) {
  EXPECT_EQ(display_time("2026-12-31T23:30:00Z"), "01-01-2027 00:30");
}

TEST_F(DisplayTime, WhatIsNotAnInstantIsShownAsItIs) {
  EXPECT_EQ(display_time("gisteren"), "gisteren");
  EXPECT_EQ(display_time("2026-13-01T10:00:00Z"), "2026-13-01T10:00:00Z");
  EXPECT_EQ(display_time(""), "");
}

TEST_F(DisplayTime, AnInstantWithOneDigitFieldsIsStillRead) {
  // Not Koers' own shape: read the slow way, as before.
  EXPECT_EQ(display_time("2026-1-5T9:07:00Z"), "05-01-2026 10:07");
}

}  // namespace
}  // namespace koers
