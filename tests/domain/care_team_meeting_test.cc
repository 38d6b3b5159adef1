// The care-team meeting: which cases may go on the agenda (consent for every external, past
// aangemeld, not twice, not after the report), taking one off again, the invitation per case,
// how recording the discussion and the advice moves the case, what an external sees of an
// agenda (only their own consented case), and when the report may be finalised.
#include "domain/care_team_meeting.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

constexpr Id kPupil = 7, kSchool = 10, kExternal = 500, kOtherExternal = 501, kMeeting = 40;
const Date kToday{2027, 2, 10};

Consent consent() {
  Consent k;
  k.id = 1;
  k.case_id = 3;
  k.pupil_id = kPupil;
  k.purpose = ConsentPurpose::kCareTeam;
  k.given_by = "moeder";
  k.given_on = {2027, 1, 15};
  k.valid_until = {2027, 7, 31};
  k.disciplines = {"orthopedagoog"};
  k.documents = {CaseDocument::kHelpQuestion};
  return k;
}

CareTeamCase consented_case() {
  CareTeamCase c;
  c.id = 3;
  c.pupil_id = kPupil;
  c.school_id = kSchool;
  c.status = CaseStatus::kConsent;
  c.help_question = "Hoe helpen we Tim bij het automatiseren?";
  c.members = {{kExternal, "Olga Orthopedagoog", "orthopedagoog"}};
  c.consents = {consent()};
  return c;
}

Meeting care_team_meeting() {
  Meeting m = new_meeting(MeetingKind::kCareTeam, kSchool, Date{2027, 2, 17});
  m.id = kMeeting;
  return m;
}

TEST(CareTeamAgenda, AConsentedCaseGoesOnTheAgendaAndBecomesGeagendeerd) {
  CareTeamCase c = consented_case();
  EXPECT_EQ(put_on_agenda(c, care_team_meeting(), {}, kToday), std::nullopt);
  EXPECT_EQ(c.status, CaseStatus::kScheduled);
  EXPECT_EQ(c.meeting_id, kMeeting);
}

TEST(CareTeamAgenda, WhatKeepsACaseOffTheAgendaIsSaidAndChangesNothing) {
  struct Row {
    const char* name;
    void (*change)(CareTeamCase&, Meeting&);
    const char* says;
  };
  const Row rows[] = {
      {"consent withdrawn", [](CareTeamCase& c, Meeting&) { c.consents[0].withdrawn_at = "2027-02-01T10:00:00Z"; },
       "ingetrokken"},
      {"consent expired", [](CareTeamCase& c, Meeting&) { c.consents[0].valid_until = {2027, 2, 9}; }, "verlopen"},
      {"consent for another discipline", [](CareTeamCase& c, Meeting&) { c.consents[0].disciplines = {"logopedist"}; },
       "Niet op de agenda"},
      {"no consent at all", [](CareTeamCase& c, Meeting&) { c.consents.clear(); }, "Niet op de agenda"},
      {"still aangemeld", [](CareTeamCase& c, Meeting&) { c.status = CaseStatus::kRegistered; }, "nog aangemeld"},
      {"closed", [](CareTeamCase& c, Meeting&) { c.status = CaseStatus::kClosed; }, "niet meer op de agenda"},
      {"on another meeting's agenda", [](CareTeamCase& c, Meeting&) {
         c.status = CaseStatus::kScheduled;
         c.meeting_id = 99;
       }, "ander zorgteamoverleg"},
      {"already on this one", [](CareTeamCase& c, Meeting&) {
         c.status = CaseStatus::kScheduled;
         c.meeting_id = kMeeting;
       }, "al op de agenda van dit overleg"},
      {"another school's case", [](CareTeamCase& c, Meeting&) { c.school_id = 11; }, "niet van de school"},
      {"a group discussion", [](CareTeamCase&, Meeting& m) { m.kind = MeetingKind::kGroupDiscussion; },
       "geen zorgteamoverleg"},
      {"the report is final", [](CareTeamCase&, Meeting& m) { m.status = MeetingStatus::kReported; }, "vastgesteld"},
  };
  for (const Row& row : rows) {
    CareTeamCase c = consented_case();
    Meeting m = care_team_meeting();
    row.change(c, m);
    const CareTeamCase before = c;
    auto refused = put_on_agenda(c, m, {}, kToday);
    ASSERT_TRUE(refused.has_value()) << row.name;
    EXPECT_NE(refused->find(row.says), std::string::npos) << row.name << ": " << *refused;
    EXPECT_EQ(c.status, before.status) << row.name;
    EXPECT_EQ(c.meeting_id, before.meeting_id) << row.name;
  }
}

TEST(CareTeamAgenda, AnInternalCaseNeedsTheParentsInformedNotAConsent) {
  CareTeamCase c = consented_case();
  c.members.clear();
  c.consents.clear();
  EXPECT_TRUE(put_on_agenda(c, care_team_meeting(), {}, kToday).has_value()) << "parents not informed";
  c.parents_informed = ParentsInformed{{2027, 2, 1}, "telefonisch door de IB"};
  EXPECT_EQ(put_on_agenda(c, care_team_meeting(), {}, kToday), std::nullopt);
}

TEST(CareTeamAgenda, ACaseDiscussedBeforeComesBackOnTheAgenda) {
  CareTeamCase c = consented_case();
  c.status = CaseStatus::kAdvice;
  c.advice = "Eerder advies";
  EXPECT_EQ(put_on_agenda(c, care_team_meeting(), {}, kToday), std::nullopt);
  EXPECT_EQ(c.status, CaseStatus::kScheduled);
}

TEST(CareTeamAgenda, TakenOffBeforeAnythingIsRecordedTheCaseReturnsToItsStatus) {
  CareTeamCase c = consented_case();
  const Meeting m = care_team_meeting();
  ASSERT_EQ(put_on_agenda(c, m, {}, kToday), std::nullopt);
  CaseOnAgenda item;
  item.case_id = c.id;
  item.status_before = CaseStatus::kConsent;
  CaseOnAgenda discussed = item;
  discussed.discussion = "Besproken.";
  CareTeamCase kept = c;
  EXPECT_TRUE(take_off_agenda(kept, discussed, m).has_value());
  EXPECT_EQ(kept.status, CaseStatus::kScheduled);
  EXPECT_EQ(take_off_agenda(c, item, m), std::nullopt);
  EXPECT_EQ(c.status, CaseStatus::kConsent);
  EXPECT_EQ(c.meeting_id, 0);
}

TEST(CareTeamAgenda, OnlyExternalsTheConsentCoversMayBeInvited) {
  CareTeamCase c = consented_case();
  c.members.push_back({kOtherExternal, "Lot Logopedist", "logopedist"});
  CaseOnAgenda item;
  item.case_id = c.id;
  item.externals = {kExternal};
  EXPECT_TRUE(invitation_problems(item, c, kToday).empty());
  item.externals = {kExternal, kOtherExternal};
  auto problems = invitation_problems(item, c, kToday);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("Lot Logopedist"), std::string::npos) << problems[0];
  item.externals = {kExternal, 777};
  problems = invitation_problems(item, c, kToday);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("niet bij deze casus"), std::string::npos) << problems[0];
}

TEST(CareTeamAgenda, TheDiscussionMakesItBesprokenAndTheAdviceAdvies) {
  CareTeamCase c = consented_case();
  const Meeting m = care_team_meeting();
  ASSERT_EQ(put_on_agenda(c, m, {}, kToday), std::nullopt);
  CaseOnAgenda item;
  item.case_id = c.id;
  CaseOnAgenda sent;
  sent.advice = "Advies zonder bespreking";
  EXPECT_TRUE(record_discussion(c, item, sent, m, {}, kToday).has_value());
  EXPECT_EQ(c.status, CaseStatus::kScheduled);

  sent = CaseOnAgenda{};
  sent.discussion = "Tim rekent traag; het automatiseren blijft achter.";
  ASSERT_EQ(record_discussion(c, item, sent, m, {}, kToday), std::nullopt);
  EXPECT_EQ(c.status, CaseStatus::kDiscussed);
  EXPECT_EQ(item.discussion, sent.discussion);

  sent.advice = "Dagelijks tien minuten tafels met de computer; ouders oefenen thuis.";
  sent.decisions = "HGD aanvragen als dit na zes weken niet helpt.";
  ASSERT_EQ(record_discussion(c, item, sent, m, {}, kToday), std::nullopt);
  EXPECT_EQ(c.status, CaseStatus::kAdvice);
  EXPECT_EQ(c.advice, sent.advice);
  EXPECT_EQ(item.decisions, sent.decisions);

  Meeting reported = m;
  reported.status = MeetingStatus::kReported;
  sent.discussion = "Later herschreven";
  EXPECT_TRUE(record_discussion(c, item, sent, reported, {}, kToday).has_value());
  EXPECT_NE(item.discussion, "Later herschreven") << "after the report nothing changes";
}

TEST(CareTeamAgenda, AnExternalSeesOnlyTheCaseTheyAreInvitedToWithConsent) {
  CareTeamCase mine = consented_case();
  CaseOnAgenda item;
  item.case_id = mine.id;
  item.externals = {kExternal};
  EXPECT_TRUE(external_sees(item, mine, kExternal, kToday));
  EXPECT_FALSE(external_sees(item, mine, kOtherExternal, kToday)) << "not invited here";
  CaseOnAgenda not_invited = item;
  not_invited.externals.clear();
  EXPECT_FALSE(external_sees(not_invited, mine, kExternal, kToday)) << "a member of the case, but not invited to this meeting";
  CareTeamCase withdrawn = mine;
  withdrawn.consents[0].withdrawn_at = "2027-02-09T08:00:00Z";
  EXPECT_FALSE(external_sees(item, withdrawn, kExternal, kToday)) << "consent withdrawn";
  CareTeamCase expired = mine;
  expired.consents[0].valid_until = {2027, 2, 9};
  EXPECT_FALSE(external_sees(item, expired, kExternal, kToday)) << "consent expired";
  CareTeamCase other = mine;
  other.id = 4;
  EXPECT_FALSE(external_sees(item, other, kExternal, kToday)) << "the item is of another case";
}

TEST(CareTeamAgenda, TheReportWaitsForEveryCaseToBeDiscussed) {
  CaseOnAgenda a, b;
  a.pupil_name = "Tim de Vries";
  a.discussion = "Besproken.";
  b.pupil_name = "Sanne Bakker";
  EXPECT_EQ(report_gaps({a, b}), std::vector<std::string>{"Sanne Bakker: de bespreking is nog niet vastgelegd"});
  EXPECT_TRUE(report_gaps({a}).empty());
  EXPECT_TRUE(report_gaps({}).empty());
}

}  // namespace
}  // namespace koers::domain
