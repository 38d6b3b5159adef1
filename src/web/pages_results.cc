// Toetsresultaten importeren: a teacher (own groups) or the IB (the school) uploads a
// results file with a column mapping; all of it is stored, or none with every bad line.
#include "io/results_csv.h"
#include "web/app.h"
#include "web/imports.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

json mapping_options(const std::string& chosen) {
  json out = json::array();
  for (const auto& m : io::builtin_mappings())
    out.push_back({{"value", m.name},
                   {"label", m.name == "koers" ? "Koers-indeling" : "Cito LOVS-export"},
                   {"selected", m.name == chosen}});
  return out;
}

Response show_form(Context& ctx) {
  return ctx.page("results_import", "Toetsresultaten importeren",
                  {{"mappings", mapping_options("koers")}, {"teacher", ctx.who.role == domain::Role::kTeacher}});
}

Response upload(Context& ctx) {
  auto file = ctx.req.files.find("file");
  std::string name = file == ctx.req.files.end() ? "" : file->second.filename;
  std::string mapping = ctx.req.field("mapping").empty() ? "koers" : ctx.req.field("mapping");
  auto summary = import_results_file(ctx, file == ctx.req.files.end() ? "" : file->second.content, name, mapping);
  json errors = json::array();
  for (const auto& e : summary.errors)
    errors.push_back({{"line", e.line > 0 ? std::to_string(e.line) : "—"}, {"message", e.message}});
  json model{{"mappings", mapping_options(mapping)},
             {"teacher", ctx.who.role == domain::Role::kTeacher},
             {"file", name},
             {"summary", summary.text()},
             {"ok", summary.errors.empty()},
             {"errors", errors}};
  return ctx.page("results_import", "Toetsresultaten importeren", model, summary.errors.empty() ? 200 : 422);
}

}  // namespace

std::vector<Route> results_routes() {
  return {
      {"GET", "/resultaten/importeren", Capability::kEnterResults, show_form},
      {"POST", "/resultaten/importeren", Capability::kEnterResults, upload},
  };
}

}  // namespace koers::web
