// A school's mail server settings on SQLite and PostgreSQL: the login for Microsoft 365 or
// Google is kept with the password sealed (the database never holds it as plain text), an
// empty password field keeps it, the key lives in a 0600 file outside the database, and a
// login without TLS is refused and changes nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "common/secret_box.h"
#include "store/school_repository.h"
#include "store/secret_key.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

class MailSettingsStore : public testing::StoreTest {
 protected:
  Id school = 0, other = 0;
  domain::Principal head;
  std::filesystem::path key_dir;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto ids = schools_of_new_board(2);
    school = ids[0];
    other = ids[1];
    head.username = "directeur";
    head.role = domain::Role::kHead;
    head.school_id = school;
    key_dir = std::filesystem::temp_directory_path() /
              ("koers-key-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(key_dir);
  }
  void TearDown() override {
    std::filesystem::remove_all(key_dir);
    StoreTest::TearDown();
  }
  SchoolSettings office365(const std::string& password) {
    SchoolSettings s{"De Test", "Utrecht", {}, {}};
    s.mail.smtp_host = "smtp.office365.com";
    s.mail.smtp_port = 0;  // the usual port
    s.mail.mail_from = "koers@detest.nl";
    s.mail.security = io::MailSecurity::kStartTls;
    s.mail.username = "koers@detest.nl";
    s.mail.password = password;
    return s;
  }
  std::string stored_password(Id id) {
    return db->read([&](soci::session& sql) {
      std::string v;
      sql << "SELECT smtp_password FROM schools WHERE id = :id", soci::use(id), soci::into(v);
      return v;
    });
  }
};

TEST_P(MailSettingsStore, ThePasswordIsKeptSealedAndAnEmptyFieldKeepsIt) {
  SecretKeyFile key((key_dir / "koers.key").string());
  SchoolRepository schools(*db, &key);
  ASSERT_EQ(schools.save_settings(school, office365("Zomer2026!Geheim"), head), std::nullopt);

  const std::string raw = stored_password(school);
  EXPECT_EQ(raw.rfind("v1:", 0), 0u) << raw;
  EXPECT_EQ(raw.find("Zomer2026"), std::string::npos) << "never the plain text in the database";
  struct stat st {};
  ASSERT_EQ(stat(key.path().c_str(), &st), 0) << "the key file is made at first use";
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "readable by Koers only";

  MailSettings read = schools.mail_settings(school);
  EXPECT_EQ(read.smtp_port, 587) << "STARTTLS: the submission port";
  EXPECT_EQ(read.security, io::MailSecurity::kStartTls);
  EXPECT_EQ(read.username, "koers@detest.nl");
  EXPECT_TRUE(read.has_password);
  EXPECT_EQ(read.password, "Zomer2026!Geheim");
  EXPECT_EQ(read.password_problem, "");
  EXPECT_EQ(SchoolRepository::mail_server(read).password, "Zomer2026!Geheim");

  // Saving the page again with the password field left empty keeps it (and its sealing).
  ASSERT_EQ(schools.save_settings(school, office365(""), head), std::nullopt);
  EXPECT_EQ(stored_password(school), raw);
  // A new one replaces it; sealing twice never gives the same text.
  ASSERT_EQ(schools.save_settings(school, office365("Zomer2026!Geheim"), head), std::nullopt);
  EXPECT_NE(stored_password(school), raw) << "a fresh nonce every time";
  EXPECT_EQ(schools.mail_settings(school).password, "Zomer2026!Geheim");

  // A sealed password copied into another school's row does not open there.
  db->write([&](soci::session& sql) {
    const std::string copied = stored_password(school);
    sql << "UPDATE schools SET smtp_password = :p, smtp_username = 'x' WHERE id = :id", soci::use(copied), soci::use(other);
  });
  MailSettings copied = schools.mail_settings(other);
  EXPECT_EQ(copied.password, "");
  EXPECT_NE(copied.password_problem.find("niet te ontsleutelen"), std::string::npos) << copied.password_problem;

  // Forgetting it, or dropping the user name, empties the column.
  SchoolSettings forget = office365("");
  forget.mail.forget_password = true;
  forget.mail.username = "";
  ASSERT_EQ(schools.save_settings(school, forget, head), std::nullopt);
  EXPECT_EQ(stored_password(school), "");
  EXPECT_FALSE(schools.mail_settings(school).has_password);
}

TEST_P(MailSettingsStore, ALoginWithoutTlsOrWithoutAKeyIsRefusedAndChangesNothing) {
  SecretKeyFile key((key_dir / "koers.key").string());
  SchoolRepository schools(*db, &key);
  ASSERT_EQ(schools.save_settings(school, office365("Zomer2026!Geheim"), head), std::nullopt);
  const std::string before = stored_password(school);

  SchoolSettings plain = office365("Nieuw-wachtwoord-1");
  plain.mail.security = io::MailSecurity::kNone;
  plain.name = "Anders";
  auto refused = schools.save_settings(school, plain, head);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rfind("Gebruikersnaam: inloggen kan alleen over een versleutelde verbinding", 0), 0u) << *refused;
  EXPECT_EQ(stored_password(school), before);
  EXPECT_EQ(schools.find_school(school)->name, "De Test") << "a failed save changes nothing";

  SchoolSettings no_user = office365("Nieuw-wachtwoord-1");
  no_user.mail.username = "";
  EXPECT_EQ(schools.save_settings(school, no_user, head),
            "Gebruikersnaam: vul die in bij het wachtwoord (meestal het e-mailadres van het account).");

  // No password yet for a user name: asked for.
  SchoolSettings missing = office365("");
  EXPECT_EQ(SchoolRepository(*db, &key).save_settings(other, missing, head),
            "Wachtwoord: vul het wachtwoord in bij de gebruikersnaam.");

  // Without a key file Koers does not keep a password at all.
  SchoolRepository keyless(*db);
  auto no_key = keyless.save_settings(school, office365("Nieuw-wachtwoord-1"), head);
  ASSERT_TRUE(no_key);
  EXPECT_NE(no_key->find("geen sleutelbestand"), std::string::npos);
  EXPECT_EQ(stored_password(school), before);
  SecretKeyFile none("");
  auto no_path = SchoolRepository(*db, &none).save_settings(school, office365("Nieuw-wachtwoord-1"), head);
  ASSERT_TRUE(no_path);
  EXPECT_NE(no_path->find("--secret-key-file"), std::string::npos) << *no_path;

  // Another key (the file lost and made again) cannot open it: said, not crashed.
  SecretKeyFile lost((key_dir / "nieuw.key").string());
  lost.key(true);
  MailSettings read = SchoolRepository(*db, &lost).mail_settings(school);
  EXPECT_EQ(read.password, "");
  EXPECT_TRUE(read.has_password);
  EXPECT_NE(read.password_problem.find("vul het opnieuw in"), std::string::npos) << read.password_problem;
  SecretKeyFile gone((key_dir / "weg.key").string());
  EXPECT_NE(SchoolRepository(*db, &gone).mail_settings(school).password_problem.find("ontbreekt"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(gone.path())) << "reading never makes a key";
}

KOERS_STORE_TEST_SUITE(MailSettingsStore);

TEST(SecretBox, SealedTextOpensOnlyWithItsKeyAndContext) {
  const std::string key = new_secret_key(), other = new_secret_key();
  const std::string sealed = seal_secret(key, "wachtwoord", "smtp-password school 1");
  EXPECT_EQ(open_secret(key, sealed, "smtp-password school 1"), "wachtwoord");
  EXPECT_EQ(open_secret(other, sealed, "smtp-password school 1"), std::nullopt);
  EXPECT_EQ(open_secret(key, sealed, "smtp-password school 2"), std::nullopt);
  std::string altered = sealed;
  altered[30] = altered[30] == 'a' ? 'b' : 'a';
  EXPECT_EQ(open_secret(key, altered, "smtp-password school 1"), std::nullopt);
}

TEST(SecretKey, BesideASqliteDatabaseNoneForPostgresql) {
  EXPECT_EQ(default_secret_key_path("var/koers.db"), "var/koers.db.key");
  EXPECT_EQ(default_secret_key_path("sqlite:/srv/koers/koers.db"), "/srv/koers/koers.db.key");
  EXPECT_EQ(default_secret_key_path("postgresql://koers@db/koers"), "");
}

}  // namespace
}  // namespace koers::store
