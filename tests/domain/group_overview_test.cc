// The groepsoverzicht's rules: subjects per year group, needs as "heeft … nodig", AVI
// levels as teachers write them, the trend arrow, and what an entry must have.
#include "domain/group_overview.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

TEST(GroupOverview, SubjectsFollowTheYearGroups) {
  EXPECT_EQ(overview_subjects({"1", "2"}),
            (std::vector<std::string>{"Beginnende geletterdheid", "Beginnende gecijferdheid"}));
  EXPECT_EQ(overview_subjects({"5", "6"}),
            (std::vector<std::string>{"Technisch lezen", "Begrijpend lezen", "Spelling", "Rekenen-Wiskunde"}));
  EXPECT_EQ(overview_subjects({"2", "3"}).size(), 6u) << "a 2/3 combination group gets both sets";
}

TEST(GroupOverview, NeedsArePhrasedAsWhatTheChildNeeds) {
  EXPECT_EQ(need_core("korte instructie"), "korte instructie");
  EXPECT_EQ(need_core("heeft korte instructie nodig"), "korte instructie");
  EXPECT_EQ(need_core("  Heeft korte instructie nodig. "), "korte instructie");
  EXPECT_EQ(need_sentence("heeft een maatje nodig"), "heeft een maatje nodig");
  EXPECT_EQ(need_sentence("een maatje"), "heeft een maatje nodig");
}

TEST(GroupOverview, AviLevelsAsTeachersWriteThem) {
  EXPECT_EQ(parse_avi_level("M4"), "M4");
  EXPECT_EQ(parse_avi_level("avi e5"), "E5");
  EXPECT_EQ(parse_avi_level("AVI-M7"), "M7");
  EXPECT_EQ(parse_avi_level("start"), "AVI-Start");
  EXPECT_EQ(parse_avi_level("AVI Plus"), "AVI-Plus");
  EXPECT_EQ(parse_avi_level("M8"), std::nullopt) << "AVI stops at E7, then AVI-Plus";
  EXPECT_EQ(parse_avi_level(""), std::nullopt);
}

StandardisedResult result(const char* moment, const char* level, std::optional<double> score = std::nullopt) {
  StandardisedResult r;
  r.subject = "Spelling";
  r.moment = *parse_test_moment(moment);
  if (level) r.level = parse_level(level);
  r.ability_score = score;
  return r;
}

TEST(GroupOverview, TrendComparesTheLastTwoMoments) {
  EXPECT_EQ(trend_of({result("M5", "III")}), std::nullopt);
  EXPECT_EQ(trend_of({result("M5", "II"), result("E5", "IV")}), Trend::kDown);
  EXPECT_EQ(trend_of({result("M5", "V"), result("E5", "IV"), result("M6", "III")}), Trend::kUp);
  EXPECT_EQ(trend_of({result("M5", "IV"), result("E5", "III"), result("M6", "III")}), Trend::kSame)
      << "only the last two count";
  EXPECT_EQ(trend_of({result("M5", "C"), result("E5", "B")}), Trend::kUp) << "A–E: B is better than C";
  // Without levels, the ability score decides.
  EXPECT_EQ(trend_of({result("M5", nullptr, 140), result("E5", nullptr, 139.5)}), Trend::kDown);
}

TEST(GroupOverview, LatestPerSubjectKeepsTheLastMomentsInOrder) {
  std::vector<StandardisedResult> all = {result("E5", "III"), result("M4", "II"), result("M5", "IV"),
                                         result("E4", "I")};
  all.push_back(result("M6", "V"));
  all.back().subject = "Rekenen-Wiskunde";
  auto last = latest_per_subject(all, "Spelling", 3);
  ASSERT_EQ(last.size(), 3u);
  EXPECT_EQ(last[0].moment.label(), "E4");
  EXPECT_EQ(last[2].moment.label(), "E5");
}

TEST(GroupOverview, EntriesNeedTextAndAKnownTopic) {
  const std::vector<std::string> subjects = overview_subjects({"5"});
  OverviewEntry e;
  e.kind = EntryKind::kProtective;
  e.text = "  ";
  EXPECT_EQ(validate_entry(e, subjects), "Omschrijving: beschrijf de factor.");
  e.text = "werkt graag samen";
  EXPECT_EQ(validate_entry(e, subjects), std::nullopt);
  e.kind = EntryKind::kGeneralNeed;
  e.text = "heeft  nodig";
  e.topic = "instructie";
  EXPECT_NE(validate_entry(e, subjects), std::nullopt) << "an empty need";
  e.text = "korte instructie";
  EXPECT_EQ(validate_entry(e, subjects), std::nullopt);
  e.topic = "huiswerk";
  EXPECT_NE(validate_entry(e, subjects)->find("Aspect"), std::string::npos);
  e.kind = EntryKind::kSubjectNeed;
  e.topic = "Spelling";
  EXPECT_EQ(validate_entry(e, subjects), std::nullopt);
  e.topic = "Beginnende geletterdheid";
  EXPECT_NE(validate_entry(e, subjects)->find("Vakgebied"), std::string::npos) << "not a subject of group 5";
}

TEST(GroupOverview, MethodTestScoreWithinItsMaximum) {
  MethodTest t{0, 1, "Rekenen", "Blok 3", 32, 40, {2026, 10, 1}, ""};
  EXPECT_EQ(validate_method_test(t), std::nullopt);
  EXPECT_DOUBLE_EQ(t.percentage(), 80);
  t.score = 41;
  EXPECT_NE(validate_method_test(t)->find("Score"), std::string::npos);
  t.maximum = 0;
  EXPECT_NE(validate_method_test(t)->find("Maximum"), std::string::npos);
  t = MethodTest{0, 1, "Rekenen", " ", 1, 2, {}, ""};
  EXPECT_NE(validate_method_test(t)->find("Blok"), std::string::npos);
}

TEST(GroupOverview, SourcesAndKindsRoundTrip) {
  for (InformationSource s : all_sources()) EXPECT_EQ(parse_source(source_key(s)), s);
  EXPECT_EQ(source_label(InformationSource::kTalkWithParents), "gesprek met ouders");
  EXPECT_EQ(parse_source("roddel"), std::nullopt);
  // An HGD recommendation taken over as a need (hgd.h) carries the source onderzoek.
  EXPECT_EQ(parse_source("onderzoek"), InformationSource::kResearch);
  EXPECT_EQ(source_label(InformationSource::kResearch), "onderzoek");
  for (EntryKind k : {EntryKind::kProtective, EntryKind::kHindering, EntryKind::kGeneralNeed, EntryKind::kSubjectNeed})
    EXPECT_EQ(parse_entry_kind(entry_kind_key(k)), k);
  EXPECT_EQ(parse_approach("verdiept"), Approach::kDeepened);
  EXPECT_EQ(parse_approach("plus"), std::nullopt);
}

}  // namespace
}  // namespace koers::domain
