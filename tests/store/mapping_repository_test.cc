// A school's own column mappings on SQLite and PostgreSQL: saved once, found by name next
// time, kept per school, and refused (storing nothing) when they could not read a file.
#include "store/mapping_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;
using io::ResultField;

class MappingStore : public testing::StoreTest {
 protected:
  Id school = 0, other = 0;
  domain::Principal ib;
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other = ids[1];
    ib = ib_of(school);
  }
  static io::ColumnMapping parnassys() {
    return mapping_from_json("ParnasSys-export",
                             R"({"leerlingnummer": "Leerling ID", "toets": ["vak"], "toetsmoment": "periode",
                                 "vaardigheidsscore": "score", "onzin": "x"})");
  }
};

TEST_P(MappingStore, ASavedMappingIsFoundByNameForItsSchoolOnly) {
  MappingRepository repo(*db);
  ASSERT_EQ(repo.save(school, parnassys(), ib), std::nullopt);
  auto found = repo.find(school, "ParnasSys-export");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->columns.at(ResultField::kPupilKey), (std::vector<std::string>{"leerling id"})) << "lower case";
  EXPECT_EQ(found->columns.at(ResultField::kSubject), (std::vector<std::string>{"vak"}));
  EXPECT_EQ(found->columns.size(), 4u) << "unknown fields are dropped";
  EXPECT_FALSE(repo.find(other, "ParnasSys-export")) << "another school's mapping";
  EXPECT_TRUE(repo.find(other, "cito-lovs")) << "shipped mappings are everyone's";
  ASSERT_EQ(repo.save(school, parnassys(), ib), std::nullopt);
  EXPECT_EQ(repo.of_school(school).size(), 1u) << "saving again replaces";
  EXPECT_EQ(AuditLog(*db).count(), 2);
}

TEST_P(MappingStore, AMappingThatCannotReadAFileIsRefused) {
  MappingRepository repo(*db);
  io::ColumnMapping m = parnassys();
  m.columns.erase(ResultField::kMoment);
  EXPECT_EQ(repo.save(school, m, ib), "De koppeling mist: toetsmoment.");
  m = parnassys();
  m.name = "koers";
  EXPECT_NE(repo.save(school, m, ib), std::nullopt) << "a shipped mapping's name";
  m.name = "  ";
  EXPECT_NE(repo.save(school, m, ib), std::nullopt);
  EXPECT_TRUE(repo.of_school(school).empty());
  EXPECT_EQ(AuditLog(*db).count(), 0);
}

KOERS_STORE_TEST_SUITE(MappingStore);

}  // namespace
}  // namespace koers::store
