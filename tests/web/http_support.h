// HTTP tests talk to the real `koers serve` on a free loopback port, over a fresh
// SQLite database filled by `koers demo`. A tiny blocking HTTP/1.1 client with a
// cookie jar plays each user.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace koers::web::testing {

struct HttpResult {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower case
  std::string body;
  std::string header(const std::string& name) const;
  nlohmann::json json() const;
};

// A running server process; stopped (SIGINT) when destroyed.
class ServerProcess {
 public:
  ServerProcess(const std::string& db_path, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  int port() const { return port_; }
  int pid() const { return pid_; }  // to kill it hard (crash tests); the destructor still reaps it

 private:
  int pid_ = 0;
  int port_ = 0;
};

class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = "", const std::string& content_type = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& path) { return request("GET", path); }
  // POST /api/v1/session; keeps the cookie and the CSRF token on success.
  HttpResult api_login(const std::string& username, const std::string& password);
  // A form post with the session's CSRF token added (unless with_csrf is false).
  HttpResult post_form(const std::string& path, std::map<std::string, std::string> fields,
                       bool with_csrf = true);
  const std::string& csrf() const { return csrf_; }
  std::map<std::string, std::string> cookies;

 private:
  int port_;
  std::string csrf_;
};

// A TCP connection to the server on loopback, or -1.
int connect_loopback(int port);
// Runs the koers binary with arguments; returns its exit code and fills output.
int run_koers(const std::vector<std::string>& args, std::string* output = nullptr);
std::string form_encode(const std::map<std::string, std::string>& fields);
// A database of a test suite's own, filled by `koers demo`: a SQLite file in dir, or (with
// KOERS_HTTP_ON_PG=1) a fresh database `name` on the server of KOERS_TEST_PG_HTTP. Returns
// its --db argument; throws when it cannot be made.
std::string demo_database(const std::string& dir, const std::string& name);
std::string read_file(const std::string& path);

// A test suite with a server of its own over its own demo database (demo_database), started
// once for the suite: Name "cutoffs" → a temp dir koers-http-cutoffs-PID and, on PostgreSQL,
// the database koers_http_cutoffs. `Extra` are more `koers serve` arguments ("--max-upload-mb", "1").
template <const char* Name, const char*... Extra>
class OwnServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = std::filesystem::temp_directory_path() / (std::string("koers-http-") + Name + "-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    db = demo_database(dir.string(), std::string("koers_http_") + Name);
    // Its public address as a school would give it (with a trailing slash Koers drops).
    server = new ServerProcess(db, {"--public-url", std::string("https://koers-") + Name + ".example/", Extra...});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
    std::filesystem::remove_all(dir);
  }
  void SetUp() override { ASSERT_NE(server, nullptr) << "the server did not start"; }

  // A demo user, signed in through the API.
  static Browser signed_in(const std::string& username) {
    Browser b(server->port());
    EXPECT_EQ(b.api_login(username, "koers-demo").status, 200) << username;
    return b;
  }

  static inline std::filesystem::path dir;
  static inline std::string db;
  static inline ServerProcess* server = nullptr;
};

}  // namespace koers::web::testing
