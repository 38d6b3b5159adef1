// The dyslexia evidence over HTTP on the demo: the IB reads the complete evidence of one pupil
// and what is missing for the other, on the API, the stamkaart and the page to print; every read
// is in the pupil's audit trail; who may not see the dossier is refused; the IB keeps the
// thresholds, nonsense refused naming the field with nothing changed, and a change shows in
// the evidence.
#include <gtest/gtest.h>

#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "dyslexia";

class Dyslexia : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult put(Browser& b, const std::string& path, const json& body) {
    return b.request("PUT", path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static std::string evidence_path(long long pupil) {
    return "/api/v1/pupils/" + std::to_string(pupil) + "/dyslexia-evidence";
  }
  // The demo's two pupils: the one with complete evidence and the one with a measurement missing.
  static std::pair<long long, long long> demo_pupils(Browser& ib) {
    long long complete = 0, missing = 0;
    for (const auto& g : ib.get("/api/v1/groups").json())
      for (const auto& p : ib.get("/api/v1/groups/" + std::to_string(g["id"].get<long long>()) + "/pupils").json()) {
        const long long id = p["id"];
        json ev = ib.get(evidence_path(id)).json();
        if (ev["complete"].get<bool>()) complete = id;
        else if (ev["support"]["met"].get<bool>()) missing = id;
        if (complete && missing) return {complete, missing};
      }
    return {complete, missing};
  }
  static long long school_of(Browser& b) { return b.get("/api/v1/me").json()["school"]["id"]; }
};

TEST_F(Dyslexia, TheIbReadsTheCompleteEvidenceAndWhatIsMissingEveryReadAudited) {
  Browser ib = signed_in("ib");
  auto [complete, missing] = demo_pupils(ib);
  ASSERT_NE(complete, 0) << "the demo has a pupil with complete evidence";
  ASSERT_NE(missing, 0) << "the demo has a pupil with a measurement missing";

  json ev = ib.get(evidence_path(complete)).json();
  EXPECT_TRUE(ev["missing"].empty()) << ev["missing"].dump();
  ASSERT_EQ(ev["criteria"].size(), 3u);
  for (const auto& c : ev["criteria"]) EXPECT_TRUE(c["met"].get<bool>()) << c.dump();
  EXPECT_TRUE(ev["thresholds"]["pddb_default"].get<bool>());
  int in_run = 0;
  for (const auto& m : ev["severity"]["measurements"]) in_run += m["in_run"].get<bool>() && m["level"] == "V-";
  EXPECT_EQ(in_run, 3) << "the demo pupil has exactly three in the lowest 10 %";
  EXPECT_GE(ev["support"]["weeks_counted"].get<int>(), 20);
  EXPECT_LE(ev["support"]["weeks_counted"].get<int>(), 24);
  EXPECT_GE(ev["support"]["minutes"].get<int>(), 20 * 60);
  ASSERT_TRUE(ev["after_support"].is_object());

  json gap = ib.get(evidence_path(missing)).json();
  EXPECT_FALSE(gap["complete"].get<bool>());
  ASSERT_EQ(gap["missing"].size(), 1u) << gap["missing"].dump();
  EXPECT_NE(gap["missing"][0].get<std::string>().find("Nog nodig: de DMT-uitslag van "), std::string::npos);
  ASSERT_EQ(gap["severity"]["missing_moments"].size(), 1u);

  // The stamkaart shows the checklist with the link to print it; the print page is the checklist.
  const std::string page = ib.get("/leerlingen/" + std::to_string(missing)).body;
  EXPECT_NE(page.find("Dyslexie: bewijs voor de zorgaanbieder"), std::string::npos);
  EXPECT_NE(page.find("nog niet compleet"), std::string::npos);
  EXPECT_NE(page.find("/leerlingen/" + std::to_string(missing) + "/dyslexie"), std::string::npos);
  size_t missing_rows = 0;
  for (size_t at = 0; (at = page.find("ontbreekt in Koers</strong>", at)) != std::string::npos; ++at) ++missing_rows;
  EXPECT_EQ(missing_rows, 1u) << "the table names the one moment missing, beside the measurements there";
  HttpResult print = ib.get("/leerlingen/" + std::to_string(complete) + "/dyslexie");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("badge-done"), std::string::npos) << "compleet";
  EXPECT_EQ(print.body.find("<details class=\"support-weeks\">"), std::string::npos) << "every week printed, not folded";

  // A pupil the evidence says nothing about has no section.
  const long long first = ib.get("/api/v1/groups/" + std::to_string(ib.get("/api/v1/groups").json()[0]["id"].get<long long>()) +
                                 "/pupils").json()[0]["id"];
  if (first != complete && first != missing && ib.get(evidence_path(first)).json()["support"]["weeks"].empty() &&
      ib.get(evidence_path(first)).json()["severity"]["met"] == false) {
    EXPECT_EQ(ib.get("/leerlingen/" + std::to_string(first)).body.find("id=\"dyslexie\""), std::string::npos);
  }

  // Each read is a read of the dossier in the pupil's audit trail.
  bool audited = false;
  for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(complete) + "/audit").json())
    audited = audited || line.dump().find("dyslexiebewijs") != std::string::npos;
  EXPECT_TRUE(audited);
}

TEST_F(Dyslexia, WhoMayNotSeeTheDossierIsRefused) {
  Browser ib = signed_in("ib");
  auto [complete, missing] = demo_pupils(ib);
  ASSERT_NE(complete, 0);
  for (const char* user : {"ib-regenboog", "beheer", "zorgteam", "ouder"}) {
    Browser b = signed_in(user);
    const int status = b.get(evidence_path(complete)).status;
    EXPECT_TRUE(status == 403 || status == 404) << user << ": " << status;
    const int page = b.get("/leerlingen/" + std::to_string(complete) + "/dyslexie").status;
    EXPECT_TRUE(page == 403 || page == 404) << user << ": " << page;
  }
  // As for an id that does not exist: another school's IB learns nothing.
  Browser other = signed_in("ib-regenboog");
  EXPECT_EQ(other.get(evidence_path(complete)).body, other.get(evidence_path(999999999)).body);
  Browser anon(server->port());
  EXPECT_EQ(anon.get(evidence_path(complete)).status, 401);
  // The head reads it.
  EXPECT_EQ(signed_in("directeur").get(evidence_path(complete)).status, 200);
}

TEST_F(Dyslexia, TheIbKeepsTheThresholdsNonsenseIsRefusedNamingTheField) {
  Browser ib = signed_in("ib");
  const std::string path = "/api/v1/schools/" + std::to_string(school_of(ib)) + "/dyslexia-settings";
  json s = ib.get(path).json();
  EXPECT_TRUE(s["pddb_default"].get<bool>());
  EXPECT_EQ(s["weeks_min"], 20);

  HttpResult bad = put(ib, path, {{"weeks_min", 30}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["problems"][0]["field"], "weeks_max");
  EXPECT_EQ(bad.json()["problems"][0]["message"], "Weken maximaal (24) ligt onder weken minimaal (30).");
  bad = put(ib, path, {{"measurements", "drie"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("measurements: verwacht een geheel getal."), std::string::npos) << bad.body;
  EXPECT_TRUE(ib.get(path).json()["pddb_default"].get<bool>()) << "nothing changed";

  // Others may not: a teacher (403), another school's IB (as unknown: 404).
  Browser teacher = signed_in("leerkracht"), other = signed_in("ib-regenboog");
  EXPECT_EQ(put(teacher, path, {{"weeks_min", 12}}).status, 403);
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(put(other, path, {{"weeks_min", 12}}).status, 404);

  // Four measurements: the demo's complete pupil (three) is no longer complete.
  auto [complete, missing] = demo_pupils(ib);
  ASSERT_NE(complete, 0);
  HttpResult saved = put(ib, path, {{"measurements", 4}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_FALSE(saved.json()["pddb_default"].get<bool>());
  json ev = ib.get(evidence_path(complete)).json();
  EXPECT_FALSE(ev["complete"].get<bool>());
  EXPECT_NE(ev["missing"][0].get<std::string>().find("nog 1 DMT-meting"), std::string::npos) << ev["missing"].dump();
  ASSERT_EQ(put(ib, path, {{"measurements", 3}}).status, 200);
  EXPECT_TRUE(ib.get(evidence_path(complete)).json()["complete"].get<bool>());

  // The page: a refused save names the field and keeps what was typed.
  HttpResult form = ib.post_form("/school/dyslexie", {{"measurements", "3"}, {"weeks_min", "30"}, {"weeks_max", "24"},
                                                      {"minutes_per_week", "60"}, {"sessions_per_week", "3"},
                                                      {"minutes_per_session", "20"}});
  EXPECT_EQ(form.status, 400);
  EXPECT_NE(form.body.find("Weken maximaal (24) ligt onder weken minimaal (30)."), std::string::npos);
  EXPECT_NE(form.body.find("value=\"30\""), std::string::npos);
  EXPECT_EQ(teacher.get("/school/dyslexie").status, 403);
}

}  // namespace
}  // namespace koers::web::testing
