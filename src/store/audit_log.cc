#include "store/audit_log.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/on_behalf.h"

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
  e.address = who.address;
  e.on_behalf_of = domain::on_behalf_of(who, pupil_id);
  return e;
}

AuditEntry audit_view_entry(const domain::Principal& who, std::string object, std::vector<Id> pupil_ids,
                            std::string detail) {
  AuditEntry e = audit_entry(who, domain::AuditAction::kView, std::move(object), 0, std::move(detail));
  if (std::adjacent_find(pupil_ids.begin(), pupil_ids.end(), std::not_equal_to<>()) == pupil_ids.end() &&
      !pupil_ids.empty())
    e.on_behalf_of = domain::on_behalf_of(who, pupil_ids.front());  // one pupil: on behalf of that child
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

namespace {
// The hash of a line: an HMAC with the key for keyed lines, else SHA-256 as before.
std::string line_hash(const std::string& key, bool keyed, const AuditEntry& e) {
  const std::string input = domain::audit_hash_input(e);
  return keyed ? hmac_sha256_hex(key, input) : sha256_hex(input);
}
// The seal of a forgotten line: over what is left of it and its hash (which covered the rest).
std::string forgotten_seal(const std::string& key, const AuditEntry& e) {
  const std::string input = "forgotten\x1f" + domain::audit_hash_input(e) + "\x1fhash:" + e.hash;
  return key.empty() ? sha256_hex(input) : hmac_sha256_hex(key, input);
}
const char* kKeyMissing =
    "De audittrail is beveiligd met een sleutel buiten de database, maar dit proces heeft die sleutel niet "
    "(--secret-key-file of KOERS_SECRET_KEY_FILE; bij SQLite het bestand <database>.key ernaast)";
}  // namespace

void AuditLog::append(soci::session& sql, std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  long long seq = 0, keyed_from = 0;
  std::string hash;
  // The statements of every view: prepared once per connection (statement_cache.h).
  db_.each_row(
      sql, std::string("SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1") + for_update(db_.engine()),
      [&](const soci::row& r) {
        seq = row_integer(r, 0);
        hash = r.get<std::string>(1);
        keyed_from = row_integer_or_zero(r, 2);
      });
  const std::string& key = db_.audit_key();
  if (keyed_from && key.empty()) throw AuditKeyMissing(kKeyMissing);
  const std::string at = now_utc();
  if (!keyed_from && !key.empty()) {
    // The switch: the first keyed line says so; every line after it is keyed too.
    AuditEntry marker;
    marker.username = "koers";
    marker.action = domain::audit_action_key(domain::AuditAction::kChainKeyed);
    marker.object = "audittrail";
    marker.detail = "sleutel buiten de database";
    entries.insert(entries.begin(), std::move(marker));
    keyed_from = seq + 1;
    db_.run(sql, "UPDATE audit_head SET keyed_from = :k WHERE id = 1", keyed_from);
  }
  auto unless_zero = [](Id id) { return id ? std::optional<Id>(id) : std::nullopt; };
  for (AuditEntry& e : entries) {
    normalise_pupils(e);
    e.seq = ++seq;
    e.at = at;
    e.prev_hash = hash;
    e.hash = line_hash(key, keyed_from && e.seq >= keyed_from, e);
    hash = e.hash;
    const Id set = e.pupil_ids.empty() ? 0 : pupil_set(db_, sql, e.pupil_ids);
    db_.run(sql,
            "INSERT INTO audit_log (seq, at, account_id, username, role, on_behalf_of, school_id, pupil_id, "
            "pupil_set, action, object, detail, address, prev_hash, hash) VALUES (:seq, :at, :acc, :user, :role, "
            ":behalf, :school, :pupil, :pset, :action, :object, :detail, :address, :prev, :hash)",
            e.seq, e.at, unless_zero(e.account_id), e.username, e.role, e.on_behalf_of, unless_zero(e.school_id),
            unless_zero(e.pupil_id), unless_zero(set), e.action, e.object, e.detail, e.address, e.prev_hash, e.hash);
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
    "a.action, a.object, a.detail, a.prev_hash, a.hash, ac.display_name, a.pupil_set, a.address, a.forgotten_seal ";

// A line as stored: the entry, the set of its pupils when there are several (0: none), and the
// seal of a forgotten line.
struct StoredLine {
  AuditEntry entry;
  Id set = 0;
  std::string seal;
};

// `from_where`: the FROM … WHERE … ORDER BY … LIMIT clause, with :k and :l.
std::vector<StoredLine> fetch_stored(soci::session& sql, const std::string& from_where, long long key, int limit) {
  std::vector<StoredLine> out;
  AuditEntry e;
  Id set = 0;
  std::string seal;
  soci::indicator acc_ind, school_ind, pupil_ind, name_ind, set_ind, seal_ind;
  soci::statement st = (sql.prepare << std::string(kColumns) + from_where, soci::use(key),
                        soci::use(limit), soci::into(e.id), soci::into(e.seq), soci::into(e.at),
                        soci::into(e.account_id, acc_ind), soci::into(e.username),
                        soci::into(e.role), soci::into(e.on_behalf_of),
                        soci::into(e.school_id, school_ind), soci::into(e.pupil_id, pupil_ind),
                        soci::into(e.action), soci::into(e.object), soci::into(e.detail),
                        soci::into(e.prev_hash), soci::into(e.hash), soci::into(e.account_name, name_ind),
                        soci::into(set, set_ind), soci::into(e.address), soci::into(seal, seal_ind));
  st.execute();
  while (st.fetch()) {
    StoredLine row{e, set_ind == soci::i_ok ? set : 0, seal_ind == soci::i_ok ? seal : ""};
    // Blanked by forget_pupil (a view of several pupils that lost one keeps its words).
    row.entry.forgotten = !row.seal.empty() && row.entry.object.empty();
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
  if (q.board_id)
    from += fmt::format(" AND (a.school_id IS NULL OR a.school_id IN (SELECT id FROM schools WHERE board_id = {}))",
                        q.board_id);
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
  AuditCheck c = check();
  if (c.broken_at) return c.broken_at;
  if (!c.ok()) throw AuditKeyMissing(kKeyMissing);
  return std::nullopt;
}

namespace {
// A stored line with its pupil list as the hash covers it; false when its set is missing or
// malformed.
bool with_pupils(StoredLine& l, const std::map<Id, std::vector<Id>>& sets) {
  if (!l.set) return true;
  auto it = sets.find(l.set);
  if (l.entry.pupil_id || it == sets.end() || it->second.size() < 2) return false;
  l.entry.pupil_ids = it->second;
  return true;
}
}  // namespace

AuditCheck AuditLog::check() {
  const std::string& key = db_.audit_key();
  return db_.read([&](soci::session& sql) {
    AuditCheck c;
    c.key_present = !key.empty();
    long long keyed_from = 0;
    soci::indicator keyed_ind;
    sql << "SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1", soci::into(c.head_seq), soci::into(c.head_hash),
        soci::into(keyed_from, keyed_ind);
    if (keyed_ind != soci::i_ok) keyed_from = 0;
    if (keyed_from) c.keyed_from = keyed_from;
    if (keyed_from && key.empty()) return c;  // cannot be checked here; ok() says so
    auto all = fetch_stored(
        sql, "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE a.seq > :k ORDER BY a.seq LIMIT :l",
        0, 1 << 30);
    const auto sets = set_pupils(sql, {});
    const std::string marker = domain::audit_action_key(domain::AuditAction::kChainKeyed);
    std::string prev;
    long long expected_seq = 0;
    for (StoredLine& l : all) {
      AuditEntry& e = l.entry;
      const bool keyed = keyed_from && e.seq >= keyed_from;
      // The switch is where the head says, and only there.
      const bool marker_ok = (e.action == marker) == (keyed_from && e.seq == keyed_from);
      bool ok = with_pupils(l, sets) && marker_ok && e.seq == ++expected_seq && e.prev_hash == prev;
      if (ok && l.seal.empty()) ok = line_hash(key, keyed, e) == e.hash;
      if (ok && !l.seal.empty()) {
        ok = forgotten_seal(key, e) == l.seal;
        ++c.forgotten;
      }
      if (!ok) {
        c.broken_at = e.seq;
        return c;
      }
      ++c.lines;
      prev = e.hash;
    }
    if (c.head_seq != expected_seq || c.head_hash != prev) c.broken_at = expected_seq + 1;
    return c;
  });
}

std::string AuditCheck::words() const {
  if (keyed_from && !key_present)
    return "De audittrail kon niet worden gecontroleerd: hij is beveiligd met een sleutel buiten de database en "
           "die sleutel ontbreekt hier.";
  if (broken_at)
    return fmt::format("De audittrail klopt niet vanaf regel {}: die regel (of een regel ervoor) is gewijzigd, "
                       "verwijderd of tussengevoegd. Regels 1 tot en met {} kloppen. Bewaar de database zoals hij is "
                       "en meld dit aan de privacyfunctionaris.",
                       *broken_at, *broken_at - 1);
  std::string text = fmt::format("De audittrail klopt: {} regels gecontroleerd, de laatste is regel {}.", lines, head_seq);
  if (keyed_from)
    text += fmt::format(" Vanaf regel {} is elke regel beveiligd met een sleutel buiten de database.", *keyed_from);
  else
    text += " Let op: de regels zijn nog niet beveiligd met een sleutel buiten de database.";
  if (forgotten) text += fmt::format(" {} regels gaan over leerlingen die na de bewaartermijn zijn vergeten.", forgotten);
  return text;
}

bool AuditLog::key_matches() {
  const std::string& key = db_.audit_key();
  return db_.read([&](soci::session& sql) {
    long long keyed_from = 0;
    soci::indicator keyed_ind;
    sql << "SELECT keyed_from FROM audit_head WHERE id = 1", soci::into(keyed_from, keyed_ind);
    if (keyed_ind != soci::i_ok || keyed_from == 0) return true;
    if (key.empty()) return false;
    auto line = fetch_stored(sql, "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE a.seq = :k LIMIT :l",
                             keyed_from, 1);
    return !line.empty() && line_hash(key, true, line.front().entry) == line.front().entry.hash;
  });
}

AuditHead AuditLog::head() {
  return db_.read([&](soci::session& sql) {
    AuditHead h;
    long long keyed_from = 0;
    soci::indicator keyed_ind;
    sql << "SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1", soci::into(h.seq), soci::into(h.hash),
        soci::into(keyed_from, keyed_ind);
    h.keyed = keyed_ind == soci::i_ok && keyed_from > 0;
    if (h.seq) {
      soci::indicator at_ind;
      sql << "SELECT at FROM audit_log WHERE seq = :s", soci::use(h.seq), soci::into(h.at, at_ind);
      if (at_ind != soci::i_ok) h.at.clear();
    }
    return h;
  });
}

long long AuditLog::forget_pupil(soci::session& sql, domain::Id pupil_id) {
  if (!pupil_id) return 0;
  // Under the head's lock: no append makes or reuses a set while they change.
  long long keyed_from = 0;
  db_.each_row(
      sql, std::string("SELECT keyed_from FROM audit_head WHERE id = 1") + for_update(db_.engine()),
      [&](const soci::row& r) { keyed_from = row_integer_or_zero(r, 0); });
  const std::string& key = db_.audit_key();
  if (keyed_from && key.empty()) throw AuditKeyMissing(kKeyMissing);

  // The pupil's names as lines may spell them ("Roos van der Meer", "Roos Meer").
  std::vector<std::string> names;
  {
    std::string given, prefix, surname;
    soci::indicator gi, pi, si;
    sql << "SELECT given_name, surname_prefix, surname FROM pupils WHERE id = :p", soci::use(pupil_id),
        soci::into(given, gi), soci::into(prefix, pi), soci::into(surname, si);
    if (sql.got_data() && si == soci::i_ok && !surname.empty()) {
      if (!given.empty() && !prefix.empty()) names.push_back(given + " " + prefix + " " + surname);
      if (!given.empty()) names.push_back(given + " " + surname);
      names.push_back((prefix.empty() ? "" : prefix + " ") + surname + ", " + given);
    }
  }

  // The sets holding the pupil, and the lines naming the pupil, their sets or their names.
  std::vector<Id> old_sets;
  {
    Id s = 0;
    soci::statement st = (sql.prepare << "SELECT set_id FROM audit_set_pupils WHERE pupil_id = :p ORDER BY set_id",
                          soci::use(pupil_id), soci::into(s));
    st.execute();
    while (st.fetch()) old_sets.push_back(s);
  }
  std::string where = fmt::format("a.pupil_id = {}", pupil_id);
  if (!old_sets.empty()) where += fmt::format(" OR a.pupil_set IN ({})", fmt::join(old_sets, ","));
  for (const std::string& n : names)
    where += fmt::format(" OR a.object LIKE {0} OR a.detail LIKE {0}", quoted("%" + n + "%"));
  auto lines = fetch_stored(
      sql, "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.account_id WHERE (" + where + ") AND :k = 0 "
           "ORDER BY a.seq LIMIT :l", 0, 1 << 30);
  const auto sets = old_sets.empty() ? std::map<Id, std::vector<Id>>{} : set_pupils(sql, old_sets);

  auto unless_zero = [](Id id) { return id ? std::optional<Id>(id) : std::nullopt; };
  for (StoredLine& l : lines) {
    AuditEntry& e = l.entry;
    if (l.set) {
      auto it = sets.find(l.set);
      if (it != sets.end()) e.pupil_ids = it->second;
    }
    const bool about_pupil = e.pupil_id == pupil_id;
    if (about_pupil) e.pupil_id = 0;
    std::erase(e.pupil_ids, pupil_id);
    normalise_pupils(e);
    bool names_pupil = false;
    for (const std::string& n : names)
      names_pupil = names_pupil || e.object.find(n) != std::string::npos || e.detail.find(n) != std::string::npos;
    if (about_pupil || names_pupil) {
      e.object.clear();
      e.detail.clear();
    }
    const Id set = e.pupil_ids.empty() ? 0 : pupil_set(db_, sql, e.pupil_ids);
    // An already forgotten line keeps its hash: the seal is remade over what is left now.
    const std::string seal = forgotten_seal(key, e);
    db_.run(sql,
            "UPDATE audit_log SET pupil_id = :p, pupil_set = :s, object = :o, detail = :d, forgotten_seal = :f "
            "WHERE seq = :q",
            unless_zero(e.pupil_id), unless_zero(set), e.object, e.detail, seal, e.seq);
  }
  for (Id s : old_sets) {
    db_.run(sql, "DELETE FROM audit_set_pupils WHERE set_id = :s", s);
    db_.run(sql, "DELETE FROM audit_pupil_sets WHERE id = :s", s);
  }
  return static_cast<long long>(lines.size());
}

}  // namespace koers::store
