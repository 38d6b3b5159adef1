// Keeping the data: `koers backup` while the server writes and `koers restore` bring back every
// pupil, plan and audit line; restore refuses a database in use and a broken or foreign copy;
// /metrics answers only this machine or the board administrator; the access log carries no
// pupil data; SIGKILL in the middle of an import leaves all of it or none. SQLite only (the
// PostgreSQL round trip through pg_dump is KeepingPostgres, run when KOERS_TEST_PG_HTTP is set).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

namespace fs = std::filesystem;

bool on_postgres() {
  const char* pg = std::getenv("KOERS_HTTP_ON_PG");
  return pg && *pg;
}

// The rows of a query, each as its columns joined with \x1f.
std::vector<std::string> query_rows(const std::string& db, const std::string& sql) {
  sqlite3* c = nullptr;
  sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_busy_timeout(c, 10000);
  sqlite3_stmt* st = nullptr;
  std::vector<std::string> out;
  if (sqlite3_prepare_v2(c, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string why = sqlite3_errmsg(c);
    sqlite3_close(c);
    throw std::runtime_error(sql + ": " + why);
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      row += (i ? "\x1f" : "") + std::string(t ? t : "\x01NULL");
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(c);
  return out;
}

long long count(const std::string& db, const std::string& table) {
  return std::stoll(query_rows(db, "SELECT COUNT(*) FROM " + table).at(0));
}

// A checksum of a table's first `limit` rows in id order (all rows when limit < 0).
size_t checksum(const std::string& db, const std::string& table, long long limit = -1) {
  size_t h = 0;
  for (const auto& row : query_rows(db, "SELECT * FROM " + table + " ORDER BY rowid LIMIT " + std::to_string(limit)))
    h = h * 1000003 ^ std::hash<std::string>{}(row);
  return h;
}

std::string integrity(const std::string& db) { return query_rows(db, "PRAGMA integrity_check").at(0); }

class Keeping : public ::testing::Test {
 protected:
  void SetUp() override {
    if (on_postgres()) GTEST_SKIP() << "SQLite's backup and files; PostgreSQL: KeepingPostgres";
    dir = fs::temp_directory_path() / ("koers-keeping-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = (dir / "koers.db").string();
    std::string out;
    ASSERT_EQ(run_koers({"demo", "--db", db}, &out), 0) << out;
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  std::string db;
};

TEST_F(Keeping, BackupWhileTheServerWritesRestoresEveryPupilPlanAndAuditLine) {
  const long long audit_before = count(db, "audit_log");
  std::string backup = (dir / "kopie.db").string(), restored = (dir / "terug" / "koers.db").string();
  {
    ServerProcess server(db);
    // Four users read pupils in parallel: every read writes an audit line (and logins do).
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0};
    std::vector<std::thread> users;
    for (int u = 0; u < 4; ++u)
      users.emplace_back([&] {
        Browser ib(server.port());
        if (ib.api_login("ib", "koers-demo").status != 200) return;
        for (int id = 1; !stop; id = id % 150 + 1)
          if (ib.get("/api/v1/pupils/" + std::to_string(id)).status == 200) ++answered;
      });
    for (int i = 0; i < 200 && answered < 20; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const int before_backup = answered;
    std::string out;
    const int rc = run_koers({"backup", "--db", db, backup}, &out);
    for (int i = 0; i < 200 && answered < before_backup + 20; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
    for (auto& t : users) t.join();
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("integriteit ok"), std::string::npos) << out;
    EXPECT_GE(answered.load(), before_backup + 20) << "the server kept answering during and after the backup";
  }
  std::string out;
  ASSERT_EQ(run_koers({"restore", "--db", restored, backup}, &out), 0) << out;
  EXPECT_EQ(integrity(restored), "ok");
  EXPECT_EQ(count(restored, "accounts"), count(db, "accounts"));
  // Pupils and plans did not change while the server ran: all of them, row for row.
  for (const char* table : {"pupils", "enrolments", "school_groups", "group_plans", "test_results", "guardians"}) {
    EXPECT_EQ(count(restored, table), count(db, table)) << table;
    EXPECT_EQ(checksum(restored, table), checksum(db, table)) << table;
  }
  EXPECT_GT(count(restored, "pupils"), 300);
  EXPECT_GT(count(restored, "group_plans"), 0);
  // The audit trail grew during the backup: the copy holds a consistent prefix of it, row for
  // row, and more than there was before the server started.
  const long long audit_copy = count(restored, "audit_log");
  EXPECT_GT(audit_copy, audit_before);
  EXPECT_LT(audit_copy, count(db, "audit_log")) << "lines written after the backup are not in it";
  EXPECT_EQ(checksum(restored, "audit_log"), checksum(db, "audit_log", audit_copy));
  const long long pupil_lines = count(restored, "audit_set_pupils");
  EXPECT_EQ(checksum(restored, "audit_set_pupils"), checksum(db, "audit_set_pupils", pupil_lines));
  // The restored database serves with its key file (the audit chain's key, kept apart from the
  // copy): the IB reads a pupil from it and its trail is unbroken.
  std::filesystem::copy_file(db + ".key", restored + ".key");
  ServerProcess again(restored);
  Browser ib(again.port());
  ASSERT_EQ(ib.api_login("ib", "koers-demo").status, 200);
  EXPECT_EQ(ib.get("/api/v1/pupils/1").status, 200);
}

TEST_F(Keeping, RestoreRefusesADatabaseInUseAndABrokenOrForeignCopy) {
  std::string backup = (dir / "kopie.db").string(), out;
  ASSERT_EQ(run_koers({"backup", "--db", db, backup}, &out), 0) << out;
  const size_t before = checksum(db, "audit_log");
  {
    ServerProcess server(db);
    EXPECT_EQ(run_koers({"restore", "--db", db, backup}, &out), 2);
    EXPECT_NE(out.find("is in gebruik"), std::string::npos) << out;
    EXPECT_NE(out.find("--force"), std::string::npos) << out;
  }
  // A copy with a damaged page, one that is no database, one of another program: refused
  // before the target is touched.
  std::string broken = (dir / "kapot.db").string();
  fs::copy_file(backup, broken);
  {
    std::fstream f(broken, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 40);
    std::string junk(4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  EXPECT_EQ(run_koers({"restore", "--db", db, broken}, &out), 2) << out;
  EXPECT_TRUE(out.find("beschadigd") != std::string::npos || out.find("geen SQLite") != std::string::npos) << out;
  std::string text = (dir / "tekst.db").string();
  std::ofstream(text) << "leerlingnummer;toets\n";
  EXPECT_EQ(run_koers({"restore", "--db", db, text}, &out), 2) << out;
  EXPECT_NE(out.find("geen SQLite-database"), std::string::npos) << out;
  std::string foreign = (dir / "ander.db").string();
  sqlite3* c = nullptr;
  sqlite3_open(foreign.c_str(), &c);
  sqlite3_exec(c, "CREATE TABLE x (a)", nullptr, nullptr, nullptr);
  sqlite3_close(c);
  EXPECT_EQ(run_koers({"restore", "--db", db, foreign}, &out), 2) << out;
  EXPECT_NE(out.find("geen Koers-database"), std::string::npos) << out;
  EXPECT_EQ(checksum(db, "audit_log"), before) << "a refused restore changes nothing";
  EXPECT_EQ(integrity(db), "ok");
}

TEST_F(Keeping, MetricsAnswerThisMachineAndTheBoardAdministratorOnly) {
  ServerProcess server(db);
  Browser ib(server.port());
  ASSERT_EQ(ib.api_login("ib", "koers-demo").status, 200);
  ASSERT_EQ(ib.get("/leerlingen/1").status, 200);
  ASSERT_EQ(ib.get("/leerlingen/2").status, 200);
  Browser anonymous(server.port());
  HttpResult m = anonymous.get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(m.body.find("koers_http_requests_total{method=\"GET\",route=\"/leerlingen/:id\",status=\"2xx\"} 2\n"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("koers_http_request_duration_seconds_count{method=\"GET\",route=\"/leerlingen/:id\"} 2\n"),
            std::string::npos);
  EXPECT_NE(m.body.find("koers_http_request_duration_seconds_bucket{method=\"GET\",route=\"/leerlingen/:id\",le=\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_NE(m.body.find("koers_db_pool_size{engine=\"SQLite\"} "), std::string::npos);
  EXPECT_NE(m.body.find("koers_db_pool_in_use{engine=\"SQLite\"} "), std::string::npos);
  EXPECT_NE(m.body.find("koers_imports_total{kind=\"results\",outcome=\"done\"} 0"), std::string::npos);
  EXPECT_EQ(m.body.find("/leerlingen/1"), std::string::npos) << "no raw paths with ids";
  // Through a proxy (the header says so) Koers cannot tell who asks: refused, also for a teacher
  // or the IB; the board administrator gets them anywhere.
  const std::map<std::string, std::string> proxied = {{"X-Forwarded-For", "203.0.113.9"}};
  EXPECT_EQ(anonymous.request("GET", "/metrics", "", "", proxied).status, 403);
  EXPECT_EQ(anonymous.request("GET", "/metrics", "", "", {{"Forwarded", "for=203.0.113.9"}}).status, 403);
  for (const char* user : {"leerkracht", "ib", "directeur", "ouder"}) {
    Browser b(server.port());
    ASSERT_EQ(b.api_login(user, "koers-demo").status, 200) << user;
    EXPECT_EQ(b.request("GET", "/metrics", "", "", proxied).status, 403) << user;
  }
  Browser beheer(server.port());
  ASSERT_EQ(beheer.api_login("beheer", "koers-demo").status, 200);
  HttpResult admin = beheer.request("GET", "/metrics", "", "", proxied);
  EXPECT_EQ(admin.status, 200);
  EXPECT_NE(admin.body.find("route=\"/api/v1/session\""), std::string::npos) << admin.body;
}

TEST_F(Keeping, TheAccessLogHasOneLinePerRequestAndNoPupilData) {
  std::string log = (dir / "access.log").string();
  const auto names = query_rows(db, "SELECT given_name, surname FROM pupils WHERE id IN (1, 2, 3)");
  {
    ServerProcess server(db, {"--access-log", log});
    Browser ib(server.port());
    ASSERT_EQ(ib.api_login("ib", "koers-demo").status, 200);
    for (const char* path : {"/leerlingen/1", "/leerlingen/2", "/leerlingen/3/audit", "/api/v1/pupils/3"})
      EXPECT_EQ(ib.get(path).status, 200) << path;
    const std::string name = names.at(0).substr(0, names.at(0).find('\x1f'));
    EXPECT_EQ(ib.get("/leerlingen/1?zoek=" + name).status, 200);
    EXPECT_EQ(ib.get("/leerlingen/999999").status, 404);
  }
  std::vector<nlohmann::json> lines;
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::istringstream split(text);
  for (std::string line; std::getline(split, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_GE(lines.size(), 7u) << text;
  int pupil_pages = 0;
  for (const auto& l : lines) {
    for (const char* field : {"time", "method", "route", "status", "ms", "bytes_in", "bytes_out", "account", "role"})
      EXPECT_TRUE(l.contains(field)) << field << " in " << l.dump();
    if (l["route"] == "/leerlingen/:id" && l["status"] == 200) {
      ++pupil_pages;
      EXPECT_EQ(l["method"], "GET");
      EXPECT_EQ(l["role"], "ib");
      EXPECT_TRUE(l["account"].is_number_integer());
      EXPECT_GT(l["bytes_out"].get<long long>(), 1000);
      EXPECT_GE(l["ms"].get<double>(), 0.0);
      EXPECT_EQ(l["time"].get<std::string>().size(), 24u) << "2026-11-28T08:00:00.123Z";
    }
  }
  EXPECT_EQ(pupil_pages, 3);
  EXPECT_NE(text.find("\"route\":\"/leerlingen/:id\",\"status\":404"), std::string::npos) << text;
  for (const auto& row : names) {
    const std::string given = row.substr(0, row.find('\x1f')), surname = row.substr(row.find('\x1f') + 1);
    EXPECT_EQ(text.find(given), std::string::npos) << given;
    EXPECT_EQ(text.find(surname), std::string::npos) << surname;
  }
  EXPECT_EQ(text.find("zoek"), std::string::npos) << "no query strings";
  EXPECT_EQ(text.find("/leerlingen/1"), std::string::npos) << "no paths with pupil ids";
}

}  // namespace
}  // namespace koers::web::testing

namespace koers::web::testing {
namespace {

// Every row of a table on PostgreSQL, in key order, as text.
std::vector<std::string> pg_rows(const std::string& url, const std::string& table) {
  auto db = store::Database::open(url, 1);
  return db->read([&](soci::session& sql) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM " + table + " ORDER BY 1, 2");
    for (const soci::row& r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        line += i ? "\x1f" : "";
        if (r.get_indicator(i) == soci::i_null) {
          line += "\x01NULL";
          continue;
        }
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_string: line += r.get<std::string>(i); break;
          case soci::dt_integer: line += std::to_string(r.get<int>(i)); break;
          case soci::dt_long_long: line += std::to_string(r.get<long long>(i)); break;
          case soci::dt_unsigned_long_long: line += std::to_string(r.get<unsigned long long>(i)); break;
          case soci::dt_double: line += std::to_string(r.get<double>(i)); break;
          default: line += "?"; break;
        }
      }
      out.push_back(line);
    }
    return out;
  });
}

// PostgreSQL is kept with pg_dump: `koers backup` runs it while the server runs, `koers
// restore` names the pg_restore command, and a fresh database restored with it holds every
// pupil, plan and audit line and serves them.
TEST(KeepingPostgres, PgDumpWhileServingAndPgRestoreIntoAFreshDatabase) {
  if (!on_postgres()) GTEST_SKIP() << "runs in the PostgreSQL pass (KOERS_HTTP_ON_PG=1)";
  const fs::path dir = fs::temp_directory_path() / ("koers-keeping-pg-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string source = demo_database(dir.string(), "koers_keep_source");
  const std::string dump = (dir / "koers.dump").string();
  std::string out;
  {
    ServerProcess server(source);
    Browser ib(server.port());
    ASSERT_EQ(ib.api_login("ib", "koers-demo").status, 200);
    for (int id = 1; id <= 5; ++id) EXPECT_EQ(ib.get("/api/v1/pupils/" + std::to_string(id)).status, 200);
    ASSERT_EQ(run_koers({"backup", "--db", source, dump}, &out), 0) << out;
    EXPECT_NE(out.find("pg_restore"), std::string::npos) << out;
  }
  ASSERT_GT(fs::file_size(dump), 10000u);
  // A fresh, empty database beside it, then the command koers restore names.
  const std::string target = source.substr(0, source.rfind('/') + 1) + "koers_keep_restored";
  {
    auto admin = store::Database::open(source, 1);
    admin->read([&](soci::session& sql) {
      sql << "DROP DATABASE IF EXISTS koers_keep_restored";
      sql << "CREATE DATABASE koers_keep_restored";
    });
  }
  EXPECT_EQ(run_koers({"restore", "--db", target, dump}, &out), 1);
  const size_t at = out.find("  pg_restore ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string command = out.substr(at + 2, out.find('\n', at) - at - 2);
  ASSERT_EQ(std::system((command + " 2>&1").c_str()), 0) << command;
  for (const char* table : {"pupils", "enrolments", "group_plans", "test_results", "audit_log", "audit_pupil_sets", "audit_set_pupils"}) {
    const auto want = pg_rows(source, table), got = pg_rows(target, table);
    EXPECT_EQ(got.size(), want.size()) << table;
    EXPECT_TRUE(got == want) << table << ": the restored rows differ";
  }
  EXPECT_GT(pg_rows(target, "group_plans").size(), 0u);
  ServerProcess again(target);
  Browser ib(again.port());
  ASSERT_EQ(ib.api_login("ib", "koers-demo").status, 200);
  EXPECT_EQ(ib.get("/api/v1/pupils/1").status, 200);
  HttpResult trail = ib.get("/api/v1/pupils/1/audit");
  EXPECT_EQ(trail.status, 200) << trail.body;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace koers::web::testing
