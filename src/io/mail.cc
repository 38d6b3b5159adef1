#include "io/mail.h"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <ctime>

namespace koers::io {

namespace {

std::string base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += {k[v >> 18 & 63], k[v >> 12 & 63], k[v >> 6 & 63], k[v & 63]};
  }
  if (i + 1 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    out += {k[v >> 18 & 63], k[v >> 12 & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += {k[v >> 18 & 63], k[v >> 12 & 63], k[v >> 6 & 63], '='};
  }
  return out;
}

std::string header_text(const std::string& text) {
  for (unsigned char c : text)
    if (c >= 0x80 || c < 0x20) return "=?UTF-8?B?" + base64(text) + "?=";
  return text;
}

class Connection {
 public:
  Connection(const std::string& host, int port, int timeout) : where_(fmt::format("SMTP-server {}:{}", host, port)) {
    addrinfo hints{}, *found = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) {
      error_ = where_ + " niet gevonden";
      return;
    }
    for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
      int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
      if (fd < 0) continue;
      timeval tv{timeout, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) fd_ = fd;
      else close(fd);
    }
    freeaddrinfo(found);
    if (fd_ < 0) error_ = where_ + " niet bereikbaar";
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  const std::optional<std::string>& error() const { return error_; }

  // Reads one (multi-line) reply; its code, or 0 after an error.
  int reply() {
    if (error_) return 0;
    std::string line;
    for (;;) {
      size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        char chunk[512];
        ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
          error_ = where_ + " antwoordt niet";
          return 0;
        }
        buffer_.append(chunk, static_cast<size_t>(n));
      }
      line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 2);
      if (line.size() < 4 || line[3] != '-') break;  // "250-…" continues, "250 …" ends
    }
    last_ = line;
    return line.size() >= 3 ? std::atoi(line.substr(0, 3).c_str()) : 0;
  }
  bool send(const std::string& text) {
    if (error_) return false;
    for (size_t sent = 0; sent < text.size();) {
      ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        error_ = where_ + ": verbinding verbroken";
        return false;
      }
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Sends a command and expects a reply of the class (2 or 3); false with the error set.
  bool command(const std::string& line, int expected_class) {
    if (!send(line + "\r\n")) return false;
    const int code = reply();
    if (code / 100 == expected_class) return true;
    if (!error_) error_ = fmt::format("{}: {}", where_, last_);
    return false;
  }
  // The same, but a refusal (a reply of another class) leaves no error: the caller tries else.
  bool attempt(const std::string& line, int expected_class) {
    if (!send(line + "\r\n")) return false;
    return reply() / 100 == expected_class;
  }
  void fail(const std::string& why) { error_ = fmt::format("{}: {}", where_, why); }
  const std::string& last() const { return last_; }

 private:
  std::string where_;
  int fd_ = -1;
  std::string buffer_, last_;
  std::optional<std::string> error_;
};

std::string rfc5322_now() {
  char out[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

}  // namespace

std::string mail_text(const MailMessage& m, const std::string& date) {
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
  std::string out = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
      "charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
      m.from, to, header_text(m.subject), date);
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t end = m.body.find('\n', start);
    std::string line = m.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '.') line.insert(0, ".");
    if (end == std::string::npos && line.empty()) break;
    out += line + "\r\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<std::string> send_mail(const std::string& host, int port, const MailMessage& m, int timeout_seconds) {
  Connection c(host, port, timeout_seconds);
  if (c.error()) return c.error();
  if (c.reply() / 100 != 2) {
    if (!c.error()) c.fail(c.last());
    return c.error();
  }
  char name[256] = "koers";
  gethostname(name, sizeof name - 1);
  // An old relay that does not know EHLO refuses it; then HELO.
  if (!c.attempt(fmt::format("EHLO {}", name), 2)) {
    if (c.error()) return c.error();
    if (!c.command(fmt::format("HELO {}", name), 2)) return c.error();
  }
  if (!c.command(fmt::format("MAIL FROM:<{}>", m.from), 2)) return c.error();
  for (const auto& r : m.to)
    if (!c.command(fmt::format("RCPT TO:<{}>", r), 2)) return c.error();
  if (!c.command("DATA", 3)) return c.error();
  if (!c.command(mail_text(m, rfc5322_now()) + ".", 2)) return c.error();
  c.command("QUIT", 2);
  return std::nullopt;
}

}  // namespace koers::io
