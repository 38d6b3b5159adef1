// NEN 7513's "namens wie" per role, as a table: staff for their school, a parent for their
// child, an external for the case's care team on its consents, board-wide accounts for none.
#include "domain/on_behalf.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

Principal someone(Role role, Id school, std::string school_name = "De Valentijn", std::vector<Id> children = {}) {
  Principal p;
  p.account_id = 1;
  p.role = role;
  p.board_id = 1;
  p.school_id = school;
  p.school_name = std::move(school_name);
  p.child_ids = std::move(children);
  return p;
}

TEST(OnBehalfOf, EachRoleActsForWhomTheyServe) {
  struct Case {
    Principal who;
    Id pupil;
    std::string expected;
    const char* why;
  } cases[] = {
      {someone(Role::kTeacher, 3), 12, "school De Valentijn", "a teacher for the school"},
      {someone(Role::kSupportCoordinator, 3), 0, "school De Valentijn", "the IB, no one pupil"},
      {someone(Role::kHead, 3, ""), 12, "school 3", "the school's name unknown: its number"},
      {someone(Role::kParent, 3, "De Valentijn", {12}), 12, "het kind (leerling 12)", "a parent for their child"},
      {someone(Role::kParent, 3, "De Valentijn", {12, 15}), 15, "het kind (leerling 15)", "the child read"},
      {someone(Role::kParent, 3, "De Valentijn", {12, 15}), 0, "de kinderen (leerling 12, 15)", "both children"},
      {someone(Role::kParent, 3, "De Valentijn", {12}), 40, "", "another child: on no one's behalf"},
      {someone(Role::kParent, 3, "De Valentijn", {}), 0, "", "a parent without a child"},
      {someone(Role::kCareTeamMember, 3), 12, "", "an external outside a case file"},
      {someone(Role::kBoardAdmin, 0, ""), 0, "", "the board administrator for themselves"},
      {someone(Role::kPrivacyOfficer, 0, ""), 12, "", "the privacy officer for themselves"},
  };
  for (const auto& c : cases) EXPECT_EQ(on_behalf_of(c.who, c.pupil), c.expected) << c.why;
}

TEST(OnBehalfOf, AnExternalReadsForTheCareTeamOnItsConsents) {
  EXPECT_EQ(on_behalf_of_care_team("De Valentijn", 4, {7}), "zorgteam De Valentijn, casus #4, toestemming #7");
  EXPECT_EQ(on_behalf_of_care_team("De Valentijn", 4, {7, 9}), "zorgteam De Valentijn, casus #4, toestemming #7, #9");
  EXPECT_EQ(on_behalf_of_care_team("De Valentijn", 4, {}), "zorgteam De Valentijn, casus #4");
}

}  // namespace
}  // namespace koers::domain
