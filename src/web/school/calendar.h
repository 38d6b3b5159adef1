// The school's planning calendar as the meeting pages and API use it: which period a group
// discussion on a date evaluates, and whether a date lies in a holiday. The page where the
// IB and the head keep the holidays and the weeks-after setting is /besprekingen/kalender.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/school_calendar.h"
#include "web/app.h"

namespace koers::web {

struct PlanningCalendar {
  std::vector<domain::Period> periods;    // of the school year, in order
  std::vector<domain::Holiday> holidays;  // overlapping the school year
  int weeks_after = 0;                    // group discussions up to this many weeks after a period
  domain::Date year_ends_on;
  std::vector<domain::Date> closed_days() const;  // every holiday day, ascending
  // The period's discussion window (domain::discussion_window), not past the school year.
  domain::DateRange window(const domain::Period& p) const;
};
PlanningCalendar planning_calendar(Context& ctx, domain::Id school_id, const domain::SchoolYear& year);

// "29-12-2026 valt in de Kerstvakantie (19-12-2026 t/m 03-01-2027)" when the date is a holiday.
std::optional<std::string> holiday_refusal(const PlanningCalendar& cal, const domain::Date& on);

// The period (id) a group discussion on `on` evaluates (domain::period_evaluated_on); 0 when none.
domain::Id evaluated_period(const PlanningCalendar& cal, const domain::Date& on);

// The page of the holidays and the weeks-after setting (IB and head).
std::vector<Route> school_calendar_routes();

}  // namespace koers::web
