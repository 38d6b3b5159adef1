// The statements every request makes are prepared once per connection and run again with new
// values (store/statement_cache.h). What a caller relies on: each run sees the values it
// binds and the data as it is now, a failed run leaves the connection usable, and a cached
// read never keeps another writer out.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <tuple>

#include "store/database.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using testing::StoreTest;

class StatementCacheTest : public StoreTest {
 protected:
  // The names of the boards with the given name prefix, through the cached statement.
  std::vector<std::string> boards_like(soci::session& sql, const std::string& prefix) {
    std::vector<std::string> out;
    db->each_row(
        sql, "SELECT name FROM boards WHERE name LIKE :p ORDER BY name",
        [&](const soci::row& r) { out.push_back(r.get<std::string>(0)); }, prefix + "%");
    return out;
  }
  void add_board(const std::string& name) {
    db->write([&](soci::session& sql) { db->run(sql, "INSERT INTO boards (name) VALUES (:n)", name); });
  }
};

TEST_P(StatementCacheTest, EachRunBindsItsOwnValuesAndSeesTheDataAsItIsNow) {
  add_board("Aa een");
  add_board("Bb twee");
  db->read([&](soci::session& sql) {
    EXPECT_EQ(boards_like(sql, "Aa"), std::vector<std::string>{"Aa een"});
    EXPECT_EQ(boards_like(sql, "Bb"), std::vector<std::string>{"Bb twee"});
    EXPECT_TRUE(boards_like(sql, "Cc").empty());
    // Another connection writes between two runs on this one: the second run sees it.
    add_board("Aa drie");
    EXPECT_EQ(boards_like(sql, "Aa"), (std::vector<std::string>{"Aa drie", "Aa een"}));
  });
}

TEST_P(StatementCacheTest, ACachedReadKeepsNoWriterOut) {
  add_board("Aa een");
  db->read([&](soci::session& sql) {
    ASSERT_EQ(boards_like(sql, "Aa").size(), 1u);
    // The other connection commits; then this connection writes itself. A read left open on
    // an old snapshot would make SQLite refuse this write (SQLITE_BUSY_SNAPSHOT).
    add_board("Bb twee");
    sql << (db->engine() == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    EXPECT_NO_THROW(db->run(sql, "INSERT INTO boards (name) VALUES (:n)", std::string("Cc drie")));
    sql << "COMMIT";
  });
  db->read([&](soci::session& sql) { EXPECT_EQ(boards_like(sql, "Cc").size(), 1u); });
}

TEST_P(StatementCacheTest, NullsBindFromAnEmptyOptionalAndRunCountsTheRows) {
  add_board("Aa een");
  add_board("Aa twee");
  db->write([&](soci::session& sql) {
    EXPECT_EQ(db->run(sql, "UPDATE boards SET name = :n WHERE name = :old", std::string("Aa 1"), std::string("Aa een")),
              1);
    EXPECT_EQ(db->run(sql, "UPDATE boards SET name = name WHERE name LIKE :p", "Aa%"), 2);
  });
  // An empty optional binds NULL: COALESCE keeps the name; a value replaces it.
  db->write([&](soci::session& sql) {
    EXPECT_EQ(db->run(sql, "UPDATE boards SET name = COALESCE(:n, name) WHERE name LIKE :p", std::optional<std::string>{},
                      "Aa%"),
              2);
  });
  db->read([&](soci::session& sql) { EXPECT_EQ(boards_like(sql, "Aa"), (std::vector<std::string>{"Aa 1", "Aa twee"})); });
  db->write([&](soci::session& sql) {
    db->run(sql, "UPDATE boards SET name = COALESCE(:n, name) WHERE name LIKE :p", std::optional<std::string>{"Zz"},
            "Aa t%");
  });
  db->read([&](soci::session& sql) { EXPECT_EQ(boards_like(sql, "Zz"), std::vector<std::string>{"Zz"}); });
}

TEST_P(StatementCacheTest, AFailedRunLeavesTheConnectionUsable) {
  add_board("Aa een");
  // A caller that throws while reading rows: the statement is dropped, the next run works.
  db->read([&](soci::session& sql) {
    EXPECT_THROW(db->each_row(
                     sql, "SELECT name FROM boards WHERE name LIKE :p ORDER BY name",
                     [](const soci::row&) { throw std::runtime_error("stop"); }, std::string("Aa%")),
                 std::runtime_error);
    EXPECT_EQ(boards_like(sql, "Aa").size(), 1u);
  });
  // A statement the database refuses (NOT NULL): nothing written, and the same statement runs
  // again with good values.
  EXPECT_THROW(db->write([&](soci::session& sql) {
    db->run(sql, "INSERT INTO boards (name) VALUES (:n)", std::optional<std::string>{});
  }),
               soci::soci_error);
  db->write([&](soci::session& sql) {
    db->run(sql, "INSERT INTO boards (name) VALUES (:n)", std::optional<std::string>{"Aa twee"});
  });
  db->read([&](soci::session& sql) { EXPECT_EQ(boards_like(sql, "Aa").size(), 2u); });
}

TEST_P(StatementCacheTest, TypedRowsGiveEachColumnAsItsTypeAndNullAsAnEmptyOptional) {
  OneGroup g = school_with_one_group();
  db->write([&](soci::session& sql) {
    sql << "INSERT INTO test_results (pupil_id, subject, moment, moment_position, taken_on, ability_score, level, "
           "percentile, dle, source, entered_by, entered_at) VALUES (:p, 'Spelling', 'M5', 50, '2027-01-20', 134.5, "
           "'III', NULL, 12, 'cito', 'ib', 'x')",
        soci::use(g.pupil);
    sql << "INSERT INTO test_results (pupil_id, subject, moment, moment_position, taken_on, ability_score, level, "
           "percentile, dle, source, entered_by, entered_at) VALUES (:p, 'Rekenen', 'M5', 50, NULL, NULL, '', 37.5, "
           "NULL, 'cito', 'ib', 'x')",
        soci::use(g.pupil);
  });
  using Row = std::tuple<long long, std::string, std::optional<std::string>, std::optional<double>, std::string,
                         std::optional<double>, std::optional<double>>;
  std::vector<Row> rows;
  const std::string text =
      "SELECT pupil_id, subject, taken_on, ability_score, level, percentile, dle FROM test_results "
      "WHERE pupil_id = :p ORDER BY subject DESC";
  db->read([&](soci::session& sql) {
    for (int run = 0; run < 2; ++run) {  // the second run reuses the prepared statement and its columns
      rows.clear();
      db->each_typed<long long, std::string, std::optional<std::string>, std::optional<double>, std::string,
                     std::optional<double>, std::optional<double>>(
          sql, text, [&](auto& r) { rows.push_back(std::move(r)); }, g.pupil);
      ASSERT_EQ(rows.size(), 2u);
      EXPECT_EQ(rows[0], (Row{g.pupil, "Spelling", "2027-01-20", 134.5, "III", std::nullopt, 12.0}));
      // A NULL after a value in the same column is NULL again, not the value before it.
      EXPECT_EQ(rows[1], (Row{g.pupil, "Rekenen", std::nullopt, std::nullopt, "", 37.5, std::nullopt}));
    }
    // A NULL in a column read as not optional is a programming error, not a made-up value.
    auto read_dle_as_double = [&] {
      db->each_typed<long long, double>(
          sql, "SELECT pupil_id, dle FROM test_results WHERE pupil_id = :p ORDER BY subject", [](auto&) {}, g.pupil);
    };
    EXPECT_THROW(read_dle_as_double(), std::logic_error);
    // The same text read as soci::row is another statement's shape: refused, as for parameters.
    EXPECT_THROW(db->each_row(
                     sql, text, [](const soci::row&) {}, g.pupil),
                 std::logic_error);
  });
}

TEST_P(StatementCacheTest, OneTextWithOtherParameterTypesIsAProgrammingError) {
  db->read([&](soci::session& sql) {
    boards_like(sql, "Aa");
    EXPECT_THROW(db->each_row(
                     sql, "SELECT name FROM boards WHERE name LIKE :p ORDER BY name", [](const soci::row&) {}, 12LL),
                 std::logic_error);
  });
}

TEST_P(StatementCacheTest, AConnectionKeepsABoundedNumberOfStatements) {
  add_board("Aa een");
  db->read([&](soci::session& sql) {
    // Texts with id lists differ per group: hundreds of them must not pile up.
    for (int i = 0; i < 450; ++i) {
      long long found = 0;
      db->each_row(
          sql, "SELECT id FROM boards WHERE name = :n AND id <> " + std::to_string(-i),
          [&](const soci::row&) { ++found; }, "Aa een");
      ASSERT_EQ(found, 1) << i;
      ASSERT_LE(db->cached_statements(sql), StatementCache::kMaxStatements);
    }
    EXPECT_GT(db->cached_statements(sql), 0u);
  });
}

TEST_P(StatementCacheTest, AStatementCannotRunInsideItsOwnRows) {
  add_board("Aa een");
  db->read([&](soci::session& sql) {
    EXPECT_THROW(db->each_row(
                     sql, "SELECT name FROM boards WHERE name LIKE :p ORDER BY name",
                     [&](const soci::row&) { boards_like(sql, "Aa"); }, std::string("Aa%")),
                 std::logic_error);
    // Another statement inside the rows is fine, and the outer one runs again afterwards.
    std::vector<std::string> inner;
    db->each_row(
        sql, "SELECT id FROM boards WHERE name LIKE :p", [&](const soci::row&) { inner = boards_like(sql, "Aa"); },
        std::string("Aa%"));
    EXPECT_EQ(inner, std::vector<std::string>{"Aa een"});
    EXPECT_EQ(boards_like(sql, "Aa"), std::vector<std::string>{"Aa een"});
  });
}

KOERS_STORE_TEST_SUITE(StatementCacheTest);

}  // namespace
}  // namespace koers::store
