// The head sets up the school's mail as Microsoft 365 or Google want it (STARTTLS, a login)
// on the settings page, and "Testmail versturen" shows what the server said, in Dutch. The
// password is never shown back; an empty field keeps it; only the head may do either. The
// server under test trusts the test relay's own certificate through --smtp-ca-file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <regex>

#include "../../smtp_fake.h"
#include "../http_support.h"

namespace koers::web::testing {
namespace {

class MailSettingsPage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    relay = new koers::testing::FakeSmtp;
    relay->offer_starttls = true;
    relay->user = "koers@valentijn.nl";
    relay->password = "Http-geheim-77";
    dir = std::filesystem::temp_directory_path() / ("koers-http-mail-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    db = demo_database(dir.string(), "koers_http_mail");
    std::vector<std::string> args = {"--public-url", "https://koers-mail.example", "--smtp-ca-file", relay->ca_file()};
    // SQLite: the key goes beside the database by itself; PostgreSQL: it must be named.
    on_pg = std::getenv("KOERS_HTTP_ON_PG") != nullptr;
    key_file = on_pg ? (dir / "secret.key").string() : db + ".key";
    if (on_pg) args.insert(args.end(), {"--secret-key-file", key_file});
    server = new ServerProcess(db, args);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
    delete relay;
    relay = nullptr;
    std::filesystem::remove_all(dir);
  }
  void SetUp() override { ASSERT_NE(server, nullptr); }

  static Browser signed_in(const std::string& username) {
    Browser b(server->port());
    EXPECT_EQ(b.api_login(username, "koers-demo").status, 200) << username;
    return b;
  }
  // The settings form as the page fills it (periods kept), with the mail settings given.
  static std::map<std::string, std::string> form(Browser& head, std::map<std::string, std::string> mail) {
    std::map<std::string, std::string> f = {{"name", "CBS De Valentijn"}, {"place", "Alphen aan den Rijn"}};
    const std::string page = head.get("/school/instellingen").body;
    static const std::regex input(R"re(name="(period_\d+_\w+)" value="([^"]*)")re");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), input); it != std::sregex_iterator(); ++it)
      f[(*it)[1].str()] = (*it)[2].str();
    for (auto& [k, v] : mail) f[k] = v;
    return f;
  }
  static std::map<std::string, std::string> office365_like(const std::string& password) {
    return {{"smtp_host", "127.0.0.1"},          {"smtp_port", std::to_string(relay->port())},
            {"smtp_security", "starttls"},       {"mail_from", "koers@valentijn.nl"},
            {"smtp_username", "koers@valentijn.nl"}, {"smtp_password", password}};
  }

  static inline koers::testing::FakeSmtp* relay = nullptr;
  static inline std::filesystem::path dir;
  static inline std::string db, key_file;
  static inline bool on_pg = false;
  static inline ServerProcess* server = nullptr;
};

TEST_F(MailSettingsPage, TheHeadSetsUpStartTlsWithALoginAndATestmailArrives) {
  Browser head = signed_in("directeur");
  const std::string empty = head.get("/school/instellingen").body;
  EXPECT_NE(empty.find("<option value=\"starttls\" selected>STARTTLS (poort 587)</option>"), std::string::npos) << empty;
  EXPECT_NE(empty.find("Testmail versturen"), std::string::npos);

  ASSERT_EQ(head.post_form("/school/instellingen", form(head, office365_like("Http-geheim-77"))).status, 303);
  struct stat st {};
  ASSERT_EQ(stat(key_file.c_str(), &st), 0) << key_file;
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const std::string page = head.get("/school/instellingen").body;
  EXPECT_EQ(page.find("Http-geheim-77"), std::string::npos) << "the password is never shown back";
  EXPECT_NE(page.find("placeholder=\"ongewijzigd laten\""), std::string::npos);
  EXPECT_NE(page.find("value=\"koers@valentijn.nl\""), std::string::npos);

  HttpResult sent = head.post_form("/school/instellingen/testmail", {{"testmail_to", "ib@valentijn.nl"}});
  EXPECT_EQ(sent.status, 200);
  const std::string via = "127.0.0.1:" + std::to_string(relay->port()) + " (STARTTLS, ingelogd als koers@valentijn.nl)";
  EXPECT_NE(sent.body.find("Testmail verstuurd aan ib@valentijn.nl via " + via), std::string::npos) << sent.body;
  auto mails = relay->wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].tls);
  EXPECT_EQ(mails[0].auth_user, "koers@valentijn.nl");
  EXPECT_EQ(mails[0].to, std::vector<std::string>{"<ib@valentijn.nl>"});
  EXPECT_EQ(mails[0].helo, "koers-mail.example");

  // Saving again with the password field left empty keeps it: the next testmail logs in too.
  ASSERT_EQ(head.post_form("/school/instellingen", form(head, office365_like(""))).status, 303);
  EXPECT_EQ(head.post_form("/school/instellingen/testmail", {{"testmail_to", "ib@valentijn.nl"}}).status, 200);
  EXPECT_EQ(relay->wait_for(2).size(), 2u);
}

TEST_F(MailSettingsPage, WhatGoesWrongIsShownInDutch) {
  Browser head = signed_in("directeur");
  ASSERT_EQ(head.post_form("/school/instellingen", form(head, office365_like("Fout-wachtwoord-1"))).status, 303);
  const size_t before = relay->wait_for(0, 0).size();
  HttpResult refused = head.post_form("/school/instellingen/testmail", {{"testmail_to", "ib@valentijn.nl"}});
  EXPECT_EQ(refused.status, 502);
  EXPECT_NE(refused.body.find("Testmail niet verstuurd: SMTP-server 127.0.0.1:" + std::to_string(relay->port()) +
                              ": inloggen geweigerd; controleer de gebruikersnaam en het wachtwoord (535"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(refused.body.find("Fout-wachtwoord-1"), std::string::npos);
  EXPECT_EQ(relay->wait_for(before + 1, 0).size(), before) << "nothing delivered";

  // A login over an unencrypted connection is refused when saving, naming the field.
  auto plain = office365_like("Http-geheim-77");
  plain["smtp_security"] = "none";
  HttpResult unsafe = head.post_form("/school/instellingen", form(head, plain));
  EXPECT_EQ(unsafe.status, 400);
  EXPECT_NE(unsafe.body.find("Gebruikersnaam: inloggen kan alleen over een versleutelde verbinding"), std::string::npos);
  EXPECT_EQ(unsafe.body.find("Http-geheim-77"), std::string::npos) << "not even in the form shown again";

  HttpResult bad_address = head.post_form("/school/instellingen/testmail", {{"testmail_to", "geen adres"}});
  EXPECT_NE(bad_address.body.find("bij Testmail aan hoort een e-mailadres"), std::string::npos);
  ASSERT_EQ(head.post_form("/school/instellingen", form(head, office365_like("Http-geheim-77"))).status, 303);
}

TEST_F(MailSettingsPage, OnlyTheHeadSendsATestmail) {
  const size_t before = relay->wait_for(0, 0).size();
  for (const char* role : {"leerkracht", "ib", "zorgteam", "ouder", "beheer"}) {
    Browser b = signed_in(role);
    EXPECT_EQ(b.post_form("/school/instellingen/testmail", {{"testmail_to", "x@valentijn.nl"}}).status, 403) << role;
  }
  Browser head = signed_in("directeur");
  EXPECT_EQ(head.post_form("/school/instellingen/testmail", {{"testmail_to", "x@valentijn.nl"}}, false).status, 403)
      << "without the CSRF token";
  EXPECT_EQ(relay->wait_for(before + 1, 0).size(), before);
}

}  // namespace
}  // namespace koers::web::testing
