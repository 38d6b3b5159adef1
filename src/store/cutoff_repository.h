// The school's level cut-off scores per test and moment (normeringsgrenzen).
//
// Contract: cutoffs() gives what the school entered, sorted by test and moment (empty when
// it entered none: Koers has no norms of its own). replace_all() swaps the whole set in one
// transaction with one audit line; it validates first and on an error stores nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/level_cutoffs.h"
#include "store/database.h"

namespace koers::store {

class CutoffRepository {
 public:
  explicit CutoffRepository(Database& db) : db_(db) {}

  std::vector<domain::LevelCutoffs> cutoffs(domain::Id school_id);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::vector<domain::LevelCutoffs> cutoffs(soci::session& sql, domain::Id school_id);
  // Returns the Dutch error text when the set is not valid, and then stores nothing.
  std::optional<std::string> replace_all(domain::Id school_id, const std::vector<domain::LevelCutoffs>& all,
                                         const domain::Principal& who);

 private:
  Database& db_;
};

}  // namespace koers::store
