// Who may see what: the one place that answers it (need-to-know, AVG).
//
// A Principal is a signed-in account with its scope, loaded once per request.
// Every route states the Capability it needs; every pupil or group it touches is
// checked with may_view_pupil / may_view_group. Nothing else decides access.
#pragma once

#include <string>
#include <vector>

#include "domain/role.h"
#include "domain/school.h"

namespace koers::domain {

struct CareTeamCase;  // care_team.h
struct Date;          // date.h

struct Principal {
  Id account_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kParent;
  Id board_id = 0;
  Id school_id = 0;                // 0 for board-wide accounts (beheer)
  std::vector<Id> group_ids;       // teacher: the groups they teach this school year
  std::vector<Id> child_ids;       // parent: their own children
  // Not read by the policy (kept for the aggregate's shape; always empty): a care-team member
  // has no pupils in scope and reaches a pupil only through the file of a case they are
  // invited to, with the parents' consent (may_view_case).
  std::vector<Id> case_pupil_ids;
  std::string address;  // where the request came from: for the audit trail only
  std::string school_name;  // the school's name: for the audit trail's "namens wie" only
};

// What the policy needs to know about a pupil: where they are now.
struct PupilScope {
  Id pupil_id = 0;
  Id school_id = 0;
  Id board_id = 0;
  std::vector<Id> current_group_ids;  // groups of the school's current school year, the regular
                                      // group first (a Plusklas after it)
};

struct GroupScope {
  Id group_id = 0;
  Id school_id = 0;
  Id board_id = 0;
};

// Coarse permissions that routes declare; resource checks come on top.
enum class Capability {
  kSignedIn,          // any signed-in account
  kSeeGroups,         // group lists and group pages: teacher, IB, head
  kSeeChildren,       // "Mijn kind": parent
  kSeeCases,          // "Mijn casussen": care-team member
  kSeePupilAudit,     // audit trail of a pupil: IB
  kEnterResults,      // import or enter test results: teacher (own groups), IB
  kEditSchoolSettings,  // head
  kEditSignalRules,   // the school's signalling rules: IB, head
  kAdministerBoard,   // schools, accounts, imports: board administrator
  kManageAccounts,    // the account list, reset, role, deactivation: IB (own school), board admin
  kReadAccessLog,     // the board's access log, its review list and the chain check: privacy officer
};

bool has_capability(const Principal& who, Capability what);

// A teacher sees pupils of the groups they teach; the IB and head the whole school;
// a parent their own child; a care-team member no pupil page at all (only case files).
// Board administrators manage accounts and imports but do not read dossiers.
bool may_view_pupil(const Principal& who, const PupilScope& pupil);
// The pupil is of the principal's own school (and board), whether or not they may see them:
// what decides 403 (a refusal within the school) against 404 (not theirs to know of).
bool pupil_of_own_school(const Principal& who, const PupilScope& pupil);
bool may_view_group(const Principal& who, const GroupScope& group);
// The groepsoverzicht is the teacher's working document: only a teacher of the group
// edits it; the IB and head read it (they talk it through in the group discussion).
bool may_edit_group_overview(const Principal& who, const GroupScope& group);
// The groepsplan likewise: the group's teacher writes it; the IB and head read it.
bool may_edit_group_plan(const Principal& who, const GroupScope& group);
// Accounts: the board administrator manages every account of the board; the IB those of
// their own school except board administrators, and gives no one the board role.
struct AccountScope {
  Id account_id = 0;
  Role role = Role::kTeacher;
  Id board_id = 0;
  Id school_id = 0;  // 0: board-wide
};
bool may_manage_account(const Principal& who, const AccountScope& account);
bool may_assign_role(const Principal& who, Role role);
// Two-factor sign-in is for the roles that read a whole school's dossiers (or a care case):
// required for them when the school says so, optional for everyone else.
bool two_factor_role(Role role);

// The audit trail of a pupil: only the IB of the pupil's school.
bool may_view_pupil_audit(const Principal& who, const PupilScope& pupil);

// Inzage (inzage.h) and requests about the dossier (dossier_request.h): a parent of the pupil
// downloads the whole dossier and asks; the IB of the pupil's school downloads it and answers.
// Nobody else (a teacher or head reads the pupil's pages, not this copy).
bool may_download_dossier(const Principal& who, const PupilScope& pupil);
bool may_ask_dossier_request(const Principal& who, const PupilScope& pupil);
bool may_answer_dossier_request(const Principal& who, const PupilScope& pupil);

// The IHP: the pupil's teacher and the IB write it; the head reads it; a parent reads their
// child's and adds their view. A care-team member reads it only through a care-team case
// (not here). Nobody outside the pupil's school.
bool may_view_ihp(const Principal& who, const PupilScope& pupil);
bool may_write_ihp(const Principal& who, const PupilScope& pupil);
bool may_add_parent_view(const Principal& who, const PupilScope& pupil);

// Care-team cases (care_team.h). The IB of the pupil's school writes them; the head reads
// them; a teacher reads the cases of the pupils they teach now (the teacher is on call in the
// care team and carries out its advice); a parent reads their own child's. An external
// (kCareTeamMember) reads a case of their board only while invited to it with a care-team
// consent in force whose scope covers them (external_access), and then only its case file:
// never the pupil's pages, groeidocument or IHP. Nobody else, and never the board administrator.
bool may_view_case(const Principal& who, const CareTeamCase& c, const PupilScope& pupil, const Date& today);
bool may_write_case(const Principal& who, const PupilScope& pupil);
// A consent is recorded by the IB (a signed form the school holds) or given in Koers by a
// parent of the pupil; it is withdrawn by a parent of the pupil or recorded as withdrawn by
// the IB.
bool may_record_consent(const Principal& who, const PupilScope& pupil);
bool may_withdraw_consent(const Principal& who, const PupilScope& pupil);

// The dyslexia evidence is a view of the IHPs and results: who reads the pupil's IHPs reads it
// (the parent too: parents take it to the care provider); a care-team member does not.
bool may_view_dyslexia_evidence(const Principal& who, const PupilScope& pupil);
// The school's dyslexia thresholds: the IB and the head of that school read and change them.
bool may_set_dyslexia_thresholds(const Principal& who, Id school_id);

// The care-team meeting reports in the pupil's dossier (discussion, advice, decisions,
// agreements): the IB and the head of the pupil's school and a teacher of the pupil's group now
// (on call in the care team, carrying out its advice). Not a parent (the case's advice reaches
// them through the case), not an external (never the dossier), not the board administrator.
bool may_view_care_team_reports(const Principal& who, const PupilScope& pupil);

// The school's 1-zorgroute (route.h): the IB and the head of the school see it per pupil; the
// board administrator of the school's board sees counts only (per level and group: no names,
// no ids); nobody else — a teacher, parent or external sees a pupil's route only where they
// may see the pupil (the stamkaart).
enum class SchoolRouteView { kNone, kPupils, kCounts };
SchoolRouteView school_route_view(const Principal& who, Id school_id, Id school_board_id);

}  // namespace koers::domain
