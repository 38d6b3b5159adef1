// Validating a text against an XML schema with xmllint (Debian: libxml2-utils), for the tests
// of Koers' XML exports (EDEXML, the OSO dossier).
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace koers::testing {

struct XmlVerdict {
  bool valid = false;
  std::string output;  // xmllint's messages, for the failure report
};

// Runs `xmllint --noout --schema xsd` on the text; valid when xmllint exits 0. A missing
// xmllint fails the test (it never passes for want of a checker).
inline XmlVerdict xmllint_validate(const std::string& xml, const std::string& xsd) {
  static int n = 0;
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / fmt::format("koers-xmllint-{}-{}.xml", getpid(), ++n);
  std::ofstream(file, std::ios::binary) << xml;
  const std::string command = fmt::format("xmllint --noout --schema '{}' '{}' 2>&1", xsd, file.string());
  XmlVerdict v;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "cannot run xmllint";
    return v;
  }
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof buffer, pipe)) v.output.append(buffer, got);
  const int status = pclose(pipe);
  std::filesystem::remove(file);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 127)
      << "xmllint is missing: install libxml2-utils (scripts/install-deps.sh does)";
  v.valid = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return v;
}

}  // namespace koers::testing
