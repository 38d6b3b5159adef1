// Meetings as the API and the pages load them: access (a teacher the meetings of their own
// groups and pupils, the IB and head the school's), who is acting (domain::MeetingActor),
// and the JSON shape both use. Reading a pupil discussion or a meeting with registered
// pupils is audited per pupil.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/meeting.h"
#include "domain/pupil_record.h"
#include "web/app.h"

namespace koers::web {

struct MeetingView {
  domain::Meeting meeting;
  domain::MeetingActor actor = domain::MeetingActor::kReader;
  std::string name;   // the group's label or the pupil's name ("" for a care-team meeting)
  std::string title;  // meeting_title
};

// The meeting if it exists (404) and the principal may see it (403). Audits the view.
MeetingView load_meeting(Context& ctx, domain::Id id);

// The meetings the principal may see, planned within [from, to], requested ones first.
std::vector<MeetingView> visible_meetings(Context& ctx, std::optional<domain::Date> from,
                                          std::optional<domain::Date> to);

// The API body and page model: the meeting, its title and names, what the actor may do.
nlohmann::json meeting_view_json(Context& ctx, const MeetingView& view);

// Staff of the principal's school who can own an agreement (teachers and IB): id, name.
nlohmann::json agreement_owner_options(Context& ctx);

// The pre-filled groeidocument of a pupil the principal may see (403 otherwise), leaving
// out `this_meeting` from the earlier discussions. Audited.
nlohmann::json growth_document_json(Context& ctx, domain::Id pupil_id, domain::Id this_meeting);

// The start page's part: the principal's open agreements ("agreements", "has_agreements"),
// and for the IB the inbox counts ("inbox": sent, requested; "has_inbox").
nlohmann::json start_panels(Context& ctx);

// Where a new meeting planned by the IB may go (the form and the API alike): never in a
// holiday; a group discussion is of a group of the principal's school (403 otherwise), gets
// the period it evaluates (m.period_id), and is the group's only one in that period unless
// `follow_up`. Needs m.planned_on (and m.group_id for a group discussion); returns the
// refusal in words ("29-12-2026 valt in de Kerstvakantie (…)"), nothing when it may go.
struct MeetingRefusal {
  std::string why;
  bool holiday = false;  // the date lies in a holiday (else: a second group discussion)
};
std::optional<MeetingRefusal> place_new_meeting(Context& ctx, domain::Meeting& m, bool follow_up);

// The period a group discussion evaluates (nullopt when it has none).
std::optional<domain::Period> meeting_period(Context& ctx, const domain::Meeting& m);
// Why a group discussion cannot be sent without a saved plan, naming the period.
std::string missing_plan_text(Context& ctx, const domain::Meeting& m);

// The period of the school year that holds the date (0 when none does).
domain::Id period_of(Context& ctx, domain::Id school_id, domain::Id school_year_id, const domain::Date& on);

// The care-team meeting's agenda (meetings/care_team.cc): what stands between it and a final
// report ("Sanne Bakker: de bespreking is nog niet vastgelegd"), how many cases are on it, and
// the meeting page's agenda section (the cases with their forms, the cases that could go on).
std::vector<std::string> care_team_report_gaps(Context& ctx, const domain::Meeting& m);
int care_team_agenda_size(Context& ctx, const domain::Meeting& m);
nlohmann::json care_team_agenda_model(Context& ctx, const MeetingView& v);

// The finalised care-team reports of the pupil's record for the dossier on the stamkaart, each
// with its discussion, joint advice, decisions and agreements (and, for the IB and head, the
// A4 print). Null when the principal may not read them (domain::may_view_care_team_reports);
// an empty list when there are none. Audits nothing: the caller records the view.
nlohmann::json care_team_reports_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record);

}  // namespace koers::web
