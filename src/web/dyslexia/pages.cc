// The dyslexia pages: the checklist of one pupil to print and hand to the care provider
// (/leerlingen/{id}/dyslexie, audited as a read of the dossier), and the school's thresholds
// (/school/dyslexie, IB and head; a refused save names the field and changes nothing).
#include <fmt/format.h>

#include <cstdlib>
#include <tuple>

#include "common/clock.h"
#include "store/dyslexia_settings_repository.h"
#include "web/dyslexia/dyslexia.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

std::vector<Route> dyslexia_api_routes();  // api.cc

namespace {

constexpr const char* kSettingsPath = "/school/dyslexie";

Response print_page(Context& ctx) {
  const Id id = ctx.id_param("id");
  const domain::PupilScope scope = ctx.pupil_in_view(id);
  json model = dyslexia_evidence_json(ctx, scope);
  ctx.audit_view({id}, "dyslexiebewijs");
  auto school = ctx.app.schools.find_school(scope.school_id);
  model["school"] = school ? school->name : std::string();
  model["today"] = today_local().dutch();
  model["print_page"] = true;
  model["print_title"] = "Dyslexie: bewijs — " + model["name"].get<std::string>();
  return ctx.page("dyslexia_print", "Dyslexie: bewijs " + model["name"].get<std::string>(), model);
}

void only_ib_or_head(const Context& ctx) {
  if (!domain::may_set_dyslexia_thresholds(ctx.who, ctx.who.school_id))
    throw HttpError{403, "De IB en de directeur leggen de drempels voor dyslexie vast."};
}

Response show(Context& ctx, const std::string& error, const std::optional<domain::DyslexiaThresholds>& typed,
              int status) {
  only_ib_or_head(ctx);
  const store::DyslexiaSettings s = store::DyslexiaSettingsRepository(ctx.app.db).settings(ctx.who.school_id);
  const domain::DyslexiaThresholds t = typed.value_or(s.thresholds);
  json model{{"pddb_default", !s.school_set},
             {"description", domain::describe(s.thresholds)},
             {"changed_by", s.changed_by},
             {"measurements", t.measurements},
             {"weeks_min", t.weeks_min},
             {"weeks_max", t.weeks_max},
             {"minutes_per_week", t.minutes_per_week},
             {"sessions_per_week", t.sessions_per_week},
             {"minutes_per_session", t.minutes_per_session},
             {"error", error.empty() ? json(nullptr) : json(error)},
             {"message", ctx.notice_json()}};
  return ctx.page("dyslexia_settings", "Dyslexie: drempels", model, status);
}

Response show_settings(Context& ctx) { return show(ctx, "", std::nullopt, 200); }

Response save_settings(Context& ctx) {
  only_ib_or_head(ctx);
  store::DyslexiaSettingsRepository repo(ctx.app.db);
  domain::DyslexiaThresholds t;  // "Terug naar protocol 3.0": the defaults
  std::string not_numbers;
  if (ctx.req.field("what") != "pddb") {
    const std::tuple<const char*, const char*, int*> fields[] = {
        {"measurements", "Aantal metingen", &t.measurements},
        {"weeks_min", "Weken minimaal", &t.weeks_min},
        {"weeks_max", "Weken maximaal", &t.weeks_max},
        {"minutes_per_week", "Minuten per week", &t.minutes_per_week},
        {"sessions_per_week", "Sessies per week", &t.sessions_per_week},
        {"minutes_per_session", "Minuten per sessie", &t.minutes_per_session}};
    for (const auto& [name, label, value] : fields) {
      const std::string text = ctx.req.field(name);
      if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        not_numbers += fmt::format("{}{}: vul een geheel getal in.", not_numbers.empty() ? "" : " ", label);
      else
        *value = std::atoi(text.c_str());
    }
  }
  if (!not_numbers.empty()) return show(ctx, not_numbers, t, 400);
  auto problems = repo.set(ctx.who.school_id, t, ctx.who);
  if (!problems.empty()) {
    std::string error;
    for (const auto& p : problems) error += (error.empty() ? "" : " ") + p.message;
    return show(ctx, error, t, 400);
  }
  return Response::redirect(ctx.with_notice(kSettingsPath, "Opgeslagen: " + domain::describe(t) + "."));
}

}  // namespace

std::vector<Route> dyslexia_routes() {
  std::vector<Route> routes = dyslexia_api_routes();
  for (Route& r : std::vector<Route>{
           {"GET", "/leerlingen/:id/dyslexie", Capability::kSignedIn, print_page},
           {"GET", kSettingsPath, Capability::kEditSignalRules, show_settings},
           {"POST", kSettingsPath, Capability::kEditSignalRules, save_settings},
       })
    routes.push_back(std::move(r));
  return routes;
}

}  // namespace koers::web
