#include "domain/year_planning.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace koers::domain {

std::vector<Date> spread_evenly(const Date& from, const Date& to, int count, int day_of_week,
                                const std::vector<Date>& taken) {
  std::vector<Date> out;
  if (count <= 0 || !from.valid() || !to.valid() || to < from || day_of_week < 1 || day_of_week > 7) return out;
  const long long days = days_between(from, to) + 1;

  const std::set<Date> closed(taken.begin(), taken.end());
  std::vector<Date> all;  // every free such weekday in the range
  for (Date d = add_days(from, (day_of_week - weekday(from) + 7) % 7); d <= to; d = add_days(d, 7))
    if (!closed.count(d)) all.push_back(d);
  if (static_cast<long long>(all.size()) <= count) return all;

  std::set<Date> chosen;
  for (long long i = 0; i < count; ++i) {
    const Date aim = add_days(from, static_cast<int>((2 * i + 1) * days / (2LL * count)));
    const int forward = (day_of_week - weekday(aim) + 7) % 7;
    const Date on = add_days(aim, forward <= 3 ? forward : forward - 7);
    // In a holiday (or taken by the meeting before): the nearest free week, earlier first.
    for (int weeks = 0; weeks <= 53; ++weeks) {
      const Date earlier = add_days(on, -7 * weeks), later = add_days(on, 7 * weeks);
      auto free = [&](const Date& d) { return from <= d && d <= to && !closed.count(d) && !chosen.count(d); };
      if (free(earlier)) { chosen.insert(earlier); break; }
      if (free(later)) { chosen.insert(later); break; }
    }
  }
  return {chosen.begin(), chosen.end()};
}

const std::vector<std::string>& discussion_start_times() {
  static const std::vector<std::string> times{"14:15", "15:30"};
  return times;
}

std::vector<PlannedDiscussion> propose_group_discussions(const std::vector<Group>& groups, const DateRange& days,
                                                         const std::vector<Date>& taken) {
  std::vector<PlannedDiscussion> out;
  if (!days.from.valid() || !days.to.valid()) return out;
  std::vector<const Group*> regular;
  for (const Group& g : groups)
    if (g.kind == GroupKind::kRegular) regular.push_back(&g);
  std::sort(regular.begin(), regular.end(),
            [](const Group* a, const Group* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });

  const std::set<Date> full(taken.begin(), taken.end());
  auto group = regular.begin();
  for (Date day = days.from; day <= days.to && group != regular.end(); day = add_days(day, 1)) {
    const int w = weekday(day);
    if ((w != 1 && w != 2 && w != 4) || full.count(day)) continue;
    for (const std::string& time : discussion_start_times())
      if (group != regular.end()) out.push_back({(*group++)->id, day, time});
  }
  return out;
}

}  // namespace koers::domain
