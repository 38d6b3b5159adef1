// HGD requests in the store, on SQLite and PostgreSQL: a request is stored and read back whole;
// a stale save is refused with nothing written; the report (a real PDF) is stored with the
// request in one transaction, replaces the earlier one and moves the status, and a non-PDF
// leaves nothing; a recommendation taken over becomes a need (source onderzoek) in the
// groepsoverzicht in the same transaction that marks it, and a refusal leaves neither.
#include "store/hgd_repository.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/care_team_repository.h"
#include "store/document_repository.h"
#include "store/overview_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::HgdRequest;
using domain::HgdStatus;
using domain::Id;

std::string report_pdf() {
  std::ifstream in(std::string(KOERS_TEST_DATA) + "/documents/rapport.pdf", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class HgdRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    world = school_with_one_group();
    ib = ib_of(world.school);
    ib.display_name = "Marieke Visser";
    db->write([&](soci::session& sql) {
      Id board = 0;
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(world.school), soci::into(board);
      AccountRepository accounts(*db);
      ib.account_id = accounts.insert(
          sql, NewAccount{"ib", "", domain::Role::kSupportCoordinator, "Marieke Visser", board, world.school, 0, 0}, "x");
      expert = accounts.insert(sql, NewAccount{"olga", "", domain::Role::kCareTeamMember, "Olga Smit", board, 0, 0, 0},
                               "x");
    });
    CareTeamCaseRepository cases(*db);
    domain::CareTeamCase c;
    c.pupil_id = world.pupil;
    c.school_id = world.school;
    c.help_question = "Hoe helpen we Sanne bij het lezen?";
    case_id = cases.create(c, ib).id;
    domain::Consent k;
    k.case_id = case_id;
    k.pupil_id = world.pupil;
    k.purpose = domain::ConsentPurpose::kHgd;
    k.given_by = "moeder, Ans Bakker";
    k.given_on = domain::add_days(today_local(), -2);
    k.valid_until = domain::add_days(today_local(), 100);
    k.disciplines = {"orthopedagoog"};
    consent_id = cases.add_consent(k, ib).id;
  }

  HgdRequest requested() {
    HgdRequest r;
    r.case_id = case_id;
    r.pupil_id = world.pupil;
    r.school_id = world.school;
    r.question_kind = domain::HgdQuestionKind::kExplaining;
    r.help_question = "Waarom komt Sanne niet tot lezen?";
    r.questions = {"Is er sprake van dyslexie?", "Welke instructie past?"};
    r.expert_account_id = expert;
    r.expert_name = "Olga Smit";
    r.expert_discipline = "orthopedagoog";
    r.consent_id = consent_id;
    r.requested_on = today_local();
    return HgdRepository(*db).create(r, ib);
  }
  std::variant<HgdRequest, std::string> upload(Id hgd, std::string bytes) {
    return HgdRepository(*db).receive_report(hgd, ib, [&](soci::session& sql) {
      return DocumentRepository(*db).store(
          sql, NewDocument{"hgd", hgd, world.school, world.pupil, "Verslag HGD.pdf", bytes}, ib);
    });
  }
  long long count(const std::string& query) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
  std::vector<domain::OverviewEntry> needs() { return OverviewRepository(*db).entries({world.pupil}, kNow)[world.pupil]; }
  std::vector<std::string> trail() {
    std::vector<std::string> out;
    for (const auto& e : AuditLog(*db).for_pupil(world.pupil)) out.push_back(e.object + ": " + e.detail);
    return out;
  }
  bool in_trail(const std::string& part) {
    for (const auto& line : trail())
      if (line.find(part) != std::string::npos) return true;
    return false;
  }

  OneGroup world;
  domain::Principal ib;
  Id expert = 0, case_id = 0, consent_id = 0;
};

TEST_P(HgdRepositoryTest, ARequestIsStoredWholeAndAStaleSaveWritesNothing) {
  const HgdRequest made = requested();
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.version, 1);
  auto got = HgdRepository(*db).find(made.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, HgdStatus::kRequested);
  EXPECT_EQ(got->question_kind, domain::HgdQuestionKind::kExplaining);
  EXPECT_EQ(got->questions, made.questions);
  EXPECT_EQ(got->expert_account_id, expert);
  EXPECT_EQ(got->consent_id, consent_id);
  EXPECT_EQ(got->requested_on, today_local());
  EXPECT_EQ(HgdRepository(*db).of_case(case_id).size(), 1u);
  EXPECT_TRUE(in_trail("HGD aangevraagd bij Olga Smit (orthopedagoog)"));

  HgdRequest next = *got;
  next.status = HgdStatus::kInResearch;
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(HgdRepository(*db).save(next, 1, ib, "status: in onderzoek")));
  HgdRequest stale = *got;
  stale.help_question = "overschreven";
  auto conflict = HgdRepository(*db).save(stale, 1, ib, "hulpvraag");
  ASSERT_TRUE(std::holds_alternative<HgdConflict>(conflict));
  EXPECT_EQ(std::get<HgdConflict>(conflict).stored_version, 2);
  EXPECT_EQ(HgdRepository(*db).find(made.id)->help_question, made.help_question);
  EXPECT_EQ(HgdRepository(*db).find(made.id)->status, HgdStatus::kInResearch);
}

TEST_P(HgdRepositoryTest, TheReportIsStoredWithTheRequestAndReplacesTheEarlierOne) {
  const HgdRequest made = requested();
  auto refused = upload(made.id, "dit is geen pdf");
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_NE(std::get<std::string>(refused).find("Bestand"), std::string::npos) << std::get<std::string>(refused);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
  EXPECT_EQ(HgdRepository(*db).find(made.id)->version, 1) << "a refused upload changes nothing";

  auto first = upload(made.id, report_pdf());
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(first)) << std::get<std::string>(first);
  const Id first_doc = std::get<HgdRequest>(first).report_document_id;
  EXPECT_GT(first_doc, 0);
  EXPECT_EQ(HgdRepository(*db).find(made.id)->status, HgdStatus::kReportReceived);
  auto second = upload(made.id, report_pdf());
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(second));
  EXPECT_NE(std::get<HgdRequest>(second).report_document_id, first_doc);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1) << "the replaced report is removed";
  EXPECT_EQ(DocumentRepository(*db).load(std::get<HgdRequest>(second).report_document_id)->bytes, report_pdf());
  EXPECT_TRUE(in_trail("verslag van de deskundige ontvangen"));
  EXPECT_TRUE(in_trail("vervangen door een nieuw HGD-verslag"));
}

TEST_P(HgdRepositoryTest, ARecommendationBecomesANeedInTheSameTransaction) {
  HgdRequest h = requested();
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(upload(h.id, report_pdf())));
  h = *HgdRepository(*db).find(h.id);
  ASSERT_EQ(domain::set_recommendations(h, {"korte instructie met voorbeelden", "extra leestijd"}), std::nullopt);
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(HgdRepository(*db).save(h, h.version, ib, "adviezen")));

  // A refusal by the entry's rules leaves neither the need nor the mark.
  auto bad = HgdRepository(*db).take_over(h.id, 1, domain::EntryKind::kGeneralNeed, "geen-aspect", "", {}, ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(bad));
  EXPECT_NE(std::get<std::string>(bad).find("Advies 1: Aspect"), std::string::npos) << std::get<std::string>(bad);
  EXPECT_TRUE(needs().empty());
  EXPECT_FALSE(HgdRepository(*db).find(h.id)->recommendations[0].taken_over());

  auto taken = HgdRepository(*db).take_over(h.id, 1, domain::EntryKind::kGeneralNeed, "instructie", "", {}, ib);
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(taken)) << std::get<std::string>(taken);
  const auto stored = needs();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].source, domain::InformationSource::kResearch);
  EXPECT_EQ(stored[0].kind, domain::EntryKind::kGeneralNeed);
  EXPECT_EQ(stored[0].topic, "instructie");
  EXPECT_EQ(stored[0].text, "korte instructie met voorbeelden");
  EXPECT_EQ(stored[0].written_by, "Marieke Visser");
  const auto mark = HgdRepository(*db).find(h.id)->recommendations[0];
  EXPECT_EQ(mark.need_entry_id, stored[0].id);
  EXPECT_EQ(mark.taken_over_by, "Marieke Visser");

  auto twice = HgdRepository(*db).take_over(h.id, 1, domain::EntryKind::kGeneralNeed, "instructie", "", {}, ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(twice));
  EXPECT_EQ(needs().size(), 1u);
  auto subject = HgdRepository(*db).take_over(h.id, 2, domain::EntryKind::kSubjectNeed, "Technisch lezen",
                                              "dagelijks tien minuten extra leestijd", {"Technisch lezen"}, ib);
  ASSERT_TRUE(std::holds_alternative<HgdRequest>(subject));
  EXPECT_EQ(needs().size(), 2u);
  EXPECT_TRUE(in_trail("advies 1 overgenomen als onderwijsbehoefte"));
  EXPECT_TRUE(in_trail("(bron: onderzoek)"));
}

KOERS_STORE_TEST_SUITE(HgdRepositoryTest);

}  // namespace
}  // namespace koers::store
