// Board, school, school year and period: the frame every group and pupil lives in.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"

namespace koers::domain {

using Id = long long;

struct Board {
  Id id = 0;
  std::string name;
};

struct School {
  Id id = 0;
  Id board_id = 0;
  std::string name;
  std::string brin;        // four characters, e.g. "12AB"; a Flemish school's instellingsnummer (2–6 digits)
  std::string dependance;  // "00" for the main location
  std::string place;
};

// A Dutch school year runs from 1 August to 31 July and is named "2026-2027".
struct SchoolYear {
  Id id = 0;
  std::string name;
  Date starts_on;
  Date ends_on;
};

// A period (cycle) of the HGW cycle within a school year, set per school.
struct Period {
  Id id = 0;
  Id school_id = 0;
  Id school_year_id = 0;
  std::string name;
  Date starts_on;
  Date ends_on;
};

// The school year a date falls in, named "YYYY-YYYY+1", with its bounds.
SchoolYear school_year_of(const Date& day);
// Parses "2026-2027" (also "2026/2027"); false if it is not two consecutive years.
bool parse_school_year_name(const std::string& name, SchoolYear& out);

}  // namespace koers::domain
