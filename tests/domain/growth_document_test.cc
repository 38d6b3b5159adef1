// The groeidocument of a pupil discussion, pre-filled from hand-made pupils and plans: what
// the IB finds in it before the meeting, and the "wat Koers al weet" text of step 1.
#include "domain/growth_document.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "builders.h"

namespace koers::domain {
namespace {

using testing::result;
using testing::history;
using testing::signal;
using testing::subject_plan;

const std::vector<std::string> kSubjects = overview_subjects({"6"});  // TL, BL, Spelling, R-W

Signal block_signal(const char* subject, const char* block, const std::string& evidence) {
  Signal s = signal(SignalRule::kMethodTestBelowMastery, subject, "M6", evidence);
  s.block = block;
  return s;
}

MethodTest method_test(const char* subject, const char* block, double score, Date on) {
  MethodTest t;
  t.subject = subject;
  t.block = block;
  t.score = score;
  t.maximum = 40;
  t.taken_on = on;
  return t;
}

OverviewEntry entry(EntryKind kind, const std::string& topic, const std::string& text, InformationSource source,
                    const std::string& at) {
  OverviewEntry e;
  e.kind = kind;
  e.topic = topic;
  e.text = text;
  e.source = source;
  e.written_by = "juf Anna";
  e.written_at = at;
  return e;
}

PupilApproach approach(const char* subject, Approach a) {
  PupilApproach p;
  p.subject = subject;
  p.approach = a;
  return p;
}

// Sanne (1), group 6: rekenen goes down to IV with a growth signal and the intensive approach;
// spelling was IV at M5 but is II now; the DMT is I; she is easily distracted but helps others.
OverviewLine sanne() {
  OverviewLine l;
  l.pupil_id = 1;
  l.name = "Sanne Bakker";
  l.year_group = "6";
  l.approaches = {approach("Rekenen-Wiskunde", Approach::kIntensive), approach("Spelling", Approach::kBasic)};
  l.method_tests = {  // newest first, as the overview holds them
      method_test("Rekenen-Wiskunde", "Blok 4", 21, {2027, 1, 20}),
      method_test("Spelling", "Blok 4", 36, {2027, 1, 18}),
      method_test("Rekenen-Wiskunde", "Blok 3", 30, {2026, 12, 10}),
      method_test("Rekenen-Wiskunde", "Blok 2", 33, {2026, 11, 5}),
      method_test("Rekenen-Wiskunde", "Blok 1", 35, {2026, 10, 1})};
  l.results = {result("Rekenen-Wiskunde", "E4", 2), result("Spelling", "M5", 4),  result("Rekenen-Wiskunde", "M5", 2),
               result("Rekenen-Wiskunde", "E5", 3), result("DMT", "M6", 1),      result("Spelling", "M6", 2),
               result("Rekenen-Wiskunde", "M6", 4)};
  l.reading_level = ReadingLevel{*parse_test_moment("M6"), "M5", {2027, 1, 25}, "juf Anna"};
  l.entries = {
      entry(EntryKind::kHindering, "", "Raakt snel afgeleid bij drukte.", InformationSource::kObservation,
            "2026-10-02T09:00:00Z"),
      entry(EntryKind::kGeneralNeed, "instructie", "korte instructie", InformationSource::kObservation,
            "2026-10-03T10:00:00Z"),
      entry(EntryKind::kProtective, "", "Helpt graag anderen", InformationSource::kTalkWithParents,
            "2026-10-04T14:30:00Z"),
      entry(EntryKind::kSubjectNeed, "Rekenen-Wiskunde", "Heeft concreet materiaal nodig.", InformationSource::kTest,
            "2027-01-31T15:00:00Z")};
  // As evaluate_signals gives them: by subject and moment.
  l.signals = {signal(SignalRule::kTopLevel, "DMT", "M6", "DMT: niveau I in M6 (80–100 %): kandidaat voor de verdiepte aanpak"),
               signal(SignalRule::kLevelLow, "Rekenen-Wiskunde", "M6", "Rekenen-Wiskunde: niveau IV in M6 (20–40 %)"),
               signal(SignalRule::kGrowthBelowExpected, "Rekenen-Wiskunde", "M6",
                      "Rekenen-Wiskunde: groei 2 punten van E5 naar M6 (180 → 182), verwacht 7"),
               history(signal(SignalRule::kLevelLow, "Spelling", "M5", "Spelling: niveau IV in M5 (20–40 %)"))};
  return l;
}

// Daan (2): rekenen at I, begrijpend lezen in the verdiept group; only method tests for spelling.
OverviewLine daan() {
  OverviewLine l;
  l.pupil_id = 2;
  l.name = "Daan de Vries";
  l.year_group = "6";
  l.approaches = {approach("Begrijpend lezen", Approach::kDeepened)};
  l.results = {result("Begrijpend lezen", "M6", 2), result("Rekenen-Wiskunde", "M6", 1)};
  l.method_tests = {method_test("Spelling", "Blok 4", 38, {2027, 1, 18})};
  l.entries = {entry(EntryKind::kProtective, "", "Werkt zelfstandig.", InformationSource::kObservation,
                     "2026-11-01T08:00:00Z")};
  l.signals = {signal(SignalRule::kTopLevel, "Rekenen-Wiskunde", "M6",
                      "Rekenen-Wiskunde: niveau I in M6 (80–100 %): kandidaat voor de verdiepte aanpak")};
  return l;
}

// Noor (3): new in the group, nothing known yet.
OverviewLine noor() {
  OverviewLine l;
  l.pupil_id = 3;
  l.name = "Noor Jansen";
  l.year_group = "6";
  return l;
}

GrowthDocumentFacts facts_of(const OverviewLine& line, const std::vector<const GroupPlan*>& plans = {},
                             const std::vector<std::string>& names = {},
                             const std::vector<EarlierDiscussion>& earlier = {}) {
  return growth_document_facts(line, kSubjects, plans, names, earlier);
}

const GrowthSubject& subject(const GrowthDocumentFacts& f, const std::string& name) {
  for (const auto& s : f.subjects)
    if (s.subject == name) return s;
  throw std::runtime_error("no subject " + name);
}

// ---- factors and needs -------------------------------------------------------------------

TEST(GrowthDocument, FactorsAndNeedsKeepTheirSourceAndNeedsReadAsTheOverviewPhrasesThem) {
  GrowthDocumentFacts f = facts_of(sanne());
  ASSERT_EQ(f.protective.size(), 1u);
  EXPECT_EQ(f.protective[0].text, "Helpt graag anderen");
  EXPECT_EQ(f.protective[0].source, InformationSource::kTalkWithParents);
  EXPECT_EQ(f.protective[0].written_by, "juf Anna");
  EXPECT_EQ(f.protective[0].written_at, "2026-10-04T14:30:00Z");
  ASSERT_EQ(f.hindering.size(), 1u);
  EXPECT_EQ(f.hindering[0].text, "Raakt snel afgeleid bij drukte.");
  EXPECT_EQ(f.hindering[0].source, InformationSource::kObservation);
  ASSERT_EQ(f.general_needs.size(), 1u);
  EXPECT_EQ(f.general_needs[0].topic, "instructie");
  EXPECT_EQ(f.general_needs[0].text, "heeft korte instructie nodig");
  ASSERT_EQ(f.subject_needs.size(), 1u);
  EXPECT_EQ(f.subject_needs[0].topic, "Rekenen-Wiskunde");
  EXPECT_EQ(f.subject_needs[0].text, "heeft concreet materiaal nodig");  // typed as a sentence, not doubled
  EXPECT_EQ(f.subject_needs[0].source, InformationSource::kTest);
  EXPECT_EQ(f.subject_needs[0].written_at, "2027-01-31T15:00:00Z");
  EXPECT_EQ(f.name, "Sanne Bakker");
  EXPECT_EQ(f.year_group, "6");
}

// ---- per subject ---------------------------------------------------------------------------

TEST(GrowthDocument, PerSubjectTheLatestThreeResultsOfEachTestWithTheTrendInWords) {
  GrowthDocumentFacts f = facts_of(sanne());
  ASSERT_EQ(f.subjects.size(), kSubjects.size());
  for (size_t i = 0; i < kSubjects.size(); ++i) EXPECT_EQ(f.subjects[i].subject, kSubjects[i]);

  const GrowthSubject& rekenen = subject(f, "Rekenen-Wiskunde");
  ASSERT_EQ(rekenen.tests.size(), 1u);
  const auto& r = rekenen.tests[0].results;
  ASSERT_EQ(r.size(), 3u);  // E4 is older than the three shown
  EXPECT_EQ(r[0].moment.label(), "M5");
  EXPECT_EQ(r[2].moment.label(), "M6");
  EXPECT_EQ(rekenen.tests[0].trend, Trend::kDown);
  EXPECT_EQ(rekenen.tests[0].trend_text, "achteruit");

  const GrowthSubject& spelling = subject(f, "Spelling");
  ASSERT_EQ(spelling.tests.size(), 1u);
  EXPECT_EQ(spelling.tests[0].trend_text, "vooruit");  // IV → II

  // Technisch lezen: the DMT counts for it, with only one result there is no trend.
  const GrowthSubject& lezen = subject(f, "Technisch lezen");
  ASSERT_EQ(lezen.tests.size(), 1u);
  EXPECT_EQ(lezen.tests[0].test, "DMT");
  EXPECT_FALSE(lezen.tests[0].trend.has_value());
  EXPECT_EQ(lezen.tests[0].trend_text, "");
}

TEST(GrowthDocument, PerSubjectTheLatestMethodTestsTheAviLevelAndTheApproach) {
  GrowthDocumentFacts f = facts_of(sanne());
  const GrowthSubject& rekenen = subject(f, "Rekenen-Wiskunde");
  ASSERT_EQ(rekenen.method_tests.size(), 3u);  // of four, the newest three; spelling's not among them
  EXPECT_EQ(rekenen.method_tests[0].block, "Blok 4");
  EXPECT_EQ(rekenen.method_tests[1].block, "Blok 3");
  EXPECT_EQ(rekenen.method_tests[2].block, "Blok 2");
  for (const auto& t : rekenen.method_tests) EXPECT_EQ(t.subject, "Rekenen-Wiskunde");
  EXPECT_EQ(rekenen.approach, Approach::kIntensive);
  EXPECT_FALSE(rekenen.reading_level.has_value());

  ASSERT_EQ(subject(f, "Spelling").method_tests.size(), 1u);
  EXPECT_EQ(subject(f, "Spelling").approach, Approach::kBasic);

  const GrowthSubject& lezen = subject(f, "Technisch lezen");
  ASSERT_TRUE(lezen.reading_level.has_value());
  EXPECT_EQ(lezen.reading_level->avi_level, "M5");
  EXPECT_FALSE(lezen.approach.has_value());
}

TEST(GrowthDocument, APupilWithoutResultsHasEverySubjectButNothingInIt) {
  GrowthDocumentFacts f = facts_of(noor());
  ASSERT_EQ(f.subjects.size(), kSubjects.size());
  for (const auto& s : f.subjects) {
    EXPECT_TRUE(s.tests.empty()) << s.subject;
    EXPECT_TRUE(s.method_tests.empty()) << s.subject;
    EXPECT_FALSE(s.approach.has_value()) << s.subject;
    EXPECT_FALSE(s.reading_level.has_value()) << s.subject;
  }
  EXPECT_TRUE(f.signals.empty());
  EXPECT_TRUE(f.protective.empty());
  EXPECT_TRUE(f.hindering.empty());
  EXPECT_EQ(f.summary, "Koers heeft nog geen resultaten, aanpak of factoren van deze leerling.");
}

// ---- signals -------------------------------------------------------------------------------

TEST(GrowthDocument, SignalsSayWhatTheyAreConcernsBeforeStrengthsAboutWhatIsCurrent) {
  GrowthDocumentFacts f = facts_of(sanne());
  // Her spelling signal of M5 is history: she was tested again in M6.
  ASSERT_EQ(f.signals.size(), 3u);
  EXPECT_EQ(f.signals[0].text, "Laag niveau: Rekenen-Wiskunde: niveau IV in M6 (20–40 %)");
  EXPECT_EQ(f.signals[1].text,
            "Groei onder verwachting: Rekenen-Wiskunde: groei 2 punten van E5 naar M6 (180 → 182), verwacht 7");
  EXPECT_FALSE(f.signals[1].positive);
  for (const auto& s : f.signals) EXPECT_NE(s.about, "M5") << s.text;
  EXPECT_TRUE(f.signals[2].positive);
  EXPECT_EQ(f.signals[2].subject, "DMT");
  EXPECT_EQ(f.signals[2].rule, SignalRule::kTopLevel);
}

TEST(GrowthDocument, AMethodTestSignalIsAboutItsBlock) {
  OverviewLine l = noor();
  l.method_tests = {method_test("Spelling", "Blok 3", 20, {2027, 1, 18})};
  l.signals = {block_signal("Spelling", "Blok 3", "Spelling blok 3: 50 % (beheersing 80 %)")};
  GrowthDocumentFacts f = facts_of(l);
  ASSERT_EQ(f.signals.size(), 1u);
  EXPECT_EQ(f.signals[0].about, "Blok 3");
  EXPECT_EQ(f.signals[0].text, "Methodetoets onder beheersing: Spelling blok 3: 50 % (beheersing 80 %)");
}

// ---- the summary ---------------------------------------------------------------------------

TEST(GrowthDocument, SummaryOfAStrugglingPupil) {
  // Spelling's old signal (IV at M5) no longer counts: she is at II now.
  EXPECT_EQ(facts_of(sanne()).summary,
            "Wat gaat goed: Technisch lezen (niveau I in M6); Spelling (niveau II in M6); Helpt graag anderen. "
            "Wat gaat moeilijk: Rekenen-Wiskunde (niveau IV in M6, groei onder verwachting, aanpak intensief); "
            "Raakt snel afgeleid bij drukte.");
}

TEST(GrowthDocument, SummaryOfAPupilDoingWell) {
  // Spelling has only method tests and no aanpak: nothing to say about it yet.
  EXPECT_EQ(facts_of(daan()).summary,
            "Wat gaat goed: Begrijpend lezen (niveau II in M6, aanpak verdiept); Rekenen-Wiskunde (niveau I in M6); "
            "Werkt zelfstandig.");
}

TEST(GrowthDocument, SummaryNeverHidesAConcernBehindAGoodLevel) {
  OverviewLine l = noor();
  l.results = {result("Spelling", "M6", 2)};
  l.method_tests = {method_test("Spelling", "Blok 4", 20, {2027, 1, 18}),
                    method_test("Spelling", "Blok 3", 22, {2026, 12, 10})};
  // Blok 3 is history; blok 4 below mastery counts and outweighs level II.
  l.signals = {history(block_signal("Spelling", "Blok 3", "Spelling blok 3: 55 %")),
               block_signal("Spelling", "Blok 4", "Spelling blok 4: 50 %")};
  EXPECT_EQ(facts_of(l).summary, "Wat gaat moeilijk: Spelling (niveau II in M6, methodetoets onder beheersing).");
  l.signals.pop_back();
  EXPECT_EQ(facts_of(l).summary, "Wat gaat goed: Spelling (niveau II in M6).");
}

TEST(GrowthDocument, SummaryCountsALevelDropOnlyWhenItEndsAtThreeOrLower) {
  OverviewLine l = noor();
  l.results = {result("Begrijpend lezen", "E5", 1), result("Begrijpend lezen", "M6", 2),
               result("Rekenen-Wiskunde", "E5", 2), result("Rekenen-Wiskunde", "M6", 3)};
  l.signals = {signal(SignalRule::kLevelDrop, "Begrijpend lezen", "M6", "Begrijpend lezen: niveau I in E5 → II in M6"),
               signal(SignalRule::kLevelDrop, "Rekenen-Wiskunde", "M6", "Rekenen-Wiskunde: niveau II in E5 → III in M6")};
  EXPECT_EQ(facts_of(l).summary,
            "Wat gaat goed: Begrijpend lezen (niveau II in M6). "
            "Wat gaat moeilijk: Rekenen-Wiskunde (niveau III in M6, daling in niveau).");
}

TEST(GrowthDocument, SummaryJudgesLevelsFourAndFiveDifficultEvenWithoutASignal) {
  // The school may have switched the level rule off; a V is still difficult, a C still fine.
  OverviewLine l = noor();
  StandardisedResult c = result("Spelling", "M6", 3);
  c.level->scale = LevelScale::kLetter;
  l.results = {result("Rekenen-Wiskunde", "M6", 5), c};
  EXPECT_EQ(facts_of(l).summary,
            "Wat gaat goed: Spelling (niveau C in M6). Wat gaat moeilijk: Rekenen-Wiskunde (niveau V in M6).");
}

TEST(GrowthDocument, SummaryFollowsTheApproachWhenThereAreNoResults) {
  OverviewLine l = noor();
  l.approaches = {approach("Spelling", Approach::kIntensive), approach("Rekenen-Wiskunde", Approach::kDeepened),
                  approach("Begrijpend lezen", Approach::kBasic)};
  EXPECT_EQ(facts_of(l).summary,
            "Wat gaat goed: Rekenen-Wiskunde (aanpak verdiept). Wat gaat moeilijk: Spelling (aanpak intensief).");
}

// ---- plans ---------------------------------------------------------------------------------

SubgroupPlan& subgroup(SubjectPlan& s, Approach a) {
  for (auto& g : s.subgroups)
    if (g.approach == a) return g;
  throw std::runtime_error("no subgroup");
}

PlanGoal goal(GoalKind kind, const std::string& text, std::optional<GoalVerdict> verdict) {
  PlanGoal g;
  g.kind = kind;
  g.text = text;
  g.verdict = verdict;
  return g;
}

// Periode 1: Sanne in basis for rekenen, intensief for spelling. Periode 2: she moved to
// intensief for rekenen, with an individual line; spelling stays intensief; for begrijpend
// lezen she has only an individual line.
GroupPlan period_1() {
  GroupPlan p;
  p.period_id = 11;
  p.evaluation_closed = true;
  SubjectPlan rekenen = subject_plan("Rekenen-Wiskunde");
  SubgroupPlan& basis = subgroup(rekenen, Approach::kBasic);
  basis.pupils = {1, 2};
  PlanGoal measured = goal(GoalKind::kDidactic, "Minimaal niveau III op de M6-toets.", GoalVerdict::kPartly);
  measured.pupils = {{2, GoalVerdict::kReached, "Rekenen-Wiskunde M6: niveau I (doel: III of hoger)", true},
                     {1, GoalVerdict::kNotReached, "Rekenen-Wiskunde M6: niveau IV, was III in E5 (doel: III of hoger)",
                      true}};
  measured.hindering = "veel afwezig in december";
  PlanGoal teacher = goal(GoalKind::kPedagogic, "Werkt tien minuten zelfstandig.", GoalVerdict::kReached);
  teacher.stimulating = "timer op tafel";
  basis.goals = {measured, teacher};
  subgroup(rekenen, Approach::kIntensive).goals = {goal(GoalKind::kDidactic, "Tafels 1–5 geautomatiseerd.", std::nullopt)};
  SubjectPlan spelling = subject_plan("Spelling");
  subgroup(spelling, Approach::kIntensive).pupils = {1};
  subgroup(spelling, Approach::kBasic).pupils = {2};
  SubjectPlan begrijpend = subject_plan("Begrijpend lezen");
  subgroup(begrijpend, Approach::kBasic).pupils = {2};
  p.subjects = {rekenen, spelling, begrijpend};
  return p;
}

GroupPlan period_2() {
  GroupPlan p;
  p.period_id = 12;
  SubjectPlan begrijpend = subject_plan("Begrijpend lezen");
  subgroup(begrijpend, Approach::kDeepened).pupils = {2};
  begrijpend.individual = {{1, "Leest de tekst vooraf met de leesmoeder."}};
  SubjectPlan rekenen = subject_plan("Rekenen-Wiskunde");
  SubgroupPlan& intensief = subgroup(rekenen, Approach::kIntensive);
  intensief.pupils = {1};
  PlanGoal proposed = goal(GoalKind::kDidactic, "80 % goed op de methodetoets van blok 5.", std::nullopt);
  proposed.pupils = {{1, GoalVerdict::kPartly, "Rekenen-Wiskunde blok 5: 72 % (doel: 80 %)", false}};
  intensief.goals = {proposed};
  subgroup(rekenen, Approach::kDeepened).pupils = {2};
  rekenen.individual = {{1, "Twee keer per week tafels oefenen met de RT'er."}, {2, "Plusklas op vrijdag."}};
  SubjectPlan spelling = subject_plan("Spelling");
  subgroup(spelling, Approach::kIntensive).pupils = {1};
  p.subjects = {begrijpend, rekenen, spelling};
  return p;
}

TEST(GrowthDocument, PerPlanTheSubgroupAndWhereThePupilMoved) {
  GroupPlan p1 = period_1(), p2 = period_2();
  GrowthDocumentFacts f = facts_of(sanne(), {&p1, &p2}, {"Periode 1", "Periode 2"});
  ASSERT_EQ(f.plans.size(), 2u);
  EXPECT_EQ(f.plans[0].period_name, "Periode 1");
  EXPECT_EQ(f.plans[0].period_id, 11);
  EXPECT_TRUE(f.plans[0].evaluation_closed);
  EXPECT_EQ(f.plans[1].period_name, "Periode 2");

  // Periode 1: rekenen and spelling; begrijpend lezen not, she was in no subgroup there.
  const auto& first = f.plans[0].subjects;
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(first[0].subgroup, Approach::kBasic);
  EXPECT_FALSE(first[0].moved_from.has_value());  // no plan before it
  EXPECT_EQ(first[1].subject, "Spelling");
  EXPECT_EQ(first[1].subgroup, Approach::kIntensive);

  // Periode 2, in its own order: begrijpend lezen (individual line only), rekenen, spelling.
  const auto& second = f.plans[1].subjects;
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0].subject, "Begrijpend lezen");
  EXPECT_FALSE(second[0].subgroup.has_value());
  EXPECT_TRUE(second[0].goals.empty());
  EXPECT_EQ(second[0].individual_line, "Leest de tekst vooraf met de leesmoeder.");
  EXPECT_EQ(second[1].subject, "Rekenen-Wiskunde");
  EXPECT_EQ(second[1].subgroup, Approach::kIntensive);
  EXPECT_EQ(second[1].moved_from, Approach::kBasic);
  EXPECT_EQ(second[1].individual_line, "Twee keer per week tafels oefenen met de RT'er.");
  EXPECT_EQ(second[2].subgroup, Approach::kIntensive);
  EXPECT_FALSE(second[2].moved_from.has_value());  // stayed in intensief
}

TEST(GrowthDocument, AGoalShowsThePupilsOwnVerdictElseTheSubgroups) {
  GroupPlan p1 = period_1(), p2 = period_2();
  GrowthDocumentFacts f = facts_of(sanne(), {&p1, &p2}, {"Periode 1", "Periode 2"});
  const auto& goals = f.plans[0].subjects[0].goals;  // rekenen, basis: not the intensief goal
  ASSERT_EQ(goals.size(), 2u);
  // Her own verdict, not the subgroup's "deels".
  EXPECT_EQ(goals[0].text, "Minimaal niveau III op de M6-toets.");
  EXPECT_EQ(goals[0].verdict, GoalVerdict::kNotReached);
  EXPECT_EQ(goals[0].verdict_text, "niet behaald");
  EXPECT_TRUE(goals[0].for_pupil);
  EXPECT_FALSE(goals[0].proposed);
  EXPECT_EQ(goals[0].evidence, "Rekenen-Wiskunde M6: niveau IV, was III in E5 (doel: III of hoger)");
  EXPECT_EQ(goals[0].hindering, "veel afwezig in december");
  // Only the subgroup's verdict.
  EXPECT_EQ(goals[1].kind, GoalKind::kPedagogic);
  EXPECT_EQ(goals[1].verdict, GoalVerdict::kReached);
  EXPECT_EQ(goals[1].verdict_text, "behaald");
  EXPECT_FALSE(goals[1].for_pupil);
  EXPECT_EQ(goals[1].evidence, "");
  EXPECT_EQ(goals[1].stimulating, "timer op tafel");
  // Koers' proposal the teacher has not confirmed yet.
  const auto& proposed = f.plans[1].subjects[1].goals;
  ASSERT_EQ(proposed.size(), 1u);
  EXPECT_EQ(proposed[0].verdict, GoalVerdict::kPartly);
  EXPECT_TRUE(proposed[0].for_pupil);
  EXPECT_TRUE(proposed[0].proposed);
}

TEST(GrowthDocument, AGoalNobodyEvaluatedSaysSo) {
  GroupPlan p1 = period_1();
  subgroup(p1.subjects[0], Approach::kBasic).goals[1].verdict.reset();
  GrowthDocumentFacts f = facts_of(sanne(), {&p1}, {"Periode 1"});
  const GrowthGoal& g = f.plans[0].subjects[0].goals[1];
  EXPECT_FALSE(g.verdict.has_value());
  EXPECT_EQ(g.verdict_text, "niet geëvalueerd");
}

TEST(GrowthDocument, APupilWhoCameLaterIsInNoSubjectOfTheEarlierPlan) {
  GroupPlan p1 = period_1();
  GrowthDocumentFacts f = facts_of(noor(), {&p1}, {"Periode 1"});
  ASSERT_EQ(f.plans.size(), 1u);
  EXPECT_TRUE(f.plans[0].subjects.empty());
}

TEST(GrowthDocument, OnePeriodNamePerPlanOrItIsTheCallersBug) {
  GroupPlan p1 = period_1();
  EXPECT_THROW(facts_of(sanne(), {&p1}, {}), std::invalid_argument);
  EXPECT_THROW(facts_of(sanne(), {nullptr}, {"Periode 1"}), std::invalid_argument);
}

// ---- earlier discussions -------------------------------------------------------------------

TEST(GrowthDocument, EarlierDiscussionsNewestFirst) {
  std::vector<EarlierDiscussion> earlier = {
      {{2027, 2, 10}, "Groepsbespreking", "Sanne naar intensief voor rekenen."},
      {{2026, 10, 5}, "Groepsbespreking", ""},
      {{2027, 3, 1}, "Leerlingbespreking", "IHP rekenen gestart."},
      {{2027, 2, 10}, "Leerlingbespreking", "Hulpvraag over concentratie."}};
  GrowthDocumentFacts f = facts_of(sanne(), {}, {}, earlier);
  ASSERT_EQ(f.earlier.size(), 4u);
  EXPECT_EQ(f.earlier[0].on, (Date{2027, 3, 1}));
  EXPECT_EQ(f.earlier[1].kind_label, "Groepsbespreking");  // same day: as given
  EXPECT_EQ(f.earlier[1].summary, "Sanne naar intensief voor rekenen.");
  EXPECT_EQ(f.earlier[2].kind_label, "Leerlingbespreking");
  EXPECT_EQ(f.earlier[3].on, (Date{2026, 10, 5}));
  EXPECT_EQ(f.earlier[3].summary, "");
}

// ---- steps, registration, outcomes ---------------------------------------------------------

TEST(GrowthDocument, TheSixStepsAsTheSeedsNameThem) {
  const auto& steps = growth_steps();
  ASSERT_EQ(steps.size(), 6u);
  const std::vector<std::string> titles = {"Wat gaat goed en wat gaat moeilijk?",
                                           "Inzicht: hoe zou het kunnen dat de situatie nu zo is?",
                                           "Weten we al genoeg om de vragen te beantwoorden?",
                                           "Uitzicht: wat betekent de analyse voor de aanpak?",
                                           "Wat zijn de ondersteuningsbehoeften van de leerkracht?",
                                           "Afspraken en planning."};
  std::set<std::string> keys;
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(steps[i].title, titles[i]);
    EXPECT_FALSE(steps[i].key.empty());
    keys.insert(steps[i].key);
  }
  EXPECT_EQ(keys.size(), 6u);
}

TEST(GrowthDocument, TheHelpQuestionIsRequiredAndShouldBeAQuestion) {
  RegistrationForm form;
  form.going_well = "Lezen gaat goed.";
  auto problems = registration_problems(form);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("Hulpvraag: ", 0), 0u);
  EXPECT_FALSE(registration_complete(form));

  form.help_question = "  \n ";
  EXPECT_EQ(registration_problems(form), problems);
  EXPECT_FALSE(registration_complete(form));

  form.help_question = "Sanne raakt afgeleid bij rekenen";
  problems = registration_problems(form);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("Hulpvraag: ", 0), 0u);
  EXPECT_NE(problems[0].find("vraag"), std::string::npos);
  EXPECT_TRUE(registration_complete(form));  // advice only: it may be sent

  form.help_question = "Hoe help ik Sanne om bij rekenen bij de les te blijven?";
  EXPECT_TRUE(registration_problems(form).empty());
  EXPECT_TRUE(registration_complete(form));
}

TEST(GrowthDocument, OutcomesHaveDutchKeysThatReadBack) {
  std::set<std::string> keys;
  for (PupilDiscussionOutcome o : all_outcomes()) {
    const std::string key = outcome_key(o);
    EXPECT_EQ(parse_outcome(key), o) << key;
    for (char c : key) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << key;
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), all_outcomes().size());
  EXPECT_EQ(all_outcomes().front(), PupilDiscussionOutcome::kNone);
  EXPECT_EQ(outcome_label(PupilDiscussionOutcome::kNone), "nog niet besloten");
  EXPECT_EQ(outcome_label(PupilDiscussionOutcome::kAdjustApproach), "aanpak in het groepsplan aanpassen");
  EXPECT_EQ(outcome_label(PupilDiscussionOutcome::kStartIhp), "een IHP starten");
  EXPECT_EQ(outcome_label(PupilDiscussionOutcome::kCareTeam), "aanmelden bij het zorgteam");
  EXPECT_EQ(parse_outcome("zorgteam"), PupilDiscussionOutcome::kCareTeam);
  EXPECT_FALSE(parse_outcome("Zorgteam").has_value());
  EXPECT_FALSE(parse_outcome("").has_value());
}

}  // namespace
}  // namespace koers::domain
