// Bytes from a file in the character encoding it has, as UTF-8: the one decoder of every
// import (EDEXML declares its encoding, a CSV does not).
//
// Contract: what decode_text and decode_xml give is valid UTF-8 without NUL, or the refusal names
// the line (and the element around it, where the text has tags) of the first byte that is
// not valid in the encoding. Never substitutes U+FFFD, never cuts a text off.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/import_error.h"

namespace koers::io {

enum class Encoding {
  kUtf8,
  kAscii,
  kWindows1252,  // also what "ISO-8859-1"/"latin1" means in practice (as browsers read it)
  kLatin9,       // ISO-8859-15
  kUtf16LE,
  kUtf16BE,
};

// "UTF-8", "utf8", "ISO-8859-1", "latin1", "windows-1252", "cp1252", "ISO-8859-15",
// "US-ASCII", "UTF-16" (big-endian unless a BOM says otherwise) …, case-insensitive;
// nullopt for a name Koers does not decode.
std::optional<Encoding> encoding_by_name(std::string_view name);
std::string encoding_label(Encoding e);  // "UTF-8", "windows-1252" …

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view s);
// The offset of the first byte that breaks valid_utf8, or npos.
size_t invalid_utf8_at(std::string_view s);

// Decodes bytes in the encoding to UTF-8 (a BOM of the encoding is dropped). Refuses a byte
// sequence that is not valid in it, and a NUL character, with the line; for XML text
// (`xml`) also with the element it is in.
Outcome<std::string> decode_text(std::string_view bytes, Encoding encoding, bool xml);

// An EDEXML (XML) file as UTF-8: the encoding from its BOM or its XML declaration
// (UTF-8 when it names none), refused by name when Koers does not decode it, and refused
// when the bytes are not valid in it, or when a file that says ISO-8859-1 or windows-1252
// is really UTF-8 (it would be stored as "ZoÃ«"). The declaration is left as it was; read
// the result as UTF-8.
Outcome<std::string> decode_xml(std::string_view bytes);

// A file that names no encoding (a CSV): UTF-8 with or without BOM, else Windows-1252
// (every byte then decodes). NUL bytes stay; read_csv refuses them with line and column.
std::string to_utf8(std::string_view bytes);

// The name of the last start tag before `offset` in XML text ("achternaam"), "" if none:
// the element a bad byte is in, as far as can be told without parsing.
std::string element_before(std::string_view xml, size_t offset);

// 1-based line of a byte offset (counting '\n').
int line_at(std::string_view text, size_t offset);

}  // namespace koers::io
