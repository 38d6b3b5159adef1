#include "store/audit_log.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "common/clock.h"
#include "common/crypto.h"

namespace koers::store {

using domain::AuditEntry;
using domain::Id;

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

AuditEntry audit_view_entry(const domain::Principal& who, std::string object, std::vector<Id> pupil_ids,
                            std::string detail) {
  AuditEntry e = audit_entry(who, domain::AuditAction::kView, std::move(object), 0, std::move(detail));
  e.pupil_ids = std::move(pupil_ids);
  return e;
}

namespace {
// One pupil in pupil_id, several in pupil_ids (sorted, once each): the form the hash is taken over.
void normalise_pupils(AuditEntry& e) {
  if (e.pupil_id && !e.pupil_ids.empty()) e.pupil_ids.push_back(e.pupil_id);
  std::sort(e.pupil_ids.begin(), e.pupil_ids.end());
  e.pupil_ids.erase(std::unique(e.pupil_ids.begin(), e.pupil_ids.end()), e.pupil_ids.end());
  std::erase(e.pupil_ids, Id{0});
  if (e.pupil_ids.size() == 1) e.pupil_id = e.pupil_ids.front();
  if (e.pupil_ids.size() <= 1) e.pupil_ids.clear();
  else e.pupil_id = 0;
}

// The set of these pupils (sorted, two or more): the one stored before, or a new one. Runs
// under the audit head's lock, so two appends never make the same set twice.
Id pupil_set(Database& db, soci::session& sql, const std::vector<Id>& pupils) {
  const std::string key = sha256_hex(fmt::format("{}", fmt::join(pupils, ",")));
  Id id = 0;
  db.each_typed<long long>(sql, "SELECT id FROM audit_pupil_sets WHERE set_key = :k",
                           [&](const auto& r) { id = std::get<0>(r); }, key);
  if (id) return id;
  db.each_typed<long long>(sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM audit_pupil_sets",
                           [&](const auto& r) { id = std::get<0>(r); });
  db.run(sql, "INSERT INTO audit_pupil_sets (id, set_key) VALUES (:i, :k)", id, key);
  for (Id p : pupils) db.run(sql, "INSERT INTO audit_set_pupils (set_id, pupil_id) VALUES (:s, :p)", id, p);
  return id;
}
}  // namespace

void AuditLog::append(soci::session& sql, std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  long long seq = 0;
  std::string hash;
  // The statements of every view: prepared once per connection (statement_cache.h).
  db_.each_row(
      sql, std::string("SELECT seq, hash FROM audit_head WHERE id = 1") + for_update(db_.engine()),
      [&](const soci::row& r) {
        seq = row_integer(r, 0);
        hash = r.get<std::string>(1);
      });
  const std::string at = now_utc();
  auto unless_zero = [](Id id) { return id ? std::optional<Id>(id) : std::nullopt; };
  for (AuditEntry& e : entries) {
    normalise_pupils(e);
    e.seq = ++seq;
    e.at = at;
    e.prev_hash = hash;
    e.hash = sha256_hex(domain::audit_hash_input(e));
    hash = e.hash;
    const Id set = e.pupil_ids.empty() ? 0 : pupil_set(db_, sql, e.pupil_ids);
    db_.run(sql,
            "INSERT INTO audit_log (seq, at, account_id, username, role, on_behalf_of, school_id, pupil_id, "
            "pupil_set, action, object, detail, prev_hash, hash) VALUES (:seq, :at, :acc, :user, :role, :behalf, "
            ":school, :pupil, :pset, :action, :object, :detail, :prev, :hash)",
            e.seq, e.at, unless_zero(e.account_id), e.username, e.role, e.on_behalf_of, unless_zero(e.school_id),
            unless_zero(e.pupil_id), unless_zero(set), e.action, e.object, e.detail, e.prev_hash, e.hash);
  }
  db_.run(sql, "UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1", seq, hash);
}

void AuditLog::record(std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  // Views are many and small: they share a transaction with the views of other requests
  // at the same moment (group commit); the request goes on once its lines committed.
  db_.write_batched([this, &entries](soci::session& sql) { append(sql, entries); });
}

namespace {
const char* kColumns =
    "SELECT a.id, a.seq, a.at, a.account_id, a.username, a.role, a.on_behalf_of, a.school_id, a.pupil_id, "
    "a.action, a.object, a.detail, a.prev_hash, a.hash, ac.display_name, a.pupil_set ";

// A line as stored: the entry, and the set of its pupils when there are several (0: none).
struct StoredLine {
  AuditEntry entry;
  Id set = 0;
};

// `from_where`: the FROM … WHERE … ORDER BY … LIMIT clause, with :k and :l.
std::vector<StoredLine> fetch_stored(soci::session& sql, const std::string& from_where, long long key, int limit) {
  std::vector<StoredLine> out;
  AuditEntry e;
  Id set = 0;
  soci::indicator acc_ind, school_ind, pupil_ind, name_ind, set_ind;
  soci::statement st = (sql.prepare << std::string(kColumns) + from_where, soci::use(key),
                        soci::use(limit), soci::into(e.id), soci::into(e.seq), soci::into(e.at),
                        soci::into(e.account_id, acc_ind), soci::into(e.username),
                        soci::into(e.role), soci::into(e.on_behalf_of),
                        soci::into(e.school_id, school_ind), soci::into(e.pupil_id, pupil_ind),
                        soci::into(e.action), soci::into(e.object), soci::into(e.detail),
                        soci::into(e.prev_hash), soci::into(e.hash), soci::into(e.account_name, name_ind),
                        soci::into(set, set_ind));
  st.execute();
  while (st.fetch()) {
    StoredLine row{e, set_ind == soci::i_ok ? set : 0};
    if (acc_ind != soci::i_ok) row.entry.account_id = 0;
    if (school_ind != soci::i_ok) row.entry.school_id = 0;
    if (pupil_ind != soci::i_ok) row.entry.pupil_id = 0;
    if (name_ind != soci::i_ok) row.entry.account_name.clear();
    out.push_back(std::move(row));
  }
  return out;
}

// The pupils of these sets (all sets when `sets` is empty), sorted.
std::map<Id, std::vector<Id>> set_pupils(soci::session& sql, const std::vector<Id>& sets) {
  std::map<Id, std::vector<Id>> out;
  Id s = 0, p = 0;
  // The set ids are numbers read from the table, so they may stand in the text.
  const std::string where = sets.empty() ? "" : fmt::format(" WHERE set_id IN ({})", fmt::join(sets, ","));
  soci::statement st = (sql.prepare << "SELECT set_id, pupil_id FROM audit_set_pupils" + where +
                                           " ORDER BY set_id, pupil_id",
                        soci::into(s), soci::into(p));
  st.execute();
  while (st.fetch()) out[s].push_back(p);
  return out;
}

// The lines with their pupil lists filled in from their sets.
std::vector<AuditEntry> fetch(soci::session& sql, const std::string& from_where, long long key, int limit) {
  auto stored = fetch_stored(sql, from_where, key, limit);
  std::vector<Id> sets;
  for (const StoredLine& l : stored)
    if (l.set) sets.push_back(l.set);
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  std::map<Id, std::vector<Id>> lists;
  if (!sets.empty()) lists = set_pupils(sql, sets);
  std::vector<AuditEntry> out;
  out.reserve(stored.size());
  for (StoredLine& l : stored) {
    if (l.set && !l.entry.pupil_id) l.entry.pupil_ids = lists[l.set];
    out.push_back(std::move(l.entry));
  }
  return out;
}

// The lines about a pupil: theirs alone, and those whose set holds them.
std::string about_pupil(Id pupil) {
  return fmt::format("(a.pupil_id = {0} OR a.pupil_set IN (SELECT set_id FROM audit_set_pupils WHERE pupil_id = {0}))",
                     pupil);
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}
}  // namespace

std::vector<AuditEntry> AuditLog::find(soci::session& sql, const AuditQuery& q) {
  // The filters are numbers, dates and known action keys; each goes into the text quoted.
  std::string from = "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE ";
  from += q.pupil_id ? about_pupil(q.pupil_id) + " AND :k > 0" : q.school_id ? "a.school_id = :k" : ":k = 0";
  long long key = q.pupil_id ? q.pupil_id : q.school_id;
  if (q.pupil_id && q.school_id) from += fmt::format(" AND a.school_id = {}", q.school_id);
  if (q.account_id) from += fmt::format(" AND a.account_id = {}", q.account_id);
  if (!q.actions.empty()) {
    std::vector<std::string> keys;
    for (const auto& a : q.actions) keys.push_back(quoted(a));
    from += fmt::format(" AND a.action IN ({})", fmt::join(keys, ", "));
  }
  if (q.from) from += fmt::format(" AND a.at >= {}", quoted(q.from->iso()));
  if (q.to) from += fmt::format(" AND a.at < {}", quoted(domain::add_days(*q.to, 1).iso()));
  from += " ORDER BY a.seq DESC LIMIT :l";
  return fetch(sql, from, key, q.limit);
}

std::vector<AuditEntry> AuditLog::find(const AuditQuery& q) {
  return db_.read([&](soci::session& sql) { return find(sql, q); });
}

std::vector<AuditEntry> AuditLog::for_pupil(domain::Id pupil_id, int limit) {
  AuditQuery q;
  q.pupil_id = pupil_id;
  q.limit = limit;
  return find(q);
}

std::vector<AuditPerson> AuditLog::people_of_pupil(domain::Id pupil_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<AuditPerson> out;
    AuditPerson row;
    soci::indicator acc_ind, name_ind;
    soci::statement st =
        (sql.prepare << "SELECT DISTINCT a.account_id, a.username, ac.display_name FROM audit_log a "
                        "LEFT JOIN accounts ac ON ac.id = a.account_id WHERE " +
                            about_pupil(pupil_id) + " AND a.account_id IS NOT NULL",
         soci::into(row.account_id, acc_ind), soci::into(row.username),
         soci::into(row.name, name_ind));
    st.execute();
    while (st.fetch()) {
      AuditPerson p = row;
      if (name_ind != soci::i_ok || p.name.empty()) p.name = p.username;
      out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const AuditPerson& a, const AuditPerson& b) {
      return std::tie(a.name, a.account_id) < std::tie(b.name, b.account_id);
    });
    return out;
  });
}

std::vector<AuditEntry> AuditLog::for_account(domain::Id account_id, int limit) {
  return db_.read([&](soci::session& sql) {
    return fetch(sql,
                 "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE a.account_id = :k "
                 "ORDER BY a.seq DESC LIMIT :l",
                 account_id, limit);
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
    auto all = fetch_stored(
        sql, "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE a.seq > :k ORDER BY a.seq LIMIT :l",
        0, 1 << 30);
    const auto sets = set_pupils(sql, {});
    std::string prev;
    long long expected_seq = 0;
    for (auto& [e, set] : all) {
      // The stored pupils: the one pupil_id names, or the set of several the hash covers.
      if (set) {
        auto it = sets.find(set);
        if (e.pupil_id || it == sets.end() || it->second.size() < 2) return e.seq;
        e.pupil_ids = it->second;
      }
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
