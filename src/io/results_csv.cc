#include "io/results_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <exception>
#include <thread>
#include <unordered_set>

#include "domain/field_limits.h"

namespace koers::io {

using domain::Date;

namespace {

std::string lower_trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  s = a == std::string::npos ? "" : s.substr(a, b - a + 1);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

std::string result_field_label(ResultField f) {
  switch (f) {
    case ResultField::kPupilKey: return "leerlingnummer";
    case ResultField::kSurname: return "achternaam";
    case ResultField::kPrefix: return "tussenvoegsel";
    case ResultField::kGivenName: return "roepnaam";
    case ResultField::kBirthDate: return "geboortedatum";
    case ResultField::kGroup: return "groep";
    case ResultField::kSubject: return "toets";
    case ResultField::kMoment: return "toetsmoment";
    case ResultField::kTakenOn: return "afnamedatum";
    case ResultField::kAbilityScore: return "vaardigheidsscore";
    case ResultField::kLevel: return "niveau";
    case ResultField::kPercentile: return "percentiel";
    case ResultField::kDle: return "dle";
    case ResultField::kBlock: return "blok";
    case ResultField::kMethodScore: return "score";
    case ResultField::kMaximum: return "maximum";
  }
  return "";
}

const std::vector<ColumnMapping>& builtin_mappings() {
  using F = ResultField;
  static const std::vector<ColumnMapping> all = {
      {"koers",
       {{F::kPupilKey, {"leerlingnummer"}}, {F::kSurname, {"achternaam"}}, {F::kPrefix, {"tussenvoegsel"}},
        {F::kGivenName, {"roepnaam"}}, {F::kBirthDate, {"geboortedatum"}}, {F::kGroup, {"groep"}},
        {F::kSubject, {"toets"}}, {F::kMoment, {"toetsmoment"}}, {F::kTakenOn, {"afnamedatum"}},
        {F::kAbilityScore, {"vaardigheidsscore"}}, {F::kLevel, {"niveau"}}, {F::kPercentile, {"percentiel"}},
        {F::kDle, {"dle"}}, {F::kBlock, {"blok"}}, {F::kMethodScore, {"score"}}, {F::kMaximum, {"maximum"}}}},
      {"cito-lovs",
       {{F::kPupilKey, {"leerling-id", "leerlingnummer", "leerlingnr", "leerling id"}},
        {F::kSurname, {"achternaam"}}, {F::kPrefix, {"tussenvoegsel", "voorvoegsel"}},
        {F::kGivenName, {"roepnaam", "voornaam"}}, {F::kBirthDate, {"geboortedatum"}},
        {F::kGroup, {"groep", "groepsnaam"}}, {F::kSubject, {"toets", "toetsnaam", "vakgebied"}},
        {F::kMoment, {"afname", "toetsmoment", "periode"}}, {F::kTakenOn, {"afnamedatum", "datum afname"}},
        {F::kAbilityScore, {"vaardigheidsscore", "vs", "score"}},
        {F::kLevel, {"niveau", "niveau i-v", "niveau a-e", "i-v", "a-e"}},
        {F::kPercentile, {"percentiel"}}, {F::kDle, {"dle"}}}},
  };
  return all;
}

const ColumnMapping* find_builtin_mapping(const std::string& name) {
  for (const auto& m : builtin_mappings())
    if (m.name == name) return &m;
  return nullptr;
}

std::optional<double> parse_decimal(const std::string& raw, bool& ok) {
  ok = true;
  std::string t = trim(raw);
  if (t.empty()) return std::nullopt;
  std::replace(t.begin(), t.end(), ',', '.');
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || t.find_first_not_of("0123456789.-") != std::string::npos) {
    ok = false;
    return std::nullopt;
  }
  return v;
}

std::optional<Date> parse_dutch_date(const std::string& raw, bool& ok) {
  ok = true;
  if (raw.size() == 10 && raw[2] == '-' && raw[5] == '-') {
    auto digit = [&](size_t i) { return raw[i] >= '0' && raw[i] <= '9'; };
    if (digit(0) && digit(1) && digit(3) && digit(4) && digit(6) && digit(7) && digit(8) && digit(9)) {
      Date date{(raw[6] - '0') * 1000 + (raw[7] - '0') * 100 + (raw[8] - '0') * 10 + (raw[9] - '0'),
                (raw[3] - '0') * 10 + (raw[4] - '0'), (raw[0] - '0') * 10 + (raw[1] - '0')};
      if (date.valid()) return date;
    }
  }
  std::string t = trim(raw);
  if (t.empty()) return std::nullopt;
  if (auto iso = domain::parse_iso_date(t)) return iso;
  int d = 0, m = 0, y = 0;
  char s1 = 0, s2 = 0, rest = 0;
  if (sscanf(t.c_str(), "%d%c%d%c%d%c", &d, &s1, &m, &s2, &y, &rest) == 5 && s1 == s2 &&
      (s1 == '-' || s1 == '/' || s1 == '.')) {
    Date date{y, m, d};
    if (date.valid()) return date;
  }
  ok = false;
  return std::nullopt;
}

namespace {

// Which column feeds which field: the first header that matches one of the field's names.
std::map<ResultField, size_t> column_index(const std::vector<std::string>& header, const ColumnMapping& mapping) {
  std::map<ResultField, size_t> index;
  std::vector<std::string> lowered;  // once, not once per field: a header may have thousands of cells
  lowered.reserve(header.size());
  for (const std::string& h : header) lowered.push_back(lower_trim(h));
  for (const auto& [field, names] : mapping.columns)
    for (size_t i = 0; i < header.size(); ++i)
      if (std::find(names.begin(), names.end(), lowered[i]) != names.end()) {
        index[field] = i;
        break;
      }
  return index;
}

// A file holds standardised results (toetsmoment with vaardigheidsscore or niveau), method
// tests (blok, score, maximum, afnamedatum) or both; what it lacks for either, in words.
std::vector<std::string> missing_in(const std::map<ResultField, size_t>& index) {
  auto missing = [&](ResultField f) { return !index.count(f); };
  std::vector<std::string> out;
  const bool method_tests = !missing(ResultField::kBlock);
  if (missing(ResultField::kSubject)) out.push_back(result_field_label(ResultField::kSubject));
  if (!method_tests && missing(ResultField::kMoment)) out.push_back(result_field_label(ResultField::kMoment));
  if (missing(ResultField::kPupilKey) && (missing(ResultField::kSurname) || missing(ResultField::kBirthDate)))
    out.push_back("leerlingnummer (of achternaam met geboortedatum)");
  if (!method_tests && missing(ResultField::kAbilityScore) && missing(ResultField::kLevel))
    out.push_back("vaardigheidsscore of niveau");
  if (method_tests)
    for (ResultField f : {ResultField::kMethodScore, ResultField::kMaximum, ResultField::kTakenOn})
      if (missing(f)) out.push_back(result_field_label(f) + " (voor een methodetoets)");
  return out;
}

}  // namespace

const std::vector<ResultField>& all_result_fields() {
  using F = ResultField;
  static const std::vector<ResultField> all = {F::kPupilKey, F::kSurname, F::kPrefix, F::kGivenName, F::kBirthDate,
                                               F::kGroup, F::kSubject, F::kMoment, F::kTakenOn, F::kAbilityScore,
                                               F::kLevel, F::kPercentile, F::kDle, F::kBlock, F::kMethodScore,
                                               F::kMaximum};
  return all;
}

std::optional<ResultField> parse_result_field(const std::string& label) {
  for (ResultField f : all_result_fields())
    if (result_field_label(f) == label) return f;
  return std::nullopt;
}

std::vector<std::string> missing_fields(const std::vector<std::string>& header, const ColumnMapping& mapping) {
  return missing_in(column_index(header, mapping));
}

ColumnMapping suggest_mapping(const std::vector<std::string>& header) {
  auto known = [](ResultField field, const std::string& name) {
    for (const auto& m : builtin_mappings())
      if (auto it = m.columns.find(field); it != m.columns.end())
        if (std::find(it->second.begin(), it->second.end(), name) != it->second.end()) return true;
    return false;
  };
  // "score" is a method test's score only in a file of method tests (one with a block).
  std::vector<std::string> lowered;
  lowered.reserve(header.size());
  for (const std::string& h : header) lowered.push_back(lower_trim(h));
  bool method_tests = false;
  for (const std::string& name : lowered) method_tests = method_tests || known(ResultField::kBlock, name);
  ColumnMapping out;
  std::set<std::string> taken;
  std::vector<ResultField> order = all_result_fields();
  if (method_tests) std::stable_partition(order.begin(), order.end(), [](ResultField f) {
    return f == ResultField::kMethodScore || f == ResultField::kMaximum || f == ResultField::kBlock;
  });
  for (ResultField field : order)
    for (const std::string& name : lowered) {
      if (!taken.count(name) && known(field, name)) {
        out.columns[field] = {name};
        taken.insert(name);
        break;
      }
    }
  return out;
}

namespace {

std::string duplicate_key(const ResultRow& row);

// Reads rows [from, to) of the table into out: each a result, or an error with its reasons.
// Duplicates are for the caller, who sees every row.
struct ParsedPart {
  std::vector<ResultRow> rows;
  std::vector<size_t> key_hashes;  // of duplicate_key, one per row
  std::vector<RowError> errors;
};

// The longest text a cell of this field may hold (domain/field_limits.h).
size_t field_limit(ResultField f) {
  namespace limits = domain::limits;
  switch (f) {
    case ResultField::kPupilKey: return limits::kPupilKey;
    case ResultField::kSurname:
    case ResultField::kPrefix:
    case ResultField::kGivenName: return limits::kNamePart;
    case ResultField::kGroup: return limits::kGroupName;
    case ResultField::kSubject: return limits::kTestName;
    case ResultField::kBlock: return limits::kTestBlock;
    default: return limits::kShortValue;
  }
}

void parse_rows(const CsvTable& table, const std::vector<size_t>& column, size_t from, size_t to,
                std::optional<domain::Date> latest, ParsedPart& out) {
  out.rows.reserve(to - from);
  for (size_t r = from; r < to; ++r) {
    const auto& cells = table.rows[r];
    const int line = table.lines[r];
    auto cell = [&](ResultField f) -> std::string {
      const size_t i = column[static_cast<size_t>(f)];
      if (i >= cells.size()) return "";
      const std::string& c = cells[i];
      if (c.empty() || (c.front() != ' ' && c.front() != '\t' && c.front() != '\r' && c.back() != ' ' && c.back() != '\t' && c.back() != '\r')) return c;
      return trim(c);
    };
    std::vector<std::string> problems;
    // A cell longer than its field allows is refused before it is read or quoted.
    for (ResultField f : all_result_fields()) {
      const size_t i = column[static_cast<size_t>(f)];
      if (i < cells.size())
        if (auto why = domain::limits::too_long(cells[i], field_limit(f)))
          problems.push_back(result_field_label(f) + " " + *why);
    }
    if (!problems.empty()) {
      out.errors.push_back({line, fmt::format("{}", fmt::join(problems, "; "))});
      continue;
    }
    ResultRow row;
    row.line = line;
    row.pupil_key = cell(ResultField::kPupilKey);
    row.surname = cell(ResultField::kSurname);
    row.prefix = cell(ResultField::kPrefix);
    row.given_name = cell(ResultField::kGivenName);
    row.group = cell(ResultField::kGroup);
    row.subject = cell(ResultField::kSubject);
    bool ok = true;
    row.birth_date = parse_dutch_date(cell(ResultField::kBirthDate), ok);
    if (!ok) problems.push_back(fmt::format("geboortedatum \"{}\" is geen datum", cell(ResultField::kBirthDate)));
    if (row.pupil_key.empty() && (row.surname.empty() || !row.birth_date))
      problems.push_back("leerlingnummer ontbreekt, en achternaam met geboortedatum ook");
    if (row.subject.empty()) problems.push_back("toets ontbreekt");
    row.taken_on = parse_dutch_date(cell(ResultField::kTakenOn), ok);
    if (!ok) problems.push_back(fmt::format("afnamedatum \"{}\" is geen datum", cell(ResultField::kTakenOn)));
    else if (latest && row.taken_on && *row.taken_on > *latest)
      problems.push_back(fmt::format("afnamedatum {} ligt in de toekomst", row.taken_on->dutch()));
    row.block = cell(ResultField::kBlock);
    if (row.is_method_test()) {
      auto number = [&](ResultField f, double& into) {
        std::optional<double> v = parse_decimal(cell(f), ok);
        if (!ok) problems.push_back(fmt::format("{} \"{}\" is geen getal", result_field_label(f), cell(f)));
        else if (!v) problems.push_back(fmt::format("{} ontbreekt (nodig voor een methodetoets)", result_field_label(f)));
        else into = *v;
        return ok && v;
      };
      bool numbers = number(ResultField::kMethodScore, row.method_score);
      numbers = number(ResultField::kMaximum, row.maximum) && numbers;
      if (numbers && !(row.maximum > 0)) problems.push_back("maximum moet groter zijn dan 0");
      else if (numbers && (row.method_score < 0 || row.method_score > row.maximum))
        problems.push_back(fmt::format("score {} ligt niet tussen 0 en het maximum {}", cell(ResultField::kMethodScore),
                                       cell(ResultField::kMaximum)));
      if (!row.taken_on && cell(ResultField::kTakenOn).empty())
        problems.push_back("afnamedatum ontbreekt (nodig voor een methodetoets)");
    } else {
      auto moment = domain::parse_test_moment(cell(ResultField::kMoment));
      if (moment) row.moment = *moment;
      else problems.push_back(fmt::format("toetsmoment \"{}\" is geen toetsmoment (verwacht bijvoorbeeld M5)",
                                          cell(ResultField::kMoment)));
      row.ability_score = parse_decimal(cell(ResultField::kAbilityScore), ok);
      if (!ok) problems.push_back(fmt::format("vaardigheidsscore \"{}\" is geen getal", cell(ResultField::kAbilityScore)));
      row.percentile = parse_decimal(cell(ResultField::kPercentile), ok);
      if (!ok || (row.percentile && (*row.percentile < 0 || *row.percentile > 100)))
        problems.push_back(fmt::format("percentiel \"{}\" ligt niet tussen 0 en 100", cell(ResultField::kPercentile)));
      row.dle = parse_decimal(cell(ResultField::kDle), ok);
      if (!ok) problems.push_back(fmt::format("dle \"{}\" is geen getal", cell(ResultField::kDle)));
      std::string level = cell(ResultField::kLevel);
      if (!level.empty()) {
        row.level = domain::parse_level(level);
        if (!row.level) problems.push_back(fmt::format("niveau \"{}\" is geen niveau (I–V of A–E)", level));
      }
      if (!row.ability_score && !row.level && problems.empty())
        problems.push_back("vaardigheidsscore en niveau zijn allebei leeg");
    }
    if (!problems.empty()) {
      out.errors.push_back({line, fmt::format("{}", fmt::join(problems, "; "))});
      continue;
    }
    out.key_hashes.push_back(std::hash<std::string>()(duplicate_key(row)));
    out.rows.push_back(std::move(row));
  }
}

// What makes two rows the same result: the pupil, the test (any case) and the moment or block.
std::string duplicate_key(const ResultRow& row) {
  const std::string& who = row.pupil_key.empty() ? row.surname + "|" + row.birth_date->iso() : row.pupil_key;
  std::string key;
  key.reserve(who.size() + row.subject.size() + 16);
  key += who;
  key += '|';
  for (char c : row.subject) key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  key += row.is_method_test() ? "|blok " + row.block : "|" + row.moment.label();
  return key;
}

}  // namespace

ParsedResults parse_results(const CsvTable& table, const ColumnMapping& mapping,
                            std::optional<domain::Date> latest_taken_on) {
  ParsedResults out;
  std::map<ResultField, size_t> index = column_index(table.header, mapping);
  for (const std::string& field : missing_in(index))
  {
    std::vector<std::string> shown;  // a header cell as long as a book is not repeated whole
    for (const std::string& h : table.header) shown.push_back(domain::limits::quoted(h));
    out.errors.push_back({1, fmt::format("kolom '{}' ontbreekt (kopregel: {})", field,
                                         fmt::join(shown, table.separator == ';' ? ";" : ","))});
  }
  if (!out.errors.empty()) return out;

  std::vector<size_t> column(all_result_fields().size() + 1, static_cast<size_t>(-1));
  for (const auto& [f, i] : index) column[static_cast<size_t>(f)] = i;
  // A larger file is read in two halves at once (a thread costs tens of microseconds).
  const size_t n = table.rows.size(), half = n >= 1000 ? n / 2 : n;
  ParsedPart parts[2];
  std::exception_ptr failure;
  std::thread second;
  if (half < n)
    second = std::thread([&] {
      try {
        parse_rows(table, column, half, n, latest_taken_on, parts[1]);
      } catch (...) {
        failure = std::current_exception();
      }
    });
  parse_rows(table, column, 0, half, latest_taken_on, parts[0]);
  if (second.joinable()) second.join();
  if (failure) std::rethrow_exception(failure);

  // Duplicates by the hash of each row's key (computed in the halves), sorted; rows whose
  // hashes meet are compared by their keys, so a collision is never taken for a duplicate.
  std::vector<ResultRow*> rows;
  std::vector<std::pair<size_t, size_t>> by_hash;  // (hash, place in rows)
  for (ParsedPart& part : parts) {
    for (RowError& e : part.errors) out.errors.push_back(std::move(e));
    for (ResultRow& row : part.rows) rows.push_back(&row);
  }
  for (size_t i = 0, p = 0; p < 2; ++p)
    for (size_t h : parts[p].key_hashes) by_hash.emplace_back(h, i++);
  std::sort(by_hash.begin(), by_hash.end());
  std::vector<const ResultRow*> first_of(rows.size(), nullptr);  // a repeat → the row it repeats
  for (size_t from = 0; from < by_hash.size();) {
    size_t to = from + 1;
    while (to < by_hash.size() && by_hash[to].first == by_hash[from].first) ++to;
    for (size_t i = from + 1; i < to; ++i)  // in file order within the run: the later row is the repeat
      for (size_t j = from; j < i; ++j)
        if (!first_of[by_hash[j].second] &&
            duplicate_key(*rows[by_hash[i].second]) == duplicate_key(*rows[by_hash[j].second])) {
          first_of[by_hash[i].second] = rows[by_hash[j].second];
          break;
        }
    from = to;
  }
  auto same_result = [](const ResultRow& a, const ResultRow& b) {
    return a.taken_on == b.taken_on && a.ability_score == b.ability_score && a.percentile == b.percentile &&
           a.dle == b.dle && a.level == b.level && a.method_score == b.method_score && a.maximum == b.maximum;
  };
  out.rows.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ResultRow& row = *rows[i];
    const ResultRow* first = first_of[i];
    if (!first) {
      out.rows.push_back(std::move(row));
      continue;
    }
    const std::string what = row.subject + " " + (row.is_method_test() ? row.block : row.moment.label());
    if (same_result(row, *first))
      out.skipped.push_back({row.line, fmt::format("{} staat precies zo al op regel {}: overgeslagen", what, first->line)});
    else
      out.errors.push_back({row.line, fmt::format("{} staat al op regel {} met een andere uitslag: welke klopt?", what,
                                                  first->line)});
  }
  std::stable_sort(out.skipped.begin(), out.skipped.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return out;
}

}  // namespace koers::io
