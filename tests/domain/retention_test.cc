// Retention dates per kind of data and leaving reason, what is due on a day, and holds: tables
// a privacy officer can check against STANDARDS "Privacy".
#include "domain/retention.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

ReferralSummary referral(const char* procedure_name, ReferralStatus status, bool sent,
                         std::optional<ReferralDecision> decision = std::nullopt) {
  ReferralSummary r;
  r.procedure_name = procedure_name;
  r.status = status;
  if (sent) r.sent_at = "2024-03-01T10:00:00";
  r.decision = std::move(decision);
  return r;
}

ReferralDecision decided(bool positive, const char* placement) { return {positive, d("2024-05-01"), placement, ""}; }

TEST(Retention, DatesPerKindAndLeavingReason) {
  struct Case {
    const char* left;
    bool special;
    RetentionPeriods periods;
    const char* care, *record;
    const char* why;
  } cases[] = {
      {"2024-07-12", false, {}, "2026-07-12", "2029-07-12", "care data 2 years, enrolment 5 years"},
      {"2024-07-12", true, {}, "2027-07-12", "2029-07-12", "referred to SBO/SO: care data 3 years"},
      {"2024-02-29", false, {}, "2026-02-28", "2029-02-28", "a leap day becomes 28 February"},
      {"2024-02-29", false, {4, 4, 8}, "2028-02-29", "2032-02-29", "…unless the year has a leap day"},
      {"2023-12-31", false, {1, 2, 7}, "2024-12-31", "2030-12-31", "the board's own periods"},
      {"2023-12-31", true, {1, 2, 7}, "2025-12-31", "2030-12-31", "the board's own special-education period"},
  };
  for (const auto& c : cases) {
    RetentionDates r = retention_dates(d(c.left), c.special, c.periods);
    EXPECT_EQ(r.care_due_on.iso(), c.care) << c.why;
    EXPECT_EQ(r.record_due_on.iso(), c.record) << c.why;
  }
}

TEST(Retention, ReferredToSpecialEducationByDestinationOrASentReferral) {
  using S = ReferralStatus;
  using D = LeavingDestination;
  struct Case {
    D destination;
    std::vector<ReferralSummary> referrals;
    bool special;
    const char* why;
  } cases[] = {
      {D::kUnknown, {}, false, "nothing known: the regular period"},
      {D::kRegular, {}, false, "to another primary school"},
      {D::kSpecialPrimary, {}, true, "the IB recorded SBO"},
      {D::kSpecial, {}, true, "the IB recorded SO"},
      {D::kUnknown, {referral("Aanmelding bij de PCL voor het SBO", S::kSent, true)}, true,
       "a PCL referral to the SBO sent, awaiting the decision"},
      {D::kUnknown, {referral("Aanmelding bij de PCL voor het SBO", S::kDraft, false)}, false,
       "a referral never sent is no referral"},
      {D::kUnknown, {referral("Aanmelding bij de PCL voor het SBO", S::kWithdrawn, true)}, false, "withdrawn"},
      {D::kUnknown, {referral("Aanvraag bij de CVI", S::kDecided, true, decided(true, "SO cluster 4"))}, true,
       "a positive decision placing in the SO"},
      {D::kUnknown, {referral("Aanvraag bij de CVI", S::kDecided, true, decided(true, "rugzak"))}, false,
       "a rugzak keeps the pupil in regular education"},
      {D::kUnknown, {referral("Aanmelding bij de PCL voor het SBO", S::kDecided, true, decided(false, ""))}, false,
       "a negative decision"},
      {D::kRegular, {referral("TLV", S::kDecided, true, decided(true, "SBO De Wissel"))}, true,
       "a placement in Koers counts even when the destination says regular"},
      {D::kUnknown, {referral("Aanvraag arrangement", S::kSent, true)}, false, "an arrangement names no SBO/SO"},
      {D::kUnknown, {referral("Verwijzing naar SOVA-training", S::kSent, true)}, false, "SOVA is not the word SO"},
  };
  for (const auto& c : cases) EXPECT_EQ(referred_to_special_education(c.destination, c.referrals), c.special) << c.why;
}

TEST(Retention, WhatIsDueOnADay) {
  using St = RetentionStep;
  struct Case {
    const char* today;
    bool special;
    const char* care_deleted_at;
    St due;
    const char* next;
    const char* why;
  } cases[] = {
      {"2026-07-11", false, "", St::kNone, "2026-07-12", "the day before the care date"},
      {"2026-07-12", false, "", St::kCareData, "2026-07-12", "on the care date the care data are due"},
      {"2027-01-01", true, "", St::kNone, "2027-07-12", "referred: a year later"},
      {"2027-07-12", true, "", St::kCareData, "2027-07-12", "referred, on its date"},
      {"2027-01-01", false, "2026-07-13T09:00:00", St::kNone, "2029-07-12", "care data gone: wait for the record"},
      {"2029-07-12", false, "2026-07-13T09:00:00", St::kWholeRecord, "2029-07-12", "the record is due"},
      {"2030-01-01", false, "", St::kWholeRecord, "2029-07-12", "never confirmed: everything goes at once"},
  };
  for (const auto& c : cases) {
    RetentionCase r = retention_case(7, 1, "Roos", d("2024-07-12"), LeavingDestination::kUnknown, c.special,
                                     std::nullopt, c.care_deleted_at, {}, d(c.today));
    EXPECT_EQ(r.due, c.due) << c.why;
    EXPECT_EQ(r.next_on.iso(), c.next) << c.why;
    EXPECT_EQ(may_delete(r), c.due != St::kNone) << c.why;
  }
}

TEST(Retention, AHeldDossierIsDueButDoesNotGo) {
  RetentionCase r = retention_case(7, 1, "Roos", d("2020-07-12"), LeavingDestination::kUnknown, false,
                                   RetentionHold{"klacht bij de geschillencommissie loopt", "ib", "2026-11-01"}, "",
                                   {}, d("2026-11-29"));
  EXPECT_EQ(r.due, RetentionStep::kWholeRecord);
  EXPECT_FALSE(may_delete(r));
  EXPECT_EQ(retention_state_label(r), "vastgehouden");
  r.hold.reset();
  EXPECT_TRUE(may_delete(r));
  EXPECT_EQ(retention_state_label(r), "verwijderen: het hele dossier");
}

TEST(Retention, AHoldNeedsAReason) {
  EXPECT_EQ(hold_problem(""), "reden: schrijf op waarom het dossier langer bewaard blijft");
  EXPECT_EQ(hold_problem("  \n"), "reden: schrijf op waarom het dossier langer bewaard blijft");
  EXPECT_EQ(hold_problem(std::string(1001, 'x')), "reden: ten hoogste 1000 tekens");
  EXPECT_EQ(hold_problem("de ouders vroegen inzage; het antwoord loopt nog"), std::nullopt);
}

TEST(Retention, TheBoardsPeriodsAreChecked) {
  EXPECT_TRUE(retention_period_problems({}).empty());
  EXPECT_TRUE(retention_period_problems({1, 1, 1}).empty());
  auto p = retention_period_problems({0, 3, 5});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].rfind("zorg_jaren:", 0), 0u) << p[0];
  p = retention_period_problems({2, 21, 25});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].rfind("zorg_jaren_so:", 0), 0u) << p[0];
  EXPECT_EQ(p[1].rfind("inschrijving_jaren:", 0), 0u) << p[1];
  p = retention_period_problems({2, 6, 5});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("minstens zo lang"), std::string::npos) << p[0];
}

TEST(Retention, OnlyTheSchoolsIbManagesIt) {
  Principal who;
  who.school_id = 3;
  for (Role r : kAllRoles) {
    who.role = r;
    EXPECT_EQ(may_manage_retention(who, 3), r == Role::kSupportCoordinator) << role_key(r);
  }
  who.role = Role::kSupportCoordinator;
  EXPECT_FALSE(may_manage_retention(who, 4)) << "another school's IB";
  who.school_id = 0;
  EXPECT_FALSE(may_manage_retention(who, 0)) << "no school";
}

TEST(Retention, DestinationsRoundTrip) {
  for (auto x : {LeavingDestination::kUnknown, LeavingDestination::kRegular, LeavingDestination::kSpecialPrimary,
                 LeavingDestination::kSpecial})
    EXPECT_EQ(parse_leaving_destination(leaving_destination_key(x)), x);
  EXPECT_EQ(parse_leaving_destination("vo"), std::nullopt);
}

}  // namespace
}  // namespace koers::domain
