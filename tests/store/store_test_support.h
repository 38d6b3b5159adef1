// Every store test runs twice: on SQLite (a fresh temp file) and on PostgreSQL
// (the server scripts/test.sh starts; its URL in KOERS_TEST_PG). Without KOERS_TEST_PG
// the PostgreSQL runs are skipped, unless KOERS_REQUIRE_PG=1 (as in `make test`).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/access_policy.h"
#include "store/database.h"
#include "store/school_repository.h"

namespace koers::store::testing {

class StoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgres) {
      const char* url = std::getenv("KOERS_TEST_PG");
      if (!url || !*url) {
        const char* req = std::getenv("KOERS_REQUIRE_PG");
        if (req && std::string(req) == "1") FAIL() << "KOERS_TEST_PG is not set";
        GTEST_SKIP() << "KOERS_TEST_PG not set";
      }
      db = Database::open(url, 2);
      db->migrate();
      db->wipe_for_tests();
    } else {
      dir = std::filesystem::temp_directory_path() /
            ("koers-store-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter()++));
      std::filesystem::create_directories(dir);
      db = Database::open((dir / "test.db").string(), 2);
      db->migrate();
    }
  }
  void TearDown() override {
    db.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
  // Schools of one new board: "De Test" (99XX), then "De Ander" (99YY), as many as asked.
  std::vector<domain::Id> schools_of_new_board(int n) {
    return db->write([&](soci::session& sql) {
      SchoolRepository schools(*db);
      domain::Id board = schools.create_board(sql, "Bestuur");
      std::vector<domain::Id> ids;
      for (int i = 0; i < n; ++i)
        ids.push_back(schools.create_school(
            sql, domain::School{0, board, i == 0 ? "De Test" : "De Ander", i == 0 ? "99XX" : "99Y" + std::to_string(i),
                                "00", ""}));
      return ids;
    });
  }
  // A new school with school year 2026-2027, one group "5" (year group 5) and one pupil in
  // the school ("Sanne Bakker", key L1; not enrolled): what a store test of one group needs.
  struct OneGroup {
    domain::Id school = 0, group = 0, pupil = 0;
  };
  OneGroup school_with_one_group() {
    OneGroup out;
    out.school = schools_of_new_board(1)[0];
    db->write([&](soci::session& sql) {
      domain::Id year =
          SchoolRepository(*db).ensure_school_year(sql, domain::SchoolYear{0, "2026-2027", {2026, 8, 1}, {2027, 7, 31}});
      sql << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, year_group) VALUES (:s, :y, 'G5', "
             "'5', '5') RETURNING id",
          soci::use(out.school), soci::use(year), soci::into(out.group);
      sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L1', 'Sanne', "
             "'Bakker', 'x') RETURNING id",
          soci::use(out.school), soci::into(out.pupil);
    });
    return out;
  }
  // The intern begeleider of a school.
  static domain::Principal ib_of(domain::Id school) {
    domain::Principal ib;
    ib.username = "ib";
    ib.role = domain::Role::kSupportCoordinator;
    ib.school_id = school;
    return ib;
  }
  static int& counter() {
    static int n = 0;
    return n;
  }

  std::unique_ptr<Database> db;
  std::filesystem::path dir;
};

inline std::string engine_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace koers::store::testing

#define KOERS_STORE_TEST_SUITE(Suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Engines, Suite,                                              \
                           ::testing::Values(::koers::store::Engine::kSqlite,           \
                                             ::koers::store::Engine::kPostgres),        \
                           ::koers::store::testing::engine_name)
