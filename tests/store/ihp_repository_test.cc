// IHPs in the store, on SQLite and PostgreSQL: a plan keeps every version, a stale save is
// refused with nothing written, the lifecycle and the sessions are recorded apart from the
// text, and each change is in the pupil's audit trail.
#include "store/ihp_repository.h"

#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

class IhpRepositoryTest : public testing::StoreTest {
 protected:
  domain::Ihp draft(domain::Id pupil) {
    domain::Ihp ihp;
    ihp.pupil_id = pupil;
    ihp.starts_on = {2026, 12, 1};
    ihp.ends_on = {2027, 3, 5};
    domain::IhpGoal g;
    g.number = 1;
    g.area = "Technisch lezen";
    g.text = "Sanne leest AVI E4.";
    ihp.goals.push_back(g);
    ihp.organisation.push_back({1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"});
    return ihp;
  }
  std::vector<std::string> trail(domain::Id pupil) {
    AuditQuery q;
    q.pupil_id = pupil;
    std::vector<std::string> out;
    for (const auto& e : AuditLog(*db).find(q)) out.push_back(e.object + ": " + e.detail);
    return out;
  }
};

TEST_P(IhpRepositoryTest, APlanKeepsEveryVersionAndRefusesAStaleSave) {
  auto s = school_with_one_group();
  auto ib = ib_of(s.school);
  IhpRepository repo(*db);
  domain::Ihp created = repo.create(draft(s.pupil), s.school, ib);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.version, 1);
  auto loaded = repo.latest(created.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->pupil_id, s.pupil);
  EXPECT_EQ(loaded->goals.at(0).text, "Sanne leest AVI E4.");
  EXPECT_EQ(loaded->status, domain::IhpStatus::kDraft);

  domain::Ihp edit = *loaded;
  edit.content = "Connect lezen";
  auto second = repo.save(edit, 1, ib);
  ASSERT_TRUE(std::holds_alternative<domain::Ihp>(second));
  EXPECT_EQ(std::get<domain::Ihp>(second).version, 2);

  domain::Ihp stale = *loaded;
  stale.content = "iets anders";
  auto refused = repo.save(stale, 1, ib);
  ASSERT_TRUE(std::holds_alternative<IhpConflict>(refused));
  EXPECT_EQ(std::get<IhpConflict>(refused).latest_version, 2);
  EXPECT_EQ(repo.latest(created.id)->content, "Connect lezen");
  EXPECT_EQ(repo.version(created.id, 1)->content, "");
  ASSERT_EQ(repo.versions(created.id).size(), 2u);
  EXPECT_EQ(repo.versions(created.id)[1].saved_by, "ib");
  EXPECT_EQ(repo.latest(created.id + 100), std::nullopt);
  EXPECT_EQ(repo.owner(created.id), (std::optional<std::pair<domain::Id, domain::Id>>{{s.school, s.pupil}}));
  EXPECT_EQ(repo.owner(created.id + 100), std::nullopt);
}

TEST_P(IhpRepositoryTest, StatusAndSessionsAreRecordedApartFromTheText) {
  auto s = school_with_one_group();
  auto ib = ib_of(s.school);
  IhpRepository repo(*db);
  domain::Ihp ihp = repo.create(draft(s.pupil), s.school, ib);
  repo.set_status(ihp.id, domain::IhpStatus::kRunning, std::nullopt, ib);
  repo.log_session(ihp.id, {1, {2026, 12, 2}, true, 20, "", ""}, ib);
  repo.log_session(ihp.id, {1, {2026, 12, 4}, false, 0, "RT ziek", ""}, ib);
  repo.log_session(ihp.id, {1, {2026, 12, 2}, true, 15, "korter", ""}, ib);  // replaces the first tick
  auto loaded = repo.latest(ihp.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->status, domain::IhpStatus::kRunning);
  EXPECT_EQ(loaded->version, 1);
  ASSERT_EQ(loaded->sessions.size(), 2u);
  EXPECT_EQ(loaded->sessions[0].on, (domain::Date{2026, 12, 2}));
  EXPECT_EQ(loaded->sessions[0].minutes, 15);
  EXPECT_EQ(loaded->sessions[0].note, "korter");
  EXPECT_FALSE(loaded->sessions[1].given);
  EXPECT_EQ(loaded->sessions[1].logged_by, "ib");
  repo.set_status(ihp.id, domain::IhpStatus::kClosed, domain::IhpOutcome::kGoalReached, ib);
  auto closed = repo.latest(ihp.id);
  EXPECT_EQ(closed->status, domain::IhpStatus::kClosed);
  EXPECT_EQ(closed->outcome, domain::IhpOutcome::kGoalReached);
  ASSERT_EQ(repo.closed_with(s.school, domain::IhpOutcome::kGoalReached).size(), 1u);
  EXPECT_EQ(repo.closed_with(s.school, domain::IhpOutcome::kGoalReached)[0].id, ihp.id);
  EXPECT_TRUE(repo.closed_with(s.school, domain::IhpOutcome::kExternalSteps).empty());
  EXPECT_TRUE(repo.closed_with(s.school + 100, domain::IhpOutcome::kGoalReached).empty());

  auto lines = trail(s.pupil);
  const std::string id = "IHP " + std::to_string(ihp.id);
  EXPECT_NE(std::find(lines.begin(), lines.end(), id + ": IHP aangemaakt, 01-12-2026 t/m 05-03-2027"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), id + ": status: loopt"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), id + ": sessie regel 1 op 04-12-2026: niet gegeven (RT ziek)"),
            lines.end());
  EXPECT_NE(
      std::find(lines.begin(), lines.end(), id + ": status: afgesloten; uitkomst: Doel bereikt: terug in een subgroep"),
      lines.end());
}

TEST_P(IhpRepositoryTest, APupilsPlansNewestTermFirst) {
  auto s = school_with_one_group();
  auto ib = ib_of(s.school);
  IhpRepository repo(*db);
  domain::Ihp first = repo.create(draft(s.pupil), s.school, ib);
  domain::Ihp later = draft(s.pupil);
  later.starts_on = {2027, 3, 8};
  later.ends_on = {2027, 7, 9};
  later.previous = first.id;
  domain::Ihp second = repo.create(later, s.school, ib);
  domain::Ihp edit = *repo.latest(second.id);
  edit.content = "x";
  repo.save(edit, 1, ib);
  auto list = repo.of_pupil(s.pupil);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second.id);
  EXPECT_EQ(list[0].version, 2);
  EXPECT_EQ(list[1].id, first.id);
  EXPECT_EQ(list[1].starts_on, (domain::Date{2026, 12, 1}));
  EXPECT_EQ(repo.latest(second.id)->previous, first.id);
  EXPECT_TRUE(repo.of_pupil(s.pupil + 100).empty());
}

TEST_P(IhpRepositoryTest, OnlyRunningPlansGoIntoTheWeek) {
  auto s = school_with_one_group();
  auto ib = ib_of(s.school);
  IhpRepository repo(*db);
  domain::Ihp draft_plan = repo.create(draft(s.pupil), s.school, ib);
  domain::Ihp running = repo.create(draft(s.pupil), s.school, ib);
  domain::Ihp edit = *repo.latest(running.id);
  edit.content = "versie 2";
  repo.save(edit, 1, ib);
  repo.set_status(running.id, domain::IhpStatus::kRunning, std::nullopt, ib);
  auto week = repo.running_of_pupils({s.pupil, s.pupil + 100});
  ASSERT_EQ(week.size(), 1u);
  EXPECT_EQ(week[0].id, running.id);
  EXPECT_EQ(week[0].content, "versie 2");
  EXPECT_NE(week[0].id, draft_plan.id);
  EXPECT_TRUE(repo.running_of_pupils({}).empty());
}

KOERS_STORE_TEST_SUITE(IhpRepositoryTest);

}  // namespace
}  // namespace koers::store
