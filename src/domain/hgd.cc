#include "domain/hgd.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/external_member.h"

namespace koers::domain {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool diagnostic(const std::string& discipline) {
  auto d = discipline_from_key(discipline);
  return d && discipline_info(*d).diagnostic;
}

std::string diagnostic_labels() {
  std::string out;
  for (const auto& info : all_disciplines())
    if (info.diagnostic) out += (out.empty() ? "" : ", ") + std::string(info.key);
  return out;
}

}  // namespace

std::string hgd_question_kind_key(HgdQuestionKind k) {
  switch (k) {
    case HgdQuestionKind::kIdentifying: return "onderkennend";
    case HgdQuestionKind::kExplaining: return "verklarend";
    case HgdQuestionKind::kAdvising: return "adviserend";
  }
  return "adviserend";
}
std::optional<HgdQuestionKind> parse_hgd_question_kind(const std::string& key) {
  for (auto k : {HgdQuestionKind::kIdentifying, HgdQuestionKind::kExplaining, HgdQuestionKind::kAdvising})
    if (hgd_question_kind_key(k) == key) return k;
  return std::nullopt;
}

std::string hgd_status_key(HgdStatus s) {
  switch (s) {
    case HgdStatus::kRequested: return "aangevraagd";
    case HgdStatus::kInResearch: return "in-onderzoek";
    case HgdStatus::kReportReceived: return "verslag-ontvangen";
    case HgdStatus::kDiscussed: return "besproken";
  }
  return "aangevraagd";
}
std::string hgd_status_label(HgdStatus s) {
  std::string key = hgd_status_key(s);
  std::replace(key.begin(), key.end(), '-', ' ');
  return key;
}
std::optional<HgdStatus> parse_hgd_status(const std::string& key) {
  for (auto s : {HgdStatus::kRequested, HgdStatus::kInResearch, HgdStatus::kReportReceived, HgdStatus::kDiscussed})
    if (hgd_status_key(s) == key) return s;
  return std::nullopt;
}

HgdConsentCheck hgd_consent(const CareTeamCase& c, Id expert_account_id, const std::string& expert_discipline,
                            const Date& today) {
  // Lower rank: the more telling refusal.
  int seen = 4;
  static const char* const kReasons[] = {
      "De ouders hebben hun toestemming voor HGD ingetrokken.",
      "De toestemming van de ouders voor HGD is verlopen.",
      "De toestemming van de ouders voor HGD gaat later in.",
      "De toestemming van de ouders voor HGD geldt niet voor deze deskundige of discipline.",
      "Er is geen toestemming van de ouders voor HGD: leg die eerst vast (waarvoor: HGD).",
  };
  for (const Consent& k : c.consents) {
    if (k.purpose != ConsentPurpose::kHgd || k.pupil_id != c.pupil_id || (k.case_id && c.id && k.case_id != c.id))
      continue;
    int r = -1;
    const bool names_nobody = k.externals.empty() && k.disciplines.empty();
    if (k.withdrawn()) r = 0;
    else if (k.valid_until < today) r = 1;
    else if (today < k.given_on) r = 2;
    else if (!names_nobody && !contains(k.externals, expert_account_id) && !contains(k.disciplines, expert_discipline))
      r = 3;
    if (r < 0) return {k.id, ""};
    seen = std::min(seen, r);
  }
  return {0, kReasons[seen]};
}

std::vector<std::string> hgd_problems(const HgdRequest& r) {
  std::vector<std::string> out;
  if (blank(r.help_question)) out.push_back("Hulpvraag: wat wil de school met de ouders weten?");
  if (r.questions.empty()) out.push_back("Onderzoeksvragen: noem minstens één vraag voor de deskundige.");
  for (size_t i = 0; i < r.questions.size(); ++i)
    if (blank(r.questions[i])) out.push_back(fmt::format("Onderzoeksvraag {}: is leeg.", i + 1));
  if (r.expert_account_id == 0) out.push_back("Deskundige: kies de externe deskundige die het onderzoek doet.");
  else if (!diagnostic(r.expert_discipline))
    out.push_back(fmt::format("Deskundige: een {} doet geen handelingsgerichte diagnostiek (wel: {}).",
                              r.expert_discipline.empty() ? "extern zonder discipline" : r.expert_discipline,
                              diagnostic_labels()));
  if (!r.requested_on.valid()) out.push_back("Aangevraagd op: de datum ontbreekt.");
  for (size_t i = 0; i < r.recommendations.size(); ++i)
    if (blank(r.recommendations[i].text)) out.push_back(fmt::format("Advies {}: is leeg.", i + 1));
  return out;
}

std::optional<std::string> request_refusal(const CareTeamCase& c, HgdRequest& r, const Date& today) {
  if (c.status == CaseStatus::kClosed || c.status == CaseStatus::kReferred)
    return "De casus is " + case_status_label(c.status) + "; vraag geen HGD meer aan.";
  HgdConsentCheck k = hgd_consent(c, r.expert_account_id, r.expert_discipline, today);
  if (!k.ok()) return "Geen HGD aangevraagd. " + k.reason;
  r.consent_id = k.consent_id;
  return std::nullopt;
}

std::vector<HgdStatus> next_hgd_statuses(HgdStatus from) {
  switch (from) {
    case HgdStatus::kRequested: return {HgdStatus::kInResearch};
    case HgdStatus::kInResearch: return {HgdStatus::kReportReceived};
    case HgdStatus::kReportReceived: return {HgdStatus::kDiscussed};
    case HgdStatus::kDiscussed: return {};
  }
  return {};
}

std::optional<std::string> move_hgd(HgdRequest& r, HgdStatus to) {
  if (to == r.status) return std::nullopt;
  if (!contains(next_hgd_statuses(r.status), to))
    return fmt::format("Status: van {} gaat een HGD niet naar {}.", hgd_status_label(r.status), hgd_status_label(to));
  if ((to == HgdStatus::kReportReceived || to == HgdStatus::kDiscussed) && r.report_document_id == 0)
    return "Status: er is nog geen verslag van de deskundige; upload eerst het verslag (PDF).";
  r.status = to;
  return std::nullopt;
}

void receive_report(HgdRequest& r, Id document_id) {
  r.report_document_id = document_id;
  if (r.status == HgdStatus::kRequested || r.status == HgdStatus::kInResearch) r.status = HgdStatus::kReportReceived;
}

std::optional<std::string> set_recommendations(HgdRequest& r, std::vector<std::string> texts) {
  std::erase_if(texts, [](const std::string& t) { return blank(t); });
  std::vector<HgdRecommendation> next;
  for (size_t i = 0; i < texts.size(); ++i) {
    HgdRecommendation rec;
    rec.text = texts[i];
    if (i < r.recommendations.size() && r.recommendations[i].text == texts[i]) rec = r.recommendations[i];
    next.push_back(std::move(rec));
  }
  for (size_t i = 0; i < r.recommendations.size(); ++i)
    if (r.recommendations[i].taken_over() && (i >= next.size() || !next[i].taken_over()))
      return fmt::format("Advies {}: is al overgenomen als onderwijsbehoefte en verandert niet meer.", i + 1);
  r.recommendations = std::move(next);
  return std::nullopt;
}

std::optional<std::string> take_over_refusal(const HgdRequest& r, int number) {
  if (number < 1 || static_cast<size_t>(number) > r.recommendations.size())
    return fmt::format("Advies {}: bestaat niet in deze HGD.", number);
  if (r.report_document_id == 0) return "Er is nog geen verslag: neem een advies over nadat het verslag er is.";
  if (r.recommendations[number - 1].taken_over())
    return fmt::format("Advies {}: is al overgenomen als onderwijsbehoefte.", number);
  return std::nullopt;
}

OverviewEntry need_from_recommendation(const HgdRequest& r, int number, EntryKind kind, const std::string& topic,
                                       const std::string& text) {
  OverviewEntry e;
  e.pupil_id = r.pupil_id;
  e.kind = kind;
  e.topic = topic;
  e.text = blank(text) ? r.recommendations.at(number - 1).text : text;
  e.source = InformationSource::kResearch;
  return e;
}

Meeting new_advice_meeting(const HgdRequest& r, Id group_id, const Date& on) {
  Meeting m = new_meeting(MeetingKind::kHgdAdvice, r.school_id, on);
  m.hgd_id = r.id;
  m.pupil_id = r.pupil_id;
  m.group_id = group_id;
  return m;
}

namespace {

// Whether `m` is the adviesgesprek of `r` as to kind, request, school and pupil; else why not.
std::optional<std::string> not_of_request(const HgdRequest& r, const Meeting& m) {
  if (m.kind != MeetingKind::kHgdAdvice) return "Dit is geen adviesgesprek over een HGD.";
  if (m.hgd_id != r.id) return "Dit adviesgesprek hoort bij een andere HGD.";
  if (m.school_id != r.school_id) return "Dit adviesgesprek hoort bij een andere school dan de HGD.";
  if (m.pupil_id != r.pupil_id) return "Dit adviesgesprek gaat over een andere leerling dan de HGD.";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> advice_meeting_refusal(const HgdRequest& r, const Meeting& m) {
  if (auto other = not_of_request(r, m)) return other;
  if (r.meeting_id != 0 && r.meeting_id != m.id)
    return "Deze HGD heeft al een adviesgesprek; verzet dat gesprek in plaats van een tweede te plannen.";
  if (!m.planned_on || !m.planned_on->valid()) return "Datum: kies de datum van het adviesgesprek.";
  for (const auto& [role, label] :
       {std::pair{"ouders", "de ouders"}, std::pair{"leerkracht", "de leerkracht"}, std::pair{"ib", "de IB"}})
    if (std::none_of(m.participants.begin(), m.participants.end(),
                     [&](const MeetingParticipant& p) { return p.role == role && !blank(p.name); }))
      return fmt::format(
          "Deelnemers: nodig ook {} uit; de uitkomst van een HGD bespreekt de school met ouders, "
          "leerkracht en IB samen.",
          label);
  return std::nullopt;
}

std::optional<std::string> discuss_in_meeting(HgdRequest& r, const Meeting& m) {
  if (auto other = not_of_request(r, m)) return other;
  if (m.status != MeetingStatus::kHeld && m.status != MeetingStatus::kReported)
    return "Het adviesgesprek is nog niet gehouden.";
  if (r.status == HgdStatus::kDiscussed) return std::nullopt;
  if (r.report_document_id == 0)
    return "Er is nog geen verslag van de deskundige: het adviesgesprek bespreekt het verslag; upload het eerst (PDF).";
  r.status = HgdStatus::kDiscussed;
  return std::nullopt;
}

HgdActor hgd_actor(const Principal& who, const PupilScope& pupil, const CareTeamCase& c, const HgdRequest& r,
                   const Date& today) {
  if (who.account_id == 0 || r.case_id != c.id || c.pupil_id != pupil.pupil_id || r.pupil_id != pupil.pupil_id ||
      c.school_id != pupil.school_id || who.board_id != pupil.board_id)
    return HgdActor::kNone;
  switch (who.role) {
    case Role::kSupportCoordinator: return who.school_id == pupil.school_id ? HgdActor::kCoordinator : HgdActor::kNone;
    case Role::kCareTeamMember:
      return who.account_id == r.expert_account_id && hgd_consent(c, who.account_id, r.expert_discipline, today).ok()
                 ? HgdActor::kExpert
                 : HgdActor::kNone;
    case Role::kTeacher:
      for (Id g : who.group_ids)
        if (contains(pupil.current_group_ids, g)) return who.school_id == pupil.school_id ? HgdActor::kReader : HgdActor::kNone;
      return HgdActor::kNone;
    case Role::kHead:
    case Role::kParent:
    case Role::kBoardAdmin:
    case Role::kPrivacyOfficer: return HgdActor::kNone;
  }
  return HgdActor::kNone;
}

}  // namespace koers::domain
