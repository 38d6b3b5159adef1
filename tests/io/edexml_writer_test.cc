// Writing EDEXML: what write_edexml() produces, read_edexml() reads back to the same
// document — every field of every record, for the demo schools and for awkward text.
#include "io/edexml_writer.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "demo/demo_school.h"
#include "io/edexml_reader.h"
#include "edexml_builders.h"

namespace koers::io {
namespace {

const domain::Date kToday{2026, 11, 22};

std::string date(const std::optional<domain::Date>& d) { return d ? d->iso() : "-"; }

// Every field of a record except its line in the file, as one comparable text.
std::string fields(const EdexGroup& g) { return fmt::format("{}|{}|{}|{}", g.key, g.name, g.year_group, g.combined); }

std::string fields(const EdexPupil& p) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", p.key, p.eckid, p.surname,
                     p.surname_prefix, p.first_names, p.initials, p.given_name, date(p.birth_date), p.gender,
                     date(p.started_group3_on), p.year_group, p.group_key, fmt::join(p.combined_group_keys, ","),
                     p.bsn, date(p.enrolled_on), date(p.left_on));
}

std::string fields(const EdexTeacher& t) {
  std::string out = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", t.key, t.eckid, t.surname, t.surname_prefix,
                                t.initials, t.given_name, t.email, t.role, t.role_description);
  for (const auto& g : t.groups) out += fmt::format("|{}:{}:{}", g.key, g.combined, g.role);
  return out;
}

template <class T>
std::vector<std::string> all_fields(const std::vector<T>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(fields(r));
  return out;
}

EdexDocument round_trip(const EdexDocument& doc) {
  auto back = read_edexml(write_edexml(doc));
  if (failed(back)) ADD_FAILURE() << std::get<ImportError>(back).text();
  return failed(back) ? EdexDocument{} : std::get<EdexDocument>(back);
}

void expect_same(const EdexDocument& read, const EdexDocument& doc) {
  EXPECT_EQ(read.school.school_year, doc.school.school_year);
  EXPECT_EQ(read.school.reference_date, doc.school.reference_date);
  EXPECT_EQ(read.school.created_on, doc.school.created_on);
  EXPECT_EQ(read.school.brin, doc.school.brin);
  EXPECT_EQ(read.school.dependance, doc.school.dependance);
  EXPECT_EQ(read.school.school_key, doc.school.school_key);
  EXPECT_EQ(read.school.author, doc.school.author);
  EXPECT_EQ(read.school.xsd_version, doc.school.xsd_version);
  EXPECT_EQ(all_fields(read.groups), all_fields(doc.groups));
  EXPECT_EQ(all_fields(read.pupils), all_fields(doc.pupils));
  EXPECT_EQ(all_fields(read.teachers), all_fields(doc.teachers));
}

// A small document with everything that is easy to get wrong.
EdexDocument awkward_document() {
  EdexDocument doc;
  doc.school = {"2026-2027", domain::Date{2026, 10, 1}, "99XX", "01", "S&1", "ParnasSys <test>", "2.1", "", domain::Date{2026, 9, 30}};
  doc.groups = {{"G<1>", "Groep \"3\" & 4", "3", false, 0}, {"S'1", "Plus & Co", "", true, 0}};
  EdexPupil p = testing::awkward_pupil();
  doc.pupils.push_back(p);
  EdexPupil bare;
  bare.key = "L2";
  bare.surname = "Jansen";
  bare.given_name = "Sem";
  doc.pupils.push_back(bare);
  EdexTeacher t;
  t.key = "T1";
  t.surname = "Wit";
  t.surname_prefix = "de";
  t.given_name = "Sanne";
  t.email = "sanne.dewit@school.example";
  t.role = "LRK";
  t.groups = {{"G<1>", false, "groepsleerkracht"}, {"S'1", true, ""}};
  doc.teachers.push_back(t);
  return doc;
}

TEST(EdexmlWriter, ReadsBackEveryFieldOfEveryDemoSchoolYear) {
  for (int school : {0, 1, 2})
    for (int start : {2024, 2025, 2026}) {
      SCOPED_TRACE(fmt::format("school {}, {}", school, start));
      EdexDocument doc = demo::demo_school_document(school, domain::school_year_of({start, 9, 1}), 7, kToday);
      ASSERT_GT(doc.pupils.size(), 80u);
      expect_same(round_trip(doc), doc);
    }
}

TEST(EdexmlWriter, EscapesTextAndAttributes) {
  EdexDocument doc = awkward_document();
  std::string xml = write_edexml(doc);
  EXPECT_NE(xml.find("<achternaam>Öztürk &amp; Zn.</achternaam>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<groep key=\"G&lt;1&gt;\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<naam>Groep &quot;3&quot; &amp; 4</naam>"), std::string::npos) << xml;
  expect_same(round_trip(doc), doc);
}

TEST(EdexmlWriter, WritesTheShapeOfEdexml21) {
  std::string xml = write_edexml(awkward_document());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EDEX>\n  <school>\n", 0), 0u) << xml;
  for (const char* part : {"<samengestelde_groep key=\"S'1\">", "<samengestelde_groepen>",
                           "<leerling key=\"L&amp;1\" eckid=\"https://ketenid.nl/201cf2b2-0001?a=1&amp;b=2\">",
                           "<voorletters-1>Z.A.</voorletters-1>", "<start_ondw_jgr3>2026-08-24</start_ondw_jgr3>",
                           "<leerkrachten>", "<rol>LRK</rol>",
                           "<rolomschrijving>groepsleerkracht</rolomschrijving>"})
    EXPECT_NE(xml.find(part), std::string::npos) << part;
  EXPECT_LT(xml.find("<groepen>"), xml.find("<leerlingen>"));
  EXPECT_LT(xml.find("<leerlingen>"), xml.find("<leerkrachten>"));
  EXPECT_EQ(xml.find("<rol>groepsleerkracht</rol>"), std::string::npos)
      << "<rol> holds only the standard's codes; free text is a <rolomschrijving>";
}

TEST(EdexmlWriter, WritesAFlemishSchoolAndARoepnaamAlone) {
  EdexDocument doc = awkward_document();
  doc.school.brin.clear();
  doc.school.dependance = "00";
  doc.school.institution_number = "4217";
  doc.pupils[1].surname.clear();  // Sem, by his roepnaam only
  doc.teachers[0].groups[0].role = "LRK";
  std::string xml = write_edexml(doc);
  EXPECT_NE(xml.find("<instellingsnummer>4217</instellingsnummer>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("brincode"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("dependancecode"), std::string::npos) << "not part of a Flemish school block";
  EXPECT_NE(xml.find("<groep key=\"G&lt;1&gt;\">\n          <rol>LRK</rol>"), std::string::npos) << xml;
  expect_same(round_trip(doc), doc);
}

TEST(EdexmlWriter, WritesABsnOnlyWhenThereIsOneAndLeavesOutEmptyFields) {
  EdexDocument doc = awkward_document();
  std::string with = write_edexml(doc);
  EXPECT_NE(with.find("<bsn>123456782</bsn>"), std::string::npos);
  doc.pupils[0].bsn.clear();
  EXPECT_EQ(write_edexml(doc).find("bsn"), std::string::npos);

  std::string demo = write_edexml(demo::demo_school_document(0, domain::school_year_of(kToday), 7, kToday));
  EXPECT_EQ(demo.find("bsn"), std::string::npos) << "the demo has no BSNs";
  EXPECT_EQ(demo.find("></"), std::string::npos) << "no empty elements like <voorvoegsel></voorvoegsel>";
}

TEST(EdexmlWriter, TheDemoDocumentIsDeterministic) {
  const domain::SchoolYear year = domain::school_year_of(kToday);
  EXPECT_EQ(write_edexml(demo::demo_school_document(0, year, 7, kToday)),
            write_edexml(demo::demo_school_document(0, year, 7, kToday)));
  EXPECT_NE(write_edexml(demo::demo_school_document(0, year, 7, kToday)),
            write_edexml(demo::demo_school_document(0, year, 8, kToday)));
}

}  // namespace
}  // namespace koers::io
