// The IHP page (/ihp/{id}): the seven rubrics on one screen, written by the pupil's teacher
// and the IB (static/ihp.js saves through the API), read by the head, and by a parent who
// adds their view. While the plan runs, the sessions of the last two weeks are ticked off
// here; the evaluation shows per goal the planned and given time beside Koers' proposal.
// POST /leerlingen/{id}/ihp starts a plan (from the stamkaart or a pupil discussion).
#include <fmt/format.h>

#include <map>

#include "common/clock.h"
#include "domain/group_overview.h"
#include "domain/pupil_record.h"
#include "io/ihp_json.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/school_calendar_repository.h"
#include "web/ihps/ihps.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

const char* kDayShort[] = {"ma", "di", "wo", "do", "vr"};

// The subjects of the pupil's group, then werkhouding and sociaal-emotioneel.
std::vector<std::string> goal_areas(Context& ctx, const domain::PupilScope& scope) {
  std::vector<std::string> areas;
  if (!scope.current_group_ids.empty())
    if (auto group = ctx.app.groups.find(scope.current_group_ids.front()))
      areas = domain::overview_subjects(group->year_groups);
  areas.push_back(domain::kWorkAttitude);
  areas.push_back(domain::kSocialEmotional);
  return areas;
}

json options(const std::vector<std::string>& values, const std::string& selected) {
  json out = json::array();
  for (const auto& v : values) out.push_back({{"value", v}, {"selected", v == selected}});
  return out;
}

// The sessions to tick off: each planned day of each line (domain::planned_days: no holiday)
// in the last two weeks of the term up to today, newest first, with what was logged.
json sessions_to_tick(const domain::Ihp& ihp, const domain::Date& today, const std::vector<domain::Holiday>& holidays) {
  json out = json::array();
  const domain::Date from = std::max(ihp.starts_on, domain::add_days(today, -13));
  const domain::Date to = std::min(ihp.ends_on, today);
  std::map<domain::Date, std::vector<const domain::OrganisationLine*>> by_day;
  for (const auto& line : ihp.organisation)
    for (const domain::Date& d : domain::planned_days(line, from, to, holidays)) by_day[d].push_back(&line);
  for (auto it = by_day.rbegin(); it != by_day.rend(); ++it)
    for (const domain::OrganisationLine* l : it->second) {
      const domain::OrganisationLine& line = *l;
      const domain::Date& d = it->first;
      const domain::SessionLog* logged = nullptr;
      for (const auto& s : ihp.sessions)
        if (s.line == line.number && s.on == d) logged = &s;
      out.push_back({{"on", d.iso()},
                     {"day", fmt::format("{} {}", kDayShort[domain::weekday(d) - 1], d.dutch())},
                     {"line", line.number},
                     {"line_text", fmt::format("{}, doel {}", line.who, line.goal)},
                     {"minutes", logged && logged->given ? logged->minutes : line.minutes},
                     {"given", logged && logged->given},
                     {"not_given", logged && !logged->given},
                     {"open", !logged},
                     {"note", logged ? logged->note : ""},
                     {"logged_by", logged ? logged->logged_by : ""}});
    }
  return out;
}

Response ihp_page(Context& ctx) {
  IhpInView v = ihp_in_view(ctx, ctx.id_param("id"));
  json model = ihp_view_json(ctx, v);
  const domain::Ihp& ihp = v.ihp;
  const bool write = model["may_write"].get<bool>();
  const auto areas = goal_areas(ctx, v.scope);
  json goals = json::array();
  for (size_t i = 0; i < ihp.goals.size(); ++i) {
    json g = model["goals"][i];
    // A goal's own area stays choosable, also when it is no subject of the pupil's group now.
    auto own = areas;
    if (!ihp.goals[i].area.empty() && std::find(own.begin(), own.end(), ihp.goals[i].area) == own.end())
      own.insert(own.begin(), ihp.goals[i].area);
    g["areas"] = options(own, ihp.goals[i].area);
    // Planned against given time once it runs (a concept plans nothing yet). Null, not
    // absent: an absent key would make the template find the page's own "effort" list.
    g["effort"] = nullptr;
    if (ihp.status != domain::IhpStatus::kDraft)
      for (const auto& e : model["effort"])
        if (e["goal"] == ihp.goals[i].number) g["effort"] = e;
    for (const auto& p : model["proposals"])
      if (p["goal"] == ihp.goals[i].number) g["proposal"] = p;
    g["verdict_label"] = ihp.goals[i].verdict ? json(domain::verdict_label(*ihp.goals[i].verdict)) : json(nullptr);
    g["verdicts"] = json::array({{{"key", ""}, {"label", "nog geen oordeel"}, {"selected", false}}});
    for (auto verdict : {domain::GoalVerdict::kReached, domain::GoalVerdict::kPartly, domain::GoalVerdict::kNotReached}) {
      const auto proposed = g.contains("proposal") ? g["proposal"]["verdict"].get<std::string>() : "";
      const auto chosen = ihp.goals[i].verdict ? domain::verdict_key(*ihp.goals[i].verdict) : proposed;
      if (chosen.empty()) g["verdicts"][0]["selected"] = true;
      g["verdicts"].push_back({{"key", domain::verdict_key(verdict)},
                               {"label", domain::verdict_label(verdict)},
                               {"selected", chosen == domain::verdict_key(verdict)}});
    }
    goals.push_back(g);
  }
  model["goal_rows"] = goals;
  model["new_goal_areas"] = options(areas, "");
  json lines = json::array();
  for (size_t i = 0; i < ihp.organisation.size(); ++i) {
    json l = model["organisation"][i];
    json days = json::array();
    for (int d = 1; d <= 5; ++d) {
      const auto& on = ihp.organisation[i].days;
      days.push_back({{"day", d}, {"label", kDayShort[d - 1]}, {"checked", std::find(on.begin(), on.end(), d) != on.end()}});
    }
    l["day_boxes"] = days;
    l["text"] = model["organisation_text"][i];
    lines.push_back(l);
  }
  model["organisation_rows"] = lines;
  json involved = json::array();
  for (const auto& i : ihp.involved) {
    json row = {{"name", i.name}, {"responsibility", i.responsibility}, {"role_label", domain::ihp_role_label(i.role)}};
    row["roles"] = json::array();
    for (const auto& r : domain::ihp_roles())
      row["roles"].push_back({{"key", r}, {"label", domain::ihp_role_label(r)}, {"selected", r == i.role}});
    involved.push_back(row);
  }
  model["involved_rows"] = involved;
  json roles = json::array();
  for (const auto& r : domain::ihp_roles()) roles.push_back({{"key", r}, {"label", domain::ihp_role_label(r)}});
  model["roles"] = roles;
  const bool running = ihp.status == domain::IhpStatus::kRunning;
  model["running"] = running;
  model["draft"] = ihp.status == domain::IhpStatus::kDraft;
  model["evaluated"] = ihp.status == domain::IhpStatus::kEvaluated;
  model["closed"] = ihp.status == domain::IhpStatus::kClosed;
  model["may_act"] = domain::may_write_ihp(ctx.who, v.scope);
  model["sessions_to_tick"] =
      running ? sessions_to_tick(
                    ihp, today_local(),
                    store::SchoolCalendarRepository(ctx.app.db).holidays(v.scope.school_id, ihp.starts_on, ihp.ends_on))
              : json::array();
  model["has_sessions_to_tick"] = !model["sessions_to_tick"].empty();
  json outcomes = json::array();
  for (auto o : {domain::IhpOutcome::kGoalReached, domain::IhpOutcome::kNewAdjustedIhp, domain::IhpOutcome::kExternalSteps})
    outcomes.push_back({{"key", domain::ihp_outcome_key(o)}, {"label", domain::ihp_outcome_label(o)}});
  model["outcomes"] = outcomes;
  model["outcome_label"] = ihp.outcome ? json(domain::ihp_outcome_label(*ihp.outcome)) : json(nullptr);
  model["term_text"] = ihp.starts_on.dutch() + " t/m " + ihp.ends_on.dutch();
  model["pupil_voice_at"] =
      ihp.pupil_voice.written_at.empty() ? "" : display_time(ihp.pupil_voice.written_at).substr(0, 10);
  model["parent_view_at"] =
      ihp.parent_view.written_at.empty() ? "" : display_time(ihp.parent_view.written_at).substr(0, 10);
  model["has_opp"] = ihp.opp.has_value();
  // The OPP: its yearly evaluation with the parents, and the factors from the record as a start.
  if (ihp.opp) {
    const domain::Date due = domain::opp_evaluation_due(*ihp.opp, ihp.starts_on);
    model["opp_due"] = due.dutch();
    model["opp_due_state"] = domain::opp_evaluation_state(due, today_local());
    json consents = json::array();
    for (const auto& c : ihp.opp->consents)
      consents.push_back(
          {{"who", c.who}, {"on", c.on.iso()}, {"on_text", c.on.dutch()}, {"agreed", c.agreed}, {"reason", c.reason}});
    model["opp_consents"] = consents;
    std::string held;
    for (const auto& d : ihp.opp->evaluations_with_parents) held += (held.empty() ? "" : ", ") + d.dutch();
    model["opp_evaluations_text"] = held.empty() ? "nog geen" : held;
  }
  // From the pupil's record: the aanpak per subject (beside the inhoud), and the factors an
  // OPP starts from.
  if (auto record = store::PupilRecordRepository(ctx.app.db).read(ihp.pupil_id, store::kNow)) {
    std::string approaches;
    for (const auto& a : record->line.approaches)
      approaches += (approaches.empty() ? "" : ", ") + a.subject + ": " + domain::approach_label(a.approach);
    model["approaches_text"] = approaches;
    if (!ihp.opp) {
      auto facts = domain::growth_document_facts(*record, 0);
      auto lines = [](const std::vector<domain::GrowthEntry>& entries) {
        std::string out;
        for (const auto& e : entries) out += (out.empty() ? "" : "\n") + e.text;
        return out;
      };
      model["opp_start"] = {{"hindering", lines(facts.hindering)}, {"helping", lines(facts.protective)}};
    }
  }
  model["versions_count"] = model["versions"].size();
  const std::string agree = ihp.parents_agree ? (*ihp.parents_agree ? "true" : "false") : "";
  model["agree_options"] = json::array({{{"key", ""}, {"label", "nog niet bekend"}, {"selected", agree.empty()}},
                                        {{"key", "true"}, {"label", "ja"}, {"selected", agree == "true"}},
                                        {{"key", "false"}, {"label", "nee"}, {"selected", agree == "false"}}});
  model["data"] = script_json(io::ihp_json(ihp));
  model["csrf"] = ctx.csrf;
  model["today"] = today_local().iso();
  model["message"] = ctx.notice_json();
  model["has_problems"] = !model["problems"].empty();
  model["edit"] = write;
  model["print_title"] = "IHP " + model.value("pupil_name", std::string());
  ctx.audit_view({ihp.pupil_id}, fmt::format("IHP {}", ihp.id));
  return ctx.page("ihp", "IHP " + model.value("pupil_name", std::string()), model);
}

// Starts a plan from the stamkaart or a pupil discussion (form field from_meeting) and opens it.
Response start_page(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(pupil);
  if (!domain::may_write_ihp(ctx.who, scope))
    throw HttpError{403, "Alleen de leerkracht van de leerling en de intern begeleider starten een IHP."};
  const std::string from = ctx.req.field("from_meeting");
  Id meeting = 0;
  if (!from.empty()) {
    try {
      meeting = std::stoll(from);
    } catch (const std::exception&) {
      throw HttpError{400, "from_meeting: verwacht een nummer."};
    }
  }
  const Id id = start_ihp_for(ctx, scope, 0, meeting);
  return Response::redirect(ctx.with_notice(fmt::format("/ihp/{}", id),
                                            "Het IHP is aangemaakt. De beginsituatie is wat Koers al weet van de "
                                            "leerling: vul aan, schrijf de doelen en sla op."));
}

}  // namespace

std::vector<Route> ihp_page_routes() {
  return {
      {"GET", "/ihp/:id", Capability::kSignedIn, ihp_page},
      {"POST", "/leerlingen/:id/ihp", Capability::kSignedIn, start_page},
  };
}

}  // namespace koers::web
