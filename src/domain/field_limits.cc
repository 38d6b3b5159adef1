#include "domain/field_limits.h"

#include <algorithm>

namespace koers::domain::limits {

namespace {
bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

std::string dutch_count(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

size_t text_length(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), starts_character));
}

std::optional<std::string> too_long(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::nullopt;  // bytes ≥ characters: fits for sure
  const size_t length = text_length(text);
  if (length <= limit) return std::nullopt;
  return "is " + dutch_count(length) + " tekens lang; hoogstens " + dutch_count(limit);
}

std::string quoted(std::string_view text) {
  constexpr size_t kShown = 40;
  size_t bytes = 0, characters = 0;
  while (bytes < text.size()) {
    if (starts_character(text[bytes]) && characters++ == kShown) break;
    ++bytes;
  }
  if (bytes == text.size()) return std::string(text);
  return std::string(text.substr(0, bytes)) + "…";
}

}  // namespace koers::domain::limits

namespace koers::domain {

Date latest_result_date(Date today) { return add_days(today, 1); }

}  // namespace koers::domain
