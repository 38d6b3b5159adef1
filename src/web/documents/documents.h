// Uploaded documents over HTTP for the areas that own them (the HGD report first): taking a
// PDF from a multipart form into store::DocumentRepository, and handing a stored one back.
//
// Authorisation is the caller's: these functions check nothing about who asks. Call them only
// after deciding that ctx.who may add to, or see, the owner's documents (for an HGD: the case's
// need-to-know with a valid consent). A route that takes an upload sets
// Route::max_body = kDocumentUploadBodyLimit, so a 20 MB PDF fits whatever --max-upload-mb says:
//   {"PUT", "/api/v1/hgd/:id", Capability::kSignedIn, save_hgd, false, kDocumentUploadBodyLimit}
// The file comes as multipart/form-data (any method), the other fields beside it.
#pragma once

#include <string>
#include <variant>

#include "io/pdf_file.h"
#include "store/document_repository.h"
#include "web/app.h"

namespace koers::web {

// The PDF with the rest of its multipart form (the CSRF token, a few fields).
inline constexpr size_t kDocumentUploadBodyLimit = io::kMaxDocumentBytes + 64 * 1024;

// Stores the file in the request's multipart field `field` as `document` (owner, school and
// pupil filled in by the caller; file name and bytes taken from the upload). Returns its id,
// or the Dutch refusal naming the field ("Bestand: is geen PDF …", nothing stored). The first
// form runs in the caller's transaction, so the owner's change and its report commit together;
// on a refusal the caller throws (HttpError 400 with the text) to roll its own change back.
std::variant<domain::Id, std::string> store_uploaded_pdf(Context& ctx, soci::session& sql, const std::string& field,
                                                         store::NewDocument document);
std::variant<domain::Id, std::string> store_uploaded_pdf(Context& ctx, const std::string& field,
                                                         store::NewDocument document);

// The stored PDF: Content-Type application/pdf, Content-Disposition attachment (or inline to
// show it in the browser) with its file name, never cached; the view is audit-logged on the
// document's pupil. refuse_not_found when there is no such document.
Response pdf_download(Context& ctx, domain::Id document_id, bool show_inline = false);

// `attachment; filename="Rapport_HGD.pdf"; filename*=UTF-8''Rapport%20HGD.pdf`: an ASCII name
// for old clients and the exact name (RFC 6266 / 8187) for the rest.
std::string content_disposition(const std::string& file_name, bool show_inline);

}  // namespace koers::web
