// Records for EDEXML tests that hold what is easy to get wrong: characters XML escapes, a
// leap day, an ECK iD with a query, a BSN (stored, never shown).
#pragma once

#include "io/edexml_document.h"

namespace koers::io::testing {

// A pupil in group "G<1>" and the combined group "S'1".
inline EdexPupil awkward_pupil() {
  EdexPupil p;
  p.key = "L&1";
  p.eckid = "https://ketenid.nl/201cf2b2-0001?a=1&b=2";
  p.surname = "Öztürk & Zn.";
  p.surname_prefix = "van der";
  p.first_names = "Zoë <Anna>";
  p.initials = "Z.A.";
  p.given_name = "Zoë";
  p.birth_date = domain::Date{2020, 2, 29};
  p.gender = 9;
  p.started_group3_on = domain::Date{2026, 8, 24};
  p.year_group = "3";
  p.group_key = "G<1>";
  p.combined_group_keys = {"S'1"};
  p.bsn = "123456782";
  p.enrolled_on = domain::Date{2024, 3, 1};
  return p;
}

}  // namespace koers::io::testing
