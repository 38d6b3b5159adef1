// The 1-zorgroute from hand-made records: every level from what is recorded (a table), moving
// down after a reached goal or a closed case, the timeline up and down with who, why, consent
// and result, and the stuck flags on the day before, on and after their boundaries.
#include "domain/route.h"

#include <gtest/gtest.h>

#include "builders.h"

namespace koers::domain {
namespace {

using testing::subject_plan;

constexpr Id kPupil = 7, kGroup = 3;
const Date kToday{2027, 2, 10};

RecordPlan plan(const char* period, Date from, Date to, bool intensive, bool own_line = false) {
  RecordPlan p;
  p.period_name = period;
  p.starts_on = from;
  p.ends_on = to;
  p.plan.group_id = kGroup;
  p.plan.saved_by = "Els Leerkracht";
  SubjectPlan s = subject_plan("Spelling");
  s.subgroups[intensive ? 0 : 1].pupils.push_back(kPupil);
  if (own_line) s.individual.push_back({kPupil, "eigen leerlijn spelling"});
  p.plan.subjects.push_back(s);
  return p;
}

Meeting discussion(Id id, std::optional<Date> on, MeetingStatus status, PupilDiscussionOutcome outcome) {
  Meeting m;
  m.id = id;
  m.kind = MeetingKind::kPupilDiscussion;
  m.pupil_id = kPupil;
  m.planned_on = on;
  m.status = status;
  m.outcome = outcome;
  m.form.help_question = "Hoe krijgt Tim het lezen onder de knie?";
  m.reported_by = "Ineke IB";
  return m;
}

IhpSummary ihp(Id id, IhpStatus status, std::optional<IhpOutcome> outcome, Date from, Date to) {
  IhpSummary s;
  s.id = id;
  s.pupil_id = kPupil;
  s.status = status;
  s.outcome = outcome;
  s.starts_on = from;
  s.ends_on = to;
  s.saved_by = "Ineke IB";
  return s;
}

Consent consent(Id id, ConsentPurpose purpose, Date until) {
  Consent k;
  k.id = id;
  k.case_id = 20;
  k.pupil_id = kPupil;
  k.purpose = purpose;
  k.given_by = "moeder, Ans de Vries";
  k.given_on = {2027, 1, 5};
  k.valid_until = until;
  return k;
}

CareTeamCase care_case(CaseStatus status) {
  CareTeamCase c;
  c.id = 20;
  c.pupil_id = kPupil;
  c.status = status;
  c.registration = "IHP afgesloten: externe stappen nodig";
  c.help_question = "Wat heeft Tim nodig om tot lezen te komen?";
  c.created_by = "Ineke IB";
  c.created_at = "2027-01-06T09:00:00Z";
  c.saved_by = "Ineke IB";
  c.saved_at = "2027-02-01T09:00:00Z";
  c.consents = {consent(1, ConsentPurpose::kCareTeam, {2027, 7, 31})};
  return c;
}

PupilRecord base() {
  PupilRecord r;
  r.pupil_id = kPupil;
  r.name = "Tim de Vries";
  r.group_id = kGroup;
  return r;
}

struct LevelRow {
  const char* name;
  void (*setup)(PupilRecord&);
  RouteLevel expected;
};

TEST(Route, TheLevelIsDerivedFromWhatIsRecorded) {
  const LevelRow rows[] = {
      {"nothing recorded", [](PupilRecord&) {}, RouteLevel::kGroup},
      {"basis subgroup in the current plan",
       [](PupilRecord& r) { r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, false)}; }, RouteLevel::kGroup},
      {"intensief in the current plan",
       [](PupilRecord& r) { r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, true)}; }, RouteLevel::kSubgroup},
      {"an individual line in the current plan",
       [](PupilRecord& r) { r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, false, true)}; },
       RouteLevel::kSubgroup},
      {"intensief last period, basis in the current one",
       [](PupilRecord& r) {
         r.plans = {plan("Periode 1", {2026, 8, 20}, {2026, 12, 31}, true),
                    plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, false)};
       },
       RouteLevel::kGroup},
      {"intensief only in a plan for a period still to come",
       [](PupilRecord& r) {
         r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 2, 5}, false),
                    plan("Periode 3", {2027, 3, 1}, {2027, 6, 30}, true)};
       },
       RouteLevel::kGroup},
      {"pupil discussion requested, no date yet",
       [](PupilRecord& r) { r.meetings = {discussion(5, std::nullopt, MeetingStatus::kRequested, {})}; },
       RouteLevel::kPupilDiscussion},
      {"pupil discussion held: geen vervolg",
       [](PupilRecord& r) {
         r.meetings = {discussion(5, Date{2027, 1, 20}, MeetingStatus::kReported,
                                  PupilDiscussionOutcome::kNothingFurther)};
       },
       RouteLevel::kGroup},
      {"pupil discussion held: IHP starten, no IHP yet",
       [](PupilRecord& r) {
         r.meetings = {discussion(5, Date{2027, 1, 20}, MeetingStatus::kHeld, PupilDiscussionOutcome::kStartIhp)};
       },
       RouteLevel::kPupilDiscussion},
      {"running IHP", [](PupilRecord& r) {
         r.ihps = {ihp(9, IhpStatus::kRunning, {}, {2027, 1, 10}, {2027, 3, 20})};
       }, RouteLevel::kPupilDiscussion},
      {"IHP evaluated, not yet closed", [](PupilRecord& r) {
         r.ihps = {ihp(9, IhpStatus::kEvaluated, {}, {2026, 11, 1}, {2027, 1, 20})};
       }, RouteLevel::kPupilDiscussion},
      {"IHP closed with externe stappen, no case yet", [](PupilRecord& r) {
         r.ihps = {ihp(9, IhpStatus::kClosed, IhpOutcome::kExternalSteps, {2026, 11, 1}, {2027, 1, 20})};
       }, RouteLevel::kPupilDiscussion},
      {"IHP closed with nieuw IHP, the new one not yet written", [](PupilRecord& r) {
         r.ihps = {ihp(9, IhpStatus::kClosed, IhpOutcome::kNewAdjustedIhp, {2026, 11, 1}, {2027, 1, 20})};
       }, RouteLevel::kPupilDiscussion},
      {"care-team case registered", [](PupilRecord& r) { r.cases = {care_case(CaseStatus::kRegistered)}; },
       RouteLevel::kCareTeam},
      {"case in volgen", [](PupilRecord& r) { r.cases = {care_case(CaseStatus::kFollowUp)}; }, RouteLevel::kCareTeam},
      {"HGD in research on a closed case", [](PupilRecord& r) {
         r.cases = {care_case(CaseStatus::kClosed)};
         HgdRequest h;
         h.id = 30;
         h.status = HgdStatus::kInResearch;
         h.requested_on = {2027, 1, 25};
         r.hgd_requests = {h};
       }, RouteLevel::kCareTeam},
      {"case with a hand-over to the ZAT", [](PupilRecord& r) {
         CareTeamCase c = care_case(CaseStatus::kAdvice);
         c.outcomes = {{CaseOutcomeKind::kZatHandover, ""}};
         r.cases = {c};
       }, RouteLevel::kExternal},
      {"case with SBO via de PCL", [](PupilRecord& r) {
         CareTeamCase c = care_case(CaseStatus::kFollowUp);
         c.outcomes = {{CaseOutcomeKind::kSboViaPcl, ""}};
         r.cases = {c};
       }, RouteLevel::kExternal},
      {"case with a lighter arrangement (dyslexia treatment)", [](PupilRecord& r) {
         CareTeamCase c = care_case(CaseStatus::kAdvice);
         c.outcomes = {{CaseOutcomeKind::kDyslexiaTreatment, ""}};
         r.cases = {c};
       }, RouteLevel::kCareTeam},
      {"case doorverwezen", [](PupilRecord& r) {
         CareTeamCase c = care_case(CaseStatus::kReferred);
         c.outcome_note = "CVI cluster 2";
         r.cases = {c};
       }, RouteLevel::kExternal},
  };
  for (const LevelRow& row : rows) {
    PupilRecord r = base();
    row.setup(r);
    const PupilRoute route = pupil_route(r, kToday);
    EXPECT_EQ(route.level, row.expected) << row.name;
    if (row.expected != RouteLevel::kGroup) {
      ASSERT_FALSE(route.evidence.empty()) << row.name;
      EXPECT_EQ(route.evidence.front().level, row.expected) << row.name;
    } else {
      EXPECT_TRUE(route.evidence.empty()) << row.name;
    }
  }
}

TEST(Route, TheHighestLevelWinsAndEvidenceComesHighestFirst) {
  PupilRecord r = base();
  r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, true)};
  r.ihps = {ihp(9, IhpStatus::kRunning, {}, {2027, 1, 10}, {2027, 3, 20})};
  r.cases = {care_case(CaseStatus::kScheduled)};
  const PupilRoute route = pupil_route(r, kToday);
  EXPECT_EQ(route.level, RouteLevel::kCareTeam);
  ASSERT_EQ(route.evidence.size(), 3u);
  EXPECT_EQ(route.evidence[0].kind, "casus");
  EXPECT_EQ(route.evidence[1].kind, "ihp");
  EXPECT_EQ(route.evidence[2].kind, "groepsplan");
  EXPECT_EQ(route.evidence[2].text, "Groepsplan Periode 2: Spelling (intensief)");
}

TEST(Route, AReachedGoalMovesThePupilDown) {
  PupilRecord r = base();
  r.plans = {plan("Periode 2", {2027, 1, 1}, {2027, 6, 30}, true)};
  r.meetings = {discussion(5, Date{2026, 10, 20}, MeetingStatus::kReported, PupilDiscussionOutcome::kStartIhp)};
  r.ihps = {ihp(9, IhpStatus::kClosed, IhpOutcome::kGoalReached, {2026, 11, 1}, {2027, 1, 20})};
  PupilRoute route = pupil_route(r, kToday);
  EXPECT_EQ(route.level, RouteLevel::kSubgroup);  // back into the intensief subgroup
  // The timeline: discussion (up), IHP (up), plan (up, period 2), IHP closed (down).
  ASSERT_EQ(route.timeline.size(), 4u);
  EXPECT_EQ(route.timeline[0].kind, "leerlingbespreking");
  EXPECT_EQ(route.timeline[0].why, "hulpvraag: Hoe krijgt Tim het lezen onder de knie?");
  EXPECT_EQ(route.timeline[0].result, outcome_label(PupilDiscussionOutcome::kStartIhp));
  EXPECT_EQ(route.timeline[1].kind, "ihp");
  EXPECT_EQ(route.timeline[1].direction, RouteDirection::kUp);
  EXPECT_EQ(route.timeline[3].what, "IHP afgesloten: " + ihp_outcome_label(IhpOutcome::kGoalReached));
  EXPECT_EQ(route.timeline[3].direction, RouteDirection::kDown);

  // A case that is closed no longer holds the pupil; its closing is a step down.
  r.cases = {care_case(CaseStatus::kClosed)};
  r.cases[0].outcome_note = "Advies opgevolgd; leest nu op niveau.";
  route = pupil_route(r, kToday);
  EXPECT_EQ(route.level, RouteLevel::kSubgroup);
  const RouteEvent& closed = route.timeline.back();
  EXPECT_EQ(closed.what, "Zorgteamcasus afgesloten");
  EXPECT_EQ(closed.direction, RouteDirection::kDown);
  EXPECT_EQ(closed.result, "Advies opgevolgd; leest nu op niveau.");
  EXPECT_EQ(closed.on, (Date{2027, 2, 1}));

  // Basis in the next plan: off level 2, recorded as a step down.
  r.plans.push_back(plan("Periode 3", {2027, 2, 8}, {2027, 6, 30}, false));
  r.plans[0].ends_on = {2027, 2, 7};
  route = pupil_route(r, kToday);
  EXPECT_EQ(route.level, RouteLevel::kGroup);
  bool down = false;
  for (const RouteEvent& e : route.timeline)
    down = down || (e.kind == "groepsplan" && e.direction == RouteDirection::kDown);
  EXPECT_TRUE(down);
}

TEST(Route, ACaseStepSaysWhoDecidedWhyWithWhichConsentAndWhatCameOfIt) {
  PupilRecord r = base();
  CareTeamCase c = care_case(CaseStatus::kAdvice);
  c.advice = "HGD aanvragen";
  c.outcomes = {{CaseOutcomeKind::kHgd, ""}};
  r.cases = {c};
  const PupilRoute route = pupil_route(r, kToday);
  ASSERT_EQ(route.timeline.size(), 1u);
  const RouteEvent& e = route.timeline[0];
  EXPECT_EQ(e.on, (Date{2027, 1, 6}));
  EXPECT_EQ(e.level, RouteLevel::kCareTeam);
  EXPECT_EQ(e.decided_by, "Ineke IB");
  EXPECT_NE(e.why.find("hulpvraag: Wat heeft Tim nodig"), std::string::npos);
  EXPECT_NE(e.consent.find("moeder, Ans de Vries"), std::string::npos);
  EXPECT_NE(e.consent.find("31-07-2027"), std::string::npos);
  EXPECT_NE(e.result.find("Advies: HGD aanvragen."), std::string::npos);
}

TEST(Route, TheHgdAdviceMeetingIsAStepAtLevelFour) {
  PupilRecord r;
  r.pupil_id = kPupil;
  HgdRequest h;
  h.id = 30;
  h.pupil_id = kPupil;
  h.expert_name = "Olga Visser";
  h.status = HgdStatus::kReportReceived;
  h.requested_on = {2027, 1, 5};
  h.help_question = "Wat helpt Tim?";
  Meeting m;
  m.id = 44;
  m.kind = MeetingKind::kHgdAdvice;
  m.hgd_id = 30;
  m.pupil_id = kPupil;
  m.planned_on = Date{2027, 2, 3};
  m.status = MeetingStatus::kPlanned;
  m.participants = {{"ouders", "Ans de Vries"}, {"ib", "Ineke IB"}};
  r.hgd_requests = {h};
  r.meetings = {m};
  auto find = [](const PupilRoute& route) {
    for (const RouteEvent& e : route.timeline)
      if (e.kind == "adviesgesprek") return std::optional<RouteEvent>(e);
    return std::optional<RouteEvent>();
  };
  PupilRoute planned = pupil_route(r, kToday);
  auto step = find(planned);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->level, RouteLevel::kCareTeam);
  EXPECT_EQ(step->id, 44);
  EXPECT_EQ(*step->on, (Date{2027, 2, 3}));
  EXPECT_NE(step->what.find("Olga Visser"), std::string::npos);
  EXPECT_NE(step->what.find("gepland"), std::string::npos);
  EXPECT_EQ(step->decided_by, "Ans de Vries, Ineke IB");
  EXPECT_EQ(step->result, "");
  EXPECT_EQ(planned.level, RouteLevel::kCareTeam);  // the HGD is not yet besproken

  r.meetings[0].status = MeetingStatus::kReported;
  r.meetings[0].report = "Korte instructie.";
  r.meetings[0].decisions = "Thuis samen lezen";
  r.hgd_requests[0].status = HgdStatus::kDiscussed;
  PupilRoute held = pupil_route(r, kToday);
  step = find(held);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->what, "Adviesgesprek over de HGD bij Olga Visser");
  EXPECT_EQ(step->result,
            "HGD besproken. Geadviseerd: Korte instructie. Afgesproken met de ouders: Thuis samen lezen.");
  // In time order, after the request.
  EXPECT_EQ(held.timeline.back().kind, "adviesgesprek");
  // A meeting of another request is no step of this one.
  r.meetings[0].hgd_id = 31;
  EXPECT_FALSE(find(pupil_route(r, kToday)).has_value());
}

TEST(RouteFlags, AnIhpPastItsTermWithoutEvaluation) {
  for (auto [ends, flagged] : {std::pair{add_days(kToday, 1), false}, {kToday, false}, {add_days(kToday, -1), true}}) {
    PupilRecord r = base();
    r.ihps = {ihp(9, IhpStatus::kRunning, {}, {2026, 11, 1}, ends)};
    const PupilRoute route = pupil_route(r, kToday);
    ASSERT_EQ(route.flags.size(), flagged ? 1u : 0u) << ends.iso();
    if (flagged) {
      EXPECT_EQ(route.flags[0].kind, RouteFlagKind::kIhpOverdue);
      EXPECT_EQ(route.flags[0].id, 9);
    }
  }
  PupilRecord r = base();  // evaluated in time: not stuck
  r.ihps = {ihp(9, IhpStatus::kEvaluated, {}, {2026, 11, 1}, add_days(kToday, -10))};
  EXPECT_TRUE(pupil_route(r, kToday).flags.empty());
}

TEST(RouteFlags, ACaseInFollowUpPastItsDate) {
  for (auto [until, flagged] : {std::pair{add_days(kToday, 1), false}, {kToday, false}, {add_days(kToday, -1), true}}) {
    PupilRecord r = base();
    r.cases = {care_case(CaseStatus::kFollowUp)};
    r.cases[0].follow_up_until = until;
    const PupilRoute route = pupil_route(r, kToday);
    ASSERT_EQ(route.flags.size(), flagged ? 1u : 0u) << until.iso();
    if (flagged) {
      EXPECT_EQ(route.flags[0].kind, RouteFlagKind::kFollowUpOverdue);
    }
  }
}

TEST(RouteFlags, AConsentAboutToExpire) {
  const int d = kRouteConsentExpiryDays;
  for (auto [until, flagged] : {std::pair{add_days(kToday, d + 1), false},
                                {add_days(kToday, d), true},
                                {add_days(kToday, d - 1), true},
                                {kToday, true},
                                {add_days(kToday, -1), false}}) {  // expired: no longer in force
    PupilRecord r = base();
    r.cases = {care_case(CaseStatus::kScheduled)};
    r.cases[0].consents = {consent(1, ConsentPurpose::kCareTeam, until)};
    const PupilRoute route = pupil_route(r, kToday);
    ASSERT_EQ(route.flags.size(), flagged ? 1u : 0u) << until.iso();
    if (flagged) {
      EXPECT_EQ(route.flags[0].kind, RouteFlagKind::kConsentExpiring);
      EXPECT_EQ(route.flags[0].case_id, 20);
    }
  }
  // Renewed (a later consent of the same purpose), withdrawn, or on a closed case: not flagged.
  PupilRecord r = base();
  r.cases = {care_case(CaseStatus::kScheduled)};
  r.cases[0].consents = {consent(1, ConsentPurpose::kCareTeam, add_days(kToday, 3)),
                         consent(2, ConsentPurpose::kCareTeam, {2027, 12, 31})};
  EXPECT_TRUE(pupil_route(r, kToday).flags.empty());
  r.cases[0].consents = {consent(1, ConsentPurpose::kCareTeam, add_days(kToday, 3))};
  r.cases[0].consents[0].withdrawn_at = "2027-02-01T10:00:00Z";
  EXPECT_TRUE(pupil_route(r, kToday).flags.empty());
  r.cases[0].consents[0].withdrawn_at.clear();
  r.cases[0].status = CaseStatus::kClosed;
  EXPECT_TRUE(pupil_route(r, kToday).flags.empty());
}

}  // namespace
}  // namespace koers::domain
