#include "demo/demo_overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "demo/demo_random.h"
#include "domain/group_overview.h"
#include "io/results_csv.h"
#include "store/group_repository.h"
#include "store/pupil_repository.h"
#include "store/result_repository.h"
#include "store/overview_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

namespace {

using domain::Id;

const char* kProtective[] = {"werkt graag samen met klasgenoten", "leest veel, thuis wordt voorgelezen",
                             "doorzetter: geeft niet snel op", "ruime woordenschat",
                             "vraagt zelf om hulp als het nodig is", "veel zelfvertrouwen, sportief",
                             "creatief en vol ideeën", "ouders zijn zeer betrokken"};
const char* kHindering[] = {"snel afgeleid bij drukte in de klas", "faalangst bij toetsen",
                            "thuis wordt weinig Nederlands gesproken", "vaak moe na een korte nacht",
                            "werkt slordig bij het automatiseren", "moeite met het plannen van de weektaak",
                            "trekt zich terug in de groep"};
struct Need {
  const char* topic;
  const char* text;
};
const Need kGeneral[] = {{"instructie", "verlengde instructie aan de instructietafel"},
                         {"instructie", "korte instructie, daarna zelfstandig aan de slag"},
                         {"opdrachten", "opdrachten in kleine stappen met een afvinklijst"},
                         {"opdrachten", "uitdagende verrijkingsopdrachten"},
                         {"leeromgeving", "een rustige werkplek met weinig prikkels"},
                         {"feedback", "directe, positieve feedback op inzet"},
                         {"groepsgenoten", "een maatje dat het goede voorbeeld geeft"},
                         {"leerkracht", "een leerkracht die de dag vooraf met hem of haar doorneemt"},
                         {"ouders", "ouders die thuis dagelijks een kwartier samen lezen"}};
const Need kSubject[] = {{"Spelling", "extra inoefening van de categoriewoorden met directe feedback"},
                         {"Rekenen-Wiskunde", "concreet materiaal bij breuken"},
                         {"Rekenen-Wiskunde", "dagelijks een korte automatiseringsronde voor de tafels"},
                         {"Technisch lezen", "dagelijks duolezen op eigen AVI-niveau"},
                         {"Begrijpend lezen", "het voorbespreken van moeilijke woorden in de tekst"},
                         {"Beginnende geletterdheid", "dagelijks spelen met klanken en rijmpjes"}};

domain::Date plus_days(domain::Date d, int days) {
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (d.day += days; d.day > kMonthDays[d.month - 1];) {
    d.day -= kMonthDays[d.month - 1];
    if (++d.month > 12) d.month = 1, ++d.year;
  }
  return d;
}

// The school's number in its board (1 for the first school made): what the seeds name instead of
// its database id, which differs between engines and runs (a PostgreSQL identity is not reset
// when a test empties the tables), so that a seed gives the same pupils' standings everywhere.
long long school_number(store::SchoolRepository& schools, Id school) {
  const auto found = schools.find_school(school);
  if (!found) return school;
  long long n = 1;
  for (const auto& other : schools.schools_of_board(found->board_id))
    if (other.school.id < school) ++n;
  return n;
}

// A pupil's standing 0–99: the first number of their overview seed, shared by every part.
// `school`: the school's number in its board (school_number).
int standing_of(unsigned long long seed, long long school, const std::string& name) {
  return rng_for(seed, fmt::format("overview {} {}", school, name)).below(100);
}

// The standard normal z below which a share p (0 < p < 1) lies: Acklam's rational
// approximation (relative error below 1.2e-9), so that a uniform percentile becomes a
// standing that follows the national (normal) distribution.
double normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normal_quantile(1 - p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

struct DemoSubject {
  const char* name;
  int from_year_group;
  double base, per_step, spread;  // ability-score scale: base + per_step × position
};
const DemoSubject kLvs[] = {{"Rekenen-Wiskunde", 3, 100, 4.5, 9},
                            {"Spelling", 4, 105, 3.0, 8},
                            {"Begrijpend lezen", 4, 20, 3.5, 10},
                            {"Technisch lezen (DMT)", 3, 10, 5.0, 12}};

}  // namespace

int add_demo_results(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today,
                     unsigned long long seed) {
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::PupilRepository pupils(db);
  domain::Principal importer;
  importer.username = "koers-demo";
  importer.role = domain::Role::kSupportCoordinator;
  int stored = 0;
  for (Id school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
    const long long number = school_number(schools, school);
    io::ParsedResults parsed;
    for (const domain::Group& g : groups.groups_of_school(school, year->id)) {
      if (g.kind != domain::GroupKind::kRegular) continue;
      for (const auto& p : groups.pupils_of_group(g.id)) {
        if (p.left) continue;
        const std::string key = pupils.find(p.id)->edex_key;
        // The pupil's standing as a national z: most pupils near the middle, a tenth below −1.28.
        const double standing = normal_quantile((standing_of(seed, number, p.name.display()) + 0.5) / 100.0);
        Rng rng = rng_for(seed, "lvs " + key);
        // Every M and E moment of the pupil's career here that has been taken by today.
        for (const auto& e : pupils.enrolments(p.id)) {
          if (e.combined) continue;
          domain::SchoolYear sy;
          int yg = std::atoi(e.year_group.c_str());
          if (yg < 3 || !domain::parse_school_year_name(e.school_year, sy)) continue;
          for (char part : {'M', 'E'}) {
            domain::Date taken{sy.ends_on.year, part == 'M' ? 1 : 6, part == 'M' ? 25 : 15};
            if (today < taken) continue;
            for (const DemoSubject& subject : kLvs) {
              if (yg < subject.from_year_group) continue;
              io::ResultRow row;
              row.line = static_cast<int>(parsed.rows.size()) + 2;
              row.pupil_key = key;
              row.subject = subject.name;
              row.moment = {yg, part};
              row.taken_on = taken;
              // A pupil varies per test; z stays standard normal (0.95² + 0.31² ≈ 1).
              double z = 0.95 * standing + 0.31 * normal_quantile((rng.below(1000) + 0.5) / 1000.0);
              row.ability_score = std::round((subject.base + subject.per_step * row.moment.position() +
                                              z * subject.spread) * 10) / 10;
              double percentile = std::clamp(50 * std::erfc(-z / std::sqrt(2.0)), 1.0, 99.0);
              row.percentile = std::round(percentile);
              row.level = domain::roman_level_of_percentile(percentile);
              // DLE: months of education the result is worth; a quarter of the DL per standard deviation
              // (a pupil at the 10th percentile is about a third behind, never at zero).
              row.dle = std::clamp(std::round(row.moment.didactic_age() * (1 + 0.25 * z)), 1.0, 65.0);
              parsed.rows.push_back(row);
            }
          }
        }
      }
    }
    auto summary = store::ResultRepository(db).import_results(school, parsed, "demo (LVS-export)", importer);
    stored += summary.created;
  }
  return stored;
}

DemoOverviewSummary add_demo_overview(store::Database& db, const std::vector<long long>& school_ids,
                                      const domain::Date& today, unsigned long long seed) {
  DemoOverviewSummary summary;
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::OverviewRepository overview(db);
  for (Id school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
    const long long number = school_number(schools, school);
    for (const domain::Group& g : groups.groups_of_school(school, year->id)) {
      if (g.kind != domain::GroupKind::kRegular) continue;
      domain::Principal teacher;
      teacher.role = domain::Role::kTeacher;
      teacher.school_id = school;
      teacher.username = "demo";
      teacher.display_name = g.teachers.empty() ? "Leerkracht" : g.teachers.front();
      const auto subjects = domain::overview_subjects(g.year_groups);
      for (const auto& p : groups.pupils_of_group(g.id)) {
        if (p.left) continue;
        Rng rng = rng_for(seed, fmt::format("overview {} {}", number, p.name.display()));
        int ability = rng.below(100);  // the pupil's standing (standing_of), so all parts agree
        domain::Approach approach = ability < 18   ? domain::Approach::kIntensive
                                    : ability > 85 ? domain::Approach::kDeepened
                                                   : domain::Approach::kBasic;
        for (const auto& subject : subjects) {
          // Most pupils follow the same approach everywhere; some differ per subject.
          domain::Approach a = rng.one_in(5) ? domain::Approach::kBasic : approach;
          overview.set_approach(p.id, subject, a, teacher);
          ++summary.approaches;
        }
        auto add = [&](domain::EntryKind kind, std::string topic, std::string text, domain::InformationSource src) {
          domain::OverviewEntry e;
          e.pupil_id = p.id;
          e.kind = kind;
          e.topic = std::move(topic);
          e.text = std::move(text);
          e.source = src;
          if (!overview.add_entry(e, subjects, teacher)) ++summary.entries;
        };
        if (rng.below(10) < 4)
          add(domain::EntryKind::kProtective, "", rng.pick(kProtective),
              rng.one_in(3) ? domain::InformationSource::kTalkWithParents : domain::InformationSource::kObservation);
        if (rng.below(10) < (ability < 30 ? 6 : 2))
          add(domain::EntryKind::kHindering, "", rng.pick(kHindering),
              rng.one_in(2) ? domain::InformationSource::kHandover : domain::InformationSource::kObservation);
        if (rng.below(10) < 4) {
          const Need& n = rng.pick(kGeneral);
          add(domain::EntryKind::kGeneralNeed, n.topic, n.text,
              rng.one_in(3) ? domain::InformationSource::kTalkWithPupil : domain::InformationSource::kObservation);
        }
        if (ability < 30 || ability > 85) {
          const Need& n = rng.pick(kSubject);
          if (std::find(subjects.begin(), subjects.end(), n.topic) != subjects.end())
            add(domain::EntryKind::kSubjectNeed, n.topic, n.text, domain::InformationSource::kTest);
        }
        int year_group = std::atoi(p.year_group.c_str());
        if (year_group < 3) continue;
        // Method tests of the first blocks that have been taken by today.
        for (int block = 1; block <= 2; ++block) {
          domain::Date taken = plus_days(year->starts_on, 50 + 35 * (block - 1) + rng.below(5));
          if (today < taken) continue;
          for (auto [subject, max] : {std::pair{"Rekenen", 40}, std::pair{"Spelling", 30}}) {
            domain::MethodTest t;
            t.pupil_id = p.id;
            t.subject = subject;
            t.block = fmt::format("Blok {}", block);
            t.maximum = max;
            // A mastery test: most pupils reach 80 %, those who stand low less often.
            const double z = normal_quantile((ability + 0.5) / 100.0);
            int pct = std::clamp(static_cast<int>(std::lround(87 + 9 * z + rng.below(11) - 5)), 20, 100);
            t.score = max * pct / 100;
            t.taken_on = taken;
            if (!overview.save_method_test(t, teacher)) ++summary.method_tests;
          }
        }
        if (year_group <= 6) {
          // AVI at the start of the year: around the level of the previous E moment.
          int expected = 2 * (year_group - 3);  // index in avi_levels(): E(g-1) … AVI-Start for group 3
          int index = std::clamp(expected + (ability - 50) / 25, 0, static_cast<int>(domain::avi_levels().size()) - 1);
          domain::ReadingLevel r{{year_group, 'B'}, domain::avi_levels()[index], plus_days(year->starts_on, 35), ""};
          if (!(today < r.taken_on) && !overview.save_reading_level(p.id, r, teacher)) ++summary.reading_levels;
        }
      }
    }
  }
  return summary;
}

}  // namespace koers::demo
