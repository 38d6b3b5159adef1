// What Koers takes as an uploaded report: bytes that start with %PDF- and end with %%EOF
// (within the last 1024 bytes), of at most 20 MB; refused in Dutch naming "Bestand". A file
// name keeps no directory, no control characters and no broken UTF-8.
#include "io/pdf_file.h"

#include <gtest/gtest.h>

namespace koers::io {
namespace {

const std::string kTiny = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

TEST(PdfFile, APdfIsTaken) {
  EXPECT_FALSE(pdf_refusal(kTiny));
  EXPECT_FALSE(pdf_refusal(kTiny + std::string(1000, '\n'))) << "trailing bytes within 1024 of the end";
}

TEST(PdfFile, WhatIsNoPdfIsRefusedSayingWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "Bestand: leeg"},
      {"PK\x03\x04", "Bestand: is geen PDF"},
      {" %PDF-1.4\n%%EOF", "Bestand: is geen PDF"},
      {"%PDF-1.4\n1 0 obj", "Bestand: de PDF is niet compleet"},
      {kTiny + std::string(1030, ' '), "Bestand: de PDF is niet compleet"},
      {"%PDF-" + std::string(kMaxDocumentBytes, 'x') + "%%EOF", "Bestand: is 20,1 MB; een document mag hoogstens 20 MB zijn."},
  };
  for (const auto& [bytes, start] : cases) {
    auto why = pdf_refusal(bytes);
    ASSERT_TRUE(why) << start;
    EXPECT_EQ(why->rfind(start, 0), 0u) << *why;
    EXPECT_NE(why->find("Er is niets opgeslagen."), std::string::npos);
  }
}

TEST(PdfFile, MegabytesRoundUp) {
  EXPECT_EQ(megabytes(20 * 1024 * 1024), "20 MB");
  EXPECT_EQ(megabytes(20 * 1024 * 1024 + 1), "20,1 MB");
  EXPECT_EQ(megabytes(1536 * 1024), "1,5 MB");
}

TEST(PdfFile, AFileNameKeepsNoDirectoryNorControlCharacters) {
  EXPECT_EQ(clean_file_name("C:\\fakepath\\Rapport HGD.pdf"), "Rapport HGD.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("ver\"slag\r\n.pdf"), "verslag.pdf");
  EXPECT_EQ(clean_file_name(""), "document.pdf");
  EXPECT_EQ(clean_file_name("..."), "document.pdf");
  EXPECT_EQ(clean_file_name("Zo\xEB.pdf"), "Zoë.pdf") << "Windows-1252 read as such";
  EXPECT_EQ(clean_file_name("Zoë.pdf"), "Zoë.pdf");
  EXPECT_FALSE(file_name_refusal(std::string(255, 'a')));
  ASSERT_TRUE(file_name_refusal(std::string(256, 'a')));
  EXPECT_EQ(file_name_refusal(std::string(256, 'a'))->rfind("Bestandsnaam:", 0), 0u);
}

}  // namespace
}  // namespace koers::io
