// The care-team case: what an external may see under which consent (a table of the cases
// that matter: valid, expired, withdrawn, wrong scope, other pupil, not invited, internal
// case), when a case may go on the agenda, the route so far from the pupil's record with
// the reason a missing step needs, the lifecycle, and who may read or write a case.
#include "domain/care_team.h"

#include <gtest/gtest.h>

#include "domain/access_policy.h"

namespace koers::domain {
namespace {

constexpr Id kPupil = 7, kOtherPupil = 8, kSchool = 10, kBoard = 1, kExternal = 500, kOtherExternal = 501;
const Date kToday{2027, 2, 10};

Consent consent(Id id = 1) {
  Consent k;
  k.id = id;
  k.case_id = 3;
  k.pupil_id = kPupil;
  k.purpose = ConsentPurpose::kCareTeam;
  k.given_by = "moeder, Ans de Vries";
  k.given_on = {2027, 1, 15};
  k.valid_until = {2027, 7, 31};
  k.disciplines = {"orthopedagoog"};
  k.documents = {CaseDocument::kHelpQuestion, CaseDocument::kIhps};
  return k;
}

CareTeamCase with_external() {
  CareTeamCase c;
  c.id = 3;
  c.pupil_id = kPupil;
  c.school_id = kSchool;
  c.help_question = "Hoe helpen we Tim bij het automatiseren?";
  c.members = {{kExternal, "Olga Orthopedagoog", "orthopedagoog"}};
  c.consents = {consent()};
  return c;
}

struct Row {
  const char* name;
  void (*change)(CareTeamCase&);
  Id viewer;
  ExternalRefusal expected;
};

TEST(CareTeamConsent, WhatAnExternalMaySeeFollowsTheConsentTable) {
  const Row rows[] = {
      {"valid consent, invited in its discipline", [](CareTeamCase&) {}, kExternal, ExternalRefusal::kNone},
      {"valid consent naming the external", [](CareTeamCase& c) {
         c.consents[0].disciplines.clear();
         c.consents[0].externals = {kExternal};
         c.members[0].discipline = "logopedist";
       }, kExternal, ExternalRefusal::kNone},
      {"last day of validity", [](CareTeamCase& c) { c.consents[0].valid_until = kToday; }, kExternal,
       ExternalRefusal::kNone},
      {"expired yesterday", [](CareTeamCase& c) { c.consents[0].valid_until = add_days(kToday, -1); }, kExternal,
       ExternalRefusal::kExpired},
      {"given from tomorrow", [](CareTeamCase& c) { c.consents[0].given_on = add_days(kToday, 1); }, kExternal,
       ExternalRefusal::kNotYetGiven},
      {"withdrawn", [](CareTeamCase& c) { c.consents[0].withdrawn_at = "2027-02-09T08:00:00Z"; }, kExternal,
       ExternalRefusal::kWithdrawn},
      {"wrong scope: another discipline", [](CareTeamCase& c) { c.consents[0].disciplines = {"logopedist"}; },
       kExternal, ExternalRefusal::kOutOfScope},
      {"wrong scope: another named external", [](CareTeamCase& c) {
         c.consents[0].disciplines.clear();
         c.consents[0].externals = {kOtherExternal};
       }, kExternal, ExternalRefusal::kOutOfScope},
      {"consent of another pupil", [](CareTeamCase& c) { c.consents[0].pupil_id = kOtherPupil; }, kExternal,
       ExternalRefusal::kOtherPupil},
      {"consent of another case", [](CareTeamCase& c) { c.consents[0].case_id = 4; }, kExternal,
       ExternalRefusal::kOtherPupil},
      {"not invited", [](CareTeamCase&) {}, kOtherExternal, ExternalRefusal::kNotInvited},
      {"no account", [](CareTeamCase&) {}, 0, ExternalRefusal::kNotInvited},
      {"internal case without externals", [](CareTeamCase& c) {
         c.members.clear();
         c.consents.clear();
         c.parents_informed = ParentsInformed{kToday, "telefonisch"};
       }, kExternal, ExternalRefusal::kNotInvited},
      {"invited, no consent", [](CareTeamCase& c) { c.consents.clear(); }, kExternal, ExternalRefusal::kNoConsent},
      {"only an HGD consent", [](CareTeamCase& c) { c.consents[0].purpose = ConsentPurpose::kHgd; }, kExternal,
       ExternalRefusal::kNoConsent},
      {"withdrawn, then a new one", [](CareTeamCase& c) {
         c.consents[0].withdrawn_at = "2027-02-01T08:00:00Z";
         c.consents.push_back(consent(2));
       }, kExternal, ExternalRefusal::kNone},
      {"a new one withdrawn, an expired one", [](CareTeamCase& c) {
         c.consents[0].valid_until = {2027, 1, 31};
         c.consents.push_back(consent(2));
         c.consents[1].withdrawn_at = "2027-02-09T08:00:00Z";
       }, kExternal, ExternalRefusal::kWithdrawn},
  };
  for (const Row& row : rows) {
    CareTeamCase c = with_external();
    row.change(c);
    ExternalAccess a = external_access(c, row.viewer, kToday);
    EXPECT_EQ(a.refusal, row.expected) << row.name;
    EXPECT_EQ(a.allowed(), row.expected == ExternalRefusal::kNone) << row.name;
    if (a.allowed()) {
      EXPECT_FALSE(a.documents.empty()) << row.name;
      EXPECT_TRUE(a.reason.empty()) << row.name;
    } else {
      EXPECT_TRUE(a.documents.empty()) << row.name << ": nothing is shared when refused";
      EXPECT_FALSE(a.reason.empty()) << row.name;
    }
  }
}

TEST(CareTeamConsent, AnExternalSeesOnlyTheDocumentsTheConsentsList) {
  CareTeamCase c = with_external();
  ExternalAccess a = external_access(c, kExternal, kToday);
  EXPECT_EQ(a.documents, (std::vector<CaseDocument>{CaseDocument::kHelpQuestion, CaseDocument::kIhps}));
  EXPECT_EQ(a.consent_ids, std::vector<Id>{1});
  // A second consent in force adds its documents (in the file's order); a withdrawn one adds none.
  c.consents.push_back(consent(2));
  c.consents[1].documents = {CaseDocument::kResults, CaseDocument::kHelpQuestion};
  c.consents.push_back(consent(3));
  c.consents[2].documents = {CaseDocument::kNeeds};
  c.consents[2].withdrawn_at = "2027-02-01T10:00:00Z";
  a = external_access(c, kExternal, kToday);
  EXPECT_EQ(a.documents,
            (std::vector<CaseDocument>{CaseDocument::kHelpQuestion, CaseDocument::kIhps, CaseDocument::kResults}));
  EXPECT_EQ(a.consent_ids, (std::vector<Id>{1, 2}));
}

TEST(CareTeamConsent, ACaseGoesOnTheAgendaWithExternalsOnlyWithConsentForEachOfThem) {
  CareTeamCase c = with_external();
  EXPECT_FALSE(agenda_problem(c, kToday));
  c.members.push_back({kOtherExternal, "Sem Maatschappelijk", "schoolmaatschappelijk-werker"});
  auto problem = agenda_problem(c, kToday);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("Sem Maatschappelijk"), std::string::npos) << *problem;
  c.consents[0].disciplines.push_back("schoolmaatschappelijk-werker");
  EXPECT_FALSE(agenda_problem(c, kToday));
  c.consents[0].withdrawn_at = "2027-02-10T09:00:00Z";
  EXPECT_TRUE(agenda_problem(c, kToday));

  // Internal: no consent needed, but the parents informed.
  CareTeamCase internal;
  internal.pupil_id = kPupil;
  problem = agenda_problem(internal, kToday);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("geïnformeerd"), std::string::npos);
  internal.parents_informed = ParentsInformed{kToday, "telefonisch door de IB"};
  EXPECT_FALSE(agenda_problem(internal, kToday));
}

TEST(CareTeamConsent, AConsentNeedsWhoWhenForWhomWhatAndUntilWhen) {
  EXPECT_TRUE(consent_problems(consent()).empty());
  Consent k = consent();
  k.given_by = " ";
  k.valid_until = {2027, 1, 1};
  k.disciplines.clear();
  k.documents.clear();
  const auto problems = consent_problems(k);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0], "Gegeven door: welke ouder of verzorger gaf de toestemming?");
  EXPECT_EQ(problems[1], "Geldig tot: ligt voor de dag waarop de toestemming is gegeven.");
  EXPECT_EQ(problems[2], "Voor wie: noem de disciplines of de externen met wie de casus gedeeld mag worden.");
  EXPECT_EQ(problems[3], "Stukken: noem welke stukken gedeeld mogen worden.");
  k = consent();
  k.disciplines = {"tovenaar"};
  EXPECT_EQ(consent_problems(k), std::vector<std::string>{"Disciplines: 'tovenaar' is geen discipline van het zorgteam."});
}

// ------------------------------------------------------------------ the route so far

PupilRecord record_with_everything() {
  PupilRecord r;
  r.pupil_id = kPupil;
  RecordPlan p;
  p.period_name = "Periode 1";
  p.plan.evaluation_closed = true;
  SubjectPlan s;
  s.subject = "Rekenen-Wiskunde";
  SubgroupPlan g;
  g.approach = Approach::kIntensive;
  g.pupils = {kPupil, kOtherPupil};
  PlanGoal goal;
  goal.text = "tafels tot 10";
  goal.verdict = GoalVerdict::kReached;
  goal.pupils = {{kPupil, GoalVerdict::kNotReached, "", true}};
  g.goals = {goal, PlanGoal{}};
  s.subgroups = {g};
  p.plan.subjects = {s};
  r.plans = {p};
  Meeting m;
  m.kind = MeetingKind::kPupilDiscussion;
  m.pupil_id = kPupil;
  m.status = MeetingStatus::kReported;
  m.planned_on = Date{2026, 11, 20};
  m.outcome = PupilDiscussionOutcome::kStartIhp;
  r.meetings = {m};
  IhpSummary i;
  i.status = IhpStatus::kClosed;
  i.outcome = IhpOutcome::kExternalSteps;
  i.starts_on = {2026, 11, 23};
  i.ends_on = {2027, 1, 29};
  r.ihps = {i};
  return r;
}

TEST(CareTeamRoute, TheRouteSoFarComesFromTheRecordWithItsEvidence) {
  auto route = case_route(record_with_everything());
  ASSERT_EQ(route.size(), 3u);
  EXPECT_EQ(route[0].key, "groepsplan");
  EXPECT_TRUE(route[0].done);
  EXPECT_EQ(route[0].evidence,
            std::vector<std::string>{"Periode 1 · Rekenen-Wiskunde: intensief · 2 doelen, 0 van 1 behaald"});
  EXPECT_EQ(route[1].key, "leerlingbespreking");
  EXPECT_TRUE(route[1].done);
  ASSERT_EQ(route[1].evidence.size(), 1u);
  EXPECT_NE(route[1].evidence[0].find("Leerlingbespreking 20-11-2026: "), std::string::npos) << route[1].evidence[0];
  EXPECT_EQ(route[2].key, "ihp");
  EXPECT_TRUE(route[2].done);
  EXPECT_NE(route[2].evidence[0].find("IHP 23-11-2026 t/m 29-01-2027: afgesloten"), std::string::npos);
  EXPECT_TRUE(missing_steps(route).empty());
}

TEST(CareTeamRoute, AStepNotTakenOrNotEvaluatedIsMissing) {
  PupilRecord r = record_with_everything();
  r.plans[0].plan.evaluation_closed = false;
  r.meetings[0].status = MeetingStatus::kPlanned;
  r.ihps[0].status = IhpStatus::kRunning;
  r.ihps[0].outcome.reset();
  auto route = case_route(r);
  EXPECT_EQ(missing_steps(route), (std::vector<std::string>{"Groepsplan (subgroep) met evaluatie", "Leerlingbespreking",
                                                            "IHP met evaluatie"}));
  // The evidence still shows what there is.
  EXPECT_NE(route[0].evidence[0].find("(nog niet geëvalueerd)"), std::string::npos);
  EXPECT_NE(route[1].evidence[0].find("(nog niet gehouden)"), std::string::npos);
  EXPECT_NE(route[2].evidence[0].find("loopt"), std::string::npos) << route[2].evidence[0];
  // Another pupil's discussion or a plan without the pupil gives nothing.
  PupilRecord other = record_with_everything();
  other.meetings[0].pupil_id = kOtherPupil;
  other.plans[0].plan.subjects[0].subgroups[0].pupils = {kOtherPupil};
  other.ihps.clear();
  route = case_route(other);
  for (const auto& s : route) {
    EXPECT_FALSE(s.done) << s.key;
    EXPECT_TRUE(s.evidence.empty()) << s.key;
  }
}

TEST(CareTeamRoute, GoingOnWithAMissingStepNeedsTheReason) {
  PupilRecord r = record_with_everything();
  r.ihps.clear();  // no IHP yet
  const auto route = case_route(r);
  CareTeamCase c = with_external();
  auto refused = move_case(c, CaseStatus::kConsent, route, kToday);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("IHP met evaluatie"), std::string::npos) << *refused;
  EXPECT_NE(refused->find("handelingsverlegenheid"), std::string::npos) << *refused;
  EXPECT_EQ(c.status, CaseStatus::kRegistered) << "nothing changed";
  c.missing_step_reason = "De ouders zien thuis ernstige faalangst; een IHP alleen is niet genoeg.";
  EXPECT_FALSE(move_case(c, CaseStatus::kConsent, route, kToday));
  EXPECT_EQ(c.status, CaseStatus::kConsent);
  // Once past aangemeld, removing the reason is a problem of the case.
  c.missing_step_reason.clear();
  ASSERT_EQ(case_problems(c, route).size(), 1u);
  EXPECT_NE(case_problems(c, route)[0].find("Handelingsverlegenheid"), std::string::npos);
  EXPECT_TRUE(case_problems(c, case_route(record_with_everything())).empty()) << "no step missing: no reason needed";
}

// ------------------------------------------------------------------ lifecycle

TEST(CareTeamLifecycle, EachStatusGoesOnlyWhereTheRouteAllows) {
  using S = CaseStatus;
  const std::vector<std::pair<S, std::vector<S>>> table = {
      {S::kRegistered, {S::kConsent}},
      {S::kConsent, {S::kScheduled}},
      {S::kScheduled, {S::kDiscussed}},
      {S::kDiscussed, {S::kAdvice, S::kScheduled, S::kReferred}},
      {S::kAdvice, {S::kFollowUp, S::kScheduled, S::kReferred, S::kClosed}},
      {S::kFollowUp, {S::kClosed, S::kScheduled, S::kReferred}},
      {S::kClosed, {}},
      {S::kReferred, {}},
  };
  const auto route = case_route(record_with_everything());
  for (const auto& [from, allowed] : table) {
    EXPECT_EQ(next_statuses(from), allowed) << case_status_key(from);
    for (const auto& [to, unused] : table) {
      CareTeamCase c = with_external();
      c.status = from;
      c.advice = "Oefen dagelijks tien minuten de tafels, met een maatje.";
      c.follow_up_until = Date{2027, 6, 1};
      c.outcome_note = "Het effect houdt stand.";
      const bool ok = std::find(allowed.begin(), allowed.end(), to) != allowed.end();
      auto error = move_case(c, to, route, kToday);
      EXPECT_EQ(!error, ok) << case_status_key(from) << " → " << case_status_key(to) << ": " << error.value_or("");
      EXPECT_EQ(c.status, ok ? to : from);
    }
  }
}

TEST(CareTeamLifecycle, EachStepHasItsCondition) {
  const auto route = case_route(record_with_everything());
  CareTeamCase c = with_external();
  c.help_question.clear();
  EXPECT_EQ(move_case(c, CaseStatus::kConsent, route, kToday), "Schrijf eerst de hulpvraag (samen met de ouders).");
  c.help_question = "Hoe leert Tim de tafels?";
  c.consents[0].withdrawn_at = "2027-02-01T10:00:00Z";
  EXPECT_TRUE(move_case(c, CaseStatus::kConsent, route, kToday)) << "no consent in force, parents not informed";
  c.parents_informed = ParentsInformed{kToday, "brief"};
  EXPECT_FALSE(move_case(c, CaseStatus::kConsent, route, kToday)) << "informed parents let the case go on internally";
  auto agenda = move_case(c, CaseStatus::kScheduled, route, kToday);
  ASSERT_TRUE(agenda) << "an external is still invited: no agenda without their consent";
  EXPECT_NE(agenda->find("Zonder geldige toestemming"), std::string::npos);
  c.members.clear();
  EXPECT_FALSE(move_case(c, CaseStatus::kScheduled, route, kToday)) << "internal, parents informed";
  EXPECT_FALSE(move_case(c, CaseStatus::kDiscussed, route, kToday));
  EXPECT_EQ(move_case(c, CaseStatus::kAdvice, route, kToday), "Schrijf eerst het gezamenlijke advies.");
  c.advice = "Tafels oefenen";
  EXPECT_FALSE(move_case(c, CaseStatus::kAdvice, route, kToday));
  c.follow_up_until = kToday;
  EXPECT_TRUE(move_case(c, CaseStatus::kFollowUp, route, kToday)) << "today is no follow-up";
  c.follow_up_until = add_days(kToday, 60);
  EXPECT_FALSE(move_case(c, CaseStatus::kFollowUp, route, kToday));
  EXPECT_EQ(move_case(c, CaseStatus::kClosed, route, kToday), "Schrijf bij het afsluiten wat het effect is.");
  c.outcome_note = "Tim rekent weer mee in de basisgroep.";
  EXPECT_FALSE(move_case(c, CaseStatus::kClosed, route, kToday));
  EXPECT_EQ(move_case(c, CaseStatus::kScheduled, route, kToday),
            "De casus is afgesloten; hij verandert niet meer van status.");
}

TEST(CareTeamCase, KeysAndLabelsRoundTrip) {
  for (auto s : {CaseStatus::kRegistered, CaseStatus::kConsent, CaseStatus::kScheduled, CaseStatus::kDiscussed,
                 CaseStatus::kAdvice, CaseStatus::kFollowUp, CaseStatus::kClosed, CaseStatus::kReferred})
    EXPECT_EQ(parse_case_status(case_status_key(s)), s);
  for (auto d : all_case_documents()) EXPECT_EQ(parse_case_document(case_document_key(d)), d);
  for (auto o : {CaseOrigin::kGroupDiscussion, CaseOrigin::kPupilDiscussion, CaseOrigin::kIhpEvaluation, CaseOrigin::kDirect})
    EXPECT_EQ(parse_case_origin(case_origin_key(o)), o);
  for (auto k : all_case_outcomes()) EXPECT_EQ(parse_case_outcome(case_outcome_key(k)), k);
  EXPECT_EQ(all_case_outcomes().size(), 8u);
  EXPECT_FALSE(parse_case_status("open"));
  EXPECT_FALSE(parse_consent_purpose(""));
}

// ------------------------------------------------------------------ outcomes

Consent zat_consent(Id id, const Date& until) {
  Consent k = consent(id);
  k.purpose = ConsentPurpose::kZatHandover;
  k.disciplines.clear();
  k.documents.clear();
  k.valid_until = until;
  return k;
}

TEST(CareTeamOutcome, OutcomesAreRecordedAfterTheDiscussionOnceEachAndAndersInWords) {
  CareTeamCase c = with_external();
  c.status = CaseStatus::kScheduled;
  c.outcomes = {{CaseOutcomeKind::kDyslexiaTreatment, ""}};
  EXPECT_EQ(outcome_problems(c, {}, kToday),
            std::vector<std::string>{"Uitkomsten: leg ze vast nadat het zorgteam de casus heeft besproken."});
  c.status = CaseStatus::kDiscussed;
  EXPECT_TRUE(outcome_problems(c, {}, kToday).empty());
  c.outcomes.push_back({CaseOutcomeKind::kDyslexiaTreatment, "bij de zorgaanbieder"});
  EXPECT_EQ(outcome_problems(c, {}, kToday),
            std::vector<std::string>{"Uitkomsten: 'lichter arrangement: dyslexiebehandeling' staat er twee keer."});
  c.outcomes = {{CaseOutcomeKind::kOther, "  "}, {CaseOutcomeKind::kHgd, ""}, {CaseOutcomeKind::kFollowUp, ""}};
  EXPECT_EQ(outcome_problems(c, {}, kToday), std::vector<std::string>{"Uitkomsten, anders: schrijf welk arrangement."});
  c.outcomes[0].text = "RT bij de logopedist";
  EXPECT_TRUE(outcome_problems(c, {}, kToday).empty());
  // Back on the agenda: what was stored stays, nothing new until it is discussed again.
  c.status = CaseStatus::kScheduled;
  const auto stored = c.outcomes;
  EXPECT_TRUE(outcome_problems(c, stored, kToday).empty());
  c.outcomes.push_back({CaseOutcomeKind::kSovaTraining, ""});
  EXPECT_EQ(outcome_problems(c, stored, kToday).size(), 1u);
}

TEST(CareTeamOutcome, AHandOverToTheZatNeedsItsOwnConsentInForce) {
  struct ZatRow {
    const char* name;
    std::vector<Consent> consents;
    bool refused;
  };
  Consent withdrawn = zat_consent(2, {2027, 7, 31});
  withdrawn.withdrawn_at = "2027-02-01T10:00:00Z";
  Consent other_pupil = zat_consent(2, {2027, 7, 31});
  other_pupil.pupil_id = kOtherPupil;
  const ZatRow rows[] = {
      {"only the care-team consent", {consent()}, true},
      {"a ZAT consent in force", {consent(), zat_consent(2, {2027, 7, 31})}, false},
      {"a ZAT consent that ended yesterday", {consent(), zat_consent(2, add_days(kToday, -1))}, true},
      {"a withdrawn ZAT consent", {consent(), withdrawn}, true},
      {"a ZAT consent for another pupil", {consent(), other_pupil}, true},
  };
  for (const auto& row : rows) {
    CareTeamCase c = with_external();
    c.status = CaseStatus::kAdvice;
    c.consents = row.consents;
    c.outcomes = {{CaseOutcomeKind::kZatHandover, ""}};
    const auto problems = outcome_problems(c, {}, kToday);
    EXPECT_EQ(!problems.empty(), row.refused) << row.name;
    if (row.refused) {
      EXPECT_NE(problems.front().find("eigen toestemming"), std::string::npos) << row.name;
    }
    // Stored before (while its consent was in force): it stays when the consent ends.
    EXPECT_TRUE(outcome_problems(c, c.outcomes, kToday).empty()) << row.name;
  }
}

// ------------------------------------------------------------------ the IB's reminders

TEST(CareTeamReminders, FollowUpDatesPassedOrWithinTwoWeeksAreDue) {
  struct FollowRow {
    const char* name;
    CaseStatus status;
    int days;  // follow-up date relative to today
    bool due, overdue;
  };
  const FollowRow rows[] = {
      {"passed", CaseStatus::kFollowUp, -3, true, true},
      {"today", CaseStatus::kFollowUp, 0, true, false},
      {"in 14 days", CaseStatus::kFollowUp, 14, true, false},
      {"in 15 days", CaseStatus::kFollowUp, 15, false, false},
      {"passed but closed", CaseStatus::kClosed, -3, false, false},
      {"passed but back on the agenda", CaseStatus::kScheduled, -3, false, false},
  };
  for (const auto& row : rows) {
    CareTeamCase c = with_external();
    c.consents.clear();
    c.status = row.status;
    c.follow_up_until = add_days(kToday, row.days);
    const auto r = case_reminders({c}, kToday);
    ASSERT_EQ(r.size(), row.due ? 1u : 0u) << row.name;
    if (!row.due) continue;
    EXPECT_EQ(r[0].kind, ReminderKind::kFollowUp);
    EXPECT_EQ(r[0].case_id, c.id);
    EXPECT_EQ(r[0].on, *c.follow_up_until);
    EXPECT_EQ(r[0].overdue, row.overdue) << row.name;
  }
}

TEST(CareTeamReminders, ConsentsEndingWithinThirtyDaysUnlessRenewedAndRecentWithdrawals) {
  CareTeamCase c = with_external();
  c.status = CaseStatus::kScheduled;
  c.consents[0].valid_until = add_days(kToday, 30);
  auto r = case_reminders({c}, kToday);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, ReminderKind::kConsentEnding);
  EXPECT_EQ(r[0].consent_id, 1);
  EXPECT_EQ(r[0].on, add_days(kToday, 30));
  c.consents[0].valid_until = add_days(kToday, 31);
  EXPECT_TRUE(case_reminders({c}, kToday).empty()) << "31 days is not yet";
  c.consents[0].valid_until = add_days(kToday, -1);
  EXPECT_TRUE(case_reminders({c}, kToday).empty()) << "already ended: the case page says so, no reminder";
  c.consents[0].valid_until = add_days(kToday, 10);
  Consent renewed = consent(2);
  renewed.valid_until = add_days(kToday, 200);
  c.consents.push_back(renewed);
  EXPECT_TRUE(case_reminders({c}, kToday).empty()) << "a newer consent runs longer";
  c.consents.pop_back();
  c.status = CaseStatus::kClosed;
  EXPECT_TRUE(case_reminders({c}, kToday).empty()) << "a closed case needs no renewal";

  c.status = CaseStatus::kScheduled;
  c.consents[0].valid_until = {2027, 7, 31};
  c.consents[0].withdrawn_at = "2027-02-01T10:00:00Z";  // 9 days ago
  r = case_reminders({c}, kToday);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, ReminderKind::kConsentWithdrawn);
  EXPECT_EQ(r[0].on, (Date{2027, 2, 1}));
  c.consents[0].withdrawn_at = "2027-01-26T10:00:00Z";  // 15 days ago
  EXPECT_TRUE(case_reminders({c}, kToday).empty()) << "after two weeks the notice goes";
}

TEST(CareTeamReminders, FollowUpsComeFirstThenEndingThenWithdrawnEachOldestFirst) {
  CareTeamCase a = with_external(), b = with_external();
  b.id = 4;
  a.status = b.status = CaseStatus::kFollowUp;
  a.follow_up_until = add_days(kToday, 5);
  b.follow_up_until = add_days(kToday, -5);
  a.consents[0].valid_until = add_days(kToday, 20);
  b.consents[0].id = 9;
  b.consents[0].withdrawn_at = "2027-02-09T08:00:00Z";
  const auto r = case_reminders({a, b}, kToday);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].case_id, 4);
  EXPECT_EQ(r[1].case_id, 3);
  EXPECT_EQ(r[2].kind, ReminderKind::kConsentEnding);
  EXPECT_EQ(r[3].kind, ReminderKind::kConsentWithdrawn);
  EXPECT_EQ(r[3].consent_id, 9);
}

// ------------------------------------------------------------------ who may read and write a case

Principal make(Role role, Id account = 42, Id school = kSchool) {
  Principal p;
  p.account_id = account;
  p.role = role;
  p.board_id = kBoard;
  p.school_id = role == Role::kBoardAdmin ? 0 : school;
  return p;
}

TEST(CareTeamAccess, EachRoleReadsAndWritesCasesAsThePolicySays) {
  const PupilScope scope{kPupil, kSchool, kBoard, {100}};
  const CareTeamCase c = with_external();
  Principal teacher = make(Role::kTeacher), other_teacher = make(Role::kTeacher);
  teacher.group_ids = {100};
  other_teacher.group_ids = {101};
  Principal parent = make(Role::kParent), other_parent = make(Role::kParent);
  parent.child_ids = {kPupil};
  other_parent.child_ids = {kOtherPupil};
  const Principal ib = make(Role::kSupportCoordinator), head = make(Role::kHead);
  Principal external = make(Role::kCareTeamMember, kExternal, 0);  // board-wide, several schools
  Principal uninvited = make(Role::kCareTeamMember, kOtherExternal);
  Principal other_board = make(Role::kCareTeamMember, kExternal);
  other_board.board_id = 2;

  struct Expect {
    const char* who;
    const Principal* p;
    bool view, write, consent;
  };
  const Principal other_ib = make(Role::kSupportCoordinator, 42, 11), admin = make(Role::kBoardAdmin);
  const Expect table[] = {
      {"ib", &ib, true, true, true},
      {"head", &head, true, false, false},
      {"teacher of the pupil", &teacher, true, false, false},
      {"other teacher", &other_teacher, false, false, false},
      {"parent", &parent, true, false, true},
      {"other parent", &other_parent, false, false, false},
      {"invited external with consent", &external, true, false, false},
      {"uninvited external", &uninvited, false, false, false},
      {"external of another board", &other_board, false, false, false},
      {"ib of another school", &other_ib, false, false, false},
      {"board administrator", &admin, false, false, false},
  };
  for (const Expect& e : table) {
    EXPECT_EQ(may_view_case(*e.p, c, scope, kToday), e.view) << e.who;
    EXPECT_EQ(may_write_case(*e.p, scope), e.write) << e.who;
    EXPECT_EQ(may_record_consent(*e.p, scope), e.consent) << e.who;
    EXPECT_EQ(may_withdraw_consent(*e.p, scope), e.consent) << e.who;
    if (e.p->role == Role::kCareTeamMember) {
      EXPECT_FALSE(may_view_pupil(*e.p, scope)) << e.who << ": never the pupil's own pages";
    }
  }
  // The moment the consent is withdrawn the external reads nothing; the staff still do.
  CareTeamCase withdrawn = c;
  withdrawn.consents[0].withdrawn_at = "2027-02-10T09:00:00Z";
  EXPECT_FALSE(may_view_case(external, withdrawn, scope, kToday));
  EXPECT_TRUE(may_view_case(ib, withdrawn, scope, kToday));
  // A case shown with another pupil's scope is refused outright.
  EXPECT_FALSE(may_view_case(ib, c, PupilScope{kOtherPupil, kSchool, kBoard, {100}}, kToday));
}

}  // namespace
}  // namespace koers::domain
