#include "store/dossier_request_repository.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "domain/author.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::DossierRequest;
using domain::Id;

namespace {

const char* kColumns =
    "SELECT id, pupil_id, school_id, kind, what, why, asked_by, asked_by_account, asked_at, asked_on, due_on, status, "
    "answer, answered_by, answered_at, version FROM dossier_requests ";

DossierRequest from_row(const soci::row& r) {
  DossierRequest q;
  q.id = row_integer(r, 0);
  q.pupil_id = row_integer(r, 1);
  q.school_id = row_integer(r, 2);
  q.kind = domain::parse_dossier_request_kind(row_text(r, 3)).value_or(domain::DossierRequestKind::kCorrection);
  q.what = row_text(r, 4);
  q.why = row_text(r, 5);
  q.asked_by = row_text(r, 6);
  q.asked_by_account = row_integer(r, 7);
  q.asked_at = row_text(r, 8);
  q.asked_on = domain::parse_iso_date(row_text(r, 9)).value_or(domain::Date{});
  q.due_on = domain::parse_iso_date(row_text(r, 10)).value_or(domain::Date{});
  q.status = domain::parse_dossier_request_status(row_text(r, 11)).value_or(domain::DossierRequestStatus::kOpen);
  q.answer = row_text(r, 12);
  q.answered_by = row_text(r, 13);
  q.answered_at = row_text(r, 14);
  q.version = static_cast<int>(row_integer(r, 15));
  return q;
}

std::vector<DossierRequest> select(Database& db, soci::session& sql, const std::string& where, Id key) {
  std::vector<DossierRequest> out;
  db.each_row(
      sql, kColumns + where, [&](const soci::row& r) { out.push_back(from_row(r)); }, key);
  return out;
}

void audit(Database& db, soci::session& sql, const domain::Principal& who, domain::AuditAction action,
           const DossierRequest& q, const std::string& detail) {
  auto entry =
      audit_entry(who, action, fmt::format("verzoek om {} {}", domain::dossier_request_kind_label(q.kind), q.id),
                  q.pupil_id, detail);
  entry.school_id = q.school_id;
  AuditLog(db).append(sql, entry);
}

}  // namespace

DossierRequest DossierRequestRepository::create(DossierRequest q, const domain::Principal& who) {
  q.version = 1;
  if (q.asked_at.empty()) q.asked_at = now_utc();  // the demo's history sets it; the API never does
  q.asked_by_account = who.account_id;
  const std::string kind = domain::dossier_request_kind_key(q.kind),
                    status = domain::dossier_request_status_key(q.status);
  const std::string asked_on = q.asked_on.iso(), due_on = q.due_on.iso();
  db_.write([&](soci::session& sql) {
    sql << "INSERT INTO dossier_requests (pupil_id, school_id, kind, what, why, asked_by, asked_by_account, asked_at, "
           "asked_on, due_on, status, version) VALUES (:p, :s, :k, :w, :y, :b, :a, :at, :on, :due, :st, 1) RETURNING "
           "id",
        soci::use(q.pupil_id), soci::use(q.school_id), soci::use(kind), soci::use(q.what), soci::use(q.why),
        soci::use(q.asked_by), soci::use(q.asked_by_account), soci::use(q.asked_at), soci::use(asked_on),
        soci::use(due_on), soci::use(status), soci::into(q.id);
    audit(db_, sql, who, domain::AuditAction::kCreate, q,
          fmt::format("gevraagd; antwoord uiterlijk {}", q.due_on.dutch()));
  });
  return q;
}

std::optional<DossierRequest> DossierRequestRepository::find(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<DossierRequest> {
    auto found = select(db_, sql, "WHERE id = :k", id);
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::vector<DossierRequest> DossierRequestRepository::of_pupil(soci::session& sql, Id pupil_id) {
  return select(db_, sql, "WHERE pupil_id = :k ORDER BY asked_at DESC, id DESC", pupil_id);
}

std::vector<DossierRequest> DossierRequestRepository::of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return of_pupil(sql, pupil_id); });
}

std::vector<DossierRequest> DossierRequestRepository::open_of_school(Id school_id) {
  return db_.read([&](soci::session& sql) {
    return select(db_, sql, "WHERE school_id = :k AND status = 'open' ORDER BY due_on, id", school_id);
  });
}

std::optional<DossierRequest> DossierRequestRepository::answer(Id id, int version, domain::DossierRequestStatus status,
                                                               const std::string& text, const domain::Principal& who) {
  return db_.write([&](soci::session& sql) -> std::optional<DossierRequest> {
    auto found = select(db_, sql, "WHERE id = :k", id);
    if (found.empty() || found.front().version != version || !found.front().open()) return std::nullopt;
    DossierRequest q = found.front();
    q.status = status;
    q.answer = text;
    q.answered_by = domain::author_name(who);
    q.answered_at = now_utc();
    q.version = version + 1;
    const std::string key = domain::dossier_request_status_key(status);
    soci::statement st = (sql.prepare << "UPDATE dossier_requests SET status = :st, answer = :a, answered_by = :b, "
                                         "answered_at = :at, version = :v WHERE id = :id AND version = :old",
                          soci::use(key), soci::use(q.answer), soci::use(q.answered_by), soci::use(q.answered_at),
                          soci::use(q.version), soci::use(id), soci::use(version));
    st.execute(true);
    if (st.get_affected_rows() != 1) return std::nullopt;
    audit(db_, sql, who, domain::AuditAction::kUpdate, q,
          fmt::format("beantwoord: {}", domain::dossier_request_status_label(status)));
    return q;
  });
}

}  // namespace koers::store
