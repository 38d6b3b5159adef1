// The authorisation matrix: every route × every role of the demo school, plus the
// denials that matter most (another school's ids, unknown ids, no login), CSRF, session
// expiry, the login brake, logout and the audit trail of views.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <thread>

#include "http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

const char* kPassword = "koers-demo";
const std::vector<std::string> kRoles = {"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer"};

// One demo database and server for the whole binary; ids looked up through the API.
struct World {
  std::filesystem::path dir;
  std::string db;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::unique_ptr<Browser>> as;  // signed-in browser per role
  long long teacher_group = 0, other_group = 0, other_school_group = 0;
  long long teacher_pupil = 0, child = 0, other_pupil = 0, other_school_pupil = 0;
  long long teacher_meeting = 0, other_meeting = 0, other_school_meeting = 0;  // group discussions
  long long teacher_ihp = 0, other_ihp = 0, child_ihp = 0, other_school_ihp = 0;  // IHPs of those pupils
  // Care-team cases of those pupils; the demo external (zorgteam) is invited to the teacher
  // pupil's case with the parents' consent, so every refusal of that pupil's pages below is
  // one a consented external gets.
  long long teacher_case = 0, other_case = 0, child_case = 0, other_school_case = 0;
  // HGDs of the teacher pupil's and the child's case, with the demo external as the expert.
  long long teacher_hgd = 0, child_hgd = 0;
  long long care_meeting = 0, other_school_care_meeting = 0;  // zorgteamoverleg, empty agenda
};
World* world = nullptr;

std::string id_of(const json& v);

class Environment : public ::testing::Environment {
 public:
  void SetUp() override {
    world = new World;
    world->dir = std::filesystem::temp_directory_path() / ("koers-http-" + std::to_string(getpid()));
    std::filesystem::create_directories(world->dir);
    world->db = (world->dir / "koers.db").string();
    if (const char* on_pg = std::getenv("KOERS_HTTP_ON_PG"); on_pg && std::string(on_pg) == "1") {
      const char* url = std::getenv("KOERS_TEST_PG_HTTP");
      ASSERT_TRUE(url && *url) << "KOERS_HTTP_ON_PG=1 needs KOERS_TEST_PG_HTTP";
      world->db = url;
      auto db = store::Database::open(world->db, 1);
      db->write([](soci::session& sql) {
        sql << "DROP SCHEMA public CASCADE";
        sql << "CREATE SCHEMA public";
      });
    }
    std::string out;
    ASSERT_EQ(run_koers({"demo", "--db", world->db}, &out), 0) << out;
    world->server = std::make_unique<ServerProcess>(world->db);
    for (const auto& role : kRoles) login(role, role);
    login("ib-regenboog", "ib-regenboog");

    json mine = world->as["leerkracht"]->get("/api/v1/groups").json();
    ASSERT_EQ(mine.size(), 1u);
    world->teacher_group = mine[0]["id"];
    for (const auto& g : world->as["ib"]->get("/api/v1/groups").json())
      if (g["id"] != world->teacher_group && !g["combined"].get<bool>()) world->other_group = g["id"];
    world->other_school_group = world->as["ib-regenboog"]->get("/api/v1/groups").json()[0]["id"];
    world->teacher_pupil = first_pupil("leerkracht", world->teacher_group);
    world->other_pupil = first_pupil("ib", world->other_group);
    world->other_school_pupil = first_pupil("ib-regenboog", world->other_school_group);
    std::string school = id_of(world->as["ib"]->get("/api/v1/me").json()["school"]["id"]);
    ASSERT_EQ(run_koers({"user", "add", "--db", world->db, "--username", "brake.test", "--password",
                         "brake-test-wachtwoord", "--role", "zorgteam", "--name", "Rem Test",
                         "--school", school},
                        &out),
              0)
        << out;
    for (const auto& m : world->as["ib"]->get("/api/v1/meetings").json()) {
      if (m["kind"] != "groepsbespreking") continue;
      if (m["group_id"] == world->teacher_group) world->teacher_meeting = m["id"];
      else if (m["group_id"] == world->other_group) world->other_meeting = m["id"];
    }
    world->other_school_meeting = world->as["ib-regenboog"]->get("/api/v1/meetings").json().at(0)["id"];
    for (const auto& m : world->as["ib"]->get("/api/v1/meetings").json())
      if (m["kind"] == "zorgteam" && !world->care_meeting) world->care_meeting = m["id"];
    for (const auto& m : world->as["ib-regenboog"]->get("/api/v1/meetings").json())
      if (m["kind"] == "zorgteam" && !world->other_school_care_meeting) world->other_school_care_meeting = m["id"];
    ASSERT_TRUE(world->teacher_meeting && world->other_meeting) << "the demo plans a group discussion per group";
    json me = world->as["ouder"]->get("/api/v1/me").json();
    ASSERT_EQ(me["children"].size(), 1u);
    world->child = me["children"][0]["id"];
    // An IHP of the teacher's pupil, another group's, the parent's child and another school's.
    auto start_ihp = [](const std::string& role, long long pupil) -> long long {
      Browser& b = *world->as[role];
      HttpResult r = b.request("POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps", "{}", "application/json",
                               {{"X-CSRF-Token", b.csrf()}});
      EXPECT_EQ(r.status, 201) << r.body;
      return r.json().value("id", 0LL);
    };
    world->teacher_ihp = start_ihp("ib", world->teacher_pupil);
    world->other_ihp = start_ihp("ib", world->other_pupil);
    world->child_ihp = start_ihp("ib", world->child);
    world->other_school_ihp = start_ihp("ib-regenboog", world->other_school_pupil);
    auto open_case = [](const std::string& role, long long pupil) -> long long {
      Browser& b = *world->as[role];
      HttpResult r = b.request("POST", "/api/v1/cases", json{{"pupil_id", pupil}}.dump(), "application/json",
                               {{"X-CSRF-Token", b.csrf()}});
      // The demo's own case for the parent's child: that one.
      EXPECT_TRUE(r.status == 201 || r.status == 409) << r.body;
      return r.json().value(r.status == 409 ? "case_id" : "id", 0LL);
    };
    world->teacher_case = open_case("ib", world->teacher_pupil);
    world->other_case = open_case("ib", world->other_pupil);
    world->child_case = open_case("ib", world->child);
    world->other_school_case = open_case("ib-regenboog", world->other_school_pupil);
    {
      Browser& ib = *world->as["ib"];
      const std::string path = "/api/v1/cases/" + std::to_string(world->teacher_case);
      const long long external = world->as["zorgteam"]->get("/api/v1/me").json()["id"];
      HttpResult invited = ib.request("PUT", path,
                                      json{{"version", 1},
                                           {"members", json::array({{{"account_id", external},
                                                                     {"discipline", "orthopedagoog"}}})}}
                                          .dump(),
                                      "application/json", {{"X-CSRF-Token", ib.csrf()}});
      ASSERT_EQ(invited.status, 200) << invited.body;
      HttpResult consent =
          ib.request("POST", path + "/consents",
                     json{{"purpose", "zorgteam"}, {"given_by", "moeder"}, {"given_on", "2026-09-01"},
                          {"disciplines", {"orthopedagoog"}}, {"documents", {"hulpvraag", "ihps", "toetsresultaten"}},
                          {"valid_until", "2099-07-31"}}
                         .dump(),
                     "application/json", {{"X-CSRF-Token", ib.csrf()}});
      ASSERT_EQ(consent.status, 201) << consent.body;
    }
    auto request_hgd = [](long long case_id) -> long long {
      Browser& ib = *world->as["ib"];
      const std::string path = "/api/v1/cases/" + std::to_string(case_id);
      HttpResult consent = ib.request("POST", path + "/consents",
                                      json{{"purpose", "hgd"}, {"given_by", "moeder"}, {"given_on", "2026-09-01"},
                                           {"disciplines", {"orthopedagoog"}}, {"documents", json::array()},
                                           {"valid_until", "2099-07-31"}}
                                          .dump(),
                                      "application/json", {{"X-CSRF-Token", ib.csrf()}});
      EXPECT_EQ(consent.status, 201) << consent.body;
      HttpResult r = ib.request("POST", path + "/hgd",
                                json{{"help_question", "Wat helpt?"}, {"questions", {"Welke aanpak past?"}},
                                     {"expert_account_id", world->as["zorgteam"]->get("/api/v1/me").json()["id"]}}
                                    .dump(),
                                "application/json", {{"X-CSRF-Token", ib.csrf()}});
      EXPECT_EQ(r.status, 201) << r.body;
      return r.json().value("id", 0LL);
    };
    world->teacher_hgd = request_hgd(world->teacher_case);
    world->child_hgd = request_hgd(world->child_case);
  }
  void TearDown() override {
    world->as.clear();
    world->server.reset();
    std::filesystem::remove_all(world->dir);
    delete world;
  }

 private:
  static void login(const std::string& key, const std::string& username) {
    auto b = std::make_unique<Browser>(world->server->port());
    ASSERT_EQ(b->api_login(username, kPassword).status, 200) << username;
    world->as[key] = std::move(b);
  }
  static long long first_pupil(const std::string& role, long long group) {
    json pupils = world->as[role]->get("/api/v1/groups/" + std::to_string(group) + "/pupils").json();
    return pupils.at(0)["id"];
  }
};
std::string id_of(const json& v) { return std::to_string(v.get<long long>()); }
const auto* env = ::testing::AddGlobalTestEnvironment(new Environment);

std::string id(long long v) { return std::to_string(v); }

// Expected status per role for one GET; "anon" is a browser without a session.
struct Case {
  std::string path;
  std::map<std::string, int> expect;
};

void check(const Case& c) {
  for (const auto& [role, status] : c.expect) {
    if (role == "anon") {
      Browser anon(world->server->port());
      EXPECT_EQ(anon.get(c.path).status, status) << "anonymous GET " << c.path;
      continue;
    }
    const int got = world->as.at(role)->get(c.path).status;
    // A refusal (403 in the table) is 403 for a role without the route's capability and 404
    // for an id the role may not see, answered as an unknown id (hostile_input_test.cc).
    if (status == 403) EXPECT_TRUE(got == 403 || got == 404) << role << " GET " << c.path << ": " << got;
    else EXPECT_EQ(got, status) << role << " GET " << c.path;
  }
}

std::map<std::string, int> only(std::initializer_list<std::string> allowed, int ok = 200,
                                int denied = 403, int anon = 303) {
  std::map<std::string, int> m;
  for (const auto& r : kRoles) m[r] = denied;
  for (const auto& r : allowed) m[r] = ok;
  m["anon"] = anon;
  return m;
}

TEST(AuthorisationMatrix, Pages) {
  std::vector<Case> cases = {
      {"/groepen", only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->teacher_group), only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->other_group), only({"ib", "directeur"})},
      {"/groepen/" + id(world->other_school_group), only({})},
      {"/groepen/" + id(world->teacher_group) + "/overzicht", only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->other_group) + "/overzicht", only({"ib", "directeur"})},
      {"/groepen/" + id(world->other_school_group) + "/overzicht", only({})},
      {"/groepen/" + id(world->teacher_group) + "/groepsplan", only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->other_group) + "/groepsplan", only({"ib", "directeur"})},
      {"/groepen/" + id(world->other_school_group) + "/groepsplan", only({})},
      {"/groepen/" + id(world->teacher_group) + "/groepsplan/afdrukken", only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->other_group) + "/groepsplan/afdrukken", only({"ib", "directeur"})},
      {"/groepen/" + id(world->teacher_group) + "/groepsplan.xlsx", only({"leerkracht", "ib", "directeur"})},
      {"/groepen/" + id(world->other_school_group) + "/groepsplan.xlsx", only({})},
      {"/leerlingen/" + id(world->teacher_pupil), only({"leerkracht", "ib", "directeur"})},
      {"/leerlingen/" + id(world->other_pupil), only({"ib", "directeur"})},
      {"/leerlingen/" + id(world->child), only({"ouder", "ib", "directeur"})},
      {"/leerlingen/" + id(world->other_school_pupil), only({})},
      {"/leerlingen/" + id(world->teacher_pupil) + "/audit", only({"ib"})},
      {"/leerlingen/" + id(world->other_school_pupil) + "/audit", only({})},
      {"/kinderen", only({"ouder"})},       // Mijn kind: the child, the consents, the way to the record
      {"/toestemmingen", only({"ouder"})},  // every consent of the parent's children, to give and withdraw
      {"/casussen", only({"zorgteam"})},
      {"/school/instellingen", only({"directeur"})},
      {"/school/signalering", only({"ib", "directeur"})},
      {"/signalering", only({"ib", "directeur"})},
      {"/resultaten/importeren", only({"leerkracht", "ib"})},
      {"/beheer", only({"beheer"})},
      {"/beheer/bewaartermijnen", only({"beheer"})},  // the board's own retention periods
      {"/besprekingen", only({"leerkracht", "ib", "directeur"})},
      {"/besprekingen.ics", only({"leerkracht", "ib", "directeur"})},
      {"/besprekingen/" + id(world->teacher_meeting), only({"leerkracht", "ib", "directeur"})},
      {"/besprekingen/" + id(world->teacher_meeting) + "/afdrukken", only({"leerkracht", "ib", "directeur"})},
      {"/besprekingen/" + id(world->other_meeting), only({"ib", "directeur"})},
      {"/besprekingen/" + id(world->other_school_meeting), only({})},
      {"/ihp/" + id(world->teacher_ihp), only({"leerkracht", "ib", "directeur"})},
      {"/ihp/" + id(world->other_ihp), only({"ib", "directeur"})},
      {"/ihp/" + id(world->child_ihp), only({"ouder", "ib", "directeur"})},
      {"/ihp/" + id(world->other_school_ihp), only({})},
      {"/casus/" + id(world->teacher_case), only({"leerkracht", "ib", "directeur", "zorgteam"})},
      {"/casus/" + id(world->other_case), only({"ib", "directeur"})},
      // The demo's case of the child has the parents' consent for the orthopedagoog (zorgteam).
      {"/casus/" + id(world->child_case), only({"ouder", "ib", "directeur", "zorgteam"})},
      {"/casus/" + id(world->other_school_case), only({})},
      {"/leerlingen/" + id(world->teacher_pupil) + "/dyslexie", only({"leerkracht", "ib", "directeur"})},
      {"/leerlingen/" + id(world->child) + "/dyslexie", only({"ouder", "ib", "directeur"})},
      {"/leerlingen/" + id(world->other_school_pupil) + "/dyslexie", only({})},
      {"/school/dyslexie", only({"ib", "directeur"})},
      {"/besprekingen/" + id(world->care_meeting) + "/casussen", only({"ib", "directeur"}, 303)},
      {"/besprekingen/" + id(world->other_school_care_meeting) + "/casussen", only({})},
      {"/zorgroute", only({"ib", "directeur", "beheer"})},
  };
  for (const Case& c : cases) check(c);
}

TEST(AuthorisationMatrix, Api) {
  std::vector<Case> cases = {
      {"/api/v1/me", only({"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer"}, 200, 403, 401)},
      {"/api/v1/groups", only({"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->teacher_group) + "/pupils",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_group) + "/pupils", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_school_group) + "/pupils", only({}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->teacher_group) + "/overview",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_group) + "/overview", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_school_group) + "/overview", only({}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->teacher_group) + "/clusters/huidig",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_group) + "/clusters/huidig", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_school_group) + "/clusters/huidig", only({}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->teacher_group) + "/plans/huidig",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_group) + "/plans/huidig", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/groups/" + id(world->other_school_group) + "/plans/huidig", only({}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->teacher_pupil), only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->child), only({"ouder", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil), only({}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->child) + "/consents", only({"ouder", "ib"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/consents", only({}, 200, 403, 401)},
      {"/api/v1/retention/periods", only({"beheer"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->teacher_pupil) + "/audit", only({"ib"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/audit", only({}, 200, 403, 401)},
      {"/api/v1/meetings", only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/meetings/" + id(world->teacher_meeting), only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/meetings/" + id(world->other_meeting), only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/meetings/" + id(world->other_school_meeting), only({}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->teacher_pupil) + "/growth-document",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_pupil) + "/growth-document", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/growth-document", only({}, 200, 403, 401)},
      {"/api/v1/agreements?owner=me", only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/agreements?owner=school", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->teacher_pupil) + "/ihps", only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->child) + "/ihps", only({"ouder", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/ihps", only({}, 200, 403, 401)},
      {"/api/v1/ihps/" + id(world->teacher_ihp), only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/ihps/" + id(world->other_ihp), only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/ihps/" + id(world->child_ihp), only({"ouder", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/ihps/" + id(world->other_school_ihp), only({}, 200, 403, 401)},
      {"/api/v1/cases", only({"leerkracht", "ib", "directeur", "zorgteam", "ouder"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->teacher_case), only({"leerkracht", "ib", "directeur", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->teacher_case) + "/file",
       only({"leerkracht", "ib", "directeur", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->other_case), only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->other_case) + "/file", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->child_case), only({"ouder", "ib", "directeur", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->child_case) + "/file",
       only({"ouder", "ib", "directeur", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->other_school_case), only({}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->other_school_case) + "/file", only({}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->teacher_pupil) + "/dyslexia-evidence",
       only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->child) + "/dyslexia-evidence", only({"ouder", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/dyslexia-evidence", only({}, 200, 403, 401)},
      {"/hgd/" + id(world->teacher_hgd), only({"leerkracht", "ib", "zorgteam"})},
      {"/hgd/" + id(world->child_hgd), only({"ib", "zorgteam"})},
      {"/api/v1/hgd/" + id(world->teacher_hgd), only({"leerkracht", "ib", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/hgd/" + id(world->child_hgd), only({"ib", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/cases/" + id(world->teacher_case) + "/hgd", only({"leerkracht", "ib", "zorgteam"}, 200, 403, 401)},
      {"/api/v1/hgd/" + id(world->teacher_hgd) + "/report", only({}, 200, 403, 401)},  // none yet: 404 for all
      {"/api/v1/meetings/" + id(world->care_meeting) + "/cases", only({"ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/meetings/" + id(world->other_school_care_meeting) + "/cases", only({}, 200, 403, 401)},
      {"/api/v1/route", only({"ib", "directeur"}, 200, 403, 401)},  // beheer: counts with ?school= (route_test.cc)
      {"/api/v1/pupils/" + id(world->teacher_pupil) + "/route", only({"leerkracht", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->child) + "/route", only({"ouder", "ib", "directeur"}, 200, 403, 401)},
      {"/api/v1/pupils/" + id(world->other_school_pupil) + "/route", only({}, 200, 403, 401)},
  };
  for (const Case& c : cases) check(c);
}

TEST(AuthorisationMatrix, GroupListsShowOnlyWhatTheRoleMaySee) {
  EXPECT_EQ(world->as["leerkracht"]->get("/api/v1/groups").json().size(), 1u);
  size_t school = world->as["ib"]->get("/api/v1/groups").json().size();
  EXPECT_GE(school, 9u);
  EXPECT_EQ(world->as["directeur"]->get("/api/v1/groups").json().size(), school);
  for (const char* r : {"zorgteam", "ouder", "beheer"})
    EXPECT_EQ(world->as[r]->get("/api/v1/groups").json().size(), 0u) << r;
  for (const auto& g : world->as["ib"]->get("/api/v1/groups").json())
    EXPECT_NE(g["id"], world->other_school_group) << "no group of the other school";
}

TEST(AuthorisationMatrix, EachRoleStartsOnItsOwnPage) {
  const std::map<std::string, std::string> home = {
      {"leerkracht", "/groepen"}, {"ib", "/groepen"}, {"directeur", "/groepen"},
      {"zorgteam", "/casussen"},  {"ouder", "/kinderen"}, {"beheer", "/beheer"}};
  for (const auto& [role, path] : home) {
    HttpResult r = world->as[role]->get("/");
    EXPECT_EQ(r.status, 303) << role;
    EXPECT_EQ(r.header("location"), path) << role;
  }
  Browser anon(world->server->port());
  EXPECT_EQ(anon.get("/").header("location"), "/inloggen");
  EXPECT_EQ(anon.get("/groepen").header("location"), "/inloggen?terug=/groepen");
}

TEST(AuthorisationMatrix, TheSignallingRulesAreNamedAsSuchNotAsAgreements) {
  // Everywhere else an afspraak is an action with an owner; the rules have their own name.
  for (const std::string role : {"ib", "directeur"}) {
    const std::string page = world->as[role]->get("/groepen").body;
    EXPECT_NE(page.find("<a href=\"/school/signalering\">Signaleringsregels</a>"), std::string::npos) << role;
    EXPECT_EQ(page.find(">Afspraken</a>"), std::string::npos) << role;
  }
  EXPECT_EQ(world->as["directeur"]->get("/school/instellingen").body.find("class=\"error\""), std::string::npos)
      << "no empty alert on the settings page";
}

TEST(AuthorisationMatrix, AParentReadsTheirChildsPageWrittenForAParent) {
  Browser& parent = *world->as["ouder"];
  const std::string mine = parent.get("/kinderen").body;
  EXPECT_NE(mine.find("href=\"/leerlingen/" + id(world->child) + "\""), std::string::npos)
      << "Mijn kind leads to the child's page";
  const std::string page = parent.get("/leerlingen/" + id(world->child)).body;
  EXPECT_NE(page.find("Wat de school van uw kind vastlegt"), std::string::npos);
  EXPECT_NE(page.find("Waar de school op let"), std::string::npos);
  for (const char* teacher_text : {"u beslist", "Koers stelt voor", "signaleringsregels", "class=\"decide\"", "Eerdere signalen",
                                   "Stamkaart"})
    EXPECT_EQ(page.find(teacher_text), std::string::npos) << teacher_text;
  EXPECT_NE(world->as["ib"]->get("/leerlingen/" + id(world->child)).body.find("signaleringsregels"), std::string::npos)
      << "staff keep their page";
}

TEST(AuthorisationMatrix, UnknownAndMalformedIdsAreNotFound) {
  Browser& ib = *world->as["ib"];
  EXPECT_EQ(ib.get("/api/v1/pupils/999999999").status, 404);
  EXPECT_EQ(ib.get("/api/v1/pupils/abc").status, 404);
  EXPECT_EQ(ib.get("/api/v1/groups/999999999/pupils").status, 404);
  EXPECT_EQ(ib.get("/leerlingen/999999999").status, 404);
  EXPECT_EQ(ib.get("/bestaat-niet").status, 404);
  HttpResult denied = ib.get("/api/v1/pupils/" + id(world->other_school_pupil));
  EXPECT_EQ(denied.status, 404) << "another school's pupil answers as an unknown one";
  EXPECT_EQ(denied.body, ib.get("/api/v1/pupils/999999999").body);
  EXPECT_EQ(denied.body.find("geboorte"), std::string::npos) << "no data in a refusal";
}

// The school settings form as the head's page fills it: name, place and the periods.
std::map<std::string, std::string> settings_form() {
  std::map<std::string, std::string> form = {{"name", "CBS De Valentijn"}, {"place", "Alphen aan den Rijn"}};
  const std::string page = world->as["directeur"]->get("/school/instellingen").body;
  static const std::regex input(R"re(name="(period_\d+_\w+)" value="([^"]*)")re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), input); it != std::sregex_iterator(); ++it)
    form[(*it)[1].str()] = (*it)[2].str();
  return form;
}

TEST(AuthorisationMatrix, ChangesNeedTheRightRole) {
  const auto form = settings_form();
  ASSERT_TRUE(form.count("period_1_starts_on")) << "the demo's periods";
  for (const auto& role : kRoles) {
    Browser& b = *world->as[role];
    int settings = b.post_form("/school/instellingen", form).status;
    EXPECT_EQ(settings, role == "directeur" ? 303 : 403) << role;
    int account = b.post_form("/beheer/accounts", {{"username", "x"}}).status;
    EXPECT_EQ(account, role == "beheer" ? 400 : 403) << role;
    int page_import = b.post_form("/beheer/import", {}).status;
    EXPECT_EQ(page_import, role == "beheer" ? 400 : 403) << role << " (no file)";
    int import = b.request("POST", "/api/v1/imports/edexml", "", "application/xml",
                           {{"X-CSRF-Token", b.csrf()}}).status;
    EXPECT_EQ(import, role == "beheer" ? 422 : 403) << role;
  }
}

// The IHP: the pupil's teacher and the IB start and change it; the head only reads it; a
// role that may not see the pupil is answered as for an unknown one.
TEST(AuthorisationMatrix, IhpChangesNeedTheRightRole) {
  const std::map<std::string, std::set<int>> start_page = {{"leerkracht", {303}}, {"ib", {303}},
                                                           {"directeur", {403}},  {"zorgteam", {403, 404}},
                                                           {"ouder", {403, 404}}, {"beheer", {403, 404}}};
  // Starting needs a goal: a writer gets past the permission and is refused for that (409).
  const std::map<std::string, std::set<int>> start_api = {{"leerkracht", {409}}, {"ib", {409}},    {"directeur", {403}},
                                                          {"zorgteam", {404}},   {"ouder", {404}}, {"beheer", {404}}};
  for (const auto& role : kRoles) {
    Browser& b = *world->as[role];
    const int page = b.post_form("/leerlingen/" + id(world->teacher_pupil) + "/ihp", {}).status;
    EXPECT_TRUE(start_page.at(role).count(page)) << role << " starts an IHP: " << page;
    const int api = b.request("POST", "/api/v1/ihps/" + id(world->teacher_ihp) + "/start", "{}", "application/json",
                              {{"X-CSRF-Token", b.csrf()}})
                        .status;
    EXPECT_TRUE(start_api.at(role).count(api)) << role << " starts IHP " << world->teacher_ihp << ": " << api;
  }
  Browser& other = *world->as["ib-regenboog"];
  EXPECT_EQ(other
                .request("POST", "/api/v1/ihps/" + id(world->teacher_ihp) + "/start", "{}", "application/json",
                         {{"X-CSRF-Token", other.csrf()}})
                .status,
            404);
}

TEST(Csrf, StateChangesWithoutTheTokenAreRefused) {
  Browser& head = *world->as["directeur"];
  EXPECT_EQ(head.post_form("/school/instellingen", {{"name", "Gekaapt"}}, false).status, 403);
  EXPECT_EQ(head.post_form("/school/instellingen", {{"name", "Gekaapt"}, {"_csrf", std::string(64, 'a')}}, false).status, 403);
  EXPECT_EQ(head.request("DELETE", "/api/v1/session").status, 403);
  EXPECT_EQ(head.post_form("/uitloggen", {}, false).status, 403);
  EXPECT_EQ(head.get("/api/v1/me").status, 200) << "still signed in";
  EXPECT_EQ(head.get("/school/instellingen").body.find("Gekaapt"), std::string::npos);
}

TEST(Csrf, LoginFormNeedsItsOwnToken) {
  Browser b(world->server->port());
  HttpResult forged = b.post_form("/inloggen", {{"username", "ib"}, {"password", kPassword}}, false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(b.cookies.find("koers_session") == b.cookies.end());
  // The real form: fetch it, take the token from the page, post it back.
  HttpResult page = b.get("/inloggen");
  size_t at = page.body.find("name=\"_csrf\" value=\"");
  ASSERT_NE(at, std::string::npos);
  std::string token = page.body.substr(at + 20, 64);
  HttpResult ok = b.post_form("/inloggen", {{"username", "ib"}, {"password", kPassword}, {"_csrf", token}}, false);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/groepen");
  EXPECT_EQ(b.get("/groepen").status, 200);
}

TEST(ApiLogin, RejectsWrongCredentialsAndNonJson) {
  Browser b(world->server->port());
  EXPECT_EQ(b.api_login("ib", "verkeerd").status, 401);
  EXPECT_EQ(b.api_login("niemand", kPassword).status, 401);
  EXPECT_EQ(b.request("POST", "/api/v1/session", "username=ib&password=koers-demo",
                      "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(b.request("POST", "/api/v1/session", "{kapot", "application/json").status, 400);
  HttpResult ok = b.api_login("ib", kPassword);
  ASSERT_EQ(ok.status, 200);
  std::string cookie = ok.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(ok.json()["role"], "ib");
}

TEST(Session, LogoutEndsTheSessionForGood) {
  Browser b(world->server->port());
  ASSERT_EQ(b.api_login("directeur", kPassword).status, 200);
  std::string old_cookie = b.cookies["koers_session"];
  EXPECT_EQ(b.request("DELETE", "/api/v1/session", "", "", {{"X-CSRF-Token", b.csrf()}}).status, 200);
  Browser replay(world->server->port());
  replay.cookies["koers_session"] = old_cookie;
  EXPECT_EQ(replay.get("/api/v1/me").status, 401);
  EXPECT_EQ(replay.get("/groepen").status, 303);
}

TEST(Session, ExpiresAfterIdleTime) {
  ServerProcess short_lived(world->db, {"--session-idle-seconds", "2"});
  Browser b(short_lived.port());
  ASSERT_EQ(b.api_login("ib", kPassword).status, 200);
  EXPECT_EQ(b.get("/api/v1/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  EXPECT_EQ(b.get("/api/v1/me").status, 401);
  HttpResult page = b.get("/groepen");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.header("location"), "/inloggen?verlopen=1&terug=/groepen");
  EXPECT_NE(b.get("/inloggen?verlopen=1&terug=/groepen").body.find("Uw sessie is verlopen"), std::string::npos);
}

TEST(LoginBrake, RepeatedFailuresBlockEvenTheRightPassword) {
  Browser b(world->server->port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(b.api_login("brake.test", "fout-wachtwoord").status, 401) << i;
  HttpResult blocked = b.api_login("brake.test", "brake-test-wachtwoord");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_FALSE(blocked.header("retry-after").empty());
  EXPECT_EQ(b.api_login("ib", kPassword).status, 200) << "other users are not blocked";
}

TEST(Audit, EveryViewOfAPupilIsRecorded) {
  std::string pupil = id(world->teacher_pupil);
  ASSERT_EQ(world->as["leerkracht"]->get("/leerlingen/" + pupil).status, 200);
  ASSERT_EQ(world->as["leerkracht"]->get("/api/v1/pupils/" + pupil).status, 200);
  json lines = world->as["ib"]->get("/api/v1/pupils/" + pupil + "/audit").json();
  int teacher_views = 0;
  for (const auto& l : lines)
    if (l["username"] == "leerkracht" && l["action"] == "view" && l["object"] == "stamkaart") ++teacher_views;
  EXPECT_GE(teacher_views, 2);
  // A refused look is not a view of the data: it is in the trail as a refusal (for the privacy
  // officer), never as a view.
  std::string other = id(world->other_school_pupil);
  world->as["ib"]->get("/api/v1/pupils/" + other);
  json theirs = world->as["ib-regenboog"]->get("/api/v1/pupils/" + other + "/audit").json();
  int refused = 0;
  for (const auto& l : theirs)
    if (l["username"] == "ib") {
      EXPECT_EQ(l["action"], "refused") << l.dump();
      ++refused;
    }
  EXPECT_GE(refused, 1);
}

TEST(Pages, StamkaartShowsTheRecordAndNeverTheBsn) {
  HttpResult page = world->as["ib"]->get("/leerlingen/" + id(world->child));
  ASSERT_EQ(page.status, 200);
  for (const char* text : {"Groepen per schooljaar", "Ouders/verzorgers", "Geboortedatum", "Dossier"})
    EXPECT_NE(page.body.find(text), std::string::npos) << text;
  EXPECT_EQ(page.body.find("bsn"), std::string::npos);
  json pupil = world->as["ib"]->get("/api/v1/pupils/" + id(world->child)).json();
  EXPECT_FALSE(pupil.contains("bsn"));
  EXPECT_GE(pupil["guardians"].size(), 1u);
  EXPECT_GE(pupil["groups"].size(), 1u);
}

TEST(SchoolSettings, TheHeadSavesPeriodsAndBadOnesChangeNothing) {
  Browser& head = *world->as["directeur"];
  std::map<std::string, std::string> form = {
      {"name", "CBS De Valentijn"}, {"place", "Alphen aan den Rijn"},
      {"period_1_name", "Herfst"}, {"period_1_starts_on", "2026-08-01"}, {"period_1_ends_on", "2026-12-20"},
      {"period_2_name", "Winter"}, {"period_2_starts_on", "2026-12-01"}, {"period_2_ends_on", "2027-07-31"}};
  HttpResult overlap = head.post_form("/school/instellingen", form);
  EXPECT_EQ(overlap.status, 400);
  EXPECT_NE(overlap.body.find("Winter: overlapt met Herfst."), std::string::npos);
  EXPECT_EQ(head.get("/school/instellingen").body.find("Herfst"), std::string::npos) << "nothing saved";

  form["period_2_starts_on"] = "2027-01-04";
  EXPECT_EQ(head.post_form("/school/instellingen", form).status, 303);
  std::string page = head.get("/school/instellingen?opgeslagen=1").body;
  EXPECT_NE(page.find("value=\"Herfst\""), std::string::npos);
  EXPECT_NE(page.find("value=\"2027-01-04\""), std::string::npos);
  EXPECT_EQ(page.find("Periode 3"), std::string::npos) << "the demo's three periods were replaced";
}

// Row counts straight from the server's database file.
std::map<std::string, long long> table_counts() {
  auto db = store::Database::open(world->db, 1);
  std::map<std::string, long long> out;
  db->read([&](soci::session& sql) {
    for (const char* t : {"schools", "school_groups", "pupils", "enrolments", "staff", "imports"}) {
      long long n = 0;
      sql << std::string("SELECT COUNT(*) FROM ") + t, soci::into(n);
      out[t] = n;
    }
  });
  return out;
}

TEST(EdexmlOverHttp, MalformedFilesAreRefusedWithTheirLineAndChangeNothing) {
  Browser& admin = *world->as["beheer"];
  auto before = table_counts();
  struct Bad {
    const char* file;
    int line;
    const char* message;
  } cases[] = {{"bad_xml.xml", 56, "geen geldige XML"},
               {"missing_key.xml", 66, "het attribuut key ontbreekt"},
               {"unknown_group.xml", 84, "onbekende groep \"G9\""},
               {"bad_date.xml", 70, "geen geldige datum"},
               {"jaargroep_100.xml", 17, "\"100\" is geen jaargroep van EDEXML"}};
  for (const Bad& bad : cases) {
    std::string xml = read_file(std::string(KOERS_TEST_DATA) + "/edexml/" + bad.file);
    HttpResult r = admin.request("POST", "/api/v1/imports/edexml?create_school=1", xml,
                                 "application/xml", {{"X-CSRF-Token", admin.csrf()}});
    EXPECT_EQ(r.status, 422) << bad.file;
    EXPECT_EQ(r.json()["line"], bad.line) << bad.file;
    EXPECT_NE(r.json()["message"].get<std::string>().find(bad.message), std::string::npos) << bad.file;
    EXPECT_EQ(table_counts(), before) << bad.file;
  }
}

TEST(EdexmlOverHttp, ANewSchoolIsImportedOnceAndUpdatedAfterwards) {
  Browser& admin = *world->as["beheer"];
  std::string xml = read_file(std::string(KOERS_TEST_DATA) + "/edexml/valid_2_1.xml");
  auto post = [&](const std::string& query) {
    return admin.request("POST", "/api/v1/imports/edexml" + query, xml, "application/xml",
                         {{"X-CSRF-Token", admin.csrf()}});
  };
  auto before = table_counts();
  HttpResult unknown = post("");
  EXPECT_EQ(unknown.status, 422) << "a new school needs create_school";
  EXPECT_EQ(table_counts(), before);

  HttpResult created = post("?create_school=1&school_name=De%20Vlinder");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json()["school"], "De Vlinder");
  EXPECT_EQ(created.json()["pupils_created"], 6);
  auto after = table_counts();
  EXPECT_EQ(after["schools"], before["schools"] + 1);
  EXPECT_EQ(after["pupils"], before["pupils"] + 6);

  HttpResult again = post("?create_school=1");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["pupils_unchanged"], 6);
  EXPECT_EQ(again.json()["school_created"], false);
  auto twice = table_counts();
  EXPECT_EQ(twice["pupils"], after["pupils"]);
  EXPECT_EQ(twice["schools"], after["schools"]);
  EXPECT_EQ(twice["enrolments"], after["enrolments"]);
}

// A multipart form as a browser sends an upload.
HttpResult upload(Browser& b, const std::string& path, const std::string& csv, const std::string& mapping,
                  const std::map<std::string, std::string>& extra = {}) {
  const std::string boundary = "----koers-test-boundary";
  std::string fields;
  for (const auto& [k, v] : extra)
    fields += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  std::string body = fields + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n" + mapping +
                     "\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"resultaten.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
  return b.request("POST", path, body, "multipart/form-data; boundary=" + boundary, {{"X-CSRF-Token", b.csrf()}});
}

TEST(EdexmlOverHttp, AFileAsTheStandardAllowsIsImportedAndWhatItLacksIsListed) {
  Browser& admin = *world->as["beheer"];
  auto before = table_counts();
  const std::string xml = read_file(std::string(KOERS_TEST_DATA) + "/edexml/standard_2_1.xml");
  HttpResult api = admin.request("POST", "/api/v1/imports/edexml?create_school=1", xml, "application/xml",
                                 {{"X-CSRF-Token", admin.csrf()}});
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.json()["pupils_created"], 3);
  ASSERT_EQ(api.json()["incomplete"].size(), 2u);
  EXPECT_EQ(api.json()["incomplete"][0]["line"], 43);
  EXPECT_EQ(api.json()["incomplete"][0]["element"], "leerling key=\"00101\"");
  EXPECT_EQ(api.json()["incomplete"][0]["message"], "de achternaam ontbreekt");
  EXPECT_EQ(api.json()["incomplete"][1]["text"], "regel 100, <leerkracht key=\"LK8\">: de achternaam ontbreekt");

  // The Flemish variant on the Beheer page: a school of its own, recognised by its
  // instellingsnummer, with the same gaps listed under the summary.
  HttpResult page = upload(admin, "/beheer/import",
                           read_file(std::string(KOERS_TEST_DATA) + "/edexml/standard_2_1_vlaanderen.xml"), "",
                           {{"create_school", "1"}, {"school_name", "Basisschool De Linde"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Basisschool De Linde (nieuwe school), schooljaar 2024-2025: 3 leerlingen nieuw"),
            std::string::npos);
  EXPECT_NE(page.body.find("Onvolledig geïmporteerd"), std::string::npos);
  EXPECT_NE(page.body.find("<li>regel 43, &lt;leerling key=&quot;00101&quot;&gt;: de achternaam ontbreekt</li>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<td>4217-00</td>"), std::string::npos) << "listed with its instellingsnummer";
  EXPECT_EQ(table_counts()["schools"], before["schools"] + 2);
  EXPECT_EQ(table_counts()["pupils"], before["pupils"] + 6);
}

std::string admin_key(long long pupil) {
  auto db = store::Database::open(world->db, 1);
  return db->read([&](soci::session& sql) {
    std::string key;
    sql << "SELECT edex_key FROM pupils WHERE id = :id", soci::use(pupil), soci::into(key);
    return key;
  });
}

TEST(ResultsOverHttp, ATeacherImportsForTheirOwnGroupOnly) {
  Browser& teacher = *world->as["leerkracht"];
  const std::string header = "leerlingnummer;toets;toetsmoment;vaardigheidsscore;niveau\n";
  std::string own = admin_key(world->teacher_pupil), other = admin_key(world->other_pupil);
  const size_t demo_results = teacher.get("/api/v1/pupils/" + id(world->teacher_pupil) + "/results").json().size();
  HttpResult refused = upload(teacher, "/api/v1/imports/results",
                              header + own + ";Studievaardigheden;M5;140;II\n" + other + ";Studievaardigheden;M5;120;V\n", "koers");
  EXPECT_EQ(refused.status, 422);
  ASSERT_EQ(refused.json()["errors"].size(), 1u);
  EXPECT_EQ(refused.json()["errors"][0]["line"], 3);
  EXPECT_EQ(refused.json()["errors"][0]["message"], "leerling niet gevonden in uw groepen: leerlingnummer " + other);
  EXPECT_EQ(teacher.get("/api/v1/pupils/" + id(world->teacher_pupil) + "/results").json().size(), demo_results)
      << "nothing of a refused file is stored";

  HttpResult ok = upload(teacher, "/api/v1/imports/results",
                         header + own + ";Studievaardigheden;M5;140;II\n" + own + ";Studievaardigheden;E5;141,5;IV\n", "koers");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["created"], 2);
  json results = teacher.get("/api/v1/pupils/" + id(world->teacher_pupil) + "/results").json();
  ASSERT_EQ(results.size(), demo_results + 2);
  json e5;
  for (const auto& r : results)
    if (r["subject"] == "Studievaardigheden" && r["moment"] == "E5") e5 = r;
  EXPECT_EQ(e5["level"], "IV");
  EXPECT_EQ(e5["ability_score"], 141.5);
  EXPECT_EQ(e5["level_band"], "20–40 %");

  EXPECT_EQ(upload(*world->as["directeur"], "/api/v1/imports/results", header, "koers").status, 403);
  EXPECT_EQ(upload(*world->as["ouder"], "/api/v1/imports/results", header, "koers").status, 403);
  EXPECT_EQ(upload(teacher, "/api/v1/imports/results", header, "onbekend").status, 400);
  EXPECT_EQ(world->as["ouder"]->get("/api/v1/pupils/" + id(world->teacher_pupil) + "/results").status, 404);
  EXPECT_EQ(world->as["ib"]->get("/api/v1/pupils/" + id(world->teacher_pupil) + "/results").status, 200);
}

TEST(ResultsPage, ShowsEveryBadLineOrTheSummary) {
  Browser& teacher = *world->as["leerkracht"];
  std::string key = admin_key(world->teacher_pupil);
  HttpResult bad = upload(teacher, "/resultaten/importeren",
                          "leerlingnummer;toets;toetsmoment;niveau\n" + key + ";Spelling;X5;II\nL404;Spelling;M5;II\n",
                          "koers");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("toetsmoment &quot;X5&quot; is geen toetsmoment"), std::string::npos);
  EXPECT_NE(bad.body.find("<td>2</td>"), std::string::npos) << "the line number is shown";
  EXPECT_NE(bad.body.find("er is niets opgeslagen"), std::string::npos);
  HttpResult ok = upload(teacher, "/resultaten/importeren",
                         "leerlingnummer;toets;toetsmoment;niveau\n" + key + ";Studievaardigheden;E4;III\n", "koers");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("1 resultaten nieuw"), std::string::npos);
}

TEST(SignalsOverHttp, TheTeacherSeesWhyAndDecidesWithAReason) {
  Browser& teacher = *world->as["leerkracht"];
  std::string pupil = id(world->teacher_pupil), key = admin_key(world->teacher_pupil);
  ASSERT_EQ(upload(teacher, "/api/v1/imports/results",
                   "leerlingnummer;toets;toetsmoment;niveau\n" + key + ";Begrijpend lezen;M4;V\n" + key +
                       ";Begrijpend lezen;M5;II\n" + key + ";Begrijpend lezen;E5;V\n",
                   "koers")
                .status,
            200);
  json groups = teacher.get("/api/v1/groups/" + id(world->teacher_group) + "/signals").json();
  json* mine = nullptr;
  for (auto& g : groups)
    if (g["pupil_id"] == world->teacher_pupil) mine = &g;
  ASSERT_NE(mine, nullptr);
  json drop, low, old;
  for (const auto& s : (*mine)["signals"]) {
    if (s["subject"] != "Begrijpend lezen") continue;
    if (s["rule"] == "niveau-daling") drop = s;
    if (s["rule"] == "niveau-laag" && s["moment"] == "E5") low = s;
    if (s["rule"] == "niveau-laag" && s["moment"] == "M4") old = s;
  }
  ASSERT_FALSE(drop.is_null());
  ASSERT_FALSE(low.is_null());
  ASSERT_FALSE(old.is_null());
  EXPECT_EQ(drop["evidence"], "Begrijpend lezen: niveau II in M5 → V in E5");
  EXPECT_TRUE(drop["decision"].is_null());
  EXPECT_EQ(drop["current"], true);
  EXPECT_EQ(old["current"], false) << "M4 is history: E5 is the latest moment";

  auto decide = [&](Browser& b, const std::string& who, const json& body) {
    return b.request("POST", "/api/v1/pupils/" + who + "/signals", body.dump(), "application/json",
                     {{"X-CSRF-Token", b.csrf()}});
  };
  EXPECT_EQ(decide(teacher, pupil, {{"subject", "Begrijpend lezen"}, {"decision", "bevestigd"}, {"reason", ""}}).status, 400);
  EXPECT_EQ(decide(teacher, pupil, {{"subject", "Woordenschat"}, {"decision", "bevestigd"}, {"reason", "x"}}).status, 400)
      << "no current line for that subject";
  // One decision for the line: the fall and the low level of E5 together.
  EXPECT_EQ(decide(teacher, pupil, {{"subject", "Begrijpend lezen"}, {"decision", "bevestigd"}, {"reason", "Ook in de les"}}).status, 200);
  EXPECT_EQ(decide(teacher, id(world->other_pupil), {{"key", drop["key"]}, {"decision", "afgewezen"}, {"reason", "x"}}).status, 404)
      << "not a pupil of this teacher";
  EXPECT_EQ(decide(*world->as["ouder"], pupil, {{"key", drop["key"]}, {"decision", "afgewezen"}, {"reason", "x"}}).status, 403);
  EXPECT_EQ(world->as["ouder"]->get("/api/v1/groups/" + id(world->teacher_group) + "/signals").status, 403);

  json again = world->as["ib"]->get("/api/v1/groups/" + id(world->teacher_group) + "/signals").json();
  bool found = false;
  for (const auto& g : again)
    for (const auto& s : g["signals"])
      if ((s["key"] == drop["key"] || s["key"] == low["key"]) && g["pupil_id"] == world->teacher_pupil) {
        found = true;
        EXPECT_EQ(s["decision"]["decision"], "bevestigd");
        EXPECT_EQ(s["decision"]["reason"], "Ook in de les");
        EXPECT_EQ(s["decision"]["by"], "leerkracht");
      }
  EXPECT_TRUE(found) << "the IB sees the teacher's decision";
  std::string page = teacher.get("/leerlingen/" + pupil).body;
  EXPECT_NE(page.find("Daling in niveau: Begrijpend lezen: niveau II in M5 → V in E5"), std::string::npos);
  EXPECT_NE(page.find("Bevestigd door leerkracht: Ook in de les"), std::string::npos);
  const size_t history = page.find("Eerdere signalen");
  ASSERT_NE(history, std::string::npos) << "older signals are folded away";
  EXPECT_GT(page.find("Begrijpend lezen: niveau V in M4"), history) << "M4 stands only in the history";
}

TEST(SignalOverview, TheIbSeesSignalledPupilsPerGroupAndFilters) {
  Browser& ib = *world->as["ib"];
  std::string key = admin_key(world->teacher_pupil);
  ASSERT_EQ(upload(ib, "/api/v1/imports/results",
                   "leerlingnummer;toets;toetsmoment;niveau\n" + key + ";Technisch lezen;E5;V\n", "koers")
                .status,
            200);
  std::string all = ib.get("/signalering").body;
  EXPECT_NE(all.find("Technisch lezen: niveau V in E5"), std::string::npos);
  EXPECT_NE(all.find("Groep 5/6"), std::string::npos);
  std::string other = ib.get("/signalering?toets=Spelling&regel=niveau-laag").body;
  EXPECT_EQ(other.find("Technisch lezen: niveau V in E5"), std::string::npos) << "filtered out by subject";
  std::string by_rule = ib.get("/signalering?toets=Technisch+lezen&regel=niveau-laag").body;
  EXPECT_NE(by_rule.find("Technisch lezen: niveau V in E5"), std::string::npos);
  json trail = ib.get("/api/v1/pupils/" + id(world->teacher_pupil) + "/audit").json();
  bool logged = false;
  for (const auto& l : trail) logged = logged || l["object"] == "signaleringsoverzicht";
  EXPECT_TRUE(logged) << "showing a pupil in the overview is a view of their data";
}

TEST(SignalRulesOverHttp, TheTeamsRulesDecideWhatIsSignalled) {
  Browser& ib = *world->as["ib"];
  std::string pupil = id(world->teacher_pupil), key = admin_key(world->teacher_pupil);
  ASSERT_EQ(upload(ib, "/api/v1/imports/results",
                   "leerlingnummer;toets;toetsmoment;niveau\n" + key + ";Woordenschat;M5;IV\n", "koers")
                .status,
            200);
  auto woordenschat_signals = [&] {
    int n = 0;
    for (const auto& g : ib.get("/api/v1/groups/" + id(world->teacher_group) + "/signals").json())
      if (g["pupil_id"] == world->teacher_pupil)
        for (const auto& s : g["signals"]) n += s["subject"] == "Woordenschat";
    return n;
  };
  EXPECT_EQ(woordenschat_signals(), 0) << "the default rules: V only";
  const std::string defaults = ib.get("/school/signalering").body;
  EXPECT_NE(defaults.find("<option value=\"3\" selected>drie niveaus of meer"), std::string::npos)
      << "the page shows the default fall of three levels, so saving it keeps it";

  std::map<std::string, std::string> form = {{"level_at_or_below", "4"}, {"level_drop", "1"},
                                             {"repeated_at_moments", "0"}, {"min_learning_yield", "75"},
                                             {"max_months_behind", ""}, {"mastery_percentage", "80"},
                                             {"mastery_misses_in_a_row", "abc"}};
  HttpResult bad = ib.post_form("/school/signalering", form);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Methodetoetsen op rij: &quot;abc&quot; is geen getal."), std::string::npos);
  EXPECT_EQ(woordenschat_signals(), 0) << "a refused form changes nothing";

  form["mastery_misses_in_a_row"] = "1";
  form["growth_1_subject"] = "Woordenschat";
  form["growth_1_year_group"] = "5";
  form["growth_1_points"] = "6,5";
  EXPECT_EQ(ib.post_form("/school/signalering", form).status, 303);
  EXPECT_EQ(woordenschat_signals(), 1) << "now IV signals too";
  std::string page = ib.get("/school/signalering").body;
  EXPECT_NE(page.find("value=\"6,5\""), std::string::npos);
  EXPECT_EQ(world->as["leerkracht"]->post_form("/school/signalering", form).status, 403);
}

// The pupil's line of the group overview, as the API gives it.
json overview_line(Browser& b, long long group, long long pupil) {
  json ov = b.get("/api/v1/groups/" + id(group) + "/overview").json();
  for (const auto& l : ov["pupils"])
    if (l["pupil_id"] == pupil) return l;
  return nullptr;
}

TEST(GroupOverviewOverHttp, TheTeacherEditsInPlaceAndTheIbReads) {
  Browser& teacher = *world->as["leerkracht"];
  Browser& ib = *world->as["ib"];
  const std::string group = id(world->teacher_group), pupil = id(world->teacher_pupil);
  json ov = teacher.get("/api/v1/groups/" + group + "/overview").json();
  EXPECT_TRUE(ov["editable"].get<bool>());
  EXPECT_EQ(ov["subjects"], json({"Technisch lezen", "Begrijpend lezen", "Spelling", "Rekenen-Wiskunde"}));
  EXPECT_EQ(ov["pupils"].size(), teacher.get("/api/v1/groups/" + group + "/pupils").json().size());
  EXPECT_FALSE(ib.get("/api/v1/groups/" + group + "/overview").json()["editable"].get<bool>());

  const std::string base = "/groepen/" + group + "/overzicht";
  auto added = teacher.post_form(base + "/regels", {{"pupil", pupil}, {"kind", "beschermend"},
                                                    {"text", "helpt graag anderen"}, {"source", "observatie"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(added.header("location"), base + "#leerling-" + pupil);
  teacher.post_form(base + "/regels", {{"pupil", pupil}, {"need_topic", "matchen|feedback"},
                                       {"text", "heeft complimenten voor inzet nodig"}, {"source", "gesprek-leerling"}});
  auto refused = teacher.post_form(base + "/regels", {{"pupil", pupil}, {"kind", "belemmerend"}, {"text", "x"},
                                                      {"source", "roddel"}});
  EXPECT_NE(refused.header("location").find("fout="), std::string::npos);
  EXPECT_NE(teacher.get(refused.header("location")).body.find("Bron: kies toets"), std::string::npos)
      << "the refusal is shown on the overview";
  // The teacher names the source: the form starts on none, and none is refused.
  EXPECT_NE(teacher.get(base).body.find("<select name=\"source\" required><option value=\"\" selected disabled>kies de bron</option>"),
            std::string::npos);
  EXPECT_NE(teacher.get(teacher.post_form(base + "/regels", {{"pupil", pupil}, {"kind", "belemmerend"}, {"text", "x"}})
                            .header("location")).body.find("Bron: kies toets"), std::string::npos);
  teacher.post_form(base + "/aanpak", {{"pupil", pupil}, {"vak_0", "Technisch lezen"}, {"aanpak_0", "verdiept"}});
  // The page's one add form always sends a need topic: it counts only for a need.
  teacher.post_form(base + "/regels", {{"pupil", pupil}, {"kind", "belemmerend"}, {"need_topic", "matchen|instructie"},
                                       {"text", "moe na de gym"}, {"source", "observatie"}});
  // The page's one approach form sends every pupil's selects; the button names whose line is saved.
  teacher.post_form(base + "/aanpak", {{"pupil", pupil}, {"aanpak_" + pupil + "_2", "intensief"},
                                       {"aanpak_999999_2", "verdiept"}});

  json line = overview_line(ib, world->teacher_group, world->teacher_pupil);
  ASSERT_FALSE(line.is_null());
  json mine;
  for (const auto& e : line["protective"])
    if (e["text"] == "helpt graag anderen") mine = e;
  ASSERT_FALSE(mine.is_null()) << line.dump();
  EXPECT_EQ(mine["source_label"], "observatie");
  EXPECT_FALSE(mine["written_by"].get<std::string>().empty());
  bool need = false;
  for (const auto& e : line["general_needs"])
    need = need || (e["topic"] == "feedback" && e["text"] == "heeft complimenten voor inzet nodig" &&
                    e["source_label"] == "gesprek met leerling");
  EXPECT_TRUE(need) << line["general_needs"].dump();
  for (const auto& e : line["hindering"]) EXPECT_NE(e["text"], "x") << "the refused factor was not stored";
  EXPECT_EQ(line["approaches"][0]["approach"], "verdiept");
  EXPECT_EQ(line["approaches"][2]["approach"], "intensief");
  bool hindering = false;
  for (const auto& e : line["hindering"]) hindering = hindering || e["text"] == "moe na de gym";
  EXPECT_TRUE(hindering) << line["hindering"].dump();
  for (const auto& e : line["general_needs"]) EXPECT_NE(e["text"], "heeft moe na de gym nodig");

  // Only the group's own teacher writes; the IB reads; nobody writes for a pupil elsewhere.
  std::map<std::string, std::string> factor{{"pupil", pupil}, {"kind", "beschermend"}, {"text", "y"},
                                            {"source", "observatie"}};
  EXPECT_EQ(ib.post_form(base + "/regels", factor).status, 403);
  EXPECT_EQ(world->as["ouder"]->post_form(base + "/regels", factor).status, 403);
  factor["pupil"] = id(world->other_pupil);
  EXPECT_EQ(teacher.post_form(base + "/regels", factor).status, 404) << "a pupil of another group";
  EXPECT_EQ(teacher.post_form("/groepen/" + id(world->other_group) + "/overzicht/regels", factor).status, 404);

  // Removing takes it out of the current overview.
  EXPECT_EQ(teacher.post_form(base + "/regels/" + id_of(mine["id"]) + "/einde", {{"pupil", pupil}}).status, 303);
  for (const auto& e : overview_line(teacher, world->teacher_group, world->teacher_pupil)["protective"])
    EXPECT_NE(e["text"], "helpt graag anderen");

  json trail = ib.get("/api/v1/pupils/" + pupil + "/audit").json();
  int views = 0, creates = 0, deletes = 0;
  for (const auto& l : trail) {
    std::string object = l["object"];
    if (l["action"] == "view" && object.rfind("groepsoverzicht", 0) == 0) ++views;
    if (l["action"] == "create" && object == "beschermende factor") ++creates;
    if (l["action"] == "delete" && object == "beschermende factor") ++deletes;
  }
  EXPECT_GE(views, 2);
  EXPECT_GE(creates, 1);
  EXPECT_EQ(deletes, 1);
  std::string page = teacher.get(base).body;
  EXPECT_NE(page.find("heeft complimenten voor inzet nodig"), std::string::npos);
  EXPECT_NE(ib.get(base).body.find("Alleen de leerkracht van de groep wijzigt"), std::string::npos);
}

TEST(ResultsByHand, TheTeacherEntersAMethodTestAnLvsResultAndAnAviLevel) {
  Browser& teacher = *world->as["leerkracht"];
  const std::string pupil = id(world->teacher_pupil), path = "/leerlingen/" + pupil + "/invoer";
  auto saved = teacher.post_form(path, {{"soort", "methode"}, {"vak", "Rekenen"}, {"blok", "Blok 7"},
                                        {"score", "18"}, {"maximum", "30"}, {"datum", "02-11-2026"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_NE(teacher.get(saved.header("location")).body.find("Opgeslagen: "), std::string::npos);
  auto refused = teacher.post_form(path, {{"soort", "methode"}, {"vak", "Rekenen"}, {"blok", "Blok 8"},
                                          {"score", "31"}, {"maximum", "30"}, {"datum", "02-11-2026"}});
  EXPECT_NE(teacher.get(refused.header("location")).body.find("Score: moet tussen 0 en het maximum liggen."),
            std::string::npos) << refused.header("location");
  teacher.post_form(path, {{"soort", "lvs"}, {"toets", "Technisch lezen (DMT)"}, {"toetsmoment", "B6"},
                           {"datum", "01-10-2026"}, {"score", "61"}, {"niveau", "IV"}});
  teacher.post_form(path, {{"soort", "avi"}, {"toetsmoment", "B6"}, {"avi", "M6"}, {"datum", "01-10-2026"}});
  const std::string avi_refused =
      teacher.post_form(path, {{"soort", "avi"}, {"toetsmoment", "B6"}, {"avi", "M9"}, {"datum", "01-10-2026"}})
          .header("location");
  EXPECT_NE(teacher.get(avi_refused).body.find("AVI-niveau: kies AVI-Start"), std::string::npos);
  EXPECT_NE(teacher.get(path.substr(0, path.size() - 7)).body.find("<tr><td>B6</td><td>M6</td><td>01-10-2026</td></tr>"),
            std::string::npos) << "the AVI levels as a table with headings, not 'B6: M6'";

  json line = overview_line(teacher, world->teacher_group, world->teacher_pupil);
  bool block7 = false, block8 = false;
  for (const auto& t : line["method_tests"]) {
    block7 = block7 || (t["block"] == "Blok 7" && t["score_text"] == "18/30" && t["below_mastery"] == true);
    block8 = block8 || t["block"] == "Blok 8";
  }
  EXPECT_TRUE(block7) << line["method_tests"].dump();
  EXPECT_FALSE(block8) << "the refused score was not stored";
  EXPECT_EQ(line["reading_level"]["avi"], "M6");
  bool dmt = false;
  for (const auto& r : teacher.get("/api/v1/pupils/" + pupil + "/results").json())
    dmt = dmt || (r["subject"] == "Technisch lezen (DMT)" && r["moment"] == "B6" && r["level"] == "IV");
  EXPECT_TRUE(dmt);
  bool signalled = false;
  for (const auto& s : line["signals"]) signalled = signalled || s["evidence"].get<std::string>().find("Blok 7") != std::string::npos;
  EXPECT_TRUE(signalled) << "60 % is below the 80 % mastery: " << line["signals"].dump();

  EXPECT_EQ(teacher.post_form("/leerlingen/" + id(world->other_pupil) + "/invoer",
                              {{"soort", "avi"}, {"toetsmoment", "B6"}, {"avi", "M6"}, {"datum", "01-10-2026"}})
                .status,
            404);
  EXPECT_EQ(world->as["directeur"]->post_form(path, {{"soort", "avi"}, {"toetsmoment", "B6"}, {"avi", "M6"},
                                                     {"datum", "01-10-2026"}}).status,
            403);
}

TEST(ResultsMappingOverHttp, PreviewThenASavedMappingIsOneClickNextTime) {
  Browser& ib = *world->as["ib"];
  std::string key = admin_key(world->other_pupil);
  const std::string file = "Leerling ID;Vak;Periode;Score\n" + key + ";Woordenschat;M6;55\n";
  json preview = upload(ib, "/api/v1/imports/results/preview", file, "").json();
  EXPECT_EQ(preview["header"], json({"Leerling ID", "Vak", "Periode", "Score"}));
  EXPECT_EQ(preview["rows"].size(), 1u);
  EXPECT_TRUE(preview["fitting"].is_null()) << "no shipped mapping knows \"Vak\"";
  EXPECT_EQ(preview["suggested"]["toetsmoment"], json({"periode"}));
  EXPECT_EQ(preview["suggested_missing"], json({"toets"}));

  json own = preview["suggested"];
  own["toets"] = {"vak"};
  auto imported = upload(ib, "/api/v1/imports/results", file, "", {{"mapping_json", own.dump()}, {"save_as", "Eigen export"}});
  EXPECT_EQ(imported.status, 200) << imported.body;
  json again = upload(ib, "/api/v1/imports/results/preview", file, "").json();
  EXPECT_EQ(again["fitting"], "Eigen export") << "the school's own mapping is chosen next time";
  EXPECT_EQ(upload(ib, "/api/v1/imports/results", file, "Eigen export").json()["unchanged"], 1);
  EXPECT_EQ(upload(*world->as["ib-regenboog"], "/api/v1/imports/results", file, "Eigen export").status, 400)
      << "another school does not get this school's mapping";
  EXPECT_EQ(upload(*world->as["directeur"], "/api/v1/imports/results/preview", file, "").status, 403);
  own.erase("toetsmoment");
  auto refused = upload(ib, "/api/v1/imports/results", file, "", {{"mapping_json", own.dump()}, {"save_as", "Kapot"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("toetsmoment"), std::string::npos);
}

TEST(ResultsOverHttp, TheIbDecidesWhoARowIsAboutWhenANameFitsTwoPupils) {
  // Two pupils of the school (not the ones other tests use) with one surname and birth date.
  std::vector<long long> twins;
  {
    auto db = store::Database::open(world->db, 1);
    db->write([&](soci::session& sql) {
      long long pupil = 0;
      soci::statement st = (sql.prepare << "SELECT id FROM pupils WHERE school_id = (SELECT school_id FROM pupils "
                                           "WHERE id = :t) AND id <> :t2 AND id <> :o ORDER BY id DESC",
                            soci::use(world->teacher_pupil), soci::use(world->teacher_pupil),
                            soci::use(world->other_pupil), soci::into(pupil));
      st.execute();
      while (twins.size() < 2 && st.fetch()) twins.push_back(pupil);
      for (long long t : twins)
        sql << "UPDATE pupils SET surname = 'Tweeling', surname_prefix = '', birth_date = '2017-05-05' WHERE id = :i",
            soci::use(t);
    });
  }
  ASSERT_EQ(twins.size(), 2u);
  Browser& ib = *world->as["ib"];
  const std::string file = "achternaam;geboortedatum;toets;toetsmoment;vaardigheidsscore\nTweeling;05-05-2017;Woordenschat;M7;61\n";
  HttpResult asked = upload(ib, "/api/v1/imports/results", file, "koers");
  ASSERT_EQ(asked.status, 422) << asked.body;
  json choices = asked.json()["errors"][0]["choices"];
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_NE(choices[0]["label"].get<std::string>().find("Tweeling (leerlingnummer "), std::string::npos) << choices;

  HttpResult wrong = upload(ib, "/api/v1/imports/results", file, "koers",
                            {{"decisions", json{{"2", world->other_pupil}}.dump()}});
  EXPECT_EQ(wrong.status, 422) << "a pupil who is not one of the candidates is refused";
  EXPECT_EQ(upload(ib, "/api/v1/imports/results", file, "koers", {{"decisions", "[1, 2]"}}).status, 400);

  HttpResult decided = upload(ib, "/api/v1/imports/results", file, "koers",
                              {{"decisions", json{{"2", twins[1]}}.dump()}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  json results = ib.get("/api/v1/pupils/" + id(twins[1]) + "/results").json();
  bool stored = false;
  for (const auto& r : results) stored = stored || (r["subject"] == "Woordenschat" && r["moment"] == "M7");
  EXPECT_TRUE(stored);
  for (const auto& r : ib.get("/api/v1/pupils/" + id(twins[0]) + "/results").json())
    EXPECT_FALSE(r["subject"] == "Woordenschat" && r["moment"] == "M7") << "the other twin keeps their results";
}

TEST(GoalCheckOverHttp, StaffWhoWritePlansGetTheSmartiFindings) {
  auto check = [](Browser& b, const json& body) {
    return b.request("POST", "/api/v1/goals/check", body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  };
  const json goal{{"text", "Op 12-03-2027 lezen de leerlingen van de intensieve groep AVI E4 met 95 % nauwkeurigheid."},
                  {"starts_on", "2026-11-01"}, {"ends_on", "2027-01-31"}};
  HttpResult r = check(*world->as["leerkracht"], goal);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["findings"].size(), 6u);
  EXPECT_FALSE(r.json()["smarti"]);
  for (const auto& f : r.json()["findings"]) {
    EXPECT_EQ(f["met"], f["criterion"] != "tijdgebonden") << f;
    if (f["criterion"] == "tijdgebonden") {
      EXPECT_NE(f["hint"].get<std::string>().find("buiten de periode"), std::string::npos);
    }
  }
  json in_period = goal;
  in_period["text"] = "Op 15-01 lezen de leerlingen van de intensieve groep AVI E4 met 95 % nauwkeurigheid.";
  const json passed = check(*world->as["ib"], in_period).json();
  EXPECT_TRUE(passed["smarti"]);
  // It says what it judged and what is the teacher's: never "meets all six".
  const std::string summary = passed["summary"];
  EXPECT_NE(summary.find("specifiek, meetbaar en tijdgebonden in orde"), std::string::npos) << summary;
  EXPECT_NE(summary.find("beoordeelt u zelf"), std::string::npos) << summary;
  EXPECT_TRUE(r.json()["summary"].is_null()) << "no summary while a criterion has a hint";
  EXPECT_EQ(check(*world->as["directeur"], goal).status, 200);

  for (const char* role : {"ouder", "zorgteam", "beheer"}) EXPECT_EQ(check(*world->as[role], goal).status, 403) << role;
  Browser anon(world->server->port());
  EXPECT_EQ(anon.request("POST", "/api/v1/goals/check", goal.dump(), "application/json").status, 401);
  EXPECT_EQ(check(*world->as["leerkracht"], json{{"tekst", "x"}}).status, 400);
  EXPECT_EQ(check(*world->as["leerkracht"], json{{"text", "x"}, {"starts_on", "1-11-2026"}, {"ends_on", "2027-01-31"}}).status,
            400);
  Browser& teacher = *world->as["leerkracht"];
  EXPECT_EQ(teacher.request("POST", "/api/v1/goals/check", goal.dump(), "application/json").status, 403)
      << "without the CSRF token";
}

TEST(ClustersOverHttp, EveryPupilIsProposedOncePerSubjectWithReasons) {
  Browser& teacher = *world->as["leerkracht"];
  const std::string path = "/api/v1/groups/" + id(world->teacher_group) + "/clusters/";
  HttpResult r = teacher.get(path + "huidig");
  ASSERT_EQ(r.status, 200) << r.body;
  const size_t pupils = teacher.get("/api/v1/groups/" + id(world->teacher_group) + "/pupils").json().size();
  json subjects = r.json()["subjects"];
  ASSERT_EQ(subjects.size(), 4u) << "technisch lezen, begrijpend lezen, spelling, rekenen-wiskunde";
  for (const auto& s : subjects) {
    std::set<long long> placed;
    for (const char* a : {"intensief", "basis", "verdiept"})
      for (const auto& p : s["proposal"][a]) {
        EXPECT_TRUE(placed.insert(p["pupil_id"].get<long long>()).second) << s["subject"];
        EXPECT_FALSE(p["reasons"].empty()) << s["subject"] << " " << p["name"];
      }
    EXPECT_EQ(placed.size(), pupils) << s["subject"];
  }
  // The demo's results put some pupils of the group in intensief for rekenen.
  json rekenen;
  for (const auto& s : subjects)
    if (s["subject"] == "Rekenen-Wiskunde") rekenen = s;
  EXPECT_FALSE(rekenen["proposal"]["intensief"].empty()) << rekenen.dump();

  const long long period = r.json()["period_id"].get<long long>();
  if (period) {
    EXPECT_EQ(teacher.get(path + std::to_string(period)).status, 200);
  }
  EXPECT_EQ(teacher.get(path + "999999").status, 404);
  EXPECT_EQ(teacher.get(path + "vorige").status, 404);
}

TEST(PlansOverHttp, TheTeacherSavesVersionsAndAStaleSaveGets409WithTheLatest) {
  Browser& teacher = *world->as["leerkracht"];
  const std::string path = "/api/v1/groups/" + id(world->teacher_group) + "/plans/huidig";
  auto put = [&](Browser& b, const json& body) {
    return b.request("PUT", path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  };
  json plan = teacher.get(path).json();
  // The demo teacher wrote the current period's plan as version 1.
  const int v = plan["version"].get<int>();
  ASSERT_GE(v, 1) << "the demo's plan";
  ASSERT_EQ(plan["subjects"].size(), 4u);
  ASSERT_EQ(plan["subjects"][0]["subgroups"].size(), 3u);
  EXPECT_FALSE(plan["subjects"][0]["basic_offer"].get<std::string>().empty());
  EXPECT_TRUE(plan["editable"]);

  json mine = plan;
  mine["subjects"][0]["basic_offer"] = "Estafette, leesles 1-20, in tweetallen";
  HttpResult first = put(teacher, mine);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["version"], v + 1);
  EXPECT_EQ(first.json()["versions"].size(), static_cast<size_t>(v + 1));

  // A second tab still on the version before saves: refused, with the latest to compare.
  mine["subjects"][0]["basic_offer"] = "Iets anders, op de vorige versie gebaseerd";
  HttpResult stale = put(teacher, mine);
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.json()["latest_version"], v + 1);
  EXPECT_EQ(stale.json()["latest"]["subjects"][0]["basic_offer"], "Estafette, leesles 1-20, in tweetallen");
  EXPECT_EQ(teacher.get(path).json()["subjects"][0]["basic_offer"], "Estafette, leesles 1-20, in tweetallen");

  json bad = first.json();
  bad["subjects"][0]["subgroups"][0]["pupils"] = json::array({world->other_school_pupil});
  HttpResult refused = put(teacher, bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("zit niet in de groep"), std::string::npos) << refused.body;
  EXPECT_EQ(put(teacher, json{{"subjects", json::array()}}).status, 400) << "no version";
  json wrong_type = first.json();
  wrong_type["subjects"][0]["subgroups"][0]["approach"] = "extra";
  HttpResult named = put(teacher, wrong_type);
  EXPECT_EQ(named.status, 400);
  EXPECT_NE(named.body.find("subjects[0].subgroups[0].approach"), std::string::npos) << named.body;

  EXPECT_EQ(put(*world->as["ib"], first.json()).status, 403) << "the IB reads the plan; the teacher writes it";
  EXPECT_EQ(put(*world->as["ouder"], first.json()).status, 403);
  EXPECT_EQ(teacher.request("PUT", path, first.json().dump(), "application/json").status, 403) << "no CSRF token";
  EXPECT_EQ(world->as["ib"]->get(path).json()["version"], v + 1);
  EXPECT_EQ(teacher.get("/api/v1/groups/" + id(world->teacher_group) + "/plans/999999").status, 404);
  const std::string saved = teacher.get(path + "?version=" + std::to_string(v + 1)).json()["subjects"][0]["basic_offer"];
  EXPECT_EQ(saved, "Estafette, leesles 1-20, in tweetallen");
  EXPECT_EQ(teacher.get(path + "?version=" + std::to_string(v)).json()["subjects"][0]["basic_offer"],
            plan["subjects"][0]["basic_offer"]);
  EXPECT_EQ(teacher.get(path + "?version=99").status, 404);
}

TEST(PlansOverHttp, ACombinationGroupSetsGoalsPerJaargroepAndBasisHasGoalsOfItsOwn) {
  Browser& teacher = *world->as["leerkracht"];  // the demo teacher has 5/6
  const std::string path = "/api/v1/groups/" + id(world->teacher_group) + "/plans/huidig";
  auto put = [&](const json& body) {
    return teacher.request("PUT", path, body.dump(), "application/json", {{"X-CSRF-Token", teacher.csrf()}});
  };
  json plan = teacher.get(path).json();
  json& basis = plan["subjects"][0]["subgroups"][1];
  ASSERT_EQ(basis["approach"], "basis");
  basis["goals"].push_back({{"kind", "didactisch"}, {"text", "Groep 5 maakt blok 3 met 80 % goed."}, {"year_group", "5"}});
  basis["goals"].push_back({{"kind", "didactisch"}, {"text", "Groep 6 maakt blok 3 met 80 % goed."}, {"year_group", "6"}});
  basis["goals"].push_back({{"kind", "pedagogisch"}, {"text", "De hele basisgroep werkt tien minuten zelfstandig."}});
  HttpResult saved = put(plan);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json goals = teacher.get(path).json()["subjects"][0]["subgroups"][1]["goals"];
  ASSERT_GE(goals.size(), 3u);
  EXPECT_EQ(goals[goals.size() - 3]["year_group"], "5");
  EXPECT_EQ(goals[goals.size() - 2]["year_group"], "6");
  EXPECT_EQ(goals[goals.size() - 1]["year_group"], "");
  // The page offers the jaargroep per goal, and the print says whose goal it is.
  const std::string page = teacher.get("/groepen/" + id(world->teacher_group) + "/groepsplan").body;
  EXPECT_NE(page.find("<option value=\"5\" selected>alleen groep 5</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"6\" selected>alleen groep 6</option>"), std::string::npos);
  const std::string print = teacher.get("/groepen/" + id(world->teacher_group) + "/groepsplan/afdrukken").body;
  EXPECT_NE(print.find("<strong>groep 5:</strong> Groep 5 maakt blok 3"), std::string::npos);

  json wrong = saved.json();
  wrong["subjects"][0]["subgroups"][1]["goals"][0]["year_group"] = "7";
  HttpResult refused = put(wrong);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("is voor groep 7, maar die jaargroep zit niet in deze groep"), std::string::npos) << refused.body;
}

TEST(PlansOverHttp, ASentVersionStaysAndAClosedEvaluationFeedsTheOverview) {
  Browser& teacher = *world->as["leerkracht"];
  const std::string path = "/api/v1/groups/" + id(world->teacher_group) + "/plans/huidig";
  auto post = [&](Browser& b, const std::string& to, const json& body) {
    return b.request("POST", to, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  };
  json plan = teacher.get(path).json();
  const int before = plan["version"].get<int>();
  // A goal for the basis subgroup of the first subject that names no result (so Koers
  // proposes nothing), evaluated by hand for one pupil.
  json& basis = plan["subjects"][0]["subgroups"][1];
  ASSERT_FALSE(basis["pupils"].empty());
  const long long pupil = basis["pupils"][0].get<long long>();
  basis["goals"] = json::array({{{"kind", "didactisch"},
                                 {"text", "Ieder kind leest elke dag tien minuten voor aan een maatje."},
                                 {"pupils", json::array({{{"pupil_id", pupil}, {"verdict", "niet-behaald"},
                                                          {"evidence", "leest niet elke dag voor"}, {"confirmed", false}}})}}});
  HttpResult saved = teacher.request("PUT", path, plan.dump(), "application/json", {{"X-CSRF-Token", teacher.csrf()}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const int version = saved.json()["version"].get<int>();
  EXPECT_EQ(version, before + 1);

  EXPECT_EQ(post(*world->as["ib"], path + "/send", {{"version", version}}).status, 403) << "the teacher sends";
  EXPECT_EQ(post(teacher, path + "/send", {{"version", version - 1}}).status, 409) << "only the latest version";
  HttpResult sent = post(teacher, path + "/send", {{"version", version}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_FALSE(sent.json()["versions"].back()["sent_at"].is_null());
  EXPECT_EQ(post(teacher, path + "/send", {{"version", version}}).status, 409) << "sent once";

  EXPECT_EQ(post(*world->as["directeur"], path + "/close", {{"version", version}}).status, 403);
  HttpResult closed = post(teacher, path + "/close", {{"version", version}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(closed.json()["evaluation_closed"]);
  EXPECT_EQ(closed.json()["version"], version + 1);
  EXPECT_EQ(closed.json()["subjects"][0]["subgroups"][1]["goals"][0]["verdict"], "niet-behaald");
  EXPECT_TRUE(closed.json()["subjects"][0]["subgroups"][1]["goals"][0]["pupils"][0]["confirmed"]);
  ASSERT_EQ(closed.json()["for_group_discussion"].size(), 1u) << closed.json()["for_group_discussion"].dump(1);
  EXPECT_EQ(closed.json()["for_group_discussion"][0]["pupil_id"], pupil);

  // The pupil's unreached goal is now a specific need in the overview.
  json overview = teacher.get("/api/v1/groups/" + id(world->teacher_group) + "/overview").json();
  bool found = false;
  for (const auto& line : overview["pupils"])
    if (line["pupil_id"] == pupil)
      for (const auto& e : line["subject_needs"])
        found = found || e["text"].get<std::string>().find("tien minuten voor") != std::string::npos;
  EXPECT_TRUE(found) << overview.dump().substr(0, 2000);

  // Closed: no more saves, no second close; the sent version is still readable as it was.
  json again = closed.json();
  EXPECT_EQ(teacher.request("PUT", path, again.dump(), "application/json", {{"X-CSRF-Token", teacher.csrf()}}).status, 409);
  EXPECT_EQ(post(teacher, path + "/close", {{"version", version + 1}}).status, 409);
  EXPECT_EQ(teacher.get(path + "?version=" + std::to_string(version)).json()["evaluation_closed"], false);
}

TEST(Health, ReportsTheDatabase) {
  Browser anon(world->server->port());
  HttpResult h = anon.get("/healthz");
  ASSERT_EQ(h.status, 200);
  EXPECT_EQ(h.json()["status"], "ok");
  EXPECT_EQ(h.json()["database"], world->db.rfind("postgresql", 0) == 0 ? "PostgreSQL" : "SQLite");
}

}  // namespace
}  // namespace koers::web::testing
