// What Koers knows of one pupil, assembled in one place: every document about the pupil (the
// groeidocument, and later the IHP's beginsituatie, the care-team case file, the OKR and the
// parents' copy) is a view of a PupilRecord and gathers nothing on its own. Pure: the store
// (store/pupil_record_repository.h) reads the parts in one snapshot; assemble_pupil_record
// puts them together as described at PupilRecord.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/dossier_request.h"
#include "domain/group_overview.h"
#include "domain/group_plan.h"
#include "domain/growth_document.h"
#include "domain/hgd.h"
#include "domain/ihp.h"
#include "domain/level_cutoffs.h"
#include "domain/meeting.h"
#include "domain/pupil.h"
#include "domain/referral.h"
#include "domain/school.h"
#include "domain/signalling.h"

namespace koers::domain {

struct HgdRequest;  // hgd.h; declared for a reader that includes hgd.h first (then it is complete before use)

// A group plan of the school year with the name of its period.
struct RecordPlan {
  GroupPlan plan;
  std::string period_name;
  Date starts_on, ends_on;  // the period's (the 1-zorgroute's current plan, route.h)
};

// The part of one finalised care-team meeting report about the pupil (zorgteamoverleg): what
// the IB recorded for the pupil's case there, kept in the pupil's dossier.
struct CareTeamReport {
  Id meeting_id = 0, case_id = 0;
  std::optional<Date> meeting_on;
  std::string discussion;  // wat er besproken is
  std::string advice;      // het gezamenlijke advies aan leerkracht en ouders
  std::string decisions;   // besluiten
  std::vector<Agreement> agreements;
};

// One pupil as Koers knows them at an instant ("as of"; store::kNow: now).
struct PupilRecord {
  Id pupil_id = 0;
  std::string name;        // as shown ("Roos van der Meer")
  std::string year_group;  // the leerjaar in the current group; "" in none
  Id school_id = 0;
  Id group_id = 0;                    // the current group (this school year's); 0: in none
  std::vector<std::string> subjects;  // that group's overview subjects, in the overview's order
  // The pupil's line of the overview: entries (factors and needs with their sources, oldest
  // first), approaches, method tests (newest first), standardised results (career order), the
  // latest AVI level, and the signals that still count (those the teacher dismissed are left
  // out). In no current group: only pupil_id and name.
  OverviewLine line;
  std::vector<RecordPlan> plans;  // this school year's plans of the group, oldest period first;
                                  // a period without a saved plan has none
  // The help of earlier school years: the plans of the groups the pupil was in then that place
  // the pupil (a subgroup or an own line), oldest first; period_name names the year too.
  std::vector<RecordPlan> earlier_plans;
  std::vector<Meeting> meetings;  // the meetings the pupil was discussed in, as stored: newest first
  std::vector<IhpSummary> ihps;   // the pupil's individuele handelingsplannen, newest term first
  // Every standardised result taken before the instant, in career order, also when the pupil is
  // in no group now (the results chart, io::results_chart_svg).
  std::vector<StandardisedResult> results;
  // The school's level cut-offs when the chart draws something (a result has an ability
  // score: chart_needs_cutoffs); else empty.
  std::vector<LevelCutoffs> cutoffs;
  // The pupil's IHPs in full (latest versions, with their session logs), newest term first, and
  // the school's holidays: what the logged support time is counted from (dyslexia_evidence.h).
  std::vector<Ihp> ihp_plans;
  std::vector<Holiday> holidays;
  // The pupil's part of each care-team meeting report the IB finalised, newest meeting first.
  std::vector<CareTeamReport> care_team_reports;
  // The pupil's care-team cases (with their consents) and HGD requests, newest first: with the
  // plans, meetings and IHPs above, what the 1-zorgroute is derived from (route.h).
  std::vector<CareTeamCase> cases;
  std::vector<HgdRequest> hgd_requests;
  // The pupil's referrals (PCL/SBO, CVI/SO, TLV), newest first: the route's level 5.
  std::vector<ReferralSummary> referrals;
  // Inzage (inzage.h): filled only by PupilRecordRepository::read_whole, else empty. The
  // stamkaart (card, group history newest first, guardians), the parents' requests about the
  // dossier (newest first) and the audit trail's lines about the pupil (newest first).
  std::optional<Pupil> card;
  std::vector<Enrolment> enrolments;
  std::vector<Guardian> guardians;
  std::vector<DossierRequest> requests;
  std::vector<AuditEntry> accesses;
};

// What the store reads of one pupil, before assembly.
struct PupilRecordParts {
  Id pupil_id = 0, school_id = 0;
  std::string name, pupil_number;
  Id group_id = 0;                             // 0: in no current group; the rest of this block is then ignored
  std::string year_group;                      // the pupil's enrolment in the group
  std::vector<std::string> group_year_groups;  // every leerjaar in the group
  std::vector<PupilApproach> approaches;       // latest per subject
  std::vector<OverviewEntry> entries;          // oldest first
  std::vector<MethodTest> method_tests;        // newest first
  std::vector<ReadingLevel> reading_levels;    // career order
  SignalRules rules;                           // the school's
  std::vector<Period> periods;                 // of the group's school year
  std::vector<std::optional<GroupPlan>> plans; // the latest plan per period, one per period (nullopt: none)
  std::vector<RecordPlan> earlier_plans;       // of the pupil's groups in earlier school years, any order
  std::vector<StandardisedResult> results;     // career order
  std::vector<Meeting> meetings;               // newest first
  std::vector<IhpSummary> ihps;                // newest term first
  std::vector<LevelCutoffs> cutoffs;
  std::vector<Ihp> ihp_plans;      // newest term first, with sessions
  std::vector<Holiday> holidays;   // the school's, by start
  std::vector<CareTeamReport> care_team_reports;  // finalised, newest meeting first
  std::vector<CareTeamCase> cases;         // newest first
  std::vector<HgdRequest> hgd_requests;    // newest first
  std::vector<ReferralSummary> referrals;  // newest first
};

// The overview line of a pupil from their rows, as the groepsoverzicht builds it: the latest
// reading level of `reading_levels` (career order), and the signals `rules` give on `results`
// and `method_tests` (every one: the caller leaves out those dismissed).
OverviewLine overview_line(Id pupil_id, const std::string& name, const std::string& pupil_number,
                           const std::string& year_group, std::vector<PupilApproach> approaches,
                           std::vector<OverviewEntry> entries, std::vector<MethodTest> method_tests,
                           std::vector<StandardisedResult> results, const std::vector<ReadingLevel>& reading_levels,
                           const SignalRules& rules);

// The record of `parts`: in a current group, the line (overview_line), the group's overview
// subjects (overview_subjects of its year groups) and its plans in period order (by start;
// periods without a plan left out); in none, only the name. Meetings, results and cut-offs as
// given, and the IHPs (summaries and in full), holidays and care-team reports; of the
// earlier plans those that place the pupil, by period start. `plans` must have one entry per period when in a group,
// else std::invalid_argument.
PupilRecord assemble_pupil_record(PupilRecordParts parts);

// Whether the results chart of these results draws anything (a result has an ability score),
// so that the school's cut-offs are needed.
bool chart_needs_cutoffs(const std::vector<StandardisedResult>& results);

// The meetings the groeidocument lists as earlier discussions: held or reported, with a date,
// other than `except_meeting` (the one being written; 0: none), in the order given; the
// summary is the outcome's label, then ". " and the notes of the last step when it has any.
std::vector<EarlierDiscussion> earlier_discussions(const std::vector<Meeting>& meetings, Id except_meeting);

// The groeidocument's facts from the record (growth_document.h), for the meeting
// `except_meeting` (0: not written in a meeting).
GrowthDocumentFacts growth_document_facts(const PupilRecord& record, Id except_meeting);

}  // namespace koers::domain
