// Referrals over the API. GET/PUT /api/v1/referral-procedures: the board's procedures (the board
// administrator edits; IB and head read). GET/POST /api/v1/pupils/{id}/referrals: the referrals
// the caller may see; the IB starts one (from a care-team case's advice where there is one).
// GET/PUT /api/v1/referrals/{id}: read; save (the IB: cluster, reason, handelingsverlegenheid,
// expert advices, consents; a parent: their view and agreement). POST …/{id}/parents-copy: the
// IB makes the parents' copy available. POST …/{id}/send: refused (409, in Dutch) until the copy
// was available, the consents recorded and the dossier complete; freezes the OKR as sent.
// POST …/{id}/decision: the decision that came back. GET …/{id}/okr?format=json|pdf|xml: the OKR
// (as sent, once sent), as JSON, as an A4 PDF, or as the OSO dossier (XML, transfer POSWV).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "common/clock.h"
#include "io/json_fields.h"
#include "io/okr_pdf.h"
#include "io/oso_xml.h"
#include "io/referral_json.h"
#include "store/care_team_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/referral_repository.h"
#include "web/documents/documents.h"
#include "web/referrals/referrals.h"
#include "web/request_input.h"

namespace koers::web {

using domain::Id;
using domain::Referral;
using domain::ReferralActor;
using domain::Role;
using nlohmann::json;

namespace {

// Whether the principal may know the pupil exists: staff of the pupil's school, a parent of the
// pupil, and (to be refused with 403) care-team members and the board administrator of the board.
bool of_the_school(const domain::Principal& who, const domain::PupilScope& scope) {
  if (who.board_id != scope.board_id) return false;
  if (who.role == Role::kCareTeamMember || who.role == Role::kBoardAdmin) return true;
  if (who.role == Role::kParent)
    return std::find(who.child_ids.begin(), who.child_ids.end(), scope.pupil_id) != who.child_ids.end();
  if (who.role == Role::kTeacher) return domain::may_view_pupil(who, scope);
  return who.school_id == scope.school_id;
}

constexpr const char* kWhoSees =
    "Een verwijzing zien alleen de intern begeleider, de directeur en de leerkracht van de leerling, en de ouders "
    "zodra hun kopie beschikbaar is.";

Response conflict_response(const store::ReferralConflict& c) {
  return Response::json(json{{"error", "De verwijzing is intussen door een ander opgeslagen. Vergelijk met de nieuwste "
                                       "versie en sla opnieuw op."},
                             {"latest_version", c.stored_version}}
                            .dump(),
                        409);
}

Response saved_or_conflict(Context& ctx, ReferralInView& v, const Referral& next, const std::string& what,
                           int status = 200) {
  auto saved = store::ReferralRepository(ctx.app.db).save(next, v.r.version, ctx.who, what);
  if (auto* conflict = std::get_if<store::ReferralConflict>(&saved)) return conflict_response(*conflict);
  v.r = std::get<Referral>(saved);
  v.actor = domain::referral_actor(ctx.who, v.scope, v.r);
  return Response::json(referral_json(ctx, v, current_okr(ctx, v.r)).dump(), status);
}

// ---- Procedures

json procedure_set_json(const store::ProcedureSet& set, bool may_edit) {
  json parts = json::array();
  for (auto p : domain::all_referral_parts())
    parts.push_back({{"key", domain::referral_part_key(p)}, {"label", domain::referral_part_label(p)}});
  return {{"version", set.version},
          {"board_set", set.version != 0},
          {"changed_by", set.changed_by},
          {"changed_at", set.changed_at},
          {"procedures", io::procedures_json(set.procedures)},
          {"parts", parts},
          {"may_edit", may_edit}};
}

Response get_procedures(Context& ctx) {
  if (!domain::may_read_procedures(ctx.who, ctx.who.board_id))
    throw HttpError{403, "De verwijsprocedures zien de beheerder van het bestuur, de intern begeleider en de directeur."};
  return Response::json(
      procedure_set_json(store::ReferralRepository(ctx.app.db).procedures(ctx.who.board_id),
                         domain::may_edit_procedures(ctx.who, ctx.who.board_id))
          .dump());
}

// {"version": 0, "procedures": [{key, name, addressee, needs_cluster, placements, steps, consents, required}]}
Response put_procedures(Context& ctx) {
  if (!domain::may_edit_procedures(ctx.who, ctx.who.board_id))
    throw HttpError{403, "Alleen de beheerder van het bestuur past de verwijsprocedures aan."};
  json in = versioned_body(ctx);
  std::vector<domain::ReferralProcedure> procedures;
  try {
    if (!in.contains("procedures")) throw io::JsonFieldError("procedures: de lijst met procedures ontbreekt");
    procedures = io::procedures_from_json(in["procedures"], "procedures");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  auto result = store::ReferralRepository(ctx.app.db)
                    .set_procedures(ctx.who.board_id, procedures, in["version"].get<int>(), ctx.who);
  if (auto* problems = std::get_if<std::vector<std::string>>(&result))
    return problems_response("De verwijsprocedures zijn niet opgeslagen.", *problems);
  if (auto* conflict = std::get_if<store::ReferralConflict>(&result))
    return Response::json(json{{"error", "De procedures zijn intussen door een ander opgeslagen."},
                               {"latest_version", conflict->stored_version}}
                              .dump(),
                          409);
  return Response::json(procedure_set_json(std::get<store::ProcedureSet>(result), true).dump());
}

// ---- A pupil's referrals

Response list_referrals(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  auto scope = ctx.app.pupils.scope(pupil);
  if (!scope || !of_the_school(ctx.who, *scope)) refuse_not_found("deze leerling");
  if (ctx.who.role == Role::kCareTeamMember || ctx.who.role == Role::kBoardAdmin) throw HttpError{403, kWhoSees};
  json out = json::array();
  store::ReferralRepository repo(ctx.app.db);
  for (auto& r : repo.of_pupil(pupil)) {
    ReferralInView v{r, *scope, domain::referral_actor(ctx.who, *scope, r)};
    if (v.actor == ReferralActor::kNone) continue;
    out.push_back(referral_json(ctx, v, current_okr(ctx, v.r)));
    repo.record_view(v.r, ctx.who, "de verwijzing (status, ontbrekende stukken)");
  }
  return Response::json(out.dump());
}

// {"procedure": "pcl-sbo", "case_id": 12 (optional), "cluster": 0, "reason": "…", "handelingsverlegenheid": "…"}
Response start_referral(Context& ctx) {
  const Id pupil = ctx.id_param("id");
  auto scope = ctx.app.pupils.scope(pupil);
  if (!scope || !of_the_school(ctx.who, *scope)) refuse_not_found("deze leerling");
  if (!domain::may_start_referral(ctx.who, *scope))
    throw HttpError{403, "Alleen de intern begeleider start een verwijzing."};
  json in = json_object_body(ctx.req);
  Referral r;
  r.pupil_id = pupil;
  r.school_id = scope->school_id;
  std::string key;
  try {
    key = io::text_field(in, "procedure", "");
    r.case_id = in.contains("case_id") && !in["case_id"].is_null() ? io::integer_field(in, "case_id", "") : 0;
    r.cluster = in.contains("cluster") && !in["cluster"].is_null() ? static_cast<int>(std::clamp(
                                                                         io::integer_field(in, "cluster", ""), -1LL, 99LL))
                                                                   : 0;
    r.reason = io::text_field(in, "reason", "");
    r.handelingsverlegenheid = io::text_field(in, "handelingsverlegenheid", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  const auto set = store::ReferralRepository(ctx.app.db).procedures(scope->board_id);
  const domain::ReferralProcedure* procedure = domain::find_procedure(set.procedures, key);
  if (!procedure) {
    std::vector<std::string> keys;
    for (const auto& p : set.procedures) keys.push_back(p.key);
    return problems_response("Geen verwijzing gestart.",
                             {fmt::format("Procedure: kies een van {} ('{}' kent het bestuur niet).",
                                          fmt::join(keys, ", "), key)});
  }
  r.procedure = *procedure;
  if (r.case_id) {
    auto c = store::CareTeamCaseRepository(ctx.app.db).find(r.case_id);
    if (!c || c->pupil_id != pupil)
      return problems_response("Geen verwijzing gestart.",
                               {fmt::format("Casus: {} is geen zorgteamcasus van deze leerling.", r.case_id)});
    if (r.reason.empty() && !c->advice.empty()) r.reason = "Advies van het zorgteam: " + c->advice;
  }
  if (auto problems = domain::referral_problems(r); !problems.empty())
    return problems_response("Geen verwijzing gestart.", problems);
  Referral made = store::ReferralRepository(ctx.app.db).create(r, ctx.who);
  ReferralInView v{made, *scope, domain::referral_actor(ctx.who, *scope, made)};
  return Response::json(referral_json(ctx, v, current_okr(ctx, made)).dump(), 201);
}

Response get_referral(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  json body = referral_json(ctx, v, current_okr(ctx, v.r));
  store::ReferralRepository(ctx.app.db).record_view(v.r, ctx.who, "de verwijzing (status, ontbrekende stukken)");
  return Response::json(body.dump());
}

// The IB: {"version": 2, "cluster", "reason", "handelingsverlegenheid", "expert_advices": [...],
// "consents": [{key, given_by, given_on}], "withdraw": true}. A parent: {"version": 2,
// "parents_view": "…", "parents_agree": true|false, "parents_reason": "…"}. A field not sent
// keeps what is stored.
Response save_referral(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  if (v.actor == ReferralActor::kReader)
    throw HttpError{403, "Alleen de intern begeleider schrijft in de verwijzing; de ouders voegen hun zienswijze toe."};
  json in = versioned_body(ctx);
  if (in["version"].get<int>() != v.r.version)
    return conflict_response(store::ReferralConflict{v.r.version});
  Referral r = v.r;
  std::vector<std::string> changed;
  try {
    if (v.actor == ReferralActor::kParent) {
      for (const char* field : {"cluster", "reason", "handelingsverlegenheid", "expert_advices", "consents", "withdraw"})
        if (in.contains(field)) throw HttpError{403, "Ouders voegen alleen hun zienswijze en hun instemming toe."};
      if (auto refused = domain::parents_response_refusal(r)) return problems_response(*refused, {*refused}, 409);
      if (in.contains("parents_view")) r.parents.view = io::text_field(in, "parents_view", "");
      if (in.contains("parents_agree")) {
        if (in["parents_agree"].is_null()) r.parents.agrees.reset();
        else if (in["parents_agree"].is_boolean()) r.parents.agrees = in["parents_agree"].get<bool>();
        else throw io::JsonFieldError("parents_agree: verwacht true (eens), false (niet eens) of null");
      }
      if (in.contains("parents_reason")) r.parents.reason = io::text_field(in, "parents_reason", "");
      r.parents.by = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
      r.parents.at = now_utc();
      changed.push_back(fmt::format("zienswijze van de ouders{}",
                                    r.parents.agrees ? (*r.parents.agrees ? "; de ouders zijn het eens"
                                                                          : "; de ouders zijn het niet eens")
                                                     : ""));
    } else {
      for (const char* field : {"parents_view", "parents_agree", "parents_reason"})
        if (in.contains(field)) throw HttpError{403, "De zienswijze is van de ouders; de school schrijft er niet in."};
      if (r.sent() || r.status == domain::ReferralStatus::kWithdrawn)
        return problems_response("De verwijzing is al verzonden of ingetrokken en verandert niet meer.",
                                 {"De verwijzing is al verzonden of ingetrokken en verandert niet meer."}, 409);
      if (in.contains("cluster")) {
        r.cluster = static_cast<int>(std::clamp(io::integer_field(in, "cluster", ""), -1LL, 99LL));
        changed.push_back(fmt::format("cluster {}", r.cluster));
      }
      if (in.contains("reason")) {
        r.reason = io::text_field(in, "reason", "");
        changed.push_back("aanleiding");
      }
      if (in.contains("handelingsverlegenheid")) {
        r.handelingsverlegenheid = io::text_field(in, "handelingsverlegenheid", "");
        changed.push_back("handelingsverlegenheid");
      }
      if (in.contains("expert_advices")) {
        r.expert_advices = io::expert_advices_from_json(in["expert_advices"], "expert_advices");
        changed.push_back(fmt::format("deskundigenadviezen ({})", r.expert_advices.size()));
      }
      if (in.contains("consents")) {
        auto consents = io::consents_from_json(in["consents"], "consents");
        for (auto& c : consents) {
          auto before = std::find_if(v.r.consents.begin(), v.r.consents.end(), [&](const domain::RecordedConsent& b) {
            return b.key == c.key && b.given_by == c.given_by && b.given_on == c.given_on;
          });
          if (before != v.r.consents.end()) {
            c.recorded_by = before->recorded_by;
            c.recorded_at = before->recorded_at;
          } else {
            c.recorded_by = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
            c.recorded_at = now_utc();
            changed.push_back(fmt::format("toestemming '{}' van {} op {}", c.key, c.given_by,
                                          c.given_on.valid() ? c.given_on.dutch() : "?"));
          }
        }
        r.consents = std::move(consents);
      }
      if (in.contains("withdraw") && io::flag_field(in, "withdraw", "")) {
        r.status = domain::ReferralStatus::kWithdrawn;
        changed.push_back("ingetrokken");
      }
    }
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (auto problems = domain::referral_problems(r); !problems.empty())
    return problems_response("De verwijzing is niet opgeslagen.", problems);
  return saved_or_conflict(ctx, v, r, fmt::format("{}", fmt::join(changed, "; ")));
}

Response make_parents_copy(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  if (v.actor != ReferralActor::kCoordinator)
    throw HttpError{403, "Alleen de intern begeleider stelt de kopie voor de ouders beschikbaar."};
  if (auto refused = domain::parents_copy_refusal(v.r)) return problems_response(*refused, {*refused}, 409);
  if (v.r.parents_copy_available()) return Response::json(referral_json(ctx, v, current_okr(ctx, v.r)).dump());
  Referral r = v.r;
  r.parents_copy_at = now_utc();
  r.parents_copy_by = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
  r.status = domain::ReferralStatus::kWithParents;
  return saved_or_conflict(ctx, v, r, "kopie voor de ouders beschikbaar gesteld (Mijn kind)");
}

// {"sent_to": "PCL van SWV Noord" (default: the procedure's addressee)}
Response send_referral(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  if (v.actor != ReferralActor::kCoordinator) throw HttpError{403, "Alleen de intern begeleider verzendt de verwijzing."};
  json in = json_object_body(ctx.req);
  std::string to;
  try {
    to = io::text_field(in, "sent_to", "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (to.find_first_not_of(" \t\r\n") == std::string::npos) to = v.r.procedure.addressee;
  domain::Okr okr = current_okr(ctx, v.r);
  if (auto refused = domain::send_refusal(v.r, okr.counts()))
    return Response::json(json{{"error", *refused}, {"missing", okr.missing}}.dump(), 409);
  Referral r = v.r;
  r.sent_at = now_utc();
  r.sent_by = ctx.who.display_name.empty() ? ctx.who.username : ctx.who.display_name;
  r.sent_to = to;
  r.status = domain::ReferralStatus::kSent;
  okr.addressee = to;
  json frozen = io::sent_okr_json(okr, r);
  try {  // the OSO dossier as it left the school; a school without a Dutch BRIN sends none
    frozen["oso_xml"] = io::oso_xml(okr, oso_facts(ctx, r));
  } catch (const io::OsoError&) {
  }
  r.sent_okr = frozen.dump();
  return saved_or_conflict(ctx, v, r, fmt::format("verzonden aan {} (OKR vastgelegd zoals verzonden)", to));
}

// {"positive": true, "on": "2027-04-01", "placement": "SBO De Wissel", "note": "…"}
Response record_decision(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  if (v.actor != ReferralActor::kCoordinator) throw HttpError{403, "Alleen de intern begeleider legt het besluit vast."};
  json in = json_object_body(ctx.req);
  std::optional<domain::ReferralDecision> d;
  try {
    d = io::decision_from_json(in, "");
  } catch (const io::JsonFieldError& e) {
    throw HttpError{400, e.what()};
  }
  if (auto refused = domain::decision_refusal(v.r, *d)) return problems_response(*refused, {*refused}, 409);
  Referral r = v.r;
  r.decision = d;
  r.status = domain::ReferralStatus::kDecided;
  return saved_or_conflict(ctx, v, r,
                           fmt::format("besluit: {} op {}{}", d->positive ? "positief" : "negatief", d->on.dutch(),
                                       d->placement.empty() ? "" : ", " + d->placement));
}

// The OKR sent, read back from its frozen JSON.
domain::Okr frozen_okr(const Referral& r) {
  try {
    return io::okr_from_json(json::parse(r.sent_okr));
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("verwijzing {}: het verzonden OKR is onleesbaar: {}", r.id, e.what()));
  }
}

// "OKR_Roos_van_der_Meer.pdf"
std::string okr_file_name(const domain::Okr& okr, const char* extension) {
  std::string name;
  for (unsigned char c : okr.pupil_name) name += std::isalnum(c) ? static_cast<char>(c) : '_';
  return fmt::format("OKR_{}.{}", name, extension);
}

Response download(std::string bytes, const std::string& content_type, const std::string& file_name) {
  Response out;
  out.content_type = content_type;
  out.body = std::move(bytes);
  out.header("Content-Disposition", content_disposition(file_name, false));
  out.header("Cache-Control", "no-store");
  return out;
}

// GET …/okr?format=json|pdf|xml: the OKR as it stands (assembled from the record) or, once sent,
// as it was sent; pdf: to print (A4); xml: the OSO dossier (transfer POSWV). Each read audited.
Response get_okr(Context& ctx) {
  ReferralInView v = referral_in_view(ctx, ctx.id_param("id"));
  const std::string format = ctx.query("format").empty() ? "json" : ctx.query("format");
  if (format != "json" && format != "pdf" && format != "xml")
    throw HttpError{400, "format: kies json, pdf (het OKR om te printen) of xml (het OSO-dossier)."};
  store::ReferralRepository repo(ctx.app.db);
  const bool sent = v.r.sent();
  if (format == "json") {
    json body;
    if (sent) {
      body = json::parse(v.r.sent_okr, nullptr, false);
      body.erase("oso_xml");
      body["frozen"] = true;
    } else {
      body = io::okr_json(current_okr(ctx, v.r));
      body["frozen"] = false;
    }
    repo.record_view(v.r, ctx.who, sent ? "het OKR zoals verzonden" : "het OKR (samengesteld uit het dossier)");
    return Response::json(body.dump());
  }
  const domain::Okr okr = sent ? frozen_okr(v.r) : current_okr(ctx, v.r);
  if (format == "pdf") {
    io::OkrPdfStatus status{sent, v.r.sent_at, v.r.sent_by, v.r.sent_to, today_local()};
    std::string bytes = io::okr_pdf(okr, status);
    repo.record_view(v.r, ctx.who,
                     sent ? "het OKR zoals verzonden, als PDF gedownload"
                          : "het OKR als PDF gedownload (samengesteld uit het dossier, nog niet verzonden)");
    return download(std::move(bytes), "application/pdf", okr_file_name(okr, "pdf"));
  }
  std::string xml;
  if (sent) {
    const json frozen = json::parse(v.r.sent_okr, nullptr, false);
    if (frozen.is_object() && frozen.contains("oso_xml") && frozen["oso_xml"].is_string())
      xml = frozen["oso_xml"].get<std::string>();
  }
  if (xml.empty()) {
    try {
      xml = io::oso_xml(okr, oso_facts(ctx, v.r));
    } catch (const io::OsoError& e) {
      return problems_response("Het OSO-dossier kan niet worden gemaakt.", {e.what()});
    }
  }
  repo.record_view(v.r, ctx.who,
                   sent ? "het OSO-dossier (XML) van het OKR zoals verzonden gedownload"
                        : "het OSO-dossier (XML) van het OKR gedownload (nog niet verzonden)");
  return download(std::move(xml), "application/xml; charset=utf-8", okr_file_name(okr, "xml"));
}

}  // namespace

ReferralInView referral_in_view(Context& ctx, Id referral_id) {
  auto r = store::ReferralRepository(ctx.app.db).find(referral_id);
  if (!r) refuse_not_found("deze verwijzing");
  auto scope = ctx.app.pupils.scope(r->pupil_id);
  if (!scope) refuse_not_found("deze verwijzing");
  ReferralInView v{std::move(*r), *scope, ReferralActor::kNone};
  v.actor = domain::referral_actor(ctx.who, v.scope, v.r);
  if (v.actor == ReferralActor::kNone) {
    // A parent before the copy is available: as if there were none yet.
    if (!of_the_school(ctx.who, v.scope) || ctx.who.role == Role::kParent) refuse_not_found("deze verwijzing");
    throw HttpError{403, kWhoSees};
  }
  return v;
}

io::OsoFacts oso_facts(Context& ctx, const Referral& r) {
  io::OsoFacts f;
  if (auto school = ctx.app.schools.find_school(r.school_id)) f.school = *school;
  if (auto pupil = ctx.app.pupils.find(r.pupil_id)) f.pupil = *pupil;
  f.enrolments = ctx.app.pupils.enrolments(r.pupil_id);
  f.guardians = ctx.app.pupils.guardians(r.pupil_id);
  if (auto record = store::PupilRecordRepository(ctx.app.db).read(r.pupil_id, r.sent() ? r.sent_at : store::kNow)) {
    f.ihps = std::move(record->ihp_plans);
    f.results = std::move(record->results);
  }
  f.referral = r;
  const auto sent_on = r.sent() ? domain::parse_iso_date(r.sent_at.substr(0, 10)) : std::nullopt;
  f.made_on = sent_on ? *sent_on : today_local();
  return f;
}

domain::Okr current_okr(Context& ctx, const Referral& r) {
  auto record = store::PupilRecordRepository(ctx.app.db).read(r.pupil_id, store::kNow);
  domain::PupilRecord pupil = record ? std::move(*record) : domain::PupilRecord{};
  domain::OkrSources sources;  // the cases and HGD requests come with the record
  if (auto school = ctx.app.schools.find_school(r.school_id)) sources.school_name = school->name;
  return domain::assemble_okr(pupil, r, sources);
}

json referral_json(Context& ctx, const ReferralInView& v, const domain::Okr& okr) {
  const Referral& r = v.r;
  const bool ib = v.actor == ReferralActor::kCoordinator, parent = v.actor == ReferralActor::kParent;
  const bool open = !r.sent() && r.status != domain::ReferralStatus::kWithdrawn;
  json consents_needed = json::array();
  for (const auto& c : r.procedure.consents) {
    const auto given = std::find_if(r.consents.begin(), r.consents.end(),
                                    [&](const domain::RecordedConsent& g) { return g.key == c.key; });
    consents_needed.push_back({{"key", c.key},
                               {"label", c.label},
                               {"before_sending", c.before_sending},
                               {"recorded", given != r.consents.end()},
                               {"given_by", given != r.consents.end() ? given->given_by : ""},
                               {"given_on_text", given != r.consents.end() && given->given_on.valid()
                                                     ? given->given_on.dutch()
                                                     : ""}});
  }
  const auto refusal = domain::send_refusal(r, okr.counts());
  json body = {{"id", r.id},
               {"pupil_id", r.pupil_id},
               {"pupil_name", okr.pupil_name},
               {"case_id", r.case_id},
               {"procedure", io::procedure_json(r.procedure)},
               {"procedure_name", r.procedure.name},
               {"needs_cluster", r.procedure.needs_cluster},
               {"addressee", r.procedure.addressee},
               {"parents_view", r.parents.view},
               {"parents_reason", r.parents.reason},
               {"parents_agree_yes", r.parents.agrees == true},  // the radio buttons as the parents left them
               {"parents_agree_no", r.parents.agrees == false},
               {"cluster", r.cluster},
               {"has_cluster", r.cluster != 0},
               {"has_case", r.case_id != 0},
               {"status", domain::referral_status_key(r.status)},
               {"status_label", domain::referral_status_label(r.status)},
               {"reason", r.reason},
               {"handelingsverlegenheid", r.handelingsverlegenheid},
               {"expert_advices", io::expert_advices_json(r.expert_advices)},
               {"consents", io::consents_json(r.consents)},
               {"consents_needed", consents_needed},
               {"parents_copy_available", r.parents_copy_available()},
               {"parents_copy_at", r.parents_copy_at},
               {"parents_copy_at_text", r.parents_copy_at.empty() ? "" : display_time(r.parents_copy_at)},
               {"parents_copy_by", r.parents_copy_by},
               {"parents", io::parents_json(r.parents)},
               {"parents_agreement", okr.parents_agreement},
               {"sent", r.sent()},
               {"sent_at", r.sent_at},
               {"sent_at_text", r.sent_at.empty() ? "" : display_time(r.sent_at)},
               {"sent_by", r.sent_by},
               {"sent_to", r.sent_to},
               {"decision", io::decision_json(r.decision)},
               {"missing", okr.missing},
               {"complete", okr.missing.empty()},
               {"send_refusal", refusal ? json(*refusal) : json(nullptr)},
               {"version", r.version},
               {"created_by", r.created_by},
               {"created_at", r.created_at},
               {"actor", ib       ? "ib"
                         : parent ? "ouder"
                                  : "lezer"},
               {"may_write", ib && open},
               {"may_make_parents_copy", ib && open && !r.parents_copy_available()},
               {"may_send", ib && open && !refusal},
               {"may_decide", ib && r.sent()},
               {"may_respond", parent && !domain::parents_response_refusal(r)},
               {"href", fmt::format("/verwijzingen/{}", r.id)}};
  return body;
}

json child_referrals_json(Context& ctx, Id pupil_id) {
  json out = json::array();
  auto scope = ctx.app.pupils.scope(pupil_id);
  if (!scope) return out;
  store::ReferralRepository repo(ctx.app.db);
  for (auto& r : repo.of_pupil(pupil_id)) {
    ReferralInView v{r, *scope, domain::referral_actor(ctx.who, *scope, r)};
    if (v.actor != ReferralActor::kParent) continue;
    domain::Okr okr = current_okr(ctx, v.r);
    json row = referral_json(ctx, v, okr);
    row["okr"] = io::okr_json(okr);
    out.push_back(std::move(row));
    repo.record_view(v.r, ctx.who, "de kopie van de verwijzing voor de ouders (OKR)");
  }
  return out;
}

Response referral_start(Context& ctx) { return start_referral(ctx); }
Response referral_save(Context& ctx) { return save_referral(ctx); }
Response referral_parents_copy(Context& ctx) { return make_parents_copy(ctx); }
Response referral_send(Context& ctx) { return send_referral(ctx); }
Response referral_decide(Context& ctx) { return record_decision(ctx); }

std::vector<Route> referral_routes() {
  using domain::Capability;
  return {
      {"GET", "/api/v1/referral-procedures", Capability::kSignedIn, get_procedures},
      {"PUT", "/api/v1/referral-procedures", Capability::kSignedIn, put_procedures},
      {"GET", "/api/v1/pupils/:id/referrals", Capability::kSignedIn, list_referrals},
      {"POST", "/api/v1/pupils/:id/referrals", Capability::kSignedIn, start_referral},
      {"GET", "/api/v1/referrals/:id", Capability::kSignedIn, get_referral},
      {"PUT", "/api/v1/referrals/:id", Capability::kSignedIn, save_referral},
      {"POST", "/api/v1/referrals/:id/parents-copy", Capability::kSignedIn, make_parents_copy},
      {"POST", "/api/v1/referrals/:id/send", Capability::kSignedIn, send_referral},
      {"POST", "/api/v1/referrals/:id/decision", Capability::kSignedIn, record_decision},
      {"GET", "/api/v1/referrals/:id/okr", Capability::kSignedIn, get_okr},
  };
}

}  // namespace koers::web
