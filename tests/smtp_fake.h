// A tiny SMTP relay for tests: listens on a free loopback port, answers like a relay and
// records what it was given. `refuse_ehlo` plays an old relay; `refuse_recipient` refuses
// RCPT TO of that address (550).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace koers::testing {

class FakeSmtp {
 public:
  struct Mail {
    std::string helo, from;
    std::vector<std::string> to;
    std::string data;  // as received, without the final ".\r\n"
  };
  bool refuse_ehlo = false;
  std::string refuse_recipient;

  FakeSmtp() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    listen(fd_, 4);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeSmtp() {
    stopping_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

  // The mails received so far, waiting up to `seconds` for at least `count`.
  std::vector<Mail> wait_for(size_t count, int seconds = 5) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::seconds(seconds), [&] { return mails_.size() >= count; });
    return mails_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      session(c);
      close(c);
    }
  }
  static void say(int c, const std::string& text) { ::send(c, text.data(), text.size(), MSG_NOSIGNAL); }
  void session(int c) {
    say(c, "220 fake.relay ESMTP\r\n");
    Mail m;
    std::string buffer;
    bool in_data = false;
    for (;;) {
      size_t eol;
      while ((eol = buffer.find(in_data ? "\r\n.\r\n" : "\r\n")) == std::string::npos) {
        char chunk[1024];
        ssize_t n = recv(c, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<size_t>(n));
      }
      if (in_data) {
        m.data = buffer.substr(0, eol + 2);
        buffer.erase(0, eol + 5);
        in_data = false;
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(m);
        }
        cv_.notify_all();
        say(c, "250 queued\r\n");
        continue;
      }
      const std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      if (line.rfind("EHLO ", 0) == 0) {
        if (refuse_ehlo) say(c, "500 unknown command\r\n");
        else m.helo = line.substr(5), say(c, "250-fake.relay\r\n250 8BITMIME\r\n");
      } else if (line.rfind("HELO ", 0) == 0) {
        m.helo = line.substr(5);
        say(c, "250 fake.relay\r\n");
      } else if (line.rfind("MAIL FROM:", 0) == 0) {
        m.from = line.substr(10);
        say(c, "250 ok\r\n");
      } else if (line.rfind("RCPT TO:", 0) == 0) {
        if (!refuse_recipient.empty() && line.find(refuse_recipient) != std::string::npos) {
          say(c, "550 5.1.1 no such user\r\n");
        } else {
          m.to.push_back(line.substr(8));
          say(c, "250 ok\r\n");
        }
      } else if (line == "DATA") {
        in_data = true;
        say(c, "354 go ahead\r\n");
      } else if (line == "QUIT") {
        say(c, "221 bye\r\n");
        return;
      } else {
        say(c, "502 not implemented\r\n");
      }
    }
  }

  int fd_ = -1, port_ = 0;
  bool stopping_ = false;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Mail> mails_;
};

}  // namespace koers::testing
