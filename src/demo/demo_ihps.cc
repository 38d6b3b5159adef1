#include "demo/demo_ihps.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "domain/group_overview.h"
#include "domain/group_plan.h"
#include "domain/ihp.h"
#include "domain/pupil_record.h"
#include "domain/school_calendar.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/ihp_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_record_repository.h"
#include "store/pupil_repository.h"
#include "store/school_calendar_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

namespace {

using domain::Date;
using domain::Id;
using domain::Ihp;
using domain::IhpStatus;

// "30-11": how the demo's goals name their date (as the group plans do).
std::string day_month(const Date& d) { return fmt::format("{:02}-{:02}", d.day, d.month); }

// The last school day on or before `d`.
Date school_day_before(Date d, const std::vector<Date>& holidays) {
  while (domain::weekday(d) > 5 || std::binary_search(holidays.begin(), holidays.end(), d)) d = domain::add_days(d, -1);
  return d;
}

// What the IB finds pre-filled (the facts Koers holds, as the API pre-fills it), followed by
// what she adds about the teacher's approach and the parents.
std::string starting_situation(store::Database& db, Id pupil, const std::string& approach) {
  auto record = store::PupilRecordRepository(db).read(pupil, store::kNow);
  std::string facts = record ? domain::growth_document_facts(*record, 0).summary : "";
  return facts.empty() ? approach : facts + "\n\n" + approach;
}

domain::IhpGoal goal(int number, bool long_term, const std::string& area, const std::string& text, const Date& due,
                     const std::string& what, const std::string& who, const std::string& how,
                     const std::string& criteria) {
  domain::IhpGoal g;
  g.number = number;
  g.long_term = long_term;
  g.area = area;
  g.text = text;
  g.due_on = due;
  g.evaluation_what = what;
  g.evaluation_who = who;
  g.evaluation_how = how;
  g.criteria = criteria;
  return g;
}

domain::OrganisationLine line(int number, const std::string& who, int goal, std::vector<int> days,
                              const std::string& time, int minutes, const std::string& place) {
  return {number, who, goal, std::move(days), time, minutes, place};
}

void check(const Ihp& ihp) {
  if (auto problems = domain::ihp_problems(ihp); !problems.empty())
    throw std::logic_error("demo-IHP klopt niet: " + problems.front());
}

class IhpWriter {
 public:
  IhpWriter(store::Database& db, Id school, std::vector<domain::Holiday> holidays)
      : repo_(db), school_(school), holidays_(std::move(holidays)) {}

  // Stores the concept, as the IB's first save.
  Ihp create(Ihp ihp, const domain::Principal& who) {
    check(ihp);
    return repo_.create(ihp, school_, who);
  }
  Ihp save(const Ihp& ihp, const domain::Principal& who) {
    check(ihp);
    auto saved = repo_.save(ihp, ihp.version, who);
    if (!std::holds_alternative<Ihp>(saved)) throw std::logic_error("demo-IHP: versieconflict");
    Ihp out = std::get<Ihp>(saved);
    out.status = ihp.status;
    out.outcome = ihp.outcome;
    return out;
  }
  void start(Ihp& ihp, const domain::Principal& who) {
    domain::start_ihp(ihp);
    repo_.set_status(ihp.id, ihp.status, std::nullopt, who);
  }
  // Ticks off each planned session of `line` in [from, through]: `skip(k)` (the k-th session,
  // from 0) says it was not given and why; `unticked` of the last sessions are left open.
  void tick(Ihp& ihp, const domain::OrganisationLine& line, const Date& through, int minutes,
            const std::function<std::string(int)>& not_given, int unticked, const domain::Principal& who) {
    const auto days = domain::planned_days(line, ihp.starts_on, std::min(through, ihp.ends_on), holidays_);
    for (int k = 0; k + unticked < static_cast<int>(days.size()); ++k) {
      domain::SessionLog s;
      s.line = line.number;
      s.on = days[k];
      s.note = not_given(k);
      s.given = s.note.empty();
      s.minutes = s.given ? (k % 7 == 6 ? minutes - 5 : minutes) : 0;
      if (s.given && k % 7 == 6) s.note = "later begonnen";
      repo_.log_session(ihp.id, s, who);
      ihp.sessions.push_back(s);
    }
  }
  // Every goal with its confirmed verdict, then geëvalueerd.
  void evaluate(Ihp& ihp, const std::vector<std::pair<domain::GoalVerdict, std::string>>& verdicts,
                const std::string& conclusion, const domain::Principal& who) {
    for (size_t i = 0; i < ihp.goals.size() && i < verdicts.size(); ++i) {
      ihp.goals[i].verdict = verdicts[i].first;
      ihp.goals[i].evidence = verdicts[i].second;
      ihp.goals[i].confirmed = true;
    }
    ihp.evaluation = conclusion;
    domain::evaluate_ihp(ihp);
    ihp = save(ihp, who);
    repo_.set_status(ihp.id, ihp.status, std::nullopt, who);
  }
  void close(Ihp& ihp, domain::IhpOutcome outcome, const domain::Principal& who) {
    domain::close_ihp(ihp, outcome);
    repo_.set_status(ihp.id, ihp.status, ihp.outcome, who);
  }

 private:
  store::IhpRepository repo_;
  Id school_;
  std::vector<domain::Holiday> holidays_;
};

struct DemoPupil {
  Id id = 0;
  std::string name;  // roepnaam
  bool girl = false;
};

domain::Principal staff(domain::Role role, Id school, const std::string& name) {
  domain::Principal p;
  p.role = role;
  p.school_id = school;
  p.username = "demo";
  p.display_name = name;
  return p;
}

// The group plan of the current period places the pupil again after "doel bereikt": in a
// subgroup of each subject of the IHP's goals (a new version only when that changes anything).
void place_back(store::Database& db, const Ihp& ihp, const domain::Group& group, const domain::Period& period,
                const domain::Principal& who) {
  store::PlanRepository plans(db);
  auto plan = plans.latest(group.id, period.id);
  if (!plan) return;
  auto placed = [&](const domain::GroupPlan& p) {
    std::set<std::string> out;
    for (const auto& s : p.subjects)
      for (const auto& g : s.subgroups)
        if (std::find(g.pupils.begin(), g.pupils.end(), ihp.pupil_id) != g.pupils.end()) out.insert(s.subject);
    return out;
  };
  domain::GroupOverview ov;
  ov.group = group;
  ov.subjects = domain::overview_subjects(group.year_groups);
  std::vector<Id> ids;
  for (const auto& p : store::GroupRepository(db).pupils_of_group(group.id))
    if (!p.left) ids.push_back(p.id);
  auto approaches = store::OverviewRepository(db).approaches(ids, store::kNow);
  for (Id id : ids) {
    domain::OverviewLine l;
    l.pupil_id = id;
    l.approaches = approaches[id];
    ov.lines.push_back(std::move(l));
  }
  domain::GroupPlan next = *plan;
  domain::rejoin_subgroups(next, ihp, ov);
  if (placed(next) != placed(*plan) || next.subjects.size() != plan->subjects.size())
    plans.save(next, plan->version, who, {}, ov.subjects);
}

}  // namespace

int add_demo_ihps(store::Database& db, const std::vector<long long>& school_ids, const Date& today) {
  if (school_ids.empty()) return 0;
  const Id school = school_ids.front();
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::AccountRepository accounts(db);
  store::PupilRepository pupils(db);
  auto year = schools.current_school_year(school);
  auto ib_account = accounts.find_by_username("ib");
  auto teacher_account = accounts.find_by_username("leerkracht");
  auto parent_account = accounts.find_by_username("ouder");
  if (!year || !ib_account || !teacher_account || !parent_account || ib_account->school_id != school) return 0;
  const domain::Principal ib = accounts.principal(*ib_account);
  const domain::Principal teacher = accounts.principal(*teacher_account);
  const domain::Principal parent = accounts.principal(*parent_account);
  const domain::Principal rt = staff(domain::Role::kTeacher, school, "Bas Mulder");
  if (teacher.group_ids.empty() || parent.child_ids.empty()) return 0;

  // The periods of last school year and this one: the previous period may lie in either.
  const domain::SchoolYear last_year = domain::school_year_of(domain::add_days(year->starts_on, -1));
  const Id last_year_id = db.write([&](soci::session& sql) { return schools.ensure_school_year(sql, last_year); });
  std::vector<domain::Period> periods = schools.periods(school, last_year_id);
  const auto current_periods = schools.periods(school, year->id);
  periods.insert(periods.end(), current_periods.begin(), current_periods.end());
  auto now = std::find_if(periods.begin(), periods.end(),
                          [&](const domain::Period& p) { return p.starts_on <= today && today <= p.ends_on; });
  if (now == periods.end() || now == periods.begin()) return 0;
  const domain::Period current = *now, previous = *(now - 1);
  // The old plans end on the previous period's last school day; the demo calendar has no
  // zomervakantie (regional: the school's to enter), so in July that is before it starts.
  Date previous_end = previous.ends_on;
  if (previous_end.month == 7) previous_end = std::min(previous_end, Date{previous_end.year, 7, 10});

  // Last year's holidays as the school had them, so the old plans' planned time is true.
  store::SchoolCalendarRepository calendar(db);
  calendar.add_national_holidays(school, last_year, ib);
  const auto school_holidays = calendar.holidays(school, previous.starts_on, year->ends_on);
  const auto holidays = domain::holiday_days(school_holidays, previous.starts_on, year->ends_on);

  // The pupils: from the end of group 5/6's list, chosen by their approach in the overview;
  // never the first two, for whom the HTTP tests start IHPs of their own.
  const domain::Group group = *groups.find(teacher.group_ids.front());
  std::vector<DemoPupil> in_group;
  for (const auto& p : groups.pupils_of_group(group.id))
    if (!p.left) in_group.push_back({p.id, p.name.given, p.gender == domain::Gender::kFemale});
  if (in_group.size() < 6) return 0;
  std::vector<Id> ids;
  for (const auto& p : in_group) ids.push_back(p.id);
  auto approaches = store::OverviewRepository(db).approaches(ids, store::kNow);
  std::set<Id> taken;
  auto approach_of = [&](Id pupil, const std::string& subject) {
    for (const auto& a : approaches[pupil])
      if (a.subject == subject) return a.approach;
    return domain::Approach::kBasic;
  };
  auto pick = [&](const std::function<bool(Id)>& fits) {
    const DemoPupil* fallback = nullptr;
    for (auto it = in_group.rbegin(); it != in_group.rend() - 2; ++it) {
      if (taken.count(it->id)) continue;
      if (!fallback) fallback = &*it;
      if (fits(it->id)) {
        taken.insert(it->id);
        return *it;
      }
    }
    taken.insert(fallback->id);
    return *fallback;
  };
  auto intensive_in = [&](const std::string& subject) {
    return [&, subject](Id id) { return approach_of(id, subject) == domain::Approach::kIntensive; };
  };
  const DemoPupil reader = pick(intensive_in("Technisch lezen"));
  const DemoPupil speller = pick(intensive_in("Spelling"));
  // Back in the basic subgroup of Rekenen-Wiskunde after the IHP, intensive elsewhere.
  const DemoPupil counter = pick([&](Id id) {
    return approach_of(id, "Rekenen-Wiskunde") == domain::Approach::kBasic &&
           (intensive_in("Technisch lezen")(id) || intensive_in("Spelling")(id) || intensive_in("Begrijpend lezen")(id));
  });
  auto roos_pupil = pupils.find(parent.child_ids.front());
  if (!roos_pupil) return 0;
  const DemoPupil roos{roos_pupil->id, roos_pupil->name.given, roos_pupil->gender == domain::Gender::kFemale};
  // Her own group's teacher writes and ticks off her plan. (Its goal is Technisch lezen even
  // when the old plan was of group 2: the page offers the areas of the pupil's group now.)
  std::string roos_teacher_name = "Leerkracht";
  if (auto scope = pupils.scope(roos.id); scope && !scope->current_group_ids.empty())
    if (auto g = groups.find(scope->current_group_ids.front()); g && !g->teachers.empty())
      roos_teacher_name = g->teachers.front();
  const domain::Principal roos_teacher = staff(domain::Role::kTeacher, school, roos_teacher_name);

  IhpWriter writer(db, school, school_holidays);
  const std::string teacher_name = teacher.display_name, ib_name = ib.display_name;
  // "Ellen van der Meer (moeder)": the pupil's parents as the administration has them.
  auto parents = [&](const DemoPupil& p) {
    std::string out;
    for (const auto& g : pupils.guardians(p.id))
      out += (out.empty() ? "" : ", ") + g.name.display() + " (" + g.relation + ")";
    return out;
  };
  auto he = [](const DemoPupil& p) { return p.girl ? "zij" : "hij"; };
  auto his = [](const DemoPupil& p) { return p.girl ? "haar" : "zijn"; };
  int stored = 0;

  // 1. Being written: the IB and the teacher have started a plan for spelling this week.
  {
    const DemoPupil& p = speller;
    Ihp ihp = domain::new_ihp(p.id, periods, today);
    const Date due = school_day_before(ihp.ends_on, holidays);
    ihp.starting_situation = starting_situation(
        db, p.id,
        fmt::format("{} schrijft in het dictee een deel van de categoriewoorden van het vorige blok goed, maar "
                    "de nieuwe categorieën (-lijk, -ig, verkleinwoorden) lopen door elkaar. In de verlengde instructie "
                    "in de subgroep komt {} niet tot oefenen: {} wacht op hulp en begint pas als de leerkracht naast {} zit. "
                    "Thuis leest {} graag; de ouders willen helpen met oefenen.",
                    p.name, p.name, he(p), p.girl ? "haar" : "hem", p.name));
    ihp.goals.push_back(goal(1, false, "Spelling",
                             fmt::format("Op {} schrijft {} in het dictee van de categoriewoorden 8 van de 10 woorden "
                                         "met -lijk en -ig goed.",
                                         day_month(due), p.name),
                             due, "Dictee van 10 categoriewoorden", "leerkracht", "wekelijks, het laatste dictee telt",
                             "8 van de 10 woorden goed"));
    ihp.goals.push_back(goal(2, false, domain::kWorkAttitude,
                             fmt::format("Op {} begint {} bij het zelfstandig werken in 4 van de 5 spellinglessen "
                                         "binnen 2 minuten aan de taak, met de stappenkaart op tafel.",
                                         day_month(due), p.name),
                             due, "Start van de spellingtaak", "leerkracht", "turven in de laatste twee weken",
                             "in 4 van de 5 lessen binnen 2 minuten begonnen"));
    ihp.content = "Extra inoefening van -lijk en -ig met de spellingkaart en het oefenprogramma; een stappenkaart "
                  "voor het zelfstandig werken (lezen, kaart pakken, beginnen, na 5 minuten nakijken).";
    ihp.involved = {{"leerkracht", teacher_name, "geeft de extra instructie en houdt het dictee bij"},
                    {"ib", ib_name, "schrijft het plan met de leerkracht en bewaakt de evaluatie"},
                    {"ouders", parents(p), "oefenen thuis twee keer per week 10 minuten met de woordenlijst"}};
    ihp.organisation = {line(1, "leerkracht", 1, {1, 2, 4}, "09:15", 10, "instructietafel")};
    writer.create(ihp, ib);
    ++stored;
  }

  // 2. Running for about four weeks: RT for reading, the teacher for the start of the work.
  {
    const DemoPupil& p = reader;
    Ihp ihp = domain::new_ihp(p.id, periods, domain::add_days(today, -28));
    const Date due = school_day_before(ihp.ends_on, holidays);
    ihp.starting_situation = starting_situation(
        db, p.id,
        fmt::format("{} leest langzaam en radend: bij woorden van meer dan twee lettergrepen haakt {} af. In de "
                    "intensieve subgroep van Technisch lezen gaat {} wel vooruit, maar te weinig om het niveau van "
                    "de groep bij te houden. Bij zelfstandig werken kijkt {} veel rond en vraagt snel hulp. "
                    "{} wil zelf graag 'sneller lezen, zodat ik de strips van mijn broer kan lezen'.",
                    p.name, he(p), he(p), he(p), p.name));
    ihp.goals.push_back(goal(1, false, "Technisch lezen",
                             fmt::format("Op {} leest {} een AVI-tekst van een niveau hoger dan nu met een "
                                         "nauwkeurigheid van minimaal 90 %.",
                                         day_month(due), p.name),
                             due, "AVI-afname", "RT'er", "AVI-kaart van het volgende niveau, eind van de termijn",
                             "niveau hoger beheerst (minimaal 90 % nauwkeurig, binnen de tijd)"));
    ihp.goals.push_back(goal(2, false, domain::kWorkAttitude,
                             fmt::format("Op {} werkt {} in 4 van de 5 rekenlessen 15 minuten zelfstandig aan "
                                         "{} weektaak voordat {} hulp vraagt.",
                                         day_month(due), p.name, his(p), he(p)),
                             due, "Zelfstandig werken bij rekenen", "leerkracht", "observatie met turflijst",
                             "4 van de 5 lessen 15 minuten zelfstandig"));
    ihp.content = "RALFI-lezen met de RT'er: voordoen, samen lezen, zelf lezen, met directe feedback op fouten. "
                  "Een time-timer en het hulpkaartje op tafel bij het zelfstandig werken.";
    ihp.involved = {{"leerkracht", teacher_name, "begeleidt het zelfstandig werken en houdt de turflijst bij"},
                    {"rt", rt.display_name, "geeft de RALFI-sessies en neemt de AVI-toets af"},
                    {"ib", ib_name, "bewaakt het plan en plant de evaluatie"},
                    {"ouders", parents(p), "lezen thuis dagelijks 10 minuten samen in het leesboek van school"},
                    {"leerling", p.name, "houdt zelf de leesgrafiek bij"}};
    ihp.organisation = {line(1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"),
                        line(2, "leerkracht", 2, {2, 4}, "13:00", 15, "in de klas")};
    ihp.pupil_voice = {"Ik wil sneller lezen. Het helpt als ik eerst mag oefenen voordat ik voorlees.",
                       teacher_name, domain::add_days(ihp.starts_on, 1).iso() + "T14:10:00Z"};
    Ihp running = writer.create(ihp, ib);
    running = writer.save(running, ib);  // with the pupil's words, after talking with them
    writer.start(running, ib);
    const Date yesterday = domain::add_days(today, -1);
    writer.tick(running, running.organisation[0], yesterday, 20,
                [](int k) { return k == 3 || k == 4 ? "niet gegeven: RT ziek" : ""; }, 1, rt);
    writer.tick(running, running.organisation[1], yesterday, 15,
                [](int k) { return k == 2 ? "niet gegeven: groep op excursie" : ""; }, 0, teacher);
    ++stored;
  }

  // 3. The demo parent's child: an IHP of the previous period, evaluated (one goal partly
  // reached), her parent's view on it, and the adjusted IHP that follows it.
  {
    const DemoPupil& p = roos;
    Ihp ihp = domain::new_ihp(p.id, periods, previous.starts_on);
    ihp.ends_on = school_day_before(previous_end, holidays);
    ihp.starts_on = std::max(previous.starts_on, domain::add_days(ihp.ends_on, -55));
    const Date due = ihp.ends_on;
    ihp.starting_situation = starting_situation(
        db, p.id,
        fmt::format("{} kent de letters van {} naam en een paar andere, maar haalt klanken door elkaar (b/d, "
                    "m/n). Bij de letteractiviteiten in de kring doet {} mee, maar zelfstandig aan de slag gaan "
                    "met een letterspel lukt nog niet: {} kijkt wat anderen doen. Moeder vertelt dat {} thuis "
                    "graag voorgelezen wordt.",
                    p.name, his(p), he(p), he(p), he(p)));
    ihp.goals.push_back(goal(1, false, "Technisch lezen",
                             fmt::format("Op {} benoemt {} 20 van de 34 letters en klanken van de letterkaart "
                                         "vlot en goed.",
                                         day_month(due), p.name),
                             due, "Letterkennis", "leerkracht", "de letterkaart, eind van de termijn",
                             "20 van de 34 klanken goed binnen 2 minuten"));
    ihp.goals.push_back(goal(2, false, domain::kWorkAttitude,
                             fmt::format("Op {} werkt {} op 4 van de 5 dagen 10 minuten zelfstandig aan een "
                                         "taak van het planbord.",
                                         day_month(due), p.name),
                             due, "Zelfstandig werken aan het planbord", "leerkracht", "observatie, laatste week",
                             "4 van de 5 dagen 10 minuten zelfstandig"));
    ihp.content = "Dagelijks de letterkaart en het klankgebarenspel aan de instructietafel; het planbord met "
                  "pictogrammen en een zandloper van 10 minuten.";
    ihp.involved = {{"leerkracht", roos_teacher.display_name, "oefent de klanken aan de instructietafel"},
                    {"ib", ib_name, "schrijft het plan met de leerkracht"},
                    {"ouders", parent.display_name, "oefent thuis met de letterkaart en leest voor"}};
    ihp.organisation = {line(1, "leerkracht", 1, {1, 2, 4}, "08:45", 10, "instructietafel"),
                        line(2, "onderwijsassistent", 2, {3, 5}, "10:15", 10, "in de klas")};
    Ihp old = writer.create(ihp, ib);
    old.parent_view = {p.name + " vindt de letters spannend, maar wil graag leren lezen. Thuis oefenen we na het "
                       "eten 5 minuten met de letterkaart en lezen we elke avond een prentenboek voor; de b en de d "
                       "blijven lastig.",
                       parent.display_name, domain::add_days(ihp.starts_on, 20).iso() + "T19:30:00Z"};
    old = writer.save(old, parent);
    writer.start(old, ib);
    writer.tick(old, old.organisation[0], old.ends_on, 10,
                [](int k) { return k % 9 == 5 ? "niet gegeven: leerkracht afwezig" : ""; }, 0, roos_teacher);
    writer.tick(old, old.organisation[1], old.ends_on, 10, [](int) { return ""; }, 0, roos_teacher);
    writer.evaluate(old,
                    {{domain::GoalVerdict::kPartly, "letterkaart: 14 van de 34 klanken goed; b/d nog wisselend"},
                     {domain::GoalVerdict::kReached, "observatie: 5 van de 5 dagen zelfstandig met de zandloper"}},
                    fmt::format("Het zelfstandig werken is gelukt: {} pakt zelf het planbord. De letterkennis "
                                "groeit (van 6 naar 14 klanken), maar het doel is niet gehaald; de sessies zijn bijna "
                                "alle gegeven. Bijstellen: kleinere stappen en meer herhaling.",
                                p.name),
                    ib);
    ++stored;

    // The adjusted plan is written now and starts on the next school day, for the period
    // as a new IHP from today would have it (the weeks since the evaluation are behind it).
    Ihp next = domain::next_ihp(old, periods, today);
    const Ihp term = domain::new_ihp(p.id, periods, today);
    next.starts_on = domain::add_days(today, 1);
    while (domain::weekday(next.starts_on) > 5 || std::binary_search(holidays.begin(), holidays.end(), next.starts_on))
      next.starts_on = domain::add_days(next.starts_on, 1);
    next.ends_on = term.ends_on;
    const Date next_due = school_day_before(next.ends_on, holidays);
    for (auto& g : next.goals) {
      g.text = fmt::format("Op {} benoemt {} 24 van de 34 letters en klanken van de letterkaart vlot en goed, "
                           "ook de b en de d.",
                           day_month(next_due), p.name);
      g.due_on = next_due;
      g.criteria = "24 van de 34 klanken goed binnen 2 minuten";
    }
    next.content += " Elke week 3 nieuwe klanken, met herhaling van de vorige; b en d met het bed-gebaar.";
    writer.create(next, ib);
    ++stored;
  }

  // 4. Closed with "doel bereikt" in the previous period: the pupil is back in a subgroup.
  {
    const DemoPupil& p = counter;
    Ihp ihp = domain::new_ihp(p.id, periods, previous.starts_on);
    ihp.ends_on = school_day_before(previous_end, holidays);
    ihp.starts_on = std::max(previous.starts_on, domain::add_days(ihp.ends_on, -48));
    const Date due = ihp.ends_on;
    ihp.starting_situation = starting_situation(
        db, p.id,
        fmt::format("{} rekent de tafels van 1 t/m 5 vlot, maar de tafels van 6 t/m 9 telt {} op de vingers "
                    "uit. Daardoor loopt {} vast bij vermenigvuldigen en delen in de methode. {} werkt graag "
                    "met spelletjes en wil 'net zo snel zijn als de rest'.",
                    p.name, he(p), he(p), p.name));
    ihp.goals.push_back(goal(1, false, "Rekenen-Wiskunde",
                             fmt::format("Op {} maakt {} 40 sommen van de tafels van 6 t/m 9 door elkaar in 4 "
                                         "minuten met minimaal 90 % goed.",
                                         day_month(due), p.name),
                             due, "Tafeltoets 6 t/m 9", "leerkracht", "tafeltoets van 40 sommen, eind van de termijn",
                             "36 van de 40 goed binnen 4 minuten"));
    ihp.content = "Tafels automatiseren met Rekentuin en tafelkaartjes; elke sessie 2 minuten flitsen en een "
                  "tafelspel met een maatje.";
    ihp.involved = {{"leerkracht", teacher_name, "flitst de tafels en neemt de tafeltoets af"},
                    {"ouders", parents(p), "oefenen thuis met de tafelkaartjes"},
                    {"leerling", p.name, "houdt de eigen tafelgrafiek bij"}};
    ihp.organisation = {line(1, "leerkracht", 1, {1, 3, 5}, "11:45", 10, "instructietafel")};
    Ihp closed = writer.create(ihp, ib);
    writer.start(closed, ib);
    writer.tick(closed, closed.organisation[0], closed.ends_on, 10,
                [](int k) { return k == 8 ? "niet gegeven: studiedag" : ""; }, 0, teacher);
    writer.evaluate(closed, {{domain::GoalVerdict::kReached, "tafeltoets: 38 van de 40 goed in 4 minuten"}},
                    fmt::format("Doel bereikt: {} kent de tafels van 6 t/m 9 vlot en doet weer mee in de "
                                "subgroep van Rekenen-Wiskunde.",
                                p.name),
                    ib);
    writer.close(closed, domain::IhpOutcome::kGoalReached, ib);
    place_back(db, closed, group, current, ib);
    ++stored;
  }
  return stored;
}

}  // namespace koers::demo
