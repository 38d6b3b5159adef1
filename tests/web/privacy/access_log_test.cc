// The privacy officer's access log over HTTP (issue 17): only the privacy role reads it, and it
// reads no dossier; refused reads and logins refused by the brake are in it with the address;
// the review list names the demo's unusual accesses; CSV with Accept: text/csv; the chain
// checks from the API and from `koers audit verify`, keyed with the key file.
#include <gtest/gtest.h>

#include <string>

#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "privacy";
constexpr char kKeyOption[] = "--secret-key-file";
// On both engines the same kind of key file; each run makes its own (removed with the dir).
constexpr char kKeyFile[] = "/tmp/koers-http-privacy.key";

class AccessLog : public OwnServerSuite<kSuite, kKeyOption, kKeyFile> {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::remove(kKeyFile);
    OwnServerSuite::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    OwnServerSuite::TearDownTestSuite();
    std::filesystem::remove(kKeyFile);
  }
  static std::string a_valentijn_pupil() {
    Browser ib = signed_in("ib");
    json groups = ib.get("/api/v1/groups").json();
    json pupils = ib.get("/api/v1/groups/" + std::to_string(groups.at(0)["id"].get<long long>()) + "/pupils").json();
    return std::to_string(pupils.at(0)["id"].get<long long>());
  }
};

TEST_F(AccessLog, OnlyThePrivacyRoleReadsIt) {
  for (const char* user : {"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer", "ib-regenboog"}) {
    Browser b = signed_in(user);
    EXPECT_EQ(b.get("/api/v1/audit").status, 403) << user;
    EXPECT_EQ(b.get("/api/v1/audit/verify").status, 403) << user;
    EXPECT_EQ(b.get("/privacy").status, 403) << user;
  }
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/api/v1/audit").status, 401);
  Browser privacy = signed_in("privacy");
  EXPECT_EQ(privacy.get("/api/v1/audit").status, 200);
  HttpResult page = privacy.get("/privacy");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Toegangslog"), std::string::npos);
}

TEST_F(AccessLog, ThePrivacyOfficerReadsNoDossier) {
  const std::string pupil = a_valentijn_pupil();
  Browser privacy = signed_in("privacy");
  EXPECT_EQ(privacy.get("/api/v1/pupils/" + pupil).status, 404);
  EXPECT_EQ(privacy.get("/leerlingen/" + pupil).status, 404);
  EXPECT_EQ(privacy.get("/api/v1/groups/1/pupils").status, 403);
  // The attempt is in the log, as a refusal, with where it came from.
  json log = privacy.get("/api/v1/audit?pupil=" + pupil + "&account=0").json();
  bool refused = false;
  for (const json& line : log["lines"])
    refused = refused || (line["username"] == "privacy" && line["action"] == "refused" &&
                          line["address"] == "127.0.0.1" && line["outcome"] == "geweigerd");
  EXPECT_TRUE(refused) << log.dump();
}

TEST_F(AccessLog, ARefusedReadOfAnotherSchoolsPupilIsLoggedWithItsAddress) {
  const std::string pupil = a_valentijn_pupil();
  Browser other = signed_in("ib-regenboog");
  ASSERT_EQ(other.get("/api/v1/pupils/" + pupil).status, 404);
  ASSERT_EQ(other.get("/leerlingen/" + pupil).status, 404);
  Browser privacy = signed_in("privacy");
  json log = privacy.get("/api/v1/audit?pupil=" + pupil + "&kind=geweigerd").json();
  int refusals = 0;
  for (const json& line : log["lines"]) {
    EXPECT_EQ(line["action"], "refused") << line.dump();
    if (line["username"] != "ib-regenboog") continue;
    ++refusals;
    EXPECT_EQ(line["address"], "127.0.0.1");
    EXPECT_EQ(line["role_label"], "Intern begeleider");
    EXPECT_EQ(line["pupil_id"].get<long long>(), std::stoll(pupil));
    EXPECT_NE(line["sentence"].get<std::string>().find("andere school"), std::string::npos) << line["sentence"];
  }
  EXPECT_EQ(refusals, 2);
  // A successful read writes its view line only: no refusal.
  Browser ib = signed_in("ib");
  ASSERT_EQ(ib.get("/api/v1/pupils/" + pupil).status, 200);
  json after = privacy.get("/api/v1/audit?pupil=" + pupil + "&kind=geweigerd").json();
  EXPECT_EQ(after["lines"].size(), log["lines"].size());
  // Views carry the address too.
  json views = privacy.get("/api/v1/audit?pupil=" + pupil + "&kind=bekeken").json();
  ASSERT_FALSE(views["lines"].empty());
  EXPECT_EQ(views["lines"].at(0)["address"], "127.0.0.1");
}

TEST_F(AccessLog, ALoginRefusedByTheBrakeIsLogged) {
  Browser b(server->port());
  for (int i = 0; i < 7; ++i) b.api_login("directeur-2fa", "verkeerd-wachtwoord");
  Browser privacy = signed_in("privacy");
  json log = privacy.get("/api/v1/audit?kind=geweigerd").json();
  int blocked = 0;
  for (const json& line : log["lines"])
    if (line["action"] == "login_blocked" && line["username"] == "directeur-2fa") {
      ++blocked;
      EXPECT_EQ(line["address"], "127.0.0.1");
    }
  EXPECT_GE(blocked, 1) << log.dump();
}

TEST_F(AccessLog, TheReviewListNamesTheDemosUnusualAccesses) {
  Browser privacy = signed_in("privacy");
  json log = privacy.get("/api/v1/audit").json();
  bool many = false, external = false;
  for (const json& item : log["review"]) {
    many = many || item["kind"] == "veel-dossiers";
    external = external || item["kind"] == "extern-geweigerd";
  }
  EXPECT_TRUE(many) << log["review"].dump();
  EXPECT_TRUE(external) << log["review"].dump();
  HttpResult page = privacy.get("/privacy");
  EXPECT_NE(page.body.find("verschillende leerlingen buiten de eigen groepen"), std::string::npos);
}

TEST_F(AccessLog, ExportsTheSelectionAsCsv) {
  Browser privacy = signed_in("privacy");
  const std::string today = privacy.get("/api/v1/audit").json()["lines"].at(0)["at"].get<std::string>().substr(0, 10);
  const std::string query = "/api/v1/audit?from=" + today + "&to=" + today + "&kind=inloggen";
  json lines = privacy.get(query).json()["lines"];
  HttpResult csv = privacy.request("GET", query, "", "", {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u) << csv.header("content-type");
  EXPECT_NE(csv.header("content-disposition").find("toegangslog-"), std::string::npos);
  EXPECT_NE(csv.body.find("volgnummer;tijd (UTC);account;naam;rol;namens;adres;handeling"), std::string::npos);
  int rows = 0;
  for (size_t at = csv.body.find("\r\n"); at != std::string::npos; at = csv.body.find("\r\n", at + 1)) ++rows;
  // The header, one row per line (the CSV is read after the JSON: one more login line at most).
  EXPECT_GE(rows, static_cast<int>(lines.size()) + 1);
  EXPECT_LE(rows, static_cast<int>(lines.size()) + 3);
  EXPECT_NE(csv.body.find(";127.0.0.1;"), std::string::npos);
  EXPECT_EQ(privacy.get("/api/v1/audit?from=gisteren").status, 400);
  EXPECT_EQ(privacy.get("/api/v1/audit?kind=onzin").status, 400);
}

TEST_F(AccessLog, TheChainChecksAndIsKeyed) {
  Browser privacy = signed_in("privacy");
  json check = privacy.get("/api/v1/audit/verify").json();
  EXPECT_TRUE(check["ok"].get<bool>()) << check.dump();
  EXPECT_FALSE(check["keyed_from"].is_null()) << "the server's first line keyed the chain";
  EXPECT_NE(check["words"].get<std::string>().find("De audittrail klopt"), std::string::npos);
  HttpResult page = privacy.get("/privacy?controle=1");
  EXPECT_NE(page.body.find("De audittrail klopt"), std::string::npos);

  std::string out;
  EXPECT_EQ(run_koers({"audit", "verify", "--db", db, "--secret-key-file", kKeyFile}, &out), 0) << out;
  EXPECT_NE(out.find("De audittrail klopt"), std::string::npos) << out;
  EXPECT_EQ(run_koers({"audit", "head", "--db", db, "--secret-key-file", kKeyFile}, &out), 0) << out;
  EXPECT_NE(out.find(' '), std::string::npos) << out;
  // Without the key the keyed chain cannot be checked: exit 2, and it says why.
  EXPECT_EQ(run_koers({"audit", "verify", "--db", db, "--secret-key-file", "/nonexistent/koers.key"}, &out), 2) << out;
  EXPECT_NE(out.find("sleutel"), std::string::npos) << out;
}

// NEN 7513's "namens wie": staff act for their school, a parent for their child, an external
// reading a case file for the case's care team on its consents; shown in the table and the CSV.
TEST_F(AccessLog, EachLineSaysOnWhoseBehalf) {
  const std::string pupil = a_valentijn_pupil();
  Browser ib = signed_in("ib"), parent = signed_in("ouder"), external = signed_in("zorgteam");
  ASSERT_EQ(ib.get("/api/v1/pupils/" + pupil).status, 200);
  const long long child = parent.get("/api/v1/me").json()["children"].at(0)["id"];
  ASSERT_EQ(parent.get("/api/v1/pupils/" + std::to_string(child)).status, 200);
  const json cases = external.get("/api/v1/cases").json();
  ASSERT_FALSE(cases.empty()) << "the demo's external has a consented case";
  const long long case_id = cases.at(0)["id"], case_pupil = cases.at(0)["pupil_id"];
  ASSERT_EQ(external.get("/api/v1/cases/" + std::to_string(case_id) + "/file").status, 200);

  Browser privacy = signed_in("privacy");
  const auto on_behalf = [&](const std::string& of_pupil, const std::string& user, const std::string& object) {
    const json log = privacy.get("/api/v1/audit?pupil=" + of_pupil + "&kind=bekeken").json();
    for (const json& line : log["lines"])
      if (line["username"] == user && (object.empty() || line["object"] == object))
        return line["on_behalf_of"].get<std::string>();
    return std::string("(geen regel)");
  };
  const std::string school = on_behalf(pupil, "ib", "");
  EXPECT_EQ(school.rfind("school ", 0), 0u) << school;
  EXPECT_NE(school.find("Valentijn"), std::string::npos) << school;
  EXPECT_EQ(on_behalf(std::to_string(child), "ouder", ""), "het kind (leerling " + std::to_string(child) + ")");
  const std::string team = on_behalf(std::to_string(case_pupil), "zorgteam", "casusdossier " + std::to_string(case_id));
  EXPECT_EQ(team.rfind("zorgteam ", 0), 0u) << team;
  EXPECT_NE(team.find("casus #" + std::to_string(case_id)), std::string::npos) << team;
  EXPECT_NE(team.find("toestemming #"), std::string::npos) << team;

  const std::string page = privacy.get("/privacy?leerling=" + pupil).body;
  EXPECT_NE(page.find("<td>" + school + "</td>"), std::string::npos) << "in the table";
  HttpResult csv = privacy.request("GET", "/api/v1/audit?pupil=" + pupil, "", "", {{"Accept", "text/csv"}});
  EXPECT_NE(csv.body.find(";" + school + ";"), std::string::npos) << "in the CSV";
}

TEST_F(AccessLog, OnlyTheBoardAdministratorGivesTheRole) {
  Browser admin = signed_in("beheer");
  EXPECT_NE(admin.get("/accounts").body.find("<option value=\"privacy\""), std::string::npos);
  Browser ib = signed_in("ib");
  EXPECT_EQ(ib.get("/accounts").body.find("<option value=\"privacy\""), std::string::npos);
}

}  // namespace
}  // namespace koers::web::testing
