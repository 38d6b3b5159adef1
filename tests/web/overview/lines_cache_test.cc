// The kept overview lines (web/overview/lines_cache.h): given out only at the count they were
// kept at, and only for the same instant, rules and pupils.
#include "web/overview/lines_cache.h"

#include <gtest/gtest.h>

namespace koers::web {
namespace {

std::vector<domain::OverviewLine> lines_of(const std::string& name) {
  domain::OverviewLine l;
  l.pupil_id = 7;
  l.name = name;
  return {l};
}

std::vector<store::PupilListRow> pupils(const std::string& surname, const std::string& year_group = "5") {
  store::PupilListRow p;
  p.id = 7;
  p.name = domain::PersonName{"Sanne", "", surname};
  p.year_group = year_group;
  return {p};
}

TEST(OverviewLinesCache, GivesOutLinesOnlyAtTheCountTheyWereKeptAt) {
  OverviewLinesCache cache;
  const std::string key = OverviewLinesCache::key({}, pupils("Bakker"), "9999-12-31");
  EXPECT_FALSE(cache.find(key, 4));
  cache.keep(key, 4, lines_of("voor"));
  ASSERT_TRUE(cache.find(key, 4));
  EXPECT_EQ(cache.find(key, 4)->front().name, "voor");
  EXPECT_FALSE(cache.find(key, 5)) << "a change was committed: the kept lines are old";
  cache.keep(key, 5, lines_of("na"));
  EXPECT_FALSE(cache.find(key, 4));
  EXPECT_EQ(cache.find(key, 5)->front().name, "na");
  cache.keep(key, 2, lines_of("teruggezet"));  // a database put back from a backup
  EXPECT_FALSE(cache.find(key, 5));
  EXPECT_EQ(cache.find(key, 2)->front().name, "teruggezet");
  cache.keep(key, -1, lines_of("onbekend"));  // no counter (before migrate): nothing is kept
  EXPECT_FALSE(cache.find(key, -1));
}

TEST(OverviewLinesCache, TheKeyHoldsTheInstantTheRulesAndThePupilsAsListed) {
  const domain::SignalRules rules;
  const std::string key = OverviewLinesCache::key(rules, pupils("Bakker"), "9999-12-31");
  EXPECT_EQ(OverviewLinesCache::key(rules, pupils("Bakker"), "9999-12-31"), key);
  EXPECT_NE(OverviewLinesCache::key(rules, pupils("Bakker"), "2026-01-31T99"), key);
  EXPECT_NE(OverviewLinesCache::key(rules, pupils("de Bakker"), "9999-12-31"), key);
  EXPECT_NE(OverviewLinesCache::key(rules, pupils("Bakker", "6"), "9999-12-31"), key);
  domain::SignalRules other = rules;
  other.mastery_percentage = 60;
  EXPECT_NE(OverviewLinesCache::key(other, pupils("Bakker"), "9999-12-31"), key);
  other = rules;
  other.expected_growth.push_back({"Spelling", 5, 8});
  EXPECT_NE(OverviewLinesCache::key(other, pupils("Bakker"), "9999-12-31"), key);
}

TEST(OverviewLinesCache, KeepsABoundedNumberOfGroups) {
  OverviewLinesCache cache;
  for (size_t i = 0; i < OverviewLinesCache::kMaxKept + 10; ++i)
    cache.keep("groep " + std::to_string(i), 1, lines_of("x"));
  EXPECT_LE(cache.size(), OverviewLinesCache::kMaxKept);
}

}  // namespace
}  // namespace koers::web
