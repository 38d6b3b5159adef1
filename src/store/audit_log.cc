#include "store/audit_log.h"

#include "common/clock.h"
#include "common/crypto.h"

namespace koers::store {

using domain::AuditEntry;

AuditEntry audit_entry(const domain::Principal& who, domain::AuditAction action,
                       std::string object, domain::Id pupil_id, std::string detail) {
  AuditEntry e;
  e.account_id = who.account_id;
  e.username = who.username;
  e.role = std::string(domain::role_key(who.role));
  e.school_id = who.school_id;
  e.pupil_id = pupil_id;
  e.action = domain::audit_action_key(action);
  e.object = std::move(object);
  e.detail = std::move(detail);
  return e;
}

void AuditLog::append(soci::session& sql, std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  long long seq = 0;
  std::string hash;
  sql << std::string("SELECT seq, hash FROM audit_head WHERE id = 1") + for_update(db_.engine()),
      soci::into(seq), soci::into(hash);
  const std::string at = now_utc();
  AuditEntry row;
  soci::indicator acc_ind = soci::i_null, school_ind = soci::i_null, pupil_ind = soci::i_null;
  soci::statement insert =
      (sql.prepare << "INSERT INTO audit_log (seq, at, account_id, username, role, on_behalf_of, school_id, "
                      "pupil_id, action, object, detail, prev_hash, hash) VALUES (:seq, :at, :acc, :user, "
                      ":role, :behalf, :school, :pupil, :action, :object, :detail, :prev, :hash)",
       soci::use(row.seq), soci::use(row.at), soci::use(row.account_id, acc_ind), soci::use(row.username),
       soci::use(row.role), soci::use(row.on_behalf_of), soci::use(row.school_id, school_ind),
       soci::use(row.pupil_id, pupil_ind), soci::use(row.action), soci::use(row.object), soci::use(row.detail),
       soci::use(row.prev_hash), soci::use(row.hash));
  for (AuditEntry& e : entries) {
    e.seq = ++seq;
    e.at = at;
    e.prev_hash = hash;
    e.hash = sha256_hex(domain::audit_hash_input(e));
    hash = e.hash;
    row = e;
    acc_ind = e.account_id ? soci::i_ok : soci::i_null;
    school_ind = e.school_id ? soci::i_ok : soci::i_null;
    pupil_ind = e.pupil_id ? soci::i_ok : soci::i_null;
    insert.execute(true);
  }
  sql << "UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1", soci::use(seq),
      soci::use(hash);
}

void AuditLog::record(std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  db_.write([&](soci::session& sql) { append(sql, std::move(entries)); });
}

namespace {
const char* kColumns =
    "SELECT id, seq, at, account_id, username, role, on_behalf_of, school_id, pupil_id, action, "
    "object, detail, prev_hash, hash FROM audit_log ";

std::vector<AuditEntry> fetch(soci::session& sql, const std::string& where, long long key,
                              int limit) {
  std::vector<AuditEntry> out;
  AuditEntry e;
  soci::indicator acc_ind, school_ind, pupil_ind;
  soci::statement st = (sql.prepare << std::string(kColumns) + where, soci::use(key),
                        soci::use(limit), soci::into(e.id), soci::into(e.seq), soci::into(e.at),
                        soci::into(e.account_id, acc_ind), soci::into(e.username),
                        soci::into(e.role), soci::into(e.on_behalf_of),
                        soci::into(e.school_id, school_ind), soci::into(e.pupil_id, pupil_ind),
                        soci::into(e.action), soci::into(e.object), soci::into(e.detail),
                        soci::into(e.prev_hash), soci::into(e.hash));
  st.execute();
  while (st.fetch()) {
    AuditEntry row = e;
    if (acc_ind != soci::i_ok) row.account_id = 0;
    if (school_ind != soci::i_ok) row.school_id = 0;
    if (pupil_ind != soci::i_ok) row.pupil_id = 0;
    out.push_back(std::move(row));
  }
  return out;
}
}  // namespace

std::vector<AuditEntry> AuditLog::for_pupil(domain::Id pupil_id, int limit) {
  return db_.read([&](soci::session& sql) {
    return fetch(sql, "WHERE pupil_id = :k ORDER BY seq DESC LIMIT :l", pupil_id, limit);
  });
}

std::vector<AuditEntry> AuditLog::for_account(domain::Id account_id, int limit) {
  return db_.read([&](soci::session& sql) {
    return fetch(sql, "WHERE account_id = :k ORDER BY seq DESC LIMIT :l", account_id, limit);
  });
}

long long AuditLog::count() {
  return db_.read([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM audit_log", soci::into(n);
    return n;
  });
}

std::optional<long long> AuditLog::verify() {
  return db_.read([&](soci::session& sql) -> std::optional<long long> {
    std::vector<AuditEntry> all = fetch(sql, "WHERE seq > :k ORDER BY seq LIMIT :l", 0, 1 << 30);
    std::string prev;
    long long expected_seq = 0;
    for (const AuditEntry& e : all) {
      if (e.seq != ++expected_seq || e.prev_hash != prev ||
          sha256_hex(domain::audit_hash_input(e)) != e.hash)
        return e.seq;
      prev = e.hash;
    }
    long long head_seq = 0;
    std::string head_hash;
    sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(head_seq),
        soci::into(head_hash);
    if (head_seq != expected_seq || head_hash != prev) return expected_seq + 1;
    return std::nullopt;
  });
}

}  // namespace koers::store
