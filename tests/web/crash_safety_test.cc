// Crash safety: `koers import` and `koers serve` killed with SIGKILL in the middle of a results
// import and of an EDEXML import (large generated files, killed at 10, 50 and 90 % of the time
// an uncut import takes) leave a database that passes PRAGMA integrity_check and holds all of
// the import or none of it. SQLite only: the file is what a crash can break.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <fcntl.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

#include "http_support.h"

namespace koers::web::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> column(const std::string& db, const std::string& sql) {
  sqlite3* c = nullptr;
  sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_busy_timeout(c, 10000);
  sqlite3_stmt* st = nullptr;
  std::vector<std::string> out;
  if (sqlite3_prepare_v2(c, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      out.emplace_back(t ? t : "");
    }
  sqlite3_finalize(st);
  sqlite3_close(c);
  return out;
}

// What an import changes, in one line: "pupils enrolments test_results imports".
std::string state(const std::string& db) {
  std::string s;
  for (const char* t : {"pupils", "enrolments", "test_results", "imports"})
    s += column(db, std::string("SELECT COUNT(*) FROM ") + t).at(0) + " ";
  return s;
}

pid_t spawn_koers(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> all = {KOERS_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

class CrashSafety : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::getenv("KOERS_HTTP_ON_PG") && *std::getenv("KOERS_HTTP_ON_PG")) return;
    dir = fs::temp_directory_path() / ("koers-crash-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    base = (dir / "base.db").string();
    std::string out, xml = (dir / "school.xml").string();
    if (run_koers({"demo", "--db", base, "--edexml-out", xml}, &out) != 0) throw std::runtime_error(out);
    // Results: 400 new tests for every pupil of school 1 (≈ 75,000 rows).
    std::ofstream csv(dir / "resultaten.csv");
    csv << "leerlingnummer;toets;toetsmoment;vaardigheidsscore;niveau\n";
    const auto keys = column(base, "SELECT edex_key FROM pupils WHERE school_id = 1 AND left_on IS NULL");
    for (int k = 0; k < 400; ++k)
      for (const auto& key : keys) csv << key << ";Crashtoets " << k << ";M3;" << 30 + k % 20 << ";III\n";
    // EDEXML: the demo's own file with every pupil eight times more, under new keys (≈ 2,000).
    const std::string text = read_file(xml);
    std::string extra;
    const std::string open_tag = "    <leerling key=\"", close_tag = "</leerling>\n";
    for (int k = 1; k <= 8; ++k)
      for (size_t at = text.find(open_tag); at != std::string::npos; at = text.find(open_tag, at + 1)) {
        const size_t key_end = text.find('"', at + open_tag.size());
        const size_t end = text.find(close_tag, at) + close_tag.size();
        std::string rest = text.substr(key_end, end - key_end);
        if (rest.rfind("\" eckid=\"", 0) == 0) rest = "\"" + rest.substr(rest.find('"', 9) + 1);  // an ECK iD is unique
        extra += text.substr(at, key_end - at) + "-X" + std::to_string(k) + rest;
      }
    const size_t last = text.rfind(close_tag) + close_tag.size();
    std::ofstream(dir / "groot.xml") << text.substr(0, last) << extra << text.substr(last);
  }
  static void TearDownTestSuite() { fs::remove_all(dir); }
  void SetUp() override {
    if (std::getenv("KOERS_HTTP_ON_PG") && *std::getenv("KOERS_HTTP_ON_PG")) GTEST_SKIP() << "SQLite only";
  }

  // A fresh copy of the demo database.
  static std::string copy(const std::string& name) {
    const std::string db = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    fs::copy_file(base, db);
    return db;
  }

  // An import under test: start() begins it on `db` and returns the process to kill;
  // finish() waits for it to end by itself (uncut) or, after a kill, for what is left.
  struct Import {
    std::function<pid_t(const std::string& db)> start;
    std::function<void()> finish;
  };

  // Runs the import uncut on a copy (it must change the database), then on fresh copies kills
  // it after 10, 50 and 90 % of that time; every killed copy holds the state before or after.
  void kill_at_moments(const std::string& what, Import import) {
    const std::string before = state(base);
    const std::string full = copy(what + "-heel.db");
    pid_t pid = import.start(full);
    auto t0 = Clock::now();
    import.finish();
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    int status = 0;
    const std::string after = state(full);
    ASSERT_NE(after, before) << what << ": the uncut import changes the database";
    std::cerr << what << ": uncut " << seconds << " s; before " << before << "→ after " << after << "\n";
    int none = 0, all = 0;
    for (double fraction : {0.1, 0.5, 0.9}) {
      const std::string db = copy(what + "-" + std::to_string(int(fraction * 100)) + ".db");
      pid = import.start(db);
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds * fraction));
      kill(pid, SIGKILL);
      import.finish();
      waitpid(pid, &status, 0);
      EXPECT_EQ(column(db, "PRAGMA integrity_check").at(0), "ok") << what << " killed at " << fraction;
      const std::string now = state(db);
      EXPECT_TRUE(now == before || now == after) << what << " killed at " << fraction << ": " << now;
      none += now == before;
      all += now == after;
    }
    std::cerr << what << ": " << none << " kills left none of it, " << all << " all of it\n";
  }

  // The CLI: the process itself.
  static Import cli(std::vector<std::string> args) {
    auto pid = std::make_shared<pid_t>(0);
    return {[args, pid](const std::string& db) {
              auto all = args;
              all.insert(all.end(), {"--db", db});
              return *pid = spawn_koers(all);
            },
            [pid] {
              int status = 0;
              waitpid(*pid, &status, 0);
            }};
  }

  // The server: started and signed in first; then the upload goes out from a thread, and the
  // import's time counts from there. finish() waits for the answer (or the dead connection)
  // and stops the server.
  static Import server(const std::string& user, std::function<void(Browser&)> send) {
    struct Run {
      std::unique_ptr<ServerProcess> server;
      std::thread client;
    };
    auto run = std::make_shared<Run>();
    return {[run, user, send](const std::string& db) {
              run->server = std::make_unique<ServerProcess>(db);
              auto b = std::make_shared<Browser>(run->server->port());
              if (b->api_login(user, "koers-demo").status != 200) throw std::runtime_error("login " + user);
              run->client = std::thread([b, send] {
                try {
                  send(*b);
                } catch (const std::exception&) {  // killed: no answer
                }
              });
              return static_cast<pid_t>(run->server->pid());
            },
            [run] {
              run->client.join();
              run->server.reset();
            }};
  }

  static inline fs::path dir;
  static inline std::string base;
};

TEST_F(CrashSafety, KillingTheCliDuringAResultsImport) {
  kill_at_moments("cli-resultaten", cli({"import", "results", (dir / "resultaten.csv").string(), "--school", "1"}));
}

TEST_F(CrashSafety, KillingTheCliDuringAnEdexmlImport) {
  kill_at_moments("cli-edexml", cli({"import", "edexml", (dir / "groot.xml").string()}));
}

TEST_F(CrashSafety, KillingTheServerDuringAResultsImport) {
  const std::string csv = read_file((dir / "resultaten.csv").string());
  kill_at_moments("server-resultaten", server("ib", [csv](Browser& b) {
    const std::string boundary = "----koers-crash";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\nkoers\r\n--" +
                             boundary +
                             "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"resultaten.csv\"\r\n"
                             "Content-Type: text/csv\r\n\r\n" +
                             csv + "\r\n--" + boundary + "--\r\n";
    b.request("POST", "/api/v1/imports/results", body, "multipart/form-data; boundary=" + boundary,
              {{"X-CSRF-Token", b.csrf()}});
  }));
}

TEST_F(CrashSafety, KillingTheServerDuringAnEdexmlImport) {
  const std::string xml = read_file((dir / "groot.xml").string());
  kill_at_moments("server-edexml", server("beheer", [xml](Browser& b) {
    b.request("POST", "/api/v1/imports/edexml?file_name=groot.xml", xml, "application/xml",
              {{"X-CSRF-Token", b.csrf()}});
  }));
}

}  // namespace
}  // namespace koers::web::testing
