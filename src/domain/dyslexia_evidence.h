// The dyslexia evidence (Protocol Dyslexie Diagnostiek en Behandeling 3.0, ../shared/STANDARDS.md):
// a view of the pupil's record that says whether the school can show (1) severity — word reading
// (DMT) in the lowest 10 % (E or V−) at consecutive main measurements — and (2) persistence — the
// extra reading support at level 3 logged per week, and a word-reading measurement after it — and
// what is still missing, in Dutch for the IB and the care provider. Pure: no storage, no clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/ihp.h"
#include "domain/pupil_record.h"
#include "domain/school_calendar.h"
#include "domain/signalling.h"
#include "domain/test_moment.h"
#include "domain/test_scale.h"

namespace koers::domain {

// The school's thresholds; the defaults are PDDB 3.0. Regions with older wordings set others
// (protocol 2.0: about 20 weeks twice, so weeks 40–48).
struct DyslexiaThresholds {
  int measurements = 3;                 // consecutive main measurements (M/E) in the lowest 10 %
  int weeks_min = 20, weeks_max = 24;   // effective weeks of support (holiday weeks not counted)
  int minutes_per_week = 60;            // at least, per effective week
  int sessions_per_week = 3;            // at least, each of at least minutes_per_session
  int minutes_per_session = 20;
  bool operator==(const DyslexiaThresholds&) const = default;
};

// A refused setting: the field (as the API names it) and the reason in Dutch naming it.
struct ThresholdProblem {
  std::string field;  // "measurements", "weeks_min", "weeks_max", "minutes_per_week", …
  std::string message;
};
// Empty when the thresholds make sense: measurements 1–6, weeks 1–60 with min ≤ max, minutes
// per week 1–600, sessions per week 1–5, minutes per session 1–120, and the sessions fitting in
// a week's minutes (sessions × minutes per session ≤ 600).
std::vector<ThresholdProblem> threshold_problems(const DyslexiaThresholds& t);
// "3 opeenvolgende metingen in de laagste 10 %; 20–24 weken, minstens 60 minuten per week in 3 × 20 minuten"
std::string describe(const DyslexiaThresholds& t);

// Whether a test measures word reading: its name names the DMT ("DMT", "Technisch lezen (DMT)",
// "Drie-Minuten-Toets") or the Een-Minuut-Test. AVI (text reading) and Klepel (pseudowords) do not.
bool is_word_reading_test(const std::string& test_name);
// Whether a level lies in the lowest 10 %: E (A–E) or V− (I–V); plain V (lowest 20 %) does not.
bool lowest_tenth(const Level& level);
// Whether an IHP goal's area is reading support that counts (Technisch lezen).
bool is_reading_support_area(const std::string& area);

struct WordReadingMeasurement {
  std::string test;
  TestMoment moment;
  std::optional<Date> taken_on;
  std::optional<Level> level;
  bool lowest_tenth = false;
};

// One calendar week (Monday) of the support: the reading sessions logged as given in it.
enum class SupportWeekKind {
  kCounts,   // meets the norm: sessions_per_week sessions of minutes_per_session, minutes_per_week
  kShort,    // support given, below the norm: does not count (and is named)
  kHoliday,  // fewer school days than sessions_per_week (a holiday week): does not count, not held against
  kNone,     // a school week without any reading support: the support period ends before it
};
std::string support_week_label(SupportWeekKind k);  // "telt", "onder de norm", "vakantie", "geen begeleiding"
struct SupportWeek {
  Date monday;
  int school_days = 5;  // Monday–Friday without a holiday
  int sessions = 0;     // given sessions
  int long_sessions = 0;  // of them, at least minutes_per_session
  int minutes = 0;
  SupportWeekKind kind = SupportWeekKind::kNone;
};

struct DyslexiaEvidence {
  DyslexiaThresholds thresholds;
  // (1) Severity. Every word-reading result at a main moment, in career order (one per moment).
  std::vector<WordReadingMeasurement> measurements;
  std::vector<TestMoment> missing_moments;  // main moments between the first and the last without a result
  std::vector<WordReadingMeasurement> severity_run;  // the latest run of consecutive lowest-10 % measurements
  bool severity_met = false;                         // that run is at least `measurements` long
  // (2) Persistence. The weeks from the first to the last logged reading session (IHP goals
  // of Technisch lezen; group plans log no sessions), and the support period within them.
  std::vector<SupportWeek> weeks;
  int weeks_counted = 0;  // weeks of the period that count (at most weeks_max)
  int period_minutes = 0, period_sessions = 0;
  std::optional<Date> period_from, period_to;  // Monday of its first counted week, Friday of its last
  bool support_met = false;                    // weeks_counted ≥ weeks_min
  std::optional<Date> measure_after;           // a measurement after this day ends the period (support met)
  std::optional<WordReadingMeasurement> after_support;  // the first main measurement taken after it
  bool persistence_met = false;  // support met and the measurement after it still E/V−
  bool complete = false;         // severity and persistence
  // What is still missing or stands in the way, in Dutch ("Nog nodig: …"), severity first.
  std::vector<std::string> missing;
};

// The evidence from the pupil's standardised results (career order), IHPs in full (with
// their session logs) and the school's holidays.
// The support period is the first run of weeks (split by a week without support) whose counted
// weeks reach weeks_min, else the last run; the measurement after it is the first main
// word-reading measurement dated after the Friday of its weeks_min-th counted week.
DyslexiaEvidence dyslexia_evidence(const std::vector<StandardisedResult>& results, const std::vector<Ihp>& ihps,
                                   const std::vector<Holiday>& holidays, const DyslexiaThresholds& thresholds);
// The same, read from the record (results, ihp_plans, holidays).
DyslexiaEvidence dyslexia_evidence(const PupilRecord& record, const DyslexiaThresholds& thresholds);

}  // namespace koers::domain
