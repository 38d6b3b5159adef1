#include "io/csv.h"

#include <algorithm>

namespace koers::io {

namespace {

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 bytes 0x80–0x9F; the rest of the upper half is Latin-1.
const unsigned kCp1252[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                              0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

}  // namespace

std::string to_utf8(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (valid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    append_utf8(out, c >= 0x80 && c < 0xA0 ? kCp1252[c - 0x80] : c);
  }
  return out;
}

Outcome<CsvTable> read_csv(std::string_view text) {
  CsvTable table;
  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  table.separator = std::count(first.begin(), first.end(), ',') > std::count(first.begin(), first.end(), ';') ? ',' : ';';

  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = std::all_of(record.begin(), record.end(), [](const std::string& f) {
      return f.find_first_not_of(" \t\r") == std::string::npos;
    });
    if (!blank) {
      if (table.header.empty())
        table.header = record;  // the first line with text
      else {
        const size_t width = record.size();
        table.rows.push_back(std::move(record));
        table.lines.push_back(record_line);
        record = {};
        record.reserve(width);
      }
    }
    record.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == table.separator) {
      end_field();
    } else if (c == '\r') {
      // CRLF: the \n ends the record
    } else if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
    } else {
      // A run of plain characters at once.
      size_t j = i;
      while (j < text.size() && text[j] != table.separator && text[j] != '\n' && text[j] != '\r' && text[j] != '"') ++j;
      if (j == i) j = i + 1;
      std::string_view run = text.substr(i, j - i);
      field.append(run);
      if (run.find_first_not_of(' ') != std::string_view::npos) field_started = true;
      i = j - 1;
    }
  }
  if (quoted) return ImportError{record_line, "", "een aanhalingsteken wordt niet gesloten"};
  if (!field.empty() || !record.empty()) end_record();
  if (table.header.empty()) return ImportError{1, "", "het bestand is leeg of heeft geen kopregel"};
  for (auto& h : table.header) {
    size_t a = h.find_first_not_of(" \t"), b = h.find_last_not_of(" \t");
    h = a == std::string::npos ? "" : h.substr(a, b - a + 1);
  }
  return table;
}

}  // namespace koers::io
