// Inzage and the parents' requests about the dossier (pupils/inzage.cc): what other pages show of them.
#pragma once

#include <nlohmann/json.hpp>

#include "web/app.h"

namespace koers::web {

// Mijn kind's links for a parent of the pupil: the dossier PDF, the requests page and how many
// requests are open or answered; null for anyone else.
nlohmann::json child_inzage_json(Context& ctx, domain::Id pupil_id);
// The IB's start page: the school's open requests, the earliest deadline first, each counting
// down ("nog 12 dagen", "3 dagen te laat"); null when there are none or for anyone else.
nlohmann::json dossier_request_deadlines_json(Context& ctx);

}  // namespace koers::web
