// Retention over HTTP (issue 17): the IB's list of the pupils who left with what is due, and
// the hold, release, destination and confirmation of one pupil's deletion.
// API: GET /api/v1/retention (the list; the IB of a school), POST /api/v1/retention/{id}/confirm
// (deletes what is due: 200 with what went; 409 when held or nothing is due), POST
// /api/v1/retention/{id}/hold {"reason"} (400 naming the field without a reason), POST
// …/{id}/release, POST …/{id}/destination {"destination": ""|"regulier"|"sbo"|"so"}.
// Page: /bewaartermijnen with the same actions as forms. A pupil of another school, one that
// does not exist or has not left answers 404; any role but the IB 403. Audited in the store.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "store/retention_repository.h"
#include "web/app.h"

namespace koers::web {

using domain::Id;
using nlohmann::json;

namespace {

constexpr const char* kOnlyIb = "Alleen de intern begeleider van de school beheert de bewaartermijnen.";

void require_ib(Context& ctx) {
  if (!domain::may_manage_retention(ctx.who, ctx.who.school_id)) throw HttpError{403, kOnlyIb};
}

// The pupil's case when they left from the IB's school; else 404 as for what does not exist.
domain::RetentionCase case_in_view(Context& ctx, Id pupil) {
  require_ib(ctx);
  auto c = store::RetentionRepository(ctx.app.db).find(pupil, today_local());
  if (!c || c->school_id != ctx.who.school_id) refuse_not_found("deze vertrokken leerling");
  return *c;
}

json case_json(const domain::RetentionCase& c) {
  json hold = nullptr;
  if (c.hold) hold = {{"reason", c.hold->reason}, {"by", c.hold->by}, {"at", c.hold->at}};
  return {{"pupil_id", c.pupil_id},
          {"name", c.name},
          {"left_on", c.left_on.iso()},
          {"left_on_text", c.left_on.dutch()},
          {"destination", domain::leaving_destination_key(c.destination)},
          {"destination_label", domain::leaving_destination_label(c.destination)},
          {"referred_special", c.referred_special},
          {"care_due_on", c.dates.care_due_on.iso()},
          {"care_due_text", c.dates.care_due_on.dutch()},
          {"record_due_on", c.dates.record_due_on.iso()},
          {"record_due_text", c.dates.record_due_on.dutch()},
          {"care_deleted_at", c.care_deleted_at},
          {"due", c.due == domain::RetentionStep::kNone
                      ? ""
                      : (c.due == domain::RetentionStep::kCareData ? "zorggegevens" : "dossier")},
          {"due_label", domain::retention_step_label(c.due)},
          {"state", domain::retention_state_label(c)},
          {"hold", hold},
          {"held", c.held()},
          {"may_confirm", domain::may_delete(c)}};
}

json list_json(Context& ctx) {
  require_ib(ctx);
  const auto board = ctx.who.board_id;
  const auto p = store::RetentionRepository(ctx.app.db).periods(board);
  json rows = json::array();
  std::vector<Id> shown;
  int due = 0;
  for (const auto& c : store::RetentionRepository(ctx.app.db).of_school(ctx.who.school_id, today_local())) {
    rows.push_back(case_json(c));
    shown.push_back(c.pupil_id);
    due += c.due != domain::RetentionStep::kNone;
  }
  if (!shown.empty()) ctx.audit_view(shown, "bewaartermijnen van de vertrokken leerlingen");
  return {
      {"periods",
       {{"care_years", p.care_years}, {"special_care_years", p.special_care_years}, {"record_years", p.record_years}}},
      {"today", today_local().iso()},
      {"due_count", due},
      {"pupils", rows}};
}

json body_object(Context& ctx) {
  json in = json::parse(ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object()) throw HttpError{400, "Verwacht een JSON-object."};
  return in;
}

// The actions, shared by the API and the page's forms: the answer (status, JSON).
std::pair<int, json> do_confirm(Context& ctx, Id pupil) {
  case_in_view(ctx, pupil);
  auto done = store::RetentionRepository(ctx.app.db).confirm(pupil, today_local(), ctx.who);
  if (auto* refused = std::get_if<std::string>(&done)) return {409, {{"error", "Niet verwijderd: " + *refused + "."}}};
  const auto& d = std::get<store::RetentionDeletion>(done);
  return {200,
          {{"deleted", domain::retention_step_label(d.step)},
           {"whole_record", d.step == domain::RetentionStep::kWholeRecord},
           {"rows", d.rows},
           {"tables", d.tables}}};
}

std::pair<int, json> do_hold(Context& ctx, Id pupil, const std::string& reason) {
  case_in_view(ctx, pupil);
  if (auto problem = store::RetentionRepository(ctx.app.db).hold(pupil, reason, ctx.who))
    return {400, {{"error", *problem}, {"field", "reason"}}};
  return {200, case_json(*store::RetentionRepository(ctx.app.db).find(pupil, today_local()))};
}

std::pair<int, json> do_release(Context& ctx, Id pupil) {
  case_in_view(ctx, pupil);
  store::RetentionRepository(ctx.app.db).release(pupil, ctx.who);
  return {200, case_json(*store::RetentionRepository(ctx.app.db).find(pupil, today_local()))};
}

std::pair<int, json> do_destination(Context& ctx, Id pupil, const std::string& key) {
  case_in_view(ctx, pupil);
  auto d = domain::parse_leaving_destination(key);
  if (!d) return {400, {{"error", "destination: kies uit \"\", regulier, sbo of so"}, {"field", "destination"}}};
  store::RetentionRepository(ctx.app.db).set_destination(pupil, *d, ctx.who);
  return {200, case_json(*store::RetentionRepository(ctx.app.db).find(pupil, today_local()))};
}

Response api(std::pair<int, json> r) { return Response::json(r.second.dump(), r.first); }

std::string text_of(const json& in, const char* key) {
  return in.contains(key) && in[key].is_string() ? in[key].get<std::string>() : std::string();
}

// ---- Page

Response page(Context& ctx) {
  json model = list_json(ctx);
  for (auto& row : model["pupils"]) {
    row["csrf"] = ctx.csrf;
    for (const char* d : {"regulier", "sbo", "so"}) row[std::string("destination_") + d] = row["destination"] == d;
  }
  model["has_pupils"] = !model["pupils"].empty();
  model["csrf"] = ctx.csrf;
  model["message"] = ctx.notice_json();
  return ctx.page("retention", "Bewaartermijnen", model);
}

Response page_action(Context& ctx, std::pair<int, json> r, const std::string& success) {
  const std::string text = r.first == 200 ? success : r.second.value("error", std::string("Niet gelukt."));
  return Response::redirect(ctx.with_notice("/bewaartermijnen", text));
}

}  // namespace

std::vector<Route> retention_routes() {
  using domain::Capability;
  return {
      {"GET", "/api/v1/retention", Capability::kSignedIn,
       [](Context& ctx) { return Response::json(list_json(ctx).dump()); }},
      {"POST", "/api/v1/retention/:id/confirm", Capability::kSignedIn,
       [](Context& ctx) { return api(do_confirm(ctx, ctx.id_param("id"))); }},
      {"POST", "/api/v1/retention/:id/hold", Capability::kSignedIn,
       [](Context& ctx) { return api(do_hold(ctx, ctx.id_param("id"), text_of(body_object(ctx), "reason"))); }},
      {"POST", "/api/v1/retention/:id/release", Capability::kSignedIn,
       [](Context& ctx) { return api(do_release(ctx, ctx.id_param("id"))); }},
      {"POST", "/api/v1/retention/:id/destination", Capability::kSignedIn,
       [](Context& ctx) {
         return api(do_destination(ctx, ctx.id_param("id"), text_of(body_object(ctx), "destination")));
       }},
      {"GET", "/bewaartermijnen", Capability::kSignedIn, page},
      {"POST", "/bewaartermijnen/:id/verwijderen", Capability::kSignedIn,
       [](Context& ctx) {
         if (ctx.req.field("bevestigd") != "ja")
           return Response::redirect(ctx.with_notice(
               "/bewaartermijnen", "Niet verwijderd: vink aan dat u het verwijderen bevestigt (bevestigd)."));
         return page_action(ctx, do_confirm(ctx, ctx.id_param("id")),
                            "Verwijderd. In het logboek staat alleen dat er een dossier verwijderd is.");
       }},
      {"POST", "/bewaartermijnen/:id/vasthouden", Capability::kSignedIn,
       [](Context& ctx) {
         return page_action(ctx, do_hold(ctx, ctx.id_param("id"), ctx.req.field("reason")),
                            "Het dossier wordt vastgehouden.");
       }},
      {"POST", "/bewaartermijnen/:id/vrijgeven", Capability::kSignedIn,
       [](Context& ctx) {
         return page_action(ctx, do_release(ctx, ctx.id_param("id")), "Het dossier wordt niet meer vastgehouden.");
       }},
      {"POST", "/bewaartermijnen/:id/bestemming", Capability::kSignedIn,
       [](Context& ctx) {
         return page_action(ctx, do_destination(ctx, ctx.id_param("id"), ctx.req.field("destination")),
                            "De bestemming is vastgelegd.");
       }},
  };
}

}  // namespace koers::web
