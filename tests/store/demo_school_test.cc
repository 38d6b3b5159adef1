// The demo board, on SQLite and PostgreSQL: the shape the README and the browser tests
// promise (groups, combination group, three school years, parents, one login per role).
#include "demo/demo_school.h"

#include <gtest/gtest.h>

#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const domain::Date kToday{2026, 11, 22};

class DemoSchool : public testing::StoreTest {
 protected:
  demo::DemoSummary summary;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    summary = demo::create_demo(*db, demo::DemoOptions{2, 20261122, kToday});
  }
  Account account(const std::string& name) { return *AccountRepository(*db).find_by_username(name); }
};

TEST_P(DemoSchool, HasTwoSchoolsAndThreeSchoolYears) {
  EXPECT_EQ(summary.schools, 2);
  long long years = db->read([](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM school_years", soci::into(n);
    return n;
  });
  EXPECT_EQ(years, 3);
  std::vector<std::string> logins;
  for (const auto& l : summary.logins) logins.push_back(l.username);
  EXPECT_EQ(logins, (std::vector<std::string>{"leerkracht", "ib", "directeur", "zorgteam", "ouder",
                                              "beheer", "ib-regenboog"}));
}

TEST_P(DemoSchool, ValentijnHasGroupsOneToEightWithACombinationGroup) {
  Id school = account("ib").school_id;
  auto year = SchoolRepository(*db).current_school_year(school);
  ASSERT_TRUE(year);
  EXPECT_EQ(year->name, "2026-2027");
  auto groups = GroupRepository(*db).groups_of_school(school, year->id);
  std::vector<std::string> names;
  for (const auto& g : groups) {
    names.push_back(g.name);
    if (g.kind == domain::GroupKind::kRegular) {
      EXPECT_GE(g.pupil_count, 25) << g.name;
      EXPECT_LE(g.pupil_count, 30) << g.name;
      EXPECT_FALSE(g.teachers.empty()) << g.name;
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"1/2A", "1/2B", "3", "4", "5/6", "6", "7", "8", "Plusklas"}));
  auto combo = std::find_if(groups.begin(), groups.end(), [](auto& g) { return g.name == "5/6"; });
  EXPECT_EQ(combo->year_groups, (std::vector<std::string>{"5", "6"}));
}

TEST_P(DemoSchool, EveryCurrentPupilHasAParent) {
  Id school = account("ib").school_id;
  auto year = SchoolRepository(*db).current_school_year(school);
  PupilRepository pupils(*db);
  GroupRepository groups(*db);
  for (const auto& g : groups.groups_of_school(school, year->id))
    for (const auto& p : groups.pupils_of_group(g.id)) EXPECT_FALSE(pupils.guardians(p.id).empty()) << p.id;
}

TEST_P(DemoSchool, LoginsHaveTheScopeTheirRoleNeeds) {
  AccountRepository accounts(*db);
  GroupRepository groups(*db);
  auto teacher = accounts.principal(account("leerkracht"));
  ASSERT_EQ(teacher.group_ids.size(), 1u);
  EXPECT_EQ(groups.find(teacher.group_ids[0])->name, "5/6");

  auto parent = accounts.principal(account("ouder"));
  ASSERT_EQ(parent.child_ids.size(), 1u);
  auto child = PupilRepository(*db).scope(parent.child_ids[0]);
  ASSERT_EQ(child->current_group_ids.size(), 1u);
  EXPECT_EQ(groups.find(child->current_group_ids[0])->name, "3");

  EXPECT_NE(account("ib-regenboog").school_id, account("ib").school_id);
  EXPECT_EQ(account("beheer").school_id, 0);
  EXPECT_TRUE(accounts.principal(account("zorgteam")).case_pupil_ids.empty());
}

TEST_P(DemoSchool, PupilsMoveUpAndLeaversKeepTheirDossier) {
  PupilRepository pupils(*db);
  GroupRepository groups(*db);
  Id school = account("ib").school_id;
  auto year = SchoolRepository(*db).current_school_year(school);
  auto list = groups.groups_of_school(school, year->id);
  auto group4 = std::find_if(list.begin(), list.end(), [](auto& g) { return g.name == "4"; });
  Id pupil = groups.pupils_of_group(group4->id).front().id;
  auto history = pupils.enrolments(pupil);
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(history[0].year_group, "4");
  EXPECT_EQ(history[0].school_year, "2026-2027");
  EXPECT_EQ(history[1].year_group, "3");
  EXPECT_EQ(history[1].school_year, "2025-2026");

  long long left = db->read([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM pupils WHERE left_on IS NOT NULL AND school_id = :s", soci::use(school),
        soci::into(n);
    return n;
  });
  EXPECT_GE(left, 40) << "two years of group 8 leavers";
}

TEST_P(DemoSchool, IsDeterministicAndRefusesAFilledDatabase) {
  auto names = [](Database& d) {
    return d.read([](soci::session& sql) {
      std::vector<std::string> out(400);
      sql << "SELECT given_name || ' ' || surname FROM pupils ORDER BY edex_key", soci::into(out);
      return out;
    });
  };
  auto first = names(*db);
  db->wipe_for_tests();
  demo::create_demo(*db, demo::DemoOptions{2, 20261122, kToday});
  EXPECT_EQ(names(*db), first);
  EXPECT_THROW(demo::create_demo(*db, demo::DemoOptions{2, 20261122, kToday}), std::runtime_error);
}

KOERS_STORE_TEST_SUITE(DemoSchool);

}  // namespace
}  // namespace koers::store
