// Accounts over HTTP (issue 12 §2): the activation letter's code sets a password once; a
// deactivated account is refused at once, its open session included; the IB manages only
// its own school; two-factor with real TOTP codes from oathtool; the brake stops guessing
// and spraying without letting a stranger lock out an owner who has a second factor, and
// unknown user names make no rows. Its own demo database and server, so the brake's rows
// do not reach the authorisation tests' world.
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>

#include "../../smtp_fake.h"
#include "../http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "accounts";
const char* kTotpKey = "KOERSDEMOKOERSDEMOKOERSDEMOKOERS";  // demo login directeur-2fa

std::string oathtool(const std::string& secret, int offset_steps = 0) {
  std::string cmd = "oathtool --totp -b " + secret;
  if (offset_steps) cmd += " -N '" + std::to_string(offset_steps * 30) + " seconds'";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[64] = {0};
  std::string out = p && fgets(buf, sizeof buf, p) ? buf : "";
  if (p) pclose(p);
  while (!out.empty() && (out.back() == '\n')) out.pop_back();
  return out;
}

class Accounts : public OwnServerSuite<kSuite> {
 protected:
  // Each test starts clean: no brake, and the demo's TOTP code of this moment unused again.
  void TearDown() override { forget_brake(); }
  static void forget_brake() {
    auto d = store::Database::open(db, 1);
    d->write([](soci::session& sql) {
      sql << "DELETE FROM login_throttle";
      sql << "UPDATE accounts SET totp_last_step = 0 WHERE username = 'directeur-2fa'";
    });
  }
  static long long count(const std::string& query) {
    auto d = store::Database::open(db, 1);
    return d->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
  static HttpResult login(Browser& b, const std::string& user, const std::string& password, const std::string& code = "") {
    json body{{"username", user}, {"password", password}};
    if (!code.empty()) body["code"] = code;
    return b.request("POST", "/api/v1/session", body.dump(), "application/json");
  }
  // The id of an account in the Accounts list, by user name.
  static std::string account_id(Browser& admin, const std::string& username) {
    std::string page = admin.get("/accounts").body;
    std::smatch m;
    std::regex row("data-username=\"" + username + "\">[\\s\\S]*?/accounts/(\\d+)/");
    return std::regex_search(page, m, row) ? m[1].str() : "";
  }
  static std::string letter_code(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("class=\"letter-code\">([A-Z0-9-]{14})<")) ? m[1].str() : "";
  }
  static std::string first_invited(Browser& admin) {
    std::string page = admin.get("/accounts").body;
    std::smatch m;
    std::regex row("data-username=\"([a-z0-9.\\-]+)\">(?:(?!</tr>)[\\s\\S])*?<td>uitgenodigd</td>");
    return std::regex_search(page, m, row) ? m[1].str() : "";
  }
  // An invited account of the demo, activated through its letter; returns its user name.
  static std::string activated(Browser& admin, const std::string& password) {
    std::string user = first_invited(admin);
    EXPECT_FALSE(user.empty());
    HttpResult letter = admin.post_form("/accounts/" + account_id(admin, user) + "/herstelcode", {});
    EXPECT_EQ(letter.status, 200);
    Browser anyone(server->port());
    HttpResult done = anyone.post_form("/activeren", {{"code", letter_code(letter.body)}, {"password", password},
                                                      {"password2", password}}, false);
    EXPECT_EQ(done.status, 303);
    return user;
  }
};

TEST_F(Accounts, TheLettersCodeSetsThePasswordOnce) {
  Browser admin = signed_in("beheer");
  HttpResult list = admin.get("/accounts");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("<td>uitgenodigd</td>"), std::string::npos) << "the EDEXML import invited the staff";
  const std::string user = first_invited(admin);
  ASSERT_FALSE(user.empty());
  Browser owner(server->port());
  EXPECT_EQ(login(owner, user, "wat-dan-ook-1").status, 401) << "no password before activation";

  HttpResult letter = admin.post_form("/accounts/" + account_id(admin, user) + "/herstelcode", {});
  ASSERT_EQ(letter.status, 200);
  const std::string code = letter_code(letter.body);
  ASSERT_EQ(code.size(), 14u) << letter.body.substr(0, 2000);
  EXPECT_NE(letter.body.find(user), std::string::npos) << "the letter names the user name";

  HttpResult mismatch = owner.post_form("/activeren", {{"code", code}, {"password", "mijn-wachtwoord-1"},
                                                       {"password2", "mijn-wachtwoord-2"}}, false);
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_NE(mismatch.body.find("Herhaal wachtwoord"), std::string::npos);
  HttpResult done = owner.post_form("/activeren", {{"code", code}, {"password", "mijn-wachtwoord-1"},
                                                   {"password2", "mijn-wachtwoord-1"}}, false);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), "/inloggen?geactiveerd=1");
  EXPECT_EQ(login(owner, user, "mijn-wachtwoord-1").status, 200);
  EXPECT_NE(admin.get("/accounts").body.find("data-username=\"" + user + "\""), std::string::npos);

  Browser thief(server->port());
  HttpResult again = thief.post_form("/activeren", {{"code", code}, {"password", "dief-wachtwoord-1"},
                                                    {"password2", "dief-wachtwoord-1"}}, false);
  EXPECT_EQ(again.status, 400) << "a used activation code is refused";
  EXPECT_NE(again.body.find("al gebruikt of verlopen"), std::string::npos);
  EXPECT_EQ(login(thief, user, "dief-wachtwoord-1").status, 401);
}

TEST_F(Accounts, ADeactivatedAccountIsRefusedAtOnce) {
  Browser admin = signed_in("beheer");
  const std::string user = activated(admin, "mijn-wachtwoord-1");
  Browser owner(server->port());
  ASSERT_EQ(login(owner, user, "mijn-wachtwoord-1").status, 200);
  ASSERT_EQ(owner.get("/api/v1/me").status, 200);
  HttpResult off = admin.post_form("/accounts/" + account_id(admin, user) + "/deactiveren", {});
  EXPECT_EQ(off.status, 303);
  EXPECT_EQ(owner.get("/api/v1/me").status, 401) << "the open session ends with the deactivation";
  HttpResult refused = login(owner, user, "mijn-wachtwoord-1");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("gedeactiveerd"), std::string::npos);
  EXPECT_NE(admin.get("/accounts").body.find("gedeactiveerd"), std::string::npos);
}

TEST_F(Accounts, TheIbManagesOnlyTheirOwnSchool) {
  Browser ib = signed_in("ib");
  Browser admin = signed_in("beheer");
  HttpResult list = ib.get("/accounts");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("data-username=\"ib-regenboog\""), std::string::npos) << "another school's accounts";
  EXPECT_EQ(list.body.find("data-username=\"beheer\""), std::string::npos);
  const std::string other = account_id(admin, "ib-regenboog");
  ASSERT_FALSE(other.empty());
  // Another school's account answers as an unknown one.
  EXPECT_EQ(ib.post_form("/accounts/" + other + "/deactiveren", {}).status, 404);
  EXPECT_EQ(ib.post_form("/accounts/" + other + "/herstelcode", {}).status, 404);
  const std::string teacher = account_id(ib, "leerkracht");
  ASSERT_FALSE(teacher.empty());
  EXPECT_EQ(ib.post_form("/accounts/" + teacher + "/rol", {{"role", "beheer"}}).status, 400)
      << "the IB makes no board administrator";
  EXPECT_EQ(signed_in("leerkracht").get("/accounts").status, 403);
  EXPECT_EQ(signed_in("directeur").post_form("/accounts/" + teacher + "/deactiveren", {}).status, 403);
  Browser stranger(server->port());
  EXPECT_EQ(stranger.post_form("/accounts/" + teacher + "/deactiveren", {}, false).status, 303) << "to the login";
}

TEST_F(Accounts, TwoFactorLoginWithRealCodes) {
  Browser b(server->port());
  HttpResult without = login(b, "directeur-2fa", "koers-demo");
  EXPECT_EQ(without.status, 401);
  EXPECT_TRUE(without.json().value("second_factor_required", false));
  EXPECT_EQ(login(b, "directeur-2fa", "koers-demo", oathtool(kTotpKey, 20)).status, 401) << "a code of later";
  const std::string code = oathtool(kTotpKey);
  HttpResult ok = login(b, "directeur-2fa", "koers-demo", code);
  ASSERT_EQ(ok.status, 200) << ok.body;
  Browser replay(server->port());
  EXPECT_EQ(login(replay, "directeur-2fa", "koers-demo", code).status, 401) << "a code works once";
  EXPECT_EQ(login(replay, "directeur-2fa", "fout-wachtwoord", oathtool(kTotpKey, 1)).status, 401)
      << "a right code does not make up for a wrong password";
}

TEST_F(Accounts, WrongCodesAreBrakedToo) {
  Browser b(server->port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login(b, "directeur-2fa", "koers-demo", "00000" + std::to_string(i)).status, 401) << i;
  EXPECT_EQ(login(b, "directeur-2fa", "koers-demo", oathtool(kTotpKey)).status, 429);
}

TEST_F(Accounts, AStrangerCannotLockOutAnOwnerWithASecondFactor) {
  Browser stranger(server->port());
  for (int i = 0; i < 6; ++i) login(stranger, "directeur-2fa", "geraden-" + std::to_string(i));
  Browser owner(server->port());
  EXPECT_EQ(login(owner, "directeur-2fa", "koers-demo").status, 429) << "braked without the code";
  EXPECT_EQ(login(owner, "directeur-2fa", "koers-demo", oathtool(kTotpKey)).status, 200)
      << "password and code get the owner through";
}

TEST_F(Accounts, UnknownUserNamesMakeNoRowsAndSprayingIsBraked) {
  Browser b(server->port());
  for (int i = 0; i < 19; ++i)
    EXPECT_EQ(login(b, "bestaat-niet-" + std::to_string(i), "Zomer2026!").status, 401) << i;
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_throttle WHERE throttle_key LIKE 'user:%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_throttle"), 1) << "one row for the address";
  EXPECT_EQ(login(b, "ib", "Zomer2026!").status, 401);
  HttpResult braked = login(b, "directeur", "Zomer2026!");
  EXPECT_EQ(braked.status, 429) << "one password over many names is braked at the 21st";
  EXPECT_FALSE(braked.header("retry-after").empty());
  EXPECT_EQ(login(b, "directeur-2fa", "koers-demo", oathtool(kTotpKey)).status, 200)
      << "with a second factor the owner still gets in from that address";
}

TEST_F(Accounts, ASchoolCanRequireTwoFactorForTheIb) {
  Browser admin = signed_in("beheer");
  std::string page = admin.get("/accounts").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("name=\"school_id\" value=\"(\\d+)\"")));
  const std::string school = m[1].str();
  ASSERT_EQ(admin.post_form("/accounts/tweestap-verplicht", {{"school_id", school}, {"required", "1"}}).status, 303);
  Browser ib = signed_in("ib");
  HttpResult groups = ib.get("/groepen");
  EXPECT_EQ(groups.status, 303);
  EXPECT_EQ(groups.header("location"), "/account");
  EXPECT_EQ(ib.get("/api/v1/groups").status, 403);
  EXPECT_EQ(ib.post_form("/account/tweestap", {{"stap", "aanzetten"}}).status, 303);
  std::string enrol = ib.get("/account?tweestap=instellen").body;
  ASSERT_TRUE(std::regex_search(enrol, m, std::regex("class=\"totp-secret\">([A-Z2-7]{32})<"))) << enrol.substr(0, 3000);
  const std::string secret = m[1].str();
  HttpResult wrong = ib.post_form("/account/tweestap", {{"stap", "bevestigen"}, {"code", oathtool(secret, 20)}});
  EXPECT_EQ(wrong.status, 400);
  HttpResult on = ib.post_form("/account/tweestap", {{"stap", "bevestigen"}, {"code", oathtool(secret)}});
  ASSERT_EQ(on.status, 200);
  std::vector<std::string> recovery;
  std::regex item("<li><code>([A-Z0-9-]{14})</code></li>");
  for (auto it = std::sregex_iterator(on.body.begin(), on.body.end(), item); it != std::sregex_iterator(); ++it)
    recovery.push_back((*it)[1].str());
  ASSERT_EQ(recovery.size(), 10u) << "the recovery codes are shown once";
  EXPECT_EQ(ib.get("/account").body.find(recovery[0]), std::string::npos) << "and not again";
  EXPECT_EQ(ib.get("/groepen").status, 200);
  Browser again(server->port());
  EXPECT_EQ(login(again, "ib", "koers-demo").status, 401) << "from now on the IB needs the code";
  EXPECT_EQ(login(again, "ib", "koers-demo", oathtool(secret, 1)).status, 200);
  Browser phone_lost(server->port());
  EXPECT_EQ(login(phone_lost, "ib", "koers-demo", recovery[3]).status, 200) << "a recovery code instead";
  EXPECT_EQ(login(phone_lost, "ib", "koers-demo", recovery[3]).status, 401) << "once";
  EXPECT_NE(ib.post_form("/account/tweestap", {{"stap", "uitzetten"}, {"password", "koers-demo"}}).body.find("verplicht"),
            std::string::npos);
  EXPECT_EQ(admin.post_form("/accounts/tweestap-verplicht", {{"school_id", school}, {"required", "0"}}).status, 303);
}

TEST_F(Accounts, AUserChangesTheirOwnPassword) {
  Browser admin = signed_in("beheer");
  const std::string user = activated(admin, "mijn-wachtwoord-1");
  Browser owner(server->port());
  HttpResult in = login(owner, user, "mijn-wachtwoord-1");
  ASSERT_EQ(in.status, 200);
  const std::string csrf = in.json().value("csrf_token", "");
  HttpResult wrong = owner.post_form("/account/wachtwoord", {{"_csrf", csrf}, {"current", "fout"},
                                                             {"password", "nieuw-wachtwoord"}, {"password2", "nieuw-wachtwoord"}}, false);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("Huidig wachtwoord: klopt niet."), std::string::npos);
  EXPECT_EQ(owner.post_form("/account/wachtwoord", {{"_csrf", csrf}, {"current", "mijn-wachtwoord-1"},
                                                    {"password", "nieuw-wachtwoord"}, {"password2", "nieuw-wachtwoord"}}, false)
                .status,
            303);
  Browser later(server->port());
  EXPECT_EQ(login(later, user, "mijn-wachtwoord-1").status, 401);
  EXPECT_EQ(login(later, user, "nieuw-wachtwoord").status, 200);
}

TEST_F(Accounts, WithTheSchoolsRelayTheLetterAlsoGoesByEmail) {
  koers::testing::FakeSmtp relay;
  auto set_relay = [](const std::string& host, int port) {
    auto d = store::Database::open(db, 1);
    d->write([&](soci::session& sql) {
      sql << "UPDATE schools SET smtp_host = :h, smtp_port = :p, mail_from = 'koers@valentijn.nl' WHERE name = "
             "'CBS De Valentijn'",
          soci::use(host), soci::use(port);
    });
  };
  set_relay("127.0.0.1", relay.port());
  Browser admin = signed_in("beheer");
  HttpResult letter = admin.post_form("/accounts/" + account_id(admin, "leerkracht") + "/herstelcode", {});
  ASSERT_EQ(letter.status, 200);
  EXPECT_NE(letter.body.find("Ook per e-mail verstuurd"), std::string::npos);
  const std::string code = letter_code(letter.body);
  auto mails = relay.wait_for(1, 10);
  set_relay("", 25);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].to[0].find('@'), std::string::npos) << "the address from the staff record";
  EXPECT_NE(mails[0].data.find(code), std::string::npos) << mails[0].data;
  EXPECT_NE(mails[0].data.find("Gebruikersnaam: leerkracht"), std::string::npos);
}

TEST_F(Accounts, TheBoardCannotLinkAnAccountToAnotherSchoolsTeacher) {
  Browser admin = signed_in("beheer");
  const std::string page = admin.get("/beheer").body;
  std::smatch school, staff;
  ASSERT_TRUE(std::regex_search(page, school, std::regex("<option value=\"(\\d+)\">CBS De Valentijn</option>")));
  ASSERT_TRUE(std::regex_search(page, staff, std::regex("<option value=\"(\\d+)\">[^<]*OBS De Regenboog\\)</option>")));
  HttpResult refused = admin.post_form("/beheer/accounts", {{"username", "kruisje"}, {"display_name", "Kruis"},
                                                            {"password", "een-goed-wachtwoord"}, {"role", "leerkracht"},
                                                            {"school_id", school[1].str()}, {"staff_id", staff[1].str()}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Medewerker: hoort niet bij de gekozen school."), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE username = 'kruisje'"), 0);
}

}  // namespace
}  // namespace koers::web::testing
