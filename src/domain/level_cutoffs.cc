#include "domain/level_cutoffs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace koers::domain {

namespace {

constexpr const char* kLevelNames[4] = {"IV", "III", "II", "I"};

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

std::string subject_key(std::string_view s) {
  std::string t = trim(s);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

// Shortest exact form, so a bound like 45,25 survives a round trip (dutch_decimal rounds).
std::string decimal_comma(double v) {
  std::string s = fmt::format("{}", v);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// "45,5", "45.5", " 38 "; nullopt for anything else (thousands separators, "inf", empty).
std::optional<double> parse_number(std::string_view raw) {
  std::string t = trim(raw);
  std::replace(t.begin(), t.end(), ',', '.');
  double v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t semi; (semi = line.find(';', start)) != std::string_view::npos; start = semi + 1)
    fields.push_back(trim(line.substr(start, semi - start)));
  fields.push_back(trim(line.substr(start)));
  // Spreadsheets often add empty trailing columns ("…;58;;"): not an error.
  while (fields.size() > 6 && fields.back().empty()) fields.pop_back();
  return fields;
}

}  // namespace

std::optional<std::string> validate_cutoffs(const LevelCutoffs& c) {
  if (trim(c.subject).empty()) return fmt::format("{}: de toets ontbreekt.", c.moment.label());
  for (size_t i = 0; i < 4; ++i)
    if (!std::isfinite(c.lower_bounds[i]))
      return fmt::format("{} {}: de grens van {} is geen getal.", c.subject, c.moment.label(), kLevelNames[i]);
  for (size_t i = 1; i < 4; ++i)
    if (c.lower_bounds[i] <= c.lower_bounds[i - 1])
      return fmt::format("{} {}: de grens van {} ({}) moet hoger zijn dan die van {} ({}).", c.subject,
                         c.moment.label(), kLevelNames[i], decimal_comma(c.lower_bounds[i]), kLevelNames[i - 1],
                         decimal_comma(c.lower_bounds[i - 1]));
  return std::nullopt;
}

std::optional<std::string> validate_cutoff_set(const std::vector<LevelCutoffs>& all) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& c : all) {
    if (auto e = validate_cutoffs(c)) return e;
    if (!seen.emplace(subject_key(c.subject), c.moment.label()).second)
      return fmt::format("{} {} staat er twee keer in.", c.subject, c.moment.label());
  }
  return std::nullopt;
}

int level_rank_of_score(const LevelCutoffs& c, double score) {
  int rank = 5;  // below the lower bound of IV
  for (double bound : c.lower_bounds)
    if (score >= bound) --rank;
  return rank;
}

const LevelCutoffs* find_cutoffs(const std::vector<LevelCutoffs>& all, std::string_view subject,
                                 const TestMoment& moment) {
  std::string key = subject_key(subject);
  for (const auto& c : all)
    if (c.moment == moment && subject_key(c.subject) == key) return &c;
  return nullptr;
}

ParsedCutoffs parse_cutoffs_text(const std::string& text) {
  ParsedCutoffs out;
  std::map<std::pair<std::string, std::string>, int> first_line;  // test + moment → its line
  std::string_view rest(text);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // BOM of a pasted file
  int number = 1;
  for (size_t start = 0; start <= rest.size(); ++number) {
    size_t nl = std::min(rest.find('\n', start), rest.size());
    std::string line = trim(rest.substr(start, nl - start));
    start = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    auto error = [&](const std::string& what) { out.errors.push_back(fmt::format("regel {}: {}", number, what)); };
    auto fields = split_fields(line);
    if (fields.size() != 6) {
      error(fmt::format("verwacht 6 velden (toets;toetsmoment;IV;III;II;I), gevonden {}", fields.size()));
      continue;
    }
    size_t errors_before = out.errors.size();
    LevelCutoffs c;
    c.subject = fields[0];
    if (c.subject.empty()) error("toets ontbreekt");
    auto moment = parse_test_moment(fields[1]);
    if (moment)
      c.moment = *moment;
    else
      error(fmt::format("toetsmoment \"{}\" is geen toetsmoment (zoals M5 of E6)", fields[1]));
    for (size_t i = 0; i < 4; ++i) {
      auto v = parse_number(fields[2 + i]);
      if (v)
        c.lower_bounds[i] = *v;
      else
        error(fmt::format("grens {} \"{}\" is geen getal", kLevelNames[i], fields[2 + i]));
    }
    if (out.errors.size() != errors_before) continue;
    if (auto e = validate_cutoffs(c)) {
      error(*e);
      continue;
    }
    auto [it, fresh] = first_line.emplace(std::pair{subject_key(c.subject), c.moment.label()}, number);
    if (!fresh) {
      error(fmt::format("{} {} staat al op regel {}", c.subject, c.moment.label(), it->second));
      continue;
    }
    out.cutoffs.push_back(std::move(c));
  }
  return out;
}

std::string cutoffs_text(const std::vector<LevelCutoffs>& all) {
  std::string out;
  for (const auto& c : all) {
    out += fmt::format("{};{}", c.subject, c.moment.label());
    for (double b : c.lower_bounds) out += ";" + decimal_comma(b);
    out += "\n";
  }
  return out;
}

}  // namespace koers::domain
