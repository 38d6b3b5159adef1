// What the groepsoverzicht keeps besides test results: the approach per subject, factors
// and educational needs (as history), method tests and AVI reading levels.
//
// Contract: every write validates first and then stores with its audit line in one
// transaction, or stores nothing and returns the error in Dutch. Nothing is overwritten:
// changing an approach adds a row, removing an entry ends it, so reads "as of" an instant
// give what was valid then. Callers check access; the repository trusts its pupil ids.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/group_overview.h"
#include "store/database.h"

namespace koers::store {

// An instant far in the future: "now, and everything still valid".
inline constexpr const char* kNow = "9999-12-31";

class OverviewRepository {
 public:
  explicit OverviewRepository(Database& db) : db_(db) {}

  // Entries valid at `as_of` (written before it, not ended by then), oldest first.
  std::map<domain::Id, std::vector<domain::OverviewEntry>> entries(const std::vector<domain::Id>& pupils,
                                                                    const std::string& as_of);
  // Each read below also as an overload taking the session of a caller's read() first: the
  // same rows inside one snapshot (store/pupil_record_repository.h).
  std::map<domain::Id, std::vector<domain::OverviewEntry>> entries(soci::session& sql,
                                                                    const std::vector<domain::Id>& pupils,
                                                                    const std::string& as_of);
  // Stores a new entry; fills id, written_by and written_at. `subjects`: those a subject need may name.
  std::optional<std::string> add_entry(domain::OverviewEntry& e, const std::vector<std::string>& subjects,
                                       const domain::Principal& who);
  // Ends an entry of this pupil (it stays in the history of earlier periods).
  std::optional<std::string> end_entry(domain::Id pupil_id, domain::Id entry_id, const domain::Principal& who);

  // The latest approach per subject set before `as_of`.
  std::map<domain::Id, std::vector<domain::PupilApproach>> approaches(const std::vector<domain::Id>& pupils,
                                                                      const std::string& as_of);
  std::map<domain::Id, std::vector<domain::PupilApproach>> approaches(soci::session& sql,
                                                                      const std::vector<domain::Id>& pupils,
                                                                      const std::string& as_of);
  // Records a new approach for one subject; no row when it is the current one already.
  void set_approach(domain::Id pupil_id, const std::string& subject, domain::Approach approach,
                    const domain::Principal& who);

  // Method tests taken before `as_of`, newest first.
  std::map<domain::Id, std::vector<domain::MethodTest>> method_tests(const std::vector<domain::Id>& pupils,
                                                                      const std::string& as_of);
  std::map<domain::Id, std::vector<domain::MethodTest>> method_tests(soci::session& sql,
                                                                      const std::vector<domain::Id>& pupils,
                                                                      const std::string& as_of);
  // Stores (or corrects) the result of one block of a subject.
  std::optional<std::string> save_method_test(domain::MethodTest& t, const domain::Principal& who);

  // Standardised results taken (or, without a date, entered) before `as_of`, in career order.
  std::map<domain::Id, std::vector<domain::StandardisedResult>> standardised_results(
      const std::vector<domain::Id>& pupils, const std::string& as_of);
  std::map<domain::Id, std::vector<domain::StandardisedResult>> standardised_results(
      soci::session& sql, const std::vector<domain::Id>& pupils, const std::string& as_of);

  // AVI levels taken before `as_of`, in career order.
  std::map<domain::Id, std::vector<domain::ReadingLevel>> reading_levels(const std::vector<domain::Id>& pupils,
                                                                         const std::string& as_of);
  std::map<domain::Id, std::vector<domain::ReadingLevel>> reading_levels(soci::session& sql,
                                                                         const std::vector<domain::Id>& pupils,
                                                                         const std::string& as_of);
  std::optional<std::string> save_reading_level(domain::Id pupil_id, const domain::ReadingLevel& r,
                                                const domain::Principal& who);

 private:
  Database& db_;
};

// add_entry in two steps, for a caller's transaction: prepare_entry validates and fills in
// the author (the error in Dutch), record_entry stores it with its audit line.
std::optional<std::string> prepare_entry(domain::OverviewEntry& e, const std::vector<std::string>& subjects,
                                         const domain::Principal& who, const std::string& at);
void record_entry(soci::session& sql, Database& db, domain::OverviewEntry& e, const domain::Principal& who);

// set_approach inside a caller's transaction (the group plan's save moves pupils with it).
void record_approach(soci::session& sql, Database& db, domain::Id pupil_id, const std::string& subject,
                     domain::Approach approach, const domain::Principal& who, const std::string& at);

// "1,2,3" for an IN (…) list of ids (numbers only, so safe to inline).
std::string id_list(const std::vector<domain::Id>& ids);

}  // namespace koers::store
