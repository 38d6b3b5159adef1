// Sending a short e-mail through a school's SMTP relay (RFC 5321): plain SMTP on the given
// port, EHLO with the host name Koers is reached by (HELO when refused), MAIL FROM, RCPT TO
// per recipient, DATA with dot-stuffing, QUIT. No TLS and no login: Koers hands notices to a
// relay on the school's own network, and a notice never carries pupil data. Every reply is
// awaited with a time limit. The message is 7-bit clean, so any relay takes it: a unique
// Message-ID, the subject as RFC 2047 encoded words of at most 75 characters (never split
// inside a UTF-8 character), the body quoted-printable with lines of at most 76 characters.
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
std::string mail_text(const MailMessage& m, const std::string& date);

// Sends it; nullopt when the relay accepted it, else what went wrong in Dutch ("SMTP-server
// smtp.school.nl:25: 550 …", "… niet bereikbaar"). Waits at most `timeout_seconds` per reply.
// `client_name` is what EHLO announces: the host name of Koers' public address; empty: this
// machine's name.
std::optional<std::string> send_mail(const std::string& host, int port, const MailMessage& m,
                                     int timeout_seconds = 10, const std::string& client_name = "");

}  // namespace koers::io
