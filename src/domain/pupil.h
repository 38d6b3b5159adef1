// The pupil, their enrolments per school year and their parents/guardians:
// what the stamkaart (pupil record card) shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/person_name.h"
#include "domain/school.h"

namespace koers::domain {

enum class Gender { kUnknown = 0, kMale = 1, kFemale = 2, kNotSpecified = 9 };
std::string gender_label(Gender g);  // "jongen", "meisje", "onbekend"

struct Pupil {
  Id id = 0;
  Id school_id = 0;
  std::string edex_key;  // the administration system's stable key
  std::string eckid;     // ECK iD, when the file carries one
  PersonName name;
  std::string first_names;  // voornamen, officially
  std::string initials;
  std::optional<Date> birth_date;
  Gender gender = Gender::kUnknown;
  std::optional<Date> started_group3_on;
  std::optional<Date> enrolled_on;  // instroomdatum
  std::optional<Date> left_on;      // uitstroomdatum: the dossier is kept, the pupil has left
  // The BSN is stored only because the administration sends it; it is never shown or exported.
};

// One line of a pupil's history: in this group, in this school year, in this year group.
struct Enrolment {
  Id pupil_id = 0;
  Id group_id = 0;
  std::string group_name;
  std::string school_year;  // "2025-2026"
  std::string year_group;   // jaargroep "5" (or a letter for special cases)
  bool combined = false;    // the group is a samengestelde groep (extra grouping)
};

struct Guardian {
  Id id = 0;
  Id school_id = 0;
  PersonName name;
  std::string relation;  // "moeder", "vader", "verzorger"
  std::string email;
  std::string phone;
};

}  // namespace koers::domain
