// The school's signalling rules and the decisions on signals, on SQLite and PostgreSQL.
#include "store/signal_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/audit_log.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class SignalStore : public testing::StoreTest {
 protected:
  Id school = 0, pupil = 0;
  domain::Principal teacher;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    db->write([&](soci::session& sql) {
      SchoolRepository schools(*db);
      Id board = schools.create_board(sql, "Bestuur");
      school = schools.create_school(sql, domain::School{0, board, "De Test", "99XX", "00", ""});
      sql << "INSERT INTO pupils (school_id, edex_key, surname, updated_at) VALUES (:s, 'L1', 'Jansen', 'x') "
             "RETURNING id",
          soci::use(school), soci::into(pupil);
    });
    teacher.username = "leerkracht";
    teacher.role = domain::Role::kTeacher;
    teacher.school_id = school;
  }
};

TEST_P(SignalStore, DefaultsUntilTheTeamSetsItsOwnRules) {
  SignalRepository repo(*db);
  EXPECT_FALSE(repo.has_own_rules(school));
  EXPECT_EQ(repo.rules(school).level_at_or_below, 5);
  domain::SignalRules own;
  own.level_at_or_below = 4;
  own.level_drop.reset();
  own.expected_growth = {{"Rekenen-Wiskunde", 5, 8.5}};
  own.mastery_percentage = 65;
  own.mastery_misses_in_a_row = 3;
  own.min_learning_yield.reset();
  own.max_months_behind = 6;
  own.repeated_at_moments = 3;
  own.top_level_is_signal = false;
  repo.save_rules(school, own, teacher);
  domain::SignalRules back = repo.rules(school);
  EXPECT_TRUE(repo.has_own_rules(school));
  EXPECT_EQ(back.level_at_or_below, 4);
  EXPECT_FALSE(back.level_drop.has_value());
  ASSERT_EQ(back.expected_growth.size(), 1u);
  EXPECT_DOUBLE_EQ(back.expected_growth[0].points, 8.5);
  EXPECT_EQ(back.mastery_misses_in_a_row, 3);
  EXPECT_FALSE(back.min_learning_yield.has_value());
  EXPECT_EQ(back.max_months_behind, 6);
  EXPECT_EQ(back.repeated_at_moments, 3);
  EXPECT_FALSE(back.top_level_is_signal);
  repo.save_rules(school, domain::SignalRules{}, teacher);
  EXPECT_EQ(repo.rules(school).level_at_or_below, 5) << "saving again replaces: the defaults again";
}

TEST_P(SignalStore, ADecisionNeedsAReasonAndCanBeChanged) {
  SignalRepository repo(*db);
  const std::string key = signal_key("niveau-laag", "Spelling", "M5");
  EXPECT_EQ(repo.decide(pupil, key, "bevestigd", "  ", teacher),
            "Geef een reden: waarom wel of geen extra ondersteuning?");
  EXPECT_EQ(repo.decide(pupil, key, "misschien", "x", teacher), "Kies 'bevestigd' of 'afgewezen'.");
  EXPECT_TRUE(repo.decisions(pupil).empty());
  EXPECT_EQ(repo.decide(pupil, key, "afgewezen", "Was ziek tijdens de toets", teacher), std::nullopt);
  EXPECT_EQ(repo.decide(pupil, key, "bevestigd", "Ook in de methodetoetsen zwak", teacher), std::nullopt);
  auto decisions = repo.decisions(pupil);
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions.at(key).decision, "bevestigd");
  EXPECT_EQ(decisions.at(key).reason, "Ook in de methodetoetsen zwak");
  EXPECT_EQ(decisions.at(key).decided_by, "leerkracht");
  auto lines = AuditLog(*db).for_pupil(pupil);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].detail, "bevestigd: Ook in de methodetoetsen zwak");
}

// Two decisions on the same signal at the same moment (two teachers, two tabs; on PostgreSQL,
// and with two servers, their transactions run side by side): both succeed, both are in the
// audit trail, one decision remains.
TEST_P(SignalStore, DecisionsAtTheSameMomentBothSucceed) {
  constexpr int kRounds = 40;
  std::atomic<int> failures{0};
  auto decide = [&](const char* decision) {
    SignalRepository repo(*db);
    for (int i = 0; i < kRounds; ++i) {
      try {
        const std::string key = signal_key("niveau-laag", "Spelling", "M" + std::to_string(3 + i % 6));
        if (repo.decide(pupil, key, decision, "reden " + std::to_string(i), teacher)) ++failures;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    }
  };
  std::thread a(decide, "bevestigd"), b(decide, "afgewezen");
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(SignalRepository(*db).decisions(pupil).size(), 6u);
  EXPECT_EQ(AuditLog(*db).for_pupil(pupil).size(), 2u * kRounds);
}

TEST_P(SignalStore, ALineOfSignalsIsDecidedOnceForEveryRuleInIt) {
  SignalRepository repo(*db);
  domain::SignalRules rules;
  rules.level_at_or_below = 4;
  rules.level_drop = 1;
  rules.mastery_percentage = 80;
  rules.mastery_misses_in_a_row = 1;
  auto level = [](const char* m, const char* l) {
    return domain::StandardisedResult{"Rekenen-Wiskunde", *domain::parse_test_moment(m), std::nullopt,
                                      domain::parse_level(l), std::nullopt};
  };
  const auto lines = domain::signal_lines(
      domain::evaluate_signals(rules, {level("E5", "II"), level("M6", "IV")}, {{"Rekenen", "Blok 2", 20, 40}}));
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].signals.size(), 3u);
  EXPECT_EQ(repo.decide(pupil, lines[0], "bevestigd", " ", teacher), "Geef een reden: waarom wel of geen extra ondersteuning?");
  EXPECT_TRUE(repo.decisions(pupil).empty()) << "a refused decision stores nothing";
  EXPECT_EQ(repo.decide(pupil, domain::SignalLine{"Spelling", false, {}}, "bevestigd", "x", teacher),
            "Er staat voor dit vak geen open signaal.");
  ASSERT_EQ(repo.decide(pupil, lines[0], "bevestigd", "Rekenen in de verlengde instructie", teacher), std::nullopt);
  const auto decisions = repo.decisions(pupil);
  EXPECT_EQ(decisions.size(), 3u);
  for (const auto& s : lines[0].signals) EXPECT_EQ(decisions.at(signal_key(s)).decision, "bevestigd") << signal_key(s);
  const auto trail = AuditLog(*db).for_pupil(pupil);
  ASSERT_EQ(trail.size(), 1u) << "one decision, one line in the trail";
  EXPECT_EQ(trail[0].detail,
            "bevestigd (Methodetoets onder beheersing, Laag niveau, Daling in niveau): Rekenen in de verlengde instructie");
}

TEST_P(SignalStore, TheKeyOfASignal) {
  domain::Signal s{domain::SignalRule::kLevelDrop, "Spelling", *domain::parse_test_moment("E5"), false, "", "", true};
  EXPECT_EQ(signal_key(s), "niveau-daling|Spelling|E5");
}

KOERS_STORE_TEST_SUITE(SignalStore);

}  // namespace
}  // namespace koers::store
