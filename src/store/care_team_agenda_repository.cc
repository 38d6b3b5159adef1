#include "store/care_team_agenda_repository.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/clock.h"
#include "domain/author.h"
#include "domain/person_name.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::CaseOnAgenda;
using domain::Id;
using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "a.id, a.meeting_id, a.case_id, a.pupil_id, a.school_id, a.agenda_order, a.status_before, a.externals, "
    "a.teacher_account_id, a.parents_invited, a.discussion, a.advice, a.decisions, a.version, a.added_by, a.added_at, "
    "a.saved_by, a.saved_at, p.given_name, COALESCE(p.surname_prefix, ''), p.surname, COALESCE(t.display_name, ''), "
    "COALESCE(m.planned_on, '') "
    "FROM care_team_agenda a JOIN pupils p ON p.id = a.pupil_id JOIN meetings m ON m.id = a.meeting_id "
    "LEFT JOIN accounts t ON t.id = a.teacher_account_id";

CaseOnAgenda item_of(const soci::row& r) {
  CaseOnAgenda i;
  i.id = row_integer(r, 0);
  i.meeting_id = row_integer(r, 1);
  i.case_id = row_integer(r, 2);
  i.pupil_id = row_integer(r, 3);
  i.school_id = row_integer(r, 4);
  i.order = static_cast<int>(row_integer(r, 5));
  i.status_before = domain::parse_case_status(r.get<std::string>(6)).value_or(domain::CaseStatus::kConsent);
  for (const auto& e : json::parse(r.get<std::string>(7), nullptr, false))
    if (e.is_number_integer()) i.externals.push_back(e.get<Id>());
  i.teacher_account_id = row_integer(r, 8);
  i.parents_invited = row_integer(r, 9) != 0;
  i.discussion = r.get<std::string>(10);
  i.advice = r.get<std::string>(11);
  i.decisions = r.get<std::string>(12);
  i.version = static_cast<int>(row_integer(r, 13));
  i.added_by = r.get<std::string>(14);
  i.added_at = r.get<std::string>(15);
  i.saved_by = r.get<std::string>(16);
  i.saved_at = r.get<std::string>(17);
  i.pupil_name = domain::PersonName{r.get<std::string>(18), r.get<std::string>(19), r.get<std::string>(20)}.display();
  i.teacher_name = r.get<std::string>(21);
  i.meeting_on = domain::parse_iso_date(r.get<std::string>(22));
  return i;
}

// The agreements of every item, in one query whatever the number of items (the pupil's record
// reads its reports with a fixed number of queries).
void load_agreements(soci::session& sql, std::vector<CaseOnAgenda>& items) {
  if (items.empty()) return;
  std::set<Id> meetings;
  for (const auto& i : items) meetings.insert(i.meeting_id);
  std::map<std::pair<Id, Id>, CaseOnAgenda*> by_key;
  for (auto& i : items) by_key[{i.meeting_id, i.case_id}] = &i;
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format("SELECT a.id, a.action, a.owner_account_id, COALESCE(acc.display_name, ''), a.due_on, "
                                  "COALESCE(a.done_on, ''), a.meeting_id, a.case_id FROM meeting_agreements a LEFT JOIN "
                                  "accounts acc ON acc.id = a.owner_account_id WHERE a.case_id <> 0 AND "
                                  "a.meeting_id IN ({}) ORDER BY a.id",
                                  fmt::join(meetings, ", ")));
  for (const soci::row& r : rows) {
    auto it = by_key.find({row_integer(r, 6), row_integer(r, 7)});
    if (it == by_key.end()) continue;
    domain::Agreement a;
    a.id = row_integer(r, 0);
    a.meeting_id = it->second->meeting_id;
    a.action = r.get<std::string>(1);
    a.owner_account_id = row_integer(r, 2);
    a.owner_name = r.get<std::string>(3);
    a.due_on = domain::parse_iso_date(r.get<std::string>(4)).value_or(domain::Date{});
    a.done_on = domain::parse_iso_date(r.get<std::string>(5));
    it->second->agreements.push_back(a);
  }
}

// Through the statement cache: the pupil's record reads the reports on every stamkaart.
std::vector<CaseOnAgenda> select(Database& db, soci::session& sql, const std::string& where, Id param) {
  std::vector<CaseOnAgenda> out;
  db.each_row(
      sql, fmt::format("SELECT {} WHERE {}", kColumns, where), [&](const soci::row& r) { out.push_back(item_of(r)); },
      param);
  load_agreements(sql, out);
  return out;
}

void audit(Database& db, soci::session& sql, const domain::Principal& who, const CaseOnAgenda& item,
           const std::string& detail) {
  auto entry = audit_entry(who, domain::AuditAction::kUpdate, fmt::format("casus {}", item.case_id), item.pupil_id,
                           detail);
  entry.school_id = item.school_id;
  AuditLog(db).append(sql, entry);
}

// The stored version of the row, locked for this transaction; -1 when it is gone.
int locked_version(soci::session& sql, Database& db, const char* table, Id id) {
  int v = -1;
  soci::indicator ind = soci::i_null;
  sql << fmt::format("SELECT version FROM {} WHERE id = :i{}", table, for_update(db.engine())), soci::use(id),
      soci::into(v, ind);
  return sql.got_data() && ind == soci::i_ok ? v : -1;
}

void write_case(soci::session& sql, const domain::Principal& who, const CaseChange& change, const std::string& at) {
  const std::string status = domain::case_status_key(change.c.status), by = domain::author_name(who);
  const int version = change.based_on + 1;
  sql << "UPDATE care_team_cases SET status = :st, meeting_id = :m, advice = :a, version = :v, saved_by = :by, "
         "saved_at = :at WHERE id = :i",
      soci::use(status), soci::use(change.c.meeting_id), soci::use(change.c.advice), soci::use(version), soci::use(by),
      soci::use(at), soci::use(change.c.id);
}

}  // namespace

std::vector<CaseOnAgenda> CareTeamAgendaRepository::of_meeting(Id meeting_id) {
  return db_.read([&](soci::session& sql) {
    return select(db_, sql, "a.meeting_id = :m ORDER BY a.agenda_order, a.id", meeting_id);
  });
}

std::optional<CaseOnAgenda> CareTeamAgendaRepository::find(Id meeting_id, Id case_id) {
  for (auto& i : of_meeting(meeting_id))
    if (i.case_id == case_id) return i;
  return std::nullopt;
}

std::vector<CaseOnAgenda> CareTeamAgendaRepository::reports_of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return reports_of_pupil(sql, pupil_id); });
}

std::vector<CaseOnAgenda> CareTeamAgendaRepository::reports_of_pupil(soci::session& sql, Id pupil_id) {
  return select(db_, sql, "a.pupil_id = :p AND m.status = 'verslag' ORDER BY m.planned_on DESC, a.id DESC", pupil_id);
}

std::vector<CaseOnAgenda> CareTeamAgendaRepository::of_case(Id case_id) {
  return db_.read([&](soci::session& sql) {
    return select(db_, sql, "a.case_id = :c ORDER BY COALESCE(m.planned_on, '9999') DESC, a.id DESC", case_id);
  });
}

int CareTeamAgendaRepository::count(Id meeting_id) {
  return db_.read([&](soci::session& sql) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM care_team_agenda WHERE meeting_id = :m", soci::use(meeting_id), soci::into(n);
    return n;
  });
}

std::variant<CaseOnAgenda, AgendaConflict> CareTeamAgendaRepository::add(const CaseOnAgenda& item, CaseChange change,
                                                                         const domain::Principal& who,
                                                                         const std::string& what) {
  const std::string at = now_utc(), by = domain::author_name(who);
  const std::string before = domain::case_status_key(item.status_before), externals = json(item.externals).dump();
  const int parents = item.parents_invited ? 1 : 0;
  std::optional<AgendaConflict> conflict;
  db_.write([&](soci::session& sql) {
    if (locked_version(sql, db_, "care_team_cases", change.c.id) != change.based_on) {
      conflict = AgendaConflict{"de casus"};
      return;
    }
    int last = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(agenda_order) FROM care_team_agenda WHERE meeting_id = :m", soci::use(item.meeting_id),
        soci::into(last, ind);
    const int order = ind == soci::i_ok ? last + 1 : 1;
    sql << "INSERT INTO care_team_agenda (meeting_id, case_id, pupil_id, school_id, agenda_order, status_before, externals, "
           "teacher_account_id, parents_invited, discussion, advice, decisions, version, added_by, added_at, saved_by, "
           "saved_at) VALUES (:m, :c, :p, :s, :o, :sb, :e, :t, :pi, '', '', '', 1, :by, :at, :by2, :at2)",
        soci::use(item.meeting_id), soci::use(item.case_id), soci::use(item.pupil_id), soci::use(item.school_id),
        soci::use(order), soci::use(before), soci::use(externals), soci::use(item.teacher_account_id), soci::use(parents),
        soci::use(by), soci::use(at), soci::use(by), soci::use(at);
    write_case(sql, who, change, at);
    audit(db_, sql, who, item, what);
  });
  if (conflict) return *conflict;
  return *find(item.meeting_id, item.case_id);
}

std::variant<CaseOnAgenda, AgendaConflict> CareTeamAgendaRepository::save(const CaseOnAgenda& item, int based_on,
                                                                          std::optional<CaseChange> change,
                                                                          const std::vector<domain::Agreement>& new_agreements,
                                                                          const domain::Principal& who,
                                                                          const std::string& what) {
  const std::string at = now_utc(), by = domain::author_name(who), externals = json(item.externals).dump();
  const int parents = item.parents_invited ? 1 : 0, version = based_on + 1;
  std::optional<AgendaConflict> conflict;
  db_.write([&](soci::session& sql) {
    if (locked_version(sql, db_, "care_team_agenda", item.id) != based_on) {
      conflict = AgendaConflict{"het agendapunt"};
      return;
    }
    if (change && locked_version(sql, db_, "care_team_cases", change->c.id) != change->based_on) {
      conflict = AgendaConflict{"de casus"};
      return;
    }
    sql << "UPDATE care_team_agenda SET externals = :e, teacher_account_id = :t, parents_invited = :pi, discussion = :d, "
           "advice = :a, decisions = :de, version = :v, saved_by = :by, saved_at = :at WHERE id = :i",
        soci::use(externals), soci::use(item.teacher_account_id), soci::use(parents), soci::use(item.discussion),
        soci::use(item.advice), soci::use(item.decisions), soci::use(version), soci::use(by), soci::use(at),
        soci::use(item.id);
    for (const auto& a : new_agreements) {
      const std::string due = a.due_on.iso();
      sql << "INSERT INTO meeting_agreements (meeting_id, school_id, action, owner_account_id, due_on, done_on, created_by, "
             "created_at, case_id) VALUES (:m, :s, :a, :o, :d, NULL, :by, :at, :c)",
          soci::use(item.meeting_id), soci::use(item.school_id), soci::use(a.action), soci::use(a.owner_account_id),
          soci::use(due), soci::use(by), soci::use(at), soci::use(item.case_id);
    }
    if (change) write_case(sql, who, *change, at);
    audit(db_, sql, who, item, what);
  });
  if (conflict) return *conflict;
  return *find(item.meeting_id, item.case_id);
}

std::optional<AgendaConflict> CareTeamAgendaRepository::remove(const CaseOnAgenda& item, CaseChange change,
                                                               const domain::Principal& who) {
  const std::string at = now_utc();
  std::optional<AgendaConflict> conflict;
  db_.write([&](soci::session& sql) {
    if (locked_version(sql, db_, "care_team_agenda", item.id) != item.version) {
      conflict = AgendaConflict{"het agendapunt"};
      return;
    }
    if (locked_version(sql, db_, "care_team_cases", change.c.id) != change.based_on) {
      conflict = AgendaConflict{"de casus"};
      return;
    }
    sql << "DELETE FROM care_team_agenda WHERE id = :i", soci::use(item.id);
    sql << "UPDATE care_team_agenda SET agenda_order = agenda_order - 1 WHERE meeting_id = :m AND agenda_order > :o",
        soci::use(item.meeting_id), soci::use(item.order);
    write_case(sql, who, change, at);
    audit(db_, sql, who, item,
          fmt::format("van de agenda van het zorgteamoverleg{} gehaald; status weer: {}",
                      item.meeting_on ? " van " + item.meeting_on->dutch() : "",
                      domain::case_status_label(change.c.status)));
  });
  return conflict;
}

bool CareTeamAgendaRepository::move(Id meeting_id, Id case_id, int step, const domain::Principal& who) {
  return db_.write([&](soci::session& sql) {
    auto items = select(db_, sql, "a.meeting_id = :m ORDER BY a.agenda_order, a.id", meeting_id);
    size_t at = items.size();
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].case_id == case_id) at = i;
    if (at == items.size()) return false;
    const long long to = static_cast<long long>(at) + step;
    if (to < 0 || to >= static_cast<long long>(items.size())) return false;
    std::swap(items[at], items[static_cast<size_t>(to)]);
    for (size_t i = 0; i < items.size(); ++i) {
      const int order = static_cast<int>(i) + 1;
      sql << "UPDATE care_team_agenda SET agenda_order = :o WHERE id = :i", soci::use(order), soci::use(items[i].id);
    }
    audit(db_, sql, who, items[static_cast<size_t>(to)],
          fmt::format("op de agenda van het zorgteamoverleg naar plaats {}", to + 1));
    return true;
  });
}

}  // namespace koers::store
