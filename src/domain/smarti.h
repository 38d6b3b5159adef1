// SMARTI: the six criteria a goal of a group plan or IHP is written to (seed 001 §3:
// specifiek, meetbaar, acceptabel, realistisch, tijdgebonden, inspirerend), checked on the
// text as it is typed. The check advises with a concrete hint per criterion that is not
// met; it never blocks a save. It reads Dutch as teachers write goals: "Aan het eind van
// blok 5 rekenen de leerlingen van de intensieve groep sommen tot 100 met 80 % goed."
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace koers::domain {

enum class SmartiCriterion { kSpecific, kMeasurable, kAcceptable, kRealistic, kTimeBound, kInspiring };
std::string smarti_key(SmartiCriterion c);    // "specifiek", "meetbaar", …
std::string smarti_label(SmartiCriterion c);  // "Specifiek", "Meetbaar", …

struct SmartiFinding {
  SmartiCriterion criterion;
  bool met = false;
  std::string hint;  // what is missing and how to add it; empty when met
};

// The period a goal belongs to: a date named in the goal must fall inside it.
struct GoalPeriod {
  Date starts_on, ends_on;
};

// All six findings, in SMARTI order.
std::vector<SmartiFinding> check_smarti(const std::string& goal, const std::optional<GoalPeriod>& period = {});

// What the teacher reads when no finding has a hint. Only S, M and T are judged from the text;
// for A, R and I the check only catches common slips, so it says those are the teacher's call.
std::string smarti_passed_text();

}  // namespace koers::domain
