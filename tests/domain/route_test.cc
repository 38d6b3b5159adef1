// The 1-zorgroute from hand-made records: every level from what is recorded (a table), moving
// down after a reached goal or a closed case, the timeline up and down with who, why, consent
// and result, and the stuck flags on the day before, on and after their boundaries.
#include "domain/route.h"

#include <fmt/format.h>
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

// ---- Referrals: level 5, their steps and the flag for a referral waiting for the parents.

// A PCL → SBO referral started on `started` from case 20, in concept, as the store summarises it.
Referral pcl_referral(Date started) {
  Referral f;
  f.id = 40;
  f.pupil_id = kPupil;
  f.case_id = 20;
  f.procedure = default_referral_procedures()[0];
  f.reason = "Advies van het zorgteam: aanmelden bij de PCL";
  f.created_by = "Ineke IB";
  f.created_at = started.iso() + "T09:00:00Z";
  return f;
}
void copy_to_parents(Referral& f, Date on) {
  f.status = ReferralStatus::kWithParents;
  f.parents_copy_at = on.iso() + "T10:00:00Z";
  f.parents_copy_by = "Ineke IB";
}
void parents_respond(Referral& f, Date on, bool consent) {
  f.parents.view = "Wij zien dat hij op school vastloopt.";
  f.parents.agrees = true;
  f.parents.at = on.iso() + "T19:00:00Z";
  if (consent) f.consents = {{"aanmelding", "moeder, Ans de Vries", on, "Ineke IB", on.iso() + "T19:05:00Z"}};
}
void send(Referral& f, Date on) {
  f.status = ReferralStatus::kSent;
  f.sent_at = on.iso() + "T11:00:00Z";
  f.sent_by = "Ineke IB";
  f.sent_to = "PCL van SWV Noord";
}

TEST(RouteReferrals, AReferralHoldsThePupilAtLevelFiveUntilANegativeDecisionOrItsWithdrawal) {
  const Date started = add_days(kToday, -40);
  struct Row {
    const char* name;
    void (*setup)(Referral&);
    RouteLevel expected;
  };
  const Row rows[] = {
      {"in concept", [](Referral&) {}, RouteLevel::kExternal},
      {"with the parents", [](Referral& f) { copy_to_parents(f, add_days(kToday, -30)); }, RouteLevel::kExternal},
      {"sent, no decision",
       [](Referral& f) {
         copy_to_parents(f, add_days(kToday, -30));
         parents_respond(f, add_days(kToday, -25), true);
         send(f, add_days(kToday, -20));
       },
       RouteLevel::kExternal},
      {"decided positively",
       [](Referral& f) {
         send(f, add_days(kToday, -20));
         f.status = ReferralStatus::kDecided;
         f.decision = ReferralDecision{true, add_days(kToday, -2), "SBO De Wissel", ""};
       },
       RouteLevel::kExternal},
      {"decided negatively: back to the open case",
       [](Referral& f) {
         send(f, add_days(kToday, -20));
         f.status = ReferralStatus::kDecided;
         f.decision = ReferralDecision{false, add_days(kToday, -2), "", "eerst een arrangement op school"};
       },
       RouteLevel::kCareTeam},
      {"withdrawn", [](Referral& f) { f.status = ReferralStatus::kWithdrawn; }, RouteLevel::kCareTeam},
  };
  for (const Row& row : rows) {
    PupilRecord r = base();
    r.cases = {care_case(CaseStatus::kAdvice)};  // open: level 4 beneath
    Referral f = pcl_referral(started);
    row.setup(f);
    r.referrals = {referral_summary(f)};
    const PupilRoute route = pupil_route(r, kToday);
    EXPECT_EQ(route.level, row.expected) << row.name;
    if (row.expected == RouteLevel::kExternal) {
      EXPECT_EQ(route.evidence.front().kind, "verwijzing") << row.name;
      EXPECT_EQ(route.evidence.front().id, 40) << row.name;
    }
  }
  PupilRecord r = base();
  Referral f = pcl_referral(started);
  send(f, add_days(kToday, -20));
  r.referrals = {referral_summary(f)};
  EXPECT_EQ(pupil_route(r, kToday).evidence.front().text,
            "Aanmelding bij de PCL voor het SBO: verzonden aan PCL van SWV Noord op " + add_days(kToday, -20).dutch() +
                ", wacht op het besluit");
}

TEST(RouteReferrals, TheStepsAreStartedTheParentsCopySentAndTheDecisionUpOrDown) {
  PupilRecord r = base();
  Referral f = pcl_referral(add_days(kToday, -40));
  copy_to_parents(f, add_days(kToday, -30));
  parents_respond(f, add_days(kToday, -25), true);
  send(f, add_days(kToday, -20));
  f.status = ReferralStatus::kDecided;
  f.decision = ReferralDecision{true, add_days(kToday, -2), "SBO De Wissel", "plaatsing per 1 maart"};
  r.referrals = {referral_summary(f)};
  const PupilRoute route = pupil_route(r, kToday);
  ASSERT_EQ(route.timeline.size(), 4u);
  const RouteEvent &start = route.timeline[0], &copy = route.timeline[1], &sent = route.timeline[2],
                   &decision = route.timeline[3];
  EXPECT_EQ(start.what, "Verwijzing gestart: Aanmelding bij de PCL voor het SBO");
  EXPECT_EQ(start.direction, RouteDirection::kUp);
  EXPECT_EQ(start.level, RouteLevel::kExternal);
  EXPECT_EQ(start.decided_by, "Ineke IB");
  EXPECT_EQ(start.why, "Advies van het zorgteam: aanmelden bij de PCL");
  EXPECT_EQ(*copy.on, add_days(kToday, -30));
  EXPECT_EQ(copy.what, "Kopie voor de ouders beschikbaar gesteld");
  EXPECT_EQ(copy.result, "de ouders voegden hun zienswijze toe en zijn het eens met de verwijzing");
  // The placement consent comes after a positive decision: not missing before sending.
  EXPECT_EQ(copy.consent, "toestemming voor aanmelding en bespreking in de PCL: moeder, Ans de Vries, " +
                              add_days(kToday, -25).dutch());
  EXPECT_EQ(sent.what, "Verzonden aan PCL van SWV Noord");
  EXPECT_EQ(*sent.on, add_days(kToday, -20));
  EXPECT_EQ(decision.what, "Besluit: positief");
  EXPECT_EQ(decision.direction, RouteDirection::kUp);
  EXPECT_EQ(decision.decided_by, "PCL van SWV Noord");
  EXPECT_EQ(decision.result, "SBO De Wissel");

  f.decision = ReferralDecision{false, add_days(kToday, -2), "", "eerst een arrangement op school"};
  r.referrals = {referral_summary(f)};
  const RouteEvent negative = pupil_route(r, kToday).timeline.back();
  EXPECT_EQ(negative.what, "Besluit: negatief");
  EXPECT_EQ(negative.direction, RouteDirection::kDown);
  EXPECT_EQ(negative.why, "eerst een arrangement op school");

  f.decision.reset();
  f.status = ReferralStatus::kWithdrawn;
  f.saved_at = add_days(kToday, -1).iso() + "T08:00:00Z";
  f.saved_by = "Ineke IB";
  r.referrals = {referral_summary(f)};
  const RouteEvent withdrawn = pupil_route(r, kToday).timeline.back();
  EXPECT_EQ(withdrawn.what, "Verwijzing ingetrokken");
  EXPECT_EQ(withdrawn.direction, RouteDirection::kDown);
  EXPECT_EQ(*withdrawn.on, add_days(kToday, -1));
}

// Waiting kRouteReferralWaitDays or more is stuck: for the copy since the start, for the
// parents' response since the copy, for their consent since they responded. 13 days is not.
TEST(RouteFlags, AReferralWaitingForTheParents) {
  const int n = kRouteReferralWaitDays;
  auto flags = [](const Referral& f) {
    PupilRecord r = base();
    r.referrals = {referral_summary(f)};
    return pupil_route(r, kToday).flags;
  };
  for (auto [days, flagged] : {std::pair{n - 1, false}, {n, true}, {n + 1, true}}) {
    const Date since = add_days(kToday, -days);
    Referral no_copy = pcl_referral(since);
    auto f = flags(no_copy);
    ASSERT_EQ(f.size(), flagged ? 1u : 0u) << "copy not available, " << days << " days";
    if (flagged) {
      EXPECT_EQ(f[0].kind, RouteFlagKind::kReferralAwaitingParents);
      EXPECT_EQ(f[0].id, 40);
      EXPECT_EQ(f[0].case_id, 20);
      EXPECT_EQ(f[0].on, since);
      EXPECT_EQ(f[0].text, fmt::format("Verwijzing wacht op de ouders: Aanmelding bij de PCL voor het SBO; de kopie "
                                       "voor de ouders is nog niet beschikbaar gesteld (sinds {}, {} dagen)",
                                       since.dutch(), days));
      EXPECT_EQ(route_flag_key(f[0].kind), "verwijzing-wacht-op-ouders");
    }

    Referral no_response = pcl_referral(add_days(kToday, -60));
    copy_to_parents(no_response, since);
    f = flags(no_response);
    ASSERT_EQ(f.size(), flagged ? 1u : 0u) << "no response, " << days << " days";
    if (flagged) {
      EXPECT_NE(f[0].text.find("de ouders hebben hun kopie maar nog niet gereageerd"), std::string::npos);
    }

    Referral no_consent = pcl_referral(add_days(kToday, -60));
    copy_to_parents(no_consent, add_days(kToday, -50));
    parents_respond(no_consent, since, false);
    f = flags(no_consent);
    ASSERT_EQ(f.size(), flagged ? 1u : 0u) << "no consent, " << days << " days";
    if (flagged) {
      EXPECT_NE(f[0].text.find("toestemming van de ouders ontbreekt nog (toestemming voor aanmelding"),
                std::string::npos);
    }
  }
  // Responded with consent (ready to send), sent, withdrawn: nobody waits for the parents.
  Referral f = pcl_referral(add_days(kToday, -60));
  copy_to_parents(f, add_days(kToday, -50));
  parents_respond(f, add_days(kToday, -40), true);
  EXPECT_TRUE(flags(f).empty());
  Referral sent = pcl_referral(add_days(kToday, -60));
  send(sent, add_days(kToday, -50));
  EXPECT_TRUE(flags(sent).empty());
  Referral withdrawn = pcl_referral(add_days(kToday, -60));
  withdrawn.status = ReferralStatus::kWithdrawn;
  EXPECT_TRUE(flags(withdrawn).empty());
}

// The board administrator's counts: 1–4 hidden as "<5", and no hidden count to be had back by
// subtracting the shown ones from a published total (a group's pupils, a level's count).
TEST(RouteCounts, SmallCountsAreHiddenAndCannotBeComputedBackFromTheTotals) {
  using S = CountShown;
  const S o = S::kShown, x = S::kSmall, y = S::kSecondary;
  struct Case {
    const char* what;
    std::vector<std::vector<int>> counts;
    std::vector<std::vector<S>> cells;
    std::vector<S> groups, levels;
  };
  const Case cases[] = {
      {"nothing small", {{20, 6, 5}, {0, 0, 0}}, {{o, o, o}, {o, o, o}}, {o, o}, {o, o, o}},
      {"4 hidden with the smallest other of its group, then what guards those",
       {{20, 4, 5}, {18, 0, 6}},
       {{y, x, y}, {y, o, y}},
       {o, o},
       {o, x, o}},
      {"one group: the 20 hides too, and the level's total that would give it back",
       {{20, 3, 0}},
       {{y, x, o}},
       {o},
       {y, x, o}},
      {"two small in a group guard each other; their levels' totals are small themselves",
       {{20, 2, 3}},
       {{o, x, x}},
       {o},
       {o, x, x}},
      {"a group of three, all at level 1: its total says it", {{3, 0}}, {{x, o}}, {x}, {x, o}},
      {"a group whose other counts are 0: its total hides", {{20, 0}, {17, 2}}, {{y, o}, {y, x}}, {y, o}, {o, x}},
  };
  for (const Case& c : cases) {
    const SuppressedCounts got = suppress_small_counts(c.counts);
    EXPECT_EQ(got.cells, c.cells) << c.what;
    EXPECT_EQ(got.group_totals, c.groups) << c.what;
    EXPECT_EQ(got.level_totals, c.levels) << c.what;
  }
}

}  // namespace
}  // namespace koers::domain
