#include "domain/route.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace koers::domain {

int level_number(RouteLevel l) { return static_cast<int>(l); }

std::string route_level_label(RouteLevel l) {
  switch (l) {
    case RouteLevel::kGroup: return "Groepsniveau";
    case RouteLevel::kSubgroup: return "Extra ondersteuning in een subgroep";
    case RouteLevel::kPupilDiscussion: return "Leerlingbespreking / IHP";
    case RouteLevel::kCareTeam: return "Zorgteam / HGD";
    case RouteLevel::kExternal: return "Extern: ZAT, PCL/SBO, CVI/SO, TLV";
  }
  return "";
}

const std::vector<RouteLevel>& all_route_levels() {
  static const std::vector<RouteLevel> levels{RouteLevel::kGroup, RouteLevel::kSubgroup, RouteLevel::kPupilDiscussion,
                                              RouteLevel::kCareTeam, RouteLevel::kExternal};
  return levels;
}

std::string route_direction_key(RouteDirection d) {
  switch (d) {
    case RouteDirection::kUp: return "omhoog";
    case RouteDirection::kDown: return "omlaag";
    case RouteDirection::kSame: return "gelijk";
  }
  return "";
}

std::string route_flag_key(RouteFlagKind k) {
  switch (k) {
    case RouteFlagKind::kIhpOverdue: return "ihp-termijn";
    case RouteFlagKind::kFollowUpOverdue: return "volgen-verlopen";
    case RouteFlagKind::kConsentExpiring: return "toestemming-verloopt";
    case RouteFlagKind::kReferralAwaitingParents:
      return "verwijzing-wacht-op-ouders";
  }
  return "";
}

namespace {

std::optional<Date> date_of_instant(const std::string& instant) {
  return instant.size() >= 10 ? parse_iso_date(instant.substr(0, 10)) : std::nullopt;
}

// The plan of the period holding today, else of the latest period started on or before today.
const RecordPlan* current_plan(const std::vector<RecordPlan>& plans, const Date& today) {
  const RecordPlan* latest = nullptr;
  for (const RecordPlan& p : plans) {
    if (p.starts_on <= today && today <= p.ends_on) return &p;
    if (p.starts_on <= today && (!latest || latest->starts_on <= p.starts_on)) latest = &p;
  }
  return latest;
}

// Where the plan gives the pupil extra support: "Spelling (intensief)", "Rekenen (eigen leerlijn)".
std::vector<std::string> extra_support(const GroupPlan& plan, Id pupil) {
  std::vector<std::string> out;
  for (const SubjectPlan& s : plan.subjects) {
    bool intensive = false, own_line = false;
    for (const SubgroupPlan& g : s.subgroups)
      if (g.approach == Approach::kIntensive && std::find(g.pupils.begin(), g.pupils.end(), pupil) != g.pupils.end())
        intensive = true;
    for (const IndividualLine& l : s.individual) own_line = own_line || l.pupil_id == pupil;
    if (intensive) out.push_back(s.subject + " (intensief)");
    if (own_line) out.push_back(s.subject + " (eigen leerlijn)");
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* sep = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// "3 doelen: 1 behaald, 1 deels behaald, 1 niet behaald" for the goals of the pupil's subgroups.
std::string plan_result(const GroupPlan& plan, Id pupil) {
  if (!plan.evaluation_closed) return "evaluatie nog niet afgesloten";
  int goals = 0, reached = 0, partly = 0, not_reached = 0;
  for (const SubjectPlan& s : plan.subjects)
    for (const SubgroupPlan& g : s.subgroups) {
      if (std::find(g.pupils.begin(), g.pupils.end(), pupil) == g.pupils.end()) continue;
      for (const PlanGoal& goal : g.goals) {
        std::optional<GoalVerdict> v = goal.verdict;
        for (const PupilEvaluation& e : goal.pupils)
          if (e.pupil_id == pupil) v = e.verdict;
        ++goals;
        if (v == GoalVerdict::kReached) ++reached;
        if (v == GoalVerdict::kPartly) ++partly;
        if (v == GoalVerdict::kNotReached) ++not_reached;
      }
    }
  if (goals == 0) return "geëvalueerd";
  return fmt::format("{} {}: {} behaald, {} deels behaald, {} niet behaald", goals, goals == 1 ? "doel" : "doelen",
                     reached, partly, not_reached);
}

bool held(const Meeting& m) { return m.status == MeetingStatus::kHeld || m.status == MeetingStatus::kReported; }

// A discussion outcome that ends the pupil's stay at level 3.
bool outcome_goes_down(PupilDiscussionOutcome o) {
  return o == PupilDiscussionOutcome::kAdjustApproach || o == PupilDiscussionOutcome::kNothingFurther;
}

bool case_open(const CareTeamCase& c) { return c.status != CaseStatus::kClosed && c.status != CaseStatus::kReferred; }

bool has_outcome(const CareTeamCase& c, CaseOutcomeKind k) {
  return std::any_of(c.outcomes.begin(), c.outcomes.end(), [&](const CaseOutcome& o) { return o.kind == k; });
}

// Whether a case was registered on or after the day (its created_at).
bool case_since(const std::vector<CareTeamCase>& cases, const Date& day) {
  for (const CareTeamCase& c : cases)
    if (auto d = date_of_instant(c.created_at); d && day <= *d) return true;
  return false;
}

std::string consent_text(const Consent& k) {
  return fmt::format("{}: {}, gegeven {}, geldig t/m {}{}", consent_purpose_label(k.purpose), k.given_by,
                     k.given_on.dutch(), k.valid_until.dutch(), k.withdrawn() ? " (ingetrokken)" : "");
}

// The consents of a purpose on the case, or that the parents were informed (care team only).
std::string case_consent_text(const CareTeamCase& c, ConsentPurpose purpose) {
  std::vector<std::string> parts;
  for (const Consent& k : c.consents)
    if (k.purpose == purpose) parts.push_back(consent_text(k));
  if (parts.empty() && purpose == ConsentPurpose::kCareTeam && c.parents_informed)
    parts.push_back(fmt::format("ouders geïnformeerd op {} ({})", c.parents_informed->on.dutch(), c.parents_informed->how));
  return parts.empty() ? "nog geen toestemming vastgelegd" : joined(parts, "; ");
}

std::string ihp_term(const IhpSummary& s) { return fmt::format("{} t/m {}", s.starts_on.dutch(), s.ends_on.dutch()); }

const Ihp* full_ihp(const PupilRecord& r, Id id) {
  for (const Ihp& i : r.ihp_plans)
    if (i.id == id) return &i;
  return nullptr;
}

std::string ihp_areas(const Ihp* ihp) {
  if (!ihp) return "";
  std::vector<std::string> areas;
  for (const IhpGoal& g : ihp->goals)
    if (!g.area.empty() && std::find(areas.begin(), areas.end(), g.area) == areas.end()) areas.push_back(g.area);
  return areas.empty() ? "" : " (" + joined(areas) + ")";
}

std::string ihp_decided_by(const Ihp* ihp, const IhpSummary& s) {
  std::vector<std::string> names;
  if (ihp)
    for (const IhpInvolved& i : ihp->involved)
      if ((i.role == "leerkracht" || i.role == "ib") && !i.name.empty()) names.push_back(i.name);
  return names.empty() ? s.saved_by : joined(names);
}

std::string ihp_consent(const Ihp* ihp) {
  if (!ihp) return "";
  std::vector<std::string> parts;
  if (ihp->discussed_with_parents_on) {
    std::string t = "besproken met de ouders op " + ihp->discussed_with_parents_on->dutch();
    if (ihp->parents_agree) t += *ihp->parents_agree ? ", ouders akkoord" : ", ouders niet akkoord";
    parts.push_back(t);
  }
  if (ihp->opp && !ihp->opp->consents.empty()) {
    const ParentConsent& c = ihp->opp->consents.back();
    parts.push_back(fmt::format("OPP: {} op {} {}", c.who, c.on.dutch(), c.agreed ? "ingestemd" : "niet ingestemd"));
  }
  return joined(parts, "; ");
}

std::string ihp_result(const Ihp* ihp, const IhpSummary& s) {
  std::string out = ihp_status_label(s.status);
  if (ihp && (s.status == IhpStatus::kEvaluated || s.status == IhpStatus::kClosed)) {
    int reached = 0, verdicts = 0;
    for (const IhpGoal& g : ihp->goals)
      if (g.verdict) {
        ++verdicts;
        reached += *g.verdict == GoalVerdict::kReached;
      }
    if (verdicts) out += fmt::format("; {} van {} doelen behaald", reached, ihp->goals.size());
  }
  if (s.outcome) out += "; " + ihp_outcome_label(*s.outcome);
  return out;
}

// "Aanmelding bij de PCL voor het SBO", "Aanvraag bij de CVI: SO of rugzak (cluster 2)".
std::string referral_title(const ReferralSummary& r) {
  return r.procedure_name + (r.cluster ? fmt::format(" (cluster {})", r.cluster) : "");
}

// A referral holds the pupil at level 5 from its start until a negative decision or its withdrawal.
bool referral_holds(const ReferralSummary& r) {
  if (r.status == ReferralStatus::kWithdrawn) return false;
  return !r.decision || r.decision->positive;
}

std::string referral_state(const ReferralSummary& r) {
  if (r.status == ReferralStatus::kWithdrawn) return "ingetrokken";
  if (r.decision)
    return r.decision->positive ? fmt::format("positief besluit op {}{}", r.decision->on.dutch(),
                                              r.decision->placement.empty() ? "" : ": " + r.decision->placement)
                                : fmt::format("negatief besluit op {}", r.decision->on.dutch());
  if (r.sent()) {
    const auto on = date_of_instant(r.sent_at);
    return fmt::format("verzonden aan {}{}, wacht op het besluit", r.sent_to, on ? " op " + on->dutch() : "");
  }
  if (!r.parents_copy_available()) return "in voorbereiding; de kopie voor de ouders is nog niet beschikbaar";
  if (!r.parents_responded) return "kopie bij de ouders; zij hebben nog niet gereageerd";
  return r.consents_missing.empty() ? "kopie bij de ouders; zij hebben gereageerd en toestemming gegeven"
                                    : "kopie bij de ouders; hun toestemming ontbreekt nog";
}

std::string referral_consents(const ReferralSummary& r) {
  std::vector<std::string> parts;
  for (const std::string& k : r.consents_given) parts.push_back(k);
  for (const std::string& m : r.consents_missing) parts.push_back("nog niet gegeven: " + m);
  return joined(parts, "; ");
}

std::string parents_response(const ReferralSummary& r) {
  if (!r.parents_responded) return "de ouders hebben nog niet gereageerd";
  if (!r.parents_agree) return "de ouders voegden hun zienswijze toe";
  return *r.parents_agree ? "de ouders voegden hun zienswijze toe en zijn het eens met de verwijzing"
                          : "de ouders zijn het niet eens met de verwijzing";
}

std::string discussion_what(const Meeting& m) {
  return "Leerlingbespreking" + std::string(held(m) ? "" : " (" + meeting_status_label(m.status) + ")");
}

}  // namespace

PupilRoute pupil_route(const PupilRecord& r, const Date& today) {
  PupilRoute out;
  out.pupil_id = r.pupil_id;
  auto hold = [&](RouteLevel level, std::string kind, Id id, std::string text) {
    out.evidence.push_back({level, std::move(kind), id, std::move(text)});
  };
  auto step = [&](std::optional<Date> on, RouteLevel level, RouteDirection dir, std::string kind, Id id) -> RouteEvent& {
    RouteEvent e;
    e.on = on;
    e.level = level;
    e.direction = dir;
    e.kind = std::move(kind);
    e.id = id;
    out.timeline.push_back(std::move(e));
    return out.timeline.back();
  };

  // ---- Level 2: the group plans.
  if (const RecordPlan* p = current_plan(r.plans, today)) {
    const auto extra = extra_support(p->plan, r.pupil_id);
    if (!extra.empty())
      hold(RouteLevel::kSubgroup, "groepsplan", p->plan.group_id,
           fmt::format("Groepsplan {}: {}", p->period_name, joined(extra)));
  }
  std::vector<std::string> before;
  for (const RecordPlan& p : r.plans) {
    if (today < p.starts_on) break;  // a plan for a period still to come is no step yet
    const auto extra = extra_support(p.plan, r.pupil_id);
    if (!extra.empty()) {
      RouteEvent& e = step(p.starts_on, RouteLevel::kSubgroup, before.empty() ? RouteDirection::kUp : RouteDirection::kSame,
                           "groepsplan", p.plan.group_id);
      e.what = fmt::format("Groepsplan {}: extra ondersteuning in {}", p.period_name, joined(extra));
      e.decided_by = p.plan.saved_by;
      e.why = "indeling in het groepsplan naar de onderwijsbehoeften uit het groepsoverzicht";
      e.result = plan_result(p.plan, r.pupil_id);
    } else if (!before.empty()) {
      RouteEvent& e = step(p.starts_on, RouteLevel::kSubgroup, RouteDirection::kDown, "groepsplan", p.plan.group_id);
      e.what = fmt::format("Groepsplan {}: geen extra ondersteuning meer (was: {})", p.period_name, joined(before));
      e.decided_by = p.plan.saved_by;
      e.why = "indeling in het groepsplan na de evaluatie van de vorige periode";
      e.result = "terug op groepsniveau";
    }
    before = extra;
  }

  // ---- Level 3: pupil discussions (the latest one's outcome is the latest decision) …
  const Meeting* latest = nullptr;
  for (const Meeting& m : r.meetings) {
    if (m.kind != MeetingKind::kPupilDiscussion || m.pupil_id != r.pupil_id) continue;
    if (!latest || (latest->planned_on && (!m.planned_on || *latest->planned_on < *m.planned_on))) latest = &m;
    RouteEvent& e = step(m.planned_on, RouteLevel::kPupilDiscussion,
                         held(m) && outcome_goes_down(m.outcome) ? RouteDirection::kDown : RouteDirection::kUp,
                         "leerlingbespreking", m.id);
    e.what = discussion_what(m);
    e.decided_by = !m.reported_by.empty() ? m.reported_by : m.updated_by;
    e.why = m.form.help_question.empty() ? std::string("hulpvraag nog niet ingevuld") : "hulpvraag: " + m.form.help_question;
    if (held(m))
      e.result = outcome_label(m.outcome) + (m.outcome_note.empty() ? "" : ". " + m.outcome_note);
  }
  if (latest) {
    bool holds = !held(*latest);
    if (held(*latest)) {
      const Date on = latest->planned_on.value_or(today);
      bool ihp_after = false;
      for (const IhpSummary& s : r.ihps) ihp_after = ihp_after || on <= s.starts_on;
      switch (latest->outcome) {
        case PupilDiscussionOutcome::kNone:
        case PupilDiscussionOutcome::kFollowUp: holds = true; break;
        case PupilDiscussionOutcome::kStartIhp: holds = !ihp_after; break;
        case PupilDiscussionOutcome::kCareTeam: holds = !case_since(r.cases, on); break;
        case PupilDiscussionOutcome::kAdjustApproach:
        case PupilDiscussionOutcome::kNothingFurther: holds = false; break;
      }
    }
    if (holds)
      hold(RouteLevel::kPupilDiscussion, "leerlingbespreking", latest->id,
           fmt::format("{} {}: {}", discussion_what(*latest),
                       latest->planned_on ? latest->planned_on->dutch() : std::string("nog te plannen"),
                       held(*latest) ? outcome_label(latest->outcome) : std::string("nog niet gehouden")));
  }

  // … and IHPs (summaries newest term first: walked oldest first for the timeline).
  for (auto it = r.ihps.rbegin(); it != r.ihps.rend(); ++it) {
    const IhpSummary& s = *it;
    const Ihp* full = full_ihp(r, s.id);
    bool holds = s.status != IhpStatus::kClosed;
    if (s.status == IhpStatus::kClosed && s.outcome == IhpOutcome::kNewAdjustedIhp)
      holds = std::none_of(r.ihps.begin(), r.ihps.end(), [&](const IhpSummary& o) {
        return o.id != s.id && (s.starts_on < o.starts_on || (s.starts_on == o.starts_on && s.id < o.id));
      });
    if (s.status == IhpStatus::kClosed && s.outcome == IhpOutcome::kExternalSteps) holds = !case_since(r.cases, s.starts_on);
    if (holds)
      hold(RouteLevel::kPupilDiscussion, "ihp", s.id,
           fmt::format("IHP {}: {}", ihp_term(s),  // from the summary: the school read has no full IHPs
                       s.outcome ? ihp_outcome_label(*s.outcome) : ihp_status_label(s.status)));

    const bool follows = full && full->previous != 0;
    RouteEvent& e = step(s.starts_on, RouteLevel::kPupilDiscussion, follows ? RouteDirection::kSame : RouteDirection::kUp,
                         "ihp", s.id);
    e.what = fmt::format("{} {}{}", follows ? "Vervolg-IHP" : "IHP", ihp_term(s), ihp_areas(full));
    e.decided_by = ihp_decided_by(full, s);
    e.why = full && full->from_meeting ? "besloten in een leerlingbespreking"
            : follows                  ? "het vorige IHP werd geëvalueerd: nieuw, bijgesteld IHP"
                                       : "onderwijsbehoeften niet te bieden in het groepsplan";
    e.consent = ihp_consent(full);
    e.result = ihp_result(full, s);
    if (s.status == IhpStatus::kClosed && s.outcome) {
      Date closed = std::min(s.ends_on, today);
      if (auto d = date_of_instant(s.saved_at); d && s.starts_on <= *d && *d < closed) closed = *d;
      const IhpOutcome o = *s.outcome;
      RouteEvent& c = step(closed, RouteLevel::kPupilDiscussion,
                           o == IhpOutcome::kGoalReached   ? RouteDirection::kDown
                           : o == IhpOutcome::kExternalSteps ? RouteDirection::kUp
                                                             : RouteDirection::kSame,
                           "ihp", s.id);
      c.what = "IHP afgesloten: " + ihp_outcome_label(o);
      c.decided_by = s.saved_by;
      c.why = full && !full->evaluation.empty() ? "evaluatie: " + full->evaluation : "evaluatie van het IHP";
      c.result = ihp_result(full, s);
    }
  }

  // ---- Levels 4 and 5: care-team cases (newest first: walked oldest first) and HGD.
  for (auto it = r.cases.rbegin(); it != r.cases.rend(); ++it) {
    const CareTeamCase& c = *it;
    if (c.status == CaseStatus::kReferred)
      hold(RouteLevel::kExternal, "extern", c.id, "Doorverwezen: " + c.outcome_note);
    if (c.status != CaseStatus::kClosed) {
      if (has_outcome(c, CaseOutcomeKind::kZatHandover))
        hold(RouteLevel::kExternal, "extern", c.id, "Overgedragen aan het ZAT");
      if (has_outcome(c, CaseOutcomeKind::kSboViaPcl))
        hold(RouteLevel::kExternal, "extern", c.id, "SBO via de PCL");
    }
    if (case_open(c)) hold(RouteLevel::kCareTeam, "casus", c.id, "Zorgteamcasus: " + case_status_label(c.status));

    RouteEvent& e = step(date_of_instant(c.created_at), RouteLevel::kCareTeam, RouteDirection::kUp, "casus", c.id);
    e.what = "Aangemeld bij het zorgteam (" + case_origin_label(c.origin) + ")";
    e.decided_by = c.created_by;
    e.why = c.registration + (c.help_question.empty() ? "" : (c.registration.empty() ? "" : "; ") +
                                                                 std::string("hulpvraag: ") + c.help_question);
    e.consent = case_consent_text(c, ConsentPurpose::kCareTeam);
    // "Advies gegeven. Advies: …. Uitkomsten: dyslexiebehandeling, volgen." The advice is told
    // once: at the hand-over to the ZAT or the PCL when there is one (its why), else here.
    const bool external = has_outcome(c, CaseOutcomeKind::kZatHandover) || has_outcome(c, CaseOutcomeKind::kSboViaPcl);
    auto sentence = [](std::string s) { return s.empty() || s.back() == '.' || s.back() == '?' ? s : s + "."; };
    std::string status = case_status_label(c.status);
    if (!status.empty()) status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
    e.result = sentence(status);
    if (!c.advice.empty() && !external) e.result += " Advies: " + sentence(c.advice);
    std::vector<std::string> outcomes;
    for (const CaseOutcome& o : c.outcomes)
      outcomes.push_back(case_outcome_label(o.kind) + (o.text.empty() ? "" : " (" + o.text + ")"));
    if (!outcomes.empty()) e.result += " Uitkomsten: " + sentence(joined(outcomes));

    const std::optional<Date> saved = date_of_instant(c.saved_at);
    for (CaseOutcomeKind k : {CaseOutcomeKind::kZatHandover, CaseOutcomeKind::kSboViaPcl}) {
      if (!has_outcome(c, k)) continue;
      RouteEvent& x = step(saved, RouteLevel::kExternal, RouteDirection::kUp, "extern", c.id);
      x.what = k == CaseOutcomeKind::kZatHandover ? "Overdracht aan het ZAT" : "Aanmelding SBO via de PCL";
      x.decided_by = c.saved_by;
      x.why = c.advice.empty() ? "advies van het zorgteam" : "advies van het zorgteam: " + c.advice;
      x.consent = k == CaseOutcomeKind::kZatHandover ? case_consent_text(c, ConsentPurpose::kZatHandover)
                                                     : case_consent_text(c, ConsentPurpose::kCareTeam);
      x.result = c.status == CaseStatus::kClosed ? "casus afgesloten" : "";
    }
    if (c.status == CaseStatus::kClosed || c.status == CaseStatus::kReferred) {
      const bool referred = c.status == CaseStatus::kReferred;
      RouteEvent& x = step(saved, referred ? RouteLevel::kExternal : RouteLevel::kCareTeam,
                           referred ? RouteDirection::kUp : RouteDirection::kDown, referred ? "extern" : "casus", c.id);
      x.what = referred ? "Doorverwezen" : "Zorgteamcasus afgesloten";
      x.decided_by = c.saved_by;
      x.why = c.advice.empty() ? "" : "advies: " + c.advice;
      x.result = c.outcome_note;
    }
  }
  for (const HgdRequest& h : r.hgd_requests) {
    if (h.status != HgdStatus::kDiscussed)
      hold(RouteLevel::kCareTeam, "hgd", h.id,
           fmt::format("HGD bij {} ({}): {}", h.expert_name, h.requested_on.dutch(), hgd_status_label(h.status)));
    RouteEvent& e = step(h.requested_on, RouteLevel::kCareTeam, RouteDirection::kSame, "hgd", h.id);
    e.what = fmt::format("HGD aangevraagd bij {}", h.expert_name);
    e.decided_by = h.created_by;
    e.why = "hulpvraag: " + h.help_question;
    for (const CareTeamCase& c : r.cases)
      for (const Consent& k : c.consents)
        if (k.id == h.consent_id) e.consent = consent_text(k);
    int taken = 0;
    for (const HgdRecommendation& rec : h.recommendations) taken += rec.taken_over();
    e.result = hgd_status_label(h.status) +
               (h.recommendations.empty() ? std::string()
                                          : fmt::format("; {} van {} adviezen overgenomen als onderwijsbehoefte", taken,
                                                        h.recommendations.size()));
    // The adviesgesprek with parents, teacher and IB: a step of its own once planned.
    const std::string consent = e.consent;  // `e` moves when the timeline grows
    for (const Meeting& m : r.meetings) {
      if (m.kind != MeetingKind::kHgdAdvice || m.hgd_id != h.id) continue;
      RouteEvent& a = step(m.planned_on, RouteLevel::kCareTeam, RouteDirection::kSame, "adviesgesprek", m.id);
      a.what = fmt::format("Adviesgesprek over de HGD bij {}{}", h.expert_name,
                           held(m) ? "" : " (" + meeting_status_label(m.status) + ")");
      std::vector<std::string> who;
      for (const MeetingParticipant& p : m.participants) who.push_back(p.name);
      a.decided_by = who.empty() ? m.updated_by : joined(who);
      a.why = "de uitkomst van de HGD bespreken met ouders, leerkracht en IB";
      a.consent = consent;
      if (held(m)) {
        auto sentence = [](std::string s) { return s.empty() || s.back() == '.' || s.back() == '?' ? s : s + "."; };
        a.result = "HGD besproken.";
        if (!m.report.empty()) a.result += " Geadviseerd: " + sentence(m.report);
        if (!m.decisions.empty()) a.result += " Afgesproken met de ouders: " + sentence(m.decisions);
      }
    }
  }
  // ---- Level 5: referrals (PCL/SBO, CVI/SO or rugzak, TLV), walked oldest first.
  for (auto it = r.referrals.rbegin(); it != r.referrals.rend(); ++it) {
    const ReferralSummary& f = *it;
    if (referral_holds(f))
      hold(RouteLevel::kExternal, "verwijzing", f.id, referral_title(f) + ": " + referral_state(f));
    RouteEvent& e = step(date_of_instant(f.created_at), RouteLevel::kExternal, RouteDirection::kUp, "verwijzing", f.id);
    e.what = "Verwijzing gestart: " + referral_title(f);
    e.decided_by = f.created_by;
    e.why = f.reason;
    e.result = referral_status_label(f.status);
    if (f.parents_copy_available()) {
      RouteEvent& x =
          step(date_of_instant(f.parents_copy_at), RouteLevel::kExternal, RouteDirection::kSame, "verwijzing", f.id);
      x.what = "Kopie voor de ouders beschikbaar gesteld";
      x.decided_by = f.parents_copy_by;
      x.why = "de ouders zien het dossier voor het verzonden wordt en kunnen informatie toevoegen";
      x.consent = referral_consents(f);
      x.result = parents_response(f);
    }
    if (f.sent()) {
      RouteEvent& x =
          step(date_of_instant(f.sent_at), RouteLevel::kExternal, RouteDirection::kSame, "verwijzing", f.id);
      x.what = "Verzonden aan " + f.sent_to;
      x.decided_by = f.sent_by;
      x.why = "het OKR, vastgelegd zoals verzonden";
      x.consent = referral_consents(f);
      x.result = f.decision ? "besluit ontvangen" : "wacht op het besluit";
    }
    if (f.decision) {
      const bool positive = f.decision->positive;
      RouteEvent& x = step(f.decision->on, RouteLevel::kExternal,
                           positive ? RouteDirection::kUp : RouteDirection::kDown, "verwijzing", f.id);
      x.what = positive ? "Besluit: positief" : "Besluit: negatief";
      x.decided_by = f.sent_to;
      x.why = f.decision->note;
      x.result = positive ? f.decision->placement : "de leerling blijft op de eigen school";
    }
    if (f.status == ReferralStatus::kWithdrawn) {
      RouteEvent& x =
          step(date_of_instant(f.saved_at), RouteLevel::kExternal, RouteDirection::kDown, "verwijzing", f.id);
      x.what = "Verwijzing ingetrokken";
      x.decided_by = f.saved_by;
    }
  }

  // ---- Flags.
  for (const IhpSummary& s : r.ihps)
    if ((s.status == IhpStatus::kDraft || s.status == IhpStatus::kRunning) && s.ends_on < today)
      out.flags.push_back({RouteFlagKind::kIhpOverdue, s.id, 0, s.ends_on,
                           fmt::format("IHP {}: de termijn is voorbij en het is nog niet geëvalueerd", ihp_term(s))});
  for (const CareTeamCase& c : r.cases) {
    if (c.status == CaseStatus::kFollowUp && c.follow_up_until && *c.follow_up_until < today)
      out.flags.push_back({RouteFlagKind::kFollowUpOverdue, c.id, c.id, *c.follow_up_until,
                           fmt::format("Zorgteamcasus: volgen tot {} is voorbij; sluit de casus af of agendeer hem opnieuw",
                                       c.follow_up_until->dutch())});
    if (!case_open(c)) continue;
    for (const Consent& k : c.consents) {
      if (!consent_in_force(k, today)) continue;
      const int left = days_between(today, k.valid_until);
      if (left > kRouteConsentExpiryDays) continue;
      const bool renewed = std::any_of(c.consents.begin(), c.consents.end(), [&](const Consent& o) {
        return o.id != k.id && o.purpose == k.purpose && consent_in_force(o, today) && k.valid_until < o.valid_until;
      });
      if (renewed) continue;
      out.flags.push_back(
          {RouteFlagKind::kConsentExpiring, k.id, c.id, k.valid_until,
           fmt::format("Toestemming voor {} verloopt {} ({})", consent_purpose_label(k.purpose),
                       left == 0 ? std::string("vandaag") : left == 1 ? std::string("morgen") : fmt::format("over {} dagen", left),
                       k.valid_until.dutch())});
    }
  }
  for (const ReferralSummary& f : r.referrals) {
    if (f.sent() || f.status == ReferralStatus::kWithdrawn || f.decision) continue;
    std::optional<Date> since;
    std::string waits;
    if (!f.parents_copy_available()) {
      since = date_of_instant(f.created_at);
      waits = "de kopie voor de ouders is nog niet beschikbaar gesteld";
    } else if (!f.parents_responded) {
      since = date_of_instant(f.parents_copy_at);
      waits = "de ouders hebben hun kopie maar nog niet gereageerd";
    } else if (!f.consents_missing.empty()) {
      since = date_of_instant(f.parents_at);
      if (!since) since = date_of_instant(f.parents_copy_at);
      waits = "de toestemming van de ouders ontbreekt nog (" + joined(f.consents_missing, "; ") + ")";
    }
    if (!since || days_between(*since, today) < kRouteReferralWaitDays) continue;
    out.flags.push_back({RouteFlagKind::kReferralAwaitingParents, f.id, f.case_id, *since,
                         fmt::format("Verwijzing wacht op de ouders: {}; {} (sinds {}, {} dagen)", referral_title(f),
                                     waits, since->dutch(), days_between(*since, today))});
  }
  std::stable_sort(out.flags.begin(), out.flags.end(), [](const RouteFlag& a, const RouteFlag& b) { return a.on < b.on; });

  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const RouteEvidence& a, const RouteEvidence& b) { return a.level > b.level; });
  if (!out.evidence.empty()) out.level = out.evidence.front().level;
  std::stable_sort(out.timeline.begin(), out.timeline.end(), [](const RouteEvent& a, const RouteEvent& b) {
    if (a.on && b.on) return *a.on < *b.on;
    return a.on.has_value() && !b.on.has_value();
  });
  return out;
}

SuppressedCounts suppress_small_counts(const std::vector<std::vector<int>>& counts) {
  auto small = [](int n) { return n > 0 && n < kSmallestShownCount; };
  SuppressedCounts out;
  size_t levels = 0;
  for (const auto& row : counts) levels = std::max(levels, row.size());
  std::vector<int> level_total(levels, 0);
  for (const auto& row : counts) {
    std::vector<CountShown> shown(levels, CountShown::kShown);
    int total = 0;
    for (size_t l = 0; l < row.size(); ++l) {
      if (small(row[l])) shown[l] = CountShown::kSmall;
      level_total[l] += row[l];
      total += row[l];
    }
    out.cells.push_back(shown);
    out.group_totals.push_back(small(total) ? CountShown::kSmall : CountShown::kShown);
  }
  for (int t : level_total) out.level_totals.push_back(small(t) ? CountShown::kSmall : CountShown::kShown);
  auto at = [&](size_t g, size_t l) { return l < counts[g].size() ? counts[g][l] : 0; };
  // One line (a group's counts, or a level's over the groups) with a published total: a single
  // hidden count in it would be the total minus the others, so hide one more, or the total.
  auto guard = [&](std::vector<std::pair<size_t, size_t>> line, CountShown& total) {
    if (total != CountShown::kShown) return false;
    int hidden = 0;
    const std::pair<size_t, size_t>* smallest = nullptr;
    for (const auto& c : line) {
      if (out.cells[c.first][c.second] != CountShown::kShown)
        ++hidden;
      else if (at(c.first, c.second) > 0 &&
               (!smallest || at(c.first, c.second) < at(smallest->first, smallest->second)))
        smallest = &c;
    }
    if (hidden != 1) return false;
    if (smallest)
      out.cells[smallest->first][smallest->second] = CountShown::kSecondary;
    else
      total = CountShown::kSecondary;
    return true;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t g = 0; g < counts.size(); ++g) {
      std::vector<std::pair<size_t, size_t>> line;
      for (size_t l = 0; l < levels; ++l) line.emplace_back(g, l);
      changed = guard(line, out.group_totals[g]) || changed;
    }
    for (size_t l = 0; l < levels; ++l) {
      std::vector<std::pair<size_t, size_t>> line;
      for (size_t g = 0; g < counts.size(); ++g) line.emplace_back(g, l);
      changed = guard(line, out.level_totals[l]) || changed;
    }
  }
  return out;
}

}  // namespace koers::domain
