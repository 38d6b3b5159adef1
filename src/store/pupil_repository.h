// Pupils: the stamkaart (record card), their group history and their parents/guardians.
//
// Contract: reads do not audit by themselves; the web layer records a view of a pupil
// in the audit trail (AuditLog) with every page or API read it serves.
#pragma once

#include <optional>
#include <vector>

#include "domain/access_policy.h"
#include "domain/pupil.h"
#include "store/database.h"

namespace koers::store {

class PupilRepository {
 public:
  explicit PupilRepository(Database& db) : db_(db) {}

  std::optional<domain::Pupil> find(domain::Id pupil_id);
  // Where the pupil is now: school, board and the groups of the school's current year.
  std::optional<domain::PupilScope> scope(domain::Id pupil_id);
  // Every group the pupil was in, newest school year first.
  std::vector<domain::Enrolment> enrolments(domain::Id pupil_id);
  std::vector<domain::Guardian> guardians(domain::Id pupil_id);
  // One guardian (without a relation: that belongs to the link with a pupil).
  std::optional<domain::Guardian> find_guardian(domain::Id guardian_id);
  // The same three inside the caller's read (one snapshot: PupilRecordRepository::read_whole).
  std::optional<domain::Pupil> find(soci::session& sql, domain::Id pupil_id);
  std::vector<domain::Enrolment> enrolments(soci::session& sql, domain::Id pupil_id);
  std::vector<domain::Guardian> guardians(soci::session& sql, domain::Id pupil_id);
  // The children a guardian is linked to.
  std::vector<domain::Pupil> children_of_guardian(domain::Id guardian_id);

  domain::Id add_guardian(soci::session& sql, const domain::Guardian& guardian);
  void link_guardian(soci::session& sql, domain::Id pupil_id, domain::Id guardian_id,
                     const std::string& relation);

 private:
  Database& db_;
};

}  // namespace koers::store
