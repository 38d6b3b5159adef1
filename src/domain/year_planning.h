// The year calendar (jaarplanning) of the HGW meetings: Koers proposes the dates of the care
// team (zorgteam) over a school year and the group discussions (groepsbesprekingen) at the
// end of a period; the IB'er then moves what does not suit. Pure: no storage, no clock, and
// no knowledge of holidays or study days; the caller passes those as days that are taken
// (see school_calendar.h for the holidays and the window of a period's group discussions).
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/group.h"
#include "domain/school.h"
#include "domain/school_calendar.h"

namespace koers::domain {

// `count` dates on `day_of_week` (1 = maandag … 7 = zondag) in [from, to], ascending, no two
// the same. The range of n days (n = days_between(from, to) + 1) is cut into `count` equal
// parts and meeting i (0-based) aims at the middle of its part, from + ⌊(2i + 1)·n / 2·count⌋
// days, so the first lies half an interval after `from` and the last half an interval before
// `to`; each then moves to the nearest `day_of_week` (at most 3 days back or forward).
// When the range holds no more than `count` such weekdays, it returns every one of them, so
// fewer than `count` for a range that is too short. Otherwise the parts are at least a week
// long, and the moved dates are distinct and inside the range.
// Empty when count ≤ 0, a date is not valid, `to` lies before `from`, or `day_of_week` is not 1–7.
// A date in `taken` (a holiday) moves to the nearest such weekday that is free and not yet
// chosen (a week earlier before a week later), inside the range; when there is none, the
// meeting is left out. 6 over 1 August – 31 July land about a month from either end.
std::vector<Date> spread_evenly(const Date& from, const Date& to, int count, int day_of_week,
                                const std::vector<Date>& taken = {});

// A proposed group discussion: the group, its day and its start time ("14:15").
struct PlannedDiscussion {
  Id group_id = 0;
  Date on;
  std::string starts_at;
};

// The start times of a day of group discussions, in order: "14:15" and "15:30" (after school,
// an hour and a quarter each).
const std::vector<std::string>& discussion_start_times();

// A proposal for the group discussions of a period: one per regular group (GroupKind::kRegular;
// samengestelde groepen have none), groups in order of their name (then id), each taking the
// first free slot. Slots are maandag, dinsdag and donderdag at the start times above, at most
// two discussions a day; woensdag and vrijdag are left out (free or short afternoons at most
// schools). Only the days of `days` count: the period's discussion window (its last three
// weeks, and the weeks after it the school allows), from tomorrow on when planned late.
// Days in `taken` (holidays, study days, days already full) are skipped whole. When there are more groups than slots, the groups last by name get no proposal: the
// result is shorter than the number of regular groups, and the caller says so.
// The caller passes the groups of the period's school and school year; empty when the
// dates are not valid.
std::vector<PlannedDiscussion> propose_group_discussions(const std::vector<Group>& groups, const DateRange& days,
                                                         const std::vector<Date>& taken);

}  // namespace koers::domain
