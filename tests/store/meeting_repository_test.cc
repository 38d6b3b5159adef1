// Meetings on SQLite and PostgreSQL: versions with a stale save refused, agreements per
// owner, a registration becoming a requested pupil discussion, and sending that freezes the
// plan version in the same transaction (or, when the plan cannot be sent, nothing at all).
#include "store/meeting_repository.h"

#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/plan_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;
using domain::Meeting;
using domain::MeetingActor;

class MeetingStore : public testing::StoreTest {
 protected:
  Id school = 0, group = 0, pupil = 0, teacher_account = 0, ib_account = 0;
  domain::Principal ib, teacher;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    OneGroup one = school_with_one_group();
    school = one.school, group = one.group, pupil = one.pupil;
    db->write([&](soci::session& sql) {
      for (auto [name, role, id] : {std::tuple{"juf", "leerkracht", &teacher_account}, std::tuple{"ib", "ib", &ib_account}})
        sql << "INSERT INTO accounts (username, password_hash, role, display_name, board_id, school_id, created_at) "
               "SELECT :u, 'x', :r, :n, board_id, id, 'x' FROM schools WHERE id = :s RETURNING id",
            soci::use(std::string(name)), soci::use(std::string(role)),
            soci::use(std::string(name == std::string("juf") ? "Joost Peters" : "Marieke Visser")), soci::use(school),
            soci::into(*id);
    });
    ib = principal("ib", "Marieke Visser", domain::Role::kSupportCoordinator, ib_account);
    teacher = principal("juf", "Joost Peters", domain::Role::kTeacher, teacher_account);
  }

  domain::Principal principal(const std::string& user, const std::string& name, domain::Role role, Id account) {
    domain::Principal p;
    p.account_id = account;
    p.username = user;
    p.display_name = name;
    p.role = role;
    p.school_id = school;
    return p;
  }

  Id planned_group_discussion() {
    Meeting m = domain::new_meeting(domain::MeetingKind::kGroupDiscussion, school, domain::Date{2026, 11, 24});
    m.group_id = group;
    m.period_id = 7;
    m.starts_at = "14:15";
    return MeetingRepository(*db).create(m, ib);
  }

  Meeting saved(const std::variant<Meeting, MeetingConflict>& r) {
    EXPECT_TRUE(std::holds_alternative<Meeting>(r)) << "conflict";
    return std::get<Meeting>(r);
  }

  long long count(const std::string& q) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << q, soci::into(n);
      return n;
    });
  }
};

TEST_P(MeetingStore, APlannedMeetingIsReadBackWithItsAgendaAndListedInTheCalendar) {
  Id id = planned_group_discussion();
  auto m = MeetingRepository(*db).find(id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->version, 1);
  EXPECT_EQ(m->status, domain::MeetingStatus::kPlanned);
  EXPECT_EQ(m->group_id, group);
  EXPECT_EQ(m->agenda.size(), 8u);
  EXPECT_EQ(m->planned_on, (domain::Date{2026, 11, 24}));
  EXPECT_EQ(m->updated_by, "Marieke Visser");

  auto in_november = MeetingRepository(*db).of_school(school, domain::Date{2026, 11, 1}, domain::Date{2026, 11, 30});
  ASSERT_EQ(in_november.size(), 1u);
  EXPECT_TRUE(MeetingRepository(*db).of_school(school, domain::Date{2026, 12, 1}, std::nullopt, false).empty());
  EXPECT_TRUE(MeetingRepository(*db).of_school(school + 1000, std::nullopt, std::nullopt).empty());
}

TEST_P(MeetingStore, AStaleSaveIsRefusedAndChangesNothing) {
  Id id = planned_group_discussion();
  Meeting m = *MeetingRepository(*db).find(id);
  Meeting first = m;
  first.questions = "Hoe krijg ik rust?";
  Meeting v2 = saved(MeetingRepository(*db).save(first, 1, teacher));
  EXPECT_EQ(v2.version, 2);
  Meeting second = m;
  second.questions = "Iets anders";
  auto stale = MeetingRepository(*db).save(second, 1, teacher);
  ASSERT_TRUE(std::holds_alternative<MeetingConflict>(stale));
  EXPECT_EQ(std::get<MeetingConflict>(stale).latest_version, 2);
  EXPECT_EQ(MeetingRepository(*db).find(id)->questions, "Hoe krijg ik rust?");
}

TEST_P(MeetingStore, AgreementsGetRowsAndAreListedPerOwnerUntilDone) {
  Id id = planned_group_discussion();
  Meeting m = *MeetingRepository(*db).find(id);
  domain::Agreement a;
  a.action = "Stoplicht invoeren";
  a.owner_account_id = teacher_account;
  a.due_on = {2026, 12, 11};
  domain::Agreement b = a;
  b.action = "Groepsbezoek plannen";
  b.owner_account_id = ib_account;
  b.due_on = {2026, 12, 4};
  m.agreements = {a, b};
  Meeting v2 = saved(MeetingRepository(*db).save(m, 1, ib));
  ASSERT_EQ(v2.agreements.size(), 2u);
  EXPECT_NE(v2.agreements[0].id, 0);
  EXPECT_EQ(v2.agreements[0].owner_name, "Joost Peters");

  auto mine = MeetingRepository(*db).agreements_of_owner(teacher_account, true);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].action, "Stoplicht invoeren");
  EXPECT_EQ(mine[0].meeting_title, "Groepsbespreking 5 · 24-11-2026");
  auto school_wide = MeetingRepository(*db).agreements_of_school(school, true);
  ASSERT_EQ(school_wide.size(), 2u);
  EXPECT_EQ(school_wide[0].action, "Groepsbezoek plannen") << "earliest due first";

  ASSERT_TRUE(MeetingRepository(*db).set_agreement_done(mine[0].id, domain::Date{2026, 12, 1}, teacher));
  EXPECT_TRUE(MeetingRepository(*db).agreements_of_owner(teacher_account, true).empty());
  auto all = MeetingRepository(*db).agreements_of_owner(teacher_account, false);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].done_on, (domain::Date{2026, 12, 1}));
  EXPECT_FALSE(MeetingRepository(*db).set_agreement_done(999999, std::nullopt, teacher));
}

TEST_P(MeetingStore, ARegistrationBecomesARequestedPupilDiscussionOnce) {
  Id id = planned_group_discussion();
  Meeting m = *MeetingRepository(*db).find(id);
  m.registrations = {{pupil, domain::RegistrationKind::kPupilDiscussion, "Rekenen blijft achter ondanks verlengde instructie", 0},
                     {pupil, domain::RegistrationKind::kCareTeam, "Zorg om de werkhouding", 0}};
  Meeting v2 = saved(MeetingRepository(*db).save(m, 1, ib));
  const Id follow = v2.registrations[0].follow_up_meeting_id;
  ASSERT_NE(follow, 0);
  EXPECT_EQ(v2.registrations[1].follow_up_meeting_id, 0) << "the care team is the next step's";
  auto pupil_discussion = MeetingRepository(*db).find(follow);
  ASSERT_TRUE(pupil_discussion);
  EXPECT_EQ(pupil_discussion->status, domain::MeetingStatus::kRequested);
  EXPECT_EQ(pupil_discussion->pupil_id, pupil);
  EXPECT_EQ(pupil_discussion->source_meeting_id, id);
  EXPECT_EQ(pupil_discussion->form.help_question, "Rekenen blijft achter ondanks verlengde instructie");
  EXPECT_EQ(pupil_discussion->steps.size(), 6u);
  EXPECT_EQ(MeetingRepository(*db).of_pupil(pupil).size(), 1u);

  saved(MeetingRepository(*db).save(v2, 2, ib));  // saving again plans nothing new
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings WHERE kind = 'leerlingbespreking'"), 1);
  // The calendar lists the requested one first (no date yet).
  auto all = MeetingRepository(*db).of_school(school, std::nullopt, std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, follow);
  // The pupil's trail: the pupil discussion created, and both registrations on each of two saves.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE pupil_id = " + std::to_string(pupil)), 5);
}

TEST_P(MeetingStore, SendingFreezesThePlanVersionInTheSameTransaction) {
  domain::GroupOverview o;
  o.group.id = group;
  o.subjects = {"Spelling"};
  ASSERT_TRUE(std::holds_alternative<domain::GroupPlan>(PlanRepository(*db).save(domain::new_group_plan(o, 7), 0, teacher)));
  Id id = planned_group_discussion();
  Meeting m = *MeetingRepository(*db).find(id);
  ASSERT_EQ(domain::send(m, MeetingActor::kTeacher, 1, "Joost Peters", "t"), std::nullopt);

  // A version that does not exist: the send is refused and the meeting stays as it was.
  EXPECT_THROW(MeetingRepository(*db).save(m, 1, teacher, PlanToSend{group, 7, 5}), MeetingSendError);
  EXPECT_EQ(MeetingRepository(*db).find(id)->status, domain::MeetingStatus::kPlanned);
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_plan_sendings"), 0);

  Meeting sent = saved(MeetingRepository(*db).save(m, 1, teacher, PlanToSend{group, 7, 1}));
  EXPECT_EQ(sent.status, domain::MeetingStatus::kSent);
  EXPECT_EQ(sent.plan_version, 1);
  auto versions = PlanRepository(*db).versions(group, 7);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].sent_by, "Joost Peters");
}

KOERS_STORE_TEST_SUITE(MeetingStore);

}  // namespace
}  // namespace koers::store
