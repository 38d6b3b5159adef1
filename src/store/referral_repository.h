// Referral procedures of a board and the referrals of pupils (domain/referral.h).
//
// Contract: procedures() gives the board's stored list or, without a row, the three defaults
// (version 0). set_procedures() refuses a list with problems (domain::procedure_problems) or
// one based on another version, and then changes nothing; otherwise it replaces the row and
// writes one audit line, in one transaction. Every change of a referral writes the referral and
// its audit line (under the pupil and school, in words) in one transaction, or nothing; save()
// stores only when based on the stored version (else ReferralConflict). This repository does
// not authorise and does not assemble the OKR (domain/okr.h): sending stores what it is given.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/referral.h"
#include "store/database.h"

namespace koers::store {

struct ProcedureSet {
  std::vector<domain::ReferralProcedure> procedures;
  int version = 0;  // 0: the defaults, never saved by the board
  std::string changed_by, changed_at;
};

struct ReferralConflict {
  int stored_version = 0;
};

class ReferralRepository {
 public:
  explicit ReferralRepository(Database& db) : db_(db) {}

  ProcedureSet procedures(domain::Id board_id);
  // The problems, or a conflict (stored version), or the saved set. `what` says in words what
  // changed ("procedure 'X' aangepast"), for the audit line; empty: it names every procedure.
  std::variant<ProcedureSet, std::vector<std::string>, ReferralConflict> set_procedures(
      domain::Id board_id, const std::vector<domain::ReferralProcedure>& procedures, int based_on,
      const domain::Principal& who, const std::string& what = "");

  // Stores `r` as a new referral (version 1, status concept); returns it with its id. It starts
  // now, or at r.created_at when that is set (the demo's history; the API never sets it).
  domain::Referral create(const domain::Referral& r, const domain::Principal& who);
  std::optional<domain::Referral> find(domain::Id id);
  std::vector<domain::Referral> of_pupil(domain::Id pupil_id);  // oldest first
  std::vector<domain::Referral> of_school(domain::Id school_id);  // oldest first
  // What the pupil's record and the school's route read (domain::ReferralSummary), newest first,
  // in the caller's read transaction: one query each.
  std::vector<domain::ReferralSummary> summaries_of_pupil(soci::session& sql, domain::Id pupil_id);
  std::vector<domain::ReferralSummary> summaries_of_school(soci::session& sql, domain::Id school_id);
  // Stores every field of `r` as given; `what` says in words what changed, for the audit line.
  std::variant<domain::Referral, ReferralConflict> save(const domain::Referral& r, int based_on,
                                                        const domain::Principal& who, const std::string& what);
  // The audit line of a read of the referral (or its OKR) by anyone.
  void record_view(const domain::Referral& r, const domain::Principal& who, const std::string& detail);

 private:
  Database& db_;
};

}  // namespace koers::store
