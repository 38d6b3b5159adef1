#include "store/document_repository.h"

#include <fmt/format.h>

#include <stdexcept>

#include "common/clock.h"
#include "common/crypto.h"
#include "io/pdf_file.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

namespace {

// The bytes travel to PostgreSQL as hex text (decode(…, 'hex')) and back (encode(…, 'hex')):
// SOCI 4.0 binds text parameters as C strings, and its blob there is a large object, not BYTEA.
std::string to_hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 15];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw std::runtime_error("document: no hex digit from the database");
}

std::string from_hex(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(hex_value(hex[2 * i]) << 4 | hex_value(hex[2 * i + 1]));
  return out;
}

bool valid_owner_kind(const std::string& kind) {
  if (kind.empty() || kind.size() > 32) return false;
  for (char c : kind)
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
  return true;
}

std::string size_text(long long bytes) {
  if (bytes < 1024 * 1024) return fmt::format("{} kB", (bytes + 1023) / 1024);
  return io::megabytes(static_cast<size_t>(bytes));
}

const char* kInfoColumns =
    "SELECT d.id, d.owner_kind, d.owner_id, d.school_id, d.pupil_id, d.file_name, d.content_type, d.size_bytes, "
    "d.sha256, d.uploaded_by, d.uploaded_at, a.display_name FROM documents d LEFT JOIN accounts a ON a.id = "
    "d.uploaded_by ";

}  // namespace

std::variant<Id, std::string> DocumentRepository::store(const NewDocument& d, const domain::Principal& by) {
  if (auto error = io::pdf_refusal(d.bytes)) return *error;
  if (auto error = io::file_name_refusal(d.file_name)) return *error;
  return db_.write([&](soci::session& sql) { return store(sql, d, by); });
}

std::variant<Id, std::string> DocumentRepository::store(soci::session& sql, const NewDocument& d,
                                                         const domain::Principal& by) {
  if (auto error = io::pdf_refusal(d.bytes)) return *error;
  if (auto error = io::file_name_refusal(d.file_name)) return *error;
  if (!valid_owner_kind(d.owner_kind) || d.owner_id == 0 || d.school_id == 0)
    throw std::invalid_argument("document: owner kind, owner id and school are required");
  const std::string name = io::clean_file_name(d.file_name), type = "application/pdf", sha = sha256_hex(d.bytes),
                    at = now_utc();
  const long long size = static_cast<long long>(d.bytes.size());
  Id pupil = d.pupil_id, id = 0;
  soci::indicator pupil_ind = pupil ? soci::i_ok : soci::i_null;
  const std::string columns =
      "INSERT INTO documents (owner_kind, owner_id, school_id, pupil_id, file_name, content_type, size_bytes, sha256, "
      "content, uploaded_by, uploaded_at) VALUES (:k, :o, :s, :p, :n, :t, :z, :h, ";
  if (db_.engine() == Engine::kSqlite) {
    soci::blob content(sql);
    content.write(0, d.bytes.data(), d.bytes.size());
    sql << columns + ":c, :b, :a) RETURNING id", soci::use(d.owner_kind), soci::use(d.owner_id),
        soci::use(d.school_id), soci::use(pupil, pupil_ind), soci::use(name), soci::use(type), soci::use(size),
        soci::use(sha), soci::use(content), soci::use(by.account_id), soci::use(at), soci::into(id);
  } else {
    const std::string hex = to_hex(d.bytes);
    sql << columns + "decode(:c, 'hex'), :b, :a) RETURNING id", soci::use(d.owner_kind), soci::use(d.owner_id),
        soci::use(d.school_id), soci::use(pupil, pupil_ind), soci::use(name), soci::use(type), soci::use(size),
        soci::use(sha), soci::use(hex), soci::use(by.account_id), soci::use(at), soci::into(id);
  }
  auto line = audit_entry(by, domain::AuditAction::kCreate, fmt::format("document {}", name), d.pupil_id,
                          fmt::format("PDF van {} opgeslagen bij {} {}", size_text(size), d.owner_kind, d.owner_id));
  line.school_id = d.school_id;
  AuditLog(db_).append(sql, std::move(line));
  return id;
}

std::vector<DocumentInfo> DocumentRepository::infos(soci::session& sql, const std::string& where,
                                                    const std::string& key_text, Id key) {
  std::vector<DocumentInfo> out;
  auto on_row = [&](const soci::row& r) {
    DocumentInfo i;
    i.id = row_integer(r, 0);
    i.owner_kind = r.get<std::string>(1);
    i.owner_id = row_integer(r, 2);
    i.school_id = row_integer(r, 3);
    i.pupil_id = row_integer_or_zero(r, 4);
    i.file_name = r.get<std::string>(5);
    i.content_type = r.get<std::string>(6);
    i.size_bytes = row_integer(r, 7);
    i.sha256 = r.get<std::string>(8);
    i.uploaded_by = row_integer(r, 9);
    i.uploaded_at = r.get<std::string>(10);
    i.uploaded_by_name = row_text(r, 11);
    out.push_back(std::move(i));
  };
  if (key_text.empty())
    db_.each_row(sql, std::string(kInfoColumns) + where, on_row, key);
  else
    db_.each_row(sql, std::string(kInfoColumns) + where, on_row, key_text, key);
  return out;
}

std::optional<DocumentInfo> DocumentRepository::info(Id id) {
  auto found = db_.read([&](soci::session& sql) { return infos(sql, "WHERE d.id = :id", "", id); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Document> DocumentRepository::load(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<Document> {
    auto found = infos(sql, "WHERE d.id = :id", "", id);
    if (found.empty()) return std::nullopt;
    Document doc{std::move(found.front()), {}};
    if (db_.engine() == Engine::kSqlite) {
      soci::blob content(sql);
      sql << "SELECT content FROM documents WHERE id = :id", soci::use(id), soci::into(content);
      doc.bytes.resize(content.get_len());
      if (!doc.bytes.empty()) content.read(0, doc.bytes.data(), doc.bytes.size());
    } else {
      std::string hex;
      sql << "SELECT encode(content, 'hex') FROM documents WHERE id = :id", soci::use(id), soci::into(hex);
      doc.bytes = from_hex(hex);
    }
    return doc;
  });
}

std::vector<DocumentInfo> DocumentRepository::of_owner(const std::string& owner_kind, Id owner_id) {
  return db_.read([&](soci::session& sql) {
    return infos(sql, "WHERE d.owner_kind = :k AND d.owner_id = :o ORDER BY d.uploaded_at, d.id", owner_kind, owner_id);
  });
}

bool DocumentRepository::remove(soci::session& sql, Id id, const domain::Principal& by, const std::string& reason) {
  auto found = infos(sql, "WHERE d.id = :id", "", id);
  if (found.empty()) return false;
  const DocumentInfo& d = found.front();
  sql << "DELETE FROM documents WHERE id = :id", soci::use(id);
  auto line = audit_entry(by, domain::AuditAction::kDelete, fmt::format("document {}", d.file_name), d.pupil_id,
                          fmt::format("verwijderd van {} {}{}", d.owner_kind, d.owner_id,
                                      reason.empty() ? "" : " (" + reason + ")"));
  line.school_id = d.school_id;
  AuditLog(db_).append(sql, std::move(line));
  return true;
}

}  // namespace koers::store
