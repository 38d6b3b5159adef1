// The groepsoverzicht (HGW phase 1, step 1): per pupil of a group the approach per subject,
// method tests, standardised results with level and trend, reading level, protective and
// hindering factors, and educational needs, each entry with its source and author.
//
// Entries are history: valid from when they were written until they were ended. The
// overview of a period is what was valid at its end (`as_of`), so an earlier period stays
// readable as it was. Pure: no storage, no clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/group.h"
#include "domain/signalling.h"
#include "domain/test_moment.h"

namespace koers::domain {

// The approach (aanpak) a pupil follows for a subject: the three subgroups of the seeds.
enum class Approach { kIntensive, kBasic, kDeepened };
std::string approach_key(Approach a);    // "intensief", "basis", "verdiept"
std::string approach_label(Approach a);  // "intensief", "basis", "verdiept"
std::optional<Approach> parse_approach(const std::string& key);

// Where an entry comes from: the five sources of the seeds, and onderzoek (a recommendation of
// an HGD report taken over as a need, hgd.h).
enum class InformationSource { kTest, kObservation, kTalkWithPupil, kTalkWithParents, kHandover, kResearch };
std::string source_key(InformationSource s);    // "toets", "observatie", "gesprek-leerling", …
std::string source_label(InformationSource s);  // "toets", "observatie", "gesprek met leerling", …
std::optional<InformationSource> parse_source(const std::string& key);
const std::vector<InformationSource>& all_sources();

// What an entry is: a factor (+ or −) or an educational need, general or per subject.
enum class EntryKind { kProtective, kHindering, kGeneralNeed, kSubjectNeed };
std::string entry_kind_key(EntryKind k);    // "beschermend", "belemmerend", "matchen", "stretchen"
std::string entry_kind_label(EntryKind k);  // "beschermende factor", …
std::optional<EntryKind> parse_entry_kind(const std::string& key);

// The seven aspects along which general needs ("matchen") are phrased.
const std::vector<std::string>& need_aspects();  // instructie, opdrachten, leeromgeving, …
bool is_need_aspect(const std::string& key);

// The subjects the overview and the group plan work with, for the year groups of a group:
// beginnende geletterdheid / gecijferdheid for groups 1–2, else technisch lezen, begrijpend
// lezen, spelling and rekenen-wiskunde (a combination 2/3 group gets both sets).
std::vector<std::string> overview_subjects(const std::vector<std::string>& year_groups);

// AVI reading levels in order: AVI-Start, M3, E3 … E7, AVI-Plus.
const std::vector<std::string>& avi_levels();
std::optional<std::string> parse_avi_level(const std::string& text);  // "m4", "AVI M4", "plus" …

// A need as the sentence the team writes: "heeft … nodig". Whatever the teacher typed
// ("korte instructie", "heeft korte instructie nodig", "Heeft … nodig.") becomes the middle.
std::string need_core(const std::string& text);
std::string need_sentence(const std::string& core);

struct OverviewEntry {
  Id id = 0;
  Id pupil_id = 0;
  EntryKind kind = EntryKind::kProtective;
  std::string topic;  // aspect key for a general need, subject for a subject need
  std::string text;   // for needs: the core, shown as need_sentence(text)
  InformationSource source = InformationSource::kObservation;
  std::string written_by;
  Id written_by_account = 0;
  std::string written_at;  // UTC ISO 8601
};

// Checks an entry before it is stored; the error names the field in Dutch.
std::optional<std::string> validate_entry(const OverviewEntry& e, const std::vector<std::string>& subjects);

struct PupilApproach {
  std::string subject;
  Approach approach = Approach::kBasic;
  std::string set_by;
  std::string set_at;
};

struct MethodTest {
  Id id = 0;
  Id pupil_id = 0;
  std::string subject;
  std::string block;  // "Blok 3"
  double score = 0;
  double maximum = 0;
  Date taken_on;
  std::string entered_by;
  double percentage() const { return maximum > 0 ? score * 100.0 / maximum : 0; }
};

// Method tests as stored (newest first) in the order signalling reads them: oldest first.
std::vector<MethodTestResult> signal_input(const std::vector<MethodTest>& newest_first);
std::optional<std::string> validate_method_test(const MethodTest& t);

struct ReadingLevel {
  TestMoment moment;
  std::string avi_level;  // one of avi_levels()
  Date taken_on;
  std::string entered_by;
};

// Up or down between the last two results of a subject: by level rank first, else by
// ability score; nullopt with fewer than two results.
enum class Trend { kUp, kSame, kDown };
std::string trend_symbol(Trend t);  // "↑", "→", "↓"
std::string trend_label(Trend t);   // "vooruit", "gelijk", "achteruit"
std::optional<Trend> trend_of(const std::vector<StandardisedResult>& results_of_subject_in_order);

// One pupil's line of the overview.
struct OverviewLine {
  Id pupil_id = 0;
  std::string name;
  std::string pupil_number;  // leerlingnummer: the administration's key (EDEXML)
  std::string year_group;
  std::vector<PupilApproach> approaches;        // latest per subject as of the period's end
  std::vector<MethodTest> method_tests;         // taken by then, newest first
  std::vector<StandardisedResult> results;      // taken by then, in order
  std::optional<ReadingLevel> reading_level;    // latest by then
  std::vector<OverviewEntry> entries;           // valid at the period's end
  std::vector<Signal> signals;                  // of the results and method tests by then
};

struct GroupOverview {
  Group group;
  std::string period_name;   // "Periode 1 (1 aug – 31 jan)" or "nu"
  std::string as_of;         // entries written before this instant count (ISO date or time)
  bool editable = false;     // the current period, for the teacher who owns the group
  std::vector<std::string> subjects;
  std::vector<OverviewLine> lines;
};

// The latest results per subject, at most `moments` of them, oldest first: what the
// overview shows of a pupil's standardised results.
std::vector<StandardisedResult> latest_per_subject(const std::vector<StandardisedResult>& in_order,
                                                   const std::string& subject, int moments);

}  // namespace koers::domain
