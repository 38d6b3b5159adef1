// What the care team shows on the start pages, over HTTP on the demo: the IB's /groepen lists
// the cases to follow (a follow-up date passed or within 14 days), consents ending within 30
// days and recent withdrawals, each linking to its case, and no one else's start page does;
// outcomes are recorded after the discussion and a hand-over to the ZAT only with its own
// consent; a parent reads their child's consents on Mijn kind and withdraws them there (the
// external is refused at once, the IB sees it), while another parent cannot withdraw them.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "domain/date.h"
#include "store/account_repository.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "casework";

class CaseStartPages : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static std::string path(long long id) { return "/api/v1/cases/" + std::to_string(id); }
  static std::string day(int offset) { return domain::add_days(today_local(), offset).iso(); }
  static long long account_id(Browser& b) { return b.get("/api/v1/me").json()["id"]; }

  // A new case for a pupil of group 5/6 without one (the demo's cases and earlier tests' taken).
  static long long new_case(Browser& ib, Browser& teacher) {
    const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
    const json pupils = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json();
    for (size_t i = 11; i < pupils.size(); ++i) {
      HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupils[i]["id"]}, {"help_question", "Hoe?"}});
      if (made.status == 201) return made.json()["id"];
    }
    ADD_FAILURE() << "no pupil of group 5/6 without a case left";
    return 0;
  }
  // Saves `fields` on the stored version; returns the answer.
  static HttpResult put(Browser& ib, long long id, json fields) {
    fields["version"] = ib.get(path(id)).json()["version"];
    return send(ib, "PUT", path(id), fields);
  }
  // An internal case taken to "besproken": hulpvraag, parents informed, agenda, discussion.
  static long long discussed_case(Browser& ib, Browser& teacher) {
    const long long id = new_case(ib, teacher);
    EXPECT_EQ(put(ib, id, {{"missing_step_reason", "De leerkracht weet het niet meer."},
                           {"parents_informed", {{"on", day(-2)}, {"how", "telefonisch"}}},
                           {"status", "toestemming"}})
                  .status,
              200);
    EXPECT_EQ(put(ib, id, {{"status", "geagendeerd"}}).status, 200);
    EXPECT_EQ(put(ib, id, {{"status", "besproken"}}).status, 200);
    return id;
  }
  // The demo's case of the parent's child.
  static long long child_case(Browser& ib, Browser& parent) {
    const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
    const json cases = ib.get("/api/v1/cases").json();
    for (const auto& c : cases)
      if (c["pupil_id"] == child) return c["id"];
    ADD_FAILURE() << "the demo has no case of the parent's child";
    return 0;
  }
  static std::vector<long long> consents_in_force(Browser& ib, long long id) {
    std::vector<long long> out;
    const json c = ib.get(path(id)).json();
    for (const auto& k : c["consents"])
      if (k["purpose"] == "zorgteam" && k["in_force"].get<bool>()) out.push_back(k["id"]);
    return out;
  }
  static long long consent_until(Browser& ib, long long id, int days, const std::string& purpose = "zorgteam") {
    HttpResult r = send(ib, "POST", path(id) + "/consents",
                        {{"purpose", purpose}, {"given_by", "vader, Kees"}, {"given_on", day(-1)},
                         {"disciplines", {"orthopedagoog"}}, {"documents", {"hulpvraag"}}, {"valid_until", day(days)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0LL);
  }
  static std::string section(const std::string& page, const std::string& heading) {
    const size_t at = page.find(heading);
    if (at == std::string::npos) return "";
    return page.substr(at, page.find("</section>", at) - at);
  }
};

TEST_F(CaseStartPages, TheIbsStartPageListsTheDemosCaseToFollowAndItsWithdrawal) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), head = signed_in("directeur");
  long long followed = 0, withdrawn = 0;
  const json cases = ib.get("/api/v1/cases").json();
  for (const auto& c : cases) {
    if (c["status"] == "volgen") followed = c["id"];
    const json full = ib.get(path(c["id"])).json();
    for (const auto& k : full["consents"])
      if (k["withdrawn"].get<bool>()) withdrawn = c["id"];
  }
  ASSERT_TRUE(followed && withdrawn) << "the demo has a case in follow-up and a withdrawn consent";
  const std::string page = ib.get("/groepen").body;
  const std::string follow = section(page, "Casussen om te volgen");
  EXPECT_NE(follow.find("href=\"/casus/" + std::to_string(followed) + "\""), std::string::npos) << follow;
  EXPECT_NE(follow.find("voorbij"), std::string::npos) << "its date has passed";
  const std::string gone = section(page, "Ingetrokken toestemmingen");
  EXPECT_NE(gone.find("href=\"/casus/" + std::to_string(withdrawn) + "\""), std::string::npos) << gone;
  for (Browser* other : {&teacher, &head}) {
    const std::string start = other->get("/groepen").body;
    EXPECT_EQ(start.find("Casussen om te volgen"), std::string::npos) << "the IB's reminders only";
    EXPECT_EQ(start.find("Ingetrokken toestemmingen"), std::string::npos);
  }
}

TEST_F(CaseStartPages, AFollowUpDateWithinTwoWeeksAndAConsentEndingWithinThirtyDaysAreListed) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long soon = discussed_case(ib, teacher), later = discussed_case(ib, teacher);
  for (long long id : {soon, later}) {
    ASSERT_EQ(put(ib, id, {{"advice", "Tafels oefenen"}, {"status", "advies"}}).status, 200);
  }
  ASSERT_EQ(put(ib, soon, {{"follow_up_until", day(10)}, {"status", "volgen"}}).status, 200);
  ASSERT_EQ(put(ib, later, {{"follow_up_until", day(20)}, {"status", "volgen"}}).status, 200);
  EXPECT_EQ(put(ib, later, {{"follow_up_until", day(-1)}, {"status", "volgen"}}).status, 200)
      << "staying in volgen, the IB may move the date";
  ASSERT_EQ(put(ib, later, {{"follow_up_until", day(20)}}).status, 200);

  const long long ending = new_case(ib, teacher), renewed = new_case(ib, teacher);
  const long long k = consent_until(ib, ending, 20);
  consent_until(ib, renewed, 20);
  consent_until(ib, renewed, 200);

  const std::string page = ib.get("/groepen").body;
  const std::string follow = section(page, "Casussen om te volgen");
  EXPECT_NE(follow.find("href=\"/casus/" + std::to_string(soon) + "\""), std::string::npos) << follow;
  EXPECT_NE(follow.find("over 10 dagen"), std::string::npos) << follow;
  EXPECT_EQ(follow.find("href=\"/casus/" + std::to_string(later) + "\""), std::string::npos) << "20 days: not yet";
  const std::string ends = section(page, "Toestemmingen die binnenkort verlopen");
  EXPECT_NE(ends.find("href=\"/casus/" + std::to_string(ending) + "\""), std::string::npos) << ends;
  EXPECT_NE(ends.find("over 20 dagen"), std::string::npos) << ends;
  EXPECT_EQ(ends.find("href=\"/casus/" + std::to_string(renewed) + "\""), std::string::npos)
      << "a newer consent runs longer";
  (void)k;
}

TEST_F(CaseStartPages, OutcomesComeAfterTheDiscussionAndAHandOverToTheZatNeedsItsOwnConsent) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long early = new_case(ib, teacher);
  HttpResult too_soon = put(ib, early, {{"outcomes", {{{"kind", "hgd"}}}}});
  EXPECT_EQ(too_soon.status, 422) << too_soon.body;
  EXPECT_NE(too_soon.body.find("nadat het zorgteam de casus heeft besproken"), std::string::npos);

  const long long id = discussed_case(ib, teacher);
  HttpResult unknown = put(ib, id, {{"outcomes", {{{"kind", "rugzak"}}}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("outcomes[0].kind"), std::string::npos) << unknown.body;
  const int version = ib.get(path(id)).json()["version"];
  HttpResult zat = put(ib, id, {{"outcomes", {{{"kind", "zat"}}, {{"kind", "sova"}}}}});
  EXPECT_EQ(zat.status, 422) << zat.body;
  EXPECT_NE(zat.body.find("Overdracht aan het ZAT: daarvoor is een eigen toestemming"), std::string::npos) << zat.body;
  EXPECT_EQ(ib.get(path(id)).json()["version"], version) << "nothing saved";
  EXPECT_TRUE(ib.get(path(id)).json()["outcomes"].empty());
  consent_until(ib, id, 30, "zorgteam");
  EXPECT_EQ(put(ib, id, {{"outcomes", {{{"kind", "zat"}}}}}).status, 422) << "the care-team consent is not the ZAT's";

  consent_until(ib, id, 60, "zat");
  HttpResult saved = put(ib, id, {{"outcomes", {{{"kind", "zat"}}, {{"kind", "anders"}, {"text", "RT bij de logopedist"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json outcomes = saved.json()["outcomes"];
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0]["kind"], "zat");
  EXPECT_EQ(outcomes[1]["text"], "RT bij de logopedist");

  // The page's form: anders without words is refused with the field named; the page shows them.
  const std::string page = "/casus/" + std::to_string(id);
  const json c = ib.get(path(id)).json();
  HttpResult form = ib.post_form(page, {{"version", std::to_string(c["version"].get<int>())},
                                        {"help_question", c["help_question"]},
                                        {"missing_step_reason", c["missing_step_reason"]},
                                        {"informed_on", c["parents_informed"]["on"]},
                                        {"informed_how", c["parents_informed"]["how"]},
                                        {"outcome_zat", "1"},
                                        {"outcome_anders", "1"},
                                        {"outcome_text_anders", ""}});
  ASSERT_EQ(form.status, 303);
  EXPECT_NE(ib.get(form.header("location")).body.find("Uitkomsten, anders: schrijf welk arrangement."),
            std::string::npos);
  const std::string shown = ib.get(page).body;
  EXPECT_NE(shown.find("overdracht aan het ZAT"), std::string::npos);
  EXPECT_NE(shown.find("RT bij de logopedist"), std::string::npos);
}

TEST_F(CaseStartPages, AnotherParentCannotWithdrawTheChildsConsent) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder");
  const long long id = child_case(ib, parent);
  const long long k = consent_until(ib, id, 90);
  // A parent of another pupil of the school, with an account of their own.
  {
    auto store_db = store::Database::open(db, 1);
    const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
    store_db->write([&](soci::session& sql) {
      long long guardian = 0, board = 0, school = 0;
      sql << "SELECT pg.guardian_id, s.board_id, s.id FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id "
             "JOIN schools s ON s.id = p.school_id WHERE pg.pupil_id <> :c AND s.id = (SELECT school_id FROM pupils "
             "WHERE id = :c2) ORDER BY pg.guardian_id LIMIT 1",
          soci::use(child), soci::use(child), soci::into(guardian), soci::into(board), soci::into(school);
      store::AccountRepository(*store_db).insert(
          sql, store::NewAccount{"ouder-twee", "", domain::Role::kParent, "Andere Ouder", board, school, 0, guardian},
          hash_password("koers-demo"));
    });
  }
  Browser other = signed_in("ouder-twee");
  EXPECT_EQ(other.get("/kinderen").body.find("/toestemming/" + std::to_string(k) + "/intrekken"), std::string::npos);
  EXPECT_EQ(other.post_form("/toestemming/" + std::to_string(k) + "/intrekken", {{"terug", "kinderen"}}).status, 404);
  EXPECT_EQ(send(other, "POST", "/api/v1/consents/" + std::to_string(k) + "/withdraw").status, 404);
  const auto in_force = consents_in_force(ib, id);
  EXPECT_NE(std::find(in_force.begin(), in_force.end(), k), in_force.end()) << "still in force";
}

TEST_F(CaseStartPages, AParentWithdrawsOnMijnKindAndTheExternalIsRefusedAtOnce) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder"), external = signed_in("zorgteam");
  const long long id = child_case(ib, parent);
  const std::string page = "/casus/" + std::to_string(id);
  ASSERT_EQ(external.get(page).status, 200) << "the demo's consent lets the orthopedagoog see it";
  ASSERT_EQ(external.get(path(id) + "/file").status, 200);
  const auto in_force = consents_in_force(ib, id);
  ASSERT_FALSE(in_force.empty());

  const std::string mine = parent.get("/kinderen").body;
  EXPECT_NE(mine.find("Toestemming voor bespreking in het zorgteam"), std::string::npos);
  EXPECT_NE(mine.find("Ingrid Smit (orthopedagoog)"), std::string::npos) << "who sees the case, by name";
  if (in_force.size() > 1) {
    EXPECT_NE(mine.find("er geldt nog een andere toestemming"), std::string::npos) << "one of several stops nothing yet";
  }
  for (long long k : in_force) {
    if (k == in_force.back()) {
      EXPECT_NE(parent.get("/kinderen").body.find("Vanaf nu zien de externe zorgteamleden niets meer van de "
                                                  "zorgteamcasus van"),
                std::string::npos)
          << "the last one says what stops";
    }
    EXPECT_NE(mine.find("action=\"/toestemming/" + std::to_string(k) + "/intrekken\""), std::string::npos) << k;
    HttpResult withdrawn = parent.post_form("/toestemming/" + std::to_string(k) + "/intrekken", {{"terug", "kinderen"}});
    ASSERT_EQ(withdrawn.status, 303);
    EXPECT_EQ(withdrawn.header("location").rfind("/kinderen", 0), 0u) << "back to Mijn kind";
    EXPECT_NE(parent.get(withdrawn.header("location")).body.find("De toestemming is ingetrokken."), std::string::npos);
  }
  EXPECT_EQ(external.get(page).status, 403);
  EXPECT_EQ(external.get(path(id) + "/file").status, 403);
  EXPECT_EQ(external.get("/casussen").body.find("href=\"" + page + "\""), std::string::npos);
  const std::string after = parent.get("/kinderen").body;
  EXPECT_NE(after.find("ingetrokken"), std::string::npos);
  EXPECT_EQ(after.find("/intrekken\""), std::string::npos) << "nothing left to withdraw";
  const std::string start = section(ib.get("/groepen").body, "Ingetrokken toestemmingen");
  EXPECT_NE(start.find("href=\"" + page + "\""), std::string::npos) << start;
  EXPECT_NE(start.find("(ouder/verzorger)"), std::string::npos) << start;
}

}  // namespace
}  // namespace koers::web::testing
