// External care-team members over HTTP: the IB invites one for their own school (API and
// form), is refused for another school, sees the externals serving their school and no
// others; the board administrator adds one to a second school; a teacher, head, parent and
// the external themself are refused; a bad discipline key or a too long organisation is a
// 400 naming the field with nothing stored. The demo's zorgteam login is an orthopedagoog.
#include <gtest/gtest.h>

#include <optional>

#include "../http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "externals";

class Externals : public OwnServerSuite<kSuite> {
 protected:
  static long long count(const std::string& query) {
    auto d = store::Database::open(db, 1);
    return d->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
  static long long school_id(const std::string& name) {
    return count("SELECT id FROM schools WHERE name = '" + name + "'");
  }
  static HttpResult post_json(Browser& b, const std::string& path, const json& body, const std::string& method = "POST") {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static json external(const std::string& username, long long school = 0) {
    json body{{"name", "Karim Bouzid"},
              {"username", username},
              {"discipline", "schoolmaatschappelijk-werker"},
              {"organisation", "Kwadraad maatschappelijk werk"}};
    if (school) body["school_id"] = school;
    return body;
  }
  static std::optional<json> find(const json& list, const std::string& username) {
    for (const auto& e : list["externals"])
      if (e["username"] == username) return e;
    return std::nullopt;
  }
};

TEST_F(Externals, TheDemosCareTeamLoginIsAnOrthopedagogueServingValentijn) {
  Browser ib = signed_in("ib");
  HttpResult r = ib.get("/api/v1/externals");
  ASSERT_EQ(r.status, 200) << r.body;
  const json list = r.json();
  EXPECT_EQ(list["school_id"], school_id("CBS De Valentijn")) << "the IB's own school by default";
  const auto zt = find(list, "zorgteam");
  ASSERT_TRUE(zt) << r.body;
  EXPECT_EQ((*zt)["discipline"]["key"], "orthopedagoog");
  EXPECT_EQ((*zt)["discipline"]["label"], "Orthopedagoog");
  EXPECT_EQ((*zt)["discipline"]["diagnostic"], true);
  EXPECT_EQ((*zt)["organisation"], "Samenwerkingsverband Passend Onderwijs Noord");
  EXPECT_EQ((*zt)["schools"][0]["name"], "CBS De Valentijn");
  // The other school's IB does not see her.
  HttpResult other = signed_in("ib-regenboog").get("/api/v1/externals");
  ASSERT_EQ(other.status, 200);
  EXPECT_FALSE(find(other.json(), "zorgteam")) << other.body;
  // The Accounts pages show the discipline and organisation.
  HttpResult page = ib.get("/accounts");
  EXPECT_NE(page.body.find("Orthopedagoog, Samenwerkingsverband Passend Onderwijs Noord"), std::string::npos);
  EXPECT_NE(page.body.find("data-external=\"zorgteam\""), std::string::npos);
  HttpResult admin = signed_in("beheer").get("/beheer");
  EXPECT_NE(admin.body.find("Orthopedagoog, Samenwerkingsverband Passend Onderwijs Noord"), std::string::npos);
}

TEST_F(Externals, TheIbInvitesAnExternalForTheirOwnSchool) {
  Browser ib = signed_in("ib");
  HttpResult made = post_json(ib, "/api/v1/externals", external("k.bouzid"));
  ASSERT_EQ(made.status, 201) << made.body;
  const json e = made.json();
  EXPECT_EQ(e["username"], "k.bouzid");
  EXPECT_EQ(e["discipline"]["key"], "schoolmaatschappelijk-werker");
  EXPECT_EQ(e["state"], "uitgenodigd");
  EXPECT_EQ(e["activation"]["code"].get<std::string>().size(), 14u);
  EXPECT_EQ(e["schools"].size(), 1u);
  EXPECT_EQ(e["schools"][0]["name"], "CBS De Valentijn");
  EXPECT_TRUE(find(ib.get("/api/v1/externals").json(), "k.bouzid"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE username = 'k.bouzid' AND role = 'zorgteam'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object = 'zorgteamlid k.bouzid' AND detail LIKE "
                  "'extern zorgteamlid: discipline Schoolmaatschappelijk werker, organisatie Kwadraad%'"),
            1);
}

TEST_F(Externals, TheIbIsRefusedForAnotherSchoolAndNothingIsStored) {
  Browser ib = signed_in("ib");
  const long long before = count("SELECT COUNT(*) FROM accounts");
  HttpResult r = post_json(ib, "/api/v1/externals", external("x.anders", school_id("OBS De Regenboog")));
  EXPECT_EQ(r.status, 404) << "another school answers as one that does not exist";
  EXPECT_EQ(ib.get("/api/v1/externals?school=" + std::to_string(school_id("OBS De Regenboog"))).status, 404);
  // Nor may the IB put the demo's orthopedagogue on the other school.
  HttpResult add = post_json(ib, "/api/v1/externals/" + std::to_string(count("SELECT id FROM accounts WHERE username = 'zorgteam'")) + "/schools",
                             json{{"school_id", school_id("OBS De Regenboog")}});
  EXPECT_EQ(add.status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM external_member_schools WHERE school_id = " +
                  std::to_string(school_id("OBS De Regenboog"))),
            0);
}

TEST_F(Externals, EveryoneButTheIbAndBeheerIsRefused) {
  const long long before = count("SELECT COUNT(*) FROM accounts");
  for (const char* user : {"leerkracht", "directeur", "ouder", "zorgteam"}) {
    Browser b = signed_in(user);
    EXPECT_EQ(b.get("/api/v1/externals").status, 403) << user;
    EXPECT_EQ(post_json(b, "/api/v1/externals", external(std::string("x.") + user)).status, 403) << user;
    EXPECT_EQ(b.post_form("/accounts/extern", {{"name", "Iemand Anders"}, {"discipline", "logopedist"}}).status, 403)
        << user;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), before);
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/api/v1/externals").status, 401);
}

TEST_F(Externals, ABadDisciplineOrATooLongOrganisationIsA400NamingTheField) {
  Browser ib = signed_in("ib");
  const long long before = count("SELECT COUNT(*) FROM accounts");
  json bad = external("x.tandarts");
  bad["discipline"] = "tandarts";
  HttpResult r = post_json(ib, "/api/v1/externals", bad);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"].get<std::string>().rfind("Discipline: onbekend", 0), 0u) << r.body;
  json long_org = external("x.lang");
  long_org["organisation"] = std::string(201, 'o');
  HttpResult r2 = post_json(ib, "/api/v1/externals", long_org);
  ASSERT_EQ(r2.status, 400);
  EXPECT_EQ(r2.json()["error"], "Organisatie: de tekst is 201 tekens lang; hoogstens 200 tekens.");
  json wrong_type = external("x.type");
  wrong_type["discipline"] = 3;
  HttpResult r3 = post_json(ib, "/api/v1/externals", wrong_type);
  EXPECT_EQ(r3.status, 400);
  EXPECT_NE(r3.body.find("discipline"), std::string::npos) << r3.body;
  // The form says the same on the page.
  HttpResult page = ib.post_form("/accounts/extern", {{"name", "Iemand Anders"}, {"discipline", "tandarts"}});
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("Niet opgeslagen. Discipline: onbekend"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"Iemand Anders\""), std::string::npos) << "what was typed stays";
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), before);
}

TEST_F(Externals, TheFormInvitesWithALetterAndBeheerAddsAnExternalToASecondSchool) {
  Browser ib = signed_in("ib");
  HttpResult letter = ib.post_form("/accounts/extern", {{"name", "Els de Wit"},
                                                        {"discipline", "logopedist"},
                                                        {"organisation", "Logopediepraktijk De Klank"}});
  ASSERT_EQ(letter.status, 200) << letter.body.substr(0, 1500);
  EXPECT_NE(letter.body.find("e.dewit"), std::string::npos) << "the user name Koers made";
  EXPECT_NE(letter.body.find("class=\"letter-code\""), std::string::npos);
  const std::string regenboog = std::to_string(school_id("OBS De Regenboog"));
  Browser other_ib = signed_in("ib-regenboog");
  EXPECT_FALSE(find(other_ib.get("/api/v1/externals").json(), "e.dewit"));
  // The other school's IB adds her by user name to their own school.
  HttpResult added = other_ib.post_form("/accounts/extern/toevoegen", {{"username", "e.dewit"}});
  EXPECT_EQ(added.status, 303) << added.body.substr(0, 1500);
  const auto e = find(other_ib.get("/api/v1/externals").json(), "e.dewit");
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["schools"].size(), 2u);
  // Beheer takes her off De Valentijn; the IB of De Valentijn no longer sees her.
  Browser admin = signed_in("beheer");
  const std::string id = std::to_string((*e)["id"].get<long long>());
  HttpResult off = admin.request("DELETE",
                                 "/api/v1/externals/" + id + "/schools/" + std::to_string(school_id("CBS De Valentijn")),
                                 "", "", {{"X-CSRF-Token", admin.csrf()}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(find(ib.get("/api/v1/externals").json(), "e.dewit"));
  EXPECT_TRUE(find(admin.get("/api/v1/externals?school=" + regenboog).json(), "e.dewit"));
  EXPECT_TRUE(find(admin.get("/api/v1/externals").json(), "e.dewit")) << "the whole board without ?school=";
  // A logopedist may not do HGD; the orthopedagogue may.
  const json experts = admin.get("/api/v1/externals?diagnostic=1").json();
  EXPECT_FALSE(find(experts, "e.dewit"));
  EXPECT_TRUE(find(experts, "zorgteam"));
}

TEST_F(Externals, BeheerMakesACareTeamAccountOnlyWithADiscipline) {
  Browser admin = signed_in("beheer");
  const std::string valentijn = std::to_string(school_id("CBS De Valentijn"));
  HttpResult refused = admin.post_form("/beheer/accounts", {{"username", "j.arts"}, {"display_name", "Joris Arts"},
                                                            {"password", "lang-genoeg-1"}, {"role", "zorgteam"},
                                                            {"school_id", valentijn}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Discipline: verplicht"), std::string::npos);
  HttpResult made = admin.post_form("/beheer/accounts", {{"username", "j.arts"}, {"display_name", "Joris Arts"},
                                                         {"password", "lang-genoeg-1"}, {"role", "zorgteam"},
                                                         {"school_id", valentijn}, {"discipline", "jeugdarts"},
                                                         {"organisation", "GGD Hollands Midden"}});
  EXPECT_EQ(made.status, 303) << made.body.substr(0, 1500);
  const auto e = find(admin.get("/api/v1/externals?school=" + valentijn).json(), "j.arts");
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["discipline"]["label"], "Jeugdarts");
  EXPECT_EQ((*e)["state"], "actief");
  EXPECT_NE(admin.get("/beheer").body.find("Jeugdarts, GGD Hollands Midden"), std::string::npos);
}

TEST_F(Externals, TheDisciplinesAreListedForForms) {
  HttpResult r = signed_in("ib").get("/api/v1/disciplines");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["disciplines"].size(), 9u);
  EXPECT_EQ(r.json()["disciplines"][0]["key"], "orthopedagoog");
}

TEST_F(Externals, TheProfileIsChangedByWhoManagesTheAccountOnly) {
  const std::string id = std::to_string(count("SELECT id FROM accounts WHERE username = 'zorgteam'"));
  Browser other_ib = signed_in("ib-regenboog");
  EXPECT_EQ(post_json(other_ib, "/api/v1/externals/" + id, json{{"discipline", "psycholoog"}}, "PUT").status, 404)
      << "an external of another school answers as one that does not exist";
  Browser ib = signed_in("ib");
  HttpResult bad = post_json(ib, "/api/v1/externals/" + id, json{{"discipline", "tandarts"}}, "PUT");
  EXPECT_EQ(bad.status, 400);
  HttpResult ok = post_json(ib, "/api/v1/externals/" + id,
                            json{{"discipline", "orthopedagoog"}, {"organisation", "SWV Passend Onderwijs Noord"}}, "PUT");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["organisation"], "SWV Passend Onderwijs Noord");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object = 'zorgteamlid zorgteam' AND detail LIKE '%gewijzigd in "
                  "discipline Orthopedagoog, organisatie SWV Passend Onderwijs Noord'"),
            1);
  // Back as the demo has it, for the other tests.
  EXPECT_EQ(post_json(ib, "/api/v1/externals/" + id,
                      json{{"discipline", "orthopedagoog"}, {"organisation", "Samenwerkingsverband Passend Onderwijs Noord"}},
                      "PUT")
                .status,
            200);
}

}  // namespace
}  // namespace koers::web::testing
