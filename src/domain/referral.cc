#include "domain/referral.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace koers::domain {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

struct PartInfo {
  ReferralPart part;
  const char* key;
  const char* label;
};
constexpr PartInfo kParts[] = {
    {ReferralPart::kNeeds, "onderwijsbehoeften", "Onderwijsbehoeften"},
    {ReferralPart::kGroupPlans, "groepsplannen", "Groepsplannen (subgroep) met evaluatie"},
    {ReferralPart::kIhps, "ihps", "Individuele handelingsplannen met evaluatie"},
    {ReferralPart::kOpp, "opp", "Ontwikkelingsperspectief (OPP)"},
    {ReferralPart::kTestResults, "toetsresultaten", "Resultaten van methodeonafhankelijke toetsen"},
    {ReferralPart::kPupilDiscussions, "leerlingbesprekingen", "Verslagen van leerlingbesprekingen"},
    {ReferralPart::kHgdReports, "hgd-verslagen", "Verslag HGD"},
    {ReferralPart::kCareTeamReports, "zorgteamverslagen", "Verslagen van het zorgteam"},
    {ReferralPart::kHandelingsverlegenheid, "handelingsverlegenheid", "Handelingsverlegenheid van de school"},
    {ReferralPart::kParentsView, "zienswijze-ouders", "Zienswijze van de ouders"},
    {ReferralPart::kExpertAdvices, "deskundigenadviezen", "Deskundigenadviezen"},
};

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > 40) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool may_see(const Principal& who, const PupilScope& pupil) {
  return who.board_id == pupil.board_id && who.school_id != 0 && who.school_id == pupil.school_id;
}

}  // namespace

std::string referral_part_key(ReferralPart p) {
  for (const auto& i : kParts)
    if (i.part == p) return i.key;
  return "";
}
std::string referral_part_label(ReferralPart p) {
  for (const auto& i : kParts)
    if (i.part == p) return i.label;
  return "";
}
std::optional<ReferralPart> parse_referral_part(const std::string& key) {
  for (const auto& i : kParts)
    if (key == i.key) return i.part;
  return std::nullopt;
}
const std::vector<ReferralPart>& all_referral_parts() {
  static const std::vector<ReferralPart> all = [] {
    std::vector<ReferralPart> out;
    for (const auto& i : kParts) out.push_back(i.part);
    return out;
  }();
  return all;
}

std::vector<ReferralProcedure> default_referral_procedures() {
  using P = ReferralPart;
  ReferralProcedure pcl{
      "pcl-sbo",
      "Aanmelding bij de PCL voor het SBO",
      "PCL van het samenwerkingsverband",
      false,
      {"SBO"},
      {{"aanmelding", "Ouders en school melden de leerling aan bij de PCL"},
       {"okr", "De school levert het OKR met plannen, besprekingen, HGD- en zorgteamverslagen"},
       {"ouders", "Ouders krijgen een kopie en kunnen informatie toevoegen"},
       {"bespreking", "De PCL bespreekt de leerling en geeft een beschikking"},
       {"plaatsing", "Na een positieve beschikking: plaatsing op het SBO"}},
      {{"aanmelding", "toestemming voor aanmelding en bespreking in de PCL", true},
       {"plaatsing", "toestemming voor plaatsing op het SBO na een positieve beschikking", false}},
      {{P::kNeeds, 1},
       {P::kGroupPlans, 1},
       {P::kIhps, 1},
       {P::kPupilDiscussions, 1},
       {P::kTestResults, 1},
       {P::kCareTeamReports, 1},
       {P::kHandelingsverlegenheid, 1}}};
  ReferralProcedure cvi{
      "cvi-so",
      "Aanvraag bij de CVI: SO of rugzak",
      "CVI van het cluster",
      true,
      {"SO", "rugzak"},
      {{"aanvraag", "Ouders vragen bij de CVI van het cluster plaatsing op het SO of een rugzak aan"},
       {"okr", "De school vult het OKR van het cluster in, met HGD, plannen en besprekingen"},
       {"ouders", "Ouders krijgen een kopie, kunnen informatie toevoegen en kiezen SO of rugzak"},
       {"indicatie", "De CVI beslist over de indicatie"}},
      {{"aanvraag", "toestemming voor de aanvraag bij de CVI (SO of rugzak)", true}},
      {{P::kNeeds, 1},
       {P::kIhps, 1},
       {P::kPupilDiscussions, 1},
       {P::kTestResults, 1},
       {P::kHgdReports, 1},
       {P::kCareTeamReports, 1},
       {P::kHandelingsverlegenheid, 1}}};
  ReferralProcedure tlv{
      "tlv",
      "Toelaatbaarheidsverklaring (TLV) of arrangement bij het samenwerkingsverband",
      "Samenwerkingsverband passend onderwijs",
      false,
      {"SBO", "SO", "arrangement"},
      {{"aanvraag", "Het bestuur vraagt de TLV of het arrangement aan met het dossier van de school"},
       {"deskundigen", "Twee onafhankelijke deskundigen adviseren"},
       {"ouders", "Ouders zien het dossier en geven hun zienswijze"},
       {"besluit", "Het samenwerkingsverband beslist"}},
      {{"aanvraag", "toestemming van de ouders voor de aanvraag bij het samenwerkingsverband", true}},
      {{P::kNeeds, 1},
       {P::kGroupPlans, 1},
       {P::kIhps, 1},
       {P::kOpp, 1},
       {P::kTestResults, 1},
       {P::kHandelingsverlegenheid, 1},
       {P::kExpertAdvices, 2},
       {P::kParentsView, 1}}};
  return {pcl, cvi, tlv};
}

ReferralSummary referral_summary(const Referral& r) {
  ReferralSummary s;
  s.id = r.id;
  s.pupil_id = r.pupil_id;
  s.case_id = r.case_id;
  s.procedure_key = r.procedure.key;
  s.procedure_name = r.procedure.name;
  s.cluster = r.cluster;
  s.status = r.status;
  s.reason = r.reason;
  for (const RecordedConsent& k : r.consents) {
    std::string label = k.key;
    for (const ProcedureConsent& c : r.procedure.consents)
      if (c.key == k.key) label = c.label;
    s.consents_given.push_back(
        fmt::format("{}: {}{}", label, k.given_by, k.given_on.valid() ? ", " + k.given_on.dutch() : ""));
  }
  s.consents_missing = missing_consents(r);
  s.parents_copy_at = r.parents_copy_at;
  s.parents_copy_by = r.parents_copy_by;
  s.parents_responded = !blank(r.parents.view) || r.parents.agrees.has_value();
  s.parents_agree = r.parents.agrees;
  s.parents_at = r.parents.at;
  s.sent_at = r.sent_at;
  s.sent_by = r.sent_by;
  s.sent_to = r.sent_to;
  s.decision = r.decision;
  s.created_by = r.created_by;
  s.created_at = r.created_at;
  s.saved_by = r.saved_by;
  s.saved_at = r.saved_at;
  return s;
}

std::vector<std::string> procedure_problems(const std::vector<ReferralProcedure>& procedures) {
  std::vector<std::string> out;
  if (procedures.empty()) out.push_back("Procedures: er moet minstens één verwijsprocedure zijn.");
  std::set<std::string> keys;
  for (size_t i = 0; i < procedures.size(); ++i) {
    const auto& p = procedures[i];
    const std::string name = blank(p.name) ? fmt::format("Procedure {}", i + 1) : fmt::format("Procedure '{}'", p.name);
    if (!valid_key(p.key))
      out.push_back(fmt::format("{}: de sleutel '{}' mag alleen kleine letters, cijfers en '-' bevatten.", name, p.key));
    else if (!keys.insert(p.key).second)
      out.push_back(fmt::format("{}: de sleutel '{}' wordt al gebruikt.", name, p.key));
    if (blank(p.name)) out.push_back(fmt::format("{}: de naam ontbreekt.", name));
    if (blank(p.addressee)) out.push_back(fmt::format("{}: aan wie wordt verzonden? De geadresseerde ontbreekt.", name));
    if (p.steps.empty()) out.push_back(fmt::format("{}: er moet minstens één stap zijn.", name));
    std::set<std::string> step_keys;
    for (size_t s = 0; s < p.steps.size(); ++s) {
      if (!valid_key(p.steps[s].key) || blank(p.steps[s].label))
        out.push_back(fmt::format("{}, stap {}: sleutel en omschrijving zijn nodig.", name, s + 1));
      else if (!step_keys.insert(p.steps[s].key).second)
        out.push_back(fmt::format("{}, stap {}: de sleutel '{}' komt twee keer voor.", name, s + 1, p.steps[s].key));
    }
    std::set<std::string> consent_keys;
    for (size_t c = 0; c < p.consents.size(); ++c) {
      if (!valid_key(p.consents[c].key) || blank(p.consents[c].label))
        out.push_back(fmt::format("{}, toestemming {}: sleutel en omschrijving zijn nodig.", name, c + 1));
      else if (!consent_keys.insert(p.consents[c].key).second)
        out.push_back(
            fmt::format("{}, toestemming {}: de sleutel '{}' komt twee keer voor.", name, c + 1, p.consents[c].key));
    }
    std::set<ReferralPart> parts;
    for (const auto& r : p.required) {
      if (!parts.insert(r.part).second)
        out.push_back(fmt::format("{}: '{}' staat twee keer bij de vereiste stukken.", name, referral_part_label(r.part)));
      if (r.at_least < 1 || r.at_least > 9)
        out.push_back(fmt::format("{}: '{}' moet 1 tot 9 keer vereist zijn.", name, referral_part_label(r.part)));
    }
    if (p.needs_cluster && p.placements.empty())
      out.push_back(fmt::format("{}: noem waar een positief besluit de leerling plaatst (SO, rugzak).", name));
  }
  return out;
}

const ReferralProcedure* find_procedure(const std::vector<ReferralProcedure>& procedures, const std::string& key) {
  for (const auto& p : procedures)
    if (p.key == key) return &p;
  return nullptr;
}

std::string referral_status_key(ReferralStatus s) {
  switch (s) {
    case ReferralStatus::kDraft: return "concept";
    case ReferralStatus::kWithParents: return "bij-ouders";
    case ReferralStatus::kSent: return "verzonden";
    case ReferralStatus::kDecided: return "besloten";
    case ReferralStatus::kWithdrawn: return "ingetrokken";
  }
  return "concept";
}
std::string referral_status_label(ReferralStatus s) {
  switch (s) {
    case ReferralStatus::kDraft: return "in voorbereiding";
    case ReferralStatus::kWithParents: return "kopie bij de ouders";
    case ReferralStatus::kSent: return "verzonden";
    case ReferralStatus::kDecided: return "besluit ontvangen";
    case ReferralStatus::kWithdrawn: return "ingetrokken";
  }
  return "";
}
std::optional<ReferralStatus> parse_referral_status(const std::string& key) {
  for (auto s : {ReferralStatus::kDraft, ReferralStatus::kWithParents, ReferralStatus::kSent, ReferralStatus::kDecided,
                 ReferralStatus::kWithdrawn})
    if (referral_status_key(s) == key) return s;
  return std::nullopt;
}

std::vector<std::string> referral_problems(const Referral& r) {
  std::vector<std::string> out;
  if (r.procedure.needs_cluster && (r.cluster < 1 || r.cluster > 4))
    out.push_back("Cluster: kies cluster 1, 2, 3 of 4.");
  else if (!r.procedure.needs_cluster && r.cluster != 0)
    out.push_back(fmt::format("Cluster: de procedure '{}' kent geen cluster.", r.procedure.name));
  for (size_t i = 0; i < r.consents.size(); ++i) {
    const auto& c = r.consents[i];
    const bool known = std::any_of(r.procedure.consents.begin(), r.procedure.consents.end(),
                                   [&](const ProcedureConsent& p) { return p.key == c.key; });
    if (!known) out.push_back(fmt::format("Toestemming {}: '{}' vraagt deze procedure niet.", i + 1, c.key));
    if (blank(c.given_by)) out.push_back(fmt::format("Toestemming {}: welke ouder of verzorger gaf haar?", i + 1));
    if (!c.given_on.valid()) out.push_back(fmt::format("Toestemming {}: de datum ontbreekt.", i + 1));
  }
  for (size_t i = 0; i < r.expert_advices.size(); ++i) {
    const auto& a = r.expert_advices[i];
    if (blank(a.name)) out.push_back(fmt::format("Deskundigenadvies {}: de naam van de deskundige ontbreekt.", i + 1));
    if (blank(a.discipline)) out.push_back(fmt::format("Deskundigenadvies {}: de discipline ontbreekt.", i + 1));
    if (blank(a.text)) out.push_back(fmt::format("Deskundigenadvies {}: het advies ontbreekt.", i + 1));
  }
  if (r.parents.agrees == false && blank(r.parents.reason))
    out.push_back("Ouders: schrijf waarom de ouders het niet eens zijn.");
  if (r.decision && !r.decision->on.valid()) out.push_back("Besluit: de datum ontbreekt.");
  return out;
}

std::vector<std::string> missing_parts(const ReferralProcedure& p, const PartCounts& present) {
  std::vector<std::string> out;
  for (const auto& req : p.required) {
    auto it = present.find(req.part);
    const int have = it == present.end() ? 0 : it->second;
    if (have >= req.at_least) continue;
    if (req.at_least == 1) out.push_back(fmt::format("{} ontbreekt", referral_part_label(req.part)));
    else out.push_back(fmt::format("{}: {} van de {}", referral_part_label(req.part), have, req.at_least));
  }
  return out;
}

std::vector<std::string> missing_consents(const Referral& r) {
  std::vector<std::string> out;
  for (const auto& c : r.procedure.consents) {
    if (!c.before_sending) continue;
    const bool recorded = std::any_of(r.consents.begin(), r.consents.end(),
                                      [&](const RecordedConsent& g) { return g.key == c.key && g.given_on.valid(); });
    if (!recorded) out.push_back(c.label);
  }
  return out;
}

std::optional<std::string> send_refusal(const Referral& r, const PartCounts& present) {
  if (r.status == ReferralStatus::kWithdrawn) return "Deze verwijzing is ingetrokken en kan niet worden verzonden.";
  if (r.sent()) return fmt::format("Deze verwijzing is al verzonden ({}).", r.sent_to);
  if (!r.parents_copy_available())
    return "Nog niet verzenden: de ouders moeten eerst hun kopie kunnen inzien. Stel de kopie voor de ouders "
           "beschikbaar; zij kunnen dan hun zienswijze toevoegen.";
  if (auto consents = missing_consents(r); !consents.empty())
    return fmt::format("Nog niet verzenden: de toestemming van de ouders ontbreekt ({}).", fmt::join(consents, "; "));
  if (auto parts = missing_parts(r.procedure, present); !parts.empty())
    return fmt::format("Nog niet verzenden: het dossier is niet compleet ({}).", fmt::join(parts, "; "));
  return std::nullopt;
}

std::optional<std::string> parents_copy_refusal(const Referral& r) {
  if (r.status == ReferralStatus::kWithdrawn) return "Deze verwijzing is ingetrokken.";
  if (r.sent()) return "Deze verwijzing is al verzonden.";
  return std::nullopt;
}

std::optional<std::string> parents_response_refusal(const Referral& r) {
  if (!r.parents_copy_available()) return "De kopie voor de ouders is nog niet beschikbaar.";
  if (r.sent() || r.status == ReferralStatus::kWithdrawn)
    return "De verwijzing is al verzonden; uw zienswijze kan niet meer worden gewijzigd.";
  return std::nullopt;
}

std::optional<std::string> decision_refusal(const Referral& r, const ReferralDecision& d) {
  if (!r.sent()) return "Een besluit volgt pas als de verwijzing is verzonden.";
  if (!d.on.valid()) return "Besluit: de datum ontbreekt.";
  if (d.positive && blank(d.placement)) return "Besluit: noem de plaatsing of het arrangement.";
  return std::nullopt;
}

ReferralActor referral_actor(const Principal& who, const PupilScope& pupil, const Referral& r) {
  if (r.pupil_id != pupil.pupil_id) return ReferralActor::kNone;
  switch (who.role) {
    case Role::kSupportCoordinator:
      return may_see(who, pupil) ? ReferralActor::kCoordinator : ReferralActor::kNone;
    case Role::kHead:
      return may_see(who, pupil) ? ReferralActor::kReader : ReferralActor::kNone;
    case Role::kTeacher:
      return may_view_pupil(who, pupil) ? ReferralActor::kReader : ReferralActor::kNone;
    case Role::kParent:
      return may_view_pupil(who, pupil) && r.parents_copy_available() ? ReferralActor::kParent : ReferralActor::kNone;
    case Role::kCareTeamMember:
    case Role::kBoardAdmin:
    case Role::kPrivacyOfficer:
      return ReferralActor::kNone;
  }
  return ReferralActor::kNone;
}

bool may_start_referral(const Principal& who, const PupilScope& pupil) {
  return who.role == Role::kSupportCoordinator && may_see(who, pupil);
}

bool may_edit_procedures(const Principal& who, Id board_id) {
  return who.role == Role::kBoardAdmin && who.board_id == board_id && board_id != 0;
}
bool may_read_procedures(const Principal& who, Id board_id) {
  return may_edit_procedures(who, board_id) ||
         ((who.role == Role::kSupportCoordinator || who.role == Role::kHead) && who.board_id == board_id &&
          who.school_id != 0);
}

}  // namespace koers::domain
