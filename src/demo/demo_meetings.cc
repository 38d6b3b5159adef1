#include "demo/demo_meetings.h"

#include "domain/meeting.h"
#include "domain/year_planning.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/meeting_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

int add_demo_meetings(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today) {
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::MeetingRepository meetings(db);
  int planned = 0;
  for (long long school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
    domain::Principal ib;
    ib.role = domain::Role::kSupportCoordinator;
    ib.school_id = school;
    ib.username = "demo";
    ib.display_name = "Intern begeleider";
    domain::Id period_id = 0;
    for (const auto& p : schools.periods(school, year->id))
      if (p.starts_on <= today && today <= p.ends_on) period_id = p.id;
    // Three weeks from tomorrow: the proposal takes the last three weeks of a "period".
    domain::Period window;
    window.starts_on = domain::add_days(today, 1);
    window.ends_on = domain::add_days(today, 21);
    for (const auto& p : domain::propose_group_discussions(groups.groups_of_school(school, year->id), window, {})) {
      domain::Meeting m = domain::new_meeting(domain::MeetingKind::kGroupDiscussion, school, p.on);
      m.group_id = p.group_id;
      m.period_id = period_id;
      m.starts_at = p.starts_at;
      m.location = "kamer IB";
      meetings.create(m, ib);
      ++planned;
    }
    for (const domain::Date& d : domain::spread_evenly(year->starts_on, year->ends_on, 6, 2)) {
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
