// The school's thresholds for the dyslexia evidence (domain::DyslexiaThresholds), PDDB 3.0 until
// the school sets its own.
//
// Contract: thresholds() reads in a pooled session of its own (or the caller's read); a school
// without a row gets the PDDB 3.0 defaults. set() refuses thresholds with problems
// (domain::threshold_problems) and then changes nothing; otherwise it replaces the school's row
// and writes one audit line naming the old and new values, in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/dyslexia_evidence.h"
#include "store/database.h"

namespace koers::store {

struct DyslexiaSettings {
  domain::DyslexiaThresholds thresholds;
  bool school_set = false;            // false: the PDDB 3.0 defaults
  std::string changed_by, changed_at;  // of the school's row
};

class DyslexiaSettingsRepository {
 public:
  explicit DyslexiaSettingsRepository(Database& db) : db_(db) {}

  DyslexiaSettings settings(domain::Id school_id);
  DyslexiaSettings settings(soci::session& sql, domain::Id school_id);
  // The problems when refused (nothing stored); empty when saved.
  std::vector<domain::ThresholdProblem> set(domain::Id school_id, const domain::DyslexiaThresholds& thresholds,
                                            const domain::Principal& who);

 private:
  Database& db_;
};

}  // namespace koers::store
