// HGD requests in the store, on SQLite and PostgreSQL: a request is stored and read back whole;
// a stale save is refused with nothing written; the report (a real PDF) is stored with the
// request in one transaction, replaces the earlier one and moves the status, and a non-PDF
// leaves nothing; a recommendation taken over becomes a need (source onderzoek) in the
// groepsoverzicht in the same transaction that marks it, and a refusal leaves neither; the
// adviesgesprek is a meeting linked to its request in the meeting's transaction, refused for
// another pupil's request or a second time, and holding it makes the request besproken (not
// before the report is there), all in one transaction with the meeting.
#include "store/hgd_repository.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/care_team_repository.h"
#include "store/document_repository.h"
#include "store/meeting_repository.h"
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

domain::Meeting advice_meeting_of(const HgdRequest& h, Id group) {
  domain::Meeting m = domain::new_advice_meeting(h, group, domain::add_days(today_local(), 7));
  m.starts_at = "15:00";
  m.participants = {{"ouders", "Ans Bakker (moeder)"},
                    {"leerkracht", "Els de Wit"},
                    {"ib", "Marieke Visser"},
                    {"deskundige", "Olga Smit"}};
  return m;
}

TEST_P(HgdRepositoryTest, TheAdviceMeetingIsLinkedToItsRequestOnceAndOnlyForItsPupil) {
  const HgdRequest h = requested();
  MeetingRepository meetings(*db);
  const Id id = meetings.create(advice_meeting_of(h, world.group), ib);
  EXPECT_EQ(HgdRepository(*db).find(h.id)->meeting_id, id);
  EXPECT_EQ(HgdRepository(*db).find(h.id)->version, 2);
  auto stored = meetings.find(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->kind, domain::MeetingKind::kHgdAdvice);
  EXPECT_EQ(stored->hgd_id, h.id);
  EXPECT_EQ(stored->participants.size(), 4u);
  EXPECT_EQ(stored->participants[0].name, "Ans Bakker (moeder)");
  EXPECT_EQ(meetings.of_pupil(world.pupil).size(), 1u) << "in the pupil's record";
  EXPECT_EQ(meetings.of_school(world.school, {}, {}).size(), 1u) << "in the school's jaarplanning";
  EXPECT_TRUE(in_trail("adviesgesprek gepland op"));
  EXPECT_TRUE(in_trail("Ans Bakker (moeder) (Ouders)"));

  // A second adviesgesprek for the request: refused, nothing written.
  EXPECT_THROW(meetings.create(advice_meeting_of(h, world.group), ib), MeetingLinkError);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings"), 1);
  // One that claims another pupil: refused, nothing written.
  Id tim = 0;
  db->write([&](soci::session& sql) {
    sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L2', 'Tim', 'Mol', "
           "'x') RETURNING id",
        soci::use(world.school), soci::into(tim);
  });
  domain::Meeting other = advice_meeting_of(h, world.group);
  other.pupil_id = tim;
  EXPECT_THROW(meetings.create(other, ib), MeetingLinkError);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings"), 1);
  EXPECT_EQ(HgdRepository(*db).find(h.id)->meeting_id, id);

  // Cancelled (planned by mistake): the request has none again, in the same transaction.
  ASSERT_TRUE(meetings.remove(*meetings.find(id), ib));
  EXPECT_EQ(HgdRepository(*db).find(h.id)->meeting_id, 0);
  EXPECT_TRUE(in_trail("vervallen"));
}

TEST_P(HgdRepositoryTest, HoldingTheAdviceMeetingMakesTheRequestBesprokenOnlyWithTheReport) {
  const HgdRequest h = requested();
  MeetingRepository meetings(*db);
  domain::Meeting m = *meetings.find(meetings.create(advice_meeting_of(h, world.group), ib));
  domain::Meeting held = m;
  ASSERT_FALSE(domain::hold(held, domain::MeetingActor::kSupportCoordinator, now_utc()));
  // No report yet: the hold is refused and nothing of it is stored.
  EXPECT_THROW(meetings.save(held, m.version, ib), MeetingLinkError);
  EXPECT_EQ(meetings.find(m.id)->status, domain::MeetingStatus::kPlanned);
  EXPECT_EQ(meetings.find(m.id)->version, m.version);
  EXPECT_EQ(HgdRepository(*db).find(h.id)->status, HgdStatus::kRequested);

  ASSERT_TRUE(std::holds_alternative<HgdRequest>(upload(h.id, report_pdf())));
  auto saved = meetings.save(held, m.version, ib);
  ASSERT_TRUE(std::holds_alternative<domain::Meeting>(saved));
  EXPECT_EQ(std::get<domain::Meeting>(saved).status, domain::MeetingStatus::kHeld);
  EXPECT_EQ(HgdRepository(*db).find(h.id)->status, HgdStatus::kDiscussed);
  EXPECT_TRUE(in_trail("besproken in het adviesgesprek"));
  EXPECT_TRUE(in_trail("verslag ontvangen → besproken"));

  // The report written and finalised afterwards: the request stays besproken, no second line.
  domain::Meeting report = std::get<domain::Meeting>(saved);
  report.report = "Instructie in korte stappen.";
  report.decisions = "Thuis elke avond tien minuten lezen.";
  ASSERT_FALSE(domain::finalise_report(report, domain::MeetingActor::kSupportCoordinator, "Marieke Visser", now_utc()));
  ASSERT_TRUE(std::holds_alternative<domain::Meeting>(meetings.save(report, report.version, ib)));
  EXPECT_EQ(meetings.find(m.id)->report, "Instructie in korte stappen.");
  EXPECT_EQ(HgdRepository(*db).find(h.id)->status, HgdStatus::kDiscussed);
  int lines = 0;
  for (const auto& line : trail()) lines += line.find("besproken in het adviesgesprek") != std::string::npos;
  EXPECT_EQ(lines, 1);
}

KOERS_STORE_TEST_SUITE(HgdRepositoryTest);

}  // namespace
}  // namespace koers::store
