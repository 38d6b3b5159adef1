#include "web/imports.h"

#include "store/mapping_repository.h"

#include "io/edexml_reader.h"
#include "io/results_csv.h"

namespace koers::web {

namespace {
io::Outcome<store::EdexmlImportSummary> read_and_import_edexml(Context& ctx, const std::string& xml,
                                                               const std::string& file_name, bool create_school,
                                                               const std::string& school_name) {
  if (xml.empty()) return io::ImportError{0, "", "het bestand is leeg of ontbreekt"};
  io::Outcome<io::EdexDocument> doc = io::read_edexml(xml);
  if (io::failed(doc)) return std::get<io::ImportError>(doc);
  store::EdexmlImportOptions options;
  options.board_id = ctx.who.board_id;
  options.create_school = create_school;
  options.school_name = school_name;
  options.file_name = file_name;
  return store::import_edexml(ctx.app.db, std::get<io::EdexDocument>(doc), options, ctx.who);
}
}  // namespace

io::Outcome<store::EdexmlImportSummary> import_edexml_file(Context& ctx, const std::string& xml,
                                                           const std::string& file_name,
                                                           bool create_school,
                                                           const std::string& school_name) {
  try {
    auto outcome = read_and_import_edexml(ctx, xml, file_name, create_school, school_name);
    ctx.app.metrics().count_import(Metrics::Import::kEdexml, !io::failed(outcome));
    return outcome;
  } catch (...) {
    ctx.app.metrics().count_import(Metrics::Import::kEdexml, false);
    throw;
  }
}

io::ColumnMapping resolve_mapping(Context& ctx, const std::string& mapping_name, const std::string& mapping_json,
                                  const std::string& save_as) {
  store::MappingRepository mappings(ctx.app.db);
  if (mapping_json.empty()) {
    auto found = mappings.find(ctx.who.school_id, mapping_name.empty() ? "koers" : mapping_name);
    if (!found) throw HttpError{400, "Onbekende koppeling '" + mapping_name + "'."};
    return *found;
  }
  io::ColumnMapping own = store::mapping_from_json(save_as.empty() ? "eigen koppeling" : save_as, mapping_json);
  if (!save_as.empty())
    if (auto error = mappings.save(ctx.who.school_id, own, ctx.who)) throw HttpError{400, *error};
  return own;
}

std::map<int, domain::Id> parse_decisions(const std::string& text) {
  std::map<int, domain::Id> out;
  if (text.empty()) return out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) throw HttpError{400, "Het veld 'decisions' moet een JSON-object zijn: {\"regel\": leerling-id}."};
  for (const auto& [line, pupil] : j.items()) {
    char* end = nullptr;
    long n = std::strtol(line.c_str(), &end, 10);
    if (*end || n < 1 || !pupil.is_number_integer())
      throw HttpError{400, "Keuze voor regel '" + line + "': verwacht een regelnummer met een leerling-id."};
    out[static_cast<int>(n)] = pupil.get<domain::Id>();
  }
  return out;
}

nlohmann::json row_errors_json(const std::vector<io::RowError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : errors) {
    nlohmann::json choices = nlohmann::json::array();
    for (const auto& c : e.choices) choices.push_back({{"pupil_id", c.pupil_id}, {"label", c.label}});
    out.push_back({{"line", e.line}, {"message", e.message}, {"choices", choices}});
  }
  return out;
}

namespace {
store::ResultsImportSummary read_and_import_results(Context& ctx, const std::string& bytes,
                                                    const std::string& file_name, const io::ColumnMapping& mapping,
                                                    const std::map<int, domain::Id>& decisions) {
  store::ResultsImportSummary refused;
  if (bytes.empty()) {
    refused.errors.push_back({0, "het bestand is leeg of ontbreekt"});
    return refused;
  }
  auto table = io::read_csv(io::to_utf8(bytes));
  if (auto* e = std::get_if<io::ImportError>(&table)) {
    refused.errors.push_back({e->line, e->message});
    return refused;
  }
  // A teacher may enter results for the pupils of their own groups only.
  std::vector<domain::Id> mine;
  if (ctx.who.role == domain::Role::kTeacher)
    for (domain::Id group : ctx.who.group_ids)
      for (const auto& p : ctx.app.groups.pupils_of_group(group)) mine.push_back(p.id);
  return store::ResultRepository(ctx.app.db)
      .import_results(ctx.who.school_id, io::parse_results(std::get<io::CsvTable>(table), mapping),
                      file_name + " (" + mapping.name + ")", ctx.who,
                      ctx.who.role == domain::Role::kTeacher ? &mine : nullptr, &decisions);
}
}  // namespace

store::ResultsImportSummary import_results_file(Context& ctx, const std::string& bytes,
                                                const std::string& file_name, const io::ColumnMapping& mapping,
                                                const std::map<int, domain::Id>& decisions) {
  try {
    auto summary = read_and_import_results(ctx, bytes, file_name, mapping, decisions);
    ctx.app.metrics().count_import(Metrics::Import::kResults, summary.errors.empty());
    return summary;
  } catch (...) {
    ctx.app.metrics().count_import(Metrics::Import::kResults, false);
    throw;
  }
}

}  // namespace koers::web
