#include "store/school_repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/secret_box.h"

namespace koers::store {

using domain::Id;

namespace {
// What a sealed password is bound to: it opens for this school's row only.
std::string password_context(Id school_id) { return fmt::format("smtp-password school {}", school_id); }
}  // namespace

Id SchoolRepository::create_board(soci::session& sql, const std::string& name) {
  Id id = 0;
  sql << "INSERT INTO boards (name) VALUES (:n) RETURNING id", soci::use(name), soci::into(id);
  return id;
}

Id SchoolRepository::create_school(soci::session& sql, const domain::School& s) {
  Id id = 0;
  sql << "INSERT INTO schools (board_id, name, brin, dependance, place) VALUES (:b, :n, :br, :d, "
         ":p) RETURNING id",
      soci::use(s.board_id), soci::use(s.name), soci::use(s.brin), soci::use(s.dependance),
      soci::use(s.place), soci::into(id);
  return id;
}

Id SchoolRepository::ensure_school_year(soci::session& sql, const domain::SchoolYear& y) {
  Id id = 0;
  soci::indicator ind;
  sql << "SELECT id FROM school_years WHERE name = :n", soci::use(y.name), soci::into(id, ind);
  if (sql.got_data() && ind == soci::i_ok) return id;
  std::string from = y.starts_on.iso(), to = y.ends_on.iso();
  sql << "INSERT INTO school_years (name, starts_on, ends_on) VALUES (:n, :s, :e) RETURNING id",
      soci::use(y.name), soci::use(from), soci::use(to), soci::into(id);
  return id;
}

std::optional<domain::Board> SchoolRepository::find_board(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Board> {
    domain::Board b;
    sql << "SELECT id, name FROM boards WHERE id = :id", soci::use(id), soci::into(b.id),
        soci::into(b.name);
    if (!sql.got_data()) return std::nullopt;
    return b;
  });
}

std::vector<Id> SchoolRepository::board_ids() {
  return db_.read([](soci::session& sql) {
    std::vector<Id> out;
    Id id = 0;
    soci::statement st = (sql.prepare << "SELECT id FROM boards ORDER BY id", soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

namespace {
std::optional<domain::School> load_school(Database& db, soci::session& sql, Id id) {
  std::optional<domain::School> out;
  db.each_row(
      sql, "SELECT id, board_id, name, brin, dependance, place FROM schools WHERE id = :id",
      [&](const soci::row& r) {
        out = domain::School{row_integer(r, 0), row_integer(r, 1), r.get<std::string>(2), r.get<std::string>(3),
                             r.get<std::string>(4), r.get<std::string>(5)};
      },
      id);
  return out;
}

std::optional<domain::SchoolYear> load_current_year(Database& db, soci::session& sql, Id school_id) {
  std::optional<domain::SchoolYear> out;
  db.each_row(
      sql,
      // EXISTS, not IN (SELECT …): SQLite then builds no temporary list per run. Every request
      // asks it (the principal's groups): 55,000 instructions a run before, in callgrind.
      "SELECT y.id, y.name, y.starts_on, y.ends_on FROM school_years y WHERE EXISTS "
      "(SELECT 1 FROM school_groups g WHERE g.school_id = :s AND g.school_year_id = y.id) "
      "ORDER BY y.starts_on DESC LIMIT 1",
      [&](const soci::row& r) {
        domain::SchoolYear y;
        y.id = row_integer(r, 0);
        y.name = r.get<std::string>(1);
        y.starts_on = domain::parse_iso_date(r.get<std::string>(2)).value_or(domain::Date{});
        y.ends_on = domain::parse_iso_date(r.get<std::string>(3)).value_or(domain::Date{});
        out = y;
      },
      school_id);
  return out;
}
}  // namespace

std::optional<domain::School> SchoolRepository::find_school(Id id) {
  return db_.read([&](soci::session& sql) { return load_school(db_, sql, id); });
}

std::optional<domain::School> SchoolRepository::find_school_by_brin(const std::string& brin,
                                                                 const std::string& dependance) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::School> {
    Id id = 0;
    std::string b = brin, d = dependance;
    sql << "SELECT id FROM schools WHERE brin = :b AND dependance = :d", soci::use(b), soci::use(d), soci::into(id);
    if (!sql.got_data()) return std::nullopt;
    return load_school(db_, sql, id);
  });
}

std::optional<domain::SchoolYear> SchoolRepository::current_school_year(Id school_id) {
  return db_.read([&](soci::session& sql) { return load_current_year(db_, sql, school_id); });
}

std::vector<SchoolOverview> SchoolRepository::schools_of_board(Id board_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<Id> ids;
    {
      Id id = 0;
      soci::statement st = (sql.prepare << "SELECT id FROM schools WHERE board_id = :b ORDER BY name",
                            soci::use(board_id), soci::into(id));
      st.execute();
      while (st.fetch()) ids.push_back(id);
    }
    std::vector<SchoolOverview> out;
    for (Id id : ids) {
      SchoolOverview o;
      o.school = *load_school(db_, sql, id);
      if (auto y = load_current_year(db_, sql, id)) {
        o.current_year = y->name;
        sql << "SELECT COUNT(*) FROM school_groups WHERE school_id = :s AND school_year_id = :y",
            soci::use(id), soci::use(y->id), soci::into(o.groups);
        sql << "SELECT COUNT(DISTINCT e.pupil_id) FROM enrolments e JOIN school_groups g ON "
               "g.id = e.group_id WHERE g.school_id = :s AND g.school_year_id = :y",
            soci::use(id), soci::use(y->id), soci::into(o.pupils);
      }
      sql << "SELECT COUNT(*) FROM accounts WHERE school_id = :s", soci::use(id),
          soci::into(o.accounts);
      out.push_back(std::move(o));
    }
    return out;
  });
}

std::vector<domain::Period> SchoolRepository::periods(Id school_id, Id year_id) {
  return db_.read([&](soci::session& sql) { return periods(sql, school_id, year_id); });
}

std::vector<domain::Period> SchoolRepository::periods(soci::session& sql, Id school_id, Id year_id) {
  std::vector<domain::Period> out;
  db_.each_typed<long long, std::string, std::string, std::string>(
      sql,
      "SELECT id, name, starts_on, ends_on FROM periods WHERE school_id = :s AND school_year_id = :y "
      "ORDER BY starts_on",
      [&](auto& r) {
        auto& [id, name, from, to] = r;
        domain::Period p;
        p.id = id;
        p.name = std::move(name);
        p.school_id = school_id;
        p.school_year_id = year_id;
        p.starts_on = domain::parse_iso_date(from).value_or(domain::Date{});
        p.ends_on = domain::parse_iso_date(to).value_or(domain::Date{});
        out.push_back(std::move(p));
      },
      school_id, year_id);
  return out;
}

std::optional<std::string> SchoolRepository::save_settings(Id school_id, const SchoolSettings& in,
                                                           const domain::Principal& who) {
  auto year = current_school_year(school_id);
  if (in.name.empty()) return "De naam van de school is verplicht.";
  std::vector<domain::Period> periods = in.periods;
  std::sort(periods.begin(), periods.end(),
            [](auto& a, auto& b) { return a.starts_on < b.starts_on; });
  for (size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    std::string label = p.name.empty() ? "Periode op regel " + std::to_string(i + 1) : p.name;
    if (p.name.empty()) return label + ": geef de periode een naam.";
    if (!p.starts_on.valid() || !p.ends_on.valid()) return label + ": vul een begin- en einddatum in.";
    if (p.ends_on < p.starts_on) return label + ": de einddatum ligt voor de begindatum.";
    if (year && (p.starts_on < year->starts_on || year->ends_on < p.ends_on))
      return label + ": valt buiten schooljaar " + year->name + " (" + year->starts_on.dutch() +
             " t/m " + year->ends_on.dutch() + ").";
    if (i > 0 && !(periods[i - 1].ends_on < p.starts_on))
      return label + ": overlapt met " + periods[i - 1].name + ".";
  }
  if (!periods.empty() && !year) return "Deze school heeft nog geen schooljaar: importeer eerst de groepen.";
  MailSettings mail = in.mail;
  if (mail.smtp_port == 0) mail.smtp_port = io::default_port(mail.security);
  if (!mail.smtp_host.empty()) {
    if (mail.smtp_host.find_first_of(" /:@") != std::string::npos)
      return "SMTP-server: alleen de naam of het adres van de server, zonder poort (bijvoorbeeld smtp.school.nl).";
    if (mail.smtp_port < 1 || mail.smtp_port > 65535) return "SMTP-poort: een getal van 1 tot 65535.";
    if (mail.mail_from.find('@') == std::string::npos || mail.mail_from.find_first_of(" <>") != std::string::npos)
      return "Afzender: een e-mailadres, bijvoorbeeld koers@school.nl.";
  }
  if (mail.username.find_first_of("\r\n") != std::string::npos || mail.password.find_first_of("\r\n") != std::string::npos)
    return "Gebruikersnaam en wachtwoord: zonder regeleinden.";
  if (!mail.username.empty() && mail.security == io::MailSecurity::kNone)
    return "Gebruikersnaam: inloggen kan alleen over een versleutelde verbinding (anders gaat het wachtwoord leesbaar "
           "over het netwerk). Kies STARTTLS of TLS, of laat gebruikersnaam en wachtwoord leeg.";
  if (mail.username.empty() && !mail.password.empty())
    return "Gebruikersnaam: vul die in bij het wachtwoord (meestal het e-mailadres van het account).";
  // The password column: kept, replaced by a newly sealed one, or emptied.
  std::optional<std::string> sealed;
  if (mail.username.empty() || mail.forget_password) sealed = "";
  if (!mail.password.empty() && !mail.forget_password) {
    if (!secrets_) return "Wachtwoord: Koers heeft geen sleutelbestand om het versleuteld te bewaren; niets opgeslagen.";
    try {
      sealed = seal_secret(secrets_->key(true), mail.password, password_context(school_id));
    } catch (const SecretKeyError& e) {
      return fmt::format("Wachtwoord: niet opgeslagen, want {}.", e.what());
    }
  }
  // Periods keep their ids (group plans refer to them): the i-th period by start date takes
  // the i-th new one's name and dates; a period beyond the new list goes, unless a plan has it.
  return db_.write([&](soci::session& sql) -> std::optional<std::string> {
    std::vector<Id> existing;
    if (year) {
      std::vector<std::string> existing_names;
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, name FROM periods WHERE school_id = :s AND "
                                                     "school_year_id = :y ORDER BY starts_on, id",
                                      soci::use(school_id), soci::use(year->id));
      for (const auto& r : rows) {
        existing.push_back(row_integer(r, 0));
        existing_names.push_back(r.get<std::string>(1));
      }
      for (size_t i = periods.size(); i < existing.size(); ++i) {
        long long plans = 0;
        sql << "SELECT COUNT(*) FROM group_plans WHERE period_id = :p", soci::use(existing[i]), soci::into(plans);
        if (plans) return existing_names[i] + ": deze periode heeft groepsplannen en kan niet weg.";
      }
    }
    std::string stored;
    sql << "SELECT smtp_password FROM schools WHERE id = :id", soci::use(school_id), soci::into(stored);
    if (!sealed && stored.empty() && !mail.username.empty())
      return std::optional<std::string>("Wachtwoord: vul het wachtwoord in bij de gebruikersnaam.");
    const std::string security = io::security_key(mail.security), password = sealed.value_or(stored);
    sql << "UPDATE schools SET name = :n, place = :p, smtp_host = :h, smtp_port = :port, mail_from = :f, "
           "smtp_security = :sec, smtp_username = :u, smtp_password = :pw WHERE id = :id",
        soci::use(in.name), soci::use(in.place), soci::use(mail.smtp_host), soci::use(mail.smtp_port),
        soci::use(mail.mail_from), soci::use(security), soci::use(mail.username), soci::use(password),
        soci::use(school_id);
    if (year) {
      for (size_t i = periods.size(); i < existing.size(); ++i)
        sql << "DELETE FROM periods WHERE id = :id", soci::use(existing[i]);
      for (size_t i = 0; i < periods.size(); ++i) {
        const auto& p = periods[i];
        std::string from = p.starts_on.iso(), to = p.ends_on.iso();
        if (i < existing.size())
          sql << "UPDATE periods SET name = :n, starts_on = :f, ends_on = :t WHERE id = :id", soci::use(p.name),
              soci::use(from), soci::use(to), soci::use(existing[i]);
        else
          sql << "INSERT INTO periods (school_id, school_year_id, name, starts_on, ends_on) VALUES "
                 "(:s, :y, :n, :f, :t)",
              soci::use(school_id), soci::use(year->id), soci::use(p.name), soci::use(from),
              soci::use(to);
      }
    }
    std::string detail = in.name + ", " + std::to_string(periods.size()) + " periodes";
    if (sealed && *sealed != stored) detail += sealed->empty() ? ", SMTP-wachtwoord verwijderd" : ", SMTP-wachtwoord gewijzigd";
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "schoolinstellingen", 0, detail));
    return std::nullopt;
  });
}

MailSettings SchoolRepository::mail_settings(Id school_id) {
  return db_.read([&](soci::session& sql) {
    MailSettings m;
    std::string security, sealed;
    sql << "SELECT smtp_host, smtp_port, mail_from, smtp_security, smtp_username, smtp_password FROM schools "
           "WHERE id = :id",
        soci::use(school_id), soci::into(m.smtp_host), soci::into(m.smtp_port), soci::into(m.mail_from),
        soci::into(security), soci::into(m.username), soci::into(sealed);
    m.security = io::parse_security(security).value_or(io::MailSecurity::kStartTls);
    m.has_password = !sealed.empty();
    if (m.has_password) {
      try {
        if (!secrets_) throw SecretKeyError("Koers heeft geen sleutelbestand");
        if (auto opened = open_secret(secrets_->key(false), sealed, password_context(school_id)))
          m.password = *opened;
        else
          m.password_problem = fmt::format("het sleutelbestand {} hoort niet bij dit wachtwoord", secrets_->path());
      } catch (const SecretKeyError& e) {
        m.password_problem = e.what();
      }
      if (!m.password_problem.empty())
        m.password_problem = "Het opgeslagen wachtwoord van de SMTP-server is niet te ontsleutelen (" +
                             m.password_problem + "); vul het opnieuw in.";
    }
    return m;
  });
}

io::MailServer SchoolRepository::mail_server(const MailSettings& m) {
  io::MailServer s;
  s.host = m.smtp_host;
  s.port = m.smtp_port;
  s.security = m.security;
  s.username = m.username;
  s.password = m.password;
  return s;
}

std::vector<std::string> SchoolRepository::support_coordinator_addresses(Id school_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<std::string> out;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT s.email FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE a.school_id = :s AND "
                        "a.role = 'ib' AND a.active = 1 AND s.email <> '' ORDER BY a.id",
         soci::use(school_id));
    for (const auto& e : rows) out.push_back(e);
    return out;
  });
}

}  // namespace koers::store
