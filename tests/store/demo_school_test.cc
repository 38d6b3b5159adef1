// The demo board, on SQLite and PostgreSQL: the shape the README, the CLI and the browser
// tests promise (groups, combination group, plusklas, three school years with pupils moving
// up, joining and leaving, parents, periods, one login per role), and that it is
// deterministic.
#include "demo/demo_school.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "demo/demo_ihps.h"
#include "demo/demo_meetings.h"
#include "demo/demo_overview.h"
#include "demo/demo_plan.h"
#include "domain/goal_evaluation.h"
#include "domain/smarti.h"

#include "domain/signalling.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/external_member_repository.h"
#include "store/group_repository.h"
#include "store/ihp_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_repository.h"
#include "store/result_repository.h"
#include "store/school_calendar_repository.h"
#include "store/school_repository.h"
#include "store/signal_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

const domain::Date kToday{2026, 11, 22};
const demo::DemoOptions kOptions{2, 20261122, kToday};

class DemoSchool : public testing::StoreTest {
 protected:
  demo::DemoSummary summary;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    summary = demo::create_demo(*db, kOptions);
  }

  Account account(const std::string& name) { return *AccountRepository(*db).find_by_username(name); }
  Id valentijn() { return account("ib").school_id; }

  long long count(const std::string& query) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }

  Id year_id(const std::string& name) {
    return db->read([&](soci::session& sql) {
      Id id = 0;
      sql << "SELECT id FROM school_years WHERE name = :n", soci::use(name), soci::into(id);
      return id;
    });
  }

  std::vector<domain::Group> groups(Id school, const std::string& year) {
    return GroupRepository(*db).groups_of_school(school, year_id(year));
  }

  domain::Group group(Id school, const std::string& year, const std::string& name) {
    auto list = groups(school, year);
    auto it = std::find_if(list.begin(), list.end(), [&](const domain::Group& g) { return g.name == name; });
    EXPECT_NE(it, list.end()) << name << " in " << year;
    return it == list.end() ? domain::Group{} : *it;
  }

  // The regular groups a pupil was in, newest school year first.
  std::vector<domain::Enrolment> regular_history(Id pupil) {
    std::vector<domain::Enrolment> out;
    for (const auto& e : PupilRepository(*db).enrolments(pupil))
      if (!e.combined) out.push_back(e);
    return out;
  }
};

TEST_P(DemoSchool, HasTwoSchoolsThreeSchoolYearsAndPeriods) {
  EXPECT_EQ(summary.schools, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schools"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM school_years"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM periods"), 2 * 3 * 3);
  EXPECT_EQ(summary.pupils, count("SELECT COUNT(*) FROM pupils"));
  EXPECT_GT(summary.guardians, summary.pupils / 2);
  // The eight printed logins (the privacy officer's too) and the one with two-factor, plus
  // every other staff member of the EDEXML files, invited.
  EXPECT_EQ(summary.logins.size(), 9u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE invited = 0"), 9);
  EXPECT_GT(summary.accounts, 9);
  auto periods = SchoolRepository(*db).periods(valentijn(), year_id("2026-2027"));
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[1].name, "Periode 2");
  EXPECT_EQ(periods[1].starts_on, (domain::Date{2026, 12, 1}));
  EXPECT_EQ(periods[2].ends_on, (domain::Date{2027, 7, 31}));
}

TEST_P(DemoSchool, ListsOneLoginPerRoleWithWhoItIs) {
  std::vector<std::string> names, roles;
  for (const auto& l : summary.logins) {
    names.push_back(l.username);
    roles.push_back(l.role);
    EXPECT_TRUE(AccountRepository(*db).find_by_username(l.username)) << l.username;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer",
                                             "ib-regenboog", "directeur-2fa", "privacy"}));
  EXPECT_EQ(roles, (std::vector<std::string>{"leerkracht", "ib", "directeur", "zorgteam", "ouder", "beheer", "ib",
                                             "directeur", "privacy"}));
  // The printed logins sign in with the password alone; only directeur-2fa asks for a code.
  for (const auto& l : summary.logins)
    EXPECT_EQ(account(l.username).totp_enabled, l.username == "directeur-2fa") << l.username;
  EXPECT_EQ(account("directeur-2fa").totp_secret, demo::kDemoTotpSecret);
  EXPECT_EQ(summary.logins[0].who.rfind("Leerkracht van groep 5/6 (", 0), 0u) << summary.logins[0].who;
  EXPECT_EQ(summary.logins[1].who, "Intern begeleider (Marieke Visser), CBS De Valentijn");
  EXPECT_EQ(summary.logins[2].who, "Directeur (Henk de Boer), CBS De Valentijn");
  EXPECT_EQ(account("zorgteam").display_name, "Ingrid Smit");
}

TEST_P(DemoSchool, TheCareTeamLoginIsAnOrthopedagogueOfTheSwvServingValentijnOnly) {
  auto external = ExternalMemberRepository(*db).find(account("zorgteam").id);
  ASSERT_TRUE(external);
  EXPECT_EQ(external->discipline, domain::Discipline::kOrthopedagogue);
  EXPECT_TRUE(domain::discipline_info(external->discipline).diagnostic) << "so she can be the HGD expert";
  EXPECT_EQ(external->organisation, "Samenwerkingsverband Passend Onderwijs Noord");
  EXPECT_EQ(external->school_ids, std::vector<domain::Id>{valentijn()});
}

TEST_P(DemoSchool, ValentijnHasGroupsOneToEightWithACombinationGroupAndAPlusklas) {
  auto school = SchoolRepository(*db).find_school(valentijn());
  EXPECT_EQ(school->name, "CBS De Valentijn");
  EXPECT_EQ(school->brin, "07AB");
  EXPECT_EQ(school->place, "Alphen aan den Rijn");
  EXPECT_EQ(SchoolRepository(*db).current_school_year(valentijn())->name, "2026-2027");
  std::vector<std::string> names;
  for (const auto& g : groups(valentijn(), "2026-2027")) {
    names.push_back(g.name);
    if (g.kind == domain::GroupKind::kRegular) {
      EXPECT_GE(g.pupil_count, 25) << g.name;
      EXPECT_LE(g.pupil_count, 30) << g.name;
      EXPECT_FALSE(g.teachers.empty()) << g.name;
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"1/2A", "1/2B", "3", "4", "5/6", "6", "7", "8", "Plusklas"}));
  EXPECT_EQ(group(valentijn(), "2026-2027", "5/6").year_groups, (std::vector<std::string>{"5", "6"}));
  EXPECT_EQ(group(valentijn(), "2026-2027", "1/2A").year_groups, (std::vector<std::string>{"1", "2"}));

  domain::Group plus = group(valentijn(), "2026-2027", "Plusklas");
  EXPECT_EQ(plus.kind, domain::GroupKind::kCombined);
  EXPECT_GE(plus.pupil_count, 6);
  EXPECT_LE(plus.pupil_count, 10);
  for (const auto& p : GroupRepository(*db).pupils_of_group(plus.id)) EXPECT_GE(std::stoi(p.year_group), 5);
}

TEST_P(DemoSchool, RegenboogHasFourPairedGroups) {
  Id regenboog = account("ib-regenboog").school_id;
  EXPECT_EQ(SchoolRepository(*db).find_school(regenboog)->name, "OBS De Regenboog");
  std::vector<std::string> names;
  for (const auto& g : groups(regenboog, "2026-2027")) {
    names.push_back(g.name);
    EXPECT_GE(g.pupil_count, 20) << g.name;
    EXPECT_LE(g.pupil_count, 25) << g.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"1/2", "3/4", "5/6", "7/8"}));
}

TEST_P(DemoSchool, EveryCurrentPupilHasAParent) {
  PupilRepository pupils(*db);
  GroupRepository repo(*db);
  int checked = 0;
  for (Id school : {valentijn(), account("ib-regenboog").school_id})
    for (const auto& g : groups(school, "2026-2027"))
      for (const auto& p : repo.pupils_of_group(g.id)) {
        auto parents = pupils.guardians(p.id);
        EXPECT_FALSE(parents.empty()) << p.id;
        EXPECT_LE(parents.size(), 2u) << p.id;
        for (const auto& parent : parents)
          EXPECT_TRUE(parent.relation == "moeder" || parent.relation == "vader" || parent.relation == "verzorger");
        ++checked;
      }
  EXPECT_GT(checked, 300);
  EXPECT_GT(count("SELECT COUNT(*) FROM (SELECT guardian_id FROM pupil_guardians GROUP BY guardian_id "
                  "HAVING COUNT(*) > 1) families"),
            10)
      << "brothers and sisters share their parents";
}

TEST_P(DemoSchool, LoginsHaveTheScopeTheirRoleNeeds) {
  AccountRepository accounts(*db);
  GroupRepository repo(*db);
  auto teacher = accounts.principal(account("leerkracht"));
  ASSERT_EQ(teacher.group_ids.size(), 1u);
  EXPECT_EQ(teacher.group_ids[0], group(valentijn(), "2026-2027", "5/6").id);

  auto parent = accounts.principal(account("ouder"));
  ASSERT_EQ(parent.child_ids.size(), 1u);
  auto child = PupilRepository(*db).scope(parent.child_ids[0]);
  ASSERT_EQ(child->current_group_ids.size(), 1u);
  EXPECT_EQ(child->current_group_ids[0], group(valentijn(), "2026-2027", "3").id);

  EXPECT_NE(account("ib-regenboog").school_id, account("ib").school_id);
  EXPECT_EQ(account("directeur").school_id, valentijn());
  EXPECT_EQ(account("beheer").school_id, 0);
  EXPECT_EQ(account("beheer").board_id, account("ib").board_id);
  EXPECT_TRUE(accounts.principal(account("zorgteam")).case_pupil_ids.empty());
}

TEST_P(DemoSchool, PupilsMoveUpAYearGroupEachYear) {
  int followed = 0;
  for (const auto& p : GroupRepository(*db).pupils_of_group(group(valentijn(), "2026-2027", "5/6").id)) {
    if (p.year_group != "5") continue;
    auto history = regular_history(p.id);
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history[0].school_year, "2026-2027");
    if (history.size() < 2) continue;  // joined this year
    EXPECT_EQ(history[1].school_year, "2025-2026");
    EXPECT_EQ(history[1].year_group, "4");
    if (history.size() > 2) {
      EXPECT_EQ(history[2].year_group, "3");
    }
    ++followed;
  }
  EXPECT_GE(followed, 10);
}

TEST_P(DemoSchool, LeaversKeepTheirDossier) {
  PupilRepository pupils(*db);
  auto last_year_8 = GroupRepository(*db).pupils_of_group(group(valentijn(), "2025-2026", "8").id);
  ASSERT_GE(last_year_8.size(), 20u);
  for (const auto& row : last_year_8) {
    auto pupil = pupils.find(row.id);
    ASSERT_TRUE(pupil);
    EXPECT_EQ(pupil->left_on, (domain::Date{2026, 7, 31})) << row.id;
    EXPECT_EQ(regular_history(row.id).front().school_year, "2025-2026") << "no group after group 8";
  }
  EXPECT_GE(count("SELECT COUNT(*) FROM pupils WHERE left_on IS NOT NULL AND left_on NOT LIKE '%-07-31'"), 1)
      << "a few pupils moved away before group 8";
  EXPECT_GE(count("SELECT COUNT(*) FROM pupils WHERE enrolled_on LIKE '%-08-%'"), 1)
      << "a few pupils came from another school";
}

TEST_P(DemoSchool, TheAuditTrailSaysWhereTheDataCameFrom) {
  Id pupil = GroupRepository(*db).pupils_of_group(group(valentijn(), "2026-2027", "3").id).front().id;
  auto lines = AuditLog(*db).for_pupil(pupil);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().username, "koers-demo");
  EXPECT_EQ(lines.back().action, "import");
  EXPECT_FALSE(AuditLog(*db).verify().has_value());
}

TEST_P(DemoSchool, IsDeterministicAndRefusesAFilledDatabase) {
  auto snapshot = [](Database& d) {
    return d.read([](soci::session& sql) {
      std::vector<std::string> out(1000);
      sql << "SELECT edex_key || ' ' || given_name || ' ' || surname || ' ' || birth_date FROM pupils "
             "ORDER BY edex_key",
          soci::into(out);
      return out;
    });
  };
  auto first = snapshot(*db);
  auto first_logins = summary.logins;
  EXPECT_THROW(demo::create_demo(*db, kOptions), std::runtime_error);
  db->wipe_for_tests();
  auto again = demo::create_demo(*db, kOptions);
  EXPECT_EQ(snapshot(*db), first);
  ASSERT_EQ(again.logins.size(), first_logins.size());
  for (size_t i = 0; i < first_logins.size(); ++i) EXPECT_EQ(again.logins[i].who, first_logins[i].who);
}

TEST_P(DemoSchool, EachCurrentGroupHasAPlanWhoseGoalsAreSmartAndSayWhatTheyMeasure) {
  const Id school = valentijn();
  demo::add_demo_overview(*db, {school}, kToday, kOptions.seed);
  ASSERT_GT(demo::add_demo_plans(*db, {school}, kToday), 0);
  auto year = SchoolRepository(*db).current_school_year(school);
  const auto periods = SchoolRepository(*db).periods(school, year->id);
  const domain::Period& first = periods.front();
  ASSERT_TRUE(first.starts_on <= kToday && kToday <= first.ends_on) << "the demo's today is in period 1";
  int regular = 0, plans = 0, goals = 0, measured = 0;
  for (const auto& g : GroupRepository(*db).groups_of_school(school, year->id)) {
    if (g.kind != domain::GroupKind::kRegular) continue;
    ++regular;
    auto plan = PlanRepository(*db).latest(g.id, first.id);
    ASSERT_TRUE(plan) << g.name;
    ++plans;
    EXPECT_EQ(plan->version, 1);
    EXPECT_FALSE(plan->week.empty()) << g.name;
    for (const auto& s : plan->subjects) {
      EXPECT_FALSE(s.basic_offer.empty()) << g.name << " " << s.subject;
      for (const auto& sub : s.subgroups)
        for (const auto& goal : sub.goals) {
          ++goals;
          for (const auto& f : domain::check_smarti(goal.text, domain::GoalPeriod{first.starts_on, first.ends_on}))
            EXPECT_TRUE(f.met) << goal.text << ": " << f.hint;
          // A goal Koers evaluates names the method test of its period's last block.
          if (auto t = domain::measurable_target(goal.text); t && t->kind == domain::TargetKind::kPercentage) {
            ++measured;
            EXPECT_EQ(t->block, "Blok 3") << goal.text;
          }
        }
    }
  }
  EXPECT_EQ(plans, regular);
  EXPECT_GT(goals, 4 * plans / 2);
  EXPECT_GT(measured, 0);
}

// `make run` shows the IHP at each stage at CBS De Valentijn: one being written and one
// running (sessions ticked off, some not given) for pupils of the demo teacher's group, the
// demo parent's child with an evaluated IHP carrying her view and the adjusted one after it,
// and one closed with "doel bereikt" whose pupil is in a subgroup of the group plan.
TEST_P(DemoSchool, HoldsAnIhpAtEachStage) {
  const Id school = valentijn();
  demo::add_demo_overview(*db, {school}, kToday, kOptions.seed);
  demo::add_demo_plans(*db, {school}, kToday);
  demo::add_demo_meetings(*db, {school}, kToday);
  ASSERT_EQ(demo::add_demo_ihps(*db, {school}, kToday), 5);

  IhpRepository repo(*db);
  std::vector<domain::Ihp> ihps;
  db->read([&](soci::session& sql) {
    std::vector<long long> ids(100);
    sql << "SELECT id FROM ihps ORDER BY id", soci::into(ids);
    for (long long id : ids) ihps.push_back(*repo.latest(id));
  });
  std::map<domain::IhpStatus, std::vector<domain::Ihp>> by_status;
  for (const auto& ihp : ihps) {
    EXPECT_EQ(repo.owner(ihp.id)->first, school);
    EXPECT_EQ(domain::ihp_problems(ihp), std::vector<std::string>{}) << ihp.id;
    for (const auto& g : ihp.goals)
      for (const auto& f : domain::check_smarti(g.text, domain::GoalPeriod{ihp.starts_on, ihp.ends_on}))
        EXPECT_TRUE(f.met) << g.text << ": " << f.hint;
    by_status[ihp.status].push_back(ihp);
  }
  using S = domain::IhpStatus;
  ASSERT_EQ(by_status[S::kDraft].size(), 2u) << "one being written, one adjusted after an evaluation";
  ASSERT_EQ(by_status[S::kRunning].size(), 1u);
  ASSERT_EQ(by_status[S::kEvaluated].size(), 1u);
  ASSERT_EQ(by_status[S::kClosed].size(), 1u);

  // The teacher's group: the pupils of the plans being written and running.
  const auto teacher = AccountRepository(*db).principal(account("leerkracht"));
  std::vector<Id> in_group;
  for (const auto& p : GroupRepository(*db).pupils_of_group(teacher.group_ids.at(0))) in_group.push_back(p.id);
  auto index_in_group = [&](Id pupil) {
    return std::find(in_group.begin(), in_group.end(), pupil) - in_group.begin();
  };
  const domain::Ihp& draft = by_status[S::kDraft][0];
  EXPECT_GE(index_in_group(draft.pupil_id), 2) << "in 5/6, not one of the first pupils the HTTP tests use";
  EXPECT_LT(index_in_group(draft.pupil_id), static_cast<long>(in_group.size()));
  EXPECT_FALSE(draft.starting_situation.empty());
  EXPECT_EQ(draft.goals.size(), 2u);
  EXPECT_FALSE(draft.involved.empty());
  EXPECT_EQ(draft.organisation.size(), 1u);

  // Running since about four weeks, its sessions ticked off: most given, a few not.
  const domain::Ihp& running = by_status[S::kRunning][0];
  EXPECT_GE(index_in_group(running.pupil_id), 2);
  EXPECT_LT(index_in_group(running.pupil_id), static_cast<long>(in_group.size()));
  EXPECT_EQ(running.starts_on, domain::add_days(kToday, -28));
  ASSERT_EQ(running.organisation.size(), 2u);
  EXPECT_EQ(domain::describe(running.organisation[0]), "RT, doel 1, 3× per week 20 min, ma/wo/vr 10:30, lokaal 4");
  EXPECT_GT(running.sessions.size(), 10u);
  EXPECT_TRUE(std::any_of(running.sessions.begin(), running.sessions.end(),
                          [](const domain::SessionLog& s) { return !s.given && s.note.find("RT ziek") != std::string::npos; }));
  const auto year = SchoolRepository(*db).current_school_year(school);
  const auto effort = domain::goal_effort(running, kToday,
                                          SchoolCalendarRepository(*db).holidays(school, year->starts_on, year->ends_on));
  ASSERT_EQ(effort.size(), 2u);
  EXPECT_EQ(effort[0].carried_out_label(), "deels uitgevoerd");
  EXPECT_EQ(effort[1].carried_out_label(), "uitgevoerd");

  // The parent's child: evaluated in the previous period, her parent's view on it, and the
  // adjusted IHP after it carrying the goal not reached.
  const auto parent = AccountRepository(*db).principal(account("ouder"));
  const domain::Ihp& evaluated = by_status[S::kEvaluated][0];
  EXPECT_EQ(evaluated.pupil_id, parent.child_ids.at(0));
  EXPECT_LT(evaluated.ends_on, kToday);
  EXPECT_EQ(evaluated.parent_view.written_by, parent.display_name);
  EXPECT_FALSE(evaluated.parent_view.text.empty());
  EXPECT_FALSE(evaluated.sessions.empty());
  const domain::Ihp& next = by_status[S::kDraft][1];
  EXPECT_EQ(next.previous, evaluated.id);
  EXPECT_EQ(next.pupil_id, evaluated.pupil_id);
  ASSERT_EQ(next.goals.size(), 1u);
  EXPECT_FALSE(next.goals[0].carried_from.empty());
  EXPECT_LT(kToday, next.starts_on) << "the adjusted plan is being written now, not for a term gone by";
  EXPECT_TRUE(next.goals[0].due_on && *next.goals[0].due_on <= next.ends_on);

  // Closed with "doel bereikt": the pupil is in a subgroup of the subject again.
  const domain::Ihp& closed = by_status[S::kClosed][0];
  EXPECT_EQ(closed.outcome, domain::IhpOutcome::kGoalReached);
  const auto periods = SchoolRepository(*db).periods(school, year->id);
  auto plan = PlanRepository(*db).latest(teacher.group_ids.at(0), periods.front().id);
  ASSERT_TRUE(plan);
  bool placed = false;
  for (const auto& s : plan->subjects)
    for (const auto& g : s.subgroups)
      if (s.subject == closed.goals.at(0).area)
        placed = placed || std::find(g.pupils.begin(), g.pupils.end(), closed.pupil_id) != g.pupils.end();
  EXPECT_TRUE(placed);
  std::set<Id> pupils{draft.pupil_id, running.pupil_id, evaluated.pupil_id, closed.pupil_id};
  EXPECT_EQ(pupils.size(), 4u) << "four pupils, one stage each";
}

KOERS_STORE_TEST_SUITE(DemoSchool);

// The demo's results follow the national distribution: with the school's default rules, a
// team that opens Signalering sees the pupils who need it, not half the school.
TEST_P(DemoSchool, DefaultRulesSignalAtMostAQuarterOfThePupilsOneLinePerSubject) {
  const Id school = valentijn();
  demo::add_demo_results(*db, {school}, kToday, kOptions.seed);
  demo::add_demo_overview(*db, {school}, kToday, kOptions.seed);  // the method tests
  const domain::SignalRules rules = SignalRepository(*db).rules(school);
  GroupRepository groups(*db);
  const auto year = SchoolRepository(*db).current_school_year(school);
  ASSERT_TRUE(year);
  int pupils = 0, signalled = 0;
  std::map<std::string, std::set<Id>> per_rule;
  for (const auto& g : groups.groups_of_school(school, year->id)) {
    if (g.kind != domain::GroupKind::kRegular) continue;
    for (const auto& p : groups.pupils_of_group(g.id)) {
      if (p.left) continue;
      ++pupils;
      const auto tests = domain::signal_input(OverviewRepository(*db).method_tests({p.id}, kNow)[p.id]);
      const auto lines = domain::signal_lines(domain::evaluate_signals(rules, ResultRepository(*db).results_of_pupil(p.id), tests));
      std::set<std::pair<std::string, bool>> seen;
      bool concern = false;
      for (const auto& l : lines) {
        EXPECT_TRUE(seen.insert({l.subject, l.positive}).second) << "one line per subject: " << l.subject;
        if (l.positive) continue;
        concern = true;
        std::set<domain::SignalRule> fired;
        for (const auto& s : l.signals) fired.insert(s.rule);
        for (auto r : fired) per_rule[domain::signal_rule_label(r)].insert(p.id);
      }
      signalled += concern;
    }
  }
  std::string why;
  for (const auto& [label, ids] : per_rule) why += label + ": " + std::to_string(ids.size()) + "; ";
  std::cout << "[ demo     ] " << signalled << " of " << pupils << " pupils signalled as a concern (" << why << ")\n";
  EXPECT_GT(pupils, 200);
  EXPECT_GT(signalled, pupils / 20) << "the rules still find the pupils who need it";
  EXPECT_LE(signalled * 4, pupils) << why;
}

}  // namespace
}  // namespace koers::store
