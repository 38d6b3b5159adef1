#include "store/overview_repository.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "domain/author.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

std::string id_list(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out.empty() ? "0" : out;
}

std::map<Id, std::vector<domain::OverviewEntry>> OverviewRepository::entries(const std::vector<Id>& pupils,
                                                                              const std::string& as_of) {
  return db_.read([&](soci::session& sql) { return entries(sql, pupils, as_of); });
}

std::map<Id, std::vector<domain::OverviewEntry>> OverviewRepository::entries(
    soci::session& sql, const std::vector<Id>& pupils, const std::string& as_of) {
  std::map<Id, std::vector<domain::OverviewEntry>> out;
  db_.each_typed<long long, long long, std::string, std::string, std::string, std::string, std::string,
                 std::optional<long long>, std::string>(
      sql,
      fmt::format("SELECT id, pupil_id, kind, topic, body, source, written_by, written_by_account, "
                  "written_at FROM overview_entries WHERE pupil_id IN ({}) AND written_at < :a "
                  "AND (ended_at IS NULL OR ended_at >= :b) ORDER BY written_at, id",
                  id_list(pupils)),
      [&](auto& r) {
        auto& [id, pupil, kind, topic, body, source, by, by_account, at] = r;
        domain::OverviewEntry e;
        e.id = id;
        e.pupil_id = pupil;
        e.kind = domain::parse_entry_kind(kind).value_or(domain::EntryKind::kProtective);
        e.topic = std::move(topic);
        e.text = std::move(body);
        e.source = domain::parse_source(source).value_or(domain::InformationSource::kObservation);
        e.written_by = std::move(by);
        e.written_by_account = by_account.value_or(0);
        e.written_at = std::move(at);
        out[e.pupil_id].push_back(std::move(e));
      },
      as_of, as_of);
  return out;
}

std::optional<std::string> prepare_entry(domain::OverviewEntry& e, const std::vector<std::string>& subjects,
                                         const domain::Principal& who, const std::string& at) {
  if (auto error = domain::validate_entry(e, subjects)) return error;
  if (e.kind == domain::EntryKind::kGeneralNeed || e.kind == domain::EntryKind::kSubjectNeed)
    e.text = domain::need_core(e.text);
  if (e.kind == domain::EntryKind::kProtective || e.kind == domain::EntryKind::kHindering) e.topic.clear();
  e.written_by = domain::author_name(who);
  e.written_by_account = who.account_id;
  e.written_at = at;
  return std::nullopt;
}

void record_entry(soci::session& sql, Database& db, domain::OverviewEntry& e, const domain::Principal& who) {
  const bool need = e.kind == domain::EntryKind::kGeneralNeed || e.kind == domain::EntryKind::kSubjectNeed;
  std::string kind = domain::entry_kind_key(e.kind), source = domain::source_key(e.source);
  long long id = 0;
  sql << "INSERT INTO overview_entries (pupil_id, kind, topic, body, source, written_by, written_by_account, "
         "written_at) VALUES (:p, :k, :t, :b, :s, :w, :wa, :at) RETURNING id",
      soci::use(e.pupil_id), soci::use(kind), soci::use(e.topic), soci::use(e.text), soci::use(source),
      soci::use(e.written_by), soci::use(e.written_by_account), soci::use(e.written_at), soci::into(id);
  e.id = id;
  std::string shown = need ? domain::need_sentence(e.text) : e.text;
  AuditLog(db).append(sql, audit_entry(who, domain::AuditAction::kCreate, domain::entry_kind_label(e.kind), e.pupil_id,
                                       shown + " (bron: " + domain::source_label(e.source) + ")"));
}

std::optional<std::string> OverviewRepository::add_entry(domain::OverviewEntry& e,
                                                         const std::vector<std::string>& subjects,
                                                         const domain::Principal& who) {
  if (auto error = prepare_entry(e, subjects, who, now_utc())) return error;
  db_.write([&](soci::session& sql) { record_entry(sql, db_, e, who); });
  return std::nullopt;
}

std::optional<std::string> OverviewRepository::end_entry(Id pupil_id, Id entry_id, const domain::Principal& who) {
  std::optional<std::string> error;
  std::string now = now_utc(), by = domain::author_name(who);
  db_.write([&](soci::session& sql) {
    std::string kind, body;
    soci::indicator ind = soci::i_null;
    sql << "SELECT kind, body FROM overview_entries WHERE id = :i AND pupil_id = :p AND ended_at IS NULL",
        soci::use(entry_id), soci::use(pupil_id), soci::into(kind, ind), soci::into(body);
    if (!sql.got_data() || ind != soci::i_ok) {
      error = "Deze regel bestaat niet (meer) in het groepsoverzicht.";
      return;
    }
    sql << "UPDATE overview_entries SET ended_by = :b, ended_at = :a WHERE id = :i", soci::use(by), soci::use(now),
        soci::use(entry_id);
    auto k = domain::parse_entry_kind(kind).value_or(domain::EntryKind::kProtective);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kDelete, domain::entry_kind_label(k), pupil_id, body));
  });
  return error;
}

std::map<Id, std::vector<domain::PupilApproach>> OverviewRepository::approaches(const std::vector<Id>& pupils,
                                                                                const std::string& as_of) {
  return db_.read([&](soci::session& sql) { return approaches(sql, pupils, as_of); });
}

std::map<Id, std::vector<domain::PupilApproach>> OverviewRepository::approaches(
    soci::session& sql, const std::vector<Id>& pupils, const std::string& as_of) {
  std::map<Id, std::map<std::string, domain::PupilApproach>> latest;
  db_.each_typed<long long, std::string, std::string, std::string, std::string>(
      sql,
      fmt::format("SELECT pupil_id, subject, approach, set_by, set_at FROM pupil_approaches "
                  "WHERE pupil_id IN ({}) AND set_at < :a ORDER BY set_at, id",
                  id_list(pupils)),
      [&](auto& r) {
        auto& [pupil, subject, approach, by, at] = r;
        domain::PupilApproach a;
        a.subject = subject;
        a.approach = domain::parse_approach(approach).value_or(domain::Approach::kBasic);
        a.set_by = std::move(by);
        a.set_at = std::move(at);
        latest[pupil][subject] = std::move(a);  // later rows win
      },
      as_of);
  std::map<Id, std::vector<domain::PupilApproach>> out;
  for (auto& [pupil, by_subject] : latest)
    for (auto& [subject, a] : by_subject) out[pupil].push_back(a);
  return out;
}

void record_approach(soci::session& sql, Database& db, Id pupil_id, const std::string& subject,
                     domain::Approach approach, const domain::Principal& who, const std::string& at) {
  const std::string key = domain::approach_key(approach);
  const std::string by = domain::author_name(who);
  std::string current;
  sql << "SELECT approach FROM pupil_approaches WHERE pupil_id = :p AND subject = :s ORDER BY set_at DESC, id DESC "
         "LIMIT 1",
      soci::use(pupil_id), soci::use(subject), soci::into(current);
  if (sql.got_data() && current == key) return;
  sql << "INSERT INTO pupil_approaches (pupil_id, subject, approach, set_by, set_at) VALUES (:p, :s, :a, :b, :t)",
      soci::use(pupil_id), soci::use(subject), soci::use(key), soci::use(by), soci::use(at);
  AuditLog(db).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "aanpak " + subject, pupil_id,
                                       (current.empty() ? "" : current + " → ") + key));
}

void OverviewRepository::set_approach(Id pupil_id, const std::string& subject, domain::Approach approach,
                                      const domain::Principal& who) {
  const std::string now = now_utc();
  db_.write([&](soci::session& sql) { record_approach(sql, db_, pupil_id, subject, approach, who, now); });
}

std::map<Id, std::vector<domain::MethodTest>> OverviewRepository::method_tests(const std::vector<Id>& pupils,
                                                                              const std::string& as_of) {
  return db_.read([&](soci::session& sql) { return method_tests(sql, pupils, as_of); });
}

std::map<Id, std::vector<domain::MethodTest>> OverviewRepository::method_tests(
    soci::session& sql, const std::vector<Id>& pupils, const std::string& as_of) {
  std::map<Id, std::vector<domain::MethodTest>> out;
  db_.each_typed<long long, long long, std::string, std::string, double, double, std::string, std::string>(
      sql,
      fmt::format("SELECT id, pupil_id, subject, block, score, maximum, taken_on, entered_by "
                  "FROM method_test_results WHERE pupil_id IN ({}) AND taken_on < :a "
                  "ORDER BY taken_on DESC, id DESC",
                  id_list(pupils)),
      [&](auto& r) {
        auto& [id, pupil, subject, block, score, maximum, taken_on, by] = r;
        domain::MethodTest t;
        t.id = id;
        t.pupil_id = pupil;
        t.subject = std::move(subject);
        t.block = std::move(block);
        t.score = score;
        t.maximum = maximum;
        t.taken_on = domain::parse_iso_date(taken_on).value_or(domain::Date{});
        t.entered_by = std::move(by);
        out[t.pupil_id].push_back(std::move(t));
      },
      as_of);
  return out;
}

std::optional<std::string> OverviewRepository::save_method_test(domain::MethodTest& t, const domain::Principal& who) {
  if (auto error = domain::validate_method_test(t)) return error;
  if (!t.taken_on.valid()) return std::string("Datum: vul de datum van afname in.");
  std::string now = now_utc(), taken = t.taken_on.iso(), source = "handmatig";
  db_.write([&](soci::session& sql) {
    long long existing = 0;
    sql << "SELECT id FROM method_test_results WHERE pupil_id = :p AND subject = :s AND block = :b",
        soci::use(t.pupil_id), soci::use(t.subject), soci::use(t.block), soci::into(existing);
    if (sql.got_data()) {
      sql << "UPDATE method_test_results SET score = :s, maximum = :m, taken_on = :t, entered_by = :by, "
             "entered_at = :at WHERE id = :i",
          soci::use(t.score), soci::use(t.maximum), soci::use(taken), soci::use(who.username), soci::use(now),
          soci::use(existing);
      t.id = existing;
    } else {
      long long id = 0;
      // Upsert: another save of the same test may have inserted since the SELECT (PostgreSQL).
      sql << "INSERT INTO method_test_results (pupil_id, subject, block, score, maximum, taken_on, source, "
             "entered_by, entered_at) VALUES (:p, :s, :b, :sc, :m, :t, :src, :by, :at) "
             "ON CONFLICT (pupil_id, subject, block) DO UPDATE SET score = excluded.score, "
             "maximum = excluded.maximum, taken_on = excluded.taken_on, entered_by = excluded.entered_by, "
             "entered_at = excluded.entered_at RETURNING id",
          soci::use(t.pupil_id), soci::use(t.subject), soci::use(t.block), soci::use(t.score), soci::use(t.maximum),
          soci::use(taken), soci::use(source), soci::use(who.username), soci::use(now), soci::into(id);
      t.id = id;
    }
    AuditLog(db_).append(sql, audit_entry(who, existing ? domain::AuditAction::kUpdate : domain::AuditAction::kCreate,
                                          "methodetoets " + t.subject + " " + t.block, t.pupil_id,
                                          fmt::format("{} van {}", domain::dutch_decimal(t.score),
                                                      domain::dutch_decimal(t.maximum))));
  });
  return std::nullopt;
}

std::map<Id, std::vector<domain::StandardisedResult>> OverviewRepository::standardised_results(
    const std::vector<Id>& pupils, const std::string& as_of) {
  return db_.read([&](soci::session& sql) { return standardised_results(sql, pupils, as_of); });
}

std::map<Id, std::vector<domain::StandardisedResult>> OverviewRepository::standardised_results(soci::session& sql, 
    const std::vector<Id>& pupils, const std::string& as_of) {
  std::map<Id, std::vector<domain::StandardisedResult>> out;
  db_.each_typed<long long, std::string, std::string, std::optional<double>, std::string, std::optional<double>,
                 std::optional<std::string>, std::optional<double>>(
      sql,
      fmt::format("SELECT pupil_id, subject, moment, ability_score, level, dle, taken_on, percentile FROM test_results "
                  "WHERE pupil_id IN ({}) AND COALESCE(taken_on, entered_at) < :a "
                  "ORDER BY pupil_id, moment_position, subject",
                  id_list(pupils)),
      [&](auto& r) {
        auto& [pupil, subject, moment, ability, level, dle, taken_on, percentile] = r;
        domain::StandardisedResult x;
        x.subject = std::move(subject);
        x.moment = domain::parse_test_moment(moment).value_or(domain::TestMoment{});
        x.ability_score = ability;
        x.level = domain::parse_level(level);
        x.dle = dle;
        if (taken_on) x.taken_on = domain::parse_iso_date(*taken_on);
        x.percentile = percentile;
        out[pupil].push_back(std::move(x));
      },
      as_of);
  return out;
}

std::map<Id, std::vector<domain::ReadingLevel>> OverviewRepository::reading_levels(const std::vector<Id>& pupils,
                                                                                   const std::string& as_of) {
  return db_.read([&](soci::session& sql) { return reading_levels(sql, pupils, as_of); });
}

std::map<Id, std::vector<domain::ReadingLevel>> OverviewRepository::reading_levels(
    soci::session& sql, const std::vector<Id>& pupils, const std::string& as_of) {
  std::map<Id, std::vector<domain::ReadingLevel>> out;
  db_.each_typed<long long, std::string, std::string, std::string, std::string>(
      sql,
      fmt::format("SELECT pupil_id, moment, avi_level, taken_on, entered_by FROM reading_levels "
                  "WHERE pupil_id IN ({}) AND taken_on < :a ORDER BY moment_position",
                  id_list(pupils)),
      [&](auto& r) {
        auto& [pupil, moment, avi, taken_on, by] = r;
        domain::ReadingLevel l;
        l.moment = domain::parse_test_moment(moment).value_or(domain::TestMoment{});
        l.avi_level = std::move(avi);
        l.taken_on = domain::parse_iso_date(taken_on).value_or(domain::Date{});
        l.entered_by = std::move(by);
        out[pupil].push_back(std::move(l));
      },
      as_of);
  return out;
}

std::optional<std::string> OverviewRepository::save_reading_level(Id pupil_id, const domain::ReadingLevel& r,
                                                                  const domain::Principal& who) {
  auto level = domain::parse_avi_level(r.avi_level);
  if (!level) return std::string("AVI-niveau: kies AVI-Start, M3, E3 … E7 of AVI-Plus.");
  if (!r.taken_on.valid()) return std::string("Datum: vul de datum van afname in.");
  std::string now = now_utc(), moment = r.moment.label(), taken = r.taken_on.iso();
  int position = r.moment.position();
  db_.write([&](soci::session& sql) {
    // One statement, not delete-then-insert: two saves at once (PostgreSQL) would both insert.
    sql << "INSERT INTO reading_levels (pupil_id, moment, moment_position, avi_level, taken_on, entered_by, "
           "entered_at) VALUES (:p, :m, :pos, :l, :t, :by, :at) "
           "ON CONFLICT (pupil_id, moment) DO UPDATE SET moment_position = excluded.moment_position, "
           "avi_level = excluded.avi_level, taken_on = excluded.taken_on, entered_by = excluded.entered_by, "
           "entered_at = excluded.entered_at",
        soci::use(pupil_id), soci::use(moment), soci::use(position), soci::use(*level), soci::use(taken),
        soci::use(who.username), soci::use(now);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "AVI-niveau " + moment, pupil_id, *level));
  });
  return std::nullopt;
}

}  // namespace koers::store
