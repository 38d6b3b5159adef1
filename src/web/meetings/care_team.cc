// The care-team meeting's agenda (zorgteamoverleg, issue 15) on the meetings API and pages.
// API: GET /api/v1/meetings/{id}/cases (the agenda as the caller may see it: the IB and head
// all of it; a teacher the cases of pupils they teach; an external only the cases they are
// invited to with a consent in force — anything else answers as an unknown meeting), POST
// …/cases (the IB puts a case on: consent required for every external), PUT
// …/cases/{caseId} (invitation, order, discussion, advice, decisions, new agreements; based on
// its "version"), DELETE …/cases/{caseId} (off again while nothing is recorded). The report is
// finalised with the meeting's own POST …/report, once every case is discussed; then all of it
// is read-only. Pages: the agenda section of /besprekingen/{id}, its forms, the A4 report per
// case (/besprekingen/{id}/casussen/{caseId}/afdrukken) and GET /besprekingen/{id}/casussen for the
// external and the teacher. Every read and change is audited for the pupil.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/care_team_meeting.h"
#include "io/json_fields.h"
#include "store/care_team_agenda_repository.h"
#include "store/care_team_repository.h"
#include "store/meeting_repository.h"
#include "web/cases/cases.h"
#include "web/forms.h"
#include "web/meetings/meetings.h"
#include "web/request_input.h"
#include "web/view_models.h"

namespace koers::web {

using domain::CareTeamCase;
using domain::CaseOnAgenda;
using domain::Capability;
using domain::Id;
using domain::MeetingActor;
using domain::Role;
using nlohmann::json;

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The meeting for the IB (who changes the agenda); 404 for whoever may not see it, 403 for the head.
MeetingView meeting_for_ib(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  if (v.actor != MeetingActor::kSupportCoordinator) throw HttpError{403, "De IB zet casussen op de agenda en legt de bespreking vast."};
  if (v.meeting.kind != domain::MeetingKind::kCareTeam)
    throw HttpError{409, "Dit is geen zorgteamoverleg: alleen daar staan casussen op de agenda."};
  return v;
}

std::string meeting_words(const domain::Meeting& m) {
  return m.planned_on ? "het zorgteamoverleg van " + m.planned_on->dutch() : "het zorgteamoverleg";
}

json agreements_json(const std::vector<domain::Agreement>& list) {
  json out = json::array();
  const domain::Date today = today_local();
  for (const auto& a : list)
    out.push_back({{"id", a.id},
                   {"action", a.action},
                   {"owner_account_id", a.owner_account_id},
                   {"owner_name", a.owner_name},
                   {"due_on", a.due_on.iso()},
                   {"due_text", a.due_on.dutch()},
                   {"done_on", a.done_on ? json(a.done_on->iso()) : json(nullptr)},
                   {"done_text", a.done_on ? json(a.done_on->dutch()) : json(nullptr)},
                   {"overdue", domain::is_overdue(a, today)}});
  return out;
}

// One case of the agenda as the API and pages show it.
json item_json(const CaseOnAgenda& i, const CareTeamCase& c) {
  const domain::Date today = today_local();
  json invited = json::array(), members = json::array();
  for (const auto& m : c.members) {
    const auto access = domain::external_access(c, m.account_id, today);
    const bool in = std::find(i.externals.begin(), i.externals.end(), m.account_id) != i.externals.end();
    // "Ingrid Smit (orthopedagoog)": the discipline once, also when the name already carries it.
    const std::string label = m.name.find("(" + m.discipline + ")") != std::string::npos
                                  ? m.name
                                  : fmt::format("{} ({})", m.name, m.discipline);
    json one{{"account_id", m.account_id}, {"name", m.name}, {"discipline", m.discipline}, {"label", label}, {"invited", in},
             {"consent", access.allowed()}, {"refusal", access.allowed() ? json(nullptr) : json(access.reason)}};
    members.push_back(one);
    if (in) invited.push_back(one);
  }
  return {{"case_id", i.case_id},
          {"meeting_id", i.meeting_id},
          {"pupil_id", i.pupil_id},
          {"pupil_name", i.pupil_name},
          {"order", i.order},
          {"case_status", domain::case_status_key(c.status)},
          {"case_status_label", domain::case_status_label(c.status)},
          {"help_question", c.help_question},
          {"externals", invited},
          {"members", members},
          {"teacher_account_id", i.teacher_account_id ? json(i.teacher_account_id) : json(nullptr)},
          {"teacher_name", i.teacher_name},
          {"parents_invited", i.parents_invited},
          {"discussion", i.discussion},
          {"advice", i.advice},
          {"decisions", i.decisions},
          {"agreements", agreements_json(i.agreements)},
          {"has_agreements", !i.agreements.empty()},
          {"version", i.version},
          {"case_version", c.version},
          {"case_href", fmt::format("/casus/{}", i.case_id)},
          {"print_href", fmt::format("/besprekingen/{}/casussen/{}/afdrukken", i.meeting_id, i.case_id)}};
}

CareTeamCase case_of(Context& ctx, Id case_id) {
  auto c = store::CareTeamCaseRepository(ctx.app.db).find(case_id);
  if (!c) refuse_not_found("deze casus");
  return *c;
}

// A teacher account of the meeting's school, or 0; else the error naming the field.
Id teacher_field(Context& ctx, const json& in, const char* field, Id school_id) {
  if (!in.contains(field) || in[field].is_null()) return 0;
  if (!in[field].is_number_integer()) throw HttpError{400, fmt::format("{}: verwacht een account (getal) of null", field)};
  const Id id = in[field].get<Id>();
  if (id == 0) return 0;
  auto a = ctx.app.accounts.find(id);
  if (!a || !a->active || a->school_id != school_id || a->role != Role::kTeacher)
    throw HttpError{422, fmt::format("{}: account {} is geen leerkracht van deze school.", field, id)};
  return id;
}

std::vector<Id> externals_field(const json& in) {
  std::vector<Id> out;
  const json& list = io::array_field(in, "externals", "");
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_number_integer()) throw io::JsonFieldError(fmt::format("externals[{}]: verwacht een account (getal)", i));
    out.push_back(list[i].get<Id>());
  }
  return out;
}

std::string invitation_words(const CaseOnAgenda& i, const CareTeamCase& c, const std::string& teacher) {
  std::vector<std::string> who;
  for (const auto& m : c.members)
    if (std::find(i.externals.begin(), i.externals.end(), m.account_id) != i.externals.end())
      who.push_back(fmt::format("{} ({})", m.name, m.discipline));
  if (i.teacher_account_id) who.push_back(teacher.empty() ? "de leerkracht" : "leerkracht " + teacher);
  if (i.parents_invited) who.push_back("de ouders");
  return who.empty() ? "niemand van buiten de school" : fmt::format("{}", fmt::join(who, ", "));
}

Response conflict_response(Context& ctx, const store::AgendaConflict& c) {
  (void)ctx;
  return Response::json(json{{"error", fmt::format("{} is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                                   "laad de pagina opnieuw, vergelijk en sla opnieuw op.",
                                                   c.what == "de casus" ? "De casus" : "Het agendapunt")}}
                            .dump(),
                        409);
}

// POST /api/v1/meetings/{id}/cases {"case_id", "externals"?, "teacher_account_id"?, "parents_invited"?}
Response add_case(Context& ctx) {
  MeetingView v = meeting_for_ib(ctx);
  json in = json_object_body(ctx.req);
  Id case_id = 0;
  std::optional<std::vector<Id>> externals;
  bool parents = false;
  try {
    case_id = io::integer_field(in, "case_id", "");
    if (in.contains("externals")) externals = externals_field(in);
    parents = in.contains("parents_invited") && io::flag_field(in, "parents_invited", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (!case_id) throw HttpError{400, "case_id: noem de casus"};
  CaseInView cv = case_in_view(ctx, case_id);  // 404 for another school's case
  CareTeamCase c = cv.c;
  const int case_version = c.version;
  const domain::Date today = today_local();
  if (auto refused = domain::put_on_agenda(c, v.meeting, {}, today)) throw HttpError{409, *refused};
  CaseOnAgenda item;
  item.meeting_id = v.meeting.id;
  item.case_id = c.id;
  item.pupil_id = c.pupil_id;
  item.school_id = c.school_id;
  item.status_before = cv.c.status;
  item.parents_invited = parents;
  item.teacher_account_id = teacher_field(ctx, in, "teacher_account_id", v.meeting.school_id);
  if (externals) {
    item.externals = *externals;
  } else {
    for (const auto& m : c.members)
      if (domain::external_access(c, m.account_id, today).allowed()) item.externals.push_back(m.account_id);
  }
  if (auto problems = domain::invitation_problems(item, c, today); !problems.empty())
    return Response::json(json{{"error", problems.front()}, {"problems", problems}}.dump(), 422);
  std::string teacher;
  if (item.teacher_account_id)
    if (auto a = ctx.app.accounts.find(item.teacher_account_id)) teacher = a->display_name;
  auto added = store::CareTeamAgendaRepository(ctx.app.db)
                   .add(item, {c, case_version}, ctx.who,
                        fmt::format("op de agenda van {} gezet (status: {} → {}); uitgenodigd: {}", meeting_words(v.meeting),
                                    domain::case_status_label(cv.c.status), domain::case_status_label(c.status),
                                    invitation_words(item, c, teacher)));
  if (auto* conflict = std::get_if<store::AgendaConflict>(&added)) return conflict_response(ctx, *conflict);
  return Response::json(item_json(std::get<CaseOnAgenda>(added), case_of(ctx, c.id)).dump(), 201);
}

// PUT /api/v1/meetings/{id}/cases/{caseId} {"version", "externals"?, "teacher_account_id"?,
// "parents_invited"?, "discussion"?, "advice"?, "decisions"?, "agreements"?: [{"action",
// "owner_account_id", "due_on"}] (new ones), "move"?: "omhoog" | "omlaag"}
Response save_case(Context& ctx) {
  MeetingView v = meeting_for_ib(ctx);
  const Id case_id = ctx.id_param("case");
  store::CareTeamAgendaRepository agenda(ctx.app.db);
  auto stored = agenda.find(v.meeting.id, case_id);
  if (!stored) refuse_not_found("deze casus op de agenda");
  json in = versioned_body(ctx);
  const int based_on = in["version"].get<int>();
  if (v.meeting.status == domain::MeetingStatus::kReported)
    throw HttpError{409, "Het verslag van dit zorgteamoverleg is vastgesteld; het verandert niet meer."};
  if (based_on != stored->version)
    return conflict_response(ctx, store::AgendaConflict{"het agendapunt"});
  if (in.contains("move")) {
    const std::string move = in["move"].is_string() ? in["move"].get<std::string>() : "";
    if (move != "omhoog" && move != "omlaag") throw HttpError{400, "move: omhoog of omlaag"};
    if (!agenda.move(v.meeting.id, case_id, move == "omhoog" ? -1 : 1, ctx.who))
      throw HttpError{409, move == "omhoog" ? "Deze casus staat al bovenaan." : "Deze casus staat al onderaan."};
    return Response::json(item_json(*agenda.find(v.meeting.id, case_id), case_of(ctx, case_id)).dump());
  }
  CareTeamCase c = case_in_view(ctx, case_id).c;
  const CareTeamCase before = c;
  CaseOnAgenda item = *stored, submitted = *stored;
  std::vector<domain::Agreement> new_agreements;
  std::vector<std::string> changed;
  try {
    for (auto [field, into, words] : {std::tuple{"discussion", &submitted.discussion, "bespreking"},
                                      std::tuple{"advice", &submitted.advice, "advies"},
                                      std::tuple{"decisions", &submitted.decisions, "besluiten"}})
      if (in.contains(field)) {
        std::string value = io::text_field(in, field, "");
        if (value != *into) changed.push_back(words);
        *into = std::move(value);
      }
    if (in.contains("externals")) item.externals = externals_field(in);
    if (in.contains("parents_invited")) item.parents_invited = io::flag_field(in, "parents_invited", "");
    if (in.contains("agreements")) {
      const json& list = io::array_field(in, "agreements", "");
      const json owners = agreement_owner_options(ctx);
      for (size_t n = 0; n < list.size(); ++n) {
        const std::string at = fmt::format("agreements[{}]", n);
        if (!list[n].is_object()) throw io::JsonFieldError(at + ": verwacht een object");
        domain::Agreement a;
        a.action = io::text_field(list[n], "action", at);
        a.owner_account_id = io::integer_field(list[n], "owner_account_id", at);
        auto due = domain::parse_iso_date(io::text_field(list[n], "due_on", at));
        if (blank(a.action)) throw HttpError{422, at + ".action: wat gaat er gebeuren?"};
        if (std::none_of(owners.begin(), owners.end(), [&](const json& o) { return o["id"] == a.owner_account_id; }))
          throw HttpError{422, at + ".owner_account_id: kies iemand van deze school"};
        if (!due) throw HttpError{422, at + ".due_on: verwacht een datum als 2027-03-01"};
        a.due_on = *due;
        new_agreements.push_back(a);
        changed.push_back(fmt::format("afspraak \"{}\" voor {}", a.action, a.due_on.dutch()));
      }
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  item.teacher_account_id = in.contains("teacher_account_id")
                                ? teacher_field(ctx, in, "teacher_account_id", v.meeting.school_id)
                                : stored->teacher_account_id;
  const domain::Date today = today_local();
  // A changed invitation is checked; one stored before a withdrawal does not block recording
  // (the withdrawn external sees nothing of it anyway: external_sees).
  if (in.contains("externals"))
    if (auto problems = domain::invitation_problems(item, c, today); !problems.empty())
      return Response::json(json{{"error", problems.front()}, {"problems", problems}}.dump(), 422);
  if (auto refused = domain::record_discussion(c, item, submitted, v.meeting, {}, today)) throw HttpError{409, *refused};
  if (item.externals != stored->externals || item.teacher_account_id != stored->teacher_account_id ||
      item.parents_invited != stored->parents_invited) {
    std::string teacher;
    if (item.teacher_account_id)
      if (auto a = ctx.app.accounts.find(item.teacher_account_id)) teacher = a->display_name;
    changed.push_back("uitgenodigd: " + invitation_words(item, c, teacher));
  }
  if (c.status != before.status)
    changed.push_back(fmt::format("status: {} → {}", domain::case_status_label(before.status),
                                  domain::case_status_label(c.status)));
  std::optional<store::CaseChange> change;
  if (c.status != before.status || c.advice != before.advice) change.emplace(store::CaseChange{c, before.version});
  auto saved = agenda.save(item, based_on, change, new_agreements, ctx.who,
                           fmt::format("{}: {}", meeting_words(v.meeting),
                                       changed.empty() ? std::string("opgeslagen") : fmt::format("{}", fmt::join(changed, "; "))));
  if (auto* conflict = std::get_if<store::AgendaConflict>(&saved)) return conflict_response(ctx, *conflict);
  return Response::json(item_json(std::get<CaseOnAgenda>(saved), case_of(ctx, case_id)).dump());
}

// DELETE /api/v1/meetings/{id}/cases/{caseId} {"version"}
Response remove_case(Context& ctx) {
  MeetingView v = meeting_for_ib(ctx);
  const Id case_id = ctx.id_param("case");
  store::CareTeamAgendaRepository agenda(ctx.app.db);
  auto stored = agenda.find(v.meeting.id, case_id);
  if (!stored) refuse_not_found("deze casus op de agenda");
  json in = versioned_body(ctx);
  if (in["version"].get<int>() != stored->version) return conflict_response(ctx, store::AgendaConflict{"het agendapunt"});
  CareTeamCase c = case_in_view(ctx, case_id).c;
  const int case_version = c.version;
  if (auto refused = domain::take_off_agenda(c, *stored, v.meeting)) throw HttpError{409, *refused};
  if (auto conflict = agenda.remove(*stored, {c, case_version}, ctx.who)) return conflict_response(ctx, *conflict);
  return Response::json(json{{"removed", case_id}, {"case_status", domain::case_status_key(c.status)}}.dump());
}

// The agenda as the principal may see it, with the meeting's own line; 404 (as an unknown
// meeting) when they may see none of it. Audited per pupil (an external's per case, with the
// consents that allowed it).
struct VisibleAgenda {
  domain::Meeting meeting;
  std::vector<std::pair<CaseOnAgenda, CareTeamCase>> items;
  bool whole = false;  // the IB or head: the whole agenda
};

VisibleAgenda visible_agenda(Context& ctx) {
  const Id id = ctx.id_param("id");
  VisibleAgenda out;
  if (ctx.who.role == Role::kSupportCoordinator || ctx.who.role == Role::kHead) {
    MeetingView v = load_meeting(ctx, id);
    if (v.meeting.kind != domain::MeetingKind::kCareTeam) refuse_not_found("deze bespreking");
    out.meeting = v.meeting;
    out.whole = true;
    for (auto& i : store::CareTeamAgendaRepository(ctx.app.db).of_meeting(id)) out.items.push_back({i, case_of(ctx, i.case_id)});
    std::vector<Id> pupils;
    for (const auto& [i, c] : out.items) pupils.push_back(i.pupil_id);
    if (!pupils.empty()) ctx.audit_view(pupils, "Zorgteamoverleg " + std::to_string(id));
    return out;
  }
  if (ctx.who.role != Role::kCareTeamMember && ctx.who.role != Role::kTeacher) refuse_not_found("deze bespreking");
  auto m = store::MeetingRepository(ctx.app.db).find(id);
  if (!m || m->kind != domain::MeetingKind::kCareTeam) refuse_not_found("deze bespreking");
  const domain::Date today = today_local();
  for (auto& i : store::CareTeamAgendaRepository(ctx.app.db).of_meeting(id)) {
    CareTeamCase c = case_of(ctx, i.case_id);
    auto scope = ctx.app.pupils.scope(c.pupil_id);
    if (!scope || !domain::may_view_case(ctx.who, c, *scope, today)) continue;
    if (ctx.who.role == Role::kCareTeamMember && !domain::external_sees(i, c, ctx.who.account_id, today)) continue;
    out.items.push_back({std::move(i), std::move(c)});
  }
  if (out.items.empty()) refuse_not_found("deze bespreking");
  out.meeting = *m;
  store::CareTeamCaseRepository cases(ctx.app.db);
  for (const auto& [i, c] : out.items) {
    if (ctx.who.role == Role::kCareTeamMember) {
      std::vector<std::string> grounds;
      for (Id k : domain::external_access(c, ctx.who.account_id, today).consent_ids) grounds.push_back(std::to_string(k));
      cases.record_file_view(c, ctx.who,
                             fmt::format("deze casus op de agenda van {}; op grond van toestemming {}", meeting_words(*m),
                                         fmt::join(grounds, ", ")));
    } else {
      ctx.audit_view({i.pupil_id}, "Zorgteamoverleg " + std::to_string(id));
    }
  }
  return out;
}

// An item for someone outside the IB's desk: without who else the school asked, and for an
// external without the hulpvraag unless their consent shares it.
json shared_item_json(Context& ctx, const CaseOnAgenda& i, const CareTeamCase& c) {
  json one = item_json(i, c);
  one.erase("members");
  if (ctx.who.role == Role::kCareTeamMember) {
    const auto docs = domain::external_access(c, ctx.who.account_id, today_local()).documents;
    if (std::find(docs.begin(), docs.end(), domain::CaseDocument::kHelpQuestion) == docs.end()) one.erase("help_question");
    one.erase("print_href");
  }
  return one;
}

json meeting_line(const domain::Meeting& m) {
  return {{"id", m.id},
          {"title", domain::meeting_title(m, "")},
          {"planned_on", m.planned_on ? json(m.planned_on->iso()) : json(nullptr)},
          {"day", m.planned_on ? json(m.planned_on->dutch()) : json(nullptr)},
          {"starts_at", m.starts_at},
          {"location", m.location},
          {"status", domain::meeting_status_key(m.status)},
          {"status_label", domain::meeting_status_label(m, today_local())},
          {"reported", m.status == domain::MeetingStatus::kReported},
          {"reported_text", m.reported_at.empty() ? json(nullptr)
                                                  : json("Verslag vastgesteld door " + m.reported_by + " op " +
                                                         display_time(m.reported_at))}};
}

Response agenda_api(Context& ctx) {
  VisibleAgenda a = visible_agenda(ctx);
  json cases = json::array();
  for (const auto& [i, c] : a.items) cases.push_back(a.whole ? item_json(i, c) : shared_item_json(ctx, i, c));
  return Response::json(json{{"meeting", meeting_line(a.meeting)}, {"cases", cases}}.dump());
}

// ---- Pages ----

Response call_with_http_errors(Context& ctx, Response (*handler)(Context&), const json& body, const std::string& to,
                               const std::string& done) {
  try {
    return form_through_api(ctx, handler, body, to, done);
  } catch (const HttpError& e) {
    if (e.status == 404 || e.status == 403) throw;
    return Response::redirect(ctx.with_notice(to, e.message));
  }
}

long long number_field(Context& ctx, const char* field) {
  const std::string text = ctx.req.field(field);
  if (text.empty()) return 0;
  if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, std::string(field) + ": verwacht een nummer."};
  return std::stoll(text);
}

Response add_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  json body{{"case_id", number_field(ctx, "case_id")}, {"parents_invited", !ctx.req.field("parents").empty()}};
  if (const long long t = number_field(ctx, "teacher")) body["teacher_account_id"] = t;
  return call_with_http_errors(ctx, add_case, body, fmt::format("/besprekingen/{}#agenda", id),
                               "De casus staat op de agenda.");
}

Response save_page(Context& ctx) {
  const Id id = ctx.id_param("id"), case_id = ctx.id_param("case");
  const std::string to = fmt::format("/besprekingen/{}#casus-{}", id, case_id);
  json body{{"version", number_field(ctx, "version")}};
  const std::string what = ctx.req.field("do");
  if (what == "omhoog" || what == "omlaag") {
    body["move"] = what;
    return call_with_http_errors(ctx, save_case, body, to, "De volgorde is aangepast.");
  }
  if (what == "van_agenda")
    return call_with_http_errors(ctx, remove_case, body, fmt::format("/besprekingen/{}#agenda", id),
                                 "De casus is van de agenda gehaald.");
  auto stored = store::CareTeamAgendaRepository(ctx.app.db).find(id, case_id);
  if (!stored) refuse_not_found("deze casus op de agenda");
  json externals = json::array();
  for (const auto& m : case_of(ctx, case_id).members)
    if (!ctx.req.field(fmt::format("ext_{}", m.account_id)).empty()) externals.push_back(m.account_id);
  body["externals"] = externals;
  body["teacher_account_id"] = number_field(ctx, "teacher");
  body["parents_invited"] = !ctx.req.field("parents").empty();
  for (const char* f : {"discussion", "advice", "decisions"}) body[f] = ctx.req.field(f);
  const std::string action = ctx.req.field("new_action");
  if (!blank(action))
    body["agreements"] = json::array({{{"action", action},
                                       {"owner_account_id", number_field(ctx, "new_owner")},
                                       {"due_on", ctx.req.field("new_due")}}});
  return call_with_http_errors(ctx, save_case, body, to, "Opgeslagen.");
}

// The teacher select: the school's teachers, the chosen one selected.
json teacher_options(Context& ctx, Id school_id, Id chosen) {
  json out = json::array();
  for (const auto& a : ctx.app.accounts.accounts_of_school(school_id))
    if (a.active && a.role == Role::kTeacher)
      out.push_back({{"id", a.id}, {"name", a.display_name}, {"selected", a.id == chosen}});
  return out;
}

Response shared_page(Context& ctx) {
  if (ctx.who.role == Role::kSupportCoordinator || ctx.who.role == Role::kHead)
    return Response::redirect(fmt::format("/besprekingen/{}#agenda", load_meeting(ctx, ctx.id_param("id")).meeting.id));
  VisibleAgenda a = visible_agenda(ctx);
  json cases = json::array();
  for (const auto& [i, c] : a.items) cases.push_back(shared_item_json(ctx, i, c));
  json model{{"meeting", meeting_line(a.meeting)}, {"cases", cases}, {"external", ctx.who.role == Role::kCareTeamMember}};
  return ctx.page("care_team_meeting", domain::meeting_title(a.meeting, ""), model);
}

Response print_page(Context& ctx) {
  MeetingView v = load_meeting(ctx, ctx.id_param("id"));
  const Id case_id = ctx.id_param("case");
  auto item = v.meeting.kind == domain::MeetingKind::kCareTeam
                  ? store::CareTeamAgendaRepository(ctx.app.db).find(v.meeting.id, case_id)
                  : std::nullopt;
  if (!item) refuse_not_found("deze casus op de agenda");
  CareTeamCase c = case_of(ctx, case_id);
  json model = item_json(*item, c);
  model.erase("members");
  model["has_externals"] = !model["externals"].empty();
  model["meeting"] = meeting_line(v.meeting);
  model["print_page"] = true;
  model["ib"] = v.meeting.reported_by;
  model["print_title"] = "Verslag zorgteamoverleg — " + item->pupil_name;
  ctx.audit_view({item->pupil_id}, fmt::format("Zorgteamoverleg {}", v.meeting.id));
  return ctx.page("care_team_report_print", "Verslag zorgteamoverleg " + item->pupil_name, model);
}

}  // namespace

std::vector<std::string> care_team_report_gaps(Context& ctx, const domain::Meeting& m) {
  if (m.kind != domain::MeetingKind::kCareTeam) return {};
  return domain::report_gaps(store::CareTeamAgendaRepository(ctx.app.db).of_meeting(m.id));
}

int care_team_agenda_size(Context& ctx, const domain::Meeting& m) {
  return m.kind == domain::MeetingKind::kCareTeam ? store::CareTeamAgendaRepository(ctx.app.db).count(m.id) : 0;
}

json care_team_agenda_model(Context& ctx, const MeetingView& v) {
  const domain::Meeting& m = v.meeting;
  const bool ib = v.actor == MeetingActor::kSupportCoordinator;
  const bool open = m.status != domain::MeetingStatus::kReported;
  const bool may_edit = ib && open;
  json cases = json::array();
  const auto items = store::CareTeamAgendaRepository(ctx.app.db).of_meeting(m.id);
  const json owners = agreement_owner_options(ctx);
  std::vector<Id> pupils;
  for (size_t n = 0; n < items.size(); ++n) {
    const CaseOnAgenda& i = items[n];
    CareTeamCase c = case_of(ctx, i.case_id);
    json one = item_json(i, c);
    one["first"] = n == 0;
    one["last"] = n + 1 == items.size();
    one["teachers"] = teacher_options(ctx, m.school_id, i.teacher_account_id);
    one["owners"] = owners;
    one["has_members"] = !c.members.empty();
    one["removable"] = may_edit && !domain::take_off_agenda(c, i, m).has_value();
    cases.push_back(one);
    pupils.push_back(i.pupil_id);
  }
  // The cases that could go on: open, not on this agenda; with what keeps each off, if anything.
  json addable = json::array();
  if (may_edit)
    for (const CareTeamCase& c : visible_cases(ctx)) {
      if (c.status == domain::CaseStatus::kClosed || c.status == domain::CaseStatus::kReferred) continue;
      if (c.status == domain::CaseStatus::kScheduled && c.meeting_id == m.id) continue;
      CareTeamCase probe = c;
      auto refused = domain::put_on_agenda(probe, m, {}, today_local());
      auto p = ctx.app.pupils.find(c.pupil_id);
      addable.push_back({{"id", c.id},
                         {"pupil_name", p ? p->name.display() : ""},
                         {"status_label", domain::case_status_label(c.status)},
                         {"problem", refused ? json(*refused) : json(nullptr)}});
    }
  const auto gaps = domain::report_gaps(items);
  return {{"cases", cases},
          {"has_cases", !cases.empty()},
          {"addable", addable},
          {"has_addable", !addable.empty()},
          {"may_edit", may_edit},
          {"teachers", teacher_options(ctx, m.school_id, 0)},
          {"gaps", gaps},
          {"has_gaps", ib && open && !gaps.empty() && !items.empty()},
          {"reported", !open}};
}

json care_team_reports_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record) {
  if (!domain::may_view_care_team_reports(ctx.who, scope)) return nullptr;
  const bool print = ctx.who.role == Role::kSupportCoordinator || ctx.who.role == Role::kHead;
  json out = json::array();
  for (const auto& r : record.care_team_reports) {
    json agreements = agreements_json(r.agreements);
    out.push_back({{"meeting_id", r.meeting_id},
                   {"case_id", r.case_id},
                   {"title", r.meeting_on ? "Zorgteamoverleg van " + r.meeting_on->dutch() : std::string("Zorgteamoverleg")},
                   {"discussion", r.discussion.empty() ? "—" : r.discussion},
                   {"advice", r.advice.empty() ? "—" : r.advice},
                   {"decisions", r.decisions.empty() ? "—" : r.decisions},
                   {"agreements", agreements},
                   {"has_agreements", !agreements.empty()},
                   {"no_agreements", agreements.empty()},
                   {"print_href", print ? json(fmt::format("/besprekingen/{}/casussen/{}/afdrukken", r.meeting_id,
                                                           r.case_id))
                                        : json(nullptr)}});
  }
  return out;
}

std::vector<Route> care_team_meeting_routes() {
  return {
      {"GET", "/api/v1/meetings/:id/cases", Capability::kSignedIn, agenda_api},
      {"POST", "/api/v1/meetings/:id/cases", Capability::kSeeGroups, add_case},
      {"PUT", "/api/v1/meetings/:id/cases/:case", Capability::kSeeGroups, save_case},
      {"DELETE", "/api/v1/meetings/:id/cases/:case", Capability::kSeeGroups, remove_case},
      {"POST", "/besprekingen/:id/casussen", Capability::kSeeGroups, add_page},
      {"POST", "/besprekingen/:id/casussen/:case", Capability::kSeeGroups, save_page},
      {"GET", "/besprekingen/:id/casussen/:case/afdrukken", Capability::kSeeGroups, print_page},
      {"GET", "/besprekingen/:id/casussen", Capability::kSignedIn, shared_page},
  };
}

}  // namespace koers::web
