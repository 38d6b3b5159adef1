// When a pupil-administration file may make pupils leave without a question: a table of
// school sizes and files, as an administrator would meet them.
#include "domain/leavers.h"

#include <gtest/gtest.h>

#include <numeric>

namespace koers::domain {
namespace {

std::vector<Id> pupils(int n) {
  std::vector<Id> out(static_cast<size_t>(n));
  std::iota(out.begin(), out.end(), 1);
  return out;
}

// The first `kept` of the current pupils are in the file (and `extra` new ones).
std::set<Id> file_with(int kept, int extra = 0) {
  std::set<Id> out;
  for (Id id = 1; id <= kept; ++id) out.insert(id);
  for (Id id = 0; id < extra; ++id) out.insert(10'000 + id);
  return out;
}

TEST(Leavers, AConfirmationIsNeededWhenMoreThanATenthAndAtLeastThreeWouldLeave) {
  struct Case {
    int school, kept, extra;
    size_t leaving;
    bool confirm;
    const char* why;
  } cases[] = {
      {200, 200, 5, 0, false, "everyone still there, newcomers added"},
      {200, 180, 0, 20, false, "exactly 10 %: the summer's group 8 leaving is normal"},
      {200, 179, 0, 21, true, "just over 10 %"},
      {200, 0, 0, 200, true, "an empty pupil list would empty the school"},
      {200, 27, 0, 173, true, "a file of one group"},
      {20, 18, 0, 2, false, "10 % of a small school, but only two pupils"},
      {20, 17, 0, 3, true, "three of twenty"},
      {6, 4, 0, 2, false, "two of six: a third, but fewer than three"},
      {2, 0, 0, 2, false, "a tiny school: never three to confirm"},
      {0, 0, 30, 0, false, "a new school: nobody to leave"},
  };
  for (const Case& c : cases) {
    LeaverCheck check = check_leavers(pupils(c.school), file_with(c.kept, c.extra));
    EXPECT_EQ(check.leaving.size(), c.leaving) << c.why;
    EXPECT_EQ(check.needs_confirmation, c.confirm) << c.why;
  }
}

TEST(Leavers, TheLeavingAreThoseMissingFromTheFileInTheirOrder) {
  LeaverCheck check = check_leavers({7, 3, 9, 1}, {3, 1, 42});
  EXPECT_EQ(check.leaving, (std::vector<Id>{7, 9}));
}

TEST(Leavers, TheThresholdsAreSettings) {
  LeaverRule strict{0, 1};
  EXPECT_TRUE(check_leavers(pupils(100), file_with(99), strict).needs_confirmation);
  LeaverRule lax{50, 3};
  EXPECT_FALSE(check_leavers(pupils(100), file_with(50), lax).needs_confirmation);
  EXPECT_TRUE(check_leavers(pupils(100), file_with(49), lax).needs_confirmation);
}

}  // namespace
}  // namespace koers::domain
