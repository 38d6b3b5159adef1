#include "demo/demo_overview.h"

#include <fmt/format.h>

#include <algorithm>

#include "demo/demo_random.h"
#include "domain/group_overview.h"
#include "store/group_repository.h"
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

}  // namespace

DemoOverviewSummary add_demo_overview(store::Database& db, const std::vector<long long>& school_ids,
                                      const domain::Date& today, unsigned long long seed) {
  DemoOverviewSummary summary;
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::OverviewRepository overview(db);
  for (Id school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
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
        Rng rng = rng_for(seed, fmt::format("overview {} {}", school, p.name.display()));
        int ability = rng.below(100);  // a pupil's standing, so approach, tests and AVI agree
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
            int pct = std::clamp(55 + ability / 2 + rng.below(15), 20, 100);
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
