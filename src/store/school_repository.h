// Boards, schools, school years and periods.
//
// Contract: reads run in a pooled session of their own; save_settings() runs in one
// transaction with its audit line. The "current" school year of a school is the latest
// one it has groups in (so a school without this year's import still shows last year).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/school.h"
#include "io/mail.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/secret_key.h"

namespace koers::store {

struct SchoolOverview {
  domain::School school;
  std::string current_year;
  long long groups = 0;
  long long pupils = 0;
  long long accounts = 0;
};

// The SMTP server through which Koers tells the IB that a preparation was sent; empty host:
// no e-mail (the inbox in Koers only). A relay on the school's network (no TLS, no login) or a
// submission server (Microsoft 365, Google) with STARTTLS or TLS and a login.
struct MailSettings {
  std::string smtp_host;
  int smtp_port = 25;     // on save, 0: the usual port for `security` (587, 465, 25)
  std::string mail_from;  // the sender address
  io::MailSecurity security = io::MailSecurity::kStartTls;
  std::string username;   // empty: no login (and no password kept)
  // Save: a new password; empty keeps the stored one. Read: the stored one, unsealed.
  std::string password;
  bool forget_password = false;  // save: remove the stored password
  bool has_password = false;     // read: a password is stored
  std::string password_problem;  // read: one is stored but cannot be unsealed; why, in Dutch
};

struct SchoolSettings {
  std::string name;
  std::string place;
  std::vector<domain::Period> periods;  // of the current school year; existing ones keep their ids, in order
  MailSettings mail;
};

class SchoolRepository {
 public:
  // `secrets` seals and unseals the SMTP password; without it a password cannot be saved.
  explicit SchoolRepository(Database& db, SecretKeyFile* secrets = nullptr) : db_(db), secrets_(secrets) {}

  domain::Id create_board(soci::session& sql, const std::string& name);
  domain::Id create_school(soci::session& sql, const domain::School& school);
  // Finds or creates the school year by name ("2026-2027").
  domain::Id ensure_school_year(soci::session& sql, const domain::SchoolYear& year);

  std::optional<domain::Board> find_board(domain::Id id);
  std::vector<domain::Id> board_ids();
  std::optional<domain::School> find_school(domain::Id id);
  // The school with this BRIN number and dependance ("00" for the main location).
  std::optional<domain::School> find_school_by_brin(const std::string& brin, const std::string& dependance = "00");
  std::vector<SchoolOverview> schools_of_board(domain::Id board_id);
  std::optional<domain::SchoolYear> current_school_year(domain::Id school_id);
  std::vector<domain::Period> periods(domain::Id school_id, domain::Id school_year_id);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::vector<domain::Period> periods(soci::session& sql, domain::Id school_id, domain::Id school_year_id);

  // Saves name, place, the periods of the current year and the mail settings (the password
  // sealed, never as plain text). Returns an error text for invalid input (empty name, a
  // period ending before it starts, outside the year, overlapping; a login without TLS) and
  // then changes nothing.
  std::optional<std::string> save_settings(domain::Id school_id, const SchoolSettings& settings,
                                           const domain::Principal& who);
  MailSettings mail_settings(domain::Id school_id);
  // The server to send through, as mail_settings() gives it.
  static io::MailServer mail_server(const MailSettings& m);
  // The e-mail addresses (from the staff records) of the school's active IB accounts.
  std::vector<std::string> support_coordinator_addresses(domain::Id school_id);

 private:
  Database& db_;
  SecretKeyFile* secrets_;
};

}  // namespace koers::store
