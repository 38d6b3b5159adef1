#include "domain/group.h"

namespace koers::domain {

std::string Group::label() const {
  if (kind == GroupKind::kCombined) return "Samengestelde groep " + name;
  return "Groep " + name;
}

}  // namespace koers::domain
