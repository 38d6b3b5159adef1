// A tiny SMTP server for tests: listens on a free loopback port, answers like a relay or a
// submission server and records what it was given. `refuse_ehlo` plays an old relay;
// `refuse_recipient` refuses RCPT TO of that address (550). Like Microsoft 365 or Google it
// can offer STARTTLS (or speak TLS from the start) with a self-signed certificate made for
// it (ca_file() is the PEM a client must trust; certificate_ip the address it is for), and
// demand a login (AUTH PLAIN/LOGIN, 535 on a wrong password). `cleartext` holds every byte
// it received before TLS, so a test can show a password never went over the wire unsecured.
#pragma once

#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace koers::testing {

class FakeSmtp {
 public:
  struct Mail {
    std::string helo, from, mail_params;  // from "<a@b>"; mail_params: " BODY=8BITMIME"
    std::vector<std::string> to;
    std::string data;  // as received, without the final ".\r\n"
    bool tls = false;
    std::string auth_user;  // who logged in; empty: nobody
  };
  bool refuse_ehlo = false;
  std::string refuse_recipient;
  bool offer_8bitmime = true;
  bool offer_starttls = false;   // offers STARTTLS and then refuses MAIL before it (530)
  bool implicit_tls = false;     // TLS from the first byte (port 465)
  std::string user, password;    // non-empty: MAIL only after AUTH with these
  std::string auth_mechanisms = "PLAIN LOGIN";
  bool offer_auth_in_clear = false;  // AUTH also offered before TLS (a server a client must not trust with it)

  explicit FakeSmtp(const std::string& certificate_ip = "127.0.0.1") {
    make_certificate(certificate_ip);
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
    if (ctx_) SSL_CTX_free(ctx_);
    std::filesystem::remove(ca_file_);
  }
  int port() const { return port_; }
  const std::string& ca_file() const { return ca_file_; }

  // The mails received so far, waiting up to `seconds` for at least `count`.
  std::vector<Mail> wait_for(size_t count, int seconds = 5) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::seconds(seconds), [&] { return mails_.size() >= count; });
    return mails_;
  }
  std::string cleartext() {
    std::lock_guard lock(mutex_);
    return cleartext_;
  }
  // Sessions that completed a TLS handshake.
  int tls_sessions() {
    std::lock_guard lock(mutex_);
    return tls_sessions_;
  }

 private:
  // A self-signed P-256 certificate for certificate_ip, valid for an hour.
  void make_certificate(const std::string& ip) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), static_cast<long>(std::random_device{}() & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(x), -60);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Koers test relay"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, nullptr, nullptr, 0);
    const std::string san = "IP:" + ip;
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, san.c_str());
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    X509_sign(x, key, EVP_sha256());
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, x);
    SSL_CTX_use_PrivateKey(ctx_, key);
    static int counter = 0;
    ca_file_ = (std::filesystem::temp_directory_path() /
                ("koers-smtp-ca-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".pem"))
                   .string();
    if (FILE* f = std::fopen(ca_file_.c_str(), "w")) {
      PEM_write_X509(f, x);
      std::fclose(f);
    }
    X509_free(x);
    EVP_PKEY_free(key);
  }
  static std::string unbase64(const std::string& in) {
    std::string out(in.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    if (n < 0) return "";
    out.resize(static_cast<size_t>(n));
    for (size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) out.pop_back();
    return out;
  }

  void serve() {
    while (!stopping_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      timeval tv{5, 0};
      setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ssl_ = nullptr;
      session(c);
      if (ssl_) SSL_free(ssl_);
      ssl_ = nullptr;
      close(c);
    }
  }
  void say(int c, const std::string& text) {
    if (ssl_) SSL_write(ssl_, text.data(), static_cast<int>(text.size()));
    else ::send(c, text.data(), text.size(), MSG_NOSIGNAL);
  }
  bool start_tls(int c) {
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, c);
    if (SSL_accept(ssl_) != 1) return false;
    std::lock_guard lock(mutex_);
    ++tls_sessions_;
    return true;
  }
  // One line (without CRLF) or, in DATA, everything up to "\r\n.\r\n"; false when the client left.
  bool read_until(int c, std::string& buffer, const std::string& end, std::string& out) {
    size_t at;
    while ((at = buffer.find(end)) == std::string::npos) {
      char chunk[1024];
      const long n = ssl_ ? SSL_read(ssl_, chunk, sizeof chunk) : recv(c, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      if (!ssl_) {
        std::lock_guard lock(mutex_);
        cleartext_.append(chunk, static_cast<size_t>(n));
      }
      buffer.append(chunk, static_cast<size_t>(n));
    }
    out = buffer.substr(0, at + (end.size() > 2 ? 2 : 0));
    buffer.erase(0, at + end.size());
    return true;
  }
  bool check_login(const std::string& u, const std::string& p) { return u == user && p == password; }
  void session(int c) {
    if (implicit_tls && !start_tls(c)) return;
    say(c, "220 fake.relay ESMTP\r\n");
    Mail m;
    m.tls = ssl_ != nullptr;
    std::string buffer, line;
    bool authenticated = false;
    for (;;) {
      if (!read_until(c, buffer, "\r\n", line)) return;
      if (line.rfind("EHLO ", 0) == 0) {
        if (refuse_ehlo) {
          say(c, "500 unknown command\r\n");
          continue;
        }
        m.helo = line.substr(5);
        std::string offer = "250-fake.relay\r\n";
        if (offer_8bitmime) offer += "250-8BITMIME\r\n";
        if (offer_starttls && !ssl_) offer += "250-STARTTLS\r\n";
        if (!user.empty() && (ssl_ || offer_auth_in_clear)) offer += "250-AUTH " + auth_mechanisms + "\r\n";
        say(c, offer + "250 SIZE 10240000\r\n");
      } else if (line.rfind("HELO ", 0) == 0) {
        m.helo = line.substr(5);
        say(c, "250 fake.relay\r\n");
      } else if (line == "STARTTLS" && offer_starttls && !ssl_) {
        say(c, "220 2.0.0 ready to start TLS\r\n");
        if (!buffer.empty() || !start_tls(c)) return;
        m = Mail{};  // RFC 3207: everything before TLS is forgotten
        m.tls = true;
      } else if (line.rfind("AUTH PLAIN", 0) == 0 && !user.empty()) {
        std::string given = line.size() > 11 ? line.substr(11) : "";
        if (given.empty()) {
          say(c, "334 \r\n");
          if (!read_until(c, buffer, "\r\n", given)) return;
        }
        const std::string plain = unbase64(given);
        const size_t first = plain.find('\0'), second = plain.find('\0', first + 1);
        if (first != std::string::npos && second != std::string::npos &&
            check_login(plain.substr(first + 1, second - first - 1), plain.substr(second + 1))) {
          authenticated = true;
          m.auth_user = user;
          say(c, "235 2.7.0 Authentication successful\r\n");
        } else {
          say(c, "535 5.7.8 Authentication credentials invalid\r\n");
        }
      } else if (line == "AUTH LOGIN" && !user.empty()) {
        std::string u, p;
        say(c, "334 VXNlcm5hbWU6\r\n");
        if (!read_until(c, buffer, "\r\n", u)) return;
        say(c, "334 UGFzc3dvcmQ6\r\n");
        if (!read_until(c, buffer, "\r\n", p)) return;
        if (check_login(unbase64(u), unbase64(p))) {
          authenticated = true;
          m.auth_user = user;
          say(c, "235 2.7.0 Authentication successful\r\n");
        } else {
          say(c, "535 5.7.8 Authentication credentials invalid\r\n");
        }
      } else if (line.rfind("MAIL FROM:", 0) == 0) {
        if (offer_starttls && !ssl_) {
          say(c, "530 5.7.0 Must issue a STARTTLS command first\r\n");
        } else if (!user.empty() && !authenticated) {
          say(c, "530 5.7.0 Authentication required\r\n");
        } else {
          const size_t close = line.find('>');
          m.from = line.substr(10, close == std::string::npos ? std::string::npos : close - 9);
          m.mail_params = close == std::string::npos ? "" : line.substr(close + 1);
          say(c, "250 ok\r\n");
        }
      } else if (line.rfind("RCPT TO:", 0) == 0) {
        if (!refuse_recipient.empty() && line.find(refuse_recipient) != std::string::npos) {
          say(c, "550 5.1.1 no such user\r\n");
        } else {
          m.to.push_back(line.substr(8));
          say(c, "250 ok\r\n");
        }
      } else if (line == "DATA") {
        say(c, "354 go ahead\r\n");
        if (!read_until(c, buffer, "\r\n.\r\n", m.data)) return;
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(m);
        }
        cv_.notify_all();
        say(c, "250 queued\r\n");
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
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string ca_file_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Mail> mails_;
  std::string cleartext_;
  int tls_sessions_ = 0;
};

}  // namespace koers::testing
