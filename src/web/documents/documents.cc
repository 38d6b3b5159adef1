#include "web/documents/documents.h"

#include <fmt/format.h>

#include "store/audit_log.h"

namespace koers::web {

namespace {

std::variant<store::NewDocument, std::string> with_upload(Context& ctx, const std::string& field,
                                                          store::NewDocument document) {
  auto file = ctx.req.files.find(field);
  if (file == ctx.req.files.end())
    return fmt::format("Bestand: niet meegestuurd (verwacht een PDF in het formulierveld '{}'). Er is niets opgeslagen.",
                       field);
  document.file_name = file->second.filename;
  document.bytes = file->second.content;
  return document;
}

}  // namespace

std::variant<domain::Id, std::string> store_uploaded_pdf(Context& ctx, soci::session& sql, const std::string& field,
                                                         store::NewDocument document) {
  auto ready = with_upload(ctx, field, std::move(document));
  if (auto* error = std::get_if<std::string>(&ready)) return *error;
  return store::DocumentRepository(ctx.app.db).store(sql, std::get<store::NewDocument>(ready), ctx.who);
}

std::variant<domain::Id, std::string> store_uploaded_pdf(Context& ctx, const std::string& field,
                                                         store::NewDocument document) {
  auto ready = with_upload(ctx, field, std::move(document));
  if (auto* error = std::get_if<std::string>(&ready)) return *error;
  return store::DocumentRepository(ctx.app.db).store(std::get<store::NewDocument>(ready), ctx.who);
}

std::string content_disposition(const std::string& file_name, bool show_inline) {
  std::string ascii, encoded;
  for (unsigned char c : file_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    encoded += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", show_inline ? "inline" : "attachment", ascii, encoded);
}

Response pdf_download(Context& ctx, domain::Id document_id, bool show_inline) {
  auto doc = store::DocumentRepository(ctx.app.db).load(document_id);
  if (!doc) refuse_not_found("dit document");
  auto line = store::audit_entry(ctx.who, domain::AuditAction::kView, "document " + doc->info.file_name,
                                 doc->info.pupil_id,
                                 fmt::format("{} van {} {}", show_inline ? "geopend" : "gedownload", doc->info.owner_kind,
                                             doc->info.owner_id));
  line.school_id = doc->info.school_id;
  ctx.app.audit.record({std::move(line)});
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(doc->bytes);
  r.header("Content-Disposition", content_disposition(doc->info.file_name, show_inline));
  return r;
}

}  // namespace koers::web
