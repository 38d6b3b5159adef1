// Toetsresultaten importeren: a teacher (own groups) or the IB (the school) uploads a
// results file. The mapping step: the page sends the file to the preview API, which shows
// the first rows and which mappings fit; the user picks one (a school's own mapping is
// remembered, so next time it is one click) or maps the columns and saves the mapping.
// All of the file is stored, or none of it with every bad line. Without JavaScript the
// form imports with a chosen mapping directly.
#include <fmt/format.h>

#include "domain/field_limits.h"
#include "io/csv.h"
#include "io/results_csv.h"
#include "store/mapping_repository.h"
#include "web/app.h"
#include "web/imports/imports.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

std::string mapping_label(const std::string& name) {
  if (name == "koers") return "Koers-indeling";
  if (name == "cito-lovs") return "Cito LOVS-export";
  return name;
}

json mapping_options(Context& ctx, const std::string& chosen) {
  json out = json::array();
  std::vector<io::ColumnMapping> all = io::builtin_mappings();
  for (auto& m : store::MappingRepository(ctx.app.db).of_school(ctx.who.school_id)) all.push_back(m);
  for (const auto& m : all)
    out.push_back({{"value", m.name}, {"label", mapping_label(m.name)}, {"selected", m.name == chosen},
                   {"builtin", io::find_builtin_mapping(m.name) != nullptr}});
  return out;
}

json field_options() {
  json out = json::array();
  for (io::ResultField f : io::all_result_fields()) out.push_back(io::result_field_label(f));
  return out;
}

json base_model(Context& ctx, const std::string& chosen) {
  return {{"mappings", mapping_options(ctx, chosen)},
          {"fields", field_options()},
          {"teacher", ctx.who.role == domain::Role::kTeacher}};
}

Response show_form(Context& ctx) {
  return ctx.page("results_import", "Toetsresultaten importeren", base_model(ctx, "koers"));
}

Response upload(Context& ctx) {
  auto file = ctx.req.files.find("file");
  std::string name = file == ctx.req.files.end() ? "" : file->second.filename;
  std::string chosen = ctx.req.field("mapping").empty() ? "koers" : ctx.req.field("mapping");
  json model = base_model(ctx, chosen);
  model["file"] = name;
  try {
    io::ColumnMapping mapping = resolve_mapping(ctx, chosen, ctx.req.field("mapping_json"), ctx.req.field("save_as"));
    auto summary = import_results_file(ctx, file == ctx.req.files.end() ? "" : file->second.content, name, mapping,
                                       parse_decisions(ctx.req.field("decisions")));
    json errors = json::array();
    for (size_t i = 0; i < summary.errors.size() && i < kShownErrors; ++i) {
      const io::RowError& e = summary.errors[i];
      std::vector<std::string> choices;
      for (const auto& c : e.choices) choices.push_back(c.label);
      errors.push_back({{"line", e.line > 0 ? std::to_string(e.line) : "—"}, {"message", e.message},
                        {"choices", choices}, {"has_choices", !choices.empty()}});
    }
    json skipped = json::array();
    for (size_t i = 0; i < summary.skipped.size() && i < kShownErrors; ++i)
      skipped.push_back({{"line", std::to_string(summary.skipped[i].line)}, {"message", summary.skipped[i].message}});
    model.update({{"summary", summary.text()}, {"ok", summary.errors.empty()}, {"errors", errors},
                  {"errors_more", more_errors_text(summary.errors.size())},
                  {"skipped_more", more_errors_text(summary.skipped.size())},
                  {"skipped", summary.errors.empty() ? skipped : json::array()}});
    return ctx.page("results_import", "Toetsresultaten importeren", model, summary.errors.empty() ? 200 : 422);
  } catch (const HttpError& e) {
    model.update({{"summary", e.message}, {"ok", false}, {"errors", json::array()}});
    return ctx.page("results_import", "Toetsresultaten importeren", model, e.status);
  }
}

// POST /api/v1/imports/results/preview: the header, the first rows, and which mappings fit.
Response preview(Context& ctx) {
  auto file = ctx.req.files.find("file");
  if (file == ctx.req.files.end() || file->second.content.empty())
    throw HttpError{400, "Stuur het bestand als multipart-veld 'file'."};
  auto read = io::read_csv(io::to_utf8(file->second.content));
  if (auto* e = std::get_if<io::ImportError>(&read)) throw HttpError{422, "regel " + std::to_string(e->line) + ": " + e->message};
  const io::CsvTable& table = std::get<io::CsvTable>(read);
  json rows = json::array();
  // Shown to choose a mapping: a cell longer than any field takes is shortened, not sent whole.
  auto shown = [](const std::string& cell) {
    return domain::limits::too_long(cell, domain::limits::kNamePart) ? domain::limits::quoted(cell) : cell;
  };
  for (size_t i = 0; i < table.rows.size() && i < 5; ++i) {
    json row = json::array();
    for (const std::string& cell : table.rows[i]) row.push_back(shown(cell));
    rows.push_back(row);
  }
  json mappings = json::array();
  std::string best;
  std::vector<io::ColumnMapping> all = store::MappingRepository(ctx.app.db).of_school(ctx.who.school_id);
  for (const auto& m : io::builtin_mappings()) all.push_back(m);  // the school's own first
  for (const auto& m : all) {
    auto missing = io::missing_fields(table.header, m);
    if (missing.empty() && best.empty()) best = m.name;
    mappings.push_back({{"name", m.name}, {"label", mapping_label(m.name)}, {"fits", missing.empty()},
                        {"missing", missing}, {"columns", json::parse(store::mapping_to_json(m))}});
  }
  io::ColumnMapping suggested = io::suggest_mapping(table.header);
  return Response::json(json{{"file", file->second.filename},
                             {"separator", std::string(1, table.separator)},
                             {"header", table.header},
                             {"rows", rows},
                             {"row_count", table.rows.size()},
                             {"mappings", mappings},
                             {"fitting", best.empty() ? json(nullptr) : json(best)},
                             {"suggested", json::parse(store::mapping_to_json(suggested))},
                             {"suggested_missing", io::missing_fields(table.header, suggested)},
                             {"fields", field_options()}}
                            .dump());
}

}  // namespace

std::vector<Route> results_routes() {
  return {
      {"GET", "/resultaten/importeren", Capability::kEnterResults, show_form},
      {"POST", "/resultaten/importeren", Capability::kEnterResults, upload},
      {"POST", "/api/v1/imports/results/preview", Capability::kEnterResults, preview},
  };
}

}  // namespace koers::web
