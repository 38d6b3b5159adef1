// Care-team cases over HTTP as the school uses them: the IB opens a case, invites the
// external orthopedagoog and records the parents' consent; the external then sees that
// case file and nothing else of the pupil — refused (403) the moment the consent is
// withdrawn, by the IB or by the parent through the API; refused for another school's case,
// an uninvited case, an expired consent and a consent for another discipline; never a pupil
// page. Who may read and write a case, role by role; malformed input names its field; every
// read of the file by an external is in the pupil's trail the IB reads.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "cases";

class Cases : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static std::vector<long long> pupils_of(Browser& b, long long group) {
    std::vector<long long> out;
    for (const auto& p : b.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json()) out.push_back(p["id"]);
    return out;
  }
  static long long my_group(Browser& teacher) { return teacher.get("/api/v1/groups").json().at(0)["id"]; }
  static std::string path(long long id) { return "/api/v1/cases/" + std::to_string(id); }
  static std::string day(int offset) { return domain::add_days(today_local(), offset).iso(); }

  // The IB opens a case for the pupil, invites `external` as orthopedagoog and records a
  // consent with these disciplines and documents, valid until `until` days from today.
  static long long consented_case(Browser& ib, long long pupil, long long external,
                                  std::vector<std::string> disciplines = {"orthopedagoog"},
                                  std::vector<std::string> documents = {"hulpvraag", "ihps"}, int until = 120) {
    HttpResult made = send(ib, "POST", "/api/v1/cases",
                           {{"pupil_id", pupil}, {"origin", "ib"}, {"help_question", "Hoe leert dit kind de tafels?"}});
    EXPECT_EQ(made.status, 201) << made.body;
    const long long id = made.json().value("id", 0LL);
    json edit{{"version", made.json()["version"]},
              {"members", json::array({{{"account_id", external}, {"discipline", "orthopedagoog"}}})},
              {"help_question_parents", json::array({{{"who", "moeder"}, {"on", day(-3)}}})}};
    HttpResult saved = send(ib, "PUT", path(id), edit);
    EXPECT_EQ(saved.status, 200) << saved.body;
    HttpResult consent = send(ib, "POST", path(id) + "/consents",
                              {{"purpose", "zorgteam"},
                               {"given_by", "moeder, Ans"},
                               {"given_on", day(-2)},
                               {"form", "formulier"},
                               {"disciplines", disciplines},
                               {"documents", documents},
                               {"valid_until", day(until)}});
    EXPECT_EQ(consent.status, 201) << consent.body;
    return id;
  }
  static long long account_id(Browser& b) { return b.get("/api/v1/me").json()["id"]; }

  // The parent's child's case: the demo's own (with its consent) or a new one; the external
  // invited as orthopedagoog and a consent of the IB's recorded for it.
  static long long child_case(Browser& ib, Browser& parent, long long external) {
    const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
    HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", child}, {"help_question", "Hoe leest zij vlot?"}});
    EXPECT_TRUE(made.status == 201 || made.status == 409) << made.body;
    const long long id = made.json()[made.status == 201 ? "id" : "case_id"];
    json c = ib.get(path(id)).json();
    bool invited = false;
    for (const auto& m : c["members"]) invited = invited || m["account_id"] == external;
    if (!invited) {
      json members = c["members"];
      members.push_back({{"account_id", external}, {"discipline", "orthopedagoog"}});
      EXPECT_EQ(send(ib, "PUT", path(id), {{"version", c["version"]}, {"members", members}}).status, 200);
    }
    EXPECT_EQ(send(ib, "POST", path(id) + "/consents",
                   {{"purpose", "zorgteam"}, {"given_by", "vader, Kees"}, {"given_on", day(-1)},
                    {"disciplines", {"orthopedagoog"}}, {"documents", {"hulpvraag"}}, {"valid_until", day(90)}})
                  .status,
              201);
    return id;
  }
  // The care-team consents of the case still in force.
  static std::vector<long long> consents_in_force(Browser& ib, long long id) {
    std::vector<long long> out;
    const json c = ib.get(path(id)).json();
    for (const auto& k : c["consents"])
      if (k["purpose"] == "zorgteam" && k["in_force"].get<bool>()) out.push_back(k["id"]);
    return out;
  }
};

TEST_F(Cases, TheExternalSeesTheInvitedConsentedCaseFileAndNoPupilPage) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  const long long pupil = pupils_of(teacher, my_group(teacher)).at(0);
  const long long id = consented_case(ib, pupil, account_id(external));

  json list = external.get("/api/v1/cases").json();
  bool listed = false;
  for (const auto& c : list) {
    listed = listed || c["id"] == id;
    EXPECT_EQ(external.get(path(c["id"]) + "/file").status, 200) << "each case listed is one they may see: " << c;
  }
  EXPECT_TRUE(listed) << list;
  EXPECT_EQ(external.get(path(id)).status, 200);
  HttpResult file = external.get(path(id) + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  json f = file.json();
  EXPECT_EQ(f["pupil"]["id"], pupil);
  EXPECT_EQ(f["help_question"]["text"], "Hoe leert dit kind de tafels?");
  ASSERT_EQ(f["documents"].size(), 2u);
  EXPECT_EQ(f["documents"][0]["key"], "hulpvraag");
  EXPECT_EQ(f["documents"][1]["key"], "ihps");
  EXPECT_FALSE(f.contains("needs")) << "onderwijsbehoeften are not in the consent";
  EXPECT_FALSE(f.contains("results")) << "toetsresultaten are not in the consent";
  ASSERT_EQ(f["route"].size(), 1u) << "only the IHP step of the route";
  EXPECT_EQ(f["route"][0]["key"], "ihp");
  // The IB, for comparison, sees the whole file.
  json whole = ib.get(path(id) + "/file").json();
  EXPECT_EQ(whole["documents"].size(), 6u);
  EXPECT_EQ(whole["route"].size(), 3u);
  EXPECT_TRUE(whole.contains("needs") && whole.contains("results"));

  // Never the pupil's own pages, groeidocument or IHPs.
  const std::string p = std::to_string(pupil);
  for (const std::string& page : {"/api/v1/pupils/" + p, "/api/v1/pupils/" + p + "/growth-document",
                                  "/api/v1/pupils/" + p + "/ihps", "/api/v1/pupils/" + p + "/results",
                                  "/api/v1/pupils/" + p + "/audit", "/leerlingen/" + p})
  {
    const int status = external.get(page).status;  // 403: a route the role lacks; 404: a pupil out of view
    EXPECT_TRUE(status == 403 || status == 404) << page << ": " << status;
  }
  EXPECT_EQ(send(external, "PUT", path(id), {{"version", 1}}).status, 403) << "an external reads, never writes";

  // Each read by the external is in the pupil's trail, which the IB reads.
  json trail = ib.get("/api/v1/pupils/" + p + "/audit").json();
  bool seen = false;
  for (const auto& line : trail)
    seen = seen || line["sentence"].get<std::string>().find("bekeek het casusdossier van zorgteamcasus " + std::to_string(id) +
                                    ": getoond: hulpvraag en handelingsverlegenheid, IHP's en hun evaluatie; op grond "
                                    "van toestemming") != std::string::npos;
  EXPECT_TRUE(seen) << trail.dump().substr(0, 3000);
}

TEST_F(Cases, TheExternalIsRefusedTheMomentTheIbRecordsAWithdrawal) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  const long long pupil = pupils_of(teacher, my_group(teacher)).at(1);
  const long long id = consented_case(ib, pupil, account_id(external));
  ASSERT_EQ(external.get(path(id) + "/file").status, 200);
  const long long consent = ib.get(path(id)).json()["consents"][0]["id"];

  EXPECT_EQ(send(external, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw").status, 403)
      << "an external does not withdraw a consent";
  EXPECT_EQ(send(teacher, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw").status, 403);
  HttpResult withdrawn = send(ib, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_TRUE(withdrawn.json()["withdrawn"]);
  EXPECT_EQ(withdrawn.json()["state_label"], "ingetrokken");

  HttpResult refused = external.get(path(id) + "/file");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"], "De ouders hebben hun toestemming ingetrokken; u ziet niets meer van deze casus.");
  EXPECT_EQ(external.get(path(id)).status, 403);
  for (const auto& c : external.get("/api/v1/cases").json()) EXPECT_NE(c["id"], id);
  // The case shows it: the member no longer sees the file, and why.
  json c = ib.get(path(id)).json();
  EXPECT_FALSE(c["members"][0]["sees_file"]);
  EXPECT_FALSE(c["consents"][0]["in_force"]);
  EXPECT_FALSE(c["agenda_problem"].is_null()) << "no agenda with the external without consent";
  EXPECT_EQ(send(ib, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw").status, 409)
      << "withdrawn once";
}

TEST_F(Cases, AParentWithdrawsConsentThroughTheApiAndTheExternalIsRefusedAtOnce) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder"), external = signed_in("zorgteam");
  const long long id = child_case(ib, parent, account_id(external));
  ASSERT_EQ(external.get(path(id) + "/file").status, 200);

  // The parent reads their child's case and file, and gives a consent of their own.
  HttpResult mine = parent.get(path(id));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_FALSE(mine.json()["may_write"]);
  EXPECT_TRUE(mine.json()["may_withdraw_consent"]);
  EXPECT_EQ(parent.get(path(id) + "/file").status, 200);
  EXPECT_EQ(send(parent, "PUT", path(id), {{"version", mine.json()["version"]}, {"advice", "x"}}).status, 403);
  HttpResult given = send(parent, "POST", path(id) + "/consents",
                          {{"purpose", "hgd"}, {"given_by", "iemand anders"}, {"given_on", day(-100)},
                           {"disciplines", {"psycholoog"}}, {"documents", {"hulpvraag"}}, {"valid_until", day(60)}});
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(given.json()["form"], "koers");
  EXPECT_EQ(given.json()["given_on"], today_local().iso()) << "a parent gives it today, as themselves";
  EXPECT_NE(given.json()["given_by"], "iemand anders");

  const auto in_force = consents_in_force(ib, id);
  ASSERT_FALSE(in_force.empty());
  for (size_t i = 0; i < in_force.size(); ++i) {
    EXPECT_EQ(external.get(path(id) + "/file").status, 200) << "a consent is still in force";
    HttpResult withdrawn = send(parent, "POST", "/api/v1/consents/" + std::to_string(in_force[i]) + "/withdraw");
    ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_NE(withdrawn.json()["withdrawn_by"].get<std::string>().find("(ouder/verzorger)"), std::string::npos);
  }
  EXPECT_EQ(external.get(path(id) + "/file").status, 403);
  EXPECT_EQ(external.get(path(id)).status, 403);
}

TEST_F(Cases, TheExternalIsRefusedAnotherSchoolsAnUninvitedAnExpiredAndAnotherDisciplinesCase) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam"),
          other = signed_in("ib-regenboog");
  const long long me = account_id(external);
  const auto pupils = pupils_of(teacher, my_group(teacher));
  ASSERT_GE(pupils.size(), 6u);
  // Expired: given 30 days ago, valid until yesterday.
  HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupils[2]}, {"help_question", "?"}});
  ASSERT_EQ(made.status, 201);
  const long long expired = made.json()["id"];
  ASSERT_EQ(send(ib, "PUT", path(expired),
                 {{"version", 1}, {"members", json::array({{{"account_id", me}, {"discipline", "orthopedagoog"}}})}})
                .status,
            200);
  ASSERT_EQ(send(ib, "POST", path(expired) + "/consents",
                 {{"purpose", "zorgteam"}, {"given_by", "vader"}, {"given_on", day(-30)}, {"disciplines", {"orthopedagoog"}},
                  {"documents", {"hulpvraag"}}, {"valid_until", day(-1)}})
                .status,
            201);
  // Another discipline.
  const long long wrong_scope = consented_case(ib, pupils[3], me, {"logopedist"});
  // Consent, but the external is not invited.
  made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupils[4]}});
  const long long uninvited = made.json()["id"];
  ASSERT_EQ(send(ib, "POST", path(uninvited) + "/consents",
                 {{"purpose", "zorgteam"}, {"given_by", "vader"}, {"given_on", day(-1)}, {"disciplines", {"orthopedagoog"}},
                  {"documents", {"hulpvraag"}}, {"valid_until", day(30)}})
                .status,
            201);
  // Another school's case (of the same board): invitation refused, file refused.
  const long long other_pupil =
      pupils_of(other, other.get("/api/v1/groups").json().at(0)["id"]).at(0);
  made = send(other, "POST", "/api/v1/cases", {{"pupil_id", other_pupil}});
  ASSERT_EQ(made.status, 201) << made.body;
  const long long other_school = made.json()["id"];

  HttpResult e = external.get(path(expired) + "/file");
  EXPECT_EQ(e.status, 403);
  EXPECT_EQ(e.json()["error"], "De toestemming van de ouders is verlopen.");
  HttpResult s = external.get(path(wrong_scope) + "/file");
  EXPECT_EQ(s.status, 403);
  EXPECT_EQ(s.json()["error"], "De toestemming van de ouders geldt niet voor u of uw discipline.");
  const std::string unknown = external.get(path(987654321) + "/file").body;
  for (long long id : {uninvited, other_school}) {
    HttpResult r = external.get(path(id) + "/file");
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(r.body, unknown) << "an uninvited case answers as an unknown one";
    EXPECT_EQ(external.get(path(id)).status, 404);
  }
  for (const json& c : external.get("/api/v1/cases").json())
    for (long long id : {expired, wrong_scope, uninvited, other_school}) EXPECT_NE(c["id"], id);
  // Another school's case answers the IB exactly as an unknown one.
  for (const char* suffix : {"", "/file"}) {
    HttpResult a = ib.get(path(other_school) + suffix), u = ib.get(path(987654321) + suffix);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(a.body, u.body);
  }
  HttpResult put = send(ib, "PUT", path(other_school), {{"version", 1}});
  EXPECT_EQ(put.status, 404);
  EXPECT_EQ(put.body, send(ib, "PUT", path(987654321), {{"version", 1}}).body);
  // The agenda is refused without consent for the invited external.
  json c = ib.get(path(expired)).json();
  EXPECT_FALSE(c["members"][0]["sees_file"]);
  EXPECT_EQ(c["members"][0]["refusal"], "De toestemming van de ouders is verlopen.");
}

TEST_F(Cases, EachRoleReadsAndWritesACaseAsThePolicySays) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), head = signed_in("directeur"),
          admin = signed_in("beheer"), parent = signed_in("ouder");
  const long long group = my_group(teacher);
  const long long pupil = pupils_of(teacher, group).at(5);
  HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}, {"help_question", "Hoe verder?"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  EXPECT_EQ(send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}}).status, 409) << "one open case per pupil";

  EXPECT_EQ(teacher.get(path(id)).status, 200) << "the pupil's teacher reads";
  EXPECT_EQ(head.get(path(id)).status, 200);
  EXPECT_EQ(parent.get(path(id)).status, 404) << "not their child";
  EXPECT_EQ(admin.get(path(id)).status, 404);
  EXPECT_EQ(admin.get("/api/v1/cases").status, 403);
  bool listed = false;
  for (const auto& c : teacher.get("/api/v1/cases").json()) listed = listed || c["id"] == id;
  EXPECT_TRUE(listed);
  for (Browser* b : {&teacher, &head})
    EXPECT_EQ(send(*b, "PUT", path(id), {{"version", 1}, {"advice", "x"}}).status, 403);
  EXPECT_EQ(send(teacher, "POST", "/api/v1/cases", {{"pupil_id", pupil}}).status, 403) << "the IB opens cases";
  EXPECT_EQ(send(teacher, "POST", path(id) + "/consents", {{"purpose", "zorgteam"}}).status, 403);

  // A teacher of another group does not see it; the list of another group's teacher has none.
  const long long other_group_pupil = [&] {
    for (const auto& g : ib.get("/api/v1/groups").json())
      if (g["id"] != group && !g["combined"].get<bool>()) return pupils_of(ib, g["id"]).at(0);
    return 0LL;
  }();
  made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", other_group_pupil}});
  ASSERT_EQ(made.status, 201);
  EXPECT_EQ(teacher.get(path(made.json()["id"])).status, 404);
}

TEST_F(Cases, TheLifecycleAndTheRouteGoThroughTheDomainsRules) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long pupil = pupils_of(teacher, my_group(teacher)).at(6);
  HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}, {"help_question", "Wat heeft zij nodig?"}});
  ASSERT_EQ(made.status, 201) << made.body;
  json c = made.json();
  ASSERT_EQ(c["route"].size(), 3u);
  EXPECT_EQ(c["status"], "aangemeld");
  const long long id = c["id"];

  HttpResult jump = send(ib, "PUT", path(id), {{"version", 1}, {"status", "geagendeerd"}});
  EXPECT_EQ(jump.status, 409);
  EXPECT_NE(jump.json()["error"].get<std::string>().find("alleen naar: toestemming geregeld"), std::string::npos)
      << jump.body;
  if (!c["missing_steps"].empty()) {
    HttpResult no_reason = send(ib, "PUT", path(id),
                                {{"version", 1}, {"status", "toestemming"},
                                 {"parents_informed", {{"on", day(0)}, {"how", "telefonisch"}}}});
    EXPECT_EQ(no_reason.status, 409);
    EXPECT_NE(no_reason.json()["error"].get<std::string>().find("handelingsverlegenheid"), std::string::npos);
    EXPECT_EQ(ib.get(path(id)).json()["version"], 1) << "a refused step saves nothing";
  }
  HttpResult internal = send(ib, "PUT", path(id),
                             {{"version", 1}, {"status", "toestemming"},
                              {"missing_step_reason", "Het IHP loopt nog, maar thuis escaleert het."},
                              {"parents_informed", {{"on", day(0)}, {"how", "telefonisch door de IB"}}}});
  ASSERT_EQ(internal.status, 200) << internal.body;
  EXPECT_EQ(internal.json()["status"], "toestemming");
  EXPECT_EQ(internal.json()["version"], 2);
  HttpResult stale = send(ib, "PUT", path(id), {{"version", 1}, {"advice", "oud"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["latest_version"], 2);
  HttpResult scheduled = send(ib, "PUT", path(id), {{"version", 2}, {"status", "geagendeerd"}});
  EXPECT_EQ(scheduled.status, 200) << "internal, parents informed: no consent needed" << scheduled.body;
  // The trail names the step in words.
  json trail = ib.get("/api/v1/pupils/" + std::to_string(pupil) + "/audit").json();
  EXPECT_NE(trail.dump().find("status: toestemming geregeld → op de agenda van het zorgteam"), std::string::npos);
}

TEST_F(Cases, MalformedFieldsAreRefusedNamingTheField) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long pupil = pupils_of(teacher, my_group(teacher)).at(7);
  auto error = [](const HttpResult& r) { return r.json().value("error", std::string()); };
  HttpResult r = send(ib, "POST", "/api/v1/cases", {{"pupil_id", "zeven"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("pupil_id", 0), 0u) << r.body;
  r = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}, {"origin", "zomaar"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("origin:", 0), 0u) << r.body;
  r = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}, {"origin", "ihp"}, {"origin_id", 987654}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error(r).rfind("origin_id:", 0), 0u) << r.body;
  HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupil}});
  ASSERT_EQ(made.status, 201);
  const long long id = made.json()["id"];
  r = send(ib, "PUT", path(id), {{"version", 1}, {"members", json::array({{{"account_id", 1}, {"discipline", "tovenaar"}}})}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error(r).rfind("members[0].discipline", 0), 0u) << r.body;
  const long long teacher_account = teacher.get("/api/v1/me").json()["id"];
  r = send(ib, "PUT", path(id),
           {{"version", 1}, {"members", json::array({{{"account_id", teacher_account}, {"discipline", "orthopedagoog"}}})}});
  EXPECT_EQ(r.status, 422) << "a teacher is no external";
  EXPECT_EQ(error(r).rfind("members[0].account_id", 0), 0u) << r.body;
  r = send(ib, "PUT", path(id), {{"version", 1}, {"help_question_parents", json::array({{{"who", "moeder"}, {"on", "gisteren"}}})}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("help_question_parents[0].on", 0), 0u) << r.body;
  r = send(ib, "PUT", path(id), {{"version", 1}, {"status", "klaar"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("status:", 0), 0u);
  r = send(ib, "POST", path(id) + "/consents", {{"purpose", "zorgteam"}, {"documents", {"dagboek"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("given_on", 0) == 0 || error(r).rfind("documents", 0) == 0, true) << r.body;
  r = send(ib, "POST", path(id) + "/consents",
           {{"purpose", "zorgteam"}, {"given_by", "moeder"}, {"given_on", day(0)}, {"documents", {"dagboek"}},
            {"valid_until", day(10)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("documents: 'dagboek'", 0), 0u) << r.body;
  r = send(ib, "POST", path(id) + "/consents",
           {{"purpose", "zorgteam"}, {"given_by", ""}, {"given_on", day(0)}, {"documents", json::array()},
            {"valid_until", day(-10)}});
  EXPECT_EQ(r.status, 422);
  EXPECT_GE(r.json()["problems"].size(), 3u) << r.body;
  EXPECT_TRUE(ib.get(path(id)).json()["consents"].empty()) << "nothing recorded";
}

TEST_F(Cases, ThePagesRecordConsentAndShowTheExternalOnlyTheirFileUntilTheParentWithdraws) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam"),
          parent = signed_in("ouder");
  const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
  // The child's case (another test of this suite may have opened it: one open case per pupil).
  HttpResult made = send(ib, "POST", "/api/v1/cases", {{"pupil_id", child}});
  ASSERT_TRUE(made.status == 201 || made.status == 409) << made.body;
  const long long id = made.json()[made.status == 201 ? "id" : "case_id"];
  const std::string page = "/casus/" + std::to_string(id);
  const json before = ib.get(path(id)).json();
  HttpResult shown = ib.get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("De route tot nu toe"), std::string::npos);
  EXPECT_NE(shown.body.find("Toestemming vastleggen"), std::string::npos);

  // The IB invites the external and records a signed form, through the page's forms.
  const std::string external_id = std::to_string(account_id(external));
  std::map<std::string, std::string> form{{"version", std::to_string(before["version"].get<int>())},
                                          {"help_question", "Hoe voelt zij zich veilig?"}};
  // As the page's form sends them: what is stored, with the hulpvraag changed.
  form["missing_step_reason"] = before["missing_step_reason"];
  form["advice"] = before["advice"];
  if (!before["parents_informed"].is_null()) {
    form["informed_on"] = before["parents_informed"]["on"];
    form["informed_how"] = before["parents_informed"]["how"];
  }
  bool invited = false;
  for (const auto& m : before["members"]) invited = invited || m["account_id"].get<long long>() == account_id(external);
  if (!invited) {
    form["invite_account"] = external_id;
    form["invite_discipline"] = "orthopedagoog";
  }
  HttpResult saved = ib.post_form(page, form);
  ASSERT_EQ(saved.status, 303);
  EXPECT_NE(ib.get(saved.header("location")).body.find("De casus is opgeslagen."), std::string::npos);
  EXPECT_NE(ib.get(page).body.find("Hoe voelt zij zich veilig?"), std::string::npos);
  const size_t consents = before["consents"].size();
  HttpResult refused = ib.post_form(page + "/toestemming", {{"purpose", "zorgteam"}, {"given_by", ""}, {"given_on", day(0)},
                                                           {"valid_until", day(90)}, {"doc_hulpvraag", "1"}});
  ASSERT_EQ(refused.status, 303);
  EXPECT_NE(ib.get(refused.header("location")).body.find("Gegeven door: welke ouder"), std::string::npos);
  HttpResult consent = ib.post_form(page + "/toestemming", {{"purpose", "zorgteam"}, {"given_by", "vader, Kees"},
                                                           {"given_on", day(0)}, {"valid_until", day(90)},
                                                           {"discipline_0", "1"}, {"doc_hulpvraag", "1"}});
  ASSERT_EQ(consent.status, 303);
  ASSERT_EQ(ib.get(path(id)).json()["consents"].size(), consents + 1) << "the refused form stored nothing";

  HttpResult mine = external.get("/casussen");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("href=\"" + page + "\""), std::string::npos) << mine.body.substr(0, 3000);
  HttpResult file = external.get(page);
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.body.find("Casusdossier"), std::string::npos);
  EXPECT_NE(file.body.find("Hoe voelt zij zich veilig?"), std::string::npos);
  EXPECT_NE(file.body.find("Niet gedeeld"), std::string::npos);
  EXPECT_EQ(file.body.find("Toestemming vastleggen"), std::string::npos);
  EXPECT_EQ(teacher.get(page).status, 404) << "not the teacher's pupil";

  // The parent withdraws on the case page (each consent still in force): the external is refused at once.
  HttpResult parent_page = parent.get(page);
  ASSERT_EQ(parent_page.status, 200);
  for (long long k : consents_in_force(ib, id)) {
    EXPECT_NE(parent_page.body.find("/toestemming/" + std::to_string(k) + "/intrekken"), std::string::npos);
    HttpResult withdrawn = parent.post_form("/toestemming/" + std::to_string(k) + "/intrekken", {});
    ASSERT_EQ(withdrawn.status, 303);
    EXPECT_NE(parent.get(withdrawn.header("location")).body.find("De toestemming is ingetrokken."), std::string::npos);
  }
  HttpResult after = external.get(page);
  EXPECT_EQ(after.status, 403);
  EXPECT_NE(after.body.find("De ouders hebben hun toestemming ingetrokken"), std::string::npos);
  EXPECT_EQ(external.get("/casussen").body.find("href=\"" + page + "\""), std::string::npos);
}

TEST_F(Cases, TheIbOpensACaseWithAFormAndASecondOpeningLeadsToTheOpenCase) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long pupil = pupils_of(teacher, my_group(teacher)).at(8);
  HttpResult opened = ib.post_form("/casussen", {{"pupil_id", std::to_string(pupil)}, {"origin", "ib"}});
  ASSERT_EQ(opened.status, 303) << opened.body;
  const std::string location = opened.header("location");
  ASSERT_EQ(location.rfind("/casus/", 0), 0u) << location;
  EXPECT_NE(ib.get(location).body.find("De casus is geopend."), std::string::npos);
  HttpResult again = ib.post_form("/casussen", {{"pupil_id", std::to_string(pupil)}, {"origin", "ib"}});
  ASSERT_EQ(again.status, 303);
  EXPECT_EQ(again.header("location").substr(0, again.header("location").find('?')),
            location.substr(0, location.find('?')));
  EXPECT_EQ(teacher.post_form("/casussen", {{"pupil_id", std::to_string(pupil)}}).status, 403);
  EXPECT_EQ(ib.post_form("/casussen", {{"pupil_id", "x"}}).status, 400);
  // A pupil registered for the care team in a group discussion: the IB's Besprekingen page
  // offers "Casus openen", which opens the case with the registration's reason.
  const long long group = my_group(teacher), registered = pupils_of(teacher, group).at(9);
  json meeting;
  for (const auto& m : ib.get("/api/v1/meetings").json())
    if (m["kind"] == "groepsbespreking" && m["group_id"] == group) meeting = ib.get("/api/v1/meetings/" + std::to_string(m["id"].get<long long>())).json();
  ASSERT_FALSE(meeting.is_null());
  meeting["registrations"].push_back({{"pupil_id", registered}, {"kind", "zorgteam"}, {"reason", "rekenen stagneert"}});
  ASSERT_EQ(send(ib, "PUT", "/api/v1/meetings/" + std::to_string(meeting["id"].get<long long>()), meeting).status, 200);
  const std::string calendar = ib.get("/besprekingen").body;
  EXPECT_NE(calendar.find("<input type=\"hidden\" name=\"pupil_id\" value=\"" + std::to_string(registered) + "\">"),
            std::string::npos);
  HttpResult from_registration =
      ib.post_form("/casussen", {{"pupil_id", std::to_string(registered)}, {"origin", "groepsbespreking"},
                                 {"origin_id", std::to_string(meeting["id"].get<long long>())}});
  ASSERT_EQ(from_registration.status, 303) << from_registration.body;
  const std::string to = from_registration.header("location");
  json c = ib.get("/api/v1/cases/" + to.substr(7, to.find('?') - 7)).json();
  EXPECT_EQ(c["origin"], "groepsbespreking");
  EXPECT_EQ(c["registration"], "rekenen stagneert");
  EXPECT_NE(ib.get("/besprekingen").body.find("naar de casus"), std::string::npos);
  // A registration that does not exist is refused, naming the field.
  HttpResult wrong = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupils_of(teacher, group).at(10)},
                                                        {"origin", "groepsbespreking"}, {"origin_id", meeting["id"]}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["error"], "origin_id: in deze groepsbespreking is de leerling niet voor het zorgteam aangemeld.");
}

}  // namespace
}  // namespace koers::web::testing
