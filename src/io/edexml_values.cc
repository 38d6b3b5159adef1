#include "io/edexml_values.h"

#include <algorithm>
#include <array>

namespace koers::io::edexml {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool capital(char c) { return c >= 'A' && c <= 'Z'; }

bool digits(std::string_view v, size_t min, size_t max) {
  return v.size() >= min && v.size() <= max && std::all_of(v.begin(), v.end(), digit);
}

template <size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

bool is_year_group(std::string_view v) {
  static constexpr std::array<std::string_view, 22> kValues = {
      "B", "D", "0", "1", "2", "3", "4", "5", "6", "7", "8", "11",
      "12", "13", "14", "15", "16", "S", "V", "C", "N", "H"};
  return one_of(kValues, v);
}

bool is_staff_role(std::string_view v) {
  static constexpr std::array<std::string_view, 17> kValues = {
      "ADJ", "ADM", "CON", "DIR", "ICT", "IB", "KLA", "LRK", "LOS",
      "LOC", "OWA", "OUD", "RT", "SMW", "STA", "TAL", "VAK"};
  return one_of(kValues, v);
}

std::optional<int> gender_code(std::string_view v) {
  bool negative = !v.empty() && v.front() == '-';
  if (!v.empty() && (v.front() == '+' || negative)) v.remove_prefix(1);
  if (v.empty() || !std::all_of(v.begin(), v.end(), digit)) return std::nullopt;
  v.remove_prefix(std::min(v.find_first_not_of('0'), v.size() - 1));  // "007" is 7
  if (v.size() != 1) return std::nullopt;
  int code = v.front() - '0';
  if ((negative && code != 0) || (code != 0 && code != 1 && code != 2 && code != 9)) return std::nullopt;
  return code;
}

bool is_brin(std::string_view v) {
  return v.size() == 4 && digit(v[0]) && digit(v[1]) && capital(v[2]) && capital(v[3]);
}

bool is_dependance(std::string_view v) { return digits(v, 2, 2); }
bool is_institution_number(std::string_view v) { return digits(v, 2, 6); }
bool is_bsn(std::string_view v) { return digits(v, 9, 9); }
bool is_bsn_last4(std::string_view v) { return digits(v, 4, 4); }

std::optional<domain::Date> parse_date(std::string_view v) {
  if (v.size() > 10) {
    std::string_view zone = v.substr(10);
    bool utc = zone == "Z";
    bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digit(zone[1]) &&
                  digit(zone[2]) && zone[3] == ':' && digit(zone[4]) && digit(zone[5]);
    if (!utc && !offset) return std::nullopt;
    v = v.substr(0, 10);
  }
  return domain::parse_iso_date(v);
}

size_t length(std::string_view utf8) {
  // Every byte but a continuation byte (10xxxxxx) starts a character.
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace koers::io::edexml
