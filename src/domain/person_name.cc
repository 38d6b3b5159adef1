#include "domain/person_name.h"

#include <algorithm>
#include <cctype>

namespace koers::domain {

namespace {
std::string join(std::initializer_list<const std::string*> parts) {
  std::string out;
  for (const std::string* p : parts) {
    if (p->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *p;
  }
  return out;
}
}  // namespace

std::string PersonName::display() const { return join({&given, &prefix, &surname}); }

std::string PersonName::formal() const {
  std::string rest = join({&given, &prefix});
  if (surname.empty()) return rest;  // EDEXML allows a roepnaam alone
  return rest.empty() ? surname : surname + ", " + rest;
}

std::string PersonName::sort_key() const {
  std::string k = formal();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return k;
}

}  // namespace koers::domain
