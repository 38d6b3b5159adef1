// Koers' EDEXML against the standard's schema, checked by xmllint (Debian: libxml2-utils):
// what Koers exports is valid EDEXML 2.1, and the test files are valid exactly when Koers
// reads them. The schema is tests/data/edexml/xsd/edexml-2.1-koers.xsd, written for Koers
// (Edustandaard's published XSDs carry no licence to ship them); set KOERS_EDEXML_XSD to
// the published EDEXML.structuur.xsd of 2.1 to check against that one as well.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "demo/demo_school.h"
#include "io/edexml_reader.h"
#include "edexml_builders.h"
#include "io/edexml_writer.h"
#include "xmllint_support.h"

namespace koers::io {
namespace {

const std::string kXsd = std::string(KOERS_TEST_DATA) + "/edexml/xsd/edexml-2.1-koers.xsd";

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(KOERS_TEST_DATA) + "/edexml/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

using Verdict = koers::testing::XmlVerdict;

// Runs `xmllint --noout --schema xsd` on the text; valid when xmllint exits 0.
Verdict validate(const std::string& xml, const std::string& xsd = kXsd) { return koers::testing::xmllint_validate(xml, xsd); }

// A document with what an export may need beyond the demo: a Flemish school, a pupil and a
// teacher with only a roepnaam, role codes and free role texts, a BSN, awkward characters.
EdexDocument varied_document() {
  EdexDocument doc;
  doc.school = {"2026-2027", domain::Date{2026, 10, 1}, "", "00", "S&1", "Koers <test>", "2.1", "4217", std::nullopt};
  doc.groups = {{"G<1>", "Groep \"3\" & 4", "3", false, 0}, {"S'1", "Plus & Co", "", true, 0}};
  EdexPupil p = testing::awkward_pupil();
  p.left_on = domain::Date{2027, 1, 15};
  doc.pupils.push_back(p);
  EdexPupil fenna;
  fenna.key = "L2";
  fenna.given_name = "Fenna";
  fenna.year_group = "C";
  doc.pupils.push_back(fenna);
  EdexTeacher t;
  t.key = "T1";
  t.eckid = "https://ketenid.nl/t1";
  t.surname = "Wit";
  t.surname_prefix = "de";
  t.given_name = "Sanne";
  t.email = "sanne.dewit@school.example";
  t.role = "LRK";
  t.role_description = "Leerkracht";
  t.groups = {{"G<1>", false, "LRK"}, {"S'1", true, "duo op vrijdag"}};
  doc.teachers.push_back(t);
  EdexTeacher bas;
  bas.key = "T2";
  bas.given_name = "Bas";
  bas.groups = {{"S'1", true, ""}};
  doc.teachers.push_back(bas);
  return doc;
}

TEST(EdexmlSchema, KoersExportIsValidEdexml21) {
  const domain::Date today{2026, 11, 22};
  for (int school : {0, 1, 2}) {
    SCOPED_TRACE(fmt::format("demo school {}", school));
    std::string xml = write_edexml(demo::demo_school_document(school, domain::school_year_of(today), 7, today));
    Verdict v = validate(xml);
    EXPECT_TRUE(v.valid) << v.output;
  }
  EdexDocument varied = varied_document();
  std::string xml = write_edexml(varied);
  Verdict v = validate(xml);
  EXPECT_TRUE(v.valid) << v.output << xml;
  EXPECT_FALSE(failed(read_edexml(xml))) << "and Koers reads it back";

  varied.school.institution_number.clear();
  varied.school.brin = "99XX";
  varied.school.dependance = "01";
  v = validate(write_edexml(varied));
  EXPECT_TRUE(v.valid) << "a Dutch school too: " << v.output;
}

TEST(EdexmlSchema, TheSchemaRefusesWhatTheStandardRefuses) {
  // The check has teeth: an export with a value outside the standard fails it.
  EdexDocument doc = varied_document();
  doc.pupils[0].year_group = "100";
  EXPECT_FALSE(validate(write_edexml(doc)).valid);
  doc = varied_document();
  doc.teachers[0].role = "duo";
  EXPECT_FALSE(validate(write_edexml(doc)).valid);
  doc = varied_document();
  doc.pupils[1].given_name.clear();  // neither achternaam nor roepnaam
  EXPECT_FALSE(validate(write_edexml(doc)).valid);
}

TEST(EdexmlSchema, TheTestFilesAreValidExactlyWhenKoersReadsThem) {
  struct File {
    const char* name;
    bool valid;
  } files[] = {{"standard_2_1.xml", true},
               {"standard_2_1_vlaanderen.xml", true},
               {"standard_1_0_3.xml", true},
               {"jaargroep_100.xml", false}};
  for (const File& f : files) {
    SCOPED_TRACE(f.name);
    std::string xml = fixture(f.name);
    ASSERT_FALSE(xml.empty());
    Verdict v = validate(xml);
    EXPECT_EQ(v.valid, f.valid) << v.output;
    auto read = read_edexml(xml);
    EXPECT_EQ(!failed(read), f.valid) << (failed(read) ? std::get<ImportError>(read).text() : "read");
  }
}

// Against Edustandaard's own 2.1 schema, when it is at hand. Its list of school years ends
// at 2024-2025, so the export is of that year.
TEST(EdexmlSchema, KoersExportIsValidAgainstThePublishedXsd) {
  const char* published = std::getenv("KOERS_EDEXML_XSD");
  if (!published || !*published) GTEST_SKIP() << "KOERS_EDEXML_XSD (EDEXML.structuur.xsd of 2.1) not set";
  const domain::Date day{2024, 11, 22};
  Verdict v = validate(write_edexml(demo::demo_school_document(0, domain::school_year_of(day), 7, day)), published);
  EXPECT_TRUE(v.valid) << v.output;
  EdexDocument varied = varied_document();
  varied.school.school_year = "2024-2025";
  v = validate(write_edexml(varied), published);
  EXPECT_TRUE(v.valid) << v.output;
  for (const char* name : {"standard_2_1.xml", "standard_2_1_vlaanderen.xml"}) {
    v = validate(fixture(name), published);
    EXPECT_TRUE(v.valid) << name << ": " << v.output;
  }
}

}  // namespace
}  // namespace koers::io
