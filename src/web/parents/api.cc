// GET /api/v1/pupils/{id}/consents: every consent given for the pupil's care-team cases (what
// for, which disciplines and externals, which documents, until when, in force or withdrawn, and
// what a withdrawal stops), for a parent of the pupil and the IB of the pupil's school. Someone
// else of the school (a teacher, the head, another parent): 403, the refused attempt in the
// trail; a pupil of another school or none: 404. Every read is in the pupil's audit trail.
// Withdrawing: POST /api/v1/consents/{id}/withdraw (cases/api.cc).
#include "web/cases/cases.h"
#include "web/parents/parents.h"

namespace koers::web {

using domain::Role;
using nlohmann::json;

Response consents_api(Context& ctx) {
  const domain::Id id = ctx.id_param("id");
  auto scope = ctx.app.pupils.scope(id);
  if (!scope || !domain::pupil_of_own_school(ctx.who, *scope)) refuse_not_found("deze leerling");
  const bool allowed = (ctx.who.role == Role::kParent || ctx.who.role == Role::kSupportCoordinator) &&
                       domain::may_view_pupil(ctx.who, *scope);
  if (!allowed) {
    ctx.audit_refusal(id, "toestemmingen via de API",
                      ctx.who.role == Role::kParent ? "niet een kind van deze ouder"
                                                    : "alleen de ouders en de intern begeleider zien de toestemmingen");
    throw HttpError{403, "Alleen de ouders van deze leerling en de intern begeleider zien de toestemmingen."};
  }
  json consents = child_consents_json(ctx, id)["consents"];
  ctx.audit_view({id}, "toestemmingen");
  return Response::json(json{{"pupil_id", id}, {"consents", consents}}.dump());
}

}  // namespace koers::web
