// The dyslexia evidence on hand-made DMT series and session logs: what a care provider needs
// to see (three consecutive E/V− main measurements; 20–24 effective weeks of 3 × 20 minutes a
// week; a measurement after), and what the IB reads as missing when a piece falls short.
#include "domain/dyslexia_evidence.h"

#include <gtest/gtest.h>

#include <functional>

namespace koers::domain {
namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

StandardisedResult dmt(const char* moment, const char* level, const char* taken, const char* test = "Technisch lezen (DMT)") {
  StandardisedResult r;
  r.subject = test;
  r.moment = *parse_test_moment(moment);
  if (*level) r.level = parse_level(level);
  if (*taken) r.taken_on = d(taken);
  return r;
}

// The usual series: E at M5 and E5, V− at M6 (taken after the support period).
std::vector<StandardisedResult> lowest_series() {
  return {dmt("M5", "E", "2026-01-26"), dmt("E5", "V-", "2026-06-15"), dmt("M6", "E", "2027-02-15")};
}

// An IHP with one Technisch lezen goal whose line plans ma/wo/vr 20 minutes, and a session
// logged as given on each planned school day of `weeks` weeks from Monday `from`, except the
// days `skip` names; holiday days are not logged (nothing happens in a holiday).
Ihp reading_ihp(const Date& from, int weeks, const std::vector<Holiday>& holidays = {},
                std::function<bool(const Date&)> skip = nullptr, const char* area = "Technisch lezen",
                int minutes = 20) {
  Ihp ihp;
  ihp.starts_on = from;
  ihp.ends_on = add_days(from, weeks * 7);
  IhpGoal goal;
  goal.number = 1;
  goal.area = area;
  goal.text = "Leest DMT-kaart 1 vlotter";
  ihp.goals.push_back(goal);
  OrganisationLine line;
  line.number = 1;
  line.goal = 1;
  line.days = {1, 3, 5};
  line.minutes = minutes;
  ihp.organisation.push_back(line);
  int logged_weeks = 0;
  for (Date monday = from; logged_weeks < weeks; monday = add_days(monday, 7)) {
    bool any_school_day = false;
    for (int day : line.days) {
      const Date on = add_days(monday, day - 1);
      if (holiday_on(holidays, on)) continue;
      any_school_day = true;
      if (skip && skip(on)) continue;
      ihp.sessions.push_back(SessionLog{1, on, true, minutes, "", "RT"});
    }
    if (any_school_day) ++logged_weeks;
  }
  return ihp;
}

const std::vector<Holiday> kHolidays = {{1, "Herfstvakantie", d("2026-10-19"), d("2026-10-23")},
                                        {2, "Kerstvakantie", d("2026-12-19"), d("2027-01-03")}};

struct Case {
  const char* name;
  std::vector<StandardisedResult> results;
  std::vector<Ihp> ihps;
  std::vector<Holiday> holidays;
  bool severity, support, persistence;
  int weeks_counted;
  std::vector<std::string> missing;  // each a piece of one line of `missing`, in order
};

class DyslexiaCases : public ::testing::TestWithParam<Case> {};

TEST_P(DyslexiaCases, CriteriaAndWhatIsMissing) {
  const Case& c = GetParam();
  const DyslexiaEvidence ev = dyslexia_evidence(c.results, c.ihps, c.holidays, DyslexiaThresholds{});
  EXPECT_EQ(ev.severity_met, c.severity);
  EXPECT_EQ(ev.support_met, c.support);
  EXPECT_EQ(ev.persistence_met, c.persistence);
  EXPECT_EQ(ev.complete, c.severity && c.persistence);
  EXPECT_EQ(ev.weeks_counted, c.weeks_counted);
  ASSERT_EQ(ev.missing.size(), c.missing.size()) << ::testing::PrintToString(ev.missing);
  for (size_t i = 0; i < c.missing.size(); ++i)
    EXPECT_NE(ev.missing[i].find(c.missing[i]), std::string::npos) << ev.missing[i] << "\n  wants: " << c.missing[i];
}

// Twenty weeks of ma/wo/vr from 7 September 2026 without holidays end on Friday 22 January 2027.
const Date kStart = d("2026-09-07");

INSTANTIATE_TEST_SUITE_P(
    Dyslexia, DyslexiaCases,
    ::testing::Values(
        Case{"just_enough", lowest_series(), {reading_ihp(kStart, 20)}, {}, true, true, true, 20, {}},
        Case{"one_week_short",
             lowest_series(),
             {reading_ihp(kStart, 19)},
             {},
             true,
             false,
             false,
             19,
             {"Nog nodig: 1 effectieve week begeleiding die aan de norm voldoet (minstens 60 minuten per week in "
              "minstens 3 sessies van 20 minuten); geteld: 19 van 20.",
              "Nog nodig: een DMT-meting na de begeleidingsperiode."}},
        Case{"one_measurement_not_lowest",
             {dmt("M5", "E", "2026-01-26"), dmt("E5", "D", "2026-06-15"), dmt("M6", "E", "2027-02-15")},
             {reading_ihp(kStart, 20)},
             {},
             false,
             true,
             true,
             20,
             {"Nog nodig: nog 2 DMT-metingen in de laagste 10 % (E of V−) bij E6 en M7."}},
        Case{"last_measurement_not_lowest_is_no_resistance",
             {dmt("M5", "E", "2026-01-26"), dmt("E5", "E", "2026-06-15"), dmt("M6", "E", "2026-12-01"),
              dmt("E6", "C", "2027-06-14")},
             {reading_ihp(kStart, 20)},
             {},
             true,
             true,
             false,
             20,
             {"De DMT-meting na de begeleiding (E6, 14-06-2027: niveau C) ligt niet meer in de laagste 10 %"}},
        Case{"a_measurement_missing",
             {dmt("M5", "E", "2026-01-26"), dmt("M6", "E", "2027-02-15")},
             {reading_ihp(kStart, 20)},
             {},
             false,
             true,
             true,
             20,
             {"Nog nodig: de DMT-uitslag van E5 (ontbreekt in Koers; voer die in als de toets is afgenomen)."}},
        Case{"no_measurement_after_the_period",
             {dmt("M5", "E", "2026-01-26"), dmt("E5", "E", "2026-06-15"), dmt("M6", "V-", "2027-01-20")},
             {reading_ihp(kStart, 20)},
             {},
             true,
             true,
             false,
             20,
             {"Nog nodig: een DMT-meting na de begeleidingsperiode (na 22-01-2027)."}},
        Case{"a_week_with_only_two_sessions",
             lowest_series(),
             {reading_ihp(kStart, 20, {}, [](const Date& on) { return on == d("2026-10-09"); })},
             {},
             true,
             false,
             false,
             19,
             {"geteld: 19 van 20. Onder de norm en niet geteld: de week van 05-10-2026 (2 sessies, 40 minuten).",
              "Nog nodig: een DMT-meting na de begeleidingsperiode."}},
        Case{"holidays_inside_the_period_do_not_count",
             lowest_series(),
             {reading_ihp(kStart, 20, kHolidays)},
             kHolidays,
             true,
             true,
             true,
             20,
             {}},
        Case{"a_week_without_support_ends_the_period",
             lowest_series(),
             {reading_ihp(kStart, 8), reading_ihp(d("2026-11-09"), 15)},
             {},
             true,
             false,
             false,
             15,
             {"Nog nodig: 5 effectieve weken", "Nog nodig: een DMT-meting na de begeleidingsperiode."}},
        Case{"sessions_of_other_goals_do_not_count",
             lowest_series(),
             {reading_ihp(kStart, 20, {}, nullptr, "Rekenen-Wiskunde")},
             {},
             true,
             false,
             false,
             0,
             {"Nog nodig: extra leesbegeleiding op niveau 3", "Nog nodig: een DMT-meting na de begeleidingsperiode."}},
        Case{"sessions_of_fifteen_minutes_do_not_count",
             lowest_series(),
             {reading_ihp(kStart, 20, {}, nullptr, "Technisch lezen", 15)},
             {},
             true,
             false,
             false,
             0,
             {"geteld: 0 van 20", "Nog nodig: een DMT-meting na de begeleidingsperiode."}},
        Case{"nothing_yet",
             {},
             {},
             {},
             false,
             false,
             false,
             0,
             {"Nog nodig: 3 opeenvolgende DMT-metingen", "Nog nodig: extra leesbegeleiding op niveau 3",
              "Nog nodig: een DMT-meting na de begeleidingsperiode."}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(DyslexiaEvidence, HolidayWeeksAreShownAndThePeriodSpansThem) {
  const DyslexiaEvidence ev = dyslexia_evidence(lowest_series(), {reading_ihp(kStart, 20, kHolidays)}, kHolidays, {});
  int holiday_weeks = 0;
  for (const SupportWeek& w : ev.weeks) holiday_weeks += w.kind == SupportWeekKind::kHoliday;
  EXPECT_EQ(holiday_weeks, 3) << "herfstvakantie and two weeks of kerstvakantie";
  EXPECT_EQ(ev.period_from, d("2026-09-07"));
  EXPECT_EQ(ev.period_to, d("2027-02-12")) << "20 counted weeks plus 3 holiday weeks";
  EXPECT_EQ(ev.period_sessions, 60);
  EXPECT_EQ(ev.period_minutes, 1200);
  ASSERT_TRUE(ev.after_support);
  EXPECT_EQ(ev.after_support->moment.label(), "M6");
}

TEST(DyslexiaEvidence, AMeasurementDuringThePeriodIsNotTheOneAfterIt) {
  // Twenty weeks end on 22-01-2027: M6 of 20-01 lies inside, E6 of 14-06 after it.
  auto results = lowest_series();
  results[2] = dmt("M6", "E", "2027-01-20");
  results.push_back(dmt("E6", "E", "2027-06-14"));
  const DyslexiaEvidence ev = dyslexia_evidence(results, {reading_ihp(kStart, 24)}, {}, {});
  ASSERT_TRUE(ev.after_support);
  EXPECT_EQ(ev.after_support->moment.label(), "E6");
  EXPECT_EQ(ev.weeks_counted, 24) << "the period is capped at weeks_max";
  EXPECT_TRUE(ev.complete);
}

TEST(DyslexiaEvidence, OlderWordingsAreASetting) {
  DyslexiaThresholds older;  // two measurements, 12 weeks
  older.measurements = 2;
  older.weeks_min = 12;
  older.weeks_max = 12;
  const auto results = std::vector{dmt("E5", "E", "2026-06-15"), dmt("M6", "E", "2026-12-07")};
  const DyslexiaEvidence ev = dyslexia_evidence(results, {reading_ihp(kStart, 12)}, {}, older);
  EXPECT_TRUE(ev.complete) << ::testing::PrintToString(ev.missing);
  EXPECT_FALSE(dyslexia_evidence(results, {reading_ihp(kStart, 12)}, {}, {}).complete) << "PDDB 3.0 wants more";
}

TEST(DyslexiaEvidence, WordReadingTestsAndTheLowestTenth) {
  EXPECT_TRUE(is_word_reading_test("DMT"));
  EXPECT_TRUE(is_word_reading_test("Technisch lezen (DMT)"));
  EXPECT_TRUE(is_word_reading_test("Drie-Minuten-Toets"));
  EXPECT_FALSE(is_word_reading_test("AVI"));
  EXPECT_FALSE(is_word_reading_test("Begrijpend lezen"));
  EXPECT_TRUE(lowest_tenth(*parse_level("E")));
  EXPECT_TRUE(lowest_tenth(*parse_level("V-")));
  EXPECT_FALSE(lowest_tenth(*parse_level("V"))) << "V is the lowest 20 %";
  EXPECT_FALSE(lowest_tenth(*parse_level("D")));
  // A B-moment is no main measurement; two tests at one moment count once.
  const DyslexiaEvidence ev = dyslexia_evidence(
      {dmt("M5", "E", ""), dmt("B6", "E", ""), dmt("E5", "E", "", "DMT"), dmt("E5", "E", ""), dmt("M6", "E", "")}, {}, {}, {});
  EXPECT_EQ(ev.measurements.size(), 3u);
  EXPECT_TRUE(ev.severity_met);
}

TEST(DyslexiaThresholds, NonsenseIsRefusedNamingTheField) {
  EXPECT_TRUE(threshold_problems({}).empty()) << "PDDB 3.0 is the default";
  DyslexiaThresholds t;
  t.weeks_min = 24;
  t.weeks_max = 20;
  auto p = threshold_problems(t);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].field, "weeks_max");
  EXPECT_EQ(p[0].message, "Weken maximaal (20) ligt onder weken minimaal (24).");
  t = {};
  t.sessions_per_week = 0;
  t.measurements = 9;
  p = threshold_problems(t);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].field, "measurements");
  EXPECT_EQ(p[1].field, "sessions_per_week");
  EXPECT_EQ(p[1].message, "Sessies per week: 1 tot en met 5 (niet 0).");
  EXPECT_EQ(describe(DyslexiaThresholds{}),
            "3 opeenvolgende metingen in de laagste 10 %; 20–24 weken, minstens 60 minuten per week in 3 × 20 minuten");
}

}  // namespace
}  // namespace koers::domain
