#include "domain/growth_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "domain/clustering.h"
#include "domain/plan_carry_forward.h"

namespace koers::domain {

namespace {

constexpr int kResultsShown = 3;      // LVS moments per test, as the overview shows them
constexpr int kMethodTestsShown = 3;  // method tests per subject

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// A factor inside a sentence: no surrounding space, no closing full stop.
std::string as_item(const std::string& text) {
  std::string t = trim(text);
  while (!t.empty() && t.back() == '.') t.pop_back();
  return trim(t);
}

bool is_technical_reading(const std::string& subject) { return lower(subject) == "technisch lezen"; }

GrowthEntry entry_of(const OverviewEntry& e) {
  const bool need = e.kind == EntryKind::kGeneralNeed || e.kind == EntryKind::kSubjectNeed;
  GrowthEntry out;
  out.topic = need ? e.topic : "";
  out.text = need ? need_sentence(e.text) : trim(e.text);
  out.source = e.source;
  out.written_by = e.written_by;
  out.written_at = e.written_at;
  return out;
}

GrowthSubject subject_of(const OverviewLine& line, const std::string& subject) {
  GrowthSubject out;
  out.subject = subject;
  for (const PupilApproach& a : line.approaches)
    if (a.subject == subject) out.approach = a.approach;
  std::vector<std::string> tests;  // in order of their first result
  for (const StandardisedResult& r : line.results)
    if (test_counts_for(subject, r.subject) && std::find(tests.begin(), tests.end(), r.subject) == tests.end())
      tests.push_back(r.subject);
  for (const std::string& test : tests) {
    GrowthTestResults t;
    t.test = test;
    t.results = latest_per_subject(line.results, test, kResultsShown);
    t.trend = trend_of(t.results);
    if (t.trend) t.trend_text = trend_label(*t.trend);
    out.tests.push_back(std::move(t));
  }
  for (const MethodTest& t : line.method_tests)  // newest first
    if (test_counts_for(subject, t.subject) && static_cast<int>(out.method_tests.size()) < kMethodTestsShown)
      out.method_tests.push_back(t);
  if (is_technical_reading(subject)) out.reading_level = line.reading_level;
  return out;
}

std::vector<GrowthSignal> signals_of(const OverviewLine& line) {
  std::vector<GrowthSignal> out;
  for (const Signal& s : line.signals)
    if (s.current)
      out.push_back({s.rule, s.subject, s.block.empty() ? s.moment.label() : s.block, s.positive,
                     signal_rule_label(s.rule) + ": " + s.evidence});
  std::stable_partition(out.begin(), out.end(), [](const GrowthSignal& s) { return !s.positive; });
  return out;
}

const SubgroupPlan* subgroup_of(const SubjectPlan& s, Id pupil) {
  for (const SubgroupPlan& g : s.subgroups)
    if (std::find(g.pupils.begin(), g.pupils.end(), pupil) != g.pupils.end()) return &g;
  return nullptr;
}

const SubjectPlan* find_subject(const GroupPlan& plan, const std::string& subject) {
  for (const SubjectPlan& s : plan.subjects)
    if (s.subject == subject) return &s;
  return nullptr;
}

GrowthGoal goal_of(const PlanGoal& g, Id pupil) {
  GrowthGoal out;
  out.kind = g.kind;
  out.text = g.text;
  out.verdict = g.verdict;
  out.stimulating = g.stimulating;
  out.hindering = g.hindering;
  for (const PupilEvaluation& e : g.pupils)
    if (e.pupil_id == pupil) {
      out.verdict = e.verdict;
      out.for_pupil = true;
      out.proposed = !e.confirmed;
      out.evidence = e.evidence;
    }
  out.verdict_text = evaluation_label(out.verdict);
  return out;
}

GrowthPlan plan_of(const GroupPlan& plan, const std::string& period_name, const GroupPlan* before, Id pupil) {
  GrowthPlan out;
  out.period_id = plan.period_id;
  out.period_name = period_name;
  out.evaluation_closed = plan.evaluation_closed;
  for (const SubjectPlan& s : plan.subjects) {
    GrowthPlanSubject ps;
    ps.subject = s.subject;
    if (const SubgroupPlan* g = subgroup_of(s, pupil)) {
      ps.subgroup = g->approach;
      for (const PlanGoal& goal : g->goals) ps.goals.push_back(goal_of(goal, pupil));
    }
    for (const IndividualLine& l : s.individual)
      if (l.pupil_id == pupil) ps.individual_line = l.text;
    if (!ps.subgroup && ps.individual_line.empty()) continue;
    if (const SubjectPlan* earlier = before ? find_subject(*before, s.subject) : nullptr)
      if (const SubgroupPlan* was = subgroup_of(*earlier, pupil); was && ps.subgroup && was->approach != *ps.subgroup)
        ps.moved_from = was->approach;
    out.subjects.push_back(std::move(ps));
  }
  return out;
}

// ---- the summary ----------------------------------------------------------------------

std::string first_lower(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// "Rekenen-Wiskunde (niveau IV in M6, aanpak intensief)", or nothing to say about the subject.
struct SubjectJudgement {
  bool difficult = false, going_well = false;
  std::string item;
};

SubjectJudgement judge(const OverviewLine& line, const std::string& subject) {
  const StandardisedResult* latest = nullptr;  // the latest level; at one moment the one given last
  for (const StandardisedResult& r : line.results)
    if (test_counts_for(subject, r.subject) && r.level && (!latest || r.moment.position() >= latest->moment.position()))
      latest = &r;
  auto counts = [&](const Signal& s) { return test_counts_for(subject, s.subject) && s.current; };
  std::optional<Approach> approach;
  for (const PupilApproach& a : line.approaches)
    if (a.subject == subject) approach = a.approach;

  const int rank = latest ? latest->level->rank : 0;
  std::vector<std::string> concerns;
  bool concern = false, drop = false;
  for (const Signal& s : line.signals) {
    if (s.positive || !counts(s)) continue;
    if (s.rule == SignalRule::kLevelDrop) {
      drop = drop || rank >= 3;
      continue;
    }
    concern = true;
    std::string label = first_lower(signal_rule_label(s.rule));
    if (s.rule != SignalRule::kLevelLow && std::find(concerns.begin(), concerns.end(), label) == concerns.end())
      concerns.push_back(label);
  }

  SubjectJudgement j;
  j.difficult = rank >= 4 || concern || drop || approach == Approach::kIntensive;
  j.going_well = !j.difficult && ((rank >= 1 && rank <= 3) || approach == Approach::kDeepened);
  if (!j.difficult && !j.going_well) return j;
  std::vector<std::string> reasons;
  if (latest) reasons.push_back(fmt::format("niveau {} in {}", latest->level->label(), latest->moment.label()));
  if (j.difficult) {
    reasons.insert(reasons.end(), concerns.begin(), concerns.end());
    if (drop) reasons.push_back(first_lower(signal_rule_label(SignalRule::kLevelDrop)));
    if (approach == Approach::kIntensive) reasons.push_back("aanpak intensief");
  } else if (approach == Approach::kDeepened) {
    reasons.push_back("aanpak verdiept");
  }
  j.item = subject;
  if (!reasons.empty()) j.item += " (" + fmt::format("{}", fmt::join(reasons, ", ")) + ")";
  return j;
}

std::string summary_of(const OverviewLine& line, const std::vector<std::string>& subjects) {
  std::vector<std::string> well, difficult;
  for (const std::string& subject : subjects) {
    SubjectJudgement j = judge(line, subject);
    if (j.difficult) difficult.push_back(j.item);
    else if (j.going_well) well.push_back(j.item);
  }
  for (const OverviewEntry& e : line.entries) {
    if (e.kind != EntryKind::kProtective && e.kind != EntryKind::kHindering) continue;
    std::string item = as_item(e.text);
    if (item.empty()) continue;
    (e.kind == EntryKind::kProtective ? well : difficult).push_back(item);
  }
  std::vector<std::string> sentences;
  if (!well.empty()) sentences.push_back(fmt::format("Wat gaat goed: {}.", fmt::join(well, "; ")));
  if (!difficult.empty()) sentences.push_back(fmt::format("Wat gaat moeilijk: {}.", fmt::join(difficult, "; ")));
  if (sentences.empty()) return "Koers heeft nog geen resultaten, aanpak of factoren van deze leerling.";
  return fmt::format("{}", fmt::join(sentences, " "));
}

}  // namespace

const std::vector<GrowthStep>& growth_steps() {
  static const std::vector<GrowthStep> all = {
      {1, "goed-en-moeilijk", "Wat gaat goed en wat gaat moeilijk?"},
      {2, "inzicht", "Inzicht: hoe zou het kunnen dat de situatie nu zo is?"},
      {3, "genoeg-weten", "Weten we al genoeg om de vragen te beantwoorden?"},
      {4, "uitzicht", "Uitzicht: wat betekent de analyse voor de aanpak?"},
      {5, "ondersteuning-leerkracht", "Wat zijn de ondersteuningsbehoeften van de leerkracht?"},
      {6, "afspraken", "Afspraken en planning."},
  };
  return all;
}

std::vector<std::string> registration_problems(const RegistrationForm& form) {
  const std::string question = trim(form.help_question);
  if (question.empty())
    return {"Hulpvraag: vul de hulpvraag in: wat wil je na de bespreking weten of kunnen?"};
  if (question.find('?') == std::string::npos)
    return {"Hulpvraag: formuleer de hulpvraag als vraag (er staat geen vraagteken in), bijvoorbeeld "
            "\"Hoe kan ik haar helpen om de tafels te automatiseren?\""};
  return {};
}

bool registration_complete(const RegistrationForm& form) { return !trim(form.help_question).empty(); }

const std::vector<PupilDiscussionOutcome>& all_outcomes() {
  static const std::vector<PupilDiscussionOutcome> all = {
      PupilDiscussionOutcome::kNone, PupilDiscussionOutcome::kAdjustApproach, PupilDiscussionOutcome::kStartIhp,
      PupilDiscussionOutcome::kCareTeam, PupilDiscussionOutcome::kFollowUp, PupilDiscussionOutcome::kNothingFurther};
  return all;
}

std::string outcome_key(PupilDiscussionOutcome o) {
  switch (o) {
    case PupilDiscussionOutcome::kNone: return "nog-niet-besloten";
    case PupilDiscussionOutcome::kAdjustApproach: return "aanpak-aanpassen";
    case PupilDiscussionOutcome::kStartIhp: return "ihp-starten";
    case PupilDiscussionOutcome::kCareTeam: return "zorgteam";
    case PupilDiscussionOutcome::kFollowUp: return "vervolgbespreking";
    case PupilDiscussionOutcome::kNothingFurther: return "geen-vervolg";
  }
  return "nog-niet-besloten";
}

std::string outcome_label(PupilDiscussionOutcome o) {
  switch (o) {
    case PupilDiscussionOutcome::kNone: return "nog niet besloten";
    case PupilDiscussionOutcome::kAdjustApproach: return "aanpak in het groepsplan aanpassen";
    case PupilDiscussionOutcome::kStartIhp: return "een IHP starten";
    case PupilDiscussionOutcome::kCareTeam: return "aanmelden bij het zorgteam";
    case PupilDiscussionOutcome::kFollowUp: return "opnieuw bespreken in een vervolgbespreking";
    case PupilDiscussionOutcome::kNothingFurther: return "geen verdere stappen nodig";
  }
  return "nog niet besloten";
}

std::optional<PupilDiscussionOutcome> parse_outcome(const std::string& key) {
  for (PupilDiscussionOutcome o : all_outcomes())
    if (outcome_key(o) == key) return o;
  return std::nullopt;
}

GrowthDocumentFacts growth_document_facts(const OverviewLine& line, const std::vector<std::string>& subjects,
                                          const std::vector<const GroupPlan*>& plans,
                                          const std::vector<std::string>& plan_period_names,
                                          const std::vector<EarlierDiscussion>& earlier) {
  if (plans.size() != plan_period_names.size())
    throw std::invalid_argument("growth_document_facts: one period name per plan");
  if (std::find(plans.begin(), plans.end(), nullptr) != plans.end())
    throw std::invalid_argument("growth_document_facts: a plan is nullptr");

  GrowthDocumentFacts out;
  out.pupil_id = line.pupil_id;
  out.name = line.name;
  out.year_group = line.year_group;
  for (const OverviewEntry& e : line.entries) {
    switch (e.kind) {
      case EntryKind::kProtective: out.protective.push_back(entry_of(e)); break;
      case EntryKind::kHindering: out.hindering.push_back(entry_of(e)); break;
      case EntryKind::kGeneralNeed: out.general_needs.push_back(entry_of(e)); break;
      case EntryKind::kSubjectNeed: out.subject_needs.push_back(entry_of(e)); break;
    }
  }
  for (const std::string& subject : subjects) out.subjects.push_back(subject_of(line, subject));
  out.signals = signals_of(line);
  for (size_t i = 0; i < plans.size(); ++i)
    out.plans.push_back(plan_of(*plans[i], plan_period_names[i], i > 0 ? plans[i - 1] : nullptr, line.pupil_id));
  out.earlier = earlier;
  std::stable_sort(out.earlier.begin(), out.earlier.end(),
                   [](const EarlierDiscussion& a, const EarlierDiscussion& b) { return b.on < a.on; });
  out.summary = summary_of(line, subjects);
  return out;
}

}  // namespace koers::domain
