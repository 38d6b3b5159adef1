// What an EDEXML file says, as plain data: the school, its groups, pupils and teachers.
// The reader (edexml_reader.h) fills it from XML; the importer (store/edexml_import.h)
// writes it to the database. The demo school is built as one of these too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace koers::io {

struct EdexSchool {
  std::string school_year;  // "2026-2027"
  std::optional<domain::Date> reference_date;  // peildatum
  std::string brin;        // brincode of a Dutch school; empty for a Flemish one
  std::string dependance;  // "00" when absent
  std::string school_key;
  std::string author;       // auteur: the exporting system
  std::string xsd_version;  // xsdversie
  std::string institution_number;  // instellingsnummer: a Flemish school's, instead of the BRIN
  std::optional<domain::Date> created_on = std::nullopt;  // the date of aanmaakdatum (an xs:dateTime)

  // What identifies the school: the BRIN code, else the instellingsnummer ("" when neither).
  const std::string& code() const { return brin.empty() ? institution_number : brin; }
  // The date a file is ordered by: the peildatum, else the date it was made.
  std::optional<domain::Date> file_date() const { return reference_date ? reference_date : created_on; }
};

struct EdexGroup {
  std::string key;
  std::string name;
  std::string year_group;  // jaargroep, empty for samengestelde groepen
  bool combined = false;   // <samengestelde_groep>
  int line = 0;            // line in the file, for error messages
};

struct EdexPupil {
  std::string key;
  std::string eckid;
  std::string surname;         // achternaam; may be empty when there is a roepnaam
  std::string surname_prefix;  // voorvoegsel
  std::string first_names;     // voornamen
  std::string initials;        // voorletters-1
  std::string given_name;      // roepnaam
  std::optional<domain::Date> birth_date;
  int gender = 0;  // 0 unknown, 1 male, 2 female, 9 not specified
  std::optional<domain::Date> started_group3_on;
  std::string year_group;  // jaargroep
  std::string group_key;   // <groep key/>
  std::vector<std::string> combined_group_keys;
  std::string bsn;  // stored, never shown
  std::optional<domain::Date> enrolled_on;  // instroomdatum
  std::optional<domain::Date> left_on;      // uitstroomdatum
  int line = 0;
};

struct EdexTeacherGroup {
  std::string key;
  bool combined = false;
  std::string role;  // the rol code (LRK, OWA …), else the rolomschrijving
};

struct EdexTeacher {
  std::string key;
  std::string eckid;
  std::string surname;
  std::string surname_prefix;
  std::string initials;
  std::string given_name;
  std::string email;
  std::string role;  // rol: LRK, IB, OWA, TAL …
  std::string role_description;
  std::vector<EdexTeacherGroup> groups;
  int line = 0;
};

struct EdexDocument {
  EdexSchool school;
  std::vector<EdexGroup> groups;
  std::vector<EdexPupil> pupils;
  std::vector<EdexTeacher> teachers;
};

}  // namespace koers::io
