#include "domain/care_team.h"

#include "domain/external_member.h"
#include "domain/pupil_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace koers::domain {

namespace {

template <class E>
struct Named {
  E value;
  const char* key;
  const char* label;
};

template <class E, size_t N>
std::string key_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.key;
  return "";
}
template <class E, size_t N>
std::string label_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.label;
  return "";
}
template <class E, size_t N>
std::optional<E> parse(const Named<E> (&table)[N], const std::string& key) {
  for (const auto& n : table)
    if (key == n.key) return n.value;
  return std::nullopt;
}

const Named<CaseOrigin> kOrigins[] = {
    {CaseOrigin::kGroupDiscussion, "groepsbespreking", "aangemeld in een groepsbespreking"},
    {CaseOrigin::kPupilDiscussion, "leerlingbespreking", "aangemeld in een leerlingbespreking"},
    {CaseOrigin::kIhpEvaluation, "ihp", "na de evaluatie van een IHP (externe stappen)"},
    {CaseOrigin::kDirect, "ib", "door de intern begeleider geopend"},
};
const Named<CaseStatus> kStatuses[] = {
    {CaseStatus::kRegistered, "aangemeld", "aangemeld"},
    {CaseStatus::kConsent, "toestemming", "toestemming geregeld"},
    {CaseStatus::kScheduled, "geagendeerd", "op de agenda van het zorgteam"},
    {CaseStatus::kDiscussed, "besproken", "besproken"},
    {CaseStatus::kAdvice, "advies", "advies gegeven"},
    {CaseStatus::kFollowUp, "volgen", "wordt gevolgd"},
    {CaseStatus::kClosed, "afgesloten", "afgesloten"},
    {CaseStatus::kReferred, "doorverwezen", "doorverwezen"},
};
const Named<ConsentPurpose> kPurposes[] = {
    {ConsentPurpose::kCareTeam, "zorgteam", "bespreking in het zorgteam"},
    {ConsentPurpose::kZatHandover, "zat", "overdracht aan het ZAT"},
    {ConsentPurpose::kHgd, "hgd", "handelingsgerichte diagnostiek (HGD)"},
};
const Named<ConsentForm> kForms[] = {
    {ConsentForm::kSignedForm, "formulier", "ondertekend formulier (bewaard door de school)"},
    {ConsentForm::kParentAccount, "koers", "in Koers gegeven door de ouder"},
};
const Named<CaseOutcomeKind> kOutcomes[] = {
    {CaseOutcomeKind::kHgd, "hgd", "handelingsgerichte diagnostiek (HGD)"},
    {CaseOutcomeKind::kSboViaPcl, "sbo-pcl", "lichter arrangement: SBO via de PCL"},
    {CaseOutcomeKind::kPabFromSbo, "pab-sbo", "lichter arrangement: PAB (ambulante begeleiding) vanuit het SBO"},
    {CaseOutcomeKind::kDyslexiaTreatment, "dyslexiebehandeling", "lichter arrangement: dyslexiebehandeling"},
    {CaseOutcomeKind::kSovaTraining, "sova", "lichter arrangement: SOVA-training"},
    {CaseOutcomeKind::kOther, "anders", "lichter arrangement: anders"},
    {CaseOutcomeKind::kZatHandover, "zat", "overdracht aan het ZAT"},
    {CaseOutcomeKind::kFollowUp, "volgen", "volgen door de school"},
};
const Named<CaseDocument> kDocuments[] = {
    {CaseDocument::kHelpQuestion, "hulpvraag", "hulpvraag en handelingsverlegenheid"},
    {CaseDocument::kGroupPlans, "groepsplannen", "groepsplannen (subgroep en evaluatie)"},
    {CaseDocument::kDiscussions, "besprekingen", "groeps- en leerlingbesprekingen"},
    {CaseDocument::kIhps, "ihps", "IHP's en hun evaluatie"},
    {CaseDocument::kNeeds, "onderwijsbehoeften", "onderwijsbehoeften en stimulerende en belemmerende factoren"},
    {CaseDocument::kResults, "toetsresultaten", "toetsresultaten (LVS)"},
};

bool contains(const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

const CaseMember* member_of(const CareTeamCase& c, Id account_id) {
  for (const auto& m : c.members)
    if (m.account_id == account_id) return &m;
  return nullptr;
}

}  // namespace

std::string case_origin_key(CaseOrigin o) { return key_of(kOrigins, o); }
std::string case_origin_label(CaseOrigin o) { return label_of(kOrigins, o); }
std::optional<CaseOrigin> parse_case_origin(const std::string& key) { return parse(kOrigins, key); }
std::string case_status_key(CaseStatus s) { return key_of(kStatuses, s); }
std::string case_status_label(CaseStatus s) { return label_of(kStatuses, s); }
std::optional<CaseStatus> parse_case_status(const std::string& key) { return parse(kStatuses, key); }
std::string consent_purpose_key(ConsentPurpose p) { return key_of(kPurposes, p); }
std::string consent_purpose_label(ConsentPurpose p) { return label_of(kPurposes, p); }
std::optional<ConsentPurpose> parse_consent_purpose(const std::string& key) { return parse(kPurposes, key); }
std::string consent_form_key(ConsentForm f) { return key_of(kForms, f); }
std::string consent_form_label(ConsentForm f) { return label_of(kForms, f); }
std::optional<ConsentForm> parse_consent_form(const std::string& key) { return parse(kForms, key); }
std::string case_document_key(CaseDocument d) { return key_of(kDocuments, d); }
std::string case_document_label(CaseDocument d) { return label_of(kDocuments, d); }
std::optional<CaseDocument> parse_case_document(const std::string& key) { return parse(kDocuments, key); }

std::string case_outcome_key(CaseOutcomeKind k) { return key_of(kOutcomes, k); }
std::string case_outcome_label(CaseOutcomeKind k) { return label_of(kOutcomes, k); }
std::optional<CaseOutcomeKind> parse_case_outcome(const std::string& key) { return parse(kOutcomes, key); }

const std::vector<CaseOutcomeKind>& all_case_outcomes() {
  static const std::vector<CaseOutcomeKind> all = [] {
    std::vector<CaseOutcomeKind> out;
    for (const auto& n : kOutcomes) out.push_back(n.value);
    return out;
  }();
  return all;
}

bool is_lighter_arrangement(CaseOutcomeKind k) {
  return k == CaseOutcomeKind::kSboViaPcl || k == CaseOutcomeKind::kPabFromSbo ||
         k == CaseOutcomeKind::kDyslexiaTreatment || k == CaseOutcomeKind::kSovaTraining || k == CaseOutcomeKind::kOther;
}

const std::vector<CaseDocument>& all_case_documents() {
  static const std::vector<CaseDocument> all = {CaseDocument::kHelpQuestion, CaseDocument::kGroupPlans,
                                                CaseDocument::kDiscussions,  CaseDocument::kIhps,
                                                CaseDocument::kNeeds,        CaseDocument::kResults};
  return all;
}

const std::vector<std::string>& care_team_disciplines() {
  // One list of disciplines: the externals' (external_member.h), so a consent's scope and an
  // external's profile use the same keys.
  static const std::vector<std::string> all = [] {
    std::vector<std::string> keys;
    for (const auto& info : all_disciplines()) keys.emplace_back(info.key);
    return keys;
  }();
  return all;
}

bool is_care_team_discipline(const std::string& key) {
  const auto& all = care_team_disciplines();
  return std::find(all.begin(), all.end(), key) != all.end();
}

bool consent_in_force(const Consent& c, const Date& today) {
  return !c.withdrawn() && c.given_on <= today && today <= c.valid_until;
}

ExternalAccess external_access(const CareTeamCase& c, Id account_id, const Date& today) {
  ExternalAccess out;
  const CaseMember* member = account_id ? member_of(c, account_id) : nullptr;
  if (!member) {
    out.refusal = ExternalRefusal::kNotInvited;
    out.reason = "U bent niet uitgenodigd voor deze casus.";
    return out;
  }
  // The most telling refusal among the consents seen: lower ranks win.
  auto rank = [](ExternalRefusal r) {
    switch (r) {
      case ExternalRefusal::kWithdrawn: return 0;
      case ExternalRefusal::kExpired: return 1;
      case ExternalRefusal::kNotYetGiven: return 2;
      case ExternalRefusal::kOtherPupil: return 3;
      case ExternalRefusal::kOutOfScope: return 4;
      default: return 5;
    }
  };
  ExternalRefusal seen = ExternalRefusal::kNoConsent;
  std::set<CaseDocument> documents;
  for (const Consent& k : c.consents) {
    if (k.purpose != ConsentPurpose::kCareTeam) continue;
    ExternalRefusal r = ExternalRefusal::kNone;
    if (k.pupil_id != c.pupil_id || (k.case_id && c.id && k.case_id != c.id)) r = ExternalRefusal::kOtherPupil;
    else if (k.withdrawn()) r = ExternalRefusal::kWithdrawn;
    else if (today < k.given_on) r = ExternalRefusal::kNotYetGiven;
    else if (k.valid_until < today) r = ExternalRefusal::kExpired;
    else if (!contains(k.externals, account_id) &&
             std::find(k.disciplines.begin(), k.disciplines.end(), member->discipline) == k.disciplines.end())
      r = ExternalRefusal::kOutOfScope;
    if (r == ExternalRefusal::kNone) {
      documents.insert(k.documents.begin(), k.documents.end());
      out.consent_ids.push_back(k.id);
    } else if (rank(r) < rank(seen)) {
      seen = r;
    }
  }
  if (!out.consent_ids.empty()) {
    for (CaseDocument d : all_case_documents())
      if (documents.count(d)) out.documents.push_back(d);
    return out;
  }
  out.refusal = seen;
  switch (seen) {
    case ExternalRefusal::kWithdrawn:
      out.reason = "De ouders hebben hun toestemming ingetrokken; u ziet niets meer van deze casus.";
      break;
    case ExternalRefusal::kExpired: out.reason = "De toestemming van de ouders is verlopen."; break;
    case ExternalRefusal::kNotYetGiven: out.reason = "De toestemming van de ouders gaat later in."; break;
    case ExternalRefusal::kOtherPupil: out.reason = "De toestemming geldt voor een andere leerling."; break;
    case ExternalRefusal::kOutOfScope:
      out.reason = "De toestemming van de ouders geldt niet voor u of uw discipline.";
      break;
    default: out.reason = "Er is geen toestemming van de ouders om deze casus met u te delen."; break;
  }
  return out;
}

std::optional<std::string> agenda_problem(const CareTeamCase& c, const Date& today) {
  if (c.members.empty()) {
    if (!c.parents_informed)
      return "Een interne bespreking heeft geen toestemming nodig, maar de ouders moeten wel geïnformeerd zijn: "
             "leg vast wanneer en hoe.";
    return std::nullopt;
  }
  for (const auto& m : c.members) {
    ExternalAccess a = external_access(c, m.account_id, today);
    if (!a.allowed())
      return fmt::format("Zonder geldige toestemming van de ouders gaat de casus niet op de agenda met externen: "
                         "{} ({}): {}",
                         m.name, m.discipline, a.reason);
  }
  return std::nullopt;
}

namespace {

// "Spelling: intensief · 2 doelen, 1 behaald" for the pupil's place in one subject's plan.
std::optional<std::string> plan_line(const SubjectPlan& s, Id pupil) {
  for (const auto& g : s.subgroups) {
    if (!contains(g.pupils, pupil)) continue;
    int reached = 0, judged = 0;
    for (const auto& goal : g.goals) {
      std::optional<GoalVerdict> v = goal.verdict;
      for (const auto& p : goal.pupils)
        if (p.pupil_id == pupil) v = p.verdict;
      if (!v) continue;
      ++judged;
      if (*v == GoalVerdict::kReached) ++reached;
    }
    std::string text = fmt::format("{}: {}", s.subject, approach_label(g.approach));
    if (!g.goals.empty())
      text += fmt::format(" · {} {}", g.goals.size(), g.goals.size() == 1 ? "doel" : "doelen");
    if (judged) text += fmt::format(", {} van {} behaald", reached, judged);
    return text;
  }
  for (const auto& line : s.individual)
    if (line.pupil_id == pupil) return fmt::format("{}: eigen leerlijn ({})", s.subject, line.text);
  return std::nullopt;
}

}  // namespace

std::vector<RouteStep> case_route(const PupilRecord& record) {
  RouteStep plans{"groepsplan", "Groepsplan (subgroep) met evaluatie", CaseDocument::kGroupPlans, false, {}};
  // Newest period first, as the other steps.
  for (auto it = record.plans.rbegin(); it != record.plans.rend(); ++it) {
    std::vector<std::string> lines;
    for (const auto& s : it->plan.subjects)
      if (auto line = plan_line(s, record.pupil_id)) lines.push_back(*line);
    if (lines.empty()) continue;
    if (it->plan.evaluation_closed) plans.done = true;
    for (const auto& l : lines)
      plans.evidence.push_back(fmt::format("{} · {}{}", it->period_name, l,
                                           it->plan.evaluation_closed ? "" : " (nog niet geëvalueerd)"));
  }
  RouteStep discussions{"leerlingbespreking", "Leerlingbespreking", CaseDocument::kDiscussions, false, {}};
  for (const auto& m : record.meetings) {
    if (m.kind != MeetingKind::kPupilDiscussion || m.pupil_id != record.pupil_id) continue;
    const bool held = m.status == MeetingStatus::kHeld || m.status == MeetingStatus::kReported;
    if (held) discussions.done = true;
    std::string text = fmt::format("Leerlingbespreking {}", m.planned_on ? m.planned_on->dutch() : "nog te plannen");
    if (!held) text += " (nog niet gehouden)";
    else if (m.outcome != PupilDiscussionOutcome::kNone) text += ": " + outcome_label(m.outcome);
    discussions.evidence.push_back(text);
  }
  RouteStep ihps{"ihp", "IHP met evaluatie", CaseDocument::kIhps, false, {}};
  for (const auto& i : record.ihps) {
    const bool evaluated = i.status == IhpStatus::kEvaluated || i.status == IhpStatus::kClosed;
    if (evaluated) ihps.done = true;
    std::string text = fmt::format("IHP {} t/m {}: {}", i.starts_on.dutch(), i.ends_on.dutch(), ihp_status_label(i.status));
    if (i.outcome) text += " · " + ihp_outcome_label(*i.outcome);
    ihps.evidence.push_back(text);
  }
  return {plans, discussions, ihps};
}

std::vector<std::string> missing_steps(const std::vector<RouteStep>& route) {
  std::vector<std::string> out;
  for (const auto& s : route)
    if (!s.done) out.push_back(s.label);
  return out;
}

std::vector<std::string> case_problems(const CareTeamCase& c, const std::vector<RouteStep>& route) {
  std::vector<std::string> out;
  if (c.status != CaseStatus::kRegistered && !missing_steps(route).empty() && blank(c.missing_step_reason))
    out.push_back(fmt::format("Handelingsverlegenheid: de route mist nog {}; schrijf waarom de casus toch naar het "
                              "zorgteam gaat.",
                              fmt::join(missing_steps(route), ", ")));
  for (size_t i = 0; i < c.help_question_parents.size(); ++i) {
    const auto& p = c.help_question_parents[i];
    if (blank(p.who)) out.push_back(fmt::format("Ouders bij de hulpvraag, regel {}: wie nam deel?", i + 1));
    if (!p.on.valid()) out.push_back(fmt::format("Ouders bij de hulpvraag, regel {}: wanneer?", i + 1));
  }
  if (c.parents_informed) {
    if (!c.parents_informed->on.valid()) out.push_back("Ouders geïnformeerd: de datum ontbreekt.");
    if (blank(c.parents_informed->how)) out.push_back("Ouders geïnformeerd: schrijf hoe de ouders zijn geïnformeerd.");
  }
  std::set<Id> seen;
  for (size_t i = 0; i < c.members.size(); ++i) {
    const auto& m = c.members[i];
    if (!m.account_id) out.push_back(fmt::format("Genodigden, regel {}: kies een extern zorgteamlid.", i + 1));
    else if (!seen.insert(m.account_id).second)
      out.push_back(fmt::format("Genodigden, regel {}: {} is al uitgenodigd.", i + 1, m.name));
    if (!is_care_team_discipline(m.discipline))
      out.push_back(fmt::format("Genodigden, regel {}: '{}' is geen discipline van het zorgteam.", i + 1, m.discipline));
  }
  return out;
}

std::vector<std::string> consent_problems(const Consent& c) {
  std::vector<std::string> out;
  if (blank(c.given_by)) out.push_back("Gegeven door: welke ouder of verzorger gaf de toestemming?");
  if (!c.given_on.valid()) out.push_back("Gegeven op: de datum ontbreekt.");
  if (!c.valid_until.valid()) out.push_back("Geldig tot: de datum ontbreekt.");
  else if (c.given_on.valid() && c.valid_until < c.given_on)
    out.push_back("Geldig tot: ligt voor de dag waarop de toestemming is gegeven.");
  for (const auto& d : c.disciplines)
    if (!is_care_team_discipline(d)) out.push_back(fmt::format("Disciplines: '{}' is geen discipline van het zorgteam.", d));
  if (c.purpose == ConsentPurpose::kCareTeam) {
    if (c.disciplines.empty() && c.externals.empty())
      out.push_back("Voor wie: noem de disciplines of de externen met wie de casus gedeeld mag worden.");
    if (c.documents.empty()) out.push_back("Stukken: noem welke stukken gedeeld mogen worden.");
  }
  return out;
}

std::vector<CaseStatus> next_statuses(CaseStatus from) {
  using S = CaseStatus;
  switch (from) {
    case S::kRegistered: return {S::kConsent};
    case S::kConsent: return {S::kScheduled};
    case S::kScheduled: return {S::kDiscussed};
    case S::kDiscussed: return {S::kAdvice, S::kScheduled, S::kReferred};
    case S::kAdvice: return {S::kFollowUp, S::kScheduled, S::kReferred, S::kClosed};
    case S::kFollowUp: return {S::kClosed, S::kScheduled, S::kReferred};
    case S::kClosed:
    case S::kReferred: return {};
  }
  return {};
}

std::optional<std::string> move_case(CareTeamCase& c, CaseStatus to, const std::vector<RouteStep>& route,
                                     const Date& today) {
  const auto allowed = next_statuses(c.status);
  if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
    if (allowed.empty()) return fmt::format("De casus is {}; hij verandert niet meer van status.", case_status_label(c.status));
    std::vector<std::string> names;
    for (CaseStatus s : allowed) names.push_back(case_status_label(s));
    return fmt::format("Van '{}' gaat een casus niet naar '{}', alleen naar: {}.", case_status_label(c.status),
                       case_status_label(to), fmt::join(names, ", "));
  }
  if (c.status == CaseStatus::kRegistered) {
    if (blank(c.help_question)) return "Schrijf eerst de hulpvraag (samen met de ouders).";
    if (auto missing = missing_steps(route); !missing.empty() && blank(c.missing_step_reason))
      return fmt::format("De route mist nog: {}. Schrijf waarom de casus toch naar het zorgteam gaat "
                         "(handelingsverlegenheid).",
                         fmt::join(missing, ", "));
  }
  switch (to) {
    case CaseStatus::kConsent: {
      bool consent = false;
      for (const auto& k : c.consents)
        consent = consent || (k.purpose == ConsentPurpose::kCareTeam && k.pupil_id == c.pupil_id &&
                              consent_in_force(k, today));
      if (!consent && !c.parents_informed)
        return "Leg de toestemming van de ouders vast, of (voor een interne bespreking) wanneer en hoe de ouders zijn "
               "geïnformeerd.";
      break;
    }
    case CaseStatus::kScheduled:
      if (auto problem = agenda_problem(c, today)) return problem;
      break;
    case CaseStatus::kAdvice:
      if (blank(c.advice)) return "Schrijf eerst het gezamenlijke advies.";
      break;
    case CaseStatus::kFollowUp:
      if (!c.follow_up_until || *c.follow_up_until <= today)
        return "Kies tot wanneer de casus gevolgd wordt (een datum na vandaag).";
      break;
    case CaseStatus::kClosed:
    case CaseStatus::kReferred:
      if (blank(c.outcome_note))
        return to == CaseStatus::kClosed ? "Schrijf bij het afsluiten wat het effect is."
                                         : "Schrijf waarheen de casus is doorverwezen.";
      break;
    default: break;
  }
  c.status = to;
  return std::nullopt;
}

std::vector<std::string> outcome_problems(const CareTeamCase& c, const std::vector<CaseOutcome>& before,
                                          const Date& today) {
  std::vector<std::string> out;
  auto stored = [&](CaseOutcomeKind kind) {
    return std::any_of(before.begin(), before.end(), [&](const CaseOutcome& b) { return b.kind == kind; });
  };
  const bool discussed =
      c.status != CaseStatus::kRegistered && c.status != CaseStatus::kConsent && c.status != CaseStatus::kScheduled;
  if (!discussed && std::any_of(c.outcomes.begin(), c.outcomes.end(), [&](const auto& o) { return !stored(o.kind); }))
    out.push_back("Uitkomsten: leg ze vast nadat het zorgteam de casus heeft besproken.");
  std::set<CaseOutcomeKind> seen;
  for (const auto& o : c.outcomes) {
    if (!seen.insert(o.kind).second)
      out.push_back(fmt::format("Uitkomsten: '{}' staat er twee keer.", case_outcome_label(o.kind)));
    if (o.kind == CaseOutcomeKind::kOther && blank(o.text))
      out.push_back("Uitkomsten, anders: schrijf welk arrangement.");
    if (o.kind != CaseOutcomeKind::kZatHandover || stored(o.kind)) continue;
    const bool consent = std::any_of(c.consents.begin(), c.consents.end(), [&](const Consent& k) {
      return k.purpose == ConsentPurpose::kZatHandover && k.pupil_id == c.pupil_id && consent_in_force(k, today);
    });
    if (!consent)
      out.push_back("Overdracht aan het ZAT: daarvoor is een eigen toestemming van de ouders nodig (waarvoor: "
                    "overdracht aan het ZAT) die vandaag geldt. Leg die eerst vast.");
  }
  return out;
}

std::vector<CaseReminder> case_reminders(const std::vector<CareTeamCase>& cases, const Date& today) {
  std::vector<CaseReminder> out;
  const Date follow_up_limit = add_days(today, kFollowUpWindowDays);
  const Date ending_limit = add_days(today, kConsentEndingWindowDays);
  const Date withdrawn_since = add_days(today, -kWithdrawalNoticeDays);
  for (const auto& c : cases) {
    const bool open = c.status != CaseStatus::kClosed && c.status != CaseStatus::kReferred;
    if (c.status == CaseStatus::kFollowUp && c.follow_up_until && *c.follow_up_until <= follow_up_limit)
      out.push_back({ReminderKind::kFollowUp, c.id, c.pupil_id, 0, *c.follow_up_until, *c.follow_up_until < today});
    for (const auto& k : c.consents) {
      if (k.withdrawn()) {
        // withdrawn_at is a UTC instant ("2027-02-10T09:30:00Z"); its day is near enough.
        auto day = parse_iso_date(k.withdrawn_at.substr(0, 10));
        if (day && withdrawn_since <= *day) out.push_back({ReminderKind::kConsentWithdrawn, c.id, c.pupil_id, k.id, *day});
        continue;
      }
      if (!open || !consent_in_force(k, today) || ending_limit < k.valid_until) continue;
      const bool renewed = std::any_of(c.consents.begin(), c.consents.end(), [&](const Consent& other) {
        return other.id != k.id && other.purpose == k.purpose && consent_in_force(other, today) &&
               k.valid_until < other.valid_until;
      });
      if (!renewed) out.push_back({ReminderKind::kConsentEnding, c.id, c.pupil_id, k.id, k.valid_until});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CaseReminder& a, const CaseReminder& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.on < b.on;
  });
  return out;
}

}  // namespace koers::domain
