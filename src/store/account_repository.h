// User accounts: who can log in, with which role, scoped to which board/school/person, and
// their lifecycle: uitgenodigd (invited, activation code) → actief → gedeactiveerd.
//
// Contract: passwords are argon2id hashes; activation and reset codes are one-time, expire
// (kActivationLifetime, kResetLifetime) and are stored as SHA-256 only; an account is linked
// only to staff and guardians of its own school; every change is audit-logged in words in the
// same transaction; deactivation ends the account's sessions at once. principal() loads the
// scope the access policy needs (a teacher's groups of the current school year, a parent's
// children; a child who left only while domain::parent_sees_child, with the retention data of
// RetentionRepository::child_retention); one account per guardian.
// Two-factor: a TOTP secret per account, a code used once, ten recovery codes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "domain/access_policy.h"
#include "domain/role.h"
#include "store/database.h"

namespace koers::store {

enum class AccountState { kInvited, kActive, kDeactivated };
std::string account_state_label(AccountState s);  // "uitgenodigd", "actief", "gedeactiveerd"

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
  bool invited = false;        // no password yet: activation code outstanding
  std::string last_login_at;   // ISO UTC; "" never
  std::string totp_secret;     // base32; set while enrolling or enrolled
  bool totp_enabled = false;
  long long totp_last_step = 0;

  AccountState state() const {
    return !active ? AccountState::kDeactivated : invited ? AccountState::kInvited : AccountState::kActive;
  }
  bool may_sign_in() const { return active && !invited; }
  domain::AccountScope scope() const { return {id, role, board_id, school_id}; }
};

struct NewAccount {
  std::string username;
  std::string password;  // empty with invite(): the owner sets it with the activation code
  domain::Role role = domain::Role::kTeacher;
  std::string display_name;
  domain::Id board_id = 0;
  domain::Id school_id = 0;
  domain::Id staff_id = 0;
  domain::Id guardian_id = 0;
};

// A one-time code as handed out: the only moment its text exists outside the owner's hands.
struct IssuedCode {
  domain::Id account_id = 0;
  std::string username;
  std::string display_name;
  std::string code;        // "K7QD-WX3M-R9TF"
  std::string purpose;     // "activation" | "reset"
  std::string expires_at;  // ISO UTC
};

class AccountRepository {
 public:
  static constexpr std::chrono::hours kActivationLifetime{14 * 24};
  static constexpr std::chrono::hours kResetLifetime{24};
  static constexpr int kRecoveryCodes = 10;

  explicit AccountRepository(Database& db) : db_(db) {}

  std::optional<Account> find_by_username(const std::string& username);
  std::optional<Account> find(domain::Id id);
  // The account of a guardian (one per guardian: invite() refuses a second), if any.
  std::optional<Account> find_by_guardian(domain::Id guardian_id);
  std::vector<Account> accounts_of_board(domain::Id board_id);
  std::vector<Account> accounts_of_school(domain::Id school_id);

  // Checks the input (user name 3–64 of a-z0-9._-, password ≥ 10 characters, the scope
  // the role needs, staff/guardian of the same school) and returns the new id, or an error
  // text; nothing stored on error.
  std::variant<domain::Id, std::string> create(const NewAccount& account,
                                              const domain::Principal& by);
  // The checks create() and invite() make before storing (everything but the password), for
  // a caller that stores an account with more in one transaction (external_member_repository.h).
  std::optional<std::string> check_new(const NewAccount& account) { return check_links(account); }
  // The password rule of create(): nullopt when `password` is long enough, else the Dutch refusal.
  static std::optional<std::string> password_refusal(const std::string& password);
  // The same without a password: the account is uitgenodigd, with an activation code.
  std::variant<IssuedCode, std::string> invite(const NewAccount& account, const domain::Principal& by);
  // Inside the caller's transaction (the EDEXML import): no checks beyond the database's.
  IssuedCode invite(soci::session& sql, const NewAccount& account, const domain::Principal& by, TimePoint now);
  // The same, inside the caller's transaction with a precomputed hash (demo data).
  domain::Id insert(soci::session& sql, const NewAccount& account, const std::string& hash);
  // A user name not yet taken, made from a name ("Anna de Vries" → "a.devries", "a.devries2").
  std::string free_username(soci::session& sql, const std::string& given, const std::string& prefix,
                            const std::string& surname);
  std::string free_username(const std::string& given, const std::string& prefix, const std::string& surname);

  // A reset code (24 h) for an active or invited account; a deactivated one is invited again
  // (activation code, 14 days). Earlier unused codes of the account stop working.
  std::variant<IssuedCode, std::string> issue_reset(domain::Id id, const domain::Principal& by);
  // The owner sets a password with an activation or reset code; the account is then active.
  // Refused (Dutch text) when the code is unknown, used or expired, or the password too short.
  std::variant<Account, std::string> redeem_code(const std::string& code, const std::string& password,
                                                 TimePoint now);
  std::optional<std::string> change_password(domain::Id id, const std::string& current,
                                             const std::string& fresh, const domain::Principal& by);
  std::optional<std::string> change_role(domain::Id id, domain::Role role, const domain::Principal& by);
  // Deactivates and ends every session of the account; what they wrote stays.
  std::optional<std::string> deactivate(domain::Id id, const domain::Principal& by,
                                        const std::string& reason = "");
  // The same inside the caller's transaction (the EDEXML import).
  void deactivate(soci::session& sql, const Account& account, const domain::Principal& by, const std::string& reason);
  void record_login(domain::Id id, TimePoint now);

  // Two-factor. start: a new secret (not yet required at login); confirm: with a code from
  // the app it is switched on and ten recovery codes are returned, shown once.
  std::string start_two_factor(domain::Id id);
  std::variant<std::vector<std::string>, std::string> confirm_two_factor(domain::Id id, const std::string& code,
                                                                        TimePoint now, const domain::Principal& by);
  std::optional<std::string> disable_two_factor(domain::Id id, const std::string& password,
                                                const domain::Principal& by);
  // A TOTP code (each used once) or an unused recovery code (then used up).
  bool check_second_factor(const Account& account, const std::string& code, TimePoint now);
  int recovery_codes_left(domain::Id id);

  // Whether this account must sign in with a second factor (its school says so for its role).
  bool two_factor_required(const Account& account);
  // The school's setting: IB, head and care team must use a second factor. Audit-logged.
  bool school_requires_two_factor(domain::Id school_id);
  void set_school_requires_two_factor(domain::Id school_id, bool required, const domain::Principal& by);

  domain::Principal principal(const Account& account);

 private:
  IssuedCode issue_code(soci::session& sql, const Account& account, const std::string& purpose, TimePoint now);
  std::optional<std::string> check_links(const NewAccount& a);
  Database& db_;
};

}  // namespace koers::store
