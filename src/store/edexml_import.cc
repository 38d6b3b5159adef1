#include "store/edexml_import.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "common/clock.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Id;

namespace {

// Thrown inside the transaction to roll it back; returned as the ImportError.
struct Refusal {
  io::ImportError error;
};

std::string iso_or_empty(const std::optional<domain::Date>& d) { return d ? d->iso() : ""; }

// A nullable ISO date column bound from text ("" is NULL).
struct DateParam {
  std::string value;
  soci::indicator ind = soci::i_null;
  void set(const std::string& v) {
    value = v;
    ind = v.empty() ? soci::i_null : soci::i_ok;
  }
};

struct PupilRow {
  Id id = 0;
  std::string eckid, given, prefix, surname, first_names, initials, birth, started, enrolled, left, bsn;
  int gender = 0;
};

class Importer {
 public:
  Importer(Database& db, soci::session& sql, const io::EdexDocument& doc,
           const EdexmlImportOptions& options, const domain::Principal& who)
      : db_(db), sql_(sql), doc_(doc), options_(options), who_(who) {}

  EdexmlImportSummary run() {
    check_references();
    resolve_year();
    resolve_school();
    check_not_older();
    import_groups();
    import_staff();
    import_pupils();
    import_teaching();
    finish();
    return summary_;
  }

 private:
  [[noreturn]] void refuse(int line, std::string element, std::string message) {
    throw Refusal{io::ImportError{line, std::move(element), std::move(message)}};
  }

  // The reader checks this too; a document built in code must meet the same bar.
  void check_references() {
    std::set<std::string> regular, combined;
    for (const auto& g : doc_.groups) (g.combined ? combined : regular).insert(g.key);
    for (const auto& p : doc_.pupils) {
      if (!p.group_key.empty() && !regular.count(p.group_key))
        refuse(p.line, fmt::format("leerling key=\"{}\"", p.key),
               fmt::format("onbekende groep \"{}\"", p.group_key));
      for (const auto& k : p.combined_group_keys)
        if (!combined.count(k))
          refuse(p.line, fmt::format("leerling key=\"{}\"", p.key), fmt::format("onbekende groep \"{}\"", k));
    }
    for (const auto& t : doc_.teachers)
      for (const auto& g : t.groups)
        if (!(g.combined ? combined : regular).count(g.key))
          refuse(t.line, fmt::format("leerkracht key=\"{}\"", t.key), fmt::format("onbekende groep \"{}\"", g.key));
  }

  void resolve_year() {
    domain::SchoolYear year;
    if (!domain::parse_school_year_name(doc_.school.school_year, year))
      refuse(0, "school/schooljaar", fmt::format("\"{}\" is geen schooljaar", doc_.school.school_year));
    year_id_ = SchoolRepository(db_).ensure_school_year(sql_, year);
    summary_.school_year = year.name;
    reference_ = doc_.school.reference_date ? doc_.school.reference_date->iso() : today_local().iso();
  }

  void resolve_school() {
    const auto& s = doc_.school;
    Id board = 0;
    std::string name;
    sql_ << "SELECT id, board_id, name FROM schools WHERE brin = :b AND dependance = :d",
        soci::use(s.brin), soci::use(s.dependance), soci::into(school_id_), soci::into(board),
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
             fmt::format("school met BRIN {} (dependance {}) staat nog niet in Koers; kies "
                         "'nieuwe school aanmaken' als dit een nieuwe school is",
                         s.brin, s.dependance));
    if (!options_.board_id) refuse(0, "school", "geen bestuur gekozen voor de nieuwe school");
    domain::School school{0, options_.board_id,
                          options_.school_name.empty() ? "School " + s.brin : options_.school_name,
                          s.brin, s.dependance, ""};
    school_id_ = SchoolRepository(db_).create_school(sql_, school);
    summary_.school_id = school_id_;
    summary_.school_name = school.name;
    summary_.school_created = true;
  }

  void check_not_older() {
    std::string newest;
    soci::indicator ind;
    sql_ << "SELECT MAX(reference_date) FROM imports WHERE school_id = :s AND school_year_id = :y "
            "AND kind = 'edexml'",
        soci::use(school_id_), soci::use(year_id_), soci::into(newest, ind);
    if (ind == soci::i_ok && !newest.empty() && doc_.school.reference_date &&
        doc_.school.reference_date->iso() < newest)
      refuse(0, "school/peildatum",
             fmt::format("dit bestand (peildatum {}) is ouder dan de laatste import (peildatum {})",
                         doc_.school.reference_date->dutch(),
                         domain::parse_iso_date(newest).value_or(domain::Date{}).dutch()));
  }

  void import_groups() {
    struct Existing {
      Id id;
      std::string name, kind, year_group;
    };
    std::map<std::string, Existing> existing;
    {
      Existing e;
      std::string key;
      soci::statement st = (sql_.prepare << "SELECT id, edex_key, name, kind, year_group FROM "
                                            "school_groups WHERE school_id = :s AND school_year_id = :y",
                            soci::use(school_id_), soci::use(year_id_), soci::into(e.id),
                            soci::into(key), soci::into(e.name), soci::into(e.kind),
                            soci::into(e.year_group));
      st.execute();
      while (st.fetch()) existing[key] = e;
    }
    for (const auto& g : doc_.groups) {
      std::string kind = g.combined ? "combined" : "regular";
      auto it = existing.find(g.key);
      if (it == existing.end()) {
        Id id = 0;
        sql_ << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, kind, "
                "year_group) VALUES (:s, :y, :k, :n, :kind, :jg) RETURNING id",
            soci::use(school_id_), soci::use(year_id_), soci::use(g.key), soci::use(g.name),
            soci::use(kind), soci::use(g.year_group), soci::into(id);
        group_ids_[key_of(g.combined, g.key)] = id;
        ++summary_.groups_created;
      } else {
        group_ids_[key_of(g.combined, g.key)] = it->second.id;
        if (it->second.name != g.name || it->second.kind != kind || it->second.year_group != g.year_group) {
          sql_ << "UPDATE school_groups SET name = :n, kind = :k, year_group = :jg WHERE id = :id",
              soci::use(g.name), soci::use(kind), soci::use(g.year_group), soci::use(it->second.id);
          ++summary_.groups_updated;
        }
      }
    }
  }

  static std::string key_of(bool combined, const std::string& key) {
    return (combined ? "S:" : "G:") + key;
  }

  void import_staff() {
    std::map<std::string, std::pair<Id, std::string>> existing;  // key -> id, fingerprint
    {
      Id id = 0;
      std::string key, eckid, given, prefix, surname, initials, email, role, desc;
      soci::statement st =
          (sql_.prepare << "SELECT id, edex_key, eckid, given_name, surname_prefix, surname, "
                           "initials, email, role, role_description FROM staff WHERE school_id = :s",
           soci::use(school_id_), soci::into(id), soci::into(key), soci::into(eckid),
           soci::into(given), soci::into(prefix), soci::into(surname), soci::into(initials),
           soci::into(email), soci::into(role), soci::into(desc));
      st.execute();
      while (st.fetch())
        existing[key] = {id, fingerprint({eckid, given, prefix, surname, initials, email, role, desc})};
    }
    for (const auto& t : doc_.teachers) {
      std::string print = fingerprint({t.eckid, t.given_name, t.surname_prefix, t.surname,
                                       t.initials, t.email, t.role, t.role_description});
      auto it = existing.find(t.key);
      if (it == existing.end()) {
        Id id = 0;
        sql_ << "INSERT INTO staff (school_id, edex_key, eckid, given_name, surname_prefix, "
                "surname, initials, email, role, role_description) VALUES (:s, :k, :e, :g, :p, "
                ":n, :i, :m, :r, :d) RETURNING id",
            soci::use(school_id_), soci::use(t.key), soci::use(t.eckid), soci::use(t.given_name),
            soci::use(t.surname_prefix), soci::use(t.surname), soci::use(t.initials),
            soci::use(t.email), soci::use(t.role), soci::use(t.role_description), soci::into(id);
        staff_ids_[t.key] = id;
        ++summary_.teachers_created;
      } else {
        staff_ids_[t.key] = it->second.first;
        if (it->second.second != print) {
          sql_ << "UPDATE staff SET eckid = :e, given_name = :g, surname_prefix = :p, surname = "
                  ":n, initials = :i, email = :m, role = :r, role_description = :d WHERE id = :id",
              soci::use(t.eckid), soci::use(t.given_name), soci::use(t.surname_prefix),
              soci::use(t.surname), soci::use(t.initials), soci::use(t.email), soci::use(t.role),
              soci::use(t.role_description), soci::use(it->second.first);
          ++summary_.teachers_updated;
        }
      }
    }
  }

  static std::string fingerprint(std::initializer_list<std::string> fields) {
    std::string out;
    for (const auto& f : fields) out += f + '\x1f';
    return out;
  }

  std::map<std::string, PupilRow> load_pupils() {
    std::map<std::string, PupilRow> rows;
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
      rows[key] = row;
    }
    return rows;
  }

  // This school year's enrolments per pupil: "G:key/jaargroep" or "S:key".
  std::map<Id, std::set<std::string>> load_enrolments() {
    std::map<Id, std::set<std::string>> out;
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
      out[pupil].insert(kind == "combined" ? key_of(true, key) : key_of(false, key) + "/" + year_group);
    return out;
  }

  static std::vector<std::string> changed_fields(const PupilRow& a, const PupilRow& b) {
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

  void import_pupils() {
    std::map<std::string, PupilRow> existing = load_pupils();
    std::map<std::string, std::string> key_by_eckid;
    for (const auto& [key, row] : existing)
      if (!row.eckid.empty()) key_by_eckid[row.eckid] = key;
    std::map<Id, std::set<std::string>> old_enrolments = load_enrolments();
    const std::string now = now_utc();

    PupilRow in;
    std::string key;
    DateParam birth, started, enrolled, left;
    Id id = 0;
    soci::statement insert =
        (sql_.prepare << "INSERT INTO pupils (school_id, edex_key, eckid, given_name, "
                         "surname_prefix, surname, first_names, initials, birth_date, gender, "
                         "bsn, started_group3_on, enrolled_on, left_on, updated_at) VALUES (:s, "
                         ":k, :e, :g, :p, :n, :f, :i, :b, :x, :bsn, :st, :en, :l, :u) RETURNING id",
         soci::use(school_id_), soci::use(key), soci::use(in.eckid), soci::use(in.given),
         soci::use(in.prefix), soci::use(in.surname), soci::use(in.first_names),
         soci::use(in.initials), soci::use(birth.value, birth.ind), soci::use(in.gender),
         soci::use(in.bsn), soci::use(started.value, started.ind),
         soci::use(enrolled.value, enrolled.ind), soci::use(left.value, left.ind), soci::use(now),
         soci::into(id));
    soci::statement update =
        (sql_.prepare << "UPDATE pupils SET edex_key = :k, eckid = :e, given_name = :g, "
                         "surname_prefix = :p, surname = :n, first_names = :f, initials = :i, "
                         "birth_date = :b, gender = :x, bsn = :bsn, started_group3_on = :st, "
                         "enrolled_on = :en, left_on = :l, updated_at = :u WHERE id = :id",
         soci::use(key), soci::use(in.eckid), soci::use(in.given), soci::use(in.prefix),
         soci::use(in.surname), soci::use(in.first_names), soci::use(in.initials),
         soci::use(birth.value, birth.ind), soci::use(in.gender), soci::use(in.bsn),
         soci::use(started.value, started.ind), soci::use(enrolled.value, enrolled.ind),
         soci::use(left.value, left.ind), soci::use(now), soci::use(id));

    std::set<Id> in_file;
    for (const auto& p : doc_.pupils) {
      key = p.key;
      in = PupilRow{0, p.eckid, p.given_name, p.surname_prefix, p.surname, p.first_names,
                    p.initials, iso_or_empty(p.birth_date), iso_or_empty(p.started_group3_on),
                    iso_or_empty(p.enrolled_on), iso_or_empty(p.left_on), p.bsn, p.gender};
      birth.set(in.birth);
      started.set(in.started);
      enrolled.set(in.enrolled);
      left.set(in.left);
      auto found = existing.end();
      if (!p.eckid.empty() && key_by_eckid.count(p.eckid)) found = existing.find(key_by_eckid[p.eckid]);
      if (found == existing.end()) found = existing.find(p.key);

      std::set<std::string> groups;
      if (!p.group_key.empty()) groups.insert(key_of(false, p.group_key) + "/" + p.year_group);
      for (const auto& k : p.combined_group_keys) groups.insert(key_of(true, k));

      if (found == existing.end()) {
        insert.execute(true);
        ++summary_.pupils_created;
        audit_.push_back(audit_entry(who_, domain::AuditAction::kImport, "stamkaart", id,
                                     "aangemaakt uit EDEXML"));
      } else {
        id = found->second.id;
        std::vector<std::string> changes = changed_fields(found->second, in);
        if (found->first != p.key) changes.push_back("administratiesleutel");
        if (old_enrolments[id] != groups) changes.push_back("groep");
        if (changes.empty()) {
          ++summary_.pupils_unchanged;
        } else {
          update.execute(true);
          ++summary_.pupils_updated;
          std::string list;
          for (const auto& c : changes) list += (list.empty() ? "" : ", ") + c;
          audit_.push_back(audit_entry(who_, domain::AuditAction::kImport, "stamkaart", id,
                                       "bijgewerkt uit EDEXML: " + list));
        }
      }
      in_file.insert(id);
      new_enrolments_.push_back({id, p});
    }
    mark_leavers(old_enrolments, in_file);
    write_enrolments();
  }

  // Pupils enrolled this year who are missing from the file have left: keep their dossier.
  void mark_leavers(const std::map<Id, std::set<std::string>>& old_enrolments,
                    const std::set<Id>& in_file) {
    const std::string now = now_utc();
    for (const auto& [pupil, groups] : old_enrolments) {
      if (in_file.count(pupil)) continue;
      sql_ << "UPDATE pupils SET left_on = :l, updated_at = :u WHERE id = :id AND left_on IS NULL",
          soci::use(reference_), soci::use(now), soci::use(pupil);
      ++summary_.pupils_left;
      audit_.push_back(audit_entry(who_, domain::AuditAction::kImport, "stamkaart", pupil,
                                   "uitgestroomd: niet meer in de administratie"));
    }
  }

  void write_enrolments() {
    sql_ << "DELETE FROM enrolments WHERE group_id IN (SELECT id FROM school_groups WHERE "
            "school_id = :s AND school_year_id = :y)",
        soci::use(school_id_), soci::use(year_id_);
    Id pupil = 0, group = 0;
    std::string year_group;
    soci::statement insert = (sql_.prepare << "INSERT INTO enrolments (pupil_id, group_id, "
                                              "year_group) VALUES (:p, :g, :jg)",
                              soci::use(pupil), soci::use(group), soci::use(year_group));
    for (const auto& [id, p] : new_enrolments_) {
      pupil = id;
      year_group = p.year_group;
      if (!p.group_key.empty()) {
        group = group_ids_.at(key_of(false, p.group_key));
        insert.execute(true);
      }
      for (const auto& k : p.combined_group_keys) {
        group = group_ids_.at(key_of(true, k));
        insert.execute(true);
      }
    }
  }

  void import_teaching() {
    sql_ << "DELETE FROM group_staff WHERE group_id IN (SELECT id FROM school_groups WHERE "
            "school_id = :s AND school_year_id = :y)",
        soci::use(school_id_), soci::use(year_id_);
    for (const auto& t : doc_.teachers)
      for (const auto& g : t.groups) {
        Id group = group_ids_.at(key_of(g.combined, g.key));
        Id staff = staff_ids_.at(t.key);
        std::string role = g.role;
        sql_ << "INSERT INTO group_staff (group_id, staff_id, role) VALUES (:g, :s, :r)",
            soci::use(group), soci::use(staff), soci::use(role);
      }
  }

  void finish() {
    std::string file = options_.file_name, reference = iso_or_empty(doc_.school.reference_date),
                at = now_utc(), text = summary_.text();
    Id account = who_.account_id;
    soci::indicator account_ind = account ? soci::i_ok : soci::i_null;
    sql_ << "INSERT INTO imports (school_id, school_year_id, kind, reference_date, file_name, "
            "imported_at, account_id, summary) VALUES (:s, :y, 'edexml', :r, :f, :a, :acc, :t)",
        soci::use(school_id_), soci::use(year_id_), soci::use(reference), soci::use(file),
        soci::use(at), soci::use(account, account_ind), soci::use(text);
    auto line = audit_entry(who_, domain::AuditAction::kImport, "leerlingadministratie (EDEXML)", 0,
                            (file.empty() ? "" : file + ": ") + text);
    line.school_id = school_id_;
    audit_.push_back(line);
    for (auto& e : audit_) e.school_id = school_id_;
    AuditLog(db_).append(sql_, std::move(audit_));
  }

  Database& db_;
  soci::session& sql_;
  const io::EdexDocument& doc_;
  const EdexmlImportOptions& options_;
  const domain::Principal& who_;
  EdexmlImportSummary summary_;
  Id year_id_ = 0, school_id_ = 0;
  std::string reference_;
  std::map<std::string, Id> group_ids_, staff_ids_;
  std::vector<std::pair<Id, io::EdexPupil>> new_enrolments_;
  std::vector<domain::AuditEntry> audit_;
};

}  // namespace

std::string EdexmlImportSummary::text() const {
  return fmt::format(
      "{}{}, schooljaar {}: {} leerlingen nieuw, {} bijgewerkt, {} ongewijzigd, {} uitgestroomd; "
      "{} groepen nieuw, {} bijgewerkt; {} medewerkers nieuw, {} bijgewerkt.",
      school_name, school_created ? " (nieuwe school)" : "", school_year, pupils_created,
      pupils_updated, pupils_unchanged, pupils_left, groups_created, groups_updated,
      teachers_created, teachers_updated);
}

io::Outcome<EdexmlImportSummary> import_edexml(Database& db, const io::EdexDocument& doc,
                                               const EdexmlImportOptions& options,
                                               const domain::Principal& who) {
  try {
    return db.write([&](soci::session& sql) { return Importer(db, sql, doc, options, who).run(); });
  } catch (const Refusal& r) {
    return r.error;
  }
}

}  // namespace koers::store
