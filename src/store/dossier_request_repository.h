// A parent's requests to correct, add to or remove from the dossier (domain/dossier_request.h),
// kept with their answers: nothing here deletes a request.
//
// Contract: create() and answer() write the row and its audit line in one transaction (a failed
// save changes nothing); the caller has validated the request (validate_new_request /
// validate_answer) and checked access. Reads are not audited here: the page that shows them is.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <vector>

#include "domain/access_policy.h"
#include "domain/dossier_request.h"
#include "store/database.h"

namespace koers::store {

class DossierRequestRepository {
 public:
  explicit DossierRequestRepository(Database& db) : db_(db) {}

  // Stores a new, validated request by `who` (asked_at now, or as set: the demo's history; version 1)
  // and returns it with its id.
  domain::DossierRequest create(domain::DossierRequest r, const domain::Principal& who);
  std::optional<domain::DossierRequest> find(domain::Id id);
  // The pupil's requests, newest first.
  std::vector<domain::DossierRequest> of_pupil(domain::Id pupil_id);
  std::vector<domain::DossierRequest> of_pupil(soci::session& sql, domain::Id pupil_id);
  // The school's open requests, the earliest deadline first.
  std::vector<domain::DossierRequest> open_of_school(domain::Id school_id);
  // Records the answer to the open request `id` saved at `version`; nullopt (nothing written)
  // when it was answered or changed meanwhile.
  std::optional<domain::DossierRequest> answer(domain::Id id, int version, domain::DossierRequestStatus status,
                                               const std::string& answer, const domain::Principal& who);

 private:
  Database& db_;
};

}  // namespace koers::store
