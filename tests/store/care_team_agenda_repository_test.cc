// The care-team meeting's agenda in the store, on SQLite and PostgreSQL: a case goes on the
// agenda together with its move to geagendeerd (one transaction), in order; a stale case or
// agenda row is refused with nothing written; recording saves the discussion, the case's
// advice and the case's agreements (on their owner's list, not among the meeting's own);
// taking a case off puts it back; the final reports are the pupil's; each change is in the
// pupil's trail in words.
#include "store/care_team_agenda_repository.h"

#include <gtest/gtest.h>

#include "common/clock.h"
#include "store/audit_log.h"
#include "store/care_team_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::CareTeamCase;
using domain::CaseOnAgenda;
using domain::CaseStatus;
using domain::Id;

class CareTeamAgendaTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    world = school_with_one_group();
    ib = ib_of(world.school);
    ib.display_name = "Ingrid IB";
    db->write([&](soci::session& sql) {
      Id board = 0;
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(world.school), soci::into(board);
      sql << "INSERT INTO accounts (board_id, school_id, username, display_name, role, password_hash, created_at) "
             "VALUES (:b, :s, 'ib1', 'Ingrid IB', 'ib', 'x', 'x') RETURNING id",
          soci::use(board), soci::use(world.school), soci::into(ib.account_id);
      sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L2', 'Tim', "
             "'de Vries', 'x') RETURNING id",
          soci::use(world.school), soci::into(second_pupil);
    });
    domain::Meeting m = domain::new_meeting(domain::MeetingKind::kCareTeam, world.school, domain::Date{2027, 2, 17});
    meeting = MeetingRepository(*db).create(m, ib);
  }

  // A case at toestemming (internal: the parents were informed) for `pupil`.
  CareTeamCase consented(Id pupil) {
    CareTeamCaseRepository cases(*db);
    CareTeamCase c;
    c.pupil_id = pupil;
    c.school_id = world.school;
    c.help_question = "Hoe helpen we bij het rekenen?";
    c.parents_informed = domain::ParentsInformed{{2027, 1, 20}, "telefonisch"};
    c = cases.create(c, ib);
    c.status = CaseStatus::kConsent;
    return std::get<CareTeamCase>(cases.save(c, c.version, ib, "status"));
  }

  CaseOnAgenda on_agenda(CareTeamCase& c) {
    const int based_on = c.version;
    CaseOnAgenda item;
    item.meeting_id = meeting;
    item.case_id = c.id;
    item.pupil_id = c.pupil_id;
    item.school_id = c.school_id;
    item.status_before = c.status;
    item.parents_invited = true;
    c.status = CaseStatus::kScheduled;
    c.meeting_id = meeting;
    auto added = CareTeamAgendaRepository(*db).add(item, {c, based_on}, ib, "op de agenda gezet");
    EXPECT_TRUE(std::holds_alternative<CaseOnAgenda>(added));
    return std::get<CaseOnAgenda>(added);
  }

  OneGroup world;
  domain::Principal ib;
  Id second_pupil = 0, meeting = 0;
};

TEST_P(CareTeamAgendaTest, ACaseGoesOnTheAgendaWithItsStatusInOneTransactionAndInOrder) {
  CareTeamCase first = consented(world.pupil), second = consented(second_pupil);
  CaseOnAgenda a = on_agenda(first), b = on_agenda(second);
  EXPECT_EQ(a.order, 1);
  EXPECT_EQ(b.order, 2);
  EXPECT_EQ(a.pupil_name, "Sanne Bakker");
  EXPECT_TRUE(a.parents_invited);
  EXPECT_EQ(a.status_before, CaseStatus::kConsent);
  ASSERT_TRUE(a.meeting_on.has_value());
  EXPECT_EQ(*a.meeting_on, (domain::Date{2027, 2, 17}));
  auto stored = CareTeamCaseRepository(*db).find(first.id);
  EXPECT_EQ(stored->status, CaseStatus::kScheduled);
  EXPECT_EQ(stored->meeting_id, meeting);

  CareTeamAgendaRepository agenda(*db);
  EXPECT_TRUE(agenda.move(meeting, second.id, -1, ib));
  auto items = agenda.of_meeting(meeting);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].case_id, second.id);
  EXPECT_EQ(items[1].case_id, first.id);
  EXPECT_FALSE(agenda.move(meeting, second.id, -1, ib)) << "already first";
  EXPECT_EQ(agenda.count(meeting), 2);

  bool said = false;
  for (const auto& e : AuditLog(*db).for_pupil(world.pupil))
    said = said || domain::audit_sentence(e).find("wijzigde de zorgteamcasus " + std::to_string(first.id) +
                                                  ": op de agenda gezet") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST_P(CareTeamAgendaTest, AStaleCaseOrRowIsRefusedAndNothingIsWritten) {
  CareTeamCase c = consented(world.pupil);
  CareTeamCase stale = c;
  CareTeamAgendaRepository agenda(*db);
  CaseOnAgenda item;
  item.meeting_id = meeting;
  item.case_id = c.id;
  item.pupil_id = c.pupil_id;
  item.school_id = c.school_id;
  stale.status = CaseStatus::kScheduled;
  auto refused = agenda.add(item, {stale, c.version - 1}, ib, "op de agenda gezet");
  ASSERT_TRUE(std::holds_alternative<AgendaConflict>(refused));
  EXPECT_EQ(std::get<AgendaConflict>(refused).what, "de casus");
  EXPECT_TRUE(agenda.of_meeting(meeting).empty());
  EXPECT_EQ(CareTeamCaseRepository(*db).find(c.id)->status, CaseStatus::kConsent);

  CaseOnAgenda on = on_agenda(c);
  CaseOnAgenda edited = on;
  edited.discussion = "Besproken";
  auto saved = agenda.save(edited, on.version - 1, std::nullopt, {}, ib, "bespreking");
  ASSERT_TRUE(std::holds_alternative<AgendaConflict>(saved));
  EXPECT_EQ(std::get<AgendaConflict>(saved).what, "het agendapunt");
  EXPECT_EQ(agenda.find(meeting, c.id)->discussion, "");
}

TEST_P(CareTeamAgendaTest, RecordingSavesTheDiscussionTheAdviceAndTheCasesAgreements) {
  CareTeamCase c = consented(world.pupil);
  CaseOnAgenda on = on_agenda(c);
  CareTeamAgendaRepository agenda(*db);
  CaseOnAgenda edited = on;
  edited.discussion = "Rekenen blijft achter.";
  edited.advice = "Tien minuten tafels per dag.";
  edited.decisions = "Over zes weken opnieuw.";
  CareTeamCase moved = *CareTeamCaseRepository(*db).find(c.id);
  const int case_version = moved.version;
  moved.status = CaseStatus::kAdvice;
  moved.advice = edited.advice;
  domain::Agreement a;
  a.action = "Tafelprogramma regelen";
  a.owner_account_id = ib.account_id;
  a.due_on = {2027, 3, 1};
  auto saved = agenda.save(edited, on.version, CaseChange{moved, case_version}, {a}, ib, "bespreking, advies");
  ASSERT_TRUE(std::holds_alternative<CaseOnAgenda>(saved));
  const CaseOnAgenda back = std::get<CaseOnAgenda>(saved);
  EXPECT_EQ(back.version, on.version + 1);
  EXPECT_EQ(back.discussion, edited.discussion);
  EXPECT_EQ(back.decisions, edited.decisions);
  ASSERT_EQ(back.agreements.size(), 1u);
  EXPECT_EQ(back.agreements[0].owner_name, "Ingrid IB");
  const auto stored = CareTeamCaseRepository(*db).find(c.id);
  EXPECT_EQ(stored->status, CaseStatus::kAdvice);
  EXPECT_EQ(stored->advice, edited.advice);
  EXPECT_EQ(stored->version, case_version + 1);
  // The owner's list holds it; the meeting's own agreements do not.
  auto mine = MeetingRepository(*db).agreements_of_owner(ib.account_id, true);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].action, "Tafelprogramma regelen");
  EXPECT_TRUE(MeetingRepository(*db).find(meeting)->agreements.empty());
  // Not in the dossier before the report is final; then it is.
  EXPECT_TRUE(agenda.reports_of_pupil(world.pupil).empty());
  EXPECT_TRUE(PupilRecordRepository(*db).read(world.pupil, kNow)->care_team_reports.empty()) << "not before final";
  domain::Meeting m = *MeetingRepository(*db).find(meeting);
  m.status = domain::MeetingStatus::kReported;
  ASSERT_TRUE(std::holds_alternative<domain::Meeting>(MeetingRepository(*db).save(m, m.version, ib)));
  auto reports = agenda.reports_of_pupil(world.pupil);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].advice, edited.advice);
  EXPECT_TRUE(agenda.reports_of_pupil(second_pupil).empty());
  // The finalised report is part of the pupil's record, with the agreements made there.
  auto record = PupilRecordRepository(*db).read(world.pupil, kNow);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->care_team_reports.size(), 1u);
  EXPECT_EQ(record->care_team_reports[0].meeting_id, meeting);
  EXPECT_EQ(record->care_team_reports[0].discussion, "Rekenen blijft achter.");
  EXPECT_EQ(record->care_team_reports[0].decisions, "Over zes weken opnieuw.");
  ASSERT_EQ(record->care_team_reports[0].agreements.size(), 1u);
  EXPECT_EQ(record->care_team_reports[0].agreements[0].action, "Tafelprogramma regelen");
  EXPECT_TRUE(PupilRecordRepository(*db).read(second_pupil, kNow)->care_team_reports.empty());
}

TEST_P(CareTeamAgendaTest, TakenOffTheCaseReturnsToItsStatusAndTheRestMovesUp) {
  CareTeamCase first = consented(world.pupil), second = consented(second_pupil);
  CaseOnAgenda a = on_agenda(first);
  on_agenda(second);
  CareTeamAgendaRepository agenda(*db);
  CareTeamCase back = *CareTeamCaseRepository(*db).find(first.id);
  const int case_version = back.version;
  back.status = CaseStatus::kConsent;
  back.meeting_id = 0;
  EXPECT_FALSE(agenda.remove(a, {back, case_version}, ib).has_value());
  auto items = agenda.of_meeting(meeting);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].case_id, second.id);
  EXPECT_EQ(items[0].order, 1);
  const auto stored = CareTeamCaseRepository(*db).find(first.id);
  EXPECT_EQ(stored->status, CaseStatus::kConsent);
  EXPECT_EQ(stored->meeting_id, 0);
}

KOERS_STORE_TEST_SUITE(CareTeamAgendaTest);

}  // namespace
}  // namespace koers::store
