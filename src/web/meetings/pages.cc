// The meeting pages: the jaarplanning with the IB's inbox (/besprekingen), its .ics export,
// the IB's planning forms, a meeting (/besprekingen/{id}) and its print
// (/besprekingen/{id}/afdrukken). The meeting page edits through the API (static/meeting.js);
// without JavaScript it still reads and prints.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "common/clock.h"
#include "domain/year_planning.h"
#include "io/ics.h"
#include "store/care_team_repository.h"
#include "store/hgd_repository.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/plan_repository.h"
#include "web/meetings/meetings.h"
#include "web/school/calendar.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::MeetingKind;
using domain::MeetingStatus;
using nlohmann::json;

namespace {

const char* kMonths[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                         "augustus", "september", "oktober", "november", "december"};
const char* kWeekdays[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};

std::string day_text(const domain::Date& d) {
  return fmt::format("{} {} {}", kWeekdays[domain::weekday(d) - 1], d.day, kMonths[d.month - 1]);
}

json meeting_row(const MeetingView& v) {
  const auto& m = v.meeting;
  return {{"id", m.id},
          {"title", v.title},
          {"name", nz(v.name)},
          {"kind", domain::meeting_kind_key(m.kind)},
          {"kind_label", domain::meeting_kind_label(m.kind)},
          {"status", domain::date_passed_unheld(m, today_local()) ? std::string("verstreken")
                                                                  : domain::meeting_status_key(m.status)},
          {"status_label", domain::meeting_status_label(m, today_local())},
          {"day", m.planned_on ? json(day_text(*m.planned_on)) : json(nullptr)},
          {"time", nz(m.starts_at)}};
}

json agreement_rows(const std::vector<domain::Agreement>& list, const domain::Date& today) {
  json out = json::array();
  for (const auto& a : list)
    out.push_back({{"id", a.id},
                   {"action", a.action},
                   {"owner_name", a.owner_name},
                   {"due", a.due_on.dutch()},
                   {"overdue", domain::is_overdue(a, today)},
                   {"meeting_id", a.meeting_id},
                   {"meeting_title", a.meeting_title}});
  return out;
}

Response calendar_page(Context& ctx) {
  const bool ib = ctx.who.role == domain::Role::kSupportCoordinator;
  auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
  std::optional<domain::Date> from, to;
  if (year) from = year->starts_on, to = year->ends_on;
  json months = json::array(), requested = json::array(), sent = json::array(), care_team = json::array();
  std::string month_key;
  for (const MeetingView& v : visible_meetings(ctx, from, to)) {
    const auto& m = v.meeting;
    // Registered for the care team in a group discussion: waiting for the care team's part.
    for (const auto& r : m.registrations)
      if (r.kind == domain::RegistrationKind::kCareTeam) {
        auto p = ctx.app.pupils.find(r.pupil_id);
        care_team.push_back({{"pupil_id", r.pupil_id},
                             {"name", p ? p->name.display() : ""},
                             {"reason", nz(r.reason)},
                             {"origin", "groepsbespreking"},
                             {"origin_id", m.id},
                             {"source_href", fmt::format("/besprekingen/{}", m.id)},
                             {"source_title", v.title}});
      }
    if (!m.planned_on) {
      requested.push_back(meeting_row(v));
      continue;
    }
    if (m.status == MeetingStatus::kSent) sent.push_back(meeting_row(v));
    const std::string key = fmt::format("{}-{:02}", m.planned_on->year, m.planned_on->month);
    if (key != month_key) {
      months.push_back({{"name", fmt::format("{} {}", kMonths[m.planned_on->month - 1], m.planned_on->year)},
                        {"meetings", json::array()}});
      month_key = key;
    }
    months.back()["meetings"].push_back(meeting_row(v));
  }
  // An IHP closed with "externe stappen" registers the pupil for the care team too (the IB's list).
  if (ib)
    for (const auto& i :
         store::IhpRepository(ctx.app.db).closed_with(ctx.who.school_id, domain::IhpOutcome::kExternalSteps)) {
      auto p = ctx.app.pupils.find(i.pupil_id);
      care_team.push_back({{"pupil_id", i.pupil_id},
                           {"name", p ? p->name.display() : ""},
                           {"reason", "IHP afgesloten: externe stappen nodig"},
                           {"origin", "ihp"},
                           {"origin_id", i.id},
                           {"source_href", fmt::format("/ihp/{}", i.id)},
                           {"source_title", fmt::format("IHP {} t/m {}", i.starts_on.dutch(), i.ends_on.dutch())}});
    }
  // A registration whose pupil has an open care-team case links to it; else the IB opens one.
  if (ib) {
    std::map<domain::Id, domain::Id> open_case;
    for (const auto& c : store::CareTeamCaseRepository(ctx.app.db).of_school(ctx.who.school_id))
      if (c.status != domain::CaseStatus::kClosed && c.status != domain::CaseStatus::kReferred && !open_case.count(c.pupil_id))
        open_case[c.pupil_id] = c.id;
    for (auto& row : care_team)
      if (auto it = open_case.find(row["pupil_id"].get<domain::Id>()); it != open_case.end())
        row["case_href"] = fmt::format("/casus/{}", it->second);
  }
  const domain::Date today = today_local();
  store::MeetingRepository repo(ctx.app.db);
  json model{{"months", months},
             {"empty", months.empty()},
             {"ib", ib},
             {"requested", requested},
             {"has_requested", !requested.empty()},
             {"sent", sent},
             {"has_sent", !sent.empty()},
             {"care_team", care_team},
             {"has_care_team", !care_team.empty()},
             {"school_year", year ? year->name : ""},
             {"message", ctx.notice_json()}};
  if (ib || ctx.who.role == domain::Role::kHead) {
    json overdue = json::array();
    for (const auto& a : repo.agreements_of_school(ctx.who.school_id, true))
      if (domain::is_overdue(a, today)) overdue.push_back(agreement_rows({a}, today)[0]);
    model["overdue"] = overdue;
    model["has_overdue"] = !overdue.empty();
  }
  if (ib && year) {
    json groups = json::array(), periods = json::array();
    for (const auto& g : ctx.app.groups.groups_of_school(ctx.who.school_id, year->id))
      if (g.kind == domain::GroupKind::kRegular) groups.push_back({{"id", g.id}, {"label", g.label()}});
    for (const auto& p : ctx.app.schools.periods(ctx.who.school_id, year->id))
      periods.push_back({{"id", p.id}, {"name", p.name}, {"dates", p.starts_on.dutch() + " t/m " + p.ends_on.dutch()}});
    model["groups"] = groups;
    model["periods"] = periods;
    const PlanningCalendar cal = planning_calendar(ctx, ctx.who.school_id, *year);
    model["window_text"] = cal.weeks_after == 0 ? std::string("de laatste drie weken van de periode")
                                                : fmt::format("de laatste drie weken van de periode en {} {} erna", cal.weeks_after,
                                                              cal.weeks_after == 1 ? "week" : "weken");
    model["holiday_text"] = cal.holidays.empty()
                                ? std::string("er staan nog geen vakanties in de schoolkalender, dus Koers kan ze niet ontwijken.")
                                : fmt::format("{} vakanties en vrije dagen in de schoolkalender.", cal.holidays.size());
  }
  return ctx.page("meetings", "Besprekingen", model);
}

// The IB plans one meeting from the form.
Response plan_one(Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator) throw HttpError{403, "De IB plant de besprekingen."};
  auto kind = domain::parse_meeting_kind(ctx.req.field("kind"));
  auto on = domain::parse_iso_date(ctx.req.field("planned_on"));
  const std::string at = ctx.req.field("starts_at");
  if (!kind || *kind == MeetingKind::kPupilDiscussion || *kind == MeetingKind::kHgdAdvice)
    throw HttpError{400, "Kies een groepsbespreking of een zorgteamoverleg."};
  if (!on) throw HttpError{400, "Datum: kies een datum."};
  if (!at.empty() && !domain::minutes_of_day(at)) throw HttpError{400, "Tijd: een tijd als 14:15."};
  domain::Meeting m = domain::new_meeting(*kind, ctx.who.school_id, on);
  m.starts_at = at;
  m.location = ctx.req.field("location");
  if (*kind == MeetingKind::kGroupDiscussion) m.group_id = std::atoll(ctx.req.field("group_id").c_str());
  if (auto refused = place_new_meeting(ctx, m, ctx.req.field("follow_up") == "1"))
    return Response::redirect(ctx.with_notice(
        "/besprekingen", "Niet gepland: " + refused->why + (refused->holiday ? ". Kies een andere datum." : ".")));
  std::string evaluates;
  if (auto period = meeting_period(ctx, m)) evaluates = " De bespreking evalueert het groepsplan van " + period->name + ".";
  const Id id = store::MeetingRepository(ctx.app.db).create(m, ctx.who);
  return Response::redirect(ctx.with_notice(fmt::format("/besprekingen/{}", id),
                                            fmt::format("Gepland op {}{}.{}", on->dutch(), at.empty() ? "" : " om " + at, evaluates)));
}

// Koers proposes the group discussions of a period, or of every period still to come (in
// each period's discussion window, two a day, from tomorrow on), and the care-team
// meetings over the year; never in a holiday. The IB moves what does not suit afterwards.
Response plan_many(Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator) throw HttpError{403, "De IB plant de besprekingen."};
  auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
  if (!year) throw HttpError{400, "Er is nog geen schooljaar."};
  const PlanningCalendar cal = planning_calendar(ctx, ctx.who.school_id, *year);
  const std::vector<domain::Date> holidays = cal.closed_days();
  store::MeetingRepository repo(ctx.app.db);
  auto existing = repo.of_school(ctx.who.school_id, year->starts_on, year->ends_on, false);
  int planned = 0;
  std::string message;
  if (ctx.req.field("what") == "zorgteam") {
    const int count = std::atoi(ctx.req.field("count").c_str());
    if (count < 1 || count > 20) throw HttpError{400, "Aantal: 1 tot 20 keer per jaar."};
    // Pressed twice: the year's care-team meetings are there already.
    const auto planned_already = std::count_if(existing.begin(), existing.end(),
                                               [](const domain::Meeting& m) { return m.kind == MeetingKind::kCareTeam; });
    if (planned_already)
      return Response::redirect(
          ctx.with_notice("/besprekingen", fmt::format("Er staan al {} zorgteamoverleggen in de jaarplanning; plan een extra "
                                                       "overleg met de hand of verzet een datum op de pagina van het overleg.",
                                                       planned_already)));
    for (const domain::Date& d : domain::spread_evenly(year->starts_on, year->ends_on, count, 2, holidays)) {
      domain::Meeting m = domain::new_meeting(MeetingKind::kCareTeam, ctx.who.school_id, d);
      m.starts_at = "13:30";
      repo.create(m, ctx.who);
      ++planned;
    }
    message = fmt::format("{} zorgteamoverleggen gepland, verdeeld over het jaar (dinsdag 13:30){}.", planned,
                          cal.holidays.empty() ? "" : ", buiten de vakanties");
    if (planned < count) message += fmt::format(" Voor {} was geen vrije dinsdag.", count - planned);
    return Response::redirect(ctx.with_notice("/besprekingen", message));
  }

  const std::string period_id = ctx.req.field("period_id");
  const domain::Date tomorrow = domain::add_days(today_local(), 1);
  std::vector<domain::Period> chosen;
  for (const auto& p : cal.periods)
    if (period_id == "alle" ? tomorrow <= cal.window(p).to : std::to_string(p.id) == period_id)
      chosen.push_back(p);
  if (chosen.empty())
    throw HttpError{400, period_id == "alle" ? "Er is geen periode meer waarvan de groepsbesprekingen nog kunnen komen."
                                             : "Kies een periode."};
  std::map<domain::Date, int> per_day;
  for (const auto& m : existing)
    if (m.planned_on) ++per_day[*m.planned_on];
  std::vector<std::string> parts, gaps;
  for (const domain::Period& period : chosen) {
    std::vector<domain::Group> groups;
    for (const auto& g : ctx.app.groups.groups_of_school(ctx.who.school_id, year->id)) {
      bool has = std::any_of(existing.begin(), existing.end(), [&](const domain::Meeting& m) {
        return m.kind == MeetingKind::kGroupDiscussion && m.group_id == g.id && m.period_id == period.id;
      });
      if (!has && g.kind == domain::GroupKind::kRegular) groups.push_back(g);
    }
    if (groups.empty()) {
      parts.push_back(fmt::format("{}: alle groepen hadden er al een", period.name));
      continue;
    }
    domain::DateRange days = cal.window(period);
    days.from = std::max(days.from, tomorrow);
    std::vector<domain::Date> taken = holidays;
    for (const auto& [day, n] : per_day)
      if (n >= 2) taken.push_back(day);
    auto proposal = domain::propose_group_discussions(groups, days, taken);
    for (const auto& p : proposal) {
      domain::Meeting m = domain::new_meeting(MeetingKind::kGroupDiscussion, ctx.who.school_id, p.on);
      m.group_id = p.group_id;
      m.period_id = period.id;
      m.starts_at = p.starts_at;
      repo.create(m, ctx.who);
      ++per_day[p.on];
      ++planned;
    }
    if (proposal.empty() && days.to < days.from)
      parts.push_back(fmt::format("{}: de tijd voor de groepsbesprekingen is voorbij", period.name));
    else
      parts.push_back(fmt::format("{}: {} tussen {} en {}", period.name, proposal.size(), days.from.dutch(), days.to.dutch()));
    if (proposal.size() < groups.size())
      gaps.push_back(fmt::format("{} groep(en) in {}", groups.size() - proposal.size(), period.name));
  }
  message = fmt::format("{} groepsbesprekingen gepland ({}).", planned, fmt::join(parts, "; "));
  if (!gaps.empty()) message += fmt::format(" Geen plek meer voor {}: plan die met de hand.", fmt::join(gaps, " en "));
  return Response::redirect(ctx.with_notice("/besprekingen", message));
}

// A teacher (of the pupil) or the IB registers a pupil for a pupil discussion from the
// stamkaart, with the hulpvraag; it joins the IB's queue. An open one is not made twice.
Response register_pupil(Context& ctx) {
  const Id pupil_id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(pupil_id);
  if (ctx.who.role != domain::Role::kTeacher && ctx.who.role != domain::Role::kSupportCoordinator)
    throw HttpError{403, "Alleen de leerkracht of de IB meldt een leerling aan."};
  store::MeetingRepository repo(ctx.app.db);
  for (const auto& m : repo.of_pupil(pupil_id))
    if (m.kind == MeetingKind::kPupilDiscussion && m.status != MeetingStatus::kReported)
      return Response::redirect(ctx.with_notice(fmt::format("/besprekingen/{}", m.id),
                                                "Deze leerling is al aangemeld; vul hier het formulier aan."));
  const std::string question = ctx.req.field("help_question");
  if (question.find_first_not_of(" \t\r\n") == std::string::npos)
    return Response::redirect(ctx.with_notice(fmt::format("/leerlingen/{}#dossier", pupil_id),
                                              "Aanmelden: schrijf de hulpvraag."));
  domain::Meeting m = domain::new_meeting(MeetingKind::kPupilDiscussion, ctx.who.school_id, std::nullopt);
  m.pupil_id = pupil_id;
  m.group_id = scope.current_group_ids.empty() ? 0 : scope.current_group_ids.front();
  m.form.help_question = question;
  const Id id = repo.create(m, ctx.who);
  return Response::redirect(ctx.with_notice(fmt::format("/besprekingen/{}", id),
                                            "Aangemeld. De IB plant de leerlingbespreking; vul het formulier verder aan."));
}

Response calendar_ics(Context& ctx) {
  auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
  const std::string installation = ctx.app.db.installation_id();
  std::vector<io::CalendarEvent> events;
  for (const MeetingView& v : visible_meetings(ctx, year ? std::optional(year->starts_on) : std::nullopt,
                                               year ? std::optional(year->ends_on) : std::nullopt)) {
    const auto& m = v.meeting;
    if (!m.planned_on) continue;
    io::CalendarEvent e;
    e.uid = fmt::format("bespreking-{}-{}@koers", m.id, installation);
    e.sequence = m.version;
    e.on = *m.planned_on;
    e.starts_at = m.starts_at;
    e.minutes = m.minutes;
    // An adviesgesprek HGD leaves without the pupil's name: that it is about diagnostics is special data.
    e.summary = m.kind == MeetingKind::kHgdAdvice ? domain::meeting_kind_label(m.kind)
                                                  : v.title.substr(0, v.title.rfind(" · "));
    // A link to the meeting, and no pupil data: that never leaves Koers this way.
    e.description = "Koers: " + ctx.app.options.public_url + "/besprekingen/" + std::to_string(m.id);
    e.location = m.location;
    e.updated_at = m.updated_at;
    events.push_back(e);
  }
  Response r = Response::html(io::write_ics("Koers besprekingen", events));
  r.content_type = "text/calendar; charset=utf-8";
  r.header("Content-Disposition", "attachment; filename=\"koers-besprekingen.ics\"");
  return r;
}

json meeting_model(Context& ctx, const MeetingView& v, bool print) {
  json j = meeting_view_json(ctx, v);
  const auto& m = v.meeting;
  json model{{"meeting", j}, {"title", v.title}, {"print", print}};
  model["meeting_data"] = script_json(j);
  model["group_discussion"] = m.kind == MeetingKind::kGroupDiscussion;
  model["pupil_discussion"] = m.kind == MeetingKind::kPupilDiscussion;
  model["care_team"] = m.kind == MeetingKind::kCareTeam;
  model["hgd_advice"] = m.kind == MeetingKind::kHgdAdvice;
  if (m.kind == MeetingKind::kHgdAdvice)
    if (auto h = store::HgdRepository(ctx.app.db).find(m.hgd_id))
      model["hgd"] = {
          {"href", fmt::format("/hgd/{}", h->id)},
          {"text", fmt::format("HGD bij {} ({}), aangevraagd op {} · {}", h->expert_name, h->expert_discipline,
                               h->requested_on.dutch(), domain::hgd_status_label(h->status))}};
  if (m.kind == MeetingKind::kCareTeam && !print) model["care_agenda"] = care_team_agenda_model(ctx, v);
  model["day"] = m.planned_on ? json(day_text(*m.planned_on) + " " + std::to_string(m.planned_on->year)) : json(nullptr);
  model["sent_text"] = m.sent_at.empty() ? json(nullptr) : json("Verstuurd door " + m.sent_by + " op " + display_time(m.sent_at));
  model["reported_text"] =
      m.reported_at.empty() ? json(nullptr) : json("Verslag vastgesteld door " + m.reported_by + " op " + display_time(m.reported_at));
  if (m.group_id) {
    if (auto g = ctx.app.groups.find(m.group_id)) model["group"] = {{"id", g->id}, {"label", g->label()}};
  }
  // What is under discussion: the overview and plan as sent, else as they are now.
  if (m.kind == MeetingKind::kGroupDiscussion) {
    const auto evaluated = meeting_period(ctx, m);
    model["period_name"] = evaluated ? json(evaluated->name) : json(nullptr);
    // The plan of a period that has not begun cannot be opened yet: say so instead of a link.
    model["period_later"] = evaluated && today_local() < evaluated->starts_on;
    if (evaluated && today_local() < evaluated->starts_on)
      model["period_note"] = fmt::format("{} begint op {}: het groepsoverzicht en het groepsplan van die periode zijn er vanaf dan.",
                                         evaluated->name, evaluated->starts_on.dutch());
    else if (m.sent_at.empty() &&
             store::PlanRepository(ctx.app.db).versions(m.group_id, m.period_id).empty())
      model["period_note"] = "Er is nog geen opgeslagen groepsplan van " + (evaluated ? evaluated->name : std::string("deze periode")) +
                             ": open het groepsplan en sla het op; het gaat met het groepsoverzicht naar de IB.";
    const std::string period = m.period_id ? fmt::format("periode={}", m.period_id) : "";
    model["overview_href"] = fmt::format("/groepen/{}/overzicht?{}{}", m.group_id, period,
                                         m.sent_at.empty() ? "" : "&stand=" + url_encode(m.sent_at));
    model["plan_href"] = fmt::format("/groepen/{}/groepsplan?{}{}", m.group_id, period,
                                     m.plan_version ? fmt::format("&versie={}", m.plan_version) : "");
    model["frozen"] = !m.sent_at.empty();
    // Pupils of the group for a registration.
    json pupils = json::array();
    for (const auto& p : ctx.app.groups.pupils_of_group(m.group_id))
      if (!p.left) pupils.push_back({{"id", p.id}, {"name", p.name.display()}});
    model["group_pupils"] = pupils;
  }
  if (m.kind == MeetingKind::kPupilDiscussion) {
    model["growth"] = growth_document_json(ctx, m.pupil_id, m.id);
    model["outcomes"] = json::array();
    for (auto o : domain::all_outcomes())
      model["outcomes"].push_back({{"key", domain::outcome_key(o)}, {"label", domain::outcome_label(o)}, {"selected", o == m.outcome}});
    model["outcome_label"] = domain::outcome_label(m.outcome);
    model["outcome_note"] = nz(m.outcome_note);
    if (m.source_meeting_id) model["source_href"] = fmt::format("/besprekingen/{}", m.source_meeting_id);
    // The outcome "een IHP starten" leads somewhere: to the plan itself, with this meeting.
    if (m.outcome == domain::PupilDiscussionOutcome::kStartIhp)
      if (auto scope = ctx.app.pupils.scope(m.pupil_id); scope && domain::may_write_ihp(ctx.who, *scope))
        model["start_ihp"] = {{"pupil_id", m.pupil_id}, {"meeting_id", m.id}};
  }
  model["owners"] = agreement_owner_options(ctx);
  model["has_agreements"] = !m.agreements.empty();
  model["today"] = today_local().iso();
  model["time"] = nz(m.starts_at);
  model["location"] = nz(m.location);
  // Unticked points show at the checklist itself; what is open is said in one line.
  if (const auto gaps = domain::preparation_gaps(m); !gaps.empty() && j["may"]["send"].get<bool>()) {
    const auto open = std::count_if(m.checklist.begin(), m.checklist.end(), [](const auto& c) { return !c.done; });
    std::string text = open ? fmt::format("Nog {} van de {} punten niet afgevinkt", open, m.checklist.size()) : "";
    if (m.questions.find_first_not_of(" \t\r\n") == std::string::npos)
      text += text.empty() ? "Nog geen bespreekpunten of vragen" : " en nog geen bespreekpunten of vragen";
    model["gaps_text"] = nz(text.empty() ? "" : text + ". U kunt toch versturen.");
  }
  model["plan_version_text"] = m.plan_version ? json(fmt::format("versie {}", m.plan_version)) : json(nullptr);
  // Read-only readers get no empty save bar over the page.
  bool has_actions = false;
  for (const char* action : {"agree", "send", "hold", "report", "cancel"})
    has_actions = has_actions || j["may"].value(action, false);
  model["has_actions"] = has_actions && !print;
  model["has_registration_problems"] = j.contains("registration_problems") && !j["registration_problems"].empty();
  model["message"] = ctx.notice_json();
  return model;
}

Response meeting_page(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  return ctx.page("meeting", v.title, meeting_model(ctx, v, false));
}

Response meeting_print(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  json model = meeting_model(ctx, v, true);
  model["print_page"] = true;
  model["print_title"] = (v.meeting.kind == domain::MeetingKind::kPupilDiscussion ? "Groeidocument — " : "Verslag — ") + v.title;
  return ctx.page("meeting_print", v.title, model);
}

}  // namespace

// The start page's part: the principal's open agreements, and for the IB the inbox.
nlohmann::json start_panels(Context& ctx) {
  const domain::Date today = today_local();
  store::MeetingRepository repo(ctx.app.db);
  json mine = agreement_rows(repo.agreements_of_owner(ctx.who.account_id, true), today);
  json out{{"agreements", mine}, {"has_agreements", !mine.empty()}};
  json upcoming = json::array();
  for (const MeetingView& v : visible_meetings(ctx, today, std::nullopt))
    if (v.meeting.planned_on && upcoming.size() < 3 && v.meeting.status != MeetingStatus::kReported)
      upcoming.push_back(meeting_row(v));
  out["upcoming"] = upcoming;
  out["has_upcoming"] = !upcoming.empty();
  if (ctx.who.role == domain::Role::kSupportCoordinator) {
    int sent = 0, requested = 0;
    for (const auto& m : repo.of_school(ctx.who.school_id, std::nullopt, std::nullopt)) {
      sent += m.status == MeetingStatus::kSent;
      requested += m.status == MeetingStatus::kRequested;
    }
    out["inbox"] = {{"sent", sent}, {"requested", requested}};
    out["has_inbox"] = sent + requested > 0;
  }
  return out;
}

std::vector<Route> meeting_page_routes() {
  std::vector<Route> routes = school_calendar_routes();  // before /besprekingen/:id
  std::vector<Route> own = {
      {"GET", "/besprekingen", Capability::kSeeGroups, calendar_page},
      {"GET", "/besprekingen.ics", Capability::kSeeGroups, calendar_ics},
      {"POST", "/besprekingen", Capability::kSeeGroups, plan_one},
      {"POST", "/besprekingen/voorstel", Capability::kSeeGroups, plan_many},
      {"GET", "/besprekingen/:id", Capability::kSeeGroups, meeting_page},
      {"GET", "/besprekingen/:id/afdrukken", Capability::kSeeGroups, meeting_print},
      {"POST", "/leerlingen/:id/leerlingbespreking", Capability::kSeeGroups, register_pupil},
  };
  for (Route& r : own) routes.push_back(std::move(r));
  return routes;
}

}  // namespace koers::web
