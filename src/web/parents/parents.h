// Parents as partners (issue 17): their accounts, Mijn kind as their home and their consents.
//
// Accounts: the IB (own school) invites a pupil's guardians from the stamkaart, the IB and the
// board administrator the guardians of a whole group from Accounts: one account per guardian
// (role ouder), a printable letter with a one-time activation code (14 days) and an e-mail when
// the school has a relay (accounts/pages.cc makes both). Mijn kind (pupils/pages.cc) adds
// child_home_json; the consents page (/toestemmingen) and GET /api/v1/pupils/{id}/consents are
// here. Access: domain::may_view_pupil (a parent's children, a child who left only while
// domain::parent_sees_child), domain::may_view_ihp, domain::may_view_case.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/access_policy.h"
#include "domain/pupil_record.h"
#include "web/app.h"

namespace koers::web {

// What Mijn kind shows of one child, in plain words, from the record: how the school helps now
// (approach per subject and the group plan's lines), the IHPs with the parents' view, the
// meetings about the child (with the report where the parents took part), the documents the
// school sent (the OKR copies: `referrals` as child_referrals_json gives them), and when the
// child left, until when the parents see this. Not audited (the page records its one view).
nlohmann::json child_home_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record,
                               const nlohmann::json& referrals);

// For the IB on the stamkaart: each guardian of `guardians` (guardian_json objects) gains its
// account state and whether it may be invited. Unchanged for anyone else.
void add_guardian_accounts(Context& ctx, const domain::PupilScope& scope, nlohmann::json& guardians);

// The Accounts page's parents section: the parent accounts in view and the groups whose
// parents can be invited.
nlohmann::json parent_accounts_section(Context& ctx);

}  // namespace koers::web
