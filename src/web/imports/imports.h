// Importing an EDEXML file on behalf of a board administrator: read, then write in one
// transaction. Shared by the Beheer page and POST /api/v1/imports/edexml.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "store/edexml_import.h"
#include "store/result_repository.h"
#include "web/app.h"

namespace koers::web {

// A summary with confirmation_needed means nothing was stored: the file would make many
// pupils leave (store/edexml_import.h); ask, then call again with confirm_leavers.
io::Outcome<store::EdexmlImportSummary> import_edexml_file(Context& ctx, const std::string& xml,
                                                           const std::string& file_name,
                                                           bool create_school,
                                                           const std::string& school_name,
                                                           bool confirm_leavers = false);

// Who a file would make leave, for the confirmation question: [{pupil_id, name, groups}].
// Showing them is a read of their data: one audit line names them all.
nlohmann::json would_leave_json(Context& ctx, const store::EdexmlImportSummary& summary);

// The bytes of an uploaded file carried through a confirmation form (base64); nullopt when
// the text is not base64.
std::string to_base64(const std::string& bytes);
std::optional<std::string> from_base64(const std::string& text);

// The mapping of a results import: a shipped or school mapping by name, or one the user
// made in the mapping step (JSON: field label → header), saved under `save_as` when named.
// Throws HttpError 400 for an unknown name or a mapping that cannot be saved.
io::ColumnMapping resolve_mapping(Context& ctx, const std::string& mapping_name, const std::string& mapping_json,
                                  const std::string& save_as);

// Importing a results CSV for the signed-in teacher (pupils of their groups) or IB (the
// school): decode, read with the mapping, store all or nothing. Shared by the import page
// and POST /api/v1/imports/results.
// `decisions` settles rows whose pupil was ambiguous (line → the pupil the user chose).
store::ResultsImportSummary import_results_file(Context& ctx, const std::string& bytes,
                                                const std::string& file_name, const io::ColumnMapping& mapping,
                                                const std::map<int, domain::Id>& decisions = {});

// The field `decisions` of an import form: {"7": 123} (line → pupil id). HttpError 400 when malformed.
std::map<int, domain::Id> parse_decisions(const std::string& text);
// A refused file lists its first kShownErrors problems (page and API) and counts the rest:
// 200,000 bad lines give a list a person reads, not 30 MB.
inline constexpr size_t kShownErrors = 200;
// "en nog 199.800 fouten" for the errors beyond the first kShownErrors; "" when none.
std::string more_errors_text(size_t total);
// The first kShownErrors row errors as the API and the page's script get them: line,
// message, choices.
nlohmann::json row_errors_json(const std::vector<io::RowError>& errors);

}  // namespace koers::web
