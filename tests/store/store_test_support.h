// Every store test runs twice: on SQLite (a fresh temp file) and on PostgreSQL
// (the server scripts/test.sh starts; its URL in KOERS_TEST_PG). Without KOERS_TEST_PG
// the PostgreSQL runs are skipped, unless KOERS_REQUIRE_PG=1 (as in `make test`).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

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
