// SMARTI checks on goals as teachers write them, each with the findings a colleague would give.
#include "domain/smarti.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

// The criteria not met, as "meetbaar,tijdgebonden".
std::string unmet(const std::string& goal, const std::optional<GoalPeriod>& period = {}) {
  std::string out;
  for (const auto& f : check_smarti(goal, period))
    if (!f.met) out += (out.empty() ? "" : ",") + smarti_key(f.criterion);
  return out;
}

std::string hint(const std::string& goal, SmartiCriterion c, const std::optional<GoalPeriod>& period = {}) {
  for (const auto& f : check_smarti(goal, period))
    if (f.criterion == c) return f.hint;
  return "<none>";
}

TEST(Smarti, ATableOfRealGoals) {
  struct Case {
    const char* goal;
    const char* unmet;
  };
  const Case cases[] = {
      {"Aan het eind van de periode lezen de leerlingen van de intensieve groep AVI E4-teksten met 95 % nauwkeurigheid.", ""},
      {"Daan leest bij de M6-toets 45 woorden per minuut op DMT-kaart 2.", ""},
      {"Bij de E5-toets rekenen de leerlingen van de basisgroep sommen tot 100 met minstens 80 % goed.", ""},
      {"Daan wordt beter in rekenen.", "specifiek,meetbaar,tijdgebonden"},
      {"De leerlingen maken de toets goed.", "meetbaar,tijdgebonden"},
      {"De intensieve groep maakt voor de kerstvakantie 100 % van de sommen tot 20 goed.", "realistisch"},
      {"Emma roept voor de kerstvakantie geen antwoorden meer door de klas, 4 van de 5 dagen.", "acceptabel"},
      {"De leerkracht geeft de intensieve groep aan het eind van de periode 3 keer per week verlengde instructie.",
       "inspirerend"},
      {"Bij de M6-toets scoort Sem op rekenen van niveau V naar niveau III.", "realistisch"},
      {"Bij de M6-toets scoort Sem op rekenen van niveau IV naar niveau III.", ""},
      {"Rekenen verbeteren.", "specifiek,meetbaar,tijdgebonden"},
  };
  for (const Case& c : cases) EXPECT_EQ(unmet(c.goal), c.unmet) << c.goal;
}

TEST(Smarti, HintsSayWhatToAdd) {
  EXPECT_EQ(hint("De leerlingen maken de toets goed.", SmartiCriterion::kMeasurable),
            "geen meetbaar criterium: noem een score, percentage of niveau (bijvoorbeeld '80 % goed', 'AVI E4', "
            "'niveau III')");
  EXPECT_NE(hint("De leerlingen maken de toets goed.", SmartiCriterion::kTimeBound).find("geen termijn binnen de periode"),
            std::string::npos);
  EXPECT_NE(hint("Daan wordt beter in rekenen.", SmartiCriterion::kSpecific).find("'beter' of 'meer'"),
            std::string::npos);
  EXPECT_EQ(hint("Bij de M6-toets scoort Sem op rekenen van niveau V naar niveau III.", SmartiCriterion::kRealistic),
            "van V naar III is een sprong van 2 niveaus in één periode; één niveau is realistischer");
  EXPECT_EQ(hint("Aan het eind van de periode lezen de leerlingen AVI E4.", SmartiCriterion::kMeasurable), "")
      << "a met criterion has no hint";
}

TEST(Smarti, ADateMustFallInsideThePeriod) {
  const GoalPeriod winter{{2026, 11, 1}, {2027, 1, 31}};
  EXPECT_EQ(unmet("Op 15-01 leest Noor 40 woorden per minuut op DMT-kaart 2.", winter), "");
  EXPECT_EQ(unmet("Op 15 januari leest Noor 40 woorden per minuut op DMT-kaart 2.", winter), "");
  EXPECT_EQ(unmet("Op 12-03-2027 leest Noor 40 woorden per minuut op DMT-kaart 2.", winter), "tijdgebonden");
  EXPECT_EQ(hint("Op 12-03-2027 leest Noor 40 woorden per minuut op DMT-kaart 2.", SmartiCriterion::kTimeBound, winter),
            "geen termijn binnen de periode: 12-3 valt buiten de periode (01-11-2026 tot en met 31-01-2027)");
  EXPECT_EQ(unmet("Op 12-03-2027 leest Noor 40 woorden per minuut op DMT-kaart 2."), "")
      << "without a period any date is a term";
}

TEST(Smarti, MakingAGoalMeasurableClearsItsHint) {
  std::string goal = "Aan het eind van de periode lezen de leerlingen van de intensieve groep beter";
  EXPECT_EQ(unmet(goal), "specifiek,meetbaar");
  goal += " op AVI E4-niveau met 95 % nauwkeurigheid";
  EXPECT_EQ(unmet(goal), "");
}

}  // namespace
}  // namespace koers::domain
