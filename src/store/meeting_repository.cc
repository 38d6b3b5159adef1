#include "store/meeting_repository.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "domain/author.h"
#include "domain/person_name.h"
#include "io/meeting_json.h"
#include "store/audit_log.h"
#include "store/hgd_repository.h"
#include "store/plan_repository.h"

namespace koers::store {

using domain::Id;

namespace {

const char* kMeetingColumns =
    "m.id, m.school_id, m.body, m.version, m.updated_by, m.updated_at, m.status, "
    "COALESCE(g.name, ''), COALESCE(p.given_name, ''), COALESCE(p.surname_prefix, ''), COALESCE(p.surname, '') "
    "FROM meetings m LEFT JOIN school_groups g ON g.id = m.group_id LEFT JOIN pupils p ON p.id = m.pupil_id";

// The title of a meeting from the joined group or pupil name.
std::string title_of(const domain::Meeting& m, const std::string& group, const domain::PersonName& pupil) {
  const bool of_pupil = m.kind == domain::MeetingKind::kPupilDiscussion || m.kind == domain::MeetingKind::kHgdAdvice;
  return domain::meeting_title(m, of_pupil ? pupil.display() : group);
}

domain::Meeting meeting_of_row(const soci::row& r) {
  domain::Meeting m = io::meeting_from_json(nlohmann::json::parse(r.get<std::string>(2)));
  m.id = row_integer(r, 0);
  m.school_id = row_integer(r, 1);
  m.version = static_cast<int>(row_integer(r, 3));
  m.updated_by = r.get<std::string>(4);
  m.updated_at = r.get<std::string>(5);
  m.status = domain::parse_meeting_status(r.get<std::string>(6)).value_or(m.status);
  m.agreements.clear();
  return m;
}

// Through the statement cache: the stamkaart lists the pupil's meetings on every view.
std::vector<domain::Meeting> query_meetings(Database& db, soci::session& sql, const std::string& where,
                                            const std::vector<std::string>& params) {
  std::vector<domain::Meeting> out;
  const std::string q = fmt::format("SELECT {} WHERE {}", kMeetingColumns, where);
  auto add = [&](const soci::row& r) { out.push_back(meeting_of_row(r)); };
  switch (params.size()) {
    case 1:
      db.each_row(sql, q, add, params[0]);
      break;
    case 2:
      db.each_row(sql, q, add, params[0], params[1]);
      break;
    case 3:
      db.each_row(sql, q, add, params[0], params[1], params[2]);
      break;
    default:
      db.each_row(sql, q, add);
      break;
  }
  return out;
}

const char* kAgreementColumns =
    "a.id, a.meeting_id, a.action, a.owner_account_id, COALESCE(acc.display_name, ''), a.due_on, COALESCE(a.done_on, ''), "
    "m.body, COALESCE(g.name, ''), COALESCE(p.given_name, ''), COALESCE(p.surname_prefix, ''), COALESCE(p.surname, '') "
    "FROM meeting_agreements a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN accounts acc ON acc.id = a.owner_account_id "
    "LEFT JOIN school_groups g ON g.id = m.group_id LEFT JOIN pupils p ON p.id = m.pupil_id";

std::vector<domain::Agreement> query_agreements(soci::session& sql, const std::string& where, Id param) {
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format("SELECT {} WHERE {} ORDER BY CASE WHEN a.done_on IS NULL THEN 0 ELSE 1 END, a.due_on, a.id",
                                  kAgreementColumns, where),
       soci::use(param));
  std::vector<domain::Agreement> out;
  for (const auto& r : rows) {
    domain::Agreement a;
    a.id = row_integer(r, 0);
    a.meeting_id = row_integer(r, 1);
    a.action = r.get<std::string>(2);
    a.owner_account_id = row_integer(r, 3);
    a.owner_name = r.get<std::string>(4);
    a.due_on = domain::parse_iso_date(r.get<std::string>(5)).value_or(domain::Date{});
    a.done_on = domain::parse_iso_date(r.get<std::string>(6));
    domain::Meeting m = io::meeting_from_json(nlohmann::json::parse(r.get<std::string>(7)));
    a.meeting_title = title_of(m, r.get<std::string>(8), {r.get<std::string>(9), r.get<std::string>(10), r.get<std::string>(11)});
    out.push_back(a);
  }
  return out;
}

void load_agreements(soci::session& sql, domain::Meeting& m) {
  // A care-team meeting's agreements about one case stay with that case (care_team_agenda_repository.h).
  m.agreements = query_agreements(sql, "a.meeting_id = :m AND a.case_id = 0", m.id);
  // On the meeting page: in the order they were agreed.
  std::sort(m.agreements.begin(), m.agreements.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

std::optional<std::string> optional_iso(const std::optional<domain::Date>& d) {
  return d ? std::optional<std::string>(d->iso()) : std::nullopt;
}

int stored_version(soci::session& sql, Database& db, Id id) {
  int v = 0;
  sql << fmt::format("SELECT version FROM meetings WHERE id = :id{}", for_update(db.engine())), soci::use(id), soci::into(v);
  return sql.got_data() ? v : -1;
}

Id insert_meeting(soci::session& sql, const domain::Meeting& m, const std::string& by, const std::string& at) {
  const std::string body = io::meeting_json(m).dump();
  const std::string kind = domain::meeting_kind_key(m.kind), status = domain::meeting_status_key(m.status);
  soci::indicator date_ind = m.planned_on ? soci::i_ok : soci::i_null;
  std::string date = m.planned_on ? m.planned_on->iso() : "";
  soci::indicator group_ind = m.group_id ? soci::i_ok : soci::i_null, pupil_ind = m.pupil_id ? soci::i_ok : soci::i_null;
  long long group = m.group_id, pupil = m.pupil_id, period = m.period_id, source = m.source_meeting_id;
  Id id = 0;
  sql << "INSERT INTO meetings (school_id, kind, status, group_id, pupil_id, period_id, planned_on, starts_at, "
         "source_meeting_id, body, version, updated_by, updated_at) VALUES (:s, :k, :st, :g, :p, :pe, :d, :t, :src, :b, 1, "
         ":by, :at) RETURNING id",
      soci::use(m.school_id), soci::use(kind), soci::use(status), soci::use(group, group_ind), soci::use(pupil, pupil_ind),
      soci::use(period), soci::use(date, date_ind), soci::use(m.starts_at), soci::use(source), soci::use(body),
      soci::use(by), soci::use(at), soci::into(id);
  return id;
}

void audit_meeting(soci::session& sql, Database& db, const domain::Principal& who, domain::AuditAction action,
                   const domain::Meeting& m, const std::string& detail) {
  std::vector<domain::AuditEntry> entries;
  const std::string object = fmt::format("{} {}", domain::meeting_kind_label(m.kind), m.id);
  auto entry = audit_entry(who, action, object, m.pupil_id, detail);
  entry.school_id = m.school_id;
  entries.push_back(entry);
  for (const auto& r : m.registrations) {
    auto e = audit_entry(who, action, object, r.pupil_id,
                         fmt::format("aangemeld voor {}", domain::registration_kind_label(r.kind)));
    e.school_id = m.school_id;
    entries.push_back(e);
  }
  AuditLog(db).append(sql, entries);
}

}  // namespace

std::optional<domain::Meeting> MeetingRepository::find(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Meeting> {
    auto found = query_meetings(db_, sql, "m.id = :id", {std::to_string(id)});
    if (found.empty()) return std::nullopt;
    load_agreements(sql, found.front());
    return found.front();
  });
}

std::vector<domain::Meeting> MeetingRepository::of_school(Id school_id, std::optional<domain::Date> from,
                                                          std::optional<domain::Date> to, bool requested) {
  return db_.read([&](soci::session& sql) {
    const std::string lo = from ? from->iso() : "0000-00-00", hi = to ? to->iso() : "9999-99-99";
    std::string where = "m.school_id = CAST(:s AS BIGINT) AND ((m.planned_on >= :lo AND m.planned_on <= :hi)";
    where += requested ? " OR m.planned_on IS NULL)" : ")";
    where += " ORDER BY CASE WHEN m.planned_on IS NULL THEN 0 ELSE 1 END, m.planned_on, m.starts_at, m.id";
    return query_meetings(db_, sql, where, {std::to_string(school_id), lo, hi});
  });
}

std::vector<domain::Meeting> MeetingRepository::of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return of_pupil(sql, pupil_id); });
}

std::vector<domain::Meeting> MeetingRepository::of_pupil(soci::session& sql, Id pupil_id) {
  return query_meetings(db_, sql,
                        "m.pupil_id = CAST(:p AS BIGINT) ORDER BY COALESCE(m.planned_on, '9999') DESC, m.id DESC",
                        {std::to_string(pupil_id)});
}

std::vector<domain::Meeting> MeetingRepository::pupil_discussions_of_school(soci::session& sql, Id school_id) {
  return query_meetings(db_, sql,
                        "m.school_id = CAST(:s AS BIGINT) AND m.kind = 'leerlingbespreking' "
                        "ORDER BY COALESCE(m.planned_on, '9999') DESC, m.id DESC",
                        {std::to_string(school_id)});
}

Id MeetingRepository::create(domain::Meeting m, const domain::Principal& who) {
  const std::string by = domain::author_name(who), at = now_utc();
  return db_.write([&](soci::session& sql) {
    m.id = insert_meeting(sql, m, by, at);
    audit_meeting(sql, db_, who, domain::AuditAction::kCreate, m,
                  m.planned_on ? "gepland op " + m.planned_on->dutch() : "aangemeld");
    if (m.kind == domain::MeetingKind::kHgdAdvice)
      if (auto refused = HgdRepository(db_).link_meeting(sql, m, who)) throw MeetingLinkError(*refused);
    return m.id;
  });
}

std::variant<domain::Meeting, MeetingConflict> MeetingRepository::save(const domain::Meeting& meeting, int based_on,
                                                                       const domain::Principal& who,
                                                                       std::optional<PlanToSend> plan_to_send) {
  domain::Meeting m = meeting;
  m.version = based_on + 1;
  m.updated_by = domain::author_name(who);
  m.updated_at = now_utc();
  const bool saved = db_.write([&](soci::session& sql) {
    if (stored_version(sql, db_, m.id) != based_on) return false;
    if (m.kind == domain::MeetingKind::kHgdAdvice &&
        (m.status == domain::MeetingStatus::kHeld || m.status == domain::MeetingStatus::kReported))
      if (auto refused = HgdRepository(db_).discussed_in(sql, m, who)) throw MeetingLinkError(*refused);
    if (plan_to_send)
      if (auto error = record_plan_sending(sql, db_, plan_to_send->group_id, plan_to_send->period_id,
                                           plan_to_send->version, who, m.updated_at))
        throw MeetingSendError(*error);
    // Registrations for a pupil discussion become requested pupil discussions.
    for (auto& r : m.registrations) {
      if (r.kind != domain::RegistrationKind::kPupilDiscussion || r.follow_up_meeting_id) continue;
      domain::Meeting follow = domain::new_meeting(domain::MeetingKind::kPupilDiscussion, m.school_id, std::nullopt);
      follow.pupil_id = r.pupil_id;
      follow.group_id = m.group_id;
      follow.period_id = m.period_id;
      follow.source_meeting_id = m.id;
      follow.form.help_question = r.reason;
      follow.id = insert_meeting(sql, follow, m.updated_by, m.updated_at);
      r.follow_up_meeting_id = follow.id;
      audit_meeting(sql, db_, who, domain::AuditAction::kCreate, follow, "aangemeld vanuit de groepsbespreking");
    }
    for (auto& a : m.agreements) {
      std::optional<std::string> done = optional_iso(a.done_on);
      soci::indicator done_ind = done ? soci::i_ok : soci::i_null;
      std::string done_text = done.value_or("");
      if (a.id == 0) {
        const std::string due = a.due_on.iso();
        sql << "INSERT INTO meeting_agreements (meeting_id, school_id, action, owner_account_id, due_on, done_on, "
               "created_by, created_at) VALUES (:m, :s, :a, :o, :d, :done, :by, :at) RETURNING id",
            soci::use(m.id), soci::use(m.school_id), soci::use(a.action), soci::use(a.owner_account_id), soci::use(due),
            soci::use(done_text, done_ind), soci::use(m.updated_by), soci::use(m.updated_at), soci::into(a.id);
        a.meeting_id = m.id;
      } else {
        sql << "UPDATE meeting_agreements SET done_on = :done WHERE id = :id AND meeting_id = :m",
            soci::use(done_text, done_ind), soci::use(a.id), soci::use(m.id);
      }
    }
    const std::string body = io::meeting_json(m).dump(), status = domain::meeting_status_key(m.status);
    std::string date = m.planned_on ? m.planned_on->iso() : "";
    soci::indicator date_ind = m.planned_on ? soci::i_ok : soci::i_null;
    sql << "UPDATE meetings SET status = :st, planned_on = :d, starts_at = :t, body = :b, version = :v, updated_by = :by, "
           "updated_at = :at WHERE id = :id",
        soci::use(status), soci::use(date, date_ind), soci::use(m.starts_at), soci::use(body), soci::use(m.version),
        soci::use(m.updated_by), soci::use(m.updated_at), soci::use(m.id);
    audit_meeting(sql, db_, who, domain::AuditAction::kUpdate, m,
                  fmt::format("versie {}, {}", m.version, domain::meeting_status_label(m.status)));
    return true;
  });
  if (!saved) {
    int latest = db_.read([&](soci::session& sql) { return stored_version(sql, db_, m.id); });
    return MeetingConflict{latest};
  }
  return *find(m.id);
}

bool MeetingRepository::remove(const domain::Meeting& m, const domain::Principal& who) {
  return db_.write([&](soci::session& sql) {
    if (stored_version(sql, db_, m.id) != m.version) return false;
    if (m.kind == domain::MeetingKind::kHgdAdvice) HgdRepository(db_).unlink_meeting(sql, m, who);
    sql << "DELETE FROM meetings WHERE id = :id", soci::use(m.id);
    audit_meeting(sql, db_, who, domain::AuditAction::kDelete, m,
                  m.planned_on ? "vervallen (was gepland op " + m.planned_on->dutch() + ")" : "vervallen");
    return true;
  });
}

std::vector<domain::Agreement> MeetingRepository::agreements_of_owner(Id account_id, bool open_only) {
  return db_.read([&](soci::session& sql) {
    return query_agreements(sql, std::string("a.owner_account_id = :o") + (open_only ? " AND a.done_on IS NULL" : ""),
                            account_id);
  });
}

std::vector<domain::Agreement> MeetingRepository::agreements_of_school(Id school_id, bool open_only) {
  return db_.read([&](soci::session& sql) {
    return query_agreements(sql, std::string("a.school_id = :s") + (open_only ? " AND a.done_on IS NULL" : ""), school_id);
  });
}

std::optional<domain::Agreement> MeetingRepository::agreement(Id agreement_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Agreement> {
    auto found = query_agreements(sql, "a.id = :id", agreement_id);
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

bool MeetingRepository::set_agreement_done(Id agreement_id, std::optional<domain::Date> done_on,
                                           const domain::Principal& who) {
  return db_.write([&](soci::session& sql) {
    Id meeting = 0, pupil = 0, school = 0;
    std::string action;
    soci::indicator pupil_ind = soci::i_null;
    sql << "SELECT a.meeting_id, a.school_id, a.action, m.pupil_id FROM meeting_agreements a JOIN meetings m ON "
           "m.id = a.meeting_id WHERE a.id = :id",
        soci::use(agreement_id), soci::into(meeting), soci::into(school), soci::into(action), soci::into(pupil, pupil_ind);
    if (!sql.got_data()) return false;
    std::string done_text = done_on ? done_on->iso() : "";
    soci::indicator done_ind = done_on ? soci::i_ok : soci::i_null;
    sql << "UPDATE meeting_agreements SET done_on = :d WHERE id = :id", soci::use(done_text, done_ind),
        soci::use(agreement_id);
    auto entry = audit_entry(who, domain::AuditAction::kUpdate, fmt::format("afspraak {} van bespreking {}", agreement_id, meeting),
                             pupil_ind == soci::i_ok ? pupil : 0,
                             fmt::format("\"{}\" {}", action, done_on ? "afgerond op " + done_on->dutch() : "weer open"));
    entry.school_id = school;
    AuditLog(db_).append(sql, entry);
    return true;
  });
}

}  // namespace koers::store
