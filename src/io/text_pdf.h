// A plain text document as a PDF of A4 pages (Helvetica, WinAnsi): what the demo stores as the
// HGD expert's report, so the report a user opens is a real PDF that any reader shows.
// Contract: the bytes pass io::pdf_refusal; paragraphs wrap at word boundaries and flow onto
// as many pages as they need (a heading never alone at the foot of a page); characters outside
// Windows-1252 print as '?' (an arrow as the word "naar"). No I/O.
#pragma once

#include <string>
#include <vector>

namespace koers::io {

// One paragraph; a heading prints bold, with space above it.
struct PdfParagraph {
  std::string text;  // UTF-8
  bool heading = false;
};

// The PDF of the title (bold, larger, on top of the first page) and the paragraphs, with the
// title in the document's information too.
std::string text_pdf(const std::string& title, const std::vector<PdfParagraph>& paragraphs);

// UTF-8 as the Windows-1252 bytes a WinAnsi font draws ("ë" → 0xEB, "€" → 0x80, "—" → 0x97);
// an arrow becomes the word "naar", ≥ and ≤ ">=" and "<="; anything else without such a byte
// becomes '?'.
std::string to_win_ansi(const std::string& utf8);

}  // namespace koers::io
