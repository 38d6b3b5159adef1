// Reading EDEXML as administration systems export it, and refusing broken files with
// the line and element a school administrator can look up.
#include "io/edexml_reader.h"

#include <gtest/gtest.h>

#include <chrono>
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

ImportError refusal_of_text(const std::string& xml) {
  auto result = read_edexml(xml);
  EXPECT_TRUE(failed(result)) << "accepted:\n" << xml;
  return failed(result) ? std::get<ImportError>(result) : ImportError{};
}

ImportError refusal(const std::string& name) { return refusal_of_text(fixture(name)); }

// A small file, line by line, so tests can name lines: `groups`, `pupils` and `teachers`
// go inside their lists. The groups start on line 9; after one group, the pupils on line 12.
std::string small_file(const std::string& groups, const std::string& pupils,
                       const std::string& teachers = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<EDEX>\n"
         "  <school>\n"
         "    <schooljaar>2026-2027</schooljaar>\n"
         "    <brincode>99XX</brincode>\n"
         "    <dependancecode>01</dependancecode>\n"
         "  </school>\n"
         "  <groepen>\n" +
         groups + "  </groepen>\n  <leerlingen>\n" + pupils + "  </leerlingen>\n  <leerkrachten>\n" +
         teachers + "  </leerkrachten>\n</EDEX>\n";
}

const std::string kGroup = "    <groep key=\"G1\"><naam>1</naam><jaargroep>1</jaargroep></groep>\n";

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
  EXPECT_EQ(doc.teachers[2].groups[1].key, "SPLUS");
}

TEST(EdexmlReader, IgnoresUnknownElementsAndToevoegingen) {
  // A <toevoegingen> block may hold anything, even what looks like a group reference or a
  // surname; none of it is read.
  auto result = read_edexml(small_file(kGroup,
                                       "    <leerling key=\"L1\">\n"
                                       "      <onbekend><achternaam>Fout</achternaam></onbekend>\n"
                                       "      <toevoegingen>\n"
                                       "        <groep key=\"G9\"/>\n"
                                       "        <geboortedatum>geen datum</geboortedatum>\n"
                                       "      </toevoegingen>\n"
                                       "      <achternaam>Jansen</achternaam>\n"
                                       "      <groep key=\"G1\"/>\n"
                                       "    </leerling>\n"
                                       "    <nog_iets_onbekends/>\n"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  ASSERT_EQ(doc.pupils.size(), 1u);
  EXPECT_EQ(doc.pupils[0].surname, "Jansen");
  EXPECT_EQ(doc.pupils[0].group_key, "G1");
  EXPECT_FALSE(doc.pupils[0].birth_date);
  EXPECT_EQ(doc.pupils[0].line, 12);
}

TEST(EdexmlReader, ReadsDependanceAndEckIdAsElement) {
  auto result = read_edexml(small_file(kGroup,
                                       "    <leerling key=\"L1\">\n"
                                       "      <eckid>https://ketenid.nl/201cf2b2-0009</eckid>\n"
                                       "      <achternaam>Jansen</achternaam>\n"
                                       "      <geslacht>9</geslacht>\n"
                                       "    </leerling>\n",
                                       "    <leerkracht key=\"T1\" eckid=\"https://ketenid.nl/t1\">\n"
                                       "      <achternaam>Kok</achternaam>\n"
                                       "      <groepen><groep key=\"G1\">"
                                       "<rolomschrijving>duo</rolomschrijving></groep></groepen>\n"
                                       "    </leerkracht>\n"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.school.dependance, "01");
  EXPECT_FALSE(doc.school.reference_date) << "peildatum is optional";
  EXPECT_EQ(doc.pupils[0].eckid, "https://ketenid.nl/201cf2b2-0009");
  EXPECT_EQ(doc.pupils[0].gender, 9);
  EXPECT_TRUE(doc.pupils[0].group_key.empty()) << "a pupil may have no group";
  EXPECT_EQ(doc.teachers[0].eckid, "https://ketenid.nl/t1");
  ASSERT_EQ(doc.teachers[0].groups.size(), 1u);
  EXPECT_EQ(doc.teachers[0].groups[0].role, "duo") << "a free rolomschrijving when there is no rol code";
}

TEST(EdexmlReader, BrokenXmlNamesTheLine) {
  ImportError e = refusal("bad_xml.xml");
  EXPECT_EQ(e.line, 56);
  EXPECT_EQ(e.element, "");
  EXPECT_EQ(e.message, "geen geldige XML: eindtag past niet bij de begintag");
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
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.element, "school");
  EXPECT_EQ(e.message, "het blok <school> ontbreekt");
}

TEST(EdexmlReader, RefusesBadRecordsWithTheirLine) {
  const std::string pupil_start = "    <leerling key=\"L1\">\n";  // line 12
  const std::string bad_gender = pupil_start +
                                 "      <achternaam>Jansen</achternaam>\n"
                                 "      <geslacht>3</geslacht>\n"
                                 "    </leerling>\n";
  ImportError gender = refusal_of_text(small_file(kGroup, bad_gender));
  EXPECT_EQ(gender.line, 14);
  EXPECT_EQ(gender.element, "leerling key=\"L1\"/geslacht");

  ImportError no_name = refusal_of_text(small_file(kGroup, pupil_start + "    </leerling>\n"));
  EXPECT_EQ(no_name.line, 12);
  EXPECT_EQ(no_name.message, "de achternaam en de roepnaam ontbreken (EDEXML vraagt minstens een van beide)")
      << "the XSD asks for one of the two";

  ImportError teacher_key = refusal_of_text(
      small_file(kGroup, "", "    <leerkracht>\n      <achternaam>Kok</achternaam>\n    </leerkracht>\n"));
  EXPECT_EQ(teacher_key.line, 14);
  EXPECT_EQ(teacher_key.element, "leerkracht");
  EXPECT_EQ(teacher_key.message, "het attribuut key ontbreekt");

  ImportError teacher_group = refusal_of_text(small_file(
      kGroup, "",
      "    <leerkracht key=\"T1\">\n      <achternaam>Kok</achternaam>\n      <groepen>\n"
      "        <samengestelde_groep key=\"G1\"/>\n      </groepen>\n    </leerkracht>\n"));
  EXPECT_EQ(teacher_group.line, 17) << "the line of the reference";
  EXPECT_EQ(teacher_group.element, "leerkracht key=\"T1\"");
  EXPECT_EQ(teacher_group.message, "onbekende groep \"G1\"") << "G1 is a groep, not a samengestelde groep";

  std::string bad_year = small_file(kGroup, "");
  bad_year.replace(bad_year.find("2026-2027"), 9, "2026-2028");
  ImportError year = refusal_of_text(bad_year);
  EXPECT_EQ(year.line, 4);
  EXPECT_EQ(year.element, "school/schooljaar");
}

TEST(EdexmlReader, AGroupAndASamengesteldeGroepCannotShareAKey) {
  const std::string plus = "    <samengestelde_groep key=\"G1\"><naam>Plus</naam></samengestelde_groep>\n";
  ImportError e = refusal_of_text(small_file(kGroup + plus, ""));
  EXPECT_EQ(e.line, 10);
  EXPECT_EQ(e.element, "samengestelde_groep key=\"G1\"");
  EXPECT_EQ(e.message, "deze key komt twee keer voor");
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

// --- Files as the standard's examples have them (valid against the XSD): nothing optional
// is demanded.

TEST(EdexmlReader, ReadsAPupilAndATeacherKnownOnlyByTheirRoepnaam) {
  auto result = read_edexml(fixture("standard_2_1.xml"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.school.brin, "98QQ");
  EXPECT_EQ(doc.school.code(), "98QQ");
  ASSERT_EQ(doc.pupils.size(), 3u);
  const EdexPupil& fenna = doc.pupils[0];
  EXPECT_EQ(fenna.key, "00101");
  EXPECT_EQ(fenna.line, 43);
  EXPECT_EQ(fenna.surname, "") << "the XSD lets a roepnaam stand alone";
  EXPECT_EQ(fenna.given_name, "Fenna");
  EXPECT_EQ(fenna.eckid, "https://id.school/LL_testleerling-00101");
  EXPECT_EQ(fenna.group_key, "G5B");
  EXPECT_EQ(fenna.combined_group_keys, std::vector<std::string>{"SG-LEES"});
  EXPECT_EQ(doc.pupils[1].given_name, "Joris") << "from the voornamen when there is no roepnaam";
  EXPECT_EQ(doc.pupils[1].bsn, "2731") << "bsn_ondwnr-4";
  ASSERT_EQ(doc.teachers.size(), 2u);
  EXPECT_EQ(doc.teachers[0].role, "LRK") << "the first of several rol codes";
  ASSERT_EQ(doc.teachers[0].groups.size(), 1u);
  EXPECT_EQ(doc.teachers[0].groups[0].role, "LRK");
  const EdexTeacher& bas = doc.teachers[1];
  EXPECT_EQ(bas.surname, "");
  EXPECT_EQ(bas.given_name, "Bas");
  EXPECT_EQ(bas.line, 100);
  EXPECT_EQ(bas.role, "");
  EXPECT_EQ(bas.role_description, "Vrijwilliger leesclub");
  ASSERT_EQ(bas.groups.size(), 1u);
  EXPECT_EQ(bas.groups[0].role, "begeleider");
}

TEST(EdexmlReader, ReadsAFlemishSchoolByItsInstellingsnummer) {
  auto result = read_edexml(fixture("standard_2_1_vlaanderen.xml"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.school.brin, "");
  EXPECT_EQ(doc.school.institution_number, "4217");
  EXPECT_EQ(doc.school.code(), "4217");
  EXPECT_EQ(doc.school.dependance, "00");
  EXPECT_EQ(doc.pupils.size(), 3u);
  EXPECT_EQ(doc.pupils[1].bsn, "") << "a rijksregisternummer is not a BSN";

  std::string both = small_file(kGroup, "");
  both.replace(both.find("<dependancecode>01</dependancecode>"), 35, "<instellingsnummer>1234</instellingsnummer>");
  ImportError e = refusal_of_text(both);
  EXPECT_EQ(e.line, 6);
  EXPECT_EQ(e.element, "school/instellingsnummer");
  EXPECT_EQ(e.message, "een school heeft een BRIN-code of een instellingsnummer, niet allebei");
}

TEST(EdexmlReader, ReadsAnEdexml103File) {
  auto result = read_edexml(fixture("standard_1_0_3.xml"));
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.school.dependance, "01");
  ASSERT_EQ(doc.pupils.size(), 3u);
  EXPECT_EQ(doc.pupils[0].year_group, "4");
  EXPECT_EQ(doc.pupils[0].group_key, "");
  EXPECT_EQ(doc.pupils[1].group_key, "49") << "1.0.3: a group or a jaargroep";
  EXPECT_EQ(doc.pupils[1].bsn, "") << "a sofinummer is not read";
  EXPECT_EQ(doc.pupils[2].surname, "");
  EXPECT_EQ(doc.pupils[2].given_name, "Nour");
}

// --- Values the XSD refuses are refused, with the line and element, as every refusal is.

TEST(EdexmlReader, RefusesAJaargroepTheStandardDoesNotKnow) {
  ImportError group = refusal("jaargroep_100.xml");
  EXPECT_EQ(group.line, 17);
  EXPECT_EQ(group.element, "groep key=\"49\"/jaargroep");
  EXPECT_EQ(group.message, "\"100\" is geen jaargroep van EDEXML (0 t/m 8, 11 t/m 16, B, D, S, V, C, N of H)");

  ImportError pupil = refusal_of_text(small_file(
      kGroup, "    <leerling key=\"L1\">\n      <achternaam>Jansen</achternaam>\n      <jaargroep>100</jaargroep>\n"
              "    </leerling>\n"));
  EXPECT_EQ(pupil.line, 14);
  EXPECT_EQ(pupil.element, "leerling key=\"L1\"/jaargroep");
  EXPECT_EQ(pupil.text().rfind("regel 14, <leerling key=\"L1\"/jaargroep>: \"100\" is geen jaargroep", 0), 0u)
      << pupil.text();
}

// One bad value in an otherwise valid small file: in a pupil (line 14), a teacher (line 16),
// a group (line 9) or the school block.
struct BadValue {
  const char* what;
  std::string xml;
  int line;
  const char* element;
  const char* message;  // the start of it
};

std::string pupil_with(const std::string& field) {
  return small_file(kGroup, "    <leerling key=\"L1\">\n      <achternaam>Jansen</achternaam>\n      " + field +
                                "\n    </leerling>\n");
}

std::string teacher_with(const std::string& field) {
  return small_file(kGroup, "", "    <leerkracht key=\"T1\">\n      <achternaam>Kok</achternaam>\n      " + field +
                                    "\n    </leerkracht>\n");
}

std::string school_with(const std::string& from, const std::string& to) {
  std::string xml = small_file(kGroup, "");
  xml.replace(xml.find(from), from.size(), to);
  return xml;
}

TEST(EdexmlReader, RefusesValuesTheXsdRefuses) {
  const std::string long_surname(201, 'a');
  const std::string long_key(257, 'k');
  const BadValue cases[] = {
      {"geslacht", pupil_with("<geslacht>3</geslacht>"), 14, "leerling key=\"L1\"/geslacht",
       "\"3\" is geen geldig geslacht"},
      {"geslacht -1", pupil_with("<geslacht>-1</geslacht>"), 14, "leerling key=\"L1\"/geslacht",
       "\"-1\" is geen geldig geslacht"},
      {"bsn", pupil_with("<bsn>12345</bsn>"), 14, "leerling key=\"L1\"/bsn", "dit is geen BSN (negen cijfers)"},
      {"bsn_ondwnr-4", pupil_with("<bsn_ondwnr-4>12</bsn_ondwnr-4>"), 14, "leerling key=\"L1\"/bsn_ondwnr-4",
       "dit zijn niet de laatste vier cijfers"},
      {"voorletters", pupil_with("<voorletters-1>ABCDEFG</voorletters-1>"), 14, "leerling key=\"L1\"/voorletters-1",
       "de tekst is 7 tekens lang; EDEXML staat er hoogstens 6 toe"},
      {"voorvoegsel", pupil_with("<voorvoegsel>van den van</voorvoegsel>"), 14,
       "leerling key=\"L1\"/voorvoegsel", "de tekst is 11 tekens lang"},
      {"date zone", pupil_with("<geboortedatum>2019-03-14+25</geboortedatum>"), 14,
       "leerling key=\"L1\"/geboortedatum", "\"2019-03-14+25\" is geen geldige datum"},
      {"achternaam", small_file(kGroup, "    <leerling key=\"L1\">\n      <achternaam>" + long_surname +
                                            "</achternaam>\n    </leerling>\n"),
       13, "leerling key=\"L1\"/achternaam", "de tekst is 201 tekens lang; EDEXML staat er hoogstens 200 toe"},
      {"key", small_file(kGroup, "    <leerling key=\"" + long_key + "\">\n      <roepnaam>Sem</roepnaam>\n"
                                 "    </leerling>\n"),
       12, "leerling", "de key is langer dan 256 tekens"},
      {"eckid twice",
       small_file(kGroup, "    <leerling key=\"L1\" eckid=\"E1\"><roepnaam>Sem</roepnaam></leerling>\n"
                          "    <leerling key=\"L2\" eckid=\"E1\"><roepnaam>Bo</roepnaam></leerling>\n"),
       13, "leerling key=\"L2\"", "dit ECK iD komt twee keer voor"},
      {"rol", teacher_with("<rol>duo</rol>"), 16, "leerkracht key=\"T1\"/rol", "\"duo\" is geen rolcode van EDEXML"},
      {"rol in a group", teacher_with("<groepen><groep key=\"G1\"><rol>duo</rol></groep></groepen>"), 16,
       "leerkracht key=\"T1\"/groep key=\"G1\"/rol", "\"duo\" is geen rolcode van EDEXML"},
      {"emailadres", teacher_with("<emailadres>" + std::string(250, 'm') + "@school.example</emailadres>"), 16,
       "leerkracht key=\"T1\"/emailadres", "de tekst is 265 tekens lang; EDEXML staat er hoogstens 256 toe"},
      {"group jaargroep", small_file("    <groep key=\"G1\"><naam>9</naam><jaargroep>9</jaargroep></groep>\n", ""), 9,
       "groep key=\"G1\"/jaargroep", "\"9\" is geen jaargroep van EDEXML"},
      {"group naam", small_file("    <groep key=\"G1\"><naam>" + std::string(65, 'n') + "</naam></groep>\n", ""), 9,
       "groep key=\"G1\"/naam", "de tekst is 65 tekens lang; EDEXML staat er hoogstens 64 toe"},
      {"brincode", school_with("99XX", "99X"), 5, "school/brincode", "\"99X\" is geen BRIN-code"},
      {"brincode lower case", school_with("99XX", "99xx"), 5, "school/brincode", "\"99xx\" is geen BRIN-code"},
      {"dependancecode", school_with("<dependancecode>01", "<dependancecode>1"), 6, "school/dependancecode",
       "\"1\" is geen dependancecode (twee cijfers)"},
      {"instellingsnummer", school_with("<brincode>99XX</brincode>", "<instellingsnummer>1</instellingsnummer>"), 5,
       "school/instellingsnummer", "\"1\" is geen instellingsnummer (2 tot 6 cijfers)"},
      {"schooljaar", school_with("2026-2027", "2026/2027"), 4, "school/schooljaar",
       "\"2026/2027\" is geen schooljaar"},
  };
  for (const BadValue& bad : cases) {
    SCOPED_TRACE(bad.what);
    ImportError e = refusal_of_text(bad.xml);
    EXPECT_EQ(e.line, bad.line);
    EXPECT_EQ(e.element, bad.element);
    EXPECT_EQ(e.message.rfind(bad.message, 0), 0u) << e.message;
  }
  EXPECT_EQ(refusal_of_text(pupil_with("<bsn>12345</bsn>")).text().find("12345"), std::string::npos)
      << "a BSN is never shown, not even a wrong one";
}

TEST(EdexmlReader, AcceptsWhatTheXsdAccepts) {
  // xs:date with a time zone, an xs:integer written "+2" or "02", a length counted in
  // characters (six, in eleven bytes), the longest surname, and a group without jaargroep
  // (not needed by Koers, so not demanded).
  std::string xml = small_file("    <samengestelde_groep key=\"S1\"><naam>Plus</naam></samengestelde_groep>\n",
                               "    <leerling key=\"L1\">\n"
                               "      <achternaam>" + std::string(200, 'a') + "</achternaam>\n"
                               "      <voorletters-1>ÉÖÜÄ.Ë</voorletters-1>\n"
                               "      <geboortedatum>2019-03-14Z</geboortedatum>\n"
                               "      <geslacht>+2</geslacht>\n"
                               "      <instroomdatum>2023-03-14+01:00</instroomdatum>\n"
                               "    </leerling>\n"
                               "    <leerling key=\"L2\"><roepnaam>Bo</roepnaam><geslacht>09</geslacht></leerling>\n",
                               "    <leerkracht key=\"T1\"><roepnaam>Ans</roepnaam><rol>OWA</rol>"
                               "<rolomschrijving>Onderwijsassistent</rolomschrijving></leerkracht>\n");
  auto result = read_edexml(xml);
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  const EdexDocument& doc = std::get<EdexDocument>(result);
  EXPECT_EQ(doc.pupils[0].initials, "ÉÖÜÄ.Ë");
  EXPECT_EQ(doc.pupils[0].birth_date->iso(), "2019-03-14");
  EXPECT_EQ(doc.pupils[0].enrolled_on->iso(), "2023-03-14");
  EXPECT_EQ(doc.pupils[0].gender, 2);
  EXPECT_EQ(doc.pupils[1].gender, 9);
  EXPECT_EQ(doc.teachers[0].role, "OWA");
  EXPECT_EQ(doc.teachers[0].role_description, "Onderwijsassistent");
}

// A large file (a board's worth of pupils, or an attacker's) is read in time linear in its
// size: each record's line used to be counted from the start of the file.
TEST(EdexmlReader, ALargeFileIsReadInLinearTime) {
  std::string pupils;
  for (int i = 0; i < 40000; ++i)
    pupils += "    <leerling key=\"L" + std::to_string(i) + "\">\n      <achternaam>Jansen</achternaam>\n"
              "      <groep key=\"G1\"/>\n    </leerling>\n";
  const std::string xml = small_file(kGroup, pupils);
  const auto start = std::chrono::steady_clock::now();
  auto result = read_edexml(xml);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(failed(result)) << std::get<ImportError>(result).text();
  EXPECT_EQ(std::get<EdexDocument>(result).pupils.back().line, 12 + 4 * 39999);
  EXPECT_LT(seconds, 2.0) << xml.size() << " bytes";
}

}  // namespace
}  // namespace koers::io
