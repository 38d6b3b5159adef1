// The school's calendar (holidays, weeks after a period for its group discussions), on
// SQLite and PostgreSQL.
#include "store/school_calendar_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Holiday;
using domain::Id;

const domain::SchoolYear kYear{0, "2026-2027", {2026, 8, 1}, {2027, 7, 31}};

class SchoolCalendarStore : public testing::StoreTest {
 protected:
  Id school = 0, other = 0;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other = ids[1];
  }
  std::vector<Holiday> year_holidays(Id s) { return SchoolCalendarRepository(*db).holidays(s, kYear.starts_on, kYear.ends_on); }
};

TEST_P(SchoolCalendarStore, AHolidayIsAddedListedAndRemovedWithAnAuditLineInWords) {
  SchoolCalendarRepository cal(*db);
  const long long lines = AuditLog(*db).count();
  auto added = cal.add_holiday(school, kYear, {0, "  Herfstvakantie ", {2026, 10, 17}, {2026, 10, 25}}, ib_of(school));
  ASSERT_TRUE(std::holds_alternative<Id>(added)) << std::get<std::string>(added);
  auto hs = year_holidays(school);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].name, "Herfstvakantie");
  EXPECT_EQ(hs[0].starts_on.iso(), "2026-10-17");
  EXPECT_EQ(hs[0].ends_on.iso(), "2026-10-25");
  EXPECT_TRUE(year_holidays(other).empty());
  EXPECT_EQ(AuditLog(*db).count(), lines + 1);

  // Another school's IB cannot remove it; the school's own can.
  EXPECT_FALSE(cal.remove_holiday(other, std::get<Id>(added), ib_of(other)));
  EXPECT_EQ(year_holidays(school).size(), 1u);
  EXPECT_TRUE(cal.remove_holiday(school, std::get<Id>(added), ib_of(school)));
  EXPECT_TRUE(year_holidays(school).empty());
  EXPECT_EQ(AuditLog(*db).count(), lines + 2);
  EXPECT_FALSE(AuditLog(*db).verify().has_value());
}

TEST_P(SchoolCalendarStore, AWrongHolidayNamesTheFieldAndStoresNothing) {
  SchoolCalendarRepository cal(*db);
  const long long lines = AuditLog(*db).count();
  auto r = cal.add_holiday(school, kYear, {0, "Zomervakantie", {2027, 7, 17}, {2027, 8, 29}}, ib_of(school));
  ASSERT_TRUE(std::holds_alternative<std::string>(r));
  EXPECT_NE(std::get<std::string>(r).find("valt buiten schooljaar 2026-2027"), std::string::npos);
  r = cal.add_holiday(school, kYear, {0, "", {2026, 10, 17}, {2026, 10, 25}}, ib_of(school));
  EXPECT_EQ(std::get<std::string>(r), "Naam: geef de vakantie of vrije dag een naam.");
  EXPECT_TRUE(year_holidays(school).empty());
  EXPECT_EQ(AuditLog(*db).count(), lines);
}

TEST_P(SchoolCalendarStore, TheNationalHolidaysAreTakenOverOnce) {
  SchoolCalendarRepository cal(*db);
  const int n = cal.add_national_holidays(school, kYear, ib_of(school));
  EXPECT_EQ(n, static_cast<int>(domain::national_holidays(kYear).size()));
  EXPECT_EQ(cal.add_national_holidays(school, kYear, ib_of(school)), 0);  // pressed twice
  const auto hs = year_holidays(school);
  EXPECT_EQ(static_cast<int>(hs.size()), n);
  EXPECT_EQ(hs[0].name, "Kerstvakantie");
  EXPECT_NE(domain::holiday_on(hs, {2026, 12, 29}), nullptr);
}

TEST_P(SchoolCalendarStore, WeeksAfterThePeriodIsASettingOfZeroToSix) {
  SchoolCalendarRepository cal(*db);
  EXPECT_EQ(cal.discussion_weeks_after(school), 0);
  EXPECT_EQ(cal.set_discussion_weeks_after(school, 2, ib_of(school)), std::nullopt);
  EXPECT_EQ(cal.discussion_weeks_after(school), 2);
  EXPECT_EQ(cal.discussion_weeks_after(other), 0);
  EXPECT_EQ(cal.set_discussion_weeks_after(school, 7, ib_of(school)), "Weken na de periode: 0 tot en met 6.");
  EXPECT_EQ(cal.discussion_weeks_after(school), 2);
}

KOERS_STORE_TEST_SUITE(SchoolCalendarStore);

}  // namespace
}  // namespace koers::store
