#include "store/account_repository.h"

#include <algorithm>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/audit_log.h"
#include "store/group_repository.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Id;
using domain::Role;

namespace {
const char* kColumns =
    "SELECT id, username, password_hash, role, display_name, board_id, school_id, staff_id, "
    "guardian_id, active FROM accounts ";

template <class Key>
std::vector<Account> load(soci::session& sql, const std::string& where, const Key& key) {
  std::vector<Account> out;
  Account a;
  std::string role;
  Id school = 0, staff = 0, guardian = 0;
  int active = 1;
  soci::indicator school_ind, staff_ind, guardian_ind;
  soci::statement st = (sql.prepare << std::string(kColumns) + where, soci::use(key),
                        soci::into(a.id), soci::into(a.username), soci::into(a.password_hash),
                        soci::into(role), soci::into(a.display_name), soci::into(a.board_id),
                        soci::into(school, school_ind), soci::into(staff, staff_ind),
                        soci::into(guardian, guardian_ind), soci::into(active));
  st.execute();
  while (st.fetch()) {
    Account row = a;
    row.role = domain::role_from_key(role).value_or(Role::kParent);
    row.school_id = school_ind == soci::i_ok ? school : 0;
    row.staff_id = staff_ind == soci::i_ok ? staff : 0;
    row.guardian_id = guardian_ind == soci::i_ok ? guardian : 0;
    row.active = active != 0;
    out.push_back(std::move(row));
  }
  return out;
}

bool valid_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}
}  // namespace

std::optional<Account> AccountRepository::find_by_username(const std::string& username) {
  auto rows = db_.read([&](soci::session& sql) { return load(sql, "WHERE username = :u", username); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Account> AccountRepository::find(Id id) {
  auto rows = db_.read([&](soci::session& sql) {
    return load(sql, "WHERE id = :id", id);
  });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Account> AccountRepository::accounts_of_board(Id board_id) {
  return db_.read([&](soci::session& sql) {
    return load(sql, "WHERE board_id = :b ORDER BY role, username", board_id);
  });
}

Id AccountRepository::insert(soci::session& sql, const NewAccount& a, const std::string& hash) {
  Id id = 0;
  std::string role(domain::role_key(a.role)), now = now_utc();
  Id school = a.school_id, staff = a.staff_id, guardian = a.guardian_id;
  soci::indicator school_ind = school ? soci::i_ok : soci::i_null;
  soci::indicator staff_ind = staff ? soci::i_ok : soci::i_null;
  soci::indicator guardian_ind = guardian ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO accounts (username, password_hash, role, display_name, board_id, school_id, "
         "staff_id, guardian_id, active, created_at) VALUES (:u, :h, :r, :d, :b, :s, :st, :g, 1, "
         ":c) RETURNING id",
      soci::use(a.username), soci::use(hash), soci::use(role), soci::use(a.display_name),
      soci::use(a.board_id), soci::use(school, school_ind), soci::use(staff, staff_ind),
      soci::use(guardian, guardian_ind), soci::use(now), soci::into(id);
  return id;
}

std::variant<Id, std::string> AccountRepository::create(const NewAccount& a,
                                                       const domain::Principal& by) {
  if (!valid_username(a.username))
    return std::string("Gebruikersnaam: 3 tot 64 tekens, alleen kleine letters, cijfers, punt, "
                       "streepje of liggend streepje.");
  if (a.password.size() < 10) return std::string("Wachtwoord: minstens 10 tekens.");
  if (a.display_name.empty()) return std::string("Naam: verplicht.");
  if (a.role != Role::kBoardAdmin && a.school_id == 0)
    return std::string("School: verplicht voor de rol ") + std::string(domain::role_label(a.role)) + ".";
  if (a.role == Role::kTeacher && a.staff_id == 0)
    return std::string("Medewerker: een leerkracht moet gekoppeld zijn aan een medewerker uit de "
                       "administratie (EDEXML-import), anders ziet hij of zij geen groepen.");
  if (a.role == Role::kParent && a.guardian_id == 0)
    return std::string("Ouder: een ouderaccount moet gekoppeld zijn aan een ouder/verzorger.");
  if (find_by_username(a.username)) return std::string("Gebruikersnaam bestaat al.");
  if (a.school_id) {
    auto school = SchoolRepository(db_).find_school(a.school_id);
    if (!school || school->board_id != a.board_id)
      return std::string("School: hoort niet bij dit bestuur.");
  }
  std::string hash = hash_password(a.password);
  return db_.write([&](soci::session& sql) -> Id {
    Id id = insert(sql, a, hash);
    AuditLog(db_).append(sql, audit_entry(by, domain::AuditAction::kCreate,
                                          "account " + a.username, 0,
                                          std::string("rol ") + std::string(domain::role_key(a.role))));
    return id;
  });
}

domain::Principal AccountRepository::principal(const Account& a) {
  domain::Principal p;
  p.account_id = a.id;
  p.username = a.username;
  p.display_name = a.display_name;
  p.role = a.role;
  p.board_id = a.board_id;
  p.school_id = a.school_id;
  if (a.role == Role::kTeacher && a.staff_id && a.school_id) {
    if (auto year = SchoolRepository(db_).current_school_year(a.school_id))
      p.group_ids = GroupRepository(db_).group_ids_of_staff(a.staff_id, year->id);
  }
  if (a.role == Role::kParent && a.guardian_id) {
    db_.read([&](soci::session& sql) {
      Id id = 0;
      soci::statement st = (sql.prepare << "SELECT pupil_id FROM pupil_guardians WHERE "
                                           "guardian_id = :g ORDER BY pupil_id",
                            soci::use(a.guardian_id), soci::into(id));
      st.execute();
      while (st.fetch()) p.child_ids.push_back(id);
    });
  }
  // Care-team members see consented cases only; cases arrive with the care-team issue.
  return p;
}

}  // namespace koers::store
