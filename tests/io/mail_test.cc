// Sending a notice through a school's SMTP relay: the dialogue a relay expects, the message
// as it arrives (encoded subject, CRLF, dot-stuffing), an old relay that only knows HELO, and
// the errors a user reads when the relay refuses or is not there. A submission server as
// Microsoft 365 and Google run it: STARTTLS (or TLS from the start) and a login, the password
// only ever over TLS, a certificate checked, 8BITMIME used when offered.
#include "io/mail.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "../smtp_fake.h"

namespace koers::io {
namespace {

MailMessage notice() {
  return {"koers@valentijn.nl", {"ib@valentijn.nl"}, "Groepsbespreking 5/6: voorbereiding ontvangen — één vraag",
          "Joost Peters heeft de voorbereiding verstuurd.\n.Een regel die met een punt begint.\nOpen Koers.", ""};
}

// What a real mail reader makes of a message: Python's email package (Debian's python3)
// parses it and prints the decoded subject, then the decoded body.
std::string as_read_by_python(const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("koers-mail-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // DATA undoes dot-stuffing before a reader sees the message.
  std::string unstuffed;
  for (size_t i = 0; i < text.size();) {
    size_t eol = text.find("\r\n", i);
    std::string line = text.substr(i, eol == std::string::npos ? std::string::npos : eol - i + 2);
    if (line.rfind("..", 0) == 0) line.erase(0, 1);
    unstuffed += line;
    if (eol == std::string::npos) break;
    i = eol + 2;
  }
  std::ofstream(dir / "m.eml", std::ios::binary) << unstuffed;
  const std::string command = "python3 -c 'import email, email.policy, sys; "
                              "m = email.message_from_binary_file(open(sys.argv[1], \"rb\"), policy=email.policy.default); "
                              "sys.stdout.write(m[\"subject\"] + \"|\" + m.get_content())' " + (dir / "m.eml").string();
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (size_t n; pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  if (pipe) pclose(pipe);
  std::filesystem::remove_all(dir);
  return out;
}

TEST(Mail, TheTextHasHeadersAnEncodedSubjectCrlfAndDotStuffing) {
  const std::string text = mail_text(notice(), "Mon, 23 Nov 2026 10:00:00 +0000");
  EXPECT_NE(text.find("From: koers@valentijn.nl\r\nTo: ib@valentijn.nl\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos) << "not ASCII: RFC 2047";
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\nJoost Peters heeft de voorbereiding verstuurd.\r\n..Een regel"), std::string::npos) << text;
  for (size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) ASSERT_EQ(text[i - 1], '\r');
  for (unsigned char c : text) ASSERT_LT(c, 0x80) << "7-bit clean: no relay needs 8BITMIME";
  EXPECT_NE(mail_text({"a@b.nl", {"c@d.nl"}, "Plain subject", "x", ""}, "d").find("Subject: Plain subject\r\n"),
            std::string::npos)
      << "ASCII stays as it is";
}

TEST(Mail, EncodedWordsAndLinesStayWithinTheLimitsAndAReaderGetsTheTextBack) {
  MailMessage m = notice();
  m.subject = "Koers: Groepsbespreking 5/6 · 30-11-2026 — voorbereiding ontvangen van juf Anneloes Meijer-Ünal";
  m.body = std::string(100, 'a') + " = één\nTwee spaties aan het eind  \n.punt\n" + std::string(80, 'x') + ".\n";
  const std::string text = mail_text(m, "Mon, 23 Nov 2026 10:00:00 +0000");
  for (size_t i = 0, eol; (eol = text.find("\r\n", i)) != std::string::npos; i = eol + 2) {
    const std::string line = text.substr(i, eol - i);
    EXPECT_LE(line.size(), 78u) << line;
    for (size_t w = line.find("=?"); w != std::string::npos; w = line.find("=?", w + 2)) {
      const size_t end = line.find("?=", w + 10);
      ASSERT_NE(end, std::string::npos);
      EXPECT_LE(end + 2 - w, 75u) << "an encoded word is at most 75 characters: " << line;
      w = end;
    }
  }
  EXPECT_EQ(as_read_by_python(text), m.subject + "|" + m.body) << text;
}

TEST(Mail, EveryMessageHasItsOwnMessageIdAtTheSendersDomain) {
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const std::string text = mail_text(notice(), "d");
    const size_t at = text.find("\r\nMessage-ID: <");
    ASSERT_NE(at, std::string::npos) << text;
    const std::string id = text.substr(at + 15, text.find("\r\n", at + 2) - at - 15);
    EXPECT_NE(id.find("@valentijn.nl>"), std::string::npos) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 3u);
}

TEST(Mail, TheRelayGetsTheEnvelopeAndTheMessage) {
  testing::FakeSmtp relay;
  ASSERT_EQ(send_mail("127.0.0.1", relay.port(), notice(), 5), std::nullopt);
  auto mails = relay.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "<koers@valentijn.nl>");
  EXPECT_EQ(mails[0].to, std::vector<std::string>{"<ib@valentijn.nl>"});
  EXPECT_NE(mails[0].data.find("..Een regel die met een punt begint."), std::string::npos);
  EXPECT_FALSE(mails[0].helo.empty());
  ASSERT_EQ(send_mail("127.0.0.1", relay.port(), notice(), 5, "koers.valentijn.nl"), std::nullopt);
  EXPECT_EQ(relay.wait_for(2).at(1).helo, "koers.valentijn.nl") << "EHLO names the host Koers is reached by";
}

TEST(Mail, AnOldRelayGetsHelo) {
  testing::FakeSmtp relay;
  relay.refuse_ehlo = true;
  ASSERT_EQ(send_mail("127.0.0.1", relay.port(), notice(), 5), std::nullopt);
  EXPECT_EQ(relay.wait_for(1).size(), 1u);
}

TEST(Mail, ARefusalOrAMissingRelayIsSaidInWords) {
  testing::FakeSmtp relay;
  relay.refuse_recipient = "ib@valentijn.nl";
  auto refused = send_mail("127.0.0.1", relay.port(), notice(), 5);
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, "SMTP-server 127.0.0.1:" + std::to_string(relay.port()) + ": 550 5.1.1 no such user");
  EXPECT_TRUE(relay.wait_for(1, 0).empty()) << "nothing delivered";

  int closed_port = 0;
  {
    testing::FakeSmtp gone;
    closed_port = gone.port();
  }
  auto missing = send_mail("127.0.0.1", closed_port, notice(), 2);
  ASSERT_TRUE(missing);
  EXPECT_EQ(*missing, "SMTP-server 127.0.0.1:" + std::to_string(closed_port) + " niet bereikbaar");
}

MailServer submission(const testing::FakeSmtp& relay, MailSecurity security = MailSecurity::kStartTls) {
  MailServer s;
  s.host = "127.0.0.1";
  s.port = relay.port();
  s.security = security;
  s.username = "koers@valentijn.nl";
  s.password = "Geheim-wachtwoord-42";
  s.ca_file = relay.ca_file();  // the test relay's own certificate stands in for a public CA
  s.timeout_seconds = 5;
  s.client_name = "koers.valentijn.nl";
  return s;
}

// The password as it would go over the wire in AUTH PLAIN or LOGIN, and as itself.
bool shows_password(const std::string& wire) {
  return wire.find("Geheim-wachtwoord-42") != std::string::npos || wire.find("AUTH") != std::string::npos ||
         wire.find("R2VoZWlt") != std::string::npos;  // base64 of "Geheim"
}

TEST(Mail, WithStartTlsAndALoginTheMessageArrivesIntact) {
  testing::FakeSmtp relay;
  relay.offer_starttls = true;
  relay.user = "koers@valentijn.nl";
  relay.password = "Geheim-wachtwoord-42";
  MailMessage m = notice();
  m.body += "\nEén vraag over groep 5/6: één leerling.\n";
  ASSERT_EQ(send_mail(submission(relay), m), std::nullopt);
  auto mails = relay.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].tls);
  EXPECT_EQ(mails[0].auth_user, "koers@valentijn.nl");
  EXPECT_EQ(mails[0].helo, "koers.valentijn.nl") << "EHLO again after STARTTLS, with the public host name";
  EXPECT_EQ(mails[0].mail_params, " BODY=8BITMIME") << "the server offers 8BITMIME";
  EXPECT_NE(mails[0].data.find("Content-Transfer-Encoding: 8bit\r\n"), std::string::npos);
  EXPECT_NE(mails[0].data.find("\r\nEén vraag over groep 5/6: één leerling.\r\n"), std::string::npos)
      << "UTF-8 as it is: " << mails[0].data;
  EXPECT_EQ(as_read_by_python(mails[0].data), m.subject + "|" + m.body) << mails[0].data;
  const std::string clear = relay.cleartext();
  EXPECT_NE(clear.find("STARTTLS"), std::string::npos);
  EXPECT_FALSE(shows_password(clear)) << "nothing of the login before TLS:\n" << clear;
  EXPECT_EQ(clear.find("MAIL FROM"), std::string::npos);

  // AUTH LOGIN when the server offers only that (as Microsoft 365 does).
  relay.auth_mechanisms = "LOGIN XOAUTH2";
  ASSERT_EQ(send_mail(submission(relay), m), std::nullopt);
  EXPECT_EQ(relay.wait_for(2).at(1).auth_user, "koers@valentijn.nl");
}

TEST(Mail, TlsFromTheStartOnPort465) {
  testing::FakeSmtp relay;
  relay.implicit_tls = true;
  relay.user = "koers@valentijn.nl";
  relay.password = "Geheim-wachtwoord-42";
  ASSERT_EQ(send_mail(submission(relay, MailSecurity::kImplicitTls), notice()), std::nullopt);
  auto mails = relay.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].tls);
  EXPECT_EQ(relay.cleartext(), "") << "not one byte before TLS";
}

TEST(Mail, AWrongPasswordIsSaidClearlyAndNothingIsSent) {
  testing::FakeSmtp relay;
  relay.offer_starttls = true;
  relay.user = "koers@valentijn.nl";
  relay.password = "het-echte-wachtwoord";
  auto error = send_mail(submission(relay), notice());
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "SMTP-server 127.0.0.1:" + std::to_string(relay.port()) +
                        ": inloggen geweigerd; controleer de gebruikersnaam en het wachtwoord "
                        "(535 5.7.8 Authentication credentials invalid)");
  EXPECT_EQ(error->find("Geheim-wachtwoord-42"), std::string::npos);
  EXPECT_TRUE(relay.wait_for(1, 0).empty());

  // No login given where the server wants one: the error says what to fill in.
  MailServer anonymous = submission(relay);
  anonymous.username = anonymous.password = "";
  auto asked = send_mail(anonymous, notice());
  ASSERT_TRUE(asked);
  EXPECT_NE(asked->find("de server vraagt om in te loggen; vul gebruikersnaam en wachtwoord in (530"), std::string::npos)
      << *asked;
}

TEST(Mail, AServerWithoutStartTlsGetsNothingLeastOfAllThePassword) {
  testing::FakeSmtp relay;  // no STARTTLS, but happy to take a login in the clear
  relay.user = "koers@valentijn.nl";
  relay.password = "Geheim-wachtwoord-42";
  relay.offer_auth_in_clear = true;
  auto error = send_mail(submission(relay), notice());
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("biedt geen STARTTLS aan; Koers verstuurt niets"), std::string::npos) << *error;
  EXPECT_FALSE(shows_password(relay.cleartext())) << relay.cleartext();
  EXPECT_EQ(relay.cleartext().find("MAIL FROM"), std::string::npos);
  EXPECT_TRUE(relay.wait_for(1, 0).empty());

  // A login without TLS is refused before any connection.
  MailServer plain = submission(relay, MailSecurity::kNone);
  auto refused = send_mail(plain, notice());
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("inloggen zonder versleuteling zou het wachtwoord leesbaar"), std::string::npos);
  EXPECT_FALSE(shows_password(relay.cleartext()));
}

TEST(Mail, ACertificateThatIsNotTrustedOrNotForTheHostIsRefused) {
  testing::FakeSmtp relay;
  relay.offer_starttls = true;
  relay.user = "koers@valentijn.nl";
  relay.password = "Geheim-wachtwoord-42";
  MailServer system_cas = submission(relay);
  system_cas.ca_file = "";  // the system's CAs do not know the test relay's certificate
  auto untrusted = send_mail(system_cas, notice());
  ASSERT_TRUE(untrusted);
  EXPECT_NE(untrusted->find("het certificaat van de server is niet uitgegeven door een vertrouwde instantie"),
            std::string::npos)
      << *untrusted;
  EXPECT_NE(untrusted->find("Koers verstuurt niets"), std::string::npos);

  testing::FakeSmtp elsewhere("10.1.2.3");  // a trusted certificate, but for another address
  elsewhere.offer_starttls = true;
  elsewhere.user = "koers@valentijn.nl";
  elsewhere.password = "Geheim-wachtwoord-42";
  auto wrong_host = send_mail(submission(elsewhere), notice());
  ASSERT_TRUE(wrong_host);
  EXPECT_NE(wrong_host->find("het certificaat van de server is niet voor 127.0.0.1"), std::string::npos) << *wrong_host;

  for (auto* r : {&relay, &elsewhere}) {
    EXPECT_EQ(r->tls_sessions(), 0) << "no handshake completed";
    EXPECT_FALSE(shows_password(r->cleartext()));
    EXPECT_TRUE(r->wait_for(1, 0).empty());
  }
}

TEST(Mail, WithoutEightBitMimeTheBodyStaysQuotedPrintable) {
  testing::FakeSmtp relay;
  relay.offer_starttls = true;
  relay.offer_8bitmime = false;
  MailServer s = submission(relay);
  s.username = s.password = "";
  ASSERT_EQ(send_mail(s, notice()), std::nullopt);
  auto mails = relay.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_params, "");
  EXPECT_NE(mails[0].data.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  for (unsigned char ch : mails[0].data) ASSERT_LT(ch, 0x80);
  EXPECT_EQ(as_read_by_python(mails[0].data), notice().subject + "|" + notice().body + "\n");
}

TEST(Mail, AnEightBitBodyFallsBackForALineTooLongForSmtp) {
  MailMessage m = notice();
  EXPECT_NE(mail_text(m, "d", true).find("Content-Transfer-Encoding: 8bit"), std::string::npos);
  m.body = std::string(1200, 'x') + "\nnog een regel\n";
  const std::string text = mail_text(m, "d", true);
  EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
  EXPECT_EQ(as_read_by_python(text), m.subject + "|" + m.body);
}

}  // namespace
}  // namespace koers::io
