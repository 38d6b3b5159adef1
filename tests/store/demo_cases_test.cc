// The demo's care-team cases on SQLite and PostgreSQL, read back as the web reads them: the
// demo parent's child with a consent in force that lets the demo orthopedagoog (zorgteam) see
// the case, and that is the only case they see; an internal case with the parents informed; a
// case followed by the school whose follow-up date has passed (on the IB's reminders); and a
// case whose consent the IB recorded as withdrawn, which the invited external no longer sees;
// and an HGD by the orthopedagoog whose report is a PDF Koers takes and whose recommendations
// the IB took over (some, not all) are needs with source onderzoek.
#include "demo/demo_cases.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "demo/demo_school.h"
#include "demo_test_support.h"
#include "domain/care_team.h"
#include "domain/okr.h"
#include "io/pdf_file.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/document_repository.h"
#include "store/hgd_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::CaseStatus;
using domain::Id;

const domain::Date kToday{2026, 11, 22};
const demo::DemoOptions kOptions{2, 20261122, kToday};

class DemoCases : public testing::StoreTest {};

TEST_P(DemoCases, EveryRoleHasACaseToSeeAndTheOrthopedagogueOnlyRoos) {
  const Id school = testing::demo_school_through_ihps(*db, kOptions);
  ASSERT_EQ(demo::add_demo_cases(*db, {school}, kToday), 5);

  AccountRepository accounts(*db);
  const domain::Principal parent = accounts.principal(*accounts.find_by_username("ouder"));
  const Id external = accounts.find_by_username("zorgteam")->id;
  CareTeamCaseRepository repo(*db);
  const auto cases = repo.of_school(school);
  ASSERT_EQ(cases.size(), 5u);

  // Roos: the parent's own consent, in Koers, covering the orthopedagoog; on the agenda.
  const auto roos = repo.of_pupils(parent.child_ids);
  ASSERT_EQ(roos.size(), 1u);
  ASSERT_EQ(roos[0].consents.size(), 1u);
  EXPECT_EQ(roos[0].consents[0].form, domain::ConsentForm::kParentAccount);
  EXPECT_EQ(roos[0].consents[0].given_by_account, parent.account_id);
  EXPECT_TRUE(domain::consent_in_force(roos[0].consents[0], kToday));
  EXPECT_TRUE(domain::external_access(roos[0], external, kToday).allowed());
  EXPECT_FALSE(roos[0].help_question_parents.empty()) << "the hulpvraag was written with the parents";
  EXPECT_TRUE(roos[0].status == CaseStatus::kScheduled || roos[0].status == CaseStatus::kConsent);
  const auto seen = repo.for_external(external, kToday);
  ASSERT_EQ(seen.size(), 1u) << "the orthopedagoog sees exactly Roos's case";
  EXPECT_EQ(seen[0].id, roos[0].id);

  int internal = 0, followed = 0, withdrawn = 0;
  for (const auto& c : cases) {
    if (c.members.empty() && c.parents_informed && c.status == CaseStatus::kConsent) ++internal;
    if (c.status == CaseStatus::kFollowUp) {
      ++followed;
      ASSERT_TRUE(c.follow_up_until);
      EXPECT_LT(*c.follow_up_until, kToday) << "its follow-up date has passed";
      EXPECT_FALSE(c.advice.empty());
      EXPECT_FALSE(c.outcomes.empty());
    }
    for (const auto& k : c.consents)
      if (k.withdrawn()) {
        ++withdrawn;
        ASSERT_EQ(c.members.size(), 1u);
        EXPECT_EQ(domain::external_access(c, external, kToday).refusal, domain::ExternalRefusal::kWithdrawn);
      }
  }
  EXPECT_EQ(internal, 1);
  EXPECT_EQ(followed, 1);
  EXPECT_EQ(withdrawn, 1);
  // The IB's start page: the follow-up passed (the withdrawal's day is the real clock's).
  bool due = false;
  for (const auto& r : domain::case_reminders(cases, kToday))
    due = due || (r.kind == domain::ReminderKind::kFollowUp && r.overdue);
  EXPECT_TRUE(due);

  // The HGD: requested of the orthopedagoog under the parents' HGD consent, discussed, with
  // its report and the recommendations the IB took over as needs (source onderzoek).
  std::vector<domain::HgdRequest> hgds;
  for (const auto& c : cases)
    for (auto& h : HgdRepository(*db).of_case(c.id)) hgds.push_back(h);
  ASSERT_EQ(hgds.size(), 1u);
  const domain::HgdRequest& h = hgds[0];
  EXPECT_EQ(h.expert_account_id, external);
  EXPECT_EQ(h.status, domain::HgdStatus::kDiscussed);
  // Besproken through its adviesgesprek: a meeting of the school, held and reported.
  ASSERT_NE(h.meeting_id, 0);
  auto talk = MeetingRepository(*db).find(h.meeting_id);
  ASSERT_TRUE(talk);
  EXPECT_EQ(talk->kind, domain::MeetingKind::kHgdAdvice);
  EXPECT_EQ(talk->hgd_id, h.id);
  EXPECT_EQ(talk->pupil_id, h.pupil_id);
  EXPECT_EQ(talk->status, domain::MeetingStatus::kReported);
  EXPECT_FALSE(talk->report.empty());
  EXPECT_FALSE(talk->decisions.empty());
  EXPECT_EQ(talk->participants.size(), 4u);
  auto report = DocumentRepository(*db).load(h.report_document_id);
  ASSERT_TRUE(report);
  EXPECT_FALSE(io::pdf_refusal(report->bytes)) << "a PDF as an upload would be";
  int taken = 0;
  for (const auto& a : h.recommendations) taken += a.taken_over() ? 1 : 0;
  EXPECT_GE(taken, 1);
  EXPECT_LT(taken, static_cast<int>(h.recommendations.size()));
  int research = 0;
  for (const auto& e : OverviewRepository(*db).entries({h.pupil_id}, kNow)[h.pupil_id])
    research += e.source == domain::InformationSource::kResearch ? 1 : 0;
  EXPECT_EQ(research, taken);
  EXPECT_EQ(repo.for_external(external, kToday).size(), 1u) << "the HGD does not invite her to the case";
}

// The cases are dated by their own story, not by the day the demo ran: each registered before
// today, and the advice (the care team's report in the OKR) on the day the care team gave it.
TEST_P(DemoCases, TheCaseReportsAreDatedByTheirOwnTimelineNotByTheDayTheDemoRan) {
  const Id school = testing::demo_school_through_ihps(*db, kOptions);
  ASSERT_EQ(demo::add_demo_cases(*db, {school}, kToday), 5);
  const std::set<std::string> advice_days{domain::add_days(kToday, -53).iso(), domain::add_days(kToday, -38).iso()};
  int advised = 0;
  for (const auto& c : CareTeamCaseRepository(*db).of_school(school)) {
    ASSERT_GE(c.created_at.size(), 10u);
    EXPECT_LT(c.created_at.substr(0, 10), kToday.iso()) << c.help_question;
    if (c.advice.empty()) continue;
    ++advised;
    EXPECT_EQ(advice_days.count(c.saved_at.substr(0, 10)), 1u) << c.saved_at << ": " << c.help_question;
    const auto record = PupilRecordRepository(*db).read(c.pupil_id, kNow);
    ASSERT_TRUE(record);
    domain::Referral r;
    r.pupil_id = c.pupil_id;
    r.procedure = domain::default_referral_procedures().front();
    const domain::Okr okr = domain::assemble_okr(*record, r, {});
    const auto care = std::find_if(okr.sections.begin(), okr.sections.end(), [](const domain::OkrSection& s) {
      return s.part == domain::ReferralPart::kCareTeamReports;
    });
    ASSERT_NE(care, okr.sections.end());
    const std::string dated = fmt::format("Zorgteam ({})", domain::parse_iso_date(c.saved_at.substr(0, 10))->dutch());
    EXPECT_TRUE(std::any_of(care->lines.begin(), care->lines.end(), [&](const std::string& l) {
      return l.rfind(dated, 0) == 0;
    })) << dated;
  }
  EXPECT_EQ(advised, 2) << "followed (dyslexia) and researched (HGD)";
}

KOERS_STORE_TEST_SUITE(DemoCases);

}  // namespace
}  // namespace koers::store
