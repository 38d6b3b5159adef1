#include "domain/smarti.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include "domain/test_scale.h"
#include "domain/text_pattern.h"

namespace koers::domain {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool has(const std::string& text, const TextPattern& pattern) { return pattern.found_in(text); }

// Patterns that ignore case are written in lower case and matched against the lowered goal.

// Who the goal is for: a pupil, the group or a subgroup, or a name.
bool names_whom(const std::string& goal) {
  static const TextPattern who(
      R"(\b(leerling(en)?|kind(eren)?|(sub)?groep(je)?|intensieve|verdiepte|basisgroep|hij|zij|ze|jongens|meisjes)\b)");
  static const TextPattern name(R"([a-z,.;:]\s+[A-Z][a-z]+)");  // a capitalised word inside a sentence
  // A goal often starts with the pupil's name ("Daan leest …"), unless it starts with a common word.
  static const TextPattern first_name(
      R"(^\s*(?!(Aan|In|De|Het|Een|Bij|Na|Voor|Op|Met|Eind|Einde|Binnen|Over|Tot|Vanaf|Als|Dit|Deze|Wij|We|Ik)\b)[A-Z][a-z]+\b)");
  return has(lower(goal), who) || has(goal, name) || has(goal, first_name);
}

// Words: runs of letters (any byte of a UTF-8 letter counts as one).
size_t word_count(const std::string& text) {
  size_t n = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool letter = std::isalpha(c) || c >= 0x80;
    n += letter && !in_word;
    in_word = letter;
  }
  return n;
}

// A criterion one can observe: a percentage, a score, "8 van de 10", a level, an AVI level, a time.
bool measurable(const std::string& goal) {
  static const TextPattern levels[] = {
      TextPattern(R"(\bniveau\s+(I{1,3}|IV|V|[A-E])\b)"),
      TextPattern(R"(\b(I{1,3}|IV|V)-?(niveau|score)\b)"),
  };
  static const TextPattern patterns[] = {
      TextPattern(R"(\d+([,.]\d+)?\s*(%|procent))"),
      TextPattern(R"(\b\d+\s+(van de|uit|op de)\s+\d+\b)"),
      TextPattern(R"(\bavi[- ]?(start|plus|[mebd]\s?[1-8])\b)"),
      TextPattern(R"(\b(vaardigheids)?score\s+(van\s+)?(minstens\s+|ten minste\s+)?\d+)"),
      TextPattern(R"(\b\d+\s+(woorden|sommen|fouten|opgaven|opdrachten|zinnen|letters|klanken|tafels|minuten|seconden|keer|punten)\b)"),
      TextPattern(R"(\bbinnen\s+\d+\s+(minuten|seconden)\b)"),
      TextPattern(R"(\b(foutloos|zonder fouten)\b)"),
      TextPattern(R"(\b(minstens|ten minste|maximaal|hoogstens)\s+\d+)"),
  };
  const std::string lowered = lower(goal);
  return std::any_of(std::begin(levels), std::end(levels), [&](const TextPattern& p) { return has(goal, p); }) ||
         std::any_of(std::begin(patterns), std::end(patterns), [&](const TextPattern& p) { return has(lowered, p); });
}

// Words that say "more" without saying what: fine next to a measure, vague without one.
bool vague(const std::string& goal) {
  static const TextPattern words(R"(\b(beter|verbeter(en|t)|vooruit(gaan|gang)|ontwikkel(en|t)|meer|werken aan|oefen(en|t))\b)");
  return has(lower(goal), words);
}

const char* kMonths[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                         "september", "oktober", "november", "december"};

// The dates the goal names ("12-03", "12-03-2027", "12 maart"), with the year when it says one.
std::vector<std::pair<int, int>> named_days(const std::string& goal, std::vector<int>& years) {
  std::vector<std::pair<int, int>> out;  // (day, month)
  static const TextPattern numeric(R"(\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?\b)");
  for (const TextMatch& m : numeric.all(goal)) {
    out.push_back({std::stoi(m.str(1)), std::stoi(m.str(2))});
    years.push_back(m.matched(3) ? std::stoi(m.str(3)) % 100 + 2000 : 0);
  }
  const std::string text = lower(goal);
  static const std::vector<TextPattern> written_months = [] {
    std::vector<TextPattern> out;
    for (const char* month : kMonths) out.emplace_back(fmt::format(R"(\b(\d{{1,2}})\s+{}(?:\s+(\d{{4}}))?\b)", month));
    return out;
  }();
  for (int m = 0; m < 12; ++m) {
    for (const TextMatch& found : written_months[m].all(text)) {
      out.push_back({std::stoi(found.str(1)), m + 1});
      years.push_back(found.matched(2) ? std::stoi(found.str(2)) : 0);
    }
  }
  return out;
}

// A term: a date, the end of the period or a block, a holiday, a week, a number of weeks, a test moment.
bool names_term(const std::string& goal) {
  static const TextPattern patterns[] = {
      TextPattern(R"(\b(eind(e)?|na afloop|afsluiting)\s+(van\s+)?(de\s+|het\s+|dit\s+)?(periode|blok|schooljaar|half\s?jaar|thema|maand|week|les))"),
      TextPattern(R"(\b(voor|na|tot)\s+de\s+\w*vakantie\b)"),
      TextPattern(R"(\b(in|voor|na)\s+week\s+\d+)"),
      TextPattern(R"(\b(binnen|na|over|in)\s+\d+\s+(weken|week|maanden|dagen)\b)"),
      TextPattern(R"(\b(bij|op|voor)\s+(de\s+)?(cito|toets|lvs|iep|midden|eind)?[- ]?(toets)?[- ]?[mbe][1-8]\b)"),
      TextPattern(R"(\b(in|voor|eind|einde|half|medio|begin)\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b)"),
  };
  const std::string lowered = lower(goal);
  return std::any_of(std::begin(patterns), std::end(patterns), [&](const TextPattern& p) { return has(lowered, p); });
}

SmartiFinding finding(SmartiCriterion c, bool met, std::string hint) { return {c, met, met ? "" : std::move(hint)}; }

}  // namespace

std::string smarti_key(SmartiCriterion c) {
  switch (c) {
    case SmartiCriterion::kSpecific: return "specifiek";
    case SmartiCriterion::kMeasurable: return "meetbaar";
    case SmartiCriterion::kAcceptable: return "acceptabel";
    case SmartiCriterion::kRealistic: return "realistisch";
    case SmartiCriterion::kTimeBound: return "tijdgebonden";
    case SmartiCriterion::kInspiring: return "inspirerend";
  }
  return "";
}

std::string smarti_label(SmartiCriterion c) {
  std::string key = smarti_key(c);
  if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
  return key;
}

std::vector<SmartiFinding> check_smarti(const std::string& goal, const std::optional<GoalPeriod>& period) {
  using C = SmartiCriterion;
  std::vector<SmartiFinding> out;
  const size_t words = word_count(goal);
  const bool is_measurable = measurable(goal);

  // Specifiek: for whom, and what exactly they will do.
  if (!names_whom(goal))
    out.push_back(finding(C::kSpecific, false,
                          "niet specifiek: zeg voor wie het doel is (de leerling, de intensieve groep, …)"));
  else if (vague(goal) && !is_measurable)
    out.push_back(finding(C::kSpecific, false,
                          "niet specifiek: 'beter' of 'meer' zegt niet wat de leerling straks kan; noem de "
                          "vaardigheid (bijvoorbeeld 'leest woorden met -ng en -nk vlot')"));
  else if (words < 6)
    out.push_back(finding(C::kSpecific, false,
                          "niet specifiek: beschrijf wat de leerling precies gaat doen of kunnen"));
  else
    out.push_back(finding(C::kSpecific, true, ""));

  out.push_back(finding(C::kMeasurable, is_measurable,
                        "geen meetbaar criterium: noem een score, percentage of niveau (bijvoorbeeld '80 % goed', "
                        "'AVI E4', 'niveau III')"));

  static const TextPattern negative(R"(\b(niet meer|geen|stopt met|ophouden|mag niet|nooit meer)\b)");
  const std::string lowered = lower(goal);
  out.push_back(finding(C::kAcceptable, !has(lowered, negative),
                        "formuleer positief wat de leerling wél gaat doen, zodat leerling en ouders het doel "
                        "kunnen onderschrijven"));

  // Realistisch: no perfection, no jump of two levels or more in one period.
  static const TextPattern perfect(R"((\b100\s*(%|procent))|\b(altijd|nooit|foutloos|zonder fouten|alle\s+\w+\s+goed)\b)");
  static const TextPattern jump(R"(\bvan\s+(niveau\s+)?(I{1,3}|IV|V|[A-E])\s+naar\s+(niveau\s+)?(I{1,3}|IV|V|[A-E])\b)");
  std::string realistic_hint;
  if (has(lowered, perfect)) {
    realistic_hint = "100 %, altijd of foutloos is in één periode zelden haalbaar; kies een stap die de leerling "
                     "kan zetten (bijvoorbeeld 80 %)";
  } else if (auto m = jump.first(goal)) {
    auto from = parse_level(m->str(2)), to = parse_level(m->str(4));
    if (from && to && from->rank - to->rank >= 2)
      realistic_hint = fmt::format("van {} naar {} is een sprong van {} niveaus in één periode; één niveau is "
                                   "realistischer",
                                   m->str(2), m->str(4), from->rank - to->rank);
  }
  out.push_back(finding(C::kRealistic, realistic_hint.empty(), realistic_hint));

  // Tijdgebonden: a term, and a named date inside the period.
  std::vector<int> years;
  const auto days = named_days(goal, years);
  std::string time_hint;
  if (days.empty() && !names_term(goal)) {
    time_hint = "geen termijn binnen de periode: noem een datum, een week of een toetsmoment (bijvoorbeeld 'aan het "
                "eind van de periode' of 'bij de M6-toets')";
  } else if (period) {
    for (size_t i = 0; i < days.size() && time_hint.empty(); ++i) {
      const auto [day, month] = days[i];
      bool inside = false;
      for (int year = period->starts_on.year; year <= period->ends_on.year; ++year) {
        if (years[i] && years[i] != year) continue;
        Date d{year, month, day};
        inside = inside || (d.valid() && period->starts_on <= d && d <= period->ends_on);
      }
      if (!inside)
        time_hint = fmt::format("geen termijn binnen de periode: {}-{} valt buiten de periode ({} tot en met {})",
                                day, month, period->starts_on.dutch(), period->ends_on.dutch());
    }
  }
  out.push_back(finding(C::kTimeBound, time_hint.empty(), time_hint));

  // Inspirerend: what the pupil will be able to do, not what the teacher will do.
  static const TextPattern teacher(
      R"(\b(de\s+)?(leerkracht|juf|meester|ib'?er|ik|wij|we)\s+(geeft|geef|geven|biedt|bied|bieden|zorgt|zorg|zorgen|laat|laten|herhaalt|herhaal)\b|\bkrijg(t|en)\s+(extra\s+|verlengde\s+)?(instructie|uitleg|hulp)\b)");
  out.push_back(finding(C::kInspiring, !has(lowered, teacher),
                        "beschrijf wat de leerling straks kan ('Daan leest …'), niet wat de leerkracht doet: dat "
                        "hoort bij aanbod en aanpak"));
  return out;
}

std::string smarti_passed_text() {
  return "SMARTI: specifiek, meetbaar en tijdgebonden in orde. Of het doel acceptabel, realistisch en "
         "inspirerend is, beoordeelt u zelf; Koers lette alleen op een positieve formulering, een haalbare stap "
         "en de leerling als onderwerp.";
}

}  // namespace koers::domain
