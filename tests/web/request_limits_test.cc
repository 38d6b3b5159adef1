// Slow and half-sent requests: the server closes them after --request-timeout, and serves
// everyone else meanwhile (a waiting connection holds no request thread).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "http_support.h"

namespace koers::web::testing {
namespace {

// Whether the server closed the connection within `within` (recv gives 0 or an error).
bool closed_by_server(int fd, std::chrono::milliseconds within) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(within.count())) <= 0) return false;
  char buffer[512];
  ssize_t n = recv(fd, buffer, sizeof buffer, 0);
  return n <= 0;
}

const char kName[] = "limits";
const char kTimeout[] = "--request-timeout";
const char kOne[] = "1";
class RequestLimits : public OwnServerSuite<kName, kTimeout, kOne> {};

TEST_F(RequestLimits, AHalfSentRequestIsClosedAndOthersAreServedMeanwhile) {
  // Forty connections that send half a request and then nothing (slowloris).
  std::vector<int> slow;
  for (int i = 0; i < 40; ++i) {
    int fd = connect_loopback(server->port());
    ASSERT_GE(fd, 0);
    const std::string half = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"username\":";
    ASSERT_EQ(send(fd, half.data(), half.size(), 0), static_cast<ssize_t>(half.size()));
    slow.push_back(fd);
  }
  // Everyone else is served at once meanwhile.
  auto started = std::chrono::steady_clock::now();
  Browser other(server->port());
  for (int i = 0; i < 20; ++i) ASSERT_EQ(other.get("/healthz").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
  // Within the timeout (1 s here) and a margin, each slow connection is closed.
  int closed = 0;
  for (int fd : slow) {
    if (closed_by_server(fd, std::chrono::milliseconds(3000))) ++closed;
    close(fd);
  }
  EXPECT_EQ(closed, 40);
  EXPECT_EQ(other.get("/healthz").status, 200);
}

TEST_F(RequestLimits, AConnectionThatSendsNothingIsClosedToo) {
  int fd = connect_loopback(server->port());
  ASSERT_GE(fd, 0);
  EXPECT_FALSE(closed_by_server(fd, std::chrono::milliseconds(300))) << "not at once";
  EXPECT_TRUE(closed_by_server(fd, std::chrono::milliseconds(3000)));
  close(fd);
}

TEST_F(RequestLimits, ASecondServerOnATakenPortSaysSoAndStops) {
  // (`timeout` ends it should it serve on regardless, as it used to: then the test fails.)
  std::string command = std::string("timeout 20 ") + KOERS_BINARY + " serve --db " + (dir / "second.db").string() +
                        " --listen 127.0.0.1:" + std::to_string(server->port()) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1) << output;
  EXPECT_NE(output.find("kan niet luisteren op 127.0.0.1:" + std::to_string(server->port())), std::string::npos) << output;
  EXPECT_EQ(output.find("Koers luistert op"), std::string::npos) << output;
  EXPECT_EQ(Browser(server->port()).get("/healthz").status, 200) << "the first server serves on";
}

}  // namespace
}  // namespace koers::web::testing
