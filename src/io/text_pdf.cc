#include "io/text_pdf.h"

#include <fmt/format.h>

namespace koers::io {

namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;  // A4 in points
constexpr double kMargin = 56.7;                             // 2 cm
constexpr double kBodySize = 10.5, kHeadingSize = 12, kTitleSize = 16;
constexpr size_t kColumns = 92;  // characters of Helvetica 10.5 pt in 17 cm, for ordinary text

// The code point of a Windows-1252 byte 0x80-0x9F (0: unused in that range).
constexpr char32_t kHigh[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char win_ansi(char32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<char>(cp);
  for (int i = 0; i < 32; ++i)
    if (kHigh[i] == cp) return static_cast<char>(0x80 + i);
  return '?';
}

// A string for a PDF content stream: ( ) and \ escaped.
std::string literal(const std::string& win) {
  std::string out = "(";
  for (char c : win) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

std::vector<std::string> wrap(const std::string& text, size_t columns) {
  std::vector<std::string> lines;
  std::string line;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > columns) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// Words for the few signs Koers writes that a WinAnsi font lacks: an arrow reads "naar"
// ("M4 → E4": "M4 naar E4"), ≥ and ≤ as ">=" and "<=". nullptr: no stand-in.
const char* stand_in(char32_t cp) {
  switch (cp) {
    case 0x2192:
      return "naar";  // →
    case 0x2265:
      return ">=";  // ≥
    case 0x2264:
      return "<=";  // ≤
    default:
      return nullptr;
  }
}

}  // namespace

std::string to_win_ansi(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char b = static_cast<unsigned char>(utf8[i]);
    const int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + extra >= utf8.size() + (extra == 0 ? 1 : 0)) {
      out += '?';
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += extra + 1;
    if (const char* word = stand_in(cp)) {
      // A word between words: a space on each side where the text has none.
      if (!out.empty() && out.back() != ' ') out += ' ';
      out += word;
      if (i < utf8.size() && utf8[i] != ' ') out += ' ';
      continue;
    }
    out += win_ansi(cp);
  }
  return out;
}

std::string text_pdf(const std::string& title, const std::vector<PdfParagraph>& paragraphs) {
  // Lay the lines out on pages: each a content stream.
  std::vector<std::string> pages;
  std::string page;
  double y = kPageHeight - kMargin;
  auto line = [&](const std::string& text, const char* font, double size, double before) {
    if (y - before - size < kMargin) {
      pages.push_back(page);
      page.clear();
      y = kPageHeight - kMargin;
    } else {
      y -= before;
    }
    y -= size;
    page += fmt::format("BT /{} {} Tf {:.2f} {:.2f} Td {} Tj ET\n", font, size, kMargin, y, literal(to_win_ansi(text)));
    y -= size * 0.35;
  };
  for (const auto& l : wrap(title, 60)) line(l, "F2", kTitleSize, 0);
  y -= 6;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const auto& p = paragraphs[i];
    const auto lines = wrap(p.text, p.heading ? 80 : kColumns);
    double before = p.heading ? 12 : 5;
    // A heading stays with the first line after it: no heading alone at the foot of a page.
    if (p.heading && i + 1 < paragraphs.size() && !page.empty() &&
        y - before - lines.size() * kHeadingSize * 1.35 - 5 - kBodySize < kMargin) {
      pages.push_back(page);
      page.clear();
      y = kPageHeight - kMargin;
      before = 0;
    }
    bool first = true;
    for (const auto& l : lines) {
      line(l, p.heading ? "F2" : "F1", p.heading ? kHeadingSize : kBodySize, first ? before : 0);
      first = false;
    }
  }
  pages.push_back(page);

  // Objects: 1 catalog, 2 pages, 3 info, 4 and 5 fonts, then per page its page and content.
  std::vector<std::string> objects;
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) kids += fmt::format("{} 0 R ", 6 + 2 * i);
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size()));
  objects.push_back(fmt::format("<< /Title {} /Producer (Koers) >>", literal(to_win_ansi(title))));
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  for (size_t i = 0; i < pages.size(); ++i) {
    objects.push_back(fmt::format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 4 0 R "
                                  "/F2 5 0 R >> >> /Contents {} 0 R >>",
                                  kPageWidth, kPageHeight, 7 + 2 * i));
    objects.push_back(fmt::format("<< /Length {} >>\nstream\n{}endstream", pages[i].size(), pages[i]));
  }
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t o : offsets) out += fmt::format("{:010d} 00000 n \n", o);
  out += fmt::format("trailer\n<< /Size {} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return out;
}

}  // namespace koers::io
