#include "domain/pupil.h"

namespace koers::domain {

std::string gender_label(Gender g) {
  switch (g) {
    case Gender::kMale: return "jongen";
    case Gender::kFemale: return "meisje";
    case Gender::kNotSpecified: return "niet gespecificeerd";
    case Gender::kUnknown: break;
  }
  return "onbekend";
}

}  // namespace koers::domain
