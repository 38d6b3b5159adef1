// The agenda of care-team meetings: the cases on it, in order, with the invitation per case
// and what was recorded (domain/care_team_meeting.h).
//
// Contract: add(), save() and remove() each write the agenda row, the case's own change (its
// status, meeting and advice, as the domain moved it) and the audit line for the pupil in one
// transaction, and only when both the row and the case are still at the versions given;
// otherwise nothing is written and the result says which changed meanwhile (the API's 409).
// The agreements of a case at the meeting are rows of meeting_agreements with its case_id:
// they show on their owner's start page like any agreement. Reads fill the pupil's name, the
// teacher's name, the meeting's date and the case's agreements.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/care_team_meeting.h"
#include "store/database.h"

namespace koers::store {

// Stored meanwhile by someone else: "het agendapunt" or "de casus".
struct AgendaConflict {
  std::string what;
};

// The case as the domain changed it, and the version that change is based on.
struct CaseChange {
  const domain::CareTeamCase& c;
  int based_on = 0;
};

class CareTeamAgendaRepository {
 public:
  explicit CareTeamAgendaRepository(Database& db) : db_(db) {}

  // The cases on the meeting's agenda, in order.
  std::vector<domain::CaseOnAgenda> of_meeting(domain::Id meeting_id);
  std::optional<domain::CaseOnAgenda> find(domain::Id meeting_id, domain::Id case_id);
  // The pupil's discussions in care-team meetings whose report is final, newest first: the
  // reports that belong in the pupil's dossier. The second form reads on the caller's session.
  std::vector<domain::CaseOnAgenda> reports_of_pupil(domain::Id pupil_id);
  std::vector<domain::CaseOnAgenda> reports_of_pupil(soci::session& sql, domain::Id pupil_id);
  // The meetings whose agenda holds the case (newest first), for the case page.
  std::vector<domain::CaseOnAgenda> of_case(domain::Id case_id);

  // Puts `item` last on its meeting's agenda (version 1) with the case's move to geagendeerd.
  std::variant<domain::CaseOnAgenda, AgendaConflict> add(const domain::CaseOnAgenda& item, CaseChange change,
                                                         const domain::Principal& who, const std::string& what);
  // Saves the invitation and what was recorded, adds `new_agreements` (of this case at this
  // meeting), and the case's change when given.
  std::variant<domain::CaseOnAgenda, AgendaConflict> save(const domain::CaseOnAgenda& item, int based_on,
                                                          std::optional<CaseChange> change,
                                                          const std::vector<domain::Agreement>& new_agreements,
                                                          const domain::Principal& who, const std::string& what);
  // Takes the case off the agenda (the rest moves up) with the case back at its earlier status.
  std::optional<AgendaConflict> remove(const domain::CaseOnAgenda& item, CaseChange change, const domain::Principal& who);
  // Moves the case one place up (-1) or down (+1) on the agenda; false at the edge. Audited.
  bool move(domain::Id meeting_id, domain::Id case_id, int step, const domain::Principal& who);
  // How many cases are on the meeting's agenda (a meeting with cases is not cancelled).
  int count(domain::Id meeting_id);

 private:
  Database& db_;
};

}  // namespace koers::store
