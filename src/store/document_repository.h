// Uploaded documents kept in the database: a PDF (the HGD expert's report, later referral
// attachments) with what owns it ("hgd", id), its school and pupil, name, size, SHA-256, and
// who uploaded it when.
//
// Contract: store() takes only what io::pdf_refusal() and io::file_name_refusal() accept, and
// refuses with their Dutch text with nothing stored; it writes the document and its audit line
// in one transaction (the caller's, with the variant taking a session, so an HGD and its report
// commit together). content() gives back exactly the bytes stored. This repository does not
// authorise: whoever calls it has decided the caller may see or add the owner's documents.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "store/database.h"

namespace koers::store {

struct NewDocument {
  std::string owner_kind;  // what it belongs to: "hgd", …; a-z - _, at most 32 (else a bug: throws)
  domain::Id owner_id = 0;
  domain::Id school_id = 0;
  domain::Id pupil_id = 0;  // whose dossier it is in; 0 when none
  std::string file_name;    // as uploaded; kept as io::clean_file_name makes it
  std::string bytes;
};

// A stored document without its bytes (lists, the download's headers).
struct DocumentInfo {
  domain::Id id = 0;
  std::string owner_kind;
  domain::Id owner_id = 0;
  domain::Id school_id = 0;
  domain::Id pupil_id = 0;
  std::string file_name;
  std::string content_type;  // "application/pdf"
  long long size_bytes = 0;
  std::string sha256;        // hex, lower case
  domain::Id uploaded_by = 0;
  std::string uploaded_by_name;  // the account's display name now
  std::string uploaded_at;       // ISO UTC
};

struct Document {
  DocumentInfo info;
  std::string bytes;
};

class DocumentRepository {
 public:
  explicit DocumentRepository(Database& db) : db_(db) {}

  // The new document's id, or the refusal (nothing stored).
  std::variant<domain::Id, std::string> store(const NewDocument& document, const domain::Principal& by);
  // The same inside the caller's transaction; a refusal throws nothing and writes nothing.
  std::variant<domain::Id, std::string> store(soci::session& sql, const NewDocument& document,
                                              const domain::Principal& by);

  std::optional<DocumentInfo> info(domain::Id id);
  // The info and the exact bytes; nullopt when there is no such document.
  std::optional<Document> load(domain::Id id);
  // The owner's documents, oldest first, without their bytes.
  std::vector<DocumentInfo> of_owner(const std::string& owner_kind, domain::Id owner_id);
  // Removes a document (a report replaced, or deleted under the retention rules); audit-logged.
  bool remove(soci::session& sql, domain::Id id, const domain::Principal& by, const std::string& reason);

 private:
  std::vector<DocumentInfo> infos(soci::session& sql, const std::string& where, const std::string& key_text,
                                  domain::Id key);
  Database& db_;
};

}  // namespace koers::store
