// Retention in the store: the board's periods, the pupils who left with what is due
// (domain/retention.h), holds, and the deletion itself.
//
// Contract: confirm() re-reads the pupil's case inside its one write transaction and deletes
// only what is due then and not held: the care data (every row of a table with a pupil_id
// column, found in the database's catalogue, but the record card, enrolments, guardian links
// and the retention row; and the pupil taken out of the group plans and group meetings that
// name them) or the whole dossier (that, the rest, the guardians of no other pupil with their
// accounts, and the pupil). It writes one audit line naming no pupil and no content. A failure
// rolls everything back. The audit trail's own lines about the pupil are AuditLog's to forget.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/parent_access.h"
#include "domain/retention.h"
#include "store/database.h"

namespace koers::store {

// What a confirmation deleted: the step, and how many rows of how many tables.
struct RetentionDeletion {
  domain::RetentionStep step = domain::RetentionStep::kNone;
  long long rows = 0;
  int tables = 0;
};

class RetentionRepository {
 public:
  explicit RetentionRepository(Database& db) : db_(db) {}

  // The board's periods (the national ones when it set none).
  domain::RetentionPeriods periods(domain::Id board_id);
  // Sets them; the problems (retention_period_problems) and nothing saved when wrong. Audited.
  std::vector<std::string> set_periods(domain::Id board_id, const domain::RetentionPeriods& p,
                                       const domain::Principal& who);

  // Every pupil of the school who left, the earliest next date first (then by id).
  std::vector<domain::RetentionCase> of_school(domain::Id school_id, const domain::Date& today);
  // One pupil who left; nullopt when there is no such pupil or they have not left.
  std::optional<domain::RetentionCase> find(domain::Id pupil_id, const domain::Date& today);

  // What decides how long the parents of the pupil see them (domain::parent_sees_child): the
  // leaving date, a referral to special education, the board's periods, whether the care data
  // went. A pupil at school (or none): no leaving date.
  domain::ChildRetention child_retention(domain::Id pupil_id);

  // Holds the dossier with a reason (hold_problem when refused; nothing saved). Audited.
  std::optional<std::string> hold(domain::Id pupil_id, const std::string& reason, const domain::Principal& who);
  // Lifts a hold. Audited.
  void release(domain::Id pupil_id, const domain::Principal& who);
  // Records where the pupil went. Audited.
  void set_destination(domain::Id pupil_id, domain::LeavingDestination d, const domain::Principal& who);

  // Deletes what is due on `today` (see the contract above); the reason in Dutch when nothing
  // may go: not left, nothing due, or held.
  std::variant<RetentionDeletion, std::string> confirm(domain::Id pupil_id, const domain::Date& today,
                                                       const domain::Principal& who);

 private:
  Database& db_;
};

// Who carries out `koers retention --apply`: no account, named as the scheduled job.
domain::Principal retention_job_principal(domain::Id board_id);

}  // namespace koers::store
