// Sending a notice through a school's SMTP relay: the dialogue a relay expects, the message
// as it arrives (encoded subject, CRLF, dot-stuffing), an old relay that only knows HELO, and
// the errors a user reads when the relay refuses or is not there.
#include "io/mail.h"

#include <gtest/gtest.h>

#include "../smtp_fake.h"

namespace koers::io {
namespace {

MailMessage notice() {
  return {"koers@valentijn.nl", {"ib@valentijn.nl"}, "Groepsbespreking 5/6: voorbereiding ontvangen — één vraag",
          "Joost Peters heeft de voorbereiding verstuurd.\n.Een regel die met een punt begint.\nOpen Koers."};
}

TEST(Mail, TheTextHasHeadersAnEncodedSubjectCrlfAndDotStuffing) {
  const std::string text = mail_text(notice(), "Mon, 23 Nov 2026 10:00:00 +0000");
  EXPECT_NE(text.find("From: koers@valentijn.nl\r\nTo: ib@valentijn.nl\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos) << "not ASCII: RFC 2047";
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\nJoost Peters heeft de voorbereiding verstuurd.\r\n..Een regel"), std::string::npos) << text;
  for (size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) ASSERT_EQ(text[i - 1], '\r');
  EXPECT_NE(mail_text({"a@b.nl", {"c@d.nl"}, "Plain subject", "x"}, "d").find("Subject: Plain subject\r\n"),
            std::string::npos)
      << "ASCII stays as it is";
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
