// Normeringsgrenzen: placeholder until the cut-off page lands (being written now).
#include "web/app.h"

namespace koers::web {
std::vector<Route> cutoff_routes() { return {}; }
}  // namespace koers::web
