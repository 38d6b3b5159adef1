// An import refused: where in the file, which element or field, and why, in Dutch
// words a school administrator understands.
#pragma once

#include <string>
#include <variant>

namespace koers::io {

struct ImportError {
  int line = 0;         // 1-based line in the file; 0 when not about one line
  std::string element;  // "leerling key=\"L123\"", "groep", "school/brincode"
  std::string message;  // "onbekende groep \"G9\""

  // "regel 12, <leerling key="L123">: onbekende groep "G9""
  std::string text() const;
};

// A record that was imported but lacks something Koers would show: where it is in the
// file, which record, and what is missing ("de achternaam ontbreekt").
struct ImportNote {
  int line = 0;
  std::string element;
  std::string message;

  std::string text() const { return ImportError{line, element, message}.text(); }
};

// The outcome of parsing or importing: the value, or why not.
template <class T>
using Outcome = std::variant<T, ImportError>;

template <class T>
bool failed(const Outcome<T>& o) { return std::holds_alternative<ImportError>(o); }

}  // namespace koers::io
