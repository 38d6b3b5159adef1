// Handelingsgerichte diagnostiek (HGD) as an outcome of a care-team case: the IB asks an
// external with diagnostic competence a question, with the parents' own HGD consent; the
// expert's report comes back with recommendations, and each recommendation the IB accepts
// becomes an educational need of the pupil with source "onderzoek".
// Pure: no storage, no clock. Who may read or write an HGD is decided here (hgd_actor).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access_policy.h"
#include "domain/care_team.h"
#include "domain/date.h"
#include "domain/group_overview.h"
#include "domain/meeting.h"

namespace koers::domain {

// What the question asks: what is going on, why, or what helps.
enum class HgdQuestionKind { kIdentifying, kExplaining, kAdvising };
std::string hgd_question_kind_key(HgdQuestionKind k);  // "onderkennend", "verklarend", "adviserend"
std::optional<HgdQuestionKind> parse_hgd_question_kind(const std::string& key);

enum class HgdStatus { kRequested, kInResearch, kReportReceived, kDiscussed };
std::string hgd_status_key(HgdStatus s);    // "aangevraagd", "in-onderzoek", "verslag-ontvangen", "besproken"
std::string hgd_status_label(HgdStatus s);  // "aangevraagd", "in onderzoek", "verslag ontvangen", "besproken"
std::optional<HgdStatus> parse_hgd_status(const std::string& key);

// One recommendation (advies) of the report, as typed or pasted by the expert or the IB.
struct HgdRecommendation {
  std::string text;
  Id need_entry_id = 0;  // the overview entry it became; 0: not taken over
  std::string taken_over_by, taken_over_at;
  bool taken_over() const { return need_entry_id != 0; }
};

struct HgdRequest {
  Id id = 0;
  Id case_id = 0;
  Id pupil_id = 0;
  Id school_id = 0;
  HgdQuestionKind question_kind = HgdQuestionKind::kAdvising;
  std::string help_question;           // hulpvraag for the diagnostician
  std::vector<std::string> questions;  // onderzoeksvragen
  Id expert_account_id = 0;
  std::string expert_name;
  std::string expert_discipline;  // a key of all_disciplines() with diagnostic = true
  Id consent_id = 0;              // the HGD consent it was requested under
  Date requested_on;
  HgdStatus status = HgdStatus::kRequested;
  Id report_document_id = 0;  // the stored PDF; 0: none yet
  std::vector<HgdRecommendation> recommendations;
  Id meeting_id = 0;  // the adviesgesprek (MeetingKind::kHgdAdvice); 0: none planned
  int version = 0;  // 0: never saved
  std::string created_by, created_at, saved_by, saved_at;
};

// The HGD consent of the case that counts today for this expert: purpose HGD, for the case's
// pupil, given, not expired, not withdrawn, and naming the expert or their discipline (or
// naming nobody: then it is for the HGD as requested). consent_id 0 and the reason in Dutch
// when none does (withdrawn before expired before not yet before out of scope before none).
struct HgdConsentCheck {
  Id consent_id = 0;
  std::string reason;
  bool ok() const { return consent_id != 0; }
};
HgdConsentCheck hgd_consent(const CareTeamCase& c, Id expert_account_id, const std::string& expert_discipline,
                            const Date& today);

// What is wrong with a request as written, naming the field in Dutch: no hulpvraag, no
// onderzoeksvraag or an empty one, no expert or one whose discipline does not do HGD, no date,
// an empty recommendation.
std::vector<std::string> hgd_problems(const HgdRequest& r);
// Whether the request may be made for this case today: the case is still open and the HGD
// consent counts for the expert. The refusal in Dutch; on success r.consent_id is set.
std::optional<std::string> request_refusal(const CareTeamCase& c, HgdRequest& r, const Date& today);

// aangevraagd → in onderzoek → verslag ontvangen → besproken; verslag ontvangen and besproken
// need the report. Refusal in Dutch, nothing changes.
std::vector<HgdStatus> next_hgd_statuses(HgdStatus from);
std::optional<std::string> move_hgd(HgdRequest& r, HgdStatus to);
// The report arrived: it replaces an earlier one; the status becomes verslag ontvangen unless
// it is already past that.
void receive_report(HgdRequest& r, Id document_id);
// New recommendation texts; one already taken over keeps its number and text (refused
// otherwise). Blank lines are dropped.
std::optional<std::string> set_recommendations(HgdRequest& r, std::vector<std::string> texts);

// The need a recommendation becomes: kind matchen (topic an aspect) or stretchen (topic a
// subject), its text the IB's wording or else the recommendation's, source onderzoek.
// Refused without a report, for an unknown number (1-based) or one already taken over.
std::optional<std::string> take_over_refusal(const HgdRequest& r, int number);
OverviewEntry need_from_recommendation(const HgdRequest& r, int number, EntryKind kind, const std::string& topic,
                                       const std::string& text);

// The adviesgesprek: the outcome of the HGD discussed with the parents, the teacher and the IB
// as a meeting of the school (meeting.h, MeetingKind::kHgdAdvice), one per request.
// A new one for the request on a date: the request's school and pupil, the pupil's group now.
Meeting new_advice_meeting(const HgdRequest& r, Id group_id, const Date& on);
// Why `m` cannot be planned as the request's adviesgesprek, in Dutch: not an adviesgesprek, of
// another request, school or pupil; the request has one already; no date; no parents, teacher
// or IB among the participants (an empty name counts as missing).
std::optional<std::string> advice_meeting_refusal(const HgdRequest& r, const Meeting& m);
// The adviesgesprek was held (or its report finalised): the request becomes besproken. Refused
// (nothing changes) for a meeting that is not the request's adviesgesprek, not yet held, or
// when the expert's report is not there yet. Already besproken: nothing to do.
std::optional<std::string> discuss_in_meeting(HgdRequest& r, const Meeting& m);

// Who is asking: the IB of the pupil's school (writes), the expert of the request while the
// HGD consent counts (reads, uploads the report, writes recommendations), a teacher of the
// pupil now (reads). Everyone else: none (the head, a parent, another teacher, another external).
enum class HgdActor { kNone, kReader, kExpert, kCoordinator };
HgdActor hgd_actor(const Principal& who, const PupilScope& pupil, const CareTeamCase& c, const HgdRequest& r,
                   const Date& today);

}  // namespace koers::domain
