// Cluster proposals on hand-made groups: who goes where per subject and why.
#include "domain/clustering.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "builders.h"

namespace koers::domain {
namespace {

using testing::result;
using testing::history;
using testing::signal;

OverviewLine pupil(Id id, const std::string& name, std::vector<StandardisedResult> results = {}) {
  OverviewLine l;
  l.pupil_id = id;
  l.name = name;
  l.results = std::move(results);
  return l;
}

GroupOverview group_of(std::vector<OverviewLine> lines) {
  GroupOverview o;
  o.subjects = overview_subjects({"5"});
  o.lines = std::move(lines);
  return o;
}

const ClusterPlacement& of(const ClusterProposal& p, Id id) {
  for (const auto& x : p.placements)
    if (x.pupil_id == id) return x;
  throw std::runtime_error("not placed");
}

TEST(Clustering, LevelsDecideAndTheReasonSaysWhich) {
  OverviewLine dirk = pupil(4, "Dirk", {result("Rekenen-Wiskunde", "M5", 4)});
  dirk.signals.push_back(signal(SignalRule::kLevelLow, "Rekenen-Wiskunde", "M5", "Rekenen-Wiskunde: niveau IV in M5 (20–40 %)"));
  auto o = group_of({pupil(1, "Anna", {result("Rekenen-Wiskunde", "M5", 5)}),
                     pupil(2, "Bram", {result("Rekenen-Wiskunde", "M5", 3)}),
                     pupil(3, "Cas", {result("Rekenen-Wiskunde", "M5", 1)}), dirk,
                     pupil(5, "Fenna", {result("Rekenen-Wiskunde", "M5", 4)})});
  ClusterProposal p = propose_clusters(o, "Rekenen-Wiskunde", 80);
  EXPECT_EQ(of(p, 1).proposed, Approach::kIntensive);
  EXPECT_EQ(of(p, 1).reasons.front(), "Rekenen-Wiskunde: niveau V in M5");
  EXPECT_EQ(of(p, 2).proposed, Approach::kBasic);
  EXPECT_EQ(of(p, 3).proposed, Approach::kDeepened);
  EXPECT_EQ(of(p, 4).proposed, Approach::kIntensive);
  EXPECT_EQ(of(p, 4).reasons, std::vector<std::string>{"Rekenen-Wiskunde: niveau IV in M5 (20–40 %)"});
  EXPECT_EQ(of(p, 5).proposed, Approach::kBasic) << "level IV without a signal: the team's own threshold decides";
  // Intensief first, then basis, then verdiept; by name within each.
  std::vector<Id> order;
  for (const auto& x : p.placements) order.push_back(x.pupil_id);
  EXPECT_EQ(order, (std::vector<Id>{1, 4, 2, 5, 3}));
  EXPECT_EQ(p.count(Approach::kIntensive), 2);
}

TEST(Clustering, TiesLandTogether) {
  auto o = group_of({pupil(1, "Zoë", {result("Spelling", "E5", 2)}), pupil(2, "Adam", {result("Spelling", "E5", 2)})});
  ClusterProposal p = propose_clusters(o, "Spelling", 80);
  EXPECT_EQ(of(p, 1).proposed, of(p, 2).proposed);
  EXPECT_EQ(p.placements.front().name, "Adam") << "by name within a subgroup, whatever the input order";
}

TEST(Clustering, APupilWithoutResultsStaysInBasisOrKeepsTheirApproach) {
  OverviewLine newcomer = pupil(1, "Nieuw");
  OverviewLine placed = pupil(2, "Geplaatst");
  placed.approaches.push_back({"Spelling", Approach::kIntensive, "leerkracht", "2026-09-01"});
  ClusterProposal p = propose_clusters(group_of({newcomer, placed}), "Spelling", 80);
  EXPECT_EQ(of(p, 1).proposed, Approach::kBasic);
  EXPECT_EQ(of(p, 1).reasons, std::vector<std::string>{"nog geen toetsgegevens voor Spelling"});
  EXPECT_EQ(of(p, 2).proposed, Approach::kIntensive);
  EXPECT_EQ(of(p, 2).reasons.front(), "nog geen toetsgegevens voor Spelling; de huidige aanpak (intensief) blijft");
  EXPECT_EQ(of(p, 2).current, Approach::kIntensive);
}

TEST(Clustering, ASignalInOneSubjectOnlyMovesThatSubject) {
  OverviewLine sem = pupil(1, "Sem", {result("Rekenen-Wiskunde", "M5", 2), result("Spelling", "M5", 2)});
  sem.signals.push_back(signal(SignalRule::kGrowthBelowExpected, "Rekenen-Wiskunde", "M5",
                               "Rekenen-Wiskunde: groei 3 van M4 naar M5, verwacht 8"));
  auto o = group_of({sem});
  ClusterProposal rekenen = propose_clusters(o, "Rekenen-Wiskunde", 80);
  EXPECT_EQ(of(rekenen, 1).proposed, Approach::kIntensive);
  EXPECT_EQ(of(rekenen, 1).reasons.front(), "Rekenen-Wiskunde: groei 3 van M4 naar M5, verwacht 8");
  EXPECT_EQ(of(propose_clusters(o, "Spelling", 80), 1).proposed, Approach::kBasic);
}

TEST(Clustering, OnlyTheLatestMomentCounts) {
  OverviewLine l = pupil(1, "Lotte", {result("Spelling", "M4", 5), result("Spelling", "E4", 3), result("Spelling", "M5", 2)});
  l.signals.push_back(history(signal(SignalRule::kLevelLow, "Spelling", "M4", "Spelling: niveau V in M4")));
  ClusterPlacement p = of(propose_clusters(group_of({l}), "Spelling", 80), 1);
  EXPECT_EQ(p.proposed, Approach::kBasic) << "a low level of a year ago is history, not today's need";
  EXPECT_EQ(p.reasons, std::vector<std::string>{"Spelling: niveau II in M5"});
}

TEST(Clustering, ADropCountsOnlyWhenItEndsAtLevelThreeOrLower) {
  OverviewLine high = pupil(1, "Hoog", {result("Spelling", "M5", 1), result("Spelling", "E5", 2)});
  high.signals.push_back(signal(SignalRule::kLevelDrop, "Spelling", "E5", "Spelling: niveau I in M5 → II in E5"));
  OverviewLine mid = pupil(2, "Midden", {result("Spelling", "M5", 2), result("Spelling", "E5", 3)});
  mid.signals.push_back(signal(SignalRule::kLevelDrop, "Spelling", "E5", "Spelling: niveau II in M5 → III in E5"));
  ClusterProposal p = propose_clusters(group_of({high, mid}), "Spelling", 80);
  EXPECT_EQ(of(p, 1).proposed, Approach::kBasic);
  EXPECT_EQ(of(p, 1).reasons.back(), "let op: Spelling: niveau I in M5 → II in E5");
  EXPECT_EQ(of(p, 2).proposed, Approach::kIntensive);
}

TEST(Clustering, MethodTestsBelowMasteryKeepATopPupilOutOfVerdiept) {
  OverviewLine top = pupil(1, "Top", {result("Rekenen-Wiskunde", "M5", 1)});
  MethodTest t;
  t.subject = "Rekenen";
  t.block = "Blok 4";
  t.score = 30;
  t.maximum = 50;
  top.method_tests.push_back(t);
  ClusterProposal p = propose_clusters(group_of({top}), "Rekenen-Wiskunde", 80);
  EXPECT_EQ(of(p, 1).proposed, Approach::kBasic);
  EXPECT_EQ(of(p, 1).reasons.back(), "methodetoets Rekenen Blok 4 onder de beheersnorm (60 %)");
}

TEST(Clustering, TheSubjectsNeedsComeWithTheReasons) {
  OverviewLine l = pupil(1, "Eva", {result("Begrijpend lezen", "M5", 3)});
  OverviewEntry need;
  need.kind = EntryKind::kSubjectNeed;
  need.topic = "Begrijpend lezen";
  need.text = "teksten met plaatjes";
  l.entries.push_back(need);
  auto reasons = of(propose_clusters(group_of({l}), "Begrijpend lezen", 80), 1).reasons;
  EXPECT_EQ(reasons.back(), "heeft teksten met plaatjes nodig");
}

TEST(Clustering, GroupsOfEightAndThirtyFourPlaceEveryPupilOnce) {
  for (int size : {8, 34}) {
    std::vector<OverviewLine> lines;
    for (int i = 0; i < size; ++i)
      lines.push_back(pupil(i + 1, "Leerling " + std::to_string(100 + i), {result("Spelling", "M5", 1 + i % 5)}));
    ClusterProposal p = propose_clusters(group_of(lines), "Spelling", 80);
    ASSERT_EQ(p.placements.size(), static_cast<size_t>(size));
    EXPECT_EQ(p.count(Approach::kIntensive) + p.count(Approach::kBasic) + p.count(Approach::kDeepened), size);
    EXPECT_GT(p.count(Approach::kIntensive), 0) << size;
    EXPECT_GT(p.count(Approach::kDeepened), 0) << size;
    std::set<Id> seen;
    for (const auto& x : p.placements) EXPECT_TRUE(seen.insert(x.pupil_id).second);
  }
}

TEST(Clustering, TestsCountForTheirSubject) {
  EXPECT_TRUE(test_counts_for("Technisch lezen", "DMT"));
  EXPECT_TRUE(test_counts_for("Technisch lezen", "AVI"));
  EXPECT_TRUE(test_counts_for("Rekenen-Wiskunde", "Rekenen"));
  EXPECT_TRUE(test_counts_for("Spelling", "Spelling werkwoorden"));
  EXPECT_FALSE(test_counts_for("Rekenen-Wiskunde", "Rekenen voor kleuters"));
  EXPECT_TRUE(test_counts_for("Beginnende gecijferdheid", "Rekenen voor kleuters"));
  EXPECT_FALSE(test_counts_for("Begrijpend lezen", "DMT"));
  EXPECT_FALSE(test_counts_for("Spelling", "Woordenschat"));
}

}  // namespace
}  // namespace koers::domain
