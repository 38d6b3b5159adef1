// The 1-zorgroute over HTTP on the demo: the IB and the head read the school per pupil with a
// level 1–5 and its evidence (every level has a demo pupil), audited in each pupil's trail; the
// board administrator reads counts without any name or id, matching the IB's where shown and a count
// of 1–4 as "<5" (suppressed: true); a teacher, a
// parent and an external are refused, another school answers as if it did not exist; a pupil's
// timeline for whoever may see the pupil; the pages for IB and board.
#include <gtest/gtest.h>

#include <set>

#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "route";

class RouteView : public OwnServerSuite<kSuite> {
 protected:
  static long long school_of(Browser& b) { return b.get("/api/v1/me").json()["school"]["id"]; }
  static std::string route_of(long long pupil) { return "/api/v1/pupils/" + std::to_string(pupil) + "/route"; }
  // The demo pupil at level 5 handed over to the ZAT (the referred pupils are at 5 too).
  static json level_five(Browser& ib) { return level_five_by(ib, "Overgedragen aan het ZAT"); }
  // The demo pupil at level 5 whose highest evidence starts with `evidence`.
  static json level_five_by(Browser& ib, const std::string& evidence) {
    const json body = ib.get("/api/v1/route").json();  // kept: a temporary's member would dangle in the loop
    for (const auto& p : body["pupils"])
      if (p["level"] == 5 && p["evidence"][0]["text"].get<std::string>().rfind(evidence, 0) == 0) return p;
    return nullptr;
  }
};

TEST_F(RouteView, TheIbSeesEveryPupilAtALevelWithItsEvidenceAndEachIsAudited) {
  Browser ib = signed_in("ib");
  HttpResult r = ib.get("/api/v1/route?school=" + std::to_string(school_of(ib)));
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.json();
  ASSERT_GT(body["pupils"].size(), 100u);
  std::map<int, int> per_level;
  for (const auto& p : body["pupils"]) {
    const int level = p["level"];
    ASSERT_GE(level, 1);
    ASSERT_LE(level, 5);
    ++per_level[level];
    EXPECT_TRUE(p["pupil_id"].is_number_integer());
    if (level > 1) {
      ASSERT_FALSE(p["evidence"].empty()) << p.dump();
      EXPECT_EQ(p["evidence"][0]["level"], level) << "the highest evidence decides";
    }
  }
  for (int l = 1; l <= 5; ++l) {
    EXPECT_GT(per_level[l], 0) << "no demo pupil at level " << l;
    EXPECT_EQ(body["levels"][l - 1]["count"], per_level[l]);
  }
  // The ZAT hand-over's care-team consent ends within two weeks: flagged.
  const json five = level_five(ib);
  ASSERT_TRUE(five.is_object());
  bool expiring = false;
  for (const auto& f : five["flags"]) expiring = expiring || f["kind"] == "toestemming-verloopt";
  EXPECT_TRUE(expiring) << five.dump();

  // The head sees the same; the read is in a pupil's audit trail.
  Browser head = signed_in("directeur");
  EXPECT_EQ(head.get("/api/v1/route").json()["pupils"].size(), body["pupils"].size());
  bool audited = false;
  const json trail = ib.get("/api/v1/pupils/" + std::to_string(five["pupil_id"].get<long long>()) + "/audit").json();
  for (const auto& line : trail) audited = audited || line.dump().find("1-zorgroute") != std::string::npos;
  EXPECT_TRUE(audited);
}

TEST_F(RouteView, TheBoardAdministratorGetsCountsWithoutANameOrAnId) {
  Browser ib = signed_in("ib");
  const long long school = school_of(ib);
  const json full = ib.get("/api/v1/route").json();
  Browser admin = signed_in("beheer");
  HttpResult r = admin.get("/api/v1/route?school=" + std::to_string(school));
  ASSERT_EQ(r.status, 200) << r.body;
  const json counts = r.json();
  // A count of 1–4 is {"suppressed": true} ("<5"); no shown count differs from the IB's, and none
  // is 1–4. (Others may be hidden too, so that a hidden one cannot be computed from a total.)
  int small = 0;
  for (int l = 1; l <= 5; ++l) {
    const json& level = counts["levels"][l - 1];
    const int n = full["levels"][l - 1]["count"];
    if (n > 0 && n < 5) {
      ++small;
      EXPECT_FALSE(level.contains("count")) << level.dump();
      EXPECT_EQ(level["shown_as"], "<5") << level.dump();
    }
    if (level.contains("count"))
      EXPECT_EQ(level["count"], n) << l;
    else
      EXPECT_TRUE(level["suppressed"]) << level.dump();
  }
  ASSERT_EQ(counts["groups"].size(), full["groups"].size());
  for (size_t g = 0; g < full["groups"].size(); ++g)
    for (int l = 0; l < 5; ++l) {
      const json& cell = counts["groups"][g]["counts"][l];
      const int n = full["groups"][g]["counts"][l];
      if (n > 0 && n < 5) {
        ++small;
        EXPECT_EQ(cell, json({{"suppressed", true}, {"shown_as", "<5"}})) << full["groups"][g]["group"] << " " << l;
      } else if (cell.is_number()) {
        EXPECT_EQ(cell.get<int>(), n);
      } else {
        EXPECT_EQ(cell, json({{"suppressed", true}, {"shown_as", "·"}}));
      }
    }
  EXPECT_GT(small, 0) << "the demo has small counts";
  EXPECT_FALSE(counts.contains("pupils"));
  // No key naming an id anywhere, and no pupil's name or id in the text.
  std::function<void(const json&)> no_ids = [&](const json& j) {
    if (j.is_object())
      for (auto it = j.begin(); it != j.end(); ++it) {
        EXPECT_EQ(it.key().find("id"), std::string::npos) << it.key();
        EXPECT_NE(it.key(), "name");
        no_ids(it.value());
      }
    if (j.is_array())
      for (const auto& x : j) no_ids(x);
  };
  no_ids(counts);
  for (const auto& p : full["pupils"])  // ids: no key names one (above); group names are numbers too
    EXPECT_EQ(r.body.find(p["name"].get<std::string>()), std::string::npos) << p["name"];
  // Its page: every school of the board, counts only.
  const std::string page = admin.get("/zorgroute").body;
  EXPECT_NE(page.find("1-zorgroute"), std::string::npos);
  EXPECT_NE(page.find(full["school"].get<std::string>()), std::string::npos);
  EXPECT_EQ(page.find(level_five(ib)["name"].get<std::string>()), std::string::npos);
  EXPECT_EQ(page.find("/leerlingen/"), std::string::npos);
  EXPECT_NE(page.find("<td>&lt;5</td>"), std::string::npos) << "a small count reads <5";
}

TEST_F(RouteView, OtherRolesAndOtherSchoolsAreRefused) {
  Browser ib = signed_in("ib");
  const long long school = school_of(ib);
  Browser other_ib = signed_in("ib-regenboog");
  const long long other = school_of(other_ib);
  ASSERT_NE(other, school);
  for (const char* role : {"leerkracht", "ouder", "zorgteam"}) {
    Browser b = signed_in(role);
    EXPECT_EQ(b.get("/api/v1/route?school=" + std::to_string(school)).status, 403) << role;
    EXPECT_EQ(b.get("/zorgroute").status, 403) << role;
  }
  EXPECT_EQ(ib.get("/api/v1/route?school=" + std::to_string(other)).status, 404);
  EXPECT_EQ(other_ib.get("/api/v1/route?school=" + std::to_string(school)).status, 404);
  EXPECT_EQ(ib.get("/api/v1/route?school=999999").status, 404);
  EXPECT_EQ(ib.get("/api/v1/route?school=abc").status, 400);
  EXPECT_EQ(other_ib.get("/api/v1/route").status, 200) << "its own school";
  Browser anon(server->port());
  EXPECT_EQ(anon.get("/api/v1/route").status, 401);

  // A pupil's route: as the stamkaart. Another school's IB, an external: as if unknown.
  const long long five = level_five(ib)["pupil_id"];
  EXPECT_EQ(other_ib.get(route_of(five)).status, 404);
  EXPECT_EQ(signed_in("zorgteam").get(route_of(five)).status, 404);
  EXPECT_EQ(signed_in("leerkracht").get(route_of(five)).status, 404) << "not the teacher's group";
  EXPECT_EQ(signed_in("ouder").get(route_of(five)).status, 404) << "not the parent's child";
}

TEST_F(RouteView, APupilsTimelineSaysWhoDecidedWhyWithWhichConsentAndItIsOnTheStamkaart) {
  Browser ib = signed_in("ib");
  const long long five = level_five(ib)["pupil_id"];
  HttpResult r = ib.get(route_of(five));
  ASSERT_EQ(r.status, 200) << r.body;
  const json route = r.json();
  EXPECT_EQ(route["level"], 5);
  const json* handover = nullptr;
  for (const auto& e : route["timeline"])
    if (e["what"] == "Overdracht aan het ZAT") handover = &e;
  ASSERT_NE(handover, nullptr) << route["timeline"].dump();
  EXPECT_EQ((*handover)["level"], 5);
  EXPECT_EQ((*handover)["direction"], "omhoog");
  EXPECT_NE((*handover)["consent"].get<std::string>().find("overdracht aan het ZAT"), std::string::npos);
  EXPECT_FALSE((*handover)["decided_by"].get<std::string>().empty());
  bool audited = false;
  const json trail = ib.get("/api/v1/pupils/" + std::to_string(five) + "/audit").json();
  for (const auto& line : trail) audited = audited || line.dump().find("1-zorgroute") != std::string::npos;
  EXPECT_TRUE(audited);

  const std::string card = ib.get("/leerlingen/" + std::to_string(five)).body;
  EXPECT_NE(card.find("id=\"zorgroute\""), std::string::npos);
  EXPECT_NE(card.find("Overdracht aan het ZAT"), std::string::npos);
  const std::string page = ib.get("/zorgroute").body;
  EXPECT_NE(page.find("/leerlingen/" + std::to_string(five) + "#zorgroute"), std::string::npos);
  EXPECT_NE(page.find("Vastgelopen"), std::string::npos);

  // The parent reads their own child's route through the API.
  Browser parent = signed_in("ouder");
  const long long child = parent.get("/api/v1/me").json()["children"][0]["id"];
  EXPECT_EQ(parent.get(route_of(child)).status, 200);
}

// The demo's referrals hold their pupils at level 5: the PCL referral with the parents' view and
// consent (its steps on the timeline, nothing stuck), the TLV request whose parents' copy is not yet available flagged,
// on the school's page and on the stamkaart's timeline.
TEST_F(RouteView, TheDemosReferredPupilsAreAtLevelFiveAndTheTlvWaitingForTheParentsIsFlagged) {
  Browser ib = signed_in("ib");
  const json pcl = level_five_by(ib, "Aanmelding bij de PCL voor het SBO: ");
  const json tlv = level_five_by(ib, "Toelaatbaarheidsverklaring (TLV)");
  ASSERT_TRUE(pcl.is_object()) << "no sent PCL referral in the demo";
  ASSERT_TRUE(tlv.is_object()) << "no TLV request in the demo";
  EXPECT_EQ(pcl["evidence"][0]["kind"], "verwijzing");
  EXPECT_EQ(pcl["evidence"][0]["href"].get<std::string>().rfind("/verwijzingen/", 0), 0u);
  for (const auto& f : pcl["flags"]) EXPECT_NE(f["kind"], "verwijzing-wacht-op-ouders") << "the parents responded";
  const json* waiting = nullptr;
  for (const auto& f : tlv["flags"])
    if (f["kind"] == "verwijzing-wacht-op-ouders") waiting = &f;
  ASSERT_NE(waiting, nullptr) << tlv.dump();
  EXPECT_NE((*waiting)["text"].get<std::string>().find("de kopie voor de ouders is nog niet beschikbaar gesteld"),
            std::string::npos);
  EXPECT_EQ((*waiting)["href"], tlv["evidence"][0]["href"]);

  const json route = ib.get(route_of(pcl["pupil_id"].get<long long>())).json();
  std::vector<std::string> steps;
  for (const auto& e : route["timeline"])
    if (e["kind"] == "verwijzing") steps.push_back(e["what"]);
  ASSERT_GE(steps.size(), 2u);
  EXPECT_EQ(steps[0], "Verwijzing gestart: Aanmelding bij de PCL voor het SBO");
  EXPECT_EQ(steps[1], "Kopie voor de ouders beschikbaar gesteld");
  const std::string card = ib.get("/leerlingen/" + std::to_string(tlv["pupil_id"].get<long long>())).body;
  EXPECT_NE(card.find("Verwijzing gestart: Toelaatbaarheidsverklaring (TLV)"), std::string::npos);
  EXPECT_NE(card.find("Verwijzing wacht op de ouders"), std::string::npos);
  const std::string page = ib.get("/zorgroute").body;
  EXPECT_NE(page.find("Verwijzing wacht op de ouders"), std::string::npos);
}

}  // namespace
}  // namespace koers::web::testing
