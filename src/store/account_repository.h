// User accounts: who can log in, with which role, scoped to which board/school/person.
//
// Contract: create() hashes the password with argon2id and audits the creation in the
// same transaction; principal() loads the scope the access policy needs (a teacher's
// groups of the current school year, a parent's children).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access_policy.h"
#include "domain/role.h"
#include "store/database.h"

namespace koers::store {

struct Account {
  domain::Id id = 0;
  std::string username;
  std::string password_hash;
  domain::Role role = domain::Role::kParent;
  std::string display_name;
  domain::Id board_id = 0;
  domain::Id school_id = 0;    // 0: board-wide
  domain::Id staff_id = 0;     // teacher/IB/head: the staff record from EDEXML
  domain::Id guardian_id = 0;  // parent
  bool active = true;
};

struct NewAccount {
  std::string username;
  std::string password;
  domain::Role role = domain::Role::kTeacher;
  std::string display_name;
  domain::Id board_id = 0;
  domain::Id school_id = 0;
  domain::Id staff_id = 0;
  domain::Id guardian_id = 0;
};

class AccountRepository {
 public:
  explicit AccountRepository(Database& db) : db_(db) {}

  std::optional<Account> find_by_username(const std::string& username);
  std::optional<Account> find(domain::Id id);
  std::vector<Account> accounts_of_board(domain::Id board_id);

  // Checks the input (user name 3–64 of a-z0-9._-, password ≥ 10 characters, the scope
  // the role needs) and returns the new id, or an error text; nothing stored on error.
  std::variant<domain::Id, std::string> create(const NewAccount& account,
                                              const domain::Principal& by);
  // The same, inside the caller's transaction with a precomputed hash (demo data).
  domain::Id insert(soci::session& sql, const NewAccount& account, const std::string& hash);

  domain::Principal principal(const Account& account);

 private:
  Database& db_;
};

}  // namespace koers::store
