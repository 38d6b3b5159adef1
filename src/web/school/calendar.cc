#include "web/school/calendar.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/school_calendar_repository.h"

namespace koers::web {

using domain::Id;

std::vector<domain::Date> PlanningCalendar::closed_days() const {
  if (holidays.empty()) return {};
  domain::Date from = holidays.front().starts_on, to = holidays.front().ends_on;
  for (const auto& h : holidays) from = std::min(from, h.starts_on), to = std::max(to, h.ends_on);
  return domain::holiday_days(holidays, from, to);
}

domain::DateRange PlanningCalendar::window(const domain::Period& p) const {
  domain::DateRange w = domain::discussion_window(p, weeks_after);
  if (year_ends_on.valid()) w.to = std::min(w.to, std::max(year_ends_on, p.ends_on));
  return w;
}

PlanningCalendar planning_calendar(Context& ctx, Id school_id, const domain::SchoolYear& year) {
  PlanningCalendar cal;
  cal.periods = ctx.app.schools.periods(school_id, year.id);
  store::SchoolCalendarRepository repo(ctx.app.db);
  cal.holidays = repo.holidays(school_id, year.starts_on, year.ends_on);
  cal.weeks_after = repo.discussion_weeks_after(school_id);
  cal.year_ends_on = year.ends_on;
  return cal;
}

std::optional<std::string> holiday_refusal(const PlanningCalendar& cal, const domain::Date& on) {
  const domain::Holiday* h = domain::holiday_on(cal.holidays, on);
  if (!h) return std::nullopt;
  if (h->starts_on == h->ends_on) return fmt::format("{} is een vrije dag ({})", on.dutch(), h->name);
  return fmt::format("{} valt in de {} ({} t/m {})", on.dutch(), h->name, h->starts_on.dutch(), h->ends_on.dutch());
}

Id evaluated_period(const PlanningCalendar& cal, const domain::Date& on) {
  auto p = domain::period_evaluated_on(cal.periods, on, cal.weeks_after);
  return p ? p->id : 0;
}

}  // namespace koers::web
