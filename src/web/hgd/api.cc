// HGD over the API. POST /api/v1/cases/{id}/hgd: the IB requests an HGD of an external with
// diagnostic competence, refused without the parents' HGD consent for that expert. GET/PUT
// /api/v1/hgd/{id}: read; save (the IB: hulpvraag, questions, status; the expert: the
// recommendations and the step to "in onderzoek"). POST /api/v1/hgd/{id}/report: the expert's
// report as a PDF (multipart field "file"), stored with the request in one transaction; GET
// the same path hands it back. POST /api/v1/hgd/{id}/recommendations/{n}/need: the IB takes a
// recommendation over as an educational need (source onderzoek) in the groepsoverzicht.
// GET /api/v1/cases/{id}/hgd lists the case's requests the caller may see. POST
// /api/v1/hgd/{id}/meeting: the IB plans the adviesgesprek with parents, teacher and IB (a
// meeting of the school's jaarplanning); holding it makes the request besproken.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/external_member.h"
#include "io/json_fields.h"
#include "store/care_team_repository.h"
#include "store/external_member_repository.h"
#include "store/hgd_repository.h"
#include "store/meeting_repository.h"
#include "web/documents/documents.h"
#include "web/hgd/hgd.h"
#include "web/meetings/meetings.h"
#include "web/request_input.h"

namespace koers::web {

using domain::HgdActor;
using domain::HgdRequest;
using domain::Id;
using domain::Role;
using nlohmann::json;

namespace {

// Whether the principal may know the school's ids at all: staff and parents of another school,
// and accounts of another board, get 404 as for an unknown id.
bool of_the_school(const domain::Principal& who, const domain::PupilScope& scope) {
  if (who.board_id != scope.board_id) return false;
  if (who.role == Role::kCareTeamMember || who.role == Role::kBoardAdmin) return true;
  if (who.role == Role::kParent)
    return std::find(who.child_ids.begin(), who.child_ids.end(), scope.pupil_id) != who.child_ids.end();
  return who.school_id == scope.school_id;
}

std::string refusal_for(const domain::Principal& who, const HgdInView& v, const domain::Date& today) {
  if (who.role == Role::kCareTeamMember) {
    if (who.account_id != v.h.expert_account_id) return "U bent niet de deskundige van deze HGD.";
    return domain::hgd_consent(v.c, who.account_id, v.h.expert_discipline, today).reason;
  }
  return "Deze HGD zien alleen de intern begeleider, de leerkracht van de leerling en de deskundige "
         "(met toestemming van de ouders).";
}

std::string words(const std::vector<std::string>& changed) { return fmt::format("{}", fmt::join(changed, "; ")); }

}  // namespace

HgdInView hgd_in_view(Context& ctx, Id hgd_id) {
  auto h = store::HgdRepository(ctx.app.db).find(hgd_id);
  if (!h) refuse_not_found("deze HGD");
  auto scope = ctx.app.pupils.scope(h->pupil_id);
  if (!scope) refuse_not_found("deze HGD");
  auto c = store::CareTeamCaseRepository(ctx.app.db).find(h->case_id);
  if (!c) refuse_not_found("deze HGD");
  HgdInView v{std::move(*h), std::move(*c), *scope};
  const domain::Date today = today_local();
  v.actor = domain::hgd_actor(ctx.who, v.scope, v.c, v.h, today);
  if (v.actor == HgdActor::kNone) {
    if (!of_the_school(ctx.who, v.scope)) refuse_not_found("deze HGD");
    throw HttpError{403, refusal_for(ctx.who, v, today)};
  }
  return v;
}

json hgd_json(Context& ctx, const HgdInView& v) {
  const HgdRequest& h = v.h;
  const domain::Date today = today_local();
  const bool ib = v.actor == HgdActor::kCoordinator, expert = v.actor == HgdActor::kExpert;
  json questions = h.questions;
  json recommendations = json::array();
  for (size_t i = 0; i < h.recommendations.size(); ++i) {
    const auto& a = h.recommendations[i];
    recommendations.push_back({{"number", i + 1},
                               {"text", a.text},
                               {"taken_over", a.taken_over()},
                               {"need_entry_id", a.need_entry_id},
                               {"taken_over_by", a.taken_over_by},
                               {"taken_over_at", a.taken_over_at},
                               {"taken_over_text", a.taken_over_at.empty() ? "" : display_time(a.taken_over_at)},
                               {"may_take_over", ib && h.report_document_id != 0 && !a.taken_over()},
                               {"hgd_id", h.id}});
  }
  json report = nullptr;
  if (h.report_document_id) {
    auto info = store::DocumentRepository(ctx.app.db).info(h.report_document_id);
    report = {{"document_id", h.report_document_id},
              {"href", fmt::format("/api/v1/hgd/{}/report", h.id)},
              {"file_name", info ? info->file_name : ""},
              {"size_bytes", info ? info->size_bytes : 0},
              {"uploaded_by", info ? info->uploaded_by_name : ""},
              {"uploaded_at_text", info ? display_time(info->uploaded_at) : ""}};
  }
  json next = json::array();
  for (auto s : domain::next_hgd_statuses(h.status))
    if (ib || (expert && s == domain::HgdStatus::kInResearch))  // the expert only starts the research
      next.push_back({{"status", domain::hgd_status_key(s)}, {"label", domain::hgd_status_label(s)}});
  const auto consent = domain::hgd_consent(v.c, h.expert_account_id, h.expert_discipline, today);
  // The adviesgesprek: what every reader of the HGD may know of it (the expert too: they are
  // invited); the meeting page itself is the school's (IB, the pupil's teacher).
  json meeting = nullptr;
  if (h.meeting_id)
    if (auto m = store::MeetingRepository(ctx.app.db).find(h.meeting_id)) {
      json participants = json::array();
      for (const auto& p : m->participants)
        participants.push_back({{"role_label", domain::participant_role_label(p.role)}, {"name", p.name}});
      const bool held = m->status == domain::MeetingStatus::kHeld || m->status == domain::MeetingStatus::kReported;
      meeting = {
          {"meeting_id", m->id},
          {"day_text", m->planned_on ? m->planned_on->dutch() : ""},
          {"time_text", m->starts_at},
          {"place_text", m->location},
          {"meeting_status_label", domain::meeting_status_label(*m, today)},
          {"participants", participants},
          {"held", held},
          {"advised", m->report},
          {"agreed_with_parents", m->decisions},
          {"meeting_href",
           ctx.who.role == Role::kCareTeamMember ? json(nullptr) : json(fmt::format("/besprekingen/{}", m->id))}};
    }
  json meeting_defaults = nullptr;
  if (ib && !h.meeting_id) {
    std::vector<std::string> parents, teachers;
    for (const auto& g : ctx.app.pupils.guardians(h.pupil_id))
      parents.push_back(g.name.display() + (g.relation.empty() ? "" : " (" + g.relation + ")"));
    if (!v.scope.current_group_ids.empty())
      if (auto g = ctx.app.groups.find(v.scope.current_group_ids.front())) teachers = g->teachers;
    meeting_defaults = {{"parents", fmt::format("{}", fmt::join(parents, ", "))},
                        {"teachers", fmt::format("{}", fmt::join(teachers, ", "))},
                        {"ib", ctx.who.display_name},
                        {"expert", h.expert_name},
                        {"today", today.iso()}};
  }
  return {
      {"id", h.id},
      {"case_id", h.case_id},
      {"pupil_id", h.pupil_id},
      {"question_kind", domain::hgd_question_kind_key(h.question_kind)},
      {"help_question", h.help_question},
      {"questions", questions},
      {"questions_text", fmt::format("{}", fmt::join(h.questions, "\n"))},
      {"expert", {{"account_id", h.expert_account_id}, {"name", h.expert_name}, {"discipline", h.expert_discipline}}},
      {"consent_id", h.consent_id},
      {"consent_in_force", consent.ok()},
      {"consent_problem", consent.ok() ? json(nullptr) : json(consent.reason)},
      {"requested_on", h.requested_on.iso()},
      {"requested_on_text", h.requested_on.dutch()},
      {"status", domain::hgd_status_key(h.status)},
      {"status_label", domain::hgd_status_label(h.status)},
      {"next_statuses", next},
      {"has_next", !next.empty()},
      {"report", report},
      {"recommendations", recommendations},
      {"has_recommendations", !recommendations.empty()},
      {"recommendations_text",
       [&] {
         std::vector<std::string> texts;
         for (const auto& a : h.recommendations) texts.push_back(a.text);
         return fmt::format("{}", fmt::join(texts, "\n"));
       }()},
      {"version", h.version},
      {"created_by", h.created_by},
      {"saved_by", h.saved_by},
      {"actor", ib       ? "ib"
                : expert ? "deskundige"
                         : "lezer"},
      {"may_write", ib},
      {"may_report", ib || expert},
      {"may_write_recommendations", ib || expert},
      {"may_take_over", ib},
      {"advice_meeting", meeting},
      {"meeting_defaults", meeting_defaults}};
}

namespace {

// {"question_kind": "adviserend", "help_question": "…", "questions": ["…"], "expert_account_id": 12,
//  "requested_on": "2027-02-10" (default today)}
Response request_hgd(Context& ctx) {
  CaseInView cv = case_in_view(ctx, ctx.id_param("id"));
  if (!domain::may_write_case(ctx.who, cv.scope)) throw HttpError{403, "Alleen de intern begeleider vraagt een HGD aan."};
  json in = json_object_body(ctx.req);
  HgdRequest r;
  r.case_id = cv.c.id;
  r.pupil_id = cv.c.pupil_id;
  r.school_id = cv.c.school_id;
  try {
    const std::string kind = in.contains("question_kind") ? io::text_field(in, "question_kind", "") : "adviserend";
    auto parsed = domain::parse_hgd_question_kind(kind);
    if (!parsed) throw io::JsonFieldError("question_kind: verwacht onderkennend, verklarend of adviserend");
    r.question_kind = *parsed;
    r.help_question = io::text_field(in, "help_question", "");
    r.questions = io::text_list_field(in, "questions", "");
    std::erase_if(r.questions, [](const std::string& q) { return q.find_first_not_of(" \t\r\n") == std::string::npos; });
    r.expert_account_id = io::integer_field(in, "expert_account_id", "");
    const std::string on = io::text_field(in, "requested_on", "");
    if (on.empty()) {
      r.requested_on = today_local();
    } else {
      auto d = domain::parse_iso_date(on);
      if (!d) throw io::JsonFieldError("requested_on: verwacht een datum als 2027-02-10");
      r.requested_on = *d;
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (r.expert_account_id) {
    auto expert = store::ExternalMemberRepository(ctx.app.db).find(r.expert_account_id);
    if (!expert || !expert->account.active || expert->account.board_id != ctx.who.board_id ||
        !expert->serves(cv.c.school_id))
      return problems_response("Geen HGD aangevraagd.",
                               {fmt::format("Deskundige: account {} is geen extern zorgteamlid van deze school.",
                                            r.expert_account_id)});
    r.expert_name = expert->account.display_name;
    r.expert_discipline = std::string(domain::discipline_info(expert->discipline).key);
  }
  if (auto problems = domain::hgd_problems(r); !problems.empty())
    return problems_response("Geen HGD aangevraagd.", problems);
  if (auto refused = domain::request_refusal(cv.c, r, today_local())) return problems_response(*refused, {*refused});
  HgdRequest made = store::HgdRepository(ctx.app.db).create(r, ctx.who);
  HgdInView v = hgd_in_view(ctx, made.id);
  return Response::json(hgd_json(ctx, v).dump(), 201);
}

Response list_hgd(Context& ctx) {
  CaseInView cv = case_in_view(ctx, ctx.id_param("id"));
  json out = json::array();
  const domain::Date today = today_local();
  for (auto& h : store::HgdRepository(ctx.app.db).of_case(cv.c.id)) {
    HgdInView v{h, cv.c, cv.scope, domain::hgd_actor(ctx.who, cv.scope, cv.c, h, today)};
    if (v.actor == HgdActor::kNone) continue;
    out.push_back(hgd_json(ctx, v));
    store::HgdRepository(ctx.app.db).record_view(h, ctx.who, "de HGD-aanvraag (vragen, status, adviezen)");
  }
  if (out.empty() && !domain::may_write_case(ctx.who, cv.scope))
    throw HttpError{403, "Deze HGD zien alleen de intern begeleider, de leerkracht van de leerling en de deskundige "
                         "(met toestemming van de ouders)."};
  return Response::json(out.dump());
}

Response get_hgd(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  json body = hgd_json(ctx, v);
  store::HgdRepository(ctx.app.db).record_view(v.h, ctx.who, "de HGD-aanvraag (vragen, status, adviezen)");
  return Response::json(body.dump());
}

// {"version": 3, "help_question": "…", "questions": [...], "status": "in-onderzoek",
//  "recommendations": ["…", "…"]}: a field not sent keeps what is stored. The expert sends only
// recommendations and the step to in-onderzoek.
Response save_hgd(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  if (v.actor == HgdActor::kReader)
    throw HttpError{403, "Alleen de intern begeleider en de deskundige schrijven in de HGD."};
  json in = versioned_body(ctx);
  const int based_on = in["version"].get<int>();
  const bool ib = v.actor == HgdActor::kCoordinator;
  HgdRequest h = v.h;
  std::vector<std::string> changed;
  try {
    if (!ib)
      for (const char* field : {"help_question", "questions"})
        if (in.contains(field))
          throw HttpError{403, "De deskundige schrijft alleen de adviezen en het verslag; de vragen zijn van de IB."};
    if (in.contains("help_question")) {
      std::string text = io::text_field(in, "help_question", "");
      if (text != h.help_question) changed.push_back("hulpvraag");
      h.help_question = std::move(text);
    }
    if (in.contains("questions")) {
      auto questions = io::text_list_field(in, "questions", "");
      std::erase_if(questions, [](const std::string& q) { return q.find_first_not_of(" \t\r\n") == std::string::npos; });
      if (questions != h.questions) changed.push_back("onderzoeksvragen");
      h.questions = std::move(questions);
    }
    if (in.contains("recommendations")) {
      std::vector<std::string> before;
      for (const auto& a : h.recommendations) before.push_back(a.text);
      auto texts = io::text_list_field(in, "recommendations", "");
      if (auto refused = domain::set_recommendations(h, texts)) return problems_response(*refused, {*refused}, 409);
      std::vector<std::string> after;
      for (const auto& a : h.recommendations) after.push_back(a.text);
      if (after != before) changed.push_back(fmt::format("adviezen ({})", after.size()));
    }
    if (in.contains("status")) {
      const std::string key = io::text_field(in, "status", "");
      auto to = domain::parse_hgd_status(key);
      if (!to) throw io::JsonFieldError("status: verwacht aangevraagd, in-onderzoek, verslag-ontvangen of besproken");
      if (*to != h.status) {
        if (!ib && *to != domain::HgdStatus::kInResearch)
          throw HttpError{403, "De deskundige zet de HGD alleen op 'in onderzoek'; de IB doet de rest."};
        const domain::HgdStatus from = h.status;
        if (auto refused = domain::move_hgd(h, *to)) return problems_response(*refused, {*refused}, 409);
        changed.push_back(fmt::format("status: {} → {}", domain::hgd_status_label(from), domain::hgd_status_label(*to)));
      }
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (auto problems = domain::hgd_problems(h); !problems.empty())
    return problems_response("De HGD is niet opgeslagen.", problems);
  auto saved = store::HgdRepository(ctx.app.db).save(h, based_on, ctx.who, words(changed));
  if (auto* conflict = std::get_if<store::HgdConflict>(&saved))
    return Response::json(json{{"error", "De HGD is intussen door een ander opgeslagen. Vergelijk met de nieuwste versie "
                                         "en sla opnieuw op."},
                               {"latest_version", conflict->stored_version}}
                              .dump(),
                          409);
  v.h = std::get<HgdRequest>(saved);
  return Response::json(hgd_json(ctx, v).dump());
}

Response upload_report(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  if (v.actor != HgdActor::kCoordinator && v.actor != HgdActor::kExpert)
    throw HttpError{403, "Alleen de deskundige en de intern begeleider uploaden het verslag."};
  auto done = store::HgdRepository(ctx.app.db).receive_report(v.h.id, ctx.who, [&](soci::session& sql) {
    return store_uploaded_pdf(ctx, sql, "file", store::NewDocument{"hgd", v.h.id, v.h.school_id, v.h.pupil_id, "", ""});
  });
  if (auto* refused = std::get_if<std::string>(&done)) return problems_response(*refused, {*refused}, 400);
  v.h = std::get<HgdRequest>(done);
  return Response::json(hgd_json(ctx, v).dump(), 201);
}

Response get_report(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  if (!v.h.report_document_id) refuse_not_found("het verslag van deze HGD");
  return pdf_download(ctx, v.h.report_document_id, ctx.query("bekijken") == "1");
}

// {"kind": "matchen" | "stretchen", "topic": "instructie" | a subject, "text": "…" (default: the
// recommendation's)}
Response take_over(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  if (v.actor != HgdActor::kCoordinator)
    throw HttpError{403, "Alleen de intern begeleider neemt een advies over als onderwijsbehoefte."};
  const Id number = ctx.id_param("n");
  json in = json_object_body(ctx.req);
  domain::EntryKind kind = domain::EntryKind::kGeneralNeed;
  std::string topic, text;
  try {
    const std::string k = in.contains("kind") ? io::text_field(in, "kind", "") : "matchen";
    auto parsed = domain::parse_entry_kind(k);
    if (!parsed || (*parsed != domain::EntryKind::kGeneralNeed && *parsed != domain::EntryKind::kSubjectNeed))
      throw io::JsonFieldError("kind: verwacht matchen (algemene onderwijsbehoefte) of stretchen (per vakgebied)");
    kind = *parsed;
    topic = io::text_field(in, "topic", "");
    text = io::text_field(in, "text", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  std::vector<std::string> subjects;
  if (!v.scope.current_group_ids.empty())
    if (auto g = ctx.app.groups.find(v.scope.current_group_ids.front()))
      subjects = domain::overview_subjects(g->year_groups);
  if (number > 1000) return problems_response(fmt::format("Advies {}: bestaat niet in deze HGD.", number), {}, 422);
  auto done = store::HgdRepository(ctx.app.db)
                  .take_over(v.h.id, static_cast<int>(number), kind, topic, text, subjects, ctx.who);
  if (auto* refused = std::get_if<std::string>(&done)) return problems_response(*refused, {*refused});
  v.h = std::get<HgdRequest>(done);
  json body = hgd_json(ctx, v);
  body["need_entry_id"] = v.h.recommendations[number - 1].need_entry_id;
  return Response::json(body.dump(), 201);
}

// {"planned_on": "2027-03-10", "starts_at": "15:00", "location": "…", "participants": [{"role": "ouders",
//  "name": "…"}, {"role": "leerkracht", …}, {"role": "ib", …}, {"role": "deskundige", …}]}
Response plan_meeting(Context& ctx) {
  HgdInView v = hgd_in_view(ctx, ctx.id_param("id"));
  if (v.actor != HgdActor::kCoordinator) throw HttpError{403, "Alleen de intern begeleider plant het adviesgesprek."};
  json in = json_object_body(ctx.req);
  domain::Meeting m;
  try {
    auto on = domain::parse_iso_date(io::text_field(in, "planned_on", ""));
    if (!on) throw io::JsonFieldError("planned_on: kies de datum van het adviesgesprek (JJJJ-MM-DD)");
    m = domain::new_advice_meeting(v.h, v.scope.current_group_ids.empty() ? 0 : v.scope.current_group_ids.front(), *on);
    m.starts_at = io::text_field(in, "starts_at", "");
    if (!m.starts_at.empty() && !domain::minutes_of_day(m.starts_at))
      throw io::JsonFieldError("starts_at: een tijd als 14:15");
    m.location = io::text_field(in, "location", "");
    const json& participants = io::array_field(in, "participants", "");
    for (size_t i = 0; i < participants.size(); ++i) {
      const std::string where = fmt::format("participants[{}]", i);
      domain::MeetingParticipant p{io::text_field(participants[i], "role", where),
                                   io::text_field(participants[i], "name", where)};
      if (p.role != "ouders" && p.role != "leerkracht" && p.role != "ib" && p.role != "deskundige" &&
          p.role != "anders")
        throw io::JsonFieldError(where + ".role: ouders, leerkracht, ib, deskundige of anders");
      if (p.name.find_first_not_of(" \t\r\n") != std::string::npos) m.participants.push_back(std::move(p));
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (auto refused = domain::advice_meeting_refusal(v.h, m))
    return problems_response("Geen adviesgesprek gepland.", {*refused}, v.h.meeting_id ? 409 : 422);
  if (auto refused = place_new_meeting(ctx, m, false))
    return problems_response("Geen adviesgesprek gepland.", {"planned_on: " + refused->why}, 409);
  Id meeting_id = 0;
  try {
    meeting_id = store::MeetingRepository(ctx.app.db).create(m, ctx.who);
  } catch (const store::MeetingLinkError& e) {
    return problems_response("Geen adviesgesprek gepland.", {e.what()}, 409);
  }
  v.h = *store::HgdRepository(ctx.app.db).find(v.h.id);
  json body = hgd_json(ctx, v);
  body["meeting_id"] = meeting_id;
  return Response::json(body.dump(), 201);
}

}  // namespace

domain::HgdActor hgd_actor_of_meeting(Context& ctx, const domain::Meeting& m) {
  auto h = store::HgdRepository(ctx.app.db).find(m.hgd_id);
  if (!h || h->pupil_id != m.pupil_id || h->school_id != m.school_id) return HgdActor::kNone;
  auto scope = ctx.app.pupils.scope(h->pupil_id);
  auto c = store::CareTeamCaseRepository(ctx.app.db).find(h->case_id);
  if (!scope || !c) return HgdActor::kNone;
  return domain::hgd_actor(ctx.who, *scope, *c, *h, today_local());
}

Response hgd_plan_meeting(Context& ctx) { return plan_meeting(ctx); }
Response hgd_request(Context& ctx) { return request_hgd(ctx); }
Response hgd_save(Context& ctx) { return save_hgd(ctx); }
Response hgd_upload_report(Context& ctx) { return upload_report(ctx); }
Response hgd_take_over(Context& ctx) { return take_over(ctx); }

std::vector<Route> hgd_routes() {
  using domain::Capability;
  return {
      {"GET", "/api/v1/cases/:id/hgd", Capability::kSignedIn, list_hgd},
      {"POST", "/api/v1/cases/:id/hgd", Capability::kSignedIn, request_hgd},
      {"GET", "/api/v1/hgd/:id", Capability::kSignedIn, get_hgd},
      {"PUT", "/api/v1/hgd/:id", Capability::kSignedIn, save_hgd},
      {"POST", "/api/v1/hgd/:id/report", Capability::kSignedIn, upload_report, false, kDocumentUploadBodyLimit},
      {"GET", "/api/v1/hgd/:id/report", Capability::kSignedIn, get_report},
      {"POST", "/api/v1/hgd/:id/recommendations/:n/need", Capability::kSignedIn, take_over},
      {"POST", "/api/v1/hgd/:id/meeting", Capability::kSignedIn, plan_meeting},
  };
}

}  // namespace koers::web
