// Meetings over HTTP: who sees which meeting, who may change what, sending that freezes the
// plan version and the overview, the pupil discussion a registration becomes, the
// groeidocument (read by the pupil's teacher and the IB only, and audited), agreements on
// the owner's list, the .ics export and the pages. Its own demo database and server.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <regex>
#include <set>

#include "../../smtp_fake.h"
#include "domain/date.h"
#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "meetings";

class Meetings : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send_json(Browser& b, const std::string& method, const std::string& path, const json& body) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static long long my_group(Browser& teacher) { return teacher.get("/api/v1/groups").json().at(0)["id"]; }
  // The demo's planned group discussion of a group.
  static json discussion_of(Browser& b, long long group) {
    for (const auto& m : b.get("/api/v1/meetings").json())
      if (m["kind"] == "groepsbespreking" && m["group_id"] == group) return b.get("/api/v1/meetings/" + std::to_string(m["id"].get<long long>())).json();
    return json();
  }
  static std::string path_of(const json& m) { return "/api/v1/meetings/" + std::to_string(m["id"].get<long long>()); }
};

TEST_F(Meetings, ATeacherSeesTheMeetingsOfTheirOwnGroupOnlyAndTheHeadReadsWithoutWriting) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib"), head = signed_in("directeur");
  const long long group = my_group(teacher);
  json all = ib.get("/api/v1/meetings").json();
  json mine = teacher.get("/api/v1/meetings").json();
  ASSERT_FALSE(mine.empty());
  EXPECT_LT(mine.size(), all.size());
  for (const auto& m : mine) EXPECT_EQ(m["group_id"], group) << m.dump();
  // Another group's discussion and a care-team meeting: refused to the teacher.
  for (const auto& m : all) {
    const std::string path = "/api/v1/meetings/" + std::to_string(m["id"].get<long long>());
    const int expected = m["group_id"] == group ? 200 : 404;  // as an unknown meeting
    EXPECT_EQ(teacher.get(path).status, expected) << m["title"];
    // The head reads every meeting but the adviesgesprek of an HGD (as the HGD itself: hgd_test.cc).
    EXPECT_EQ(head.get(path).status, m["kind"] == "adviesgesprek-hgd" ? 403 : 200) << m["title"];
  }
  EXPECT_EQ(signed_in("ib-regenboog").get(path_of(discussion_of(ib, group))).status, 404) << "another school";
  EXPECT_EQ(signed_in("ouder").get("/api/v1/meetings").status, 403);
  EXPECT_EQ(signed_in("zorgteam").get(path_of(discussion_of(ib, group))).status, 403);
  EXPECT_EQ(teacher.get("/api/v1/meetings/999999").status, 404);
  // Within a range.
  json none = ib.get("/api/v1/meetings?from=2000-01-01&to=2000-12-31").json();
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(ib.get("/api/v1/meetings?from=gisteren").status, 400);

  json m = discussion_of(head, group);
  m["decisions"] = "De directeur besluit";
  EXPECT_EQ(send_json(head, "PUT", path_of(m), m).status, 403) << "the head reads";
  EXPECT_EQ(send_json(head, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", "2027-03-01"}}).status, 403);
  EXPECT_EQ(send_json(teacher, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", "2027-03-01"}}).status, 403);

  // The pages as the head reads them: no empty save bar over the content; the print of a
  // discussion not yet sent says so, instead of "versie 0 … zoals verstuurd ()".
  const std::string page = "/besprekingen/" + std::to_string(m["id"].get<long long>());
  const std::string read = head.get(page).body;
  EXPECT_EQ(read.find("class=\"savebar"), std::string::npos);
  EXPECT_NE(ib.get(page).body.find("class=\"savebar"), std::string::npos) << "the IB has actions";
  const std::string print = head.get(page + "/afdrukken").body;
  EXPECT_EQ(print.find("versie 0"), std::string::npos);
  EXPECT_EQ(print.find("()"), std::string::npos);
  EXPECT_NE(print.find("Nog niet verstuurd"), std::string::npos);
  EXPECT_NE(print.find("<p class=\"doc-text\">—</p>"), std::string::npos) << "an empty text prints as a dash";
}

TEST_F(Meetings, SendingFreezesThePlanAndThePreparationAndAStaleSaveLosesNothing) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib");
  const long long group = my_group(teacher);
  json m = discussion_of(teacher, group);
  ASSERT_EQ(m["status"], "gepland");
  ASSERT_EQ(m["may"]["prepare"], true);
  EXPECT_EQ(m["may"]["hold"], false);

  // The teacher prepares: every point ticked makes it prepared.
  json prepared = m;
  for (auto& c : prepared["checklist"]) c["done"] = true;
  prepared["questions"] = "Hoe krijg ik rust bij het zelfstandig werken?";
  HttpResult saved = send_json(teacher, "PUT", path_of(m), prepared);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["status"], "voorbereid");
  EXPECT_EQ(saved.json()["version"], m["version"].get<int>() + 1);
  // A second tab on the old version: 409 with the latest, nothing overwritten.
  json stale = m;
  stale["questions"] = "Iets anders";
  HttpResult conflict = send_json(teacher, "PUT", path_of(m), stale);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.json()["latest"]["questions"], "Hoe krijg ik rust bij het zelfstandig werken?");
  // The IB may not write the teacher's questions.
  json ib_edit = saved.json();
  ib_edit["questions"] = "door de IB";
  HttpResult refused = send_json(ib, "PUT", path_of(m), ib_edit);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("de vragen zijn van de leerkracht"), std::string::npos) << refused.body;

  // Sending: only the teacher; the latest plan version is the one under discussion.
  const std::string plan_path = "/api/v1/groups/" + std::to_string(group) + "/plans/huidig";
  const int plan_version = teacher.get(plan_path).json()["version"];
  const int v = saved.json()["version"];
  EXPECT_EQ(send_json(ib, "POST", path_of(m) + "/send", {{"version", v}}).status, 409);
  HttpResult sent = send_json(teacher, "POST", path_of(m) + "/send", {{"version", v}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json()["status"], "verstuurd");
  EXPECT_EQ(sent.json()["plan_version"], plan_version);
  EXPECT_EQ(sent.json()["agenda"][0]["title"], "Bespreekpunten en vragen van de leerkracht en de IB");
  EXPECT_NE(sent.json()["agenda"][0]["notes"].get<std::string>().find("Hoe krijg ik rust bij het zelfstandig werken?"),
            std::string::npos)
      << "the teacher's questions stand in the IB's agenda point";
  json versions = teacher.get(plan_path).json()["versions"];
  EXPECT_FALSE(versions.back()["sent_at"].is_null()) << "the plan version is marked as sent";

  // Frozen: the questions and checklist can no longer change.
  json later = sent.json();
  later["questions"] = "Nog een vraag";
  HttpResult frozen = send_json(teacher, "PUT", path_of(m), later);
  EXPECT_EQ(frozen.status, 409);
  EXPECT_NE(frozen.body.find("verstuurd: de vragen liggen vast"), std::string::npos) << frozen.body;
  EXPECT_EQ(send_json(teacher, "POST", path_of(m) + "/send", {{"version", sent.json()["version"]}}).status, 409);
  HttpResult lapse = ib.request("DELETE", path_of(m), json{{"version", sent.json()["version"]}}.dump(), "application/json",
                                {{"X-CSRF-Token", ib.csrf()}});
  EXPECT_EQ(lapse.status, 409) << "a sent meeting stays";
  // The overview as sent is readable; a plan saved later does not change what was sent.
  const std::string stand = sent.json()["sent_at"];
  HttpResult overview = teacher.get("/groepen/" + std::to_string(group) + "/overzicht?stand=" + stand);
  EXPECT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("zoals verstuurd op"), std::string::npos);
  EXPECT_EQ(teacher.get("/groepen/" + std::to_string(group) + "/overzicht?stand=gisteren").status, 400);

  // The IB holds it, registers a pupil and agrees an action; the teacher writes a summary.
  HttpResult held = send_json(ib, "POST", path_of(m) + "/hold", {{"version", sent.json()["version"]}});
  ASSERT_EQ(held.status, 200) << held.body;
  json record = held.json();
  const long long pupil = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(0)["id"];
  const long long teacher_account = teacher.get("/api/v1/me").json()["id"];
  record["agenda"][1]["notes"] = "Spelling: 2 van de 4 doelen gehaald.";
  record["registrations"] = json::array({{{"pupil_id", pupil}, {"kind", "leerlingbespreking"}, {"reason", "Rekenen blijft achter"}},
                                         {{"pupil_id", pupil}, {"kind", "zorgteam"}, {"reason", "Zorg om de werkhouding thuis"}}});
  record["agreements"] = json::array({{{"action", "Stoplicht invoeren"}, {"owner_account_id", teacher_account}, {"due_on", "2020-01-10"}}});
  HttpResult recorded = send_json(ib, "PUT", path_of(m), record);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const long long follow_up = recorded.json()["registrations"][0]["follow_up_meeting_id"];
  ASSERT_NE(follow_up, 0);
  ASSERT_EQ(recorded.json()["agreements"].size(), 1u);
  EXPECT_EQ(recorded.json()["agreements"][0]["owner_name"], "Joost Peters");

  // The agreement is on the teacher's list, overdue, and on the school's list for the IB.
  json mine = teacher.get("/api/v1/agreements?owner=me").json();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["action"], "Stoplicht invoeren");
  EXPECT_EQ(mine[0]["overdue"], true);
  EXPECT_NE(teacher.get("/groepen").body.find("Stoplicht invoeren"), std::string::npos) << "on the start page";
  EXPECT_EQ(teacher.get("/api/v1/agreements?owner=school").status, 403);
  EXPECT_EQ(ib.get("/api/v1/agreements?owner=school").json().size(), 1u);
  const std::string inbox = ib.get("/besprekingen").body;
  EXPECT_NE(inbox.find("Stoplicht invoeren"), std::string::npos) << "overdue, in the IB's inbox";
  EXPECT_NE(inbox.find("Zorg om de werkhouding thuis"), std::string::npos) << "registered for the care team";
  EXPECT_EQ(recorded.json()["registrations"][1]["follow_up_meeting_id"], 0) << "the care team's part comes later";
  // Ticked off by its owner; someone else (the head) may not.
  // An agreement the IB carries out is not the teacher's to tick off.
  json with_ib_agreement = recorded.json();
  with_ib_agreement["agreements"].push_back(
      {{"action", "Groepsbezoek plannen"}, {"owner_account_id", ib.get("/api/v1/me").json()["id"]}, {"due_on", "2027-01-20"}});
  HttpResult two = send_json(ib, "PUT", path_of(m), with_ib_agreement);
  ASSERT_EQ(two.status, 200) << two.body;
  json tick_other = two.json();
  tick_other["agreements"][1]["done_on"] = "2026-12-01";
  HttpResult not_mine = send_json(teacher, "PUT", path_of(m), tick_other);
  EXPECT_EQ(not_mine.status, 403);
  EXPECT_NE(not_mine.body.find("alleen wie haar uitvoert"), std::string::npos) << not_mine.body;
  const std::string done = "/api/v1/agreements/" + std::to_string(mine[0]["id"].get<long long>()) + "/done";
  Browser head = signed_in("directeur");
  EXPECT_EQ(send_json(head, "POST", done, {{"done", true}}).status, 403);
  HttpResult ticked = send_json(teacher, "POST", done, {{"done", true}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  EXPECT_TRUE(teacher.get("/api/v1/agreements?owner=me").json().empty());

  json summary = teacher.get(path_of(m)).json();
  summary["teacher_summary"] = "Stoplicht; Sanne naar de leerlingbespreking.";
  HttpResult summarised = send_json(teacher, "PUT", path_of(m), summary);
  ASSERT_EQ(summarised.status, 200) << summarised.body;
  json final_report = summarised.json();
  final_report["report"] = "Rust in de groep: stoplicht. Eén aanmelding voor een leerlingbespreking.";
  ASSERT_EQ(send_json(ib, "PUT", path_of(m), final_report).status, 200);
  HttpResult reported = send_json(ib, "POST", path_of(m) + "/report", {{"version", final_report["version"].get<int>() + 1}});
  ASSERT_EQ(reported.status, 200) << reported.body;
  EXPECT_EQ(reported.json()["status"], "verslag");
  json after = reported.json();
  after["report"] = "achteraf";
  EXPECT_EQ(send_json(ib, "PUT", path_of(m), after).status, 409);

  // The print of the report.
  HttpResult print = ib.get("/besprekingen/" + std::to_string(m["id"].get<long long>()) + "/afdrukken");
  EXPECT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("Spelling: 2 van de 4 doelen gehaald."), std::string::npos);

  // The pupil discussion it became: requested, in the IB's queue, the teacher's to fill.
  json pd = ib.get("/api/v1/meetings/" + std::to_string(follow_up)).json();
  EXPECT_EQ(pd["status"], "aangemeld");
  EXPECT_EQ(pd["pupil_id"], pupil);
  EXPECT_EQ(pd["form"]["help_question"], "Rekenen blijft achter");
  EXPECT_EQ(teacher.get("/api/v1/meetings/" + std::to_string(follow_up)).status, 200);
  EXPECT_NE(ib.get("/besprekingen").body.find("nog te plannen"), std::string::npos);
  // The pupil's dossier on the stamkaart lists it, with the pupil's place in the plan.
  const std::string card = teacher.get("/leerlingen/" + std::to_string(pupil)).body;
  EXPECT_NE(card.find("Leerlingbespreking · nog te plannen · aangemeld, nog niet gepland"), std::string::npos);
  EXPECT_NE(card.find("href=\"/besprekingen/" + std::to_string(follow_up) + "\""), std::string::npos);
  EXPECT_NE(card.find(", Groep 5/6 — Technisch lezen: "), std::string::npos);
}

TEST_F(Meetings, TheGroeidocumentIsForThePupilsTeacherAndTheIbAndEveryReadIsAudited) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib");
  const long long group = my_group(teacher);
  const long long pupil = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(1)["id"];
  const std::string path = "/api/v1/pupils/" + std::to_string(pupil) + "/growth-document";
  HttpResult doc = teacher.get(path);
  ASSERT_EQ(doc.status, 200) << doc.body;
  json g = doc.json();
  EXPECT_EQ(g["pupil_id"], pupil);
  EXPECT_FALSE(g["summary"].get<std::string>().empty());
  EXPECT_EQ(g["subjects"].size(), 4u);
  ASSERT_FALSE(g["plans"].empty()) << "the demo's plan of this period";
  EXPECT_FALSE(g["plans"][0]["subjects"].empty());
  EXPECT_EQ(ib.get(path).status, 200);

  // Another group's pupil, another school's, a parent, the care team: refused.
  long long other_pupil = 0;
  for (const auto& gr : ib.get("/api/v1/groups").json())
    if (gr["id"] != group && !gr["combined"].get<bool>()) {
      other_pupil = ib.get("/api/v1/groups/" + std::to_string(gr["id"].get<long long>()) + "/pupils").json().at(0)["id"];
      break;
    }
  EXPECT_EQ(teacher.get("/api/v1/pupils/" + std::to_string(other_pupil) + "/growth-document").status, 404);
  EXPECT_EQ(signed_in("ib-regenboog").get(path).status, 404);
  EXPECT_EQ(signed_in("ouder").get(path).status, 403);
  EXPECT_EQ(signed_in("zorgteam").get(path).status, 403);

  // The pupil's audit trail records each read of the groeidocument.
  json trail = ib.get("/api/v1/pupils/" + std::to_string(pupil) + "/audit").json();
  int reads = 0;
  for (const auto& line : trail)
    if (line.dump().find("groeidocument") != std::string::npos) ++reads;
  EXPECT_EQ(reads, 2) << trail.dump().substr(0, 1500);
}

TEST_F(Meetings, TheIbPlansAndTheCalendarExportsAsIcs) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long group = my_group(teacher);
  HttpResult created = send_json(ib, "POST", "/api/v1/meetings",
                                 {{"kind", "groepsbespreking"}, {"group_id", group}, {"planned_on", "2027-01-28"}, {"starts_at", "14:15"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "gepland");
  EXPECT_EQ(send_json(ib, "POST", "/api/v1/meetings", {{"kind", "groepsbespreking"}, {"group_id", group}, {"planned_on", "28-01-2027"}}).status, 400);
  EXPECT_EQ(send_json(ib, "POST", "/api/v1/meetings", {{"kind", "borrel"}, {"planned_on", "2027-01-28"}}).status, 400);
  // Rescheduled by the IB, not by the teacher.
  const std::string path = path_of(created.json());
  const int v = created.json()["version"];
  EXPECT_EQ(send_json(teacher, "POST", path + "/plan", {{"version", v}, {"planned_on", "2027-02-04"}}).status, 409);
  HttpResult moved = send_json(ib, "POST", path + "/plan", {{"version", v}, {"planned_on", "2027-02-04"}, {"starts_at", "15:30"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["planned_on"], "2027-02-04");

  HttpResult ics = teacher.get("/besprekingen.ics");
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(ics.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.body.find("DTSTART;TZID=Europe/Amsterdam:20270204T153000"), std::string::npos);
  EXPECT_EQ(ics.body.find("Zorgteamoverleg"), std::string::npos) << "the teacher's calendar holds their own meetings";
  EXPECT_NE(ib.get("/besprekingen.ics").body.find("Zorgteamoverleg"), std::string::npos);
  // Calendars update a moved meeting instead of adding it twice: a UID of this installation
  // that stays, and a SEQUENCE that rises with every change.
  const std::string id = std::to_string(created.json()["id"].get<long long>());
  auto event_of = [&](const std::string& calendar) {
    const size_t uid = calendar.find("UID:bespreking-" + id + "-");
    return uid == std::string::npos ? std::string() : calendar.substr(uid, calendar.find("END:VEVENT", uid) - uid);
  };
  const std::string event_before = event_of(ics.body);
  ASSERT_FALSE(event_before.empty()) << ics.body;
  const std::string uid = event_before.substr(0, event_before.find("\r\n"));
  EXPECT_TRUE(std::regex_match(uid, std::regex("UID:bespreking-" + id + "-[0-9a-f]{32}@koers"))) << uid;
  EXPECT_NE(event_before.find("SEQUENCE:" + std::to_string(moved.json()["version"].get<int>()) + "\r\n"), std::string::npos)
      << event_before;
  EXPECT_NE(event_before.find("https://koers-meetings.example/besprekingen/" + id), std::string::npos) << event_before;
  ASSERT_EQ(send_json(ib, "POST", path + "/plan", {{"version", moved.json()["version"]}, {"planned_on", "2027-02-04"},
                                                   {"starts_at", "15:45"}})
                .status,
            200);
  const std::string event_after = event_of(teacher.get("/besprekingen.ics").body);
  EXPECT_EQ(event_after.substr(0, event_after.find("\r\n")), uid) << "the same event";
  EXPECT_NE(event_after.find("SEQUENCE:" + std::to_string(moved.json()["version"].get<int>() + 1) + "\r\n"), std::string::npos)
      << event_after;

  // The pages: the calendar for each role that plans or reads, the meeting page.
  EXPECT_EQ(teacher.get("/besprekingen").status, 200);
  EXPECT_EQ(signed_in("directeur").get("/besprekingen").status, 200);
  EXPECT_EQ(signed_in("ouder").get("/besprekingen").status, 403);
  HttpResult page = teacher.get("/besprekingen/" + std::to_string(created.json()["id"].get<long long>()));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Voorbereiding door de leerkracht"), std::string::npos);
  // The IB's form plans the care team over the year.
  HttpResult planned = ib.post_form("/besprekingen/voorstel", {{"what", "zorgteam"}, {"count", "4"}});
  EXPECT_EQ(planned.status, 303);
  EXPECT_NE(ib.get(planned.header("location")).body.find("zorgteamoverleggen"), std::string::npos);
  EXPECT_EQ(teacher.post_form("/besprekingen/voorstel", {{"what", "zorgteam"}, {"count", "4"}}).status, 403);
  // Pressed again: nothing doubles.
  const size_t before = ib.get("/api/v1/meetings").json().size();
  HttpResult again = ib.post_form("/besprekingen/voorstel", {{"what", "zorgteam"}, {"count", "4"}});
  const std::string notice = again.header("location");
  EXPECT_EQ(notice.find("Er%20staan%20al"), std::string::npos) << "the URL carries a key, not the text";
  EXPECT_EQ(teacher.get(notice).body.find("Er staan al"), std::string::npos) << "the IB's notice is not the teacher's";
  EXPECT_NE(ib.get(notice).body.find("Er staan al"), std::string::npos) << notice;
  EXPECT_EQ(ib.get(notice).body.find("Er staan al"), std::string::npos) << "shown once";
  EXPECT_EQ(ib.get("/api/v1/meetings").json().size(), before);

  // A meeting planned by mistake: the IB lets it lapse; the teacher cannot, nor a stale page.
  const int now_version = moved.json()["version"].get<int>() + 1;
  auto del = [&](Browser& b, int version) {
    return b.request("DELETE", path, json{{"version", version}}.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  };
  EXPECT_EQ(del(teacher, now_version).status, 403);
  EXPECT_EQ(del(ib, now_version - 1).status, 409);
  EXPECT_EQ(ib.get(path).json()["may"]["cancel"], true);
  EXPECT_EQ(del(ib, now_version).status, 200);
  EXPECT_EQ(ib.get(path).status, 404);
  EXPECT_EQ(ib.get("/api/v1/meetings").json().size(), before - 1);
}

TEST_F(Meetings, TheTeacherRegistersTheirOwnPupilFromTheStamkaartOnce) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib");
  const long long group = my_group(teacher);
  const long long pupil = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(2)["id"];
  const std::string path = "/leerlingen/" + std::to_string(pupil) + "/leerlingbespreking";
  EXPECT_NE(teacher.get("/leerlingen/" + std::to_string(pupil)).body.find("Aanmelden voor een leerlingbespreking"),
            std::string::npos);
  HttpResult empty = teacher.post_form(path, {{"help_question", "  "}});
  EXPECT_EQ(empty.status, 303);
  EXPECT_NE(empty.header("location").find("melding="), std::string::npos);
  EXPECT_NE(teacher.get(empty.header("location")).body.find("Aanmelden: schrijf de hulpvraag."), std::string::npos)
      << "the hulpvraag is asked for";

  HttpResult registered = teacher.post_form(path, {{"help_question", "Hoe krijg ik haar aan het lezen?"}});
  ASSERT_EQ(registered.status, 303);
  const std::string location = registered.header("location");
  ASSERT_EQ(location.rfind("/besprekingen/", 0), 0u) << location;
  const std::string id = location.substr(14, location.find('?') - 14);
  json m = ib.get("/api/v1/meetings/" + id).json();
  EXPECT_EQ(m["status"], "aangemeld");
  EXPECT_EQ(m["form"]["help_question"], "Hoe krijg ik haar aan het lezen?");
  EXPECT_EQ(m["may"]["cancel"], true) << "the IB may let a direct registration lapse";
  // Registering again leads to the open one.
  HttpResult again = teacher.post_form(path, {{"help_question", "Nog een keer"}});
  EXPECT_EQ(again.header("location").substr(0, location.find('?')), location.substr(0, location.find('?')));

  // Not for a pupil of another group, nor for the head or a parent.
  long long other_pupil = 0;
  for (const auto& gr : ib.get("/api/v1/groups").json())
    if (gr["id"] != group && !gr["combined"].get<bool>()) {
      other_pupil = ib.get("/api/v1/groups/" + std::to_string(gr["id"].get<long long>()) + "/pupils").json().at(0)["id"];
      break;
    }
  EXPECT_EQ(teacher.post_form("/leerlingen/" + std::to_string(other_pupil) + "/leerlingbespreking", {{"help_question", "x?"}}).status, 404);
  EXPECT_EQ(signed_in("directeur").post_form(path, {{"help_question", "x?"}}).status, 403);
  EXPECT_EQ(signed_in("ouder").post_form(path, {{"help_question", "x?"}}).status, 403);
}

TEST_F(Meetings, WithTheSchoolsRelayTheIbAlsoGetsAnEmailWithoutPupilData) {
  Browser head = signed_in("directeur"), ib = signed_in("ib"), teacher = signed_in("leerkracht");
  koers::testing::FakeSmtp relay;
  // The head names the relay in the school settings (keeping the periods as they are).
  std::map<std::string, std::string> form = {{"name", "CBS De Valentijn"}, {"place", "Alphen aan den Rijn"},
                                             {"smtp_host", "127.0.0.1"}, {"smtp_port", std::to_string(relay.port())},
                                             {"smtp_security", "none"},
                                             {"mail_from", "koers@valentijn.nl"}};
  const std::string page = head.get("/school/instellingen").body;
  static const std::regex input(R"re(name="(period_\d+_\w+)" value="([^"]*)")re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), input); it != std::sregex_iterator(); ++it)
    form[(*it)[1].str()] = (*it)[2].str();
  std::map<std::string, std::string> bad = form;
  bad["mail_from"] = "geen adres";
  HttpResult refused = head.post_form("/school/instellingen", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Afzender: een e-mailadres"), std::string::npos);
  ASSERT_EQ(head.post_form("/school/instellingen", form).status, 303);

  // A discussion on the current period's last day: its plan (the demo's) goes with it. The
  // demo planned this group's discussion of the period already: a second one only on purpose.
  const long long group = my_group(teacher);
  const std::string last_day =
      teacher.get("/api/v1/groups/" + std::to_string(group) + "/plans/huidig").json()["period"]["ends_on"];
  const size_t meetings_before = ib.get("/api/v1/meetings").json().size();
  HttpResult twice = send_json(ib, "POST", "/api/v1/meetings",
                               {{"kind", "groepsbespreking"}, {"group_id", group}, {"planned_on", last_day}, {"starts_at", "14:15"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_NE(twice.body.find("al een groepsbespreking, op "), std::string::npos) << twice.body;
  EXPECT_EQ(ib.get("/api/v1/meetings").json().size(), meetings_before) << "nothing planned twice";
  HttpResult created = send_json(ib, "POST", "/api/v1/meetings",
                                 {{"kind", "groepsbespreking"}, {"group_id", group}, {"planned_on", last_day}, {"starts_at", "14:15"},
                                  {"follow_up", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  json m = created.json();
  m["questions"] = "Sanne: rekenen blijft achter";
  HttpResult saved = send_json(teacher, "PUT", path_of(m), m);
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(send_json(teacher, "POST", path_of(m) + "/send", {{"version", saved.json()["version"]}}).status, 200);

  auto mails = relay.wait_for(1, 10);
  ASSERT_EQ(mails.size(), 1u) << "one notice";
  EXPECT_EQ(mails[0].from, "<koers@valentijn.nl>");
  ASSERT_EQ(mails[0].to.size(), 1u);
  EXPECT_NE(mails[0].to[0].find('@'), std::string::npos) << "the IB's address from the staff record";
  EXPECT_NE(mails[0].data.find("Joost Peters heeft de voorbereiding van de Groepsbespreking 5/6"), std::string::npos)
      << mails[0].data;
  EXPECT_NE(mails[0].data.find("https://koers-meetings.example/besprekingen/" + std::to_string(m["id"].get<long long>())),
            std::string::npos)
      << "the link is built from --public-url";
  EXPECT_EQ(mails[0].data.find("127.0.0.1"), std::string::npos) << "never from the request's Host header";
  EXPECT_EQ(mails[0].helo, "koers-meetings.example");
  EXPECT_NE(mails[0].data.find("\r\nMessage-ID: <"), std::string::npos);
  EXPECT_EQ(mails[0].data.find("Sanne"), std::string::npos) << "no pupil data in an e-mail";
  EXPECT_EQ(mails[0].data.find("rekenen"), std::string::npos);

  // Back to in-app only: no relay, no e-mail.
  form["smtp_host"] = "";
  ASSERT_EQ(head.post_form("/school/instellingen", form).status, 303);
}

TEST_F(Meetings, ANoticeComesFromTheServerNeverFromTheLink) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const std::string planted = "Uw%20wachtwoord%20is%20verlopen.%20Bel%2006-12345678";
  for (const std::string& page : {std::string("/besprekingen"), std::string("/leerlingen/") +
                                      std::to_string(teacher.get("/api/v1/groups/" + std::to_string(my_group(teacher)) +
                                                                 "/pupils").json().at(0)["id"].get<long long>())})
    for (const char* param : {"melding", "signaalfout", "invoerfout", "opgeslagen"}) {
      HttpResult shown = teacher.get(page + "?" + std::string(param) + "=" + planted);
      EXPECT_EQ(shown.status, 200) << page;
      EXPECT_EQ(shown.body.find("Bel 06-12345678"), std::string::npos) << page << " ?" << param;
    }
  EXPECT_EQ(ib.get("/besprekingen?melding=" + std::string(64, 'a')).body.find("class=\"notice\""), std::string::npos)
      << "an unknown key shows nothing";
  EXPECT_NE(ib.get("/besprekingen?melding=vervallen").body.find("De bespreking is vervallen."), std::string::npos)
      << "the fixed notices a page's script names";
}

TEST_F(Meetings, ThePlanningFormRefusesASecondGroupDiscussionInAPeriodAndConfirmsWhatItPlanned) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long group = my_group(teacher);
  const std::string last_day =
      teacher.get("/api/v1/groups/" + std::to_string(group) + "/plans/huidig").json()["period"]["ends_on"];
  const size_t before = ib.get("/api/v1/meetings").json().size();
  std::map<std::string, std::string> form = {{"kind", "groepsbespreking"}, {"group_id", std::to_string(group)},
                                             {"planned_on", last_day}, {"starts_at", "15:30"}};
  HttpResult refused = ib.post_form("/besprekingen", form);
  ASSERT_EQ(refused.status, 303);
  EXPECT_NE(ib.get(refused.header("location")).body.find("Niet gepland: deze groep heeft in deze periode al een groepsbespreking"),
            std::string::npos);
  EXPECT_EQ(ib.get("/api/v1/meetings").json().size(), before);
  form["follow_up"] = "1";
  HttpResult planned = ib.post_form("/besprekingen", form);
  ASSERT_EQ(planned.status, 303);
  EXPECT_EQ(planned.header("location").rfind("/besprekingen/", 0), 0u);
  const std::string day = last_day.substr(8, 2) + "-" + last_day.substr(5, 2) + "-" + last_day.substr(0, 4);
  EXPECT_NE(ib.get(planned.header("location")).body.find("Gepland op " + day + " om 15:30."), std::string::npos)
      << "planning confirms what was planned";
  EXPECT_EQ(ib.get("/api/v1/meetings").json().size(), before + 1);
}

TEST_F(Meetings, AMeetingWhoseDatePassedWithoutBeingHeldSaysSo) {
  Browser ib = signed_in("ib");
  HttpResult past = send_json(ib, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", "2026-09-15"}});
  ASSERT_EQ(past.status, 201) << past.body;
  EXPECT_EQ(past.json()["date_passed"], true);
  EXPECT_EQ(past.json()["status_label"], "datum verstreken, niet gehouden");
  HttpResult future = send_json(ib, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", "2030-09-17"}});
  EXPECT_EQ(future.json()["date_passed"], false);
  EXPECT_NE(ib.get("/besprekingen").body.find("datum verstreken, niet gehouden"), std::string::npos)
      << "the IB sees it in the jaarplanning, instead of 'gepland' for ever";
}

std::string dutch(const std::string& iso) { return domain::parse_iso_date(iso)->dutch(); }

TEST_F(Meetings, AGroupDiscussionAfterItsPeriodOpensAndSendsThatPeriodsPlan) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long group = my_group(teacher);
  const std::string g = std::to_string(group);
  const json current = teacher.get("/api/v1/groups/" + g + "/plans/huidig").json()["period"];
  const long long period_id = current["id"];
  // The demo school holds its group discussions up to two weeks after a period: a discussion a
  // week after the period's last day evaluates that period, not the next.
  const std::string later = domain::add_days(*domain::parse_iso_date(current["ends_on"].get<std::string>()), 7).iso();
  HttpResult planned = ib.post_form("/besprekingen", {{"kind", "groepsbespreking"}, {"group_id", g}, {"planned_on", later},
                                                      {"starts_at", "14:15"}, {"follow_up", "1"}});
  ASSERT_EQ(planned.status, 303);
  const std::string location = planned.header("location");
  const std::string page = ib.get(location).body;
  EXPECT_NE(page.find("Gepland op " + dutch(later) + " om 14:15. De bespreking evalueert het groepsplan van " +
                      current["name"].get<std::string>() + "."),
            std::string::npos)
      << page.substr(0, 3000);
  const std::string id = location.substr(std::string("/besprekingen/").size(), location.find('?') - std::string("/besprekingen/").size());
  json m = teacher.get("/api/v1/meetings/" + id).json();
  EXPECT_EQ(m["period_id"], period_id);
  // Its link opens exactly that period's plan.
  const std::string plan_link = "/groepen/" + g + "/groepsplan?periode=" + std::to_string(period_id);
  EXPECT_NE(teacher.get("/besprekingen/" + id).body.find(plan_link), std::string::npos);
  HttpResult plan_page = teacher.get(plan_link);
  EXPECT_EQ(plan_page.status, 200);
  EXPECT_NE(plan_page.body.find(current["name"].get<std::string>()), std::string::npos);
  // A period that is not this group's, or has not begun, is said so instead of opening another.
  HttpResult unknown = teacher.get("/groepen/" + g + "/groepsplan?periode=999999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("Deze periode hoort niet bij groep"), std::string::npos);

  // The teacher sends it with that period's plan.
  json prepared = m;
  for (auto& c : prepared["checklist"]) c["done"] = true;
  prepared["questions"] = "Wat doen we na de kerst met groep 5?";
  HttpResult saved = send_json(teacher, "PUT", "/api/v1/meetings/" + id, prepared);
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpResult sent = send_json(teacher, "POST", "/api/v1/meetings/" + id + "/send", {{"version", saved.json()["version"]}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  const json plan = teacher.get("/api/v1/groups/" + g + "/plans/" + std::to_string(period_id)).json();
  EXPECT_EQ(sent.json()["plan_version"], plan["version"]);
}

TEST_F(Meetings, NothingIsPlannedInTheSchoolsHolidays) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), head = signed_in("directeur");
  // The page is the IB's and the head's.
  EXPECT_EQ(ib.get("/besprekingen/kalender").status, 200);
  EXPECT_EQ(head.get("/besprekingen/kalender").status, 200);
  EXPECT_EQ(teacher.get("/besprekingen/kalender").status, 403);
  EXPECT_EQ(teacher.post_form("/besprekingen/kalender", {{"what", "landelijk"}}).status, 403);
  EXPECT_EQ(signed_in("ouder").get("/besprekingen/kalender").status, 403);

  // The demo took over the national holidays: its care-team meetings avoid the Kerstvakantie.
  const std::string page = ib.get("/besprekingen/kalender").body;
  ASSERT_NE(page.find("Kerstvakantie"), std::string::npos);
  const std::string year = teacher.get("/api/v1/groups/" + std::to_string(my_group(teacher)) + "/plans/huidig").json()["period"]["starts_on"];
  int autumn = std::stoi(year.substr(0, 4));
  if (std::stoi(year.substr(5, 2)) < 8) --autumn;
  const std::string christmas = fmt::format("{}-12-29", autumn);
  for (const auto& m : ib.get("/api/v1/meetings").json())
    if (m["planned_on"].is_string()) {
      const std::string on = m["planned_on"];
      EXPECT_FALSE(on >= fmt::format("{}-12-25", autumn) && on <= fmt::format("{}-01-03", autumn + 1))
          << m["kind"] << " on " << on << " lies in the Kerstvakantie";
    }
  // By hand, by the API and by moving: refused, naming the holiday.
  HttpResult api = send_json(ib, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", christmas}});
  EXPECT_EQ(api.status, 409);
  EXPECT_NE(api.body.find("valt in de Kerstvakantie"), std::string::npos) << api.body;
  HttpResult form = ib.post_form("/besprekingen", {{"kind", "zorgteam"}, {"planned_on", christmas}});
  EXPECT_NE(ib.get(form.header("location")).body.find("Niet gepland: " + dutch(christmas) + " valt in de Kerstvakantie"),
            std::string::npos);
  HttpResult ok = send_json(ib, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", fmt::format("{}-02-09", autumn + 1)}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  HttpResult moved = send_json(ib, "POST", path_of(ok.json()) + "/plan", {{"version", ok.json()["version"]}, {"planned_on", christmas}});
  EXPECT_EQ(moved.status, 409);
  EXPECT_NE(moved.body.find("Kerstvakantie"), std::string::npos);

  // A study day the school adds is avoided too; a wrong one names the field.
  HttpResult bad = ib.post_form("/besprekingen/kalender", {{"what", "toevoegen"}, {"name", ""}, {"starts_on", fmt::format("{}-02-10", autumn + 1)}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Naam: geef de vakantie of vrije dag een naam."), std::string::npos);
  HttpResult added = ib.post_form("/besprekingen/kalender", {{"what", "toevoegen"}, {"name", "Studiedag"}, {"starts_on", fmt::format("{}-02-10", autumn + 1)}});
  ASSERT_EQ(added.status, 303);
  EXPECT_NE(ib.get(added.header("location")).body.find("Studiedag (10-02-" + std::to_string(autumn + 1) + ") staat in de schoolkalender."),
            std::string::npos);
  HttpResult study = send_json(ib, "POST", "/api/v1/meetings", {{"kind", "zorgteam"}, {"planned_on", fmt::format("{}-02-10", autumn + 1)}});
  EXPECT_EQ(study.status, 409);
  EXPECT_NE(study.body.find("is een vrije dag (Studiedag)"), std::string::npos) << study.body;

  // The jaarplanning for every period still to come, in one go, outside the holidays.
  const size_t before = ib.get("/api/v1/meetings").json().size();
  HttpResult all = ib.post_form("/besprekingen/voorstel", {{"what", "groepsbesprekingen"}, {"period_id", "alle"}});
  ASSERT_EQ(all.status, 303);
  const std::string notice = ib.get(all.header("location")).body;
  EXPECT_NE(notice.find("groepsbesprekingen gepland (Periode 1: alle groepen hadden er al een; Periode 2: "), std::string::npos)
      << notice.substr(0, 4000);
  EXPECT_NE(notice.find("Periode 3: "), std::string::npos);
  std::map<long long, std::set<long long>> periods_of_group;
  for (const auto& m : ib.get("/api/v1/meetings").json())
    if (m["kind"] == "groepsbespreking") {
      ASSERT_TRUE(m["period_id"].is_number()) << m.dump();
      periods_of_group[m["group_id"].get<long long>()].insert(m["period_id"].get<long long>());
      EXPECT_FALSE(m["planned_on"] == fmt::format("{}-02-10", autumn + 1)) << "not on the study day";
    }
  EXPECT_GT(ib.get("/api/v1/meetings").json().size(), before);
  for (const auto& [group, periods] : periods_of_group) EXPECT_EQ(periods.size(), 3u) << "group " << group;
}

}  // namespace
}  // namespace koers::web::testing
