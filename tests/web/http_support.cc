#include "http_support.h"

#include "store/database.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace koers::web::testing {

namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

namespace {

HttpResult raw_request(int port, const std::string& request) {
  int fd = connect_loopback(port);
  if (fd < 0) throw std::runtime_error("connect failed");
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);  // a closed connection is an answer too
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string data;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) data.append(buf, static_cast<size_t>(n));
  close(fd);
  HttpResult r;
  size_t head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) throw std::runtime_error("no HTTP response");
  std::istringstream head(data.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers.emplace(lower(line.substr(0, colon)), value);
  }
  r.body = data.substr(head_end + 4);
  return r;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? "" : it->second;
}

nlohmann::json HttpResult::json() const { return nlohmann::json::parse(body); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_koers(const std::vector<std::string>& args, std::string* output) {
  std::string cmd = KOERS_BINARY;
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::ServerProcess(const std::string& db_path, const std::vector<std::string>& extra) {
  port_ = free_port();
  std::vector<std::string> args = {KOERS_BINARY, "serve", "--db", db_path, "--listen",
                                   "127.0.0.1:" + std::to_string(port_)};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    try {
      if (raw_request(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 200)
        return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("koers serve did not start");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGINT);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
}

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    auto enc = [](const std::string& s) {
      std::string e;
      for (unsigned char c : s) {
        if (isalnum(c) || c == '-' || c == '_' || c == '.') e += static_cast<char>(c);
        else {
          char b[4];
          snprintf(b, sizeof b, "%%%02X", c);
          e += b;
        }
      }
      return e;
    };
    out += enc(k) + "=" + enc(v);
  }
  return out;
}

HttpResult Browser::request(const std::string& method, const std::string& path,
                            const std::string& body, const std::string& content_type,
                            const std::map<std::string, std::string>& headers) {
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!cookies.empty()) {
    std::string c;
    for (const auto& [k, v] : cookies) c += (c.empty() ? "" : "; ") + k + "=" + v;
    req += "Cookie: " + c + "\r\n";
  }
  if (!content_type.empty()) req += "Content-Type: " + content_type + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  HttpResult r = raw_request(port_, req);
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it) {
    std::string pair = it->second.substr(0, it->second.find(';'));
    size_t eq = pair.find('=');
    std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    bool expired = it->second.find("Max-Age=0") != std::string::npos;
    if (expired || value.empty()) cookies.erase(name);
    else cookies[name] = value;
  }
  return r;
}

HttpResult Browser::api_login(const std::string& username, const std::string& password) {
  nlohmann::json body{{"username", username}, {"password", password}};
  HttpResult r = request("POST", "/api/v1/session", body.dump(), "application/json");
  if (r.status == 200) csrf_ = r.json().value("csrf_token", "");
  return r;
}

HttpResult Browser::post_form(const std::string& path, std::map<std::string, std::string> fields,
                              bool with_csrf) {
  if (with_csrf) fields["_csrf"] = csrf_;
  return request("POST", path, form_encode(fields), "application/x-www-form-urlencoded");
}

std::string demo_database(const std::string& dir, const std::string& name) {
  std::string db = dir + "/koers.db";
  if (const char* on_pg = std::getenv("KOERS_HTTP_ON_PG"); on_pg && std::string(on_pg) == "1") {
    const char* url = std::getenv("KOERS_TEST_PG_HTTP");
    if (!url || !*url) throw std::runtime_error("KOERS_HTTP_ON_PG=1 needs KOERS_TEST_PG_HTTP");
    // A database of the suite's own on the same server: the shared one holds another test's world.
    std::string shared = url;
    db = shared.substr(0, shared.rfind('/') + 1) + name;
    auto admin = store::Database::open(shared, 1);
    admin->read([&](soci::session& sql) {  // outside a transaction, as CREATE DATABASE needs
      sql << "DROP DATABASE IF EXISTS " + name;
      sql << "CREATE DATABASE " + name;
    });
  }
  std::string out;
  if (run_koers({"demo", "--db", db}, &out) != 0) throw std::runtime_error("koers demo failed: " + out);
  return db;
}

}  // namespace koers::web::testing
