// The groepsoverzicht as .xlsx: a real zip with the page's content in it (names with "ë"
// and "<", needs as "heeft … nodig" with their source, levels in the page's colours, a
// method test under the norm in red) and a sheet set up to filter and print.
#include "io/overview_xlsx.h"

#include <gtest/gtest.h>

#include "../xlsx_support.h"

namespace koers::io {
namespace {

using namespace domain;

StandardisedResult result(const char* subject, const char* moment, const char* level) {
  StandardisedResult r;
  r.subject = subject;
  r.moment = *parse_test_moment(moment);
  r.level = parse_level(level);
  return r;
}

OverviewEntry entry(EntryKind kind, const std::string& topic, const std::string& text) {
  OverviewEntry e;
  e.kind = kind;
  e.topic = topic;
  e.text = text;
  e.source = InformationSource::kObservation;
  e.written_by = "J. Peters";
  e.written_at = "2026-11-23T09:15:00Z";
  return e;
}

MethodTest method_test(const char* subject, const char* block, double score, double maximum) {
  MethodTest t;
  t.subject = subject;
  t.block = block;
  t.score = score;
  t.maximum = maximum;
  return t;
}

Signal signal(const char* subject, const char* moment, const char* evidence) {
  Signal s;
  s.rule = SignalRule::kLevelLow;
  s.subject = subject;
  s.moment = *parse_test_moment(moment);
  s.evidence = evidence;
  return s;
}

GroupOverview sample() {
  GroupOverview ov;
  ov.group.name = "5/6";
  ov.group.school_year = "2026-2027";
  ov.group.year_groups = {"5", "6"};
  ov.group.teachers = {"J. Peters"};
  ov.period_name = "Periode 1 (1-8-2026 t/m 31-1-2027)";
  ov.subjects = overview_subjects(ov.group.year_groups);

  OverviewLine noel;
  noel.pupil_id = 1;
  noel.name = "Noël Bakker";
  noel.year_group = "5";
  noel.approaches = {{"Spelling", Approach::kIntensive, "J. Peters", "2026-09-01"}};
  noel.results = {result("Spelling", "M5", "III"), result("Spelling", "E5", "IV")};
  noel.method_tests = {method_test("Spelling", "Blok 2", 21, 40), method_test("Spelling", "Blok 1", 38, 40)};
  noel.reading_level = ReadingLevel{*parse_test_moment("M5"), "E5", {}, "J. Peters"};
  noel.entries = {entry(EntryKind::kProtective, "", "leest graag, thuis wordt voorgelezen"),
                  entry(EntryKind::kHindering, "", "raakt afgeleid bij <3 minuten stilte"),
                  entry(EntryKind::kGeneralNeed, "instructie", "verlengde instructie aan de instructietafel"),
                  entry(EntryKind::kSubjectNeed, "Spelling", "extra inoefening van de categoriewoorden")};
  // As evaluate_signals gives them: by subject, then moment.
  noel.signals = {signal("Spelling", "M5", "Spelling: niveau IV in M5"), signal("Spelling", "E5", "Spelling: niveau IV in E5"),
                  signal("Spelling", "E5", "Spelling: leerrendement 60 % in E5")};

  OverviewLine sanne;
  sanne.pupil_id = 2;
  sanne.name = "Sanne de Jong";
  sanne.year_group = "6";
  sanne.results = {result("Rekenen-Wiskunde", "E4", "II"), result("Rekenen-Wiskunde", "M5", "I")};
  sanne.method_tests = {method_test("Rekenen-Wiskunde", "Blok 3", 36, 40)};

  OverviewLine ahmed;
  ahmed.pupil_id = 3;
  ahmed.name = "Ahmed El Amrani";
  ahmed.year_group = "6";

  ov.lines = {noel, sanne, ahmed};
  return ov;
}

using koers::testing::Xlsx;

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(OverviewXlsx, IsAZipWithTheSheetStringsAndStyles) {
  std::string bytes = group_overview_xlsx(sample(), 80);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  Xlsx xlsx(bytes);
  EXPECT_TRUE(has(xlsx.part("xl/workbook.xml"), "name=\"Groepsoverzicht\""));
  EXPECT_FALSE(xlsx.part("xl/worksheets/sheet1.xml").empty());
}

TEST(OverviewXlsx, ShowsWhatThePageShows) {
  Xlsx xlsx(group_overview_xlsx(sample(), 80));
  std::string strings = xlsx.part("xl/sharedStrings.xml");
  ASSERT_FALSE(strings.empty());
  for (const char* expected : {
           "Groepsoverzicht Groep 5/6 — Periode 1 (1-8-2026 t/m 31-1-2027)",
           "Noël Bakker", "Sanne de Jong", "Ahmed El Amrani",
           "Leerling", "Jaargroep", "Aanpak", "Toetsen (LVS)", "Methodetoetsen", "AVI",
           "Beschermend (+)", "Belemmerend (−)", "Onderwijsbehoeften", "Signalen",
           "intensief",
           "M5 III, E5 IV ↓", "E4 II, M5 I ↑",
           "Blok 2: 21/40 (53%)", "Blok 3: 36/40 (90%)",
           "leest graag, thuis wordt voorgelezen (bron: observatie, J. Peters, 23-11-2026)",
           "raakt afgeleid bij &lt;3 minuten stilte",
           "instructie: heeft verlengde instructie aan de instructietafel nodig (bron: observatie, J. Peters, 23-11-2026)",
           "Spelling: heeft extra inoefening van de categoriewoorden nodig",
           "• Spelling: niveau IV in E5\n• Spelling: leerrendement 60 % in E5\n• Spelling: nog 1 eerder open signaal",
           "beheersnorm van 80% in rood",
       })
    EXPECT_TRUE(has(strings, expected)) << expected;
  EXPECT_FALSE(has(strings, "Blok 1")) << "only the latest method test per subject";
  EXPECT_FALSE(has(strings, "<3 minuten")) << "text is escaped";
  EXPECT_FALSE(has(strings, "niveau IV in M5")) << "per subject the signals of the latest moment, the rest counted";
}

TEST(OverviewXlsx, LevelsHaveThePageColoursAndMissedMasteryIsRed) {
  Xlsx xlsx(group_overview_xlsx(sample(), 80));
  std::string styles = xlsx.part("xl/styles.xml");
  EXPECT_TRUE(has(styles, "FFF6A04D")) << "IV: orange, Noël's latest spelling level";
  EXPECT_TRUE(has(styles, "FF1B6E34")) << "I: dark green, Sanne's latest rekenen level";
  EXPECT_TRUE(has(styles, "FFB3261E")) << "21/40 is below 80%";

  Xlsx no_norm(group_overview_xlsx(sample(), 0));
  EXPECT_FALSE(has(no_norm.part("xl/styles.xml"), "FFB3261E")) << "no norm, nothing red";
}

TEST(OverviewXlsx, TheSheetFiltersFreezesAndPrintsLandscapeOnePageWide) {
  Xlsx xlsx(group_overview_xlsx(sample(), 80));
  std::string sheet = xlsx.part("xl/worksheets/sheet1.xml");
  EXPECT_TRUE(has(sheet, "<autoFilter ref=\"A4:")) << "on the header row";
  EXPECT_TRUE(has(sheet, "topLeftCell=\"B5\"")) << "header rows and names frozen";
  EXPECT_TRUE(has(sheet, "fitToPage=\"1\""));
  EXPECT_TRUE(has(sheet, "paperSize=\"9\"")) << "A4";
  EXPECT_TRUE(has(sheet, "orientation=\"landscape\""));
  EXPECT_TRUE(has(sheet, "fitToHeight=\"0\"")) << "one page wide, as many long as needed";
  EXPECT_TRUE(has(sheet, "<mergeCell ")) << "section names over their subject columns";
  std::string workbook = xlsx.part("xl/workbook.xml");
  EXPECT_TRUE(has(workbook, "_xlnm.Print_Titles")) << "headers on every printed page";
}

TEST(OverviewXlsx, AGroupWithoutPupilsStillGivesAWorkbook) {
  GroupOverview empty = sample();
  empty.lines.clear();
  Xlsx xlsx(group_overview_xlsx(empty, 80));
  EXPECT_TRUE(has(xlsx.part("xl/sharedStrings.xml"), "Deze groep heeft geen leerlingen."));
}

}  // namespace
}  // namespace koers::io
