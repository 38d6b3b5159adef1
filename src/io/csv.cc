#include "io/csv.h"

#include <algorithm>
#include <optional>

namespace koers::io {

namespace {

const char* kNulMessage =
    "bevat een NUL-teken (byte 0x00); Koers kapt de tekst niet stilzwijgend af: sla het bestand opnieuw op als CSV";

// The first cell holding a NUL character, as a refusal with its line and column.
std::optional<ImportError> nul_in(const CsvTable& table) {
  auto column = [&](size_t i) {
    const bool named = i < table.header.size() && !table.header[i].empty() && table.header[i].find('\0') == std::string::npos;
    return named ? table.header[i] : "kolom " + std::to_string(i + 1);
  };
  for (size_t i = 0; i < table.header.size(); ++i)
    if (table.header[i].find('\0') != std::string::npos) return ImportError{1, column(i), kNulMessage};
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (size_t i = 0; i < table.rows[r].size(); ++i)
      if (table.rows[r][i].find('\0') != std::string::npos) return ImportError{table.lines[r], column(i), kNulMessage};
  return std::nullopt;
}

}  // namespace

Outcome<CsvTable> read_csv(std::string_view text) {
  CsvTable table;
  if (size_t bad = invalid_utf8_at(text); bad != std::string_view::npos)
    return ImportError{line_at(text, bad), "", "de tekst is geen geldig UTF-8 (lees het bestand met to_utf8)"};
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
  if (text.find('\0') != std::string_view::npos)
    if (auto nul = nul_in(table)) return *nul;
  return table;
}

}  // namespace koers::io
