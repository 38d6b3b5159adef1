// Reading result files as schools have them: BOM, Windows-1252, decimal commas,
// reordered and extra columns, blank lines, duplicates and bad rows with their line.
#include "io/results_csv.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace koers::io {
namespace {

ParsedResults parse(const std::string& bytes, const std::string& mapping = "koers") {
  auto table = read_csv(to_utf8(bytes));
  if (failed(table)) {
    ADD_FAILURE() << std::get<ImportError>(table).text();
    return {};
  }
  return parse_results(std::get<CsvTable>(table), *find_builtin_mapping(mapping));
}

const std::string kHeader =
    "leerlingnummer;achternaam;tussenvoegsel;roepnaam;geboortedatum;groep;toets;toetsmoment;"
    "afnamedatum;vaardigheidsscore;niveau;percentiel;dle\n";

TEST(ResultsCsv, ReadsKoersOwnLayoutWithDecimalCommas) {
  ParsedResults r = parse(kHeader +
                          "L1;Jansen;;Daan;14-03-2017;5/6;Rekenen-Wiskunde;M5;20-01-2027;201,5;IV;31,2;22\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.rows.size(), 1u);
  const ResultRow& row = r.rows[0];
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.pupil_key, "L1");
  EXPECT_EQ(row.birth_date->iso(), "2017-03-14");
  EXPECT_EQ(row.moment.label(), "M5");
  EXPECT_DOUBLE_EQ(*row.ability_score, 201.5);
  EXPECT_EQ(row.level->label(), "IV");
  EXPECT_DOUBLE_EQ(*row.percentile, 31.2);
  EXPECT_DOUBLE_EQ(*row.dle, 22);
}

TEST(ResultsCsv, AUtf8ByteOrderMarkIsNotPartOfTheFirstColumn) {
  ParsedResults r = parse("\xEF\xBB\xBF" + kHeader + "L1;Jansen;;Daan;;;Spelling;E5;;140;;;\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.rows[0].pupil_key, "L1");
}

TEST(ResultsCsv, Windows1252IsReadAsUtf8) {
  // "Ëlif Çelik" and "Zoë" in Windows-1252: 0xCB, 0xC7, 0xEB.
  ParsedResults r = parse(kHeader + "L2;\xC7" "elik;;Zo\xEB;;;Spelling;E5;;140;;;\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.rows[0].surname, "Çelik");
  EXPECT_EQ(r.rows[0].given_name, "Zoë");
  EXPECT_EQ(to_utf8("\x80"), "€");
}

TEST(ResultsCsv, ReorderedAndExtraColumnsAndCommaSeparators) {
  ParsedResults r = parse(
      "Toets,Extra kolom,Afname,Leerling-ID,Vaardigheidsscore,Niveau\n"
      "\"Begrijpend lezen, nieuw\",x,M6,L3,\"40,5\",C\n",
      "cito-lovs");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.rows[0].subject, "Begrijpend lezen, nieuw");
  EXPECT_EQ(r.rows[0].pupil_key, "L3");
  EXPECT_DOUBLE_EQ(*r.rows[0].ability_score, 40.5);
  EXPECT_EQ(r.rows[0].level->label(), "C");
}

TEST(ResultsCsv, BlankLinesAreSkippedAndLineNumbersStayTrue) {
  ParsedResults r = parse(kHeader + "L1;;;;;;Spelling;M5;;130;;;\n\n;;;;;;;;;;;;\nL1;;;;;;Spelling;X5;;130;;;\r\n");
  ASSERT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 5);
  EXPECT_EQ(r.errors[0].message, "toetsmoment \"X5\" is geen toetsmoment (verwacht bijvoorbeeld M5)");
}

TEST(ResultsCsv, EveryBadRowIsReportedWithItsReason) {
  ParsedResults r = parse(kHeader +
                          "L1;;;;;;Spelling;M5;;abc;;;\n"                 // line 2
                          ";Jansen;;;;;Spelling;M5;;130;;;\n"             // line 3: no key, no birth date
                          "L1;;;;31-02-2017;;Spelling;M5;;130;;;\n"      // line 4: impossible date
                          "L1;;;;;;Spelling;M5;;;F;;\n"                   // line 5: level F
                          "L1;;;;;;Spelling;M5;;;;;\n"                    // line 6: no score, no level
                          "L1;;;;;;Spelling;M5;;130;;120;\n");            // line 7: percentile
  ASSERT_EQ(r.errors.size(), 6u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].message, "vaardigheidsscore \"abc\" is geen getal");
  EXPECT_EQ(r.errors[1].message, "leerlingnummer ontbreekt, en achternaam met geboortedatum ook");
  EXPECT_EQ(r.errors[2].message, "geboortedatum \"31-02-2017\" is geen datum");
  EXPECT_EQ(r.errors[3].message, "niveau \"F\" is geen niveau (I–V of A–E)");
  EXPECT_EQ(r.errors[4].message, "vaardigheidsscore en niveau zijn allebei leeg");
  EXPECT_EQ(r.errors[5].line, 7);
  EXPECT_TRUE(r.rows.empty());
}

TEST(ResultsCsv, AConflictingRepeatIsAnErrorAndAnIdenticalOneIsSkipped) {
  ParsedResults r = parse(kHeader + "L1;;;;;;Spelling;M5;;130;;;\nL1;;;;;;spelling;M5;;131;;;\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].message, "spelling M5 staat al op regel 2 met een andere uitslag: welke klopt?");
  // An export that repeated a row: the same result, reported and left out; the file imports.
  ParsedResults again = parse(kHeader + "L1;;;;;;Spelling;M5;;130;IV;;\nL2;;;;;;Spelling;M5;;120;V;;\n"
                                        "L1;;;;;;Spelling;M5;;130;IV;;\n");
  EXPECT_TRUE(again.errors.empty());
  ASSERT_EQ(again.rows.size(), 2u);
  ASSERT_EQ(again.skipped.size(), 1u);
  EXPECT_EQ(again.skipped[0].line, 4);
  EXPECT_EQ(again.skipped[0].message, "Spelling M5 staat precies zo al op regel 2: overgeslagen");
}

TEST(ResultsCsv, ALargeFileFindsDuplicatesAndBadRowsAnywhereInLineOrder) {
  // Large enough to be read in two halves: the duplicate of line 2 is in the second half.
  std::string file = kHeader;
  for (int i = 0; i < 3000; ++i) file += fmt::format("L{};;;;;;Spelling;M5;;{};;;\n", i, 100 + i % 50);
  file += "L7;;;;;;SPELLING;M5;;131;;;\n";   // line 3002: line 9 (L7) said 107
  file += "L0;;;;;;Spelling;X5;;131;;;\n";   // line 3003: a bad moment
  file += "L0;;;;;;Spelling;E5;;131;;;\n";   // line 3004: fine
  file += "L8;;;;;;Spelling;M5;;108;;;\n";   // line 3005: line 10 exactly: skipped
  ParsedResults r = parse(file);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 3002);
  EXPECT_EQ(r.errors[0].message, "SPELLING M5 staat al op regel 9 met een andere uitslag: welke klopt?");
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].line, 3005);
  EXPECT_EQ(r.errors[1].line, 3003);
  ASSERT_EQ(r.rows.size(), 3001u);
  EXPECT_EQ(r.rows.front().line, 2);
  EXPECT_EQ(r.rows.back().line, 3004);
  for (size_t i = 1; i < r.rows.size(); ++i) ASSERT_LT(r.rows[i - 1].line, r.rows[i].line) << "rows stay in file order";
}

TEST(ResultsCsv, AMissingColumnIsOneErrorOnTheHeader) {
  ParsedResults r = parse("leerlingnummer;toets;vaardigheidsscore\nL1;Spelling;130\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_NE(r.errors[0].message.find("kolom 'toetsmoment' ontbreekt"), std::string::npos);
}

TEST(ResultsCsv, AnUnclosedQuoteIsRefused) {
  auto table = read_csv(kHeader + "L1;\"Jansen;;;;;Spelling;M5;;130;;;\n");
  ASSERT_TRUE(failed(table));
  EXPECT_EQ(std::get<ImportError>(table).line, 2);
}

const std::string kMethodHeader = "leerlingnummer;toets;blok;afnamedatum;score;maximum\n";

TEST(ResultsCsv, MethodTestsHaveABlockAScoreOutOfAMaximumAndADate) {
  ParsedResults r = parse(kMethodHeader + "L1;Rekenen;Blok 3;12-11-2026;38,5;45\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(r.rows[0].is_method_test());
  EXPECT_EQ(r.rows[0].block, "Blok 3");
  EXPECT_DOUBLE_EQ(r.rows[0].method_score, 38.5);
  EXPECT_DOUBLE_EQ(r.rows[0].maximum, 45);
  EXPECT_EQ(r.rows[0].taken_on->iso(), "2026-11-12");
}

TEST(ResultsCsv, OneFileMayHoldStandardisedResultsAndMethodTests) {
  const std::string header =
      "leerlingnummer;toets;toetsmoment;vaardigheidsscore;blok;afnamedatum;score;maximum\n";
  ParsedResults r = parse(header + "L1;Spelling;M5;130;;;;\nL1;Spelling;;;Blok 2;01-12-2026;20;25\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_FALSE(r.rows[0].is_method_test());
  EXPECT_TRUE(r.rows[1].is_method_test());
}

TEST(ResultsCsv, EveryBadMethodTestRowIsReportedWithItsReason) {
  ParsedResults r = parse(kMethodHeader +
                          "L1;Rekenen;Blok 3;12-11-2026;46;45\n"
                          "L1;Rekenen;Blok 4;12-11-2026;;45\n"
                          "L1;Rekenen;Blok 5;;30;0\n"
                          "L1;Rekenen;Blok 6;12-11-2026;veel;45\n"
                          "L1;Rekenen;Blok 7;12-11-2026;30;45\n"
                          "L1;rekenen;Blok 7;13-11-2026;31;45\n");
  ASSERT_EQ(r.errors.size(), 5u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].message, "score 46 ligt niet tussen 0 en het maximum 45");
  EXPECT_EQ(r.errors[1].message, "score ontbreekt (nodig voor een methodetoets)");
  EXPECT_EQ(r.errors[2].message, "maximum moet groter zijn dan 0; afnamedatum ontbreekt (nodig voor een methodetoets)");
  EXPECT_EQ(r.errors[3].message, "score \"veel\" is geen getal");
  EXPECT_EQ(r.errors[4].line, 7);
  EXPECT_EQ(r.errors[4].message, "rekenen Blok 7 staat al op regel 6 met een andere uitslag: welke klopt?");
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(ResultsCsv, NumbersAndDatesAsSchoolsWriteThem) {
  bool ok = false;
  EXPECT_DOUBLE_EQ(*parse_decimal(" 12,5 ", ok), 12.5);
  EXPECT_TRUE(ok);
  EXPECT_DOUBLE_EQ(*parse_decimal("-3.25", ok), -3.25);
  EXPECT_FALSE(parse_decimal("", ok).has_value());
  EXPECT_TRUE(ok);
  parse_decimal("12,5 punten", ok);
  EXPECT_FALSE(ok);
  EXPECT_EQ(parse_dutch_date("4/3/2017", ok)->iso(), "2017-03-04");
  EXPECT_EQ(parse_dutch_date("04.03.2017", ok)->iso(), "2017-03-04");
  EXPECT_EQ(parse_dutch_date("2017-03-04", ok)->iso(), "2017-03-04");
  parse_dutch_date("4-3/2017", ok);
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace koers::io

namespace koers::io {
namespace {

TEST(ResultsMapping, SaysWhatAFileLacksForAMapping) {
  const std::vector<std::string> parnassys = {"Leerling ID", "Naam", "Vak", "Periode", "Score", "Niveau I-V"};
  EXPECT_EQ(missing_fields(parnassys, *find_builtin_mapping("cito-lovs")), (std::vector<std::string>{"toets"}));
  EXPECT_EQ(missing_fields(parnassys, *find_builtin_mapping("koers")),
            (std::vector<std::string>{"toets", "toetsmoment", "leerlingnummer (of achternaam met geboortedatum)",
                                      "vaardigheidsscore of niveau"}));
  EXPECT_TRUE(missing_fields({"toets", "toetsmoment", "achternaam", "geboortedatum", "niveau"},
                             *find_builtin_mapping("koers"))
                  .empty())
      << "name and birth date may stand in for the pupil key";
  EXPECT_EQ(missing_fields({"leerlingnummer", "toets", "blok", "score"}, *find_builtin_mapping("koers")),
            (std::vector<std::string>{"maximum (voor een methodetoets)", "afnamedatum (voor een methodetoets)"}))
      << "a file with blocks is a file of method tests";
}

TEST(ResultsMapping, SuggestsAMethodTestsScoreWhenTheFileHasBlocks) {
  ColumnMapping m = suggest_mapping({"Leerlingnummer", "Vak", "Blok", "Datum afname", "Score", "Maximum"});
  EXPECT_EQ(m.columns[ResultField::kBlock], (std::vector<std::string>{"blok"}));
  EXPECT_EQ(m.columns[ResultField::kMethodScore], (std::vector<std::string>{"score"}));
  EXPECT_EQ(m.columns[ResultField::kMaximum], (std::vector<std::string>{"maximum"}));
  EXPECT_EQ(m.columns[ResultField::kTakenOn], (std::vector<std::string>{"datum afname"}));
  EXPECT_FALSE(m.columns.count(ResultField::kAbilityScore));
}

TEST(ResultsMapping, SuggestsFromEverySpellingItKnows) {
  ColumnMapping m = suggest_mapping({"Leerling ID", "Naam", "Vak", "Periode", "Score", "Niveau I-V"});
  EXPECT_EQ(m.columns[ResultField::kPupilKey], (std::vector<std::string>{"leerling id"}));
  EXPECT_EQ(m.columns[ResultField::kMoment], (std::vector<std::string>{"periode"}));
  EXPECT_EQ(m.columns[ResultField::kAbilityScore], (std::vector<std::string>{"score"}));
  EXPECT_EQ(m.columns[ResultField::kLevel], (std::vector<std::string>{"niveau i-v"}));
  EXPECT_FALSE(m.columns.count(ResultField::kSubject)) << "\"Vak\" is for the user to map";
  EXPECT_FALSE(m.columns.count(ResultField::kMethodScore)) << "without a block, a score is an ability score";
  EXPECT_EQ(parse_result_field("toetsmoment"), ResultField::kMoment);
  EXPECT_EQ(parse_result_field("Toetsmoment"), std::nullopt);
}

}  // namespace
}  // namespace koers::io
