// Care-team cases with their invited externals and the parents' consents.
//
// Contract: create() stores a new case (status aangemeld, version 1). save() stores the case
// only when it is based on the stored version (`based_on`); otherwise nothing is written and
// the result names the stored version (the API's 409); the invited externals are replaced as
// given. add_consent() and withdraw_consent() each write the consent and its audit line in
// one transaction; a withdrawal is never undone, and once it commits every later read sees
// it (access is decided from the stored consents on each read). Every change is audit-logged
// for the pupil in words a privacy officer can read; record_file_view() logs an external's
// read of a case file with the consents that allowed it, under the case's school.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/care_team.h"
#include "store/database.h"

namespace koers::store {

struct CaseConflict {
  int stored_version = 0;
};

// The school and pupil of a case.
struct CaseOwner {
  domain::Id school_id = 0, pupil_id = 0;
};

class CareTeamCaseRepository {
 public:
  explicit CareTeamCaseRepository(Database& db) : db_(db) {}

  // Stores `c` (pupil, school, origin, registration, hulpvraag and what else it carries) as a
  // new case; returns it with its id and version 1.
  domain::CareTeamCase create(const domain::CareTeamCase& c, const domain::Principal& who);
  // The case with its members and consents (oldest first); nullopt for an unknown id.
  std::optional<domain::CareTeamCase> find(domain::Id case_id);
  std::optional<CaseOwner> owner(domain::Id case_id);
  // The school's cases, newest first (members and consents included).
  std::vector<domain::CareTeamCase> of_school(domain::Id school_id);
  // The cases of these pupils, newest first (a teacher's pupils, a parent's children).
  std::vector<domain::CareTeamCase> of_pupils(const std::vector<domain::Id>& pupil_ids);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::vector<domain::CareTeamCase> of_pupil(soci::session& sql, domain::Id pupil_id);
  std::vector<domain::CareTeamCase> of_school(soci::session& sql, domain::Id school_id);
  // The cases an external is invited to whose consent lets them see it today
  // (domain::external_access), newest first.
  std::vector<domain::CareTeamCase> for_external(domain::Id account_id, const domain::Date& today);

  // Saves the case's fields, status and members. `what` says in words what changed, for the
  // audit line ("status: besproken → advies gegeven").
  std::variant<domain::CareTeamCase, CaseConflict> save(const domain::CareTeamCase& c, int based_on,
                                                        const domain::Principal& who, const std::string& what);

  std::optional<domain::Consent> consent(domain::Id consent_id);
  // Records the consent for its case (case_id, pupil_id set by the caller); returns it with its id.
  domain::Consent add_consent(const domain::Consent& k, const domain::Principal& who);
  // Marks the consent withdrawn now by `by` (who, as the line says it); nullopt when it does
  // not exist or was already withdrawn (then nothing is written).
  std::optional<domain::Consent> withdraw_consent(domain::Id consent_id, const domain::Principal& who);

  // The audit line of an external's (or anyone's) read of the case file: which documents it
  // showed and on which consents; an external acts on behalf of the case's care team, on the
  // consents that allow them today (domain::on_behalf_of_care_team).
  void record_file_view(const domain::CareTeamCase& c, const domain::Principal& who, const std::string& detail);

 private:
  Database& db_;
};

}  // namespace koers::store
