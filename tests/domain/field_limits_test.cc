// The length limits count characters, not bytes, and say how long a text was; a refusal
// quotes a long text cut short; a result may be dated up to tomorrow.
#include "domain/field_limits.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

TEST(FieldLimits, CountCharactersNotBytes) {
  EXPECT_EQ(limits::text_length("Zoë Öztürk"), 10u);
  EXPECT_EQ(limits::text_length(""), 0u);
  EXPECT_FALSE(limits::too_long(std::string(100, 'a'), 100));
  // 100 characters of two bytes each fit a limit of 100.
  std::string umlauts;
  for (int i = 0; i < 100; ++i) umlauts += "ë";
  EXPECT_FALSE(limits::too_long(umlauts, limits::kTestName));
  EXPECT_EQ(limits::too_long(umlauts + "x", limits::kTestName), "is 101 tekens lang; hoogstens 100");
  EXPECT_EQ(limits::too_long(std::string(31457280, 'T'), limits::kTestName), "is 31.457.280 tekens lang; hoogstens 100");
}

TEST(FieldLimits, ARefusalQuotesALongTextCutShortOnACharacter) {
  EXPECT_EQ(limits::quoted("kort"), "kort");
  EXPECT_EQ(limits::quoted(std::string(40, 'a')), std::string(40, 'a'));
  EXPECT_EQ(limits::quoted(std::string(1000000, 'a')), std::string(40, 'a') + "…");
  std::string umlauts;
  for (int i = 0; i < 50; ++i) umlauts += "ë";
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "ë";
  EXPECT_EQ(limits::quoted(umlauts), forty + "…") << "never half a character";
}

TEST(FieldLimits, CountsAreWrittenTheDutchWay) {
  EXPECT_EQ(limits::dutch_count(0), "0");
  EXPECT_EQ(limits::dutch_count(999), "999");
  EXPECT_EQ(limits::dutch_count(199800), "199.800");
  EXPECT_EQ(limits::dutch_count(1000000), "1.000.000");
}

TEST(FieldLimits, AResultMayBeDatedUpToTomorrow) {
  EXPECT_EQ(latest_result_date(Date{2026, 12, 31}), (Date{2027, 1, 1}));
}

}  // namespace
}  // namespace koers::domain
