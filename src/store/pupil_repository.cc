#include "store/pupil_repository.h"

namespace koers::store {

using domain::Id;

namespace {
const char* kPupilColumns =
    "SELECT id, school_id, edex_key, eckid, given_name, surname_prefix, surname, first_names, "
    "initials, birth_date, gender, started_group3_on, enrolled_on, left_on FROM pupils ";

// Through the statement cache: the stamkaart and every pupil route find the pupil first.
std::vector<domain::Pupil> load_pupils(Database& db, soci::session& sql, const std::string& where, Id key) {
  std::vector<domain::Pupil> out;
  auto date = [](const soci::row& r, size_t i) -> std::optional<domain::Date> {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return domain::parse_iso_date(r.get<std::string>(i));
  };
  db.each_row(
      sql, std::string(kPupilColumns) + where,
      [&](const soci::row& r) {
        domain::Pupil p;
        p.id = row_integer(r, 0);
        p.school_id = row_integer(r, 1);
        p.edex_key = row_text(r, 2);
        p.eckid = row_text(r, 3);
        p.name.given = row_text(r, 4);
        p.name.prefix = row_text(r, 5);
        p.name.surname = row_text(r, 6);
        p.first_names = row_text(r, 7);
        p.initials = row_text(r, 8);
        p.birth_date = date(r, 9);
        p.gender = static_cast<domain::Gender>(row_integer(r, 10));
        p.started_group3_on = date(r, 11);
        p.enrolled_on = date(r, 12);
        p.left_on = date(r, 13);
        out.push_back(std::move(p));
      },
      key);
  return out;
}
// A guardian from the columns kGuardianColumns names, in that order (without the relation:
// that belongs to the link with a pupil). One reader for guardians() and find_guardian().
constexpr const char* kGuardianColumns =
    "g.id, g.school_id, g.given_name, g.surname_prefix, g.surname, g.email, g.phone";

domain::Guardian guardian_of_row(const soci::row& r) {
  domain::Guardian g;
  g.id = row_integer(r, 0);
  g.school_id = row_integer(r, 1);
  g.name.given = r.get<std::string>(2);
  g.name.prefix = r.get<std::string>(3);
  g.name.surname = r.get<std::string>(4);
  g.email = r.get<std::string>(5);
  g.phone = r.get<std::string>(6);
  return g;
}

}  // namespace

std::optional<domain::Pupil> PupilRepository::find(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return find(sql, pupil_id); });
}

std::optional<domain::Pupil> PupilRepository::find(soci::session& sql, Id pupil_id) {
  auto rows = load_pupils(db_, sql, "WHERE id = :id", pupil_id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<domain::PupilScope> PupilRepository::scope(Id pupil_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::PupilScope> {
    domain::PupilScope s;
    bool found = false;
    db_.each_row(
        sql,
        "SELECT p.id, p.school_id, sc.board_id FROM pupils p JOIN schools sc ON sc.id = p.school_id WHERE p.id = :id",
        [&](const soci::row& r) {
          s.pupil_id = row_integer(r, 0);
          s.school_id = row_integer(r, 1);
          s.board_id = row_integer(r, 2);
          found = true;
        },
        pupil_id);
    if (!found) return std::nullopt;
    db_.each_row(
        sql,
        "SELECT e.group_id FROM enrolments e JOIN school_groups g ON g.id = e.group_id WHERE e.pupil_id = :p AND "
        "g.school_year_id = (SELECT y.id FROM school_years y JOIN school_groups g2 ON g2.school_year_id = y.id "
        "WHERE g2.school_id = :s ORDER BY y.starts_on DESC LIMIT 1) "
        "ORDER BY CASE WHEN g.kind = 'regular' THEN 0 ELSE 1 END, e.group_id",
        [&](const soci::row& r) { s.current_group_ids.push_back(row_integer(r, 0)); }, pupil_id, s.school_id);
    return s;
  });
}

std::vector<domain::Enrolment> PupilRepository::enrolments(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return enrolments(sql, pupil_id); });
}

std::vector<domain::Enrolment> PupilRepository::enrolments(soci::session& sql, Id pupil_id) {
  std::vector<domain::Enrolment> out;
  db_.each_row(
      sql,
      "SELECT e.group_id, g.name, y.name, e.year_group, g.kind FROM enrolments e JOIN school_groups g ON g.id = "
      "e.group_id JOIN school_years y ON y.id = g.school_year_id WHERE e.pupil_id = :p ORDER BY y.starts_on DESC, "
      "g.kind DESC, g.name",
      [&](const soci::row& r) {
        domain::Enrolment e;
        e.pupil_id = pupil_id;
        e.group_id = row_integer(r, 0);
        e.group_name = r.get<std::string>(1);
        e.school_year = r.get<std::string>(2);
        e.year_group = r.get<std::string>(3);
        e.combined = r.get<std::string>(4) == "combined";
        out.push_back(std::move(e));
      },
      pupil_id);
  return out;
}

std::vector<domain::Guardian> PupilRepository::guardians(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return guardians(sql, pupil_id); });
}

std::vector<domain::Guardian> PupilRepository::guardians(soci::session& sql, Id pupil_id) {
  std::vector<domain::Guardian> out;
  db_.each_row(
      sql,
      "SELECT " + std::string(kGuardianColumns) +
          ", pg.relation FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = :p "
          "ORDER BY g.id",
      [&](const soci::row& r) {
        domain::Guardian g = guardian_of_row(r);
        g.relation = r.get<std::string>(7);
        out.push_back(std::move(g));
      },
      pupil_id);
  return out;
}

std::optional<domain::Guardian> PupilRepository::find_guardian(Id guardian_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Guardian> {
    std::optional<domain::Guardian> out;
    db_.each_row(
        sql, "SELECT " + std::string(kGuardianColumns) + " FROM guardians g WHERE g.id = :g",
        [&](const soci::row& r) { out = guardian_of_row(r); }, guardian_id);
    return out;
  });
}

std::vector<domain::Pupil> PupilRepository::children_of_guardian(Id guardian_id) {
  return db_.read([&](soci::session& sql) {
    return load_pupils(db_, sql,
                       "WHERE id IN (SELECT pupil_id FROM pupil_guardians WHERE guardian_id = "
                       ":g) ORDER BY given_name",
                       guardian_id);
  });
}

Id PupilRepository::add_guardian(soci::session& sql, const domain::Guardian& g) {
  Id id = 0;
  sql << "INSERT INTO guardians (school_id, given_name, surname_prefix, surname, email, phone) "
         "VALUES (:s, :g, :p, :n, :e, :t) RETURNING id",
      soci::use(g.school_id), soci::use(g.name.given), soci::use(g.name.prefix),
      soci::use(g.name.surname), soci::use(g.email), soci::use(g.phone), soci::into(id);
  return id;
}

void PupilRepository::link_guardian(soci::session& sql, Id pupil_id, Id guardian_id,
                                    const std::string& relation) {
  sql << "INSERT INTO pupil_guardians (pupil_id, guardian_id, relation) VALUES (:p, :g, :r)",
      soci::use(pupil_id), soci::use(guardian_id), soci::use(relation);
}

}  // namespace koers::store
