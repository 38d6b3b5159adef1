// Decoding to UTF-8 byte by byte (or 16-bit unit by unit), counting lines as it goes, so
// a refusal names the line a user finds in an editor. The Windows-1252 table covers
// 0x80–0x9F; the rest of the upper half is Latin-1, ISO-8859-15 differs in eight places.
#include "io/text_encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace koers::io {

namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 bytes 0x80–0x9F; 0 where the code page defines no character.
const unsigned kCp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                              0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// ISO-8859-15 where it differs from Latin-1.
unsigned latin9(unsigned char c) {
  switch (c) {
    case 0xA4: return 0x20AC;
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    default: return c;
  }
}

// Length of the valid UTF-8 sequence at s[i], 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // a surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
  return n;
}

std::string hex_bytes(std::string_view s, size_t at, size_t n) {
  std::string out;
  for (size_t k = at; k < std::min(s.size(), at + n); ++k)
    out += fmt::format("{}0x{:02X}", out.empty() ? "" : " ", static_cast<unsigned char>(s[k]));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

ImportError refusal(std::string_view text, size_t offset, bool xml, std::string message) {
  return ImportError{line_at(text, offset), xml ? element_before(text, offset) : "", std::move(message)};
}

const char* kNul =
    "het bestand bevat een NUL-teken (byte 0x00) in een tekst; Koers kapt de tekst niet stilzwijgend "
    "af: exporteer het bestand opnieuw";

// The encoding named in an XML declaration at the start of `text` ("" when none).
std::string declared_encoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") return "";
  std::string_view decl = text.substr(0, text.find("?>"));
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  at += 8;
  while (at < decl.size() && (decl[at] == ' ' || decl[at] == '\t' || decl[at] == '\r' || decl[at] == '\n')) ++at;
  if (at >= decl.size() || decl[at] != '=') return "";
  ++at;
  while (at < decl.size() && (decl[at] == ' ' || decl[at] == '\t' || decl[at] == '\r' || decl[at] == '\n')) ++at;
  if (at >= decl.size() || (decl[at] != '"' && decl[at] != '\'')) return "";
  size_t end = decl.find(decl[at], at + 1);
  if (end == std::string_view::npos) return "";
  return std::string(decl.substr(at + 1, end - at - 1));
}

// An encoding's name as the file spells it, for a message: printable ASCII, '?' for the rest.
std::string printable(std::string name) {
  for (char& c : name)
    if (c < 0x20 || c > 0x7E) c = '?';
  return name;
}

// Character references the XML text spells out (&#0; &#xD800; &#x110000;) that would become
// a NUL or invalid UTF-8 once the parser expands them.
std::optional<ImportError> bad_character_reference(std::string_view text) {
  for (size_t at = text.find("&#"); at != std::string_view::npos; at = text.find("&#", at + 2)) {
    size_t i = at + 2;
    const bool hex = i < text.size() && text[i] == 'x';
    if (hex) ++i;
    unsigned long long value = 0;
    size_t digits = 0;
    for (; i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
      if (!hex && !std::isdigit(static_cast<unsigned char>(text[i]))) break;
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      value = std::min<unsigned long long>(value * (hex ? 16 : 10) + static_cast<unsigned>(c <= '9' ? c - '0' : c - 'a' + 10),
                                           0x7FFFFFFF);
    }
    if (digits == 0 || i >= text.size() || text[i] != ';') continue;  // the parser refuses these itself
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
      return refusal(text, at, true,
                     fmt::format("de tekenverwijzing {} is geen teken dat een tekst mag bevatten",
                                 text.substr(at, i + 1 - at)));
  }
  return std::nullopt;
}

Outcome<std::string> decode_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  int line = 1;
  auto unit = [&](size_t i) {
    unsigned a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? a | (b << 8) : (a << 8) | b;
  };
  auto bad = [&](size_t i, const std::string& why) {
    return ImportError{line, element_before(out, out.size()),
                       fmt::format("{} (byte {}): geen geldig UTF-16", why, i)};
  };
  size_t i = 0;
  if (bytes.size() >= 2 && unit(0) == 0xFEFF) i = 2;
  if (bytes.size() % 2) return bad(bytes.size() - 1, "het bestand heeft een oneven aantal bytes");
  for (; i < bytes.size(); i += 2) {
    unsigned cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
        return bad(i, "een surrogaat zonder zijn tweede helft");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return bad(i, "een losse tweede helft van een surrogaat");
    }
    if (cp == 0) return ImportError{line, element_before(out, out.size()), kNul};
    if (cp == '\n') ++line;
    append_utf8(out, cp);
  }
  return out;
}

// Each byte as Windows-1252 (the five it leaves undefined as their Latin-1 C1 controls).
std::string to_utf8_byte_by_byte(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    append_utf8(out, c >= 0x80 && c < 0xA0 && kCp1252[c - 0x80] ? kCp1252[c - 0x80] : c);
  }
  return out;
}

}  // namespace

std::optional<Encoding> encoding_by_name(std::string_view name) {
  std::string n = lower(name);
  if (n == "utf-8" || n == "utf8") return Encoding::kUtf8;
  if (n == "us-ascii" || n == "ascii") return Encoding::kAscii;
  if (n == "iso-8859-1" || n == "iso8859-1" || n == "iso_8859-1" || n == "latin1" || n == "latin-1" ||
      n == "l1" || n == "windows-1252" || n == "cp1252" || n == "x-cp1252")
    return Encoding::kWindows1252;
  if (n == "iso-8859-15" || n == "iso8859-15" || n == "iso_8859-15" || n == "latin-9" || n == "latin9")
    return Encoding::kLatin9;
  if (n == "utf-16" || n == "utf16" || n == "utf-16be") return Encoding::kUtf16BE;
  if (n == "utf-16le") return Encoding::kUtf16LE;
  return std::nullopt;
}

std::string encoding_label(Encoding e) {
  switch (e) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kAscii: return "US-ASCII";
    case Encoding::kWindows1252: return "windows-1252";
    case Encoding::kLatin9: return "ISO-8859-15";
    case Encoding::kUtf16LE: return "UTF-16LE";
    case Encoding::kUtf16BE: return "UTF-16BE";
  }
  return "";
}

size_t invalid_utf8_at(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = utf8_sequence(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

int line_at(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

std::string element_before(std::string_view xml, size_t offset) {
  offset = std::min(offset, xml.size());
  for (size_t at = xml.rfind('<', offset); at != std::string_view::npos && at < xml.size();
       at = at == 0 ? std::string_view::npos : xml.rfind('<', at - 1)) {
    size_t i = at + 1;
    if (i >= xml.size() || !(std::isalpha(static_cast<unsigned char>(xml[i])) || xml[i] == '_')) continue;
    size_t end = i;
    while (end < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[end])) || xml[end] == '_' ||
                                xml[end] == '-' || xml[end] == '.' || xml[end] == ':'))
      ++end;
    return std::string(xml.substr(i, end - i));
  }
  return "";
}

Outcome<std::string> decode_text(std::string_view bytes, Encoding encoding, bool xml) {
  if (encoding == Encoding::kUtf16LE || encoding == Encoding::kUtf16BE)
    return decode_utf16(bytes, encoding == Encoding::kUtf16LE);
  if (encoding == Encoding::kUtf8 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) return refusal(bytes, nul, xml, kNul);
  if (encoding == Encoding::kUtf8) {
    size_t bad = invalid_utf8_at(bytes);
    if (bad == std::string_view::npos) return std::string(bytes);
    return refusal(bytes, bad, xml,
                   fmt::format("byte {} is geen geldig UTF-8, terwijl het bestand zegt UTF-8 te zijn (is het "
                               "misschien ISO-8859-1 of windows-1252?); Koers slaat niets op",
                               hex_bytes(bytes, bad, 1)));
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    unsigned cp = encoding == Encoding::kAscii ? 0 : encoding == Encoding::kLatin9 ? latin9(c) : c >= 0xA0 ? c : kCp1252[c - 0x80];
    if (cp == 0)
      return refusal(bytes, i, xml,
                     fmt::format("byte {} is geen teken in {}, de codering die het bestand noemt",
                                 hex_bytes(bytes, i, 1), encoding_label(encoding)));
    append_utf8(out, cp);
  }
  return out;
}

Outcome<std::string> decode_xml(std::string_view bytes) {
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\0\0"sv) || starts("\0\0\xFE\xFF"sv))
    return ImportError{1, "?xml", "het bestand is in UTF-32; Koers leest UTF-8, UTF-16, ISO-8859-1 en windows-1252"};
  std::optional<Encoding> wide;
  if (starts("\xFF\xFE") || starts("<\0?\0"sv)) wide = Encoding::kUtf16LE;
  if (starts("\xFE\xFF") || starts("\0<\0?"sv)) wide = Encoding::kUtf16BE;
  if (wide) {
    Outcome<std::string> text = decode_text(bytes, *wide, true);
    if (failed(text)) return text;
    std::string named = printable(declared_encoding(std::get<std::string>(text)));
    std::optional<Encoding> e = encoding_by_name(named);
    if (!named.empty() && e != Encoding::kUtf16BE && e != Encoding::kUtf16LE)
      return ImportError{1, "?xml",
                         fmt::format("het bestand is in UTF-16 geschreven maar noemt de codering \"{}\"", named)};
    if (auto bad = bad_character_reference(std::get<std::string>(text))) return *bad;
    return text;
  }
  const bool bom = starts("\xEF\xBB\xBF");
  std::string_view body = bom ? bytes.substr(3) : bytes;
  std::string named = printable(declared_encoding(body));
  std::optional<Encoding> encoding = named.empty() ? Encoding::kUtf8 : encoding_by_name(named);
  if (!encoding)
    return ImportError{1, "?xml",
                       fmt::format("de codering \"{}\" kent Koers niet; exporteer het bestand als UTF-8, "
                                   "ISO-8859-1 of windows-1252",
                                   named)};
  if (*encoding == Encoding::kUtf16BE || *encoding == Encoding::kUtf16LE)
    return ImportError{1, "?xml",
                       fmt::format("het bestand noemt de codering \"{}\" maar is niet in UTF-16 geschreven", named)};
  if (bom && *encoding != Encoding::kUtf8)
    return ImportError{1, "?xml",
                       fmt::format("het bestand begint als UTF-8 (met een BOM) maar noemt de codering \"{}\"", named)};
  // A file that says it is in a one-byte encoding but is valid UTF-8 with characters beyond
  // ASCII is UTF-8: read as it says, "Zoë" would become "ZoÃ«".
  if (*encoding == Encoding::kWindows1252 || *encoding == Encoding::kLatin9) {
    auto high = std::find_if(body.begin(), body.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (high != body.end() && valid_utf8(body)) {
      size_t at = static_cast<size_t>(high - body.begin());
      return refusal(body, at, true,
                     fmt::format("het bestand noemt de codering \"{}\" maar is in UTF-8 geschreven (\"{}\" "
                                 "zou dan als {} bewaard worden); exporteer het opnieuw of zet encoding=\"UTF-8\" "
                                 "in de eerste regel",
                                 named, body.substr(at, utf8_sequence(body, at)),
                                 to_utf8_byte_by_byte(body.substr(at, utf8_sequence(body, at)))));
    }
  }
  Outcome<std::string> text = decode_text(body, *encoding, true);
  if (failed(text)) return text;
  if (auto bad = bad_character_reference(std::get<std::string>(text))) return *bad;
  return text;
}

std::string to_utf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (valid_utf8(bytes)) return std::string(bytes);
  return to_utf8_byte_by_byte(bytes);
}

}  // namespace koers::io
