// A regular expression for the checks that read what a teacher typed (SMARTI, goal
// evaluation): Perl/ECMAScript syntax, matched on bytes as std::regex in the C locale does
// ("\b", "\s" and ignoring case concern ASCII only; "$" is the very end of the text).
// Compiled once (PCRE2, JIT where the machine has it) and then shared by every thread:
// std::regex made these checks 40 % of the groepsplan's time (profile, issue 13).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koers::domain {

// One match: the whole match is group 0; a group that took no part is unmatched ("" as text).
class TextMatch {
 public:
  bool matched(size_t group) const { return group < spans_.size() && spans_[group].first != kNone; }
  size_t position(size_t group = 0) const { return spans_.at(group).first; }
  size_t length(size_t group = 0) const { return matched(group) ? spans_[group].second - spans_[group].first : 0; }
  std::string str(size_t group = 0) const {
    return matched(group) ? std::string(text_.substr(position(group), length(group))) : std::string();
  }

 private:
  friend class TextPattern;
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::string_view text_;
  std::vector<std::pair<size_t, size_t>> spans_;  // [begin, end) per group
};

class TextPattern {
 public:
  enum class Case { kExact, kIgnore };
  // Throws std::invalid_argument naming the expression and PCRE2's message when it does not compile.
  explicit TextPattern(const std::string& expression, Case c = Case::kExact);
  ~TextPattern();
  TextPattern(const TextPattern&) = delete;
  TextPattern& operator=(const TextPattern&) = delete;
  TextPattern(TextPattern&& other) noexcept;

  // Whether the pattern occurs anywhere in `text` (std::regex_search).
  bool found_in(std::string_view text) const;
  // The first match, if any.
  std::optional<TextMatch> first(std::string_view text) const;
  // Every match left to right, none overlapping, as std::sregex_iterator gives them.
  std::vector<TextMatch> all(std::string_view text) const;

 private:
  std::optional<TextMatch> match_at(std::string_view text, size_t offset, bool not_empty_at_start) const;
  void* code_ = nullptr;  // pcre2_code_8
};

}  // namespace koers::domain
