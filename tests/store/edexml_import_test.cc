// Importing EDEXML into the store, on SQLite and PostgreSQL: create, re-import without
// duplicates, a newer file, refusals that leave the database exactly as it was.
#include "store/edexml_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "io/edexml_reader.h"
#include "store/audit_log.h"
#include "store/group_repository.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

io::EdexDocument fixture(const std::string& name) {
  std::ifstream in(std::string(KOERS_TEST_DATA) + "/edexml/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  auto doc = io::read_edexml(s.str());
  if (io::failed(doc)) throw std::runtime_error(std::get<io::ImportError>(doc).text());
  return std::get<io::EdexDocument>(doc);
}

// Row counts of every table an import writes: equal snapshots mean nothing changed.
std::map<std::string, long long> snapshot(Database& db) {
  std::map<std::string, long long> out;
  db.read([&](soci::session& sql) {
    for (const char* t : {"schools", "school_years", "school_groups", "pupils", "enrolments", "staff",
                          "group_staff", "imports", "audit_log"}) {
      long long n = 0;
      sql << std::string("SELECT COUNT(*) FROM ") + t, soci::into(n);
      out[t] = n;
    }
  });
  return out;
}

class EdexmlImport : public testing::StoreTest {
 protected:
  Id board = 0, other_board = 0;
  domain::Principal admin;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    db->write([&](soci::session& sql) {
      board = SchoolRepository(*db).create_board(sql, "Stichting Test");
      other_board = SchoolRepository(*db).create_board(sql, "Ander Bestuur");
    });
    admin.username = "beheer";
    admin.role = domain::Role::kBoardAdmin;
    admin.board_id = board;
  }

  io::Outcome<EdexmlImportSummary> run(const io::EdexDocument& doc, bool create = true, Id on_board = 0,
                                       bool confirm_leavers = false) {
    return import_edexml(*db, doc,
                         EdexmlImportOptions{on_board ? on_board : board, create, "De Test", "x.xml", confirm_leavers},
                         admin);
  }
  EdexmlImportSummary ok(const io::EdexDocument& doc, bool create = true) {
    auto r = run(doc, create);
    if (io::failed(r)) ADD_FAILURE() << std::get<io::ImportError>(r).text();
    return io::failed(r) ? EdexmlImportSummary{} : std::get<EdexmlImportSummary>(r);
  }
  long long enrolments_in_year(const std::string& year) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM enrolments e JOIN school_groups g ON g.id = e.group_id "
             "JOIN school_years y ON y.id = g.school_year_id WHERE y.name = :y",
          soci::use(year), soci::into(n);
      return n;
    });
  }
  std::optional<domain::Date> left_on(const std::string& key) {
    return PupilRepository(*db).find(pupil_id(key))->left_on;
  }
  Id pupil_id(const std::string& key) {
    return db->read([&](soci::session& sql) {
      Id id = 0;
      sql << "SELECT id FROM pupils WHERE edex_key = :k", soci::use(key), soci::into(id);
      return id;
    });
  }
};

TEST_P(EdexmlImport, CreatesTheSchoolWithGroupsPupilsAndTeachers) {
  EdexmlImportSummary s = ok(fixture("valid_2_1.xml"));
  EXPECT_TRUE(s.school_created);
  EXPECT_EQ(s.school_name, "De Test");
  EXPECT_EQ(s.school_year, "2026-2027");
  EXPECT_EQ(s.pupils_created, 6);
  EXPECT_EQ(s.groups_created, 4);
  EXPECT_EQ(s.teachers_created, 3);
  auto counts = snapshot(*db);
  EXPECT_EQ(counts["pupils"], 6);
  EXPECT_EQ(counts["enrolments"], 8) << "6 regular + 2 in the Plusklas";
  EXPECT_EQ(counts["group_staff"], 3);

  GroupRepository groups(*db);
  auto year = SchoolRepository(*db).current_school_year(s.school_id);
  ASSERT_TRUE(year);
  auto list = groups.groups_of_school(s.school_id, year->id);
  ASSERT_EQ(list.size(), 4u);
  auto combo = std::find_if(list.begin(), list.end(), [](auto& g) { return g.name == "5/6"; });
  ASSERT_NE(combo, list.end());
  EXPECT_EQ(combo->year_groups, (std::vector<std::string>{"5", "6"}));
  EXPECT_TRUE(combo->is_combination());
  EXPECT_EQ(combo->teachers, std::vector<std::string>{"Esther Kok"});
  EXPECT_EQ(list.back().kind, domain::GroupKind::kCombined) << "samengestelde groepen last";

  auto pupil = PupilRepository(*db).find(pupil_id("L2"));
  ASSERT_TRUE(pupil);
  EXPECT_EQ(pupil->name.display(), "Emma van der Berg");
  EXPECT_EQ(AuditLog(*db).for_pupil(pupil->id).front().detail, "aangemaakt uit EDEXML");
  EXPECT_EQ(AuditLog(*db).for_pupil(pupil->id).front().action, "import");
  EXPECT_EQ(counts["audit_log"], 10) << "one line per pupil, per invited teacher and one for the import";
  EXPECT_EQ(AuditLog(*db).verify(), std::nullopt);
  EXPECT_FALSE(PupilRepository(*db).find(pupil_id("L3"))->birth_date);
}

TEST_P(EdexmlImport, EveryTeacherIsInvitedAndOneWhoLeftTheFileIsDeactivated) {
  EdexmlImportSummary s = ok(fixture("valid_2_1.xml"));
  ASSERT_EQ(s.invitations.size(), 3u) << "one account per staff member";
  AccountRepository accounts(*db);
  for (const auto& code : s.invitations) {
    auto a = accounts.find(code.account_id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->state(), AccountState::kInvited) << a->username;
    EXPECT_EQ(a->school_id, s.school_id);
    EXPECT_NE(a->staff_id, 0);
    EXPECT_EQ(code.purpose, "activation");
  }
  EXPECT_NE(s.text().find("3 accounts uitgenodigd"), std::string::npos) << s.text();
  auto esther = accounts.find_by_username("e.kok");
  ASSERT_TRUE(esther) << "user names come from the name";
  EXPECT_FALSE(std::holds_alternative<std::string>(
      accounts.redeem_code(s.invitations.front().code, "een-goed-wachtwoord", std::chrono::system_clock::now())));

  EXPECT_TRUE(ok(fixture("valid_2_1.xml")).invitations.empty()) << "a re-import invites no one twice";

  io::EdexDocument newer = fixture("valid_2_1.xml");
  auto gone = std::find_if(newer.teachers.begin(), newer.teachers.end(),
                           [](const io::EdexTeacher& t) { return t.surname == "Kok"; });
  ASSERT_NE(gone, newer.teachers.end());
  newer.teachers.erase(gone);
  EdexmlImportSummary later = ok(newer);
  EXPECT_EQ(later.accounts_deactivated, 1);
  EXPECT_EQ(accounts.find(esther->id)->state(), AccountState::kDeactivated);
  const std::string detail = db->read([&](soci::session& sql) {
    std::string d;
    sql << "SELECT detail FROM audit_log WHERE object = 'account e.kok' ORDER BY seq DESC", soci::into(d);
    return d;
  });
  EXPECT_EQ(detail.rfind("gedeactiveerd (niet meer in het EDEXML-bestand x.xml)", 0), 0u) << detail;
  EXPECT_EQ(AuditLog(*db).verify(), std::nullopt);
}

TEST_P(EdexmlImport, RecordsTheImport) {
  EdexmlImportSummary s = ok(fixture("valid_2_1.xml"));
  db->read([&](soci::session& sql) {
    std::string kind, reference, file, summary;
    long long account = 0;
    soci::indicator account_ind = soci::i_ok;
    sql << "SELECT kind, reference_date, file_name, account_id, summary FROM imports",
        soci::into(kind), soci::into(reference), soci::into(file), soci::into(account, account_ind),
        soci::into(summary);
    EXPECT_EQ(kind, "edexml");
    EXPECT_EQ(reference, "2026-10-01");
    EXPECT_EQ(file, "x.xml");
    EXPECT_EQ(account_ind, soci::i_null) << "the principal has no account";
    EXPECT_EQ(summary, s.text());
  });
  EXPECT_EQ(s.text().rfind("De Test (nieuwe school), schooljaar 2026-2027: 6 leerlingen nieuw", 0), 0u)
      << s.text();
}

TEST_P(EdexmlImport, ReimportingTheSameFileChangesNothing) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);
  EdexmlImportSummary s = ok(fixture("valid_2_1.xml"));
  EXPECT_FALSE(s.school_created);
  EXPECT_EQ(s.pupils_unchanged, 6);
  EXPECT_EQ(s.pupils_created + s.pupils_updated + s.pupils_left, 0);
  EXPECT_EQ(s.groups_created + s.groups_updated + s.teachers_created + s.teachers_updated, 0);
  auto after = snapshot(*db);
  for (const char* t : {"schools", "school_groups", "pupils", "enrolments", "staff", "group_staff"})
    EXPECT_EQ(after[t], before[t]) << t;
  EXPECT_EQ(after["audit_log"], before["audit_log"] + 1) << "only the import itself is logged";
}

TEST_P(EdexmlImport, ANewerFileUpdatesMarksLeaversAndAdds) {
  ok(fixture("valid_2_1.xml"));
  EdexmlImportSummary s = ok(fixture("valid_newer.xml"));
  EXPECT_EQ(s.pupils_created, 1);
  EXPECT_EQ(s.pupils_updated, 1);
  EXPECT_EQ(s.pupils_left, 1);
  EXPECT_EQ(s.pupils_unchanged, 4);
  auto renamed = PupilRepository(*db).find(pupil_id("L2"));
  EXPECT_EQ(renamed->name.display(), "Emma van Bergen");
  auto lines = AuditLog(*db).for_pupil(renamed->id);
  EXPECT_EQ(lines.front().detail, "bijgewerkt uit EDEXML: voorvoegsel, achternaam");

  Id left = pupil_id("L5");
  ASSERT_NE(left, 0) << "a pupil who left is kept";
  auto pupil = PupilRepository(*db).find(left);
  ASSERT_TRUE(pupil->left_on);
  EXPECT_EQ(pupil->left_on->iso(), "2027-01-15");
  EXPECT_TRUE(PupilRepository(*db).scope(left)->current_group_ids.empty());
  EXPECT_EQ(PupilRepository(*db).enrolments(left).size(), 0u);
  EXPECT_EQ(AuditLog(*db).for_pupil(left).front().detail, "uitgestroomd");
  EXPECT_EQ(AuditLog(*db).verify(), std::nullopt);
}

TEST_P(EdexmlImport, ALeaverIsCountedOnceAndMayComeBack) {
  ok(fixture("valid_2_1.xml"));
  ok(fixture("valid_newer.xml"));
  EdexmlImportSummary again = ok(fixture("valid_newer.xml"));
  EXPECT_EQ(again.pupils_left, 0);
  EXPECT_EQ(again.pupils_unchanged, 6);

  io::EdexDocument back = fixture("valid_newer.xml");
  back.school.reference_date = domain::parse_iso_date("2027-03-01");
  back.pupils.push_back(fixture("valid_2_1.xml").pupils[4]);  // L5 returns
  EdexmlImportSummary s = ok(back);
  EXPECT_EQ(s.pupils_created, 0);
  EXPECT_EQ(s.pupils_updated, 1);
  EXPECT_FALSE(left_on("L5"));
  EXPECT_EQ(PupilRepository(*db).enrolments(pupil_id("L5")).size(), 1u);
  EXPECT_EQ(AuditLog(*db).for_pupil(pupil_id("L5")).front().detail,
            "bijgewerkt uit EDEXML: uitstroomdatum, groep");
}

TEST_P(EdexmlImport, AnUitstroomdatumMarksThePupilAsLeft) {
  ok(fixture("valid_2_1.xml"));
  io::EdexDocument doc = fixture("valid_2_1.xml");
  doc.pupils[5].left_on = domain::parse_iso_date("2026-12-20");
  EdexmlImportSummary s = ok(doc);
  EXPECT_EQ(s.pupils_updated, 1);
  EXPECT_EQ(s.pupils_left, 0) << "counted as left only when missing from the file";
  ASSERT_TRUE(left_on("L6"));
  EXPECT_EQ(left_on("L6")->iso(), "2026-12-20");
}

TEST_P(EdexmlImport, WithoutPeildatumLeaversLeaveOnTheCreationDateElseToday) {
  ok(fixture("valid_2_1.xml"));
  io::EdexDocument doc = fixture("valid_newer.xml");
  doc.school.reference_date.reset();
  doc.school.created_on = domain::parse_iso_date("2026-11-02");
  EdexmlImportSummary s = ok(doc);
  EXPECT_EQ(s.pupils_left, 1);
  ASSERT_TRUE(left_on("L5"));
  EXPECT_EQ(left_on("L5")->iso(), "2026-11-02");

  io::EdexDocument undated = doc;
  undated.school.created_on.reset();
  undated.pupils.erase(std::find_if(undated.pupils.begin(), undated.pupils.end(),
                                    [](const io::EdexPupil& p) { return p.key == "L6"; }));
  EXPECT_EQ(ok(undated).pupils_left, 1);
  EXPECT_EQ(*left_on("L6"), today_local());
}

// Files without a peildatum are put in order by their aanmaakdatum.
TEST_P(EdexmlImport, AFileWithoutPeildatumIsOrderedByItsCreationDate) {
  ok(fixture("valid_newer.xml"));  // peildatum 2027-01-15
  auto before = snapshot(*db);
  io::EdexDocument older = fixture("valid_newer.xml");
  older.school.reference_date.reset();
  older.school.created_on = domain::parse_iso_date("2026-12-01");
  auto r = run(older);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "school/aanmaakdatum");
  EXPECT_NE(std::get<io::ImportError>(r).message.find("aangemaakt op 01-12-2026"), std::string::npos)
      << std::get<io::ImportError>(r).message;
  EXPECT_EQ(snapshot(*db), before);

  io::EdexDocument newer = older;
  newer.school.created_on = domain::parse_iso_date("2027-02-01");
  ok(newer);
  io::EdexDocument between = fixture("valid_newer.xml");
  between.school.reference_date = domain::parse_iso_date("2027-01-20");
  EXPECT_TRUE(io::failed(run(between))) << "the file made on 1 February is the newest now";
}

// A partial file (one group's export, an empty pupil list) does not empty the school.
TEST_P(EdexmlImport, AFileThatWouldMakeManyPupilsLeaveNeedsAConfirmation) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);
  io::EdexDocument partial = fixture("valid_2_1.xml");
  partial.school.reference_date = domain::parse_iso_date("2026-11-01");
  partial.pupils.resize(3);  // L1–L3 stay; L4, L5, L6 are missing: half of the school
  auto asked = run(partial);
  ASSERT_FALSE(io::failed(asked)) << std::get<io::ImportError>(asked).text();
  const EdexmlImportSummary& q = std::get<EdexmlImportSummary>(asked);
  EXPECT_TRUE(q.confirmation_needed);
  EXPECT_EQ(q.pupils_current, 6);
  ASSERT_EQ(q.would_leave.size(), 3u);
  std::vector<std::string> who;
  for (const auto& p : q.would_leave) who.push_back(p.name + " (" + p.groups + ")");
  const io::EdexDocument full = fixture("valid_2_1.xml");
  for (size_t i = 3; i < 6; ++i) {
    const auto& p = full.pupils[i];
    std::string name = domain::PersonName{p.given_name, p.surname_prefix, p.surname}.display();
    EXPECT_TRUE(std::any_of(who.begin(), who.end(), [&](const std::string& w) { return w.rfind(name + " (", 0) == 0; }))
        << name << " is listed";
  }
  EXPECT_NE(q.text().find("3 van de 6 leerlingen"), std::string::npos) << q.text();
  EXPECT_EQ(snapshot(*db), before) << "nothing stored, not even the import or an audit line";
  EXPECT_FALSE(left_on("L4"));

  EdexmlImportSummary confirmed = std::get<EdexmlImportSummary>(run(partial, true, 0, true));
  EXPECT_FALSE(confirmed.confirmation_needed);
  EXPECT_EQ(confirmed.pupils_left, 3);
  ASSERT_TRUE(left_on("L4"));
  EXPECT_EQ(left_on("L4")->iso(), "2026-11-01");
}

TEST_P(EdexmlImport, AnEmptyPupilListNeedsAConfirmationAndAFewLeaversDoNot) {
  ok(fixture("valid_2_1.xml"));
  io::EdexDocument empty = fixture("valid_2_1.xml");
  empty.pupils.clear();
  auto asked = run(empty);
  ASSERT_FALSE(io::failed(asked));
  EXPECT_TRUE(std::get<EdexmlImportSummary>(asked).confirmation_needed);
  EXPECT_EQ(std::get<EdexmlImportSummary>(asked).would_leave.size(), 6u);

  io::EdexDocument two_left = fixture("valid_2_1.xml");
  two_left.pupils.resize(4);  // 2 of 6: a third, but fewer than three pupils
  EdexmlImportSummary s = ok(two_left);
  EXPECT_FALSE(s.confirmation_needed);
  EXPECT_EQ(s.pupils_left, 2);
}

TEST_P(EdexmlImport, ANewSchoolYearLeavesLastYearAlone) {
  ok(fixture("valid_2_1.xml"));
  io::EdexDocument next = fixture("valid_newer.xml");
  next.school.school_year = "2027-2028";
  next.school.reference_date = domain::parse_iso_date("2027-10-01");
  EdexmlImportSummary s = ok(next);
  EXPECT_EQ(s.school_year, "2027-2028");
  EXPECT_EQ(s.groups_created, 4) << "groups belong to one school year";
  EXPECT_EQ(s.pupils_left, 0) << "L5 was not enrolled in 2027-2028";
  EXPECT_FALSE(left_on("L5"));
  EXPECT_EQ(enrolments_in_year("2026-2027"), 8);
  EXPECT_EQ(enrolments_in_year("2027-2028"), 8);
  EXPECT_EQ(snapshot(*db)["school_years"], 2);

  EdexmlImportSummary earlier_year = ok(fixture("valid_2_1.xml"));
  EXPECT_EQ(earlier_year.pupils_unchanged + earlier_year.pupils_updated, 6)
      << "the order of files is kept per school year";
}

TEST_P(EdexmlImport, AnEarlierSchoolYearAddsHistoryWithoutRewritingNewerDetails) {
  io::EdexDocument next = fixture("valid_newer.xml");
  next.school.school_year = "2027-2028";
  next.school.reference_date = domain::parse_iso_date("2027-10-01");
  ok(next);
  io::EdexDocument earlier = fixture("valid_2_1.xml");
  ASSERT_FALSE(earlier.pupils.empty());
  const std::string kept_key = earlier.pupils.front().key;
  std::string newer_surname;
  for (const auto& p : next.pupils)
    if (p.key == kept_key) newer_surname = p.surname;
  earlier.pupils.front().surname = "Oudenaam";
  io::EdexPupil gone = earlier.pupils.front();
  gone.key = "L-ALLEEN-TOEN";
  gone.eckid.clear();
  gone.surname = "Vertrokken";
  earlier.pupils.push_back(gone);
  EdexmlImportSummary s = ok(earlier);
  EXPECT_TRUE(s.history_only);
  EXPECT_EQ(s.pupils_updated, 0);
  EXPECT_EQ(s.pupils_left, 0) << "nobody is marked as left by history";
  size_t only_then = 0;  // pupils of the earlier file the newer one does not have
  for (const auto& p : earlier.pupils)
    only_then += std::none_of(next.pupils.begin(), next.pupils.end(), [&](const auto& n) { return n.key == p.key; });
  EXPECT_EQ(s.pupils_created, static_cast<int>(only_then));
  if (!newer_surname.empty()) {
    EXPECT_EQ(PupilRepository(*db).find(pupil_id(kept_key))->name.surname, newer_surname);
  }
  EXPECT_EQ(left_on("L-ALLEEN-TOEN"), domain::parse_iso_date("2027-07-31"))
      << "only in the earlier year: left at its end";
  EXPECT_EQ(enrolments_in_year("2026-2027"), 9);
  EXPECT_NE(s.text().find("eerder schooljaar"), std::string::npos);
}

TEST_P(EdexmlImport, AnOlderFileAfterANewerOneIsRefused) {
  ok(fixture("valid_newer.xml"));
  auto before = snapshot(*db);
  auto r = run(fixture("valid_2_1.xml"));
  ASSERT_TRUE(io::failed(r));
  EXPECT_NE(std::get<io::ImportError>(r).message.find("ouder dan de laatste import"), std::string::npos);
  EXPECT_EQ(snapshot(*db), before);
}

TEST_P(EdexmlImport, ADocumentWithInvalidUtf8OrANulIsRefusedAndStoresNothing) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);
  io::EdexDocument latin1 = fixture("valid_2_1.xml");  // as a document built in code could be
  latin1.pupils[1].given_name = "Zo\xEB";
  auto r = run(latin1);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "leerling key=\"L2\"/roepnaam");
  io::EdexDocument nul = fixture("valid_2_1.xml");
  nul.teachers[0].surname = std::string("Wi\0t", 4);
  ASSERT_TRUE(io::failed(run(nul)));
  EXPECT_EQ(snapshot(*db), before);
  EXPECT_EQ(PupilRepository(*db).find(pupil_id("L2"))->name.given, fixture("valid_2_1.xml").pupils[1].given_name);
}

TEST_P(EdexmlImport, AnUnknownSchoolIsNotCreatedUnlessAsked) {
  auto before = snapshot(*db);
  auto r = run(fixture("valid_2_1.xml"), false);
  ASSERT_TRUE(io::failed(r));
  EXPECT_NE(std::get<io::ImportError>(r).message.find("BRIN 99XX"), std::string::npos);
  EXPECT_EQ(snapshot(*db), before);
}

TEST_P(EdexmlImport, ASchoolOfAnotherBoardIsRefused) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);
  auto r = run(fixture("valid_newer.xml"), false, other_board);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).message, "dit bestand is van een school van een ander bestuur");
  EXPECT_EQ(snapshot(*db), before);
}

// Documents built in code (the demo does) skip the reader; the importer checks them too.
TEST_P(EdexmlImport, AReferenceToAMissingGroupIsRefused) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);

  io::EdexDocument pupil_doc = fixture("valid_newer.xml");
  pupil_doc.pupils.back().group_key = "G9";
  auto r = run(pupil_doc);
  ASSERT_TRUE(io::failed(r));
  const io::ImportError& e = std::get<io::ImportError>(r);
  EXPECT_EQ(e.element, "leerling key=\"L7\"");
  EXPECT_EQ(e.line, pupil_doc.pupils.back().line);
  EXPECT_EQ(e.message, "onbekende groep \"G9\"");
  EXPECT_EQ(snapshot(*db), before);

  io::EdexDocument teacher_doc = fixture("valid_newer.xml");
  teacher_doc.teachers.back().groups.push_back({"GEEN", false, ""});
  r = run(teacher_doc);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).message, "onbekende groep \"GEEN\"");
  EXPECT_EQ(snapshot(*db), before);
}

TEST_P(EdexmlImport, AGroupKeyUsedTwiceIsRefused) {
  auto before = snapshot(*db);
  io::EdexDocument doc = fixture("valid_2_1.xml");
  doc.groups.push_back({"G3", "Leesclub", "", true, 0});  // same key as groep 3
  auto r = run(doc);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "samengestelde_groep key=\"G3\"");
  EXPECT_EQ(snapshot(*db), before);
}

TEST_P(EdexmlImport, AFailureHalfwayLeavesNothingBehind) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);
  io::EdexDocument doc = fixture("valid_newer.xml");
  io::EdexPupil twin = doc.pupils.back();  // L7, new: inserted twice, the database refuses the second
  doc.pupils.push_back(twin);
  EXPECT_ANY_THROW(run(doc));
  EXPECT_EQ(snapshot(*db), before);
  EXPECT_EQ(PupilRepository(*db).find(pupil_id("L2"))->name.surname, "Berg") << "earlier updates rolled back";
  EXPECT_EQ(pupil_id("L7"), 0);
}

TEST_P(EdexmlImport, MatchesAPupilByEckIdWhenTheKeyChanged) {
  ok(fixture("valid_2_1.xml"));
  Id before = pupil_id("L1");
  io::EdexDocument doc = fixture("valid_newer.xml");
  doc.pupils[0].key = "NIEUW-1";  // another administration system, same ECK iD
  EdexmlImportSummary s = ok(doc);
  EXPECT_EQ(pupil_id("NIEUW-1"), before);
  EXPECT_EQ(s.pupils_created, 1) << "only L7";
}

// --- Files as the standard's examples have them.

TEST_P(EdexmlImport, APupilWithoutSurnameIsImportedAndListedAsIncomplete) {
  EdexmlImportSummary s = ok(fixture("standard_2_1.xml"));
  EXPECT_EQ(s.pupils_created, 3);
  EXPECT_EQ(s.teachers_created, 2);
  ASSERT_EQ(s.incomplete.size(), 2u);
  EXPECT_EQ(s.incomplete[0].text(), "regel 43, <leerling key=\"00101\">: de achternaam ontbreekt");
  EXPECT_EQ(s.incomplete[1].text(), "regel 100, <leerkracht key=\"LK8\">: de achternaam ontbreekt");
  EXPECT_EQ(s.pupils_incomplete, 1);
  EXPECT_EQ(s.teachers_incomplete, 1);
  EXPECT_NE(s.text().find("Onvolledig: 1 leerlingen en 1 medewerkers zonder achternaam."), std::string::npos)
      << s.text();

  auto fenna = PupilRepository(*db).find(pupil_id("00101"));
  ASSERT_TRUE(fenna);
  EXPECT_EQ(fenna->name.display(), "Fenna");
  EXPECT_EQ(fenna->name.surname, "");
  EXPECT_EQ(fenna->birth_date->iso(), "2015-04-02") << "imported with what there is";
  EXPECT_EQ(PupilRepository(*db).enrolments(fenna->id).size(), 2u);

  EdexmlImportSummary again = ok(fixture("standard_2_1.xml"));
  EXPECT_EQ(again.pupils_unchanged, 3);
  EXPECT_EQ(again.incomplete.size(), 2u) << "listed as long as the file lacks it";
}

TEST_P(EdexmlImport, ACompleteFileListsNothingAsIncomplete) {
  EdexmlImportSummary s = ok(fixture("valid_2_1.xml"));
  EXPECT_TRUE(s.incomplete.empty());
  EXPECT_EQ(s.text().find("Onvolledig"), std::string::npos) << s.text();
}

TEST_P(EdexmlImport, AFlemishSchoolIsRecognisedByItsInstellingsnummer) {
  auto before = snapshot(*db);
  auto unknown = run(fixture("standard_2_1_vlaanderen.xml"), false);
  ASSERT_TRUE(io::failed(unknown));
  EXPECT_EQ(std::get<io::ImportError>(unknown).message,
            "de school met instellingsnummer 4217 staat nog niet in Koers; kies 'nieuwe school aanmaken' als dit "
            "een nieuwe school is");
  EXPECT_EQ(snapshot(*db), before);

  EdexmlImportSummary created = ok(fixture("standard_2_1_vlaanderen.xml"));
  EXPECT_TRUE(created.school_created);
  auto school = SchoolRepository(*db).find_school_by_brin("4217");
  ASSERT_TRUE(school) << "the instellingsnummer stands where the BRIN would";
  EXPECT_EQ(school->id, created.school_id);
  EXPECT_EQ(school->dependance, "00");

  EdexmlImportSummary again = ok(fixture("standard_2_1_vlaanderen.xml"), false);
  EXPECT_FALSE(again.school_created);
  EXPECT_EQ(again.school_id, created.school_id);
  EXPECT_EQ(again.pupils_unchanged, 3);

  EdexmlImportSummary dutch = ok(fixture("standard_2_1.xml"));
  EXPECT_TRUE(dutch.school_created) << "a Dutch school with BRIN 98QQ is another school";
  EXPECT_NE(dutch.school_id, created.school_id);
}

TEST_P(EdexmlImport, AFileNamingNoSchoolIsRefused) {
  // The XSD allows a school block with only a schoolkey; Koers cannot tell which school that is.
  io::EdexDocument doc = fixture("valid_2_1.xml");
  doc.school.brin.clear();
  auto before = snapshot(*db);
  auto r = run(doc);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "school");
  EXPECT_NE(std::get<io::ImportError>(r).message.find("geen BRIN-code en geen instellingsnummer"), std::string::npos);
  EXPECT_EQ(snapshot(*db), before);
}

TEST_P(EdexmlImport, AnEdexml103FileImports) {
  EdexmlImportSummary s = ok(fixture("standard_1_0_3.xml"));
  EXPECT_EQ(s.school_year, "2012-2013");
  EXPECT_EQ(s.pupils_created, 3);
  EXPECT_EQ(s.groups_created, 2);
  ASSERT_EQ(s.incomplete.size(), 1u);
  EXPECT_EQ(s.incomplete[0].element, "leerling key=\"3582\"");
  EXPECT_TRUE(SchoolRepository(*db).find_school_by_brin("97PP", "01"));
}

// A document built in code skips the reader; the importer holds it to the same values.
TEST_P(EdexmlImport, ValuesTheStandardRefusesAreRefusedAndChangeNothing) {
  ok(fixture("valid_2_1.xml"));
  auto before = snapshot(*db);

  io::EdexDocument pupil_doc = fixture("valid_newer.xml");
  pupil_doc.pupils.back().year_group = "100";
  auto r = run(pupil_doc);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "leerling key=\"L7\"/jaargroep");
  EXPECT_EQ(std::get<io::ImportError>(r).line, pupil_doc.pupils.back().line);
  EXPECT_EQ(snapshot(*db), before);

  io::EdexDocument group_doc = fixture("valid_newer.xml");
  group_doc.groups.front().year_group = "9";
  r = run(group_doc);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).element, "groep key=\"G3\"/jaargroep");
  EXPECT_EQ(snapshot(*db), before);

  io::EdexDocument nameless = fixture("valid_newer.xml");
  nameless.pupils.back().surname.clear();
  nameless.pupils.back().given_name.clear();
  r = run(nameless);
  ASSERT_TRUE(io::failed(r));
  EXPECT_EQ(std::get<io::ImportError>(r).message,
            "de achternaam en de roepnaam ontbreken (EDEXML vraagt minstens een van beide)");
  EXPECT_EQ(snapshot(*db), before);
}

KOERS_STORE_TEST_SUITE(EdexmlImport);

}  // namespace
}  // namespace koers::store
