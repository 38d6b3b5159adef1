// Test results from CSV exports (Cito LOVS, ParnasSys and others, or Koers' own layout):
// named column mappings and the rows they give, each bad row reported with its line.
//
// Koers' own layout ("koers"), semicolon separated, one result per line:
//   leerlingnummer;achternaam;tussenvoegsel;roepnaam;geboortedatum;groep;toets;
//   toetsmoment;afnamedatum;vaardigheidsscore;niveau;percentiel;dle
// Dates as 14-03-2019 or 2019-03-14; decimals with a comma or a point; toetsmoment "M5";
// niveau I–V (I+, V-) or A–E. Either leerlingnummer or achternaam + geboortedatum is needed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/test_moment.h"
#include "domain/test_scale.h"
#include "io/csv.h"

namespace koers::io {

enum class ResultField {
  kPupilKey, kSurname, kPrefix, kGivenName, kBirthDate, kGroup,
  kSubject, kMoment, kTakenOn, kAbilityScore, kLevel, kPercentile, kDle,
  kBlock, kMethodScore, kMaximum,  // a method test (methodetoets): blok, score, maximum
};
std::string result_field_label(ResultField f);  // "leerlingnummer", "toetsmoment", …

// Which header names feed which field; a field may accept several spellings.
struct ColumnMapping {
  std::string name;
  std::map<ResultField, std::vector<std::string>> columns;  // header names, case-insensitive
};

// The mappings Koers ships: "koers" (its own layout) and "cito-lovs".
const std::vector<ColumnMapping>& builtin_mappings();
const ColumnMapping* find_builtin_mapping(const std::string& name);

struct ResultRow {
  int line = 0;
  std::string pupil_key, surname, prefix, given_name, group, subject;
  std::optional<domain::Date> birth_date;
  domain::TestMoment moment;
  std::optional<domain::Date> taken_on;
  std::optional<double> ability_score, percentile, dle;
  std::optional<domain::Level> level;
  // A method test instead of a standardised one: a row with a block ("Blok 3") has a score
  // out of a maximum and a date, and no moment, ability score or level.
  std::string block;
  double method_score = 0, maximum = 0;
  bool is_method_test() const { return !block.empty(); }
};

// A pupil a row may be about, when its name and birth date fit more than one.
struct PupilChoice {
  long long pupil_id = 0;
  std::string label;  // "Daan Jansen (leerlingnummer L0-2019-07)"
};

struct RowError {
  RowError() = default;
  RowError(int line, std::string message, std::vector<PupilChoice> choices = {})
      : line(line), message(std::move(message)), choices(std::move(choices)) {}
  int line = 0;
  std::string message;  // "toetsmoment \"X5\" is geen toetsmoment (verwacht bijvoorbeeld M5)"
  std::vector<PupilChoice> choices;  // for an ambiguous pupil: the candidates to decide between
};

struct ParsedResults {
  std::vector<ResultRow> rows;
  std::vector<RowError> errors;   // a file with errors is imported not at all
  std::vector<RowError> skipped;  // the very same result again (an export repeated a row): left out, reported
};

const std::vector<ResultField>& all_result_fields();
std::optional<ResultField> parse_result_field(const std::string& label);  // "toetsmoment" → kMoment
// What a file with this header lacks for the mapping, in words; empty when it fits.
std::vector<std::string> missing_fields(const std::vector<std::string>& header, const ColumnMapping& mapping);
// A mapping guessed from the header names by every spelling the shipped mappings know:
// the starting point when a school maps a new export.
ColumnMapping suggest_mapping(const std::vector<std::string>& header);

// Applies a mapping to a table: a missing required column is one error on line 1; every
// row that cannot be read is an error with its line. A result that comes twice (same pupil,
// test and moment or block) is skipped and reported when it is the very same result, and an
// error when the second one says something else (another score, level or date).
// A cell longer than its field allows (domain/field_limits.h) makes its row an error naming
// the field, and so does an afnamedatum after `latest_taken_on` when given.
ParsedResults parse_results(const CsvTable& table, const ColumnMapping& mapping,
                            std::optional<domain::Date> latest_taken_on = std::nullopt);

// "12,5", "12.5", " 7 " → number; nullopt for empty text; false in ok for anything else.
std::optional<double> parse_decimal(const std::string& text, bool& ok);
// "14-03-2019", "14/3/2019", "2019-03-14".
std::optional<domain::Date> parse_dutch_date(const std::string& text, bool& ok);

}  // namespace koers::io
