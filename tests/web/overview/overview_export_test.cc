// The groepsoverzicht as Excel over HTTP: the teacher downloads their own group's sheet (a
// real .xlsx with the group's pupils in it, named after group and period) and each pupil's
// audit trail shows the export; another group, a parent and a stranger get nothing. Its
// own demo database and server (on PostgreSQL beside the shared one when
// KOERS_HTTP_ON_PG=1), so its audit lines do not disturb the other tests' world.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "../../unzip_support.h"
#include "../http_support.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

constexpr char kSuite[] = "export";

class OverviewExport : public OwnServerSuite<kSuite> {
 protected:
  // The teacher's one group, as GET /api/v1/groups gives it.
  static json teacher_group(Browser& teacher) {
    json groups = teacher.get("/api/v1/groups").json();
    EXPECT_EQ(groups.size(), 1u);
    return groups.at(0);
  }
  static std::string xlsx_path(long long group) { return "/groepen/" + std::to_string(group) + "/overzicht.xlsx"; }

  // One part of a downloaded workbook, read with `unzip`.
  static std::string unzip_part(const std::string& xlsx, const std::string& part) {
    std::filesystem::path file = dir / "download.xlsx";
    std::ofstream(file, std::ios::binary) << xlsx;
    return koers::testing::unzip_part(file.string(), part);
  }

};

TEST_F(OverviewExport, TheTeacherDownloadsTheirGroupAndEveryPupilsTrailShowsTheExport) {
  Browser teacher = signed_in("leerkracht");
  json group = teacher_group(teacher);
  long long id = group["id"];
  ASSERT_EQ(group["name"], "5/6");

  HttpResult r = teacher.get(xlsx_path(id));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.header("content-type"), kXlsxType);
  ASSERT_GE(r.body.size(), 2u);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  std::string disposition = r.header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment; filename=\"groepsoverzicht-5-6", 0), 0u) << disposition;
  EXPECT_EQ(disposition.substr(disposition.size() - 6), ".xlsx\"") << disposition;

  json pupils = teacher.get("/api/v1/groups/" + std::to_string(id) + "/pupils").json();
  ASSERT_FALSE(pupils.empty());
  std::string strings = unzip_part(r.body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Groepsoverzicht Groep 5/6"), std::string::npos);
  EXPECT_NE(strings.find("heeft "), std::string::npos) << "the demo's needs, as \"heeft … nodig\"";
  EXPECT_NE(unzip_part(r.body, "xl/workbook.xml").find("name=\"Resultaten\""), std::string::npos)
      << "one result per row beside the screen-like sheet";
  std::string results = unzip_part(r.body, "xl/worksheets/sheet2.xml");
  // Numbers (no t="s"): the date as a serial day, the percentile as a value.
  EXPECT_TRUE(std::regex_search(results, std::regex(R"(<c r="F2" s="\d+"><v>\d+</v>)"))) << "the demo's first result's date";
  EXPECT_TRUE(std::regex_search(results, std::regex(R"(<c r="I2" s="\d+"><v>\d+</v>)"))) << "and its percentile";

  Browser ib = signed_in("ib");
  for (const json& pupil : {pupils.front(), pupils.back()}) {
    std::string pupil_id = std::to_string(pupil["id"].get<long long>());
    json trail = ib.get("/api/v1/pupils/" + pupil_id + "/audit").json();
    int exports = 0;
    for (const auto& line : trail)
      if (line["username"] == "leerkracht" && line["action"] == "export" && line["object"] == "groepsoverzicht 5/6")
        ++exports;
    EXPECT_EQ(exports, 1) << "pupil " << pupil_id;
  }
}

TEST_F(OverviewExport, APeriodNamesTheFileAndTheTitle) {
  Browser teacher = signed_in("leerkracht");
  long long id = teacher_group(teacher)["id"];
  json overview = teacher.get("/api/v1/groups/" + std::to_string(id) + "/overview").json();
  ASSERT_FALSE(overview["periods"].empty()) << "the demo school has periods";
  const json& first = overview["periods"][0];
  ASSERT_EQ(first["name"], "Periode 1");

  HttpResult r = teacher.get(xlsx_path(id) + "?periode=" + std::to_string(first["id"].get<long long>()));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"groepsoverzicht-5-6-periode-1.xlsx\"");
  std::string title = "Groepsoverzicht Groep 5/6 — " + first["label"].get<std::string>();
  EXPECT_NE(unzip_part(r.body, "xl/sharedStrings.xml").find(title), std::string::npos) << title;
}

TEST_F(OverviewExport, AnotherGroupAParentAndAStrangerGetNothing) {
  Browser teacher = signed_in("leerkracht");
  long long mine = teacher_group(teacher)["id"];
  long long other = 0;
  for (const auto& g : signed_in("ib").get("/api/v1/groups").json())
    if (g["id"] != mine && !g["combined"].get<bool>()) other = g["id"];
  ASSERT_NE(other, 0);

  HttpResult refused = teacher.get(xlsx_path(other));
  EXPECT_EQ(refused.status, 404) << "another group answers as an unknown one";
  EXPECT_NE(refused.header("content-type"), kXlsxType);
  EXPECT_EQ(signed_in("ouder").get(xlsx_path(mine)).status, 403);

  Browser anon(server->port());
  HttpResult stranger = anon.get(xlsx_path(mine));
  EXPECT_EQ(stranger.status, 303);
  EXPECT_EQ(stranger.header("location"), "/inloggen?terug=" + xlsx_path(mine));
  EXPECT_NE(stranger.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace koers::web::testing
