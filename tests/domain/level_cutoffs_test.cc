// Level cut-offs as the school enters them: the level of a score (on a bound is the higher
// level), the checks, and the text format with its errors per line and field.
#include "domain/level_cutoffs.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

LevelCutoffs m5(std::array<double, 4> bounds) {
  return LevelCutoffs{"Rekenen-Wiskunde", *parse_test_moment("M5"), bounds};
}

TEST(LevelCutoffs, ScoreOnABoundBelongsToTheHigherLevel) {
  LevelCutoffs c = m5({38, 45.5, 51, 58});
  EXPECT_EQ(level_rank_of_score(c, 0), 5);
  EXPECT_EQ(level_rank_of_score(c, 37.9), 5);
  EXPECT_EQ(level_rank_of_score(c, 38), 4);
  EXPECT_EQ(level_rank_of_score(c, 45.4), 4);
  EXPECT_EQ(level_rank_of_score(c, 45.5), 3);
  EXPECT_EQ(level_rank_of_score(c, 50.99), 3);
  EXPECT_EQ(level_rank_of_score(c, 51), 2);
  EXPECT_EQ(level_rank_of_score(c, 57.5), 2);
  EXPECT_EQ(level_rank_of_score(c, 58), 1);
  EXPECT_EQ(level_rank_of_score(c, 200), 1);
  EXPECT_EQ(level_rank_of_score(m5({-10, -5, 0, 5}), -7), 4) << "scales may be negative";
}

TEST(LevelCutoffs, BoundsMustRiseStrictly) {
  EXPECT_EQ(validate_cutoffs(m5({38, 45.5, 51, 58})), std::nullopt);
  EXPECT_EQ(validate_cutoffs(m5({38, 45.5, 45.5, 58})),
            "Rekenen-Wiskunde M5: de grens van II (45,5) moet hoger zijn dan die van III (45,5).");
  EXPECT_EQ(validate_cutoffs(m5({40, 38, 51, 58})),
            "Rekenen-Wiskunde M5: de grens van III (38) moet hoger zijn dan die van IV (40).");
  LevelCutoffs nameless = m5({1, 2, 3, 4});
  nameless.subject = " ";
  EXPECT_EQ(validate_cutoffs(nameless), "M5: de toets ontbreekt.");
}

TEST(LevelCutoffs, ASetHasEachTestAndMomentOnce) {
  LevelCutoffs other_case = m5({1, 2, 3, 4});
  other_case.subject = "rekenen-wiskunde";
  EXPECT_EQ(validate_cutoff_set({m5({1, 2, 3, 4}), other_case}), "rekenen-wiskunde M5 staat er twee keer in.");
  LevelCutoffs e5 = m5({1, 2, 3, 4});
  e5.moment = *parse_test_moment("E5");
  EXPECT_EQ(validate_cutoff_set({m5({1, 2, 3, 4}), e5}), std::nullopt);
  EXPECT_EQ(validate_cutoff_set({m5({1, 2, 3, 4}), m5({4, 3, 2, 1})}),
            "Rekenen-Wiskunde M5: de grens van III (3) moet hoger zijn dan die van IV (4).");
}

TEST(LevelCutoffs, FindsByTestIgnoringCaseAndMoment) {
  std::vector<LevelCutoffs> all = {m5({38, 45.5, 51, 58})};
  EXPECT_EQ(find_cutoffs(all, " rekenen-wiskunde ", *parse_test_moment("M5")), &all[0]);
  EXPECT_EQ(find_cutoffs(all, "Rekenen-Wiskunde", *parse_test_moment("E5")), nullptr);
  EXPECT_EQ(find_cutoffs(all, "Spelling", *parse_test_moment("M5")), nullptr);
}

TEST(LevelCutoffs, ParsesCommaAndPointSkippingBlankAndCommentLines) {
  ParsedCutoffs p = parse_cutoffs_text(
      "\xEF\xBB\xBF# toets;toetsmoment;IV;III;II;I\r\n"
      "Rekenen-Wiskunde;M5;38;45,5;51;58\r\n"
      "\r\n"
      "  Spelling ; e6 ; 120.25 ; 128 ; 133,5 ; 140 ;;\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cutoffs.size(), 2u);
  EXPECT_EQ(p.cutoffs[0].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(p.cutoffs[0].moment.label(), "M5");
  EXPECT_EQ(p.cutoffs[0].lower_bounds, (std::array<double, 4>{38, 45.5, 51, 58}));
  EXPECT_EQ(p.cutoffs[1].subject, "Spelling");
  EXPECT_EQ(p.cutoffs[1].moment.label(), "E6");
  EXPECT_EQ(p.cutoffs[1].lower_bounds, (std::array<double, 4>{120.25, 128, 133.5, 140}));
  EXPECT_TRUE(parse_cutoffs_text("").cutoffs.empty());
  EXPECT_TRUE(parse_cutoffs_text("").errors.empty());
}

TEST(LevelCutoffs, ParseErrorsNameLineAndField) {
  ParsedCutoffs p = parse_cutoffs_text(
      "# grenzen van de toetsmaker\n"          // 1
      "Rekenen-Wiskunde;M5;38;45,5;51;58\n"    // 2: good
      "Rekenen-Wiskunde;X5;38;45;51;58\n"      // 3: moment
      "\n"                                     // 4
      "Spelling;M5;38;4x;51;58\n"              // 5: III
      "Spelling;M6;38;45;51\n"                 // 6: too few fields
      ";M5;1;2;3;4\n"                          // 7: no test
      "Spelling;E5;38;51;45;58\n"              // 8: not ascending
      "rekenen-wiskunde;M5;1;2;3;4\n"          // 9: twice
      "Spelling;E6;1.000,5;2;3;4");            // 10: no thousands separators, no final newline
  EXPECT_EQ(p.cutoffs.size(), 1u) << "only the good line";
  std::vector<std::string> want = {
      "regel 3: toetsmoment \"X5\" is geen toetsmoment (zoals M5 of E6)",
      "regel 5: grens III \"4x\" is geen getal",
      "regel 6: verwacht 6 velden (toets;toetsmoment;IV;III;II;I), gevonden 5",
      "regel 7: toets ontbreekt",
      "regel 8: Spelling E5: de grens van II (45) moet hoger zijn dan die van III (51).",
      "regel 9: rekenen-wiskunde M5 staat al op regel 2",
      "regel 10: grens IV \"1.000,5\" is geen getal",
  };
  EXPECT_EQ(p.errors, want);
}

TEST(LevelCutoffs, EveryBadFieldOfALineIsReported) {
  ParsedCutoffs p = parse_cutoffs_text("Spelling;Q9;a;2;b;4\n");
  std::vector<std::string> want = {
      "regel 1: toetsmoment \"Q9\" is geen toetsmoment (zoals M5 of E6)",
      "regel 1: grens IV \"a\" is geen getal",
      "regel 1: grens II \"b\" is geen getal",
  };
  EXPECT_EQ(p.errors, want);
  EXPECT_TRUE(p.cutoffs.empty());
}

TEST(LevelCutoffs, TextRoundTrip) {
  std::vector<LevelCutoffs> all = {m5({38, 45.5, 51, 58}),
                                   {"Spelling", *parse_test_moment("E6"), {120.25, 128, 133.5, 140}}};
  std::string text = cutoffs_text(all);
  EXPECT_EQ(text, "Rekenen-Wiskunde;M5;38;45,5;51;58\nSpelling;E6;120,25;128;133,5;140\n");
  ParsedCutoffs back = parse_cutoffs_text(text);
  ASSERT_TRUE(back.errors.empty());
  ASSERT_EQ(back.cutoffs.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.cutoffs[i].subject, all[i].subject);
    EXPECT_EQ(back.cutoffs[i].moment, all[i].moment);
    EXPECT_EQ(back.cutoffs[i].lower_bounds, all[i].lower_bounds);
  }
  EXPECT_EQ(cutoffs_text(back.cutoffs), text);
  EXPECT_EQ(cutoffs_text({}), "");
}

}  // namespace
}  // namespace koers::domain
