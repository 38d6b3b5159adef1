// A school's own column mappings for results files, next to the ones Koers ships.
//
// Contract: find() looks in the shipped mappings first, then the school's; save() refuses
// a mapping without a name, with a shipped mapping's name or without the columns every
// results file needs, and then stores nothing. Saving under an existing name replaces it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "io/results_csv.h"
#include "store/database.h"

namespace koers::store {

class MappingRepository {
 public:
  explicit MappingRepository(Database& db) : db_(db) {}

  std::vector<io::ColumnMapping> of_school(domain::Id school_id);
  std::optional<io::ColumnMapping> find(domain::Id school_id, const std::string& name);
  std::optional<std::string> save(domain::Id school_id, const io::ColumnMapping& mapping,
                                  const domain::Principal& who);

 private:
  Database& db_;
};

// {"toetsmoment": ["afname"], …}: field labels to lower-case header names.
std::string mapping_to_json(const io::ColumnMapping& mapping);
io::ColumnMapping mapping_from_json(const std::string& name, const std::string& text);

}  // namespace koers::store
