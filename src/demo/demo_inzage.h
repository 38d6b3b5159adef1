// The demo's request about a dossier: the demo parent ("ouder") asked nine days ago to correct
// something in their child's dossier (the first child linked, by id), written through the rules
// and the repository the API uses; the IB has not answered yet, so the request counts down on
// the IB's start page (nineteen days left) and stands on Mijn kind. Runs after the cases.
#pragma once

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// The request's id; 0 when the demo has no parent account with a child.
long long add_demo_dossier_request(store::Database& db, const domain::Date& today);

}  // namespace koers::demo
