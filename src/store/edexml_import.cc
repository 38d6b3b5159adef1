// Writes an EdexDocument into the store in one transaction (contract in edexml_import.h).
// The Importer first loads what the school already has (groups, staff, pupils, this
// year's enrolments) into maps, then upserts groups, staff and pupils with statements
// prepared once, replaces this school year's enrolments and group_staff rows, marks
// leavers, records the import and appends the audit lines. A refusal throws Refusal,
// which rolls the transaction back and becomes the returned ImportError.
#include "store/edexml_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <set>

#include "common/clock.h"
#include "domain/leavers.h"
#include "domain/person_name.h"
#include "io/edexml_values.h"
#include "io/text_encoding.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Id;

namespace {

// Thrown inside the transaction to roll it back; returned as the ImportError.
struct Refusal {
  io::ImportError error;
};

// Thrown inside the transaction to roll it back: the file would make many pupils leave.
struct NeedsConfirmation {
  EdexmlImportSummary summary;
};

std::string iso_or_empty(const std::optional<domain::Date>& d) { return d ? d->iso() : ""; }

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string record_element(const char* tag, const std::string& key) {
  return fmt::format("{} key=\"{}\"", tag, key);
}

// Groups are known in the document by kind and key: "G:key" regular, "S:key" samengesteld.
std::string group_ref(bool combined, const std::string& key) { return (combined ? "S:" : "G:") + key; }

// What the database holds of a pupil's groups this year, as compared with the file.
using GroupSet = std::set<std::string>;

// The groups a pupil is in according to the file: "G:key/jaargroep" and "S:key".
GroupSet groups_in_file(const io::EdexPupil& p) {
  GroupSet out;
  if (!p.group_key.empty()) out.insert(group_ref(false, p.group_key) + "/" + p.year_group);
  for (const auto& k : p.combined_group_keys) out.insert(group_ref(true, k));
  return out;
}

// A nullable ISO date column bound from text ("" is NULL).
struct DateParam {
  std::string value;
  soci::indicator ind = soci::i_null;
  void set(const std::string& v) {
    value = v;
    ind = v.empty() ? soci::i_null : soci::i_ok;
  }
};

// A pupil's columns as text (dates ISO, "" for none), as both the file and the database give them.
struct PupilRow {
  Id id = 0;
  std::string eckid, given, prefix, surname, first_names, initials, birth, started, enrolled, left, bsn;
  int gender = 0;
};

PupilRow row_of(const io::EdexPupil& p) {
  return PupilRow{0, p.eckid, p.given_name, p.surname_prefix, p.surname, p.first_names,
                  p.initials, iso_or_empty(p.birth_date), iso_or_empty(p.started_group3_on),
                  iso_or_empty(p.enrolled_on), iso_or_empty(p.left_on), p.bsn, p.gender};
}

// The Dutch names of the fields that differ, for the audit line.
std::vector<std::string> changed_fields(const PupilRow& a, const PupilRow& b) {
  std::vector<std::string> out;
  auto cmp = [&](const std::string& x, const std::string& y, const char* name) {
    if (x != y) out.push_back(name);
  };
  cmp(a.eckid, b.eckid, "ECK iD");
  cmp(a.given, b.given, "roepnaam");
  cmp(a.prefix, b.prefix, "voorvoegsel");
  cmp(a.surname, b.surname, "achternaam");
  cmp(a.first_names, b.first_names, "voornamen");
  cmp(a.initials, b.initials, "voorletters");
  cmp(a.birth, b.birth, "geboortedatum");
  if (a.gender != b.gender) out.push_back("geslacht");
  cmp(a.started, b.started, "start groep 3");
  cmp(a.enrolled, b.enrolled, "instroomdatum");
  cmp(a.left, b.left, "uitstroomdatum");
  cmp(a.bsn, b.bsn, "BSN");
  return out;
}

// The INSERT and UPDATE of pupils, prepared once per import and bound to the fields below.
class PupilWriter {
 public:
  PupilWriter(soci::session& sql, Id school_id, const std::string& now)
      : school_id_(school_id),
        now_(now),
        insert_((sql.prepare << "INSERT INTO pupils (school_id, edex_key, eckid, given_name, "
                               "surname_prefix, surname, first_names, initials, birth_date, gender, "
                               "bsn, started_group3_on, enrolled_on, left_on, updated_at) VALUES (:s, "
                               ":k, :e, :g, :p, :n, :f, :i, :b, :x, :bsn, :st, :en, :l, :u) RETURNING id",
                soci::use(school_id_), soci::use(key_), soci::use(row_.eckid), soci::use(row_.given),
                soci::use(row_.prefix), soci::use(row_.surname), soci::use(row_.first_names),
                soci::use(row_.initials), soci::use(birth_.value, birth_.ind), soci::use(row_.gender),
                soci::use(row_.bsn), soci::use(started_.value, started_.ind),
                soci::use(enrolled_.value, enrolled_.ind), soci::use(left_.value, left_.ind),
                soci::use(now_), soci::into(id_))),
        update_((sql.prepare << "UPDATE pupils SET edex_key = :k, eckid = :e, given_name = :g, "
                               "surname_prefix = :p, surname = :n, first_names = :f, initials = :i, "
                               "birth_date = :b, gender = :x, bsn = :bsn, started_group3_on = :st, "
                               "enrolled_on = :en, left_on = :l, updated_at = :u WHERE id = :id",
                soci::use(key_), soci::use(row_.eckid), soci::use(row_.given), soci::use(row_.prefix),
                soci::use(row_.surname), soci::use(row_.first_names), soci::use(row_.initials),
                soci::use(birth_.value, birth_.ind), soci::use(row_.gender), soci::use(row_.bsn),
                soci::use(started_.value, started_.ind), soci::use(enrolled_.value, enrolled_.ind),
                soci::use(left_.value, left_.ind), soci::use(now_), soci::use(id_))) {}
  PupilWriter(const PupilWriter&) = delete;
  PupilWriter& operator=(const PupilWriter&) = delete;

  Id insert(const std::string& key, const PupilRow& row) {
    bind(key, row);
    insert_.execute(true);
    return id_;
  }
  void update(Id id, const std::string& key, const PupilRow& row) {
    bind(key, row);
    id_ = id;
    update_.execute(true);
  }

 private:
  void bind(const std::string& key, const PupilRow& row) {
    key_ = key;
    row_ = row;
    birth_.set(row.birth);
    started_.set(row.started);
    enrolled_.set(row.enrolled);
    left_.set(row.left);
  }

  // Declared before the statements: they are bound by reference when those are prepared.
  Id school_id_;
  std::string now_, key_;
  PupilRow row_;
  DateParam birth_, started_, enrolled_, left_;
  Id id_ = 0;
  soci::statement insert_, update_;
};

class Importer {
 public:
  Importer(Database& db, soci::session& sql, const io::EdexDocument& doc,
           const EdexmlImportOptions& options, const domain::Principal& who)
      : db_(db), sql_(sql), doc_(doc), options_(options), who_(who), now_(now_utc()) {}

  EdexmlImportSummary run() {
    check_document();
    note_incomplete();
    resolve_year();
    resolve_school();
    check_not_older();
    check_history();
    import_groups();
    import_staff();
    import_pupils();
    import_teaching();
    if (!history_) import_accounts();
    record_import();
    return summary_;
  }

 private:
  [[noreturn]] void refuse(int line, std::string element, std::string message) {
    throw Refusal{io::ImportError{line, std::move(element), std::move(message)}};
  }

  // --- The document itself: the reader checks this too, a document built in code must
  // meet the same bar. Group keys are unique over both kinds, as in the database.

  void check_document() {
    if (doc_.school.code().empty())
      refuse(0, "school",
             "het bestand noemt geen BRIN-code en geen instellingsnummer, zodat Koers niet weet van "
             "welke school het is; exporteer het opnieuw met de BRIN-code");
    std::map<std::string, bool> combined_by_key;
    for (const auto& g : doc_.groups) {
      const std::string owner = record_element(g.combined ? "samengestelde_groep" : "groep", g.key);
      if (!combined_by_key.emplace(g.key, g.combined).second) refuse(g.line, owner, "deze key komt twee keer voor");
      check_year_group(g.line, owner, g.year_group);
    }
    auto check = [&](int line, const std::string& owner, const std::string& key, bool combined) {
      auto it = combined_by_key.find(key);
      if (it == combined_by_key.end() || it->second != combined)
        refuse(line, owner, fmt::format("onbekende groep \"{}\"", key));
    };
    for (const auto& p : doc_.pupils) {
      const std::string owner = record_element("leerling", p.key);
      if (!p.group_key.empty()) check(p.line, owner, p.group_key, false);
      for (const auto& k : p.combined_group_keys) check(p.line, owner, k, true);
      check_year_group(p.line, owner, p.year_group);
      check_named(p.line, owner, p.surname, p.given_name);
    }
    for (const auto& t : doc_.teachers) {
      const std::string owner = record_element("leerkracht", t.key);
      for (const auto& g : t.groups) check(t.line, owner, g.key, g.combined);
      check_named(t.line, owner, t.surname, t.given_name);
    }
    check_texts();
  }

  // Every text goes into the database as valid UTF-8 without NUL: the reader decodes and
  // checks the file; a document built in code must meet the same bar.
  void check_texts() {
    auto text = [&](int line, const std::string& owner, const char* field, const std::string& value) {
      const std::string where = *field ? owner + "/" + field : owner;
      if (value.find('\0') != std::string::npos) refuse(line, where, "de tekst bevat een NUL-teken");
      if (!io::valid_utf8(value)) refuse(line, where, "de tekst is geen geldig UTF-8");
    };
    const auto& s = doc_.school;
    for (const auto* v : {&s.school_year, &s.brin, &s.dependance, &s.school_key, &s.author, &s.xsd_version,
                          &s.institution_number})
      text(0, "school", "", *v);
    for (const auto& g : doc_.groups) {
      const std::string owner = record_element(g.combined ? "samengestelde_groep" : "groep", g.key);
      for (const auto* v : {&g.key, &g.name, &g.year_group}) text(g.line, owner, "", *v);
    }
    for (const auto& p : doc_.pupils) {
      const std::string owner = record_element("leerling", p.key);
      text(p.line, owner, "key", p.key);
      text(p.line, owner, "eckid", p.eckid);
      text(p.line, owner, "achternaam", p.surname);
      text(p.line, owner, "voorvoegsel", p.surname_prefix);
      text(p.line, owner, "voornamen", p.first_names);
      text(p.line, owner, "voorletters-1", p.initials);
      text(p.line, owner, "roepnaam", p.given_name);
      text(p.line, owner, "bsn", p.bsn);
      for (const auto* v : {&p.year_group, &p.group_key}) text(p.line, owner, "groep", *v);
      for (const auto& k : p.combined_group_keys) text(p.line, owner, "samengestelde_groep", k);
    }
    for (const auto& t : doc_.teachers) {
      const std::string owner = record_element("leerkracht", t.key);
      text(t.line, owner, "key", t.key);
      text(t.line, owner, "eckid", t.eckid);
      text(t.line, owner, "achternaam", t.surname);
      text(t.line, owner, "voorvoegsel", t.surname_prefix);
      text(t.line, owner, "voorletters-1", t.initials);
      text(t.line, owner, "roepnaam", t.given_name);
      text(t.line, owner, "emailadres", t.email);
      text(t.line, owner, "rol", t.role);
      text(t.line, owner, "rolomschrijving", t.role_description);
      for (const auto& g : t.groups) {
        text(t.line, owner, "groep", g.key);
        text(t.line, owner, "rol", g.role);
      }
    }
  }

  void check_year_group(int line, const std::string& owner, const std::string& year_group) {
    if (!year_group.empty() && !io::edexml::is_year_group(year_group))
      refuse(line, owner + "/jaargroep",
             fmt::format("\"{}\" is geen jaargroep van EDEXML ({})", year_group, io::edexml::kYearGroups));
  }

  void check_named(int line, const std::string& owner, const std::string& surname, const std::string& given) {
    if (surname.empty() && given.empty())
      refuse(line, owner, "de achternaam en de roepnaam ontbreken (EDEXML vraagt minstens een van beide)");
  }

  // The standard lets a pupil or teacher go by a roepnaam alone; Koers imports them and
  // lists them, so the school can complete the administration at the source.
  void note_incomplete() {
    for (const auto& p : doc_.pupils)
      if (p.surname.empty()) {
        summary_.incomplete.push_back({p.line, record_element("leerling", p.key), "de achternaam ontbreekt"});
        ++summary_.pupils_incomplete;
      }
    for (const auto& t : doc_.teachers)
      if (t.surname.empty()) {
        summary_.incomplete.push_back({t.line, record_element("leerkracht", t.key), "de achternaam ontbreekt"});
        ++summary_.teachers_incomplete;
      }
  }

  // --- School year, school and the order of files.

  void resolve_year() {
    domain::SchoolYear year;
    if (!domain::parse_school_year_name(doc_.school.school_year, year))
      refuse(0, "school/schooljaar", fmt::format("\"{}\" is geen schooljaar", doc_.school.school_year));
    year_id_ = SchoolRepository(db_).ensure_school_year(sql_, year);
    year_ = year;
    summary_.school_year = year.name;
    left_on_ = doc_.school.file_date() ? doc_.school.file_date()->iso() : today_local().iso();
  }

  void resolve_school() {
    const auto& s = doc_.school;
    Id board = 0;
    std::string name;
    // A Flemish instellingsnummer (digits only) sits where the BRIN code would: the two
    // never look alike.
    const std::string code = s.code(), dependance = s.brin.empty() ? "00" : s.dependance;
    sql_ << "SELECT id, board_id, name FROM schools WHERE brin = :b AND dependance = :d",
        soci::use(code), soci::use(dependance), soci::into(school_id_), soci::into(board),
        soci::into(name);
    if (sql_.got_data()) {
      if (board != options_.board_id)
        refuse(0, "school", "dit bestand is van een school van een ander bestuur");
      summary_.school_id = school_id_;
      summary_.school_name = name;
      return;
    }
    if (!options_.create_school)
      refuse(0, "school",
             fmt::format("de school met {} staat nog niet in Koers; kies 'nieuwe school aanmaken' als "
                         "dit een nieuwe school is",
                         s.brin.empty() ? "instellingsnummer " + s.institution_number
                                        : fmt::format("BRIN {} (dependance {})", s.brin, s.dependance)));
    if (!options_.board_id) refuse(0, "school", "geen bestuur gekozen voor de nieuwe school");
    create_school();
  }

  void create_school() {
    const auto& s = doc_.school;
    domain::School school{0, options_.board_id,
                          options_.school_name.empty() ? "School " + s.code() : options_.school_name,
                          s.code(), s.brin.empty() ? "00" : s.dependance, ""};
    school_id_ = SchoolRepository(db_).create_school(sql_, school);
    summary_.school_id = school_id_;
    summary_.school_name = school.name;
    summary_.school_created = true;
  }

  // Files of a school year come in order of their peildatum, else their aanmaakdatum.
  void check_not_older() {
    std::string newest;
    soci::indicator ind = soci::i_null;
    sql_ << "SELECT MAX(reference_date) FROM imports WHERE school_id = :s AND school_year_id = :y "
            "AND kind = 'edexml'",
        soci::use(school_id_), soci::use(year_id_), soci::into(newest, ind);
    const auto date = doc_.school.file_date();
    if (ind != soci::i_ok || newest.empty() || !date || date->iso() >= newest) return;
    const bool by_reference = doc_.school.reference_date.has_value();
    refuse(0, by_reference ? "school/peildatum" : "school/aanmaakdatum",
           fmt::format("dit bestand ({} {}) is ouder dan de laatste import (peildatum {})",
                       by_reference ? "peildatum" : "aangemaakt op", date->dutch(),
                       domain::parse_iso_date(newest).value_or(domain::Date{}).dutch()));
  }

  // A file of an earlier school year than one already imported fills in history: its
  // groups and enrolments, and pupils who had left by the later year; it never rewrites the
  // newer personal details nor marks anyone as left.
  void check_history() {
    long long later = 0;
    std::string start = year_.starts_on.iso();
    sql_ << "SELECT COUNT(*) FROM imports i JOIN school_years y ON y.id = i.school_year_id "
            "WHERE i.school_id = :s AND i.kind = 'edexml' AND y.starts_on > :d",
        soci::use(school_id_), soci::use(start), soci::into(later);
    history_ = later > 0;
    summary_.history_only = history_;
  }

  // --- Groups and staff: few rows, upserted by key.

  struct GroupRow {
    Id id = 0;
    std::string name, kind, year_group;
  };

  std::map<std::string, GroupRow> load_groups() {
    std::map<std::string, GroupRow> out;
    GroupRow row;
    std::string key;
    soci::statement st = (sql_.prepare << "SELECT id, edex_key, name, kind, year_group FROM school_groups "
                                          "WHERE school_id = :s AND school_year_id = :y",
                          soci::use(school_id_), soci::use(year_id_), soci::into(row.id), soci::into(key),
                          soci::into(row.name), soci::into(row.kind), soci::into(row.year_group));
    st.execute();
    while (st.fetch()) out[key] = row;
    return out;
  }

  void import_groups() {
    std::map<std::string, GroupRow> existing = load_groups();
    for (const auto& g : doc_.groups) {
      GroupRow row{0, g.name, g.combined ? "combined" : "regular", g.year_group};
      auto it = existing.find(g.key);
      if (it == existing.end()) {
        sql_ << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, kind, "
                "year_group) VALUES (:s, :y, :k, :n, :kind, :jg) RETURNING id",
            soci::use(school_id_), soci::use(year_id_), soci::use(g.key), soci::use(row.name),
            soci::use(row.kind), soci::use(row.year_group), soci::into(row.id);
        ++summary_.groups_created;
      } else {
        row.id = it->second.id;
        const GroupRow& was = it->second;
        if (was.name != row.name || was.kind != row.kind || was.year_group != row.year_group) {
          sql_ << "UPDATE school_groups SET name = :n, kind = :k, year_group = :jg WHERE id = :id",
              soci::use(row.name), soci::use(row.kind), soci::use(row.year_group), soci::use(row.id);
          ++summary_.groups_updated;
        }
      }
      group_ids_[group_ref(g.combined, g.key)] = row.id;
    }
  }

  // Every staff column the file carries, joined: equal prints mean nothing changed.
  static std::string fingerprint(std::initializer_list<std::string> fields) {
    std::string out;
    for (const auto& f : fields) out += f + '\x1f';
    return out;
  }
  static std::string fingerprint(const io::EdexTeacher& t) {
    return fingerprint({t.eckid, t.given_name, t.surname_prefix, t.surname, t.initials, t.email, t.role,
                        t.role_description});
  }

  std::map<std::string, std::pair<Id, std::string>> load_staff() {  // key -> id, fingerprint
    std::map<std::string, std::pair<Id, std::string>> out;
    Id id = 0;
    io::EdexTeacher t;
    soci::statement st =
        (sql_.prepare << "SELECT id, edex_key, eckid, given_name, surname_prefix, surname, "
                         "initials, email, role, role_description FROM staff WHERE school_id = :s",
         soci::use(school_id_), soci::into(id), soci::into(t.key), soci::into(t.eckid),
         soci::into(t.given_name), soci::into(t.surname_prefix), soci::into(t.surname),
         soci::into(t.initials), soci::into(t.email), soci::into(t.role), soci::into(t.role_description));
    st.execute();
    while (st.fetch()) out[t.key] = {id, fingerprint(t)};
    return out;
  }

  void import_staff() {
    auto existing = load_staff();
    for (const auto& t : doc_.teachers) {
      auto it = existing.find(t.key);
      Id id = it == existing.end() ? 0 : it->second.first;
      if (!id) {
        sql_ << "INSERT INTO staff (school_id, edex_key, eckid, given_name, surname_prefix, "
                "surname, initials, email, role, role_description) VALUES (:s, :k, :e, :g, :p, "
                ":n, :i, :m, :r, :d) RETURNING id",
            soci::use(school_id_), soci::use(t.key), soci::use(t.eckid), soci::use(t.given_name),
            soci::use(t.surname_prefix), soci::use(t.surname), soci::use(t.initials),
            soci::use(t.email), soci::use(t.role), soci::use(t.role_description), soci::into(id);
        ++summary_.teachers_created;
      } else if (it->second.second != fingerprint(t)) {
        sql_ << "UPDATE staff SET eckid = :e, given_name = :g, surname_prefix = :p, surname = "
                ":n, initials = :i, email = :m, role = :r, role_description = :d WHERE id = :id",
            soci::use(t.eckid), soci::use(t.given_name), soci::use(t.surname_prefix),
            soci::use(t.surname), soci::use(t.initials), soci::use(t.email), soci::use(t.role),
            soci::use(t.role_description), soci::use(id);
        ++summary_.teachers_updated;
      }
      staff_ids_[t.key] = id;
    }
  }

  // Every staff member in the file can sign in (after activating); who left the file cannot.
  void import_accounts() {
    std::map<Id, Account> account_of_staff;
    {
      Id staff = 0;
      Account a;
      int active = 0;
      soci::statement st = (sql_.prepare << "SELECT a.staff_id, a.id, a.username, a.active FROM accounts a JOIN staff s ON "
                                            "s.id = a.staff_id WHERE s.school_id = :s",
                            soci::use(school_id_), soci::into(staff), soci::into(a.id), soci::into(a.username),
                            soci::into(active));
      st.execute();
      while (st.fetch()) {
        a.active = active != 0;
        a.school_id = school_id_;
        a.staff_id = staff;
        account_of_staff[staff] = a;
      }
    }
    AccountRepository accounts(db_);
    const auto now = std::chrono::system_clock::now();
    std::set<Id> in_file;
    for (const auto& t : doc_.teachers) {
      const Id staff = staff_ids_.at(t.key);
      in_file.insert(staff);
      if (account_of_staff.count(staff)) continue;
      NewAccount a;
      a.role = t.role == "IB" ? domain::Role::kSupportCoordinator
               : t.role == "DIR" ? domain::Role::kHead
                                 : domain::Role::kTeacher;
      a.display_name = domain::PersonName{t.given_name, t.surname_prefix, t.surname}.display();
      if (a.display_name.empty()) a.display_name = t.key;
      a.board_id = options_.board_id;
      a.school_id = school_id_;
      a.staff_id = staff;
      a.username = accounts.free_username(sql_, t.given_name, t.surname_prefix, t.surname);
      summary_.invitations.push_back(accounts.invite(sql_, a, who_, now));
    }
    for (const auto& [staff, account] : account_of_staff) {
      if (in_file.count(staff) || !account.active) continue;
      accounts.deactivate(sql_, account, who_, "niet meer in het EDEXML-bestand" +
                                                 (options_.file_name.empty() ? std::string() : " " + options_.file_name));
      ++summary_.accounts_deactivated;
    }
  }

  // Who teaches which group this year: replaced by what the file says.
  void import_teaching() {
    sql_ << "DELETE FROM group_staff WHERE group_id IN (SELECT id FROM school_groups WHERE "
            "school_id = :s AND school_year_id = :y)",
        soci::use(school_id_), soci::use(year_id_);
    Id group = 0, staff = 0;
    std::string role;
    soci::statement insert = (sql_.prepare << "INSERT INTO group_staff (group_id, staff_id, role) "
                                              "VALUES (:g, :s, :r)",
                              soci::use(group), soci::use(staff), soci::use(role));
    for (const auto& t : doc_.teachers)
      for (const auto& g : t.groups) {
        group = group_ids_.at(group_ref(g.combined, g.key));
        staff = staff_ids_.at(t.key);
        role = g.role;
        insert.execute(true);
      }
  }

  // --- Pupils: matched by ECK iD, then by key; enrolments of this year replaced.

  void load_pupils() {
    PupilRow r;
    std::string key;
    soci::indicator birth_ind, started_ind, enrolled_ind, left_ind;
    soci::statement st =
        (sql_.prepare << "SELECT id, edex_key, eckid, given_name, surname_prefix, surname, "
                         "first_names, initials, birth_date, gender, started_group3_on, "
                         "enrolled_on, left_on, bsn FROM pupils WHERE school_id = :s",
         soci::use(school_id_), soci::into(r.id), soci::into(key), soci::into(r.eckid),
         soci::into(r.given), soci::into(r.prefix), soci::into(r.surname),
         soci::into(r.first_names), soci::into(r.initials), soci::into(r.birth, birth_ind),
         soci::into(r.gender), soci::into(r.started, started_ind),
         soci::into(r.enrolled, enrolled_ind), soci::into(r.left, left_ind), soci::into(r.bsn));
    st.execute();
    while (st.fetch()) {
      PupilRow row = r;
      if (birth_ind != soci::i_ok) row.birth.clear();
      if (started_ind != soci::i_ok) row.started.clear();
      if (enrolled_ind != soci::i_ok) row.enrolled.clear();
      if (left_ind != soci::i_ok) row.left.clear();
      if (!row.eckid.empty()) key_by_eckid_[row.eckid] = key;
      if (!row.left.empty()) already_left_.insert(row.id);
      pupils_[key] = row;
    }
  }

  // This school year's groups per pupil, in the form of groups_in_file().
  void load_enrolments() {
    Id pupil = 0;
    std::string key, kind, year_group;
    soci::statement st =
        (sql_.prepare << "SELECT e.pupil_id, g.edex_key, g.kind, e.year_group FROM enrolments e "
                         "JOIN school_groups g ON g.id = e.group_id WHERE g.school_id = :s AND "
                         "g.school_year_id = :y",
         soci::use(school_id_), soci::use(year_id_), soci::into(pupil), soci::into(key),
         soci::into(kind), soci::into(year_group));
    st.execute();
    while (st.fetch())
      enrolled_[pupil].insert(kind == "combined" ? group_ref(true, key)
                                                 : group_ref(false, key) + "/" + year_group);
  }

  const GroupSet& enrolled_groups(Id pupil) const {
    static const GroupSet none;
    auto it = enrolled_.find(pupil);
    return it == enrolled_.end() ? none : it->second;
  }

  // The stored pupil the file's pupil is: same ECK iD first, else same key.
  const std::pair<const std::string, PupilRow>* find_pupil(const io::EdexPupil& p) const {
    auto by_eckid = p.eckid.empty() ? key_by_eckid_.end() : key_by_eckid_.find(p.eckid);
    auto it = pupils_.find(by_eckid != key_by_eckid_.end() ? by_eckid->second : p.key);
    return it == pupils_.end() ? nullptr : &*it;
  }

  void audit_pupil(Id pupil, std::string detail) {
    audit_.push_back(audit_entry(who_, domain::AuditAction::kImport, "stamkaart", pupil, std::move(detail)));
  }

  Id upsert_pupil(PupilWriter& writer, const io::EdexPupil& p) {
    PupilRow row = row_of(p);
    const auto* found = find_pupil(p);
    if (!found && history_ && row.left.empty()) row.left = year_.ends_on.iso();  // gone by the later year
    if (found && history_) {
      ++summary_.pupils_unchanged;
      return found->second.id;
    }
    if (!found) {
      Id id = writer.insert(p.key, row);
      ++summary_.pupils_created;
      audit_pupil(id, "aangemaakt uit EDEXML");
      return id;
    }
    const auto& [stored_key, stored] = *found;
    std::vector<std::string> changes = changed_fields(stored, row);
    if (stored_key != p.key) changes.push_back("administratiesleutel");
    if (enrolled_groups(stored.id) != groups_in_file(p)) changes.push_back("groep");
    if (changes.empty()) {
      ++summary_.pupils_unchanged;
    } else {
      writer.update(stored.id, p.key, row);
      ++summary_.pupils_updated;
      audit_pupil(stored.id, "bijgewerkt uit EDEXML: " + join(changes));
    }
    return stored.id;
  }

  void import_pupils() {
    load_pupils();
    load_enrolments();
    PupilWriter writer(sql_, school_id_, now_);
    std::set<Id> in_file;
    std::vector<std::pair<Id, const io::EdexPupil*>> placements;
    for (const auto& p : doc_.pupils) {
      Id id = upsert_pupil(writer, p);
      in_file.insert(id);
      placements.push_back({id, &p});
    }
    mark_leavers(in_file);
    write_enrolments(placements);
  }

  // Pupils enrolled this year who are missing from the file have left: the dossier stays,
  // left_on becomes the peildatum. Their enrolments go with write_enrolments().
  void mark_leavers(const std::set<Id>& in_file) {
    if (history_) return;
    std::vector<Id> current;
    for (const auto& [id, groups] : enrolled_)
      if (!already_left_.count(id)) current.push_back(id);
    domain::LeaverCheck check = domain::check_leavers(current, in_file);
    if (check.needs_confirmation && !options_.confirm_leavers) ask_confirmation(check, current.size());
    Id pupil = 0;
    soci::statement update =
        (sql_.prepare << "UPDATE pupils SET left_on = :l, updated_at = :u WHERE id = :id",
         soci::use(left_on_), soci::use(now_), soci::use(pupil));
    for (Id id : check.leaving) {
      pupil = id;
      update.execute(true);
      ++summary_.pupils_left;
      audit_pupil(id, "uitgestroomd");
    }
  }

  // Rolls the import back with who would leave: their names and this year's groups.
  [[noreturn]] void ask_confirmation(const domain::LeaverCheck& check, size_t current) {
    std::map<Id, std::string> names, groups;
    for (const auto& [key, row] : pupils_) names[row.id] = domain::PersonName{row.given, row.prefix, row.surname}.display();
    Id pupil = 0;
    std::string group;
    soci::statement st = (sql_.prepare << "SELECT e.pupil_id, g.name FROM enrolments e JOIN school_groups g ON "
                                          "g.id = e.group_id WHERE g.school_id = :s AND g.school_year_id = :y "
                                          "ORDER BY g.kind DESC, g.name",
                          soci::use(school_id_), soci::use(year_id_), soci::into(pupil), soci::into(group));
    st.execute();
    while (st.fetch()) groups[pupil] += (groups[pupil].empty() ? "" : ", ") + group;
    NeedsConfirmation out;
    out.summary.school_id = school_id_;
    out.summary.school_name = summary_.school_name;
    out.summary.school_year = summary_.school_year;
    out.summary.confirmation_needed = true;
    out.summary.pupils_current = static_cast<int>(current);
    for (Id id : check.leaving) out.summary.would_leave.push_back({id, names[id], groups[id]});
    std::sort(out.summary.would_leave.begin(), out.summary.would_leave.end(),
              [](const LeavingPupil& a, const LeavingPupil& b) { return std::tie(a.groups, a.name) < std::tie(b.groups, b.name); });
    throw out;
  }

  void write_enrolments(const std::vector<std::pair<Id, const io::EdexPupil*>>& placements) {
    sql_ << "DELETE FROM enrolments WHERE group_id IN (SELECT id FROM school_groups WHERE "
            "school_id = :s AND school_year_id = :y)",
        soci::use(school_id_), soci::use(year_id_);
    Id pupil = 0, group = 0;
    std::string year_group;
    soci::statement insert = (sql_.prepare << "INSERT INTO enrolments (pupil_id, group_id, "
                                              "year_group) VALUES (:p, :g, :jg)",
                              soci::use(pupil), soci::use(group), soci::use(year_group));
    for (const auto& [id, p] : placements) {
      pupil = id;
      year_group = p->year_group;
      std::vector<std::string> refs;
      if (!p->group_key.empty()) refs.push_back(group_ref(false, p->group_key));
      for (const auto& k : p->combined_group_keys) refs.push_back(group_ref(true, k));
      for (const auto& ref : refs) {
        group = group_ids_.at(ref);
        insert.execute(true);
      }
    }
  }

  // --- The import itself: one imports row and one audit line, with the pupils' lines.

  void record_import() {
    std::string file = options_.file_name, reference = iso_or_empty(doc_.school.file_date()),
                text = summary_.text();
    Id account = who_.account_id;
    soci::indicator account_ind = account ? soci::i_ok : soci::i_null;
    sql_ << "INSERT INTO imports (school_id, school_year_id, kind, reference_date, file_name, "
            "imported_at, account_id, summary) VALUES (:s, :y, 'edexml', :r, :f, :a, :acc, :t)",
        soci::use(school_id_), soci::use(year_id_), soci::use(reference), soci::use(file),
        soci::use(now_), soci::use(account, account_ind), soci::use(text);
    audit_.push_back(audit_entry(who_, domain::AuditAction::kImport, "leerlingadministratie (EDEXML)", 0,
                                 (file.empty() ? "" : file + ": ") + text));
    for (auto& e : audit_) e.school_id = school_id_;
    AuditLog(db_).append(sql_, std::move(audit_));
  }

  Database& db_;
  soci::session& sql_;
  const io::EdexDocument& doc_;
  const EdexmlImportOptions& options_;
  const domain::Principal& who_;
  const std::string now_;
  EdexmlImportSummary summary_;
  Id year_id_ = 0, school_id_ = 0;
  std::string left_on_;  // for pupils missing from the file: the peildatum, or today
  domain::SchoolYear year_;
  bool history_ = false;  // an earlier school year than one already imported
  std::map<std::string, Id> group_ids_;  // group_ref() -> id
  std::map<std::string, Id> staff_ids_;  // key -> id
  std::map<std::string, PupilRow> pupils_;  // key -> stored row
  std::map<std::string, std::string> key_by_eckid_;
  std::set<Id> already_left_;
  std::map<Id, GroupSet> enrolled_;  // this year's groups per pupil, before the import
  std::vector<domain::AuditEntry> audit_;
};

}  // namespace

std::string EdexmlImportSummary::text() const {
  if (confirmation_needed)
    return fmt::format(
        "Niet geïmporteerd: met dit bestand zouden {} van de {} leerlingen van {} uitstromen (schooljaar {}). "
        "Is het bestand volledig? Bevestig de import alleen als deze leerlingen echt vertrokken zijn.",
        would_leave.size(), pupils_current, school_name, school_year);
  return fmt::format(
      "{}{}, schooljaar {}{}: {} leerlingen nieuw, {} bijgewerkt, {} ongewijzigd, {} uitgestroomd; "
      "{} groepen nieuw, {} bijgewerkt; {} medewerkers nieuw, {} bijgewerkt.",
      school_name, school_created ? " (nieuwe school)" : "", school_year,
      history_only ? " (eerder schooljaar: alleen de groepsgeschiedenis, gegevens uit het nieuwere bestand blijven)" : "",
      pupils_created,
      pupils_updated, pupils_unchanged, pupils_left, groups_created, groups_updated,
      teachers_created, teachers_updated) +
         (invitations.empty() ? "" : fmt::format(" {} accounts uitgenodigd.", invitations.size())) +
         (accounts_deactivated ? fmt::format(" {} accounts gedeactiveerd: niet meer in het bestand.", accounts_deactivated) : "") +
         (incomplete.empty() ? ""
                             : fmt::format(" Onvolledig: {} leerlingen en {} medewerkers zonder achternaam.",
                                           pupils_incomplete, teachers_incomplete));
}

io::Outcome<EdexmlImportSummary> import_edexml(Database& db, const io::EdexDocument& doc,
                                               const EdexmlImportOptions& options,
                                               const domain::Principal& who) {
  try {
    return db.write([&](soci::session& sql) { return Importer(db, sql, doc, options, who).run(); });
  } catch (const Refusal& r) {
    return r.error;
  } catch (const NeedsConfirmation& n) {
    return n.summary;
  }
}

}  // namespace koers::store
