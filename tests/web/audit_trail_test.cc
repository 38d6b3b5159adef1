// The IB's audit trail of a pupil over HTTP: who by name and role, what in words, one line
// per group page (not per pupil), the groepsplan named as such, filters on person, kind and
// period (bad ones refused naming the field), repeated views folded on the page while every
// view stays in the API, and only the IB may read it. Its own demo database and server.
#include <gtest/gtest.h>

#include <string>

#include "http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "audit";

class AuditTrail : public OwnServerSuite<kSuite> {
 protected:
  struct Group {
    long long id = 0;
    std::string pupil;  // a pupil in it, as a path segment
    size_t size = 0;
  };
  // The teacher's group and its pupil at `index` (each test its own pupil: a trail of its own).
  static Group teacher_group(Browser& teacher, size_t index) {
    json groups = teacher.get("/api/v1/groups").json();
    Group g;
    g.id = groups.at(0)["id"];
    json pupils = teacher.get("/api/v1/groups/" + std::to_string(g.id) + "/pupils").json();
    g.pupil = std::to_string(pupils.at(index)["id"].get<long long>());
    g.size = pupils.size();
    return g;
  }
  static bool starts_with(const json& text, const std::string& prefix) {
    return text.is_string() && text.get<std::string>().rfind(prefix, 0) == 0;
  }
  static int count(const std::string& body, const std::string& part) {
    int n = 0;
    for (size_t at = body.find(part); at != std::string::npos; at = body.find(part, at + 1)) ++n;
    return n;
  }
};

TEST_F(AuditTrail, SaysWhoAndWhatInWordsWithOneLinePerGroupPage) {
  Browser teacher = signed_in("leerkracht");
  Group g = teacher_group(teacher, 0);
  const std::string group = "/groepen/" + std::to_string(g.id);
  ASSERT_EQ(teacher.get(group + "/overzicht").status, 200);
  ASSERT_EQ(teacher.get(group + "/groepsplan").status, 200);

  Browser ib = signed_in("ib");
  json trail = ib.get("/api/v1/pupils/" + g.pupil + "/audit").json();
  ASSERT_TRUE(trail.is_array());
  int overview = 0, plan = 0;
  for (const json& line : trail) {
    if (line["username"] != "leerkracht" || line["action"] != "view") continue;
    EXPECT_EQ(line["who"], "Joost Peters (leerkracht)");
    EXPECT_EQ(line["pupil_count"], g.size) << "one line names every pupil on the page";
    EXPECT_FALSE(starts_with(line["detail"], "GET ")) << "no request line";
    overview += starts_with(line["sentence"], "bekeek het groepsoverzicht van groep 5/6");
    plan += starts_with(line["sentence"], "bekeek het groepsplan van groep 5/6");
  }
  EXPECT_EQ(overview, 1);
  EXPECT_EQ(plan, 1) << "the groepsplan is not labelled groepsoverzicht";

  // The demo's changes read as sentences too.
  bool approach = false;
  for (const json& line : trail) approach = approach || starts_with(line["sentence"], "wijzigde de aanpak ");
  EXPECT_TRUE(approach);

  // The API names its own way in.
  json again = ib.get("/api/v1/pupils/" + g.pupil + "/audit").json();
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(again.at(0)["sentence"], "bekeek de audittrail via de API");
  EXPECT_EQ(again.at(0)["who"], "Marieke Visser (intern begeleider)");

  HttpResult page = ib.get("/leerlingen/" + g.pupil + "/audit");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("bekeek het groepsoverzicht van groep 5/6"), std::string::npos);
  EXPECT_NE(page.body.find("Joost Peters (leerkracht)"), std::string::npos);
  EXPECT_EQ(page.body.find("GET /"), std::string::npos);
}

TEST_F(AuditTrail, FiltersOnPersonKindAndPeriod) {
  Browser teacher = signed_in("leerkracht");
  Group g = teacher_group(teacher, 1);
  ASSERT_EQ(teacher.get("/leerlingen/" + g.pupil).status, 200);
  Browser ib = signed_in("ib");
  ASSERT_EQ(ib.get("/leerlingen/" + g.pupil).status, 200);
  const std::string api = "/api/v1/pupils/" + g.pupil + "/audit";

  json all = ib.get(api).json();
  long long teacher_id = 0;
  for (const json& line : all)
    if (line["username"] == "leerkracht") teacher_id = line["account_id"];
  ASSERT_NE(teacher_id, 0);

  json by_teacher = ib.get(api + "?person=" + std::to_string(teacher_id)).json();
  ASSERT_FALSE(by_teacher.empty());
  for (const json& line : by_teacher) EXPECT_EQ(line["username"], "leerkracht");

  json changes = ib.get(api + "?kind=gewijzigd").json();
  ASSERT_FALSE(changes.empty());
  for (const json& line : changes) EXPECT_NE(line["action"], "view") << line["sentence"];
  json views = ib.get(api + "?kind=bekeken").json();
  ASSERT_FALSE(views.empty());
  for (const json& line : views) EXPECT_EQ(line["action"], "view");

  const std::string today = all.at(0)["at"].get<std::string>().substr(0, 10);
  EXPECT_FALSE(ib.get(api + "?from=" + today + "&to=" + today).json().empty());
  EXPECT_TRUE(ib.get(api + "?from=2099-01-01").json().empty());
  EXPECT_TRUE(ib.get(api + "?to=2000-01-01").json().empty());

  // The page's filters, in Dutch.
  HttpResult page = ib.get("/leerlingen/" + g.pupil + "/audit?soort=gewijzigd");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<td>bekeek "), std::string::npos);
  EXPECT_NE(page.body.find("<td>wijzigde "), std::string::npos);
  // The teacher only looked: nothing changed by them.
  HttpResult none = ib.get("/leerlingen/" + g.pupil + "/audit?soort=gewijzigd&wie=" + std::to_string(teacher_id));
  EXPECT_NE(none.body.find("Geen regels in deze selectie"), std::string::npos);
  HttpResult mine = ib.get("/leerlingen/" + g.pupil + "/audit?soort=bekeken&wie=" + std::to_string(teacher_id));
  EXPECT_NE(mine.body.find("bekeek de stamkaart"), std::string::npos);
  EXPECT_EQ(mine.body.find("<td>wijzigde "), std::string::npos);

  // Bad filters are refused, naming the field.
  HttpResult bad_date = ib.get("/leerlingen/" + g.pupil + "/audit?van=gisteren");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_NE(bad_date.body.find("van: verwacht een datum"), std::string::npos);
  EXPECT_EQ(ib.get(api + "?kind=alles-en-nog-wat").status, 400);
  EXPECT_EQ(ib.get(api + "?person=iemand").status, 400);
  HttpResult backwards = ib.get(api + "?from=2026-02-01&to=2026-01-01");
  EXPECT_EQ(backwards.status, 400);
  EXPECT_NE(backwards.body.find("to:"), std::string::npos);
}

TEST_F(AuditTrail, RepeatedViewsAreOneLineOnThePageAndEachStaysRecorded) {
  Browser teacher = signed_in("leerkracht");
  Group g = teacher_group(teacher, 2);
  Browser ib = signed_in("ib");
  const std::string page = "/leerlingen/" + g.pupil + "/audit";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(ib.get(page).status, 200);
  HttpResult fourth = ib.get(page);
  // The page is read before its own view is recorded: three earlier views, one line.
  EXPECT_EQ(count(fourth.body, "bekeek de audittrail<"), 1) << fourth.body.substr(0, 2000);
  EXPECT_NE(fourth.body.find("3 keer"), std::string::npos);

  int recorded = 0;
  for (const json& line : ib.get("/api/v1/pupils/" + g.pupil + "/audit?kind=bekeken").json())
    recorded += line["sentence"] == "bekeek de audittrail";
  EXPECT_EQ(recorded, 4) << "every view is kept";
}

TEST_F(AuditTrail, OnlyTheIbReadsIt) {
  Browser teacher = signed_in("leerkracht");
  Group g = teacher_group(teacher, 3);
  EXPECT_EQ(teacher.get("/leerlingen/" + g.pupil + "/audit").status, 403);
  EXPECT_EQ(teacher.get("/api/v1/pupils/" + g.pupil + "/audit").status, 403);
  Browser parent = signed_in("ouder");
  EXPECT_EQ(parent.get("/api/v1/pupils/" + g.pupil + "/audit").status, 403);
  Browser other_school = signed_in("ib-regenboog");
  EXPECT_NE(other_school.get("/leerlingen/" + g.pupil + "/audit").status, 200);
}

}  // namespace
}  // namespace koers::web::testing
