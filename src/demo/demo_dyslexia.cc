#include "demo/demo_dyslexia.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "domain/dyslexia_evidence.h"
#include "domain/ihp.h"
#include "domain/school_calendar.h"
#include "domain/test_moment.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/ihp_repository.h"
#include "store/school_calendar_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

namespace {

using domain::Date;
using domain::Id;

// Main moments in a row: M3, E3, M4, …
int main_index(const domain::TestMoment& m) { return m.year_group * 2 + (m.part == 'E' ? 1 : 0); }

struct DmtRow {
  Id id = 0;
  domain::TestMoment moment;
  std::string level;
  std::optional<Date> taken_on;
};

// Each current pupil of the school (in a group of its latest school year) without an IHP, with
// their DMT results at main moments, in career order.
std::map<Id, std::vector<DmtRow>> candidates(store::Database& db, Id school) {
  std::map<Id, std::vector<DmtRow>> out;
  db.read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT r.pupil_id, r.id, r.moment, r.level, r.taken_on FROM test_results r "
                        "JOIN pupils p ON p.id = r.pupil_id WHERE p.school_id = :s AND r.subject LIKE '%DMT%' "
                        "AND r.pupil_id NOT IN (SELECT pupil_id FROM ihps) "
                        "AND r.pupil_id IN (SELECT e.pupil_id FROM enrolments e JOIN school_groups g ON g.id = "
                        "e.group_id WHERE g.school_id = :s2 AND g.kind = 'regular' AND g.school_year_id = (SELECT "
                        "MAX(g2.school_year_id) FROM school_groups g2 WHERE g2.school_id = :s3)) "
                        "ORDER BY r.pupil_id, r.moment_position",
         soci::use(school), soci::use(school), soci::use(school));
    for (const soci::row& r : rows) {
      auto moment = domain::parse_test_moment(r.get<std::string>(2));
      if (!moment || moment->part == 'B') continue;
      DmtRow d{store::row_integer(r, 1), *moment, r.get<std::string>(3),
               r.get_indicator(4) == soci::i_ok ? domain::parse_iso_date(r.get<std::string>(4)) : std::nullopt};
      out[store::row_integer(r, 0)].push_back(d);
    }
    return 0;
  });
  return out;
}

}  // namespace

DemoDyslexia add_demo_dyslexia(store::Database& db, const std::vector<long long>& school_ids, const Date& today) {
  DemoDyslexia out;
  if (school_ids.empty()) return out;
  const Id school = school_ids.front();
  auto ib_account = store::AccountRepository(db).find_by_username("ib");
  if (!ib_account || ib_account->school_id != school) return out;
  const domain::Principal ib = store::AccountRepository(db).principal(*ib_account);
  domain::Principal rt;
  rt.role = domain::Role::kTeacher;
  rt.school_id = school;
  rt.username = "demo";
  rt.display_name = "Bas Mulder";

  // Never the first two pupils of a group: the HTTP tests start IHPs of their own for them.
  std::set<Id> kept_free;
  store::GroupRepository groups(db);
  if (auto year = store::SchoolRepository(db).current_school_year(school))
    for (const auto& g : groups.groups_of_school(school, year->id)) {
      const auto list = groups.pupils_of_group(g.id);
      for (size_t i = 0; i < list.size() && i < 2; ++i) kept_free.insert(list[i].id);
    }
  // Pupils whose last three main DMT results are all V or V−, dated, the last one before today,
  // and the one before them (if any) not V−: exactly three in the lowest 10 %.
  std::vector<std::pair<Id, std::vector<DmtRow>>> fits;
  for (auto& [pupil, rows] : candidates(db, school)) {
    if (rows.size() < 3 || kept_free.count(pupil)) continue;
    if (rows.size() > 3 && rows[rows.size() - 4].level == "V-") continue;
    std::vector<DmtRow> last(rows.end() - 3, rows.end());
    const bool all_v = std::all_of(last.begin(), last.end(), [](const DmtRow& d) { return (d.level == "V" || d.level == "V-") && d.taken_on; });
    bool consecutive = true;
    for (size_t i = 1; i < last.size(); ++i)
      consecutive = consecutive && main_index(last[i].moment) == main_index(last[i - 1].moment) + 1;
    if (all_v && consecutive && *last.back().taken_on < today) fits.emplace_back(pupil, last);
    if (fits.size() == 2) break;
  }
  if (fits.size() < 2) return out;

  store::IhpRepository ihps(db);
  store::SchoolCalendarRepository calendar(db);
  for (size_t k = 0; k < fits.size(); ++k) {
    const Id pupil = fits[k].first;
    const std::vector<DmtRow>& last = fits[k].second;
    // V becomes V− (lowest 10 %); the second pupil's middle measurement is not in Koers.
    db.write([&](soci::session& sql) {
      for (size_t i = 0; i < last.size(); ++i) {
        if (k == 1 && i == 1)
          sql << "DELETE FROM test_results WHERE id = :i", soci::use(last[i].id);
        else
          sql << "UPDATE test_results SET level = 'V-', percentile = CASE WHEN percentile > 9 THEN 8 ELSE percentile "
                 "END WHERE id = :i",
              soci::use(last[i].id);
      }
    });
    // The reading IHP: RT four mornings a week, 20 weekdays' worth of weeks before the last
    // measurement, holidays skipped; it ends on the Friday before that measurement.
    const Date measured = *last.back().taken_on;
    const auto holidays = calendar.holidays(school, domain::add_days(measured, -250), measured);
    domain::OrganisationLine line{1, "RT", 1, {1, 2, 3, 4}, "10:30", 20, "lokaal 4"};
    Date end = domain::add_days(measured, -1);
    while (domain::weekday(end) != 5) end = domain::add_days(end, -1);
    // Back from that Friday: 22 weeks that have at least three planned days.
    Date start = domain::add_days(end, -4);
    for (int counted = 0;;) {
      if (domain::planned_days(line, start, domain::add_days(start, 4), holidays).size() >= 3) ++counted;
      if (counted == 22) break;
      start = domain::add_days(start, -7);
    }
    domain::Ihp ihp;
    ihp.pupil_id = pupil;
    ihp.starts_on = start;
    ihp.ends_on = end;
    ihp.long_term_reason = "dyslexie: begeleiding van 20 tot 24 weken volgens het dyslexieprotocol";
    ihp.starting_situation = "Het technisch lezen blijft bij de DMT steeds in de laagste 20 %; het lezen gaat "
                             "langzaam en radend. Er is een vermoeden van dyslexie; de school bouwt het dossier op.";
    domain::IhpGoal goal;
    goal.number = 1;
    goal.area = "Technisch lezen";
    goal.text = fmt::format("Op {} leest de leerling op DMT-kaart 2 tien woorden per minuut meer dan bij de start.",
                            end.dutch());
    goal.due_on = end;
    goal.evaluation_what = "DMT-kaart 2";
    goal.evaluation_who = "RT'er";
    goal.evaluation_how = "DMT-afname aan het eind van de termijn";
    goal.criteria = "tien woorden per minuut meer";
    ihp.goals.push_back(goal);
    ihp.content = "Intensieve leesbegeleiding door de RT'er: herhaald lezen, woordrijtjes en flitsen, vier keer per "
                  "week 20 minuten, individueel.";
    ihp.involved = {{"rt", rt.display_name, "geeft de leesbegeleiding en neemt de DMT af"},
                    {"ib", ib.display_name, "bewaakt het plan en bouwt het dyslexiedossier op"}};
    ihp.organisation = {line};
    domain::Ihp stored = ihps.create(ihp, school, ib);
    domain::start_ihp(stored);
    ihps.set_status(stored.id, stored.status, std::nullopt, ib);
    int n = 0;
    for (const Date& day : domain::planned_days(line, start, end, holidays)) {
      domain::SessionLog s;
      s.line = 1;
      s.on = day;
      s.given = n % 11 != 7;  // now and then not given: the weeks still have three sessions
      s.minutes = s.given ? 20 : 0;
      s.note = s.given ? "" : "niet gegeven: RT'er bij een studiedag";
      s.logged_by = rt.display_name;
      ihps.log_session(stored.id, s, rt);
      ++n;
    }
    // Evaluated at the end of its term: the goal not reached, the sessions given.
    stored.goals[0].verdict = domain::GoalVerdict::kNotReached;
    stored.goals[0].evidence = "DMT-kaart 2: drie woorden per minuut meer; nog steeds in de laagste 10 %";
    stored.goals[0].confirmed = true;
    stored.evaluation = "De begeleiding is gegeven zoals gepland; de leerling reageert er te weinig op.";
    domain::evaluate_ihp(stored);
    stored.sessions.clear();
    auto saved = ihps.save(stored, stored.version, ib);
    if (std::holds_alternative<domain::Ihp>(saved))
      ihps.set_status(stored.id, domain::IhpStatus::kEvaluated, std::nullopt, ib);
    (k == 0 ? out.complete_pupil : out.missing_pupil) = pupil;
  }
  return out;
}

}  // namespace koers::demo
