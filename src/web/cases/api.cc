// Care-team cases over the API. GET/POST /api/v1/cases lists the cases the caller may see
// and opens one (the IB: from a registration in a group or pupil discussion, from an IHP
// closed with "externe stappen", or directly). GET/PUT /api/v1/cases/{id} reads and saves
// it (PUT: the "version" it is based on, 409 with the stored one otherwise; a "status"
// moves it along the lifecycle when the domain allows). POST /api/v1/cases/{id}/consents
// records a consent (the IB from a signed form, a parent in Koers); POST
// /api/v1/consents/{id}/withdraw withdraws one (a parent, or the IB recording it): from
// that commit the externals are refused. GET /api/v1/cases/{id}/file is the case file as
// the caller may see it: a view of the pupil's record, for an external only the documents
// their consent shares. Every read and change is audited for the pupil.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "common/clock.h"
#include "domain/care_team.h"
#include "io/json_fields.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "web/cases/cases.h"
#include "web/request_input.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::CareTeamCase;
using domain::Id;
using domain::Role;
using nlohmann::json;

namespace {

bool is_external(const domain::Principal& who) { return who.role == Role::kCareTeamMember; }

std::string pupil_name(Context& ctx, Id pupil_id) {
  auto p = ctx.app.pupils.find(pupil_id);
  return p ? p->name.display() : "";
}

std::vector<domain::RouteStep> route_of(Context& ctx, Id pupil_id) {
  auto record = store::PupilRecordRepository(ctx.app.db).read(pupil_id, store::kNow);
  if (!record) return {};
  return domain::case_route(*record);
}

domain::Date date_field(const json& in, const char* field, const std::string& where) {
  const std::string text = io::text_field(in, field, where);
  auto d = domain::parse_iso_date(text);
  if (!d) throw io::JsonFieldError(fmt::format("{}{}: verwacht een datum als 2027-02-10", where.empty() ? "" : where + ".", field));
  return *d;
}

std::optional<domain::Date> optional_date(const json& in, const char* field) {
  if (!in.contains(field) || in[field].is_null() || (in[field].is_string() && in[field].get<std::string>().empty()))
    return std::nullopt;
  return date_field(in, field, "");
}

// An external account of the caller's board that may be invited; else the error naming `where`.
store::Account external_account(Context& ctx, Id account_id, const std::string& where) {
  auto a = ctx.app.accounts.find(account_id);
  if (!a || a->role != Role::kCareTeamMember || a->board_id != ctx.who.board_id || !a->active)
    throw HttpError{422, fmt::format("{}: account {} is geen extern zorgteamlid van dit bestuur.", where, account_id)};
  return *a;
}

json consent_json(const domain::Consent& k, const domain::Date& today) {
  json disciplines = k.disciplines, documents = json::array(), document_labels = json::array();
  for (auto d : k.documents) {
    documents.push_back(domain::case_document_key(d));
    document_labels.push_back(domain::case_document_label(d));
  }
  const bool in_force = domain::consent_in_force(k, today);
  return {{"id", k.id},
          {"case_id", k.case_id},
          {"pupil_id", k.pupil_id},
          {"purpose", domain::consent_purpose_key(k.purpose)},
          {"purpose_label", domain::consent_purpose_label(k.purpose)},
          {"given_by", k.given_by},
          {"given_on", k.given_on.iso()},
          {"given_on_text", k.given_on.dutch()},
          {"form", domain::consent_form_key(k.form)},
          {"form_label", domain::consent_form_label(k.form)},
          {"disciplines", disciplines},
          {"externals", k.externals},
          {"documents", documents},
          {"document_labels", document_labels},
          {"valid_until", k.valid_until.iso()},
          {"valid_until_text", k.valid_until.dutch()},
          {"withdrawn", k.withdrawn()},
          {"withdrawn_at", k.withdrawn() ? json(k.withdrawn_at) : json(nullptr)},
          {"withdrawn_at_text", k.withdrawn() ? json(display_time(k.withdrawn_at)) : json(nullptr)},
          {"withdrawn_by", k.withdrawn() ? json(k.withdrawn_by) : json(nullptr)},
          {"in_force", in_force},
          {"state_label", k.withdrawn()               ? "ingetrokken"
                          : today < k.given_on        ? "gaat later in"
                          : k.valid_until < today     ? "verlopen"
                                                      : "geldig"},
          {"recorded_by", k.recorded_by},
          {"recorded_at", k.recorded_at},
          {"withdraw_text", k.purpose == domain::ConsentPurpose::kCareTeam
                                ? "Vanaf nu zien de externe zorgteamleden niets meer van deze casus (tenzij een andere "
                                  "toestemming voor het zorgteam nog geldt)."
                                : fmt::format("Vanaf nu geldt deze toestemming voor {} niet meer.",
                                              domain::consent_purpose_label(k.purpose))}};
}

json route_json(const std::vector<domain::RouteStep>& route) {
  json out = json::array();
  for (const auto& s : route)
    out.push_back({{"key", s.key}, {"label", s.label}, {"done", s.done}, {"evidence", s.evidence},
                   {"empty", s.evidence.empty()}});
  return out;
}

}  // namespace

CaseInView case_in_view(Context& ctx, Id case_id) {
  store::CareTeamCaseRepository repo(ctx.app.db);
  auto owner = repo.owner(case_id);
  if (!owner) refuse_not_found("deze casus");
  auto scope = ctx.app.pupils.scope(owner->pupil_id);
  if (!scope) refuse_not_found("deze casus");
  auto c = repo.find(case_id);
  if (!c) refuse_not_found("deze casus");
  const domain::Date today = today_local();
  if (!domain::may_view_case(ctx.who, *c, *scope, today)) {
    // An external invited to the case knows it exists: they are told why they see nothing
    // (consent withdrawn, expired, not for them). Anyone else: as an unknown id.
    if (is_external(ctx.who) && ctx.who.board_id == scope->board_id &&
        std::any_of(c->members.begin(), c->members.end(), [&](const auto& m) { return m.account_id == ctx.who.account_id; })) {
      const std::string why = domain::external_access(*c, ctx.who.account_id, today).reason;
      ctx.audit_refusal(c->pupil_id, fmt::format("casusdossier {}", case_id), why);
      throw HttpError{403, why};
    }
    refuse_not_found("deze casus");
  }
  return {std::move(*c), *scope};
}

json case_summary_json(Context& ctx, const CareTeamCase& c) {
  return {{"id", c.id},
          {"pupil_id", c.pupil_id},
          {"pupil_name", pupil_name(ctx, c.pupil_id)},
          {"status", domain::case_status_key(c.status)},
          {"status_label", domain::case_status_label(c.status)},
          {"origin", domain::case_origin_key(c.origin)},
          {"origin_label", domain::case_origin_label(c.origin)},
          {"follow_up_until", c.follow_up_until ? json(c.follow_up_until->iso()) : json(nullptr)},
          {"follow_up_until_text", c.follow_up_until ? json(c.follow_up_until->dutch()) : json(nullptr)},
          {"created_at", c.created_at},
          {"saved_at", c.saved_at},
          {"href", fmt::format("/casus/{}", c.id)}};
}

json case_json(Context& ctx, const CaseInView& v) {
  const CareTeamCase& c = v.c;
  const domain::Date today = today_local();
  json out = case_summary_json(ctx, c);
  out["origin_id"] = c.origin_id;
  out["registration"] = c.registration;
  out["help_question"] = c.help_question;
  json parents = json::array();
  for (const auto& p : c.help_question_parents) parents.push_back({{"who", p.who}, {"on", p.on.iso()}, {"on_text", p.on.dutch()}});
  out["help_question_parents"] = parents;
  out["missing_step_reason"] = c.missing_step_reason;
  out["parents_informed"] = c.parents_informed ? json{{"on", c.parents_informed->on.iso()},
                                                      {"on_text", c.parents_informed->on.dutch()},
                                                      {"how", c.parents_informed->how}}
                                               : json(nullptr);
  json members = json::array();
  for (const auto& m : c.members) {
    auto access = domain::external_access(c, m.account_id, today);
    members.push_back({{"account_id", m.account_id},
                       {"name", m.name},
                       {"discipline", m.discipline},
                       {"sees_file", access.allowed()},
                       {"refusal", access.allowed() ? json(nullptr) : json(access.reason)}});
  }
  out["members"] = members;
  out["meeting_id"] = c.meeting_id;
  out["advice"] = c.advice;
  out["outcome_note"] = c.outcome_note;
  json outcomes = json::array();
  for (const auto& o : c.outcomes)
    outcomes.push_back({{"kind", domain::case_outcome_key(o.kind)},
                        {"label", domain::case_outcome_label(o.kind)},
                        {"text", o.text}});
  out["outcomes"] = outcomes;
  json consents = json::array();
  for (const auto& k : c.consents) consents.push_back(consent_json(k, today));
  out["consents"] = consents;
  // Withdrawn and nothing in force for the care team: say so where the consents are.
  const bool withdrawn = std::any_of(c.consents.begin(), c.consents.end(), [](const auto& k) {
    return k.purpose == domain::ConsentPurpose::kCareTeam && k.withdrawn();
  });
  const bool in_force = std::any_of(c.consents.begin(), c.consents.end(), [&](const auto& k) {
    return k.purpose == domain::ConsentPurpose::kCareTeam && domain::consent_in_force(k, today);
  });
  out["withdrawn_notice"] = withdrawn && !in_force
                                ? json("De ouders hebben hun toestemming ingetrokken: de externe zorgteamleden zien "
                                       "niets meer van deze casus. Bespreek de casus intern, of leg een nieuwe "
                                       "toestemming vast als de ouders die geven.")
                                : json(nullptr);
  const auto route = route_of(ctx, c.pupil_id);
  out["route"] = route_json(route);
  out["missing_steps"] = domain::missing_steps(route);
  auto agenda = domain::agenda_problem(c, today);
  out["agenda_problem"] = agenda ? json(*agenda) : json(nullptr);
  json next = json::array();
  for (auto s : domain::next_statuses(c.status))
    next.push_back({{"status", domain::case_status_key(s)}, {"label", domain::case_status_label(s)}});
  out["next_statuses"] = next;
  out["version"] = c.version;
  out["created_by"] = c.created_by;
  out["saved_by"] = c.saved_by;
  out["file_href"] = fmt::format("/api/v1/cases/{}/file", c.id);
  out["may_write"] = domain::may_write_case(ctx.who, v.scope);
  out["may_record_consent"] = domain::may_record_consent(ctx.who, v.scope);
  out["may_withdraw_consent"] = domain::may_withdraw_consent(ctx.who, v.scope);
  return out;
}

std::vector<CareTeamCase> visible_cases(Context& ctx) {
  store::CareTeamCaseRepository repo(ctx.app.db);
  const domain::Date today = today_local();
  std::vector<CareTeamCase> cases;
  switch (ctx.who.role) {
    case Role::kSupportCoordinator:
    case Role::kHead: cases = repo.of_school(ctx.who.school_id); break;
    case Role::kTeacher: {
      std::vector<Id> pupils;
      for (Id g : ctx.who.group_ids)
        for (const auto& p : ctx.app.groups.pupils_of_group(g)) pupils.push_back(p.id);
      cases = repo.of_pupils(pupils);
      break;
    }
    case Role::kParent: cases = repo.of_pupils(ctx.who.child_ids); break;
    case Role::kCareTeamMember: cases = repo.for_external(ctx.who.account_id, today); break;
    case Role::kBoardAdmin:
    case Role::kPrivacyOfficer: break;
  }
  // The policy has the last word on each (a teacher's former pupil, another board's case).
  std::erase_if(cases, [&](const CareTeamCase& c) {
    auto scope = ctx.app.pupils.scope(c.pupil_id);
    return !scope || !domain::may_view_case(ctx.who, c, *scope, today);
  });
  return cases;
}

json case_file_json(Context& ctx, const CaseInView& v) {
  const CareTeamCase& c = v.c;
  const domain::Date today = today_local();
  std::vector<domain::CaseDocument> documents = domain::all_case_documents();
  domain::ExternalAccess access;
  if (is_external(ctx.who)) {
    access = domain::external_access(c, ctx.who.account_id, today);
    documents = access.documents;
  }
  auto shows = [&](domain::CaseDocument d) { return std::find(documents.begin(), documents.end(), d) != documents.end(); };
  auto record = store::PupilRecordRepository(ctx.app.db).read(c.pupil_id, store::kNow);
  if (!record) refuse_not_found("deze casus");
  json out{{"case_id", c.id},
           {"pupil", {{"id", c.pupil_id}, {"name", record->name}, {"year_group", record->year_group}}},
           {"status", domain::case_status_key(c.status)},
           {"status_label", domain::case_status_label(c.status)}};
  json shown = json::array(), withheld = json::array();
  for (auto d : domain::all_case_documents())
    (shows(d) ? shown : withheld).push_back({{"key", domain::case_document_key(d)}, {"label", domain::case_document_label(d)}});
  out["documents"] = shown;
  out["withheld"] = withheld;  // what the file has but the consent does not share
  if (shows(domain::CaseDocument::kHelpQuestion)) {
    json parents = json::array();
    for (const auto& p : c.help_question_parents) parents.push_back({{"who", p.who}, {"on", p.on.iso()}, {"on_text", p.on.dutch()}});
    out["help_question"] = {{"text", c.help_question},
                            {"parents", parents},
                            {"missing_step_reason", c.missing_step_reason},
                            {"registration", c.registration},
                            {"origin_label", domain::case_origin_label(c.origin)}};
  }
  // The route so far, each step only when its document is shared.
  json route = json::array();
  for (const auto& s : domain::case_route(*record))
    if (shows(s.document))
      route.push_back({{"key", s.key}, {"label", s.label}, {"done", s.done}, {"evidence", s.evidence},
                       {"empty", s.evidence.empty()}});
  out["route"] = route;
  if (shows(domain::CaseDocument::kNeeds)) {
    json needs = json::array();
    for (const auto& e : record->line.entries)
      needs.push_back({{"kind", domain::entry_kind_label(e.kind)},
                       {"topic", e.topic},
                       {"text", e.kind == domain::EntryKind::kGeneralNeed || e.kind == domain::EntryKind::kSubjectNeed
                                    ? domain::need_sentence(e.text)
                                    : e.text},
                       {"source", domain::source_label(e.source)}});
    out["needs"] = needs;
  }
  if (shows(domain::CaseDocument::kResults)) {
    json results = json::array();
    for (const auto& r : record->results) results.push_back(result_json(r));
    out["results"] = results;
  }
  std::vector<std::string> labels;
  for (auto d : documents) labels.push_back(domain::case_document_label(d));
  if (is_external(ctx.who)) {
    json consents = json::array();
    std::vector<std::string> grounds;
    for (const auto& k : c.consents)
      if (std::find(access.consent_ids.begin(), access.consent_ids.end(), k.id) != access.consent_ids.end()) {
        consents.push_back(consent_json(k, today));
        grounds.push_back(fmt::format("toestemming {} ({}, geldig t/m {})", k.id, k.given_by, k.valid_until.dutch()));
      }
    out["consents"] = consents;
    store::CareTeamCaseRepository(ctx.app.db)
        .record_file_view(c, ctx.who,
                          fmt::format("getoond: {}; op grond van {}", fmt::join(labels, ", "), fmt::join(grounds, ", ")));
  } else {
    ctx.audit_view({c.pupil_id}, fmt::format("casusdossier {}", c.id));
  }
  return out;
}

namespace {

Response list_cases(Context& ctx) {
  if (ctx.who.role == Role::kBoardAdmin) throw HttpError{403, "Beheerders lezen geen dossiers."};
  json out = json::array();
  std::vector<Id> pupils;
  const auto cases = visible_cases(ctx);
  for (const auto& c : cases) {
    out.push_back(case_summary_json(ctx, c));
    pupils.push_back(c.pupil_id);
  }
  if (is_external(ctx.who)) {
    // Names of pupils seen by an external: one line per case, under its school.
    for (const auto& c : cases)
      store::CareTeamCaseRepository(ctx.app.db).record_file_view(c, ctx.who, "in de lijst Mijn casussen");
  } else {
    ctx.audit_view(pupils, "casussen");
  }
  return Response::json(out.dump());
}

// Where a case comes from, checked against the pupil: the registration text it carries.
std::string check_origin(Context& ctx, domain::CaseOrigin origin, Id origin_id, const domain::PupilScope& scope) {
  using O = domain::CaseOrigin;
  if (origin == O::kDirect) {
    if (origin_id) throw HttpError{422, "origin_id: een casus die de IB direct opent heeft geen bron."};
    return "";
  }
  if (!origin_id) throw HttpError{422, "origin_id: noem de bespreking of het IHP waaruit de aanmelding komt."};
  if (origin == O::kIhpEvaluation) {
    auto owner = store::IhpRepository(ctx.app.db).owner(origin_id);
    auto ihp = owner && owner->second == scope.pupil_id ? store::IhpRepository(ctx.app.db).latest(origin_id) : std::nullopt;
    if (!ihp) throw HttpError{422, "origin_id: dit IHP is niet van deze leerling."};
    if (ihp->status != domain::IhpStatus::kClosed || ihp->outcome != domain::IhpOutcome::kExternalSteps)
      throw HttpError{422, "origin_id: dit IHP is niet afgesloten met 'externe stappen'."};
    return "IHP afgesloten: externe stappen nodig";
  }
  auto m = store::MeetingRepository(ctx.app.db).find(origin_id);
  if (!m || m->school_id != scope.school_id) throw HttpError{422, "origin_id: deze bespreking is niet van deze school."};
  if (origin == O::kPupilDiscussion) {
    if (m->kind != domain::MeetingKind::kPupilDiscussion || m->pupil_id != scope.pupil_id)
      throw HttpError{422, "origin_id: dit is geen leerlingbespreking van deze leerling."};
    if (m->outcome != domain::PupilDiscussionOutcome::kCareTeam)
      throw HttpError{422, "origin_id: deze leerlingbespreking besloot niet tot aanmelden bij het zorgteam."};
    return m->outcome_note.empty() ? "aangemeld in de leerlingbespreking" : m->outcome_note;
  }
  if (m->kind != domain::MeetingKind::kGroupDiscussion) throw HttpError{422, "origin_id: dit is geen groepsbespreking."};
  for (const auto& r : m->registrations)
    if (r.pupil_id == scope.pupil_id && r.kind == domain::RegistrationKind::kCareTeam) return r.reason;
  throw HttpError{422, "origin_id: in deze groepsbespreking is de leerling niet voor het zorgteam aangemeld."};
}

// {"pupil_id": 12, "origin": "ib" | "groepsbespreking" | "leerlingbespreking" | "ihp",
//  "origin_id": 0, "help_question": "…"}
Response create_case(Context& ctx) {
  json in = json_object_body(ctx.req);
  CareTeamCase c;
  std::string origin;
  try {
    c.pupil_id = io::integer_field(in, "pupil_id", "");
    origin = io::text_field(in, "origin", "");
    c.origin_id = io::integer_field(in, "origin_id", "");
    c.help_question = io::text_field(in, "help_question", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (!c.pupil_id) throw HttpError{400, "pupil_id: noem de leerling"};
  auto parsed = domain::parse_case_origin(origin.empty() ? "ib" : origin);
  if (!parsed) throw HttpError{400, "origin: verwacht ib, groepsbespreking, leerlingbespreking of ihp"};
  c.origin = *parsed;
  const domain::PupilScope scope = ctx.pupil_in_view(c.pupil_id);
  if (!domain::may_write_case(ctx.who, scope))
    throw HttpError{403, "Alleen de intern begeleider opent een zorgteamcasus."};
  c.school_id = scope.school_id;
  c.registration = check_origin(ctx, c.origin, c.origin_id, scope);
  store::CareTeamCaseRepository repo(ctx.app.db);
  for (const auto& open : repo.of_pupils({c.pupil_id}))
    if (open.status != domain::CaseStatus::kClosed && open.status != domain::CaseStatus::kReferred)
      return Response::json(json{{"error", "Voor deze leerling loopt al een zorgteamcasus."}, {"case_id", open.id}}.dump(),
                            409);
  CareTeamCase made = repo.create(c, ctx.who);
  CaseInView v = case_in_view(ctx, made.id);
  json body = case_json(ctx, v);
  ctx.audit_view({made.pupil_id}, fmt::format("casus {}", made.id));
  return Response::json(body.dump(), 201);
}

Response get_case(Context& ctx) {
  CaseInView v = case_in_view(ctx, ctx.id_param("id"));
  if (is_external(ctx.who)) {
    // An external gets the case's line and the way to its file; the file is /file.
    json body = case_summary_json(ctx, v.c);
    body["file_href"] = fmt::format("/api/v1/cases/{}/file", v.c.id);
    store::CareTeamCaseRepository(ctx.app.db).record_file_view(v.c, ctx.who, "de casus (naam en status)");
    return Response::json(body.dump());
  }
  json body = case_json(ctx, v);
  ctx.audit_view({v.c.pupil_id}, fmt::format("casus {}", v.c.id));
  return Response::json(body.dump());
}

// The case's fields from the body; a field not sent keeps what is stored. What changed, in words.
std::vector<std::string> apply_fields(Context& ctx, const json& in, CareTeamCase& c) {
  std::vector<std::string> changed;
  auto text = [&](const char* field, std::string& into, const char* words) {
    if (!in.contains(field)) return;
    std::string value = io::text_field(in, field, "");
    if (value != into) changed.push_back(words);
    into = std::move(value);
  };
  text("help_question", c.help_question, "hulpvraag");
  text("missing_step_reason", c.missing_step_reason, "handelingsverlegenheid");
  text("advice", c.advice, "advies");
  text("outcome_note", c.outcome_note, "afsluiting of verwijzing");
  if (in.contains("help_question_parents")) {
    std::vector<domain::HelpQuestionParent> parents;
    const json& list = io::array_field(in, "help_question_parents", "");
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = fmt::format("help_question_parents[{}]", i);
      if (!list[i].is_object()) throw io::JsonFieldError(at + ": verwacht een object");
      parents.push_back({io::text_field(list[i], "who", at), date_field(list[i], "on", at)});
    }
    bool same = parents.size() == c.help_question_parents.size();
    for (size_t i = 0; same && i < parents.size(); ++i)
      same = parents[i].who == c.help_question_parents[i].who && parents[i].on == c.help_question_parents[i].on;
    if (!same) changed.push_back("ouders bij de hulpvraag");
    c.help_question_parents = std::move(parents);
  }
  if (in.contains("parents_informed")) {
    std::optional<domain::ParentsInformed> informed;
    if (!in["parents_informed"].is_null()) {
      if (!in["parents_informed"].is_object()) throw io::JsonFieldError("parents_informed: verwacht een object of null");
      informed = domain::ParentsInformed{date_field(in["parents_informed"], "on", "parents_informed"),
                                         io::text_field(in["parents_informed"], "how", "parents_informed")};
    }
    const bool same = informed.has_value() == c.parents_informed.has_value() &&
                      (!informed || (informed->on == c.parents_informed->on && informed->how == c.parents_informed->how));
    if (!same)
      changed.push_back(informed ? fmt::format("ouders geïnformeerd op {} ({})", informed->on.dutch(), informed->how)
                                 : "ouders geïnformeerd: verwijderd");
    c.parents_informed = informed;
  }
  if (in.contains("follow_up_until")) {
    auto d = optional_date(in, "follow_up_until");
    if (d != c.follow_up_until) changed.push_back(d ? "volgen tot " + d->dutch() : "volgen tot: verwijderd");
    c.follow_up_until = d;
  }
  if (in.contains("meeting_id")) {
    const Id meeting = io::integer_field(in, "meeting_id", "");
    if (meeting) {
      auto m = store::MeetingRepository(ctx.app.db).find(meeting);
      if (!m || m->school_id != c.school_id || m->kind != domain::MeetingKind::kCareTeam)
        throw HttpError{422, "meeting_id: dit is geen zorgteamoverleg van deze school."};
    }
    if (meeting != c.meeting_id) changed.push_back(meeting ? fmt::format("zorgteamoverleg {}", meeting) : "zorgteamoverleg: geen");
    c.meeting_id = meeting;
  }
  if (in.contains("outcomes")) {
    std::vector<domain::CaseOutcome> outcomes;
    const json& list = io::array_field(in, "outcomes", "");
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = fmt::format("outcomes[{}]", i);
      if (!list[i].is_object()) throw io::JsonFieldError(at + ": verwacht een object");
      const std::string key = io::text_field(list[i], "kind", at);
      auto kind = domain::parse_case_outcome(key);
      if (!kind)
        throw io::JsonFieldError(fmt::format("{}.kind: '{}' is geen uitkomst (hgd, sbo-pcl, pab-sbo, "
                                             "dyslexiebehandeling, sova, anders, zat, volgen)",
                                             at, key));
      outcomes.push_back({*kind, list[i].contains("text") ? io::text_field(list[i], "text", at) : std::string()});
    }
    std::vector<std::string> labels;
    for (const auto& o : outcomes) labels.push_back(domain::case_outcome_label(o.kind) + (o.text.empty() ? "" : " (" + o.text + ")"));
    std::vector<std::string> before;
    for (const auto& o : c.outcomes) before.push_back(domain::case_outcome_label(o.kind) + (o.text.empty() ? "" : " (" + o.text + ")"));
    if (labels != before)
      changed.push_back(labels.empty() ? "uitkomsten: geen" : fmt::format("uitkomsten: {}", fmt::join(labels, ", ")));
    c.outcomes = std::move(outcomes);
  }
  if (in.contains("members")) {
    std::vector<domain::CaseMember> members;
    const json& list = io::array_field(in, "members", "");
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = fmt::format("members[{}]", i);
      if (!list[i].is_object()) throw io::JsonFieldError(at + ": verwacht een object");
      const Id account = io::integer_field(list[i], "account_id", at);
      const std::string discipline = io::text_field(list[i], "discipline", at);
      if (!domain::is_care_team_discipline(discipline))
        throw HttpError{422, fmt::format("{}.discipline: '{}' is geen discipline van het zorgteam.", at, discipline)};
      const store::Account a = external_account(ctx, account, at + ".account_id");
      members.push_back({a.id, a.display_name, discipline});
    }
    for (const auto& m : members)
      if (std::none_of(c.members.begin(), c.members.end(), [&](const auto& o) { return o.account_id == m.account_id; }))
        changed.push_back(fmt::format("{} ({}) uitgenodigd", m.name, m.discipline));
    for (const auto& o : c.members)
      if (std::none_of(members.begin(), members.end(), [&](const auto& m) { return o.account_id == m.account_id; }))
        changed.push_back(fmt::format("{} niet meer uitgenodigd", o.name));
    c.members = std::move(members);
  }
  return changed;
}

Response save_case(Context& ctx) {
  CaseInView v = case_in_view(ctx, ctx.id_param("id"));
  if (!domain::may_write_case(ctx.who, v.scope))
    throw HttpError{403, "Alleen de intern begeleider schrijft de zorgteamcasus."};
  json in = versioned_body(ctx);
  const int based_on = in["version"].get<int>();
  CareTeamCase c = v.c;
  std::vector<std::string> changed;
  std::optional<domain::CaseStatus> to;
  try {
    changed = apply_fields(ctx, in, c);
    if (in.contains("status")) {
      const std::string key = io::text_field(in, "status", "");
      to = domain::parse_case_status(key);
      if (!to)
        throw io::JsonFieldError("status: verwacht aangemeld, toestemming, geagendeerd, besproken, advies, volgen, "
                                 "afgesloten of doorverwezen");
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (v.c.status == domain::CaseStatus::kClosed || v.c.status == domain::CaseStatus::kReferred)
    if (!changed.empty() || (to && *to != v.c.status))
      throw HttpError{409, "De casus is " + domain::case_status_label(v.c.status) + "; hij verandert niet meer."};
  const auto route = route_of(ctx, c.pupil_id);
  if (auto problems = domain::case_problems(c, route); !problems.empty())
    return Response::json(json{{"error", "De casus is niet opgeslagen."}, {"problems", problems}}.dump(), 422);
  if (to && *to != c.status) {
    const domain::CaseStatus from = c.status;
    if (auto refused = domain::move_case(c, *to, route, today_local()))
      return Response::json(json{{"error", *refused}, {"problems", json::array({*refused})}}.dump(), 409);
    changed.push_back(fmt::format("status: {} → {}", domain::case_status_label(from), domain::case_status_label(*to)));
  }
  // Outcomes against the status the save leaves the case in (after the discussion).
  if (auto problems = domain::outcome_problems(c, v.c.outcomes, today_local()); !problems.empty())
    return Response::json(json{{"error", "De casus is niet opgeslagen."}, {"problems", problems}}.dump(), 422);
  auto saved = store::CareTeamCaseRepository(ctx.app.db).save(c, based_on, ctx.who, fmt::format("{}", fmt::join(changed, "; ")));
  if (auto* conflict = std::get_if<store::CaseConflict>(&saved)) {
    CaseInView latest = case_in_view(ctx, v.c.id);
    return Response::json(json{{"error", "De casus is intussen door een ander opgeslagen. Uw tekst is niet verloren: "
                                         "vergelijk met de nieuwste versie en sla opnieuw op."},
                               {"latest_version", conflict->stored_version},
                               {"latest", case_json(ctx, latest)}}
                              .dump(),
                          409);
  }
  v.c = std::get<CareTeamCase>(saved);
  json body = case_json(ctx, v);
  ctx.audit_view({v.c.pupil_id}, fmt::format("casus {}", v.c.id));
  return Response::json(body.dump());
}

// {"purpose": "zorgteam", "given_by": "moeder, …", "given_on": "2027-01-15", "form": "formulier",
//  "disciplines": ["orthopedagoog"], "externals": [12], "documents": ["hulpvraag", "ihps"],
//  "valid_until": "2027-07-31"}. A parent gives it themselves: who, when and how are theirs.
Response add_consent(Context& ctx) {
  CaseInView v = case_in_view(ctx, ctx.id_param("id"));
  if (!domain::may_record_consent(ctx.who, v.scope))
    throw HttpError{403, "Alleen de ouders en de intern begeleider leggen toestemming vast."};
  if (v.c.status == domain::CaseStatus::kClosed || v.c.status == domain::CaseStatus::kReferred)
    throw HttpError{409, "De casus is " + domain::case_status_label(v.c.status) + "."};
  json in = json_object_body(ctx.req);
  domain::Consent k;
  k.case_id = v.c.id;
  k.pupil_id = v.c.pupil_id;
  const bool parent = ctx.who.role == Role::kParent;
  try {
    auto purpose = domain::parse_consent_purpose(io::text_field(in, "purpose", ""));
    if (!purpose) throw io::JsonFieldError("purpose: verwacht zorgteam, zat of hgd");
    k.purpose = *purpose;
    if (parent) {
      k.given_by = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
      k.given_by_account = ctx.who.account_id;
      k.given_on = today_local();
      k.form = domain::ConsentForm::kParentAccount;
    } else {
      k.given_by = io::text_field(in, "given_by", "");
      k.given_on = date_field(in, "given_on", "");
      auto form = domain::parse_consent_form(in.contains("form") ? io::text_field(in, "form", "") : "formulier");
      if (!form) throw io::JsonFieldError("form: verwacht formulier of koers");
      if (*form == domain::ConsentForm::kParentAccount)
        throw io::JsonFieldError("form: toestemming 'in Koers' geeft de ouder zelf met het eigen account");
      k.form = *form;
    }
    k.disciplines = io::text_list_field(in, "disciplines", "");
    const json& externals = io::array_field(in, "externals", "");
    for (size_t i = 0; i < externals.size(); ++i) {
      if (!externals[i].is_number_integer()) throw io::JsonFieldError(fmt::format("externals[{}]: verwacht een getal", i));
      k.externals.push_back(externals[i].get<Id>());
    }
    for (const auto& key : io::text_list_field(in, "documents", "")) {
      auto d = domain::parse_case_document(key);
      if (!d)
        throw io::JsonFieldError(fmt::format("documents: '{}' is geen stuk van het casusdossier (hulpvraag, "
                                             "groepsplannen, besprekingen, ihps, onderwijsbehoeften, toetsresultaten)",
                                             key));
      if (std::find(k.documents.begin(), k.documents.end(), *d) == k.documents.end()) k.documents.push_back(*d);
    }
    k.valid_until = date_field(in, "valid_until", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  for (size_t i = 0; i < k.externals.size(); ++i) external_account(ctx, k.externals[i], fmt::format("externals[{}]", i));
  auto problems = domain::consent_problems(k);
  if (k.given_on > today_local()) problems.push_back("Gegeven op: die dag moet nog komen.");
  if (!problems.empty())
    return Response::json(json{{"error", "De toestemming is niet vastgelegd."}, {"problems", problems}}.dump(), 422);
  const domain::Consent saved = store::CareTeamCaseRepository(ctx.app.db).add_consent(k, ctx.who);
  return Response::json(consent_json(saved, today_local()).dump(), 201);
}

Response withdraw_consent(Context& ctx) {
  const Id id = ctx.id_param("id");
  store::CareTeamCaseRepository repo(ctx.app.db);
  auto k = repo.consent(id);
  if (!k) refuse_not_found("deze toestemming");
  CaseInView v;
  try {
    v = case_in_view(ctx, k->case_id);
  } catch (const HttpError&) {
    refuse_not_found("deze toestemming");
  }
  if (!domain::may_withdraw_consent(ctx.who, v.scope))
    throw HttpError{403, "Alleen de ouders en de intern begeleider trekken een toestemming in."};
  auto withdrawn = repo.withdraw_consent(id, ctx.who);
  if (!withdrawn) throw HttpError{409, "Deze toestemming is al ingetrokken."};
  return Response::json(consent_json(*withdrawn, today_local()).dump());
}

Response get_file(Context& ctx) {
  CaseInView v = case_in_view(ctx, ctx.id_param("id"));
  return Response::json(case_file_json(ctx, v).dump());
}

}  // namespace

Response case_create(Context& ctx) { return create_case(ctx); }
Response case_save(Context& ctx) { return save_case(ctx); }
Response consent_add(Context& ctx) { return add_consent(ctx); }
Response consent_withdraw(Context& ctx) { return withdraw_consent(ctx); }

std::vector<Route> case_routes() {
  return {
      {"GET", "/api/v1/cases", Capability::kSignedIn, list_cases},
      {"POST", "/api/v1/cases", Capability::kSignedIn, create_case},
      {"GET", "/api/v1/cases/:id", Capability::kSignedIn, get_case},
      {"PUT", "/api/v1/cases/:id", Capability::kSignedIn, save_case},
      {"GET", "/api/v1/cases/:id/file", Capability::kSignedIn, get_file},
      {"POST", "/api/v1/cases/:id/consents", Capability::kSignedIn, add_consent},
      {"POST", "/api/v1/consents/:id/withdraw", Capability::kSignedIn, withdraw_consent},
  };
}

}  // namespace koers::web
