// Retention over HTTP (issue 17): the IB's list of the pupils who left with what is due, and
// the hold, release, destination and confirmation of one pupil's deletion.
// API: GET /api/v1/retention (the list; the IB of a school), POST /api/v1/retention/{id}/confirm
// (deletes what is due: 200 with what went; 409 when held or nothing is due), POST
// /api/v1/retention/{id}/hold {"reason"} (400 naming the field without a reason), POST
// …/{id}/release, POST …/{id}/destination {"destination": ""|"regulier"|"sbo"|"so"}.
// Page: /bewaartermijnen with the same actions as forms. A pupil of another school, one that
// does not exist or has not left answers 404; any role but the IB 403. Audited in the store.
// The board's own periods: GET/PUT /api/v1/retention/periods {"care_years", "special_care_years",
// "record_years"} and the page /beheer/bewaartermijnen, the board administrator only (others
// 403); a wrong period answers 400 naming the field, nothing saved.
#include "web/retention/retention.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "store/retention_repository.h"

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

// ---- The board's own periods (the board administrator)

json periods_json(const domain::RetentionPeriods& p) {
  return {{"care_years", p.care_years}, {"special_care_years", p.special_care_years}, {"record_years", p.record_years}};
}

// The API's keys beside the page's fields (the names domain::retention_period_problems uses).
struct PeriodField {
  const char* key;
  const char* field;
  int domain::RetentionPeriods::*years;
};
constexpr PeriodField kPeriodFields[] = {
    {"care_years", "zorg_jaren", &domain::RetentionPeriods::care_years},
    {"special_care_years", "zorg_jaren_so", &domain::RetentionPeriods::special_care_years},
    {"record_years", "inschrijving_jaren", &domain::RetentionPeriods::record_years},
};

// Saves the periods; 400 with every problem, the first naming its field (API key and form
// field), and nothing saved when one is wrong.
std::pair<int, json> do_set_periods(Context& ctx, const domain::RetentionPeriods& p) {
  auto problems = store::RetentionRepository(ctx.app.db).set_periods(ctx.who.board_id, p, ctx.who);
  if (problems.empty()) return {200, periods_json(p)};
  std::string key;
  for (const auto& f : kPeriodFields)
    if (key.empty() && problems.front().rfind(std::string(f.field) + ":", 0) == 0) key = f.key;
  return {400, {{"error", problems.front()}, {"problems", problems}, {"field", key}}};
}

// PUT /api/v1/retention/periods {"care_years", "special_care_years", "record_years"}: whole
// numbers, all three.
Response put_periods(Context& ctx) {
  const json in = body_object(ctx);
  domain::RetentionPeriods p;
  for (const auto& f : kPeriodFields) {
    if (!in.contains(f.key) || !in[f.key].is_number_integer())
      return api({400, {{"error", fmt::format("{}: geef een heel aantal jaren", f.key)}, {"field", f.key}}});
    const long long years = in[f.key].get<long long>();
    p.*f.years = years < -1000 || years > 1000 ? -1 : static_cast<int>(years);
  }
  return api(do_set_periods(ctx, p));
}

Response periods_page(Context& ctx, json extra = json::object(), int status = 200) {
  json model = periods_json(store::RetentionRepository(ctx.app.db).periods(ctx.who.board_id));
  for (auto it = extra.begin(); it != extra.end(); ++it) model[it.key()] = it.value();
  model["csrf"] = ctx.csrf;
  if (!model.contains("message")) model["message"] = ctx.notice_json();
  return ctx.page("board_retention", "Bewaartermijnen van het bestuur", model, status);
}

Response save_periods_page(Context& ctx) {
  domain::RetentionPeriods p;
  json typed = json::object();
  for (const auto& f : kPeriodFields) {
    const std::string text = ctx.req.field(f.field);
    typed[f.key] = text;
    if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) {
      typed["error"] = fmt::format("{}: geef een heel aantal jaren (1 tot en met 20)", f.field);
      return periods_page(ctx, typed, 400);
    }
    p.*f.years = std::stoi(text);
  }
  auto [status, answer] = do_set_periods(ctx, p);
  if (status != 200) {
    typed["error"] = answer["error"];
    return periods_page(ctx, typed, status);
  }
  return Response::redirect(ctx.with_notice("/beheer/bewaartermijnen", "De bewaartermijnen zijn opgeslagen."));
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

json retention_due_json(Context& ctx) {
  if (!domain::may_manage_retention(ctx.who, ctx.who.school_id)) return nullptr;
  const domain::Date today = today_local(), soon = domain::add_days(today, kRetentionSoonDays);
  int now = 0, later = 0;
  for (const auto& c : store::RetentionRepository(ctx.app.db).of_school(ctx.who.school_id, today)) {
    if (c.held()) continue;
    if (c.due != domain::RetentionStep::kNone)
      ++now;
    else if (c.next_on <= soon)
      ++later;
  }
  if (now + later == 0) return nullptr;
  const int count = now + later;
  std::string text = fmt::format("Bewaartermijnen: {} {} te verwijderen", count, count == 1 ? "dossier" : "dossiers");
  if (later > 0) text += fmt::format(" ({} binnen {} dagen)", later, kRetentionSoonDays);
  return {{"count", count}, {"soon", later}, {"text", text}, {"href", "/bewaartermijnen"}};
}

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
      {"GET", "/api/v1/retention/periods", Capability::kAdministerBoard,
       [](Context& ctx) {
         return Response::json(periods_json(store::RetentionRepository(ctx.app.db).periods(ctx.who.board_id)).dump());
       }},
      {"PUT", "/api/v1/retention/periods", Capability::kAdministerBoard, put_periods},
      {"GET", "/beheer/bewaartermijnen", Capability::kAdministerBoard, [](Context& ctx) { return periods_page(ctx); }},
      {"POST", "/beheer/bewaartermijnen", Capability::kAdministerBoard, save_periods_page},
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
