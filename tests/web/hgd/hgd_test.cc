// HGD over HTTP as the school uses it: the IB requests an HGD of the external orthopedagoog on a
// case, refused without the parents' HGD consent (none, only a care-team consent, one for
// another discipline); the expert uploads the report (a real PDF; a non-PDF is refused with
// nothing stored) and writes the recommendations while the HGD consent is in force, and is
// refused (403) the moment it is withdrawn or once it has expired; the IB takes a recommendation
// over as a need that the teacher then sees in the groepsoverzicht with source onderzoek. The
// pupil's teacher reads, a teacher of another group, the parent and the head are refused,
// another school's IB gets 404. Reads and changes are in the pupil's trail in words. The
// adviesgesprek: the IB plans it from the HGD (nobody else may), it stands in the jaarplanning
// of those who may see it, holding it makes the HGD besproken (not before the report), its
// report shows on the HGD (the expert too), the stamkaart and the 1-zorgroute.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "hgd";

std::string report_pdf() { return read_file(std::string(KOERS_TEST_DATA) + "/documents/rapport.pdf"); }

class Hgd : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static HttpResult upload(Browser& b, const std::string& path, const std::string& bytes,
                           const std::string& name = "Verslag HGD.pdf") {
    const std::string boundary = "----koers-hgd-boundary";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                             "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return b.request("POST", path, body, "multipart/form-data; boundary=" + boundary, {{"X-CSRF-Token", b.csrf()}});
  }
  static std::string day(int offset) { return domain::add_days(today_local(), offset).iso(); }
  static long long account_id(Browser& b) { return b.get("/api/v1/me").json()["id"]; }
  static std::vector<long long> my_pupils(Browser& teacher) {
    const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
    std::vector<long long> out;
    for (const auto& p : teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json()) out.push_back(p["id"]);
    return out;
  }
  // A case for the pupil (the open one when there is one).
  static long long case_for(Browser& ib, long long pupil) {
    HttpResult made = send(ib, "POST", "/api/v1/cases",
                           {{"pupil_id", pupil}, {"origin", "ib"}, {"help_question", "Waarom leest dit kind niet?"}});
    if (made.status == 409) return made.json()["case_id"];
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("id", 0LL);
  }
  static long long consent(Browser& ib, long long case_id, const std::string& purpose,
                           std::vector<std::string> disciplines = {"orthopedagoog"}, int from = -2, int until = 120) {
    HttpResult r = send(ib, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/consents",
                        {{"purpose", purpose},
                         {"given_by", "moeder, Ans"},
                         {"given_on", day(from)},
                         {"form", "formulier"},
                         {"disciplines", disciplines},
                         {"externals", json::array()},
                         {"documents", json::array({"hulpvraag"})},
                         {"valid_until", day(until)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0LL);
  }
  static HttpResult request(Browser& ib, long long case_id, long long expert) {
    return send(ib, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/hgd",
                {{"question_kind", "verklarend"},
                 {"help_question", "Waarom komt het lezen niet op gang, en wat helpt?"},
                 {"questions", json::array({"Is er sprake van dyslexie?", "Welke instructie past?"})},
                 {"expert_account_id", expert}});
  }
  static std::string hgd(long long id) { return "/api/v1/hgd/" + std::to_string(id); }
  static bool trail_has(Browser& ib, long long pupil, const std::string& part) {
    for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(pupil) + "/audit").json())
      if (line["sentence"].get<std::string>().find(part) != std::string::npos) return true;
    return false;
  }
};

TEST_F(Hgd, FromRequestToReportToANeedInTheOverview) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), expert = signed_in("zorgteam");
  const long long pupil = my_pupils(teacher).at(2);
  const long long case_id = case_for(ib, pupil);
  const long long expert_id = account_id(expert);

  // Without the HGD's own consent: refused, also with only a care-team consent or one for another discipline.
  HttpResult none = request(ib, case_id, expert_id);
  EXPECT_EQ(none.status, 422) << none.body;
  EXPECT_NE(none.json()["error"].get<std::string>().find("Er is geen toestemming van de ouders voor HGD"), std::string::npos)
      << none.body;
  consent(ib, case_id, "zorgteam");
  EXPECT_EQ(request(ib, case_id, expert_id).status, 422) << "a care-team consent is not an HGD consent";
  consent(ib, case_id, "hgd", {"psycholoog"});
  HttpResult scope = request(ib, case_id, expert_id);
  EXPECT_EQ(scope.status, 422);
  EXPECT_NE(scope.body.find("geldt niet voor deze deskundige"), std::string::npos) << scope.body;
  HttpResult bad = send(ib, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/hgd",
                        {{"help_question", ""}, {"questions", json::array()}, {"expert_account_id", expert_id}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Hulpvraag:"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Onderzoeksvragen:"), std::string::npos) << bad.body;

  consent(ib, case_id, "hgd");
  HttpResult made = request(ib, case_id, expert_id);
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  EXPECT_EQ(made.json()["status"], "aangevraagd");
  EXPECT_EQ(made.json()["expert"]["discipline"], "orthopedagoog");

  // The expert reads it, steps to in onderzoek, uploads the report and writes the recommendations.
  HttpResult seen = expert.get(hgd(id));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["actor"], "deskundige");
  EXPECT_EQ(send(expert, "PUT", hgd(id), {{"version", 1}, {"questions", json::array({"andere vraag"})}}).status, 403)
      << "the questions are the IB's";
  ASSERT_EQ(send(expert, "PUT", hgd(id), {{"version", 1}, {"status", "in-onderzoek"}}).status, 200);
  HttpResult not_pdf = upload(expert, hgd(id) + "/report", "dit is geen pdf", "verslag.pdf");
  EXPECT_EQ(not_pdf.status, 400);
  EXPECT_NE(not_pdf.body.find("Bestand"), std::string::npos) << not_pdf.body;
  EXPECT_EQ(expert.get(hgd(id)).json()["report"], nullptr) << "nothing stored";
  HttpResult uploaded = upload(expert, hgd(id) + "/report", report_pdf());
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  EXPECT_EQ(uploaded.json()["status"], "verslag-ontvangen");
  const int version = uploaded.json()["version"];
  HttpResult recs = send(expert, "PUT", hgd(id),
                         {{"version", version},
                          {"recommendations", json::array({"korte instructie met een voorbeeld vooraf",
                                                           "dagelijks tien minuten extra leestijd"})}});
  ASSERT_EQ(recs.status, 200) << recs.body;
  HttpResult pdf = expert.get(hgd(id) + "/report");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body, report_pdf());
  EXPECT_EQ(send(expert, "POST", hgd(id) + "/recommendations/1/need", {{"kind", "matchen"}, {"topic", "instructie"}}).status,
            403)
      << "only the IB takes a recommendation over";

  // The pupil's teacher reads the HGD and its report, and writes nothing.
  EXPECT_EQ(teacher.get(hgd(id)).status, 200);
  EXPECT_EQ(teacher.get(hgd(id) + "/report").status, 200);
  EXPECT_EQ(send(teacher, "PUT", hgd(id), {{"version", 3}, {"recommendations", json::array({"x"})}}).status, 403);
  EXPECT_EQ(upload(teacher, hgd(id) + "/report", report_pdf()).status, 403);

  // The IB takes the first over; the teacher sees it in the overview with source onderzoek.
  HttpResult wrong = send(ib, "POST", hgd(id) + "/recommendations/1/need", {{"kind", "matchen"}, {"topic", "geen"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Aspect"), std::string::npos) << wrong.body;
  HttpResult taken = send(ib, "POST", hgd(id) + "/recommendations/1/need", {{"kind", "matchen"}, {"topic", "instructie"}});
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_TRUE(taken.json()["recommendations"][0]["taken_over"].get<bool>());
  EXPECT_EQ(send(ib, "POST", hgd(id) + "/recommendations/1/need", {{"kind", "matchen"}, {"topic", "instructie"}}).status,
            422)
      << "once";
  EXPECT_EQ(send(ib, "POST", hgd(id) + "/recommendations/9/need", {{"kind", "matchen"}, {"topic", "instructie"}}).status,
            422);
  const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
  HttpResult overview = teacher.get("/groepen/" + std::to_string(group) + "/overzicht");
  ASSERT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("korte instructie met een voorbeeld vooraf"), std::string::npos);
  EXPECT_NE(overview.body.find("onderzoek"), std::string::npos);
  HttpResult record = ib.get("/leerlingen/" + std::to_string(pupil));
  EXPECT_NE(record.body.find("korte instructie met een voorbeeld vooraf"), std::string::npos) << "in the pupil's record";

  // The IB closes it after the discussion.
  const int v2 = ib.get(hgd(id)).json()["version"];
  EXPECT_EQ(send(ib, "PUT", hgd(id), {{"version", v2}, {"status", "besproken"}}).status, 200);

  EXPECT_TRUE(trail_has(ib, pupil, "legde de HGD-aanvraag " + std::to_string(id) + " vast"));
  EXPECT_TRUE(trail_has(ib, pupil, "bekeek de HGD-aanvraag " + std::to_string(id)));
  EXPECT_TRUE(trail_has(ib, pupil, "advies 1 overgenomen als onderwijsbehoefte"));
  EXPECT_TRUE(trail_has(ib, pupil, "verslag van de deskundige ontvangen"));
}

// The demo's HGD (demo_cases.cc): the orthopedagoog's report is a PDF the IB opens, the
// recommendations are lines, and those the IB took over are needs with source onderzoek in the
// groepsoverzicht the teacher works in; the expert reads her own HGD.
TEST_F(Hgd, TheDemoHasAnHgdWithAReportAndItsNeedsInTheOverview) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), expert = signed_in("zorgteam");
  json demo;
  for (const auto& c : ib.get("/api/v1/cases").json())
    for (const auto& h : ib.get("/api/v1/cases/" + std::to_string(c["id"].get<long long>()) + "/hgd").json())
      if (!h["report"].is_null() && h["status"] == "besproken") demo = h;
  ASSERT_FALSE(demo.is_null()) << "the demo has an HGD with a report";
  const long long id = demo["id"];
  ASSERT_TRUE(demo["advice_meeting"].is_object()) << "besproken in its adviesgesprek";
  EXPECT_TRUE(demo["advice_meeting"]["held"].get<bool>());
  EXPECT_NE(demo["advice_meeting"]["advised"].get<std::string>().find("korte stappen"), std::string::npos);
  HttpResult talk = ib.get("/api/v1/meetings/" + std::to_string(demo["advice_meeting"]["meeting_id"].get<long long>()));
  ASSERT_EQ(talk.status, 200) << talk.body;
  EXPECT_EQ(talk.json()["kind"], "adviesgesprek-hgd");
  EXPECT_EQ(talk.json()["status"], "verslag");
  EXPECT_EQ(talk.json()["participants"].size(), 4u);
  EXPECT_EQ(demo["expert"]["account_id"], account_id(expert));
  EXPECT_TRUE(demo["consent_in_force"].get<bool>()) << "under the parents' own HGD consent";
  HttpResult pdf = ib.get(hgd(id) + "/report");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.body.find("Onderzoeksverslag HGD"), std::string::npos);
  EXPECT_EQ(expert.get(hgd(id)).status, 200) << "the expert reads her HGD";

  std::vector<std::string> taken;
  ASSERT_GE(demo["recommendations"].size(), 2u);
  for (const auto& a : demo["recommendations"])
    if (a["taken_over"].get<bool>()) taken.push_back(a["text"]);
  ASSERT_FALSE(taken.empty()) << "at least one recommendation is a need";
  EXPECT_LT(taken.size(), demo["recommendations"].size()) << "and not every one: the IB chooses";

  const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
  HttpResult overview = teacher.get("/api/v1/groups/" + std::to_string(group) + "/overview");
  ASSERT_EQ(overview.status, 200);
  int from_research = 0;
  const json lines = overview.json();
  for (const auto& p : lines["pupils"])
    if (p["pupil_id"] == demo["pupil_id"])
      for (const auto& n : p["general_needs"])
        if (n["source"] == "onderzoek") ++from_research;
  EXPECT_EQ(from_research, static_cast<int>(taken.size())) << "each recommendation taken over is a need, source onderzoek";
  HttpResult page = teacher.get("/groepen/" + std::to_string(group) + "/overzicht");
  EXPECT_NE(page.body.find("één opdracht tegelijk op tafel"), std::string::npos) << "where the teacher works";
}

TEST_F(Hgd, EveryoneElseIsRefusedAndTheExpertTheMomentTheConsentEnds) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), expert = signed_in("zorgteam");
  Browser parent = signed_in("ouder"), head = signed_in("directeur"), other_ib = signed_in("ib-regenboog");
  // A pupil outside the teacher's group: the teacher is "a teacher of another group" here.
  long long pupil = 0;
  const auto mine = my_pupils(teacher);
  for (const auto& g : ib.get("/api/v1/groups").json()) {
    for (const auto& p : ib.get("/api/v1/groups/" + std::to_string(g["id"].get<long long>()) + "/pupils").json())
      if (std::find(mine.begin(), mine.end(), p["id"].get<long long>()) == mine.end()) {
        pupil = p["id"];
        break;
      }
    if (pupil) break;
  }
  ASSERT_NE(pupil, 0);
  const long long case_id = case_for(ib, pupil);
  const long long hgd_consent = consent(ib, case_id, "hgd");
  HttpResult made = request(ib, case_id, account_id(expert));
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  ASSERT_EQ(expert.get(hgd(id)).status, 200);

  EXPECT_EQ(parent.get(hgd(id)).status, 404) << "another child's HGD answers as unknown";
  for (Browser* b : {&teacher, &head}) {
    EXPECT_EQ(b->get(hgd(id)).status, 403);
    EXPECT_EQ(b->get(hgd(id) + "/report").status, 403);
    EXPECT_EQ(send(*b, "PUT", hgd(id), {{"version", 1}, {"recommendations", json::array({"x"})}}).status, 403);
    EXPECT_EQ(upload(*b, hgd(id) + "/report", report_pdf()).status, 403);
  }
  EXPECT_EQ(send(teacher, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/hgd", json::object()).status, 404)
      << "a teacher of another group does not see the case";
  EXPECT_EQ(other_ib.get(hgd(id)).status, 404) << "another school's id answers as unknown";
  EXPECT_EQ(send(other_ib, "PUT", hgd(id), {{"version", 1}}).status, 404);
  EXPECT_EQ(upload(other_ib, hgd(id) + "/report", report_pdf()).status, 404);

  // Withdrawn: the expert is refused at once, with the reason; nothing they send is stored.
  ASSERT_EQ(send(ib, "POST", "/api/v1/consents/" + std::to_string(hgd_consent) + "/withdraw").status, 200);
  HttpResult refused = expert.get(hgd(id));
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("ingetrokken"), std::string::npos) << refused.body;
  EXPECT_EQ(upload(expert, hgd(id) + "/report", report_pdf()).status, 403);
  EXPECT_EQ(send(expert, "PUT", hgd(id), {{"version", 1}, {"recommendations", json::array({"x"})}}).status, 403);
  EXPECT_EQ(ib.get(hgd(id)).json()["report"], nullptr);
  EXPECT_FALSE(ib.get(hgd(id)).json()["consent_in_force"].get<bool>());
  // A care-team consent does not stand in for it (wrong purpose), nor an expired HGD consent.
  consent(ib, case_id, "zorgteam");
  EXPECT_EQ(expert.get(hgd(id)).status, 403);
  consent(ib, case_id, "hgd", {"orthopedagoog"}, -30, -1);
  EXPECT_EQ(expert.get(hgd(id)).status, 403);
  // A new HGD consent lets the expert in again.
  consent(ib, case_id, "hgd");
  EXPECT_EQ(expert.get(hgd(id)).status, 200);
}

TEST_F(Hgd, TheParentOfThePupilIsRefusedTheHgdButSeesTheCase) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder"), expert = signed_in("zorgteam");
  const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
  const long long case_id = case_for(ib, child);
  consent(ib, case_id, "hgd");
  HttpResult made = request(ib, case_id, account_id(expert));
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  ASSERT_EQ(upload(ib, hgd(id) + "/report", report_pdf()).status, 201) << "the IB may upload the report too";
  EXPECT_EQ(parent.get(hgd(id)).status, 403);
  EXPECT_EQ(parent.get(hgd(id) + "/report").status, 403);
  EXPECT_EQ(parent.get("/api/v1/cases/" + std::to_string(case_id) + "/hgd").status, 403);
  EXPECT_EQ(send(parent, "POST", hgd(id) + "/recommendations/1/need", {{"kind", "matchen"}, {"topic", "instructie"}}).status,
            403);
  HttpResult page = parent.get("/casus/" + std::to_string(case_id));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("HGD — handelingsgerichte diagnostiek"), std::string::npos) << "no HGD section for the parent";
}

TEST_F(Hgd, TheCasePageShowsTheHgdSectionAndItsFormsWork) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), expert = signed_in("zorgteam");
  const long long pupil = my_pupils(teacher).at(3);
  const long long case_id = case_for(ib, pupil);
  const std::string page = "/casus/" + std::to_string(case_id);
  HttpResult empty = ib.get(page);
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("HGD aanvragen"), std::string::npos);
  EXPECT_NE(empty.body.find("vraagt een eigen toestemming van de ouders"), std::string::npos);
  consent(ib, case_id, "hgd");
  HttpResult sent = ib.post_form(page + "/hgd", {{"question_kind", "adviserend"},
                                                 {"help_question", "Wat helpt bij het rekenen?"},
                                                 {"questions", "Welke aanpak past?\r\nHoe oefent hij thuis?"},
                                                 {"expert_account_id", std::to_string(account_id(expert))},
                                                 {"requested_on", ""}});
  EXPECT_EQ(sent.status, 303) << sent.body;
  HttpResult shown = ib.get(page);
  EXPECT_NE(shown.body.find("Hoe oefent hij thuis?"), std::string::npos);
  EXPECT_NE(shown.body.find("Verslag uploaden"), std::string::npos);
  const long long id = ib.get("/api/v1/cases/" + std::to_string(case_id) + "/hgd").json().at(0)["id"];
  ASSERT_EQ(upload(expert, hgd(id) + "/report", report_pdf()).status, 201);
  HttpResult recs = expert.post_form("/hgd/" + std::to_string(id),
                                     {{"version", std::to_string(ib.get(hgd(id)).json()["version"].get<int>())},
                                      {"recommendations", "Concreet materiaal bij nieuwe stof\r\n"}});
  EXPECT_EQ(recs.status, 303);
  HttpResult mine = expert.get("/casussen");
  EXPECT_NE(mine.body.find("Mijn HGD-onderzoeken"), std::string::npos) << "the expert finds the HGD";
  EXPECT_NE(mine.body.find("href=\"/hgd/" + std::to_string(id) + "\""), std::string::npos);
  HttpResult expert_page = expert.get("/hgd/" + std::to_string(id));
  ASSERT_EQ(expert_page.status, 200);
  EXPECT_NE(expert_page.body.find("Concreet materiaal bij nieuwe stof"), std::string::npos);
  EXPECT_EQ(expert_page.body.find("Overnemen als onderwijsbehoefte"), std::string::npos);
  HttpResult with_button = ib.get(page);
  EXPECT_NE(with_button.body.find("Overnemen als onderwijsbehoefte"), std::string::npos);
  HttpResult took = ib.post_form("/hgd/" + std::to_string(id) + "/advies/1", {{"need", "matchen:opdrachten"}, {"text", ""}});
  EXPECT_EQ(took.status, 303);
  EXPECT_TRUE(ib.get(hgd(id)).json()["recommendations"][0]["taken_over"].get<bool>());
  // The teacher of the pupil sees the section read-only.
  HttpResult teacher_page = teacher.get(page);
  ASSERT_EQ(teacher_page.status, 200);
  EXPECT_NE(teacher_page.body.find("Concreet materiaal bij nieuwe stof"), std::string::npos);
  EXPECT_EQ(teacher_page.body.find("HGD aanvragen"), std::string::npos);
  EXPECT_EQ(teacher_page.body.find("Verslag uploaden"), std::string::npos);
}

TEST_F(Hgd, TheIbPlansTheAdviceMeetingAndHoldingItMakesTheHgdBesproken) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht"), expert = signed_in("zorgteam");
  Browser parent = signed_in("ouder"), head = signed_in("directeur"), other_ib = signed_in("ib-regenboog");
  const long long pupil = my_pupils(teacher).at(5);
  const long long case_id = case_for(ib, pupil);
  consent(ib, case_id, "hgd");
  HttpResult made = request(ib, case_id, account_id(expert));
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  EXPECT_TRUE(made.json()["advice_meeting"].is_null());
  EXPECT_TRUE(made.json()["meeting_defaults"].is_object()) << "the IB gets the form";
  EXPECT_EQ(made.json()["meeting_defaults"]["expert"], made.json()["expert"]["name"]);
  EXPECT_FALSE(made.json()["meeting_defaults"]["parents"].get<std::string>().empty())
      << "the parents as the school has them";
  EXPECT_TRUE(teacher.get(hgd(id)).json()["meeting_defaults"].is_null()) << "not the teacher";

  const std::string on = day(9);
  json plan{{"planned_on", on},
            {"starts_at", "15:15"},
            {"location", "kamer van de IB"},
            {"participants", json::array({json{{"role", "ouders"}, {"name", "Ellen van der Meer (moeder)"}},
                                          json{{"role", "leerkracht"}, {"name", "Els de Leerkracht"}},
                                          json{{"role", "ib"}, {"name", "Ineke de IB"}},
                                          json{{"role", "deskundige"}, {"name", "Olga de Vries"}}})}};
  // Only the IB plans it; another school's IB does not know the HGD.
  EXPECT_EQ(send(teacher, "POST", hgd(id) + "/meeting", plan).status, 403);
  EXPECT_EQ(send(expert, "POST", hgd(id) + "/meeting", plan).status, 403);
  EXPECT_EQ(send(head, "POST", hgd(id) + "/meeting", plan).status, 403);
  EXPECT_EQ(send(parent, "POST", hgd(id) + "/meeting", plan).status, 404) << "another child's HGD";
  EXPECT_EQ(send(other_ib, "POST", hgd(id) + "/meeting", plan).status, 404);
  // Without the teacher, or with a bad time or role: refused naming the field.
  json no_teacher = plan;
  no_teacher["participants"].erase(1);
  HttpResult refused = send(ib, "POST", hgd(id) + "/meeting", no_teacher);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Deelnemers: nodig ook de leerkracht uit"), std::string::npos) << refused.body;
  json bad_time = plan;
  bad_time["starts_at"] = "kwart over drie";
  EXPECT_EQ(send(ib, "POST", hgd(id) + "/meeting", bad_time).status, 400);
  json bad_role = plan;
  bad_role["participants"][0]["role"] = "oma";
  HttpResult role = send(ib, "POST", hgd(id) + "/meeting", bad_role);
  EXPECT_EQ(role.status, 400);
  EXPECT_NE(role.body.find("participants[0].role"), std::string::npos) << role.body;
  EXPECT_TRUE(ib.get(hgd(id)).json()["advice_meeting"].is_null()) << "nothing planned by a refusal";

  HttpResult planned = send(ib, "POST", hgd(id) + "/meeting", plan);
  ASSERT_EQ(planned.status, 201) << planned.body;
  const long long meeting = planned.json()["meeting_id"];
  const std::string mpath = "/api/v1/meetings/" + std::to_string(meeting);
  EXPECT_EQ(planned.json()["advice_meeting"]["meeting_id"], meeting);
  EXPECT_EQ(send(ib, "POST", hgd(id) + "/meeting", plan).status, 409) << "one adviesgesprek per HGD";

  // In the jaarplanning of the IB and the pupil's teacher, not the head's.
  auto listed = [&](Browser& b) {
    for (const auto& m : b.get("/api/v1/meetings").json())
      if (m["id"] == meeting) return m["kind"] == "adviesgesprek-hgd";
    return false;
  };
  EXPECT_TRUE(listed(ib));
  EXPECT_TRUE(listed(teacher));
  EXPECT_FALSE(listed(head));
  EXPECT_NE(ib.get("/besprekingen").body.find("Adviesgesprek HGD"), std::string::npos);
  // The meeting itself: the IB leads, the pupil's teacher takes part, everyone else is refused.
  HttpResult as_ib = ib.get(mpath);
  ASSERT_EQ(as_ib.status, 200) << as_ib.body;
  EXPECT_EQ(as_ib.json()["actor"], "ib");
  EXPECT_EQ(as_ib.json()["hgd_id"], id);
  EXPECT_EQ(as_ib.json()["pupil_id"], pupil);
  EXPECT_EQ(as_ib.json()["participants"][0]["role_label"], "Ouders");
  EXPECT_EQ(teacher.get(mpath).json()["actor"], "leerkracht");
  EXPECT_EQ(head.get(mpath).status, 403);
  EXPECT_EQ(expert.get(mpath).status, 403);
  EXPECT_EQ(parent.get(mpath).status, 403);
  EXPECT_EQ(other_ib.get(mpath).status, 404);
  HttpResult page = ib.get("/besprekingen/" + std::to_string(meeting));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Wat is met de ouders afgesproken"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/hgd/" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_EQ(send(ib, "POST", "/api/v1/meetings", {{"kind", "adviesgesprek-hgd"}, {"planned_on", on}}).status, 400)
      << "only from the HGD";

  // Held before the expert's report is there: refused, the HGD stays as it was.
  const int v1 = as_ib.json()["version"];
  HttpResult early = send(ib, "POST", mpath + "/hold", {{"version", v1}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("verslag"), std::string::npos) << early.body;
  EXPECT_EQ(ib.get(mpath).json()["status"], "gepland");
  EXPECT_EQ(ib.get(hgd(id)).json()["status"], "aangevraagd");
  ASSERT_EQ(upload(expert, hgd(id) + "/report", report_pdf()).status, 201);

  // The teacher notes their part and cannot hold it; the IB holds it: the HGD is besproken.
  json with_note = teacher.get(mpath).json();
  with_note["teacher_summary"] = "Ik werk met één opdracht tegelijk.";
  ASSERT_EQ(send(teacher, "PUT", mpath, with_note).status, 200);
  const int v2 = ib.get(mpath).json()["version"];
  EXPECT_EQ(send(teacher, "POST", mpath + "/hold", {{"version", v2}}).status, 409);
  ASSERT_EQ(send(ib, "POST", mpath + "/hold", {{"version", v2}}).status, 200);
  EXPECT_EQ(ib.get(hgd(id)).json()["status"], "besproken") << "holding the adviesgesprek";
  // The report: what was advised and what was agreed with the parents; then finalised.
  json report = ib.get(mpath).json();
  report["report"] = "Instructie in korte stappen met een voorbeeld vooraf.";
  report["decisions"] = "De ouders lezen thuis elke avond tien minuten.";
  ASSERT_EQ(send(ib, "PUT", mpath, report).status, 200);
  ASSERT_EQ(send(ib, "POST", mpath + "/report", {{"version", ib.get(mpath).json()["version"]}}).status, 200);

  // The HGD shows it to those who see the HGD, the expert too (without the school's meeting page).
  json for_expert = expert.get(hgd(id)).json()["advice_meeting"];
  EXPECT_EQ(for_expert["advised"], "Instructie in korte stappen met een voorbeeld vooraf.");
  EXPECT_EQ(for_expert["agreed_with_parents"], "De ouders lezen thuis elke avond tien minuten.");
  EXPECT_TRUE(for_expert["meeting_href"].is_null());
  EXPECT_EQ(teacher.get(hgd(id)).json()["advice_meeting"]["meeting_href"], "/besprekingen/" + std::to_string(meeting));
  EXPECT_NE(ib.get("/hgd/" + std::to_string(id)).body.find("De ouders lezen thuis elke avond tien minuten."),
            std::string::npos);
  // The stamkaart and the 1-zorgroute: a step at level 4.
  HttpResult card = ib.get("/leerlingen/" + std::to_string(pupil));
  EXPECT_NE(card.body.find("Adviesgesprek HGD"), std::string::npos);
  EXPECT_NE(card.body.find("adviesgesprek " + domain::parse_iso_date(on)->dutch()), std::string::npos);
  bool step = false;
  const json route = ib.get("/api/v1/pupils/" + std::to_string(pupil) + "/route").json();
  for (const auto& e : route["timeline"])
    if (e["kind"] == "adviesgesprek" && e["id"] == meeting) {
      step = true;
      EXPECT_EQ(e["level"], 4);
      EXPECT_NE(e["result"].get<std::string>().find("Afgesproken met de ouders"), std::string::npos);
    }
  EXPECT_TRUE(step) << "the adviesgesprek is a step of the route: " << route.dump();
  EXPECT_TRUE(trail_has(ib, pupil, "adviesgesprek gepland op " + domain::parse_iso_date(on)->dutch()));
  EXPECT_TRUE(trail_has(ib, pupil, "legde het adviesgesprek HGD " + std::to_string(meeting) + " vast"));
  EXPECT_TRUE(trail_has(ib, pupil, "bekeek het adviesgesprek HGD"));
  EXPECT_TRUE(trail_has(ib, pupil, "besproken in het adviesgesprek"));
  EXPECT_TRUE(trail_has(ib, pupil, "verslag vastgesteld"));
}

}  // namespace
}  // namespace koers::web::testing
