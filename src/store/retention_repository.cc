#include "store/retention_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/clock.h"
#include "domain/person_name.h"
#include "store/audit_log.h"
#include "store/referral_repository.h"

namespace koers::store {

using domain::Id;
using domain::RetentionCase;
using domain::RetentionStep;
using nlohmann::json;

namespace {

// The tables of the database that have a column of this name, from its catalogue, by name.
std::vector<std::string> tables_with_column(soci::session& sql, Engine engine, const std::string& column) {
  std::vector<std::string> out;
  soci::rowset<std::string> rows =
      engine == Engine::kSqlite
          ? (sql.prepare << "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
                            "WHERE m.type = 'table' AND c.name = :c ORDER BY m.name",
             soci::use(column))
          : (sql.prepare << "SELECT table_name FROM information_schema.columns WHERE table_schema = "
                            "current_schema() AND column_name = :c ORDER BY table_name",
             soci::use(column));
  for (const auto& t : rows) out.push_back(t);
  return out;
}

// The audit trail's tables: AuditLog's to change (it forgets a pupil while its chain still verifies).
const std::set<std::string> kAuditTables = {"audit_log", "audit_pupil_sets", "audit_set_pupils"};
// What the care-data step keeps: the record card, enrolments, guardian links, the retention row.
const std::set<std::string> kRecordTables = {"pupils", "enrolments", "pupil_guardians", "retention_pupils"};

long long run_delete(soci::session& sql, const std::string& text, Id a, std::optional<Id> b = std::nullopt) {
  soci::statement st = b ? (sql.prepare << text, soci::use(a), soci::use(*b)) : (sql.prepare << text, soci::use(a));
  st.execute(true);
  return st.get_affected_rows();
}

struct Counter {
  long long rows = 0;
  std::set<std::string> tables;
  void add(const std::string& table, long long n) {
    if (n <= 0) return;
    rows += n;
    tables.insert(table);
  }
};

// Replaces `word` as a whole word in `text`; true when it did.
bool replace_word(std::string& text, const std::string& word, const std::string& by) {
  if (word.size() < 2) return false;
  bool changed = false;
  auto is_letter = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at)) {
    bool start = at == 0 || !is_letter(static_cast<unsigned char>(text[at - 1]));
    size_t end = at + word.size();
    bool stop = end >= text.size() || !is_letter(static_cast<unsigned char>(text[end]));
    if (start && stop) {
      text.replace(at, word.size(), by);
      at += by.size();
      changed = true;
    } else {
      at = end;
    }
  }
  return changed;
}

// Takes the pupil out of a group document (a group plan, a group meeting): an element of an
// array that is an object with their pupil_id goes, and so does their id in an array under the
// key "pupils" (other arrays of numbers hold ids of other things); their names in its texts
// become "(leerling)". True when something changed.
bool scrub_document(json& j, Id pupil, const std::vector<std::string>& names, bool ids_are_pupils = false) {
  bool changed = false;
  if (j.is_array()) {
    const size_t before = j.size();
    json kept = json::array();
    for (auto& e : j) {
      bool pupils_element = (ids_are_pupils && e.is_number_integer() && e.get<Id>() == pupil) ||
                            (e.is_object() && e.contains("pupil_id") && e["pupil_id"].is_number_integer() &&
                             e["pupil_id"].get<Id>() == pupil);
      if (!pupils_element) kept.push_back(std::move(e));
    }
    changed = kept.size() != before;
    j = std::move(kept);
    for (auto& e : j) changed = scrub_document(e, pupil, names) || changed;
  } else if (j.is_object()) {
    for (auto& [key, value] : j.items()) changed = scrub_document(value, pupil, names, key == "pupils") || changed;
  } else if (j.is_string()) {
    std::string s = j.get<std::string>();
    bool c = false;
    for (const auto& n : names) c = replace_word(s, n, "(leerling)") || c;
    if (c) {
      j = s;
      changed = true;
    }
  }
  return changed;
}

struct CaseRow {
  Id pupil = 0, school = 0;
  domain::PersonName name;
  std::string left_on, destination, hold_reason, held_by, held_at, care_deleted_at;
};

const char* kCaseSelect =
    "SELECT p.id, p.school_id, p.given_name, p.surname_prefix, p.surname, p.left_on, "
    "COALESCE(r.destination, ''), COALESCE(r.hold_reason, ''), COALESCE(r.held_by, ''), COALESCE(r.held_at, ''), "
    "COALESCE(r.care_deleted_at, '') FROM pupils p LEFT JOIN retention_pupils r ON r.pupil_id = p.id "
    "WHERE p.left_on IS NOT NULL AND p.left_on <> '' ";

std::vector<CaseRow> case_rows(soci::session& sql, const std::string& where, Id id) {
  std::vector<CaseRow> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kCaseSelect) + where + " ORDER BY p.id", soci::use(id));
  for (const auto& r : rows) {
    CaseRow c;
    c.pupil = row_integer(r, 0);
    c.school = row_integer(r, 1);
    c.name = {row_text(r, 2), row_text(r, 3), row_text(r, 4)};
    c.left_on = row_text(r, 5);
    c.destination = row_text(r, 6);
    c.hold_reason = row_text(r, 7);
    c.held_by = row_text(r, 8);
    c.held_at = row_text(r, 9);
    c.care_deleted_at = row_text(r, 10);
    out.push_back(std::move(c));
  }
  return out;
}

Id board_of_school(soci::session& sql, Id school) {
  Id board = 0;
  sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(school), soci::into(board);
  return board;
}

domain::RetentionPeriods read_periods(soci::session& sql, Id board) {
  domain::RetentionPeriods p;
  soci::indicator ind = soci::i_null;
  int care = 0, special = 0, record = 0;
  sql << "SELECT care_years, special_care_years, record_years FROM retention_periods WHERE board_id = :b",
      soci::use(board), soci::into(care, ind), soci::into(special), soci::into(record);
  if (sql.got_data() && ind == soci::i_ok) p = {care, special, record};
  return p;
}

std::vector<RetentionCase> cases_of(soci::session& sql, Database& db, const std::vector<CaseRow>& rows,
                                    const domain::Date& today) {
  std::vector<RetentionCase> out;
  std::map<Id, domain::RetentionPeriods> periods;                              // per school
  std::map<Id, std::map<Id, std::vector<domain::ReferralSummary>>> referrals;  // per school, per pupil
  ReferralRepository referral_repo(db);
  for (const auto& r : rows) {
    auto left = domain::parse_iso_date(r.left_on);
    if (!left) continue;
    if (!periods.count(r.school)) {
      periods[r.school] = read_periods(sql, board_of_school(sql, r.school));
      for (auto& s : referral_repo.summaries_of_school(sql, r.school)) referrals[r.school][s.pupil_id].push_back(s);
    }
    auto destination = domain::parse_leaving_destination(r.destination).value_or(domain::LeavingDestination::kUnknown);
    std::optional<domain::RetentionHold> hold;
    if (!r.hold_reason.empty()) hold = domain::RetentionHold{r.hold_reason, r.held_by, r.held_at};
    bool special = domain::referred_to_special_education(destination, referrals[r.school][r.pupil]);
    out.push_back(domain::retention_case(r.pupil, r.school, r.name.display(), *left, destination, special,
                                         std::move(hold), r.care_deleted_at, periods[r.school], today));
  }
  return out;
}

void ensure_row(soci::session& sql, Id pupil) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM retention_pupils WHERE pupil_id = :p", soci::use(pupil), soci::into(n);
  if (n == 0) sql << "INSERT INTO retention_pupils (pupil_id) VALUES (:p)", soci::use(pupil);
}

}  // namespace

domain::Principal retention_job_principal(Id board_id) {
  domain::Principal p;
  p.username = "koers-retention";
  p.display_name = "geplande taak koers retention";
  p.role = domain::Role::kBoardAdmin;
  p.board_id = board_id;
  return p;
}

domain::RetentionPeriods RetentionRepository::periods(Id board_id) {
  return db_.read([&](soci::session& sql) { return read_periods(sql, board_id); });
}

std::vector<std::string> RetentionRepository::set_periods(Id board_id, const domain::RetentionPeriods& p,
                                                          const domain::Principal& who) {
  auto problems = domain::retention_period_problems(p);
  if (!problems.empty()) return problems;
  db_.write([&](soci::session& sql) {
    const std::string now = now_utc();
    sql << "DELETE FROM retention_periods WHERE board_id = :b", soci::use(board_id);
    sql << "INSERT INTO retention_periods (board_id, care_years, special_care_years, record_years, changed_by, "
           "changed_at) VALUES (:b, :c, :s, :r, :by, :at)",
        soci::use(board_id), soci::use(p.care_years), soci::use(p.special_care_years), soci::use(p.record_years),
        soci::use(who.username), soci::use(now);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "bewaartermijnen van het bestuur", 0,
                                          fmt::format("zorggegevens {} jaar, bij verwijzing naar SBO/SO {} jaar, "
                                                      "inschrijving {} jaar",
                                                      p.care_years, p.special_care_years, p.record_years)));
  });
  return {};
}

std::vector<RetentionCase> RetentionRepository::of_school(Id school_id, const domain::Date& today) {
  auto out = db_.read(
      [&](soci::session& sql) { return cases_of(sql, db_, case_rows(sql, "AND p.school_id = :s", school_id), today); });
  std::stable_sort(out.begin(), out.end(),
                   [](const RetentionCase& a, const RetentionCase& b) { return a.next_on < b.next_on; });
  return out;
}

std::optional<RetentionCase> RetentionRepository::find(Id pupil_id, const domain::Date& today) {
  auto out = db_.read(
      [&](soci::session& sql) { return cases_of(sql, db_, case_rows(sql, "AND p.id = :p", pupil_id), today); });
  if (out.empty()) return std::nullopt;
  return out.front();
}

domain::ChildRetention RetentionRepository::child_retention(Id pupil_id) {
  domain::ChildRetention out;
  auto c = find(pupil_id, today_local());
  if (!c) return out;
  out.left_on = c->left_on;
  out.referred_special = c->referred_special;
  out.care_deleted = !c->care_deleted_at.empty();
  out.periods = db_.read([&](soci::session& sql) { return read_periods(sql, board_of_school(sql, c->school_id)); });
  return out;
}

std::optional<std::string> RetentionRepository::hold(Id pupil_id, const std::string& reason,
                                                     const domain::Principal& who) {
  if (auto problem = domain::hold_problem(reason)) return problem;
  db_.write([&](soci::session& sql) {
    ensure_row(sql, pupil_id);
    const std::string now = now_utc();
    sql << "UPDATE retention_pupils SET hold_reason = :r, held_by = :b, held_at = :a WHERE pupil_id = :p",
        soci::use(reason), soci::use(who.display_name.empty() ? who.username : who.display_name), soci::use(now),
        soci::use(pupil_id);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "bewaartermijn", pupil_id,
                                          "dossier vastgehouden: " + reason));
  });
  return std::nullopt;
}

void RetentionRepository::release(Id pupil_id, const domain::Principal& who) {
  db_.write([&](soci::session& sql) {
    sql << "UPDATE retention_pupils SET hold_reason = '', held_by = '', held_at = '' WHERE pupil_id = :p",
        soci::use(pupil_id);
    AuditLog(db_).append(
        sql, audit_entry(who, domain::AuditAction::kUpdate, "bewaartermijn", pupil_id, "vasthouden opgeheven"));
  });
}

void RetentionRepository::set_destination(Id pupil_id, domain::LeavingDestination d, const domain::Principal& who) {
  db_.write([&](soci::session& sql) {
    ensure_row(sql, pupil_id);
    const std::string key = domain::leaving_destination_key(d);
    sql << "UPDATE retention_pupils SET destination = :d WHERE pupil_id = :p", soci::use(key), soci::use(pupil_id);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "bewaartermijn", pupil_id,
                                          "vertrokken naar: " + domain::leaving_destination_label(d)));
  });
}

std::variant<RetentionDeletion, std::string> RetentionRepository::confirm(Id pupil_id, const domain::Date& today,
                                                                          const domain::Principal& who) {
  return db_.write([&](soci::session& sql) -> std::variant<RetentionDeletion, std::string> {
    // The case as it is inside this transaction (a hold made a moment ago counts).
    long long locked = 0;
    soci::indicator found = soci::i_null;
    sql << std::string("SELECT id FROM pupils WHERE id = :p") + for_update(db_.engine()), soci::use(pupil_id),
        soci::into(locked, found);
    auto rows = case_rows(sql, "AND p.id = :p", pupil_id);
    auto cases = cases_of(sql, db_, rows, today);
    if (cases.empty()) return std::string("deze leerling is niet vertrokken: er valt niets te verwijderen");
    const RetentionCase c = cases.front();
    if (c.held()) return fmt::format("het dossier wordt vastgehouden: {}", c.hold->reason);
    if (c.due == RetentionStep::kNone)
      return fmt::format("nog niets te verwijderen: bewaren tot {}", c.next_on.dutch());
    const bool whole = c.due == RetentionStep::kWholeRecord;
    const auto& name = rows.front().name;
    std::vector<std::string> names = {name.display(), name.given};
    Counter count;
    const Engine engine = db_.engine();

    // The pupil's guardians who are no other pupil's: they go with the whole dossier.
    std::vector<Id> guardians;
    if (whole) {
      soci::rowset<soci::row> g =
          (sql.prepare << "SELECT guardian_id FROM pupil_guardians WHERE pupil_id = :p AND guardian_id NOT IN "
                          "(SELECT guardian_id FROM pupil_guardians WHERE pupil_id <> :q) ORDER BY guardian_id",
           soci::use(pupil_id), soci::use(pupil_id));
      for (const auto& r : g) guardians.push_back(row_integer(r, 0));
    }

    // Rows that hang from the pupil's rows (children first, so foreign keys hold on PostgreSQL).
    const std::pair<const char*, const char*> children[] = {
        {"meeting_agreements",
         "DELETE FROM meeting_agreements WHERE meeting_id IN (SELECT id FROM meetings WHERE pupil_id = :p) OR "
         "case_id IN (SELECT id FROM care_team_cases WHERE pupil_id = :q)"},
        {"ihp_sessions", "DELETE FROM ihp_sessions WHERE ihp_id IN (SELECT id FROM ihps WHERE pupil_id = :p)"},
        {"ihp_versions", "DELETE FROM ihp_versions WHERE ihp_id IN (SELECT id FROM ihps WHERE pupil_id = :p)"},
        {"care_team_agenda",
         "DELETE FROM care_team_agenda WHERE pupil_id = :p OR case_id IN (SELECT id FROM care_team_cases WHERE "
         "pupil_id = :q)"},
        {"hgd_requests",
         "DELETE FROM hgd_requests WHERE pupil_id = :p OR case_id IN (SELECT id FROM care_team_cases WHERE "
         "pupil_id = :q)"},
        {"care_team_members",
         "DELETE FROM care_team_members WHERE case_id IN (SELECT id FROM care_team_cases WHERE pupil_id = :p)"},
        {"care_team_consents",
         "DELETE FROM care_team_consents WHERE pupil_id = :p OR case_id IN (SELECT id FROM care_team_cases WHERE "
         "pupil_id = :q)"},
        {"documents",
         "DELETE FROM documents WHERE pupil_id = :p OR (owner_kind = 'case' AND owner_id IN (SELECT id FROM "
         "care_team_cases WHERE pupil_id = :q))"},
    };
    for (const auto& [table, text] : children) {
      const std::string t = text;
      count.add(table, t.find(":q") != std::string::npos ? run_delete(sql, t, pupil_id, pupil_id)
                                                         : run_delete(sql, t, pupil_id));
    }

    // Every table with a pupil_id column, as the catalogue lists them (a table added later is
    // covered): the audit trail's are AuditLog's; the care step keeps the record's tables.
    for (const auto& table : tables_with_column(sql, engine, "pupil_id")) {
      if (kAuditTables.count(table) || table == "pupils") continue;
      if (!whole && kRecordTables.count(table)) continue;
      count.add(table, run_delete(sql, fmt::format("DELETE FROM {} WHERE pupil_id = :p", table), pupil_id));
    }

    // The group documents of the school that name the pupil.
    auto scrub_table = [&](const std::string& table, const std::string& select) {
      std::vector<std::pair<Id, std::string>> changed;
      soci::rowset<soci::row> docs = (sql.prepare << select, soci::use(c.school_id));
      for (const auto& r : docs) {
        std::string body = row_text(r, 1);
        json j = json::parse(body, nullptr, false);
        if (j.is_discarded()) continue;
        if (scrub_document(j, pupil_id, names)) changed.emplace_back(row_integer(r, 0), j.dump());
      }
      for (const auto& [id, body] : changed)
        sql << fmt::format("UPDATE {} SET body = :b WHERE id = :i", table), soci::use(body), soci::use(id);
      count.add(table, static_cast<long long>(changed.size()));
    };
    scrub_table("group_plans",
                "SELECT gp.id, gp.body FROM group_plans gp JOIN school_groups g ON g.id = gp.group_id WHERE "
                "g.school_id = :s ORDER BY gp.id");
    scrub_table("meetings", "SELECT id, body FROM meetings WHERE school_id = :s ORDER BY id");

    if (whole) {
      for (Id g : guardians) {
        std::vector<Id> accounts;
        soci::rowset<soci::row> a =
            (sql.prepare << "SELECT id FROM accounts WHERE guardian_id = :g ORDER BY id", soci::use(g));
        for (const auto& r : a) accounts.push_back(row_integer(r, 0));
        for (Id account : accounts) {
          for (const auto& table : tables_with_column(sql, engine, "account_id")) {
            if (kAuditTables.count(table) || table == "accounts") continue;
            count.add(table, run_delete(sql, fmt::format("DELETE FROM {} WHERE account_id = :a", table), account));
          }
          count.add("accounts", run_delete(sql, "DELETE FROM accounts WHERE id = :a", account));
        }
        for (const auto& table : tables_with_column(sql, engine, "guardian_id")) {
          if (table == "accounts" || table == "pupil_guardians") continue;
          count.add(table, run_delete(sql, fmt::format("DELETE FROM {} WHERE guardian_id = :g", table), g));
        }
        count.add("guardians", run_delete(sql, "DELETE FROM guardians WHERE id = :g", g));
      }
      // The audit trail keeps who did what when, without the pupil: their id and name leave its
      // lines (it reads the name from the pupils row, so before that row goes).
      count.add("audit_log", AuditLog(db_).forget_pupil(sql, pupil_id));
      count.add("pupils", run_delete(sql, "DELETE FROM pupils WHERE id = :p", pupil_id));
    } else {
      ensure_row(sql, pupil_id);
      const std::string now = now_utc();
      sql << "UPDATE retention_pupils SET care_deleted_at = :a WHERE pupil_id = :p", soci::use(now),
          soci::use(pupil_id);
    }

    // One line without content: no pupil, no name, only what kind of data went and how much.
    domain::AuditEntry line = audit_entry(
        who, domain::AuditAction::kDelete,
        whole ? "dossier van een vertrokken leerling" : "zorggegevens van een vertrokken leerling", 0,
        fmt::format("bewaartermijn verlopen ({}): {} verwijderd, {} regels uit {} tabellen", c.next_on.dutch(),
                    domain::retention_step_label(c.due), count.rows, count.tables.size()));
    if (!line.school_id) line.school_id = c.school_id;
    AuditLog(db_).append(sql, line);
    return RetentionDeletion{c.due, count.rows, static_cast<int>(count.tables.size())};
  });
}

}  // namespace koers::store
