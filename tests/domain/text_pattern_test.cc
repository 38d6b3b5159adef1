// TextPattern must find what std::regex (ECMAScript, C locale) found before it: the SMARTI and
// goal-evaluation checks were written and tested against std::regex. std::regex is the
// reference here, on the kinds of pattern those checks use and on texts made to hit their edges.
#include "domain/text_pattern.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>

namespace koers::domain {
namespace {

struct Case {
  const char* expression;
  bool ignore_case;
};

// The constructs the checks rely on: word boundaries, look-ahead, optional groups, "$" at the
// very end, alternation order, UTF-8 bytes in a pattern, ignoring case.
const Case kCases[] = {
    {R"(\bniveau\s+(I{1,3}|IV|V|[A-E])\b)", false},
    {R"(\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?\b)", false},
    {R"(\bnaar\s+(niveau\s+)?$)", true},
    {R"(\bavi(?:[- ]?niveau)?[- ]?(start|plus|[me]\s?[3-7])(?![0-9a-z]))", true},
    {R"((?:^|[^0-9,./-])(\d{1,3}(?:[,.]\d+)?)\s*(?:%|procent\b))", true},
    {R"(^[^.;!?]*\b(goed|correct|juist)\b)", true},
    {R"((?:[Vv]aardigheidsscore|\bVS)\s*(?:(?:≥|>=|>)\s*)?(\d{1,3}(?:[,.]\d)?)(?![0-9]|[,.][0-9]))", false},
    {R"((?:^|[^A-Za-z0-9])([BME])([1-8])(?![0-9]))", false},
    {R"(^\s*(?!(Aan|In|De)\b)[A-Z][a-z]+\b)", false},
    {R"(\b(I\+|III|II|IV|I|V|[A-E])[- ]?(score|niveau)\b)", false},
    {R"(x*)", false},  // empty matches: found at every place, as std::sregex_iterator finds them
};

struct Found {
  size_t position, length;
  std::vector<std::string> groups;  // "<unmatched>" for a group that took no part
  bool operator==(const Found&) const = default;
};

std::vector<Found> reference(const Case& c, const std::string& text) {
  std::regex re(c.expression, c.ignore_case ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
  std::vector<Found> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    Found f{static_cast<size_t>(it->position()), static_cast<size_t>(it->length()), {}};
    for (size_t g = 1; g < it->size(); ++g) f.groups.push_back((*it)[g].matched ? (*it)[g].str() : "<unmatched>");
    out.push_back(f);
  }
  return out;
}

std::vector<Found> ours(const TextPattern& p, const std::string& text, size_t groups) {
  std::vector<Found> out;
  for (const TextMatch& m : p.all(text)) {
    Found f{m.position(), m.length(), {}};
    for (size_t g = 1; g <= groups; ++g) f.groups.push_back(m.matched(g) ? m.str(g) : "<unmatched>");
    out.push_back(f);
  }
  return out;
}

size_t group_count(const Case& c) { return std::regex(c.expression).mark_count(); }

TEST(TextPattern, FindsWhatStdRegexFindsOnTheChecksTexts) {
  const std::string texts[] = {
      "Daan leest eind M6 op niveau III of hoger, van niveau IV naar III.",
      "80 % goed op de methodetoets blok 4; 12-03-2027 en 1/4 en 3-5-27",
      "AVI-niveau M5, avi e 4, AVI plus, avi start; avi m45",
      "VS ≥ 145,5 of vaardigheidsscore >= 150 en VS 12-03",
      "bij de M6-toets, m6 toets, B3 en E88, xE5",
      "De groep werkt naar niveau ",
      "werkt naar NIVEAU  \n",
      "Het doel is goed. Daarna 70 procent correct",
      "Zoë en Özlem lezen 90% foutloos, niveau Cito",
      "",
      "xx yxxx",
  };
  for (const Case& c : kCases) {
    TextPattern p(c.expression, c.ignore_case ? TextPattern::Case::kIgnore : TextPattern::Case::kExact);
    for (const std::string& t : texts) {
      EXPECT_EQ(ours(p, t, group_count(c)), reference(c, t)) << c.expression << " in: " << t;
      EXPECT_EQ(p.found_in(t), !reference(c, t).empty()) << c.expression << " in: " << t;
    }
  }
}

TEST(TextPattern, FindsWhatStdRegexFindsOnRandomTexts) {
  // Pieces of the checks' vocabulary, glued at random with spaces and punctuation.
  const std::vector<std::string> pieces = {"niveau", "NIVEAU", "naar", "van", "III", "IV", "V", "I+", "C",
                                           "avi",    "M",      "E",    "5",   "12",  "-",  "/",  "%",  "procent",
                                           "goed",   ".",      ",",    " ",   "  ",  "\n", "VS", "≥",  "score",
                                           "Blok",   "toets",  "Zoë",  "x",   "De",  "In"};
  std::mt19937 random(13);
  for (const Case& c : kCases) {
    TextPattern p(c.expression, c.ignore_case ? TextPattern::Case::kIgnore : TextPattern::Case::kExact);
    for (int i = 0; i < 400; ++i) {
      std::string text;
      const int n = static_cast<int>(random() % 12);
      for (int k = 0; k < n; ++k) text += pieces[random() % pieces.size()] + (random() % 2 ? " " : "");
      ASSERT_EQ(ours(p, text, group_count(c)), reference(c, text)) << c.expression << " in: [" << text << "]";
    }
  }
}

TEST(TextPattern, EndOfTextIsTheVeryEndNotBeforeAFinalNewline) {
  TextPattern p(R"(naar$)");
  EXPECT_TRUE(p.found_in("werkt naar"));
  EXPECT_FALSE(p.found_in("werkt naar\n"));
}

TEST(TextPattern, AFaultyPatternIsRefusedWithItsText) {
  try {
    TextPattern p("(niveau");
    FAIL() << "compiled";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("(niveau"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace koers::domain
