#include "store/group_repository.h"

#include <algorithm>
#include <map>
#include <set>

namespace koers::store {

using domain::Id;

std::vector<domain::Group> GroupRepository::load(soci::session& sql, const std::string& where,
                                                 Id a, Id b) {
  std::vector<domain::Group> groups;
  {
    domain::Group g;
    std::string kind;
    soci::statement st =
        (sql.prepare << "SELECT g.id, g.school_id, g.school_year_id, y.name, g.edex_key, g.name, "
                        "g.kind FROM school_groups g JOIN school_years y ON y.id = "
                        "g.school_year_id " + where,
         soci::use(a), soci::use(b), soci::into(g.id), soci::into(g.school_id),
         soci::into(g.school_year_id), soci::into(g.school_year), soci::into(g.edex_key),
         soci::into(g.name), soci::into(kind));
    st.execute();
    while (st.fetch()) {
      g.kind = kind == "combined" ? domain::GroupKind::kCombined : domain::GroupKind::kRegular;
      groups.push_back(g);
    }
  }
  for (domain::Group& g : groups) {
    std::string year_group, given, prefix, surname;
    long long count = 0;
    std::set<std::string> years;
    {
      soci::statement st = (sql.prepare << "SELECT year_group FROM enrolments WHERE group_id = :g",
                            soci::use(g.id), soci::into(year_group));
      st.execute();
      while (st.fetch()) {
        ++count;
        if (!year_group.empty()) years.insert(year_group);
      }
    }
    g.pupil_count = static_cast<int>(count);
    g.year_groups.assign(years.begin(), years.end());
    soci::statement st =
        (sql.prepare << "SELECT s.given_name, s.surname_prefix, s.surname FROM group_staff gs "
                        "JOIN staff s ON s.id = gs.staff_id WHERE gs.group_id = :g ORDER BY "
                        "s.surname",
         soci::use(g.id), soci::into(given), soci::into(prefix), soci::into(surname));
    st.execute();
    while (st.fetch()) g.teachers.push_back(domain::PersonName{given, prefix, surname}.display());
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
    domain::GroupScope s;
    sql << "SELECT g.id, g.school_id, sc.board_id FROM school_groups g JOIN schools sc ON sc.id "
           "= g.school_id WHERE g.id = :id",
        soci::use(group_id), soci::into(s.group_id), soci::into(s.school_id),
        soci::into(s.board_id);
    if (!sql.got_data()) return std::nullopt;
    return s;
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
    Id id = 0;
    soci::statement st = (sql.prepare << "SELECT g.id FROM group_staff gs JOIN school_groups g ON "
                                         "g.id = gs.group_id WHERE gs.staff_id = :s AND "
                                         "g.school_year_id = :y ORDER BY g.name",
                          soci::use(staff_id), soci::use(year_id), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
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
    PupilListRow r;
    std::string birth, left;
    int gender = 0;
    soci::indicator birth_ind, left_ind;
    soci::statement st =
        (sql.prepare << "SELECT p.id, p.given_name, p.surname_prefix, p.surname, p.birth_date, "
                        "p.gender, e.year_group, p.left_on, p.edex_key FROM enrolments e JOIN pupils p ON "
                        "p.id = e.pupil_id WHERE e.group_id = :g",
         soci::use(group_id), soci::into(r.id), soci::into(r.name.given),
         soci::into(r.name.prefix), soci::into(r.name.surname), soci::into(birth, birth_ind),
         soci::into(gender), soci::into(r.year_group), soci::into(left, left_ind),
         soci::into(r.pupil_number));
    st.execute();
    while (st.fetch()) {
      PupilListRow row = r;
      row.birth_date = birth_ind == soci::i_ok ? domain::parse_iso_date(birth) : std::nullopt;
      row.gender = static_cast<domain::Gender>(gender);
      row.left = left_ind == soci::i_ok && !left.empty();
      out.push_back(row);
    }
    std::sort(out.begin(), out.end(),
              [](auto& a, auto& b) { return a.name.sort_key() < b.name.sort_key(); });
    return out;
  });
}

}  // namespace koers::store
