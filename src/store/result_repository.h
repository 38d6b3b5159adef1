// Standardised test results of pupils, and importing them from a parsed CSV file.
//
// Contract: import_results() matches every row to a pupil of the school (by leerlingnummer,
// else by surname + birth date) and stores all rows or none: any unmatched, ambiguous or
// bad row refuses the whole file, listing each with its line. Re-importing the same file
// changes nothing. What an import creates or changes is audited in the same transaction:
// per pupil one line for the results created and one for those changed, naming each test
// and moment ("Rekenen-Wiskunde M5 E5, Spelling M5 uit resultaten.csv (koers)").
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/access_policy.h"
#include "domain/signalling.h"
#include "io/results_csv.h"
#include "store/database.h"

namespace koers::store {

struct ResultsImportSummary {
  int created = 0, updated = 0, unchanged = 0, pupils = 0;
  std::vector<io::RowError> errors;   // non-empty: nothing was stored
  std::vector<io::RowError> skipped;  // rows that repeated a result exactly: left out
  std::string text() const;
};

class ResultRepository {
 public:
  explicit ResultRepository(Database& db) : db_(db) {}

  // `may_write`, when given, limits the import to these pupils (a teacher: their groups):
  // a row for any other pupil is "leerling niet gevonden in uw groepen", and only these
  // pupils are offered as namesakes, so the errors tell nothing about the rest of the school.
  // `decisions` (line → pupil) settles rows whose name and birth date fit several pupils:
  // such a row without a decision is an error listing the candidates as choices, and a
  // decision for a pupil who is not among them is refused.
  ResultsImportSummary import_results(domain::Id school_id, const io::ParsedResults& parsed,
                                      const std::string& source, const domain::Principal& who,
                                      const std::vector<domain::Id>* may_write = nullptr,
                                      const std::map<int, domain::Id>* decisions = nullptr);
  // A pupil's results in the order they were taken.
  std::vector<domain::StandardisedResult> results_of_pupil(domain::Id pupil_id);
  // The results of every pupil of a school who has any, each pupil's in the order they
  // were taken (as results_of_pupil), in one query: signalling over a whole school.
  std::unordered_map<domain::Id, std::vector<domain::StandardisedResult>> results_of_school(domain::Id school_id);
  long long count();

 private:
  Database& db_;
};

}  // namespace koers::store
