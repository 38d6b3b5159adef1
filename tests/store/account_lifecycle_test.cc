// The account lifecycle on SQLite and PostgreSQL (issue 12 §2): invited → activated with a
// one-time code → reset → deactivated; role changes; links only within the account's school;
// two-factor with real TOTP codes from oathtool (what an authenticator app computes), each
// usable once, and recovery codes; the brake's per-key thresholds and forgetting.
#include <gtest/gtest.h>

#include <cstdio>

#include "common/crypto.h"
#include "common/totp.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/session_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using namespace std::chrono_literals;
using domain::Id;
using domain::Role;

// The code an authenticator app shows for this key now, computed by oathtool.
std::string oathtool(const std::string& secret, long long offset_steps = 0) {
  std::string cmd = "oathtool --totp -b " + secret;
  if (offset_steps) cmd += " -N '" + std::to_string(offset_steps * 30) + " seconds'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  char buf[64] = {0};
  std::string out = fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class AccountLifecycle : public testing::StoreTest {
 protected:
  Id board = 0, school = 0, other_school = 0, staff = 0, other_staff = 0;
  domain::Principal admin;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other_school = ids[1];
    db->write([&](soci::session& sql) {
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(school), soci::into(board);
      sql << "INSERT INTO staff (school_id, edex_key, given_name, surname) VALUES (:s, 'T1', 'Anna', 'Jansen') "
             "RETURNING id",
          soci::use(school), soci::into(staff);
      sql << "INSERT INTO staff (school_id, edex_key, given_name, surname) VALUES (:s, 'T9', 'Bas', 'Dekker') "
             "RETURNING id",
          soci::use(other_school), soci::into(other_staff);
    });
    admin.account_id = 0;
    admin.username = "beheer";
    admin.role = Role::kBoardAdmin;
    admin.board_id = board;
  }
  NewAccount teacher(const std::string& username = "a.jansen") {
    return NewAccount{username, "", Role::kTeacher, "Anna Jansen", board, school, staff, 0};
  }
  IssuedCode invited() {
    auto made = AccountRepository(*db).invite(teacher(), admin);
    if (auto* e = std::get_if<std::string>(&made)) ADD_FAILURE() << *e;
    return std::get<IssuedCode>(made);
  }
  std::string last_detail(const std::string& object) {
    return db->read([&](soci::session& sql) {
      std::string d;
      sql << "SELECT detail FROM audit_log WHERE object = :o ORDER BY seq DESC", soci::use(object), soci::into(d);
      return d;
    });
  }
  int sessions_of(Id account) {
    return db->read([&](soci::session& sql) {
      int n = 0;
      sql << "SELECT COUNT(*) FROM sessions WHERE account_id = :a", soci::use(account), soci::into(n);
      return n;
    });
  }
};

TEST_P(AccountLifecycle, AnInvitedAccountIsActivatedOnceWithItsCode) {
  AccountRepository accounts(*db);
  IssuedCode code = invited();
  auto a = accounts.find(code.account_id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->state(), AccountState::kInvited);
  EXPECT_FALSE(a->may_sign_in());
  EXPECT_EQ(code.code.size(), 14u) << code.code;
  EXPECT_EQ(last_detail("account a.jansen").rfind("uitgenodigd als Leerkracht; activatiecode geldig tot", 0), 0u);
  const std::string stored = db->read([&](soci::session& sql) {
    std::string h;
    sql << "SELECT code_hash FROM account_codes WHERE account_id = :a", soci::use(code.account_id), soci::into(h);
    return h;
  });
  EXPECT_EQ(stored, sha256_hex(normalise_code(code.code))) << "only the hash is stored";

  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(std::get<std::string>(accounts.redeem_code(code.code, "kort", now)), "Wachtwoord: minstens 10 tekens.");
  auto done = accounts.redeem_code("  " + code.code.substr(0, 4) + " " + code.code.substr(5), "een-goed-wachtwoord", now);
  ASSERT_TRUE(std::holds_alternative<Account>(done)) << std::get<std::string>(done);
  a = accounts.find(code.account_id);
  EXPECT_EQ(a->state(), AccountState::kActive);
  EXPECT_TRUE(verify_password("een-goed-wachtwoord", a->password_hash));
  EXPECT_EQ(last_detail("account a.jansen"), "geactiveerd met de activatiecode; wachtwoord ingesteld");

  auto again = accounts.redeem_code(code.code, "nog-een-wachtwoord", now);
  ASSERT_TRUE(std::holds_alternative<std::string>(again)) << "a used code is refused";
  EXPECT_EQ(std::get<std::string>(again).rfind("Code: onbekend, al gebruikt of verlopen", 0), 0u);
  EXPECT_TRUE(verify_password("een-goed-wachtwoord", accounts.find(code.account_id)->password_hash));
}

TEST_P(AccountLifecycle, CodesExpireAndOnlyTheNewestWorks) {
  AccountRepository accounts(*db);
  IssuedCode first = invited();
  const auto now = std::chrono::system_clock::now();
  EXPECT_TRUE(std::holds_alternative<std::string>(
      accounts.redeem_code(first.code, "een-goed-wachtwoord", now + AccountRepository::kActivationLifetime + 1min)))
      << "an activation code is good for 14 days";
  auto second = std::get<IssuedCode>(accounts.issue_reset(first.account_id, admin));
  EXPECT_EQ(second.purpose, "activation") << "an invited account gets a new activation code";
  EXPECT_TRUE(std::holds_alternative<std::string>(accounts.redeem_code(first.code, "een-goed-wachtwoord", now)))
      << "the older letter opens nothing";
  ASSERT_TRUE(std::holds_alternative<Account>(accounts.redeem_code(second.code, "een-goed-wachtwoord", now)));

  auto reset = std::get<IssuedCode>(accounts.issue_reset(first.account_id, admin));
  EXPECT_EQ(reset.purpose, "reset");
  EXPECT_EQ(last_detail("account a.jansen").rfind("herstelcode voor het wachtwoord uitgegeven, geldig tot", 0), 0u);
  EXPECT_TRUE(std::holds_alternative<std::string>(
      accounts.redeem_code(reset.code, "ander-wachtwoord-1", now + AccountRepository::kResetLifetime + 1min)))
      << "a reset code is good for 24 hours";
  ASSERT_TRUE(std::holds_alternative<Account>(accounts.redeem_code(reset.code, "ander-wachtwoord-1", now)));
  EXPECT_TRUE(verify_password("ander-wachtwoord-1", accounts.find(first.account_id)->password_hash));
  EXPECT_EQ(last_detail("account a.jansen"), "wachtwoord opnieuw ingesteld met de herstelcode");
}

TEST_P(AccountLifecycle, DeactivationEndsSessionsAtOnceAndVoidsCodes) {
  AccountRepository accounts(*db);
  SessionRepository sessions(*db, SessionLimits{});
  IssuedCode code = invited();
  const auto now = std::chrono::system_clock::now();
  ASSERT_TRUE(std::holds_alternative<Account>(accounts.redeem_code(code.code, "een-goed-wachtwoord", now)));
  NewSession s = sessions.create(code.account_id, now);
  ASSERT_TRUE(sessions.touch(s.token, now));
  auto reset = std::get<IssuedCode>(accounts.issue_reset(code.account_id, admin));
  EXPECT_EQ(accounts.deactivate(code.account_id, admin), std::nullopt);
  EXPECT_EQ(accounts.find(code.account_id)->state(), AccountState::kDeactivated);
  EXPECT_FALSE(sessions.touch(s.token, now)) << "the session ended with the deactivation";
  EXPECT_EQ(sessions_of(code.account_id), 0);
  EXPECT_TRUE(std::holds_alternative<std::string>(accounts.redeem_code(reset.code, "nog-een-wachtwoord", now)))
      << "an outstanding reset code no longer works";
  EXPECT_EQ(last_detail("account a.jansen"),
            "gedeactiveerd; 1 sessie(s) beëindigd; wat de gebruiker schreef blijft bewaard");

  auto back = std::get<IssuedCode>(accounts.issue_reset(code.account_id, admin));
  EXPECT_EQ(back.purpose, "activation");
  EXPECT_EQ(accounts.find(code.account_id)->state(), AccountState::kInvited) << "invited again, no old password";
  EXPECT_FALSE(verify_password("een-goed-wachtwoord", accounts.find(code.account_id)->password_hash));
}

TEST_P(AccountLifecycle, RoleChangesAreLoggedInWordsAndEndSessions) {
  AccountRepository accounts(*db);
  SessionRepository sessions(*db, SessionLimits{});
  IssuedCode code = invited();
  sessions.create(code.account_id, std::chrono::system_clock::now());
  EXPECT_EQ(accounts.change_role(code.account_id, Role::kSupportCoordinator, admin), std::nullopt);
  EXPECT_EQ(accounts.find(code.account_id)->role, Role::kSupportCoordinator);
  EXPECT_EQ(last_detail("account a.jansen"), "rol gewijzigd van Leerkracht naar Intern begeleider");
  EXPECT_EQ(sessions_of(code.account_id), 0);
  EXPECT_TRUE(accounts.change_role(code.account_id, Role::kBoardAdmin, admin).has_value());
  EXPECT_TRUE(accounts.change_role(code.account_id, Role::kParent, admin).has_value());
}

TEST_P(AccountLifecycle, OwnPasswordChangeNeedsTheCurrentOne) {
  AccountRepository accounts(*db);
  IssuedCode code = invited();
  ASSERT_TRUE(std::holds_alternative<Account>(
      accounts.redeem_code(code.code, "een-goed-wachtwoord", std::chrono::system_clock::now())));
  domain::Principal self;
  self.account_id = code.account_id;
  self.username = "a.jansen";
  EXPECT_EQ(accounts.change_password(code.account_id, "fout-wachtwoord", "nieuw-wachtwoord-1", self),
            "Huidig wachtwoord: klopt niet.");
  EXPECT_EQ(accounts.change_password(code.account_id, "een-goed-wachtwoord", "kort", self),
            "Nieuw wachtwoord: minstens 10 tekens.");
  EXPECT_EQ(accounts.change_password(code.account_id, "een-goed-wachtwoord", "nieuw-wachtwoord-1", self), std::nullopt);
  EXPECT_TRUE(verify_password("nieuw-wachtwoord-1", accounts.find(code.account_id)->password_hash));
  EXPECT_EQ(last_detail("account a.jansen"), "eigen wachtwoord gewijzigd");
}

TEST_P(AccountLifecycle, AnAccountLinksOnlyToStaffOfItsOwnSchool) {
  AccountRepository accounts(*db);
  NewAccount cross = teacher("x.dekker");
  cross.staff_id = other_staff;  // a teacher of the other school
  auto refused = accounts.create(NewAccount{cross.username, "een-goed-wachtwoord", Role::kTeacher, "X", board, school,
                                            other_staff, 0},
                                 admin);
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_EQ(std::get<std::string>(refused), "Medewerker: hoort niet bij de gekozen school.");
  EXPECT_TRUE(std::holds_alternative<std::string>(accounts.invite(cross, admin)));
  EXPECT_FALSE(accounts.find_by_username("x.dekker")) << "nothing stored";

  // A link made before the check (old data) opens none of the other school's groups.
  Id group = 0, account = 0;
  db->write([&](soci::session& sql) {
    Id year = SchoolRepository(*db).ensure_school_year(sql, domain::SchoolYear{0, "2026-2027", {2026, 8, 1}, {2027, 7, 31}});
    sql << "INSERT INTO school_groups (school_id, school_year_id, edex_key, name, year_group) VALUES (:s, :y, 'G', "
           "'7', '7') RETURNING id",
        soci::use(other_school), soci::use(year), soci::into(group);
    sql << "INSERT INTO group_staff (group_id, staff_id, role) VALUES (:g, :s, 'LRK')", soci::use(group),
        soci::use(other_staff);
    account = accounts.insert(sql, cross, hash_password("een-goed-wachtwoord"));
  });
  EXPECT_TRUE(accounts.principal(*accounts.find(account)).group_ids.empty());
  invited();
  auto twice = accounts.invite(NewAccount{"a.jansen2", "", Role::kTeacher, "Anna", board, school, staff, 0}, admin);
  ASSERT_TRUE(std::holds_alternative<std::string>(twice));
  EXPECT_EQ(std::get<std::string>(twice), "Medewerker: heeft al een account (a.jansen).");
}

TEST_P(AccountLifecycle, TwoFactorWithRealCodesEachUsedOnce) {
  AccountRepository accounts(*db);
  IssuedCode code = invited();
  const auto now = std::chrono::system_clock::now();
  ASSERT_TRUE(std::holds_alternative<Account>(accounts.redeem_code(code.code, "een-goed-wachtwoord", now)));
  domain::Principal self;
  self.account_id = code.account_id;
  self.username = "a.jansen";
  const std::string secret = accounts.start_two_factor(code.account_id);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_FALSE(accounts.find(code.account_id)->totp_enabled) << "not on before a code confirms it";
  auto wrong = accounts.confirm_two_factor(code.account_id, oathtool(secret, 10), now, self);
  ASSERT_TRUE(std::holds_alternative<std::string>(wrong)) << "a code of five minutes from now";
  EXPECT_EQ(std::get<std::string>(wrong), "Code: klopt niet. Typ de zes cijfers die de app nu toont.");
  auto recovery = accounts.confirm_two_factor(code.account_id, oathtool(secret, -1), now, self);
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(recovery)) << std::get<std::string>(recovery);
  ASSERT_EQ(std::get<std::vector<std::string>>(recovery).size(), 10u);
  EXPECT_EQ(last_detail("account a.jansen"), "tweestapsverificatie aangezet; 10 herstelcodes gemaakt");

  Account a = *accounts.find(code.account_id);
  EXPECT_TRUE(a.totp_enabled);
  EXPECT_FALSE(accounts.check_second_factor(a, oathtool(secret, -1), now)) << "the confirming code is used";
  const std::string current = oathtool(secret);
  EXPECT_TRUE(accounts.check_second_factor(a, current, now));
  a = *accounts.find(code.account_id);
  EXPECT_FALSE(accounts.check_second_factor(a, current, now)) << "a code works once";
  EXPECT_FALSE(accounts.check_second_factor(a, oathtool(secret, 3), now)) << "a code of 90 s from now is not yet good";

  const std::string spare = std::get<std::vector<std::string>>(recovery)[4];
  EXPECT_TRUE(accounts.check_second_factor(a, spare, now));
  EXPECT_FALSE(accounts.check_second_factor(a, spare, now)) << "a recovery code works once";
  EXPECT_EQ(accounts.recovery_codes_left(a.id), 9);

  EXPECT_EQ(accounts.disable_two_factor(a.id, "fout-wachtwoord", self), "Wachtwoord: klopt niet.");
  db->write([&](soci::session& sql) { sql << "UPDATE schools SET require_two_factor = 1 WHERE id = :s", soci::use(school); });
  EXPECT_FALSE(accounts.two_factor_required(a)) << "not for a teacher";
  accounts.change_role(a.id, Role::kSupportCoordinator, admin);
  a = *accounts.find(code.account_id);
  EXPECT_TRUE(accounts.two_factor_required(a));
  EXPECT_TRUE(accounts.disable_two_factor(a.id, "een-goed-wachtwoord", self).has_value()) << "required: stays on";
}

TEST_P(AccountLifecycle, TheBrakeHasItsOwnThresholdPerKeyAndForgets) {
  SessionRepository sessions(*db, SessionLimits{});
  const auto t0 = std::chrono::system_clock::now();
  for (int i = 0; i < 19; ++i) sessions.record_failure("ip:10.0.0.1", t0, 20);
  EXPECT_EQ(sessions.seconds_blocked("ip:10.0.0.1", t0), 0) << "19 of 20 free";
  sessions.record_failure("ip:10.0.0.1", t0, 20);
  EXPECT_EQ(sessions.seconds_blocked("ip:10.0.0.1", t0), 30);
  sessions.record_failure("ip:10.0.0.1", t0 + SessionRepository::kForgetAfter + 1s, 20);
  EXPECT_EQ(sessions.seconds_blocked("ip:10.0.0.1", t0 + SessionRepository::kForgetAfter + 1s), 0)
      << "after an hour without failures the count starts again";
  sessions.record_failure("ip:10.0.0.2", t0);
  sessions.record_failure("ip:10.0.0.3", t0 + 3h);
  EXPECT_EQ(db->read([&](soci::session& sql) {
              int n = 0;
              sql << "SELECT COUNT(*) FROM login_throttle", soci::into(n);
              return n;
            }),
            1)
      << "forgotten keys are removed";
}

KOERS_STORE_TEST_SUITE(AccountLifecycle);

}  // namespace
}  // namespace koers::store
