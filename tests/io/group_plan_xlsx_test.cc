// The groepsplan as .xlsx, read back cell by cell: per subject a bold row, the basic offer once,
// the subgroups intensief, basis, verdiept with their goals (and where a goal came from) and
// evaluation; part 2; the week by day and time; the per-pupil evaluation only when there is
// one; names with "ë" and "<" intact; every sheet printed landscape, one page wide.
#include "io/group_plan_xlsx.h"

#include <gtest/gtest.h>

#include "../xlsx_support.h"

namespace koers::io {
namespace {

using namespace domain;
using koers::testing::Xlsx;
using koers::testing::XlsxRow;

constexpr const char* kSpellingOffer = "Staal spelling, 4x per week 45 minuten: basisinstructie en inoefening";
constexpr const char* kMathsOffer = "Wereld in getallen, dagelijks 60 minuten met het directe-instructiemodel";

PlanGoal goal(GoalKind kind, const char* text) {
  PlanGoal g;
  g.kind = kind;
  g.text = text;
  return g;
}

SubgroupPlan subgroup(Approach approach, std::vector<Id> pupils) {
  SubgroupPlan g;
  g.approach = approach;
  g.pupils = std::move(pupils);
  return g;
}

GroupPlan sample() {
  GroupPlan plan;
  plan.group_id = 7;
  plan.period_id = 2;
  plan.version = 3;
  plan.saved_by = "J. Peters";
  plan.saved_at = "2027-02-03T10:04:00Z";

  SubgroupPlan intensive = subgroup(Approach::kIntensive, {1, 99});
  PlanGoal categories = goal(GoalKind::kDidactic, "schrijft de categoriewoorden van blok 3 foutloos");
  categories.carried_from = "niet behaald in Periode 1";
  categories.verdict = GoalVerdict::kNotReached;
  categories.stimulating = "kleine groep aan de instructietafel";
  categories.hindering = "veel afwezig in januari";
  categories.pupils = {{1, GoalVerdict::kNotReached, "Spelling blok 3: 21/40 (53%)", false},
                       {99, GoalVerdict::kReached, "Spelling blok 3: 36/40 (90%)", true}};
  intensive.goals = {categories, goal(GoalKind::kPedagogic, "vraagt zelf om hulp bij twijfel")};
  intensive.content = "verlengde instructie";
  intensive.method = "hardop voordoen, daarna samen oefenen";
  intensive.organisation = "ma, wo en do 10 minuten aan de instructietafel";
  intensive.attention = "kan <3 minuten stil werken";
  intensive.evaluation = "methodetoets blok 3 en dictee";

  SubgroupPlan basic = subgroup(Approach::kBasic, {2});
  PlanGoal method_test = goal(GoalKind::kDidactic, "haalt 80% op de methodetoets van blok 3");
  method_test.verdict = GoalVerdict::kPartly;
  method_test.pupils = {{2, GoalVerdict::kPartly, "Spelling blok 3: 30/40 (75%)", true}};
  basic.goals = {method_test};
  basic.content = "het basisaanbod";

  SubgroupPlan deepened = subgroup(Approach::kDeepened, {3});
  deepened.content = "compacten: alleen de kernopdrachten, daarna Pluspunt";

  SubjectPlan spelling;
  spelling.subject = "Spelling";
  spelling.basic_offer = kSpellingOffer;
  spelling.subgroups = {basic, deepened, intensive};  // not in reading order on purpose
  spelling.individual = {{4, "werkt met een eigen leerlijn spelling (IHP)"}};

  SubjectPlan maths;
  maths.subject = "Rekenen-Wiskunde";
  maths.basic_offer = kMathsOffer;
  maths.subgroups = {subgroup(Approach::kIntensive, {1}), subgroup(Approach::kBasic, {2, 4}),
                     subgroup(Approach::kDeepened, {3})};
  maths.subgroups[0].goals = {goal(GoalKind::kDidactic, "automatiseert de tafels van 6 tot en met 9")};

  plan.subjects = {spelling, maths};

  plan.functioning.learning_style = "leert het best door te doen";
  plan.functioning.relation = "een vaste plek dicht bij de leerkracht";
  plan.functioning.competence = "kleine succeservaringen, complimenten op inzet";
  plan.functioning.autonomy = "zelf kiezen in welke volgorde het weekwerk";
  plan.functioning.interests = "dieren, voetbal";
  plan.functioning.notes = "na de pauze onrustig";

  // Not in order: by day, then time, "9:00" before "10:15".
  plan.week = {{3, "10:15", "Rekenen-Wiskunde", "instructie", "", "", "Pluspunt"},
               {1, "10:15", "Spelling", "dictee", "", "", ""},
               {1, "9:00", "Rekenen-Wiskunde", "basisinstructie (15 min)", "verlengde instructie", "zelfstandig",
                "compacten"},
               {2, "08:45", "Spelling", "basisinstructie", "", "", ""},
               {1, "08:45", "Spelling", "basisinstructie", "instructietafel", "", ""}};
  return plan;
}

GroupPlanHeader header() { return {"De Valentijn", "Groep 5/6", "Periode 2", {"J. Peters", "A. de Vries"}}; }

std::map<Id, std::string> names() {
  return {{1, "Noël <Bakker>"}, {2, "Sanne de Jong"}, {3, "Ahmed El Amrani"}, {4, "Fleur Visser"}};
}

std::string text(const std::vector<XlsxRow>& rows, size_t row, size_t col) {
  return row < rows.size() && col < rows[row].size() ? rows[row][col].text : "";
}

// The row whose first cell is `label`, searching from `from`; rows.size() when none.
size_t find_row(const std::vector<XlsxRow>& rows, const std::string& label, size_t from = 0) {
  for (size_t r = from; r < rows.size(); ++r)
    if (text(rows, r, 0) == label) return r;
  return rows.size();
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Columns of the "Groepsplan" sheet.
enum { kSubgroup, kPupils, kGoals, kContent, kMethod, kOrganisation, kAttention, kEvaluation };
constexpr size_t kFirstPlanRow = 3;  // title, info, header

TEST(GroupPlanXlsx, IsAZipWithTheFourSheetsInOrder) {
  std::string bytes = group_plan_xlsx(sample(), header(), names());
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  Xlsx xlsx(bytes);
  EXPECT_EQ(xlsx.sheet_names(), (std::vector<std::string>{"Groepsplan", "Deel 2", "Weekplanning", "Evaluatie"}));
}

TEST(GroupPlanXlsx, WithoutPupilEvaluationsThereIsNoEvaluatieSheet) {
  GroupPlan plan = sample();
  for (auto& s : plan.subjects)
    for (auto& g : s.subgroups)
      for (auto& goal : g.goals) goal.pupils.clear();
  Xlsx xlsx(group_plan_xlsx(plan, header(), names()));
  EXPECT_EQ(xlsx.sheet_names(), (std::vector<std::string>{"Groepsplan", "Deel 2", "Weekplanning"}));
  auto rows = xlsx.rows("Groepsplan");
  size_t intensive = find_row(rows, "intensief", kFirstPlanRow);
  EXPECT_EQ(text(rows, intensive, kEvaluation),
            "methodetoets blok 3 en dictee\nDoel 1: niet behaald\nbevorderend: kleine groep aan de instructietafel\n"
            "belemmerend: veel afwezig in januari")
      << "the goal's own verdict stays, without a pointer to a sheet that is not there";
}

TEST(GroupPlanXlsx, TheTitleNamesGroupPeriodAndVersionAndWhoSavedIt) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Groepsplan");
  EXPECT_EQ(text(rows, 0, 0), "Groepsplan Groep 5/6 — Periode 2 — versie 3");
  EXPECT_EQ(text(rows, 1, 0), "De Valentijn · leerkrachten: J. Peters, A. de Vries · opgeslagen op 03-02-2027 door J. Peters");
  EXPECT_EQ(text(rows, 2, 0), "Subgroep");
  EXPECT_EQ(text(rows, 2, kEvaluation), "Evaluatie");

  GroupPlan draft = sample();
  draft.version = 0;
  draft.saved_by.clear();
  draft.saved_at.clear();
  draft.evaluation_closed = true;
  Xlsx draft_xlsx(group_plan_xlsx(draft, header(), names()));
  auto draft_rows = draft_xlsx.rows("Groepsplan");
  EXPECT_EQ(text(draft_rows, 0, 0), "Groepsplan Groep 5/6 — Periode 2 — concept, nog niet opgeslagen");
  EXPECT_EQ(text(draft_rows, 1, 0), "De Valentijn · leerkrachten: J. Peters, A. de Vries · evaluatie afgesloten");
}

TEST(GroupPlanXlsx, NamesWithAccentsAndMarkupSurvive) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Groepsplan");
  size_t intensive = find_row(rows, "intensief", kFirstPlanRow);
  EXPECT_EQ(text(rows, intensive, kPupils), "Noël <Bakker>, leerling 99") << "a pupil without a name by id";
  EXPECT_EQ(text(rows, intensive, kAttention), "kan <3 minuten stil werken");
  std::string strings = xlsx.part("xl/sharedStrings.xml");
  EXPECT_TRUE(has(strings, "Noël &lt;Bakker")) << "escaped, in UTF-8";
  EXPECT_FALSE(has(strings, "<Bakker"));
}

TEST(GroupPlanXlsx, PerSubjectABoldRowTheBasicOfferOnceThenIntensiefBasisVerdieptAndIndividualLines) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Groepsplan");
  std::vector<std::string> first_column;
  for (size_t r = kFirstPlanRow; r < rows.size(); ++r) first_column.push_back(text(rows, r, 0));
  EXPECT_EQ(first_column,
            (std::vector<std::string>{"Spelling", "hele groep", "intensief", "basis", "verdiept", "individueel",
                                      "Rekenen-Wiskunde", "hele groep", "intensief", "basis", "verdiept"}));

  size_t spelling = find_row(rows, "Spelling"), maths = find_row(rows, "Rekenen-Wiskunde");
  ASSERT_LT(maths, rows.size());
  EXPECT_TRUE(xlsx.style(rows[spelling][0].style).bold);
  EXPECT_TRUE(xlsx.style(rows[maths][0].style).bold);
  EXPECT_FALSE(xlsx.style(rows[spelling + 2][0].style).bold) << "a subgroup row is not a section";

  EXPECT_EQ(text(rows, spelling + 1, kContent), kSpellingOffer);
  EXPECT_EQ(text(rows, maths + 1, kContent), kMathsOffer);
  for (const char* offer : {kSpellingOffer, kMathsOffer}) {
    int cells = 0;
    for (const auto& row : rows)
      for (const auto& cell : row) cells += has(cell.text, offer);
    EXPECT_EQ(cells, 1) << offer << ": written once, not per subgroup";
  }
  EXPECT_EQ(text(rows, spelling + 2, kContent), "verlengde instructie") << "the subgroup's own aanbod";
  EXPECT_EQ(text(rows, spelling + 4, kContent), "compacten: alleen de kernopdrachten, daarna Pluspunt");
  EXPECT_EQ(text(rows, spelling + 2, kMethod), "hardop voordoen, daarna samen oefenen");
  EXPECT_EQ(text(rows, spelling + 2, kOrganisation), "ma, wo en do 10 minuten aan de instructietafel");

  size_t individual = find_row(rows, "individueel");
  EXPECT_EQ(text(rows, individual, kPupils), "Fleur Visser");
  EXPECT_EQ(text(rows, individual, kContent), "werkt met een eigen leerlijn spelling (IHP)");
}

TEST(GroupPlanXlsx, GoalsAreNumberedMarkedAndSayWhereTheyCameFrom) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Groepsplan");
  size_t spelling = find_row(rows, "Spelling");
  EXPECT_EQ(text(rows, spelling + 2, kGoals),
            "1. didactisch: schrijft de categoriewoorden van blok 3 foutloos (uit vorige periode: niet behaald in "
            "Periode 1)\n2. pedagogisch: vraagt zelf om hulp bij twijfel");
  EXPECT_EQ(text(rows, spelling + 3, kGoals), "1. didactisch: haalt 80% op de methodetoets van blok 3");
  EXPECT_EQ(text(rows, spelling + 4, kGoals), "") << "verdiept has no goals here";
  const auto& goal_cell = rows[spelling + 2][kGoals];
  EXPECT_TRUE(xlsx.style(goal_cell.style).wrapped);
  EXPECT_TRUE(xlsx.style(goal_cell.style).top);
}

TEST(GroupPlanXlsx, TheEvaluationGivesEachEvaluatedGoalsVerdictAndWhy) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Groepsplan");
  size_t spelling = find_row(rows, "Spelling"), maths = find_row(rows, "Rekenen-Wiskunde");
  EXPECT_EQ(text(rows, spelling + 2, kEvaluation),
            "methodetoets blok 3 en dictee\nDoel 1: niet behaald\nbevorderend: kleine groep aan de instructietafel\n"
            "belemmerend: veel afwezig in januari\nper leerling: 1 behaald, 1 niet behaald (zie Evaluatie)")
      << "goal 2 is not evaluated and not listed";
  EXPECT_EQ(text(rows, spelling + 3, kEvaluation), "Doel 1: deels behaald\nper leerling: 1 deels behaald (zie Evaluatie)");
  EXPECT_EQ(text(rows, maths + 2, kEvaluation), "") << "a goal not yet evaluated";
}

TEST(GroupPlanXlsx, Deel2HoldsTheGroupsWerkhoudingAndFunctioning) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Deel 2");
  EXPECT_EQ(text(rows, 0, 0), "Groepsplan Groep 5/6 — Periode 2 — deel 2: werkhouding en sociaal-emotioneel functioneren");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"Leerstijl", "leert het best door te doen"},
      {"Behoefte aan relatie", "een vaste plek dicht bij de leerkracht"},
      {"Behoefte aan competentie", "kleine succeservaringen, complimenten op inzet"},
      {"Behoefte aan autonomie", "zelf kiezen in welke volgorde het weekwerk"},
      {"Interesses", "dieren, voetbal"},
      {"Notities", "na de pauze onrustig"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(text(rows, 2 + i, 0), expected[i].first);
    EXPECT_EQ(text(rows, 2 + i, 1), expected[i].second);
  }
}

TEST(GroupPlanXlsx, TheWeekplanningIsOrderedByDayThenTime) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Weekplanning");
  std::vector<std::string> header_row;
  for (const auto& cell : rows.at(1)) header_row.push_back(cell.text);
  EXPECT_EQ(header_row,
            (std::vector<std::string>{"Dag", "Tijd", "Vak", "Hele groep", "Intensief", "Basis", "Verdiept"}));
  std::vector<std::string> slots;
  for (size_t r = 2; r < rows.size(); ++r) slots.push_back(text(rows, r, 0) + " " + text(rows, r, 1) + " " + text(rows, r, 2));
  EXPECT_EQ(slots, (std::vector<std::string>{"maandag 08:45 Spelling", "maandag 9:00 Rekenen-Wiskunde",
                                             "maandag 10:15 Spelling", "dinsdag 08:45 Spelling",
                                             "woensdag 10:15 Rekenen-Wiskunde"}));
  EXPECT_EQ(text(rows, 3, 3), "basisinstructie (15 min)");
  EXPECT_EQ(text(rows, 3, 4), "verlengde instructie");
  EXPECT_EQ(text(rows, 3, 5), "zelfstandig");
  EXPECT_EQ(text(rows, 3, 6), "compacten");
}

TEST(GroupPlanXlsx, TheEvaluatieSheetHasARowPerPupilAndGoal) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  auto rows = xlsx.rows("Evaluatie");
  auto row = [&](size_t r) {
    std::vector<std::string> out;
    for (const auto& cell : rows.at(r)) out.push_back(cell.text);
    return out;
  };
  ASSERT_EQ(rows.size(), 5u) << "title, header, three evaluations";
  EXPECT_EQ(row(1), (std::vector<std::string>{"Vak", "Subgroep", "Doel", "Leerling", "Oordeel", "Onderbouwing", "Bevestigd"}));
  const std::string categories =
      "1. didactisch: schrijft de categoriewoorden van blok 3 foutloos (uit vorige periode: niet behaald in Periode 1)";
  EXPECT_EQ(row(2), (std::vector<std::string>{"Spelling", "intensief", categories, "Noël <Bakker>", "niet behaald",
                                              "Spelling blok 3: 21/40 (53%)", "nee"}));
  EXPECT_EQ(row(3), (std::vector<std::string>{"Spelling", "intensief", categories, "leerling 99", "behaald",
                                              "Spelling blok 3: 36/40 (90%)", "ja"}));
  EXPECT_EQ(row(4), (std::vector<std::string>{"Spelling", "basis", "1. didactisch: haalt 80% op de methodetoets van blok 3",
                                              "Sanne de Jong", "deels behaald", "Spelling blok 3: 30/40 (75%)", "ja"}));
}

TEST(GroupPlanXlsx, EverySheetPrintsLandscapeOnA4OnePageWideWithItsHeaderOnEveryPage) {
  Xlsx xlsx(group_plan_xlsx(sample(), header(), names()));
  for (const std::string& name : xlsx.sheet_names()) {
    std::string sheet = xlsx.sheet_xml(name);
    ASSERT_FALSE(sheet.empty()) << name;
    EXPECT_TRUE(has(sheet, "orientation=\"landscape\"")) << name;
    EXPECT_TRUE(has(sheet, "paperSize=\"9\"")) << name << ": A4";
    EXPECT_TRUE(has(sheet, "fitToPage=\"1\"")) << name;
    EXPECT_TRUE(has(sheet, "fitToHeight=\"0\"")) << name << ": one page wide, as many long as needed";
  }
  std::string workbook = xlsx.part("xl/workbook.xml");
  EXPECT_TRUE(has(workbook, "Groepsplan!$3:$3")) << workbook;
  EXPECT_TRUE(has(workbook, "'Deel 2'!$2:$2")) << workbook;
  EXPECT_TRUE(has(workbook, "Weekplanning!$2:$2")) << workbook;
  EXPECT_TRUE(has(workbook, "Evaluatie!$2:$2")) << workbook;
}

TEST(GroupPlanXlsx, AnEmptyPlanStillGivesTheDocument) {
  GroupPlan empty;
  Xlsx xlsx(group_plan_xlsx(empty, header(), {}));
  EXPECT_EQ(xlsx.sheet_names(), (std::vector<std::string>{"Groepsplan", "Deel 2", "Weekplanning"}));
  EXPECT_EQ(text(xlsx.rows("Groepsplan"), kFirstPlanRow, 0), "Dit groepsplan heeft nog geen vakgebieden.");
  EXPECT_EQ(text(xlsx.rows("Weekplanning"), 2, 0), "Er is nog geen weekplanning.");
  EXPECT_EQ(text(xlsx.rows("Deel 2"), 2, 0), "Leerstijl") << "the headings, to be filled in";
}

}  // namespace
}  // namespace koers::io
