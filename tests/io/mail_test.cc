// Sending a notice through a school's SMTP relay: the dialogue a relay expects, the message
// as it arrives (encoded subject, CRLF, dot-stuffing), an old relay that only knows HELO, and
// the errors a user reads when the relay refuses or is not there.
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

}  // namespace
}  // namespace koers::io
