// EDEXML files in the encodings administration systems write (ParnasSys and Esis export
// UTF-8, older versions ISO-8859-1 or windows-1252; Windows tools save UTF-16), read to
// the same UTF-8 names; bytes that do not fit the declared encoding refused with the line
// and element, never stored as "Zo�" or "ZoÃ«". The bytes are written out here, byte by byte.
#include "io/text_encoding.h"

#include <gtest/gtest.h>

#include "io/csv.h"
#include "io/edexml_reader.h"

namespace koers::io {
namespace {

using namespace std::string_literals;

// A ParnasSys-shaped export: the declaration with `encoding`, then one group, two pupils
// (Zoë Öztürk on line 20, Chloé van der Meer on line 28) and a teacher. `zoe`, `oz`,
// `chloe` are the names' bytes in the file's encoding.
std::string parnassys(const std::string& encoding, const std::string& zoe, const std::string& oz,
                      const std::string& chloe) {
  return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n"  // 1
         "<EDEX>\n"
         "  <school>\n"
         "    <schooljaar>2026-2027</schooljaar>\n"
         "    <peildatum>2026-10-01</peildatum>\n"  // 5
         "    <brincode>99XX</brincode>\n"
         "    <dependancecode>00</dependancecode>\n"
         "    <schoolkey>S99</schoolkey>\n"
         "    <aanmaakdatum>2026-10-01T08:00:00</aanmaakdatum>\n"
         "    <auteur>ParnasSys</auteur>\n"  // 10
         "    <xsdversie>2.1</xsdversie>\n"
         "  </school>\n"
         "  <groepen>\n"
         "    <groep key=\"G56\"><naam>5/6</naam><jaargroep>5</jaargroep></groep>\n"
         "  </groepen>\n"  // 15
         "  <leerlingen>\n"
         "    <leerling key=\"L1\">\n"
         "      <achternaam>" + oz + "</achternaam>\n"
         "      <voornamen>" + zoe + " Maria</voornamen>\n"
         "      <roepnaam>" + zoe + "</roepnaam>\n"  // 20
         "      <geboortedatum>2017-03-14</geboortedatum>\n"
         "      <jaargroep>5</jaargroep>\n"
         "      <groep key=\"G56\"/>\n"
         "    </leerling>\n"
         "    <leerling key=\"L2\">\n"  // 25
         "      <achternaam>Meer</achternaam>\n"
         "      <voorvoegsel>van der</voorvoegsel>\n"
         "      <roepnaam>" + chloe + "</roepnaam>\n"
         "      <jaargroep>6</jaargroep>\n"
         "      <groep key=\"G56\"/>\n"  // 30
         "    </leerling>\n"
         "  </leerlingen>\n"
         "  <leerkrachten>\n"
         "    <leerkracht key=\"T1\"><achternaam>Wit</achternaam><roepnaam>Sanne</roepnaam></leerkracht>\n"
         "  </leerkrachten>\n"
         "</EDEX>\n";
}

// The names in UTF-8, Latin-1/windows-1252 and UTF-16 code units.
const std::string kZoeUtf8 = "Zo\xC3\xAB", kOzUtf8 = "\xC3\x96zt\xC3\xBCrk", kChloeUtf8 = "Chlo\xC3\xA9";
const std::string kZoeLatin1 = "Zo\xEB", kOzLatin1 = "\xD6zt\xFCrk", kChloeLatin1 = "Chlo\xE9";

EdexDocument read_ok(const std::string& bytes) {
  auto result = read_edexml(bytes);
  if (failed(result)) {
    ADD_FAILURE() << std::get<ImportError>(result).text();
    return {};
  }
  return std::get<EdexDocument>(result);
}

ImportError refusal(const std::string& bytes) {
  auto result = read_edexml(bytes);
  EXPECT_TRUE(failed(result)) << "accepted";
  return failed(result) ? std::get<ImportError>(result) : ImportError{};
}

void expect_names(const EdexDocument& doc) {
  ASSERT_EQ(doc.pupils.size(), 2u);
  EXPECT_EQ(doc.pupils[0].given_name, "Zoë");
  EXPECT_EQ(doc.pupils[0].surname, "Öztürk");
  EXPECT_EQ(doc.pupils[0].first_names, "Zoë Maria");
  EXPECT_EQ(doc.pupils[1].given_name, "Chloé");
  EXPECT_EQ(doc.school.created_on->iso(), "2026-10-01");
}

std::string utf16(const std::string& utf8, bool little_endian, bool bom) {
  // Enough for these files: ASCII and Latin-1 letters (two-byte UTF-8).
  std::string out = bom ? (little_endian ? "\xFF\xFE" : "\xFE\xFF") : "";
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0xC0) c = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

TEST(EdexmlEncoding, Utf8WithAndWithoutBomIsReadAsItIs) {
  expect_names(read_ok(parnassys("UTF-8", kZoeUtf8, kOzUtf8, kChloeUtf8)));
  expect_names(read_ok("\xEF\xBB\xBF" + parnassys("utf-8", kZoeUtf8, kOzUtf8, kChloeUtf8)));
}

TEST(EdexmlEncoding, Latin1AndWindows1252AreDecodedToUtf8) {
  for (const char* name : {"ISO-8859-1", "iso-8859-1", "latin1", "windows-1252", "Windows-1252", "cp1252"})
    expect_names(read_ok(parnassys(name, kZoeLatin1, kOzLatin1, kChloeLatin1)));
}

TEST(EdexmlEncoding, Windows1252CharactersBeyondLatin1) {
  // 0x8A Š, 0x9A š, 0x92 ’ (a typographic apostrophe in "D’Souza"), 0x80 €.
  EdexDocument doc = read_ok(parnassys("windows-1252", "\x8A" "ef\x9A" "ik", "D\x92Souza", "\x80uro"));
  EXPECT_EQ(doc.pupils[0].given_name, "Šefšik");
  EXPECT_EQ(doc.pupils[0].surname, "D’Souza");
  EXPECT_EQ(doc.pupils[1].given_name, "€uro");
}

TEST(EdexmlEncoding, Iso885915AndAsciiAreReadToo) {
  EdexDocument doc = read_ok(parnassys("ISO-8859-15", "\xA6" "arka", kOzLatin1, "\xA4"));
  EXPECT_EQ(doc.pupils[0].given_name, "Šarka");
  EXPECT_EQ(doc.pupils[1].given_name, "€");
  EXPECT_EQ(read_ok(parnassys("US-ASCII", "Zoe", "Ozturk", "Chloe")).pupils[0].given_name, "Zoe");
  ImportError e = refusal(parnassys("US-ASCII", kZoeLatin1, "Ozturk", "Chloe"));
  EXPECT_EQ(e.line, 19);
  EXPECT_NE(e.message.find("US-ASCII"), std::string::npos) << e.message;
}

TEST(EdexmlEncoding, Utf16WithByteOrderMarkEitherWay) {
  const std::string utf8 = parnassys("UTF-16", kZoeUtf8, kOzUtf8, kChloeUtf8);
  expect_names(read_ok(utf16(utf8, true, true)));
  expect_names(read_ok(utf16(utf8, false, true)));
  expect_names(read_ok(utf16(utf8, true, false)));  // no BOM, but "<?" in UTF-16LE
}

TEST(EdexmlEncoding, Utf16LineOfABrokenSurrogateIsNamed) {
  std::string bytes = utf16(parnassys("UTF-16", "ZoX", kOzUtf8, kChloeUtf8), true, true);
  size_t x = bytes.find(std::string("X\0", 2), bytes.find(std::string("Z\0o\0", 4)));
  bytes[x] = '\x00';
  bytes[x + 1] = '\xD8';  // a high surrogate followed by '<'
  ImportError e = refusal(bytes);
  EXPECT_EQ(e.line, 19);
  EXPECT_EQ(e.element, "voornamen");
  EXPECT_NE(e.message.find("UTF-16"), std::string::npos) << e.message;
}

TEST(EdexmlEncoding, DeclaredUtf8HoldingLatin1IsRefusedWithTheLine) {
  // The file: declared UTF-8, the names in Latin-1; it used to overwrite "Zoë" with "Zo�".
  ImportError e = refusal(parnassys("UTF-8", kZoeUtf8, kOzLatin1, kChloeUtf8));
  EXPECT_EQ(e.line, 18);
  EXPECT_EQ(e.element, "achternaam");
  EXPECT_NE(e.message.find("0xD6"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("UTF-8"), std::string::npos) << e.message;
  EXPECT_EQ(refusal(parnassys("UTF-8", kZoeUtf8, kOzUtf8, kChloeLatin1)).line, 28);
  // No declaration at all means UTF-8 too.
  std::string bare = parnassys("UTF-8", kZoeLatin1, kOzUtf8, kChloeUtf8);
  bare.replace(0, bare.find('\n'), "<?xml version=\"1.0\"?>");
  EXPECT_EQ(refusal(bare).line, 19);
}

TEST(EdexmlEncoding, DeclaredLatin1HoldingUtf8IsRefusedNotStoredAsMojibake) {
  ImportError e = refusal(parnassys("ISO-8859-1", kZoeUtf8, kOzUtf8, kChloeUtf8));
  EXPECT_EQ(e.line, 18);
  EXPECT_NE(e.message.find("UTF-8"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("Ã–"), std::string::npos) << "shows what it would have become: " << e.message;
  EXPECT_EQ(refusal(parnassys("windows-1252", "Zoe", "Ozturk", kChloeUtf8)).line, 28);
}

TEST(EdexmlEncoding, BytesWindows1252LeavesUndefinedAreRefused) {
  ImportError e = refusal(parnassys("windows-1252", "Zo\x81", kOzLatin1, kChloeLatin1));
  EXPECT_EQ(e.line, 19);
  EXPECT_EQ(e.element, "voornamen");
  EXPECT_NE(e.message.find("0x81"), std::string::npos) << e.message;
}

TEST(EdexmlEncoding, AnUnknownEncodingIsRefusedByName) {
  for (const char* name : {"EBCDIC-CP-NL", "Shift_JIS", "UTF-32", "koi8-r"}) {
    ImportError e = refusal(parnassys(name, "Zoe", "Ozturk", "Chloe"));
    EXPECT_EQ(e.line, 1);
    EXPECT_NE(e.message.find(name), std::string::npos) << e.message;
  }
  EXPECT_TRUE(failed(read_edexml("\xFF\xFE\0\0<\0\0\0"s))) << "UTF-32 by its BOM";
  ImportError odd = refusal(parnassys("x\xFF\0y"s, "Zoe", "O", "C"));
  EXPECT_NE(odd.message.find("\"x??y\""), std::string::npos) << "the name as printable ASCII: " << odd.message;
  EXPECT_TRUE(failed(read_edexml("\xEF\xBB\xBF" + parnassys("ISO-8859-1", "Zoe", "O", "C"))))
      << "a UTF-8 BOM contradicting the declaration";
  EXPECT_TRUE(failed(read_edexml(parnassys("UTF-16", "Zoe", "O", "C")))) << "says UTF-16, is not";
}

TEST(EdexmlEncoding, NulIsRefusedWithLineAndElementNeverCutOff) {
  ImportError e = refusal(parnassys("UTF-8", "Zo\0e"s, kOzUtf8, kChloeUtf8));
  EXPECT_EQ(e.line, 19);
  EXPECT_EQ(e.element, "voornamen");
  EXPECT_NE(e.message.find("NUL"), std::string::npos) << e.message;
  EXPECT_EQ(refusal(parnassys("ISO-8859-1", "Zoe", "Ozt\0urk"s, "C")).line, 18);
  EXPECT_EQ(refusal(utf16(parnassys("UTF-16", "Zoe", "Oz", "Chlo\0e"s), true, true)).line, 28);
  // Spelled as a character reference, which the parser would expand to a NUL (or to a
  // lone surrogate, invalid UTF-8).
  for (const char* ref : {"&#0;", "&#x0;", "&#xD800;", "&#55296;", "&#x110000;", "&#99999999999;"}) {
    ImportError r = refusal(parnassys("UTF-8", std::string("Zo") + ref, "Oz", "C"));
    EXPECT_EQ(r.line, 19) << ref;
    EXPECT_EQ(r.element, "voornamen") << ref;
  }
  EXPECT_EQ(read_ok(parnassys("UTF-8", "Zo&#235;", "&#xD6;zt&#252;rk", kChloeUtf8)).pupils[0].surname, "Öztürk");
}

TEST(TextEncoding, StrictUtf8) {
  EXPECT_TRUE(valid_utf8("Zoë € 𝄞"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF")) << "overlong";
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF")) << "overlong";
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80")) << "a surrogate";
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80")) << "above U+10FFFF";
  EXPECT_FALSE(valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("Zo\xC3")) << "cut off";
  EXPECT_EQ(invalid_utf8_at("ab\xEB"), 2u);
}

TEST(TextEncoding, ACsvWithoutDeclarationIsUtf8ElseWindows1252AndAlwaysValidUtf8) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFZo\xC3\xAB"), "Zoë");
  EXPECT_EQ(to_utf8("Zo\xEB"), "Zoë");
  EXPECT_EQ(to_utf8("\x80"), "€");
  // Bytes that are almost UTF-8 (a surrogate, an overlong form) are not taken for it.
  EXPECT_TRUE(valid_utf8(to_utf8("\xED\xA0\x80")));
  EXPECT_TRUE(valid_utf8(to_utf8("\xC0\xAF\x81\x8D\x8F\x90\x9D")));
}

TEST(ResultsCsvText, InvalidUtf8AndNulNeverPassReadCsv) {
  auto bad = read_csv("toets;score\nrekenen;\xEB\n");
  ASSERT_TRUE(failed(bad));
  EXPECT_EQ(std::get<ImportError>(bad).line, 2);
  auto nul = read_csv(to_utf8("leerlingnummer;achternaam;toets\nL1;Jan;Spelling\nL2;Pie\0t;Spelling\n"s));
  ASSERT_TRUE(failed(nul));
  EXPECT_EQ(std::get<ImportError>(nul).line, 3);
  EXPECT_EQ(std::get<ImportError>(nul).element, "achternaam");
  EXPECT_NE(std::get<ImportError>(nul).message.find("NUL"), std::string::npos);
  auto quoted = read_csv("a;b\n\"x\ny\";\"\0\"\n"s);
  ASSERT_TRUE(failed(quoted));
  EXPECT_EQ(std::get<ImportError>(quoted).line, 2) << "the line the record starts on";
  EXPECT_EQ(std::get<ImportError>(quoted).element, "b");
  // Found by fuzzing: a NUL in the header itself was named as the column, NUL and all.
  auto header = read_csv("leerlingnummer;geboor\0tedatum;toets\nL1;x;y\n"s);
  ASSERT_TRUE(failed(header));
  EXPECT_EQ(std::get<ImportError>(header).line, 1);
  EXPECT_EQ(std::get<ImportError>(header).element, "kolom 2");
}

}  // namespace
}  // namespace koers::io
