// Retention in the store on SQLite and PostgreSQL: deleting a dossier that is due leaves nothing
// of the pupil in any table the database's catalogue lists (names, guardians' names, the id in
// a pupil column or in a stored document); a hold stops it; the care step keeps the record card.
#include "store/retention_repository.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

#include "demo/demo_cases.h"
#include "demo/demo_dyslexia.h"
#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "demo/demo_referrals.h"
#include "demo/demo_route.h"
#include "demo/demo_school.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/pupil_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const domain::Date kToday{2026, 11, 22};
const demo::DemoOptions kOptions{2, 20261122, kToday};

// The audit trail's tables: the privacy work (AuditLog::forget_pupil) takes the pupil out of
// them; until that is merged they still name the pupil. The lead empties this list at merge.
const std::set<std::string> kTablesForgetPupilCleans = {};  // none: AuditLog::forget_pupil cleans the audit tables

// Every table and its columns, from the database's own catalogue (never a list kept by hand).
std::map<std::string, std::vector<std::string>> catalogue(Database& db) {
  return db.read([&](soci::session& sql) {
    std::map<std::string, std::vector<std::string>> out;
    soci::rowset<soci::row> rows =
        db.engine() == Engine::kSqlite
            ? (sql.prepare << "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE "
                              "m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
            : (sql.prepare << "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN "
                              "information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = "
                              "c.table_schema WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'");
    for (const auto& r : rows) out[r.get<std::string>(0)].push_back(r.get<std::string>(1));
    return out;
  });
}

// Where the pupil still shows: "table.column: what" for every hit, outside `skip`.
std::vector<std::string> traces(Database& db, Id pupil, const std::vector<std::string>& texts,
                                const std::set<std::string>& skip) {
  std::vector<std::string> out;
  const std::string id = std::to_string(pupil);
  // The id as a pupil's in a stored document: {"pupil_id":63, …}, "pupils":[…,63,…], "pupil":{"id":63.
  const std::regex in_document("\"pupil_id\":" + id + "\\b|\"pupils\":\\[[^\\]]*\\b" + id +
                               "\\b[^\\]]*\\]|\"pupil\":\\{\"id\":" + id + "\\b");
  for (const auto& [table, columns] : catalogue(db)) {
    if (skip.count(table)) continue;
    db.read([&](soci::session& sql) {
      for (const auto& column : columns) {
        const std::string value = "CAST(" + column + " AS TEXT)";
        int n = 0;
        if (column.find("pupil") != std::string::npos || (table == "pupils" && column == "id")) {
          sql << fmt::format("SELECT COUNT(*) FROM {} WHERE {} = :v", table, value), soci::use(id), soci::into(n);
          if (n) out.push_back(fmt::format("{}.{}: id {} ({} rows)", table, column, id, n));
        }
        for (const auto& t : texts) {
          const std::string like = "%" + t + "%";
          sql << fmt::format("SELECT COUNT(*) FROM {} WHERE {} LIKE :v", table, value), soci::use(like), soci::into(n);
          if (n) out.push_back(fmt::format("{}.{}: \"{}\" ({} rows)", table, column, t, n));
        }
        const std::string like_id = "%" + id + "%";
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} FROM {} WHERE {} LIKE :v", value, table, value), soci::use(like_id));
        for (const auto& r : rows)
          if (std::regex_search(row_text(r, 0), in_document)) {
            out.push_back(fmt::format("{}.{}: the id {} in a document", table, column, id));
            break;
          }
      }
    });
  }
  return out;
}

class RetentionStore : public testing::StoreTest {
 protected:
  // The demo with every pupil and guardian renamed to a name of their own ("Vn63q Zn63q"), so a
  // search for one pupil's name finds that pupil only, before the dossiers are written; the
  // demo's PCL pupil (the richest dossier: results, overview, plans, meetings, IHPs, a case with
  // consent and HGD, a referral) made to have left on 2019-07-12.
  Id demo_with_a_rich_dossier_left_long_ago() {
    demo::create_demo(*db, kOptions);
    db->write([&](soci::session& sql) {
      sql << "UPDATE pupils SET given_name = 'Vn' || CAST(id AS TEXT) || 'q', surname_prefix = '', surname = 'Zn' || "
             "CAST(id AS TEXT) || 'q', first_names = 'Vn' || CAST(id AS TEXT) || 'q'";
      sql << "UPDATE guardians SET given_name = 'Gv' || CAST(id AS TEXT) || 'q', surname_prefix = '', surname = "
             "'Gz' || CAST(id AS TEXT) || 'q', email = 'gm' || CAST(id AS TEXT) || 'q@example.org'";
    });
    school = AccountRepository(*db).find_by_username("ib")->school_id;
    const std::vector<long long> schools = {school};
    demo::add_demo_results(*db, schools, kToday, kOptions.seed);
    demo::add_demo_overview(*db, schools, kToday, kOptions.seed);
    demo::add_demo_plans(*db, schools, kToday);
    demo::add_demo_meetings(*db, schools, kToday);
    demo::add_demo_ihps(*db, schools, kToday);
    demo::add_demo_dyslexia(*db, schools, kToday);
    demo::add_demo_cases(*db, schools, kToday);
    demo::add_demo_route(*db, schools, kToday);
    referrals = demo::add_demo_referrals(*db, schools, kToday);
    const Id pupil = referrals.pcl_pupil;
    db->write([&](soci::session& sql) {
      sql << "UPDATE pupils SET left_on = '2019-07-12' WHERE id = :p", soci::use(pupil);
      // A guardian of this pupil alone, with a parent account and a session.
      domain::Guardian g;
      g.school_id = school;
      g.name = {"Gvownq", "", "Gzownq"};
      g.email = "gmownq@example.org";
      PupilRepository pupils(*db);
      const Id guardian = pupils.add_guardian(sql, g);
      pupils.link_guardian(sql, pupil, guardian, "verzorger");
      // And the parent of another pupil (a sibling's), who stays with that pupil.
      Id sibling_guardian = 0;
      sql << "SELECT MIN(guardian_id) FROM pupil_guardians WHERE pupil_id = (SELECT MAX(pg.pupil_id) FROM "
             "pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id WHERE p.left_on IS NULL AND pg.pupil_id <> :p)",
          soci::use(pupil), soci::into(sibling_guardian);
      sql << "DELETE FROM pupil_guardians WHERE pupil_id = :p AND guardian_id = :g", soci::use(pupil),
          soci::use(sibling_guardian);
      pupils.link_guardian(sql, pupil, sibling_guardian, "vader");
      Id board = 0, account = 0;
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(school), soci::into(board);
      sql << "INSERT INTO accounts (username, password_hash, role, display_name, board_id, school_id, guardian_id, "
             "created_at) VALUES ('ownq-ouder', 'x', 'ouder', 'Acownq', :b, :s, :g, '2026-01-01T00:00:00Z') "
             "RETURNING id",
          soci::use(board), soci::use(school), soci::use(guardian), soci::into(account);
      sql << "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at) VALUES "
             "('ownq', :a, 'c', 'x', 'x', 'x')",
          soci::use(account);
    });
    return pupil;
  }
  // The pupil's names and those of their guardians who are no other pupil's (with their accounts).
  std::vector<std::string> names_of(Id pupil) {
    std::vector<std::string> out = {fmt::format("Vn{}q", pupil), fmt::format("Zn{}q", pupil)};
    db->read([&](soci::session& sql) {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT g.given_name, g.surname, g.email, COALESCE(a.display_name, '') FROM pupil_guardians "
                          "pg JOIN guardians g ON g.id = pg.guardian_id LEFT JOIN accounts a ON a.guardian_id = g.id "
                          "WHERE pg.pupil_id = :p AND g.id NOT IN (SELECT guardian_id FROM pupil_guardians WHERE "
                          "pupil_id <> :q) ORDER BY g.id",
           soci::use(pupil), soci::use(pupil));
      for (const auto& r : rows)
        for (size_t i = 0; i < 4; ++i)
          if (!row_text(r, i).empty()) out.push_back(row_text(r, i));
    });
    return out;
  }
  Id school = 0;
  demo::DemoReferrals referrals;
};

// The demo's PCL pupil and, so that every kind of dossier row is there, the first pupil (by
// id) with an HGD request, a document, a care-team consent, an IHP, a pupil discussion and a
// registration for a group discussion: all made to have left on 2019-07-12, all deleted.
TEST_P(RetentionStore, DeletingTheWholeDossierLeavesNothingOfThePupilInAnyTable) {
  const Id pcl = demo_with_a_rich_dossier_left_long_ago();
  ASSERT_NE(pcl, 0) << "the demo has a PCL pupil";
  std::set<Id> pupils = {pcl};
  db->write([&](soci::session& sql) {
    for (const char* q : {"SELECT MIN(pupil_id) FROM hgd_requests", "SELECT MIN(pupil_id) FROM documents",
                          "SELECT MIN(pupil_id) FROM care_team_consents", "SELECT MIN(pupil_id) FROM ihps",
                          "SELECT MIN(pupil_id) FROM meetings"}) {
      long long id = 0;
      soci::indicator ind = soci::i_null;
      sql << q, soci::into(id, ind);
      ASSERT_EQ(ind, soci::i_ok) << q;
      pupils.insert(id);
    }
    for (Id p : pupils) sql << "UPDATE pupils SET left_on = '2019-07-12' WHERE id = :p", soci::use(p);
  });
  std::map<Id, std::vector<std::string>> names;
  for (Id p : pupils) names[p] = names_of(p);
  for (const char* own : {"Gvownq", "Gzownq", "gmownq@example.org", "Acownq"})
    EXPECT_NE(std::find(names[pcl].begin(), names[pcl].end(), own), names[pcl].end()) << own;
  // The guardians the PCL pupil shares with a sibling stay, linked to the sibling.
  std::vector<Id> shared;
  db->read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT guardian_id FROM pupil_guardians WHERE pupil_id <> :p AND guardian_id IN "
                        "(SELECT guardian_id FROM pupil_guardians WHERE pupil_id = :q) ORDER BY guardian_id",
         soci::use(pcl), soci::use(pcl));
    for (const auto& r : rows) shared.push_back(row_integer(r, 0));
  });
  EXPECT_FALSE(shared.empty()) << "the pupil shares a parent with another pupil";

  // The search finds the dossiers before (else it could not fail after).
  std::set<std::string> tables_before;
  for (Id p : pupils)
    for (const auto& t : traces(*db, p, names[p], kTablesForgetPupilCleans))
      tables_before.insert(t.substr(0, t.find('.')));
  for (const char* t : {"pupils", "enrolments", "guardians", "pupil_guardians", "accounts", "test_results",
                        "overview_entries", "pupil_approaches", "group_plans", "meetings", "ihps", "ihp_versions",
                        "care_team_cases", "care_team_consents", "hgd_requests", "referrals", "documents"})
    EXPECT_TRUE(tables_before.count(t)) << "no trace of the pupils in " << t << " before the deletion; "
                                        << ::testing::PrintToString(tables_before);

  RetentionRepository repo(*db);
  auto c = repo.find(pcl, kToday);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->referred_special, referrals.pcl_sent) << "the demo's PCL referral to the SBO counts once sent";
  EXPECT_EQ(c->due, domain::RetentionStep::kWholeRecord) << "left 2019-07-12: the record was due 2024-07-12";

  long long other_results = 0, lines_before = AuditLog(*db).count();
  db->read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM test_results WHERE pupil_id NOT IN (SELECT pupil_id FROM retention_pupils) AND "
           "pupil_id NOT IN (SELECT id FROM pupils WHERE left_on = '2019-07-12')",
        soci::into(other_results);
  });
  for (Id p : pupils) {
    auto done = repo.confirm(p, kToday, ib_of(school));
    ASSERT_TRUE(std::holds_alternative<RetentionDeletion>(done)) << p << ": " << std::get<std::string>(done);
    EXPECT_EQ(std::get<RetentionDeletion>(done).step, domain::RetentionStep::kWholeRecord);
    EXPECT_FALSE(repo.find(p, kToday).has_value());
  }
  for (Id p : pupils) {
    const auto after = traces(*db, p, names[p], kTablesForgetPupilCleans);
    EXPECT_TRUE(after.empty()) << "pupil " << p << ": " << ::testing::PrintToString(after);
  }

  // The others' dossiers are untouched; each deletion is one line in the trail, naming nobody.
  db->read([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM test_results", soci::into(n);
    EXPECT_EQ(n, other_results);
    for (Id g : shared) {
      sql << "SELECT COUNT(*) FROM pupil_guardians WHERE guardian_id = :g", soci::use(g), soci::into(n);
      EXPECT_GE(n, 1) << "the sibling keeps guardian " << g;
    }
  });
  EXPECT_EQ(AuditLog(*db).count(), lines_before + static_cast<long long>(pupils.size()));
  AuditQuery newest;
  newest.school_id = school;
  newest.limit = static_cast<int>(pupils.size());
  for (const auto& line : AuditLog(*db).find(newest)) {
    EXPECT_EQ(line.action, "delete");
    EXPECT_EQ(line.pupil_id, 0);
    EXPECT_TRUE(line.pupil_ids.empty());
    for (const auto& [p, ns] : names)
      for (const auto& n : ns) EXPECT_EQ((line.object + line.detail).find(n), std::string::npos) << n;
  }
  EXPECT_FALSE(AuditLog(*db).verify().has_value()) << "the chain still verifies";
}

TEST_P(RetentionStore, AHeldDossierStaysAndTheCareStepKeepsTheRecordCard) {
  const Id pupil = demo_with_a_rich_dossier_left_long_ago();
  RetentionRepository repo(*db);
  const auto ib = ib_of(school);

  EXPECT_EQ(repo.hold(pupil, " ", ib), "reden: schrijf op waarom het dossier langer bewaard blijft");
  EXPECT_FALSE(repo.find(pupil, kToday)->held()) << "a refused hold saves nothing";
  EXPECT_EQ(repo.hold(pupil, "klacht van de ouders loopt", ib), std::nullopt);
  auto refused = repo.confirm(pupil, kToday, ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_EQ(std::get<std::string>(refused), "het dossier wordt vastgehouden: klacht van de ouders loopt");
  EXPECT_EQ(traces(*db, pupil, {fmt::format("Vn{}q", pupil)}, kTablesForgetPupilCleans).size() > 5, true);

  // Released, gone to the SBO (3 years for the care data), on a day those are due but the
  // record is not.
  repo.release(pupil, ib);
  repo.set_destination(pupil, domain::LeavingDestination::kSpecialPrimary, ib);
  const domain::Date care_day{2022, 8, 1};
  auto c = repo.find(pupil, care_day);
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->held());
  EXPECT_TRUE(c->referred_special);
  EXPECT_EQ(c->dates.care_due_on.iso(), "2022-07-12");
  EXPECT_EQ(c->due, domain::RetentionStep::kCareData);
  auto done = repo.confirm(pupil, care_day, ib);
  ASSERT_TRUE(std::holds_alternative<RetentionDeletion>(done)) << std::get<std::string>(done);
  EXPECT_EQ(std::get<RetentionDeletion>(done).step, domain::RetentionStep::kCareData);
  const auto left =
      traces(*db, pupil, {fmt::format("Vn{}q", pupil), fmt::format("Zn{}q", pupil)}, kTablesForgetPupilCleans);
  std::set<std::string> tables;
  for (const auto& t : left) tables.insert(t.substr(0, t.find('.')));
  // The access log keeps naming the pupil while their record card is kept: it goes with the
  // whole dossier (forget_pupil), not with the care data.
  EXPECT_EQ(tables, (std::set<std::string>{"audit_log", "enrolments", "pupil_guardians", "pupils", "retention_pupils"}))
      << ::testing::PrintToString(left);
  c = repo.find(pupil, care_day);
  EXPECT_EQ(c->due, domain::RetentionStep::kNone) << "the care data went; the record waits";
  EXPECT_EQ(c->next_on.iso(), "2024-07-12");
  refused = repo.confirm(pupil, care_day, ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_EQ(std::get<std::string>(refused), "nog niets te verwijderen: bewaren tot 12-07-2024");
}

TEST_P(RetentionStore, TheBoardSetsItsOwnPeriods) {
  const Id school_id = schools_of_new_board(1)[0];
  Id board = 0;
  db->read([&](soci::session& sql) {
    sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(school_id), soci::into(board);
  });
  RetentionRepository repo(*db);
  EXPECT_EQ(repo.periods(board), domain::RetentionPeriods{});
  auto problems = repo.set_periods(board, {2, 3, 1}, ib_of(school_id));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(repo.periods(board), domain::RetentionPeriods{}) << "nothing saved";
  EXPECT_TRUE(repo.set_periods(board, {1, 2, 7}, ib_of(school_id)).empty());
  EXPECT_EQ(repo.periods(board), (domain::RetentionPeriods{1, 2, 7}));
}

KOERS_STORE_TEST_SUITE(RetentionStore);

}  // namespace
}  // namespace koers::store
