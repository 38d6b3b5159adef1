// HGD (handelingsgerichte diagnostiek) over HTTP: the API (hgd/api.cc) and the HGD section of
// the case page with its forms (hgd/pages.cc) share these. Access is domain::hgd_actor: the IB
// writes, the expert with a counting HGD consent uploads the report and writes the
// recommendations, a teacher of the pupil reads; anyone else of the school is refused (403),
// another school's id answers as unknown (404). Every read and change is audit-logged.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/hgd.h"
#include "web/app.h"
#include "web/cases/cases.h"

namespace koers::web {

struct HgdInView {
  domain::HgdRequest h;
  domain::CareTeamCase c;
  domain::PupilScope scope;
  domain::HgdActor actor = domain::HgdActor::kNone;
};
// The HGD when ctx.who may see it; else 404 (unknown, or another school's) or 403 with why.
HgdInView hgd_in_view(Context& ctx, domain::Id hgd_id);

// The request as the API and the page show it, with what the caller may do.
nlohmann::json hgd_json(Context& ctx, const HgdInView& v);

// The HGD section of the case page (IB and the pupil's teacher): the case's requests, the
// request form (IB), the experts it may go to. Null when the caller sees no HGD of the case.
// Audits the read when there is a request to show.
nlohmann::json hgd_section_json(Context& ctx, const CaseInView& v);

// The HGDs the external may work on now (expert of the request, HGD consent in force), as rows
// for "Mijn casussen": pupil, status, link to /hgd/{id}. Audits each row shown.
nlohmann::json expert_hgd_rows(Context& ctx);

// Who the principal is for the adviesgesprek `m` (MeetingKind::kHgdAdvice): as for its HGD
// request (hgd_actor); kNone when the request is gone. Audits nothing.
domain::HgdActor hgd_actor_of_meeting(Context& ctx, const domain::Meeting& m);

// The API's handlers, which the page's forms go through (one set of rules).
Response hgd_request(Context& ctx);         // POST /api/v1/cases/{id}/hgd
Response hgd_save(Context& ctx);            // PUT /api/v1/hgd/{id}
Response hgd_upload_report(Context& ctx);   // POST /api/v1/hgd/{id}/report (multipart, field "file")
Response hgd_take_over(Context& ctx);       // POST /api/v1/hgd/{id}/recommendations/{n}/need
Response hgd_plan_meeting(Context& ctx);    // POST /api/v1/hgd/{id}/meeting (the adviesgesprek)

}  // namespace koers::web
