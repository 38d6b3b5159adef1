// Group plans and their versions.
//
// Contract: save() stores a new version only when the caller's plan is based on the latest
// one (`based_on` equals the stored version, 0 for a first save); otherwise nothing is
// written and the result says the plan was changed meanwhile (the API's 409). Two saves on
// the same version at the same moment: one wins, the other is refused the same way. Every
// version stays readable; each save is audited.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/group_plan.h"
#include "store/database.h"

namespace koers::store {

struct PlanVersionInfo {
  int version = 0;
  std::string saved_by, saved_at;
  std::string sent_by, sent_at;  // empty unless this version was sent to the IB
};

struct PlanConflict {
  int latest_version = 0;  // what the caller should reload
};

class PlanRepository {
 public:
  explicit PlanRepository(Database& db) : db_(db) {}

  // The latest version of the group's plan for the period; nullopt when never saved.
  std::optional<domain::GroupPlan> latest(domain::Id group_id, domain::Id period_id);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::optional<domain::GroupPlan> latest(soci::session& sql, domain::Id group_id, domain::Id period_id);
  // The latest version of each of the group's plans, by period, in one query (inside a caller's read()).
  std::map<domain::Id, domain::GroupPlan> latest_per_period(soci::session& sql, domain::Id group_id);
  std::optional<domain::GroupPlan> version(domain::Id group_id, domain::Id period_id, int version);
  std::vector<PlanVersionInfo> versions(domain::Id group_id, domain::Id period_id);  // oldest first

  // Saves plan as version based_on + 1. The plan's group and period say where. In the same
  // transaction the overview's approach of every pupil follows the subgroup the plan puts
  // them in, and `new_needs` (the educational needs an evaluation yields, validated against
  // `subjects`) are added to the overview.
  std::variant<domain::GroupPlan, PlanConflict> save(const domain::GroupPlan& plan, int based_on,
                                                     const domain::Principal& who,
                                                     std::vector<domain::OverviewEntry> new_needs = {},
                                                     const std::vector<std::string>& subjects = {});

  // Sends a saved version to the IB for a group discussion: from then on it is the version
  // under discussion. An error in Dutch when the version does not exist or was sent before.
  std::optional<std::string> send(domain::Id group_id, domain::Id period_id, int version,
                                  const domain::Principal& who);

 private:
  Database& db_;
};

// The sending of a plan version inside the caller's transaction (a group discussion sent
// with its plan); an error in Dutch as send() gives, and then nothing is written.
std::optional<std::string> record_plan_sending(soci::session& sql, Database& db, domain::Id group_id,
                                               domain::Id period_id, int version, const domain::Principal& who,
                                               const std::string& at);

}  // namespace koers::store
