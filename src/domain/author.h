// The name a person signs what they write with (the "door …" of a plan, an entry, a case):
// their display name, or their username when they have none.
#pragma once

#include <string>

#include "domain/access_policy.h"

namespace koers::domain {

inline std::string author_name(const Principal& who) {
  return who.display_name.empty() ? who.username : who.display_name;
}

}  // namespace koers::domain
