#include "domain/access_policy.h"

#include <algorithm>

#include "domain/care_team.h"

namespace koers::domain {

namespace {
bool contains(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
bool same_school(const Principal& who, Id school_id, Id board_id) {
  return who.school_id != 0 && who.school_id == school_id && who.board_id == board_id;
}
}  // namespace

bool pupil_of_own_school(const Principal& who, const PupilScope& pupil) {
  return same_school(who, pupil.school_id, pupil.board_id);
}

bool has_capability(const Principal& who, Capability what) {
  switch (what) {
    case Capability::kSignedIn:
      return who.account_id != 0;
    case Capability::kSeeGroups:
      return who.role == Role::kTeacher || who.role == Role::kSupportCoordinator ||
             who.role == Role::kHead;
    case Capability::kSeeChildren:
      return who.role == Role::kParent;
    case Capability::kSeeCases:
      return who.role == Role::kCareTeamMember;
    case Capability::kEnterResults:
      return who.role == Role::kTeacher || who.role == Role::kSupportCoordinator;
    case Capability::kSeePupilAudit:
      return who.role == Role::kSupportCoordinator;
    case Capability::kEditSignalRules:
      return who.role == Role::kSupportCoordinator || who.role == Role::kHead;
    case Capability::kEditSchoolSettings:
      return who.role == Role::kHead;
    case Capability::kAdministerBoard:
      return who.role == Role::kBoardAdmin;
    case Capability::kManageAccounts:
      return who.role == Role::kBoardAdmin || who.role == Role::kSupportCoordinator;
    case Capability::kReadAccessLog:
      return who.role == Role::kPrivacyOfficer;
  }
  return false;
}

bool may_manage_account(const Principal& who, const AccountScope& account) {
  if (who.account_id == 0 || account.account_id == 0 || who.board_id != account.board_id) return false;
  if (who.role == Role::kBoardAdmin) return true;
  if (who.role == Role::kSupportCoordinator)
    return account.role != Role::kBoardAdmin && account.role != Role::kPrivacyOfficer && account.school_id != 0 &&
           account.school_id == who.school_id;
  return false;
}

bool may_assign_role(const Principal& who, Role role) {
  if (role == Role::kParent) return false;  // a parent's account comes with its guardian
  if (who.role == Role::kBoardAdmin) return true;
  return who.role == Role::kSupportCoordinator && role != Role::kBoardAdmin && role != Role::kPrivacyOfficer;
}

bool two_factor_role(Role role) {
  return role == Role::kSupportCoordinator || role == Role::kHead || role == Role::kCareTeamMember;
}

bool may_view_pupil(const Principal& who, const PupilScope& pupil) {
  if (who.account_id == 0 || pupil.pupil_id == 0) return false;
  switch (who.role) {
    case Role::kTeacher:
      if (!same_school(who, pupil.school_id, pupil.board_id)) return false;
      return std::any_of(pupil.current_group_ids.begin(), pupil.current_group_ids.end(),
                         [&](Id g) { return contains(who.group_ids, g); });
    case Role::kSupportCoordinator:
    case Role::kHead:
      return same_school(who, pupil.school_id, pupil.board_id);
    case Role::kParent:
      return contains(who.child_ids, pupil.pupil_id);
    case Role::kCareTeamMember:  // only through a case file: may_view_case
    case Role::kBoardAdmin:
    case Role::kPrivacyOfficer:  // reads who looked, never what they saw
      return false;
  }
  return false;
}

bool may_edit_group_overview(const Principal& who, const GroupScope& group) {
  return who.role == Role::kTeacher && may_view_group(who, group);
}

bool may_view_group(const Principal& who, const GroupScope& group) {
  if (who.account_id == 0 || group.group_id == 0) return false;
  switch (who.role) {
    case Role::kTeacher:
      return same_school(who, group.school_id, group.board_id) &&
             contains(who.group_ids, group.group_id);
    case Role::kSupportCoordinator:
    case Role::kHead:
      return same_school(who, group.school_id, group.board_id);
    case Role::kParent:
    case Role::kCareTeamMember:
    case Role::kBoardAdmin:
    case Role::kPrivacyOfficer:
      return false;
  }
  return false;
}

bool may_download_dossier(const Principal& who, const PupilScope& pupil) {
  return may_ask_dossier_request(who, pupil) || may_answer_dossier_request(who, pupil);
}

bool may_ask_dossier_request(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kParent && may_view_pupil(who, pupil);
}

bool may_answer_dossier_request(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kSupportCoordinator && may_view_pupil(who, pupil);
}

bool may_view_pupil_audit(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kSupportCoordinator && may_view_pupil(who, pupil);
}

bool may_edit_group_plan(const Principal& who, const GroupScope& group) { return may_edit_group_overview(who, group); }

bool may_view_ihp(const Principal& who, const PupilScope& pupil) {
  return who.role != Role::kCareTeamMember && may_view_pupil(who, pupil);
}

bool may_write_ihp(const Principal& who, const PupilScope& pupil) {
  return (who.role == Role::kTeacher || who.role == Role::kSupportCoordinator) && may_view_pupil(who, pupil);
}

bool may_add_parent_view(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kParent && may_view_pupil(who, pupil);
}

bool may_view_case(const Principal& who, const CareTeamCase& c, const PupilScope& pupil, const Date& today) {
  if (who.account_id == 0 || c.pupil_id == 0 || c.pupil_id != pupil.pupil_id || c.school_id != pupil.school_id)
    return false;
  if (who.role == Role::kCareTeamMember)
    return who.board_id != 0 && who.board_id == pupil.board_id && external_access(c, who.account_id, today).allowed();
  return may_view_pupil(who, pupil);  // teacher (own groups), IB, head (school), parent (own child)
}

bool may_write_case(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kSupportCoordinator && may_view_pupil(who, pupil);
}

bool may_record_consent(const Principal& who, const PupilScope& pupil) {
  return (who.role == Role::kSupportCoordinator || who.role == Role::kParent) && may_view_pupil(who, pupil);
}

bool may_withdraw_consent(const Principal& who, const PupilScope& pupil) { return may_record_consent(who, pupil); }

bool may_view_dyslexia_evidence(const Principal& who, const PupilScope& pupil) { return may_view_ihp(who, pupil); }

SchoolRouteView school_route_view(const Principal& who, Id school_id, Id school_board_id) {
  if (who.account_id == 0 || school_id == 0) return SchoolRouteView::kNone;
  if ((who.role == Role::kSupportCoordinator || who.role == Role::kHead) && who.school_id == school_id)
    return SchoolRouteView::kPupils;
  if (who.role == Role::kBoardAdmin && who.board_id != 0 && who.board_id == school_board_id)
    return SchoolRouteView::kCounts;
  return SchoolRouteView::kNone;
}

bool may_set_dyslexia_thresholds(const Principal& who, Id school_id) {
  return (who.role == Role::kSupportCoordinator || who.role == Role::kHead) && who.account_id != 0 &&
         school_id != 0 && who.school_id == school_id;
}

bool may_view_care_team_reports(const Principal& who, const PupilScope& pupil) {
  return (who.role == Role::kSupportCoordinator || who.role == Role::kHead || who.role == Role::kTeacher) &&
         may_view_pupil(who, pupil);
}

}  // namespace koers::domain
