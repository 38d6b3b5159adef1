// Retention over HTTP on the demo: the IB of De Valentijn lists the pupils who left with what
// is due; the demo's due pupil is deleted on confirmation (its care data: the record card
// stays), the held one is refused (409) until released, a hold without a reason is refused
// naming the field; a teacher, the head, a parent and the board administrator get 403, the IB
// of another school 404 for De Valentijn's pupil. The page shows the list and its forms.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "retention";

class Retention : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& path, const json& body = json::object()) {
    return b.request("POST", path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static std::string of(long long id, const char* action) {
    return "/api/v1/retention/" + std::to_string(id) + "/" + action;
  }
  // The first pupil of the list with this property.
  static json first(const json& list, const std::function<bool(const json&)>& pick) {
    for (const auto& p : list["pupils"])
      if (pick(p)) return p;
    return nullptr;
  }
};

// The IB's start page says how many dossiers are due (now or within 30 days, not held) and
// links to the list; a teacher and the head do not see the line.
TEST_F(Retention, TheIbsStartPageCountsTheDossiersToDelete) {
  Browser ib = signed_in("ib");
  const json list = ib.get("/api/v1/retention").json();
  const std::string soon = domain::add_days(today_local(), 30).iso();
  int expected = 0;
  for (const auto& p : list["pupils"]) {
    if (p["held"].get<bool>()) continue;
    const std::string next = p["care_deleted_at"].get<std::string>().empty() ? p["care_due_on"] : p["record_due_on"];
    expected += !p["due"].get<std::string>().empty() || next <= soon;
  }
  ASSERT_GE(expected, 1) << "the demo has a pupil due for deletion";
  const std::string start = ib.get("/groepen").body;
  const std::string line =
      "Bewaartermijnen: " + std::to_string(expected) + (expected == 1 ? " dossier" : " dossiers") + " te verwijderen";
  const size_t at = start.find(line);
  ASSERT_NE(at, std::string::npos) << line;
  EXPECT_NE(start.rfind("href=\"/bewaartermijnen\"", at), std::string::npos) << "the line links to the list";
  for (const char* user : {"leerkracht", "directeur"}) {
    Browser b = signed_in(user);
    EXPECT_EQ(b.get("/groepen").body.find("Bewaartermijnen:"), std::string::npos) << user;
  }
}

TEST_F(Retention, OnlyTheIbOfTheSchoolManagesIt) {
  Browser ib = signed_in("ib");
  const json list = ib.get("/api/v1/retention").json();
  const json due = first(list, [](const json& p) { return p["may_confirm"].get<bool>(); });
  ASSERT_FALSE(due.is_null()) << list.dump();
  const long long pupil = due["pupil_id"];
  for (const char* user : {"leerkracht", "directeur", "ouder", "beheer", "zorgteam"}) {
    Browser b = signed_in(user);
    EXPECT_EQ(b.get("/api/v1/retention").status, 403) << user;
    EXPECT_EQ(send(b, of(pupil, "confirm")).status, 403) << user;
    EXPECT_EQ(send(b, of(pupil, "hold"), {{"reason", "x"}}).status, 403) << user;
  }
  Browser other = signed_in("ib-regenboog");
  EXPECT_EQ(other.get("/api/v1/retention").status, 200);
  EXPECT_EQ(send(other, of(pupil, "confirm")).status, 404);
  EXPECT_EQ(send(other, of(pupil, "hold"), {{"reason", "x"}}).status, 404);
  EXPECT_EQ(send(ib, of(99999999, "confirm")).status, 404);
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/api/v1/retention").status, 401);
}

TEST_F(Retention, TheIbConfirmsWhatIsDueAndAHoldStopsIt) {
  Browser ib = signed_in("ib");
  json list = ib.get("/api/v1/retention").json();
  EXPECT_GE(list["due_count"].get<int>(), 2) << list.dump();
  EXPECT_EQ(list["periods"]["care_years"], 2);
  const json held = first(list, [](const json& p) { return p["held"].get<bool>(); });
  ASSERT_FALSE(held.is_null()) << "the demo holds one dossier";
  EXPECT_FALSE(held["may_confirm"].get<bool>());
  EXPECT_NE(held["hold"]["reason"].get<std::string>().find("inzage"), std::string::npos);
  const json sbo = first(list, [](const json& p) { return p["destination"] == "sbo"; });
  ASSERT_FALSE(sbo.is_null()) << "the demo records one pupil gone to the SBO";
  EXPECT_TRUE(sbo["referred_special"].get<bool>());

  // Held: refused in Dutch, nothing deleted.
  const long long held_id = held["pupil_id"];
  HttpResult refused = send(ib, of(held_id, "confirm"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.json()["error"].get<std::string>().find("vastgehouden"), std::string::npos);

  // A hold needs a reason.
  const json due = first(list, [](const json& p) { return p["may_confirm"].get<bool>(); });
  ASSERT_FALSE(due.is_null());
  const long long due_id = due["pupil_id"];
  HttpResult no_reason = send(ib, of(due_id, "hold"), {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.json()["field"], "reason");

  // Confirmed: the care data go, the record card stays until its own date.
  HttpResult done = send(ib, of(due_id, "confirm"));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["deleted"], "zorg- en begeleidingsgegevens");
  EXPECT_FALSE(done.json()["whole_record"].get<bool>());
  list = ib.get("/api/v1/retention").json();
  const json after = first(list, [&](const json& p) { return p["pupil_id"] == due_id; });
  ASSERT_FALSE(after.is_null());
  EXPECT_FALSE(after["may_confirm"].get<bool>());
  EXPECT_NE(after["care_deleted_at"], "");
  EXPECT_EQ(send(ib, of(due_id, "confirm")).status, 409) << "nothing is due any more";

  // Released, the held one may go.
  EXPECT_EQ(send(ib, of(held_id, "release")).status, 200);
  EXPECT_EQ(send(ib, of(held_id, "confirm")).status, 200);
}

TEST_F(Retention, ThePageListsTheLeaversWithTheirForms) {
  Browser ib = signed_in("ib");
  HttpResult page = ib.get("/bewaartermijnen");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Bewaartermijnen</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("Vasthouden"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/bewaartermijnen\""), std::string::npos) << "in the IB's navigation";
  HttpResult without = ib.post_form("/bewaartermijnen/1/verwijderen", {});
  EXPECT_EQ(without.status, 303);
  Browser teacher = signed_in("leerkracht");
  EXPECT_EQ(teacher.get("/bewaartermijnen").status, 403);
}

// The board's own periods: the board administrator reads and sets them (API and page), a wrong
// period is refused naming the field with nothing saved, the change is audited; the IB's list
// follows them; anyone else 403.
TEST_F(Retention, TheBoardAdministratorSetsTheBoardsPeriods) {
  Browser admin = signed_in("beheer");
  const auto put = [](Browser& b, const json& body) {
    return b.request("PUT", "/api/v1/retention/periods", body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  };
  HttpResult got = admin.get("/api/v1/retention/periods");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json(), (json{{"care_years", 2}, {"special_care_years", 3}, {"record_years", 5}}));

  HttpResult saved = put(admin, {{"care_years", 3}, {"special_care_years", 4}, {"record_years", 7}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(admin.get("/api/v1/retention/periods").json()["special_care_years"], 4);
  Browser ib = signed_in("ib");
  EXPECT_EQ(ib.get("/api/v1/retention").json()["periods"]["care_years"], 3) << "the IB's list uses them";
  auto audit = store::Database::open(db, 1);
  const long long lines = audit->read([](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM audit_log WHERE object = 'bewaartermijnen van het bestuur' AND username = 'beheer'",
        soci::into(n);
    return n;
  });
  EXPECT_GE(lines, 1) << "audited";

  // Bad values: 400 naming the field, nothing saved.
  HttpResult zero = put(admin, {{"care_years", 0}, {"special_care_years", 4}, {"record_years", 7}});
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(zero.json()["field"], "care_years");
  EXPECT_NE(zero.json()["error"].get<std::string>().find("zorg_jaren"), std::string::npos) << zero.body;
  HttpResult shorter = put(admin, {{"care_years", 3}, {"special_care_years", 4}, {"record_years", 2}});
  EXPECT_EQ(shorter.status, 400);
  EXPECT_EQ(shorter.json()["field"], "record_years") << shorter.body;
  HttpResult text = put(admin, {{"care_years", "drie"}, {"special_care_years", 4}, {"record_years", 7}});
  EXPECT_EQ(text.status, 400);
  EXPECT_EQ(text.json()["field"], "care_years");
  HttpResult missing = put(admin, {{"care_years", 3}, {"special_care_years", 4}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json()["field"], "record_years");
  EXPECT_EQ(admin.get("/api/v1/retention/periods").json(),
            (json{{"care_years", 3}, {"special_care_years", 4}, {"record_years", 7}}))
      << "nothing saved";

  // The page: shows the periods, refuses a bad value naming the field, saves a good one.
  HttpResult page = admin.get("/beheer/bewaartermijnen");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Bewaartermijnen van het bestuur"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"zorg_jaren_so\" value=\"4\""), std::string::npos);
  EXPECT_NE(admin.get("/beheer").body.find("href=\"/beheer/bewaartermijnen\""), std::string::npos);
  HttpResult bad = admin.post_form("/beheer/bewaartermijnen",
                                   {{"zorg_jaren", "25"}, {"zorg_jaren_so", "4"}, {"inschrijving_jaren", "30"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("zorg_jaren: de bewaartermijn"), std::string::npos);
  HttpResult good = admin.post_form("/beheer/bewaartermijnen",
                                    {{"zorg_jaren", "2"}, {"zorg_jaren_so", "3"}, {"inschrijving_jaren", "5"}});
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(admin.get("/api/v1/retention/periods").json(),
            (json{{"care_years", 2}, {"special_care_years", 3}, {"record_years", 5}}));

  // Anyone else: 403, nothing changed.
  for (const char* user : {"ib", "leerkracht", "directeur", "ouder", "zorgteam", "privacy"}) {
    Browser b = signed_in(user);
    EXPECT_EQ(b.get("/api/v1/retention/periods").status, 403) << user;
    EXPECT_EQ(put(b, {{"care_years", 9}, {"special_care_years", 9}, {"record_years", 9}}).status, 403) << user;
    EXPECT_EQ(b.get("/beheer/bewaartermijnen").status, 403) << user;
  }
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/api/v1/retention/periods").status, 401);
  EXPECT_EQ(admin.get("/api/v1/retention/periods").json()["care_years"], 2);
}

}  // namespace
}  // namespace koers::web::testing
