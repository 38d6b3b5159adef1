#include "io/xlsx_workbook.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace koers::io::xlsx {

namespace {

// A file name no one else uses, removed when this goes out of scope (also on an exception).
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "koers-export-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error(fmt::format("Excel-export: tijdelijk bestand: {}", std::strerror(errno)));
    ::close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("Excel-export: het bestand kon niet worden gelezen");
    return bytes;
  }

 private:
  std::string path_;
};

// Owns the workbook until close(), so an exception part-way still frees it.
class Workbook {
 public:
  explicit Workbook(const std::string& path) : scratch_dir_(std::filesystem::temp_directory_path().string()) {
    // libxlsxwriter's own scratch files go where ours does, not into the working directory.
    lxw_workbook_options options{};
    options.tmpdir = scratch_dir_.data();
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (!wb_) throw std::runtime_error("Excel-export: de werkmap kon niet worden aangemaakt");
  }
  ~Workbook() {
    if (wb_) workbook_close(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return wb_; }
  // Writes the file; the workbook is freed either way.
  void close() { check(workbook_close(std::exchange(wb_, nullptr)), "opslaan"); }

 private:
  std::string scratch_dir_;
  lxw_workbook* wb_ = nullptr;
};

}  // namespace

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("Excel-export: {}: {}", what, lxw_strerror(error)));
}

std::string workbook_bytes(const std::string& title, const std::function<void(lxw_workbook*)>& fill) {
  TempFile file;
  {
    Workbook wb(file.path());
    std::string title_text = title, author = "Koers";
    lxw_doc_properties properties{};
    properties.title = title_text.data();
    properties.author = author.data();
    check(workbook_set_properties(wb.get(), &properties), "eigenschappen");
    fill(wb.get());
    wb.close();
  }
  return file.read();
}

lxw_worksheet* add_sheet(lxw_workbook* wb, const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (!ws) throw std::runtime_error(fmt::format("Excel-export: het werkblad {} kon niet worden aangemaakt", name));
  return ws;
}

void write(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
  check(worksheet_write_string(ws, row, col, text.c_str(), format), "cel schrijven");
}

void write_number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::optional<double> value, lxw_format* format) {
  if (value)
    check(worksheet_write_number(ws, row, col, *value, format), "getal schrijven");
  else
    check(worksheet_write_blank(ws, row, col, format), "cel schrijven");
}

void write_date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::optional<domain::Date>& date,
                lxw_format* format) {
  if (!date) {
    check(worksheet_write_blank(ws, row, col, format), "cel schrijven");
    return;
  }
  lxw_datetime when{date->year, date->month, date->day, 0, 0, 0.0};
  check(worksheet_write_datetime(ws, row, col, &when, format), "datum schrijven");
}

namespace {

// UTF-8 characters in `text` (continuation bytes do not count).
size_t characters(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

int wrapped_lines(const std::string& text, double width) {
  const size_t room = width >= 2 ? static_cast<size_t>(width) : 1;
  int lines = 0;
  size_t start = 0;
  while (true) {  // per paragraph (a line the text breaks itself)
    size_t end = text.find('\n', start);
    std::string_view paragraph(text.data() + start, (end == std::string::npos ? text.size() : end) - start);
    ++lines;
    size_t used = 0;
    for (size_t i = 0; i <= paragraph.size();) {
      size_t space = paragraph.find(' ', i);
      if (space == std::string_view::npos) space = paragraph.size();
      size_t word = characters(paragraph.substr(i, space - i));
      if (used > 0 && used + 1 + word > room) {  // the word goes to the next line
        ++lines;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + word;
      while (used > room) {  // a word longer than the column breaks
        ++lines;
        used -= room;
      }
      i = space + 1;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

void RowHeights::fit(lxw_row_t row, lxw_col_t col, const std::string& text) {
  double width = col < widths_.size() ? widths_[col] : 8.43;  // a spreadsheet's default width
  int& tallest = lines_[row];
  tallest = std::max(tallest, wrapped_lines(text, width));
}

int RowHeights::lines(lxw_row_t row) const {
  auto it = lines_.find(row);
  return it == lines_.end() ? 0 : it->second;
}

void RowHeights::apply(lxw_worksheet* ws) const {
  for (const auto& [row, lines] : lines_)
    check(worksheet_set_row(ws, row, kLineHeight * lines, nullptr), "rijhoogte");
}

lxw_format* title_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_bold(f);
  format_set_font_size(f, 14);
  return f;
}

lxw_format* info_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_color(f, 0x555555);
  return f;
}

lxw_format* date_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_num_format(f, "dd-mm-yyyy");
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

lxw_format* wrapped_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

void print_landscape_one_page_wide(lxw_worksheet* ws) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
  check(worksheet_set_footer(ws, "&CPagina &P van &N"), "voettekst");
}

std::string dutch_date(const std::string& iso) {
  std::string day = iso.substr(0, 10);
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return day;
  return day.substr(8, 2) + "-" + day.substr(5, 2) + "-" + day.substr(0, 4);
}

}  // namespace koers::io::xlsx
