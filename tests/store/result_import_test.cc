// Importing test results into the store, on SQLite and PostgreSQL: matching pupils by
// leerlingnummer or name + birth date, all or nothing, and a re-import that changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "io/edexml_reader.h"
#include "io/results_csv.h"
#include "store/audit_log.h"
#include "store/edexml_import.h"
#include "store/overview_repository.h"
#include "store/result_repository.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const std::string kHeader =
    "leerlingnummer;achternaam;tussenvoegsel;roepnaam;geboortedatum;groep;toets;toetsmoment;"
    "afnamedatum;vaardigheidsscore;niveau;percentiel;dle\n";

class ResultImport : public testing::StoreTest {
 protected:
  Id school = 0;
  domain::Principal ib;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    Id board = db->write([&](soci::session& sql) { return SchoolRepository(*db).create_board(sql, "Bestuur"); });
    std::ifstream in(std::string(KOERS_TEST_DATA) + "/edexml/valid_2_1.xml");
    std::stringstream xml;
    xml << in.rdbuf();
    auto doc = std::get<io::EdexDocument>(io::read_edexml(xml.str()));
    domain::Principal admin;
    admin.username = "beheer";
    admin.board_id = board;
    auto made = import_edexml(*db, doc, EdexmlImportOptions{board, true, "De Test", "x.xml"}, admin);
    school = std::get<EdexmlImportSummary>(made).school_id;
    ib.username = "ib";
    ib.role = domain::Role::kSupportCoordinator;
    ib.school_id = school;
  }

  ResultsImportSummary import(const std::string& csv) {
    auto table = std::get<io::CsvTable>(io::read_csv(io::to_utf8(csv)));
    return ResultRepository(*db).import_results(school, io::parse_results(table, *io::find_builtin_mapping("koers")),
                                                "resultaten.csv (koers)", ib);
  }
  Id pupil(const std::string& key) {
    return db->read([&](soci::session& sql) {
      Id id = 0;
      sql << "SELECT id FROM pupils WHERE edex_key = :k", soci::use(key), soci::into(id);
      return id;
    });
  }
};

const std::string kFile = kHeader +
                          "L1;Jansen;;Daan;14-03-2019;3;Rekenen-Wiskunde;M3;20-01-2027;38;III;45;5\n"
                          ";Berg;van der;Emma;02-11-2019;3;Rekenen-Wiskunde;M3;20-01-2027;30,5;V;8;3\n"
                          "L4;;;;;;Spelling;E5;;140;II;;\n"
                          "L4;;;;;;Spelling;M6;;141;IV;;\n";

TEST_P(ResultImport, MatchesByNumberOrByNameAndBirthDate) {
  ResultsImportSummary s = import(kFile);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].line << ": " << s.errors[0].message;
  EXPECT_EQ(s.created, 4);
  EXPECT_EQ(s.pupils, 3);
  auto emma = ResultRepository(*db).results_of_pupil(pupil("L2"));
  ASSERT_EQ(emma.size(), 1u);
  EXPECT_DOUBLE_EQ(*emma[0].ability_score, 30.5);
  EXPECT_EQ(emma[0].level->label(), "V");
  auto sem = ResultRepository(*db).results_of_pupil(pupil("L4"));
  ASSERT_EQ(sem.size(), 2u);
  EXPECT_EQ(sem[0].moment.label(), "E5");
  EXPECT_EQ(sem[1].moment.label(), "M6");
  EXPECT_EQ(AuditLog(*db).for_pupil(pupil("L4")).front().object, "toetsresultaat");
  // The stored results feed the signalling rules as they are.
  domain::SignalRules rules;
  rules.level_drop = 1;
  auto signals = domain::evaluate_signals(rules, sem);
  ASSERT_FALSE(signals.empty());
  EXPECT_EQ(signals.back().evidence, "Spelling: niveau II in E5 → IV in M6");
}

TEST_P(ResultImport, ARowRepeatedByTheExportIsSkippedAndSaid) {
  ResultsImportSummary s = import(kFile + "L4;;;;;;Spelling;M6;;141;IV;;\n");
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  EXPECT_EQ(s.created, 4);
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_EQ(s.skipped[0].line, 6);
  EXPECT_EQ(s.text(), "4 resultaten nieuw, 0 bijgewerkt, 0 ongewijzigd, van 3 leerlingen. 1 dubbele regel(s) overgeslagen.");
  // Another score for the same result: which is right? Nothing is stored.
  ResultsImportSummary conflict = import(kHeader + "L4;;;;;;Spelling;E6;;150;II;;\nL4;;;;;;Spelling;E6;;151;II;;\n");
  ASSERT_EQ(conflict.errors.size(), 1u);
  EXPECT_EQ(ResultRepository(*db).results_of_pupil(pupil("L4")).size(), 2u) << "a refused file changes nothing";
}

TEST_P(ResultImport, ReimportingTheSameFileChangesNothing) {
  import(kFile);
  long long audit = AuditLog(*db).count();
  ResultsImportSummary again = import(kFile);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_EQ(again.created + again.updated, 0);
  EXPECT_EQ(ResultRepository(*db).count(), 4);
  EXPECT_EQ(AuditLog(*db).count(), audit);
  ResultsImportSummary corrected = import(kHeader + "L4;;;;;;Spelling;M6;;143;III;;\n");
  EXPECT_EQ(corrected.updated, 1);
  EXPECT_EQ(ResultRepository(*db).count(), 4);
}

TEST_P(ResultImport, AnUnknownOrAmbiguousPupilRefusesTheWholeFile) {
  ResultsImportSummary s = import(kFile + "L99;;;;;;Spelling;M6;;141;IV;;\n;Bakker;;Noor;09-01-2015;;Spelling;M6;;141;;;\n");
  ASSERT_EQ(s.errors.size(), 2u);
  EXPECT_EQ(s.errors[0].line, 6);
  EXPECT_EQ(s.errors[0].message, "onbekende leerling: leerlingnummer L99");
  EXPECT_EQ(s.errors[1].line, 7);
  EXPECT_EQ(s.errors[1].message, "onbekende leerling: Noor Bakker (09-01-2015)");
  EXPECT_EQ(ResultRepository(*db).count(), 0) << "nothing of the file is stored";

  db->write([&](soci::session& sql) {
    sql << "UPDATE pupils SET surname = 'Jansen', surname_prefix = '', birth_date = '2019-03-14' WHERE edex_key = 'L3'";
  });
  ResultsImportSummary twins = import(kHeader + ";Jansen;;;14-03-2019;;Spelling;M3;;30;;;\n");
  ASSERT_EQ(twins.errors.size(), 1u);
  EXPECT_EQ(twins.errors[0].message,
            "2 leerlingen heten Jansen (14-03-2019): kies wie het is, of vul het leerlingnummer in");
  ASSERT_EQ(twins.errors[0].choices.size(), 2u);
  EXPECT_EQ(ResultRepository(*db).count(), 0);
  std::vector<std::string> labels;
  for (const auto& c : twins.errors[0].choices) labels.push_back(c.label);
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels[0].rfind("Daan Jansen (leerlingnummer L1)", 0), 0u) << labels[0];
}

TEST_P(ResultImport, TheUserDecidesWhoAnAmbiguousRowIsAbout) {
  db->write([&](soci::session& sql) {
    sql << "UPDATE pupils SET surname = 'Jansen', surname_prefix = '', birth_date = '2019-03-14' WHERE edex_key = 'L3'";
  });
  const std::string file = kHeader + ";Jansen;;;14-03-2019;;Spelling;M3;;30;;;\n";
  auto table = std::get<io::CsvTable>(io::read_csv(file));
  auto parsed = io::parse_results(table, *io::find_builtin_mapping("koers"));
  std::map<int, Id> wrong{{2, pupil("L2")}};  // not one of the two
  ResultsImportSummary refused = ResultRepository(*db).import_results(school, parsed, "x.csv", ib, nullptr, &wrong);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(ResultRepository(*db).count(), 0);
  std::map<int, Id> chosen{{2, pupil("L3")}};
  ResultsImportSummary s = ResultRepository(*db).import_results(school, parsed, "x.csv", ib, nullptr, &chosen);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  EXPECT_EQ(ResultRepository(*db).results_of_pupil(pupil("L3")).size(), 1u);
  EXPECT_TRUE(ResultRepository(*db).results_of_pupil(pupil("L1")).empty());
}

TEST_P(ResultImport, ABadRowRefusesTheWholeFile) {
  ResultsImportSummary s = import(kFile + "L1;;;;;;Spelling;X3;;30;;;\n");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].line, 6);
  EXPECT_EQ(ResultRepository(*db).count(), 0);
  EXPECT_EQ(s.text(), "1 regel(s) met fouten; er is niets opgeslagen.");
}

TEST_P(ResultImport, AuditsOneLinePerPupilNamingEachTestAndMoment) {
  auto result_lines = [&] {
    std::vector<std::string> details;
    for (const auto& l : AuditLog(*db).for_pupil(pupil("L4")))
      if (l.object == "toetsresultaat") {
        EXPECT_EQ(l.school_id, school);
        details.push_back(l.detail);
      }
    std::sort(details.begin(), details.end());
    return details;
  };
  import(kFile);
  EXPECT_EQ(result_lines(), std::vector<std::string>{"Spelling E5 M6 uit resultaten.csv (koers)"});
  import(kHeader + "L4;;;;;;Spelling;M6;;143;III;;\nL4;;;;;;Spelling;E6;;150;II;;\n");
  EXPECT_EQ(result_lines(), (std::vector<std::string>{"Spelling E5 M6 uit resultaten.csv (koers)",
                                                      "Spelling E6 uit resultaten.csv (koers)",
                                                      "Spelling M6 bijgewerkt uit resultaten.csv (koers)"}))
      << "one line for the new result, one for the changed one";
}

TEST_P(ResultImport, ResultsOfSchoolEqualEachPupilsOwnResults) {
  import(kFile);
  auto all = ResultRepository(*db).results_of_school(school);
  ASSERT_EQ(all.size(), 3u) << "only pupils who have results";
  for (const char* key : {"L1", "L2", "L4"}) {
    auto own = ResultRepository(*db).results_of_pupil(pupil(key));
    const auto& together = all.at(pupil(key));
    ASSERT_EQ(together.size(), own.size()) << key;
    for (size_t i = 0; i < own.size(); ++i) {
      EXPECT_EQ(together[i].moment.label(), own[i].moment.label()) << key;
      EXPECT_EQ(together[i].subject, own[i].subject) << key;
      EXPECT_EQ(together[i].ability_score, own[i].ability_score) << key;
    }
  }
  EXPECT_TRUE(ResultRepository(*db).results_of_school(school + 1000).empty());
}

TEST_P(ResultImport, FindsTheSchoolByItsBrin) {
  auto found = SchoolRepository(*db).find_school_by_brin(SchoolRepository(*db).find_school(school)->brin);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, school);
  EXPECT_FALSE(SchoolRepository(*db).find_school_by_brin("99ZZ"));
}

TEST_P(ResultImport, MethodTestsAreStoredBesideTheStandardisedResultsAllOrNothing) {
  const std::string header = "leerlingnummer;achternaam;tussenvoegsel;geboortedatum;toets;blok;afnamedatum;score;maximum\n";
  const std::string file = header + "L1;;;;Rekenen;Blok 3;12-11-2026;38;45\n;Berg;van der;02-11-2019;Rekenen;Blok 3;12-11-2026;20;45\n";
  ResultsImportSummary s = import(file);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  EXPECT_EQ(s.created, 2);
  auto tests = OverviewRepository(*db).method_tests({pupil("L1"), pupil("L2")}, "9999-12-31");
  ASSERT_EQ(tests[pupil("L2")].size(), 1u);
  EXPECT_EQ(tests[pupil("L2")][0].block, "Blok 3");
  EXPECT_DOUBLE_EQ(tests[pupil("L2")][0].score, 20);
  EXPECT_EQ(ResultRepository(*db).count(), 0) << "no standardised result was made of them";
  bool audited = false;
  for (const auto& l : AuditLog(*db).for_pupil(pupil("L1")))
    audited = audited || (l.object == "methodetoets" && l.detail == "Rekenen Blok 3 uit resultaten.csv (koers)");
  EXPECT_TRUE(audited) << [&] { std::string t; for (const auto& l : AuditLog(*db).for_pupil(pupil("L1"))) t += l.object + ": " + l.detail + "\n"; return t; }();

  ResultsImportSummary again = import(file);
  EXPECT_EQ(again.unchanged, 2);
  ResultsImportSummary corrected = import(header + "L1;;;;Rekenen;Blok 3;12-11-2026;40;45\n");
  EXPECT_EQ(corrected.updated, 1);
  EXPECT_DOUBLE_EQ(OverviewRepository(*db).method_tests({pupil("L1")}, "9999-12-31")[pupil("L1")][0].score, 40);

  ResultsImportSummary refused = import(header + "L1;;;;Rekenen;Blok 4;12-12-2026;30;45\nL99;;;;Rekenen;Blok 4;12-12-2026;30;45\n");
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].line, 3);
  EXPECT_EQ(OverviewRepository(*db).method_tests({pupil("L1")}, "9999-12-31")[pupil("L1")].size(), 1u)
      << "a refused file stores none of its method tests";
}

KOERS_STORE_TEST_SUITE(ResultImport);

}  // namespace
}  // namespace koers::store
