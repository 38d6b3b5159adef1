// Retention on the IB's start page: how many dossiers of pupils who left are due for deletion
// now or within kRetentionSoonDays, linking to /bewaartermijnen.
#pragma once

#include <nlohmann/json.hpp>

#include "web/app.h"

namespace koers::web {

inline constexpr int kRetentionSoonDays = 30;

// For the IB of a school: {"count", "soon", "text", "href"} when a step is due (not held) today
// or within kRetentionSoonDays; null for anyone else or when none is. Names no pupil, so it is
// not audited (the list it links to is).
nlohmann::json retention_due_json(Context& ctx);

}  // namespace koers::web
