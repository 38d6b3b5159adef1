// Retention over HTTP on the demo: the IB of De Valentijn lists the pupils who left with what
// is due; the demo's due pupil is deleted on confirmation (its care data: the record card
// stays), the held one is refused (409) until released, a hold without a reason is refused
// naming the field; a teacher, the head, a parent and the board administrator get 403, the IB
// of another school 404 for De Valentijn's pupil. The page shows the list and its forms.
#include <gtest/gtest.h>

#include "../http_support.h"

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

}  // namespace
}  // namespace koers::web::testing
