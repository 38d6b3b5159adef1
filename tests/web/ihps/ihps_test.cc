// The IHP over HTTP as the school uses it: the teacher starts one for a pupil of their group
// with the beginsituatie pre-filled, saves it (a stale save gets 409 with the latest), runs
// it and ticks off sessions, evaluates it and closes it — "doel bereikt" places the pupil
// back in a subgroup in a new version of the group plan. Who may do what, role by role, with
// the denials answered as for an id that does not exist; every read is in the audit trail.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "ihps";

class Ihps : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static long long first_pupil(Browser& b, long long group) {
    return b.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(0)["id"];
  }
  static long long my_group(Browser& teacher) { return teacher.get("/api/v1/groups").json().at(0)["id"]; }
  static std::string path(const json& ihp) { return "/api/v1/ihps/" + std::to_string(ihp["id"].get<long long>()); }
  // A plan with one goal for Rekenen-Wiskunde and one line on every school day, running from
  // two weeks ago: ready to start.
  static json with_goal(json ihp) {
    ihp["starts_on"] = domain::add_days(today_local(), -14).iso();
    ihp["goals"] = json::array({{{"number", 1},
                                 {"area", "Rekenen-Wiskunde"},
                                 {"text", "Tim rekent de sommen tot 100 vlot uit het hoofd."},
                                 {"criteria", "9 van de 10 sommen goed binnen 2 minuten"}}});
    ihp["organisation"] = json::array({{{"number", 1},
                                        {"who", "RT"},
                                        {"goal", 1},
                                        {"days", {1, 2, 3, 4, 5}},
                                        {"time", "10:30"},
                                        {"minutes", 20},
                                        {"place", "lokaal 4"}}});
    return ihp;
  }
  // The last school day before today.
  static domain::Date last_school_day() {
    domain::Date d = domain::add_days(today_local(), -1);
    while (domain::weekday(d) > 5) d = domain::add_days(d, -1);
    return d;
  }
};

TEST_F(Ihps, ATeacherStartsRunsEvaluatesAndClosesAnIhpAndThePupilRejoinsASubgroup) {
  Browser teacher = signed_in("leerkracht");
  const long long group = my_group(teacher);
  const long long pupil = first_pupil(teacher, group);
  const std::string list = "/api/v1/pupils/" + std::to_string(pupil) + "/ihps";

  HttpResult created = send(teacher, "POST", list);
  ASSERT_EQ(created.status, 201) << created.body;
  json ihp = created.json();
  EXPECT_EQ(ihp["status"], "concept");
  EXPECT_EQ(ihp["version"], 1);
  EXPECT_EQ(ihp["pupil_id"], pupil);
  EXPECT_EQ(ihp["starts_on"], today_local().iso());
  // Pre-filled from what Koers knows of the pupil ("Wat gaat goed: …" or "Koers heeft nog …").
  EXPECT_FALSE(ihp["starting_situation"].get<std::string>().empty());
  ASSERT_EQ(teacher.get(list).json().size(), 1u);
  // The pupil's record knows it: the groeidocument lists it.
  json growth = teacher.get("/api/v1/pupils/" + std::to_string(pupil) + "/growth-document").json();
  ASSERT_EQ(growth["ihps"].size(), 1u);
  EXPECT_EQ(growth["ihps"][0]["id"], ihp["id"]);
  EXPECT_EQ(growth["ihps"][0]["status_label"], "in voorbereiding");

  // Saved twice on version 1: the second is refused with the latest, nothing lost.
  json edit = with_goal(ihp);
  HttpResult saved = send(teacher, "PUT", path(ihp), edit);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  EXPECT_EQ(saved.json()["organisation_text"][0], "RT, doel 1, 5× per week 20 min, ma/di/wo/do/vr 10:30, lokaal 4");
  // A concept plans no sessions yet: its page shows no "uitgevoerd" figures.
  const std::string page = "/ihp/" + std::to_string(ihp["id"].get<long long>());
  EXPECT_EQ(teacher.get(page).body.find("geplande sessies"), std::string::npos);
  HttpResult stale = send(teacher, "PUT", path(ihp), edit);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["latest_version"], 2);
  EXPECT_EQ(stale.json()["latest"]["goals"][0]["criteria"], "9 van de 10 sommen goed binnen 2 minuten");
  // A line for a goal the plan does not have: 422 naming it, nothing stored.
  json wrong = edit;
  wrong["version"] = 2;
  wrong["organisation"][0]["goal"] = 3;
  HttpResult refused = send(teacher, "PUT", path(ihp), wrong);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["problems"][0], "Organisatie, regel 1: doel 3 staat niet in het plan.");
  EXPECT_EQ(teacher.get(path(ihp)).json()["version"], 2);
  // Each version says what it changed.
  json versions = teacher.get(path(ihp)).json()["versions"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["changes_text"], "aangemaakt");
  EXPECT_EQ(versions[1]["changes"], json({"doel 1 toegevoegd", "termijn", "organisatie"}));
  EXPECT_EQ(send(teacher, "PUT", path(ihp), json{{"version", 2}, {"goals", "een doel"}}).status, 400);

  // Sessions are ticked off while it runs.
  EXPECT_EQ(send(teacher, "POST", path(ihp) + "/sessions", {{"line", 1}, {"on", last_school_day().iso()}}).status, 409);
  ASSERT_EQ(send(teacher, "POST", path(ihp) + "/start").status, 200);
  HttpResult ticked = send(teacher, "POST", path(ihp) + "/sessions",
                           {{"line", 1}, {"on", last_school_day().iso()}, {"given", true}, {"minutes", 20}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  json effort = ticked.json()["effort"][0];
  EXPECT_NE(teacher.get(page).body.find("1 van " + std::to_string(effort["planned_sessions"].get<int>()) +
                                        " geplande sessies gegeven"),
            std::string::npos);
  EXPECT_EQ(effort["given_sessions"], 1);
  EXPECT_GE(effort["planned_sessions"].get<int>(), 9);  // two weeks of school days, less holidays
  EXPECT_EQ(effort["carried_out"], "niet uitgevoerd");
  EXPECT_EQ(send(teacher, "POST", path(ihp) + "/sessions",
                 {{"line", 2}, {"on", last_school_day().iso()}, {"given", true}, {"minutes", 20}})
                .status,
            422);
  EXPECT_EQ(send(teacher, "POST", path(ihp) + "/sessions",
                 {{"line", 1}, {"on", domain::add_days(today_local(), 3).iso()}, {"given", true}, {"minutes", 20}})
                .status,
            422);

  // The goal names nothing Koers can measure: the evaluation needs the teacher's verdict.
  HttpResult unjudged = send(teacher, "POST", path(ihp) + "/evaluate", {{"version", 2}});
  EXPECT_EQ(unjudged.status, 409);
  EXPECT_NE(unjudged.body.find("Doel 1 heeft nog geen bevestigd oordeel"), std::string::npos) << unjudged.body;
  HttpResult evaluated = send(teacher, "POST", path(ihp) + "/evaluate",
                              {{"version", 2},
                               {"verdicts", {{{"goal", 1}, {"verdict", "behaald"}, {"evidence", "10 van de 10 goed"}}}},
                               {"evaluation", "Tim rekent vlot."}});
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  EXPECT_EQ(evaluated.json()["status"], "geevalueerd");
  EXPECT_EQ(evaluated.json()["goals"][0]["verdict"], "behaald");
  EXPECT_EQ(send(teacher, "PUT", path(ihp), edit).status, 409);  // no longer changes

  // While the IHP ran, the group plan said so on the pupil's line for Rekenen-Wiskunde.
  const std::string plan = "/api/v1/groups/" + std::to_string(group) + "/plans/huidig";
  json current = teacher.get(plan).json();
  current["version"] = current["versions"].empty() ? 0 : current["versions"].back()["version"].get<int>();
  for (auto& s : current["subjects"])
    if (s["subject"] == "Rekenen-Wiskunde") s["individual"].push_back({{"pupil_id", pupil}, {"text", "volgt IHP"}});
  HttpResult with_line = send(teacher, "PUT", plan, current);
  ASSERT_EQ(with_line.status, 200) << with_line.body;
  ASSERT_NE(with_line.body.find("volgt IHP"), std::string::npos);
  const size_t versions_before = teacher.get(plan).json()["versions"].size();
  HttpResult closed = send(teacher, "POST", path(ihp) + "/close", {{"outcome", "doel-bereikt"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "afgesloten");
  EXPECT_EQ(closed.json()["outcome"], "doel-bereikt");
  json after = teacher.get(plan).json();
  EXPECT_EQ(after["versions"].size(), versions_before + 1);
  bool placed = false;
  for (const auto& s : after["subjects"])
    if (s["subject"] == "Rekenen-Wiskunde")
      for (const auto& g : s["subgroups"])
        for (const auto& p : g["pupils"]) placed = placed || p == pupil;
  EXPECT_TRUE(placed) << "the pupil is in a subgroup of Rekenen-Wiskunde again";
  for (const auto& s : after["subjects"])
    for (const auto& line : s["individual"]) EXPECT_NE(line["pupil_id"], pupil) << "no IHP line any more";
  EXPECT_EQ(send(teacher, "POST", path(ihp) + "/close", {{"outcome", "doel-bereikt"}}).status, 409);

  // Each step is in the pupil's audit trail.
  std::string trail = signed_in("ib").get("/api/v1/pupils/" + std::to_string(pupil) + "/audit").body;
  const std::string object = "IHP " + std::to_string(ihp["id"].get<long long>());
  for (const char* detail : {"IHP aangemaakt", "versie 2", "status: loopt", "gegeven, 20 min", "status: geëvalueerd",
                             "uitkomst: Doel bereikt: terug in een subgroep"})
    EXPECT_NE(trail.find(detail), std::string::npos) << detail;
  EXPECT_NE(trail.find(object), std::string::npos);
}

TEST_F(Ihps, ANewAdjustedIhpCarriesTheGoalsNotReached) {
  Browser ib = signed_in("ib");
  Browser teacher = signed_in("leerkracht");
  const long long pupil =
      teacher.get("/api/v1/groups/" + std::to_string(my_group(teacher)) + "/pupils").json().at(1)["id"];
  json ihp = send(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps").json();
  ASSERT_EQ(send(ib, "PUT", path(ihp), with_goal(ihp)).status, 200);
  ASSERT_EQ(send(ib, "POST", path(ihp) + "/start").status, 200);
  ASSERT_EQ(
      send(ib, "POST", path(ihp) + "/evaluate", {{"version", 2}, {"verdicts", {{{"goal", 1}, {"verdict", "deels"}}}}})
          .status,
      200);
  HttpResult closed = send(ib, "POST", path(ihp) + "/close", {{"outcome", "nieuw-ihp"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  const long long next_id = closed.json()["closed"]["next_ihp"];
  json next = ib.get("/api/v1/ihps/" + std::to_string(next_id)).json();
  EXPECT_EQ(next["status"], "concept");
  EXPECT_EQ(next["previous"], ihp["id"]);
  ASSERT_EQ(next["goals"].size(), 1u);
  EXPECT_EQ(next["goals"][0]["carried_from"].get<std::string>().rfind("deels behaald in het IHP van", 0), 0u);
  EXPECT_EQ(next["organisation"].size(), 1u);
}

TEST_F(Ihps, ExternalStepsPutThePupilOnTheCareTeamsList) {
  Browser ib = signed_in("ib");
  Browser teacher = signed_in("leerkracht");
  json pupil = teacher.get("/api/v1/groups/" + std::to_string(my_group(teacher)) + "/pupils").json().at(3);
  const std::string name = pupil["name"];
  json ihp = send(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil["id"].get<long long>()) + "/ihps").json();
  ASSERT_EQ(send(ib, "PUT", path(ihp), with_goal(ihp)).status, 200);
  ASSERT_EQ(send(ib, "POST", path(ihp) + "/start").status, 200);
  ASSERT_EQ(send(ib, "POST", path(ihp) + "/evaluate",
                 {{"version", 2}, {"verdicts", {{{"goal", 1}, {"verdict", "niet-behaald"}}}}})
                .status,
            200);
  const std::string link = "/ihp/" + std::to_string(ihp["id"].get<long long>());
  EXPECT_EQ(ib.get("/besprekingen").body.find(link), std::string::npos) << "not before it is closed";
  ASSERT_EQ(send(ib, "POST", path(ihp) + "/close", {{"outcome", "externe-stappen"}}).status, 200);
  const std::string page = ib.get("/besprekingen").body;
  const size_t list = page.find("Aangemeld voor het zorgteam");
  ASSERT_NE(list, std::string::npos);
  const size_t at = page.find(link, list);
  ASSERT_NE(at, std::string::npos) << "the IB's list of care-team registrations links the IHP";
  EXPECT_NE(page.rfind(name, at), std::string::npos);
  EXPECT_NE(page.find("IHP afgesloten: externe stappen nodig", list), std::string::npos);
}

TEST_F(Ihps, WhoMaySeeAndWriteAnIhp) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib"), head = signed_in("directeur");
  const long long group = my_group(teacher);
  const long long pupil = first_pupil(teacher, group);
  json ihp = send(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps").json();
  ASSERT_TRUE(ihp.contains("id")) << ihp.dump();
  EXPECT_EQ(teacher.get(path(ihp)).status, 200);
  EXPECT_EQ(ib.get(path(ihp)).status, 200);
  HttpResult read = head.get(path(ihp));
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["may_write"], false);
  EXPECT_EQ(send(head, "PUT", path(ihp), with_goal(ihp)).status, 403);
  EXPECT_EQ(send(head, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps").status, 403);
  // Not theirs to see: answered as an IHP that does not exist.
  const std::string missing = signed_in("ib").get("/api/v1/ihps/999999").body;
  EXPECT_EQ(ib.get("/api/v1/ihps/999999").status, 404);
  for (const char* who : {"ib-regenboog", "zorgteam", "ouder"}) {
    Browser b = signed_in(who);
    HttpResult r = b.get(path(ihp));
    if (std::string(who) == "ouder" && r.status == 200) continue;  // the demo parent's own child
    EXPECT_EQ(r.status, 404) << who;
    EXPECT_EQ(r.body, missing) << who;
    EXPECT_EQ(send(b, "PUT", path(ihp), with_goal(ihp)).status, 404) << who;
  }
  // A teacher of another group: not their pupil.
  const long long other_pupil = first_pupil(ib, group == 24 ? 25 : 24);
  EXPECT_EQ(send(teacher, "POST", "/api/v1/pupils/" + std::to_string(other_pupil) + "/ihps").status, 404);
  json other = send(ib, "POST", "/api/v1/pupils/" + std::to_string(other_pupil) + "/ihps").json();
  EXPECT_EQ(teacher.get(path(other)).status, 404);
  EXPECT_EQ(teacher.get("/api/v1/pupils/" + std::to_string(other_pupil) + "/ihps").status, 404);
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get(path(ihp)).status, 401);
  EXPECT_EQ(signed_in("beheer").get(path(ihp)).status, 404);
}

TEST_F(Ihps, AParentReadsTheirChildsIhpAndAddsTheirView) {
  Browser parent = signed_in("ouder"), ib = signed_in("ib");
  const long long child = parent.get("/api/v1/me").json()["children"].at(0)["id"];
  json ihp = send(ib, "POST", "/api/v1/pupils/" + std::to_string(child) + "/ihps").json();
  ASSERT_TRUE(ihp.contains("id")) << ihp.dump();
  HttpResult read = parent.get(path(ihp));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["may_add_parent_view"], true);
  EXPECT_EQ(read.json()["may_write"], false);
  EXPECT_EQ(send(parent, "PUT", path(ihp), with_goal(ihp)).status, 403);
  EXPECT_EQ(send(parent, "POST", path(ihp) + "/parent-view", {{"text", "  "}}).status, 422);
  HttpResult added =
      send(parent, "POST", path(ihp) + "/parent-view", {{"text", "Thuis oefenen we elke avond tien minuten."}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json()["parent_view"]["text"], "Thuis oefenen we elke avond tien minuten.");
  EXPECT_FALSE(added.json()["parent_view"]["written_by"].get<std::string>().empty());
  // The school's save keeps the parent's words.
  json edit = with_goal(ib.get(path(ihp)).json());
  edit["parent_view"] = {{"text", "overschreven"}};
  HttpResult saved = send(ib, "PUT", path(ihp), edit);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["parent_view"]["text"], "Thuis oefenen we elke avond tien minuten.");
  EXPECT_EQ(send(ib, "POST", path(ihp) + "/parent-view", {{"text", "door de school"}}).status, 403);
}

TEST_F(Ihps, AnOppRecordsTheParentsConsentAndItsYearlyEvaluation) {
  Browser ib = signed_in("ib"), teacher = signed_in("leerkracht");
  const long long pupil =
      teacher.get("/api/v1/groups/" + std::to_string(my_group(teacher)) + "/pupils").json().at(2)["id"];
  json ihp = send(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps").json();
  json edit = with_goal(ihp);
  edit["opp"] = {{"outflow", "vmbo basis/kader"},
                 {"reasons", "Leerachterstand van twee jaar op rekenen en lezen."},
                 {"consents", {{{"who", "moeder"}, {"on", today_local().iso()}, {"agreed", false}, {"reason", ""}}}}};
  HttpResult refused = send(ib, "PUT", path(ihp), edit);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["problems"][0],
            "OPP, instemming van moeder: noteer de reden waarom de ouders niet instemmen.");
  edit["opp"]["consents"][0]["reason"] = "Eerst een gesprek met de orthopedagoog.";
  HttpResult saved = send(ib, "PUT", path(ihp), edit);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["opp"]["outflow"], "vmbo basis/kader");
  EXPECT_EQ(saved.json()["opp"]["consents"][0]["agreed"], false);
  // The page says when the yearly evaluation with the parents is due: a year after the start.
  const std::string page = ib.get(path(ihp).replace(0, std::string("/api/v1/ihps").size(), "/ihp")).body;
  const domain::Date start = *domain::parse_iso_date(edit["starts_on"].get<std::string>());
  const std::string due = domain::Date{start.year + 1, start.month, start.day}.dutch();
  EXPECT_NE(page.find("Jaarlijkse evaluatie met de ouders: gepland, uiterlijk " + due), std::string::npos);
  EXPECT_NE(page.find("Eerst een gesprek met de orthopedagoog."), std::string::npos);
  // Beside the inhoud, the pupil's aanpak from the group plan (the demo sets one per subject).
  const size_t approaches = page.find("Aanpak in het groepsplan: ");
  ASSERT_NE(approaches, std::string::npos);
  EXPECT_NE(page.find("Technisch lezen: ", approaches), std::string::npos);
}

}  // namespace
}  // namespace koers::web::testing
