// libFuzzer target: the results import's reading as the web and CLI run it (to_utf8,
// read_csv, parse_results with each shipped mapping and with one suggested from the
// header), and read_csv on the raw bytes. Fails on a crash, a sanitizer report, a leak, a
// hang, or a row or message that is not valid UTF-8 without NUL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.h"
#include "io/results_csv.h"

namespace {

void parse_with(const koers::io::CsvTable& table, const koers::io::ColumnMapping& mapping) {
  using koers::fuzz::check_text;
  koers::io::ParsedResults parsed = koers::io::parse_results(table, mapping);
  for (const auto& row : parsed.rows)
    for (const auto* s : {&row.pupil_key, &row.surname, &row.prefix, &row.given_name, &row.group, &row.subject,
                          &row.block})
      check_text(*s, "a result field");
  for (const auto& e : parsed.errors) check_text(e.message, "an error");
  for (const auto& e : parsed.skipped) check_text(e.message, "a skipped row");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace koers::io;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)read_csv(bytes);  // refuses what is not UTF-8; must never crash on it
  std::string text = to_utf8(bytes);
  if (!valid_utf8(text)) {
    std::fprintf(stderr, "fuzz: to_utf8 gave invalid UTF-8\n");
    std::abort();
  }
  auto table = read_csv(text);
  if (failed(table)) {
    koers::fuzz::check_text(std::get<ImportError>(table).text(), "the refusal");
    return 0;
  }
  const CsvTable& t = std::get<CsvTable>(table);
  for (const auto& mapping : builtin_mappings()) parse_with(t, mapping);
  parse_with(t, suggest_mapping(t.header));
  (void)missing_fields(t.header, *find_builtin_mapping("koers"));
  return 0;
}
