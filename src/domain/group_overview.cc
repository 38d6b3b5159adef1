#include "domain/group_overview.h"

#include <algorithm>
#include <cctype>

namespace koers::domain {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n.");
  return b == std::string::npos || e < b ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string approach_key(Approach a) {
  switch (a) {
    case Approach::kIntensive: return "intensief";
    case Approach::kBasic: return "basis";
    case Approach::kDeepened: return "verdiept";
  }
  return "basis";
}
std::string approach_label(Approach a) { return approach_key(a); }
std::optional<Approach> parse_approach(const std::string& key) {
  for (Approach a : {Approach::kIntensive, Approach::kBasic, Approach::kDeepened})
    if (approach_key(a) == key) return a;
  return std::nullopt;
}

const std::vector<InformationSource>& all_sources() {
  static const std::vector<InformationSource> all = {
      InformationSource::kTest, InformationSource::kObservation, InformationSource::kTalkWithPupil,
      InformationSource::kTalkWithParents, InformationSource::kHandover, InformationSource::kResearch};
  return all;
}
std::string source_key(InformationSource s) {
  switch (s) {
    case InformationSource::kTest: return "toets";
    case InformationSource::kObservation: return "observatie";
    case InformationSource::kTalkWithPupil: return "gesprek-leerling";
    case InformationSource::kTalkWithParents: return "gesprek-ouders";
    case InformationSource::kHandover: return "overdracht";
    case InformationSource::kResearch: return "onderzoek";
  }
  return "observatie";
}
std::string source_label(InformationSource s) {
  switch (s) {
    case InformationSource::kTest: return "toets";
    case InformationSource::kObservation: return "observatie";
    case InformationSource::kTalkWithPupil: return "gesprek met leerling";
    case InformationSource::kTalkWithParents: return "gesprek met ouders";
    case InformationSource::kHandover: return "overdracht";
    case InformationSource::kResearch: return "onderzoek";
  }
  return "observatie";
}
std::optional<InformationSource> parse_source(const std::string& key) {
  for (InformationSource s : all_sources())
    if (source_key(s) == key) return s;
  return std::nullopt;
}

std::string entry_kind_key(EntryKind k) {
  switch (k) {
    case EntryKind::kProtective: return "beschermend";
    case EntryKind::kHindering: return "belemmerend";
    case EntryKind::kGeneralNeed: return "matchen";
    case EntryKind::kSubjectNeed: return "stretchen";
  }
  return "beschermend";
}
std::string entry_kind_label(EntryKind k) {
  switch (k) {
    case EntryKind::kProtective: return "beschermende factor";
    case EntryKind::kHindering: return "belemmerende factor";
    case EntryKind::kGeneralNeed: return "onderwijsbehoefte (algemeen)";
    case EntryKind::kSubjectNeed: return "onderwijsbehoefte (vakgebied)";
  }
  return "";
}
std::optional<EntryKind> parse_entry_kind(const std::string& key) {
  for (EntryKind k : {EntryKind::kProtective, EntryKind::kHindering, EntryKind::kGeneralNeed, EntryKind::kSubjectNeed})
    if (entry_kind_key(k) == key) return k;
  return std::nullopt;
}

const std::vector<std::string>& need_aspects() {
  static const std::vector<std::string> all = {"instructie", "opdrachten", "leeromgeving", "feedback",
                                               "groepsgenoten", "leerkracht", "ouders"};
  return all;
}
bool is_need_aspect(const std::string& key) {
  const auto& all = need_aspects();
  return std::find(all.begin(), all.end(), key) != all.end();
}

std::vector<std::string> overview_subjects(const std::vector<std::string>& year_groups) {
  bool young = false, older = false;
  for (const auto& y : year_groups) {
    int n = std::atoi(y.c_str());
    if (n == 1 || n == 2) young = true;
    else older = true;  // 3–8, or a year group Koers cannot read: show the full set
  }
  if (year_groups.empty()) older = true;
  std::vector<std::string> out;
  if (young) out = {"Beginnende geletterdheid", "Beginnende gecijferdheid"};
  if (older)
    for (const char* s : {"Technisch lezen", "Begrijpend lezen", "Spelling", "Rekenen-Wiskunde"}) out.push_back(s);
  return out;
}

const std::vector<std::string>& avi_levels() {
  static const std::vector<std::string> all = {"AVI-Start", "M3", "E3", "M4", "E4", "M5", "E5",
                                               "M6",        "E6", "M7", "E7", "AVI-Plus"};
  return all;
}

std::optional<std::string> parse_avi_level(const std::string& text) {
  std::string t = lower(trim(text));
  if (t.rfind("avi", 0) == 0) t = trim(t.substr(3));
  if (!t.empty() && (t[0] == '-' || t[0] == ' ')) t = trim(t.substr(1));
  if (t == "start" || t == "s") return "AVI-Start";
  if (t == "plus" || t == "+") return "AVI-Plus";
  for (const auto& l : avi_levels())
    if (lower(l) == t) return l;
  return std::nullopt;
}

std::string need_core(const std::string& text) {
  std::string t = trim(text);
  std::string l = lower(t);
  if (l.rfind("heeft ", 0) == 0) t = t.substr(6), l = l.substr(6);
  if (l.size() >= 5 && l.compare(l.size() - 5, 5, "nodig") == 0) t = t.substr(0, t.size() - 5);
  return trim(t);
}
std::string need_sentence(const std::string& core) { return "heeft " + need_core(core) + " nodig"; }

std::optional<std::string> validate_entry(const OverviewEntry& e, const std::vector<std::string>& subjects) {
  std::string text = e.kind == EntryKind::kGeneralNeed || e.kind == EntryKind::kSubjectNeed ? need_core(e.text) : trim(e.text);
  if (text.empty())
    return e.kind == EntryKind::kProtective || e.kind == EntryKind::kHindering
               ? "Omschrijving: beschrijf de factor."
               : "Onderwijsbehoefte: beschrijf wat het kind nodig heeft (\"heeft … nodig\").";
  if (text.size() > 1000) return "Omschrijving: hooguit 1000 tekens.";
  if (e.kind == EntryKind::kGeneralNeed && !is_need_aspect(e.topic))
    return "Aspect: kies instructie, opdrachten, leeromgeving, feedback, groepsgenoten, leerkracht of ouders.";
  if (e.kind == EntryKind::kSubjectNeed && std::find(subjects.begin(), subjects.end(), e.topic) == subjects.end())
    return "Vakgebied: kies een vakgebied van het groepsoverzicht.";
  return std::nullopt;
}

std::optional<std::string> validate_method_test(const MethodTest& t) {
  if (trim(t.subject).empty()) return "Vak: vul het vak van de methodetoets in.";
  if (trim(t.block).empty()) return "Blok: vul het blok of de toets in (bijvoorbeeld \"Blok 3\").";
  if (!(t.maximum > 0)) return "Maximum: moet groter zijn dan 0.";
  if (t.score < 0 || t.score > t.maximum) return "Score: moet tussen 0 en het maximum liggen.";
  return std::nullopt;
}

std::string trend_symbol(Trend t) {
  switch (t) {
    case Trend::kUp: return "↑";
    case Trend::kSame: return "→";
    case Trend::kDown: return "↓";
  }
  return "";
}
std::string trend_label(Trend t) {
  switch (t) {
    case Trend::kUp: return "vooruit";
    case Trend::kSame: return "gelijk";
    case Trend::kDown: return "achteruit";
  }
  return "";
}

std::optional<Trend> trend_of(const std::vector<StandardisedResult>& in_order) {
  if (in_order.size() < 2) return std::nullopt;
  const auto& a = in_order[in_order.size() - 2];
  const auto& b = in_order.back();
  if (a.level && b.level && a.level->rank != b.level->rank)
    return b.level->rank < a.level->rank ? Trend::kUp : Trend::kDown;
  if (a.level && b.level) return Trend::kSame;
  // Without levels on both, the ability score says whether the pupil grew at all.
  if (a.ability_score && b.ability_score) {
    if (*b.ability_score > *a.ability_score) return Trend::kUp;
    if (*b.ability_score < *a.ability_score) return Trend::kDown;
    return Trend::kSame;
  }
  return std::nullopt;
}

std::vector<StandardisedResult> latest_per_subject(const std::vector<StandardisedResult>& in_order,
                                                   const std::string& subject, int moments) {
  std::vector<StandardisedResult> out;
  for (const auto& r : in_order)
    if (r.subject == subject) out.push_back(r);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.moment < b.moment; });
  if (static_cast<int>(out.size()) > moments) out.erase(out.begin(), out.end() - moments);
  return out;
}

std::vector<MethodTestResult> signal_input(const std::vector<MethodTest>& newest_first) {
  std::vector<MethodTestResult> out;
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it)
    out.push_back({it->subject, it->block, it->score, it->maximum});
  return out;
}

}  // namespace koers::domain
