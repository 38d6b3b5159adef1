// Reading one part of a zip file (an .xlsx) in tests, with Debian's `unzip`.
#pragma once

#include <cstdio>
#include <string>

namespace koers::testing {

// The bytes of `part` ("xl/worksheets/sheet1.xml") of the zip at `path`; empty when absent.
inline std::string unzip_part(const std::string& path, const std::string& part) {
  std::string command = "unzip -p '" + path + "' " + part + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

}  // namespace koers::testing
