#include "demo/demo_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

#include "domain/care_team.h"
#include "domain/external_member.h"
#include "domain/hgd.h"
#include "io/text_pdf.h"
#include "store/account_repository.h"
#include "store/care_team_repository.h"
#include "store/document_repository.h"
#include "store/external_member_repository.h"
#include "store/group_repository.h"
#include "store/hgd_repository.h"
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

void date_demo_case(store::Database& db, long long case_id, const Date& created, const std::optional<Date>& saved) {
  const std::string created_at = fmt::format("{}T09:00:00Z", created.iso());
  db.write([&](soci::session& sql) {
    sql << "UPDATE care_team_cases SET created_at = :c WHERE id = :i", soci::use(created_at), soci::use(case_id);
    if (saved) {
      const std::string saved_at = fmt::format("{}T15:30:00Z", saved->iso());
      sql << "UPDATE care_team_cases SET saved_at = :s WHERE id = :i", soci::use(saved_at), soci::use(case_id);
    }
  });
}

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
  // The pupil whose IHP is still being written keeps it without a case: the demo shows a pupil
  // held at level 3 of the 1-zorgroute whichever pupils the overview makes intensive.
  for (Id id : candidates)
    for (const auto& s : ihps.of_pupil(id))
      if (s.status == domain::IhpStatus::kDraft) taken.insert(id);
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
  taken.insert(roos);
  const Id researched = pick([&](Id id) { return has_ihp(id, false); });
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
    date_demo_case(db, c.id, domain::add_days(today, -12), std::nullopt);  // the help question with her parents
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
    date_demo_case(db, c.id, domain::add_days(today, -5), std::nullopt);
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
    date_demo_case(db, c.id, domain::add_days(then, -10), domain::add_days(then, 7));  // the advice: its report's day
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
    date_demo_case(db, c.id, domain::add_days(today, -20), domain::add_days(today, -18));
    ++stored;
  }

  // 5. HGD: the care team advised research; with the parents' own HGD consent the
  //    orthopedagoog examined, uploaded her report and typed its recommendations; the IB took
  //    two over as educational needs (source onderzoek), which the teacher sees in the overview.
  if (researched) {
    const std::string name = given(researched);
    const Date then = domain::add_days(today, -45);
    CareTeamCase c = writer.open(
        researched, school,
        fmt::format("Waarom komt {} bij rekenen en lezen niet tot werken, ook niet met verlengde instructie, en wat "
                    "helpt wel?",
                    name));
    c.help_question_parents = {{first_parent(pupils, researched), domain::add_days(then, -10)}};
    c.parents_informed = domain::ParentsInformed{domain::add_days(then, -10), "in een gesprek met de leerkracht en de IB"};
    reason_if_missing(c, "De aanpassingen in de groep en het IHP geven te weinig resultaat; de school weet niet goed "
                         "waar de stagnatie vandaan komt.");
    writer.save(c, "hulpvraag; ouders geïnformeerd");
    writer.move(c, CaseStatus::kConsent, then);
    writer.move(c, CaseStatus::kScheduled, then);
    writer.move(c, CaseStatus::kDiscussed, domain::add_days(then, 7));
    c.advice = fmt::format("Een handelingsgericht diagnostisch onderzoek door de orthopedagoog: wat heeft {} nodig om "
                           "tot werken te komen? Tot de uitslag werkt de leerkracht met korte opdrachten en een "
                           "vaste werkplek.",
                           name);
    c.outcomes = {{domain::CaseOutcomeKind::kHgd, "verklarend onderzoek door de orthopedagoog"}};
    if (auto problems = domain::outcome_problems(c, {}, domain::add_days(then, 7)); !problems.empty())
      throw std::logic_error("demo-casus: " + problems.front());
    writer.save(c, "advies; uitkomst: HGD");
    writer.move(c, CaseStatus::kAdvice, domain::add_days(then, 7));
    date_demo_case(db, c.id, domain::add_days(then, -10), domain::add_days(then, 7));  // the advice: its report's day

    domain::Consent k;
    k.purpose = domain::ConsentPurpose::kHgd;
    k.given_by = first_parent(pupils, researched);
    k.given_on = domain::add_days(then, 9);
    k.form = domain::ConsentForm::kSignedForm;
    k.disciplines = {"orthopedagoog"};
    k.valid_until = domain::add_days(today, 200);
    writer.consent(c, k, ib);

    auto expert = store::ExternalMemberRepository(db).find(external_account->id);
    if (!expert) return stored + 1;
    domain::HgdRequest r;
    r.case_id = c.id;
    r.pupil_id = c.pupil_id;
    r.school_id = c.school_id;
    r.question_kind = domain::HgdQuestionKind::kExplaining;
    r.help_question = c.help_question;
    r.questions = {fmt::format("Welke factoren bij {} en in de klas verklaren dat het werken stagneert?", name),
                   "Wat hebben de leerkracht en de ouders nodig om dat te veranderen?"};
    r.expert_account_id = external_account->id;
    r.expert_name = external_account->display_name;
    r.expert_discipline = std::string(domain::discipline_info(expert->discipline).key);
    r.requested_on = domain::add_days(then, 10);
    if (auto problems = domain::hgd_problems(r); !problems.empty())
      throw std::logic_error("demo-HGD klopt niet: " + problems.front());
    if (auto refused = domain::request_refusal(c, r, today)) throw std::logic_error("demo-HGD: " + *refused);
    store::HgdRepository hgds(db);
    const domain::Principal orthopedagogue_principal = accounts.principal(*external_account);
    domain::HgdRequest h = hgds.create(r, ib);
    auto step = [&](domain::HgdStatus to, const domain::Principal& by) {
      const domain::HgdStatus from = h.status;
      if (auto refused = domain::move_hgd(h, to)) throw std::logic_error("demo-HGD: " + *refused);
      auto saved = hgds.save(h, h.version, by,
                             fmt::format("status: {} → {}", domain::hgd_status_label(from), domain::hgd_status_label(to)));
      h = std::get<domain::HgdRequest>(saved);
    };
    step(domain::HgdStatus::kInResearch, orthopedagogue_principal);

    const std::vector<std::string> recommendations = {
        fmt::format("Geef {} de instructie in korte stappen, met een voorbeeld vooraf en een controlevraag na elke stap.",
                    name),
        "Laat één opdracht tegelijk op tafel liggen; de volgende pas als de eerste af is.",
        "Spreek met de ouders een vast moment af om thuis tien minuten samen te lezen.",
    };
    std::vector<io::PdfParagraph> text = {
        {"Gegevens", true},
        {fmt::format("Leerling: {}. School: CBS De Valentijn. Onderzoeker: {}, orthopedagoog. Aangevraagd op {} door de "
                     "intern begeleider, met toestemming van de ouders ({}).",
                     store::PupilRepository(db).find(researched)->name.display(), external_account->display_name,
                     r.requested_on.dutch(), k.given_by)},
        {"Hulpvraag", true},
        {r.help_question},
        {"Onderzoeksvragen", true},
    };
    for (const auto& q : r.questions) text.push_back({"- " + q});
    text.push_back({"Wat we deden", true});
    text.push_back({"Observatie in de klas (twee ochtenden), een gesprek met de leerkracht, een gesprek met de ouders, "
                    "een gesprek met " + name + " zelf en een analyse van het leerlingdossier (toetsresultaten, "
                    "groepsplannen en het IHP)."});
    text.push_back({"Bevindingen", true});
    text.push_back({fmt::format("{} begint gemotiveerd, maar raakt het overzicht kwijt zodra er meer dan één opdracht "
                                "ligt. Bij instructie in korte stappen met een voorbeeld werkt {} zelfstandig en "
                                "nauwkeurig. Er zijn geen aanwijzingen voor een leerstoornis; de stagnatie hangt samen "
                                "met planning en overzicht.",
                                name, name)});
    text.push_back({"Adviezen", true});
    for (size_t i = 0; i < recommendations.size(); ++i)
      text.push_back({fmt::format("{}. {}", i + 1, recommendations[i])});
    text.push_back({"Dit verslag is besproken met de ouders, de leerkracht en de intern begeleider. Het is vertrouwelijk "
                    "en hoort in het dossier van de leerling."});
    const std::string pdf = io::text_pdf("Onderzoeksverslag HGD — " + name, text);
    auto received = hgds.receive_report(h.id, orthopedagogue_principal, [&](soci::session& sql) {
      return store::DocumentRepository(db).store(
          sql, store::NewDocument{"hgd", h.id, h.school_id, h.pupil_id, "Onderzoeksverslag HGD " + name + ".pdf", pdf},
          orthopedagogue_principal);
    });
    if (auto* refused = std::get_if<std::string>(&received)) throw std::logic_error("demo-HGD-verslag: " + *refused);
    h = std::get<domain::HgdRequest>(received);
    if (auto refused = domain::set_recommendations(h, recommendations)) throw std::logic_error("demo-HGD: " + *refused);
    h = std::get<domain::HgdRequest>(hgds.save(h, h.version, orthopedagogue_principal, "adviezen (3)"));

    // The IB takes the first two over as needs of the pupil in the groepsoverzicht.
    const std::vector<std::string> subjects = [&] {
      auto g = groups.find(teacher.group_ids.front());
      return g ? domain::overview_subjects(g->year_groups) : std::vector<std::string>{};
    }();
    auto take = [&](int number, const std::string& aspect, const std::string& need) {
      auto done = hgds.take_over(h.id, number, domain::EntryKind::kGeneralNeed, aspect, need, subjects, ib);
      if (auto* refused = std::get_if<std::string>(&done)) throw std::logic_error("demo-HGD-advies: " + *refused);
      h = std::get<domain::HgdRequest>(done);
    };
    take(1, "instructie", "instructie in korte stappen, met een voorbeeld vooraf en een controlevraag na elke stap");
    take(2, "opdrachten", "één opdracht tegelijk op tafel");

    // The adviesgesprek with the parents, the teacher and the IB (in the jaarplanning), held and
    // reported: that made the HGD "besproken".
    store::MeetingRepository meetings(db);
    Date talk_on = domain::add_days(today, -6);
    while (domain::weekday(talk_on) > 5) talk_on = domain::add_days(talk_on, -1);  // a school day
    domain::Meeting talk = domain::new_advice_meeting(h, teacher.group_ids.front(), talk_on);
    talk.starts_at = "15:15";
    talk.location = "kamer van de IB";
    talk.participants = {{"ouders", first_parent(pupils, researched)},
                         {"leerkracht", teacher_account->display_name},
                         {"ib", ib_account->display_name},
                         {"deskundige", external_account->display_name}};
    if (auto refused = domain::advice_meeting_refusal(h, talk))
      throw std::logic_error("demo-adviesgesprek: " + *refused);
    talk = *meetings.find(meetings.create(talk, ib));
    const std::string held_at = talk_on.iso() + "T14:30:00Z";
    if (auto refused = domain::hold(talk, domain::MeetingActor::kSupportCoordinator, held_at))
      throw std::logic_error("demo-adviesgesprek: " + *refused);
    talk.report = fmt::format(
        "De orthopedagoog lichtte het verslag toe: geen leerstoornis; {} raakt het overzicht kwijt zodra er meer dan "
        "één opdracht ligt. Advies: instructie in korte stappen met een voorbeeld vooraf, één opdracht tegelijk op "
        "tafel, thuis een vast leesmoment.",
        name);
    talk.decisions =
        "De ouders lezen vanaf volgende week elke avond tien minuten met " + name +
        "; de leerkracht werkt met één opdracht tegelijk. Over zes weken bellen de IB en de ouders hoe het gaat.";
    if (auto refused =
            domain::finalise_report(talk, domain::MeetingActor::kSupportCoordinator, ib_account->display_name, held_at))
      throw std::logic_error("demo-adviesgesprek: " + *refused);
    meetings.save(talk, talk.version, ib);
    ++stored;
  }
  return stored;
}

}  // namespace koers::demo
