#include "store/mapping_repository.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;
using nlohmann::json;

std::string mapping_to_json(const io::ColumnMapping& mapping) {
  json out = json::object();
  for (const auto& [field, names] : mapping.columns) out[io::result_field_label(field)] = names;
  return out.dump();
}

io::ColumnMapping mapping_from_json(const std::string& name, const std::string& text) {
  io::ColumnMapping m;
  m.name = name;
  json in = json::parse(text, nullptr, false);
  if (!in.is_object()) return m;
  for (auto it = in.begin(); it != in.end(); ++it) {
    auto field = io::parse_result_field(it.key());
    if (!field) continue;
    std::vector<std::string> names;
    auto add = [&](const json& v) {
      if (!v.is_string()) return;
      std::string n = v.get<std::string>();
      for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      n.erase(0, n.find_first_not_of(" \t"));
      n.erase(n.find_last_not_of(" \t") + 1);
      if (!n.empty()) names.push_back(n);
    };
    if (it.value().is_array())
      for (const auto& v : it.value()) add(v);
    else
      add(it.value());
    if (!names.empty()) m.columns[*field] = names;
  }
  return m;
}

std::vector<io::ColumnMapping> MappingRepository::of_school(Id school_id) {
  std::vector<io::ColumnMapping> out;
  db_.read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT name, columns FROM column_mappings WHERE school_id = :s ORDER BY name",
         soci::use(school_id));
    for (const soci::row& r : rows) out.push_back(mapping_from_json(r.get<std::string>(0), r.get<std::string>(1)));
  });
  return out;
}

std::optional<io::ColumnMapping> MappingRepository::find(Id school_id, const std::string& name) {
  if (const io::ColumnMapping* builtin = io::find_builtin_mapping(name)) return *builtin;
  for (auto& m : of_school(school_id))
    if (m.name == name) return m;
  return std::nullopt;
}

std::optional<std::string> MappingRepository::save(Id school_id, const io::ColumnMapping& mapping,
                                                   const domain::Principal& who) {
  std::string name = mapping.name;
  name.erase(0, name.find_first_not_of(" \t"));
  name.erase(name.find_last_not_of(" \t") + 1);
  if (name.empty()) return std::string("Naam: geef de koppeling een naam, bijvoorbeeld de naam van het toetssysteem.");
  if (name.size() > 80) return std::string("Naam: hooguit 80 tekens.");
  if (io::find_builtin_mapping(name)) return "Naam: \"" + name + "\" is een vaste koppeling van Koers; kies een andere naam.";
  // The mapping must be able to read a file: every required field has a column.
  std::vector<std::string> header;
  for (const auto& [field, names] : mapping.columns)
    if (!names.empty()) header.push_back(names.front());
  if (auto missing = io::missing_fields(header, mapping); !missing.empty())
    return fmt::format("De koppeling mist: {}.", fmt::join(missing, ", "));
  std::string columns = mapping_to_json(mapping), now = now_utc();
  db_.write([&](soci::session& sql) {
    sql << "DELETE FROM column_mappings WHERE school_id = :s AND name = :n", soci::use(school_id), soci::use(name);
    sql << "INSERT INTO column_mappings (school_id, name, columns, created_by, created_at) VALUES (:s, :n, :c, :b, :a)",
        soci::use(school_id), soci::use(name), soci::use(columns), soci::use(who.username), soci::use(now);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "kolomkoppeling " + name, 0, columns));
  });
  return std::nullopt;
}

}  // namespace koers::store
