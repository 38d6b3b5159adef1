#include "demo/demo_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

#include "domain/care_team.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/group_repository.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/pupil_record_repository.h"
#include "store/pupil_repository.h"

namespace koers::demo {

namespace {

using domain::CareTeamCase;
using domain::CaseStatus;
using domain::Date;
using domain::Id;

// Writes a case as the IB does on its page: each save on the stored version, each status step
// through the domain on the day it happened (`on`), refused like the API would refuse it.
class CaseWriter {
 public:
  CaseWriter(store::Database& db, domain::Principal ib) : db_(db), repo_(db), ib_(std::move(ib)) {}

  CareTeamCase open(Id pupil, Id school, const std::string& help_question) {
    CareTeamCase c;
    c.pupil_id = pupil;
    c.school_id = school;
    c.origin = domain::CaseOrigin::kDirect;
    c.help_question = help_question;
    return repo_.create(c, ib_);
  }

  // The route so far from the pupil's record; the reason when a step is missing.
  std::vector<domain::RouteStep> route(Id pupil) {
    auto record = store::PupilRecordRepository(db_).read(pupil, store::kNow);
    return record ? domain::case_route(*record) : std::vector<domain::RouteStep>{};
  }

  void save(CareTeamCase& c, const std::string& what) {
    if (auto problems = domain::case_problems(c, route(c.pupil_id)); !problems.empty())
      throw std::logic_error("demo-casus klopt niet: " + problems.front());
    auto saved = repo_.save(c, c.version, ib_, what);
    if (!std::holds_alternative<CareTeamCase>(saved)) throw std::logic_error("demo-casus: versieconflict");
    c = std::get<CareTeamCase>(saved);
  }

  void move(CareTeamCase& c, CaseStatus to, const Date& on) {
    const CaseStatus from = c.status;
    if (auto refused = domain::move_case(c, to, route(c.pupil_id), on))
      throw std::logic_error("demo-casus: " + *refused);
    save(c, fmt::format("status: {} → {}", domain::case_status_label(from), domain::case_status_label(to)));
  }

  domain::Consent consent(CareTeamCase& c, domain::Consent k, const domain::Principal& by) {
    k.case_id = c.id;
    k.pupil_id = c.pupil_id;
    if (auto problems = domain::consent_problems(k); !problems.empty())
      throw std::logic_error("demo-toestemming klopt niet: " + problems.front());
    domain::Consent saved = repo_.add_consent(k, by);
    c = *repo_.find(c.id);
    return saved;
  }

  CareTeamCase reread(const CareTeamCase& c) { return *repo_.find(c.id); }
  store::CareTeamCaseRepository& repo() { return repo_; }

 private:
  store::Database& db_;
  store::CareTeamCaseRepository repo_;
  domain::Principal ib_;
};

// "Ellen van der Meer (moeder)", the first parent the administration has; "moeder" when none.
std::string first_parent(store::PupilRepository& pupils, Id pupil) {
  for (const auto& g : pupils.guardians(pupil)) return fmt::format("{}, {}", g.relation, g.name.display());
  return "moeder";
}

}  // namespace

int add_demo_cases(store::Database& db, const std::vector<long long>& school_ids, const Date& today) {
  if (school_ids.empty()) return 0;
  const Id school = school_ids.front();
  store::AccountRepository accounts(db);
  store::GroupRepository groups(db);
  store::PupilRepository pupils(db);
  auto ib_account = accounts.find_by_username("ib");
  auto teacher_account = accounts.find_by_username("leerkracht");
  auto parent_account = accounts.find_by_username("ouder");
  auto external_account = accounts.find_by_username("zorgteam");
  if (!ib_account || !teacher_account || !parent_account || !external_account || ib_account->school_id != school)
    return 0;
  const domain::Principal ib = accounts.principal(*ib_account);
  const domain::Principal teacher = accounts.principal(*teacher_account);
  const domain::Principal parent = accounts.principal(*parent_account);
  if (teacher.group_ids.empty() || parent.child_ids.empty()) return 0;
  const domain::CaseMember orthopedagogue{external_account->id, external_account->display_name, "orthopedagoog"};

  // Group 5/6's pupils from the end of the list, those with an IHP first (their route has a
  // step to show); never the first eleven, for whom the HTTP tests open cases of their own.
  std::vector<Id> in_group;
  for (const auto& p : groups.pupils_of_group(teacher.group_ids.front()))
    if (!p.left) in_group.push_back(p.id);
  if (in_group.size() < 14) return 0;
  std::vector<Id> candidates(in_group.rbegin(), in_group.rend() - 11);
  store::IhpRepository ihps(db);
  auto has_ihp = [&](Id id, bool closed) {
    for (const auto& s : ihps.of_pupil(id))
      if (!closed || s.status == domain::IhpStatus::kClosed || s.status == domain::IhpStatus::kEvaluated) return true;
    return false;
  };
  std::set<Id> taken;
  auto pick = [&](auto fits) {
    for (Id id : candidates)
      if (!taken.count(id) && fits(id)) return *taken.insert(id).first;
    for (Id id : candidates)
      if (!taken.count(id)) return *taken.insert(id).first;
    return Id{0};
  };
  const Id followed = pick([&](Id id) { return has_ihp(id, true); });
  const Id withdrawn = pick([&](Id id) { return has_ihp(id, false); });
  const Id internal = pick([](Id) { return true; });
  const Id roos = parent.child_ids.front();
  auto given = [&](Id id) {
    auto p = pupils.find(id);
    return p ? p->name.given : std::string("de leerling");
  };

  // The next care-team meeting of the jaarplanning, for the case going on its agenda.
  Id meeting = 0;
  for (const auto& m : store::MeetingRepository(db).of_school(school, today, std::nullopt))
    if (m.kind == domain::MeetingKind::kCareTeam && m.planned_on && today <= *m.planned_on) {
      meeting = m.id;
      break;
    }

  CaseWriter writer(db, ib);
  auto reason_if_missing = [&](CareTeamCase& c, const std::string& reason) {
    if (!domain::missing_steps(writer.route(c.pupil_id)).empty()) c.missing_step_reason = reason;
  };
  int stored = 0;

  // 1. Roos: her parents gave consent in Koers for the orthopedagoog, who sees her case file.
  {
    const std::string name = given(roos);
    CareTeamCase c = writer.open(
        roos, school,
        fmt::format("Hoe leert {} vlot en met plezier lezen, nu het bijgestelde IHP haar wel helpt bij het "
                    "verklanken maar het tempo achterblijft? Wat hebben leerkracht en ouders nodig om haar daarbij te "
                    "helpen?",
                    name));
    c.help_question_parents = {{first_parent(pupils, roos), domain::add_days(today, -12)}};
    reason_if_missing(c, fmt::format("{} krijgt al een jaar extra leesinstructie (IHP, twee keer bijgesteld); de "
                                     "leerkracht en de IB weten niet meer wat ze nog kunnen aanpassen.",
                                     name));
    c.members = {orthopedagogue};
    writer.save(c, fmt::format("hulpvraag met de ouders; {} (orthopedagoog) uitgenodigd", orthopedagogue.name));
    domain::Consent k;
    k.purpose = domain::ConsentPurpose::kCareTeam;
    k.given_by = parent.display_name;
    k.given_by_account = parent.account_id;
    k.given_on = domain::add_days(today, -7);
    k.form = domain::ConsentForm::kParentAccount;
    k.disciplines = {"orthopedagoog"};
    k.documents = {domain::CaseDocument::kHelpQuestion, domain::CaseDocument::kIhps, domain::CaseDocument::kNeeds,
                   domain::CaseDocument::kResults};
    k.valid_until = domain::add_days(today, 180);
    writer.consent(c, k, parent);
    writer.move(c, CaseStatus::kConsent, today);
    if (meeting) {
      c.meeting_id = meeting;
      writer.move(c, CaseStatus::kScheduled, today);
    }
    ++stored;
  }

  // 2. Internal: discussed without externals; the parents were told by phone.
  if (internal) {
    const std::string name = given(internal);
    CareTeamCase c = writer.open(
        internal, school,
        fmt::format("Hoe krijgt {} in de klas weer overzicht bij het zelfstandig werken, nu de stappenkaart niet "
                    "meer genoeg helpt?",
                    name));
    c.help_question_parents = {{first_parent(pupils, internal), domain::add_days(today, -5)}};
    c.parents_informed = domain::ParentsInformed{domain::add_days(today, -5), "telefonisch door de IB"};
    reason_if_missing(c, "Een interne vraag van de leerkracht over de aanpak in de klas; een IHP is nog niet nodig, "
                         "eerst een advies van de collega's in het zorgteam.");
    writer.save(c, "hulpvraag; ouders geïnformeerd (telefonisch door de IB)");
    writer.move(c, CaseStatus::kConsent, today);
    ++stored;
  }

  // 3. Followed: discussed two months ago, advice given, dyslexia treatment; the date to look
  //    again has passed, so it is on the IB's start page.
  if (followed) {
    const std::string name = given(followed);
    const Date then = domain::add_days(today, -60);
    CareTeamCase c = writer.open(
        followed, school,
        fmt::format("Komt {} in aanmerking voor dyslexieonderzoek en -behandeling, en wat kan de school in de "
                    "tussentijd doen?",
                    name));
    c.help_question_parents = {{first_parent(pupils, followed), domain::add_days(then, -10)}};
    c.parents_informed = domain::ParentsInformed{domain::add_days(then, -10), "in een gesprek met de leerkracht en de IB"};
    reason_if_missing(c, "Ondanks extra leesinstructie blijft de achterstand in technisch lezen en spellen groot.");
    writer.save(c, "hulpvraag; ouders geïnformeerd");
    writer.move(c, CaseStatus::kConsent, then);
    writer.move(c, CaseStatus::kScheduled, then);
    writer.move(c, CaseStatus::kDiscussed, domain::add_days(then, 7));
    c.advice = fmt::format("Dyslexieonderzoek aanvragen via de zorgverzekeraar; in de klas tot die tijd dagelijks 15 "
                           "minuten herhaald lezen met een maatje en toetsen voorlezen. Thuis samen lezen, 10 minuten "
                           "per dag. Over zes weken kijken de leerkracht en de IB of {} meer woorden per minuut leest.",
                           name);
    c.outcomes = {{domain::CaseOutcomeKind::kDyslexiaTreatment, "onderzoek en behandeling via de zorgverzekeraar"},
                  {domain::CaseOutcomeKind::kFollowUp, ""}};
    if (auto problems = domain::outcome_problems(c, {}, domain::add_days(then, 7)); !problems.empty())
      throw std::logic_error("demo-casus: " + problems.front());
    writer.save(c, "advies; uitkomsten: dyslexiebehandeling, volgen");
    writer.move(c, CaseStatus::kAdvice, domain::add_days(then, 7));
    c.follow_up_until = domain::add_days(today, -3);
    writer.move(c, CaseStatus::kFollowUp, domain::add_days(then, 7));
    ++stored;
  }

  // 4. Withdrawn: the parents gave consent on paper, then told the IB they withdraw it; the
  //    orthopedagoog, still invited, sees nothing of it any more.
  if (withdrawn) {
    const std::string name = given(withdrawn);
    CareTeamCase c = writer.open(
        withdrawn, school,
        fmt::format("Hoe helpen we {} om na een afwijzing in de klas weer aan het werk te gaan?", name));
    c.help_question_parents = {{first_parent(pupils, withdrawn), domain::add_days(today, -20)}};
    reason_if_missing(c, "Het gedrag in de klas vraagt meer dan de leerkracht in de groep kan bieden.");
    c.members = {orthopedagogue};
    writer.save(c, fmt::format("hulpvraag met de ouders; {} (orthopedagoog) uitgenodigd", orthopedagogue.name));
    domain::Consent k;
    k.purpose = domain::ConsentPurpose::kCareTeam;
    k.given_by = first_parent(pupils, withdrawn);
    k.given_on = domain::add_days(today, -18);
    k.form = domain::ConsentForm::kSignedForm;
    k.disciplines = {"orthopedagoog"};
    k.documents = {domain::CaseDocument::kHelpQuestion, domain::CaseDocument::kDiscussions};
    k.valid_until = domain::add_days(today, 150);
    const domain::Consent saved = writer.consent(c, k, ib);
    writer.move(c, CaseStatus::kConsent, domain::add_days(today, -18));
    writer.repo().withdraw_consent(saved.id, ib);
    ++stored;
  }
  return stored;
}

}  // namespace koers::demo
