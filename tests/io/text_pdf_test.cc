// A text as a PDF a reader opens: Koers's own upload check takes it, the cross-reference table
// points at each object, Dutch letters are WinAnsi bytes, parentheses are escaped, and a long
// text flows onto a second A4 page.
#include "io/text_pdf.h"

#include <gtest/gtest.h>

#include <regex>

#include "io/pdf_file.h"

namespace koers::io {
namespace {

TEST(TextPdf, IsAPdfKoersTakesWithEveryObjectWhereTheTableSays) {
  const std::string pdf = text_pdf("Onderzoeksverslag", {{"Vraag", true}, {"Wat helpt Roos (groep 5) bij lezen?"}});
  EXPECT_FALSE(pdf_refusal(pdf));
  const size_t xref = std::stoul(pdf.substr(pdf.rfind("startxref\n") + 10));
  ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
  std::smatch m;
  std::string table = pdf.substr(xref);
  std::regex entry("(\\d{10}) 00000 n ");
  int object = 0;
  for (auto it = std::sregex_iterator(table.begin(), table.end(), entry); it != std::sregex_iterator(); ++it) {
    ++object;
    const size_t at = std::stoul((*it)[1]);
    EXPECT_EQ(pdf.compare(at, std::to_string(object).size() + 6, std::to_string(object) + " 0 obj"), 0) << object;
  }
  EXPECT_EQ(object, 7) << "catalog, pages, info, two fonts, one page and its content";
  EXPECT_NE(pdf.find("(Wat helpt Roos \\(groep 5\\) bij lezen?) Tj"), std::string::npos);
}

TEST(TextPdf, DutchLettersAreWinAnsiAndTheRestAQuestionMark) {
  EXPECT_EQ(to_win_ansi("geïnformeerd"), "ge\xEFnformeerd");
  EXPECT_EQ(to_win_ansi("€ 5 — “ja”"), "\x80 5 \x97 \x93ja\x94");
  EXPECT_EQ(to_win_ansi("✓ klaar"), "? klaar");
  // Signs without a glyph that Koers writes: words, never '?'.
  EXPECT_EQ(to_win_ansi("niveau III in M4 → IV in E4"), "niveau III in M4 naar IV in E4");
  EXPECT_EQ(to_win_ansi("(M4→E4)"), "(M4 naar E4)");
  EXPECT_EQ(to_win_ansi("≥ 80 %, ≤ 20 %"), ">= 80 %, <= 20 %");
  EXPECT_EQ(to_win_ansi("kapot \xC3"), "kapot ?");
}

TEST(TextPdf, ALongTextFlowsOntoMorePages) {
  std::vector<PdfParagraph> paragraphs;
  for (int i = 0; i < 80; ++i) paragraphs.push_back({"Een alinea die over twee regels loopt omdat ze langer is dan de "
                                                     "breedte van een A4-pagina met marges van twee centimeter."});
  const std::string pdf = text_pdf("Lang", paragraphs);
  EXPECT_FALSE(pdf_refusal(pdf));
  const size_t count = pdf.find("/Count ");
  ASSERT_NE(count, std::string::npos);
  EXPECT_GE(std::stoi(pdf.substr(count + 7)), 2);
}

}  // namespace
}  // namespace koers::io
