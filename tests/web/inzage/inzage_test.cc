// Inzage and the parents' requests over HTTP on the demo: a parent downloads the whole dossier of
// their child as one PDF (audited; the next copy lists the download), asks for a correction
// (bad input refused naming the field), the IB sees the deadline counting down on the start page
// and answers (a refusal needs its reason; an answer is given once), and the parent reads the
// outcome. Denials: another parent of the school 403 on the API (404 on the pages); a teacher of
// another group, the external, the board administrator and the IB of another school get 404 as
// for an unknown pupil, and so does a parent for another school's pupil; the head, who sees the
// pupil, 403; a parent cannot answer.
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

constexpr char kSuite[] = "inzage";

class Inzage : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static long long child_of(Browser& parent) { return parent.get("/api/v1/me").json()["children"][0]["id"]; }
  static std::string pdf(long long pupil) { return "/api/v1/pupils/" + std::to_string(pupil) + "/dossier.pdf"; }
  static std::string requests(long long pupil) { return "/api/v1/pupils/" + std::to_string(pupil) + "/requests"; }
  static std::string answer(long long id) { return "/api/v1/requests/" + std::to_string(id) + "/answer"; }
  static std::string section(const std::string& page, const std::string& heading) {
    const size_t at = page.find(heading);
    if (at == std::string::npos) return "";
    return page.substr(at, page.find("</section>", at) - at);
  }
  // A parent of another pupil of the same school, with an account "ouder-twee".
  static void add_other_parent(long long child) {
    auto store_db = store::Database::open(db, 1);
    store_db->write([&](soci::session& sql) {
      long long guardian = 0, board = 0, school = 0;
      sql << "SELECT pg.guardian_id, s.board_id, s.id FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id "
             "JOIN schools s ON s.id = p.school_id WHERE pg.pupil_id <> :c AND s.id = (SELECT school_id FROM pupils "
             "WHERE id = :c2) AND pg.guardian_id NOT IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = :c3) "
             "ORDER BY pg.guardian_id LIMIT 1",
          soci::use(child), soci::use(child), soci::use(child), soci::into(guardian), soci::into(board),
          soci::into(school);
      store::AccountRepository(*store_db).insert(
          sql, store::NewAccount{"ouder-twee", "", domain::Role::kParent, "Andere Ouder", board, school, 0, guardian},
          hash_password("koers-demo"));
    });
  }
};

TEST_F(Inzage, TheDemosCorrectionRequestCountsDownOnTheIbsStartPageOnly) {
  Browser ib = signed_in("ib"), head = signed_in("directeur"), teacher = signed_in("leerkracht"),
          parent = signed_in("ouder");
  const long long child = child_of(parent);
  const json mine = parent.get(requests(child)).json()["requests"];
  ASSERT_FALSE(mine.empty()) << "the demo has a request in progress";
  const json& demo = mine.back();
  EXPECT_EQ(demo["status"], "open");
  EXPECT_EQ(demo["kind"], "correctie");
  EXPECT_EQ(demo["due_on"], domain::add_days(today_local(), 19).iso());
  const std::string panel = section(ib.get("/groepen").body, "Verzoeken van ouders over het dossier");
  EXPECT_NE(panel.find("nog 19 dagen"), std::string::npos) << panel;
  EXPECT_NE(panel.find("/leerlingen/" + std::to_string(child) + "/verzoeken#verzoek-" + demo["id"].dump()),
            std::string::npos)
      << panel;
  for (Browser* other : {&head, &teacher})
    EXPECT_EQ(other->get("/groepen").body.find("Verzoeken van ouders over het dossier"), std::string::npos);
}

TEST_F(Inzage, AParentDownloadsTheWholeDossierAsOnePdfAndEveryDownloadIsAudited) {
  Browser parent = signed_in("ouder"), ib = signed_in("ib");
  const long long child = child_of(parent);
  EXPECT_NE(parent.get("/kinderen").body.find("href=\"" + pdf(child) + "\""), std::string::npos)
      << "linked from Mijn kind";
  HttpResult first = parent.get(pdf(child));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("content-type"), "application/pdf");
  EXPECT_NE(first.header("content-disposition").find("Dossier_"), std::string::npos);
  EXPECT_EQ(first.body.rfind("%PDF-", 0), 0u);
  for (const char* heading : {"Stamkaart", "Toetsresultaten", "Groepsoverzicht", "Handelingsplannen", "Zorgteam",
                              "Toestemmingen", "Verzoeken om verbetering", "Wie het dossier inzag"})
    EXPECT_NE(first.body.find(heading), std::string::npos) << heading;
  const json trail = ib.get("/api/v1/pupils/" + std::to_string(child) + "/audit").json();
  int downloads = 0;
  for (const auto& line : trail)
    if (line.value("object", "") == "dossier (inzage)" && line.value("action", "") == "export") ++downloads;
  EXPECT_EQ(downloads, 1) << trail.dump();
  ASSERT_EQ(ib.get(pdf(child)).status, 200) << "the IB downloads it too";
  const json after = ib.get("/api/v1/pupils/" + std::to_string(child) + "/audit").json();
  downloads = 0;
  for (const auto& line : after)
    if (line.value("object", "") == "dossier (inzage)") ++downloads;
  EXPECT_EQ(downloads, 2);
}

TEST_F(Inzage, AParentAsksTheIbAnswersARefusalWithItsReasonOnceAndTheParentReadsTheOutcome) {
  Browser parent = signed_in("ouder"), ib = signed_in("ib");
  const long long child = child_of(parent);
  HttpResult bad = send(parent, "POST", requests(child), {{"kind", "correctie"}, {"what", " "}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"].get<std::string>().rfind("what:", 0), 0u) << bad.body;
  EXPECT_EQ(send(parent, "POST", requests(child), {{"kind", "wissen"}, {"what", "x"}}).status, 422);
  HttpResult made =
      send(parent, "POST", requests(child),
           {{"kind", "verwijdering"}, {"what", "Het verslag van de leerlingbespreking"}, {"why", "Onjuist"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const json q = made.json();
  EXPECT_EQ(q["due_on"], domain::add_days(today_local(), 28).iso());
  EXPECT_EQ(send(parent, "POST", answer(q["id"]), {{"status", "toegekend"}, {"answer", "Ja"}, {"version", 1}}).status,
            403);
  HttpResult reasonless = send(ib, "POST", answer(q["id"]), {{"status", "afgewezen"}, {"answer", ""}, {"version", 1}});
  EXPECT_EQ(reasonless.status, 422);
  EXPECT_EQ(reasonless.json()["error"].get<std::string>().rfind("answer:", 0), 0u) << reasonless.body;
  HttpResult refused =
      send(ib, "POST", answer(q["id"]),
           {{"status", "afgewezen"}, {"answer", "Het verslag is nodig voor de begeleiding."}, {"version", 1}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(send(ib, "POST", answer(q["id"]), {{"status", "toegekend"}, {"answer", "Toch wel"}, {"version", 2}}).status,
            409)
      << "an answer is given once";
  bool seen = false;
  const json listed = parent.get(requests(child)).json();  // kept: a range-for over a temporary's member dangles
  for (const auto& r : listed["requests"])
    if (r["id"] == q["id"]) {
      seen = true;
      EXPECT_EQ(r["status"], "afgewezen");
      EXPECT_EQ(r["answer"], "Het verslag is nodig voor de begeleiding.");
    }
  EXPECT_TRUE(seen);
  const std::string page = parent.get("/leerlingen/" + std::to_string(child) + "/verzoeken").body;
  EXPECT_NE(page.find("Het verslag is nodig voor de begeleiding."), std::string::npos);
  EXPECT_EQ(page.find("/verzoeken/" + q["id"].dump() + "/antwoord"), std::string::npos)
      << "no answer form for a parent";
}

TEST_F(Inzage, TheFormsGoThroughTheApiAndSayWhatWentWrong) {
  Browser parent = signed_in("ouder"), ib = signed_in("ib");
  const long long child = child_of(parent);
  const std::string page = "/leerlingen/" + std::to_string(child) + "/verzoeken";
  HttpResult empty = parent.post_form(page, {{"kind", "aanvulling"}, {"what", ""}});
  EXPECT_EQ(empty.status, 303);
  EXPECT_NE(parent.get(empty.header("location")).body.find("Schrijf op wat er"), std::string::npos);
  HttpResult asked = parent.post_form(page, {{"kind", "aanvulling"}, {"what", "De logopedie van 2025 ontbreekt"}});
  EXPECT_EQ(asked.status, 303);
  const std::string ib_page = ib.get(page).body;
  EXPECT_NE(ib_page.find("De logopedie van 2025 ontbreekt"), std::string::npos);
  long long id = 0;
  const json listed = ib.get(requests(child)).json();
  for (const auto& r : listed["requests"])
    if (r["what"] == "De logopedie van 2025 ontbreekt") id = r["id"];
  ASSERT_NE(id, 0);
  EXPECT_NE(ib_page.find("/verzoeken/" + std::to_string(id) + "/antwoord"), std::string::npos);
  HttpResult answered =
      ib.post_form("/verzoeken/" + std::to_string(id) + "/antwoord",
                   {{"status", "toegekend"}, {"answer", "Aangevuld in het dossier."}, {"version", "1"}});
  EXPECT_EQ(answered.status, 303);
  EXPECT_NE(parent.get(page).body.find("Aangevuld in het dossier."), std::string::npos);
}

TEST_F(Inzage, WhoMayNotSeeThePupilGets404AndWhoSeesThemButHasNoRightHere403) {
  Browser parent = signed_in("ouder");
  const long long child = child_of(parent);
  add_other_parent(child);
  const long long request_id = parent.get(requests(child)).json()["requests"].back()["id"];
  // Another parent of the school: the API says 403 (and logs the refused attempt), the page and
  // the answer route do not show that the pupil exists.
  {
    Browser other = signed_in("ouder-twee");
    EXPECT_EQ(other.get(pdf(child)).status, 403);
    EXPECT_EQ(other.get(requests(child)).status, 403);
    EXPECT_EQ(send(other, "POST", requests(child), {{"kind", "correctie"}, {"what", "x"}}).status, 403);
    EXPECT_EQ(
        send(other, "POST", answer(request_id), {{"status", "toegekend"}, {"answer", "x"}, {"version", 1}}).status,
        404);
    EXPECT_EQ(other.get("/leerlingen/" + std::to_string(child) + "/verzoeken").status, 404);
    auto store_db = store::Database::open(db, 1);
    const long long refused = store_db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM audit_log WHERE username = 'ouder-twee' AND action = 'refused' AND pupil_id = :p",
          soci::use(child), soci::into(n);
      return n;
    });
    EXPECT_GE(refused, 3) << "each refused attempt is in the trail";
    // A pupil of another school: 404, as for one that does not exist.
    const long long elsewhere = store_db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT MIN(id) FROM pupils WHERE school_id <> (SELECT school_id FROM pupils WHERE id = :c)",
          soci::use(child), soci::into(n);
      return n;
    });
    ASSERT_GT(elsewhere, 0);
    EXPECT_EQ(other.get(pdf(elsewhere)).status, 404);
    EXPECT_EQ(other.get(requests(elsewhere)).status, 404);
    EXPECT_EQ(parent.get(pdf(elsewhere)).status, 404);
    EXPECT_EQ(parent.get("/api/v1/pupils/" + std::to_string(elsewhere) + "/consents").status, 404);
    EXPECT_EQ(other.get(pdf(999999)).status, 404);
  }
  for (const char* who : {"leerkracht", "zorgteam", "beheer", "ib-regenboog"}) {
    Browser b = signed_in(who);
    EXPECT_EQ(b.get(pdf(child)).status, 404) << who;
    EXPECT_EQ(b.get(requests(child)).status, 404) << who;
    EXPECT_EQ(send(b, "POST", requests(child), {{"kind", "correctie"}, {"what", "x"}}).status, 404) << who;
    EXPECT_EQ(send(b, "POST", answer(request_id), {{"status", "toegekend"}, {"answer", "x"}, {"version", 1}}).status,
              404)
        << who;
    EXPECT_EQ(b.get("/leerlingen/" + std::to_string(child) + "/verzoeken").status, 404) << who;
  }
  Browser head = signed_in("directeur");
  EXPECT_EQ(head.get(pdf(child)).status, 403);
  EXPECT_EQ(head.get(requests(child)).status, 403);
  EXPECT_EQ(send(head, "POST", answer(request_id), {{"status", "toegekend"}, {"answer", "x"}, {"version", 1}}).status,
            403);
  Browser ib = signed_in("ib");
  EXPECT_EQ(send(ib, "POST", requests(child), {{"kind", "correctie"}, {"what", "x"}}).status, 403)
      << "the IB answers, a parent asks";
  EXPECT_EQ(signed_in("ouder-twee").get("/kinderen").body.find(pdf(child)), std::string::npos);
  HttpResult none = parent.request("GET", pdf(999999));
  EXPECT_EQ(none.status, 404);
}

}  // namespace
}  // namespace koers::web::testing
