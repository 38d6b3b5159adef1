#include "store/group_repository.h"

#include <algorithm>
#include <map>
#include <set>

namespace koers::store {

using domain::Id;

std::vector<domain::Group> GroupRepository::load(soci::session& sql, const std::string& where,
                                                 Id a, Id b) {
  std::vector<domain::Group> groups;
  db_.each_row(
      sql,
      "SELECT g.id, g.school_id, g.school_year_id, y.name, g.edex_key, g.name, g.kind FROM school_groups g "
      "JOIN school_years y ON y.id = g.school_year_id " + where,
      [&](const soci::row& r) {
        domain::Group g;
        g.id = row_integer(r, 0);
        g.school_id = row_integer(r, 1);
        g.school_year_id = row_integer(r, 2);
        g.school_year = r.get<std::string>(3);
        g.edex_key = r.get<std::string>(4);
        g.name = r.get<std::string>(5);
        g.kind = r.get<std::string>(6) == "combined" ? domain::GroupKind::kCombined : domain::GroupKind::kRegular;
        groups.push_back(std::move(g));
      },
      a, b);
  for (domain::Group& g : groups) {
    long long count = 0;
    std::set<std::string> years;
    db_.each_row(
        sql, "SELECT year_group FROM enrolments WHERE group_id = :g",
        [&](const soci::row& r) {
          ++count;
          if (std::string year_group = r.get<std::string>(0); !year_group.empty()) years.insert(year_group);
        },
        g.id);
    g.pupil_count = static_cast<int>(count);
    g.year_groups.assign(years.begin(), years.end());
    db_.each_row(
        sql,
        "SELECT s.given_name, s.surname_prefix, s.surname FROM group_staff gs JOIN staff s ON s.id = gs.staff_id "
        "WHERE gs.group_id = :g ORDER BY s.surname",
        [&](const soci::row& r) {
          g.teachers.push_back(
              domain::PersonName{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)}.display());
        },
        g.id);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& x, const auto& y) {
    if (x.kind != y.kind) return x.kind == domain::GroupKind::kRegular;
    return x.name < y.name;
  });
  return groups;
}

std::optional<domain::Group> GroupRepository::find(Id group_id) {
  auto all = db_.read([&](soci::session& sql) {
    return load(sql, "WHERE g.id = :a AND :b = 0", group_id, 0);
  });
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::optional<domain::GroupScope> GroupRepository::scope(Id group_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::GroupScope> {
    std::optional<domain::GroupScope> out;
    db_.each_row(
        sql,
        "SELECT g.id, g.school_id, sc.board_id FROM school_groups g JOIN schools sc ON sc.id = g.school_id "
        "WHERE g.id = :id",
        [&](const soci::row& r) { out = domain::GroupScope{row_integer(r, 0), row_integer(r, 1), row_integer(r, 2)}; },
        group_id);
    return out;
  });
}

std::vector<domain::Group> GroupRepository::groups_of_school(Id school_id, Id year_id) {
  return db_.read([&](soci::session& sql) {
    return load(sql, "WHERE g.school_id = :a AND g.school_year_id = :b", school_id, year_id);
  });
}

std::vector<domain::Group> GroupRepository::groups_by_ids(const std::vector<Id>& ids) {
  std::vector<domain::Group> out;
  for (Id id : ids)
    if (auto g = find(id)) out.push_back(*g);
  std::stable_sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.name < y.name; });
  return out;
}

std::vector<Id> GroupRepository::group_ids_of_staff(Id staff_id, Id year_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<Id> out;
    db_.each_row(
        sql,
        "SELECT g.id FROM group_staff gs JOIN school_groups g ON g.id = gs.group_id WHERE gs.staff_id = :s AND "
        "g.school_year_id = :y ORDER BY g.name",
        [&](const soci::row& r) { out.push_back(row_integer(r, 0)); }, staff_id, year_id);
    return out;
  });
}

std::vector<domain::StaffMember> GroupRepository::staff_of_school(Id school_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<domain::StaffMember> out;
    domain::StaffMember m;
    soci::statement st =
        (sql.prepare << "SELECT id, edex_key, given_name, surname_prefix, surname, email, role "
                        "FROM staff WHERE school_id = :s ORDER BY surname, given_name",
         soci::use(school_id), soci::into(m.id), soci::into(m.edex_key), soci::into(m.name.given),
         soci::into(m.name.prefix), soci::into(m.name.surname), soci::into(m.email),
         soci::into(m.role));
    st.execute();
    while (st.fetch()) {
      m.school_id = school_id;
      out.push_back(m);
    }
    return out;
  });
}

std::vector<PupilListRow> GroupRepository::pupils_of_group(Id group_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<PupilListRow> out;
    // Typed rows: soci::row's holders per value were a fifth of the group page (callgrind).
    db_.each_typed<long long, std::string, std::string, std::string, std::optional<std::string>, int, std::string,
                   std::optional<std::string>, std::string>(
        sql,
        "SELECT p.id, p.given_name, p.surname_prefix, p.surname, p.birth_date, p.gender, e.year_group, p.left_on, "
        "p.edex_key FROM enrolments e JOIN pupils p ON p.id = e.pupil_id WHERE e.group_id = :g",
        [&](auto& r) {
          auto& [id, given, prefix, surname, birth_date, gender, year_group, left_on, edex_key] = r;
          PupilListRow row;
          row.id = id;
          row.name = domain::PersonName{std::move(given), std::move(prefix), std::move(surname)};
          row.birth_date = birth_date ? domain::parse_iso_date(*birth_date) : std::nullopt;
          row.gender = static_cast<domain::Gender>(gender);
          row.year_group = std::move(year_group);
          row.left = left_on && !left_on->empty();
          row.pupil_number = std::move(edex_key);
          out.push_back(std::move(row));
        },
        group_id);
    // By name; two pupils of the same name by id, so both engines give one order. Each key
    // made once (made in the comparison, it was 9 % of the group page).
    std::vector<std::pair<std::string, size_t>> keys;
    keys.reserve(out.size());
    for (size_t i = 0; i < out.size(); ++i) keys.emplace_back(out[i].name.sort_key(), i);
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : out[a.second].id < out[b.second].id;
    });
    std::vector<PupilListRow> sorted;
    sorted.reserve(out.size());
    for (const auto& k : keys) sorted.push_back(std::move(out[k.second]));
    return sorted;
  });
}

}  // namespace koers::store
