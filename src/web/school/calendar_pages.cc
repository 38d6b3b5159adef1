// Vakanties en planning (/besprekingen/kalender): the IB and the head keep the school's
// holidays and free days, in which Koers plans no meeting, take over the national ones as a
// start, and say how many weeks after a period its group discussions may still be held.
#include <fmt/format.h>

#include "store/school_calendar_repository.h"
#include "web/school/calendar.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

constexpr const char* kPath = "/besprekingen/kalender";

void only_ib_or_head(const Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator && ctx.who.role != domain::Role::kHead)
    throw HttpError{403, "De IB en de directeur houden de schoolkalender bij."};
}

domain::SchoolYear year_of(Context& ctx) {
  auto year = ctx.app.schools.current_school_year(ctx.who.school_id);
  if (!year) throw HttpError{400, "Er is nog geen schooljaar: importeer eerst de groepen."};
  return *year;
}

std::string range_text(const domain::Date& from, const domain::Date& to) {
  return from == to ? from.dutch() : from.dutch() + " t/m " + to.dutch();
}

Response show(Context& ctx, const std::string& error, const domain::Holiday& typed, int status) {
  only_ib_or_head(ctx);
  const domain::SchoolYear year = year_of(ctx);
  const PlanningCalendar cal = planning_calendar(ctx, ctx.who.school_id, year);
  json holidays = json::array();
  for (const auto& h : cal.holidays)
    holidays.push_back({{"id", h.id},
                        {"name", h.name},
                        {"dates", range_text(h.starts_on, h.ends_on)},
                        {"days", domain::days_between(h.starts_on, h.ends_on) + 1}});
  json national = json::array();
  for (const auto& h : domain::national_holidays(year))
    national.push_back({{"name", h.name}, {"dates", range_text(h.starts_on, h.ends_on)}});
  json periods = json::array();
  for (const auto& p : cal.periods) {
    const auto w = cal.window(p);
    periods.push_back({{"name", p.name},
                       {"dates", range_text(p.starts_on, p.ends_on)},
                       {"window", range_text(w.from, w.to)}});
  }
  json weeks = json::array();
  for (int w = 0; w <= 6; ++w)
    weeks.push_back({{"value", w},
                     {"label", w == 0 ? std::string("binnen de periode (de laatste drie weken)")
                                      : fmt::format("tot {} {} na het einde van de periode", w, w == 1 ? "week" : "weken")},
                     {"selected", w == cal.weeks_after}});
  json model{{"school_year", year.name},
             {"holidays", holidays},
             {"has_holidays", !holidays.empty()},
             {"national", national},
             {"periods", periods},
             {"has_periods", !periods.empty()},
             {"weeks", weeks},
             {"error", error.empty() ? json(nullptr) : json(error)},
             {"typed_name", typed.name},
             {"typed_from", typed.starts_on.valid() ? typed.starts_on.iso() : ""},
             {"typed_to", typed.ends_on.valid() ? typed.ends_on.iso() : ""},
             {"year_from", year.starts_on.iso()},
             {"year_to", year.ends_on.iso()},
             {"message", ctx.notice_json()}};
  return ctx.page("school_calendar", "Vakanties en planning", model, status);
}

Response show_calendar(Context& ctx) { return show(ctx, "", {}, 200); }

Response change_calendar(Context& ctx) {
  only_ib_or_head(ctx);
  const domain::SchoolYear year = year_of(ctx);
  store::SchoolCalendarRepository repo(ctx.app.db);
  const std::string what = ctx.req.field("what");
  if (what == "toevoegen") {
    domain::Holiday h;
    h.name = ctx.req.field("name");
    h.starts_on = domain::parse_iso_date(ctx.req.field("starts_on")).value_or(domain::Date{});
    h.ends_on = domain::parse_iso_date(ctx.req.field("ends_on")).value_or(h.starts_on);
    if (ctx.req.field("ends_on").empty()) h.ends_on = h.starts_on;  // one free day
    auto added = repo.add_holiday(ctx.who.school_id, year, h, ctx.who);
    if (auto* error = std::get_if<std::string>(&added)) return show(ctx, *error, h, 400);
    return Response::redirect(ctx.with_notice(kPath, fmt::format("{} ({}) staat in de schoolkalender.", h.name,
                                                                 range_text(h.starts_on, h.ends_on))));
  }
  if (what == "landelijk") {
    const int n = repo.add_national_holidays(ctx.who.school_id, year, ctx.who);
    return Response::redirect(ctx.with_notice(
        kPath, n ? fmt::format("{} landelijke vakantie- en feestdagen overgenomen. Vul de regionale vakanties zelf aan.", n)
                 : std::string("De landelijke vakantie- en feestdagen stonden er al.")));
  }
  if (what == "verwijderen") {
    const domain::Id id = std::atoll(ctx.req.field("holiday_id").c_str());
    if (!repo.remove_holiday(ctx.who.school_id, id, ctx.who)) throw HttpError{404, "Deze vakantie staat niet in uw schoolkalender."};
    return Response::redirect(ctx.with_notice(kPath, "Verwijderd uit de schoolkalender."));
  }
  if (what == "weken") {
    const std::string text = ctx.req.field("weeks_after");
    const int weeks = text.empty() || text.find_first_not_of("0123456789") != std::string::npos ? -1 : std::atoi(text.c_str());
    if (auto error = repo.set_discussion_weeks_after(ctx.who.school_id, weeks, ctx.who)) return show(ctx, *error, {}, 400);
    return Response::redirect(ctx.with_notice(kPath, "Opgeslagen: Koers plant de groepsbesprekingen voortaan zo."));
  }
  throw HttpError{400, "Onbekende actie."};
}

}  // namespace

std::vector<Route> school_calendar_routes() {
  return {
      {"GET", kPath, Capability::kSeeGroups, show_calendar},
      {"POST", kPath, Capability::kSeeGroups, change_calendar},
  };
}

}  // namespace koers::web
