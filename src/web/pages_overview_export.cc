// Groepsoverzicht as Excel: placeholder until the export lands (being written now).
#include "web/app.h"

namespace koers::web {
std::vector<Route> overview_export_routes() { return {}; }
}  // namespace koers::web
