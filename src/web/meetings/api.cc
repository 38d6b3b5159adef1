// The meetings API: GET /api/v1/meetings?from=&to=, POST /api/v1/meetings (the IB plans
// one), GET/PUT /api/v1/meetings/{id} (optimistic concurrency with "version": a stale write
// gets 409 and loses nothing; a change to what is frozen gets 409 naming it), the
// transitions POST …/send (teacher), …/hold and …/report (IB), …/plan (the IB gives a date),
// GET /api/v1/agreements?owner=me|school and POST /api/v1/agreements/{id}/done.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "common/clock.h"
#include "io/mail.h"
#include "io/meeting_json.h"
#include "store/meeting_repository.h"
#include "store/plan_repository.h"
#include "web/hgd/hgd.h"
#include "web/meetings/meetings.h"
#include "web/request_input.h"
#include "web/school/calendar.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::MeetingActor;
using domain::MeetingKind;
using nlohmann::json;

namespace {

bool teaches(const domain::Principal& who, Id group_id) {
  return std::find(who.group_ids.begin(), who.group_ids.end(), group_id) != who.group_ids.end();
}

std::string pupil_name(Context& ctx, Id pupil_id) {
  auto p = ctx.app.pupils.find(pupil_id);
  return p ? p->name.display() : fmt::format("leerling {}", pupil_id);
}

// Access without auditing: whether the principal may see the meeting, and as whom.
std::optional<MeetingActor> access(Context& ctx, const domain::Meeting& m, bool throwing) {
  if (m.school_id != ctx.who.school_id) {
    if (throwing) refuse_not_found("deze bespreking");
    return std::nullopt;
  }
  // An adviesgesprek HGD: as its HGD request (the IB leads it, the pupil's teacher takes part;
  // the head, another teacher: refused).
  if (m.kind == MeetingKind::kHgdAdvice) {
    switch (hgd_actor_of_meeting(ctx, m)) {
      case domain::HgdActor::kCoordinator:
        return MeetingActor::kSupportCoordinator;
      case domain::HgdActor::kReader:
        return MeetingActor::kTeacher;
      default:
        break;
    }
    if (throwing)
      throw HttpError{403,
                      "Een adviesgesprek over een HGD zien alleen de intern begeleider en de leerkracht van de "
                      "leerling."};
    return std::nullopt;
  }
  const bool ib = ctx.who.role == domain::Role::kSupportCoordinator;
  if (ib || ctx.who.role == domain::Role::kHead)
    return domain::actor_for(ctx.who.role, false);
  // A teacher: the meetings of their own groups (a pupil discussion by its group then).
  if (ctx.who.role == domain::Role::kTeacher && m.kind != MeetingKind::kCareTeam) {
    bool mine = teaches(ctx.who, m.group_id);
    if (!mine && m.kind == MeetingKind::kPupilDiscussion && throwing) {
      ctx.pupil_in_view(m.pupil_id);  // 404 unless the pupil is in one of their groups now
      mine = true;
    }
    if (mine) return MeetingActor::kTeacher;
  }
  if (throwing) refuse_not_found("deze bespreking");
  return std::nullopt;
}

MeetingView view_of(Context& ctx, domain::Meeting m, MeetingActor actor) {
  MeetingView v;
  if (m.kind == MeetingKind::kPupilDiscussion || m.kind == MeetingKind::kHgdAdvice)
    v.name = pupil_name(ctx, m.pupil_id);
  else if (m.kind == MeetingKind::kGroupDiscussion)
    if (auto g = ctx.app.groups.find(m.group_id)) v.name = g->name;
  v.title = domain::meeting_title(m, v.name);
  v.actor = actor;
  v.meeting = std::move(m);
  return v;
}

std::vector<Id> pupils_of(const domain::Meeting& m) {
  std::vector<Id> out;
  if (m.pupil_id) out.push_back(m.pupil_id);
  for (const auto& r : m.registrations) out.push_back(r.pupil_id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<domain::Date> date_query(Context& ctx, const std::string& key) {
  const std::string text = ctx.query(key);
  if (text.empty()) return std::nullopt;
  auto d = domain::parse_iso_date(text);
  if (!d) throw HttpError{400, fmt::format("{}: verwacht een datum (JJJJ-MM-DD)", key)};
  return d;
}

Response list_api(Context& ctx) {
  json out = json::array();
  for (const MeetingView& v : visible_meetings(ctx, date_query(ctx, "from"), date_query(ctx, "to"))) {
    json j = io::meeting_json(v.meeting);
    out.push_back({{"id", v.meeting.id},
                   {"kind", j["kind"]},
                   {"status", j["status"]},
                   {"title", v.title},
                   {"group_id", v.meeting.group_id},
                   {"pupil_id", v.meeting.pupil_id},
                   {"period_id", v.meeting.period_id ? json(v.meeting.period_id) : json(nullptr)},
                   {"planned_on", j["planned_on"]},
                   {"starts_at", v.meeting.starts_at},
                   {"minutes", v.meeting.minutes}});
  }
  return Response::json(out.dump());
}

Response get_api(Context& ctx) { return Response::json(meeting_view_json(ctx, load_meeting(ctx, ctx.id_param("id"))).dump()); }

// The IB plans a meeting: {kind, group_id | pupil_id, planned_on, starts_at, location}.
Response create_api(Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator) throw HttpError{403, "De IB plant de besprekingen."};
  json in = json_object_body(ctx.req);
  domain::Meeting m;
  try {
    domain::Meeting sent = io::meeting_from_json(in);
    auto kind = domain::parse_meeting_kind(io::text_field(in, "kind", ""));
    if (!kind) throw HttpError{400, "kind: groepsbespreking, leerlingbespreking of zorgteam"};
    if (*kind == MeetingKind::kHgdAdvice)
      throw HttpError{400, "kind: een adviesgesprek plant de IB vanuit de HGD (POST /api/v1/hgd/{id}/meeting)"};
    if (*kind != MeetingKind::kPupilDiscussion && !sent.planned_on) throw HttpError{400, "planned_on: kies een datum"};
    m = domain::new_meeting(*kind, ctx.who.school_id, sent.planned_on);
    m.starts_at = sent.starts_at;
    m.location = sent.location;
    if (sent.minutes > 0 && in.contains("minutes")) m.minutes = sent.minutes;
    if (!m.starts_at.empty() && !domain::minutes_of_day(m.starts_at)) throw HttpError{400, "starts_at: een tijd als 14:15"};
    auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
    if (*kind == MeetingKind::kGroupDiscussion) m.group_id = sent.group_id;
    if (*kind != MeetingKind::kPupilDiscussion)
      if (auto refused = place_new_meeting(ctx, m, io::flag_field(in, "follow_up", "")))
        throw HttpError{409, refused->holiday ? "planned_on: " + refused->why
                                              : "Groepsbespreking: " + refused->why + " (\"follow_up\": true)."};
    if (*kind == MeetingKind::kPupilDiscussion) {
      domain::PupilScope scope = ctx.pupil_in_view(sent.pupil_id);
      m.pupil_id = sent.pupil_id;
      m.group_id = scope.current_group_ids.empty() ? 0 : scope.current_group_ids.front();
      if (sent.planned_on && year) m.period_id = period_of(ctx, ctx.who.school_id, year->id, *sent.planned_on);
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  const Id id = store::MeetingRepository(ctx.app.db).create(m, ctx.who);
  return Response::json(meeting_view_json(ctx, load_meeting(ctx, id)).dump(), 201);
}

Response conflict(Context& ctx, Id id, int latest_version) {
  MeetingView latest = load_meeting(ctx, id);
  return Response::json(json{{"error", "De bespreking is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                       "vergelijk met de nieuwste versie en sla opnieuw op."},
                             {"latest_version", latest_version},
                             {"latest", meeting_view_json(ctx, latest)}}
                            .dump(),
                        409);
}

Response store(Context& ctx, const domain::Meeting& m, int based_on, std::optional<store::PlanToSend> plan = {}) {
  std::variant<domain::Meeting, store::MeetingConflict> saved;
  try {
    saved = store::MeetingRepository(ctx.app.db).save(m, based_on, ctx.who, plan);
  } catch (const store::MeetingSendError& e) {
    throw HttpError{409, e.what()};
  } catch (const store::MeetingLinkError& e) {
    throw HttpError{409, e.what()};
  }
  if (auto* c = std::get_if<store::MeetingConflict>(&saved)) return conflict(ctx, m.id, c->latest_version);
  return Response::json(meeting_view_json(ctx, load_meeting(ctx, m.id)).dump());
}

Response put_api(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  json in = versioned_body(ctx);
  const int based_on = in["version"].get<int>();
  if (v.actor == MeetingActor::kReader) throw HttpError{403, "U kunt deze bespreking alleen lezen."};
  domain::Meeting submitted;
  try {
    submitted = io::meeting_from_json(in);
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (based_on != v.meeting.version) return conflict(ctx, v.meeting.id, v.meeting.version);
  // Owners of new agreements are staff of this school.
  json owners = agreement_owner_options(ctx);
  for (const auto& a : submitted.agreements)
    if (a.id == 0 && a.owner_account_id &&
        std::none_of(owners.begin(), owners.end(), [&](const json& o) { return o["id"] == a.owner_account_id; }))
      throw HttpError{422, fmt::format("Afspraak \"{}\": kies iemand van deze school", a.action)};
  for (const auto& r : submitted.registrations)
    if (r.pupil_id) ctx.pupil_in_view(r.pupil_id);
  // An agreement is ticked off by whoever carries it out, or by the IB.
  for (const auto& stored : v.meeting.agreements)
    for (const auto& a : submitted.agreements)
      if (a.id == stored.id && a.done_on != stored.done_on && stored.owner_account_id != ctx.who.account_id &&
          v.actor != MeetingActor::kSupportCoordinator)
        throw HttpError{403, fmt::format("Afspraak \"{}\": alleen wie haar uitvoert (of de IB) vinkt haar af.", stored.action)};
  auto merged = domain::apply_edit(v.meeting, submitted, v.actor);
  if (auto* error = std::get_if<std::string>(&merged)) throw HttpError{409, *error};
  return store(ctx, std::get<domain::Meeting>(merged), based_on);
}

// The IB's e-mail when a teacher sent a preparation, through the school's SMTP relay (none
// configured: the inbox in Koers only). The notice names the meeting and links to it; it
// carries no pupil data. Sent beside the request so a slow relay never holds a page up;
// a failure is logged.
void notify_support_coordinators(Context& ctx, const MeetingView& v) {
  const store::MailSettings mail = ctx.app.schools.mail_settings(v.meeting.school_id);
  if (mail.smtp_host.empty()) return;
  io::MailMessage m;
  m.from = mail.mail_from;
  m.to = ctx.app.schools.support_coordinator_addresses(v.meeting.school_id);
  if (m.to.empty()) return;
  const std::string who = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
  m.subject = "Koers: " + v.title + " — voorbereiding ontvangen";
  m.body = fmt::format(
      "{} heeft de voorbereiding van de {} verstuurd{}.\n\n"
      "U vindt de vragen, het groepsoverzicht en het groepsplan in Koers, onder Besprekingen > Postvak{}.\n\n"
      "Deze e-mail bevat bewust geen leerlinggegevens.\n",
      who, v.title, v.meeting.kind == MeetingKind::kGroupDiscussion ? " met het groepsoverzicht en het groepsplan" : "",
      ctx.app.options.public_url.empty() ? "" : fmt::format(":\n{}/besprekingen/{}", ctx.app.options.public_url, v.meeting.id));
  if (!mail.password_problem.empty()) {
    std::cerr << "e-mail aan de IB niet verstuurd: " << mail.password_problem << "\n";
    return;
  }
  io::MailServer server = store::SchoolRepository::mail_server(mail);
  server.client_name = public_host(ctx.app.options.public_url);
  server.ca_file = ctx.app.options.smtp_ca_file;
  std::thread([server, m] {
    if (auto error = io::send_mail(server, m)) std::cerr << "e-mail aan de IB niet verstuurd: " << *error << "\n";
  }).detach();
}

// A transition: the domain decides; the store saves it as the next version.
Response transition(Context& ctx, const std::string& what) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  json in = versioned_body(ctx);
  if (in["version"].get<int>() != v.meeting.version) return conflict(ctx, v.meeting.id, v.meeting.version);
  domain::Meeting m = v.meeting;
  const std::string who = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
  std::optional<std::string> error;
  std::optional<store::PlanToSend> plan;
  if (what == "send") {
    int version = 0;
    if (m.kind == MeetingKind::kGroupDiscussion) {
      // The latest saved plan of the period is the version under discussion; sent with it,
      // unless the teacher already sent that version from the plan page.
      auto versions = store::PlanRepository(ctx.app.db).versions(m.group_id, m.period_id);
      if (!versions.empty()) {
        version = versions.back().version;
        if (versions.back().sent_at.empty()) plan = store::PlanToSend{m.group_id, m.period_id, version};
      } else if (domain::Meeting probe = m; !domain::send(probe, v.actor, 1, who, "").has_value()) {
        // Everything else is in order: say once, in words, which plan is missing.
        throw HttpError{409, missing_plan_text(ctx, v.meeting)};
      }
    }
    error = domain::send(m, v.actor, version, who, now_utc());
  } else if (what == "hold") {
    error = domain::hold(m, v.actor, now_utc());
  } else if (what == "report") {
    if (auto gaps = care_team_report_gaps(ctx, m); !gaps.empty() && v.actor == MeetingActor::kSupportCoordinator)
      throw HttpError{409, fmt::format("Het verslag kan nog niet worden vastgesteld: {}.", fmt::join(gaps, "; "))};
    error = domain::finalise_report(m, v.actor, who, now_utc());
  } else {
    auto on = in.contains("planned_on") && in["planned_on"].is_string() ? domain::parse_iso_date(in["planned_on"].get<std::string>())
                                                                        : std::nullopt;
    const std::string at = io::text_field(in, "starts_at", "");
    if (!on) throw HttpError{400, "planned_on: verwacht een datum (JJJJ-MM-DD)"};
    if (!at.empty() && !domain::minutes_of_day(at)) throw HttpError{400, "starts_at: een tijd als 14:15"};
    if (auto year = ctx.app.schools.current_school_year(m.school_id))
      if (auto holiday = holiday_refusal(planning_calendar(ctx, m.school_id, *year), *on))
        throw HttpError{409, "planned_on: " + *holiday};
    error = domain::reschedule(m, v.actor, *on, at);
  }
  if (error) throw HttpError{v.actor == MeetingActor::kReader ? 403 : 409, *error};
  Response r = store(ctx, m, v.meeting.version, plan);
  if (what == "send" && r.status == 200) notify_support_coordinators(ctx, v);
  return r;
}

// DELETE /api/v1/meetings/{id} {"version": N}: the IB cancels a meeting planned by mistake.
Response cancel_api(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  json in = versioned_body(ctx);
  if (in["version"].get<int>() != v.meeting.version) return conflict(ctx, v.meeting.id, v.meeting.version);
  if (auto error = domain::cancel_check(v.meeting, v.actor))
    throw HttpError{v.actor == MeetingActor::kSupportCoordinator ? 409 : 403, *error};
  if (v.actor == MeetingActor::kSupportCoordinator && care_team_agenda_size(ctx, v.meeting) > 0)
    throw HttpError{409, "er staan casussen op de agenda van dit zorgteamoverleg: haal ze er eerst af"};
  if (!store::MeetingRepository(ctx.app.db).remove(v.meeting, ctx.who)) return conflict(ctx, v.meeting.id, v.meeting.version);
  return Response::json(json{{"cancelled", v.meeting.id}}.dump());
}

json agreement_json(const domain::Agreement& a, const domain::Date& today) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"meeting_title", a.meeting_title},
          {"action", a.action},
          {"owner_account_id", a.owner_account_id},
          {"owner_name", a.owner_name},
          {"due_on", a.due_on.iso()},
          {"done_on", a.done_on ? json(a.done_on->iso()) : json(nullptr)},
          {"overdue", domain::is_overdue(a, today)}};
}

Response agreements_api(Context& ctx) {
  const std::string owner = ctx.query("owner");
  const bool open_only = ctx.query("open") != "nee";
  store::MeetingRepository repo(ctx.app.db);
  std::vector<domain::Agreement> list;
  if (owner.empty() || owner == "me") {
    list = repo.agreements_of_owner(ctx.who.account_id, open_only);
  } else if (owner == "school") {
    if (ctx.who.role != domain::Role::kSupportCoordinator && ctx.who.role != domain::Role::kHead)
      throw HttpError{403, "Alleen de IB en de directeur zien de afspraken van de hele school."};
    list = repo.agreements_of_school(ctx.who.school_id, open_only);
  } else {
    throw HttpError{400, "owner: me of school"};
  }
  json out = json::array();
  const domain::Date today = today_local();
  for (const auto& a : list) out.push_back(agreement_json(a, today));
  return Response::json(out.dump());
}

// The owner ticks their agreement off (or the IB does); {"done": true|false}.
Response agreement_done_api(Context& ctx) {
  const Id id = ctx.id_param("id");
  store::MeetingRepository repo(ctx.app.db);
  auto a = repo.agreement(id);
  auto m = a ? repo.find(a->meeting_id) : std::nullopt;
  if (!m || m->school_id != ctx.who.school_id) refuse_not_found("deze afspraak");
  if (a->owner_account_id != ctx.who.account_id && ctx.who.role != domain::Role::kSupportCoordinator)
    throw HttpError{403, "Alleen wie de afspraak uitvoert (of de IB) vinkt haar af."};
  json in = json_object_body(ctx.req);
  if (!in.contains("done") || !in["done"].is_boolean()) throw HttpError{400, "done: true of false"};
  const domain::Date today = today_local();
  repo.set_agreement_done(id, in["done"].get<bool>() ? std::optional(today) : std::nullopt, ctx.who);
  return Response::json(agreement_json(*repo.agreement(id), today).dump());
}

}  // namespace

std::optional<MeetingRefusal> place_new_meeting(Context& ctx, domain::Meeting& m, bool follow_up) {
  std::optional<PlanningCalendar> cal;  // none before the school's first year: no holidays, no periods
  if (auto year = ctx.app.schools.current_school_year(ctx.who.school_id)) cal = planning_calendar(ctx, ctx.who.school_id, *year);
  if (cal)
    if (auto holiday = holiday_refusal(*cal, *m.planned_on)) return MeetingRefusal{*holiday, true};
  if (m.kind != MeetingKind::kGroupDiscussion) return std::nullopt;
  if (ctx.group_in_view(m.group_id).school_id != ctx.who.school_id) throw HttpError{403, "Deze groep hoort niet bij uw school."};
  m.period_id = cal ? evaluated_period(*cal, *m.planned_on) : 0;
  if (auto twice = domain::second_group_discussion(store::MeetingRepository(ctx.app.db).of_school(ctx.who.school_id, {}, {}),
                                                   m.group_id, m.period_id, follow_up))
    return MeetingRefusal{*twice, false};
  return std::nullopt;
}

std::optional<domain::Period> meeting_period(Context& ctx, const domain::Meeting& m) {
  if (!m.period_id || !m.group_id) return std::nullopt;
  auto group = ctx.app.groups.find(m.group_id);
  if (!group) return std::nullopt;
  for (const auto& p : ctx.app.schools.periods(group->school_id, group->school_year_id))
    if (p.id == m.period_id) return p;
  return std::nullopt;
}

std::string missing_plan_text(Context& ctx, const domain::Meeting& m) {
  auto period = meeting_period(ctx, m);
  if (!period) return "deze groepsbespreking hoort bij geen periode: de IB plant haar opnieuw binnen een periode";
  if (today_local() < period->starts_on)
    return fmt::format("de bespreking evalueert {}, die begint op {}; het groepsplan van die periode is er nog niet",
                       period->name, period->starts_on.dutch());
  return fmt::format("sla eerst het groepsplan van {} op (Groepsplan › Opslaan): het wordt met het groepsoverzicht verstuurd",
                     period->name);
}

Id period_of(Context& ctx, Id school_id, Id school_year_id, const domain::Date& on) {
  for (const auto& p : ctx.app.schools.periods(school_id, school_year_id))
    if (p.starts_on <= on && on <= p.ends_on) return p.id;
  return 0;
}

MeetingView load_meeting(Context& ctx, Id id) {
  auto m = store::MeetingRepository(ctx.app.db).find(id);
  if (!m) refuse_not_found("deze bespreking");
  MeetingActor actor = *access(ctx, *m, true);
  MeetingView v = view_of(ctx, std::move(*m), actor);
  if (auto pupils = pupils_of(v.meeting); !pupils.empty()) ctx.audit_view(pupils, v.title);
  return v;
}

std::vector<MeetingView> visible_meetings(Context& ctx, std::optional<domain::Date> from, std::optional<domain::Date> to) {
  std::vector<MeetingView> out;
  if (!ctx.who.school_id) return out;
  for (auto& m : store::MeetingRepository(ctx.app.db).of_school(ctx.who.school_id, from, to))
    if (auto actor = access(ctx, m, false)) out.push_back(view_of(ctx, std::move(m), *actor));
  return out;
}

json agreement_owner_options(Context& ctx) {
  json out = json::array();
  for (const auto& a : ctx.app.accounts.accounts_of_board(ctx.who.board_id))
    if (a.active && a.school_id == ctx.who.school_id &&
        (a.role == domain::Role::kTeacher || a.role == domain::Role::kSupportCoordinator || a.role == domain::Role::kHead))
      out.push_back({{"id", a.id}, {"name", a.display_name}, {"me", a.id == ctx.who.account_id}});
  return out;
}

json meeting_view_json(Context& ctx, const MeetingView& v) {
  const domain::Meeting& m = v.meeting;
  json j = io::meeting_json(m);
  j["title"] = v.title;
  j["name"] = v.name;
  j["kind_label"] = domain::meeting_kind_label(m.kind);
  j["status_label"] = domain::meeting_status_label(m, today_local());
  j["date_passed"] = domain::date_passed_unheld(m, today_local());
  const bool ib = v.actor == MeetingActor::kSupportCoordinator, teacher = v.actor == MeetingActor::kTeacher;
  const auto s = m.status;
  using S = domain::MeetingStatus;
  const bool before_sent = s == S::kRequested || s == S::kPlanned || s == S::kPrepared;
  const bool before_reported = s != S::kReported;
  j["actor"] = ib ? "ib" : teacher ? "leerkracht" : "lezer";
  j["may"] = {{"prepare", teacher && before_sent},
              {"send", teacher && (s == S::kPlanned || s == S::kPrepared) && m.kind != MeetingKind::kCareTeam},
              {"plan", ib && (before_sent || s == S::kSent)},
              {"record", ib && before_reported},
              {"hold", ib && (s == S::kPlanned || s == S::kPrepared || s == S::kSent)},
              {"report", ib && s == S::kHeld},
              {"summarise", teacher && before_reported},
              {"agree", (ib || teacher)},
              {"cancel", !domain::cancel_check(m, v.actor)}};
  j["preparation_gaps"] = domain::preparation_gaps(m);
  for (auto& r : j["registrations"]) r["name"] = pupil_name(ctx, r["pupil_id"].get<Id>());
  if (m.kind == MeetingKind::kPupilDiscussion) j["registration_problems"] = domain::registration_problems(m.form);
  for (auto& p : j["participants"]) p["role_label"] = domain::participant_role_label(p["role"].get<std::string>());
  const domain::Date today = today_local();
  for (size_t i = 0; i < m.agreements.size(); ++i) {
    const auto& a = m.agreements[i];
    j["agreements"][i]["overdue"] = domain::is_overdue(a, today);
    j["agreements"][i]["may_tick"] = ib || (teacher && a.owner_account_id == ctx.who.account_id);
    j["agreements"][i]["due_text"] = a.due_on.dutch();
    j["agreements"][i]["done_text"] = a.done_on ? json(a.done_on->dutch()) : json(nullptr);
  }
  return j;
}

std::vector<Route> meeting_routes() {
  return {
      {"GET", "/api/v1/meetings", Capability::kSeeGroups, list_api},
      {"POST", "/api/v1/meetings", Capability::kSeeGroups, create_api},
      {"GET", "/api/v1/meetings/:id", Capability::kSeeGroups, get_api},
      {"PUT", "/api/v1/meetings/:id", Capability::kSeeGroups, put_api},
      {"DELETE", "/api/v1/meetings/:id", Capability::kSeeGroups, cancel_api},
      {"POST", "/api/v1/meetings/:id/send", Capability::kSeeGroups, [](Context& c) { return transition(c, "send"); }},
      {"POST", "/api/v1/meetings/:id/hold", Capability::kSeeGroups, [](Context& c) { return transition(c, "hold"); }},
      {"POST", "/api/v1/meetings/:id/report", Capability::kSeeGroups, [](Context& c) { return transition(c, "report"); }},
      {"POST", "/api/v1/meetings/:id/plan", Capability::kSeeGroups, [](Context& c) { return transition(c, "plan"); }},
      {"GET", "/api/v1/agreements", Capability::kSeeGroups, agreements_api},
      {"POST", "/api/v1/agreements/:id/done", Capability::kSeeGroups, agreement_done_api},
  };
}

}  // namespace koers::web
