// CSV as schools really have it: UTF-8 with or without BOM or Windows-1252, separated by
// ';' or ',', fields in double quotes with "" inside, blank lines. Line numbers are kept
// so every error can name the line a user sees in their spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/import_error.h"
#include "io/text_encoding.h"  // to_utf8: the bytes of a CSV as UTF-8

namespace koers::io {

struct CsvTable {
  char separator = ';';
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // the file line of each row (1 is the header)
};

// The separator is the one of ';' and ',' the header line has most of. Refuses text that
// is not valid UTF-8 (decode with to_utf8 first) and a cell holding a NUL character, with
// its line and column: neither ever reaches the database.
Outcome<CsvTable> read_csv(std::string_view utf8_text);

}  // namespace koers::io
