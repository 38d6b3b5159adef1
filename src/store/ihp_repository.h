// Individuele handelingsplannen: each plan with its versions, its status and the sessions
// ticked off.
//
// Contract: create() stores a new plan as version 1 (status concept). save() stores a new
// version only when the caller's plan is based on the latest one (`based_on` equals the
// stored version); otherwise nothing is written and the result names the latest version
// (the API's 409). set_status() records a step of the lifecycle (the caller checked it with
// the domain). log_session() keeps one row per line and day: a second tick replaces the
// first. Every change is audit-logged for the pupil in one transaction with it.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/ihp.h"
#include "store/database.h"

namespace koers::store {

using IhpSummary = domain::IhpSummary;

struct IhpVersionInfo {
  int version = 0;
  std::string saved_by, saved_at;
};

struct IhpConflict {
  int latest_version = 0;
};

class IhpRepository {
 public:
  explicit IhpRepository(Database& db) : db_(db) {}

  // Stores `ihp` (pupil, term, rubrics, from_meeting, previous) as a new concept; returns it
  // with its id and version 1.
  domain::Ihp create(const domain::Ihp& ihp, domain::Id school_id, const domain::Principal& who);
  // The latest version with status, outcome and the sessions logged (by day, then line).
  std::optional<domain::Ihp> latest(domain::Id ihp_id);
  std::optional<domain::Ihp> version(domain::Id ihp_id, int version);
  std::vector<IhpVersionInfo> versions(domain::Id ihp_id);  // oldest first
  // The pupil's plans, newest term first.
  std::vector<IhpSummary> of_pupil(domain::Id pupil_id);
  std::vector<IhpSummary> of_pupil(soci::session& sql, domain::Id pupil_id);  // in the caller's read
  // The pupil's plans in full (latest versions with their sessions), newest term first, in the
  // caller's read: two queries whatever the number of plans (the pupil's record).
  std::vector<domain::Ihp> full_of_pupil(soci::session& sql, domain::Id pupil_id);
  // Every plan of the school's pupils (summaries), by pupil, newest term first, in the caller's read.
  std::vector<IhpSummary> of_school(soci::session& sql, domain::Id school_id);
  // The school's plans closed with `outcome`, newest first (the care team's list of pupils an
  // IHP closed with "externe stappen" for).
  std::vector<IhpSummary> closed_with(domain::Id school_id, domain::IhpOutcome outcome);
  // The running plans (status lopend) of these pupils, latest versions, by pupil then id.
  std::vector<domain::Ihp> running_of_pupils(const std::vector<domain::Id>& pupil_ids);
  // The school a plan belongs to, and its pupil; nullopt for an unknown id.
  std::optional<std::pair<domain::Id, domain::Id>> owner(domain::Id ihp_id);

  std::variant<domain::Ihp, IhpConflict> save(const domain::Ihp& ihp, int based_on, const domain::Principal& who);
  void set_status(domain::Id ihp_id, domain::IhpStatus status, std::optional<domain::IhpOutcome> outcome,
                  const domain::Principal& who);
  void log_session(domain::Id ihp_id, const domain::SessionLog& session, const domain::Principal& who);

 private:
  Database& db_;
};

}  // namespace koers::store
