// Reading an .xlsx in tests: its parts with `unzip`, a sheet's cells as text with pugixml, so a
// test can say what is in which cell and in which order, not only that a string is somewhere.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "unzip_support.h"

namespace koers::testing {

struct XlsxCell {
  std::string text;
  unsigned style = 0;  // index into styles.xml's cellXfs
};
using XlsxRow = std::vector<XlsxCell>;

struct XlsxStyle {
  bool bold = false;
  bool wrapped = false;  // wrapText
  bool top = false;      // vertical alignment at the top
};

// The workbook's bytes in a file of this object's own, removed when it goes.
class Xlsx {
 public:
  explicit Xlsx(const std::string& bytes) : path_(unique_path()) { std::ofstream(path_, std::ios::binary) << bytes; }
  ~Xlsx() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  Xlsx(const Xlsx&) = delete;
  Xlsx& operator=(const Xlsx&) = delete;

  // The raw XML of `name` ("xl/workbook.xml"); empty when absent.
  std::string part(const std::string& name) const { return unzip_part(path_.string(), name); }

  // The sheet names in workbook order.
  std::vector<std::string> sheet_names() const {
    std::vector<std::string> names;
    pugi::xml_document doc;
    load(doc, "xl/workbook.xml");
    for (pugi::xml_node s : doc.child("workbook").child("sheets").children("sheet")) names.push_back(s.attribute("name").value());
    return names;
  }

  // The raw XML of the sheet named `name` (libxlsxwriter numbers the parts in workbook order);
  // empty when there is no such sheet.
  std::string sheet_xml(const std::string& name) const {
    std::vector<std::string> names = sheet_names();
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return part("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    return "";
  }

  // The sheet's rows from the first (row 1 is [0]), each as long as its last written cell;
  // cells not written are empty.
  std::vector<XlsxRow> rows(const std::string& sheet) const {
    std::vector<std::string> strings;
    pugi::xml_document shared;
    load(shared, "xl/sharedStrings.xml");
    for (pugi::xml_node si : shared.child("sst").children("si")) {
      std::string text;
      for (pugi::xpath_node t : si.select_nodes(".//t")) text += t.node().text().get();
      strings.push_back(text);
    }
    std::vector<XlsxRow> out;
    pugi::xml_document doc;
    doc.load_string(sheet_xml(sheet).c_str());
    for (pugi::xpath_node xc : doc.select_nodes("//sheetData/row/c")) {
      pugi::xml_node c = xc.node();
      auto [row, col] = reference(c.attribute("r").value());
      if (out.size() <= row) out.resize(row + 1);
      if (out[row].size() <= col) out[row].resize(col + 1);
      XlsxCell& cell = out[row][col];
      cell.style = c.attribute("s").as_uint();
      std::string value = c.child("v").text().get();
      if (std::string(c.attribute("t").value()) == "s") {
        size_t index = std::stoul(value);
        cell.text = index < strings.size() ? strings[index] : "";
      } else {
        cell.text = value;
      }
    }
    return out;
  }

  // What a cell's `style` looks like.
  XlsxStyle style(unsigned index) const {
    pugi::xml_document doc;
    load(doc, "xl/styles.xml");
    pugi::xml_node styles = doc.child("styleSheet");
    XlsxStyle out;
    pugi::xml_node xf = nth(styles.child("cellXfs"), "xf", index);
    out.wrapped = xf.child("alignment").attribute("wrapText").as_bool();
    out.top = std::string(xf.child("alignment").attribute("vertical").value()) == "top";
    out.bold = static_cast<bool>(nth(styles.child("fonts"), "font", xf.attribute("fontId").as_uint()).child("b"));
    return out;
  }

 private:
  static std::filesystem::path unique_path() {
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           ("koers-xlsx-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".xlsx");
  }
  static pugi::xml_node nth(pugi::xml_node parent, const char* name, unsigned index) {
    for (pugi::xml_node n : parent.children(name))
      if (index-- == 0) return n;
    return {};
  }
  void load(pugi::xml_document& doc, const std::string& part_name) const { doc.load_string(part(part_name).c_str()); }
  // "B12" → row 11, column 1.
  static std::pair<size_t, size_t> reference(const std::string& r) {
    size_t col = 0, i = 0;
    for (; i < r.size() && r[i] >= 'A' && r[i] <= 'Z'; ++i) col = col * 26 + static_cast<size_t>(r[i] - 'A' + 1);
    return {static_cast<size_t>(std::stoul(r.substr(i))) - 1, col - 1};
  }

  std::filesystem::path path_;
};

}  // namespace koers::testing
