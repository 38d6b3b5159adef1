// HGD requests of care-team cases (domain/hgd.h): the request, its status, the report (a row of
// documents, owner "hgd") and the recommendations with the needs they became.
//
// Contract: every change writes the request and its audit line (in words, under the case's
// school and for the pupil) in one transaction, or nothing. save() stores only when based on the
// stored version (else HgdConflict, nothing written). receive_report() stores the PDF, removes the
// report it replaces and moves the status in one transaction. take_over() writes the need through
// the groepsoverzicht's entry path (store/overview_repository.h record_entry) and marks the
// recommendation taken over in one transaction. This repository does not authorise.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/hgd.h"
#include "store/database.h"

namespace koers::store {

struct HgdConflict {
  int stored_version = 0;
};

class HgdRepository {
 public:
  explicit HgdRepository(Database& db) : db_(db) {}

  // Stores `r` as a new request (status aangevraagd, version 1); returns it with its id.
  domain::HgdRequest create(const domain::HgdRequest& r, const domain::Principal& who);
  std::optional<domain::HgdRequest> find(domain::Id id);
  // The case's requests, oldest first.
  std::vector<domain::HgdRequest> of_case(domain::Id case_id);
  // The requests to this expert, oldest first (the caller checks the consent of each).
  std::vector<domain::HgdRequest> of_expert(domain::Id account_id);
  // The requests of a pupil or of a school, newest first, inside a caller's read() (the record).
  std::vector<domain::HgdRequest> of_pupil(soci::session& sql, domain::Id pupil_id);
  std::vector<domain::HgdRequest> of_school(soci::session& sql, domain::Id school_id);

  // Stores the request's questions, status and recommendations as given. `what` says in words
  // what changed, for the audit line.
  std::variant<domain::HgdRequest, HgdConflict> save(const domain::HgdRequest& r, int based_on,
                                                     const domain::Principal& who, const std::string& what);

  // The expert's report: `store_document` stores the PDF inside this transaction and returns its
  // id or the refusal (then nothing is written and the refusal is returned). The report it
  // replaces is removed; the status follows domain::receive_report.
  std::variant<domain::HgdRequest, std::string> receive_report(
      domain::Id hgd_id, const domain::Principal& who,
      const std::function<std::variant<domain::Id, std::string>(soci::session&)>& store_document);

  // Recommendation `number` (1-based) becomes an educational need of the pupil (source
  // onderzoek) in the groepsoverzicht; `subjects` are those a subject need may name. The Dutch
  // refusal (domain::take_over_refusal, validate_entry, or a concurrent change) leaves nothing.
  std::variant<domain::HgdRequest, std::string> take_over(domain::Id hgd_id, int number, domain::EntryKind kind,
                                                          const std::string& topic, const std::string& text,
                                                          const std::vector<std::string>& subjects,
                                                          const domain::Principal& who);

  // The adviesgesprek (domain::MeetingKind::kHgdAdvice), inside the meeting's own write
  // (store/meeting_repository.h), so the meeting and the request change together:
  // link_meeting makes `m` (stored, with its id) the request's meeting, or returns the refusal
  // (domain::advice_meeting_refusal; nothing written); discussed_in makes the request besproken
  // once `m` is held (domain::discuss_in_meeting), or returns the refusal; unlink_meeting
  // forgets a meeting that lapsed. Each change is the request's next version with an audit line.
  std::optional<std::string> link_meeting(soci::session& sql, const domain::Meeting& m, const domain::Principal& who);
  std::optional<std::string> discussed_in(soci::session& sql, const domain::Meeting& m, const domain::Principal& who);
  void unlink_meeting(soci::session& sql, const domain::Meeting& m, const domain::Principal& who);

  // The audit line of a read of the request (or its report) by anyone.
  void record_view(const domain::HgdRequest& r, const domain::Principal& who, const std::string& detail);

 private:
  Database& db_;
};

}  // namespace koers::store
