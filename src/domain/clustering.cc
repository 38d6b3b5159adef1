#include "domain/clustering.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "domain/test_scale.h"

namespace koers::domain {

namespace {

// ASCII case folding without copies, as std::tolower folds in the C locale: test_counts_for runs
// for every result of every pupil of a plan page (10 % of the groepsplan with lowered copies).
char folded(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return folded(x) == folded(y); });
}
// `word` in lower case.
bool contains_ignoring_case(std::string_view text, std::string_view word) {
  return std::search(text.begin(), text.end(), word.begin(), word.end(),
                     [](char x, char y) { return folded(x) == y; }) != text.end() ||
         word.empty();
}

// The words that mark a test as one of a subject; a test name containing any of them counts.
const std::vector<std::string>& markers(const std::string& subject) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> all = {
      {"technisch lezen", {"technisch lezen", "dmt", "drie-minuten", "drieminuten", "avi", "klepel", "leestempo"}},
      {"begrijpend lezen", {"begrijpend lezen", "lezen met begrip", "begrijpend"}},
      {"spelling", {"spelling", "taalverzorging", "dictee"}},
      {"rekenen-wiskunde", {"rekenen", "wiskunde", "getal"}},
      {"beginnende geletterdheid", {"beginnende geletterdheid", "taal voor kleuters", "geletterdheid"}},
      {"beginnende gecijferdheid", {"beginnende gecijferdheid", "rekenen voor kleuters", "gecijferdheid"}},
  };
  static const std::vector<std::string> none;
  for (const auto& [name, words] : all)
    if (same_ignoring_case(name, subject)) return words;
  return none;
}

bool is_concern(SignalRule rule) {
  switch (rule) {
    case SignalRule::kLevelLow:
    case SignalRule::kRepeatedLowLevel:
    case SignalRule::kGrowthBelowExpected:
    case SignalRule::kLearningYieldLow:
    case SignalRule::kMonthsBehind:
    case SignalRule::kMethodTestBelowMastery:
      return true;
    case SignalRule::kLevelDrop:
    case SignalRule::kTopLevel:
      return false;
  }
  return false;
}

int order(Approach a) { return a == Approach::kIntensive ? 0 : a == Approach::kBasic ? 1 : 2; }

// Whether a test counts for one subject, worked out once per test name: a group's pupils
// share a dozen test names over hundreds of results.
class CountsFor {
 public:
  explicit CountsFor(const std::string& subject) : subject_(subject) {}
  bool operator()(const std::string& test_name) {
    for (const auto& [name, counts] : known_)
      if (name == test_name) return counts;
    const bool counts = test_counts_for(subject_, test_name);
    known_.emplace_back(test_name, counts);
    return counts;
  }

 private:
  const std::string& subject_;
  std::vector<std::pair<std::string, bool>> known_;
};

ClusterPlacement place(const OverviewLine& line, const std::string& subject, double mastery, CountsFor& counts_for) {
  ClusterPlacement p;
  p.pupil_id = line.pupil_id;
  p.name = line.name;
  for (const PupilApproach& a : line.approaches)
    if (a.subject == subject) p.current = a.approach;

  std::optional<StandardisedResult> latest;
  for (const StandardisedResult& r : line.results)
    if (counts_for(r.subject) && r.level) latest = r;
  std::vector<const MethodTest*> below;
  bool any_method = false;
  std::set<std::string> methods_seen;
  for (const MethodTest& t : line.method_tests)  // newest first: each method's latest block
    if (counts_for(t.subject) && methods_seen.insert(t.subject).second) {
      any_method = true;
      if (t.percentage() < mastery) below.push_back(&t);
    }
  // Only what the latest results say: each test's latest moment, each method's latest block.
  std::vector<std::string> concerns, drops;
  for (const Signal& s : line.signals) {
    if (!counts_for(s.subject) || !s.current) continue;
    if (is_concern(s.rule)) concerns.push_back(s.evidence);
    else if (s.rule == SignalRule::kLevelDrop) drops.push_back(s.evidence);
  }
  const std::string level_text =
      latest ? fmt::format("{}: niveau {} in {}", latest->subject, latest->level->label(), latest->moment.label()) : "";
  const int rank = latest ? latest->level->rank : 0;

  if (!latest && !any_method && concerns.empty()) {
    p.proposed = p.current.value_or(Approach::kBasic);
    p.reasons.push_back(p.current ? fmt::format("nog geen toetsgegevens voor {}; de huidige aanpak ({}) blijft", subject,
                                                approach_label(*p.current))
                                  : fmt::format("nog geen toetsgegevens voor {}", subject));
  } else if (rank >= 5 || !concerns.empty() || (!drops.empty() && rank >= 3)) {
    p.proposed = Approach::kIntensive;
    if (rank >= 5 && std::none_of(concerns.begin(), concerns.end(),
                                  [&](const std::string& c) { return c.find(level_text) != std::string::npos; }))
      p.reasons.push_back(level_text);
    for (const auto& c : concerns) p.reasons.push_back(c);
    for (const auto& d : drops) p.reasons.push_back(d);
  } else if (rank == 1 && below.empty()) {
    p.proposed = Approach::kDeepened;
    p.reasons.push_back(level_text);
    if (any_method) p.reasons.push_back("methodetoetsen op of boven de beheersnorm");
  } else {
    p.proposed = Approach::kBasic;
    if (!level_text.empty()) p.reasons.push_back(level_text);
    if (rank == 1 && !below.empty())
      p.reasons.push_back(fmt::format("methodetoets {} {} onder de beheersnorm ({} %)", below.front()->subject,
                                      below.front()->block, dutch_decimal(std::round(below.front()->percentage()))));
    for (const auto& d : drops) p.reasons.push_back("let op: " + d);
    if (p.reasons.empty()) p.reasons.push_back("methodetoetsen op of boven de beheersnorm");
  }
  for (const OverviewEntry& e : line.entries)
    if (e.kind == EntryKind::kSubjectNeed && e.topic == subject) p.reasons.push_back(need_sentence(e.text));
  return p;
}

}  // namespace

bool test_counts_for(const std::string& subject, const std::string& test_name) {
  if (same_ignoring_case(test_name, subject)) return true;
  for (const std::string& word : markers(subject))
    if (contains_ignoring_case(test_name, word)) {
      // "Rekenen voor kleuters" is gecijferdheid, not Rekenen-Wiskunde.
      if (same_ignoring_case(subject, "rekenen-wiskunde") && contains_ignoring_case(test_name, "kleuter")) return false;
      return true;
    }
  return false;
}

int ClusterProposal::count(Approach a) const {
  return static_cast<int>(std::count_if(placements.begin(), placements.end(),
                                        [&](const ClusterPlacement& p) { return p.proposed == a; }));
}

ClusterProposal propose_clusters(const GroupOverview& overview, const std::string& subject, double mastery_percentage) {
  ClusterProposal out;
  out.subject = subject;
  CountsFor counts_for(subject);
  for (const OverviewLine& line : overview.lines)
    out.placements.push_back(place(line, subject, mastery_percentage, counts_for));
  std::stable_sort(out.placements.begin(), out.placements.end(), [](const ClusterPlacement& a, const ClusterPlacement& b) {
    if (order(a.proposed) != order(b.proposed)) return order(a.proposed) < order(b.proposed);
    return a.name < b.name;
  });
  return out;
}

}  // namespace koers::domain
