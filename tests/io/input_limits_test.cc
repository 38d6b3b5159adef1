// What a file may bring in (domain/field_limits.h): a results CSV cell longer than its field
// makes its row an error naming the field, without quoting the text; a result dated after
// the latest date is refused; an EDEXML refusal quotes a long value cut short.
#include <gtest/gtest.h>

#include "io/edexml_reader.h"
#include "io/results_csv.h"

namespace koers::io {
namespace {

ParsedResults parse(const std::string& text, std::optional<domain::Date> latest = std::nullopt) {
  auto table = read_csv(text);
  if (failed(table)) {
    ADD_FAILURE() << std::get<ImportError>(table).text();
    return {};
  }
  return parse_results(std::get<CsvTable>(table), *find_builtin_mapping("koers"), latest);
}

const std::string kHeader = "leerlingnummer;achternaam;roepnaam;toets;toetsmoment;afnamedatum;vaardigheidsscore\n";

TEST(InputLimits, ACellLongerThanItsFieldIsAnErrorNamingLineAndField) {
  ParsedResults r = parse(kHeader + "L1;Jansen;Daan;" + std::string(101, 'T') + ";M5;;120\n" +
                          "L2;" + std::string(201, 'a') + ";Bo;Rekenen;M5;;120\n" +
                          "L3;Jansen;Sem;Rekenen;" + std::string(5000, '5') + ";;120\n" +
                          "L4;Jansen;Fem;" + std::string(100, 'T') + ";M5;;120\n");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].message, "toets is 101 tekens lang; hoogstens 100");
  EXPECT_EQ(r.errors[1].line, 3);
  EXPECT_EQ(r.errors[1].message, "achternaam is 201 tekens lang; hoogstens 200");
  EXPECT_EQ(r.errors[2].message, "toetsmoment is 5.000 tekens lang; hoogstens 100") << "not quoted back";
  ASSERT_EQ(r.rows.size(), 1u) << "a name of exactly the limit is taken";
}

TEST(InputLimits, AResultDatedAfterTheLatestDateIsRefused) {
  const domain::Date latest{2027, 3, 15};
  ParsedResults r = parse(kHeader + "L1;Jansen;Daan;Rekenen;M5;15-03-2027;120\n" +
                              "L2;Jansen;Bo;Rekenen;M5;16-03-2027;120\n",
                          latest);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].message, "afnamedatum 16-03-2027 ligt in de toekomst");
  EXPECT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(parse(kHeader + "L2;Jansen;Bo;Rekenen;M5;16-03-2099;120\n").errors.empty())
      << "without a latest date (tests, the CLI's own choice) any date is read";
}

TEST(InputLimits, AMissingColumnQuotesALongHeaderCutShort) {
  ParsedResults r = parse("leerlingnummer;" + std::string(100000, 'h') + "\nL1;x\n");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_LT(r.errors[0].message.size(), 300u) << r.errors[0].message.substr(0, 300);
}

TEST(InputLimits, AnEdexmlRefusalQuotesALongValueCutShort) {
  const std::string file =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EDEX>\n  <school>\n    <schooljaar>2026-2027</schooljaar>\n"
      "    <brincode>99XX</brincode>\n  </school>\n  <groepen>\n"
      "    <groep key=\"G1\"><naam>1</naam><jaargroep>1</jaargroep></groep>\n  </groepen>\n  <leerlingen>\n"
      "    <leerling key=\"L1\"><roepnaam>Sem</roepnaam>\n      <geslacht>" + std::string(1000000, '7') +
      "</geslacht>\n    </leerling>\n  </leerlingen>\n</EDEX>\n";
  auto result = read_edexml(file);
  ASSERT_TRUE(failed(result));
  const ImportError& e = std::get<ImportError>(result);
  EXPECT_EQ(e.line, 12);
  EXPECT_EQ(e.element, "leerling key=\"L1\"/geslacht");
  EXPECT_EQ(e.message, "\"" + std::string(40, '7') + "…\" is geen geldig geslacht (0, 1, 2 of 9)");
}

}  // namespace
}  // namespace koers::io
