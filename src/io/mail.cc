#include "io/mail.h"

#include <fmt/format.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
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

bool is_ip_address(const std::string& host) {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// Why a certificate was not trusted, in words a head can pass on to whoever runs the server.
std::string certificate_problem(long result, const std::string& host) {
  switch (result) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return fmt::format("het certificaat van de server is niet voor {}", host);
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "het certificaat van de server is verlopen";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "het certificaat van de server is nog niet geldig";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return "het certificaat van de server is niet uitgegeven door een vertrouwde instantie";
    default:
      return "het certificaat van de server is niet te vertrouwen";
  }
}

class Connection {
 public:
  Connection(const std::string& host, int port, int timeout)
      : host_(host), where_(fmt::format("SMTP-server {}:{}", host, port)) {
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
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  const std::optional<std::string>& error() const { return error_; }
  bool secure() const { return ssl_ != nullptr; }

  // TLS over the connection: the server's certificate must chain to a trusted CA (the
  // system's, or those of ca_file) and name the host we asked for.
  bool start_tls(const std::string& ca_file) {
    if (error_) return false;
    if (!buffer_.empty()) {  // a reply sent before the handshake would be read as if secured
      fail("stuurde onversleutelde gegevens na STARTTLS; Koers verstuurt niets");
      return false;
    }
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (!ctx_) return fail("TLS kon niet worden gestart");
    SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
    if (ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx_) != 1
                        : SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr) != 1) {
      fail(ca_file.empty() ? "de vertrouwde certificaten van dit systeem zijn niet te lezen"
                           : fmt::format("het CA-bestand {} is niet te lezen", ca_file));
      return false;
    }
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    ssl_ = SSL_new(ctx_);
    if (!ssl_) return fail("TLS kon niet worden gestart");
    SSL_set_fd(ssl_, fd_);
    if (is_ip_address(host_)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host_.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl_, host_.c_str());
      SSL_set1_host(ssl_, host_.c_str());
    }
    ERR_clear_error();
    if (SSL_connect(ssl_) != 1) {
      const long verified = SSL_get_verify_result(ssl_);
      if (verified != X509_V_OK)
        fail(fmt::format("{} ({}); Koers verstuurt niets", certificate_problem(verified, host_),
                         X509_verify_cert_error_string(verified)));
      else
        fail("de versleutelde verbinding (TLS) kwam niet tot stand");
      SSL_free(ssl_);
      ssl_ = nullptr;
      return false;
    }
    return true;
  }

  // Reads one (multi-line) reply; its code, or 0 after an error. lines() holds its text.
  int reply() {
    if (error_) return 0;
    lines_.clear();
    std::string line;
    for (;;) {
      size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        char chunk[512];
        const long n = ssl_ ? SSL_read(ssl_, chunk, sizeof chunk) : recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
          error_ = where_ + " antwoordt niet";
          return 0;
        }
        buffer_.append(chunk, static_cast<size_t>(n));
      }
      line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 2);
      lines_.push_back(line);
      if (line.size() < 4 || line[3] != '-') break;  // "250-…" continues, "250 …" ends
    }
    last_ = line;
    return line.size() >= 3 ? std::atoi(line.substr(0, 3).c_str()) : 0;
  }
  bool send(const std::string& text) {
    if (error_) return false;
    for (size_t sent = 0; sent < text.size();) {
      const long n = ssl_ ? SSL_write(ssl_, text.data() + sent, static_cast<int>(std::min<size_t>(text.size() - sent, 1 << 20)))
                          : ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
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
  bool fail(const std::string& why) {
    error_ = fmt::format("{}: {}", where_, why);
    return false;
  }
  const std::optional<std::string>& failed(const std::string& why) {
    fail(why);
    return error_;
  }
  const std::string& last() const { return last_; }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  std::string host_, where_;
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string buffer_, last_;
  std::vector<std::string> lines_;
  std::optional<std::string> error_;
};

// What the server offers after EHLO (RFC 5321 4.1.1.1): extension keywords, AUTH mechanisms.
struct Extensions {
  bool starttls = false, eight_bit = false, auth_plain = false, auth_login = false;
  std::string auth;  // the AUTH line as offered, for an error message
};
Extensions extensions_of(const std::vector<std::string>& lines) {
  Extensions e;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string text = lines[i].size() > 4 ? lines[i].substr(4) : "";
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (text == "STARTTLS") e.starttls = true;
    if (text == "8BITMIME") e.eight_bit = true;
    if (text.rfind("AUTH ", 0) == 0 || text.rfind("AUTH=", 0) == 0) {
      e.auth = text;
      const std::string words = " " + text.substr(5) + " ";
      e.auth_plain = e.auth_plain || words.find(" PLAIN ") != std::string::npos;
      e.auth_login = e.auth_login || words.find(" LOGIN ") != std::string::npos;
    }
  }
  return e;
}

std::string rfc5322_now() {
  char out[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

}  // namespace

std::string mail_text(const MailMessage& m, const std::string& date, bool eight_bit) {
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
  const std::string id =
      m.message_id.empty() ? "<" + random_token().substr(0, 32) + "@" + domain_of(m.from) + ">" : m.message_id;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t end = m.body.find('\n', start);
    std::string line = m.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (end == std::string::npos && line.empty()) break;
    lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // 8-bit text still has SMTP's limits: lines of at most 998 octets, no bare CR or NUL.
  for (const auto& line : lines)
    eight_bit = eight_bit && line.size() <= 998 && line.find_first_of(std::string("\r\0", 2)) == std::string::npos;
  std::string out = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: {}\r\n\r\n",
      m.from, to, header_text(m.subject), date, id, eight_bit ? "8bit" : "quoted-printable");
  std::string body;
  for (const auto& line : lines) body += (eight_bit ? line : quoted_printable(line)) + "\r\n";
  // Dot-stuffing on every line as it goes on the wire, soft-broken ones too.
  for (size_t line = 0; line < body.size(); line = body.find("\r\n", line) + 2) {
    if (body[line] == '.') body.insert(line, ".");
    if (body.find("\r\n", line) == std::string::npos) break;
  }
  return out + body;
}

const char* security_key(MailSecurity s) {
  return s == MailSecurity::kStartTls ? "starttls" : s == MailSecurity::kImplicitTls ? "tls" : "none";
}

std::optional<MailSecurity> parse_security(const std::string& key) {
  for (MailSecurity s : {MailSecurity::kStartTls, MailSecurity::kImplicitTls, MailSecurity::kNone})
    if (key == security_key(s)) return s;
  return std::nullopt;
}

int default_port(MailSecurity s) {
  return s == MailSecurity::kStartTls ? 587 : s == MailSecurity::kImplicitTls ? 465 : 25;
}

const char* security_label(MailSecurity s) {
  return s == MailSecurity::kStartTls ? "STARTTLS"
         : s == MailSecurity::kImplicitTls ? "TLS vanaf het begin"
                                           : "geen versleuteling";
}

std::optional<std::string> send_mail(const MailServer& server, const MailMessage& m) {
  const bool tls = server.security != MailSecurity::kNone;
  if (!server.username.empty() && !tls)
    return fmt::format("SMTP-server {}:{}: inloggen zonder versleuteling zou het wachtwoord leesbaar over het netwerk "
                       "sturen; kies STARTTLS of TLS",
                       server.host, server.port);
  Connection c(server.host, server.port, server.timeout_seconds);
  if (c.error()) return c.error();
  if (server.security == MailSecurity::kImplicitTls && !c.start_tls(server.ca_file)) return c.error();
  if (c.reply() / 100 != 2) {
    if (!c.error()) c.fail(c.last());
    return c.error();
  }
  char local[256] = "koers";
  gethostname(local, sizeof local - 1);
  const std::string name = server.client_name.empty() ? std::string(local) : server.client_name;
  Extensions offered;
  // An old relay that does not know EHLO refuses it; then HELO (only without TLS: STARTTLS
  // and AUTH need EHLO).
  if (c.attempt(fmt::format("EHLO {}", name), 2)) {
    offered = extensions_of(c.lines());
  } else {
    if (c.error()) return c.error();
    if (tls) return c.failed(fmt::format("kent geen EHLO ({}), dus ook geen STARTTLS; Koers verstuurt niets", c.last()));
    if (!c.command(fmt::format("HELO {}", name), 2)) return c.error();
  }
  if (server.security == MailSecurity::kStartTls) {
    if (!offered.starttls)
      return c.failed("biedt geen STARTTLS aan; Koers verstuurt niets (en geen wachtwoord) over een onversleutelde "
                    "verbinding");
    if (!c.command("STARTTLS", 2) || !c.start_tls(server.ca_file)) return c.error();
    // RFC 3207: forget what was said before TLS and ask again.
    if (!c.command(fmt::format("EHLO {}", name), 2)) return c.error();
    offered = extensions_of(c.lines());
  }
  if (!server.username.empty()) {
    if (!c.secure()) return c.failed("geen versleutelde verbinding; Koers stuurt het wachtwoord niet");
    const std::string refused = "inloggen geweigerd; controleer de gebruikersnaam en het wachtwoord";
    if (offered.auth_plain) {
      if (!c.attempt("AUTH PLAIN " + base64(std::string(1, '\0') + server.username + std::string(1, '\0') + server.password), 2))
        return c.error() ? c.error() : c.failed(fmt::format("{} ({})", refused, c.last()));
    } else if (offered.auth_login) {
      if (!c.command("AUTH LOGIN", 3) || !c.command(base64(server.username), 3)) return c.error();
      if (!c.attempt(base64(server.password), 2))
        return c.error() ? c.error() : c.failed(fmt::format("{} ({})", refused, c.last()));
    } else {
      return c.failed(offered.auth.empty() ? "biedt geen inloggen (AUTH) aan; laat gebruikersnaam en wachtwoord leeg of "
                                           "kies een andere server"
                                         : fmt::format("biedt geen inlogmethode aan die Koers kent (PLAIN of LOGIN): {}",
                                                       offered.auth));
    }
  }
  if (!c.attempt(fmt::format("MAIL FROM:<{}>{}", m.from, offered.eight_bit ? " BODY=8BITMIME" : ""), 2)) {
    if (c.error()) return c.error();
    if (c.last().rfind("530", 0) == 0)  // RFC 4954: authentication required
      return c.failed(fmt::format("de server vraagt om in te loggen; vul gebruikersnaam en wachtwoord in ({})", c.last()));
    return c.failed(c.last());
  }
  for (const auto& r : m.to)
    if (!c.command(fmt::format("RCPT TO:<{}>", r), 2)) return c.error();
  if (!c.command("DATA", 3)) return c.error();
  if (!c.command(mail_text(m, rfc5322_now(), offered.eight_bit) + ".", 2)) return c.error();
  c.command("QUIT", 2);
  return std::nullopt;
}

std::optional<std::string> send_mail(const std::string& host, int port, const MailMessage& m, int timeout_seconds,
                                     const std::string& client_name) {
  MailServer server;
  server.host = host;
  server.port = port;
  server.security = MailSecurity::kNone;
  server.timeout_seconds = timeout_seconds;
  server.client_name = client_name;
  return send_mail(server, m);
}

}  // namespace koers::io
