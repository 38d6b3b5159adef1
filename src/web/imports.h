// Importing an EDEXML file on behalf of a board administrator: read, then write in one
// transaction. Shared by the Beheer page and POST /api/v1/imports/edexml.
#pragma once

#include <string>

#include "store/edexml_import.h"
#include "web/app.h"

namespace koers::web {

io::Outcome<store::EdexmlImportSummary> import_edexml_file(Context& ctx, const std::string& xml,
                                                           const std::string& file_name,
                                                           bool create_school,
                                                           const std::string& school_name);

}  // namespace koers::web
