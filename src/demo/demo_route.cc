#include "demo/demo_route.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "demo/demo_cases.h"
#include "domain/care_team.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/group_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

using domain::CareTeamCase;
using domain::CaseStatus;
using domain::Date;
using domain::Id;

int add_demo_route(store::Database& db, const std::vector<long long>& school_ids, const Date& today) {
  if (school_ids.empty()) return 0;
  const Id school = school_ids.front();
  store::AccountRepository accounts(db);
  auto ib_account = accounts.find_by_username("ib");
  auto teacher_account = accounts.find_by_username("leerkracht");
  if (!ib_account || !teacher_account || ib_account->school_id != school) return 0;
  const domain::Principal ib = accounts.principal(*ib_account);
  const domain::Principal teacher = accounts.principal(*teacher_account);
  auto year = store::SchoolRepository(db).current_school_year(school);
  if (!year) return 0;

  // The last pupil of the school's last regular group that is not the demo teacher's.
  store::GroupRepository groups(db);
  Id pupil = 0;
  for (const auto& g : groups.groups_of_school(school, year->id)) {
    if (g.kind != domain::GroupKind::kRegular || std::count(teacher.group_ids.begin(), teacher.group_ids.end(), g.id))
      continue;
    for (const auto& p : groups.pupils_of_group(g.id))
      if (!p.left) pupil = p.id;
  }
  if (!pupil) return 0;
  store::PupilRepository pupils(db);
  const auto found = pupils.find(pupil);
  const std::string name = found ? found->name.given : "de leerling";
  std::string parent = "moeder";
  for (const auto& g : pupils.guardians(pupil)) {
    parent = fmt::format("{}, {}", g.relation, g.name.display());
    break;
  }

  store::CareTeamCaseRepository repo(db);
  auto route = [&] {
    auto record = store::PupilRecordRepository(db).read(pupil, store::kNow);
    return record ? domain::case_route(*record) : std::vector<domain::RouteStep>{};
  };
  auto save = [&](CareTeamCase& c, const std::string& what) {
    if (auto problems = domain::case_problems(c, route()); !problems.empty())
      throw std::logic_error("demo-casus klopt niet: " + problems.front());
    auto saved = repo.save(c, c.version, ib, what);
    if (!std::holds_alternative<CareTeamCase>(saved)) throw std::logic_error("demo-casus: versieconflict");
    c = std::get<CareTeamCase>(saved);
  };
  auto move = [&](CareTeamCase& c, CaseStatus to, const Date& on) {
    const CaseStatus from = c.status;
    if (auto refused = domain::move_case(c, to, route(), on)) throw std::logic_error("demo-casus: " + *refused);
    save(c, fmt::format("status: {} → {}", domain::case_status_label(from), domain::case_status_label(to)));
  };
  auto consent = [&](CareTeamCase& c, domain::ConsentPurpose purpose, const Date& given, const Date& until) {
    domain::Consent k;
    k.case_id = c.id;
    k.pupil_id = pupil;
    k.purpose = purpose;
    k.given_by = parent;
    k.given_on = given;
    k.valid_until = until;
    k.form = domain::ConsentForm::kSignedForm;
    k.disciplines = {"schoolmaatschappelijk-werker"};
    k.documents = {domain::CaseDocument::kHelpQuestion, domain::CaseDocument::kDiscussions};
    if (auto problems = domain::consent_problems(k); !problems.empty())
      throw std::logic_error("demo-toestemming klopt niet: " + problems.front());
    repo.add_consent(k, ib);
    c = *repo.find(c.id);
  };

  // Discussed in the care team three weeks ago; the advice: hand-over to the ZAT, with the
  // parents' consent for it. The care-team consent (half a year, given in May) ends in ten days.
  const Date then = domain::add_days(today, -21);
  CareTeamCase c;
  c.pupil_id = pupil;
  c.school_id = school;
  c.origin = domain::CaseOrigin::kDirect;
  c.help_question = fmt::format("Wat heeft {} nodig om weer elke dag naar school te komen, en wat kunnen school en "
                                "gezin daarin samen doen?",
                                name);
  c = repo.create(c, ib);
  c.help_question_parents = {{parent, domain::add_days(then, -14)}};
  c.parents_informed = domain::ParentsInformed{domain::add_days(then, -14), "in een gesprek met de IB"};
  if (!domain::missing_steps(route()).empty())
    c.missing_step_reason = fmt::format("{} verzuimt steeds vaker; dat vraagt direct om hulp buiten de klas, "
                                        "niet eerst om een handelingsplan.",
                                        name);
  save(c, "hulpvraag met de ouders");
  consent(c, domain::ConsentPurpose::kCareTeam, domain::add_days(today, -170), domain::add_days(today, 10));
  move(c, CaseStatus::kConsent, then);
  move(c, CaseStatus::kScheduled, then);
  move(c, CaseStatus::kDiscussed, then);
  consent(c, domain::ConsentPurpose::kZatHandover, then, domain::add_days(today, 180));
  c.advice = "Overdracht aan het ZAT: het verzuim en de zorgen thuis vragen hulp van het CJG en de leerplichtambtenaar. "
             "De school houdt contact met het gezin en biedt in de klas een vaste start van de dag.";
  c.outcomes = {{domain::CaseOutcomeKind::kZatHandover, "ZAT van de gemeente, via het CJG"}};
  if (auto problems = domain::outcome_problems(c, {}, then); !problems.empty())
    throw std::logic_error("demo-casus: " + problems.front());
  save(c, "advies; uitkomst: overdracht aan het ZAT");
  move(c, CaseStatus::kAdvice, then);
  date_demo_case(db, c.id, domain::add_days(then, -14), then);  // registered with the parents; advised three weeks ago
  return 1;
}

}  // namespace koers::demo
