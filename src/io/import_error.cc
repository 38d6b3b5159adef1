#include "io/import_error.h"

namespace koers::io {

std::string ImportError::text() const {
  std::string out;
  if (line > 0) out += "regel " + std::to_string(line);
  if (!element.empty()) out += (out.empty() ? "<" : ", <") + element + ">";
  if (!out.empty()) out += ": ";
  return out + message;
}

}  // namespace koers::io
