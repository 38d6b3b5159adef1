// The school's level cut-offs, on SQLite and PostgreSQL: replaced as a whole with one audit
// line, refused as a whole, and kept per school.
#include "store/cutoff_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;
using domain::LevelCutoffs;

LevelCutoffs cut(const std::string& subject, const char* moment, std::array<double, 4> bounds) {
  return LevelCutoffs{subject, *domain::parse_test_moment(moment), bounds};
}

class CutoffStore : public testing::StoreTest {
 protected:
  Id school = 0, other_school = 0;
  domain::Principal ib;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other_school = ids[1];
    ib = ib_of(school);
  }
  long long audit_lines(Id school_id) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM audit_log WHERE object = 'normeringsgrenzen' AND school_id = :s",
          soci::use(school_id), soci::into(n);
      return n;
    });
  }
};

TEST_P(CutoffStore, ReplacesTheWholeSetAndReadsItBackInCareerOrder) {
  CutoffRepository repo(*db);
  EXPECT_TRUE(repo.cutoffs(school).empty()) << "Koers has no norms of its own";
  ASSERT_EQ(repo.replace_all(school,
                             {cut("Spelling", "M6", {120.25, 128, 133.5, 140}),
                              cut("Rekenen-Wiskunde", "M6", {50, 56, 61, 67}),
                              cut("Rekenen-Wiskunde", "E5", {44, 50.5, 56, 62}),
                              cut("Rekenen-Wiskunde", "M5", {38, 45.5, 51, 58})},
                             ib),
            std::nullopt);
  auto back = repo.cutoffs(school);
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(domain::cutoffs_text(back),
            "Rekenen-Wiskunde;M5;38;45,5;51;58\n"
            "Rekenen-Wiskunde;E5;44;50,5;56;62\n"
            "Rekenen-Wiskunde;M6;50;56;61;67\n"
            "Spelling;M6;120,25;128;133,5;140\n");
  EXPECT_EQ(audit_lines(school), 1);

  ASSERT_EQ(repo.replace_all(school, {cut("Spelling", "E6", {1, 2, 3, 4})}, ib), std::nullopt);
  back = repo.cutoffs(school);
  ASSERT_EQ(back.size(), 1u) << "replaced, not added to";
  EXPECT_EQ(back[0].moment.label(), "E6");
  ASSERT_EQ(repo.replace_all(school, {}, ib), std::nullopt);
  EXPECT_TRUE(repo.cutoffs(school).empty());
  EXPECT_EQ(audit_lines(school), 3);
  EXPECT_EQ(AuditLog(*db).verify(), std::nullopt);
}

TEST_P(CutoffStore, AnInvalidSetChangesNothing) {
  CutoffRepository repo(*db);
  ASSERT_EQ(repo.replace_all(school, {cut("Spelling", "M5", {1, 2, 3, 4})}, ib), std::nullopt);
  long long lines = AuditLog(*db).count();
  EXPECT_EQ(repo.replace_all(school, {cut("Rekenen-Wiskunde", "M5", {38, 45.5, 51, 58}),
                                      cut("Rekenen-Wiskunde", "E5", {44, 56, 50.5, 62})},
                             ib),
            "Rekenen-Wiskunde E5: de grens van II (50,5) moet hoger zijn dan die van III (56).");
  EXPECT_EQ(repo.replace_all(school, {cut("Spelling", "M5", {1, 2, 3, 4}), cut("spelling", "M5", {5, 6, 7, 8})}, ib),
            "spelling M5 staat er twee keer in.");
  auto kept = repo.cutoffs(school);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].subject, "Spelling");
  EXPECT_EQ(AuditLog(*db).count(), lines) << "no audit line for a refusal";
}

TEST_P(CutoffStore, EachSchoolHasItsOwnSet) {
  CutoffRepository repo(*db);
  domain::Principal other_ib = ib;
  other_ib.school_id = other_school;
  ASSERT_EQ(repo.replace_all(school, {cut("Spelling", "M5", {1, 2, 3, 4})}, ib), std::nullopt);
  ASSERT_EQ(repo.replace_all(other_school, {cut("Spelling", "M5", {10, 20, 30, 40}), cut("Spelling", "E5", {1, 2, 3, 4})},
                             other_ib),
            std::nullopt);
  ASSERT_EQ(repo.cutoffs(school).size(), 1u);
  EXPECT_EQ(repo.cutoffs(school)[0].lower_bounds[0], 1);
  EXPECT_EQ(repo.cutoffs(other_school).size(), 2u);
  ASSERT_EQ(repo.replace_all(school, {}, ib), std::nullopt);
  EXPECT_EQ(repo.cutoffs(other_school).size(), 2u) << "emptying one school leaves the other alone";
  EXPECT_EQ(audit_lines(other_school), 1);
}

KOERS_STORE_TEST_SUITE(CutoffStore);

}  // namespace
}  // namespace koers::store
