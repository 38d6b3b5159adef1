// The inzage contents as a table: a record with one of everything, and per section the lines a
// parent reads in the downloaded dossier.
#include "domain/inzage.h"

#include <gtest/gtest.h>

#include "builders.h"
#include "domain/care_team.h"
#include "domain/hgd.h"

namespace koers::domain {
namespace {

PupilRecord everything() {
  PupilRecord r;
  r.pupil_id = 7;
  r.name = "Roos van der Meer";
  r.year_group = "5";
  Pupil p;
  p.id = 7;
  p.name = PersonName{"Roos", "van der", "Meer"};
  p.first_names = "Roos Anna";
  p.birth_date = Date{2017, 3, 4};
  p.gender = Gender::kFemale;
  p.edex_key = "L123";
  r.card = p;
  // As the store gives them: the group's own name ("5", "5/6"), not its label.
  r.enrolments.push_back({7, 3, "5", "2026-2027", "5", false});
  r.enrolments.push_back({7, 4, "Plusklas", "2026-2027", "5", true});
  r.enrolments.push_back({7, 2, "4/5", "2025-2026", "4", false});
  r.guardians.push_back({1, 1, PersonName{"Ans", "", "Meer"}, "moeder", "ans@example.nl", ""});
  r.results.push_back(testing::result("Spelling", "M5", 4));
  r.line.approaches.push_back({"Spelling", Approach::kIntensive, "Juf Eva", "2026-10-01T09:00:00Z"});
  OverviewEntry need;
  need.kind = EntryKind::kProtective;
  need.text = "Leest graag voor";
  need.source = InformationSource::kObservation;
  need.written_by = "Juf Eva";
  need.written_at = "2026-10-02T09:00:00Z";
  r.line.entries.push_back(need);
  GroupPlan plan;
  SubjectPlan spelling = testing::subject_plan("Spelling");
  spelling.subgroups[0].pupils = {7};
  PlanGoal goal;
  goal.text = "Roos schrijft 80 % van de woorden goed";
  spelling.subgroups[0].goals.push_back(goal);
  plan.subjects.push_back(spelling);
  r.plans.push_back({plan, "Periode 1", Date{2026, 8, 31}, Date{2027, 1, 31}});
  Ihp ihp;
  ihp.status = IhpStatus::kRunning;
  ihp.starts_on = Date{2026, 11, 2};
  ihp.ends_on = Date{2027, 1, 29};
  ihp.starting_situation = "Spelling op niveau V";
  ihp.parent_view.text = "Thuis oefenen we elke dag";
  r.ihp_plans.push_back(ihp);
  CareTeamCase c;
  c.status = CaseStatus::kFollowUp;
  c.help_question = "Hoe helpen we Roos bij spelling?";
  c.created_at = "2026-11-03T08:00:00Z";
  Consent k;
  k.purpose = ConsentPurpose::kCareTeam;
  k.given_by = "moeder, Ans Meer";
  k.given_on = Date{2026, 11, 3};
  k.valid_until = Date{2027, 7, 31};
  k.disciplines = {"logopedie"};
  k.withdrawn_at = "2026-11-20T10:00:00Z";
  k.withdrawn_by = "Ans Meer";
  c.consents.push_back(k);
  r.cases.push_back(c);
  DossierRequest q;
  q.kind = DossierRequestKind::kCorrection;
  q.asked_by = "Ans Meer (ouder)";
  q.asked_on = Date{2026, 11, 23};
  q.due_on = Date{2026, 12, 21};
  q.what = "De geboortedatum klopt niet";
  r.requests.push_back(q);
  AuditEntry e;
  e.at = "2026-11-24T08:15:00Z";
  e.account_name = "Marieke Visser";
  e.role = "ib";
  e.action = "view";
  e.object = "stamkaart";
  r.accesses.push_back(e);
  return r;
}

TEST(Inzage, TheContentsAsATable) {
  const auto sections = inzage_sections(everything(), [](const std::string& iso) { return "[" + iso + "]"; });
  const std::vector<std::pair<std::string, std::vector<std::string>>> want = {
      {"Stamkaart",
       {"Naam: Roos van der Meer (voornamen: Roos Anna)", "Geboortedatum: 04-03-2017 · geslacht: meisje",
        "Leerlingnummer (administratie): L123", "Schooljaar 2026-2027: Groep 5",
        "Schooljaar 2026-2027: Samengestelde groep Plusklas", "Schooljaar 2025-2026: Groep 4/5 (leerjaar 4)",
        "Ouder/verzorger: Ans Meer (moeder) · ans@example.nl",
        "Het burgerservicenummer dat de administratie meestuurt, toont Koers nergens; het staat ook niet in dit "
        "overzicht."}},
      {"Toetsresultaten", {"M5 Spelling: niveau IV (20–40 %)"}},
      {"Groepsoverzicht",
       {"Aanpak Spelling: intensief (vastgelegd door Juf Eva, 01-10-2026)",
        "beschermende factor: Leest graag voor (bron: observatie; Juf Eva, 02-10-2026)"}},
      {"Groepsplannen", {"Periode 1, Spelling: subgroep intensief · doel: Roos schrijft 80 % van de woorden goed"}},
      {"Handelingsplannen (IHP)",
       {"IHP 02-11-2026 t/m 29-01-2027 (loopt)", "Beginsituatie: Spelling op niveau V",
        "Kijk van de ouders: Thuis oefenen we elke dag"}},
      {"Besprekingen", {}},
      {"Zorgteam", {"Zorgteamcasus (wordt gevolgd), 03-11-2026: Hoe helpen we Roos bij spelling?"}},
      {"Onderzoek (HGD)", {}},
      {"Verwijzingen", {}},
      {"Toestemmingen",
       {"Toestemming voor bespreking in het zorgteam: gegeven door moeder, Ans Meer op 03-11-2026, geldig tot en met "
        "31-07-2027; voor logopedie; ingetrokken door Ans Meer op [2026-11-20T10:00:00Z]"}},
      {"Verzoeken om verbetering, aanvulling of verwijdering",
       {"Verzoek om verbetering van Ans Meer (ouder) op 23-11-2026: De geboortedatum klopt niet — wacht op antwoord "
        "van de school; antwoord uiterlijk 21-12-2026"}},
      {"Wie het dossier inzag", {"[2026-11-24T08:15:00Z] — Marieke Visser (intern begeleider) bekeek de stamkaart"}},
  };
  ASSERT_EQ(sections.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(sections[i].title, want[i].first);
    EXPECT_EQ(sections[i].lines, want[i].second) << want[i].first;
  }
}

TEST(Inzage, AnAnsweredRequestKeepsItsOutcomeAndARecordWithoutACardStillNamesThePupil) {
  PupilRecord r;
  r.name = "Sem Bakker";
  DossierRequest q;
  q.kind = DossierRequestKind::kRemoval;
  q.asked_by = "Piet Bakker (ouder)";
  q.asked_on = Date{2026, 10, 1};
  q.what = "Het verslag van 3 maart";
  q.status = DossierRequestStatus::kRefused;
  q.answer = "Het verslag is nodig voor de begeleiding.";
  q.answered_by = "Marieke Visser";
  q.answered_at = "2026-10-14T12:00:00Z";
  r.requests.push_back(q);
  const auto s = inzage_sections(r, [](const std::string& iso) { return iso; });
  EXPECT_EQ(s[0].lines, std::vector<std::string>{"Naam: Sem Bakker"});
  EXPECT_EQ(s[10].lines, (std::vector<std::string>{
                             "Verzoek om verwijdering van Piet Bakker (ouder) op 01-10-2026: Het verslag van 3 maart — "
                             "afgewezen",
                             "Antwoord van Marieke Visser op 14-10-2026: Het verslag is nodig voor de begeleiding."}));
  for (size_t i = 1; i < 10; ++i) EXPECT_TRUE(s[i].lines.empty()) << s[i].title;
}

}  // namespace
}  // namespace koers::domain
