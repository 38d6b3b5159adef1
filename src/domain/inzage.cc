#include "domain/inzage.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/care_team.h"
#include "domain/hgd.h"

namespace koers::domain {

namespace {

std::string day_of(const std::string& iso_instant) {  // "2026-11-22T10:00:00Z" → "22-11-2026"
  auto d = parse_iso_date(iso_instant.substr(0, 10));
  return d ? d->dutch() : iso_instant;
}

std::string optional_date(const std::optional<Date>& d) { return d ? d->dutch() : "onbekend"; }

std::string yes_no(std::optional<bool> b) { return !b ? "nog niet bekend" : *b ? "ja" : "nee"; }

void card_lines(const PupilRecord& r, std::vector<std::string>& out) {
  if (!r.card) {
    out.push_back("Naam: " + r.name);
    return;
  }
  const Pupil& p = *r.card;
  out.push_back(fmt::format("Naam: {}{}", p.name.display(),
                            p.first_names.empty() ? "" : fmt::format(" (voornamen: {})", p.first_names)));
  out.push_back(fmt::format("Geboortedatum: {} · geslacht: {}", optional_date(p.birth_date), gender_label(p.gender)));
  if (!p.edex_key.empty()) out.push_back("Leerlingnummer (administratie): " + p.edex_key);
  if (p.enrolled_on) out.push_back("Ingeschreven op: " + p.enrolled_on->dutch());
  if (p.started_group3_on) out.push_back("Begonnen in groep 3 op: " + p.started_group3_on->dutch());
  if (p.left_on) out.push_back("Uitgeschreven op: " + p.left_on->dutch());
  // The group as Koers names it everywhere ("Groep 5/6", "Samengestelde groep Plusklas"); the
  // leerjaar when the group's name does not already say it.
  for (const auto& e : r.enrolments) {
    std::string line =
        fmt::format("Schooljaar {}: {} {}", e.school_year, e.combined ? "Samengestelde groep" : "Groep", e.group_name);
    if (!e.combined && !e.year_group.empty() && e.year_group != e.group_name)
      line += " (leerjaar " + e.year_group + ")";
    out.push_back(line);
  }
  for (const auto& g : r.guardians) {
    std::string line = fmt::format("Ouder/verzorger: {}{}", g.name.display(), g.relation.empty() ? "" : " (" + g.relation + ")");
    if (!g.email.empty()) line += " · " + g.email;
    if (!g.phone.empty()) line += " · " + g.phone;
    out.push_back(line);
  }
  out.push_back("Het burgerservicenummer dat de administratie meestuurt, toont Koers nergens; het staat ook niet in dit overzicht.");
}

std::string result_line(const StandardisedResult& s) {
  std::string line = fmt::format("{} {}", s.moment.label(), s.subject);
  if (s.taken_on) line += " (" + s.taken_on->dutch() + ")";
  if (s.ability_score) line += ": vaardigheidsscore " + dutch_decimal(*s.ability_score);
  if (s.level) line += fmt::format("{} niveau {} ({})", s.ability_score ? "," : ":", s.level->label(), s.level->band());
  if (s.percentile) line += ", percentiel " + dutch_decimal(*s.percentile);
  if (s.dle) line += ", DLE " + dutch_decimal(*s.dle);
  return line;
}

void overview_lines(const PupilRecord& r, std::vector<std::string>& out) {
  const OverviewLine& l = r.line;
  for (const auto& a : l.approaches)
    out.push_back(fmt::format("Aanpak {}: {} (vastgelegd door {}, {})", a.subject, approach_label(a.approach), a.set_by,
                              day_of(a.set_at)));
  for (const auto& e : l.entries) {
    const bool need = e.kind == EntryKind::kGeneralNeed || e.kind == EntryKind::kSubjectNeed;
    out.push_back(fmt::format("{}{}: {} (bron: {}; {}, {})", entry_kind_label(e.kind),
                              e.topic.empty() ? "" : " " + e.topic, need ? need_sentence(e.text) : e.text,
                              source_label(e.source), e.written_by, day_of(e.written_at)));
  }
  for (const auto& t : l.method_tests)
    out.push_back(fmt::format("Methodetoets {} {} ({}): {} van {}", t.subject, t.block, t.taken_on.dutch(),
                              dutch_decimal(t.score), dutch_decimal(t.maximum)));
  if (l.reading_level)
    out.push_back(fmt::format("AVI-niveau {} ({}, {})", l.reading_level->avi_level, l.reading_level->moment.label(),
                              l.reading_level->taken_on.dutch()));
  for (const auto& s : l.signals)
    out.push_back(fmt::format("Signaal {}: {}{}", signal_rule_label(s.rule), s.subject,
                              s.evidence.empty() ? "" : " — " + s.evidence));
}

void plan_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& p : r.plans)
    for (const auto& subject : p.plan.subjects) {
      for (const auto& g : subject.subgroups)
        if (std::find(g.pupils.begin(), g.pupils.end(), r.pupil_id) != g.pupils.end()) {
          std::string line = fmt::format("{}, {}: subgroep {}", p.period_name, subject.subject, approach_label(g.approach));
          for (const auto& goal : g.goals)
            if (goal.year_group.empty() || goal.year_group == r.year_group) line += " · doel: " + goal.text;
          out.push_back(line);
        }
      for (const auto& i : subject.individual)
        if (i.pupil_id == r.pupil_id)
          out.push_back(fmt::format("{}, {}: individueel: {}", p.period_name, subject.subject, i.text));
    }
}

void ihp_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& i : r.ihp_plans) {
    std::string head = fmt::format("IHP {} t/m {} ({})", i.starts_on.dutch(), i.ends_on.dutch(), ihp_status_label(i.status));
    if (i.outcome) head += ": " + ihp_outcome_label(*i.outcome);
    out.push_back(head);
    if (!i.starting_situation.empty()) out.push_back("Beginsituatie: " + i.starting_situation);
    for (const auto& g : i.goals)
      out.push_back(fmt::format("Doel {}: {}{}", g.number, g.text, g.verdict ? " — " + verdict_label(*g.verdict) : ""));
    if (!i.content.empty()) out.push_back("Inhoud: " + i.content);
    if (!i.evaluation.empty()) out.push_back("Evaluatie: " + i.evaluation);
    if (!i.parent_view.text.empty()) out.push_back("Kijk van de ouders: " + i.parent_view.text);
    if (!i.pupil_voice.text.empty()) out.push_back("Kijk van de leerling: " + i.pupil_voice.text);
    if (i.discussed_with_parents_on)
      out.push_back(fmt::format("Besproken met de ouders op {}; akkoord: {}", i.discussed_with_parents_on->dutch(),
                                yes_no(i.parents_agree)));
  }
}

void meeting_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& m : r.meetings) {
    std::string line = meeting_title(m, m.pupil_id == r.pupil_id ? r.name : "") + " · " + meeting_status_label(m.status);
    if (m.outcome != PupilDiscussionOutcome::kNone) line += " · " + outcome_label(m.outcome);
    out.push_back(line);
    if (m.pupil_id == r.pupil_id) {  // a pupil's own meeting: its report and agreements are about them
      if (!m.teacher_summary.empty()) out.push_back("Samenvatting: " + m.teacher_summary);
      if (!m.report.empty()) out.push_back("Verslag: " + m.report);
      for (const auto& a : m.agreements)
        out.push_back(fmt::format("Afspraak: {} ({}, uiterlijk {})", a.action, a.owner_name, a.due_on.dutch()));
    }
  }
}

void case_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& c : r.cases) {
    out.push_back(fmt::format("Zorgteamcasus ({}), {}: {}", case_status_label(c.status), day_of(c.created_at),
                              c.help_question.empty() ? c.registration : c.help_question));
    if (!c.advice.empty()) out.push_back("Advies: " + c.advice);
    for (const auto& o : c.outcomes)
      out.push_back("Uitkomst: " + case_outcome_label(o.kind) + (o.text.empty() ? "" : " — " + o.text));
    if (!c.outcome_note.empty()) out.push_back("Afsluiting: " + c.outcome_note);
  }
  for (const auto& t : r.care_team_reports) {
    out.push_back(fmt::format("Zorgteamoverleg {}", t.meeting_on ? t.meeting_on->dutch() : ""));
    if (!t.discussion.empty()) out.push_back("Besproken: " + t.discussion);
    if (!t.advice.empty()) out.push_back("Advies: " + t.advice);
    if (!t.decisions.empty()) out.push_back("Besluiten: " + t.decisions);
    for (const auto& a : t.agreements)
      out.push_back(fmt::format("Afspraak: {} ({}, uiterlijk {})", a.action, a.owner_name, a.due_on.dutch()));
  }
}

void hgd_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& h : r.hgd_requests) {
    out.push_back(fmt::format("HGD bij {} ({}), aangevraagd op {}: {}", h.expert_name, hgd_status_label(h.status),
                              h.requested_on.dutch(), h.help_question));
    for (const auto& q : h.questions) out.push_back("Onderzoeksvraag: " + q);
    for (const auto& rec : h.recommendations) out.push_back("Aanbeveling: " + rec.text);
  }
}

void referral_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& f : r.referrals) {
    out.push_back(fmt::format("{} ({}), gestart op {}{}", f.procedure_name, referral_status_label(f.status),
                              day_of(f.created_at), f.reason.empty() ? "" : ": " + f.reason));
    for (const auto& c : f.consents_given) out.push_back(c);
    if (f.sent()) out.push_back(fmt::format("Verzonden op {} aan {}", day_of(f.sent_at), f.sent_to));
    if (f.decision)
      out.push_back(fmt::format("Besluit {}: {}{}", f.decision->on.dutch(), f.decision->positive ? "toegekend" : "afgewezen",
                                f.decision->placement.empty() ? "" : " (" + f.decision->placement + ")"));
  }
}

void consent_lines(const PupilRecord& r, const TimeText& time_text, std::vector<std::string>& out) {
  for (const auto& c : r.cases)
    for (const auto& k : c.consents) {
      std::string line = fmt::format("Toestemming voor {}: gegeven door {} op {}, geldig tot en met {}",
                                     consent_purpose_label(k.purpose), k.given_by, k.given_on.dutch(),
                                     k.valid_until.dutch());
      if (!k.disciplines.empty()) {
        line += "; voor";
        for (size_t i = 0; i < k.disciplines.size(); ++i) line += (i ? ", " : " ") + k.disciplines[i];
      }
      if (k.withdrawn()) line += fmt::format("; ingetrokken door {} op {}", k.withdrawn_by, time_text(k.withdrawn_at));
      out.push_back(line);
    }
}

void request_lines(const PupilRecord& r, std::vector<std::string>& out) {
  for (const auto& q : r.requests) {
    out.push_back(fmt::format("Verzoek om {} van {} op {}: {}{} — {}", dossier_request_kind_label(q.kind), q.asked_by,
                              q.asked_on.dutch(), q.what, q.why.empty() ? "" : " (reden: " + q.why + ")",
                              q.open() ? fmt::format("{}; antwoord uiterlijk {}", dossier_request_status_label(q.status),
                                                     q.due_on.dutch())
                                       : dossier_request_status_label(q.status)));
    if (!q.open())
      out.push_back(fmt::format("Antwoord van {} op {}: {}", q.answered_by, day_of(q.answered_at), q.answer));
  }
}

void access_lines(const PupilRecord& r, const TimeText& time_text, std::vector<std::string>& out) {
  for (const auto& e : r.accesses)
    out.push_back(fmt::format("{} — {} {}", time_text(e.at), audit_who(e), audit_sentence(e)));
}

}  // namespace

std::vector<InzageSection> inzage_sections(const PupilRecord& r, const TimeText& time_text) {
  std::vector<InzageSection> s(12);
  s[0].title = "Stamkaart";
  card_lines(r, s[0].lines);
  s[1].title = "Toetsresultaten";
  for (const auto& x : r.results) s[1].lines.push_back(result_line(x));
  s[2].title = "Groepsoverzicht";
  overview_lines(r, s[2].lines);
  s[3].title = "Groepsplannen";
  plan_lines(r, s[3].lines);
  s[4].title = "Handelingsplannen (IHP)";
  ihp_lines(r, s[4].lines);
  s[5].title = "Besprekingen";
  meeting_lines(r, s[5].lines);
  s[6].title = "Zorgteam";
  case_lines(r, s[6].lines);
  s[7].title = "Onderzoek (HGD)";
  hgd_lines(r, s[7].lines);
  s[8].title = "Verwijzingen";
  referral_lines(r, s[8].lines);
  s[9].title = "Toestemmingen";
  consent_lines(r, time_text, s[9].lines);
  s[10].title = "Verzoeken om verbetering, aanvulling of verwijdering";
  request_lines(r, s[10].lines);
  s[11].title = "Wie het dossier inzag";
  access_lines(r, time_text, s[11].lines);
  for (auto& section : s)
    std::erase_if(section.lines, [](const std::string& l) { return l.empty(); });
  return s;
}

}  // namespace koers::domain
