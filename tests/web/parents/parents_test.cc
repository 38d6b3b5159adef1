// Parents as partners over HTTP (issue 17): the IB invites a guardian from the stamkaart and the
// board administrator a group's parents from Accounts; the letter's code works once and not
// after it expired; the parent matrix (own child yes, a sibling through the same guardian yes,
// another child 403 on the consents API and not found on the pages, a child who left only until
// the parents' access ends, an adult without a guardian link nothing); the consents API for the
// parent and the IB only; a parent gives and withdraws a consent and the IB's start page shows it.
#include <gtest/gtest.h>

#include <regex>

#include "../http_support.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "domain/date.h"
#include "domain/parent_access.h"
#include "domain/retention.h"
#include "store/account_repository.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "parents";

class Parents : public OwnServerSuite<kSuite> {
 protected:
  static std::unique_ptr<store::Database> open() { return store::Database::open(db, 1); }
  static long long number(const std::string& query) {
    return open()->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
  static void execute(const std::string& statement) {
    open()->write([&](soci::session& sql) { sql << statement; });
  }
  static std::string letter_code(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("class=\"letter-code\">([A-Z0-9-]{14})<")) ? m[1].str() : "";
  }
  static std::string letter_username(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("class=\"letter-username\">([a-z0-9.\\-]+)<")) ? m[1].str() : "";
  }
  static HttpResult activate(const std::string& code, const std::string& password) {
    Browser anyone(server->port());
    return anyone.post_form("/activeren", {{"code", code}, {"password", password}, {"password2", password}}, false);
  }
  static Browser login(const std::string& user, const std::string& password) {
    Browser b(server->port());
    EXPECT_EQ(b.api_login(user, password).status, 200) << user;
    return b;
  }
  static std::string id(long long n) { return std::to_string(n); }
  // A text as the templates escape it.
  static std::string html(const std::string& text) {
    std::string out;
    for (char c : text) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        default:
          out += c;
      }
    }
    return out;
  }
  static std::vector<long long> children(Browser& parent) {
    std::vector<long long> out;
    const json me = parent.get("/api/v1/me").json();  // kept: a loop over a temporary's member dangles
    for (const auto& c : me["children"]) out.push_back(c["id"]);
    return out;
  }
  // A guardian of the first school linked to `pupils` pupils, all current, without an account
  // and not a guardian of `except_pupil`, by id; with their first child.
  static std::pair<long long, long long> guardian_with(int pupils, long long except_pupil = 0) {
    return open()->read([&](soci::session& sql) {
      long long guardian = 0, pupil = 0;
      sql << "SELECT pg.guardian_id, MIN(pg.pupil_id) FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id "
             "WHERE p.school_id = (SELECT MIN(id) FROM schools) AND pg.guardian_id NOT IN "
             "(SELECT guardian_id FROM accounts WHERE guardian_id IS NOT NULL) AND pg.guardian_id NOT IN "
             "(SELECT guardian_id FROM pupil_guardians WHERE pupil_id = :x) GROUP BY pg.guardian_id "
             "HAVING COUNT(*) = :n AND COUNT(p.left_on) = 0 ORDER BY pg.guardian_id LIMIT 1",
          soci::use(except_pupil), soci::use(pupils), soci::into(guardian), soci::into(pupil);
      return std::make_pair(guardian, pupil);
    });
  }
  static HttpResult invite(Browser& ib, long long pupil, long long guardian) {
    return ib.post_form("/leerlingen/" + id(pupil) + "/ouders/" + id(guardian) + "/uitnodigen", {});
  }
  static HttpResult send(Browser& b, const std::string& method, const std::string& path) {
    return b.request(method, path, "{}", "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
};

TEST_F(Parents, TheIbInvitesAGuardianAndTheCodeWorksOnceAndTheNewestOnly) {
  Browser ib = signed_in("ib");
  const auto [guardian, pupil] = guardian_with(1);
  ASSERT_GT(guardian, 0);
  const std::string page = ib.get("/leerlingen/" + id(pupil)).body;
  EXPECT_NE(page.find("/leerlingen/" + id(pupil) + "/ouders/" + id(guardian) + "/uitnodigen"), std::string::npos)
      << "the stamkaart offers the invitation";
  EXPECT_NE(page.find("Koers: nog geen account"), std::string::npos);

  HttpResult first = invite(ib, pupil, guardian);
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 500);
  const std::string child_name = html(ib.get("/api/v1/pupils/" + id(pupil)).json()["name"]);
  EXPECT_NE(first.body.find("class=\"letter-children\">uw kind " + child_name + "<"), std::string::npos)
      << "the letter names the child it is for";
  const std::string old_code = letter_code(first.body), user = letter_username(first.body);
  ASSERT_EQ(old_code.size(), 14u);
  EXPECT_EQ(number("SELECT COUNT(*) FROM accounts WHERE role = 'ouder' AND guardian_id = " + id(guardian)), 1);
  // Invited again: a fresh letter for the same account; the first code stops working.
  HttpResult second = invite(ib, pupil, guardian);
  ASSERT_EQ(second.status, 200);
  const std::string code = letter_code(second.body);
  EXPECT_EQ(letter_username(second.body), user) << "one account per guardian";
  EXPECT_EQ(number("SELECT COUNT(*) FROM accounts WHERE guardian_id = " + id(guardian)), 1);
  EXPECT_EQ(activate(old_code, "ouder-wachtwoord-1").status, 400) << "the older code is void";

  EXPECT_EQ(activate(code, "ouder-wachtwoord-1").status, 303);
  EXPECT_EQ(activate(code, "ander-wachtwoord-1").status, 400) << "single use";
  Browser parent = login(user, "ouder-wachtwoord-1");
  EXPECT_EQ(children(parent), std::vector<long long>{pupil});
  EXPECT_EQ(parent.get("/kinderen").status, 200);

  // An active account is not invited again.
  HttpResult again = invite(ib, pupil, guardian);
  EXPECT_EQ(again.status, 303);
  EXPECT_NE(ib.get(again.header("location")).body.find("heeft al een account"), std::string::npos);
  // Only the IB invites from the stamkaart; a guardian of another pupil is not found there.
  Browser head = signed_in("directeur"), other_ib = signed_in("ib-regenboog");
  EXPECT_EQ(invite(head, pupil, guardian).status, 403);
  const auto [other_guardian, other_pupil] = guardian_with(1, pupil);
  EXPECT_EQ(invite(ib, pupil, other_guardian).status, 404);
  EXPECT_EQ(invite(other_ib, other_pupil, other_guardian).status, 404);
}

TEST_F(Parents, AnActivationCodeExpires) {
  Browser ib = signed_in("ib");
  const auto [guardian, pupil] = guardian_with(1);
  HttpResult letter = invite(ib, pupil, guardian);
  ASSERT_EQ(letter.status, 200);
  const std::string code = letter_code(letter.body);
  execute(
      "UPDATE account_codes SET expires_at = '2020-01-01T00:00:00Z' WHERE account_id = (SELECT id FROM accounts "
      "WHERE guardian_id = " +
      id(guardian) + ")");
  HttpResult late = activate(code, "ouder-wachtwoord-1");
  EXPECT_EQ(late.status, 400);
  EXPECT_NE(late.body.find("al gebruikt of verlopen"), std::string::npos);
  Browser b(server->port());
  EXPECT_EQ(b.api_login(letter_username(letter.body), "ouder-wachtwoord-1").status, 401);
}

// Parents keep access until the care data's retention date: 3 years for a pupil referred to
// SBO/SO (2.5 years on: seen; after 3: not), and not once the IB deleted the care data.
TEST_F(Parents, AChildReferredToSpecialEducationIsSeenUntilTheLongerRetentionDate) {
  Browser ib = signed_in("ib");
  const auto [guardian, child] = guardian_with(1);
  ASSERT_GT(guardian, 0);
  HttpResult letter = invite(ib, child, guardian);
  ASSERT_EQ(letter.status, 200);
  ASSERT_EQ(activate(letter_code(letter.body), "ouder-wachtwoord-1").status, 303);
  Browser parent = login(letter_username(letter.body), "ouder-wachtwoord-1");
  ASSERT_EQ(children(parent), std::vector<long long>{child});

  const domain::Date today = today_local();
  const domain::Date two_and_a_half = domain::add_days(today, -(2 * 365 + 182));
  const domain::Date over_three = domain::add_days(today, -(3 * 365 + 2));
  execute("INSERT INTO retention_pupils (pupil_id, destination) VALUES (" + id(child) + ", 'sbo')");
  execute("UPDATE pupils SET left_on = '" + two_and_a_half.iso() + "' WHERE id = " + id(child));
  EXPECT_EQ(children(parent), std::vector<long long>{child}) << "referred: 2.5 years after leaving still seen";
  EXPECT_EQ(parent.get("/leerlingen/" + id(child)).status, 200);
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(child) + "/consents").status, 200);
  EXPECT_NE(parent.get("/kinderen").body.find(domain::add_years(two_and_a_half, 3).dutch()), std::string::npos)
      << "the notice names the 3-year date";

  // The same pupil not referred (destination regular): past the 2 years, gone.
  execute("UPDATE retention_pupils SET destination = 'regulier' WHERE pupil_id = " + id(child));
  EXPECT_TRUE(children(parent).empty()) << "not referred: 2 years";
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(child) + "/consents").status, 403);

  execute("UPDATE retention_pupils SET destination = 'sbo' WHERE pupil_id = " + id(child));
  execute("UPDATE pupils SET left_on = '" + over_three.iso() + "' WHERE id = " + id(child));
  EXPECT_TRUE(children(parent).empty()) << "referred: not after 3 years";
  EXPECT_EQ(parent.get("/leerlingen/" + id(child)).status, 404);

  // Left half a year ago, but the care data are already deleted: access ends with them.
  execute("UPDATE pupils SET left_on = '" + domain::add_days(today, -182).iso() + "' WHERE id = " + id(child));
  EXPECT_EQ(children(parent), std::vector<long long>{child});
  execute("UPDATE retention_pupils SET care_deleted_at = '2026-01-01T00:00:00Z' WHERE pupil_id = " + id(child));
  EXPECT_TRUE(children(parent).empty()) << "the care data went";

  execute("DELETE FROM retention_pupils WHERE pupil_id = " + id(child));
  execute("UPDATE pupils SET left_on = NULL WHERE id = " + id(child));
}

TEST_F(Parents, TheParentMatrix) {
  Browser ib = signed_in("ib");
  // A guardian of two children of the school sees both.
  const auto [guardian, first_child] = guardian_with(2);
  ASSERT_GT(guardian, 0) << "the demo has families with two children at one school";
  HttpResult letter = invite(ib, first_child, guardian);
  ASSERT_EQ(letter.status, 200);
  ASSERT_EQ(activate(letter_code(letter.body), "ouder-wachtwoord-1").status, 303);
  Browser parent = login(letter_username(letter.body), "ouder-wachtwoord-1");
  const std::vector<long long> kids = children(parent);
  ASSERT_EQ(kids.size(), 2u);
  {
    const std::string a = html(ib.get("/api/v1/pupils/" + id(kids[0])).json()["name"]),
                      b = html(ib.get("/api/v1/pupils/" + id(kids[1])).json()["name"]);
    EXPECT_TRUE(letter.body.find("uw kinderen " + a + " en " + b) != std::string::npos ||
                letter.body.find("uw kinderen " + b + " en " + a) != std::string::npos)
        << "the letter names both children";
  }
  const long long sibling = kids[0] == first_child ? kids[1] : kids[0];
  for (long long child : kids) {
    EXPECT_EQ(parent.get("/leerlingen/" + id(child)).status, 200) << child;
    EXPECT_EQ(parent.get("/api/v1/pupils/" + id(child) + "/consents").status, 200) << child;
  }
  const std::string home = parent.get("/kinderen").body;
  EXPECT_NE(home.find("Hoe de school"), std::string::npos);
  EXPECT_NE(home.find("Gesprekken over"), std::string::npos);
  EXPECT_EQ(parent.get("/toestemmingen").status, 200);

  // Another child of the school: refused (the API says 403, the pages do not show it exists).
  Browser ouder = signed_in("ouder");
  const long long other = children(ouder).at(0);
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(other) + "/consents").status, 403);
  EXPECT_EQ(parent.get("/leerlingen/" + id(other)).status, 404);
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(other)).status, 404);
  EXPECT_EQ(ouder.get("/api/v1/pupils/" + id(sibling) + "/consents").status, 403);

  // A child who left a year ago: still seen, with until when; three years ago: gone.
  const domain::Date today = today_local();
  const domain::Date a_year_ago = domain::add_days(today, -365), long_ago = domain::add_days(today, -3 * 365);
  execute("UPDATE pupils SET left_on = '" + a_year_ago.iso() + "' WHERE id = " + id(sibling));
  EXPECT_EQ(children(parent).size(), 2u);
  const std::string left_page = parent.get("/kinderen").body;
  EXPECT_NE(left_page.find("van school gegaan"), std::string::npos);
  EXPECT_NE(left_page.find(domain::parent_access_until(a_year_ago, false, {}).dutch()), std::string::npos)
      << "until when";
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(sibling) + "/consents").status, 200);
  execute("UPDATE pupils SET left_on = '" + long_ago.iso() + "' WHERE id = " + id(sibling));
  EXPECT_EQ(children(parent), std::vector<long long>{first_child});
  EXPECT_EQ(parent.get("/leerlingen/" + id(sibling)).status, 404);
  EXPECT_EQ(parent.get("/api/v1/pupils/" + id(sibling) + "/consents").status, 403);
  EXPECT_EQ(parent.get("/leerlingen/" + id(first_child)).status, 200) << "the other child stays";
  execute("UPDATE pupils SET left_on = NULL WHERE id = " + id(sibling));

  // An adult without a guardian link sees no child at all.
  auto store_db = open();
  store_db->write([&](soci::session& sql) {
    long long board = 0, school = 0;
    sql << "SELECT board_id, id FROM schools ORDER BY id LIMIT 1", soci::into(board), soci::into(school);
    store::AccountRepository(*store_db).insert(
        sql, store::NewAccount{"zonder-kind", "", domain::Role::kParent, "Zonder Kind", board, school, 0, 0},
        hash_password("koers-demo"));
  });
  Browser nobody = signed_in("zonder-kind");
  EXPECT_TRUE(children(nobody).empty());
  EXPECT_NE(nobody.get("/kinderen").body.find("Er is nog geen kind aan uw account gekoppeld"), std::string::npos);
  EXPECT_EQ(nobody.get("/api/v1/pupils/" + id(other) + "/consents").status, 403);
  EXPECT_EQ(nobody.get("/leerlingen/" + id(other)).status, 404);
}

TEST_F(Parents, TheConsentsApiIsForTheParentAndTheIbOnly) {
  Browser ouder = signed_in("ouder");
  const long long child = children(ouder).at(0);
  const std::string path = "/api/v1/pupils/" + id(child) + "/consents";
  HttpResult mine = ouder.get(path);
  ASSERT_EQ(mine.status, 200);
  ASSERT_FALSE(mine.json()["consents"].empty()) << "the demo's consent for Roos";
  const json k = mine.json()["consents"][0];
  EXPECT_EQ(k["purpose"], "zorgteam");
  EXPECT_TRUE(k["in_force"].get<bool>());
  EXPECT_FALSE(k["valid_until"].get<std::string>().empty());
  EXPECT_FALSE(k["stops"].get<std::string>().empty()) << "what a withdrawal stops";
  EXPECT_EQ(signed_in("ib").get(path).status, 200);
  EXPECT_EQ(signed_in("directeur").get(path).status, 403);
  EXPECT_EQ(signed_in("leerkracht").get(path).status, 403);
  EXPECT_EQ(signed_in("zorgteam").get(path).status, 403);
  EXPECT_EQ(signed_in("beheer").get(path).status, 404);
  EXPECT_EQ(signed_in("ib-regenboog").get(path).status, 404);
  EXPECT_EQ(Browser(server->port()).get(path).status, 401);
  EXPECT_EQ(ouder.get("/api/v1/pupils/99999999/consents").status, 404);
  EXPECT_GE(number("SELECT COUNT(*) FROM audit_log WHERE object = 'toestemmingen'"), 2) << "every read is audited";
}

TEST_F(Parents, AParentGivesAndWithdrawsAConsentAndTheIbSeesIt) {
  Browser ouder = signed_in("ouder"), ib = signed_in("ib");
  const long long child = children(ouder).at(0);
  const std::string page = ouder.get("/toestemmingen").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("action=\"/casus/(\\d+)/toestemming\"")))
      << "the consents page offers a consent for the open case";
  const std::string case_id = m[1].str();
  ASSERT_TRUE(std::regex_search(page, m, std::regex("name=\"(discipline_\\d+)\"")));
  const std::string discipline = m[1].str();
  const std::string until = domain::add_days(today_local(), 60).iso();
  HttpResult given = ouder.post_form("/casus/" + case_id + "/toestemming", {{"purpose", "zorgteam"},
                                                                            {"terug", "toestemmingen"},
                                                                            {discipline, "1"},
                                                                            {"doc_hulpvraag", "1"},
                                                                            {"valid_until", until}});
  ASSERT_EQ(given.status, 303);
  EXPECT_EQ(given.header("location").rfind("/toestemmingen", 0), 0u) << given.header("location");
  json consents = ouder.get("/api/v1/pupils/" + id(child) + "/consents").json()["consents"];
  long long mine = 0;
  for (const auto& k : consents)
    if (k["valid_until"] == until) mine = k["id"];
  ASSERT_GT(mine, 0) << consents.dump();

  // Withdrawn on the consents page, after reading what stops; once.
  HttpResult withdrawn = ouder.post_form("/toestemming/" + id(mine) + "/intrekken", {{"terug", "toestemmingen"}});
  ASSERT_EQ(withdrawn.status, 303);
  EXPECT_EQ(withdrawn.header("location").rfind("/toestemmingen", 0), 0u);
  EXPECT_EQ(send(ouder, "POST", "/api/v1/consents/" + id(mine) + "/withdraw").status, 409) << "already withdrawn";
  const json after = ouder.get("/api/v1/pupils/" + id(child) + "/consents").json();
  for (const auto& k : after["consents"])
    if (k["id"] == mine) {
      EXPECT_TRUE(k["withdrawn"].get<bool>());
      EXPECT_FALSE(k["in_force"].get<bool>());
    }
  // The IB's start page names the withdrawal and who withdrew it.
  const std::string start = ib.get("/groepen").body;
  EXPECT_NE(start.find("Ingetrokken toestemmingen"), std::string::npos);
  EXPECT_NE(start.find("ingetrokken op"), std::string::npos);
}

// The demo's `ouder3` is a parent of two children of the school: Mijn kind shows both.
TEST_F(Parents, TheDemoHasAParentOfTwoChildren) {
  Browser family = signed_in("ouder3");
  const std::vector<long long> kids = children(family);
  ASSERT_EQ(kids.size(), 2u);
  const std::string home = family.get("/kinderen").body;
  Browser ib = signed_in("ib");
  for (long long child : kids) {
    EXPECT_NE(home.find(html(ib.get("/api/v1/pupils/" + id(child)).json()["given_name"])), std::string::npos) << child;
    EXPECT_EQ(family.get("/leerlingen/" + id(child)).status, 200) << child;
  }
  Browser ouder = signed_in("ouder");
  EXPECT_EQ(family.get("/api/v1/pupils/" + id(children(ouder).at(0)) + "/consents").status, 403);
}

TEST_F(Parents, TheBoardInvitesTheParentsOfAGroup) {
  Browser admin = signed_in("beheer");
  const std::string accounts = admin.get("/accounts").body;
  EXPECT_NE(accounts.find("Ouders van een groep uitnodigen"), std::string::npos);
  EXPECT_NE(accounts.find("data-parent=\"ouder\""), std::string::npos) << "the parent accounts are listed";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(accounts, m, std::regex("name=\"group_id\"><option value=\"(\\d+)\"")));
  const std::string group = m[1].str();
  const long long before = number("SELECT COUNT(*) FROM accounts WHERE role = 'ouder'");
  HttpResult letters = admin.post_form("/accounts/ouders/uitnodigen", {{"group_id", group}});
  ASSERT_EQ(letters.status, 200) << letters.body.substr(0, 400);
  const long long made = number("SELECT COUNT(*) FROM accounts WHERE role = 'ouder'") - before;
  EXPECT_GT(made, 0);
  long long shown = 0;
  for (size_t at = 0; (at = letters.body.find("class=\"letter-code\"", at)) != std::string::npos; ++at) ++shown;
  EXPECT_EQ(shown, made) << "one letter per new account";
  // Again: everyone of the group has an account now.
  HttpResult again = admin.post_form("/accounts/ouders/uitnodigen", {{"group_id", group}});
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(number("SELECT COUNT(*) FROM accounts WHERE role = 'ouder'") - before, made);
  // The IB of another school may not invite this group's parents.
  EXPECT_EQ(signed_in("ib-regenboog").post_form("/accounts/ouders/uitnodigen", {{"group_id", group}}).status, 400);
  EXPECT_EQ(signed_in("leerkracht").post_form("/accounts/ouders/uitnodigen", {{"group_id", group}}).status, 403);
}

}  // namespace
}  // namespace koers::web::testing
