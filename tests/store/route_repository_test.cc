// The school's 1-zorgroute read at once (RouteRepository::school) on SQLite and PostgreSQL,
// against the demo: for every pupil it gives the same level, evidence and flags as the pupil's
// full record (PupilRecordRepository), which now carries the cases, HGD requests and referrals;
// every level 1–5 has a pupil, the demo's referred pupils at 5 (the TLV flagged, waiting for the
// parents' copy); pupils who left and combined groups are not listed.
#include "store/route_repository.h"

#include <gtest/gtest.h>

#include <iostream>

#include "demo/demo_cases.h"
#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "demo/demo_referrals.h"
#include "demo/demo_route.h"
#include "demo/demo_school.h"
#include "demo_test_support.h"
#include "domain/route.h"
#include "store/account_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/pupil_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const domain::Date kToday{2026, 11, 22};
const demo::DemoOptions kOptions{2, 20261122, kToday};

class RouteRead : public testing::StoreTest {};

TEST_P(RouteRead, TheSchoolReadGivesWhatEachFullRecordGivesAndTheDemoFillsEveryLevel) {
  const Id school = testing::demo_school_through_ihps(*db, kOptions);
  demo::add_demo_cases(*db, {school}, kToday);
  demo::add_demo_route(*db, {school}, kToday);
  const demo::DemoReferrals referrals = demo::add_demo_referrals(*db, {school}, kToday);
  ASSERT_EQ(referrals.stored(), 2);
  // The PCL dossier is complete (last year's evaluated plan, the held pupil discussion), so sent:
  // on both engines, as the demo is the same school on both (its seeds name no database id).
  EXPECT_TRUE(referrals.pcl_sent) << "missing: " << (referrals.pcl_missing.empty() ? "" : referrals.pcl_missing[0]);
  const auto pcl_pupil = PupilRepository(*db).find(referrals.pcl_pupil);
  ASSERT_TRUE(pcl_pupil);
  std::cout << "PCL-verwijzing van de demo: " << pcl_pupil->name.display() << "\n";

  const auto groups = RouteRepository(*db).school(school);
  ASSERT_FALSE(groups.empty());
  PupilRecordRepository records(*db);
  std::map<domain::RouteLevel, int> per_level;
  int pupils = 0;
  for (const RouteGroup& g : groups) {
    EXPECT_EQ(g.group.kind, domain::GroupKind::kRegular);
    for (const domain::PupilRecord& partial : g.pupils) {
      ++pupils;
      const auto full = records.read(partial.pupil_id, kNow);
      ASSERT_TRUE(full);
      EXPECT_EQ(full->group_id, g.group.id) << partial.name;
      const domain::PupilRoute a = domain::pupil_route(partial, kToday), b = domain::pupil_route(*full, kToday);
      EXPECT_EQ(a.level, b.level) << partial.name;
      ASSERT_EQ(a.evidence.size(), b.evidence.size()) << partial.name;
      for (size_t i = 0; i < a.evidence.size(); ++i) EXPECT_EQ(a.evidence[i].text, b.evidence[i].text) << partial.name;
      ASSERT_EQ(a.flags.size(), b.flags.size()) << partial.name;
      for (size_t i = 0; i < a.flags.size(); ++i) EXPECT_EQ(a.flags[i].text, b.flags[i].text) << partial.name;
      ++per_level[a.level];
      if (partial.pupil_id == referrals.pcl_pupil || partial.pupil_id == referrals.waiting_pupil) {
        EXPECT_EQ(a.level, domain::RouteLevel::kExternal) << partial.name;
        EXPECT_EQ(a.evidence.front().kind, "verwijzing") << partial.name;
        ASSERT_EQ(partial.referrals.size(), 1u) << partial.name;
        ASSERT_EQ(full->referrals.size(), 1u) << partial.name;
        EXPECT_EQ(partial.referrals[0].status, full->referrals[0].status) << partial.name;
        const bool waits = partial.pupil_id == referrals.waiting_pupil;
        EXPECT_EQ(partial.referrals[0].status, waits                ? domain::ReferralStatus::kDraft
                                               : referrals.pcl_sent ? domain::ReferralStatus::kSent
                                                                    : domain::ReferralStatus::kWithParents);
        EXPECT_EQ(partial.referrals[0].parents_responded, !waits) << partial.name;
        const bool flagged = std::any_of(a.flags.begin(), a.flags.end(), [](const domain::RouteFlag& f) {
          return f.kind == domain::RouteFlagKind::kReferralAwaitingParents;
        });
        EXPECT_EQ(flagged, waits) << partial.name << ": only the TLV whose copy is not yet available waits";
      }
    }
  }
  EXPECT_GT(pupils, 100);
  for (domain::RouteLevel l : domain::all_route_levels())
    EXPECT_GT(per_level[l], 0) << "no demo pupil at level " << domain::level_number(l);
}

TEST_P(RouteRead, ASchoolWithoutGroupsHasNoRoute) {
  const Id school = schools_of_new_board(1)[0];
  EXPECT_TRUE(RouteRepository(*db).school(school).empty());
}

KOERS_STORE_TEST_SUITE(RouteRead);

}  // namespace
}  // namespace koers::store
