// What every fuzz target asserts of a reader's output besides "no crash, no leak, no hang":
// each text it hands on is valid UTF-8 without NUL (what may reach the database).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/text_encoding.h"

namespace koers::fuzz {

inline void check_text(const std::string& s, const char* what) {
  if (s.find('\0') != std::string::npos || !io::valid_utf8(s)) {
    std::fprintf(stderr, "fuzz: %s is not valid UTF-8 without NUL\n", what);
    std::abort();
  }
}

}  // namespace koers::fuzz
