// The groepsplan's shape: a new plan starts from the overview's division; a plan that
// places a pupil twice, outside the group or without a subgroup is not saved.
#include "domain/group_plan.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

GroupOverview overview() {
  GroupOverview o;
  o.group.id = 5;
  o.subjects = {"Spelling", "Rekenen-Wiskunde"};
  for (Id id : {1, 2, 3}) {
    OverviewLine l;
    l.pupil_id = id;
    o.lines.push_back(l);
  }
  o.lines[0].approaches.push_back({"Spelling", Approach::kIntensive, "", ""});
  o.lines[1].approaches.push_back({"Spelling", Approach::kDeepened, "", ""});
  return o;
}

TEST(GroupPlan, ANewPlanStartsFromTheOverviewsDivision) {
  GroupPlan p = new_group_plan(overview(), 9);
  EXPECT_EQ(p.group_id, 5);
  EXPECT_EQ(p.period_id, 9);
  ASSERT_EQ(p.subjects.size(), 2u);
  ASSERT_EQ(p.subjects[0].subgroups.size(), 3u);
  EXPECT_EQ(p.subjects[0].subgroups[0].approach, Approach::kIntensive);
  EXPECT_EQ(p.subjects[0].subgroups[0].pupils, std::vector<Id>{1});
  EXPECT_TRUE(p.subjects[0].subgroups[1].pupils.empty()) << "pupil 3 has no approach yet";
  EXPECT_EQ(p.subjects[0].subgroups[2].pupils, std::vector<Id>{2});
  EXPECT_TRUE(validate_plan(p, overview().subjects, {1, 2, 3}).empty());
}

TEST(GroupPlan, WhatCannotBeSavedIsNamed) {
  GroupPlan p = new_group_plan(overview(), 9);
  p.subjects[0].subgroups[1].pupils = {1, 42};  // 1 is already intensief
  p.subjects[0].subgroups[0].goals.push_back({GoalKind::kDidactic, "  ", {}, "", "", {}, ""});
  p.subjects[1].subgroups.pop_back();
  p.subjects.push_back(SubjectPlan{"Gym", "", {}, {}});
  EXPECT_EQ(validate_plan(p, overview().subjects, {1, 2, 3}),
            (std::vector<std::string>{"Spelling, intensief: doel 1 is leeg",
                                      "Spelling, basis: leerling 1 staat al in een andere subgroep",
                                      "Spelling, basis: leerling 42 zit niet in de groep",
                                      "Rekenen-Wiskunde: het plan heeft de drie subgroepen intensief, basis en verdiept",
                                      "Gym: geen vak van het groepsplan van deze groep"}));
}

}  // namespace
}  // namespace koers::domain
