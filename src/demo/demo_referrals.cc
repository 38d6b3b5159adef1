#include "demo/demo_referrals.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

#include "domain/okr.h"
#include "domain/referral.h"
#include "domain/route.h"
#include "io/referral_json.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/overview_repository.h"
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
    r.handelingsverlegenheid = fmt::format(
        "{} kreeg anderhalf jaar extra instructie in de subgroep en twee IHP's met een orthopedagoog erbij; de "
        "leerachterstand groeit toch en {} raakt in de groep steeds meer achter. De school kan de kleine groep en de "
        "intensieve begeleiding die {} nodig heeft niet bieden.",
        name, name, name);
    r.parents = {fmt::format("Wij zien thuis dat {} het op school zwaar heeft en moe thuiskomt. Wij willen graag een "
                             "school waar {} in een kleine groep kan leren. Graag blijft de juf van nu betrokken bij "
                             "de overstap.",
                             name, name),
                 true, "", parent, instant(responded, "19:00:00")};
    r.consents = {{"aanmelding", parent, responded, ib_name, instant(responded, "19:05:00")}};
    r.parents_copy_at = instant(copied);
    return r;
  };
  const std::pair<Id, domain::CareTeamCase>* best = nullptr;
  size_t fewest = 0;
  for (const auto& candidate : candidates) {
    auto record = records.read(candidate.first, store::kNow);
    if (!record) continue;
    const size_t missing =
        domain::assemble_okr(*record, pcl_referral(candidate.first, candidate.second), sources).missing.size();
    if (!best || missing < fewest) best = &candidate, fewest = missing;
  }
  if (best) {
    const auto& [pupil, c] = *best;
    const std::string parent = parent_of(pupil);
    const Referral r = pcl_referral(pupil, c);
    Referral stored = start(draft(*pcl, pupil, c), pcl_started);
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
