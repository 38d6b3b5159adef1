// The koers command line as an administrator uses it: migrate, import edexml, user add.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http_support.h"

namespace koers::web::testing {
namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("koers-cli-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    db = (dir / "sub" / "koers.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string data(const char* name) { return std::string(KOERS_TEST_DATA) + "/edexml/" + name; }

  std::filesystem::path dir;
  std::string db;
};

TEST_F(Cli, MigrateCreatesTheDatabaseAndIsIdempotent) {
  std::string out;
  ASSERT_EQ(run_koers({"migrate", "--db", db}, &out), 0) << out;
  // "N migratie(s) uitgevoerd; schema versie N." with N the number of migrations.
  auto count_of = [](const std::string& text) { return std::atoi(text.c_str()); };
  EXPECT_GE(count_of(out), 10) << "a new database gets every migration: " << out;
  ASSERT_EQ(run_koers({"migrate", "--db", db}, &out), 0);
  EXPECT_EQ(count_of(out), 0) << out;
  EXPECT_EQ(out.rfind("0 migratie(s)", 0), 0u) << out;
}

TEST_F(Cli, ImportsEdexmlAndRefusesABrokenFileWithItsLine) {
  std::string out;
  ASSERT_EQ(run_koers({"demo", "--db", db}, &out), 0) << out;
  EXPECT_EQ(run_koers({"import", "edexml", data("bad_xml.xml"), "--db", db}, &out), 2);
  EXPECT_NE(out.find("regel 56"), std::string::npos) << out;
  EXPECT_EQ(run_koers({"import", "edexml", data("valid_2_1.xml"), "--db", db}, &out), 2);
  EXPECT_NE(out.find("staat nog niet in Koers"), std::string::npos) << out;
  EXPECT_NE(out.find("Er is niets opgeslagen"), std::string::npos) << out;
  ASSERT_EQ(run_koers({"import", "edexml", data("valid_2_1.xml"), "--db", db, "--create-school",
                       "--school-name", "De Vlinder"},
                      &out),
            0)
      << out;
  EXPECT_NE(out.find("De Vlinder (nieuwe school), schooljaar 2026-2027: 6 leerlingen nieuw"), std::string::npos) << out;
  ASSERT_EQ(run_koers({"import", "edexml", data("valid_newer.xml"), "--db", db}, &out), 0) << out;
  EXPECT_NE(out.find("1 leerlingen nieuw, 1 bijgewerkt, 4 ongewijzigd, 1 uitgestroomd"), std::string::npos) << out;
}

TEST_F(Cli, AFileThatWouldEmptyTheSchoolNeedsConfirmLeavers) {
  std::string out;
  ASSERT_EQ(run_koers({"board", "add", "Stichting De Vaart", "--db", db}, &out), 0) << out;
  ASSERT_EQ(run_koers({"import", "edexml", data("valid_2_1.xml"), "--db", db, "--create-school"}, &out), 0) << out;
  // The same school year with only the teachers: every pupil would leave.
  std::string xml = read_file(data("valid_2_1.xml"));
  xml.erase(xml.find("<leerlingen>") + 12, xml.find("</leerlingen>") - xml.find("<leerlingen>") - 12);
  const std::string empty = (dir / "leeg.xml").string();
  std::ofstream(empty, std::ios::binary) << xml;
  EXPECT_EQ(run_koers({"import", "edexml", empty, "--db", db}, &out), 3);
  EXPECT_NE(out.find("zouden 6 van de 6 leerlingen"), std::string::npos) << out;
  EXPECT_NE(out.find("  Noor Bakker (8)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("--confirm-leavers"), std::string::npos) << out;
  ASSERT_EQ(run_koers({"import", "edexml", empty, "--db", db, "--confirm-leavers"}, &out), 0) << out;
  EXPECT_NE(out.find("6 uitgestroomd"), std::string::npos) << out;
}

TEST_F(Cli, ListsWhatAnImportedFileLacks) {
  std::string out;
  ASSERT_EQ(run_koers({"board", "add", "Stichting De Vaart", "--db", db}, &out), 0) << out;
  ASSERT_EQ(run_koers({"import", "edexml", data("standard_2_1.xml"), "--db", db, "--create-school"}, &out), 0)
      << out;
  EXPECT_NE(out.find("Onvolledig: 1 leerlingen en 1 medewerkers zonder achternaam."), std::string::npos) << out;
  EXPECT_NE(out.find(data("standard_2_1.xml") + ": regel 43, <leerling key=\"00101\">: de achternaam ontbreekt\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(run_koers({"import", "edexml", data("jaargroep_100.xml"), "--db", db, "--create-school"}, &out), 2);
  EXPECT_NE(out.find("regel 17, <groep key=\"49\"/jaargroep>: \"100\" is geen jaargroep"), std::string::npos) << out;
}

TEST_F(Cli, ImportsResultsAllOrNothing) {
  std::string out;
  ASSERT_EQ(run_koers({"import", "edexml", data("valid_2_1.xml"), "--db", db, "--create-school"}, &out), 1);
  EXPECT_NE(out.find("koers board add"), std::string::npos) << "says what to do first: " << out;
  ASSERT_EQ(run_koers({"board", "add", "Stichting De Vaart", "--db", db}, &out), 0) << out;
  EXPECT_NE(out.find("Bestuur Stichting De Vaart aangemaakt (id 1)"), std::string::npos) << out;
  ASSERT_EQ(run_koers({"import", "edexml", data("valid_2_1.xml"), "--db", db, "--create-school"}, &out), 0) << out;
  std::string csv = (dir / "resultaten.csv").string();
  {
    std::ofstream f(csv);
    f << "leerlingnummer;toets;toetsmoment;vaardigheidsscore;niveau\nL1;Spelling;M3;38;III\nL404;Spelling;M3;30;V\n";
  }
  EXPECT_EQ(run_koers({"import", "results", csv, "--db", db, "--school", "1"}, &out), 2);
  EXPECT_NE(out.find("regel 3: onbekende leerling: leerlingnummer L404"), std::string::npos) << out;
  {
    std::ofstream f(csv);
    f << "leerlingnummer;toets;toetsmoment;vaardigheidsscore;niveau\nL1;Spelling;M3;38;III\n";
  }
  EXPECT_EQ(run_koers({"import", "results", csv, "--db", db, "--school", "1"}, &out), 0) << out;
  EXPECT_NE(out.find("1 resultaten nieuw"), std::string::npos) << out;
  EXPECT_NE(out.find("gelezen: 1 regels"), std::string::npos) << "says how far it is: " << out;
  EXPECT_NE(out.find("leerlingen herkend en opgeslagen"), std::string::npos) << out;
  {
    std::ofstream f(csv);
    f << "leerlingnummer;toets;blok;afnamedatum;score;maximum\nL1;Rekenen;Blok 3;12-11-2026;38;45\n";
  }
  EXPECT_EQ(run_koers({"import", "results", csv, "--db", db, "--school", "1"}, &out), 0) << out;
  EXPECT_NE(out.find("1 resultaten nieuw"), std::string::npos) << "a method test: " << out;
  EXPECT_EQ(run_koers({"import", "results", csv, "--db", db, "--school", "1", "--mapping", "parnassys"}, &out), 1);
  EXPECT_NE(out.find("unknown mapping parnassys (known for this school: koers, cito-lovs)"), std::string::npos) << out;
}

TEST_F(Cli, UserAddChecksItsInput) {
  std::string out;
  ASSERT_EQ(run_koers({"demo", "--db", db}, &out), 0) << out;
  EXPECT_EQ(run_koers({"user", "add", "--db", db, "--username", "nieuw.ib", "--password", "kort",
                       "--role", "ib", "--name", "Nieuwe IB", "--school", "1"},
                      &out),
            2);
  EXPECT_NE(out.find("minstens 10 tekens"), std::string::npos) << out;
  EXPECT_EQ(run_koers({"user", "add", "--db", db, "--username", "nieuw.ib", "--password",
                       "een-lang-wachtwoord", "--role", "ib", "--name", "Nieuwe IB", "--school", "1"},
                      &out),
            0)
      << out;
  EXPECT_NE(out.find("Account nieuw.ib aangemaakt"), std::string::npos);
  EXPECT_EQ(run_koers({"user", "add", "--db", db, "--username", "x.y", "--password", "een-lang-wachtwoord",
                       "--role", "koning", "--name", "X"},
                      &out),
            1);
  EXPECT_NE(out.find("unknown role"), std::string::npos) << out;
}

TEST_F(Cli, ServeRefusesAPublicAddressThatIsNoWebAddress) {
  std::string out;
  for (const char* bad : {"koers.school.nl", "ftp://koers.school.nl", "https://", "https://koers.school.nl/?x=1"}) {
    EXPECT_EQ(run_koers({"serve", "--db", db, "--listen", "127.0.0.1:1", "--public-url", bad}, &out), 1) << bad;
    EXPECT_NE(out.find("--public-url:"), std::string::npos) << bad << ": " << out;
  }
}

TEST_F(Cli, EveryCommandHasHelp) {
  std::string top;
  EXPECT_EQ(run_koers({"--help"}, &top), 0);
  for (const char* sub : {"serve", "migrate", "demo", "import", "user", "backup", "restore"})
    EXPECT_NE(top.find(sub), std::string::npos) << sub;
  for (auto args : std::vector<std::vector<std::string>>{{"serve", "--help"}, {"migrate", "--help"},
                                                         {"demo", "--help"}, {"import", "edexml", "--help"},
                                                         {"import", "results", "--help"}, {"board", "add", "--help"},
                                                         {"user", "add", "--help"}, {"backup", "--help"},
                                                         {"restore", "--help"}}) {
    std::string out;
    EXPECT_EQ(run_koers(args, &out), 0) << args[0];
    EXPECT_NE(out.find("--db"), std::string::npos) << args.back() << ": " << out;
  }
}

}  // namespace
}  // namespace koers::web::testing
