// The pupil's ability-score chart: a line per subject, higher scores higher up, level bands
// only where the school has cut-offs, and text escaped.
#include "io/results_chart.h"

#include <gtest/gtest.h>

#include <regex>

namespace koers::io {
namespace {

using domain::StandardisedResult;

StandardisedResult result(const std::string& subject, const char* moment, std::optional<double> score,
                          const char* level = nullptr) {
  StandardisedResult r;
  r.subject = subject;
  r.moment = *domain::parse_test_moment(moment);
  r.ability_score = score;
  if (level) r.level = domain::parse_level(level);
  return r;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The points of each polyline, in order.
std::vector<std::vector<std::pair<double, double>>> polylines(const std::string& svg) {
  std::vector<std::vector<std::pair<double, double>>> out;
  std::regex line("<polyline points=\"([^\"]*)\""), point("(-?[0-9.]+),(-?[0-9.]+)");
  for (std::sregex_iterator it(svg.begin(), svg.end(), line), end; it != end; ++it) {
    std::string pts = (*it)[1];
    out.emplace_back();
    for (std::sregex_iterator p(pts.begin(), pts.end(), point); p != end; ++p)
      out.back().emplace_back(std::stod((*p)[1]), std::stod((*p)[2]));
  }
  return out;
}

TEST(ResultsChart, OneLinePerSubjectWithAPointPerScore) {
  std::string svg = results_chart_svg(
      {result("Rekenen-Wiskunde", "M4", 30), result("Spelling", "M4", 110), result("Rekenen-Wiskunde", "E4", 36),
       result("Rekenen-Wiskunde", "M5", std::nullopt, "IV"), result("Rekenen-Wiskunde", "M5", 41),
       result("Spelling", "E4", 112)},
      {});
  auto lines = polylines(svg);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 3u) << "the result without a score is skipped";
  EXPECT_EQ(lines[1].size(), 2u);
  EXPECT_EQ(count(svg, "<circle"), 5u);
  EXPECT_LT(svg.find("Rekenen-Wiskunde"), svg.find("Spelling")) << "subjects in order of first result";
  EXPECT_EQ(count(svg, "<svg"), 2u);
  EXPECT_EQ(svg.rfind("<div class=\"results-chart\">", 0), 0u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(count(svg, "viewBox=\"0 0 640 250\""), 2u) << "a fixed size, so it prints";
}

TEST(ResultsChart, HigherScoresAreHigherUpAndMomentsGoLeftToRight) {
  // Given out of order: the chart puts them in career order.
  auto lines = polylines(results_chart_svg(
      {result("Spelling", "E5", 120), result("Spelling", "M4", 100), result("Spelling", "M5", 125)}, {}));
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].size(), 3u);
  auto m4 = lines[0][0], m5 = lines[0][1], e5 = lines[0][2];
  EXPECT_LT(m4.first, m5.first);
  EXPECT_LT(m5.first, e5.first);
  EXPECT_GT(m4.second, e5.second) << "100 is lower than 120: a larger y";
  EXPECT_GT(e5.second, m5.second) << "120 is lower than 125";
  // Spaced by time: M4 → M5 is two half-years, M5 → E5 one.
  EXPECT_NEAR(m5.first - m4.first, 2 * (e5.first - m5.first), 0.2);
}

TEST(ResultsChart, BandsOnlyAtMomentsWithCutoffs) {
  std::vector<domain::LevelCutoffs> cutoffs = {
      {"Rekenen-Wiskunde", *domain::parse_test_moment("M5"), {38, 45.5, 51, 58}},
      {"Rekenen-Wiskunde", *domain::parse_test_moment("M6"), {50, 56, 61, 67}},
      {"Spelling", *domain::parse_test_moment("E5"), {1, 2, 3, 4}},  // a moment not in the results
  };
  std::string svg = results_chart_svg({result("Rekenen-Wiskunde", "M5", 47), result("Rekenen-Wiskunde", "E5", 50),
                                       result("Rekenen-Wiskunde", "M6", 66, "II")},
                                      cutoffs);
  EXPECT_EQ(count(svg, "class=\"band "), 10u) << "five bands at M5 and five at M6";
  EXPECT_EQ(count(svg, "data-moment=\"M5\""), 5u);
  EXPECT_EQ(count(svg, "data-moment=\"M6\""), 5u);
  EXPECT_EQ(count(svg, "data-moment=\"E5\""), 0u) << "no cut-offs for E5: no bands";
  for (const char* colour : {"#1b7f3b", "#7cc47f", "#e8e8e8", "#f5a623", "#d0021b"})
    EXPECT_NE(svg.find(colour), std::string::npos) << colour;
  EXPECT_NE(svg.find("<title>M5: 47 (niveau III)</title>"), std::string::npos) << "level from the cut-offs";
  EXPECT_NE(svg.find("<title>E5: 50</title>"), std::string::npos) << "no cut-offs, no level";
  EXPECT_NE(svg.find("<title>M6: 66 (niveau II)</title>"), std::string::npos) << "the test's own level";

  std::string plain = results_chart_svg({result("Rekenen-Wiskunde", "M5", 47)}, {});
  EXPECT_EQ(plain.find("class=\"band "), std::string::npos);
  EXPECT_EQ(plain.find("Niveau:"), std::string::npos) << "no legend without bands";
}

TEST(ResultsChart, EscapesTextAndDrawsNothingWithoutScores) {
  std::string svg = results_chart_svg({result("Lezen <B&\"C\">", "M5", 40.5)}, {});
  EXPECT_EQ(svg.find("<B&"), std::string::npos);
  EXPECT_NE(svg.find("Lezen &lt;B&amp;&quot;C&quot;&gt;"), std::string::npos);
  EXPECT_NE(svg.find("<title>M5: 40,5</title>"), std::string::npos) << "Dutch decimal comma";
  EXPECT_EQ(results_chart_svg({result("Spelling", "M5", std::nullopt, "III")}, {}), "");
  EXPECT_EQ(results_chart_svg({}, {}), "");
}

}  // namespace
}  // namespace koers::io
