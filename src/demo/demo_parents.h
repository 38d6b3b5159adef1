// The demo's parent accounts beside `ouder` (Roos's parent, consent given in Koers): `ouder2`,
// activated, the first parent of the pupil whose care-team consent was withdrawn (they read it
// as withdrawn on Mijn kind and the consents page), and two parents invited by the IB whose
// activation codes the demo prints (Roos's other parent, ouder2's partner), so activating an
// account can be tried at once; `ouder3`, activated, a parent of two children of the school
// (the first such guardian by id), so the two-children case can be seen. Runs after
// add_demo_cases.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

struct DemoParents {
  std::string activated;  // "ouder2", or "" when the demo has no withdrawn consent
  std::string activated_child;
  std::string family;                        // "ouder3": a parent of two children, or ""
  long long family_guardian = 0;             // their guardian id
  std::vector<std::string> family_children;  // the two children's names (by given name)
  struct Invited {
    std::string username, name, child, code;
  };
  std::vector<Invited> invited;
};

DemoParents add_demo_parents(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

}  // namespace koers::demo
