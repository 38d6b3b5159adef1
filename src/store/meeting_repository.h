// Meetings (group and pupil discussions) and their agreements.
//
// Contract: save() stores the meeting only when it is based on the stored version (else a
// MeetingConflict, nothing written), as version + 1, in one transaction with:
// - its new agreements (rows of their own, listed per owner) and the done dates of existing ones;
// - for every registration for a pupil discussion that has none yet, a requested pupil
//   discussion of that pupil (source: this meeting), whose id the registration then holds;
// - when `plan_to_send` is given (a group discussion being sent), the sending of that plan
//   version (record_plan_sending): the meeting and the frozen plan commit together;
// - an audit line for the meeting and one per pupil it concerns (the pupil of a pupil
//   discussion, each pupil registered);
// - for an adviesgesprek HGD: the request's side (store/hgd_repository.h): create() links it to
//   its request, save() makes the request besproken once held, remove() unlinks it; a refusal
//   throws MeetingLinkError and nothing is written.
// Reads return the meeting with its agreements and their owners' names.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/meeting.h"
#include "store/database.h"

namespace koers::store {

struct MeetingConflict {
  int latest_version = 0;
};

struct PlanToSend {
  domain::Id group_id = 0, period_id = 0;
  int version = 0;
};

class MeetingRepository {
 public:
  explicit MeetingRepository(Database& db) : db_(db) {}

  std::optional<domain::Meeting> find(domain::Id id);
  // The school's meetings planned within [from, to] (either may be open), by date and time;
  // with `requested`, also those without a date yet (first).
  std::vector<domain::Meeting> of_school(domain::Id school_id, std::optional<domain::Date> from,
                                         std::optional<domain::Date> to, bool requested = true);
  std::vector<domain::Meeting> of_pupil(domain::Id pupil_id);  // newest first
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::vector<domain::Meeting> of_pupil(soci::session& sql, domain::Id pupil_id);
  // The school's pupil discussions, newest first, inside a caller's read() (the 1-zorgroute).
  std::vector<domain::Meeting> pupil_discussions_of_school(soci::session& sql, domain::Id school_id);

  // A new meeting (version 1); returns its id. The IB plans it; audited.
  domain::Id create(domain::Meeting m, const domain::Principal& who);

  // A status change or an edit merged by the domain (apply_edit, send, hold, …).
  std::variant<domain::Meeting, MeetingConflict> save(const domain::Meeting& m, int based_on,
                                                      const domain::Principal& who,
                                                      std::optional<PlanToSend> plan_to_send = std::nullopt);

  // Removes a meeting the domain allows to cancel (cancel_check), if still at `version`;
  // false when it changed meanwhile. Audited.
  bool remove(const domain::Meeting& m, const domain::Principal& who);

  // Agreements of an owner (or of a school), open ones first by due date, then done ones.
  std::vector<domain::Agreement> agreements_of_owner(domain::Id account_id, bool open_only);
  std::vector<domain::Agreement> agreements_of_school(domain::Id school_id, bool open_only);
  // Ticks an agreement off (or opens it again: nullopt); false when there is no such agreement.
  bool set_agreement_done(domain::Id agreement_id, std::optional<domain::Date> done_on, const domain::Principal& who);
  std::optional<domain::Agreement> agreement(domain::Id agreement_id);

 private:
  Database& db_;
};

// Thrown by create(), save() when the HGD request refuses its adviesgesprek (the domain message).
struct MeetingLinkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by save() when the plan version to send cannot be sent (the domain message).
struct MeetingSendError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace koers::store
