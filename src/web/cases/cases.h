// The care-team area (zorgteamcasus, issue 15): its API (cases/api.cc) and pages
// (cases/pages.cc) share these. Access is domain::may_view_case / may_write_case; whatever a
// caller may not see answers as an id that does not exist.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/care_team_repository.h"
#include "web/app.h"

namespace koers::web {

// A case the principal may see, with its pupil's scope; else 404 worded as for an unknown id
// ("deze casus"). An external may see it only while invited with a consent in force; an
// invited external without one gets 403 with the reason (withdrawn, expired, not for them).
struct CaseInView {
  domain::CareTeamCase c;
  domain::PupilScope scope;
};
CaseInView case_in_view(Context& ctx, domain::Id case_id);

// The case as the staff and parents see it (not for an external: case_file_json is theirs):
// its fields, consents, members with whether each sees the file now, the route so far from
// the pupil's record with the missing steps, the statuses it may go to, what the principal
// may do. Not audited.
nlohmann::json case_json(Context& ctx, const CaseInView& v);
// One line of a list: pupil, status, origin, hulpvraag, dates.
nlohmann::json case_summary_json(Context& ctx, const domain::CareTeamCase& c);
// The cases the principal may see: the school's (IB, head), the pupils of their groups
// (teacher), their children's (parent), the invited cases with consent (external).
std::vector<domain::CareTeamCase> visible_cases(Context& ctx);

// The case file: a view of the pupil's record (store::PupilRecordRepository) with the case's
// hulpvraag, limited for an external to the documents their consents share. Audits the read
// (an external's with the consents that allowed it, under the case's school).
nlohmann::json case_file_json(Context& ctx, const CaseInView& v);

// The API's handlers, which the pages' forms go through with a JSON body built from the form
// (one set of rules): POST /api/v1/cases, PUT /api/v1/cases/{id}, POST …/{id}/consents,
// POST /api/v1/consents/{id}/withdraw.
Response case_create(Context& ctx);
Response case_save(Context& ctx);
Response consent_add(Context& ctx);
Response consent_withdraw(Context& ctx);

// What the care team adds to two start pages (cases/start_pages.cc). For the IB (on
// /groepen): the cases to follow, consents that end soon and recent withdrawals
// (domain::case_reminders), each line linking to its case; null for anyone else or when
// there is nothing. For a parent (Mijn kind): the consents given for the child, what each
// covers (purpose, the externals it lets see the case, documents, until when) and whether it
// may still be withdrawn, with the child's cases; audited as the parent's read.
nlohmann::json case_reminders_json(Context& ctx);
nlohmann::json child_consents_json(Context& ctx, domain::Id pupil_id);

}  // namespace koers::web
