// Referrals over HTTP (issue 16): the board's procedures, a pupil's referrals, the OKR as a view
// of the record, the parents' copy and response, sending and the decision. The API
// (referrals/api.cc) and the IB's referral page and the parents' part of Mijn kind
// (referrals/pages.cc) share these. Access is domain::referral_actor: the IB writes; the head and
// a teacher of the pupil's group read; a parent reads and responds once the copy is available.
// Staff of another school get 404; a care-team member or board administrator 403. Every read
// and change is audit-logged.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/okr.h"
#include "domain/referral.h"
#include "io/oso_xml.h"
#include "web/app.h"

namespace koers::web {

struct ReferralInView {
  domain::Referral r;
  domain::PupilScope scope;
  domain::ReferralActor actor = domain::ReferralActor::kNone;
};
// The referral when ctx.who may see it; else 404 (unknown, another school's, or a parent before
// the copy is available) or 403 with why.
ReferralInView referral_in_view(Context& ctx, domain::Id referral_id);

// The OKR as it stands now (assembled from the record), not audited.
domain::Okr current_okr(Context& ctx, const domain::Referral& r);
// What the OSO dossier needs beside the OKR (io/oso_xml.h): the school, the pupil's identity,
// school career and parents, and the record's IHPs and results (as of sending, once sent).
io::OsoFacts oso_facts(Context& ctx, const domain::Referral& r);

// The referral as the API and the pages show it, with the missing parts and what the caller may
// do. Not audited.
nlohmann::json referral_json(Context& ctx, const ReferralInView& v, const domain::Okr& okr);

// The referrals of a parent's child whose copy is available, for Mijn kind; audits each shown.
nlohmann::json child_referrals_json(Context& ctx, domain::Id pupil_id);

// The API's handlers, which the pages' forms go through (one set of rules).
Response referral_start(Context& ctx);        // POST /api/v1/pupils/{id}/referrals
Response referral_save(Context& ctx);         // PUT /api/v1/referrals/{id}
Response referral_parents_copy(Context& ctx); // POST /api/v1/referrals/{id}/parents-copy
Response referral_send(Context& ctx);         // POST /api/v1/referrals/{id}/send
Response referral_decide(Context& ctx);       // POST /api/v1/referrals/{id}/decision

}  // namespace koers::web
