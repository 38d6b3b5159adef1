#include "demo/demo_referrals.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

#include "domain/goal_evaluation.h"
#include "domain/group_plan.h"
#include "domain/meeting.h"
#include "domain/okr.h"
#include "domain/referral.h"
#include "domain/route.h"
#include "io/referral_json.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/group_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_record_repository.h"
#include "store/pupil_repository.h"
#include "store/referral_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

using domain::Date;
using domain::Id;
using domain::Referral;

namespace {

std::string instant(const Date& day, const char* time = "10:00:00") { return fmt::format("{}T{}Z", day.iso(), time); }

// The help the school gave before the referral, as the dossier must show it: the pupil was
// discussed in a leerlingbespreking (held, report with step 6), and the period's group plan of
// their group was evaluated with the pupil's goals not reached. Both through the repositories
// and the domain's own transitions, as the IB and the teacher would do it in Koers.
void complete_help_history(store::Database& db, const domain::Principal& ib, const domain::PupilRecord& record,
                           const std::string& name, const Date& discussed_on, const Date& today) {
  const Id pupil = record.pupil_id, group = record.group_id;
  store::MeetingRepository meetings(db);
  domain::Meeting m = domain::new_meeting(domain::MeetingKind::kPupilDiscussion, ib.school_id, discussed_on);
  m.pupil_id = pupil;
  m.group_id = group;
  m.starts_at = "14:30";
  m.minutes = 45;
  m.form.help_question = fmt::format(
      "Hoe krijgen we {} weer tot leren, nu de extra instructie in de subgroep niet "
      "genoeg helpt?",
      name);
  m.form.going_well = fmt::format("{} is gemotiveerd en werkt goed in een klein groepje.", name);
  m.form.difficult = "Rekenen en begrijpend lezen: de achterstand groeit; zelfstandig werken lukt kort.";
  m.form.tried = "Verlengde instructie, een vaste instructietafel, kortere taken met een timer.";
  m.steps.back().notes = fmt::format(
      "De ouders en de leerkracht zien dezelfde zorgen. Afspraak: {} aanmelden bij het zorgteam; de leerkracht "
      "houdt de verlengde instructie vast tot het zorgteam heeft geadviseerd.",
      name);
  m.outcome = domain::PupilDiscussionOutcome::kCareTeam;
  m.outcome_note = "Aangemeld bij het zorgteam voor advies over de ondersteuning die nodig is.";
  m.id = meetings.create(m, ib);
  m.version = 1;
  const std::string held = instant(discussed_on, "15:15:00");
  if (auto refused = domain::hold(m, domain::MeetingActor::kSupportCoordinator, held))
    throw std::logic_error("demo-leerlingbespreking: " + *refused);
  const std::string by = ib.display_name.empty() ? ib.username : ib.display_name;
  if (auto refused = domain::finalise_report(m, domain::MeetingActor::kSupportCoordinator, by, held))
    throw std::logic_error("demo-leerlingbespreking: " + *refused);
  if (!std::holds_alternative<domain::Meeting>(meetings.save(m, m.version, ib)))
    throw std::logic_error("demo-leerlingbespreking: versieconflict");

  // Last school year's group plan, its last period evaluated: the pupil in the intensive
  // subgroup of the subject they still get intensive help in, the goal not reached. (This
  // year's plan stays open: the period is still running, and the demo teacher works in it.)
  std::string subject = record.subjects.empty() ? "Rekenen-Wiskunde" : record.subjects.front();
  for (const auto& a : record.line.approaches)
    if (a.approach == domain::Approach::kIntensive) {
      subject = a.subject;
      break;
    }
  store::GroupRepository groups(db);
  store::SchoolRepository schools(db);
  std::optional<domain::Group> last_year;
  for (const auto& e : store::PupilRepository(db).enrolments(pupil)) {
    auto g = groups.find(e.group_id);
    if (!g || g->kind != domain::GroupKind::kRegular || e.group_id == record.group_id) continue;
    if (!last_year || g->school_year > last_year->school_year) last_year = g;
  }
  if (!last_year) return;
  std::optional<domain::Period> period;
  for (const auto& p : schools.periods(ib.school_id, last_year->school_year_id))
    if (p.ends_on < today && (!period || period->ends_on < p.ends_on)) period = p;
  store::PlanRepository plans(db);
  if (!period || plans.latest(last_year->id, period->id)) return;
  domain::GroupPlan plan;
  plan.group_id = last_year->id;
  plan.period_id = period->id;
  domain::SubjectPlan s;
  s.subject = subject;
  s.basic_offer = "Instructie volgens de methode; zelfstandig werken met de weektaak.";
  domain::SubgroupPlan g;
  g.approach = domain::Approach::kIntensive;
  g.pupils = {pupil};
  g.content = "Dagelijks verlengde instructie aan de instructietafel; de basisstof in kleinere stappen.";
  g.method = "Voordoen, samen doen, zelf doen; concreet materiaal erbij.";
  g.organisation = "Vier keer per week 20 minuten met de leerkracht, na de basisinstructie.";
  g.evaluation =
      fmt::format("Methodetoets eind periode en de LVS-toets; de leerkracht evalueert op {}.", period->ends_on.dutch());
  domain::PlanGoal goal;
  goal.text = fmt::format("{} haalt aan het eind van de periode minimaal 70 % goed op de methodetoets.", name);
  goal.pupils = {{pupil, domain::GoalVerdict::kNotReached,
                  fmt::format("{} haalde 45 % op de methodetoets, ook met de verlengde instructie.", name), true}};
  goal.stimulating = "Werkt graag met concreet materiaal; een vaste plek aan de instructietafel.";
  goal.hindering = "Korte aandachtsspanne; de stof stapelt zich op.";
  g.goals.push_back(goal);
  s.subgroups.push_back(std::move(g));
  plan.subjects.push_back(std::move(s));
  domain::close_evaluation(plan);
  domain::Principal teacher = ib;
  teacher.role = domain::Role::kTeacher;
  teacher.username = "demo";
  teacher.display_name = last_year->teachers.empty() ? "Leerkracht" : last_year->teachers.front();
  // As closing an evaluation does in Koers: the goal not reached becomes the pupil's need.
  auto needs = domain::needs_from_evaluation(plan, fmt::format("{} {}", period->name, last_year->school_year));
  if (!std::holds_alternative<domain::GroupPlan>(plans.save(plan, 0, teacher, std::move(needs), record.subjects)))
    throw std::logic_error("demo-groepsplan: versieconflict");
}

}  // namespace

DemoReferrals add_demo_referrals(store::Database& db, const std::vector<long long>& school_ids, const Date& today) {
  DemoReferrals out;
  if (school_ids.empty()) return out;
  const Id school = school_ids.front();
  store::AccountRepository accounts(db);
  auto ib_account = accounts.find_by_username("ib");
  if (!ib_account || ib_account->school_id != school) return out;
  const domain::Principal ib = accounts.principal(*ib_account);
  const std::string ib_name = ib.display_name.empty() ? ib.username : ib.display_name;
  std::set<Id> skipped;  // the demo parent's children: the HTTP tests start referrals of their own for them
  if (auto parent_account = accounts.find_by_username("ouder"))
    for (Id child : accounts.principal(*parent_account).child_ids) skipped.insert(child);
  const auto found_school = store::SchoolRepository(db).find_school(school);
  const domain::OkrSources sources{found_school ? found_school->name : ""};

  store::ReferralRepository repo(db);
  const auto procedures = repo.procedures(ib.board_id).procedures;
  const domain::ReferralProcedure* pcl = domain::find_procedure(procedures, "pcl-sbo");
  const domain::ReferralProcedure* tlv = domain::find_procedure(procedures, "tlv");
  if (!pcl || !tlv) return out;

  // The pupils of the school's cases, oldest case first, who are at level 4 now.
  auto cases = store::CareTeamCaseRepository(db).of_school(school);
  std::stable_sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  store::PupilRecordRepository records(db);
  std::vector<std::pair<Id, domain::CareTeamCase>> candidates;  // pupil, the case that starts the referral
  for (const auto& c : cases) {
    if (skipped.count(c.pupil_id) ||
        std::any_of(candidates.begin(), candidates.end(), [&](const auto& x) { return x.first == c.pupil_id; }))
      continue;
    auto record = records.read(c.pupil_id, store::kNow);
    if (!record || !record->referrals.empty() ||
        domain::pupil_route(*record, today).level != domain::RouteLevel::kCareTeam)
      continue;
    candidates.emplace_back(c.pupil_id, c);
  }
  store::PupilRepository pupils(db);
  auto parent_of = [&](Id pupil) {
    for (const auto& g : pupils.guardians(pupil)) return fmt::format("{}, {}", g.relation, g.name.display());
    return std::string("moeder");
  };
  auto given = [&](Id pupil) {
    auto p = pupils.find(pupil);
    return p ? p->name.given : std::string("de leerling");
  };
  auto save = [&](Referral& r, const std::string& what) {
    if (auto problems = domain::referral_problems(r); !problems.empty())
      throw std::logic_error("demo-verwijzing klopt niet: " + problems.front());
    auto saved = repo.save(r, r.version, ib, what);
    if (!std::holds_alternative<Referral>(saved)) throw std::logic_error("demo-verwijzing: versieconflict");
    r = std::get<Referral>(saved);
  };
  // Started on `on`: the demo's history began before today.
  auto start = [&](Referral r, const Date& on) {
    if (auto problems = domain::referral_problems(r); !problems.empty())
      throw std::logic_error("demo-verwijzing klopt niet: " + problems.front());
    r.created_at = instant(on, "09:00:00");
    return repo.create(r, ib);
  };
  auto draft = [&](const domain::ReferralProcedure& p, Id pupil, const domain::CareTeamCase& c) {
    Referral r;
    r.pupil_id = pupil;
    r.school_id = school;
    r.case_id = c.id;
    r.procedure = p;
    r.reason =
        c.advice.empty() ? "Besproken in het zorgteam: " + c.help_question : "Advies van het zorgteam: " + c.advice;
    return r;
  };
  std::set<Id> taken;

  // 1. PCL → SBO for the candidate whose dossier misses fewest parts once the IB and the parents
  // have written theirs: copy, the parents' view and agreement, their consent; sent when complete.
  const Date pcl_started = domain::add_days(today, -35), copied = domain::add_days(today, -28),
             responded = domain::add_days(today, -24), sent = domain::add_days(today, -21);
  auto pcl_referral = [&](Id pupil, const domain::CareTeamCase& c) {
    const std::string name = given(pupil), parent = parent_of(pupil);
    Referral r = draft(*pcl, pupil, c);
    // The case's advice was carried out; its follow-up is what led to the referral.
    r.reason = fmt::format(
        "Vervolgbespreking in het zorgteam: de adviezen zijn uitgevoerd, maar {} blijft bij lezen, spelling en rekenen "
        "verder achter. Het zorgteam adviseert aanmelding bij de PCL voor het SBO. (Hulpvraag van de casus: {})",
        name, c.help_question);
    // What the school did, as the record shows it: the subgroup, the IHPs, the care team.
    auto record = records.read(pupil, store::kNow);
    const size_t ihps = record ? record->ihp_plans.size() : 0;
    const std::string ihp_part = ihps == 0 ? "" : ihps == 1 ? ", een IHP" : fmt::format(", {} IHP's", ihps);
    r.handelingsverlegenheid = fmt::format(
        "{} kreeg extra instructie in de subgroep{} en het advies van het zorgteam; de leerachterstand groeit toch en "
        "{} raakt in de groep steeds meer achter. De school kan de kleine groep en de intensieve begeleiding die {} "
        "nodig heeft niet bieden.",
        name, ihp_part, name, name);
    r.parents = {fmt::format("Wij zien thuis dat {} het op school zwaar heeft en moe thuiskomt. Wij willen graag een "
                             "school waar {} in een kleine groep kan leren. Graag blijft de juf van nu betrokken bij "
                             "de overstap.",
                             name, name),
                 true, "", parent, instant(responded, "19:00:00")};
    r.consents = {{"aanmelding", parent, responded, ib_name, instant(responded, "19:05:00")}};
    r.parents_copy_at = instant(copied);
    return r;
  };
  // The candidate whose dossier misses fewest parts, not counting what complete_help_history
  // gives them below (the plan with its need, the pupil discussion): on PostgreSQL the demo's
  // pupils differ, and only a pupil with an evaluated IHP, say, can be sent.
  const std::pair<Id, domain::CareTeamCase>* best = nullptr;
  size_t fewest = 0;
  for (const auto& candidate : candidates) {
    auto record = records.read(candidate.first, store::kNow);
    if (!record) continue;
    domain::PartCounts counts =
        domain::assemble_okr(*record, pcl_referral(candidate.first, candidate.second), sources).counts();
    for (domain::ReferralPart given :
         {domain::ReferralPart::kGroupPlans, domain::ReferralPart::kPupilDiscussions, domain::ReferralPart::kNeeds})
      counts[given] = 1000;
    const size_t missing = domain::missing_parts(*pcl, counts).size();
    if (!best || missing < fewest) best = &candidate, fewest = missing;
  }
  if (best) {
    const auto& [pupil, c] = *best;
    // The leerlingbespreking that sent the pupil to the care team: twelve weeks ago, before the
    // care team's cases of the demo began (on a weekday); and last year's evaluated plan.
    Date discussed = domain::add_days(today, -84);
    while (domain::weekday(discussed) > 5) discussed = domain::add_days(discussed, -1);
    complete_help_history(db, ib, *records.read(pupil, store::kNow), given(pupil), discussed, today);
    const std::string parent = parent_of(pupil);
    const Referral r = pcl_referral(pupil, c);
    Referral first = draft(*pcl, pupil, c);
    first.reason = r.reason;
    Referral stored = start(first, pcl_started);
    stored.handelingsverlegenheid = r.handelingsverlegenheid;
    save(stored, "handelingsverlegenheid");
    if (auto refused = domain::parents_copy_refusal(stored)) throw std::logic_error("demo-verwijzing: " + *refused);
    stored.parents_copy_at = instant(copied);
    stored.parents_copy_by = ib_name;
    stored.status = domain::ReferralStatus::kWithParents;
    save(stored, "kopie voor de ouders beschikbaar gesteld (Mijn kind)");
    if (auto refused = domain::parents_response_refusal(stored)) throw std::logic_error("demo-verwijzing: " + *refused);
    stored.parents = r.parents;
    save(stored, "zienswijze van de ouders; de ouders zijn het eens (op papier, vastgelegd door de IB)");
    stored.consents = r.consents;
    save(stored, fmt::format("toestemming 'aanmelding' van {} op {}", parent, responded.dutch()));

    out.pcl_pupil = pupil;
    taken.insert(pupil);
    // Sent when the dossier is complete, as the API refuses it otherwise.
    domain::Okr okr = domain::assemble_okr(*records.read(pupil, store::kNow), stored, sources);
    out.pcl_missing = okr.missing;
    if (!domain::send_refusal(stored, okr.counts())) {
      stored.sent_at = instant(sent, "11:00:00");
      stored.sent_by = ib_name;
      stored.sent_to = pcl->addressee;
      stored.status = domain::ReferralStatus::kSent;
      okr.addressee = stored.sent_to;
      stored.sent_okr = io::sent_okr_json(okr, stored).dump();  // as POST /api/v1/referrals/{id}/send freezes it
      save(stored, fmt::format("verzonden aan {} (OKR vastgelegd zoals verzonden)", stored.sent_to));
      out.pcl_sent = true;
    }
  }

  // 2. TLV, started eighteen days ago; the IB has not yet made the parents' copy available.
  for (const auto& [pupil, c] : candidates) {
    if (taken.count(pupil)) continue;
    const std::string name = given(pupil);
    Referral r = draft(*tlv, pupil, c);
    r.handelingsverlegenheid = fmt::format(
        "Ondanks het IHP en de adviezen van het zorgteam komt {} in de groep niet tot leren; {} heeft "
        "een arrangement nodig dat de school met haar middelen niet kan bieden.",
        name, name);
    r.expert_advices = {
        {"drs. M. Bakker", "orthopedagoog", domain::add_days(today, -30),
         fmt::format("{} heeft een kleine, voorspelbare leeromgeving nodig met dagelijkse "
                     "individuele instructie; een arrangement op de eigen school is het overwegen waard.",
                     name)}};
    start(r, domain::add_days(today, -18));
    out.waiting_pupil = pupil;
    break;
  }
  return out;
}

}  // namespace koers::demo
