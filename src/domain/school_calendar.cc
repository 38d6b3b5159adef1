#include "domain/school_calendar.h"

#include <algorithm>
#include <set>

namespace koers::domain {

const Holiday* holiday_on(const std::vector<Holiday>& holidays, const Date& day) {
  for (const Holiday& h : holidays)
    if (h.starts_on <= day && day <= h.ends_on) return &h;
  return nullptr;
}

std::vector<Date> holiday_days(const std::vector<Holiday>& holidays, const Date& from, const Date& to) {
  std::set<Date> days;
  for (const Holiday& h : holidays) {
    if (!h.starts_on.valid() || !h.ends_on.valid()) continue;
    for (Date d = std::max(h.starts_on, from); d <= h.ends_on && d <= to; d = add_days(d, 1)) days.insert(d);
  }
  return {days.begin(), days.end()};
}

std::optional<std::string> check_holiday(const Holiday& h, const SchoolYear& year) {
  if (h.name.find_first_not_of(" \t") == std::string::npos) return "Naam: geef de vakantie of vrije dag een naam.";
  if (!h.starts_on.valid()) return "Van: kies een datum.";
  if (!h.ends_on.valid()) return "Tot en met: kies een datum.";
  if (h.ends_on < h.starts_on) return "Tot en met: " + h.name + " eindigt vóór de eerste dag.";
  if (h.starts_on < year.starts_on || year.ends_on < h.ends_on)
    return "Van/tot en met: " + h.name + " valt buiten schooljaar " + year.name + " (" + year.starts_on.dutch() +
           " – " + year.ends_on.dutch() + ").";
  return std::nullopt;
}

Date easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{y, month, day};
}

std::vector<Holiday> national_holidays(const SchoolYear& year) {
  std::vector<Holiday> out;
  if (!year.starts_on.valid() || !year.ends_on.valid()) return out;
  const int autumn = year.starts_on.year, spring = autumn + 1;
  auto day = [&](const std::string& name, const Date& d) { out.push_back({0, name, d, d}); };

  const Date christmas{autumn, 12, 25};
  const Date christmas_start = add_days(christmas, -((weekday(christmas) - 6 + 7) % 7));  // Saturday on or before
  out.push_back({0, "Kerstvakantie", christmas_start, add_days(christmas_start, 15)});

  const Date easter = easter_sunday(spring);
  day("Goede Vrijdag", add_days(easter, -2));
  day("Tweede Paasdag", add_days(easter, 1));
  const Date kings{spring, 4, 27};
  day("Koningsdag", weekday(kings) == 7 ? Date{spring, 4, 26} : kings);
  if (spring % 5 == 0) day("Bevrijdingsdag", Date{spring, 5, 5});
  day("Hemelvaartsdag", add_days(easter, 39));
  day("Tweede Pinksterdag", add_days(easter, 50));

  std::erase_if(out, [&](const Holiday& h) { return h.starts_on < year.starts_on || year.ends_on < h.ends_on; });
  std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.starts_on < b.starts_on; });
  return out;
}

DateRange discussion_window(const Period& period, int weeks_after) {
  weeks_after = std::clamp(weeks_after, 0, 6);
  return {std::max(period.starts_on, add_days(period.ends_on, -20)), add_days(period.ends_on, 7 * weeks_after)};
}

std::optional<Period> period_evaluated_on(const std::vector<Period>& periods, const Date& on, int weeks_after) {
  for (const Period& p : periods)
    if (p.starts_on.valid() && p.ends_on.valid() && discussion_window(p, weeks_after).contains(on)) return p;
  for (const Period& p : periods)
    if (p.starts_on <= on && on <= p.ends_on) return p;
  return std::nullopt;
}

}  // namespace koers::domain
