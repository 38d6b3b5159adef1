// Reading EDEXML as administration systems export it, and refusing broken files with
// the line and element a school administrator can look up.
#include "io/edexml_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>


namespace koers::io {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(KOERS_TEST_DATA) + "/edexml/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ImportError refusal(const std::string& name) {
  auto result = read_edexml(fixture(name));
  EXPECT_TRUE(failed(result)) << name << " was accepted";
  return failed(result) ? std::get<ImportError>(result) : ImportError{};
}

TEST(EdexmlReader, ReadsAValidFile) {
  auto result = read_edexml(fixture("valid_2_1.xml"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.school.school_year, "2026-2027");
  EXPECT_EQ(doc.school.brin, "99XX");
  EXPECT_EQ(doc.school.dependance, "00") << "absent dependancecode means the main location";
  EXPECT_EQ(doc.school.reference_date->iso(), "2026-10-01");
  ASSERT_EQ(doc.groups.size(), 4u);
  EXPECT_TRUE(doc.groups[3].combined);
  EXPECT_EQ(doc.groups[3].name, "Plusklas");
  ASSERT_EQ(doc.pupils.size(), 6u);
  EXPECT_EQ(doc.pupils[0].eckid, "https://ketenid.nl/201cf2b2-0001");
  EXPECT_EQ(doc.pupils[0].bsn, "123456782");
  EXPECT_EQ(doc.pupils[1].surname_prefix, "van der");
  EXPECT_FALSE(doc.pupils[2].birth_date.has_value()) << "a pupil may lack a birth date";
  EXPECT_EQ(doc.pupils[2].combined_group_keys, std::vector<std::string>{"SPLUS"});
  EXPECT_EQ(doc.pupils[3].started_group3_on->iso(), "2022-08-22");
  EXPECT_EQ(doc.pupils[5].surname, "Öztürk");
  ASSERT_EQ(doc.teachers.size(), 3u);
  EXPECT_EQ(doc.teachers[0].role, "IB");
  EXPECT_TRUE(doc.teachers[0].groups.empty());
  ASSERT_EQ(doc.teachers[2].groups.size(), 2u);
  EXPECT_TRUE(doc.teachers[2].groups[1].combined);
}

TEST(EdexmlReader, BrokenXmlNamesTheLine) {
  ImportError e = refusal("bad_xml.xml");
  EXPECT_EQ(e.line, 56);
  EXPECT_NE(e.message.find("geen geldige XML"), std::string::npos) << e.message;
}

TEST(EdexmlReader, MissingKeyNamesElementAndLine) {
  ImportError e = refusal("missing_key.xml");
  EXPECT_EQ(e.line, 66);
  EXPECT_EQ(e.element, "leerling");
  EXPECT_EQ(e.message, "het attribuut key ontbreekt");
  EXPECT_EQ(e.text(), "regel 66, <leerling>: het attribuut key ontbreekt");
}

TEST(EdexmlReader, UnknownGroupNamesTheReference) {
  ImportError e = refusal("unknown_group.xml");
  EXPECT_EQ(e.line, 84);
  EXPECT_EQ(e.element, "leerling key=\"L5\"");
  EXPECT_EQ(e.message, "onbekende groep \"G9\"");
}

TEST(EdexmlReader, BadDateNamesTheField) {
  ImportError e = refusal("bad_date.xml");
  EXPECT_EQ(e.line, 70);
  EXPECT_EQ(e.element, "leerling key=\"L4\"/geboortedatum");
  EXPECT_NE(e.message.find("30-06-2016"), std::string::npos);
}

TEST(EdexmlReader, MissingSchoolBlockIsRefused) {
  ImportError e = refusal("missing_school.xml");
  EXPECT_EQ(e.element, "school");
}

TEST(EdexmlReader, RefusesOtherFilesAndDuplicateKeys) {
  EXPECT_TRUE(failed(read_edexml("")));
  EXPECT_TRUE(failed(read_edexml("<html><body>geen edexml</body></html>")));
  std::string dup = fixture("valid_2_1.xml");
  dup.replace(dup.find("<leerling key=\"L2\">"), 19, "<leerling key=\"L1\">");
  auto result = read_edexml(dup);
  ASSERT_TRUE(failed(result));
  EXPECT_EQ(std::get<ImportError>(result).message, "deze key komt twee keer voor");
}

}  // namespace
}  // namespace koers::io
