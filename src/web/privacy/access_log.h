// The privacy officer's view of the audit trail (issue 17): the board's access log with the
// fields NEN 7513 asks (who, role, when, what, which pupil, on whose behalf, from which
// address), filtered by pupil, account, kind and period, as a page, JSON and CSV; the accesses
// outside the usual pattern for review; and the chain's check. Only the privacy role
// (Capability::kReadAccessLog); it reads the log, never a dossier.
#pragma once

#include <vector>

#include "web/app.h"

namespace koers::web {

std::vector<Route> privacy_routes();

}  // namespace koers::web
