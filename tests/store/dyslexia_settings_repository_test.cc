// The school's dyslexia thresholds on SQLite and PostgreSQL: PDDB 3.0 until set, a change kept
// per school with an audit line in words, nonsense refused with nothing stored.
#include "store/dyslexia_settings_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class DyslexiaSettingsStore : public testing::StoreTest {
 protected:
  Id school = 0, other = 0;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other = ids[1];
  }
};

TEST_P(DyslexiaSettingsStore, PddbUntilTheSchoolSetsAnOlderWordingWithAnAuditLine) {
  DyslexiaSettingsRepository repo(*db);
  EXPECT_FALSE(repo.settings(school).school_set);
  EXPECT_EQ(repo.settings(school).thresholds, domain::DyslexiaThresholds{});
  const long long lines = AuditLog(*db).count();
  domain::DyslexiaThresholds older;
  older.measurements = 2;
  older.weeks_min = 12;
  older.weeks_max = 12;
  EXPECT_TRUE(repo.set(school, older, ib_of(school)).empty());
  const DyslexiaSettings read = repo.settings(school);
  EXPECT_TRUE(read.school_set);
  EXPECT_EQ(read.thresholds, older);
  EXPECT_FALSE(read.changed_by.empty());
  EXPECT_EQ(repo.settings(other).thresholds, domain::DyslexiaThresholds{}) << "another school keeps PDDB 3.0";
  ASSERT_EQ(AuditLog(*db).count(), lines + 1);
  // A second change replaces the row.
  older.weeks_max = 14;
  EXPECT_TRUE(repo.set(school, older, ib_of(school)).empty());
  EXPECT_EQ(repo.settings(school).thresholds.weeks_max, 14);
  AuditQuery q;
  q.limit = 1;
  auto last = AuditLog(*db).find(q);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].object, "dyslexie-instellingen");
  EXPECT_NE(last[0].detail.find("was: 2 opeenvolgende metingen in de laagste 10 %; 12 weken"), std::string::npos)
      << last[0].detail;
  EXPECT_NE(last[0].detail.find("nu: 2 opeenvolgende metingen in de laagste 10 %; 12–14 weken"), std::string::npos)
      << last[0].detail;
  EXPECT_FALSE(AuditLog(*db).verify().has_value());
}

TEST_P(DyslexiaSettingsStore, NonsenseIsRefusedAndChangesNothing) {
  DyslexiaSettingsRepository repo(*db);
  const long long lines = AuditLog(*db).count();
  domain::DyslexiaThresholds t;
  t.weeks_min = 30;
  auto problems = repo.set(school, t, ib_of(school));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "weeks_max");
  EXPECT_FALSE(repo.settings(school).school_set);
  EXPECT_EQ(AuditLog(*db).count(), lines);
}

KOERS_STORE_TEST_SUITE(DyslexiaSettingsStore);

}  // namespace
}  // namespace koers::store
