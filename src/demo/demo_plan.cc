#include "demo/demo_plan.h"

#include <fmt/format.h>

#include "domain/group_plan.h"
#include "domain/plan_carry_forward.h"
#include "store/group_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

namespace {

using domain::Approach;
using domain::Id;

// What a teacher writes per subgroup: only what differs from the basic offer. `{end}` is the
// period's last day ("27-11"), `{block}` the method block taught in the period.
struct SubgroupText {
  std::vector<std::pair<domain::GoalKind, const char*>> goals;
  const char *content, *method, *organisation, *attention, *evaluation;
};
struct SubjectText {
  const char* subject;
  const char* basic_offer;
  SubgroupText intensive, basic, deepened;
};

constexpr auto kDid = domain::GoalKind::kDidactic;
constexpr auto kPed = domain::GoalKind::kPedagogic;

const SubjectText kTexts[] = {
    {"Technisch lezen",
     "Estafette: dagelijks 20 minuten lezen op eigen AVI-niveau, twee keer per week duolezen.",
     {{{kDid, "Op {end} leest ieder kind van deze subgroep een AVI-tekst een niveau hoger dan in augustus, "
              "met een nauwkeurigheid van minimaal 90 %."},
       {kPed, "Op {end} leest ieder kind van deze subgroep dagelijks 10 minuten hardop voor aan een maatje "
              "en geeft het een tip terug."}},
      "Extra leesbeurt met de RALFI-methode.",
      "Voordoen, samen lezen, dan zelf lezen; directe feedback op fouten.",
      "Dagelijks 10 min. extra aan de instructietafel bij de leerkracht, voor de pauze.",
      "Leesbeurten in de kleine groep, niet voor de klas.",
      "AVI-afname eind periode; wekelijks een korte leestoets."},
     {{}, "", "", "", "", "Methodetoets en AVI eind periode."},
     {{{kDid, "Op {end} leest ieder kind van deze subgroep een boek van eigen keuze uit en houdt er een "
              "boekpromotie van 3 minuten over."}},
      "Vrij lezen en boekpromoties in plaats van de leesteksten.",
      "Zelfstandig, met een leesdagboek.",
      "Tijdens de estafette in de leeshoek.",
      "",
      "Boekpromotie beoordeeld met de rubric."}},
    {"Begrijpend lezen",
     "Nieuwsbegrip: elke week de nieuwstekst, met de strategieën voorspellen, vragen stellen en samenvatten.",
     {{{kDid, "Op {end} beantwoordt ieder kind van deze subgroep minimaal 70 % van de vragen van de "
              "methodetoets van blok {block} van Begrijpend lezen goed."}},
      "Voorbespreken van moeilijke woorden; de tekst op AVI-niveau (versie A).",
      "Hardop-denkend voordoen van de strategie, daarna samen oefenen.",
      "Dinsdag en donderdag 15 min. verlengde instructie.",
      "Woordenschat: woordmuur bijhouden.",
      "Methodetoets blok {block}."},
     {{}, "", "", "", "", "Methodetoets blok {block}."},
     {{{kDid, "Op {end} schrijft ieder kind van deze subgroep bij 2 nieuwsteksten een eigen samenvatting "
              "van maximaal 5 zinnen."}},
      "Versie C van de nieuwstekst en de plusopdracht.",
      "Korte instructie, dan zelfstandig in tweetallen.",
      "Op de gang tijdens de verlengde instructie.",
      "",
      "Samenvattingen bespreken met de leerkracht."}},
    {"Spelling",
     "Staal: de lessen van blok {block} met dagelijks dictee van de categoriewoorden.",
     {{{kDid, "Op {end} heeft ieder kind van deze subgroep minimaal 70 % goed op de methodetoets van blok "
              "{block} van Spelling."},
       {kPed, "Op {end} pakt ieder kind van deze subgroep bij het zelfstandig werken in 4 van de 5 lessen "
              "zelf de spellingkaart erbij."}},
      "Extra inoefening van de categorieën van blok {block} met het oefenprogramma.",
      "Verlengde instructie met de spellingkaart; fouten direct verbeteren.",
      "Maandag t/m donderdag 10 min. aan de instructietafel.",
      "Rustige werkplek; bij faalangst het dictee in kleine stukken.",
      "Methodetoets blok {block}; woordpakket wekelijks."},
     {{}, "", "", "", "", "Methodetoets blok {block}."},
     {{{kDid, "Op {end} heeft ieder kind van deze subgroep minimaal 90 % goed op de methodetoets van blok "
              "{block} van Spelling."}},
      "Compacten: de helft van de oefenstof, daarna de plusopdrachten.",
      "Korte instructie.",
      "Zelfstandig na de basisinstructie.",
      "",
      "Methodetoets blok {block} en de plusopdrachten."}},
    {"Rekenen-Wiskunde",
     "Wereld in getallen: dagelijks de les van het blok, start met 10 minuten automatiseren.",
     {{{kDid, "Op {end} heeft ieder kind van deze subgroep minimaal 70 % goed op de methodetoets van blok "
              "{block} van Rekenen."},
       {kDid, "Op {end} kent ieder kind van deze subgroep de tafels van 1 t/m 5 en 10 met 90 % goed op het "
              "tafeldictee."}},
      "Herhaling van de basisvaardigheden; concreet materiaal bij breuken.",
      "Handelingsmodel: van concreet via schematisch naar abstract.",
      "Dagelijks 15 min. verlengde instructie aan de instructietafel.",
      "Tafels dagelijks kort oefenen; thuis Rekentuin.",
      "Methodetoets blok {block}, tafeldictee om de week."},
     {{}, "", "", "", "", "Methodetoets blok {block}."},
     {{{kDid, "Op {end} heeft ieder kind van deze subgroep minimaal 85 % goed op de methodetoets van blok "
              "{block} van Rekenen."}},
      "Compacten en verrijken met Pluspunt.",
      "Korte instructie; de plustaak zelfstandig.",
      "Eén keer per week met de leerkracht de plustaak bespreken.",
      "",
      "Methodetoets blok {block}; de plustaak."}},
    {"Beginnende geletterdheid",
     "Kleuterplein: thema's met dagelijks een kringactiviteit rond taal en klanken.",
     {{{kDid, "Op {end} noemt ieder kind van deze subgroep bij 8 van de 10 woorden de eerste klank."}},
      "Extra klankspelletjes in de kleine kring.",
      "Voordoen en samen doen.",
      "Drie keer per week 10 min. in de kleine kring.",
      "",
      "Observatie met de leerlijn jonge kind."},
     {{}, "", "", "", "", "Observatie met de leerlijn jonge kind."},
     {{{kDid, "Op {end} schrijft ieder kind van deze subgroep minstens 3 korte woorden met losse letters na."}},
      "Letterspelletjes en de schrijfhoek.",
      "Zelf ontdekken met de letterdoos.",
      "Tijdens de werkles.",
      "",
      "Observatie met de leerlijn jonge kind."}},
    {"Beginnende gecijferdheid",
     "Kleuterplein: tellen, vergelijken en meten in de kring en de hoeken.",
     {{{kDid, "Op {end} telt ieder kind van deze subgroep bij 4 van de 5 pogingen 10 voorwerpen synchroon."}},
      "Extra telspelletjes met concreet materiaal.",
      "Voordoen en samen doen.",
      "Drie keer per week 10 min. in de kleine kring.",
      "",
      "Observatie met de leerlijn jonge kind."},
     {{}, "", "", "", "", "Observatie met de leerlijn jonge kind."},
     {{{kDid, "Op {end} lost ieder kind van deze subgroep 4 van de 5 plussommen tot 10 op met materiaal."}},
      "Rekenspellen uit de plusklas.",
      "Zelf ontdekken.",
      "Tijdens de werkles.",
      "",
      "Observatie met de leerlijn jonge kind."}},
};

std::string fill(const char* text, const std::string& end, int block) {
  return fmt::format(fmt::runtime(text), fmt::arg("end", end), fmt::arg("block", block));
}

void write(domain::SubgroupPlan& g, const SubgroupText& t, const std::string& end, int block) {
  for (const auto& [kind, goal] : t.goals) {
    domain::PlanGoal pg;
    pg.kind = kind;
    pg.text = fill(goal, end, block);
    g.goals.push_back(pg);
  }
  g.content = fill(t.content, end, block);
  g.method = fill(t.method, end, block);
  g.organisation = fill(t.organisation, end, block);
  g.attention = fill(t.attention, end, block);
  g.evaluation = fill(t.evaluation, end, block);
}

}  // namespace

int add_demo_plans(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today) {
  store::SchoolRepository schools(db);
  store::GroupRepository groups(db);
  store::OverviewRepository overview(db);
  store::PlanRepository plans(db);
  int saved = 0;
  for (Id school : school_ids) {
    auto year = schools.current_school_year(school);
    if (!year) continue;
    const domain::Period* period = nullptr;
    auto periods = schools.periods(school, year->id);
    for (const auto& p : periods)
      if (p.starts_on <= today && today <= p.ends_on) period = &p;
    if (!period) continue;
    const std::string end = fmt::format("{:02}-{:02}", period->ends_on.day, period->ends_on.month);
    // Three method blocks per period: the plan's goals are about the period's last block.
    const int block = 3 * (1 + static_cast<int>(period - &periods.front()));
    for (const domain::Group& g : groups.groups_of_school(school, year->id)) {
      if (g.kind != domain::GroupKind::kRegular) continue;
      domain::GroupOverview ov;
      ov.group = g;
      ov.subjects = domain::overview_subjects(g.year_groups);
      std::vector<Id> ids;
      for (const auto& p : groups.pupils_of_group(g.id))
        if (!p.left) ids.push_back(p.id);
      auto approaches = overview.approaches(ids, store::kNow);
      for (Id id : ids) {
        domain::OverviewLine line;
        line.pupil_id = id;
        line.approaches = approaches[id];
        ov.lines.push_back(std::move(line));
      }
      domain::GroupPlan plan = domain::new_group_plan(ov, period->id);
      for (auto& subject : plan.subjects)
        for (const SubjectText& t : kTexts) {
          if (subject.subject != t.subject) continue;
          subject.basic_offer = fill(t.basic_offer, end, block);
          for (auto& sub : subject.subgroups)
            write(sub,
                  sub.approach == Approach::kIntensive ? t.intensive
                  : sub.approach == Approach::kDeepened ? t.deepened
                                                        : t.basic,
                  end, block);
        }
      plan.functioning.learning_style = "Leert het best in korte stappen met afwisseling; veel kinderen werken graag samen.";
      plan.functioning.relation = "Een warme start van de dag in de kring; een vast maatje bij het zelfstandig werken.";
      plan.functioning.competence = "Successen benoemen; taken op maat met een afvinklijst.";
      plan.functioning.autonomy = "Keuze in de volgorde van de weektaak; de planbord-afspraken.";
      plan.functioning.interests = "Sport, dieren en techniek; het thema van de periode sluit daarop aan.";
      plan.week = domain::default_week(plan);
      domain::Principal teacher;
      teacher.role = domain::Role::kTeacher;
      teacher.school_id = school;
      teacher.username = "demo";
      teacher.display_name = g.teachers.empty() ? "Leerkracht" : g.teachers.front();
      if (std::holds_alternative<domain::GroupPlan>(plans.save(plan, 0, teacher))) ++saved;
    }
  }
  return saved;
}

}  // namespace koers::demo
