// The groepsoverzicht as .xlsx: a real zip with the page's content in it (names with "ë"
// and "<", needs as "heeft … nodig" with their source, levels in the page's colours, a
// method test under the norm in red) and a sheet set up to filter and print; a second sheet
// with one result per row that a real reader (openpyxl) sees as numbers and dates; rows as
// tall as their wrapped cells.
#include "io/overview_xlsx.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../xlsx_support.h"
#include "io/xlsx_workbook.h"

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

// A result as an LVS export gives it: with date, score, percentile and DLE.
StandardisedResult full_result(const char* subject, const char* moment, const char* level, const char* taken_on,
                               double score, double percentile, double dle) {
  StandardisedResult r = result(subject, moment, level);
  r.taken_on = parse_iso_date(taken_on);
  r.ability_score = score;
  r.percentile = percentile;
  r.dle = dle;
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
  noel.pupil_number = "4711";
  noel.year_group = "5";
  noel.approaches = {{"Spelling", Approach::kIntensive, "J. Peters", "2026-09-01"}};
  noel.results = {full_result("Spelling", "M5", "III", "2026-01-20", 128.5, 45, 23),
                  full_result("Spelling", "E5", "IV", "2026-06-08", 131, 32, 26)};
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
  sanne.pupil_number = "L0-2019-07";
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

// What openpyxl (Debian's python3-openpyxl, so Debian's python3 by its path) reads from a
// sheet: per row, per cell its Python type and value ("int:6", "float:128.5",
// "datetime:2026-01-20", "str:M5", "NoneType:"), cells separated by '|', rows by newlines.
std::string as_read_by_openpyxl(const std::string& bytes, const std::string& sheet) {
  const auto file = std::filesystem::temp_directory_path() / ("koers-openpyxl-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(file, std::ios::binary) << bytes;
  const std::string command =
      "/usr/bin/python3 -c 'import sys, openpyxl\n"
      "ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\n"
      "for row in ws.iter_rows(values_only=True):\n"
      "  print(\"|\".join(type(v).__name__ + \":\" + (v.date().isoformat() if hasattr(v, \"date\") else \"\" if v is None else str(v)) for v in row))\n"
      "' " + file.string() + " " + sheet + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (size_t n; pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  if (pipe) pclose(pipe);
  std::filesystem::remove(file);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(OverviewXlsx, TheResultsSheetHasOneResultPerRowWithNumbersAsNumbersAndDatesAsDates) {
  const std::string bytes = group_overview_xlsx(sample(), 80);
  EXPECT_EQ(Xlsx(bytes).sheet_names(), (std::vector<std::string>{"Groepsoverzicht", "Resultaten"}))
      << "the screen-like sheet stays first";
  const std::vector<std::string> rows = lines_of(as_read_by_openpyxl(bytes, "Resultaten"));
  ASSERT_EQ(rows.size(), 5u) << as_read_by_openpyxl(bytes, "Resultaten");
  EXPECT_EQ(rows[0],
            "str:Leerling|str:Leerlingnummer|str:Jaargroep|str:Toets|str:Moment|str:Afnamedatum|str:Vaardigheidsscore|"
            "str:Niveau|str:Percentiel|str:DLE");
  EXPECT_EQ(rows[1], "str:Noël Bakker|int:4711|int:5|str:Spelling|str:M5|datetime:2026-01-20|float:128.5|str:III|int:45|int:23");
  EXPECT_EQ(rows[2], "str:Noël Bakker|int:4711|int:5|str:Spelling|str:E5|datetime:2026-06-08|int:131|str:IV|int:32|int:26");
  // What an export without date, score, percentile or DLE gives: empty cells, not "0".
  EXPECT_EQ(rows[3],
            "str:Sanne de Jong|str:L0-2019-07|int:6|str:Rekenen-Wiskunde|str:E4|NoneType:|NoneType:|str:II|NoneType:|NoneType:");
  EXPECT_EQ(rows[4],
            "str:Sanne de Jong|str:L0-2019-07|int:6|str:Rekenen-Wiskunde|str:M5|NoneType:|NoneType:|str:I|NoneType:|NoneType:");
}

TEST(OverviewXlsx, TheResultsSheetFiltersFromA1AndKeepsItsHeaderInView) {
  Xlsx xlsx(group_overview_xlsx(sample(), 80));
  std::string sheet = xlsx.sheet_xml("Resultaten");
  EXPECT_TRUE(has(sheet, "<autoFilter ref=\"A1:J5\"")) << "header and the four results";
  EXPECT_TRUE(has(sheet, "topLeftCell=\"A2\""));
  EXPECT_TRUE(has(xlsx.part("xl/styles.xml"), "formatCode=\"dd-mm-yyyy\"")) << "dates shown the Dutch way";
}

// "<row r="5" ... ht="45" customHeight="1"": a row's height in points as written.
double row_height(const std::string& sheet_xml, int row) {
  const std::string start = "<row r=\"" + std::to_string(row) + "\"";
  size_t at = sheet_xml.find(start);
  if (at == std::string::npos) return 0;
  size_t end = sheet_xml.find('>', at);
  size_t ht = sheet_xml.find(" ht=\"", at);
  if (ht == std::string::npos || ht > end) return 0;
  return std::stod(sheet_xml.substr(ht + 5));
}

TEST(OverviewXlsx, EveryRowIsAsTallAsItsWrappedCells) {
  Xlsx xlsx(group_overview_xlsx(sample(), 80));
  const std::string sheet = xlsx.sheet_xml("Groepsoverzicht");
  // Noël (row 5): three signal lines, the longest wrapping in a 34-character column, and a
  // general need of ~110 characters in a 44-character one: well over three lines.
  EXPECT_GE(row_height(sheet, 5), 4 * xlsx::kLineHeight) << sheet.substr(0, 3000);
  // Ahmed (row 7) has nothing that wraps: one line, the sheet's default height (not written).
  EXPECT_LE(row_height(sheet, 7), xlsx::kLineHeight);
  EXPECT_EQ(row_height(sheet, 6), 2 * xlsx::kLineHeight) << "Sanne: \"Rekenen-Wiskunde\" wraps in its 11-wide column";
  EXPECT_NE(sheet.find("customHeight=\"1\""), std::string::npos) << "LibreOffice keeps a height only when it is custom";
}

TEST(XlsxRowHeights, LinesAreCountedAsASpreadsheetWraps) {
  EXPECT_EQ(xlsx::wrapped_lines("", 10), 1);
  EXPECT_EQ(xlsx::wrapped_lines("kort", 10), 1);
  EXPECT_EQ(xlsx::wrapped_lines("één twee drie", 13), 1) << "characters, not bytes";
  EXPECT_EQ(xlsx::wrapped_lines("één twee drie", 12), 2) << "a word that does not fit goes to the next line";
  EXPECT_EQ(xlsx::wrapped_lines("a\nb\nc", 40), 3) << "a line break is a line";
  EXPECT_EQ(xlsx::wrapped_lines(std::string(25, 'x'), 10), 3) << "a word longer than the column breaks";
}

}  // namespace
}  // namespace koers::io
