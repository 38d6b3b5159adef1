// Sending a short e-mail through a school's SMTP server (RFC 5321): a relay on the school's
// network (plain, port 25) or a submission server such as Microsoft 365 or Google (STARTTLS on
// 587, RFC 3207, or TLS from the start on 465, RFC 8314) with a login (AUTH PLAIN or LOGIN,
// RFC 4954). EHLO names the host Koers is reached by (HELO only for a plain relay that refuses
// EHLO); MAIL FROM, RCPT TO per recipient, DATA with dot-stuffing, QUIT; every reply awaited
// with a time limit. The server's certificate is checked against the system's CAs (or a CA
// file) and its name; a password only ever goes over TLS, and a server that does not offer
// STARTTLS when it is required gets nothing. The message: a unique Message-ID, the subject as
// RFC 2047 encoded words of at most 75 characters, the body 8-bit when the server offers
// 8BITMIME, else quoted-printable with lines of at most 76 characters.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace koers::io {

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // UTF-8; encoded as RFC 2047 when it is not ASCII
  std::string body;     // UTF-8 text; lines end in LF or CRLF
  std::string message_id;  // "<…@…>"; made up (random, at the sender's domain) when empty
};

// The message as it goes after DATA (headers, a blank line, the body), CRLF line endings,
// lines starting with "." doubled; without the final "." line. `date` is the Date header.
// eight_bit: the body as UTF-8 text (Content-Transfer-Encoding: 8bit, for a server that
// offers 8BITMIME), unless a line is too long for SMTP; else quoted-printable (7-bit clean).
std::string mail_text(const MailMessage& m, const std::string& date, bool eight_bit = false);

// How the connection is secured: STARTTLS required (submission, port 587), TLS from the first
// byte (port 465), or none (a relay on the school's network, port 25; no login then).
enum class MailSecurity { kStartTls, kImplicitTls, kNone };
const char* security_key(MailSecurity s);                       // "starttls", "tls", "none"
std::optional<MailSecurity> parse_security(const std::string& key);
int default_port(MailSecurity s);                               // 587, 465, 25
const char* security_label(MailSecurity s);                     // Dutch, for pages and messages

struct MailServer {
  std::string host;
  int port = 587;
  MailSecurity security = MailSecurity::kStartTls;
  std::string username;  // empty: no login
  std::string password;
  std::string ca_file;   // PEM file of CAs to trust instead of the system's (a private CA, tests)
  int timeout_seconds = 10;
  std::string client_name;  // what EHLO announces; empty: this machine's name
};

// Sends it; nullopt when the server accepted it, else what went wrong in Dutch ("SMTP-server
// smtp.office365.com:587: inloggen geweigerd …"). Never contains the password.
std::optional<std::string> send_mail(const MailServer& server, const MailMessage& m);

// A plain relay (no TLS, no login): send_mail({host, port, kNone, …}).
std::optional<std::string> send_mail(const std::string& host, int port, const MailMessage& m,
                                     int timeout_seconds = 10, const std::string& client_name = "");

}  // namespace koers::io
