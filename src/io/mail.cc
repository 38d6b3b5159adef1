#include "io/mail.h"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

#include "common/crypto.h"

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

// RFC 2047: encoded words of at most 75 characters ("=?UTF-8?B?" + 52 + "?="), each holding
// whole UTF-8 characters, on folded lines. ASCII text stays as it is.
std::string header_text(const std::string& text) {
  bool plain = true;
  for (unsigned char c : text) plain = plain && c >= 0x20 && c < 0x7f;
  if (plain) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t n = std::min<size_t>(39, text.size() - i);
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) --n;
    out += (out.empty() ? "" : "\r\n ") + ("=?UTF-8?B?" + base64(text.substr(i, n)) + "?=");
    i += n;
  }
  return out;
}

// Quoted-printable (RFC 2045) of one line without its line break: soft breaks keep every
// line at most 76 characters; a space or tab at the end is encoded so no relay strips it.
std::string quoted_printable(const std::string& line) {
  std::string out, current;
  for (size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    std::string token = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)
                            ? std::string(1, static_cast<char>(c))
                            : fmt::format("={:02X}", c);
    if (current.size() + token.size() > 75) {
      out += current + "=\r\n";
      current.clear();
    }
    current += token;
  }
  return out + current;
}

std::string domain_of(const std::string& address) {
  const size_t at = address.rfind('@');
  std::string d = at == std::string::npos ? "" : address.substr(at + 1);
  while (!d.empty() && (d.back() == '>' || d.back() == ' ')) d.pop_back();
  return d.empty() ? "koers.invalid" : d;
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
  const std::string id =
      m.message_id.empty() ? "<" + random_token().substr(0, 32) + "@" + domain_of(m.from) + ">" : m.message_id;
  std::string out = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
      m.from, to, header_text(m.subject), date, id);
  std::string body;
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t end = m.body.find('\n', start);
    std::string line = m.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (end == std::string::npos && line.empty()) break;
    body += quoted_printable(line) + "\r\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // Dot-stuffing on every line as it goes on the wire, soft-broken ones too.
  for (size_t line = 0; line < body.size(); line = body.find("\r\n", line) + 2) {
    if (body[line] == '.') body.insert(line, ".");
    if (body.find("\r\n", line) == std::string::npos) break;
  }
  return out + body;
}

std::optional<std::string> send_mail(const std::string& host, int port, const MailMessage& m, int timeout_seconds,
                                     const std::string& client_name) {
  Connection c(host, port, timeout_seconds);
  if (c.error()) return c.error();
  if (c.reply() / 100 != 2) {
    if (!c.error()) c.fail(c.last());
    return c.error();
  }
  char local[256] = "koers";
  gethostname(local, sizeof local - 1);
  const std::string name = client_name.empty() ? std::string(local) : client_name;
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
