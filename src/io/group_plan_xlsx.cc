#include "io/group_plan_xlsx.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "io/xlsx_workbook.h"

namespace koers::io {

namespace {

using domain::Approach;
using domain::GoalVerdict;
using domain::verdict_label;
using domain::GroupPlan;
using domain::PlanGoal;
using domain::SubgroupPlan;
using domain::SubjectPlan;
using domain::WeekSlot;
using xlsx::check;
using xlsx::write;

using Names = std::map<domain::Id, std::string>;

// Every sheet: a title row, on "Groepsplan" a line about the plan under it, then the header
// row, frozen and repeated on every printed page.
constexpr lxw_row_t kTitleRow = 0, kInfoRow = 1;
constexpr lxw_row_t kPlanHeaderRow = 2;  // "Groepsplan"
constexpr lxw_row_t kHeaderRow = 1;      // the other sheets

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* info = nullptr;
  lxw_format* header = nullptr;
  lxw_format* section = nullptr;  // a subject's name over its rows
  lxw_format* text = nullptr;     // every other cell: wrapped, from the top
};

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = xlsx::title_format(wb);
  f.info = xlsx::info_format(wb);
  f.header = xlsx::wrapped_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xE3F1F4);  // the pages' --brand-soft, as in the groepsoverzicht
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.section = xlsx::wrapped_format(wb);
  format_set_bold(f.section);
  format_set_font_size(f.section, 12);
  format_set_bg_color(f.section, 0xC5E1E8);
  format_set_top(f.section, LXW_BORDER_THIN);
  f.text = xlsx::wrapped_format(wb);
  return f;
}

struct Column {
  const char* header;
  double width;  // in characters
};

std::vector<double> widths_of(const std::vector<Column>& cols) {
  std::vector<double> out;
  for (const auto& c : cols) out.push_back(c.width);
  return out;
}

// A sheet being written: every cell put through it counts towards its row's height.
struct Sheet {
  Sheet(lxw_worksheet* sheet, const std::vector<Column>& cols) : ws(sheet), heights(widths_of(cols)) {}
  void put(lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
    write(ws, row, col, text, format);
    heights.fit(row, col, text);
  }
  lxw_worksheet* ws;
  xlsx::RowHeights heights;
};

// The header row and the column widths of a sheet.
void write_header(Sheet& sheet, lxw_row_t row, const std::vector<Column>& cols, const Formats& f) {
  for (size_t c = 0; c < cols.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    sheet.put(row, col, cols[c].header, f.header);
    check(worksheet_set_column(sheet.ws, col, col, cols[c].width, nullptr), "kolombreedte");
  }
}

// Rows as tall as their cells; the header stays in view and is printed on every page.
void finish_sheet(Sheet& sheet, lxw_row_t header_row) {
  lxw_worksheet* ws = sheet.ws;
  sheet.heights.apply(ws);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  xlsx::print_landscape_one_page_wide(ws);
  check(worksheet_repeat_rows(ws, header_row, header_row), "afdrukkoppen");
}

// ---- texts ------------------------------------------------------------------------------

std::string pupil_name(const Names& names, domain::Id id) {
  auto it = names.find(id);
  return it != names.end() ? it->second : fmt::format("leerling {}", id);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string pupils_cell(const SubgroupPlan& g, const Names& names) {
  std::vector<std::string> out;
  for (domain::Id id : g.pupils) out.push_back(pupil_name(names, id));
  return joined(out, ", ");
}

// "1. didactisch: leest een tekst op AVI E5 vlot (uit vorige periode: niet behaald in Periode 1)"
std::string goal_text(const PlanGoal& goal, size_t number) {
  std::string out = fmt::format("{}. {}{}: {}", number, domain::goal_kind_key(goal.kind),
                                goal.year_group.empty() ? "" : ", groep " + goal.year_group, goal.text);
  if (!goal.carried_from.empty()) out += " (uit vorige periode: " + goal.carried_from + ")";
  return out;
}

std::string goals_cell(const SubgroupPlan& g) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < g.goals.size(); ++i) lines.push_back(goal_text(g.goals[i], i + 1));
  return joined(lines, "\n");
}

// "per leerling: 3 behaald, 1 niet behaald (zie Evaluatie)"
std::string pupil_verdicts(const PlanGoal& goal) {
  std::vector<std::string> counts;
  for (GoalVerdict v : {GoalVerdict::kReached, GoalVerdict::kPartly, GoalVerdict::kNotReached}) {
    auto n = std::count_if(goal.pupils.begin(), goal.pupils.end(), [v](const auto& p) { return p.verdict == v; });
    if (n > 0) counts.push_back(fmt::format("{} {}", n, verdict_label(v)));
  }
  return "per leerling: " + joined(counts, ", ") + " (zie Evaluatie)";
}

// How the subgroup is evaluated, then per evaluated goal its verdict and why: what helped and
// what stood in the way.
std::string evaluation_cell(const SubgroupPlan& g) {
  std::vector<std::string> lines;
  if (!g.evaluation.empty()) lines.push_back(g.evaluation);
  for (size_t i = 0; i < g.goals.size(); ++i) {
    const PlanGoal& goal = g.goals[i];
    if (!goal.verdict && goal.stimulating.empty() && goal.hindering.empty() && goal.pupils.empty()) continue;
    lines.push_back(fmt::format("Doel {}: {}", i + 1, goal.verdict ? verdict_label(*goal.verdict) : "nog geen oordeel"));
    if (!goal.stimulating.empty()) lines.push_back("bevorderend: " + goal.stimulating);
    if (!goal.hindering.empty()) lines.push_back("belemmerend: " + goal.hindering);
    if (!goal.pupils.empty()) lines.push_back(pupil_verdicts(goal));
  }
  return joined(lines, "\n");
}

// intensief, basis, verdiept: the order a school reads them in, whatever the plan's order.
std::vector<const SubgroupPlan*> in_reading_order(const SubjectPlan& s) {
  std::vector<const SubgroupPlan*> out;
  for (const auto& g : s.subgroups) out.push_back(&g);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return static_cast<int>(a->approach) < static_cast<int>(b->approach);
  });
  return out;
}

std::string plan_title(const GroupPlanHeader& h) {
  std::string out = "Groepsplan";
  if (!h.group_name.empty()) out += " " + h.group_name;
  if (!h.period_name.empty()) out += " — " + h.period_name;
  return out;
}

std::string version_text(const GroupPlan& plan) {
  return plan.version > 0 ? fmt::format("versie {}", plan.version) : "concept, nog niet opgeslagen";
}

// "De Valentijn · leerkracht: J. Peters · opgeslagen op 23-11-2026 door J. Peters"
std::string info_text(const GroupPlan& plan, const GroupPlanHeader& h) {
  std::vector<std::string> parts;
  if (!h.school_name.empty()) parts.push_back(h.school_name);
  if (!h.teachers.empty()) parts.push_back((h.teachers.size() == 1 ? "leerkracht: " : "leerkrachten: ") + joined(h.teachers, ", "));
  if (plan.version > 0) {
    std::string saved = "opgeslagen";
    if (!plan.saved_at.empty()) saved += " op " + xlsx::dutch_date(plan.saved_at);
    if (!plan.saved_by.empty()) saved += " door " + plan.saved_by;
    parts.push_back(saved);
  }
  if (plan.evaluation_closed) parts.push_back("evaluatie afgesloten");
  return joined(parts, " · ");
}

// ---- deel 1 -----------------------------------------------------------------------------

const std::vector<Column>& plan_columns() {
  static const std::vector<Column> cols{{"Subgroep", 13},    {"Leerlingen", 22},      {"Doelen", 40},
                                        {"Aanbod", 30},      {"Aanpak", 30},          {"Organisatie", 24},
                                        {"Aandachtspunten", 24}, {"Evaluatie", 36}};
  return cols;
}
enum PlanColumn : lxw_col_t { kSubgroup, kPupils, kGoals, kContent, kMethod, kOrganisation, kAttention, kEvaluation };

void write_subject(Sheet& ws, lxw_row_t& row, const SubjectPlan& s, const Names& names, const Formats& f) {
  // The subject's name as a band over the whole width.
  ws.put(row, 0, s.subject, f.section);
  for (lxw_col_t c = 1; c < plan_columns().size(); ++c) ws.put(row, c, "", f.section);
  ++row;

  // The basic offer once, for the whole group; the subgroups' rows say only what differs.
  ws.put(row, kSubgroup, "hele groep", f.text);
  ws.put(row, kPupils, "basisaanbod voor alle leerlingen", f.text);
  ws.put(row, kContent, s.basic_offer, f.text);
  ++row;

  for (const SubgroupPlan* g : in_reading_order(s)) {
    ws.put(row, kSubgroup, domain::approach_label(g->approach), f.text);
    ws.put(row, kPupils, pupils_cell(*g, names), f.text);
    ws.put(row, kGoals, goals_cell(*g), f.text);
    ws.put(row, kContent, g->content, f.text);
    ws.put(row, kMethod, g->method, f.text);
    ws.put(row, kOrganisation, g->organisation, f.text);
    ws.put(row, kAttention, g->attention, f.text);
    ws.put(row, kEvaluation, evaluation_cell(*g), f.text);
    ++row;
  }

  for (const auto& line : s.individual) {
    ws.put(row, kSubgroup, "individueel", f.text);
    ws.put(row, kPupils, pupil_name(names, line.pupil_id), f.text);
    ws.put(row, kContent, line.text, f.text);
    ++row;
  }
}

void write_plan_sheet(lxw_worksheet* ws, const GroupPlan& plan, const GroupPlanHeader& h, const Names& names,
                      const Formats& f) {
  Sheet sheet(ws, plan_columns());
  write(ws, kTitleRow, 0, plan_title(h) + " — " + version_text(plan), f.title);
  write(ws, kInfoRow, 0, info_text(plan, h), f.info);
  write_header(sheet, kPlanHeaderRow, plan_columns(), f);
  lxw_row_t row = kPlanHeaderRow + 1;
  for (const SubjectPlan& s : plan.subjects) write_subject(sheet, row, s, names, f);
  if (plan.subjects.empty()) write(ws, row, 0, "Dit groepsplan heeft nog geen vakgebieden.", f.info);
  finish_sheet(sheet, kPlanHeaderRow);
}

// ---- deel 2 -----------------------------------------------------------------------------

void write_functioning_sheet(lxw_worksheet* ws, const GroupPlan& plan, const GroupPlanHeader& h, const Formats& f) {
  write(ws, kTitleRow, 0, plan_title(h) + " — deel 2: werkhouding en sociaal-emotioneel functioneren", f.title);
  const std::vector<Column> cols{{"Onderdeel", 28}, {"De groep", 110}};
  Sheet sheet(ws, cols);
  write_header(sheet, kHeaderRow, cols, f);
  const auto& g = plan.functioning;
  const std::pair<const char*, const std::string*> rows[] = {
      {"Leerstijl", &g.learning_style},      {"Behoefte aan relatie", &g.relation},
      {"Behoefte aan competentie", &g.competence}, {"Behoefte aan autonomie", &g.autonomy},
      {"Interesses", &g.interests},          {"Notities", &g.notes}};
  lxw_row_t row = kHeaderRow + 1;
  for (const auto& [label, text] : rows) {
    sheet.put(row, 0, label, f.text);
    sheet.put(row++, 1, *text, f.text);
  }
  finish_sheet(sheet, kHeaderRow);
}

// ---- weekplanning -----------------------------------------------------------------------

std::string day_name(int day) {
  const auto& names = domain::weekday_names();
  return day >= 1 && day <= static_cast<int>(names.size()) ? names[static_cast<size_t>(day - 1)] : fmt::format("dag {}", day);
}

void write_week_sheet(lxw_worksheet* ws, const GroupPlan& plan, const GroupPlanHeader& h, const Formats& f) {
  write(ws, kTitleRow, 0, plan_title(h) + " — weekplanning", f.title);
  const std::vector<Column> cols{{"Dag", 11},        {"Tijd", 7},   {"Vak", 20},     {"Hele groep", 32},
                                 {"Intensief", 32}, {"Basis", 32}, {"Verdiept", 32}};
  Sheet sheet(ws, cols);
  write_header(sheet, kHeaderRow, cols, f);
  lxw_row_t row = kHeaderRow + 1;
  for (const WeekSlot* w : domain::week_in_order(plan.week)) {
    lxw_col_t c = 0;
    for (const std::string& text : {day_name(w->day), w->time, w->subject, w->whole_group, w->intensive, w->basic, w->deepened})
      sheet.put(row, c++, text, f.text);
    ++row;
  }
  if (plan.week.empty()) write(ws, row, 0, "Er is nog geen weekplanning.", f.info);
  else check(worksheet_autofilter(ws, kHeaderRow, 0, row - 1, 6), "filter");
  finish_sheet(sheet, kHeaderRow);
}

// ---- evaluatie per leerling -------------------------------------------------------------

bool has_pupil_evaluations(const GroupPlan& plan) {
  for (const auto& s : plan.subjects)
    for (const auto& g : s.subgroups)
      for (const auto& goal : g.goals)
        if (!goal.pupils.empty()) return true;
  return false;
}

void write_evaluation_sheet(lxw_worksheet* ws, const GroupPlan& plan, const GroupPlanHeader& h, const Names& names,
                            const Formats& f) {
  write(ws, kTitleRow, 0, plan_title(h) + " — evaluatie per leerling", f.title);
  const std::vector<Column> cols{{"Vak", 18},     {"Subgroep", 11},     {"Doel", 42},     {"Leerling", 24},
                                 {"Oordeel", 14}, {"Onderbouwing", 46}, {"Bevestigd", 10}};
  Sheet sheet(ws, cols);
  write_header(sheet, kHeaderRow, cols, f);
  lxw_row_t row = kHeaderRow + 1;
  for (const SubjectPlan& s : plan.subjects)
    for (const SubgroupPlan* g : in_reading_order(s))
      for (size_t i = 0; i < g->goals.size(); ++i)
        for (const auto& p : g->goals[i].pupils) {
          lxw_col_t c = 0;
          // "nee": Koers's proposal from the results, not yet confirmed by the teacher.
          for (const std::string& text : {s.subject, domain::approach_label(g->approach), goal_text(g->goals[i], i + 1),
                                          pupil_name(names, p.pupil_id), verdict_label(p.verdict), p.evidence,
                                          std::string(p.confirmed ? "ja" : "nee")})
            sheet.put(row, c++, text, f.text);
          ++row;
        }
  check(worksheet_autofilter(ws, kHeaderRow, 0, row - 1, 6), "filter");
  finish_sheet(sheet, kHeaderRow);
}

}  // namespace

std::string group_plan_xlsx(const domain::GroupPlan& plan, const GroupPlanHeader& header, const Names& pupil_names) {
  return xlsx::workbook_bytes(plan_title(header), [&](lxw_workbook* wb) {
    const Formats f = make_formats(wb);
    write_plan_sheet(xlsx::add_sheet(wb, "Groepsplan"), plan, header, pupil_names, f);
    write_functioning_sheet(xlsx::add_sheet(wb, "Deel 2"), plan, header, f);
    write_week_sheet(xlsx::add_sheet(wb, "Weekplanning"), plan, header, f);
    if (has_pupil_evaluations(plan)) write_evaluation_sheet(xlsx::add_sheet(wb, "Evaluatie"), plan, header, pupil_names, f);
  });
}

}  // namespace koers::io
