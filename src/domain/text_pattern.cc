#include "domain/text_pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <stdexcept>

namespace koers::domain {

namespace {

pcre2_code* as_code(void* p) { return static_cast<pcre2_code*>(p); }

struct MatchDataFree {
  void operator()(pcre2_match_data* d) const { pcre2_match_data_free(d); }
};

}  // namespace

TextPattern::TextPattern(const std::string& expression, Case c) {
  // DOLLAR_ENDONLY: "$" is the end of the text, never before a final newline (ECMAScript).
  uint32_t options = PCRE2_DOLLAR_ENDONLY | (c == Case::kIgnore ? PCRE2_CASELESS : 0u);
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(expression.data()), expression.size(), options,
                                   &error, &offset, nullptr);
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::invalid_argument("patroon '" + expression + "' op positie " + std::to_string(offset) + ": " +
                                reinterpret_cast<const char*>(message));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // without JIT support the interpreter matches: same result
  code_ = code;
}

TextPattern::~TextPattern() { pcre2_code_free(as_code(code_)); }

TextPattern::TextPattern(TextPattern&& other) noexcept : code_(other.code_) { other.code_ = nullptr; }

std::optional<TextMatch> TextPattern::match_at(std::string_view text, size_t offset, bool not_empty_at_start) const {
  std::unique_ptr<pcre2_match_data, MatchDataFree> data(pcre2_match_data_create_from_pattern(as_code(code_), nullptr));
  const uint32_t options = not_empty_at_start ? (PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED) : 0u;
  const int rc = pcre2_match(as_code(code_), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), offset, options,
                             data.get(), nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) return std::nullopt;
  if (rc < 0) throw std::runtime_error("patroon: zoeken mislukte (PCRE2-fout " + std::to_string(rc) + ")");
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
  const uint32_t groups = pcre2_get_ovector_count(data.get());
  TextMatch m;
  m.text_ = text;
  m.spans_.reserve(groups);
  for (uint32_t g = 0; g < groups; ++g) {
    const bool unset = ovector[2 * g] == PCRE2_UNSET || static_cast<int>(g) >= rc;
    m.spans_.push_back(unset ? std::pair{TextMatch::kNone, TextMatch::kNone}
                             : std::pair{static_cast<size_t>(ovector[2 * g]), static_cast<size_t>(ovector[2 * g + 1])});
  }
  return m;
}

bool TextPattern::found_in(std::string_view text) const { return match_at(text, 0, false).has_value(); }

std::optional<TextMatch> TextPattern::first(std::string_view text) const { return match_at(text, 0, false); }

std::vector<TextMatch> TextPattern::all(std::string_view text) const {
  std::vector<TextMatch> out;
  size_t offset = 0;
  while (offset <= text.size()) {
    auto m = match_at(text, offset, false);
    if (!m) break;
    const size_t begin = m->position(), end = begin + m->length();
    out.push_back(std::move(*m));
    if (end > begin) {
      offset = end;
      continue;
    }
    // An empty match: as std::sregex_iterator, look for a non-empty one at the same place,
    // else go on one character further.
    if (auto longer = match_at(text, end, true)) {
      offset = longer->position() + longer->length();
      out.push_back(std::move(*longer));
    } else {
      offset = end + 1;
    }
  }
  return out;
}

}  // namespace koers::domain
