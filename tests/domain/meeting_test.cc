// The meeting lifecycle (planned → prepared → sent → held → reported), who may change what
// at each status, freezing at sending, and agreement states.
#include "domain/meeting.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

const Date kOn{2026, 11, 24};
const MeetingActor kIb = MeetingActor::kSupportCoordinator;
const MeetingActor kTeacher = MeetingActor::kTeacher;

Meeting stored_group_discussion() {
  Meeting m = new_meeting(MeetingKind::kGroupDiscussion, 1, kOn);
  m.id = 7;
  m.group_id = 24;
  m.version = 1;
  return m;
}

Meeting edited(const Meeting& stored, const Meeting& submitted, MeetingActor who) {
  auto r = apply_edit(stored, submitted, who);
  EXPECT_TRUE(std::holds_alternative<Meeting>(r)) << std::get<std::string>(r);
  return std::holds_alternative<Meeting>(r) ? std::get<Meeting>(r) : stored;
}

std::string refused(const Meeting& stored, const Meeting& submitted, MeetingActor who) {
  auto r = apply_edit(stored, submitted, who);
  EXPECT_TRUE(std::holds_alternative<std::string>(r)) << "accepted";
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "";
}

TEST(Meeting, ANewGroupDiscussionHasTheSeedsChecklistAndFixedAgenda) {
  Meeting m = stored_group_discussion();
  EXPECT_EQ(m.status, MeetingStatus::kPlanned);
  ASSERT_EQ(m.checklist.size(), 6u);
  EXPECT_EQ(m.checklist.back().title, "Bespreekpunten en vragen op een rij gezet");
  ASSERT_EQ(m.agenda.size(), 8u);
  EXPECT_EQ(m.agenda[1].title, "Evaluatie vorig groepsplan");
  EXPECT_EQ(m.agenda[6].title, "Groepsbezoek");
  EXPECT_EQ(meeting_title(m, "5/6"), "Groepsbespreking 5/6 · 24-11-2026");
  Meeting requested = new_meeting(MeetingKind::kPupilDiscussion, 1, std::nullopt);
  EXPECT_EQ(requested.status, MeetingStatus::kRequested);
  ASSERT_EQ(requested.steps.size(), 6u);
  EXPECT_EQ(requested.steps[3].title, growth_steps()[3].title);
  EXPECT_EQ(requested.steps[5].key, "afspraken");
  EXPECT_EQ(meeting_title(requested, "Sanne Bakker"), "Leerlingbespreking Sanne Bakker · nog te plannen");
  EXPECT_EQ(meeting_title(new_meeting(MeetingKind::kCareTeam, 1, Date{2027, 2, 10}), ""), "Zorgteamoverleg · 10-02-2027");
}

TEST(Meeting, TheLifecycleRunsFromPlannedToReported) {
  Meeting m = stored_group_discussion();
  // Prepared once every checklist point is ticked; unticking goes back to planned.
  Meeting mine = m;
  for (auto& c : mine.checklist) c.done = true;
  mine.questions = "Hoe krijg ik rust bij het zelfstandig werken?";
  m = edited(m, mine, kTeacher);
  EXPECT_EQ(m.status, MeetingStatus::kPrepared);
  EXPECT_TRUE(preparation_gaps(m).empty());
  mine = m;
  mine.checklist[2].done = false;
  EXPECT_EQ(edited(m, mine, kTeacher).status, MeetingStatus::kPlanned);
  EXPECT_EQ(preparation_gaps(edited(m, mine, kTeacher)),
            std::vector<std::string>{"nog niet afgevinkt: Vooruitgekeken: welke kinderen gaan extra begeleiding nodig hebben"});

  EXPECT_EQ(send(m, kIb, 3, "IB", "t1"), "alleen de leerkracht van de groep verstuurt de voorbereiding");
  EXPECT_EQ(send(m, kTeacher, 0, "Juf", "t1"),
            "sla eerst het groepsplan van de periode op: dat wordt met het groepsoverzicht verstuurd");
  EXPECT_EQ(m.status, MeetingStatus::kPrepared) << "a refused send changes nothing";
  ASSERT_EQ(send(m, kTeacher, 3, "Juf", "2026-11-20T10:00"), std::nullopt);
  EXPECT_EQ(m.status, MeetingStatus::kSent);
  EXPECT_EQ(m.plan_version, 3);
  EXPECT_EQ(m.sent_at, "2026-11-20T10:00");
  // The IB finds the teacher's questions in the first agenda point.
  ASSERT_EQ(m.agenda.front().key, "vragen");
  EXPECT_EQ(m.agenda.front().notes, "Vragen van de leerkracht:\nHoe krijg ik rust bij het zelfstandig werken?");
  EXPECT_EQ(send(m, kTeacher, 4, "Juf", "t2"), "de voorbereiding is al verstuurd");
  EXPECT_EQ(m.plan_version, 3) << "the frozen version stays";

  EXPECT_EQ(finalise_report(m, kIb, "IB", "t"), "de bespreking is nog niet gehouden");
  EXPECT_EQ(hold(m, kTeacher, "t"), "de IB leidt de bespreking");
  ASSERT_EQ(hold(m, kIb, "2026-11-24T15:30"), std::nullopt);
  EXPECT_EQ(m.status, MeetingStatus::kHeld);
  EXPECT_EQ(finalise_report(m, kIb, "IB", "t"), "schrijf eerst het korte verslag");
  m.report = "Rust bij zelfstandig werken: stoplicht invoeren.";
  EXPECT_EQ(finalise_report(m, kTeacher, "Juf", "t"), "de IB stelt het verslag vast");
  ASSERT_EQ(finalise_report(m, kIb, "IB", "2026-11-25T09:00"), std::nullopt);
  EXPECT_EQ(m.status, MeetingStatus::kReported);
  EXPECT_EQ(finalise_report(m, kIb, "IB", "t"), "het verslag is al vastgesteld");
}

TEST(Meeting, WhatWasSentIsFrozenAndEachRoleChangesOnlyItsOwnPart) {
  Meeting m = stored_group_discussion();
  m.questions = "Vraag";
  ASSERT_EQ(send(m, kTeacher, 2, "Juf", "t"), std::nullopt);

  Meeting later = m;
  later.questions = "Een andere vraag";
  EXPECT_EQ(refused(m, later, kTeacher), "verstuurd: de vragen liggen vast");
  later = m;
  later.checklist[0].done = true;
  EXPECT_EQ(refused(m, later, kTeacher), "verstuurd: de voorbereiding ligt vast");
  later = m;
  later.plan_version = 1;  // not a field anyone edits: what was frozen comes from the store
  EXPECT_EQ(edited(m, later, kTeacher).plan_version, 2);

  // The IB writes notes per agenda point; the teacher may not, and nobody renames a point.
  later = m;
  later.agenda[0].notes = "Rust in de groep";
  EXPECT_EQ(edited(m, later, kIb).agenda[0].notes, "Rust in de groep");
  EXPECT_EQ(refused(m, later, kTeacher), "het verslag is vastgesteld: de agenda ligt vast");
  later.agenda[0].key = "iets-anders";
  EXPECT_EQ(refused(m, later, kIb), "Agenda: de vaste punten kunnen niet veranderen");
  // The teacher writes their own summary; the IB does not.
  later = m;
  later.teacher_summary = "Stoplicht, en Sanne naar de leerlingbespreking.";
  EXPECT_EQ(edited(m, later, kTeacher).teacher_summary, later.teacher_summary);
  EXPECT_EQ(refused(m, later, kIb), "de samenvatting is van de leerkracht");
  // A reader changes nothing.
  EXPECT_EQ(refused(m, m, MeetingActor::kReader), "u kunt deze bespreking alleen lezen");
  EXPECT_EQ(actor_for(Role::kHead, false), MeetingActor::kReader);
  EXPECT_EQ(actor_for(Role::kTeacher, false), MeetingActor::kReader) << "another group's teacher";
  EXPECT_EQ(actor_for(Role::kTeacher, true), MeetingActor::kTeacher);

  // After the report, the notes are fixed too.
  ASSERT_EQ(hold(m, kIb, "t"), std::nullopt);
  m.report = "Kort verslag";
  ASSERT_EQ(finalise_report(m, kIb, "IB", "t"), std::nullopt);
  later = m;
  later.report = "Ander verslag";
  EXPECT_EQ(refused(m, later, kIb), "het verslag is vastgesteld");
  later = m;
  later.decisions = "Nog een besluit";
  EXPECT_EQ(refused(m, later, kIb), "het verslag is vastgesteld: de besluiten liggen vast");
}

TEST(Meeting, AgreementsAreAddedWithOwnerAndDateAndOnlyTickedOffAfterwards) {
  Meeting m = stored_group_discussion();
  Meeting in = m;
  Agreement a;
  a.action = "Stoplicht invoeren bij zelfstandig werken";
  a.owner_account_id = 3;
  a.due_on = {2026, 12, 11};
  in.agreements = {a};
  Meeting saved = edited(m, in, kIb);
  ASSERT_EQ(saved.agreements.size(), 1u);
  EXPECT_EQ(saved.agreements[0].meeting_id, 7);

  Agreement no_owner = a;
  no_owner.owner_account_id = 0;
  in.agreements = {no_owner};
  EXPECT_EQ(refused(m, in, kIb), "Afspraak 1: wie voert het uit?");
  Agreement no_date = a;
  no_date.due_on = {};
  in.agreements = {no_date};
  EXPECT_EQ(refused(m, in, kTeacher), "Afspraak 1: voor wanneer?");
  Agreement blank = a;
  blank.action = "  ";
  in.agreements = {blank};
  EXPECT_EQ(refused(m, in, kIb), "Afspraak 1: wat is er afgesproken?");

  // Stored (the store gave it an id): it can be ticked off, not rewritten or removed.
  saved.agreements[0].id = 11;
  Meeting tick = saved;
  tick.agreements[0].done_on = Date{2026, 12, 1};
  EXPECT_EQ(edited(saved, tick, kTeacher).agreements[0].done_on, (Date{2026, 12, 1}));
  Meeting rewrite = saved;
  rewrite.agreements[0].due_on = {2027, 1, 31};
  EXPECT_EQ(refused(saved, rewrite, kIb), "Afspraak \"Stoplicht invoeren bij zelfstandig werken\": alleen afvinken kan nog");
  Meeting removed = saved;
  removed.agreements.clear();
  EXPECT_EQ(refused(saved, removed, kIb), "Afspraak \"Stoplicht invoeren bij zelfstandig werken\" kan niet worden verwijderd");

  // Overdue: open and due before today; done is never overdue.
  EXPECT_FALSE(is_overdue(saved.agreements[0], {2026, 12, 11}));
  EXPECT_TRUE(is_overdue(saved.agreements[0], {2026, 12, 12}));
  EXPECT_FALSE(is_overdue(edited(saved, tick, kTeacher).agreements[0], {2027, 1, 1}));
}

TEST(Meeting, ThePupilDiscussionIsPreparedByItsHelpQuestionAndReportedWithStepSix) {
  Meeting m = new_meeting(MeetingKind::kPupilDiscussion, 1, std::nullopt);
  m.id = 9;
  EXPECT_EQ(send(m, kTeacher, 0, "Juf", "t"), "de bespreking heeft nog geen datum");
  EXPECT_EQ(reschedule(m, kTeacher, kOn, "15:30"), "de IB plant de besprekingen");
  ASSERT_EQ(reschedule(m, kIb, kOn, "15:30"), std::nullopt);
  EXPECT_EQ(m.status, MeetingStatus::kPlanned);

  EXPECT_EQ(send(m, kTeacher, 0, "Juf", "t"), "vul eerst de hulpvraag in op het aanmeldingsformulier");
  Meeting in = m;
  in.form.help_question = "Hoe help ik Sanne om bij rekenen zelfstandig aan de slag te gaan?";
  in.form.tried = "Verlengde instructie, stappenkaart";
  m = edited(m, in, kTeacher);
  EXPECT_EQ(m.status, MeetingStatus::kPrepared);
  EXPECT_EQ(edited(m, in, kIb).form, m.form) << "the IB sending the form back unchanged is fine";
  Meeting ib_form = m;
  ib_form.form.going_well = "door de IB";
  EXPECT_EQ(refused(m, ib_form, kIb), "het aanmeldingsformulier is van de leerkracht");
  ASSERT_EQ(send(m, kTeacher, 0, "Juf", "t"), std::nullopt);
  EXPECT_EQ(m.plan_version, 0);
  in = m;
  in.form.wishes = "later toegevoegd";
  EXPECT_EQ(refused(m, in, kTeacher), "verstuurd: het aanmeldingsformulier ligt vast");

  ASSERT_EQ(hold(m, kIb, "t"), std::nullopt);
  in = m;
  in.steps[0].notes = "Gaat goed: lezen. Moeilijk: rekenen, tafels.";
  in.outcome = PupilDiscussionOutcome::kStartIhp;
  m = edited(m, in, kIb);
  EXPECT_EQ(m.outcome, PupilDiscussionOutcome::kStartIhp);
  EXPECT_EQ(finalise_report(m, kIb, "IB", "t"), "vul eerst stap 6 in: afspraken en planning");
  in = m;
  in.steps[5].notes = "IHP rekenen, evaluatie over 6 weken.";
  m = edited(m, in, kIb);
  ASSERT_EQ(finalise_report(m, kIb, "IB", "t"), std::nullopt);
  in = m;
  in.steps[1].notes = "achteraf";
  EXPECT_EQ(refused(m, in, kIb), "het verslag is vastgesteld: het groeidocument ligt vast");
}

TEST(Meeting, RegistrationsComeFromAGroupDiscussionAndStayOnceFollowedUp) {
  Meeting m = stored_group_discussion();
  Meeting in = m;
  in.registrations = {{12, RegistrationKind::kPupilDiscussion, "rekenen blijft achter", 0}};
  EXPECT_EQ(refused(m, in, kTeacher), "alleen de IB meldt leerlingen aan, tot het verslag is vastgesteld");
  Meeting saved = edited(m, in, kIb);
  ASSERT_EQ(saved.registrations.size(), 1u);
  saved.registrations[0].follow_up_meeting_id = 30;  // the store planned the pupil discussion
  Meeting again = saved;
  again.registrations[0].follow_up_meeting_id = 0;  // the browser does not send it back
  again.decisions = "Sanne naar de leerlingbespreking";
  EXPECT_EQ(edited(saved, again, kIb).registrations[0].follow_up_meeting_id, 30);
  Meeting dropped = saved;
  dropped.registrations.clear();
  EXPECT_EQ(refused(saved, dropped, kIb), "Aanmelding: een leerling met een geplande leerlingbespreking blijft aangemeld");
  Meeting nobody = m;
  nobody.registrations = {{0, RegistrationKind::kCareTeam, "", 0}};
  EXPECT_EQ(refused(m, nobody, kIb), "Aanmelding: kies een leerling");

  Meeting pupil = new_meeting(MeetingKind::kPupilDiscussion, 1, kOn);
  Meeting reg = pupil;
  reg.registrations = {{12, RegistrationKind::kCareTeam, "", 0}};
  EXPECT_EQ(refused(pupil, reg, kIb), "aanmelden gaat vanuit een groepsbespreking");
}

TEST(Meeting, OnlyAPlannedMeetingWithNothingInItCanBeCancelled) {
  Meeting m = stored_group_discussion();
  EXPECT_EQ(cancel_check(m, kTeacher), "de IB plant de besprekingen");
  EXPECT_EQ(cancel_check(m, kIb), std::nullopt);
  Meeting with_agreement = m;
  with_agreement.agreements.push_back(Agreement{});
  EXPECT_EQ(cancel_check(with_agreement, kIb), "deze bespreking heeft al afspraken of aanmeldingen");
  Meeting asked_for = new_meeting(MeetingKind::kPupilDiscussion, 1, std::nullopt);
  asked_for.source_meeting_id = 7;
  EXPECT_NE(cancel_check(asked_for, kIb), std::nullopt);
  ASSERT_EQ(send(m, kTeacher, 1, "Juf", "t"), std::nullopt);
  EXPECT_EQ(cancel_check(m, kIb), "een verstuurde of gehouden bespreking blijft bewaard");
}

TEST(Meeting, AGroupHasOneGroupDiscussionPerPeriodUnlessAFollowUpIsMeant) {
  Meeting first = new_meeting(MeetingKind::kGroupDiscussion, 1, Date{2026, 11, 30});
  first.group_id = 5;
  first.period_id = 8;
  Meeting care = new_meeting(MeetingKind::kCareTeam, 1, Date{2026, 12, 1});
  care.period_id = 8;
  const std::vector<Meeting> school = {first, care};
  EXPECT_EQ(second_group_discussion(school, 5, 8, false),
            "deze groep heeft in deze periode al een groepsbespreking, op 30-11-2026; verzet die, of plan bewust een "
            "vervolgbespreking");
  EXPECT_EQ(second_group_discussion(school, 5, 8, true), std::nullopt) << "a follow-up on purpose";
  EXPECT_EQ(second_group_discussion(school, 5, 9, false), std::nullopt) << "the next period";
  EXPECT_EQ(second_group_discussion(school, 6, 8, false), std::nullopt) << "another group";
}

TEST(Meeting, APassedDateWithoutTheMeetingHeldIsSaid) {
  Meeting m = new_meeting(MeetingKind::kCareTeam, 1, Date{2026, 11, 24});
  EXPECT_FALSE(date_passed_unheld(m, Date{2026, 11, 24})) << "today is not passed";
  EXPECT_EQ(meeting_status_label(m, Date{2026, 11, 24}), meeting_status_label(MeetingStatus::kPlanned));
  EXPECT_TRUE(date_passed_unheld(m, Date{2026, 11, 25}));
  EXPECT_EQ(meeting_status_label(m, Date{2026, 11, 25}), "datum verstreken, niet gehouden");
  m.status = MeetingStatus::kHeld;
  EXPECT_FALSE(date_passed_unheld(m, Date{2026, 12, 25})) << "held: nothing to say";
  Meeting requested = new_meeting(MeetingKind::kPupilDiscussion, 1, std::nullopt);
  EXPECT_FALSE(date_passed_unheld(requested, Date{2027, 1, 1})) << "no date yet";
}

TEST(Meeting, KeysRoundTrip) {
  for (auto k : {MeetingKind::kGroupDiscussion, MeetingKind::kPupilDiscussion, MeetingKind::kCareTeam})
    EXPECT_EQ(parse_meeting_kind(meeting_kind_key(k)), k);
  for (auto s : {MeetingStatus::kRequested, MeetingStatus::kPlanned, MeetingStatus::kPrepared, MeetingStatus::kSent,
                 MeetingStatus::kHeld, MeetingStatus::kReported})
    EXPECT_EQ(parse_meeting_status(meeting_status_key(s)), s);
  EXPECT_EQ(parse_meeting_status("onbekend"), std::nullopt);
}

}  // namespace
}  // namespace koers::domain
