#include "demo/demo_meetings.h"

#include "domain/meeting.h"
#include "domain/year_planning.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/meeting_repository.h"
#include "store/school_calendar_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

int add_demo_meetings(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today) {
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::MeetingRepository meetings(db);
  store::SchoolCalendarRepository calendar(db);
  int planned = 0;
  for (long long school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
    domain::Principal ib;
    ib.role = domain::Role::kSupportCoordinator;
    ib.school_id = school;
    ib.username = "demo";
    ib.display_name = "Intern begeleider";
    // The demo schools hold their group discussions up to two weeks after a period, and
    // keep the national holidays.
    calendar.set_discussion_weeks_after(school, 2, ib);
    calendar.add_national_holidays(school, *year, ib);
    const auto holidays = domain::holiday_days(calendar.holidays(school, year->starts_on, year->ends_on),
                                               year->starts_on, year->ends_on);
    // The discussions of the period being evaluated from tomorrow, as the IB would plan them
    // with "Plan de groepsbesprekingen" today.
    const domain::Date tomorrow = domain::add_days(today, 1);
    const auto periods = schools.periods(school, year->id);
    for (const auto& period : periods) {
      domain::DateRange days = domain::discussion_window(period, 2);
      if (days.to < tomorrow || tomorrow < period.starts_on) continue;
      days.from = std::max(days.from, tomorrow);
      for (const auto& p : domain::propose_group_discussions(groups.groups_of_school(school, year->id), days, holidays)) {
        domain::Meeting m = domain::new_meeting(domain::MeetingKind::kGroupDiscussion, school, p.on);
        m.group_id = p.group_id;
        m.period_id = period.id;
        m.starts_at = p.starts_at;
        m.location = "kamer IB";
        meetings.create(m, ib);
        ++planned;
      }
      break;
    }
    for (const domain::Date& d : domain::spread_evenly(year->starts_on, year->ends_on, 6, 2, holidays)) {
      domain::Meeting m = domain::new_meeting(domain::MeetingKind::kCareTeam, school, d);
      m.starts_at = "13:30";
      m.location = "teamkamer";
      meetings.create(m, ib);
      ++planned;
    }
  }
  return planned;
}

}  // namespace koers::demo
