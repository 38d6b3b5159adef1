// The dyslexia evidence as data (GET /api/v1/pupils/{id}/dyslexia-evidence, audited as a read
// of the pupil's dossier) and the school's thresholds (GET/PUT /api/v1/schools/{id}/dyslexia-settings,
// IB and head; PUT refuses nonsense with 422 naming the field, and then changes nothing).
#include <fmt/format.h>

#include "domain/dyslexia_evidence.h"
#include "store/dyslexia_settings_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "web/dyslexia/dyslexia.h"
#include "web/request_input.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

json date_json(const std::optional<domain::Date>& d) { return d ? json(d->iso()) : json(nullptr); }
std::string dutch_or_dash(const std::optional<domain::Date>& d) { return d ? d->dutch() : std::string("—"); }

json measurement_json(const domain::WordReadingMeasurement& m, bool in_run) {
  return {{"test", m.test},
          {"moment", m.moment.label()},
          {"taken_on", date_json(m.taken_on)},
          {"taken_on_text", dutch_or_dash(m.taken_on)},
          {"level", m.level ? json(m.level->label()) : json(nullptr)},
          {"level_colour", m.level ? m.level->colour() : std::string()},
          {"lowest_tenth", m.lowest_tenth},
          {"in_run", in_run},
          {"missing", false}};  // the checklist's table: a moment that is there (else the list's "missing" shows)
}

json thresholds_json(const domain::DyslexiaThresholds& t) {
  return {{"measurements", t.measurements},         {"weeks_min", t.weeks_min},
          {"weeks_max", t.weeks_max},               {"minutes_per_week", t.minutes_per_week},
          {"sessions_per_week", t.sessions_per_week}, {"minutes_per_session", t.minutes_per_session},
          {"description", domain::describe(t)}};
}

json settings_json(const store::DyslexiaSettings& s) {
  json out = thresholds_json(s.thresholds);
  out["pddb_default"] = !s.school_set;
  out["changed_by"] = s.school_set ? json(s.changed_by) : json(nullptr);
  out["changed_at"] = s.school_set ? json(s.changed_at) : json(nullptr);
  return out;
}

std::string count(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

// "21 effectieve weken geteld (12-01-2026 t/m 12-06-2026): 77 sessies, 1540 minuten; 1 week onder de norm."
std::string support_text(const domain::DyslexiaEvidence& ev, int holiday_weeks, int short_weeks) {
  std::string out = ev.support_met ? count(ev.weeks_counted, "effectieve week", "effectieve weken") + " geteld"
                                   : fmt::format("{} van de {} benodigde effectieve weken geteld", ev.weeks_counted,
                                                 ev.thresholds.weeks_min);
  if (ev.period_from) out += fmt::format(" ({} t/m {})", ev.period_from->dutch(), ev.period_to->dutch());
  out += fmt::format(": {}, {} minuten", count(ev.period_sessions, "sessie", "sessies"), ev.period_minutes);
  if (holiday_weeks) out += "; " + count(holiday_weeks, "vakantieweek telt", "vakantieweken tellen") + " niet mee";
  if (short_weeks) out += "; " + count(short_weeks, "week", "weken") + " onder de norm, niet geteld";
  return out + ".";
}

Id school_in_reach(Context& ctx) {
  const Id school = ctx.id_param("id");
  if (!domain::may_set_dyslexia_thresholds(ctx.who, school)) refuse_not_found("deze school");
  return school;
}

Response evidence(Context& ctx) {
  const Id id = ctx.id_param("id");
  const domain::PupilScope scope = ctx.pupil_in_view(id);
  json body = dyslexia_evidence_json(ctx, scope);
  ctx.audit_view({id}, "dyslexiebewijs");
  return Response::json(body.dump());
}

Response get_settings(Context& ctx) {
  const Id school = school_in_reach(ctx);
  return Response::json(settings_json(store::DyslexiaSettingsRepository(ctx.app.db).settings(school)).dump());
}

// Each field an integer; a missing one keeps what the school has.
Response put_settings(Context& ctx) {
  const Id school = school_in_reach(ctx);
  json in = json_object_body(ctx.req);
  store::DyslexiaSettingsRepository repo(ctx.app.db);
  domain::DyslexiaThresholds t = repo.settings(school).thresholds;
  const std::pair<const char*, int*> fields[] = {{"measurements", &t.measurements},
                                                 {"weeks_min", &t.weeks_min},
                                                 {"weeks_max", &t.weeks_max},
                                                 {"minutes_per_week", &t.minutes_per_week},
                                                 {"sessions_per_week", &t.sessions_per_week},
                                                 {"minutes_per_session", &t.minutes_per_session}};
  for (const auto& [name, value] : fields) {
    if (!in.contains(name)) continue;
    const json& v = in[name];
    if (!v.is_number_integer() || v.get<long long>() < -1000000 || v.get<long long>() > 1000000)
      throw HttpError{422, fmt::format("{}: verwacht een geheel getal.", name)};
    *value = static_cast<int>(v.get<long long>());
  }
  auto problems = repo.set(school, t, ctx.who);
  if (!problems.empty()) {
    json list = json::array();
    for (const auto& p : problems) list.push_back({{"field", p.field}, {"message", p.message}});
    json out{{"error", problems.front().field + ": " + problems.front().message}, {"problems", list}};
    Response r = Response::json(out.dump());
    r.status = 422;
    return r;
  }
  return Response::json(settings_json(repo.settings(school)).dump());
}

}  // namespace

json dyslexia_evidence_json(Context& ctx, const domain::PupilScope& scope) {
  if (!domain::may_view_dyslexia_evidence(ctx.who, scope))
    throw HttpError{403, "Het dyslexiebewijs hoort bij het dossier van de school; een extern zorgteamlid ziet het niet."};
  auto record = store::PupilRecordRepository(ctx.app.db).read(scope.pupil_id, store::kNow);
  if (!record) refuse_not_found("deze leerling");
  return dyslexia_evidence_json(ctx, scope, *record);
}

json dyslexia_evidence_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& in) {
  if (!domain::may_view_dyslexia_evidence(ctx.who, scope))
    throw HttpError{403,
                    "Het dyslexiebewijs hoort bij het dossier van de school; een extern zorgteamlid ziet het niet."};
  const domain::PupilRecord* record = &in;
  const store::DyslexiaSettings settings = store::DyslexiaSettingsRepository(ctx.app.db).settings(scope.school_id);
  const domain::DyslexiaEvidence ev = domain::dyslexia_evidence(*record, settings.thresholds);
  const domain::DyslexiaThresholds& t = ev.thresholds;

  json measurements = json::array();
  for (const auto& m : ev.measurements) {
    bool in_run = false;
    for (const auto& r : ev.severity_run) in_run = in_run || r.moment == m.moment;
    measurements.push_back(measurement_json(m, in_run));
  }
  json missing_moments = json::array();
  for (const auto& m : ev.missing_moments) missing_moments.push_back(m.label());
  // The table on the checklist: each main moment from the first to the last, a missing one named.
  std::vector<std::pair<int, json>> rows;
  for (size_t i = 0; i < ev.measurements.size(); ++i)
    rows.emplace_back(ev.measurements[i].moment.position(), measurements[i]);
  for (const auto& m : ev.missing_moments)
    rows.emplace_back(m.position(), json{{"moment", m.label()}, {"missing", true}});
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json table = json::array();
  for (auto& [position, row] : rows) table.push_back(std::move(row));
  json weeks = json::array();
  int holiday_weeks = 0, short_weeks = 0;
  for (const auto& w : ev.weeks) {
    holiday_weeks += w.kind == domain::SupportWeekKind::kHoliday;
    short_weeks += w.kind == domain::SupportWeekKind::kShort;
    weeks.push_back({{"monday", w.monday.iso()},
                     {"monday_text", w.monday.dutch()},
                     {"kind", domain::support_week_label(w.kind)},
                     {"counts", w.kind == domain::SupportWeekKind::kCounts},
                     {"school_days", w.school_days},
                     {"sessions", w.sessions},
                     {"minutes", w.minutes}});
  }
  const std::string weeks_text = t.weeks_min == t.weeks_max ? std::to_string(t.weeks_min)
                                                             : fmt::format("{}–{}", t.weeks_min, t.weeks_max);
  json criteria = json::array({
      json{{"key", "ernst"},
           {"met", ev.severity_met},
           {"label", fmt::format("Ernst: technisch lezen (DMT) bij {} opeenvolgende hoofdmetingen (midden en eind) in de "
                                 "laagste 10 % (E of V−)",
                                 t.measurements)},
           {"evidence", (ev.severity_met || ev.missing_moments.empty()
                             ? std::string()
                             : "ontbreekt: " + [&] {
                                 std::string s;
                                 for (const auto& m : ev.missing_moments) s += (s.empty() ? "" : ", ") + m.label();
                                 return s;
                               }() + "; ") + (ev.severity_run.empty()
                            ? std::string("geen DMT-meting in de laagste 10 %")
                            : fmt::format("{} opeenvolgend: {}", ev.severity_run.size(), [&] {
                                std::string s;
                                for (const auto& m : ev.severity_run)
                                  s += (s.empty() ? "" : ", ") + m.moment.label() + " " + m.level->label();
                                return s;
                              }()))}},
      json{{"key", "begeleiding"},
           {"met", ev.support_met},
           {"label", fmt::format("Hardnekkigheid: extra leesbegeleiding op niveau 3, {} effectieve weken, minstens {} "
                                 "minuten per week in minstens {} sessies van {} minuten",
                                 weeks_text, t.minutes_per_week, t.sessions_per_week, t.minutes_per_session)},
           {"evidence", ev.period_from ? fmt::format("{} {} geteld, {} t/m {}: {} sessies, {} minuten", ev.weeks_counted,
                                                     ev.weeks_counted == 1 ? "week" : "weken", ev.period_from->dutch(),
                                                     ev.period_to->dutch(), ev.period_sessions, ev.period_minutes)
                                       : std::string("geen week die aan de norm voldoet")}},
      json{{"key", "meting-na"},
           {"met", ev.persistence_met},
           {"label", "Na de begeleidingsperiode nog steeds in de laagste 10 % bij de DMT"},
           {"evidence", ev.after_support
                            ? fmt::format("{} op {}: niveau {}", ev.after_support->moment.label(),
                                          dutch_or_dash(ev.after_support->taken_on),
                                          ev.after_support->level ? ev.after_support->level->label() : "—")
                            : ev.measure_after ? fmt::format("nog geen meting na {}", ev.measure_after->dutch())
                                               : std::string("de begeleidingsperiode is nog niet rond")}},
  });
  json missing = json::array();
  for (const auto& m : ev.missing) missing.push_back(m);
  return {{"pupil_id", scope.pupil_id},
          {"name", record->name},
          {"complete", ev.complete},
          {"thresholds", settings_json(settings)},
          {"criteria", criteria},
          {"severity",
           {{"met", ev.severity_met},
            {"measurements", measurements},
            {"missing_moments", missing_moments},
            {"table", table}}},
          {"support",
           {{"met", ev.support_met},
            {"weeks_counted", ev.weeks_counted},
            {"holiday_weeks", holiday_weeks},
            {"short_weeks", short_weeks},
            {"period_from", date_json(ev.period_from)},
            {"period_to", date_json(ev.period_to)},
            {"sessions", ev.period_sessions},
            {"minutes", ev.period_minutes},
            {"measure_after", date_json(ev.measure_after)},
            {"week_count", weeks.size()},
            {"text", support_text(ev, holiday_weeks, short_weeks)},
            {"weeks", weeks}}},
          {"after_support", ev.after_support ? measurement_json(*ev.after_support, false) : json(nullptr)},
          {"persistence_met", ev.persistence_met},
          {"missing", missing},
          {"has_missing", !missing.empty()},
          {"has_measurements", !measurements.empty()},
          {"has_weeks", !weeks.empty()},
          {"note", "Alleen sessies die in een IHP met een doel voor Technisch lezen zijn afgevinkt, tellen mee; "
                   "groepsplannen houden geen sessies per leerling bij. Vakantieweken tellen niet mee."}};
}

bool dyslexia_evidence_relevant(const json& evidence) {
  for (const auto& m : evidence["severity"]["measurements"])
    if (m["lowest_tenth"].get<bool>()) return true;
  return !evidence["support"]["weeks"].empty();
}

std::vector<Route> dyslexia_api_routes() {
  return {
      {"GET", "/api/v1/pupils/:id/dyslexia-evidence", Capability::kSignedIn, evidence},
      {"GET", "/api/v1/schools/:id/dyslexia-settings", Capability::kEditSignalRules, get_settings},
      {"PUT", "/api/v1/schools/:id/dyslexia-settings", Capability::kEditSignalRules, put_settings},
  };
}

}  // namespace koers::web
