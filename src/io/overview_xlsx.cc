#include "io/overview_xlsx.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <set>

#include "io/xlsx_workbook.h"

namespace koers::io {

namespace {

using domain::EntryKind;
using domain::OverviewEntry;
using domain::OverviewLine;
using xlsx::check;
using xlsx::write;

// The sheet's rows above the pupils; the section and header rows are frozen and repeated
// on every printed page.
constexpr lxw_row_t kTitleRow = 0, kInfoRow = 1, kSectionRow = 2, kHeaderRow = 3, kFirstPupilRow = 4;

// ---- formats ----------------------------------------------------------------------------

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* info = nullptr;
  lxw_format* section = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;           // every pupil cell: wrapped, from the top
  lxw_format* below_mastery = nullptr;  // a method test under the school's norm
  lxw_format* level[5] = {};            // rank 1 (I/A) … 5 (V/E), the page's colours
};

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = xlsx::title_format(wb);
  f.info = xlsx::info_format(wb);
  for (lxw_format** h : {&f.section, &f.header}) {
    *h = xlsx::wrapped_format(wb);
    format_set_bold(*h);
    format_set_bg_color(*h, 0xE3F1F4);  // the page's --brand-soft
  }
  format_set_align(f.section, LXW_ALIGN_CENTER);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.text = xlsx::wrapped_format(wb);
  f.below_mastery = xlsx::wrapped_format(wb);
  format_set_font_color(f.below_mastery, 0xB3261E);  // the page's --bad
  format_set_bold(f.below_mastery);
  struct Colour {
    lxw_color_t fill, font;
  };
  const Colour colours[5] = {{0x1B6E34, 0xFFFFFF}, {0x8FD19E, 0x112233}, {0xE9ECEF, 0x333333},
                             {0xF6A04D, 0x222222}, {0xC62828, 0xFFFFFF}};
  for (int i = 0; i < 5; ++i) {
    f.level[i] = xlsx::wrapped_format(wb);
    format_set_pattern(f.level[i], LXW_PATTERN_SOLID);
    format_set_bg_color(f.level[i], colours[i].fill);
    format_set_font_color(f.level[i], colours[i].font);
  }
  return f;
}

lxw_format* level_format(const Formats& f, const domain::Level& level) {
  return f.level[std::clamp(level.rank, 1, 5) - 1];
}

// ---- cell texts -------------------------------------------------------------------------

// "(bron: observatie, J. Peters, 23-11-2026)": where the team can check an entry.
std::string source_text(const OverviewEntry& e) {
  std::string out = "(bron: " + domain::source_label(e.source);
  if (!e.written_by.empty()) out += ", " + e.written_by;
  if (!e.written_at.empty()) out += ", " + xlsx::dutch_date(e.written_at);
  return out + ")";
}

// A factor as written; a need as the team's sentence, after its aspect or subject.
std::string entry_text(const OverviewEntry& e) {
  bool need = e.kind == EntryKind::kGeneralNeed || e.kind == EntryKind::kSubjectNeed;
  std::string text = need ? e.topic + ": " + domain::need_sentence(e.text) : e.text;
  return text + " " + source_text(e);
}

// One item per line, bulleted so an item that wraps is still told apart from the next.
std::string bulleted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "• " : "\n• ") + item;
  return out;
}

std::string entries_cell(const OverviewLine& line, std::initializer_list<EntryKind> kinds) {
  std::vector<std::string> items;
  for (EntryKind kind : kinds)  // in the order asked: general needs before subject needs
    for (const auto& e : line.entries)
      if (e.kind == kind) items.push_back(entry_text(e));
  return bulleted(items);
}

std::string signal_moment(const domain::Signal& s) { return s.block.empty() ? s.moment.label() : s.block; }

// Per subject the signals of its latest moment (they come sorted by subject and moment),
// and how many earlier ones are open too: what the page's chip per subject says, without
// a row dozens of lines tall for a pupil whose signals nobody has decided on yet.
std::string signals_cell(const OverviewLine& line) {
  std::vector<std::string> items;
  const auto& signals = line.signals;
  for (size_t from = 0; from < signals.size();) {
    size_t to = from;
    while (to < signals.size() && signals[to].subject == signals[from].subject) ++to;
    const std::string latest = signal_moment(signals[to - 1]);
    size_t earlier = 0;
    for (size_t i = from; i < to; ++i) {
      if (signal_moment(signals[i]) != latest) {
        ++earlier;
        continue;
      }
      items.push_back((signals[i].positive ? "sterk: " : "") + signals[i].evidence);
    }
    if (earlier > 0)
      items.push_back(fmt::format("{}: nog {} eerder{} open signa{}", signals[from].subject, earlier,
                                  earlier == 1 ? "" : "e", earlier == 1 ? "al" : "len"));
    from = to;
  }
  return bulleted(items);
}

std::string approach_cell(const OverviewLine& line, const std::string& subject) {
  for (const auto& a : line.approaches)
    if (a.subject == subject) return domain::approach_label(a.approach);
  return "";  // not chosen yet: empty, so the autofilter lists it as (leeg)
}

// "M5 III, E5 IV ↓": the last three moments as the page shows them, the trend after them.
std::string results_text(const std::vector<domain::StandardisedResult>& last) {
  std::string out;
  for (const auto& r : last) {
    std::string value = r.level ? r.level->label() : r.ability_score ? domain::dutch_decimal(*r.ability_score) : "";
    out += (out.empty() ? "" : ", ") + r.moment.label() + (value.empty() ? "" : " " + value);
  }
  if (auto trend = domain::trend_of(last)) out += " " + domain::trend_symbol(*trend);
  return out;
}

int rounded_percentage(const domain::MethodTest& t) { return static_cast<int>(t.percentage() + 0.5); }

// "Blok 2: 21/40 (53%)"
std::string method_test_text(const domain::MethodTest& t) {
  return fmt::format("{}: {}/{} ({}%)", t.block, domain::dutch_decimal(t.score), domain::dutch_decimal(t.maximum),
                     rounded_percentage(t));
}

// ---- columns ----------------------------------------------------------------------------

struct Cell {
  std::string text;
  lxw_format* format = nullptr;  // nullptr: the plain wrapped format
};

// One column of the sheet: the section over it (empty: none), its header, its width in
// characters and how to fill it for a pupil.
struct Column {
  std::string section;
  std::string header;
  double width = 10;
  std::function<Cell(const OverviewLine&)> cell;
};

// The subjects found in results or tests, in the overview's order ("Technisch lezen (DMT)"
// goes where "Technisch lezen" is, "Rekenen" where "Rekenen-Wiskunde"), others after them
// by name. Without any, the overview's own subjects, so an empty group's sheet still has
// the columns a team expects.
std::vector<std::string> column_subjects(const std::vector<std::string>& overview_subjects,
                                         const std::set<std::string>& found) {
  if (found.empty()) return overview_subjects;
  auto rank = [&](const std::string& subject) {
    for (size_t i = 0; i < overview_subjects.size(); ++i)
      if (subject.rfind(overview_subjects[i], 0) == 0 || overview_subjects[i].rfind(subject, 0) == 0) return i;
    return overview_subjects.size();
  };
  std::vector<std::string> out(found.begin(), found.end());
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return out;
}

std::vector<Column> columns(const domain::GroupOverview& ov, const Formats& f, double mastery) {
  std::vector<Column> out;
  out.push_back({"", "Leerling", 24, [](const OverviewLine& l) { return Cell{l.name}; }});
  out.push_back({"", "Jaargroep", 10, [](const OverviewLine& l) { return Cell{l.year_group}; }});
  for (const auto& subject : ov.subjects)
    out.push_back({"Aanpak", subject, 11, [subject](const OverviewLine& l) { return Cell{approach_cell(l, subject)}; }});

  std::set<std::string> result_subjects, test_subjects;
  for (const auto& l : ov.lines) {
    for (const auto& r : l.results) result_subjects.insert(r.subject);
    for (const auto& t : l.method_tests) test_subjects.insert(t.subject);
  }
  for (const auto& subject : column_subjects(ov.subjects, result_subjects))
    out.push_back({"Toetsen (LVS)", subject, 15, [subject, &f](const OverviewLine& l) {
                     auto last = domain::latest_per_subject(l.results, subject, 3);
                     // One colour per cell: the latest level's, where the pupil stands now.
                     lxw_format* colour = !last.empty() && last.back().level ? level_format(f, *last.back().level) : nullptr;
                     return Cell{results_text(last), colour};
                   }});
  for (const auto& subject : column_subjects(ov.subjects, test_subjects))
    out.push_back({"Methodetoetsen", subject, 13, [subject, &f, mastery](const OverviewLine& l) {
                     for (const auto& t : l.method_tests)  // newest first: the first is the latest
                       if (t.subject == subject)
                         return Cell{method_test_text(t), mastery > 0 && t.percentage() < mastery ? f.below_mastery : nullptr};
                     return Cell{};
                   }});

  out.push_back({"", "AVI", 9, [](const OverviewLine& l) { return Cell{l.reading_level ? l.reading_level->avi_level : ""}; }});
  out.push_back({"", "Beschermend (+)", 32, [](const OverviewLine& l) { return Cell{entries_cell(l, {EntryKind::kProtective})}; }});
  out.push_back({"", "Belemmerend (−)", 32, [](const OverviewLine& l) { return Cell{entries_cell(l, {EntryKind::kHindering})}; }});
  out.push_back({"", "Onderwijsbehoeften", 44, [](const OverviewLine& l) {
                   return Cell{entries_cell(l, {EntryKind::kGeneralNeed, EntryKind::kSubjectNeed})};
                 }});
  out.push_back({"", "Signalen", 34, [](const OverviewLine& l) { return Cell{signals_cell(l)}; }});
  return out;
}

// ---- the sheet --------------------------------------------------------------------------

std::string title_of(const domain::GroupOverview& ov) {
  return "Groepsoverzicht " + ov.group.label() + " — " + ov.period_name;
}

std::string info_of(const domain::GroupOverview& ov, double mastery) {
  std::string teachers;
  for (const auto& t : ov.group.teachers) teachers += (teachers.empty() ? "" : ", ") + t;
  std::string out = fmt::format("Schooljaar {} · {} leerlingen", ov.group.school_year, ov.lines.size());
  if (!teachers.empty()) out += " · leerkracht: " + teachers;
  out += " · niveaus in kleur: I/A donkergroen … V/E rood; ↑ vooruit → gelijk ↓ achteruit";
  if (mastery > 0)
    out += fmt::format(" · methodetoetsen onder de beheersnorm van {}% in rood", domain::dutch_decimal(mastery));
  return out;
}

// Section names ("Aanpak", …) over their run of subject columns; the header row under them.
void write_headers(lxw_worksheet* ws, const std::vector<Column>& cols, const Formats& f) {
  for (size_t c = 0; c < cols.size();) {
    size_t end = c;
    while (end + 1 < cols.size() && cols[end + 1].section == cols[c].section) ++end;
    if (end > c && !cols[c].section.empty())
      check(worksheet_merge_range(ws, kSectionRow, static_cast<lxw_col_t>(c), kSectionRow, static_cast<lxw_col_t>(end),
                                  cols[c].section.c_str(), f.section),
            "kop samenvoegen");
    else
      for (size_t i = c; i <= end; ++i) write(ws, kSectionRow, static_cast<lxw_col_t>(i), cols[i].section, f.section);
    c = end + 1;
  }
  for (size_t c = 0; c < cols.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    write(ws, kHeaderRow, col, cols[c].header, f.header);
    check(worksheet_set_column(ws, col, col, cols[c].width, nullptr), "kolombreedte");
  }
}

// Landscape A4, one page wide and as many long as it takes, headers on every page.
void set_up_printing(lxw_worksheet* ws) {
  xlsx::print_landscape_one_page_wide(ws);
  check(worksheet_repeat_rows(ws, kSectionRow, kHeaderRow), "afdrukkoppen");
}

void write_sheet(lxw_worksheet* ws, const domain::GroupOverview& ov, const Formats& f, double mastery) {
  const std::vector<Column> cols = columns(ov, f, mastery);
  const lxw_col_t last_col = static_cast<lxw_col_t>(cols.size() - 1);
  write(ws, kTitleRow, 0, title_of(ov), f.title);
  write(ws, kInfoRow, 0, info_of(ov, mastery), f.info);
  write_headers(ws, cols, f);

  std::vector<double> widths;
  for (const auto& col : cols) widths.push_back(col.width);
  xlsx::RowHeights heights(widths);
  for (size_t c = 0; c < cols.size(); ++c) heights.fit(kHeaderRow, static_cast<lxw_col_t>(c), cols[c].header);
  lxw_row_t row = kFirstPupilRow;
  for (const auto& line : ov.lines) {
    for (size_t c = 0; c < cols.size(); ++c) {
      Cell cell = cols[c].cell(line);
      write(ws, row, static_cast<lxw_col_t>(c), cell.text, cell.format ? cell.format : f.text);
      heights.fit(row, static_cast<lxw_col_t>(c), cell.text);
    }
    ++row;
  }
  heights.apply(ws);
  if (ov.lines.empty()) write(ws, row++, 0, "Deze groep heeft geen leerlingen.", f.info);

  worksheet_freeze_panes(ws, kFirstPupilRow, 1);  // headers and the pupil's name stay in view
  check(worksheet_autofilter(ws, kHeaderRow, 0, std::max(kHeaderRow, row - 1), last_col), "filter");
  set_up_printing(ws);
}

// ---- one result per row ------------------------------------------------------------------

// "6" → 6: a year group or number that is a whole number (no leading zero, so a key like
// "007" stays the text it is) as a number; anything else nullopt.
std::optional<double> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 15 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stod(text);
}

// A number when it is one, else the text as it is.
void write_number_or_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* f) {
  if (auto n = whole_number(text))
    xlsx::write_number(ws, row, col, n, f);
  else
    write(ws, row, col, text, f);
}

void write_results_sheet(lxw_worksheet* ws, const domain::GroupOverview& ov, lxw_workbook* wb) {
  lxw_format* header = xlsx::wrapped_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xE3F1F4);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* text = xlsx::wrapped_format(wb);
  lxw_format* date = xlsx::date_format(wb);
  lxw_format* number = workbook_add_format(wb);
  format_set_align(number, LXW_ALIGN_VERTICAL_TOP);

  struct Heading {
    const char* name;
    double width;
  };
  const Heading headings[] = {{"Leerling", 24},      {"Leerlingnummer", 15}, {"Jaargroep", 10},
                              {"Toets", 22},         {"Moment", 9},          {"Afnamedatum", 12},
                              {"Vaardigheidsscore", 17}, {"Niveau", 8},       {"Percentiel", 11},
                              {"DLE", 7}};
  std::vector<double> widths;
  for (lxw_col_t c = 0; c < std::size(headings); ++c) {
    write(ws, 0, c, headings[c].name, header);
    check(worksheet_set_column(ws, c, c, headings[c].width, nullptr), "kolombreedte");
    widths.push_back(headings[c].width);
  }
  xlsx::RowHeights heights(widths);
  lxw_row_t row = 1;
  for (const auto& line : ov.lines)
    for (const auto& r : line.results) {
      write(ws, row, 0, line.name, text);
      heights.fit(row, 0, line.name);
      write_number_or_text(ws, row, 1, line.pupil_number, text);
      write_number_or_text(ws, row, 2, line.year_group, number);
      write(ws, row, 3, r.subject, text);
      heights.fit(row, 3, r.subject);
      write(ws, row, 4, r.moment.label(), text);
      xlsx::write_date(ws, row, 5, r.taken_on, date);
      xlsx::write_number(ws, row, 6, r.ability_score, number);
      write(ws, row, 7, r.level ? r.level->label() : "", text);
      xlsx::write_number(ws, row, 8, r.percentile, number);
      xlsx::write_number(ws, row, 9, r.dle, number);
      ++row;
    }
  heights.apply(ws);
  // A plain table from A1: sorting, filtering and a pivot table take it as it is.
  worksheet_freeze_panes(ws, 1, 0);
  check(worksheet_autofilter(ws, 0, 0, std::max<lxw_row_t>(row - 1, 1), std::size(headings) - 1), "filter");
  xlsx::print_landscape_one_page_wide(ws);
  check(worksheet_repeat_rows(ws, 0, 0), "afdrukkoppen");
}

}  // namespace

std::string group_overview_xlsx(const domain::GroupOverview& overview, double mastery_percentage) {
  return xlsx::workbook_bytes(title_of(overview), [&](lxw_workbook* wb) {
    write_sheet(xlsx::add_sheet(wb, "Groepsoverzicht"), overview, make_formats(wb), mastery_percentage);
    write_results_sheet(xlsx::add_sheet(wb, "Resultaten"), overview, wb);
  });
}

}  // namespace koers::io
