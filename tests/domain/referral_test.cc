// Referral procedures as data and what counts as complete: the three defaults are valid and
// require what the seeds and Passend Onderwijs say; a part short of its count, a consent not
// recorded, the parents' copy not yet available each refuse sending, in that order; the OKR
// counts what the record holds (an unevaluated IHP is shown, not counted); access by role.
#include "domain/referral.h"

#include <gtest/gtest.h>

#include "builders.h"
#include "domain/okr.h"

namespace koers::domain {
namespace {

const ReferralProcedure& procedure(const std::string& key) {
  static const auto all = default_referral_procedures();
  const ReferralProcedure* p = find_procedure(all, key);
  EXPECT_NE(p, nullptr) << key;
  return *p;
}

int required(const ReferralProcedure& p, ReferralPart part) {
  for (const auto& r : p.required)
    if (r.part == part) return r.at_least;
  return 0;
}

PartCounts all_present(const ReferralProcedure& p) {
  PartCounts out;
  for (const auto& r : p.required) out[r.part] = r.at_least;
  return out;
}

Referral ready(const std::string& key) {
  Referral r;
  r.id = 1;
  r.pupil_id = 7;
  r.school_id = 2;
  r.procedure = procedure(key);
  if (r.procedure.needs_cluster) r.cluster = 4;
  r.parents_copy_at = "2027-03-01T10:00:00Z";
  for (const auto& c : r.procedure.consents)
    if (c.before_sending) r.consents.push_back({c.key, "moeder", Date{2027, 3, 2}, "ib", ""});
  return r;
}

TEST(ReferralProcedures, TheThreeDefaultsAreValidAndRequireWhatTheSourcesSay) {
  const auto all = default_referral_procedures();
  EXPECT_TRUE(procedure_problems(all).empty());
  ASSERT_EQ(all.size(), 3u);
  // PCL: OKR with plans, pupil discussions, care-team reports, handelingsverlegenheid; no HGD required.
  EXPECT_EQ(required(procedure("pcl-sbo"), ReferralPart::kIhps), 1);
  EXPECT_EQ(required(procedure("pcl-sbo"), ReferralPart::kCareTeamReports), 1);
  EXPECT_EQ(required(procedure("pcl-sbo"), ReferralPart::kHgdReports), 0);
  EXPECT_FALSE(procedure("pcl-sbo").needs_cluster);
  // CVI: HGD usually needed, a cluster, SO or rugzak.
  EXPECT_EQ(required(procedure("cvi-so"), ReferralPart::kHgdReports), 1);
  EXPECT_TRUE(procedure("cvi-so").needs_cluster);
  EXPECT_EQ(procedure("cvi-so").placements, (std::vector<std::string>{"SO", "rugzak"}));
  // TLV: two expert advices and the parents' view.
  EXPECT_EQ(required(procedure("tlv"), ReferralPart::kExpertAdvices), 2);
  EXPECT_EQ(required(procedure("tlv"), ReferralPart::kParentsView), 1);
  // PCL placement consent comes after the decision, registration before sending.
  const auto& consents = procedure("pcl-sbo").consents;
  ASSERT_EQ(consents.size(), 2u);
  EXPECT_TRUE(consents[0].before_sending);
  EXPECT_FALSE(consents[1].before_sending);
}

TEST(ReferralProcedures, ProblemsNameTheProcedureAndField) {
  auto all = default_referral_procedures();
  all[1].key = all[0].key;
  all[2].name = "";
  all[0].required.push_back({ReferralPart::kNeeds, 1});
  all[0].steps.clear();
  auto problems = procedure_problems(all);
  auto has = [&](const std::string& part) {
    for (const auto& p : problems)
      if (p.find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("de sleutel 'pcl-sbo' wordt al gebruikt")) << problems.size();
  EXPECT_TRUE(has("Procedure 3: de naam ontbreekt"));
  EXPECT_TRUE(has("'Onderwijsbehoeften' staat twee keer"));
  EXPECT_TRUE(has("Aanmelding bij de PCL voor het SBO': er moet minstens één stap zijn"));
  EXPECT_FALSE(procedure_problems({}).empty());
  auto bad = default_referral_procedures();
  bad[0].key = "PCL SBO";
  bad[2].required[0].at_least = 0;
  EXPECT_EQ(procedure_problems(bad).size(), 2u);
}

TEST(ReferralCompleteness, EveryRequiredPartAtItsCountIsComplete) {
  const auto& tlv = procedure("tlv");
  PartCounts present = all_present(tlv);
  EXPECT_TRUE(missing_parts(tlv, present).empty());
  present[ReferralPart::kExpertAdvices] = 1;  // one advice short
  EXPECT_EQ(missing_parts(tlv, present), (std::vector<std::string>{"Deskundigenadviezen: 1 van de 2"}));
  present.erase(ReferralPart::kOpp);
  auto missing = missing_parts(tlv, present);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], "Ontwikkelingsperspectief (OPP) ontbreekt");  // the procedure's order
  // A part the procedure does not require never counts as missing.
  PartCounts pcl = all_present(procedure("pcl-sbo"));
  EXPECT_TRUE(missing_parts(procedure("pcl-sbo"), pcl).empty());
}

TEST(ReferralSending, RefusedUntilParentsCopyThenConsentThenParts) {
  Referral r = ready("pcl-sbo");
  const PartCounts complete = all_present(r.procedure);
  EXPECT_EQ(send_refusal(r, complete), std::nullopt);

  Referral no_copy = r;
  no_copy.parents_copy_at.clear();
  auto refused = send_refusal(no_copy, complete);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("de ouders moeten eerst hun kopie kunnen inzien"), std::string::npos);

  Referral no_consent = r;
  no_consent.consents.clear();
  refused = send_refusal(no_consent, complete);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("toestemming voor aanmelding en bespreking in de PCL"), std::string::npos) << *refused;
  // The placement consent is not needed before sending.
  EXPECT_EQ(missing_consents(r), std::vector<std::string>{});

  PartCounts short_of = complete;
  short_of[ReferralPart::kCareTeamReports] = 0;
  refused = send_refusal(r, short_of);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("Verslagen van het zorgteam ontbreekt"), std::string::npos) << *refused;

  Referral sent = r;
  sent.sent_at = "2027-03-05T09:00:00Z";
  sent.sent_to = "PCL";
  EXPECT_TRUE(send_refusal(sent, complete));
  EXPECT_TRUE(parents_response_refusal(sent));
  EXPECT_TRUE(parents_copy_refusal(sent));
}

TEST(ReferralSending, ParentsRespondOnlyWhileTheCopyIsOutAndNotSent) {
  Referral r = ready("tlv");
  EXPECT_EQ(parents_response_refusal(r), std::nullopt);
  r.parents_copy_at.clear();
  EXPECT_TRUE(parents_response_refusal(r));
}

TEST(ReferralProblems, ClusterConsentAdviceAndDisagreementNameTheField) {
  Referral r = ready("cvi-so");
  EXPECT_TRUE(referral_problems(r).empty());
  r.cluster = 5;
  r.consents.push_back({"onbekend", "", Date{}, "", ""});
  r.expert_advices.push_back({"", "orthopedagoog", Date{2027, 1, 1}, "past op SO"});
  r.parents.agrees = false;
  auto problems = referral_problems(r);
  ASSERT_EQ(problems.size(), 6u);
  EXPECT_EQ(problems[0], "Cluster: kies cluster 1, 2, 3 of 4.");
  EXPECT_EQ(problems.back(), "Ouders: schrijf waarom de ouders het niet eens zijn.");
  Referral pcl = ready("pcl-sbo");
  pcl.cluster = 2;
  EXPECT_EQ(referral_problems(pcl).size(), 1u);
}

TEST(ReferralDecision, OnlyAfterSendingAndPositiveNamesThePlacement) {
  Referral r = ready("pcl-sbo");
  ReferralDecision d{true, Date{2027, 4, 1}, "", ""};
  EXPECT_TRUE(decision_refusal(r, d));
  r.sent_at = "2027-03-05T09:00:00Z";
  EXPECT_TRUE(decision_refusal(r, d));
  d.placement = "SBO De Wissel";
  EXPECT_EQ(decision_refusal(r, d), std::nullopt);
  EXPECT_EQ(decision_refusal(r, ReferralDecision{false, Date{2027, 4, 1}, "", "geen TLV"}), std::nullopt);
}

TEST(ReferralAccess, IbWritesHeadAndTeacherReadParentAfterTheCopy) {
  PupilScope pupil{7, 2, 1, {30}};
  Referral r = ready("pcl-sbo");
  r.parents_copy_at.clear();
  Principal ib{1, "ib", "IB", Role::kSupportCoordinator, 1, 2, {}, {}, {}, {}, {}};
  Principal head{2, "d", "D", Role::kHead, 1, 2, {}, {}, {}, {}, {}};
  Principal teacher{3, "l", "L", Role::kTeacher, 1, 2, {30}, {}, {}, {}, {}};
  Principal other_teacher{4, "l2", "L2", Role::kTeacher, 1, 2, {31}, {}, {}, {}, {}};
  Principal parent{5, "o", "O", Role::kParent, 1, 0, {}, {7}, {}, {}, {}};
  Principal other_ib{6, "ib2", "IB2", Role::kSupportCoordinator, 1, 3, {}, {}, {}, {}, {}};
  Principal care{7, "z", "Z", Role::kCareTeamMember, 1, 0, {}, {}, {}, {}, {}};
  Principal admin{8, "b", "B", Role::kBoardAdmin, 1, 0, {}, {}, {}, {}, {}};
  EXPECT_EQ(referral_actor(ib, pupil, r), ReferralActor::kCoordinator);
  EXPECT_EQ(referral_actor(head, pupil, r), ReferralActor::kReader);
  EXPECT_EQ(referral_actor(teacher, pupil, r), ReferralActor::kReader);
  EXPECT_EQ(referral_actor(other_teacher, pupil, r), ReferralActor::kNone);
  EXPECT_EQ(referral_actor(parent, pupil, r), ReferralActor::kNone) << "not before the copy is available";
  r.parents_copy_at = "2027-03-01T10:00:00Z";
  EXPECT_EQ(referral_actor(parent, pupil, r), ReferralActor::kParent);
  EXPECT_EQ(referral_actor(other_ib, pupil, r), ReferralActor::kNone);
  EXPECT_EQ(referral_actor(care, pupil, r), ReferralActor::kNone);
  EXPECT_EQ(referral_actor(admin, pupil, r), ReferralActor::kNone);
  EXPECT_TRUE(may_start_referral(ib, pupil));
  EXPECT_FALSE(may_start_referral(head, pupil));
  EXPECT_FALSE(may_start_referral(teacher, pupil));
  EXPECT_TRUE(may_edit_procedures(admin, 1));
  EXPECT_FALSE(may_edit_procedures(admin, 9));
  EXPECT_FALSE(may_edit_procedures(ib, 1));
  EXPECT_TRUE(may_read_procedures(ib, 1));
  EXPECT_TRUE(may_read_procedures(head, 1));
  EXPECT_FALSE(may_read_procedures(teacher, 1));
  EXPECT_FALSE(may_read_procedures(parent, 1));
}

TEST(Okr, CountsWhatTheRecordHoldsAndListsWhatIsMissing) {
  PupilRecord record;
  record.pupil_id = 7;
  record.name = "Roos";
  OverviewEntry need;
  need.kind = EntryKind::kGeneralNeed;
  need.topic = "instructie";
  need.text = "verlengde instructie";
  need.source = InformationSource::kObservation;
  record.line.entries.push_back(need);
  Ihp running;
  running.status = IhpStatus::kRunning;
  running.starts_on = Date{2027, 1, 10};
  running.ends_on = Date{2027, 3, 10};
  record.ihp_plans.push_back(running);
  StandardisedResult dmt;
  dmt.subject = "Technisch lezen";
  dmt.moment = TestMoment{4, 'M'};
  dmt.level = Level{LevelScale::kRoman, 5, true};
  dmt.dle = 8;
  record.results.push_back(dmt);
  Referral r = ready("pcl-sbo");
  r.handelingsverlegenheid = "De school kan de gevraagde begeleiding niet bieden.";
  r.parents.view = "Wij willen dat zij de juiste plek krijgt.";
  r.parents.agrees = true;
  CareTeamCase c;
  c.pupil_id = 7;
  c.help_question = "Wat helpt?";
  c.advice = "Aanmelden bij de PCL.";
  record.cases.push_back(c);
  Okr okr = assemble_okr(record, r, {"De Regenboog"});
  auto counts = okr.counts();
  EXPECT_EQ(counts[ReferralPart::kNeeds], 1);
  EXPECT_EQ(counts[ReferralPart::kIhps], 0) << "a running IHP is shown, not counted";
  EXPECT_EQ(counts[ReferralPart::kTestResults], 1);
  EXPECT_EQ(counts[ReferralPart::kCareTeamReports], 1);
  EXPECT_EQ(counts[ReferralPart::kHandelingsverlegenheid], 1);
  EXPECT_EQ(counts[ReferralPart::kParentsView], 1);
  EXPECT_EQ(okr.parents_agreement, "De ouders zijn het eens met de verwijzing.");
  ASSERT_EQ(okr.sections.size(), all_referral_parts().size());
  const auto& results = okr.sections[4];
  EXPECT_EQ(results.part, ReferralPart::kTestResults);
  EXPECT_EQ(results.lines.at(0), "Technisch lezen M4, niveau V-, DLE 8");
  EXPECT_EQ(okr.missing, (std::vector<std::string>{"Groepsplannen (subgroep) met evaluatie ontbreekt",
                                                   "Individuele handelingsplannen met evaluatie ontbreekt",
                                                   "Verslagen van leerlingbesprekingen ontbreekt"}));
  record.ihp_plans[0].status = IhpStatus::kEvaluated;
  EXPECT_EQ(assemble_okr(record, r, {"De Regenboog"}).missing.size(), 2u);
  r.consents.clear();
  EXPECT_EQ(assemble_okr(record, r, {"De Regenboog"}).missing.back(),
            "Toestemming van de ouders: toestemming voor aanmelding en bespreking in de PCL");
}

// The help of earlier school years counts: an evaluated plan of last year's group that placed
// the pupil in a subgroup completes the groepsplannen part, listed before this year's (not yet
// evaluated) plan and named with its year.
TEST(Okr, EarlierYearsEvaluatedPlansCountAndComeFirst) {
  PupilRecord record;
  record.pupil_id = 7;
  GroupPlan last_year;
  last_year.subjects.push_back(koers::domain::testing::subject_plan("Rekenen-Wiskunde"));
  last_year.subjects[0].subgroups[0].pupils = {7};
  PlanGoal goal;
  goal.text = "70 % goed op de methodetoets";
  goal.pupils = {{7, GoalVerdict::kNotReached, "45 %", true}};
  last_year.subjects[0].subgroups[0].goals = {goal};
  GroupPlan this_year = last_year;
  last_year.evaluation_closed = true;
  record.plans.push_back({this_year, "Periode 1", Date{2026, 8, 1}, Date{2026, 11, 30}});
  Referral r = ready("pcl-sbo");
  const auto plans_of = [&](const Okr& okr) {
    for (const auto& s : okr.sections)
      if (s.part == ReferralPart::kGroupPlans) return s;
    return OkrSection{};
  };
  EXPECT_EQ(assemble_okr(record, r, {"De Regenboog"}).counts()[ReferralPart::kGroupPlans], 0)
      << "this year's plan is not yet evaluated";
  record.earlier_plans.push_back({last_year, "Periode 3 2025-2026", Date{2026, 4, 1}, Date{2026, 7, 31}});
  const Okr okr = assemble_okr(record, r, {"De Regenboog"});
  EXPECT_EQ(okr.counts()[ReferralPart::kGroupPlans], 1);
  const auto section = plans_of(okr);
  ASSERT_EQ(section.lines.size(), 2u);
  EXPECT_EQ(section.lines[0].rfind("Periode 3 2025-2026 · Rekenen-Wiskunde, subgroep intensief", 0), 0u)
      << section.lines[0];
  EXPECT_NE(section.lines[0].find("(niet behaald)"), std::string::npos) << section.lines[0];
  EXPECT_NE(section.lines[1].find("(nog niet geëvalueerd)"), std::string::npos) << section.lines[1];
}

// The HGD section reads the record's cases and requests: per case (the record's order, newest
// first) its requests with a report oldest first, as the OKR listed them when it read the case
// repository itself; a request of another pupil or without one of the record's cases is left out.
TEST(Okr, ListsTheHgdReportsOfTheRecordsCasesPerCaseOldestRequestFirst) {
  PupilRecord record;
  record.pupil_id = 7;
  CareTeamCase older, newer;
  older.id = 3;
  newer.id = 5;
  older.pupil_id = newer.pupil_id = 7;
  record.cases = {newer, older};  // newest first
  auto request = [](Id id, Id case_id, const std::string& expert) {
    HgdRequest h;
    h.id = id;
    h.case_id = case_id;
    h.pupil_id = 7;
    h.expert_name = expert;
    h.expert_discipline = "orthopedagoog";
    h.requested_on = Date{2026, 10, 1};
    h.help_question = "Wat helpt?";
    h.report_document_id = 40 + id;
    return h;
  };
  HgdRequest no_report = request(12, 5, "Geen verslag");
  no_report.report_document_id = 0;
  HgdRequest other_pupil = request(13, 5, "Andere leerling");
  other_pupil.pupil_id = 8;
  // Newest first, as the record holds them.
  record.hgd_requests = {other_pupil,          no_report,         request(11, 3, "C"), request(10, 5, "B"),
                         request(9, 0, "Los"), request(8, 5, "A")};
  const Okr okr = assemble_okr(record, ready("cvi-so"), {"De Regenboog"});
  const OkrSection& hgd = okr.sections[6];
  ASSERT_EQ(hgd.part, ReferralPart::kHgdReports);
  ASSERT_EQ(hgd.lines.size(), 3u);
  EXPECT_EQ(hgd.counted, 3);
  EXPECT_EQ(hgd.lines[0].rfind("HGD door A (orthopedagoog), aangevraagd 01-10-2026: Wat helpt?", 0), 0u)
      << hgd.lines[0];
  EXPECT_EQ(hgd.lines[1].rfind("HGD door B", 0), 0u);
  EXPECT_EQ(hgd.lines[2].rfind("HGD door C", 0), 0u);
}

}  // namespace
}  // namespace koers::domain
