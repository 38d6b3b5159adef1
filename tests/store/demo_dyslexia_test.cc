// The demo's dyslexia evidence on SQLite and PostgreSQL: one pupil whose evidence is complete and
// one whose middle DMT measurement is missing, read through the pupil's record as the web does;
// the signals of every pupil stay as they were (the demo's other numbers do not move).
#include "demo/demo_dyslexia.h"

#include <gtest/gtest.h>

#include <map>

#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "demo/demo_school.h"
#include "domain/dyslexia_evidence.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/result_repository.h"
#include "store/school_repository.h"
#include "store/signal_repository.h"
#include "demo_test_support.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const domain::Date kToday{2026, 11, 22};
const demo::DemoOptions kOptions{2, 20261122, kToday};

class DemoDyslexia : public testing::StoreTest {};

// Every current pupil's current signals (rule, test and moment), pupil by pupil: what the
// Signalering page counts. The evidence text may say V− where it said V.
std::map<Id, std::string> signals(Database& db, Id school) {
  std::map<Id, std::string> out;
  const domain::SignalRules rules = SignalRepository(db).rules(school);
  GroupRepository groups(db);
  const auto year = SchoolRepository(db).current_school_year(school);
  for (const auto& g : groups.groups_of_school(school, year->id))
    for (const auto& p : groups.pupils_of_group(g.id)) {
      const auto tests = domain::signal_input(OverviewRepository(db).method_tests({p.id}, kNow)[p.id]);
      for (const auto& s : domain::evaluate_signals(rules, ResultRepository(db).results_of_pupil(p.id), tests))
        if (s.current) out[p.id] += domain::signal_rule_label(s.rule) + " " + s.subject + " " + s.moment.label() + "\n";
    }
  return out;
}

TEST_P(DemoDyslexia, OneCompleteOneWithAMeasurementMissingAndTheSignalsUnchanged) {
  const Id school = testing::demo_school_through_ihps(*db, kOptions);
  const auto before = signals(*db, school);

  const demo::DemoDyslexia d = demo::add_demo_dyslexia(*db, {school}, kToday);
  ASSERT_NE(d.complete_pupil, 0);
  ASSERT_NE(d.missing_pupil, 0);
  const auto after = signals(*db, school);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [pupil, text] : before)
    EXPECT_EQ(after.at(pupil), text) << "pupil " << pupil << ": V became V−, the same rank; the result left out is no current one";

  auto complete = PupilRecordRepository(*db).read(d.complete_pupil, kNow);
  const domain::DyslexiaEvidence ev = domain::dyslexia_evidence(*complete, {});
  EXPECT_TRUE(ev.complete) << ::testing::PrintToString(ev.missing);
  EXPECT_GE(ev.weeks_counted, 20);
  EXPECT_LE(ev.weeks_counted, 24);

  auto missing = PupilRecordRepository(*db).read(d.missing_pupil, kNow);
  const domain::DyslexiaEvidence gap = domain::dyslexia_evidence(*missing, {});
  EXPECT_FALSE(gap.complete);
  EXPECT_TRUE(gap.persistence_met);
  ASSERT_EQ(gap.missing.size(), 1u);
  EXPECT_EQ(gap.missing[0].rfind("Nog nodig: de DMT-uitslag van ", 0), 0u) << gap.missing[0];
}

KOERS_STORE_TEST_SUITE(DemoDyslexia);

}  // namespace
}  // namespace koers::store
