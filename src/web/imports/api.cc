// Imports in the JSON API: an EDEXML file from the administration system (the board
// administrator) and a results file (teacher or IB), each all or nothing.
#include "web/app.h"
#include "web/imports/imports.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

Response import_edexml(Context& ctx) {
  const std::string confirm = ctx.query("confirm_leavers");
  auto outcome = import_edexml_file(ctx, ctx.req.body, ctx.query("file_name"), ctx.query("create_school") == "1",
                                    ctx.query("school_name"), confirm == "true" || confirm == "1");
  if (auto* e = std::get_if<io::ImportError>(&outcome))
    return Response::json(
        json{{"error", e->text()}, {"line", e->line}, {"element", e->element}, {"message", e->message}}.dump(), 422);
  const auto& s = std::get<store::EdexmlImportSummary>(outcome);
  // Nothing stored: the file would make many pupils leave; the client asks and sends it again.
  if (s.confirmation_needed)
    return Response::json(
        json{{"error", s.text() + " Stuur het bestand opnieuw met ?confirm_leavers=true om te bevestigen."},
             {"confirmation_needed", true},
             {"school_id", s.school_id},
             {"school_year", s.school_year},
             {"pupils_current", s.pupils_current},
             {"would_leave", would_leave_json(ctx, s)}}
            .dump(),
        409);
  json incomplete = json::array();
  for (const auto& n : s.incomplete)
    incomplete.push_back({{"line", n.line}, {"element", n.element}, {"message", n.message}, {"text", n.text()}});
  return Response::json(json{
      {"school_id", s.school_id},
      {"school", s.school_name},
      {"school_year", s.school_year},
      {"school_created", s.school_created},
      {"groups_created", s.groups_created},
      {"groups_updated", s.groups_updated},
      {"pupils_created", s.pupils_created},
      {"pupils_updated", s.pupils_updated},
      {"pupils_unchanged", s.pupils_unchanged},
      {"pupils_left", s.pupils_left},
      {"teachers_created", s.teachers_created},
      {"teachers_updated", s.teachers_updated},
      {"incomplete", incomplete},
      {"summary", s.text()}}.dump());
}

Response import_results(Context& ctx) {
  auto file = ctx.req.files.find("file");
  if (file == ctx.req.files.end() || file->second.content.empty())
    throw HttpError{400, "Stuur het bestand als multipart-veld 'file'."};
  io::ColumnMapping mapping =
      resolve_mapping(ctx, ctx.req.field("mapping"), ctx.req.field("mapping_json"), ctx.req.field("save_as"));
  auto summary = import_results_file(ctx, file->second.content, file->second.filename, mapping,
                                     parse_decisions(ctx.req.field("decisions")));
  json body{{"created", summary.created},
            {"updated", summary.updated},
            {"unchanged", summary.unchanged},
            {"pupils", summary.pupils},
            {"errors", row_errors_json(summary.errors)},
            {"skipped", row_errors_json(summary.skipped)},
            // The lists hold the first kShownErrors; these say how many there are in all.
            {"errors_total", summary.errors.size()},
            {"skipped_total", summary.skipped.size()},
            {"errors_more",
             summary.errors.size() > kShownErrors ? json(more_errors_text(summary.errors.size())) : json(nullptr)},
            {"summary", summary.text()}};
  return Response::json(body.dump(), summary.errors.empty() ? 200 : 422);
}

}  // namespace

std::vector<Route> import_api_routes() {
  return {
      {"POST", "/api/v1/imports/edexml", Capability::kAdministerBoard, import_edexml},
      {"POST", "/api/v1/imports/results", Capability::kEnterResults, import_results},
  };
}

}  // namespace koers::web
