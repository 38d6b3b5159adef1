#include "store/school_calendar_repository.h"

#include <fmt/format.h>

#include "store/audit_log.h"

namespace koers::store {

using domain::Holiday;
using domain::Id;

namespace {
Id insert_holiday(soci::session& sql, Id school_id, const Holiday& h) {
  Id id = 0;
  const std::string from = h.starts_on.iso(), to = h.ends_on.iso();
  sql << "INSERT INTO school_holidays (school_id, name, starts_on, ends_on) VALUES (:s, :n, :f, :t) RETURNING id",
      soci::use(school_id), soci::use(h.name), soci::use(from), soci::use(to), soci::into(id);
  return id;
}

std::string holiday_words(const Holiday& h) {
  return h.starts_on == h.ends_on ? fmt::format("{} ({})", h.name, h.starts_on.dutch())
                                  : fmt::format("{} ({} t/m {})", h.name, h.starts_on.dutch(), h.ends_on.dutch());
}
}  // namespace

std::vector<Holiday> SchoolCalendarRepository::all_holidays(soci::session& sql, Id school_id) {
  std::vector<Holiday> out;
  db_.each_typed<long long, std::string, std::string, std::string>(
      sql, "SELECT id, name, starts_on, ends_on FROM school_holidays WHERE school_id = :s ORDER BY starts_on, id",
      [&](auto& r) {
        auto& [id, name, from, to] = r;
        out.push_back(Holiday{id, std::move(name), domain::parse_iso_date(from).value_or(domain::Date{}),
                              domain::parse_iso_date(to).value_or(domain::Date{})});
      },
      school_id);
  return out;
}

std::vector<Holiday> SchoolCalendarRepository::holidays(Id school_id, const domain::Date& from, const domain::Date& to) {
  return db_.read([&](soci::session& sql) {
    std::vector<Holiday> out;
    Holiday h;
    std::string f, t;
    const std::string lo = from.iso(), hi = to.iso();
    soci::statement st = (sql.prepare << "SELECT id, name, starts_on, ends_on FROM school_holidays WHERE school_id = :s "
                                         "AND ends_on >= :lo AND starts_on <= :hi ORDER BY starts_on, id",
                          soci::use(school_id), soci::use(lo), soci::use(hi), soci::into(h.id), soci::into(h.name),
                          soci::into(f), soci::into(t));
    st.execute();
    while (st.fetch()) {
      h.starts_on = domain::parse_iso_date(f).value_or(domain::Date{});
      h.ends_on = domain::parse_iso_date(t).value_or(domain::Date{});
      out.push_back(h);
    }
    return out;
  });
}

std::variant<Id, std::string> SchoolCalendarRepository::add_holiday(Id school_id, const domain::SchoolYear& year,
                                                                    const Holiday& holiday, const domain::Principal& who) {
  Holiday h = holiday;
  h.name.erase(0, h.name.find_first_not_of(" \t"));
  h.name.erase(h.name.find_last_not_of(" \t") + 1);
  if (auto error = domain::check_holiday(h, year)) return *error;
  return db_.write([&](soci::session& sql) -> std::variant<Id, std::string> {
    const Id id = insert_holiday(sql, school_id, h);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kCreate, "vakantie", 0,
                                          holiday_words(h)));
    return id;
  });
}

int SchoolCalendarRepository::add_national_holidays(Id school_id, const domain::SchoolYear& year,
                                                    const domain::Principal& who) {
  const auto have = holidays(school_id, year.starts_on, year.ends_on);
  return db_.write([&](soci::session& sql) {
    int added = 0;
    for (const Holiday& h : domain::national_holidays(year)) {
      bool known = false;
      for (const Holiday& k : have) known = known || (k.name == h.name && k.starts_on == h.starts_on);
      if (known) continue;
      insert_holiday(sql, school_id, h);
      ++added;
    }
    if (added)
      AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kCreate, "vakanties", 0,
                                            fmt::format("{} landelijke vakantie- en feestdagen van {}", added, year.name)));
    return added;
  });
}

bool SchoolCalendarRepository::remove_holiday(Id school_id, Id holiday_id, const domain::Principal& who) {
  return db_.write([&](soci::session& sql) {
    Holiday h;
    std::string f, t;
    sql << "SELECT name, starts_on, ends_on FROM school_holidays WHERE id = :id AND school_id = :s", soci::use(holiday_id),
        soci::use(school_id), soci::into(h.name), soci::into(f), soci::into(t);
    if (!sql.got_data()) return false;
    h.starts_on = domain::parse_iso_date(f).value_or(domain::Date{});
    h.ends_on = domain::parse_iso_date(t).value_or(domain::Date{});
    sql << "DELETE FROM school_holidays WHERE id = :id", soci::use(holiday_id);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kDelete, "vakantie", 0,
                                          holiday_words(h)));
    return true;
  });
}

int SchoolCalendarRepository::discussion_weeks_after(Id school_id) {
  return db_.read([&](soci::session& sql) {
    int weeks = 0;
    sql << "SELECT discussion_weeks_after FROM schools WHERE id = :s", soci::use(school_id), soci::into(weeks);
    return weeks;
  });
}

std::optional<std::string> SchoolCalendarRepository::set_discussion_weeks_after(Id school_id, int weeks,
                                                                                const domain::Principal& who) {
  if (weeks < 0 || weeks > 6) return "Weken na de periode: 0 tot en met 6.";
  db_.write([&](soci::session& sql) {
    sql << "UPDATE schools SET discussion_weeks_after = :w WHERE id = :s", soci::use(weeks), soci::use(school_id);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "schoolkalender", 0,
                                          weeks == 0 ? std::string("groepsbesprekingen binnen de periode")
                                                     : fmt::format("groepsbesprekingen tot {} weken na de periode", weeks)));
  });
  return std::nullopt;
}

}  // namespace koers::store
