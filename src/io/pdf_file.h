// An uploaded report (the HGD expert's, later a referral's attachments) as Koers accepts it:
// a PDF of at most kMaxDocumentBytes. pdf_refusal() says in Dutch why bytes are not taken;
// the store refuses the same bytes, so nothing is stored that this check would refuse.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace koers::io {

// 20 MB: a scanned report of a few dozen pages fits; the README's "Hoe lang een veld mag zijn".
inline constexpr size_t kMaxDocumentBytes = 20 * 1024 * 1024;
// Where the end marker may stand: within the last 1024 bytes (PDF 1.7, 7.5.5; readers tolerate
// trailing bytes, as a mail program's line ending).
inline constexpr size_t kPdfEofWindow = 1024;

// nullopt when `bytes` is a PDF (starts with "%PDF-", "%%EOF" near the end) of at most
// kMaxDocumentBytes; else the refusal naming the field "Bestand", ending "Er is niets opgeslagen."
std::optional<std::string> pdf_refusal(std::string_view bytes);

// The name an uploaded file is kept under: without the directories a browser may send
// ("C:\fakepath\rapport.pdf" → "rapport.pdf") and without control characters; "document.pdf"
// when nothing is left. Refused ("Bestandsnaam: …") when longer than limits::kFileName.
std::optional<std::string> file_name_refusal(std::string_view name);
std::string clean_file_name(std::string_view name);

// "20 MB", "20,1 MB" (rounded up, so a file just over the limit never reads as the limit).
std::string megabytes(size_t bytes);

}  // namespace koers::io
