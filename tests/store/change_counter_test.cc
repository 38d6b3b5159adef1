// The change count (store/database.h): what a page may keep of the dossier hangs on it
// (web/overview/lines_cache.h), so a committed change must raise it — also one made by
// another instance on the same database — and bookkeeping outside the dossier must not.
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "store/database.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using testing::StoreTest;

class ChangeCounterTest : public StoreTest {
 protected:
  void add_board(Database& on, const std::string& name) {
    on.write([&](soci::session& sql) { on.run(sql, "INSERT INTO boards (name) VALUES (:n)", name); });
  }
  // A second instance on the same database, as a board runs two behind one PostgreSQL.
  std::unique_ptr<Database> second_instance() {
    auto other = GetParam() == Engine::kPostgres ? Database::open(std::getenv("KOERS_TEST_PG"), 1)
                                                 : Database::open((dir / "test.db").string(), 1);
    other->migrate();
    return other;
  }
};

TEST_P(ChangeCounterTest, ACommittedWriteCountsAFailedOneDoesNot) {
  const long long before = db->change_count();
  ASSERT_GE(before, 0);
  add_board(*db, "Een");
  EXPECT_EQ(db->change_count(), before + 1);
  EXPECT_THROW(db->write([&](soci::session& sql) {
    db->run(sql, "INSERT INTO boards (name) VALUES (:n)", std::string("Twee"));
    throw std::runtime_error("opslaan mislukt");
  }),
               std::runtime_error);
  EXPECT_EQ(db->change_count(), before + 1);
}

TEST_P(ChangeCounterTest, SessionsAndAuditLinesDoNotCount) {
  const long long before = db->change_count();
  db->write_outside_dossier([&](soci::session& sql) {
    db->run(
        sql,
        "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) VALUES ('k', 1, '', '')");
  });
  db->write_batched([&](soci::session& sql) { db->run(sql, "DELETE FROM login_throttle WHERE throttle_key = 'k'"); });
  EXPECT_EQ(db->change_count(), before);
}

TEST_P(ChangeCounterTest, AChangeByAnotherInstanceOnTheDatabaseCountsHereToo) {
  auto other = second_instance();
  const long long before = db->change_count();
  EXPECT_EQ(other->change_count(), before);
  add_board(*other, "Van de ander");
  EXPECT_EQ(db->change_count(), before + 1);
  add_board(*db, "Van hier");
  EXPECT_EQ(other->change_count(), before + 2);
}

KOERS_STORE_TEST_SUITE(ChangeCounterTest);

}  // namespace
}  // namespace koers::store
