#include "store/dyslexia_settings_repository.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "domain/author.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

DyslexiaSettings DyslexiaSettingsRepository::settings(Id school_id) {
  return db_.read([&](soci::session& sql) { return settings(sql, school_id); });
}

DyslexiaSettings DyslexiaSettingsRepository::settings(soci::session& sql, Id school_id) {
  DyslexiaSettings out;
  db_.each_row(
      sql,
      "SELECT measurements, weeks_min, weeks_max, minutes_per_week, sessions_per_week, "
      "minutes_per_session, changed_by, changed_at FROM dyslexia_settings WHERE school_id = :s",
      [&](const soci::row& r) {
        domain::DyslexiaThresholds& t = out.thresholds;
        t.measurements = static_cast<int>(row_integer(r, 0));
        t.weeks_min = static_cast<int>(row_integer(r, 1));
        t.weeks_max = static_cast<int>(row_integer(r, 2));
        t.minutes_per_week = static_cast<int>(row_integer(r, 3));
        t.sessions_per_week = static_cast<int>(row_integer(r, 4));
        t.minutes_per_session = static_cast<int>(row_integer(r, 5));
        out.changed_by = r.get<std::string>(6);
        out.changed_at = r.get<std::string>(7);
        out.school_set = true;
      },
      school_id);
  return out;
}

std::vector<domain::ThresholdProblem> DyslexiaSettingsRepository::set(Id school_id, const domain::DyslexiaThresholds& t,
                                                                      const domain::Principal& who) {
  auto problems = domain::threshold_problems(t);
  if (!problems.empty()) return problems;
  const std::string by = domain::author_name(who), at = now_utc();
  db_.write([&](soci::session& sql) {
    const domain::DyslexiaThresholds before = settings(sql, school_id).thresholds;
    sql << "DELETE FROM dyslexia_settings WHERE school_id = :s", soci::use(school_id);
    sql << "INSERT INTO dyslexia_settings (school_id, measurements, weeks_min, weeks_max, minutes_per_week, "
           "sessions_per_week, minutes_per_session, changed_by, changed_at) VALUES (:s, :m, :wn, :wx, :mw, :sw, "
           ":ms, :by, :at)",
        soci::use(school_id), soci::use(t.measurements), soci::use(t.weeks_min), soci::use(t.weeks_max),
        soci::use(t.minutes_per_week), soci::use(t.sessions_per_week), soci::use(t.minutes_per_session),
        soci::use(by), soci::use(at);
    auto line = audit_entry(who, domain::AuditAction::kUpdate, "dyslexie-instellingen", 0,
                            fmt::format("was: {}\nnu: {}", domain::describe(before), domain::describe(t)));
    line.school_id = school_id;
    AuditLog(db_).append(sql, line);
  });
  return {};
}

}  // namespace koers::store
