#include "domain/okr.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "domain/test_scale.h"

namespace koers::domain {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string number_text(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string date_of(const std::string& iso_instant) {
  auto d = parse_iso_date(iso_instant.substr(0, std::min<size_t>(10, iso_instant.size())));
  return d ? d->dutch() : "";
}

OkrSection section(ReferralPart p) { return OkrSection{p, referral_part_label(p), {}, 0}; }

// The pupil's place in a plan's subject: "Spelling, intensief: doel 'X' behaald; …".
std::vector<std::string> plan_lines(const RecordPlan& rp, Id pupil) {
  std::vector<std::string> out;
  for (const auto& s : rp.plan.subjects) {
    for (const auto& g : s.subgroups) {
      if (std::find(g.pupils.begin(), g.pupils.end(), pupil) == g.pupils.end()) continue;
      std::vector<std::string> goals;
      for (const auto& goal : g.goals) {
        std::optional<GoalVerdict> v = goal.verdict;
        for (const auto& p : goal.pupils)
          if (p.pupil_id == pupil) v = p.verdict;
        goals.push_back(fmt::format("{} ({})", goal.text, v ? verdict_label(*v) : "niet beoordeeld"));
      }
      std::string line = fmt::format("{} · {}, subgroep {}", rp.period_name, s.subject, approach_label(g.approach));
      if (!blank(g.content)) line += fmt::format(" · aanbod: {}", g.content);
      if (!goals.empty()) line += fmt::format(" · doelen: {}", fmt::join(goals, "; "));
      if (!rp.plan.evaluation_closed) line += " (nog niet geëvalueerd)";
      out.push_back(line);
    }
    for (const auto& l : s.individual)
      if (l.pupil_id == pupil)
        out.push_back(fmt::format("{} · {}, eigen leerlijn: {}{}", rp.period_name, s.subject, l.text,
                                  rp.plan.evaluation_closed ? "" : " (nog niet geëvalueerd)"));
  }
  return out;
}

}  // namespace

PartCounts Okr::counts() const {
  PartCounts out;
  for (const auto& s : sections) out[s.part] = s.counted;
  return out;
}

Okr assemble_okr(const PupilRecord& record, const Referral& r, const OkrSources& sources) {
  Okr okr;
  okr.referral_id = r.id;
  okr.pupil_id = record.pupil_id;
  okr.pupil_name = record.name;
  okr.year_group = record.year_group;
  okr.school_name = sources.school_name;
  okr.procedure_name = r.procedure.name;
  okr.addressee = r.sent_to.empty() ? r.procedure.addressee : r.sent_to;
  okr.cluster = r.cluster;
  okr.reason = r.reason;

  OkrSection needs = section(ReferralPart::kNeeds);
  for (const auto& e : record.line.entries) {
    if (e.kind != EntryKind::kGeneralNeed && e.kind != EntryKind::kSubjectNeed) continue;
    needs.lines.push_back(fmt::format("{}{} (bron: {})", e.topic.empty() ? "" : e.topic + ": ", need_sentence(e.text),
                                      source_label(e.source)));
    ++needs.counted;
  }
  for (const auto& e : record.line.entries)
    if (e.kind == EntryKind::kHindering || e.kind == EntryKind::kProtective)
      needs.lines.push_back(fmt::format("{}: {}", entry_kind_label(e.kind), e.text));

  OkrSection plans = section(ReferralPart::kGroupPlans);
  std::vector<const RecordPlan*> all_plans;  // earlier school years first, then this one
  for (const auto& rp : record.earlier_plans) all_plans.push_back(&rp);
  for (const auto& rp : record.plans) all_plans.push_back(&rp);
  for (const RecordPlan* p : all_plans) {
    const RecordPlan& rp = *p;
    auto lines = plan_lines(rp, record.pupil_id);
    if (lines.empty()) continue;
    if (rp.plan.evaluation_closed) ++plans.counted;
    for (auto& l : lines) plans.lines.push_back(std::move(l));
  }

  OkrSection ihps = section(ReferralPart::kIhps);
  OkrSection opp = section(ReferralPart::kOpp);
  for (const auto& i : record.ihp_plans) {
    const bool evaluated = i.status == IhpStatus::kEvaluated || i.status == IhpStatus::kClosed;
    if (evaluated) ++ihps.counted;
    std::string line = fmt::format("IHP {} t/m {} ({})", i.starts_on.dutch(), i.ends_on.dutch(), ihp_status_label(i.status));
    std::vector<std::string> goals;
    for (const auto& g : i.goals)
      goals.push_back(fmt::format("doel {} ({}): {}{}", g.number, g.area, g.text,
                                  g.verdict ? " — " + verdict_label(*g.verdict) : ""));
    if (!goals.empty()) line += fmt::format(" · {}", fmt::join(goals, "; "));
    if (!blank(i.evaluation)) line += fmt::format(" · evaluatie: {}", i.evaluation);
    if (i.outcome) line += fmt::format(" · {}", ihp_outcome_label(*i.outcome));
    ihps.lines.push_back(line);
    if (i.opp && !blank(i.opp->outflow)) {
      ++opp.counted;
      std::string o = fmt::format("Uitstroombestemming: {}", i.opp->outflow);
      if (!blank(i.opp->reasons)) o += fmt::format(" · onderbouwing: {}", i.opp->reasons);
      if (!blank(i.opp->hindering)) o += fmt::format(" · belemmerend: {}", i.opp->hindering);
      if (!blank(i.opp->helping)) o += fmt::format(" · bevorderend: {}", i.opp->helping);
      opp.lines.push_back(o);
    }
  }

  OkrSection results = section(ReferralPart::kTestResults);
  for (const auto& t : record.results) {
    std::string line = fmt::format("{} {}", t.subject, t.moment.label());
    if (t.ability_score) line += fmt::format(": vaardigheidsscore {}", number_text(*t.ability_score));
    if (t.level) line += fmt::format(", niveau {}", t.level->label());
    if (t.dle) line += fmt::format(", DLE {}", number_text(*t.dle));
    results.lines.push_back(line);
    ++results.counted;
  }

  OkrSection discussions = section(ReferralPart::kPupilDiscussions);
  for (const auto& m : record.meetings) {
    if (m.kind != MeetingKind::kPupilDiscussion || m.pupil_id != record.pupil_id) continue;
    const bool held = m.status == MeetingStatus::kHeld || m.status == MeetingStatus::kReported;
    if (!held) continue;
    ++discussions.counted;
    std::string line = fmt::format("Leerlingbespreking {}", m.planned_on ? m.planned_on->dutch() : "");
    if (m.outcome != PupilDiscussionOutcome::kNone) line += ": " + outcome_label(m.outcome);
    if (!blank(m.outcome_note)) line += ". " + m.outcome_note;
    discussions.lines.push_back(line);
  }

  OkrSection hgd = section(ReferralPart::kHgdReports);
  std::vector<const HgdRequest*> requests;  // per case (newest first), its requests oldest first
  for (const auto& c : record.cases)
    for (auto it = record.hgd_requests.rbegin(); it != record.hgd_requests.rend(); ++it)
      if (it->case_id == c.id) requests.push_back(&*it);
  for (const HgdRequest* request : requests) {
    const HgdRequest& h = *request;
    if (h.pupil_id != record.pupil_id || !h.report_document_id) continue;
    ++hgd.counted;
    std::vector<std::string> advice;
    for (const auto& a : h.recommendations) advice.push_back(a.text);
    std::string line = fmt::format("HGD door {} ({}), aangevraagd {}: {}", h.expert_name, h.expert_discipline,
                                   h.requested_on.dutch(), h.help_question);
    if (!advice.empty()) line += fmt::format(" · adviezen: {}", fmt::join(advice, "; "));
    line += " (verslag bijgevoegd)";
    hgd.lines.push_back(line);
  }

  OkrSection care = section(ReferralPart::kCareTeamReports);
  for (const auto& c : record.cases) {
    if (c.pupil_id != record.pupil_id || blank(c.advice)) continue;
    ++care.counted;
    care.lines.push_back(fmt::format("Zorgteam ({}): hulpvraag: {} · advies: {}{}", date_of(c.saved_at), c.help_question,
                                     c.advice, blank(c.outcome_note) ? "" : " · " + c.outcome_note));
  }

  OkrSection account = section(ReferralPart::kHandelingsverlegenheid);
  if (!blank(r.handelingsverlegenheid)) {
    account.lines.push_back(r.handelingsverlegenheid);
    account.counted = 1;
  }

  OkrSection experts = section(ReferralPart::kExpertAdvices);
  for (const auto& a : r.expert_advices) {
    experts.lines.push_back(fmt::format("{} ({}), {}: {}", a.name, a.discipline, a.on.valid() ? a.on.dutch() : "", a.text));
    ++experts.counted;
  }

  OkrSection parents = section(ReferralPart::kParentsView);
  if (!blank(r.parents.view)) {
    parents.lines.push_back(r.parents.view);
    parents.counted = 1;
  }
  if (r.parents.agrees)
    okr.parents_agreement = *r.parents.agrees ? "De ouders zijn het eens met de verwijzing."
                                              : fmt::format("De ouders zijn het niet eens met de verwijzing: {}",
                                                            r.parents.reason);

  okr.sections = {std::move(needs),       std::move(plans),   std::move(ihps), std::move(opp),
                  std::move(results),     std::move(discussions), std::move(hgd), std::move(care),
                  std::move(account),     std::move(parents), std::move(experts)};
  // In the order of all_referral_parts().
  std::stable_sort(okr.sections.begin(), okr.sections.end(),
                   [](const OkrSection& a, const OkrSection& b) { return a.part < b.part; });
  okr.missing = missing_parts(r.procedure, okr.counts());
  for (const auto& c : missing_consents(r)) okr.missing.push_back(fmt::format("Toestemming van de ouders: {}", c));
  return okr;
}

}  // namespace koers::domain
