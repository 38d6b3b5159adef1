// Dutch names: a given name (roepnaam), a prefix (tussenvoegsel, "van der") and a surname.
// Lists sort by surname without prefix, as Dutch administrations do.
#pragma once

#include <string>

namespace koers::domain {

struct PersonName {
  std::string given;    // roepnaam, e.g. "Daan"
  std::string prefix;   // tussenvoegsel, e.g. "van der"
  std::string surname;  // achternaam, e.g. "Berg"

  std::string display() const;   // "Daan van der Berg"
  std::string sort_key() const;  // "berg, daan van der" (lower case)
  std::string formal() const;    // "Berg, Daan van der"
};

}  // namespace koers::domain
