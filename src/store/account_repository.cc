#include "store/account_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/totp.h"
#include "domain/field_limits.h"
#include "domain/parent_access.h"
#include "store/audit_log.h"
#include "store/group_repository.h"
#include "store/retention_repository.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Id;
using domain::Role;

std::string account_state_label(AccountState s) {
  switch (s) {
    case AccountState::kInvited: return "uitgenodigd";
    case AccountState::kActive: return "actief";
    case AccountState::kDeactivated: return "gedeactiveerd";
  }
  return "";
}

namespace {
// Who the account is, without its scope (groups, children): enough to audit in its name.
domain::Principal who_is(const Account& a) {
  domain::Principal p;
  p.account_id = a.id;
  p.username = a.username;
  p.display_name = a.display_name;
  p.role = a.role;
  p.board_id = a.board_id;
  p.school_id = a.school_id;
  return p;
}

const char* kColumns =
    "SELECT id, username, password_hash, role, display_name, board_id, school_id, staff_id, "
    "guardian_id, active, invited, last_login_at, totp_secret, totp_enabled, totp_last_step FROM accounts ";

template <class Key>
std::vector<Account> load(Database& db, soci::session& sql, const std::string& where, const Key& key) {
  std::vector<Account> out;
  db.each_row(
      sql, std::string(kColumns) + where,
      [&](const soci::row& r) {
        Account a;
        a.id = row_integer(r, 0);
        a.username = r.get<std::string>(1);
        a.password_hash = r.get<std::string>(2);
        a.role = domain::role_from_key(r.get<std::string>(3)).value_or(Role::kParent);
        a.display_name = r.get<std::string>(4);
        a.board_id = row_integer(r, 5);
        a.school_id = row_integer_or_zero(r, 6);
        a.staff_id = row_integer_or_zero(r, 7);
        a.guardian_id = row_integer_or_zero(r, 8);
        a.active = row_integer(r, 9) != 0;
        a.invited = row_integer(r, 10) != 0;
        a.last_login_at = r.get<std::string>(11);
        a.totp_secret = r.get<std::string>(12);
        a.totp_enabled = row_integer(r, 13) != 0;
        a.totp_last_step = row_integer(r, 14);
        out.push_back(std::move(a));
      },
      key);
  return out;
}

bool valid_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

constexpr size_t kMinPassword = 10;
const char* kPasswordRule = "Wachtwoord: minstens 10 tekens.";

domain::AuditEntry account_line(const domain::Principal& by, const Account& a, std::string detail,
                                domain::AuditAction action = domain::AuditAction::kUpdate) {
  auto line = audit_entry(by, action, "account " + a.username, 0, std::move(detail));
  line.school_id = a.school_id;
  return line;
}

// What a name becomes in a user name: lower-case ASCII letters, accents dropped.
std::string username_part(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (c == 0xC3 && i + 1 < text.size()) {  // Latin-1 supplement letters in UTF-8
      unsigned char d = static_cast<unsigned char>(text[++i]) | 0x20;
      const char* map = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
      if (d >= 0xA0 && d <= 0xBF) {
        char m = map[d - 0xA0];
        if (m != '/') out += m;
      }
    }
  }
  return out;
}
}  // namespace

std::optional<Account> AccountRepository::find_by_username(const std::string& username) {
  auto rows = db_.read([&](soci::session& sql) { return load(db_, sql, "WHERE username = :u", username); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Account> AccountRepository::find(Id id) {
  auto rows = db_.read([&](soci::session& sql) {
    return load(db_, sql, "WHERE id = :id", id);
  });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Account> AccountRepository::find_by_guardian(Id guardian_id) {
  auto rows = db_.read([&](soci::session& sql) { return load(db_, sql, "WHERE guardian_id = :g", guardian_id); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Account> AccountRepository::accounts_of_board(Id board_id) {
  return db_.read([&](soci::session& sql) {
    return load(db_, sql, "WHERE board_id = :b ORDER BY role, username", board_id);
  });
}

std::vector<Account> AccountRepository::accounts_of_school(Id school_id) {
  return db_.read([&](soci::session& sql) {
    return load(db_, sql, "WHERE school_id = :s ORDER BY role, username", school_id);
  });
}

Id AccountRepository::insert(soci::session& sql, const NewAccount& a, const std::string& hash) {
  Id id = 0;
  std::string role(domain::role_key(a.role)), now = now_utc();
  Id school = a.school_id, staff = a.staff_id, guardian = a.guardian_id;
  int invited = hash.empty() ? 1 : 0;
  soci::indicator school_ind = school ? soci::i_ok : soci::i_null;
  soci::indicator staff_ind = staff ? soci::i_ok : soci::i_null;
  soci::indicator guardian_ind = guardian ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO accounts (username, password_hash, role, display_name, board_id, school_id, "
         "staff_id, guardian_id, active, invited, created_at) VALUES (:u, :h, :r, :d, :b, :s, :st, :g, 1, "
         ":i, :c) RETURNING id",
      soci::use(a.username), soci::use(hash), soci::use(role), soci::use(a.display_name),
      soci::use(a.board_id), soci::use(school, school_ind), soci::use(staff, staff_ind),
      soci::use(guardian, guardian_ind), soci::use(invited), soci::use(now), soci::into(id);
  return id;
}

std::optional<std::string> AccountRepository::check_links(const NewAccount& a) {
  if (!valid_username(a.username))
    return std::string("Gebruikersnaam: 3 tot 64 tekens, alleen kleine letters, cijfers, punt, "
                       "streepje of liggend streepje.");
  if (a.display_name.empty()) return std::string("Naam: verplicht.");
  if (auto why = domain::limits::too_long(a.display_name, domain::limits::kNamePart)) return "Naam: de tekst " + *why + " tekens.";
  if (a.role != Role::kBoardAdmin && a.role != Role::kPrivacyOfficer && a.school_id == 0)
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
  // A link to someone of another school would open that school's groups or child.
  auto school_of = [&](const char* table, Id id) {
    return db_.read([&](soci::session& sql) -> Id {
      Id school = 0;
      sql << fmt::format("SELECT school_id FROM {} WHERE id = :id", table), soci::use(id), soci::into(school);
      return sql.got_data() ? school : -1;
    });
  };
  if (a.staff_id && (a.role == Role::kBoardAdmin || school_of("staff", a.staff_id) != a.school_id))
    return std::string("Medewerker: hoort niet bij de gekozen school.");
  if (a.guardian_id && (a.role == Role::kBoardAdmin || school_of("guardians", a.guardian_id) != a.school_id))
    return std::string("Ouder: hoort niet bij de gekozen school.");
  if (a.staff_id) {
    std::string taken = db_.read([&](soci::session& sql) {
      std::string u;
      sql << "SELECT username FROM accounts WHERE staff_id = :s", soci::use(a.staff_id), soci::into(u);
      return u;
    });
    if (!taken.empty()) return "Medewerker: heeft al een account (" + taken + ").";
  }
  if (a.guardian_id)
    if (auto taken = find_by_guardian(a.guardian_id)) return "Ouder: heeft al een account (" + taken->username + ").";
  return std::nullopt;
}

std::optional<std::string> AccountRepository::password_refusal(const std::string& password) {
  if (password.size() < kMinPassword) return std::string(kPasswordRule);
  return std::nullopt;
}

std::variant<Id, std::string> AccountRepository::create(const NewAccount& a,
                                                       const domain::Principal& by) {
  if (auto error = check_links(a)) return *error;
  if (a.password.size() < kMinPassword) return std::string(kPasswordRule);
  std::string hash = hash_password(a.password);
  return db_.write([&](soci::session& sql) -> Id {
    Id id = insert(sql, a, hash);
    auto line = audit_entry(by, domain::AuditAction::kCreate, "account " + a.username, 0,
                            std::string("rol ") + std::string(domain::role_key(a.role)));
    line.school_id = a.school_id;
    AuditLog(db_).append(sql, std::move(line));
    return id;
  });
}

IssuedCode AccountRepository::issue_code(soci::session& sql, const Account& a, const std::string& purpose,
                                         TimePoint now) {
  IssuedCode out{a.id, a.username, a.display_name, new_one_time_code(), purpose,
                 iso_utc(now + (purpose == "activation" ? kActivationLifetime : kResetLifetime))};
  std::string at = iso_utc(now), hash = sha256_hex(normalise_code(out.code));
  // Only the newest code works: an older letter that went astray opens nothing.
  sql << "UPDATE account_codes SET used_at = :n WHERE account_id = :a AND used_at = ''", soci::use(at),
      soci::use(a.id);
  sql << "INSERT INTO account_codes (account_id, purpose, code_hash, created_at, expires_at) VALUES "
         "(:a, :p, :h, :c, :e)",
      soci::use(a.id), soci::use(purpose), soci::use(hash), soci::use(at), soci::use(out.expires_at);
  return out;
}

IssuedCode AccountRepository::invite(soci::session& sql, const NewAccount& a, const domain::Principal& by,
                                     TimePoint now) {
  Account made;
  made.id = insert(sql, a, "");
  made.username = a.username;
  made.display_name = a.display_name;
  made.school_id = a.school_id;
  IssuedCode code = issue_code(sql, made, "activation", now);
  AuditLog(db_).append(sql, account_line(by, made,
                                         fmt::format("uitgenodigd als {}; activatiecode geldig tot {}",
                                                     domain::role_label(a.role), display_time(code.expires_at)),
                                         domain::AuditAction::kCreate));
  return code;
}

std::variant<IssuedCode, std::string> AccountRepository::invite(const NewAccount& a, const domain::Principal& by) {
  if (auto error = check_links(a)) return *error;
  return db_.write([&](soci::session& sql) { return invite(sql, a, by, std::chrono::system_clock::now()); });
}

std::string AccountRepository::free_username(soci::session& sql, const std::string& given,
                                             const std::string& prefix, const std::string& surname) {
  std::string first = username_part(given), last = username_part(prefix) + username_part(surname);
  std::string base = (first.empty() ? "" : first.substr(0, 1) + ".") + (last.empty() ? "medewerker" : last);
  if (base.size() < 3) base += "-medewerker";
  base = base.substr(0, 60);
  for (int n = 1;; ++n) {
    std::string candidate = n == 1 ? base : base + std::to_string(n);
    int taken = 0;
    sql << "SELECT COUNT(*) FROM accounts WHERE username = :u", soci::use(candidate), soci::into(taken);
    if (!taken) return candidate;
  }
}

std::variant<IssuedCode, std::string> AccountRepository::issue_reset(Id id, const domain::Principal& by) {
  auto a = find(id);
  if (!a) return std::string("Account bestaat niet.");
  const auto now = std::chrono::system_clock::now();
  return db_.write([&](soci::session& sql) {
    if (!a->active) {
      // Invited again: no password until the owner activates, as with a new account.
      std::string none;
      sql << "UPDATE accounts SET active = 1, invited = 1, password_hash = :h WHERE id = :id", soci::use(none),
          soci::use(id);
      IssuedCode code = issue_code(sql, *a, "activation", now);
      AuditLog(db_).append(sql, account_line(by, *a, fmt::format("opnieuw uitgenodigd na deactivering; activatiecode geldig tot {}",
                                                                 display_time(code.expires_at))));
      return code;
    }
    IssuedCode code = issue_code(sql, *a, a->invited ? "activation" : "reset", now);
    AuditLog(db_).append(sql, account_line(by, *a, fmt::format("{} uitgegeven, geldig tot {}",
                                                               a->invited ? "nieuwe activatiecode" : "herstelcode voor het wachtwoord",
                                                               display_time(code.expires_at))));
    return code;
  });
}

std::variant<Account, std::string> AccountRepository::redeem_code(const std::string& typed, const std::string& password,
                                                                  TimePoint now) {
  const std::string refused = "Code: onbekend, al gebruikt of verlopen. Vraag de intern begeleider of de beheerder om een nieuwe.";
  std::string code = normalise_code(typed);
  if (code.size() != 12) return refused;
  if (password.size() < kMinPassword) return std::string(kPasswordRule);
  std::string hash = sha256_hex(code), at = iso_utc(now), fresh = hash_password(password);
  std::optional<Account> done;
  bool ok = db_.write([&](soci::session& sql) {
    Id code_id = 0, account_id = 0;
    std::string purpose, expires, used;
    sql << std::string("SELECT id, account_id, purpose, expires_at, used_at FROM account_codes WHERE code_hash = :h") +
               for_update(db_.engine()),
        soci::use(hash), soci::into(code_id), soci::into(account_id), soci::into(purpose), soci::into(expires),
        soci::into(used);
    if (!sql.got_data() || !used.empty() || expires <= at) return false;
    auto rows = load(db_, sql, "WHERE id = :id", account_id);
    if (rows.empty() || !rows.front().active) return false;
    sql << "UPDATE account_codes SET used_at = :n WHERE id = :id", soci::use(at), soci::use(code_id);
    sql << "UPDATE accounts SET password_hash = :h, invited = 0 WHERE id = :id", soci::use(fresh),
        soci::use(account_id);
    // A new password ends the sessions an old one may have opened.
    sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(account_id);
    Account a = rows.front();
    const domain::Principal self = who_is(a);
    AuditLog(db_).append(sql, account_line(self, a, purpose == "activation" ? "geactiveerd met de activatiecode; wachtwoord ingesteld"
                                                                            : "wachtwoord opnieuw ingesteld met de herstelcode"));
    a.invited = false;
    done = a;
    return true;
  });
  if (!ok) return refused;
  return *done;
}

std::optional<std::string> AccountRepository::change_password(Id id, const std::string& current, const std::string& fresh,
                                                              const domain::Principal& by) {
  auto a = find(id);
  if (!a || !verify_password(current, a->password_hash)) return std::string("Huidig wachtwoord: klopt niet.");
  if (fresh.size() < kMinPassword) return std::string("Nieuw wachtwoord: minstens 10 tekens.");
  if (fresh == current) return std::string("Nieuw wachtwoord: moet anders zijn dan het huidige.");
  std::string hash = hash_password(fresh);
  db_.write([&](soci::session& sql) {
    sql << "UPDATE accounts SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(id);
    AuditLog(db_).append(sql, account_line(by, *a, "eigen wachtwoord gewijzigd"));
  });
  return std::nullopt;
}

std::optional<std::string> AccountRepository::change_role(Id id, Role role, const domain::Principal& by) {
  auto a = find(id);
  if (!a) return std::string("Account bestaat niet.");
  if (a->role == role) return std::nullopt;
  if (role == Role::kParent || a->role == Role::kParent) return std::string("Rol: een ouderaccount houdt zijn rol.");
  if (role == Role::kBoardAdmin || a->role == Role::kBoardAdmin)
    return std::string("Rol: de rol beheerder geldt voor het hele bestuur; maak daarvoor een eigen account.");
  if (role == Role::kTeacher && a->staff_id == 0)
    return std::string("Rol: een leerkracht moet gekoppeld zijn aan een medewerker uit de administratie.");
  std::string key(domain::role_key(role));
  db_.write([&](soci::session& sql) {
    sql << "UPDATE accounts SET role = :r WHERE id = :id", soci::use(key), soci::use(id);
    // The sessions carry the old role's reach; the owner signs in again with the new one.
    sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(id);
    AuditLog(db_).append(sql, account_line(by, *a, fmt::format("rol gewijzigd van {} naar {}", domain::role_label(a->role),
                                                               domain::role_label(role))));
  });
  return std::nullopt;
}

void AccountRepository::deactivate(soci::session& sql, const Account& a, const domain::Principal& by,
                                   const std::string& reason) {
  int sessions = 0;
  sql << "SELECT COUNT(*) FROM sessions WHERE account_id = :a", soci::use(a.id), soci::into(sessions);
  std::string at = now_utc();
  sql << "UPDATE accounts SET active = 0 WHERE id = :id", soci::use(a.id);
  sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(a.id);
  sql << "UPDATE account_codes SET used_at = :n WHERE account_id = :a AND used_at = ''", soci::use(at), soci::use(a.id);
  AuditLog(db_).append(sql, account_line(by, a, fmt::format("gedeactiveerd{}{}; wat de gebruiker schreef blijft bewaard",
                                                            reason.empty() ? "" : " (" + reason + ")",
                                                            sessions ? fmt::format("; {} sessie(s) beëindigd", sessions) : "")));
}

std::optional<std::string> AccountRepository::deactivate(Id id, const domain::Principal& by, const std::string& reason) {
  auto a = find(id);
  if (!a) return std::string("Account bestaat niet.");
  if (a->id == by.account_id) return std::string("U kunt uw eigen account niet deactiveren.");
  if (!a->active) return std::nullopt;
  db_.write([&](soci::session& sql) { deactivate(sql, *a, by, reason); });
  return std::nullopt;
}

void AccountRepository::record_login(Id id, TimePoint now) {
  std::string at = iso_utc(now);
  db_.write([&](soci::session& sql) {
    sql << "UPDATE accounts SET last_login_at = :n WHERE id = :id", soci::use(at), soci::use(id);
  });
}

std::string AccountRepository::start_two_factor(Id id) {
  std::string secret = new_totp_secret();
  db_.write([&](soci::session& sql) {
    // Only while it is not on: switching on again goes through disable first.
    sql << "UPDATE accounts SET totp_secret = :s WHERE id = :id AND totp_enabled = 0", soci::use(secret), soci::use(id);
  });
  return find(id)->totp_secret;
}

std::variant<std::vector<std::string>, std::string> AccountRepository::confirm_two_factor(
    Id id, const std::string& code, TimePoint now, const domain::Principal& by) {
  auto a = find(id);
  if (!a || a->totp_secret.empty()) return std::string("Tweestapsverificatie: begin opnieuw met 'Aanzetten'.");
  if (a->totp_enabled) return std::string("Tweestapsverificatie staat al aan.");
  auto step = totp_match(a->totp_secret, code, now, a->totp_last_step);
  if (!step) return std::string("Code: klopt niet. Typ de zes cijfers die de app nu toont.");
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodes; ++i) codes.push_back(new_one_time_code());
  db_.write([&](soci::session& sql) {
    sql << "UPDATE accounts SET totp_enabled = 1, totp_last_step = :s WHERE id = :id", soci::use(*step), soci::use(id);
    sql << "DELETE FROM recovery_codes WHERE account_id = :a", soci::use(id);
    for (const auto& c : codes) {
      std::string hash = sha256_hex(normalise_code(c));
      sql << "INSERT INTO recovery_codes (account_id, code_hash) VALUES (:a, :h)", soci::use(id), soci::use(hash);
    }
    AuditLog(db_).append(sql, account_line(by, *a, fmt::format("tweestapsverificatie aangezet; {} herstelcodes gemaakt",
                                                               kRecoveryCodes)));
  });
  return codes;
}

std::optional<std::string> AccountRepository::disable_two_factor(Id id, const std::string& password,
                                                                 const domain::Principal& by) {
  auto a = find(id);
  if (!a || !verify_password(password, a->password_hash)) return std::string("Wachtwoord: klopt niet.");
  if (two_factor_required(*a))
    return std::string("Tweestapsverificatie is voor uw rol verplicht op deze school en blijft aan.");
  db_.write([&](soci::session& sql) {
    std::string none;
    sql << "UPDATE accounts SET totp_enabled = 0, totp_secret = :s WHERE id = :id", soci::use(none), soci::use(id);
    sql << "DELETE FROM recovery_codes WHERE account_id = :a", soci::use(id);
    AuditLog(db_).append(sql, account_line(by, *a, "tweestapsverificatie uitgezet"));
  });
  return std::nullopt;
}

bool AccountRepository::check_second_factor(const Account& a, const std::string& code, TimePoint now) {
  if (!a.totp_enabled || a.totp_secret.empty()) return false;
  if (auto step = totp_match(a.totp_secret, code, now, a.totp_last_step)) {
    // Conditional on the step stored, so two requests with one code cannot both pass.
    return db_.write([&](soci::session& sql) {
      soci::statement st = (sql.prepare << "UPDATE accounts SET totp_last_step = :s WHERE id = :id AND totp_last_step < :s2",
                            soci::use(*step), soci::use(a.id), soci::use(*step));
      st.execute(true);
      return st.get_affected_rows() == 1;
    });
  }
  std::string normal = normalise_code(code);
  if (normal.size() != 12) return false;
  std::string hash = sha256_hex(normal), at = iso_utc(now);
  return db_.write([&](soci::session& sql) {
    soci::statement st = (sql.prepare << "UPDATE recovery_codes SET used_at = :n WHERE account_id = :a AND "
                                         "code_hash = :h AND used_at = ''",
                          soci::use(at), soci::use(a.id), soci::use(hash));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    AuditLog(db_).append(
        sql,
        account_line(
            domain::Principal{a.id, a.username, a.display_name, a.role, a.board_id, a.school_id, {}, {}, {}, {}, {}}, a,
            "ingelogd met een herstelcode"));
    return true;
  });
}

int AccountRepository::recovery_codes_left(Id id) {
  return db_.read([&](soci::session& sql) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM recovery_codes WHERE account_id = :a AND used_at = ''", soci::use(id), soci::into(n);
    return n;
  });
}

bool AccountRepository::two_factor_required(const Account& a) {
  if (!domain::two_factor_role(a.role) || a.school_id == 0) return false;
  return school_requires_two_factor(a.school_id);
}

bool AccountRepository::school_requires_two_factor(Id school_id) {
  return db_.read([&](soci::session& sql) {
    int required = 0;
    sql << "SELECT require_two_factor FROM schools WHERE id = :s", soci::use(school_id), soci::into(required);
    return required != 0;
  });
}

void AccountRepository::set_school_requires_two_factor(Id school_id, bool required, const domain::Principal& by) {
  const int value = required ? 1 : 0;
  db_.write([&](soci::session& sql) {
    sql << "UPDATE schools SET require_two_factor = :r WHERE id = :s", soci::use(value), soci::use(school_id);
    auto line = audit_entry(by, domain::AuditAction::kUpdate, "schoolinstelling tweestapsverificatie", 0,
                            required ? "verplicht gemaakt voor IB, directeur en zorgteam" : "niet meer verplicht");
    line.school_id = school_id;
    AuditLog(db_).append(sql, std::move(line));
  });
}

std::string AccountRepository::free_username(const std::string& given, const std::string& prefix,
                                             const std::string& surname) {
  return db_.read([&](soci::session& sql) { return free_username(sql, given, prefix, surname); });
}

domain::Principal AccountRepository::principal(const Account& a) {
  domain::Principal p = who_is(a);
  // Defence in depth: a link made before links were checked (an account of school 1 tied to
  // a teacher of school 3) opens nothing of the other school.
  const bool staff_here = a.staff_id && db_.read([&](soci::session& sql) {
    Id school = 0;
    db_.each_row(
        sql, "SELECT school_id FROM staff WHERE id = :id", [&](const soci::row& r) { school = row_integer(r, 0); },
        a.staff_id);
    return school != 0 && school == a.school_id;
  });
  if (a.school_id)
    if (auto school = SchoolRepository(db_).find_school(a.school_id)) p.school_name = school->name;
  if (a.role == Role::kTeacher && staff_here && a.school_id) {
    if (auto year = SchoolRepository(db_).current_school_year(a.school_id))
      p.group_ids = GroupRepository(db_).group_ids_of_staff(a.staff_id, year->id);
  }
  if (a.role == Role::kParent && a.guardian_id) {
    // Every child the guardian is linked to at the account's school; a child who left only
    // until the care data's retention date and while those data are kept (domain/parent_access.h).
    const domain::Date today = today_local();
    std::vector<std::pair<Id, bool>> children;  // pupil, has left
    db_.read([&](soci::session& sql) {
      db_.each_row(
          sql,
          "SELECT pg.pupil_id, p.left_on FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id "
          "WHERE pg.guardian_id = :g AND p.school_id = :s ORDER BY pg.pupil_id",
          [&](const soci::row& r) { children.emplace_back(row_integer(r, 0), !row_text(r, 1).empty()); }, a.guardian_id,
          a.school_id);
    });
    RetentionRepository retention(db_);
    for (const auto& [pupil, left] : children)
      if (!left || domain::parent_sees_child(retention.child_retention(pupil), today)) p.child_ids.push_back(pupil);
  }
  // Care-team members see consented cases only; cases arrive with the care-team issue.
  return p;
}

}  // namespace koers::store
