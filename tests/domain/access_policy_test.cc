// Who may see which pupil and group: the privacy rules of the school, role by role.
#include "domain/access_policy.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

constexpr Id kBoard = 1, kSchool = 10, kOtherSchool = 11, kOtherBoard = 2;
constexpr Id kGroup5 = 100, kGroup6 = 101, kOtherSchoolGroup = 200;

Principal make(Role role, Id school = kSchool) {
  Principal p;
  p.account_id = 42;
  p.username = "u";
  p.role = role;
  p.board_id = kBoard;
  p.school_id = role == Role::kBoardAdmin ? 0 : school;
  return p;
}

PupilScope pupil(Id id, Id school, std::vector<Id> groups, Id board = kBoard) {
  return PupilScope{id, school, board, std::move(groups)};
}

TEST(AccessPolicy, TeacherSeesPupilsOfTheirOwnGroupsOnly) {
  Principal t = make(Role::kTeacher);
  t.group_ids = {kGroup5};
  EXPECT_TRUE(may_view_pupil(t, pupil(1, kSchool, {kGroup5})));
  EXPECT_FALSE(may_view_pupil(t, pupil(2, kSchool, {kGroup6})));
  EXPECT_TRUE(may_view_group(t, GroupScope{kGroup5, kSchool, kBoard}));
  EXPECT_FALSE(may_view_group(t, GroupScope{kGroup6, kSchool, kBoard}));
}

TEST(AccessPolicy, TeacherSeesPupilInAnExtraGroupTheyTeach) {
  Principal t = make(Role::kTeacher);
  t.group_ids = {kGroup6};
  EXPECT_TRUE(may_view_pupil(t, pupil(1, kSchool, {kGroup5, kGroup6})));
}

TEST(AccessPolicy, TeacherLosesAPupilWhoLeftTheirGroup) {
  Principal t = make(Role::kTeacher);
  t.group_ids = {kGroup5};
  EXPECT_FALSE(may_view_pupil(t, pupil(1, kSchool, {})));
}

TEST(AccessPolicy, TeacherGroupIdFromAnotherSchoolDoesNotOpenIt) {
  Principal t = make(Role::kTeacher);
  t.group_ids = {kOtherSchoolGroup};
  EXPECT_FALSE(may_view_pupil(t, pupil(9, kOtherSchool, {kOtherSchoolGroup})));
  EXPECT_FALSE(may_view_group(t, GroupScope{kOtherSchoolGroup, kOtherSchool, kBoard}));
}

TEST(AccessPolicy, SupportCoordinatorAndHeadSeeTheWholeSchoolButNoOther) {
  for (Role r : {Role::kSupportCoordinator, Role::kHead}) {
    Principal p = make(r);
    EXPECT_TRUE(may_view_pupil(p, pupil(1, kSchool, {kGroup5}))) << role_key(r);
    EXPECT_TRUE(may_view_pupil(p, pupil(3, kSchool, {}))) << "a pupil who left: " << role_key(r);
    EXPECT_FALSE(may_view_pupil(p, pupil(2, kOtherSchool, {kOtherSchoolGroup}))) << role_key(r);
    EXPECT_FALSE(may_view_pupil(p, pupil(4, kSchool, {kGroup5}, kOtherBoard))) << role_key(r);
    EXPECT_TRUE(may_view_group(p, GroupScope{kGroup6, kSchool, kBoard})) << role_key(r);
    EXPECT_FALSE(may_view_group(p, GroupScope{kOtherSchoolGroup, kOtherSchool, kBoard}));
  }
}

TEST(AccessPolicy, OnlyTheGroupsOwnTeacherEditsItsOverview) {
  Principal teacher = make(Role::kTeacher);
  teacher.group_ids = {kGroup5};
  EXPECT_TRUE(may_edit_group_overview(teacher, GroupScope{kGroup5, kSchool, kBoard}));
  EXPECT_FALSE(may_edit_group_overview(teacher, GroupScope{kGroup6, kSchool, kBoard}));
  EXPECT_FALSE(may_edit_group_overview(teacher, GroupScope{kGroup5, kOtherSchool, kBoard}))
      << "a group id of another school";
  // The IB and head read the overview in the group discussion; they do not write in it.
  for (Role r : {Role::kSupportCoordinator, Role::kHead, Role::kParent, Role::kCareTeamMember, Role::kBoardAdmin})
    EXPECT_FALSE(may_edit_group_overview(make(r), GroupScope{kGroup5, kSchool, kBoard})) << role_key(r);
}

TEST(AccessPolicy, OnlyTheSupportCoordinatorSeesTheAuditTrail) {
  PupilScope s = pupil(1, kSchool, {kGroup5});
  EXPECT_TRUE(may_view_pupil_audit(make(Role::kSupportCoordinator), s));
  EXPECT_FALSE(may_view_pupil_audit(make(Role::kSupportCoordinator, kOtherSchool), s));
  Principal teacher = make(Role::kTeacher);
  teacher.group_ids = {kGroup5};
  for (const Principal& p : {make(Role::kHead), teacher, make(Role::kParent),
                             make(Role::kCareTeamMember), make(Role::kBoardAdmin)})
    EXPECT_FALSE(may_view_pupil_audit(p, s)) << role_key(p.role);
}

TEST(AccessPolicy, TheIhpIsWrittenByTeacherAndIbReadByHeadAndParent) {
  PupilScope s = pupil(7, kSchool, {kGroup5});
  Principal teacher = make(Role::kTeacher);
  teacher.group_ids = {kGroup5};
  Principal other_teacher = make(Role::kTeacher);
  other_teacher.group_ids = {kGroup6};
  Principal parent = make(Role::kParent);
  parent.child_ids = {7};
  Principal other_parent = make(Role::kParent);
  other_parent.child_ids = {8};
  Principal care = make(Role::kCareTeamMember);
  // through a case file only (may_view_case), not here
  for (const Principal& p : {teacher, make(Role::kSupportCoordinator)}) {
    EXPECT_TRUE(may_view_ihp(p, s)) << role_key(p.role);
    EXPECT_TRUE(may_write_ihp(p, s)) << role_key(p.role);
    EXPECT_FALSE(may_add_parent_view(p, s)) << role_key(p.role);
  }
  EXPECT_TRUE(may_view_ihp(make(Role::kHead), s));
  EXPECT_FALSE(may_write_ihp(make(Role::kHead), s));
  EXPECT_TRUE(may_view_ihp(parent, s));
  EXPECT_FALSE(may_write_ihp(parent, s));
  EXPECT_TRUE(may_add_parent_view(parent, s));
  for (const Principal& p : {other_teacher, other_parent, care, make(Role::kSupportCoordinator, kOtherSchool),
                             make(Role::kHead, kOtherSchool), make(Role::kBoardAdmin)}) {
    EXPECT_FALSE(may_view_ihp(p, s)) << role_key(p.role);
    EXPECT_FALSE(may_write_ihp(p, s)) << role_key(p.role);
    EXPECT_FALSE(may_add_parent_view(p, s)) << role_key(p.role);
  }
}

// The dyslexia evidence: who reads the IHPs, and the parent; a care-team member who sees the
// pupil's case does not; the thresholds are the IB's and the head's of the school.
TEST(AccessPolicy, TheDyslexiaEvidenceIsReadAsTheIhpAndItsThresholdsKeptByIbAndHead) {
  const PupilScope s = pupil(7, kSchool, {kGroup5});
  Principal teacher = make(Role::kTeacher);
  teacher.group_ids = {kGroup5};
  Principal parent = make(Role::kParent);
  parent.child_ids = {7};
  Principal care = make(Role::kCareTeamMember);
  care.case_pupil_ids = {7};
  // An external's case gives them its case file only, never the pupil's own pages.
  ASSERT_FALSE(may_view_pupil(care, s)) << "an external sees the consented case file, not the pupil";
  for (const Principal& p : {teacher, make(Role::kSupportCoordinator), make(Role::kHead), parent})
    EXPECT_TRUE(may_view_dyslexia_evidence(p, s)) << role_key(p.role);
  for (const Principal& p : {care, make(Role::kSupportCoordinator, kOtherSchool), make(Role::kBoardAdmin)})
    EXPECT_FALSE(may_view_dyslexia_evidence(p, s)) << role_key(p.role);
  EXPECT_TRUE(may_set_dyslexia_thresholds(make(Role::kSupportCoordinator), kSchool));
  EXPECT_TRUE(may_set_dyslexia_thresholds(make(Role::kHead), kSchool));
  EXPECT_FALSE(may_set_dyslexia_thresholds(make(Role::kSupportCoordinator), kOtherSchool));
  for (Role r : {Role::kTeacher, Role::kParent, Role::kCareTeamMember, Role::kBoardAdmin})
    EXPECT_FALSE(may_set_dyslexia_thresholds(make(r), kSchool)) << role_key(r);
}

// The care-team reports in the dossier: the school's IB and head and the pupil's teacher now;
// not the parent, an external of the pupil's case, another group's teacher or another school.
TEST(AccessPolicy, TheCareTeamReportsAreReadByIbHeadAndThePupilsTeacherOnly) {
  const PupilScope s = pupil(7, kSchool, {kGroup5});
  Principal teacher = make(Role::kTeacher);
  teacher.group_ids = {kGroup5};
  Principal other_teacher = make(Role::kTeacher);
  other_teacher.group_ids = {kGroup6};
  Principal parent = make(Role::kParent);
  parent.child_ids = {7};
  Principal care = make(Role::kCareTeamMember);
  care.case_pupil_ids = {7};
  for (const Principal& p : {teacher, make(Role::kSupportCoordinator), make(Role::kHead)})
    EXPECT_TRUE(may_view_care_team_reports(p, s)) << role_key(p.role);
  for (const Principal& p : {parent, care, other_teacher, make(Role::kSupportCoordinator, kOtherSchool),
                             make(Role::kHead, kOtherSchool), make(Role::kBoardAdmin), Principal{}})
    EXPECT_FALSE(may_view_care_team_reports(p, s)) << role_key(p.role);
  Principal former = teacher;  // the pupil moved on to group 6
  EXPECT_FALSE(may_view_care_team_reports(former, pupil(7, kSchool, {kGroup6})));
}

TEST(AccessPolicy, ParentSeesOnlyTheirOwnChild) {
  Principal p = make(Role::kParent);
  p.child_ids = {7};
  EXPECT_TRUE(may_view_pupil(p, pupil(7, kSchool, {kGroup5})));
  EXPECT_FALSE(may_view_pupil(p, pupil(8, kSchool, {kGroup5})));
  EXPECT_FALSE(may_view_group(p, GroupScope{kGroup5, kSchool, kBoard}));
}

TEST(AccessPolicy, CareTeamMemberOpensNoPupilPageOrGroup) {
  // An external reaches a pupil only through the file of a consented case (may_view_case).
  Principal z = make(Role::kCareTeamMember);
  EXPECT_FALSE(may_view_pupil(z, pupil(7, kSchool, {kGroup5})));
  EXPECT_FALSE(may_view_group(z, GroupScope{kGroup5, kSchool, kBoard}));
  EXPECT_FALSE(may_view_pupil_audit(z, pupil(7, kSchool, {kGroup5})));
}

TEST(AccessPolicy, BoardAdministratorReadsNoDossiers) {
  Principal b = make(Role::kBoardAdmin);
  EXPECT_FALSE(may_view_pupil(b, pupil(1, kSchool, {kGroup5})));
  EXPECT_FALSE(may_view_group(b, GroupScope{kGroup5, kSchool, kBoard}));
  EXPECT_TRUE(has_capability(b, Capability::kAdministerBoard));
}

TEST(AccessPolicy, NobodyWithoutAnAccount) {
  Principal anonymous;
  anonymous.role = Role::kSupportCoordinator;
  anonymous.school_id = kSchool;
  anonymous.board_id = kBoard;
  EXPECT_FALSE(may_view_pupil(anonymous, pupil(1, kSchool, {kGroup5})));
  EXPECT_FALSE(has_capability(anonymous, Capability::kSignedIn));
}

TEST(AccessPolicy, CapabilitiesPerRole) {
  struct Row {
    Capability cap;
    std::vector<Role> allowed;
  } rows[] = {
      {Capability::kSeeGroups, {Role::kTeacher, Role::kSupportCoordinator, Role::kHead}},
      {Capability::kSeeChildren, {Role::kParent}},
      {Capability::kSeeCases, {Role::kCareTeamMember}},
      {Capability::kSeePupilAudit, {Role::kSupportCoordinator}},
      {Capability::kEnterResults, {Role::kTeacher, Role::kSupportCoordinator}},
      {Capability::kEditSchoolSettings, {Role::kHead}},
      {Capability::kEditSignalRules, {Role::kSupportCoordinator, Role::kHead}},
      {Capability::kAdministerBoard, {Role::kBoardAdmin}},
      {Capability::kManageAccounts, {Role::kSupportCoordinator, Role::kBoardAdmin}},
      {Capability::kReadAccessLog, {Role::kPrivacyOfficer}},
  };
  for (const Row& row : rows)
    for (Role r : kAllRoles) {
      bool expected = std::find(row.allowed.begin(), row.allowed.end(), r) != row.allowed.end();
      EXPECT_EQ(has_capability(make(r), row.cap), expected)
          << role_key(r) << " capability " << static_cast<int>(row.cap);
    }
}

TEST(AccessPolicy, AccountsAreManagedWithinTheirScope) {
  Principal admin = make(Role::kBoardAdmin), ib = make(Role::kSupportCoordinator),
            head = make(Role::kHead);
  AccountScope teacher_here{50, Role::kTeacher, ib.board_id, ib.school_id};
  AccountScope teacher_elsewhere{51, Role::kTeacher, ib.board_id, ib.school_id + 1};
  AccountScope board_admin{52, Role::kBoardAdmin, ib.board_id, 0};
  AccountScope other_board{53, Role::kTeacher, ib.board_id + 1, ib.school_id};
  EXPECT_TRUE(may_manage_account(admin, teacher_here));
  EXPECT_TRUE(may_manage_account(admin, teacher_elsewhere));
  EXPECT_TRUE(may_manage_account(admin, board_admin));
  EXPECT_FALSE(may_manage_account(admin, other_board));
  EXPECT_TRUE(may_manage_account(ib, teacher_here));
  EXPECT_FALSE(may_manage_account(ib, teacher_elsewhere)) << "another school of the board";
  EXPECT_FALSE(may_manage_account(ib, board_admin));
  EXPECT_FALSE(may_manage_account(head, teacher_here));
  EXPECT_TRUE(may_assign_role(ib, Role::kHead));
  EXPECT_FALSE(may_assign_role(ib, Role::kBoardAdmin)) << "the IB cannot make a board administrator";
  EXPECT_FALSE(may_assign_role(admin, Role::kParent));
  EXPECT_TRUE(two_factor_role(Role::kSupportCoordinator));
  EXPECT_FALSE(two_factor_role(Role::kTeacher));
}

}  // namespace
}  // namespace koers::domain

namespace koers::domain {
namespace {

TEST(AccessPolicy, TheSchoolsRouteIsPerPupilForIbAndHeadAndCountsOnlyForTheBoard) {
  EXPECT_EQ(school_route_view(make(Role::kSupportCoordinator), kSchool, kBoard), SchoolRouteView::kPupils);
  EXPECT_EQ(school_route_view(make(Role::kHead), kSchool, kBoard), SchoolRouteView::kPupils);
  EXPECT_EQ(school_route_view(make(Role::kSupportCoordinator), kOtherSchool, kBoard), SchoolRouteView::kNone);
  Principal admin = make(Role::kBoardAdmin, 0);
  EXPECT_EQ(school_route_view(admin, kSchool, kBoard), SchoolRouteView::kCounts);
  EXPECT_EQ(school_route_view(admin, kSchool, kOtherBoard), SchoolRouteView::kNone);
  for (Role r : {Role::kTeacher, Role::kParent, Role::kCareTeamMember})
    EXPECT_EQ(school_route_view(make(r), kSchool, kBoard), SchoolRouteView::kNone) << role_key(r);
}

TEST(AccessPolicy, ThePrivacyOfficerReadsTheLogNotTheDossiers) {
  Principal privacy = make(Role::kPrivacyOfficer);
  EXPECT_FALSE(may_view_pupil(privacy, pupil(1, privacy.school_id, {kGroup5})));
  EXPECT_FALSE(may_view_group(privacy, GroupScope{kGroup5, privacy.school_id, privacy.board_id}));
  EXPECT_TRUE(has_capability(privacy, Capability::kReadAccessLog));
  // Only the board administrator gives the role; the IB neither gives it nor manages such an account.
  EXPECT_TRUE(may_assign_role(make(Role::kBoardAdmin), Role::kPrivacyOfficer));
  EXPECT_FALSE(may_assign_role(make(Role::kSupportCoordinator), Role::kPrivacyOfficer));
  Principal ib = make(Role::kSupportCoordinator);
  EXPECT_FALSE(may_manage_account(ib, AccountScope{60, Role::kPrivacyOfficer, ib.board_id, ib.school_id}));
}

}  // namespace
}  // namespace koers::domain
