#include "web/imports/imports.h"

#include "common/clock.h"
#include "domain/field_limits.h"
#include "store/mapping_repository.h"

#include <openssl/evp.h>

#include "io/edexml_reader.h"
#include "io/results_csv.h"

namespace koers::web {

namespace {
io::Outcome<store::EdexmlImportSummary> read_and_import_edexml(Context& ctx, const std::string& xml,
                                                               const std::string& file_name, bool create_school,
                                                               const std::string& school_name, bool confirm_leavers) {
  if (xml.empty()) return io::ImportError{0, "", "het bestand is leeg of ontbreekt"};
  if (auto why = domain::limits::too_long(school_name, domain::limits::kNamePart))
    return io::ImportError{0, "school_name", "de naam van de school " + *why + " tekens"};
  io::Outcome<io::EdexDocument> doc = io::read_edexml(xml);
  if (io::failed(doc)) return std::get<io::ImportError>(doc);
  store::EdexmlImportOptions options;
  options.board_id = ctx.who.board_id;
  options.create_school = create_school;
  options.school_name = school_name;
  options.file_name = file_name;
  options.confirm_leavers = confirm_leavers;
  return store::import_edexml(ctx.app.db, std::get<io::EdexDocument>(doc), options, ctx.who);
}
}  // namespace

io::Outcome<store::EdexmlImportSummary> import_edexml_file(Context& ctx, const std::string& xml,
                                                           const std::string& file_name,
                                                           bool create_school,
                                                           const std::string& school_name,
                                                           bool confirm_leavers) {
  try {
    auto outcome = read_and_import_edexml(ctx, xml, file_name, create_school, school_name, confirm_leavers);
    ctx.app.metrics().count_import(Metrics::Import::kEdexml, !io::failed(outcome));
    return outcome;
  } catch (...) {
    ctx.app.metrics().count_import(Metrics::Import::kEdexml, false);
    throw;
  }
}

nlohmann::json would_leave_json(Context& ctx, const store::EdexmlImportSummary& summary) {
  nlohmann::json out = nlohmann::json::array();
  std::vector<domain::Id> ids;
  for (const auto& p : summary.would_leave) {
    out.push_back({{"pupil_id", p.pupil_id}, {"name", p.name}, {"groups", p.groups}});
    ids.push_back(p.pupil_id);
  }
  ctx.audit_view(ids, "uitstroom volgens EDEXML-bestand, ter bevestiging");
  return out;
}

std::string to_base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> from_base64(const std::string& text) {
  if (text.size() % 4 != 0 || text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") !=
                                  std::string::npos)
    return std::nullopt;
  std::string out(text.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t padding = text.size() >= 2 && text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
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

std::string more_errors_text(size_t total) {
  if (total <= kShownErrors) return "";
  const size_t more = total - kShownErrors;
  return "en nog " + domain::limits::dutch_count(more) + (more == 1 ? " fout" : " fouten");
}

nlohmann::json row_errors_json(const std::vector<io::RowError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < errors.size() && i < kShownErrors; ++i) {
    const io::RowError& e = errors[i];
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
      .import_results(ctx.who.school_id, io::parse_results(std::get<io::CsvTable>(table), mapping,
                                                         domain::latest_result_date(today_local())),
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
