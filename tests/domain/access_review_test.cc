// Accesses listed for the privacy officer's review: many pupils outside one's own groups
// within the window, and an external refused a case without consent; as tables of lines.
#include "domain/access_review.h"

#include <gtest/gtest.h>
#include <fmt/format.h>

namespace koers::domain {
namespace {

AuditEntry read(Id account, const std::string& role, Id pupil, const std::string& at, std::string action = "view") {
  static long long seq = 0;
  AuditEntry e;
  e.seq = ++seq;
  e.account_id = account;
  e.username = fmt::format("user{}", account);
  e.role = role;
  e.pupil_id = pupil;
  e.action = std::move(action);
  e.object = "stamkaart";
  e.at = at;
  return e;
}

std::string minute(int m) { return fmt::format("2026-11-28T{:02}:{:02}:00Z", 9 + m / 60, m % 60); }

const auto kAllOutside = [](const AuditEntry&, Id) { return true; };

TEST(AccessReview, ManyPupilsWithinAnHourIsOneItem) {
  std::vector<AuditEntry> lines;
  for (int i = 0; i < 12; ++i) lines.push_back(read(7, "leerkracht", 100 + i, minute(i * 4)));
  auto items = review_accesses(lines, kAllOutside);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, "veel-dossiers");
  EXPECT_EQ(items[0].account_id, 7);
  EXPECT_EQ(items[0].count, 12);
  EXPECT_EQ(items[0].from_at, minute(0));
  EXPECT_EQ(items[0].to_at, minute(44));
  EXPECT_NE(items[0].title.find("12 verschillende leerlingen"), std::string::npos) << items[0].title;
}

TEST(AccessReview, TheUsualPatternIsNotListed) {
  struct Case {
    const char* name;
    int pupils;
    int minutes_apart;
    bool own;  // the pupils are in the account's own groups
    size_t expected;
  };
  const Case cases[] = {
      {"nine pupils in an hour", 9, 5, false, 0},
      {"ten pupils in an hour", 10, 5, false, 1},
      {"ten pupils over two hours", 10, 13, false, 0},
      {"thirty pupils of one's own groups", 30, 1, true, 0},
  };
  for (const Case& c : cases) {
    std::vector<AuditEntry> lines;
    for (int i = 0; i < c.pupils; ++i) lines.push_back(read(8, "leerkracht", 200 + i, minute(i * c.minutes_apart)));
    auto items = review_accesses(lines, [&](const AuditEntry&, Id) { return !c.own; });
    EXPECT_EQ(items.size(), c.expected) << c.name;
  }
}

TEST(AccessReview, TheSamePupilManyTimesOrAGroupPageDoesNotCount) {
  std::vector<AuditEntry> lines;
  for (int i = 0; i < 20; ++i) lines.push_back(read(9, "ib", 300, minute(i)));
  AuditEntry group = read(9, "ib", 0, minute(30));
  for (Id p = 400; p < 430; ++p) group.pupil_ids.push_back(p);
  lines.push_back(group);
  EXPECT_TRUE(review_accesses(lines, kAllOutside).empty());
}

TEST(AccessReview, RefusedReadsCountAndAnExternalRefusedIsListed) {
  std::vector<AuditEntry> lines;
  for (int i = 0; i < 10; ++i) lines.push_back(read(10, "leerkracht", 500 + i, minute(i), "refused"));
  AuditEntry external = read(11, "zorgteam", 0, minute(50), "refused");
  external.object = "casusdossier 3";
  external.detail = "De ouders hebben hun toestemming ingetrokken.";
  lines.push_back(external);
  auto items = review_accesses(lines, kAllOutside);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, "veel-dossiers");
  EXPECT_EQ(items[0].title.find("Las "), std::string::npos) << "refused is not read: " << items[0].title;
  EXPECT_NE(items[0].title.find("Probeerde de gegevens van 10 verschillende leerlingen"), std::string::npos)
      << items[0].title;
  EXPECT_NE(items[0].title.find("(geweigerd)"), std::string::npos) << items[0].title;
  EXPECT_EQ(items[1].kind, "extern-geweigerd");
  EXPECT_EQ(items[1].account_id, 11);
  EXPECT_NE(items[1].title.find("ingetrokken"), std::string::npos);
}

TEST(AccessReview, TheTitleSaysWhatWasReadAndWhatWasOnlyTried) {
  struct Case {
    int refused;  // of the 12 reads, the first this many refused
    const char* starts;
    const char* contains;
  } cases[] = {
      {0, "Las de gegevens van 12", "binnen 60 minuten"},
      {12, "Probeerde de gegevens van 12", "te lezen (geweigerd)"},
      {3, "Las of probeerde de gegevens van 12", "(3 van de 12 pogingen geweigerd)"},
  };
  for (const auto& c : cases) {
    std::vector<AuditEntry> lines;
    for (int i = 0; i < 12; ++i)
      lines.push_back(read(14, "leerkracht", 800 + i, minute(i * 4), i < c.refused ? "refused" : "view"));
    auto items = review_accesses(lines, kAllOutside);
    ASSERT_EQ(items.size(), 1u) << c.starts;
    EXPECT_EQ(items[0].title.rfind(c.starts, 0), 0u) << items[0].title;
    EXPECT_NE(items[0].title.find(c.contains), std::string::npos) << items[0].title;
  }
}

TEST(AccessReview, TwoAccountsAreJudgedApart) {
  std::vector<AuditEntry> lines;
  for (int i = 0; i < 6; ++i) {
    lines.push_back(read(12, "ib", 600 + i, minute(i)));
    lines.push_back(read(13, "ib", 700 + i, minute(i)));
  }
  EXPECT_TRUE(review_accesses(lines, kAllOutside).empty());
  ReviewRules low;
  low.distinct_pupils = 6;
  EXPECT_EQ(review_accesses(lines, kAllOutside, low).size(), 2u);
}

}  // namespace
}  // namespace koers::domain
