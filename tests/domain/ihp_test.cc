// The IHP as teacher and IB live it: started for the current period, refused when a rubric
// is incomplete, carried out and ticked off per session, evaluated with Koers' proposal, and
// closed with an outcome that moves the pupil on the route.
#include "domain/ihp.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

Date d(int y, int m, int day) { return Date{y, m, day}; }

std::vector<Period> periods() {
  return {Period{1, 1, 1, "Periode 1", d(2026, 8, 24), d(2026, 11, 27)},
          Period{2, 1, 1, "Periode 2", d(2026, 11, 30), d(2027, 3, 5)},
          Period{3, 1, 1, "Periode 3", d(2027, 3, 8), d(2027, 7, 9)}};
}

// A plan for reading: one goal, RT three times a week 20 minutes.
Ihp reading_plan() {
  Ihp ihp = new_ihp(42, periods(), d(2026, 12, 1));
  ihp.id = 7;
  IhpGoal g;
  g.number = 1;
  g.area = "Technisch lezen";
  g.text = "Sanne leest aan het eind van de periode AVI E4.";
  ihp.goals.push_back(g);
  ihp.organisation.push_back(OrganisationLine{1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"});
  return ihp;
}

void confirm_all(Ihp& ihp, GoalVerdict v) {
  for (IhpGoal& g : ihp.goals) {
    g.verdict = v;
    g.confirmed = true;
  }
}

TEST(Ihp, ANewPlanCoversTheRestOfTheCurrentPeriodOrTheNextOne) {
  Ihp now = new_ihp(42, periods(), d(2026, 12, 1));
  EXPECT_EQ(now.starts_on, d(2026, 12, 1));
  EXPECT_EQ(now.ends_on, d(2027, 3, 5));
  EXPECT_EQ(now.status, IhpStatus::kDraft);
  // In the days between two periods the plan starts with the next one.
  Ihp between = new_ihp(42, periods(), d(2026, 11, 28));
  EXPECT_EQ(between.starts_on, d(2026, 11, 30));
  EXPECT_EQ(between.ends_on, d(2027, 3, 5));
  // In the last four weeks of a period it runs on through the next one, without a warning.
  Ihp late = new_ihp(42, periods(), d(2026, 11, 1));  // 27 days left of Periode 1
  EXPECT_EQ(late.starts_on, d(2026, 11, 1));
  EXPECT_EQ(late.ends_on, d(2027, 3, 5));
  EXPECT_EQ(term_warning(late, periods()), std::nullopt);
  Ihp early = new_ihp(42, periods(), d(2026, 10, 31));  // 28 days left
  EXPECT_EQ(early.ends_on, d(2026, 11, 27));
  EXPECT_EQ(new_ihp(42, periods(), d(2027, 7, 1)).ends_on, d(2027, 7, 9));  // no next period
  EXPECT_THROW(new_ihp(42, periods(), d(2027, 7, 20)), IhpError);
  EXPECT_THROW(new_ihp(42, {}, d(2026, 12, 1)), IhpError);
}

TEST(Ihp, TheLifecycleGoesStepByStepAndRefusesAnyOtherStep) {
  Ihp ihp = reading_plan();
  EXPECT_THROW(evaluate_ihp(ihp), IhpError);
  EXPECT_THROW(close_ihp(ihp, IhpOutcome::kGoalReached), IhpError);
  start_ihp(ihp);
  EXPECT_EQ(ihp.status, IhpStatus::kRunning);
  EXPECT_THROW(start_ihp(ihp), IhpError);
  // A proposal that is not confirmed does not finish the evaluation.
  ihp.goals[0].verdict = GoalVerdict::kReached;
  try {
    evaluate_ihp(ihp);
    FAIL() << "evaluated with an unconfirmed verdict";
  } catch (const IhpError& e) {
    EXPECT_STREQ(e.what(), "Doel 1 heeft nog geen bevestigd oordeel: bevestig of verbeter het eerst.");
  }
  EXPECT_EQ(ihp.status, IhpStatus::kRunning);
  confirm_all(ihp, GoalVerdict::kReached);
  evaluate_ihp(ihp);
  EXPECT_EQ(ihp.status, IhpStatus::kEvaluated);
  close_ihp(ihp, IhpOutcome::kGoalReached);
  EXPECT_EQ(ihp.status, IhpStatus::kClosed);
  EXPECT_EQ(ihp.outcome, IhpOutcome::kGoalReached);
  try {
    close_ihp(ihp, IhpOutcome::kExternalSteps);
    FAIL() << "closed twice";
  } catch (const IhpError& e) {
    EXPECT_STREQ(e.what(),
                 "Een IHP dat afgesloten is, kan niet afgesloten worden: dat kan alleen als het geëvalueerd is.");
  }
  EXPECT_EQ(ihp.outcome, IhpOutcome::kGoalReached);
}

TEST(Ihp, APlanStartsOnlyWithAGoalAndNoProblems) {
  Ihp empty = new_ihp(42, periods(), d(2026, 12, 1));
  EXPECT_THROW(start_ihp(empty), IhpError);
  Ihp wrong = reading_plan();
  wrong.organisation[0].goal = 2;
  try {
    start_ihp(wrong);
    FAIL();
  } catch (const IhpError& e) {
    EXPECT_STREQ(e.what(), "Organisatie, regel 1: doel 2 staat niet in het plan.");
  }
  EXPECT_EQ(wrong.status, IhpStatus::kDraft);
}

TEST(Ihp, ProblemsNameTheRubricAndTheField) {
  Ihp ihp = reading_plan();
  EXPECT_TRUE(ihp_problems(ihp).empty());
  IhpGoal bad;
  bad.number = 1;
  bad.text = "  ";
  bad.due_on = d(2027, 4, 1);
  ihp.goals.push_back(bad);
  ihp.organisation.push_back(OrganisationLine{2, "leerkracht", 1, {6}, "", 0, ""});
  ihp.sessions.push_back(SessionLog{1, d(2026, 12, 2), true, 20, "", "RT"});  // a Wednesday: fine
  ihp.sessions.push_back(SessionLog{1, d(2026, 12, 1), true, 20, "", "RT"});  // a Tuesday
  ihp.sessions.push_back(SessionLog{1, d(2026, 12, 4), true, 0, "", "RT"});   // given, no minutes
  ihp.sessions.push_back(SessionLog{9, d(2026, 12, 4), false, 0, "", "RT"});
  ihp.sessions.push_back(SessionLog{1, d(2027, 3, 8), false, 0, "", "RT"});
  ihp.opp = Opp{};
  ihp.opp->consents.push_back(ParentConsent{"moeder", d(2026, 12, 3), false, ""});
  EXPECT_EQ(ihp_problems(ihp),
            (std::vector<std::string>{
                "Doelen, doel 1: dit nummer komt twee keer voor.",
                "Doelen, doel 1: beschrijf het doel.",
                "Doelen, doel 1: kies een vakgebied, werkhouding of sociaal-emotioneel.",
                "Doelen, doel 1: de datum 01-04-2027 ligt buiten de termijn (01-12-2026 t/m 05-03-2027).",
                "Organisatie, regel 2: dag 6 is geen schooldag (1 maandag … 5 vrijdag).",
                "Organisatie, regel 2: vul in hoeveel minuten.",
                "Uitvoering, 01-12-2026: regel 1 is niet op deze dag gepland.",
                "Uitvoering, 04-12-2026: vul in hoeveel minuten er gegeven is.",
                "Uitvoering, 04-12-2026: regel 9 staat niet in de organisatie.",
                "Uitvoering, 08-03-2027: deze dag ligt buiten de termijn.",
                "OPP, instemming van moeder: noteer de reden waarom de ouders niet instemmen.",
            }));
  Ihp backwards = reading_plan();
  backwards.ends_on = d(2026, 11, 1);
  EXPECT_EQ(ihp_problems(backwards),
            std::vector<std::string>{"Termijn: de einddatum (01-11-2026) ligt voor de begindatum (01-12-2026)."});
}

TEST(Ihp, ATermLongerThanOnePeriodIsAllowedWithAWarningThatNamesTheReason) {
  Ihp ihp = reading_plan();
  EXPECT_EQ(term_warning(ihp, periods()), std::nullopt);
  ihp.ends_on = d(2027, 3, 8);  // one day into Periode 3
  ASSERT_TRUE(term_warning(ihp, periods()));
  EXPECT_EQ(*term_warning(ihp, periods()),
            "Dit IHP loopt langer dan Periode 2 (tot 08-03-2027, de periode eindigt 05-03-2027). Houd het plan kort en "
            "intensief: een lang IHP belemmert de plaats van de leerling in de groep.");
  ihp.long_term_reason = "dyslexiebegeleiding volgens protocol";
  EXPECT_NE(term_warning(ihp, periods())->find("Reden voor de langere termijn: dyslexiebegeleiding volgens protocol."),
            std::string::npos);
  start_ihp(ihp);  // advice, not a refusal
  EXPECT_EQ(ihp.status, IhpStatus::kRunning);
}

TEST(Ihp, PlannedAgainstGivenTimeTellsNotDoneFromNotWorking) {
  Ihp ihp = reading_plan();
  ihp.starts_on = d(2026, 11, 30);  // a Monday
  // Two weeks: ma/wo/vr = 6 sessions, but Friday 11 December is a study day.
  std::vector<Holiday> holidays{Holiday{1, "Studiedag", d(2026, 12, 11), d(2026, 12, 11)}};
  ihp.sessions = {SessionLog{1, d(2026, 11, 30), true, 20, "", "RT"}, SessionLog{1, d(2026, 12, 2), true, 15, "", "RT"},
                  SessionLog{1, d(2026, 12, 4), false, 0, "RT ziek", "RT"},
                  SessionLog{1, d(2026, 12, 7), true, 20, "", "RT"},
                  SessionLog{1, d(2026, 12, 14), true, 20, "", "RT"}};  // after `through`: not counted
  auto effort = goal_effort(ihp, d(2026, 12, 11), holidays);
  ASSERT_EQ(effort.size(), 1u);
  EXPECT_EQ(effort[0].planned_sessions, 5);
  EXPECT_EQ(effort[0].planned_minutes, 100);
  EXPECT_EQ(effort[0].given_sessions, 3);
  EXPECT_EQ(effort[0].given_minutes, 55);
  EXPECT_EQ(effort[0].not_given, 1);
  EXPECT_DOUBLE_EQ(effort[0].share_given(), 0.6);
  EXPECT_EQ(effort[0].carried_out_label(), "deels uitgevoerd");
}

TEST(Ihp, APlannedDayIsAWeekDayOfTheLineThatNoHolidayHolds) {
  const OrganisationLine rt{1, "RT", 1, {1, 3, 5}, "10:30", 20, ""};
  std::vector<Holiday> holidays{Holiday{1, "Studiedag", d(2026, 12, 2), d(2026, 12, 2)}};
  EXPECT_EQ(planned_days(rt, d(2026, 11, 30), d(2026, 12, 7), holidays),
            (std::vector<Date>{d(2026, 11, 30), d(2026, 12, 4), d(2026, 12, 7)}));
  EXPECT_TRUE(planned_days(rt, d(2026, 12, 5), d(2026, 12, 6), {}).empty());  // a weekend
}

TEST(Ihp, CarriedOutLabelAtItsBoundaries) {
  auto label = [](int given, int planned) {
    GoalEffort e;
    e.given_sessions = given;
    e.planned_sessions = planned;
    return e.carried_out_label();
  };
  EXPECT_EQ(label(4, 5), "uitgevoerd");         // exactly 80 %
  EXPECT_EQ(label(7, 9), "deels uitgevoerd");   // 77.8 %
  EXPECT_EQ(label(5, 10), "deels uitgevoerd");  // exactly 50 %
  EXPECT_EQ(label(4, 9), "niet uitgevoerd");
  EXPECT_EQ(label(0, 0), "nog niets gepland");
}

TEST(Ihp, KoersProposesAVerdictFromTheResultsInTheTermAndKeepsAConfirmedOne) {
  Ihp ihp = reading_plan();
  IhpGoal attitude;
  attitude.number = 2;
  attitude.area = kWorkAttitude;
  attitude.text = "Sanne werkt 80 % van de lessen zelfstandig.";
  ihp.goals.push_back(attitude);
  OverviewLine pupil;
  pupil.pupil_id = 42;
  pupil.reading_level = ReadingLevel{*parse_test_moment("M5"), "M4", d(2027, 2, 1), "juf Anna"};
  propose_ihp_verdicts(ihp, pupil);
  EXPECT_EQ(ihp.goals[0].verdict, GoalVerdict::kPartly);  // one AVI level short
  EXPECT_FALSE(ihp.goals[0].confirmed);
  EXPECT_NE(ihp.goals[0].evidence.find("doel: AVI E4"), std::string::npos) << ihp.goals[0].evidence;
  EXPECT_EQ(ihp.goals[1].verdict, std::nullopt);  // werkhouding: the teacher judges

  // A newer result replaces the proposal; a result outside the term counts for nothing.
  pupil.reading_level = ReadingLevel{*parse_test_moment("M5"), "E4", d(2027, 3, 1), "juf Anna"};
  propose_ihp_verdicts(ihp, pupil);
  EXPECT_EQ(ihp.goals[0].verdict, GoalVerdict::kReached);
  ihp.goals[0].verdict = GoalVerdict::kPartly;  // the teacher corrects and confirms
  ihp.goals[0].confirmed = true;
  propose_ihp_verdicts(ihp, pupil);
  EXPECT_EQ(ihp.goals[0].verdict, GoalVerdict::kPartly);

  Ihp later = reading_plan();
  pupil.reading_level = ReadingLevel{*parse_test_moment("M5"), "E4", d(2026, 11, 2), "juf Anna"};
  propose_ihp_verdicts(later, pupil);
  EXPECT_EQ(later.goals[0].verdict, std::nullopt);
}

TEST(Ihp, TheNextAdjustedPlanCarriesTheGoalsNotReachedWithTheirLines) {
  Ihp old = reading_plan();
  old.content = "Connect lezen, duo-lezen";
  old.involved = {IhpInvolved{"rt", "Meester Bas", "geeft de RT"}};
  old.evaluation = "Sanne leest vlotter, maar E4 is nog niet gehaald.";
  IhpGoal spelling;
  spelling.number = 2;
  spelling.area = "Spelling";
  spelling.text = "Sanne schrijft de woorden van blok 3 met 80 % goed.";
  old.goals.push_back(spelling);
  old.organisation.push_back(OrganisationLine{2, "leerkracht", 2, {2}, "13:00", 15, "klas"});
  EXPECT_THROW(next_ihp(old, periods(), d(2027, 2, 1)), IhpError);  // not yet evaluated
  start_ihp(old);
  old.goals[0].verdict = GoalVerdict::kPartly;
  old.goals[0].confirmed = true;
  old.goals[1].verdict = GoalVerdict::kReached;
  old.goals[1].confirmed = true;
  evaluate_ihp(old);

  Ihp next = next_ihp(old, periods(), d(2027, 2, 1));
  EXPECT_EQ(next.previous, 7);
  EXPECT_EQ(next.status, IhpStatus::kDraft);
  EXPECT_EQ(next.starts_on, d(2027, 3, 8));
  EXPECT_EQ(next.ends_on, d(2027, 7, 9));
  ASSERT_EQ(next.goals.size(), 1u);
  EXPECT_EQ(next.goals[0].number, 1);
  EXPECT_EQ(next.goals[0].text, old.goals[0].text);
  EXPECT_EQ(next.goals[0].verdict, std::nullopt);
  EXPECT_EQ(next.goals[0].carried_from, "deels behaald in het IHP van 01-12-2026");
  ASSERT_EQ(next.organisation.size(), 1u);
  EXPECT_EQ(next.organisation[0].who, "RT");
  EXPECT_EQ(next.organisation[0].goal, 1);
  EXPECT_EQ(next.content, old.content);
  EXPECT_EQ(next.involved.size(), 1u);
  EXPECT_EQ(
      next.starting_situation,
      "Evaluatie van het vorige IHP (01-12-2026 t/m 05-03-2027): Sanne leest vlotter, maar E4 is nog niet gehaald.");
  EXPECT_TRUE(ihp_problems(next).empty());
  // Written weeks after the old term ended: it starts today, not in the past.
  Ihp late = next_ihp(old, periods(), d(2027, 3, 20));
  EXPECT_EQ(late.starts_on, d(2027, 3, 20));
  EXPECT_EQ(late.ends_on, d(2027, 7, 9));
}

TEST(Ihp, AfterGoalReachedThePupilRejoinsTheSubgroupOfTheirApproach) {
  GroupPlan plan;
  SubjectPlan reading;
  reading.subject = "Technisch lezen";
  for (Approach a : {Approach::kIntensive, Approach::kBasic, Approach::kDeepened}) {
    SubgroupPlan g;
    g.approach = a;
    reading.subgroups.push_back(g);
  }
  reading.subgroups[1].pupils = {5};
  reading.individual = {IndividualLine{42, "volgt IHP"}, IndividualLine{5, "extra leesbeurt"}};
  SubjectPlan maths;
  maths.subject = "Rekenen-Wiskunde";
  maths.subgroups = reading.subgroups;
  maths.individual = {IndividualLine{42, "eigen leerlijn"}};
  plan.subjects = {reading, maths};
  GroupOverview overview;
  OverviewLine line;
  line.pupil_id = 42;
  line.approaches = {PupilApproach{"Technisch lezen", Approach::kIntensive, "", ""}};
  overview.lines = {line};

  Ihp ihp = reading_plan();
  EXPECT_THROW(rejoin_subgroups(plan, ihp, overview), IhpError);  // not closed
  start_ihp(ihp);
  confirm_all(ihp, GoalVerdict::kReached);
  evaluate_ihp(ihp);
  close_ihp(ihp, IhpOutcome::kNewAdjustedIhp);
  EXPECT_THROW(rejoin_subgroups(plan, ihp, overview), IhpError);  // another outcome
  ihp.status = IhpStatus::kEvaluated;
  close_ihp(ihp, IhpOutcome::kGoalReached);
  rejoin_subgroups(plan, ihp, overview);
  EXPECT_EQ(plan.subjects[0].subgroups[0].pupils, std::vector<Id>{42});  // intensief, their aanpak
  EXPECT_EQ(plan.subjects[0].subgroups[1].pupils, std::vector<Id>{5});
  ASSERT_EQ(plan.subjects[0].individual.size(), 1u);
  EXPECT_EQ(plan.subjects[0].individual[0].pupil_id, 5);
  // A subject the IHP had no goal for is left alone.
  EXPECT_TRUE(plan.subjects[1].subgroups[0].pupils.empty());
  EXPECT_EQ(plan.subjects[1].individual.size(), 1u);
  // Twice changes nothing.
  GroupPlan again = plan;
  rejoin_subgroups(again, ihp, overview);
  EXPECT_EQ(again.subjects[0].subgroups[0].pupils, std::vector<Id>{42});
}

TEST(Ihp, WithoutAnApproachThePupilGoesToBasis) {
  GroupPlan plan;
  SubjectPlan reading;
  reading.subject = "Technisch lezen";
  plan.subjects = {reading};  // no subgroups yet: basis is made
  Ihp ihp = reading_plan();
  ihp.status = IhpStatus::kClosed;
  ihp.outcome = IhpOutcome::kGoalReached;
  rejoin_subgroups(plan, ihp, GroupOverview{});
  ASSERT_EQ(plan.subjects[0].subgroups.size(), 1u);
  EXPECT_EQ(plan.subjects[0].subgroups[0].approach, Approach::kBasic);
  EXPECT_EQ(plan.subjects[0].subgroups[0].pupils, std::vector<Id>{42});
}

TEST(Ihp, TheOppIsEvaluatedWithTheParentsEveryYear) {
  Opp opp;
  EXPECT_EQ(opp_evaluation_due(opp, d(2026, 9, 15)), d(2027, 9, 15));
  opp.evaluations_with_parents = {d(2027, 6, 1), d(2027, 1, 10)};
  EXPECT_EQ(opp_evaluation_due(opp, d(2026, 9, 15)), d(2028, 6, 1));
  EXPECT_EQ(opp_evaluation_due(Opp{}, d(2028, 2, 29)), d(2029, 2, 28));
  EXPECT_EQ(opp_evaluation_state(d(2027, 9, 15), d(2027, 8, 15)), "gepland");     // 31 days
  EXPECT_EQ(opp_evaluation_state(d(2027, 9, 15), d(2027, 8, 16)), "binnenkort");  // 30 days
  EXPECT_EQ(opp_evaluation_state(d(2027, 9, 15), d(2027, 9, 15)), "binnenkort");
  EXPECT_EQ(opp_evaluation_state(d(2027, 9, 15), d(2027, 9, 16)), "te laat");
}

TEST(Ihp, AnOrganisationLineReadsAsTheSeedsWriteIt) {
  EXPECT_EQ(describe(OrganisationLine{1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"}),
            "RT, doel 1, 3× per week 20 min, ma/wo/vr 10:30, lokaal 4");
  EXPECT_EQ(describe(OrganisationLine{2, "leerkracht", 2, {2}, "", 15, ""}),
            "leerkracht, doel 2, 1× per week 15 min, di");
}

TEST(Ihp, TheWeekPlanningShowsEachLineOnItsDaysInTimeOrder) {
  Ihp ihp = reading_plan();  // RT ma/wo/vr 10:30
  ihp.organisation.push_back(OrganisationLine{2, "leerkracht", 1, {3}, "9:15", 10, ""});
  ihp.organisation.push_back(OrganisationLine{3, "ouders", 1, {3}, "thuis", 10, ""});
  auto items = ihp_week_items(ihp);
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].day, 1);
  EXPECT_EQ(items[1].day, 3);
  EXPECT_EQ(items[1].time, "9:15");  // before 10:30 although its line comes later
  EXPECT_EQ(items[2].time, "10:30");
  EXPECT_EQ(items[3].time, "thuis");  // no time of day: after those with one
  EXPECT_EQ(items[4].day, 5);
  EXPECT_EQ(items[0].text, "RT, doel 1, 3× per week 20 min, ma/wo/vr 10:30, lokaal 4");
}

TEST(Ihp, AVersionSaysWhatItChangedInTheRubricsWords) {
  Ihp before = reading_plan();
  EXPECT_TRUE(ihp_changes(before, before).empty());
  Ihp after = before;
  after.starting_situation = "Sem leest AVI M4.";
  after.goals[0].criteria = "AVI E4 beheersing";
  IhpGoal second;
  second.number = 2;
  second.area = kWorkAttitude;
  second.text = "Sem werkt 15 minuten zelfstandig.";
  after.goals.push_back(second);
  after.organisation[0].days = {1, 3};
  after.parent_view.text = "Thuis lezen we elke avond.";
  after.opp = Opp{};
  EXPECT_EQ(ihp_changes(before, after), (std::vector<std::string>{"beginsituatie", "doel 1", "doel 2 toegevoegd",
                                                                  "organisatie", "kijk van de ouders", "OPP"}));
  EXPECT_EQ(ihp_changes(after, before), (std::vector<std::string>{"beginsituatie", "doel 1", "doel 2 verwijderd",
                                                                  "organisatie", "kijk van de ouders", "OPP"}));
  Ihp later = before;
  later.ends_on = d(2027, 3, 12);
  later.sessions.push_back(SessionLog{1, d(2026, 12, 2), true, 20, "", "RT"});  // not a rubric
  EXPECT_EQ(ihp_changes(before, later), std::vector<std::string>{"termijn"});
}

TEST(Ihp, KeysAndLabelsRoundTrip) {
  for (IhpStatus s : {IhpStatus::kDraft, IhpStatus::kRunning, IhpStatus::kEvaluated, IhpStatus::kClosed})
    EXPECT_EQ(parse_ihp_status(ihp_status_key(s)), s);
  for (IhpOutcome o : {IhpOutcome::kGoalReached, IhpOutcome::kNewAdjustedIhp, IhpOutcome::kExternalSteps})
    EXPECT_EQ(parse_ihp_outcome(ihp_outcome_key(o)), o);
  EXPECT_EQ(parse_ihp_status("klaar"), std::nullopt);
  EXPECT_EQ(ihp_role_label("rt"), "RT'er");
  EXPECT_EQ(ihp_roles().size(), 6u);
}

}  // namespace
}  // namespace koers::domain
