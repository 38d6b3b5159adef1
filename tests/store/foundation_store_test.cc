// The foundation's store on SQLite and PostgreSQL: migrations, the audit chain,
// accounts and their scope, sessions with expiry, and the login brake.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "common/crypto.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/school_repository.h"
#include "store/notice_repository.h"
#include "store/session_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using namespace std::chrono_literals;
using domain::Id;
using domain::Role;

class FoundationStore : public testing::StoreTest {
 protected:
  Id board = 0, school = 0;
  domain::Principal admin;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    db->write([&](soci::session& sql) {
      SchoolRepository schools(*db);
      board = schools.create_board(sql, "Stichting Test");
      school = schools.create_school(sql, domain::School{0, board, "De Test", "99XX", "00", "Utrecht"});
    });
    admin.account_id = 0;
    admin.username = "test";
    admin.role = Role::kBoardAdmin;
    admin.board_id = board;
  }
};

TEST_P(FoundationStore, MigrationsAreUpToDateAndIdempotent) {
  EXPECT_GE(db->schema_version(), 1);
  EXPECT_EQ(db->migrate(), 0);
}

TEST_P(FoundationStore, AuditChainVerifiesAndShowsTampering) {
  AuditLog log(*db);
  domain::Principal ib;
  ib.account_id = 0;
  ib.username = "ib";
  ib.role = Role::kSupportCoordinator;
  ib.school_id = school;
  log.record({audit_entry(ib, domain::AuditAction::kView, "stamkaart", 5),
              audit_entry(ib, domain::AuditAction::kView, "stamkaart", 6)});
  log.record({audit_entry(ib, domain::AuditAction::kUpdate, "stamkaart", 5, "naam")});
  EXPECT_EQ(log.count(), 3);
  EXPECT_EQ(log.verify(), std::nullopt);
  auto lines = log.for_pupil(5);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].action, "update");  // newest first
  EXPECT_EQ(lines[1].action, "view");
  EXPECT_EQ(lines[0].username, "ib");

  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET detail = 'iets anders' WHERE seq = 2";
  });
  EXPECT_EQ(log.verify(), 2);
}

TEST_P(FoundationStore, AuditLineRollsBackWithTheChangeItRecords) {
  AuditLog log(*db);
  EXPECT_THROW(db->write([&](soci::session& sql) {
    log.append(sql, audit_entry(admin, domain::AuditAction::kUpdate, "school", 0));
    throw std::runtime_error("save failed");
  }),
               std::runtime_error);
  EXPECT_EQ(log.count(), 0);
  EXPECT_EQ(log.verify(), std::nullopt);
}

TEST_P(FoundationStore, AccountCreationChecksInputAndHashesThePassword) {
  AccountRepository accounts(*db);
  NewAccount a{"j.jansen", "lang-genoeg-wachtwoord", Role::kSupportCoordinator, "Jet Jansen",
               board, school};
  auto made = accounts.create(a, admin);
  ASSERT_TRUE(std::holds_alternative<Id>(made)) << std::get<std::string>(made);
  auto stored = accounts.find_by_username("j.jansen");
  ASSERT_TRUE(stored);
  EXPECT_NE(stored->password_hash, a.password);
  EXPECT_TRUE(verify_password(a.password, stored->password_hash));
  EXPECT_FALSE(verify_password("verkeerd-wachtwoord", stored->password_hash));
  EXPECT_EQ(stored->role, Role::kSupportCoordinator);

  auto dup = accounts.create(a, admin);
  ASSERT_TRUE(std::holds_alternative<std::string>(dup));
  EXPECT_EQ(std::get<std::string>(dup), "Gebruikersnaam bestaat al.");

  NewAccount shortpw = a;
  shortpw.username = "k.kort";
  shortpw.password = "kort";
  EXPECT_TRUE(std::holds_alternative<std::string>(accounts.create(shortpw, admin)));
  NewAccount teacher_without_staff = a;
  teacher_without_staff.username = "t.leraar";
  teacher_without_staff.role = Role::kTeacher;
  EXPECT_TRUE(std::holds_alternative<std::string>(accounts.create(teacher_without_staff, admin)));
  EXPECT_FALSE(accounts.find_by_username("t.leraar"));
  EXPECT_EQ(AuditLog(*db).count(), 1);  // only the account that was made
}

TEST_P(FoundationStore, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  SessionRepository sessions(*db, SessionLimits{30min, 8h});
  AccountRepository accounts(*db);
  Id id = 0;
  db->write([&](soci::session& sql) {
    id = accounts.insert(sql, NewAccount{"ouder1", "", Role::kParent, "Ouder", board, school},
                         hash_password("x"));
  });
  auto t0 = std::chrono::system_clock::now();
  NewSession s = sessions.create(id, t0);
  EXPECT_EQ(s.token.size(), 64u);
  ASSERT_TRUE(sessions.touch(s.token, t0 + 10min));
  EXPECT_EQ(sessions.touch(s.token, t0 + 10min)->account_id, id);
  ASSERT_TRUE(sessions.touch(s.token, t0 + 35min)) << "the idle clock restarts on use";
  EXPECT_FALSE(sessions.touch(s.token, t0 + 70min)) << "35 minutes idle";
  EXPECT_FALSE(sessions.touch(s.token, t0 + 71min)) << "an expired session is gone";

  NewSession busy = sessions.create(id, t0);
  for (auto t = t0; t < t0 + 8h - 20min; t += 20min) ASSERT_TRUE(sessions.touch(busy.token, t));
  EXPECT_FALSE(sessions.touch(busy.token, t0 + 8h + 1min)) << "absolute limit";

  NewSession out = sessions.create(id, t0);
  sessions.remove(out.token);
  EXPECT_FALSE(sessions.touch(out.token, t0));
  EXPECT_FALSE(sessions.touch(std::string(64, 'a'), t0));
}

TEST_P(FoundationStore, AnInstallationHasOneIdOfItsOwn) {
  const std::string id = db->installation_id();
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
  EXPECT_EQ(db->installation_id(), id) << "kept";
  const auto other_dir = std::filesystem::temp_directory_path() / ("koers-other-" + std::to_string(::getpid()));
  std::filesystem::create_directories(other_dir);
  {
    auto other = Database::open((other_dir / "other.db").string(), 1);
    other->migrate();
    EXPECT_NE(other->installation_id(), id) << "another installation, another id";
  }
  std::filesystem::remove_all(other_dir);
}

TEST_P(FoundationStore, ANoticeIsShownOnceToTheAccountItWasMadeFor) {
  NoticeRepository notices(*db);
  AccountRepository accounts(*db);
  Id ib = 0, teacher = 0;
  db->write([&](soci::session& sql) {
    ib = accounts.insert(sql, NewAccount{"ib1", "", Role::kSupportCoordinator, "IB", board, school}, hash_password("x"));
    teacher = accounts.insert(sql, NewAccount{"lk1", "", Role::kTeacher, "Juf", board, school}, hash_password("x"));
  });
  auto t0 = std::chrono::system_clock::now();
  const std::string key = notices.put(ib, "6 zorgteamoverleggen gepland.", t0);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(notices.take(teacher, key, t0), std::nullopt) << "another account's key shows nothing";
  EXPECT_EQ(notices.take(ib, key, t0 + 1min), "6 zorgteamoverleggen gepland.");
  EXPECT_EQ(notices.take(ib, key, t0 + 1min), std::nullopt) << "shown once";
  EXPECT_EQ(notices.take(ib, "Uw wachtwoord is verlopen. Bel 06-12345678", t0), std::nullopt) << "a text is no key";
  EXPECT_EQ(notices.take(ib, std::string(64, 'a'), t0), std::nullopt) << "an unknown key shows nothing";

  const std::string old = notices.put(ib, "Opgeslagen.", t0);
  EXPECT_EQ(notices.take(ib, old, t0 + NoticeRepository::kLifetime + 1s), std::nullopt) << "expired";
  const std::string kept = notices.put(ib, "Verstuurd.", t0 + 1h);  // and clears the expired one
  EXPECT_EQ(db->read([](soci::session& sql) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM notices", soci::into(n);
    return n;
  }), 1);
  EXPECT_EQ(notices.take(ib, kept, t0 + 1h), "Verstuurd.");
}

TEST_P(FoundationStore, RepeatedFailedLoginsAreSlowedDown) {
  SessionRepository sessions(*db, SessionLimits{});
  auto t0 = std::chrono::system_clock::now();
  for (int i = 0; i < SessionRepository::kFreeFailures - 1; ++i) {
    sessions.record_failure("user:ib", t0);
    EXPECT_EQ(sessions.seconds_blocked("user:ib", t0), 0) << "failure " << i + 1;
  }
  sessions.record_failure("user:ib", t0);
  EXPECT_EQ(sessions.seconds_blocked("user:ib", t0), 30);
  EXPECT_EQ(sessions.seconds_blocked("user:ib", t0 + 31s), 0);
  sessions.record_failure("user:ib", t0 + 31s);
  EXPECT_EQ(sessions.seconds_blocked("user:ib", t0 + 31s), 60) << "the wait doubles";
  EXPECT_EQ(sessions.seconds_blocked("user:other", t0), 0);
  sessions.clear_failures("user:ib");
  EXPECT_EQ(sessions.seconds_blocked("user:ib", t0 + 31s), 0);
}

TEST_P(FoundationStore, SchoolSettingsRefuseBadPeriodsAndChangeNothing) {
  SchoolRepository schools(*db);
  domain::Principal head;
  head.account_id = 0;
  head.username = "directeur";
  head.role = Role::kHead;
  head.school_id = school;
  SchoolSettings ok{"De Nieuwe Test", "Utrecht", {}, {}};
  EXPECT_EQ(schools.save_settings(school, ok, head), std::nullopt);
  EXPECT_EQ(schools.find_school(school)->name, "De Nieuwe Test");
  SchoolSettings bad{"", "Utrecht", {}, {}};
  EXPECT_EQ(schools.save_settings(school, bad, head), "De naam van de school is verplicht.");
  EXPECT_EQ(schools.find_school(school)->name, "De Nieuwe Test");
}

KOERS_STORE_TEST_SUITE(FoundationStore);

}  // namespace
}  // namespace koers::store
