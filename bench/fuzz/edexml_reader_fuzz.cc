// libFuzzer target: read_edexml on any bytes. Fails on a crash, a sanitizer report, a leak,
// a hang, or a document whose texts are not valid UTF-8 without NUL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.h"
#include "io/edexml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using koers::fuzz::check_text;
  auto result = koers::io::read_edexml(std::string_view(reinterpret_cast<const char*>(data), size));
  if (auto* error = std::get_if<koers::io::ImportError>(&result)) {
    check_text(error->text(), "the refusal");
    return 0;
  }
  const auto& doc = std::get<koers::io::EdexDocument>(result);
  for (const auto* s : {&doc.school.school_year, &doc.school.brin, &doc.school.dependance, &doc.school.school_key,
                        &doc.school.author, &doc.school.xsd_version, &doc.school.institution_number})
    check_text(*s, "a school field");
  for (const auto& g : doc.groups)
    for (const auto* s : {&g.key, &g.name, &g.year_group}) check_text(*s, "a group field");
  for (const auto& p : doc.pupils) {
    for (const auto* s : {&p.key, &p.eckid, &p.surname, &p.surname_prefix, &p.first_names, &p.initials,
                          &p.given_name, &p.year_group, &p.group_key, &p.bsn})
      check_text(*s, "a pupil field");
    for (const auto& k : p.combined_group_keys) check_text(k, "a pupil's group");
  }
  for (const auto& t : doc.teachers) {
    for (const auto* s : {&t.key, &t.eckid, &t.surname, &t.surname_prefix, &t.initials, &t.given_name, &t.email,
                          &t.role, &t.role_description})
      check_text(*s, "a teacher field");
    for (const auto& g : t.groups) {
      check_text(g.key, "a teacher's group");
      check_text(g.role, "a teacher's role");
    }
  }
  return 0;
}
