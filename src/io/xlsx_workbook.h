// What Koers's .xlsx exports share. libxlsxwriter writes files only: a workbook is built in a
// temporary file of its own and handed back as bytes, the file gone before the call returns.
// Every text cell is wrapped and starts at the top, every row written gets a height that
// fits its tallest cell (RowHeights); every sheet prints landscape on A4, one page wide.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace koers::io::xlsx {

// Throws std::runtime_error("Excel-export: <what>: <libxlsxwriter's text>") unless `error` is
// LXW_NO_ERROR.
void check(lxw_error error, const char* what);

// The bytes of a workbook titled `title` (author "Koers") that `fill` adds its sheets to. The
// temporary file and the workbook are freed also when `fill` throws; throws
// std::runtime_error when the workbook cannot be written or read back.
std::string workbook_bytes(const std::string& title, const std::function<void(lxw_workbook*)>& fill);

// A sheet named `name` (at most 31 characters, none of []:*?/\); throws when it cannot be added.
lxw_worksheet* add_sheet(lxw_workbook* wb, const std::string& name);

// Writes `text` as a string cell; an empty text leaves a blank cell in `format`.
void write(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format);

// A number cell; nullopt leaves a blank cell in `format`.
void write_number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::optional<double> value, lxw_format* format);
// A date cell (a serial date Excel sorts and filters as a date); nullopt leaves a blank cell.
// `format` must carry a date number format (date_format).
void write_date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::optional<domain::Date>& date,
                lxw_format* format);

// The lines `text` takes in a column `width` characters wide, wrapped at spaces as a
// spreadsheet does (a word longer than the column is broken): at least 1. Counts
// characters, not bytes; a column holds about `width` of them.
int wrapped_lines(const std::string& text, double width);

// Rows have no height of their own in the file: Excel fits wrapped rows when it opens one,
// LibreOffice does not, and cuts or overlaps them. This remembers, per row, the tallest
// cell written, and gives every such row a height to fit it (15 pt a line at 11 pt).
class RowHeights {
 public:
  // `widths`: the sheet's column widths in characters, as given to worksheet_set_column.
  explicit RowHeights(std::vector<double> widths) : widths_(std::move(widths)) {}
  // Remembers that `text` is in this cell.
  void fit(lxw_row_t row, lxw_col_t col, const std::string& text);
  // Sets the height of every remembered row; call once the sheet is written.
  void apply(lxw_worksheet* ws) const;
  int lines(lxw_row_t row) const;  // the tallest remembered cell's lines; 0 when none

 private:
  std::vector<double> widths_;
  std::map<lxw_row_t, int> lines_;
};
constexpr double kLineHeight = 15;  // points per line of 11-pt text

// A new format for text cells: wrapped, aligned to the top. Callers add to it (bold, colour).
lxw_format* wrapped_format(lxw_workbook* wb);
// A sheet's title (bold, 14 pt) and the grey line under it.
lxw_format* title_format(lxw_workbook* wb);
lxw_format* info_format(lxw_workbook* wb);
// Dates shown as "23-11-2026", aligned to the top like the text around them.
lxw_format* date_format(lxw_workbook* wb);

// Landscape A4 with narrow margins, one page wide and as many long as it takes, gridlines and
// "Pagina 1 van 3" in the footer. Which rows repeat on every page is the caller's.
void print_landscape_one_page_wide(lxw_worksheet* ws);

// "2026-11-23T10:04:00Z" → "23-11-2026"; any other text its first ten characters as they are.
std::string dutch_date(const std::string& iso);

}  // namespace koers::io::xlsx
