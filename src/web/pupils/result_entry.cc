// Entering single results by hand on the stamkaart: a standardised (LVS) result such as a
// DMT or Cito score, a method test, or an AVI reading level. Teachers for the pupils of
// their groups, the IB for the school; each goes through the same store as the imports.
#include "common/clock.h"
#include "domain/field_limits.h"
#include "io/results_csv.h"
#include "store/overview_repository.h"
#include "store/result_repository.h"
#include "web/app.h"

namespace koers::web {

using domain::Capability;
using domain::Id;

namespace {

Response back(Context& ctx, Id pupil, const std::optional<std::string>& error, const std::string& saved) {
  const std::string url = "/leerlingen/" + std::to_string(pupil) + "#invoeren";
  return Response::redirect(error ? ctx.with_notice(url, *error, "invoerfout") : ctx.with_notice(url, saved, "opgeslagen"));
}

std::optional<domain::Date> date_field(Context& ctx, const char* name, std::string& error) {
  bool ok = true;
  auto date = io::parse_dutch_date(ctx.req.field(name), ok);
  if (!ok || !date) error = "Datum: vul een datum in als 14-03-2027.";
  else if (*date > domain::latest_result_date(today_local()))
    error = "Datum: " + date->dutch() + " ligt in de toekomst; vul de dag in waarop de toets is afgenomen.";
  return date;
}

// The field's text, or a refusal naming it (label) when it is longer than `limit`.
std::optional<std::string> too_long(Context& ctx, const char* name, const char* label, size_t limit) {
  if (auto why = domain::limits::too_long(ctx.req.field(name), limit)) return std::string(label) + ": de tekst " + *why + " tekens.";
  return std::nullopt;
}

Response enter_standardised(Context& ctx, Id pupil) {
  auto found = ctx.app.pupils.find(pupil);
  io::ResultRow row;
  row.line = 1;
  row.pupil_key = found->edex_key;
  row.subject = ctx.req.field("toets");
  if (auto error = too_long(ctx, "toets", "Toets", domain::limits::kTestName)) return back(ctx, pupil, error, "");
  if (row.subject.empty()) return back(ctx, pupil, "Toets: kies of typ de toets.", "");
  auto moment = domain::parse_test_moment(ctx.req.field("toetsmoment"));
  if (!moment) return back(ctx, pupil, "Toetsmoment: vul een moment in als M5 of E6.", "");
  row.moment = *moment;
  std::string error;
  row.taken_on = date_field(ctx, "datum", error);
  if (!error.empty()) return back(ctx, pupil, error, "");
  bool ok = true;
  row.ability_score = io::parse_decimal(ctx.req.field("score"), ok);
  if (!ok) return back(ctx, pupil, "Vaardigheidsscore: vul een getal in (bijvoorbeeld 47 of 47,5).", "");
  row.dle = io::parse_decimal(ctx.req.field("dle"), ok);
  if (!ok) return back(ctx, pupil, "DLE: vul een getal in.", "");
  if (!ctx.req.field("niveau").empty()) {
    row.level = domain::parse_level(ctx.req.field("niveau"));
    if (!row.level) return back(ctx, pupil, "Niveau: kies I–V of A–E.", "");
  }
  if (!row.ability_score && !row.level) return back(ctx, pupil, "Vul een vaardigheidsscore of een niveau in.", "");
  io::ParsedResults parsed;
  parsed.rows.push_back(row);
  std::vector<Id> only = {pupil};
  auto summary = store::ResultRepository(ctx.app.db)
                     .import_results(found->school_id, parsed, "handmatig ingevoerd", ctx.who, &only);
  if (!summary.errors.empty()) return back(ctx, pupil, summary.errors.front().message, "");
  return back(ctx, pupil, std::nullopt, row.subject + " " + row.moment.label());
}

Response enter_method_test(Context& ctx, Id pupil) {
  domain::MethodTest t;
  t.pupil_id = pupil;
  t.subject = ctx.req.field("vak");
  t.block = ctx.req.field("blok");
  if (auto error = too_long(ctx, "vak", "Vak", domain::limits::kTestName)) return back(ctx, pupil, error, "");
  if (auto error = too_long(ctx, "blok", "Blok", domain::limits::kTestBlock)) return back(ctx, pupil, error, "");
  bool ok = true;
  auto score = io::parse_decimal(ctx.req.field("score"), ok);
  if (!ok || !score) return back(ctx, pupil, "Score: vul het aantal punten in.", "");
  auto maximum = io::parse_decimal(ctx.req.field("maximum"), ok);
  if (!ok || !maximum) return back(ctx, pupil, "Maximum: vul het maximaal te behalen aantal punten in.", "");
  t.score = *score;
  t.maximum = *maximum;
  std::string error;
  if (auto d = date_field(ctx, "datum", error)) t.taken_on = *d;
  if (!error.empty()) return back(ctx, pupil, error, "");
  auto refused = store::OverviewRepository(ctx.app.db).save_method_test(t, ctx.who);
  return back(ctx, pupil, refused, t.subject + " " + t.block);
}

Response enter_reading_level(Context& ctx, Id pupil) {
  domain::ReadingLevel r;
  auto moment = domain::parse_test_moment(ctx.req.field("toetsmoment"));
  if (!moment) return back(ctx, pupil, "Toetsmoment: vul een moment in als M4 of E4.", "");
  r.moment = *moment;
  r.avi_level = ctx.req.field("avi");
  if (auto error = too_long(ctx, "avi", "AVI-niveau", domain::limits::kShortValue)) return back(ctx, pupil, error, "");
  std::string error;
  if (auto d = date_field(ctx, "datum", error)) r.taken_on = *d;
  if (!error.empty()) return back(ctx, pupil, error, "");
  auto refused = store::OverviewRepository(ctx.app.db).save_reading_level(pupil, r, ctx.who);
  return back(ctx, pupil, refused, "AVI " + r.moment.label());
}

Response enter(Context& ctx) {
  Id pupil = ctx.id_param("id");
  ctx.pupil_in_view(pupil);  // a teacher: only pupils of their own groups
  std::string kind = ctx.req.field("soort");
  if (kind == "lvs") return enter_standardised(ctx, pupil);
  if (kind == "methode") return enter_method_test(ctx, pupil);
  if (kind == "avi") return enter_reading_level(ctx, pupil);
  throw HttpError{400, "Kies wat u invoert: een toets (LVS), een methodetoets of een AVI-niveau."};
}

}  // namespace

std::vector<Route> results_entry_routes() {
  return {{"POST", "/leerlingen/:id/invoer", Capability::kEnterResults, enter}};
}

}  // namespace koers::web
