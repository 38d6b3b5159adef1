// The groepsoverzicht between two changes is built from the lines Koers kept
// (web/overview/lines_cache.h). What a user relies on: what is saved shows at once — on the
// page and the API, in the groepsplan too — also when another Koers instance on the same
// database saved it (a board runs two behind one PostgreSQL).
#include <gtest/gtest.h>

#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "overviewcache";

class OverviewCache : public OwnServerSuite<kSuite> {
 protected:
  static std::string largest_group(Browser& b) {
    json best;
    for (const auto& g : b.get("/api/v1/groups").json())
      if (best.is_null() || g["pupil_count"].get<int>() > best["pupil_count"].get<int>()) best = g;
    return std::to_string(best["id"].get<long long>());
  }
  static bool line_has(Browser& b, const std::string& group, const std::string& pupil, const std::string& text) {
    json ov = b.get("/api/v1/groups/" + group + "/overview").json();
    for (const auto& l : ov["pupils"])
      if (std::to_string(l["pupil_id"].get<long long>()) == pupil)
        for (const auto& e : l["protective"])
          if (e["text"] == text) return true;
    return false;
  }
  static void add_factor(Browser& b, const std::string& group, const std::string& pupil, const std::string& text) {
    auto r = b.post_form("/groepen/" + group + "/overzicht/regels",
                         {{"pupil", pupil}, {"kind", "beschermend"}, {"text", text}, {"source", "observatie"}});
    ASSERT_EQ(r.status, 303) << r.body;
  }
};

TEST_F(OverviewCache, WhatIsSavedShowsAtOnceAlsoWhenAnotherInstanceSavedIt) {
  Browser teacher = signed_in("leerkracht");
  const std::string group = largest_group(teacher);
  const std::string pupil =
      std::to_string(teacher.get("/api/v1/groups/" + group + "/pupils").json()[0]["id"].get<long long>());
  const std::string api = "/api/v1/groups/" + group + "/overview";
  // Opened twice with nothing changed between: the same answer, the second from what was kept.
  const json first = teacher.get(api).json();
  EXPECT_EQ(teacher.get(api).json(), first);

  add_factor(teacher, group, pupil, "vraagt hulp als het nodig is");
  EXPECT_TRUE(line_has(teacher, group, pupil, "vraagt hulp als het nodig is"));
  EXPECT_NE(teacher.get("/groepen/" + group + "/overzicht").body.find("vraagt hulp als het nodig is"),
            std::string::npos);

  // The approach set on the overview is the groepsplan's division at once.
  auto set = teacher.post_form("/groepen/" + group + "/overzicht/aanpak",
                               {{"pupil", pupil}, {"vak_0", "Technisch lezen"}, {"aanpak_0", "intensief"}});
  ASSERT_EQ(set.status, 303) << set.body;
  json plan = teacher.get("/api/v1/groups/" + group + "/plans/huidig").json();
  bool intensive = false;
  for (const auto& s : plan["subjects"])
    if (s["subject"] == "Technisch lezen")
      for (const auto& g : s["subgroups"])
        for (const auto& p : g["pupils"])
          intensive = intensive || (std::to_string(p.get<long long>()) == pupil && g["approach"] == "intensief");
  EXPECT_TRUE(intensive) << plan.dump().substr(0, 600);

  // A second instance on the same database saves; the first shows it on its next request.
  ServerProcess second(db);
  Browser other(second.port());
  ASSERT_EQ(other.api_login("leerkracht", "koers-demo").status, 200);
  add_factor(other, group, pupil, "werkt door als het moeilijk wordt");
  EXPECT_TRUE(line_has(teacher, group, pupil, "werkt door als het moeilijk wordt"));
  EXPECT_TRUE(line_has(other, group, pupil, "vraagt hulp als het nodig is"));
}

}  // namespace
}  // namespace koers::web::testing
