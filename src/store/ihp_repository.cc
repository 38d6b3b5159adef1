#include "store/ihp_repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/author.h"
#include "io/ihp_json.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

namespace {

int latest_version(soci::session& sql, Id ihp_id) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM ihp_versions WHERE ihp_id = :i", soci::use(ihp_id), soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

domain::Date date_of(const std::string& iso) { return domain::parse_iso_date(iso).value_or(domain::Date{}); }

void audit(Database& db, soci::session& sql, const domain::Principal& who, domain::AuditAction action, Id pupil_id,
           Id ihp_id, const std::string& detail) {
  auto entry = audit_entry(who, action, fmt::format("IHP {}", ihp_id), pupil_id, detail);
  entry.school_id = who.school_id;
  AuditLog(db).append(sql, entry);
}

std::optional<domain::Ihp> load(soci::session& sql, Id ihp_id, int version) {
  std::string status, outcome, body, by, at;
  Id pupil = 0, meeting = 0, previous = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT i.pupil_id, i.from_meeting, i.previous, i.status, i.outcome, v.body, v.saved_by, v.saved_at "
         "FROM ihps i JOIN ihp_versions v ON v.ihp_id = i.id WHERE i.id = :i AND v.version = :v",
      soci::use(ihp_id), soci::use(version), soci::into(pupil, found), soci::into(meeting), soci::into(previous),
      soci::into(status), soci::into(outcome), soci::into(body), soci::into(by), soci::into(at);
  if (found != soci::i_ok) return std::nullopt;
  domain::Ihp ihp = io::ihp_from_json(nlohmann::json::parse(body));
  ihp.id = ihp_id;
  ihp.pupil_id = pupil;
  ihp.from_meeting = meeting;
  ihp.previous = previous;
  ihp.version = version;
  ihp.status = domain::parse_ihp_status(status).value_or(domain::IhpStatus::kDraft);
  ihp.outcome = domain::parse_ihp_outcome(outcome);
  ihp.saved_by = by;
  ihp.saved_at = at;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT line, held_on, given, minutes, note, logged_by FROM "
                                                 "ihp_sessions WHERE ihp_id = :i ORDER BY held_on, line",
                                  soci::use(ihp_id));
  for (const soci::row& r : rows)
    ihp.sessions.push_back(domain::SessionLog{static_cast<int>(row_integer(r, 0)), date_of(r.get<std::string>(1)),
                                              row_integer(r, 2) != 0, static_cast<int>(row_integer(r, 3)),
                                              r.get<std::string>(4), r.get<std::string>(5)});
  return ihp;
}

}  // namespace

domain::Ihp IhpRepository::create(const domain::Ihp& ihp, Id school_id, const domain::Principal& who) {
  domain::Ihp saved = ihp;
  saved.version = 1;
  saved.status = domain::IhpStatus::kDraft;
  saved.outcome.reset();
  saved.sessions.clear();
  saved.saved_by = domain::author_name(who);
  saved.saved_at = now_utc();
  const std::string body = io::ihp_json(saved).dump();
  const std::string status = domain::ihp_status_key(saved.status);
  const std::string starts = saved.starts_on.iso(), ends = saved.ends_on.iso();
  db_.write([&](soci::session& sql) {
    sql << "INSERT INTO ihps (pupil_id, school_id, from_meeting, previous, status, outcome, starts_on, ends_on, "
           "created_by, created_at) VALUES (:p, :s, :m, :pr, :st, '', :a, :e, :by, :at) RETURNING id",
        soci::use(saved.pupil_id), soci::use(school_id), soci::use(saved.from_meeting), soci::use(saved.previous),
        soci::use(status), soci::use(starts), soci::use(ends), soci::use(saved.saved_by), soci::use(saved.saved_at),
        soci::into(saved.id);
    sql << "INSERT INTO ihp_versions (ihp_id, version, body, saved_by, saved_at) VALUES (:i, 1, :b, :by, :at)",
        soci::use(saved.id), soci::use(body), soci::use(saved.saved_by), soci::use(saved.saved_at);
    audit(db_, sql, who, domain::AuditAction::kCreate, saved.pupil_id, saved.id,
          fmt::format("IHP aangemaakt, {} t/m {}", saved.starts_on.dutch(), saved.ends_on.dutch()));
  });
  return saved;
}

std::optional<domain::Ihp> IhpRepository::latest(Id ihp_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Ihp> {
    const int v = latest_version(sql, ihp_id);
    return v ? load(sql, ihp_id, v) : std::nullopt;
  });
}

std::optional<domain::Ihp> IhpRepository::version(Id ihp_id, int version) {
  return db_.read([&](soci::session& sql) { return load(sql, ihp_id, version); });
}

std::vector<IhpVersionInfo> IhpRepository::versions(Id ihp_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<IhpVersionInfo> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT version, saved_by, saved_at FROM ihp_versions WHERE ihp_id = :i ORDER BY version",
         soci::use(ihp_id));
    for (const soci::row& r : rows)
      out.push_back({static_cast<int>(row_integer(r, 0)), r.get<std::string>(1), r.get<std::string>(2)});
    return out;
  });
}

std::vector<IhpSummary> IhpRepository::of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return of_pupil(sql, pupil_id); });
}

std::vector<IhpSummary> IhpRepository::of_pupil(soci::session& sql, Id pupil_id) {
  {
    std::vector<IhpSummary> out;
    db_.each_row(
        sql,
        "SELECT i.id, i.status, i.outcome, i.starts_on, i.ends_on, v.version, v.saved_by, v.saved_at "
        "FROM ihps i JOIN ihp_versions v ON v.ihp_id = i.id "
        "WHERE i.pupil_id = :p AND v.version = (SELECT MAX(version) FROM ihp_versions w "
        "WHERE w.ihp_id = i.id) ORDER BY i.starts_on DESC, i.id DESC",
        [&](const soci::row& r) {
          IhpSummary s;
          s.id = row_integer(r, 0);
          s.pupil_id = pupil_id;
          s.status = domain::parse_ihp_status(r.get<std::string>(1)).value_or(domain::IhpStatus::kDraft);
          s.outcome = domain::parse_ihp_outcome(r.get<std::string>(2));
          s.starts_on = date_of(r.get<std::string>(3));
          s.ends_on = date_of(r.get<std::string>(4));
          s.version = static_cast<int>(row_integer(r, 5));
          s.saved_by = r.get<std::string>(6);
          s.saved_at = r.get<std::string>(7);
          out.push_back(std::move(s));
        },
        pupil_id);
    return out;
  }
}

namespace {

// The latest version of each IHP the condition picks (on `ihps i`), as the repository gives it.
constexpr const char* kLatestIhps =
    "SELECT i.id, i.pupil_id, i.from_meeting, i.previous, i.status, i.outcome, v.body, v.version, v.saved_by, "
    "v.saved_at FROM ihps i JOIN ihp_versions v ON v.ihp_id = i.id "
    "WHERE {} AND v.version = (SELECT MAX(version) FROM ihp_versions w WHERE w.ihp_id = i.id) ";

domain::Ihp ihp_of_row(const soci::row& r) {
  domain::Ihp ihp = io::ihp_from_json(nlohmann::json::parse(r.get<std::string>(6)));
  ihp.id = row_integer(r, 0);
  ihp.pupil_id = row_integer(r, 1);
  ihp.from_meeting = row_integer(r, 2);
  ihp.previous = row_integer(r, 3);
  ihp.status = domain::parse_ihp_status(r.get<std::string>(4)).value_or(domain::IhpStatus::kDraft);
  ihp.outcome = domain::parse_ihp_outcome(r.get<std::string>(5));
  ihp.version = static_cast<int>(row_integer(r, 7));
  ihp.saved_by = r.get<std::string>(8);
  ihp.saved_at = r.get<std::string>(9);
  ihp.sessions.clear();
  return ihp;
}

// Adds a row of "SELECT s.ihp_id, s.line, s.held_on, s.given, s.minutes, s.note, s.logged_by" to its IHP in `ihps`.
void add_session(std::vector<domain::Ihp>& ihps, const soci::row& r) {
  const Id ihp_id = row_integer(r, 0);
  auto it = std::find_if(ihps.begin(), ihps.end(), [&](const domain::Ihp& i) { return i.id == ihp_id; });
  if (it == ihps.end()) return;
  it->sessions.push_back(domain::SessionLog{static_cast<int>(row_integer(r, 1)), date_of(r.get<std::string>(2)),
                                            row_integer(r, 3) != 0, static_cast<int>(row_integer(r, 4)),
                                            r.get<std::string>(5), r.get<std::string>(6)});
}

}  // namespace

std::vector<IhpSummary> IhpRepository::of_school(soci::session& sql, Id school_id) {
  std::vector<IhpSummary> out;
  db_.each_row(
      sql,
      "SELECT i.id, i.pupil_id, i.status, i.outcome, i.starts_on, i.ends_on, v.version, v.saved_by, v.saved_at "
      "FROM ihps i JOIN ihp_versions v ON v.ihp_id = i.id "
      "WHERE i.school_id = :s AND v.version = (SELECT MAX(version) FROM ihp_versions w "
      "WHERE w.ihp_id = i.id) ORDER BY i.pupil_id, i.starts_on DESC, i.id DESC",
      [&](const soci::row& r) {
        IhpSummary s;
        s.id = row_integer(r, 0);
        s.pupil_id = row_integer(r, 1);
        s.status = domain::parse_ihp_status(r.get<std::string>(2)).value_or(domain::IhpStatus::kDraft);
        s.outcome = domain::parse_ihp_outcome(r.get<std::string>(3));
        s.starts_on = date_of(r.get<std::string>(4));
        s.ends_on = date_of(r.get<std::string>(5));
        s.version = static_cast<int>(row_integer(r, 6));
        s.saved_by = r.get<std::string>(7);
        s.saved_at = r.get<std::string>(8);
        out.push_back(std::move(s));
      },
      school_id);
  return out;
}

std::vector<domain::Ihp> IhpRepository::full_of_pupil(soci::session& sql, Id pupil_id) {
  std::vector<domain::Ihp> out;
  db_.each_row(
      sql, fmt::format(kLatestIhps, "i.pupil_id = :p") + "ORDER BY i.starts_on DESC, i.id DESC",
      [&](const soci::row& r) { out.push_back(ihp_of_row(r)); }, pupil_id);
  if (out.empty()) return out;
  db_.each_row(
      sql,
      "SELECT s.ihp_id, s.line, s.held_on, s.given, s.minutes, s.note, s.logged_by FROM ihp_sessions s "
      "JOIN ihps i ON i.id = s.ihp_id WHERE i.pupil_id = :p ORDER BY s.held_on, s.line",
      [&](const soci::row& r) { add_session(out, r); }, pupil_id);
  return out;
}

std::vector<IhpSummary> IhpRepository::closed_with(Id school_id, domain::IhpOutcome outcome) {
  const std::string status = domain::ihp_status_key(domain::IhpStatus::kClosed);
  const std::string key = domain::ihp_outcome_key(outcome);
  return db_.read([&](soci::session& sql) {
    std::vector<Id> pupils;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT pupil_id FROM ihps WHERE school_id = :s AND status = :st AND outcome = :o",
         soci::use(school_id), soci::use(status), soci::use(key));
    for (const soci::row& r : rows) pupils.push_back(row_integer(r, 0));
    std::vector<IhpSummary> out;
    for (Id pupil : pupils)
      for (auto& s : of_pupil(sql, pupil))
        if (s.status == domain::IhpStatus::kClosed && s.outcome == outcome) out.push_back(std::move(s));
    std::stable_sort(out.begin(), out.end(),
                     [](const IhpSummary& a, const IhpSummary& b) { return a.ends_on > b.ends_on; });
    return out;
  });
}

std::vector<domain::Ihp> IhpRepository::running_of_pupils(const std::vector<Id>& pupil_ids) {
  std::vector<domain::Ihp> out;
  if (pupil_ids.empty()) return out;
  std::string ids;
  for (Id id : pupil_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  const std::string running = fmt::format("i.status = 'lopend' AND i.pupil_id IN ({})", ids);
  return db_.read([&](soci::session& sql) {
    db_.each_row(sql, fmt::format(kLatestIhps, running) + "ORDER BY i.pupil_id, i.id",
                 [&](const soci::row& r) { out.push_back(ihp_of_row(r)); });
    if (out.empty()) return out;
    db_.each_row(sql,
                 "SELECT s.ihp_id, s.line, s.held_on, s.given, s.minutes, s.note, s.logged_by FROM ihp_sessions s "
                 "JOIN ihps i ON i.id = s.ihp_id WHERE " +
                     running + " ORDER BY s.held_on, s.line",
                 [&](const soci::row& r) { add_session(out, r); });
    return out;
  });
}

std::optional<std::pair<Id, Id>> IhpRepository::owner(Id ihp_id) {
  return db_.read([&](soci::session& sql) -> std::optional<std::pair<Id, Id>> {
    Id school = 0, pupil = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT school_id, pupil_id FROM ihps WHERE id = :i", soci::use(ihp_id), soci::into(school, ind),
        soci::into(pupil);
    if (ind != soci::i_ok) return std::nullopt;
    return std::pair{school, pupil};
  });
}

std::variant<domain::Ihp, IhpConflict> IhpRepository::save(const domain::Ihp& ihp, int based_on,
                                                           const domain::Principal& who) {
  domain::Ihp saved = ihp;
  saved.version = based_on + 1;
  saved.saved_by = domain::author_name(who);
  saved.saved_at = now_utc();
  const std::string body = io::ihp_json(saved).dump();
  const std::string starts = saved.starts_on.iso(), ends = saved.ends_on.iso();
  try {
    const bool stored = db_.write([&](soci::session& sql) {
      if (latest_version(sql, ihp.id) != based_on) return false;
      sql << "INSERT INTO ihp_versions (ihp_id, version, body, saved_by, saved_at) VALUES (:i, :v, :b, :by, :at)",
          soci::use(saved.id), soci::use(saved.version), soci::use(body), soci::use(saved.saved_by),
          soci::use(saved.saved_at);
      sql << "UPDATE ihps SET starts_on = :a, ends_on = :e WHERE id = :i", soci::use(starts), soci::use(ends),
          soci::use(saved.id);
      audit(db_, sql, who, domain::AuditAction::kUpdate, saved.pupil_id, saved.id,
            fmt::format("versie {}", saved.version));
      return true;
    });
    if (stored) return saved;
  } catch (const soci::soci_error&) {
    // A colleague's save of the same version committed first (the unique version): a conflict.
    if (db_.read([&](soci::session& sql) { return latest_version(sql, ihp.id); }) == based_on) throw;
  }
  return IhpConflict{db_.read([&](soci::session& sql) { return latest_version(sql, ihp.id); })};
}

void IhpRepository::set_status(Id ihp_id, domain::IhpStatus status, std::optional<domain::IhpOutcome> outcome,
                               const domain::Principal& who) {
  const std::string s = domain::ihp_status_key(status), o = outcome ? domain::ihp_outcome_key(*outcome) : "";
  db_.write([&](soci::session& sql) {
    Id pupil = 0;
    sql << "SELECT pupil_id FROM ihps WHERE id = :i", soci::use(ihp_id), soci::into(pupil);
    sql << "UPDATE ihps SET status = :s, outcome = :o WHERE id = :i", soci::use(s), soci::use(o), soci::use(ihp_id);
    std::string detail = "status: " + domain::ihp_status_label(status);
    if (outcome) detail += "; uitkomst: " + domain::ihp_outcome_label(*outcome);
    audit(db_, sql, who, domain::AuditAction::kUpdate, pupil, ihp_id, detail);
  });
}

void IhpRepository::log_session(Id ihp_id, const domain::SessionLog& session, const domain::Principal& who) {
  const std::string on = session.on.iso(), at = now_utc(), by = domain::author_name(who);
  const int given = session.given ? 1 : 0;
  db_.write([&](soci::session& sql) {
    Id pupil = 0;
    sql << "SELECT pupil_id FROM ihps WHERE id = :i", soci::use(ihp_id), soci::into(pupil);
    sql << "DELETE FROM ihp_sessions WHERE ihp_id = :i AND line = :l AND held_on = :d", soci::use(ihp_id),
        soci::use(session.line), soci::use(on);
    sql << "INSERT INTO ihp_sessions (ihp_id, line, held_on, given, minutes, note, logged_by, logged_at) VALUES (:i, "
           ":l, :d, :g, :m, :n, :by, :at)",
        soci::use(ihp_id), soci::use(session.line), soci::use(on), soci::use(given), soci::use(session.minutes),
        soci::use(session.note), soci::use(by), soci::use(at);
    audit(db_, sql, who, domain::AuditAction::kUpdate, pupil, ihp_id,
          fmt::format("sessie regel {} op {}: {}{}", session.line, session.on.dutch(),
                      session.given ? fmt::format("gegeven, {} min", session.minutes) : "niet gegeven",
                      session.note.empty() ? "" : " (" + session.note + ")"));
  });
}

}  // namespace koers::store
