// The IHP over the API. GET/POST /api/v1/pupils/{id}/ihps lists a pupil's plans and starts
// one (beginsituatie pre-filled from what Koers knows, term the current period; or, with
// "previous", the next adjusted plan after an evaluated one). GET/PUT /api/v1/ihps/{id}
// reads and saves (PUT: the "version" it is based on; 409 with the latest otherwise).
// POST …/start, …/evaluate (the verdicts, Koers' proposals confirmed where none is sent),
// …/close (the outcome moves the pupil: "doel-bereikt" places them back in a subgroup in a
// new version of the group plan, "nieuw-ihp" starts the next plan), …/sessions (a session
// ticked off) and …/parent-view (the parent's own words). The pupil's teacher and the IB
// write, the head reads, a parent reads and adds their view; every read and change is
// audited for the pupil.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/clock.h"
#include "domain/author.h"
#include "domain/pupil_record.h"
#include "io/ihp_json.h"
#include "store/ihp_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_record_repository.h"
#include "store/school_calendar_repository.h"
#include "web/ihps/ihps.h"
#include "web/overview/overview.h"
#include "web/plans/plans.h"
#include "web/request_input.h"
#include "web/signals/signals.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

// The school year's periods of the pupil's school.
std::vector<domain::Period> periods_of(Context& ctx, Id school_id) {
  auto year = ctx.app.schools.current_school_year(school_id);
  return year ? ctx.app.schools.periods(school_id, year->id) : std::vector<domain::Period>{};
}

// The pupil's line of the current overview (results, approaches), for verdict proposals.
std::optional<domain::OverviewLine> pupil_line(Context& ctx, const domain::PupilScope& scope) {
  if (scope.current_group_ids.empty()) return std::nullopt;
  auto pupils = ctx.app.groups.pupils_of_group(scope.current_group_ids.front());
  std::erase_if(pupils, [&](const store::PupilListRow& p) { return p.id != scope.pupil_id; });
  auto lines = overview_lines(ctx, scope.school_id, pupils, store::kNow);
  if (lines.empty()) return std::nullopt;
  return lines.front();
}

}  // namespace

IhpInView ihp_in_view(Context& ctx, Id id) {
  store::IhpRepository repo(ctx.app.db);
  auto owner = repo.owner(id);
  if (!owner) refuse_not_found("dit IHP");
  domain::PupilScope scope;
  try {
    scope = ctx.pupil_in_view(owner->second);
  } catch (const HttpError&) {
    refuse_not_found("dit IHP");
  }
  if (!domain::may_view_ihp(ctx.who, scope)) refuse_not_found("dit IHP");
  auto ihp = repo.latest(id);
  if (!ihp) refuse_not_found("dit IHP");
  return {std::move(*ihp), scope};
}

namespace {

using Loaded = IhpInView;

Loaded load_ihp(Context& ctx) { return ihp_in_view(ctx, ctx.id_param("id")); }

Loaded load_to_write(Context& ctx) {
  Loaded l = load_ihp(ctx);
  if (!domain::may_write_ihp(ctx.who, l.scope))
    throw HttpError{403, "Alleen de leerkracht van de leerling en de intern begeleider schrijven het IHP."};
  return l;
}

}  // namespace

json ihp_view_json(Context& ctx, const IhpInView& l) {
  json out = io::ihp_json(l.ihp);
  if (auto p = ctx.app.pupils.find(l.ihp.pupil_id)) out["pupil_name"] = p->name.display();
  const auto periods = periods_of(ctx, l.scope.school_id);
  auto warning = domain::term_warning(l.ihp, periods);
  out["term_warning"] = warning ? json(*warning) : json(nullptr);
  out["problems"] = domain::ihp_problems(l.ihp);
  json lines = json::array();
  for (const auto& line : l.ihp.organisation) lines.push_back(domain::describe(line));
  out["organisation_text"] = lines;
  const auto holidays =
      store::SchoolCalendarRepository(ctx.app.db).holidays(l.scope.school_id, l.ihp.starts_on, l.ihp.ends_on);
  json effort = json::array();
  for (const auto& e : domain::goal_effort(l.ihp, today_local(), holidays))
    effort.push_back({{"goal", e.goal},
                      {"planned_sessions", e.planned_sessions},
                      {"planned_minutes", e.planned_minutes},
                      {"given_sessions", e.given_sessions},
                      {"given_minutes", e.given_minutes},
                      {"not_given", e.not_given},
                      {"share_given", std::lround(e.share_given() * 100)},
                      {"carried_out", e.carried_out_label()}});
  out["effort"] = effort;
  // Koers' proposals while the plan runs: shown beside the goals, confirmed at the evaluation.
  json proposals = json::array();
  if (l.ihp.status == domain::IhpStatus::kRunning)
    if (auto line = pupil_line(ctx, l.scope)) {
      domain::Ihp proposed = l.ihp;
      propose_ihp_verdicts(proposed, *line);
      for (const auto& g : proposed.goals)
        if (!g.confirmed && g.verdict)
          proposals.push_back(
              {{"goal", g.number}, {"verdict", domain::verdict_key(*g.verdict)}, {"evidence", g.evidence}});
    }
  out["proposals"] = proposals;
  // Each version with what it changed against the one before (the first: "aangemaakt").
  json versions = json::array();
  store::IhpRepository repo(ctx.app.db);
  std::optional<domain::Ihp> previous;
  for (const auto& v : repo.versions(l.ihp.id)) {
    auto current = repo.version(l.ihp.id, v.version);
    std::vector<std::string> changes;
    if (previous && current) changes = domain::ihp_changes(*previous, *current);
    versions.push_back(
        {{"version", v.version},
         {"saved_by", v.saved_by},
         {"saved_at", v.saved_at},
         {"saved_at_text", display_time(v.saved_at)},
         {"changes", changes},
         {"changes_text", !previous         ? "aangemaakt"
                          : changes.empty() ? "geen wijziging in de rubrieken"
                                            : "gewijzigd: " + fmt::format("{}", fmt::join(changes, ", "))}});
    previous = std::move(current);
  }
  out["versions"] = versions;
  out["may_write"] = domain::may_write_ihp(ctx.who, l.scope) &&
                     (l.ihp.status == domain::IhpStatus::kDraft || l.ihp.status == domain::IhpStatus::kRunning);
  out["may_add_parent_view"] = domain::may_add_parent_view(ctx.who, l.scope);
  return out;
}

namespace {

Response ihp_response(Context& ctx, Loaded& l, int status = 200) {
  json body = ihp_view_json(ctx, l);
  ctx.audit_view({l.ihp.pupil_id}, fmt::format("IHP {}", l.ihp.id));
  return Response::json(body.dump(), status);
}

// Saves `ihp` as the version after `based_on`; the saved plan or the 409 with the latest.
Response store_ihp(Context& ctx, Loaded& l, const domain::Ihp& ihp, int based_on) {
  auto saved = store::IhpRepository(ctx.app.db).save(ihp, based_on, ctx.who);
  if (auto* conflict = std::get_if<store::IhpConflict>(&saved)) {
    Loaded latest{*store::IhpRepository(ctx.app.db).latest(ihp.id), l.scope};
    return Response::json(json{{"error",
                                "Het IHP is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                "vergelijk met de nieuwste versie en sla opnieuw op."},
                               {"latest_version", conflict->latest_version},
                               {"latest", ihp_view_json(ctx, latest)}}
                              .dump(),
                          409);
  }
  l.ihp = std::get<domain::Ihp>(saved);
  return ihp_response(ctx, l);
}

Response list_ihps(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(pupil);
  if (!domain::may_view_ihp(ctx.who, scope)) refuse_not_found("deze leerling");
  json out = json::array();
  for (const auto& s : store::IhpRepository(ctx.app.db).of_pupil(pupil)) out.push_back(ihp_summary_json(s));
  ctx.audit_view({pupil}, "IHP's");
  return Response::json(out.dump());
}

Response create_ihp(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(pupil);
  if (!domain::may_write_ihp(ctx.who, scope))
    throw HttpError{403, "Alleen de leerkracht van de leerling en de intern begeleider starten een IHP."};
  json in = json_object_body(ctx.req);
  Id previous = 0, meeting = 0;
  try {
    previous = io::integer_field(in, "previous", "");
    meeting = io::integer_field(in, "from_meeting", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  Loaded l = ihp_in_view(ctx, start_ihp_for(ctx, scope, previous, meeting));
  return ihp_response(ctx, l, 201);
}

Response get_ihp(Context& ctx) {
  Loaded l = load_ihp(ctx);
  return ihp_response(ctx, l);
}

Response save_ihp(Context& ctx) {
  Loaded l = load_to_write(ctx);
  json in = versioned_body(ctx);
  if (l.ihp.status != domain::IhpStatus::kDraft && l.ihp.status != domain::IhpStatus::kRunning)
    throw HttpError{409, "Een " + domain::ihp_status_label(l.ihp.status) +
                             " IHP verandert niet meer; start zo nodig een nieuw, bijgesteld IHP."};
  domain::Ihp ihp;
  try {
    ihp = io::ihp_from_json(in);
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  // What the writer does not own stays as stored: who, where it came from, the lifecycle,
  // the sessions, and the parent's own words.
  ihp.id = l.ihp.id;
  ihp.pupil_id = l.ihp.pupil_id;
  ihp.from_meeting = l.ihp.from_meeting;
  ihp.previous = l.ihp.previous;
  ihp.status = l.ihp.status;
  ihp.sessions = l.ihp.sessions;
  ihp.parent_view = l.ihp.parent_view;
  // The pupil's words carry who wrote them down and when; unchanged, they keep both.
  if (ihp.pupil_voice.text == l.ihp.pupil_voice.text)
    ihp.pupil_voice = l.ihp.pupil_voice;
  else
    ihp.pupil_voice = {ihp.pupil_voice.text, domain::author_name(ctx.who), now_utc()};
  if (auto problems = domain::ihp_problems(ihp); !problems.empty())
    return Response::json(json{{"error", "Het IHP is niet opgeslagen."}, {"problems", problems}}.dump(), 422);
  return store_ihp(ctx, l, ihp, in["version"].get<int>());
}

Response start(Context& ctx) {
  Loaded l = load_to_write(ctx);
  try {
    domain::start_ihp(l.ihp);
  } catch (const domain::IhpError& e) {
    throw HttpError{409, e.what()};
  }
  store::IhpRepository(ctx.app.db).set_status(l.ihp.id, l.ihp.status, std::nullopt, ctx.who);
  return ihp_response(ctx, l);
}

// {"version": n, "verdicts": [{"goal": 1, "verdict": "behaald", "evidence": "…"}], "evaluation": "…"}:
// the verdicts sent count as the writer's; a goal not sent takes Koers' proposal, confirmed.
Response evaluate(Context& ctx) {
  Loaded l = load_to_write(ctx);
  json in = versioned_body(ctx);
  domain::Ihp ihp = l.ihp;
  if (auto line = pupil_line(ctx, l.scope)) domain::propose_ihp_verdicts(ihp, *line);
  for (auto& g : ihp.goals)
    if (g.verdict) g.confirmed = true;
  try {
    const json& verdicts = io::array_field(in, "verdicts", "");
    for (size_t i = 0; i < verdicts.size(); ++i) {
      const std::string at = fmt::format("verdicts[{}]", i);
      if (!verdicts[i].is_object()) throw io::JsonFieldError(at + ": verwacht een object");
      const int number = static_cast<int>(io::integer_field(verdicts[i], "goal", at));
      auto goal = std::find_if(ihp.goals.begin(), ihp.goals.end(), [&](const auto& g) { return g.number == number; });
      if (goal == ihp.goals.end())
        throw io::JsonFieldError(fmt::format("{}.goal: doel {} staat niet in het plan", at, number));
      auto verdict = domain::parse_verdict(io::text_field(verdicts[i], "verdict", at));
      if (!verdict) throw io::JsonFieldError(at + ".verdict: verwacht behaald, deels of niet-behaald");
      goal->verdict = verdict;
      goal->confirmed = true;
      if (verdicts[i].contains("evidence")) goal->evidence = io::text_field(verdicts[i], "evidence", at);
    }
    if (in.contains("evaluation")) ihp.evaluation = io::text_field(in, "evaluation", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  try {
    domain::evaluate_ihp(ihp);
  } catch (const domain::IhpError& e) {
    throw HttpError{409, e.what()};
  }
  auto saved = store::IhpRepository(ctx.app.db).save(ihp, in["version"].get<int>(), ctx.who);
  if (std::holds_alternative<store::IhpConflict>(saved))
    throw HttpError{409, "Het IHP is intussen door een ander opgeslagen: laad de nieuwste versie en evalueer opnieuw."};
  store::IhpRepository(ctx.app.db).set_status(ihp.id, ihp.status, std::nullopt, ctx.who);
  l.ihp = std::get<domain::Ihp>(saved);
  l.ihp.status = ihp.status;
  return ihp_response(ctx, l);
}

// {"outcome": "doel-bereikt" | "nieuw-ihp" | "externe-stappen"}.
Response close(Context& ctx) {
  Loaded l = load_to_write(ctx);
  json in = json_object_body(ctx.req);
  auto outcome = domain::parse_ihp_outcome(
      in.contains("outcome") && in["outcome"].is_string() ? in["outcome"].get<std::string>() : "");
  if (!outcome) throw HttpError{400, "outcome: verwacht doel-bereikt, nieuw-ihp of externe-stappen"};
  try {
    domain::close_ihp(l.ihp, *outcome);
  } catch (const domain::IhpError& e) {
    throw HttpError{409, e.what()};
  }
  json result;
  if (*outcome == domain::IhpOutcome::kGoalReached && !l.scope.current_group_ids.empty()) {
    // The pupil rejoins a subgroup: the next version of the current group plan places them.
    const Id group = l.scope.current_group_ids.front();
    PlanSelection ps = load_plan(ctx, group, "huidig", 0, false);
    if (!ps.plan.evaluation_closed) {
      domain::rejoin_subgroups(ps.plan, l.ihp, ps.sel.overview);
      const int based_on = ps.versions.empty() ? 0 : ps.versions.back().version;
      auto saved = store::PlanRepository(ctx.app.db).save(ps.plan, based_on, ctx.who, {}, ps.sel.overview.subjects);
      if (auto* plan = std::get_if<domain::GroupPlan>(&saved))
        result["group_plan"] = {{"group_id", group}, {"period_id", plan->period_id}, {"version", plan->version}};
    }
  }
  store::IhpRepository(ctx.app.db).set_status(l.ihp.id, l.ihp.status, l.ihp.outcome, ctx.who);
  if (*outcome == domain::IhpOutcome::kNewAdjustedIhp) {
    domain::Ihp next = domain::next_ihp(l.ihp, periods_of(ctx, l.scope.school_id), today_local());
    result["next_ihp"] = store::IhpRepository(ctx.app.db).create(next, l.scope.school_id, ctx.who).id;
  }
  json body = ihp_view_json(ctx, l);
  body["closed"] = result.is_null() ? json::object() : result;
  ctx.audit_view({l.ihp.pupil_id}, fmt::format("IHP {}", l.ihp.id));
  return Response::json(body.dump());
}

// {"line": 1, "on": "2026-12-02", "given": true, "minutes": 20, "note": "…"}: while it runs.
Response log_session(Context& ctx) {
  Loaded l = load_to_write(ctx);
  if (l.ihp.status != domain::IhpStatus::kRunning)
    throw HttpError{409, "Sessies worden afgevinkt zolang het IHP loopt."};
  json in = json_object_body(ctx.req);
  domain::SessionLog s;
  try {
    s.line = static_cast<int>(io::integer_field(in, "line", ""));
    auto on = domain::parse_iso_date(io::text_field(in, "on", ""));
    if (!on) throw io::JsonFieldError("on: verwacht een datum als 2026-12-02");
    s.on = *on;
    s.given = io::flag_field(in, "given", "");
    s.minutes = s.given ? static_cast<int>(io::integer_field(in, "minutes", "")) : 0;
    s.note = io::text_field(in, "note", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (s.on > today_local()) throw HttpError{422, "Een sessie wordt afgevinkt op of na de dag zelf, niet vooraf."};
  domain::Ihp check = l.ihp;
  std::erase_if(check.sessions, [&](const auto& x) { return x.line == s.line && x.on == s.on; });
  check.sessions.push_back(s);
  for (const auto& problem : domain::ihp_problems(check))
    if (problem.rfind("Uitvoering", 0) == 0) throw HttpError{422, problem};
  store::IhpRepository(ctx.app.db).log_session(l.ihp.id, s, ctx.who);
  l.ihp = *store::IhpRepository(ctx.app.db).latest(l.ihp.id);
  return ihp_response(ctx, l);
}

// {"text": "…"}: the parent's view, with who and when.
Response parent_view(Context& ctx) {
  Loaded l = load_ihp(ctx);
  if (!domain::may_add_parent_view(ctx.who, l.scope))
    throw HttpError{403, "Alleen de ouders van de leerling schrijven hun kijk op het IHP."};
  json in = json_object_body(ctx.req);
  std::string text;
  try {
    text = io::text_field(in, "text", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw HttpError{422, "text: schrijf uw kijk op het plan."};
  if (l.ihp.status == domain::IhpStatus::kClosed) throw HttpError{409, "Dit IHP is afgesloten."};
  domain::Ihp ihp = l.ihp;
  ihp.parent_view = {text, domain::author_name(ctx.who), now_utc()};
  auto saved = store::IhpRepository(ctx.app.db).save(ihp, l.ihp.version, ctx.who);
  if (std::holds_alternative<store::IhpConflict>(saved))
    throw HttpError{409, "Het plan is net veranderd; probeer het opnieuw."};
  l.ihp = std::get<domain::Ihp>(saved);
  return ihp_response(ctx, l);
}

}  // namespace

json ihp_summary_json(const store::IhpSummary& s) {
  return {{"id", s.id},
          {"status", domain::ihp_status_key(s.status)},
          {"status_label", domain::ihp_status_label(s.status)},
          {"outcome", s.outcome ? json(domain::ihp_outcome_key(*s.outcome)) : json(nullptr)},
          {"outcome_label", s.outcome ? json(domain::ihp_outcome_label(*s.outcome)) : json(nullptr)},
          {"starts_on", s.starts_on.iso()},
          {"ends_on", s.ends_on.iso()},
          {"term", s.starts_on.dutch() + " t/m " + s.ends_on.dutch()},
          {"version", s.version},
          {"saved_by", s.saved_by},
          {"saved_at", s.saved_at}};
}

Id start_ihp_for(Context& ctx, const domain::PupilScope& scope, Id previous, Id from_meeting) {
  const auto periods = periods_of(ctx, scope.school_id);
  store::IhpRepository repo(ctx.app.db);
  domain::Ihp ihp;
  try {
    if (previous) {
      auto old = repo.latest(previous);
      if (!old || old->pupil_id != scope.pupil_id)
        throw HttpError{404, "Het vorige IHP van deze leerling bestaat niet."};
      ihp = domain::next_ihp(*old, periods, today_local());
    } else {
      ihp = domain::new_ihp(scope.pupil_id, periods, today_local());
      ihp.starting_situation = starting_situation(ctx, scope.pupil_id);
    }
  } catch (const domain::IhpError& e) {
    throw HttpError{409, e.what()};
  }
  ihp.from_meeting = from_meeting;
  return repo.create(ihp, scope.school_id, ctx.who).id;
}

std::string starting_situation(Context& ctx, Id pupil_id) {
  auto record = store::PupilRecordRepository(ctx.app.db).read(pupil_id, store::kNow);
  return record ? domain::growth_document_facts(*record, 0).summary : "";
}

std::vector<Route> ihp_routes() {
  return {
      {"GET", "/api/v1/pupils/:id/ihps", Capability::kSignedIn, list_ihps},
      {"POST", "/api/v1/pupils/:id/ihps", Capability::kSignedIn, create_ihp},
      {"GET", "/api/v1/ihps/:id", Capability::kSignedIn, get_ihp},
      {"PUT", "/api/v1/ihps/:id", Capability::kSignedIn, save_ihp},
      {"POST", "/api/v1/ihps/:id/start", Capability::kSignedIn, start},
      {"POST", "/api/v1/ihps/:id/evaluate", Capability::kSignedIn, evaluate},
      {"POST", "/api/v1/ihps/:id/close", Capability::kSignedIn, close},
      {"POST", "/api/v1/ihps/:id/sessions", Capability::kSignedIn, log_session},
      {"POST", "/api/v1/ihps/:id/parent-view", Capability::kSignedIn, parent_view},
  };
}

}  // namespace koers::web
