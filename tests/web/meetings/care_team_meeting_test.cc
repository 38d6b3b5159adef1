// The care-team meeting over HTTP: the IB puts consented cases on the agenda of a zorgteam
// meeting (refused, in Dutch, without a consent in force); an external sees on that meeting
// only the case they are invited to with consent — never the other cases on the same agenda,
// and nothing once the consent is withdrawn; a teacher of another group, a parent and another
// school see nothing of it. Recording the discussion and the advice moves the case; the report
// waits for every case, is then read-only, prints per pupil on A4 and is in the pupil's trail.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "careteam";

class CareTeamMeeting : public OwnServerSuite<kSuite> {
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
  static std::string day(int offset) { return domain::add_days(today_local(), offset).iso(); }
  static long long account_id(Browser& b) { return b.get("/api/v1/me").json()["id"]; }
  static std::string case_path(long long id) { return "/api/v1/cases/" + std::to_string(id); }
  static std::string agenda(long long meeting) { return "/api/v1/meetings/" + std::to_string(meeting) + "/cases"; }

  // The n-th care-team meeting of the demo's jaarplanning (each test takes its own).
  static long long care_meeting(Browser& ib, size_t n) {
    std::vector<long long> found;
    for (const auto& m : ib.get("/api/v1/meetings").json())
      if (m["kind"] == "zorgteam") found.push_back(m["id"]);
    EXPECT_GT(found.size(), n);
    return found.at(n);
  }

  // A case of `pupil` at "toestemming geregeld": with `external` invited as orthopedagoog and
  // the parents' consent (external != 0), or internal with the parents informed.
  static long long ready_case(Browser& ib, long long pupil, long long external) {
    HttpResult made = send(ib, "POST", "/api/v1/cases",
                           {{"pupil_id", pupil}, {"origin", "ib"}, {"help_question", "Hoe leert dit kind de tafels?"}});
    EXPECT_EQ(made.status, 201) << made.body;
    const long long id = made.json().value("id", 0LL);
    json edit{{"version", made.json()["version"]},
              {"missing_step_reason", "Het IHP liep vast; de IB gaat toch door."},
              {"help_question_parents", json::array({{{"who", "moeder"}, {"on", day(-3)}}})}};
    if (external) edit["members"] = json::array({{{"account_id", external}, {"discipline", "orthopedagoog"}}});
    else edit["parents_informed"] = {{"on", day(-1)}, {"how", "telefonisch door de IB"}};
    HttpResult saved = send(ib, "PUT", case_path(id), edit);
    EXPECT_EQ(saved.status, 200) << saved.body;
    if (external) {
      HttpResult consent = send(ib, "POST", case_path(id) + "/consents",
                                {{"purpose", "zorgteam"}, {"given_by", "moeder"}, {"given_on", day(-2)},
                                 {"disciplines", {"orthopedagoog"}}, {"documents", {"hulpvraag", "ihps"}},
                                 {"valid_until", day(120)}});
      EXPECT_EQ(consent.status, 201) << consent.body;
    }
    HttpResult moved = send(ib, "PUT", case_path(id), {{"version", ib.get(case_path(id)).json()["version"]}, {"status", "toestemming"}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    return id;
  }
  static std::string name_of(Browser& ib, long long case_id) { return ib.get(case_path(case_id)).json()["pupil_name"]; }
};

TEST_F(CareTeamMeeting, TheExternalSeesOnlyTheCaseTheyAreInvitedToWithConsent) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  Browser parent = signed_in("ouder"), other_ib = signed_in("ib-regenboog"), head = signed_in("directeur");
  const long long meeting = care_meeting(ib, 0), ext = account_id(external);
  const auto pupils = pupils_of(teacher, my_group(teacher));
  const long long mine = ready_case(ib, pupils.at(0), ext);       // invited, consented
  const long long internal = ready_case(ib, pupils.at(1), 0);     // no externals
  const long long not_here = ready_case(ib, pupils.at(2), ext);   // consented, but not invited to this meeting

  HttpResult added = send(ib, "POST", agenda(meeting), {{"case_id", mine}, {"parents_invited", true}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["case_status"], "geagendeerd");
  EXPECT_EQ(added.json()["externals"].size(), 1u) << "the consented external is invited by default";
  EXPECT_EQ(ib.get(case_path(mine)).json()["status"], "geagendeerd");
  ASSERT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", internal}}).status, 201);
  ASSERT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", not_here}, {"externals", json::array()}}).status, 201);
  ASSERT_EQ(ib.get(agenda(meeting)).json()["cases"].size(), 3u);
  EXPECT_EQ(head.get(agenda(meeting)).json()["cases"].size(), 3u) << "the head reads the agenda";

  // The external: exactly their own case, on the API and on the page.
  HttpResult seen = external.get(agenda(meeting));
  ASSERT_EQ(seen.status, 200) << seen.body;
  ASSERT_EQ(seen.json()["cases"].size(), 1u) << seen.body;
  EXPECT_EQ(seen.json()["cases"][0]["case_id"], mine);
  EXPECT_FALSE(seen.json()["cases"][0].contains("members"));
  for (long long other : {internal, not_here}) {
    const std::string name = name_of(ib, other);
    EXPECT_EQ(seen.body.find(name), std::string::npos) << name << " leaked to the external";
    HttpResult page = external.get("/besprekingen/" + std::to_string(meeting) + "/casussen");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find(name), std::string::npos) << name << " on the external's page";
    EXPECT_NE(page.body.find(name_of(ib, mine)), std::string::npos);
  }
  EXPECT_EQ(external.get("/api/v1/meetings/" + std::to_string(meeting)).status, 403) << "never the meeting itself";
  EXPECT_EQ(external.get("/besprekingen/" + std::to_string(meeting)).status, 403);
  EXPECT_EQ(external.get("/besprekingen/" + std::to_string(meeting) + "/casussen/" + std::to_string(mine) + "/afdrukken").status,
            403);

  // The teacher sees their pupils' cases; a parent, the board and another school nothing.
  EXPECT_EQ(teacher.get(agenda(meeting)).json()["cases"].size(), 3u);
  EXPECT_EQ(parent.get(agenda(meeting)).status, 404);
  EXPECT_EQ(signed_in("beheer").get(agenda(meeting)).status, 404);
  EXPECT_EQ(other_ib.get(agenda(meeting)).status, 404);
  EXPECT_EQ(other_ib.get("/besprekingen/" + std::to_string(meeting) + "/casussen").status, 404);
  EXPECT_EQ(other_ib.get("/besprekingen/" + std::to_string(meeting)).status, 404);

  // Withdrawn: from that moment the external sees nothing of this meeting.
  const long long consent = ib.get(case_path(mine)).json()["consents"][0]["id"];
  ASSERT_EQ(send(ib, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw").status, 200);
  EXPECT_EQ(external.get(agenda(meeting)).status, 404);
  EXPECT_EQ(external.get("/besprekingen/" + std::to_string(meeting) + "/casussen").status, 404);

  // The external's read is in the pupil's trail, with the consent that allowed it.
  bool logged = false;
  for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(pupils.at(0)) + "/audit").json())
    logged = logged || line["sentence"].get<std::string>().find("deze casus op de agenda van het zorgteamoverleg") !=
                           std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(CareTeamMeeting, ATeacherOfAnotherGroupSeesNothingOfTheAgenda) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  const long long meeting = care_meeting(ib, 1);
  long long other_group = 0;
  for (const auto& g : ib.get("/api/v1/groups").json())
    if (g["id"] != my_group(teacher) && !g["combined"].get<bool>()) other_group = g["id"];
  ASSERT_NE(other_group, 0);
  const long long other = ready_case(ib, pupils_of(ib, other_group).at(0), account_id(external));
  ASSERT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", other}}).status, 201);
  EXPECT_EQ(teacher.get(agenda(meeting)).status, 404);
  EXPECT_EQ(teacher.get("/besprekingen/" + std::to_string(meeting) + "/casussen").status, 404);
  EXPECT_EQ(external.get(agenda(meeting)).json()["cases"].size(), 1u);
}

TEST_F(CareTeamMeeting, WithoutAConsentInForceACaseStaysOffTheAgendaWithAClearReason) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  const long long meeting = care_meeting(ib, 2);
  const auto pupils = pupils_of(teacher, my_group(teacher));
  const long long c = ready_case(ib, pupils.at(3), account_id(external));
  const long long consent = ib.get(case_path(c)).json()["consents"][0]["id"];
  ASSERT_EQ(send(ib, "POST", "/api/v1/consents/" + std::to_string(consent) + "/withdraw").status, 200);
  HttpResult refused = send(ib, "POST", agenda(meeting), {{"case_id", c}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("Niet op de agenda"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("ingetrokken"), std::string::npos) << refused.body;
  EXPECT_EQ(ib.get(case_path(c)).json()["status"], "toestemming") << "nothing changed";
  EXPECT_TRUE(ib.get(agenda(meeting)).json()["cases"].empty());

  // Still aangemeld: said so.
  HttpResult fresh = send(ib, "POST", "/api/v1/cases", {{"pupil_id", pupils.at(4)}, {"origin", "ib"}});
  ASSERT_EQ(fresh.status, 201);
  HttpResult early = send(ib, "POST", agenda(meeting), {{"case_id", fresh.json()["id"]}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("nog aangemeld"), std::string::npos) << early.body;

  // The form says the same on the page.
  HttpResult posted = ib.post_form("/besprekingen/" + std::to_string(meeting) + "/casussen", {{"case_id", std::to_string(c)}});
  ASSERT_EQ(posted.status, 303);
  HttpResult page = ib.get(posted.headers.find("location")->second);
  EXPECT_NE(page.body.find("ingetrokken"), std::string::npos);

  // Only the IB puts cases on the agenda.
  const long long ok = ready_case(ib, pupils.at(5), 0);
  Browser head = signed_in("directeur"), parent = signed_in("ouder"), other_ib = signed_in("ib-regenboog");
  EXPECT_EQ(send(head, "POST", agenda(meeting), {{"case_id", ok}}).status, 403);
  EXPECT_EQ(send(teacher, "POST", agenda(meeting), {{"case_id", ok}}).status, 404);
  EXPECT_EQ(send(external, "POST", agenda(meeting), {{"case_id", ok}}).status, 403);
  EXPECT_EQ(send(parent, "POST", agenda(meeting), {{"case_id", ok}}).status, 403);
  EXPECT_EQ(send(other_ib, "POST", agenda(meeting), {{"case_id", ok}}).status, 404);
  // Another school's IB cannot put their case on this school's meeting, nor this case on theirs.
  EXPECT_EQ(ib.get(case_path(ok)).json()["status"], "toestemming");
}

TEST_F(CareTeamMeeting, RecordingMovesTheCaseAndTheFinalReportIsReadOnlyAndPrints) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), external = signed_in("zorgteam");
  const long long meeting = care_meeting(ib, 3);
  const auto pupils = pupils_of(teacher, my_group(teacher));
  const long long first = ready_case(ib, pupils.at(6), account_id(external));
  const long long second = ready_case(ib, pupils.at(7), 0);
  ASSERT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", first}}).status, 201);
  json item = send(ib, "POST", agenda(meeting), {{"case_id", second}}).json();
  // Order: the second one first.
  ASSERT_EQ(send(ib, "PUT", agenda(meeting) + "/" + std::to_string(second), {{"version", item["version"]}, {"move", "omhoog"}}).status,
            200);
  EXPECT_EQ(ib.get(agenda(meeting)).json()["cases"][0]["case_id"], second);
  // The second comes off again: back to toestemming.
  item = ib.get(agenda(meeting)).json()["cases"][0];
  HttpResult off = send(ib, "DELETE", agenda(meeting) + "/" + std::to_string(second), {{"version", item["version"]}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(ib.get(case_path(second)).json()["status"], "toestemming");

  const std::string path = agenda(meeting) + "/" + std::to_string(first);
  item = ib.get(agenda(meeting)).json()["cases"][0];
  HttpResult advice_first = send(ib, "PUT", path, {{"version", item["version"]}, {"advice", "Tafels oefenen"}});
  EXPECT_EQ(advice_first.status, 409) << "advice before the discussion";
  HttpResult discussed = send(ib, "PUT", path, {{"version", item["version"]}, {"discussion", "Rekenen blijft achter."}});
  ASSERT_EQ(discussed.status, 200) << discussed.body;
  EXPECT_EQ(ib.get(case_path(first)).json()["status"], "besproken");
  EXPECT_EQ(send(ib, "PUT", path, {{"version", item["version"]}, {"decisions", "oud"}}).status, 409) << "a stale version";
  const long long me = account_id(ib);
  HttpResult advised = send(ib, "PUT", path,
                            {{"version", discussed.json()["version"]},
                             {"advice", "Dagelijks tien minuten tafels; ouders oefenen thuis."},
                             {"decisions", "Over zes weken opnieuw bekijken."},
                             {"agreements", json::array({{{"action", "Tafelprogramma regelen"}, {"owner_account_id", me},
                                                          {"due_on", day(14)}}})}});
  ASSERT_EQ(advised.status, 200) << advised.body;
  EXPECT_EQ(advised.json()["agreements"].size(), 1u);
  json c = ib.get(case_path(first)).json();
  EXPECT_EQ(c["status"], "advies");
  EXPECT_EQ(c["advice"], "Dagelijks tien minuten tafels; ouders oefenen thuis.");
  bool listed = false;
  for (const auto& a : ib.get("/api/v1/agreements?owner=me").json()) listed = listed || a["action"] == "Tafelprogramma regelen";
  EXPECT_TRUE(listed) << "the agreement is on its owner's list";
  HttpResult bad = send(ib, "PUT", path, {{"version", advised.json()["version"]},
                                          {"agreements", json::array({{{"action", "x"}, {"owner_account_id", me}, {"due_on", "morgen"}}})}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("agreements[0].due_on"), std::string::npos) << bad.body;
  // The external reads the advice of their case.
  EXPECT_EQ(external.get(agenda(meeting)).json()["cases"][0]["advice"], "Dagelijks tien minuten tafels; ouders oefenen thuis.");

  // The report: once held, and every case discussed (here: the one case).
  const std::string mpath = "/api/v1/meetings/" + std::to_string(meeting);
  json m = ib.get(mpath).json();
  ASSERT_EQ(send(ib, "POST", mpath + "/hold", {{"version", m["version"]}}).status, 200);
  const long long third = ready_case(ib, pupils.at(8), 0);
  ASSERT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", third}}).status, 201);
  m = ib.get(mpath).json();
  HttpResult early = send(ib, "POST", mpath + "/report", {{"version", m["version"]}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find(name_of(ib, third) + ": de bespreking is nog niet vastgelegd"), std::string::npos) << early.body;
  json third_item = ib.get(agenda(meeting)).json()["cases"][1];
  ASSERT_EQ(send(ib, "DELETE", agenda(meeting) + "/" + std::to_string(third), {{"version", third_item["version"]}}).status, 200);
  HttpResult reported = send(ib, "POST", mpath + "/report", {{"version", m["version"]}});
  ASSERT_EQ(reported.status, 200) << reported.body;

  // Read-only from now on.
  item = ib.get(agenda(meeting)).json()["cases"][0];
  EXPECT_EQ(send(ib, "PUT", path, {{"version", item["version"]}, {"discussion", "later"}}).status, 409);
  EXPECT_EQ(send(ib, "DELETE", path, {{"version", item["version"]}}).status, 409);
  EXPECT_EQ(send(ib, "POST", agenda(meeting), {{"case_id", second}}).status, 409);

  // It prints per pupil on A4, and is in the pupil's dossier.
  HttpResult print = ib.get("/besprekingen/" + std::to_string(meeting) + "/casussen/" + std::to_string(first) + "/afdrukken");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("Verslag zorgteamoverleg"), std::string::npos);
  EXPECT_NE(print.body.find("Dagelijks tien minuten tafels"), std::string::npos);
  EXPECT_NE(print.body.find("meeting-doc"), std::string::npos) << "the A4 print layout";
  EXPECT_EQ(print.body.find("concept"), std::string::npos) << "final, not a concept";
  EXPECT_EQ(teacher.get("/besprekingen/" + std::to_string(meeting) + "/casussen/" + std::to_string(first) + "/afdrukken").status,
            404);

  // In the dossier on the stamkaart: for the IB, the head and the pupil's teacher (the print
  // for the IB and head only), each view in the pupil's trail; never for the external.
  Browser head = signed_in("directeur"), other_ib = signed_in("ib-regenboog");
  const std::string card = "/leerlingen/" + std::to_string(pupils.at(6));
  const std::string print_href = "/besprekingen/" + std::to_string(meeting) + "/casussen/" + std::to_string(first) + "/afdrukken";
  for (Browser* b : {&ib, &head, &teacher}) {
    HttpResult page = b->get(card);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Verslagen zorgteamoverleg"), std::string::npos);
    EXPECT_NE(page.body.find("Rekenen blijft achter."), std::string::npos) << "the discussion";
    EXPECT_NE(page.body.find("Dagelijks tien minuten tafels; ouders oefenen thuis."), std::string::npos) << "the advice";
    EXPECT_NE(page.body.find("Over zes weken opnieuw bekijken."), std::string::npos) << "the decisions";
    EXPECT_NE(page.body.find("Tafelprogramma regelen"), std::string::npos) << "the agreements";
    EXPECT_EQ(page.body.find(print_href) != std::string::npos, b != &teacher) << "the A4 print: IB and head";
  }
  for (Browser* b : {&external, &other_ib}) {
    const int status = b->get(card).status;
    EXPECT_TRUE(status == 403 || status == 404) << status;
  }
  int views = 0;
  for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(pupils.at(6)) + "/audit").json())
    if (line["sentence"].get<std::string>().find("verslagen zorgteamoverleg") != std::string::npos) ++views;
  EXPECT_GE(views, 1) << "the reports' views are in the trail";
}

// A parent reads their child's stamkaart, but the care-team reports are not part of it: the
// case's advice reaches them through the case; the IB sees the section for the same child.
TEST_F(CareTeamMeeting, TheParentsViewOfTheStamkaartHasNoCareTeamReports) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder");
  const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
  const std::string card = "/leerlingen/" + std::to_string(child);
  HttpResult theirs = parent.get(card);
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("Verslagen zorgteamoverleg"), std::string::npos);
  EXPECT_EQ(theirs.body.find("zorgteamverslagen"), std::string::npos);
  HttpResult school = ib.get(card);
  ASSERT_EQ(school.status, 200);
  EXPECT_NE(school.body.find("Verslagen zorgteamoverleg"), std::string::npos);
}

}  // namespace
}  // namespace koers::web::testing
