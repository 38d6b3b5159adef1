// HGD as an outcome of a care-team case: the HGD consent as a table (valid, withdrawn,
// expired, not yet, wrong purpose, other expert/discipline, scope naming nobody), what a
// request needs, the status steps, the recommendations (taken-over ones stay fixed), the
// need a recommendation becomes, who may read or write (the actor table), and the
// adviesgesprek: planned only for its own request, holding it makes the request besproken.
#include "domain/hgd.h"

#include <gtest/gtest.h>

#include <functional>

namespace koers::domain {
namespace {

constexpr Id kPupil = 7, kSchool = 10, kBoard = 1, kCase = 3, kExpert = 500, kOtherExpert = 501;
const Date kToday{2027, 2, 10};

Consent hgd_consent_row(Id id = 1) {
  Consent k;
  k.id = id;
  k.case_id = kCase;
  k.pupil_id = kPupil;
  k.purpose = ConsentPurpose::kHgd;
  k.given_by = "moeder, Ans de Vries";
  k.given_on = {2027, 1, 15};
  k.valid_until = {2027, 7, 31};
  k.disciplines = {"orthopedagoog"};
  return k;
}

CareTeamCase the_case(std::vector<Consent> consents) {
  CareTeamCase c;
  c.id = kCase;
  c.pupil_id = kPupil;
  c.school_id = kSchool;
  c.status = CaseStatus::kAdvice;
  c.consents = std::move(consents);
  return c;
}

HgdRequest request() {
  HgdRequest r;
  r.id = 9;
  r.case_id = kCase;
  r.pupil_id = kPupil;
  r.school_id = kSchool;
  r.help_question = "Waarom komt Daan niet tot lezen, en wat helpt hem?";
  r.questions = {"Is er sprake van dyslexie?", "Welke instructie past bij hem?"};
  r.expert_account_id = kExpert;
  r.expert_name = "Olga Visser";
  r.expert_discipline = "orthopedagoog";
  r.requested_on = kToday;
  return r;
}

TEST(Hgd, TheHgdConsentAsATable) {
  struct Row {
    const char* what;
    std::function<void(Consent&)> change;
    bool ok;
    const char* reason_part;
  };
  const std::vector<Row> rows = {
      {"valid, for the discipline", [](Consent&) {}, true, ""},
      {"valid, naming the expert", [](Consent& k) { k.disciplines = {}; k.externals = {kExpert}; }, true, ""},
      {"valid, naming nobody", [](Consent& k) { k.disciplines = {}; }, true, ""},
      {"withdrawn", [](Consent& k) { k.withdrawn_at = "2027-02-01T10:00:00Z"; }, false, "ingetrokken"},
      {"expired", [](Consent& k) { k.valid_until = {2027, 2, 9}; }, false, "verlopen"},
      {"not yet", [](Consent& k) { k.given_on = {2027, 2, 11}; }, false, "gaat later in"},
      {"another discipline", [](Consent& k) { k.disciplines = {"psycholoog"}; }, false, "niet voor deze deskundige"},
      {"another expert", [](Consent& k) { k.disciplines = {}; k.externals = {kOtherExpert}; }, false,
       "niet voor deze deskundige"},
      {"wrong purpose", [](Consent& k) { k.purpose = ConsentPurpose::kCareTeam; }, false, "geen toestemming"},
      {"other pupil", [](Consent& k) { k.pupil_id = kPupil + 1; }, false, "geen toestemming"},
  };
  for (const auto& row : rows) {
    Consent k = hgd_consent_row();
    row.change(k);
    HgdConsentCheck got = hgd_consent(the_case({k}), kExpert, "orthopedagoog", kToday);
    EXPECT_EQ(got.ok(), row.ok) << row.what;
    if (row.ok) EXPECT_EQ(got.consent_id, 1) << row.what;
    else EXPECT_NE(got.reason.find(row.reason_part), std::string::npos) << row.what << ": " << got.reason;
  }
  // The last day counts; a withdrawn one does not hide a newer valid one.
  EXPECT_TRUE(hgd_consent(the_case({hgd_consent_row()}), kExpert, "orthopedagoog", {2027, 7, 31}).ok());
  Consent old = hgd_consent_row(1);
  old.withdrawn_at = "2027-02-01T10:00:00Z";
  EXPECT_EQ(hgd_consent(the_case({old, hgd_consent_row(2)}), kExpert, "orthopedagoog", kToday).consent_id, 2);
}

TEST(Hgd, ARequestNeedsItsOwnConsentAndADiagnosticExpert) {
  HgdRequest r = request();
  EXPECT_TRUE(hgd_problems(r).empty());
  CareTeamCase c = the_case({});
  auto refused = request_refusal(c, r, kToday);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("geen toestemming van de ouders voor HGD"), std::string::npos) << *refused;
  Consent care = hgd_consent_row();
  care.purpose = ConsentPurpose::kCareTeam;  // a care-team consent is not an HGD consent
  c.consents = {care};
  EXPECT_TRUE(request_refusal(c, r, kToday));
  c.consents = {hgd_consent_row(4)};
  EXPECT_EQ(request_refusal(c, r, kToday), std::nullopt);
  EXPECT_EQ(r.consent_id, 4);
  c.status = CaseStatus::kClosed;
  EXPECT_NE(request_refusal(c, r, kToday)->find("afgesloten"), std::string::npos);

  r.expert_discipline = "logopedist";
  auto problems = hgd_problems(r);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("Deskundige: een logopedist doet geen handelingsgerichte diagnostiek"), std::string::npos);
  r = request();
  r.help_question = " ";
  r.questions = {"Vraag", ""};
  r.expert_account_id = 0;
  EXPECT_EQ(hgd_problems(r), (std::vector<std::string>{"Hulpvraag: wat wil de school met de ouders weten?",
                                                        "Onderzoeksvraag 2: is leeg.",
                                                        "Deskundige: kies de externe deskundige die het onderzoek doet."}));
  r.questions.clear();
  EXPECT_NE(hgd_problems(r)[1].find("Onderzoeksvragen"), std::string::npos);
}

TEST(Hgd, StatusStepsAndTheReport) {
  HgdRequest r = request();
  EXPECT_EQ(hgd_status_label(HgdStatus::kReportReceived), "verslag ontvangen");
  EXPECT_EQ(parse_hgd_status("in-onderzoek"), HgdStatus::kInResearch);
  EXPECT_NE(move_hgd(r, HgdStatus::kDiscussed)->find("gaat een HGD niet naar besproken"), std::string::npos);
  EXPECT_EQ(move_hgd(r, HgdStatus::kInResearch), std::nullopt);
  EXPECT_NE(move_hgd(r, HgdStatus::kReportReceived)->find("upload eerst het verslag"), std::string::npos);
  EXPECT_EQ(r.status, HgdStatus::kInResearch);
  receive_report(r, 42);
  EXPECT_EQ(r.status, HgdStatus::kReportReceived);
  EXPECT_EQ(move_hgd(r, HgdStatus::kDiscussed), std::nullopt);
  receive_report(r, 43);  // a corrected report after the discussion keeps besproken
  EXPECT_EQ(r.status, HgdStatus::kDiscussed);
  EXPECT_EQ(r.report_document_id, 43);
  EXPECT_TRUE(next_hgd_statuses(HgdStatus::kDiscussed).empty());
}

TEST(Hgd, RecommendationsTakenOverStayAndBecomeNeedsWithSourceResearch) {
  HgdRequest r = request();
  ASSERT_EQ(set_recommendations(r, {"korte instructie met voorbeelden", " ", "vaste plek vooraan"}), std::nullopt);
  ASSERT_EQ(r.recommendations.size(), 2u);
  EXPECT_NE(take_over_refusal(r, 1)->find("nog geen verslag"), std::string::npos);
  receive_report(r, 42);
  EXPECT_EQ(take_over_refusal(r, 1), std::nullopt);
  EXPECT_NE(take_over_refusal(r, 3)->find("Advies 3: bestaat niet"), std::string::npos);
  EXPECT_TRUE(take_over_refusal(r, 0));
  OverviewEntry e = need_from_recommendation(r, 1, EntryKind::kGeneralNeed, "instructie", "");
  EXPECT_EQ(e.pupil_id, kPupil);
  EXPECT_EQ(e.text, "korte instructie met voorbeelden");
  EXPECT_EQ(e.source, InformationSource::kResearch);
  EXPECT_EQ(need_from_recommendation(r, 2, EntryKind::kGeneralNeed, "leeromgeving", "een vaste plek").text,
            "een vaste plek");
  r.recommendations[0].need_entry_id = 77;
  EXPECT_NE(take_over_refusal(r, 1)->find("al overgenomen"), std::string::npos);
  // The taken-over one keeps its number and text; others may change.
  EXPECT_EQ(set_recommendations(r, {"korte instructie met voorbeelden", "vaste plek bij de instructietafel"}),
            std::nullopt);
  EXPECT_EQ(r.recommendations[0].need_entry_id, 77);
  EXPECT_EQ(r.recommendations[1].text, "vaste plek bij de instructietafel");
  auto refused = set_recommendations(r, {"iets anders"});
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("Advies 1: is al overgenomen"), std::string::npos);
  EXPECT_EQ(r.recommendations.size(), 2u) << "a refusal changes nothing";
  EXPECT_TRUE(set_recommendations(r, {}));
}

TEST(Hgd, WhoMayReadOrWriteAnHgd) {
  const PupilScope pupil{kPupil, kSchool, kBoard, {20}};
  auto make = [](Role role, Id account, Id school = kSchool) {
    Principal p;
    p.account_id = account;
    p.role = role;
    p.board_id = kBoard;
    p.school_id = school;
    return p;
  };
  const CareTeamCase c = the_case({hgd_consent_row()});
  const HgdRequest r = request();
  Principal teacher = make(Role::kTeacher, 2), other_teacher = make(Role::kTeacher, 3);
  teacher.group_ids = {20};
  other_teacher.group_ids = {21};
  Principal parent = make(Role::kParent, 4, 0);
  parent.child_ids = {kPupil};
  EXPECT_EQ(hgd_actor(make(Role::kSupportCoordinator, 1), pupil, c, r, kToday), HgdActor::kCoordinator);
  EXPECT_EQ(hgd_actor(make(Role::kSupportCoordinator, 1, kSchool + 1), pupil, c, r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(make(Role::kCareTeamMember, kExpert, 0), pupil, c, r, kToday), HgdActor::kExpert);
  EXPECT_EQ(hgd_actor(make(Role::kCareTeamMember, kOtherExpert, 0), pupil, c, r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(teacher, pupil, c, r, kToday), HgdActor::kReader);
  EXPECT_EQ(hgd_actor(other_teacher, pupil, c, r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(parent, pupil, c, r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(make(Role::kHead, 5), pupil, c, r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(make(Role::kBoardAdmin, 6, 0), pupil, c, r, kToday), HgdActor::kNone);
  // The expert without a counting consent: withdrawn, expired, or only a care-team consent.
  Consent withdrawn = hgd_consent_row();
  withdrawn.withdrawn_at = "2027-02-09T08:00:00Z";
  EXPECT_EQ(hgd_actor(make(Role::kCareTeamMember, kExpert, 0), pupil, the_case({withdrawn}), r, kToday), HgdActor::kNone);
  EXPECT_EQ(hgd_actor(make(Role::kCareTeamMember, kExpert, 0), pupil, c, r, {2027, 8, 1}), HgdActor::kNone);
  Consent care = hgd_consent_row();
  care.purpose = ConsentPurpose::kCareTeam;
  EXPECT_EQ(hgd_actor(make(Role::kCareTeamMember, kExpert, 0), pupil, the_case({care}), r, kToday), HgdActor::kNone);
  // Another board's expert with the same account id cannot exist, but the scope is checked.
  Principal elsewhere = make(Role::kCareTeamMember, kExpert, 0);
  elsewhere.board_id = kBoard + 1;
  EXPECT_EQ(hgd_actor(elsewhere, pupil, c, r, kToday), HgdActor::kNone);
}

Meeting advice_meeting(const HgdRequest& r) {
  Meeting m = new_advice_meeting(r, 20, {2027, 3, 10});
  m.id = 40;
  m.participants = {{"ouders", "Ans de Vries (moeder)"},
                    {"leerkracht", "Els Leerkracht"},
                    {"ib", "Ineke IB"},
                    {"deskundige", "Olga Visser"}};
  return m;
}

TEST(HgdAdviceMeeting, IsPlannedForItsOwnRequestOnly) {
  const HgdRequest r = request();
  const Meeting m = advice_meeting(r);
  EXPECT_EQ(m.kind, MeetingKind::kHgdAdvice);
  EXPECT_EQ(m.status, MeetingStatus::kPlanned);
  EXPECT_EQ(m.hgd_id, r.id);
  EXPECT_EQ(m.pupil_id, kPupil);
  EXPECT_EQ(m.school_id, kSchool);
  EXPECT_FALSE(advice_meeting_refusal(r, m).has_value());

  struct Row {
    const char* what;
    std::function<void(HgdRequest&, Meeting&)> change;
    const char* reason_part;
  };
  const std::vector<Row> rows = {
      {"another pupil", [](HgdRequest&, Meeting& x) { x.pupil_id = kPupil + 1; }, "andere leerling"},
      {"another school", [](HgdRequest&, Meeting& x) { x.school_id = kSchool + 1; }, "andere school"},
      {"another request", [](HgdRequest&, Meeting& x) { x.hgd_id = 99; }, "andere HGD"},
      {"not an adviesgesprek", [](HgdRequest&, Meeting& x) { x.kind = MeetingKind::kPupilDiscussion; },
       "geen adviesgesprek"},
      {"the request has one already", [](HgdRequest& h, Meeting&) { h.meeting_id = 41; }, "al een adviesgesprek"},
      {"no date", [](HgdRequest&, Meeting& x) { x.planned_on.reset(); }, "Datum"},
      {"no parents", [](HgdRequest&, Meeting& x) { x.participants.erase(x.participants.begin()); }, "de ouders"},
      {"a teacher without a name", [](HgdRequest&, Meeting& x) { x.participants[1].name = " "; }, "de leerkracht"},
      {"no IB", [](HgdRequest&, Meeting& x) { x.participants.erase(x.participants.begin() + 2); }, "de IB"},
  };
  for (const auto& row : rows) {
    HgdRequest h = request();
    Meeting x = advice_meeting(h);
    row.change(h, x);
    auto refused = advice_meeting_refusal(h, x);
    ASSERT_TRUE(refused.has_value()) << row.what;
    EXPECT_NE(refused->find(row.reason_part), std::string::npos) << row.what << ": " << *refused;
  }
  // Its own meeting again (a re-save of the link) is no second one.
  HgdRequest linked = request();
  linked.meeting_id = m.id;
  EXPECT_FALSE(advice_meeting_refusal(linked, m).has_value());
}

TEST(HgdAdviceMeeting, HoldingItMakesTheRequestBesproken) {
  HgdRequest r = request();
  receive_report(r, 77);
  ASSERT_EQ(r.status, HgdStatus::kReportReceived);
  Meeting m = advice_meeting(r);
  // Planned, not held: nothing changes.
  auto refused = discuss_in_meeting(r, m);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("nog niet gehouden"), std::string::npos);
  EXPECT_EQ(r.status, HgdStatus::kReportReceived);
  // Held by the IB: besproken.
  ASSERT_FALSE(hold(m, MeetingActor::kSupportCoordinator, "2027-03-10T15:00:00Z").has_value());
  EXPECT_FALSE(discuss_in_meeting(r, m).has_value());
  EXPECT_EQ(r.status, HgdStatus::kDiscussed);
  // Again (the report finalised later): still besproken, no refusal.
  EXPECT_FALSE(discuss_in_meeting(r, m).has_value());
  EXPECT_EQ(r.status, HgdStatus::kDiscussed);
}

TEST(HgdAdviceMeeting, HoldingItWithoutTheReportOrForAnotherRequestChangesNothing) {
  HgdRequest r = request();
  r.status = HgdStatus::kInResearch;
  Meeting m = advice_meeting(r);
  m.status = MeetingStatus::kHeld;
  auto refused = discuss_in_meeting(r, m);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("verslag"), std::string::npos);
  EXPECT_EQ(r.status, HgdStatus::kInResearch);

  receive_report(r, 77);
  for (auto change : std::vector<std::function<void(Meeting&)>>{
           [](Meeting& x) { x.pupil_id = kPupil + 1; }, [](Meeting& x) { x.school_id = kSchool + 1; },
           [](Meeting& x) { x.hgd_id = 99; }, [](Meeting& x) { x.kind = MeetingKind::kCareTeam; }}) {
    Meeting other = m;
    change(other);
    HgdRequest h = r;
    EXPECT_TRUE(discuss_in_meeting(h, other).has_value());
    EXPECT_EQ(h.status, HgdStatus::kReportReceived);
  }
}

TEST(HgdAdviceMeeting, ItsReportSaysWhatWasAdvisedAndTheTeacherDoesNotSendIt) {
  Meeting m = advice_meeting(request());
  EXPECT_TRUE(send(m, MeetingActor::kTeacher, 0, "Els", "2027-03-01T10:00:00Z").has_value());
  ASSERT_FALSE(hold(m, MeetingActor::kSupportCoordinator, "2027-03-10T15:00:00Z").has_value());
  auto refused = finalise_report(m, MeetingActor::kSupportCoordinator, "Ineke IB", "2027-03-10T16:00:00Z");
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("geadviseerd"), std::string::npos);
  m.report = "Instructie in korte stappen.";
  EXPECT_FALSE(finalise_report(m, MeetingActor::kSupportCoordinator, "Ineke IB", "2027-03-10T16:00:00Z").has_value());
  EXPECT_EQ(m.status, MeetingStatus::kReported);
}

TEST(HgdAdviceMeeting, TheIbChangesTheParticipantsUntilHeldTheTeacherNever) {
  const Meeting stored = advice_meeting(request());
  Meeting changed = stored;
  changed.participants.push_back({"anders", "Piet Smw"});
  auto by_ib = apply_edit(stored, changed, MeetingActor::kSupportCoordinator);
  ASSERT_TRUE(std::holds_alternative<Meeting>(by_ib));
  EXPECT_EQ(std::get<Meeting>(by_ib).participants.size(), 5u);
  EXPECT_TRUE(std::holds_alternative<std::string>(apply_edit(stored, changed, MeetingActor::kTeacher)));
  Meeting held = stored;
  held.status = MeetingStatus::kHeld;
  Meeting late = held;
  late.participants.pop_back();
  EXPECT_TRUE(std::holds_alternative<std::string>(apply_edit(held, late, MeetingActor::kSupportCoordinator)));
}

}  // namespace
}  // namespace koers::domain
