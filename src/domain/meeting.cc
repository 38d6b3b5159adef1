#include "domain/meeting.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::domain {

namespace {

template <typename E>
struct Named {
  E value;
  const char* key;
  const char* label;
};

template <typename E, size_t N>
std::string key_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.key;
  return "";
}
template <typename E, size_t N>
std::string label_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.label;
  return "";
}
template <typename E, size_t N>
std::optional<E> parse(const Named<E> (&table)[N], const std::string& key) {
  for (const auto& n : table)
    if (key == n.key) return n.value;
  return std::nullopt;
}

const Named<MeetingKind> kKinds[] = {{MeetingKind::kGroupDiscussion, "groepsbespreking", "Groepsbespreking"},
                                     {MeetingKind::kPupilDiscussion, "leerlingbespreking", "Leerlingbespreking"},
                                     {MeetingKind::kCareTeam, "zorgteam", "Zorgteamoverleg"},
                                     {MeetingKind::kHgdAdvice, "adviesgesprek-hgd", "Adviesgesprek HGD"}};
const Named<MeetingStatus> kStatuses[] = {
    {MeetingStatus::kRequested, "aangemeld", "aangemeld, nog niet gepland"},
    {MeetingStatus::kPlanned, "gepland", "gepland"},
    {MeetingStatus::kPrepared, "voorbereid", "voorbereid"},
    {MeetingStatus::kSent, "verstuurd", "verstuurd naar de IB"},
    {MeetingStatus::kHeld, "gehouden", "gehouden, verslag volgt"},
    {MeetingStatus::kReported, "verslag", "verslag vastgesteld"}};
const Named<RegistrationKind> kRegistrationKinds[] = {
    {RegistrationKind::kPupilDiscussion, "leerlingbespreking", "leerlingbespreking"},
    {RegistrationKind::kCareTeam, "zorgteam", "zorgteam"}};

bool before_status(MeetingStatus s, MeetingStatus limit) { return static_cast<int>(s) < static_cast<int>(limit); }

}  // namespace

std::string meeting_kind_key(MeetingKind k) { return key_of(kKinds, k); }
std::string meeting_kind_label(MeetingKind k) { return label_of(kKinds, k); }
std::optional<MeetingKind> parse_meeting_kind(const std::string& key) { return parse(kKinds, key); }
std::string meeting_status_key(MeetingStatus s) { return key_of(kStatuses, s); }
std::string meeting_status_label(MeetingStatus s) { return label_of(kStatuses, s); }
std::optional<MeetingStatus> parse_meeting_status(const std::string& key) { return parse(kStatuses, key); }
std::string registration_kind_key(RegistrationKind k) { return key_of(kRegistrationKinds, k); }
std::string registration_kind_label(RegistrationKind k) { return label_of(kRegistrationKinds, k); }
std::optional<RegistrationKind> parse_registration_kind(const std::string& key) {
  return parse(kRegistrationKinds, key);
}

std::vector<ChecklistItem> group_discussion_checklist() {
  return {{"evalueren", "Groepsplan geëvalueerd en groepsoverzicht bijgewerkt", false},
          {"opbrengsten", "Opbrengsten bekeken: welke doelen zijn gehaald en waardoor (stimulerend), welke niet en "
                          "waardoor (belemmerend)",
           false},
          {"vooruitkijken", "Vooruitgekeken: welke kinderen gaan extra begeleiding nodig hebben", false},
          {"bijstellen", "Doelen en onderwijsbehoeften bijgesteld", false},
          {"clusteren", "Leerlingen geclusterd en de aanpak voor het nieuwe groepsplan beschreven", false},
          {"vragen", "Bespreekpunten en vragen op een rij gezet", false}};
}

std::vector<AgendaItem> group_discussion_agenda() {
  return {{"vragen", "Bespreekpunten en vragen van de leerkracht en de IB", ""},
          {"evaluatie", "Evaluatie vorig groepsplan", ""},
          {"hele-groep", "Aandachtspunten hele groep", ""},
          {"inzoomen", "Inzoomen op bepaalde leerlingen", ""},
          {"realiseren", "Realiseren van het groepsplan", ""},
          {"motivatie", "Motivatie, zelfvertrouwen en competentie", ""},
          {"groepsbezoek", "Groepsbezoek", ""},
          {"aanmelding", "Aanmelding van leerlingen voor een leerlingbespreking of het zorgteam", ""}};
}

std::vector<GrowthStepNotes> pupil_discussion_steps() {
  std::vector<GrowthStepNotes> out;
  for (const GrowthStep& step : growth_steps()) out.push_back({step.key, step.title, ""});
  return out;
}

bool is_overdue(const Agreement& a, const Date& today) { return !a.done_on && a.due_on < today; }

std::string participant_role_label(const std::string& role) {
  if (role == "ouders") return "Ouders";
  if (role == "leerkracht") return "Leerkracht";
  if (role == "ib") return "IB";
  if (role == "deskundige") return "Deskundige";
  return "Anders";
}

Meeting new_meeting(MeetingKind kind, Id school_id, std::optional<Date> on) {
  Meeting m;
  m.kind = kind;
  m.school_id = school_id;
  m.planned_on = on;
  m.status = on ? MeetingStatus::kPlanned : MeetingStatus::kRequested;
  if (kind == MeetingKind::kGroupDiscussion) {
    m.checklist = group_discussion_checklist();
    m.agenda = group_discussion_agenda();
    m.minutes = 75;
  } else if (kind == MeetingKind::kPupilDiscussion) {
    m.steps = pupil_discussion_steps();
    m.minutes = 45;
  } else if (kind == MeetingKind::kHgdAdvice) {
    m.minutes = 60;
  } else {
    m.minutes = 90;
  }
  return m;
}

std::string meeting_title(const Meeting& m, const std::string& name) {
  return fmt::format("{}{}{} · {}", meeting_kind_label(m.kind), name.empty() ? "" : " ", name,
                     m.planned_on ? m.planned_on->dutch() : std::string("nog te plannen"));
}

MeetingActor actor_for(Role role, bool teaches_the_group) {
  if (role == Role::kSupportCoordinator) return MeetingActor::kSupportCoordinator;
  if (role == Role::kTeacher && teaches_the_group) return MeetingActor::kTeacher;
  return MeetingActor::kReader;
}

namespace {

// Field by field: what the actor may change at the status, else it must stay as stored.
struct Merge {
  const Meeting& stored;
  const Meeting& submitted;
  Meeting out;
  std::optional<std::string> error;

  template <typename T>
  void field(T Meeting::*member, bool allowed, const char* what) {
    if (error) return;
    if (allowed) out.*member = submitted.*member;
    else if (!(submitted.*member == stored.*member)) error = what;
  }
};

// The IB's registrations as submitted: who, for what and why (the follow-up is the store's).
bool same_registrations(const std::vector<Registration>& a, const std::vector<Registration>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Registration& x, const Registration& y) {
    return x.pupil_id == y.pupil_id && x.kind == y.kind && x.reason == y.reason;
  });
}

// The submitted list keeps the stored keys and titles; only the notes or ticks come from it.
template <typename Item, typename Copy>
std::optional<std::string> same_keys(const std::vector<Item>& stored, const std::vector<Item>& submitted,
                                     const char* what, Copy copy, std::vector<Item>& out) {
  if (stored.size() != submitted.size()) return fmt::format("{}: de vaste punten kunnen niet veranderen", what);
  out = stored;
  for (size_t i = 0; i < stored.size(); ++i) {
    if (stored[i].key != submitted[i].key) return fmt::format("{}: de vaste punten kunnen niet veranderen", what);
    copy(out[i], submitted[i]);
  }
  return std::nullopt;
}

}  // namespace

std::variant<Meeting, std::string> apply_edit(const Meeting& stored, const Meeting& submitted, MeetingActor actor) {
  if (actor == MeetingActor::kReader) return std::string("u kunt deze bespreking alleen lezen");
  const bool ib = actor == MeetingActor::kSupportCoordinator;
  const bool teacher = actor == MeetingActor::kTeacher;
  const MeetingStatus s = stored.status;
  const bool before_sent = before_status(s, MeetingStatus::kSent);
  const bool before_held = before_status(s, MeetingStatus::kHeld);
  const bool before_reported = before_status(s, MeetingStatus::kReported);

  Merge m{stored, submitted, stored, std::nullopt};
  m.field(&Meeting::planned_on, ib && before_held, "de datum ligt vast: de bespreking is gehouden");
  m.field(&Meeting::starts_at, ib && before_held, "de tijd ligt vast: de bespreking is gehouden");
  m.field(&Meeting::minutes, ib && before_held, "de duur ligt vast: de bespreking is gehouden");
  m.field(&Meeting::location, ib && before_held, "de plaats ligt vast: de bespreking is gehouden");
  m.field(&Meeting::participants, ib && before_held,
          before_held ? "de IB nodigt de deelnemers uit" : "de deelnemers liggen vast: de bespreking is gehouden");
  m.field(&Meeting::questions, teacher && before_sent,
          before_sent ? "de vragen zijn van de leerkracht" : "verstuurd: de vragen liggen vast");
  m.field(&Meeting::form, teacher && before_sent,
          before_sent ? "het aanmeldingsformulier is van de leerkracht" : "verstuurd: het aanmeldingsformulier ligt vast");
  m.field(&Meeting::decisions, ib && before_reported, "het verslag is vastgesteld: de besluiten liggen vast");
  m.field(&Meeting::outcome, ib && before_reported, "het verslag is vastgesteld: de uitkomst ligt vast");
  m.field(&Meeting::outcome_note, ib && before_reported, "het verslag is vastgesteld: de uitkomst ligt vast");
  m.field(&Meeting::teacher_summary, teacher && before_reported,
          before_reported ? "de samenvatting is van de leerkracht" : "het verslag is vastgesteld");
  m.field(&Meeting::report, ib && before_reported, "het verslag is vastgesteld");
  if (m.error) return *m.error;

  // Lists with fixed points: only the ticks or notes may change.
  if (!(submitted.checklist == stored.checklist)) {
    if (!(teacher && before_sent)) return std::string(before_sent ? "de voorbereiding is van de leerkracht"
                                                                  : "verstuurd: de voorbereiding ligt vast");
    if (auto e = same_keys(stored.checklist, submitted.checklist, "Voorbereiding",
                           [](ChecklistItem& o, const ChecklistItem& in) { o.done = in.done; }, m.out.checklist))
      return *e;
  }
  if (!(submitted.agenda == stored.agenda)) {
    if (!(ib && before_reported)) return std::string("het verslag is vastgesteld: de agenda ligt vast");
    if (auto e = same_keys(stored.agenda, submitted.agenda, "Agenda",
                           [](AgendaItem& o, const AgendaItem& in) { o.notes = in.notes; }, m.out.agenda))
      return *e;
  }
  if (!(submitted.steps == stored.steps)) {
    if (!(ib && before_reported)) return std::string("het verslag is vastgesteld: het groeidocument ligt vast");
    if (auto e = same_keys(stored.steps, submitted.steps, "Groeidocument",
                           [](GrowthStepNotes& o, const GrowthStepNotes& in) { o.notes = in.notes; }, m.out.steps))
      return *e;
  }
  // Registrations: the IB adds (and may drop one not yet followed up) until the report.
  if (!same_registrations(submitted.registrations, stored.registrations)) {
    if (!(ib && before_reported)) return std::string("alleen de IB meldt leerlingen aan, tot het verslag is vastgesteld");
    if (stored.kind != MeetingKind::kGroupDiscussion) return std::string("aanmelden gaat vanuit een groepsbespreking");
    std::vector<Registration> out;
    for (const Registration& r : submitted.registrations) {
      if (r.pupil_id == 0) return std::string("Aanmelding: kies een leerling");
      auto was = std::find_if(stored.registrations.begin(), stored.registrations.end(),
                              [&](const Registration& s) { return s.pupil_id == r.pupil_id && s.kind == r.kind; });
      Registration kept = r;
      kept.follow_up_meeting_id = was == stored.registrations.end() ? 0 : was->follow_up_meeting_id;
      out.push_back(kept);
    }
    for (const Registration& s : stored.registrations)
      if (s.follow_up_meeting_id &&
          std::none_of(out.begin(), out.end(), [&](const Registration& r) { return r.pupil_id == s.pupil_id && r.kind == s.kind; }))
        return std::string("Aanmelding: een leerling met een geplande leerlingbespreking blijft aangemeld");
    m.out.registrations = out;
  }
  // Agreements: added by either, marked done or open again; never removed or rewritten.
  std::vector<Agreement> agreements;
  for (const Agreement& a : stored.agreements) {
    auto in = std::find_if(submitted.agreements.begin(), submitted.agreements.end(),
                           [&](const Agreement& b) { return b.id == a.id; });
    if (in == submitted.agreements.end()) return fmt::format("Afspraak \"{}\" kan niet worden verwijderd", a.action);
    if (in->action != a.action || in->owner_account_id != a.owner_account_id || in->due_on != a.due_on)
      return fmt::format("Afspraak \"{}\": alleen afvinken kan nog", a.action);
    Agreement kept = a;
    kept.done_on = in->done_on;
    agreements.push_back(kept);
  }
  for (const Agreement& a : submitted.agreements) {
    if (a.id != 0) {
      if (std::none_of(stored.agreements.begin(), stored.agreements.end(), [&](const Agreement& b) { return b.id == a.id; }))
        return fmt::format("Afspraak {} hoort niet bij deze bespreking", a.id);
      continue;
    }
    const size_t n = agreements.size() + 1;
    if (a.action.find_first_not_of(" \t\r\n") == std::string::npos) return fmt::format("Afspraak {}: wat is er afgesproken?", n);
    if (a.owner_account_id == 0) return fmt::format("Afspraak {}: wie voert het uit?", n);
    if (!a.due_on.valid()) return fmt::format("Afspraak {}: voor wanneer?", n);
    Agreement added = a;
    added.meeting_id = stored.id;
    agreements.push_back(added);
  }
  m.out.agreements = agreements;

  // Prepared follows from the content while not yet sent.
  if (s == MeetingStatus::kPlanned || s == MeetingStatus::kPrepared) {
    const bool ready = stored.kind == MeetingKind::kGroupDiscussion
                           ? std::all_of(m.out.checklist.begin(), m.out.checklist.end(), [](const ChecklistItem& c) { return c.done; })
                           : registration_complete(m.out.form);
    m.out.status = ready ? MeetingStatus::kPrepared : MeetingStatus::kPlanned;
  }
  return m.out;
}

std::optional<std::string> send(Meeting& m, MeetingActor actor, int plan_version, const std::string& who,
                                const std::string& now) {
  if (actor != MeetingActor::kTeacher) return "alleen de leerkracht van de groep verstuurt de voorbereiding";
  if (m.kind == MeetingKind::kCareTeam) return "een zorgteamoverleg wordt niet door een leerkracht verstuurd";
  if (m.kind == MeetingKind::kHgdAdvice) return "een adviesgesprek wordt niet door een leerkracht verstuurd";
  if (m.status == MeetingStatus::kRequested) return "de bespreking heeft nog geen datum";
  if (m.status != MeetingStatus::kPlanned && m.status != MeetingStatus::kPrepared)
    return "de voorbereiding is al verstuurd";
  if (m.kind == MeetingKind::kGroupDiscussion && plan_version == 0)
    return "sla eerst het groepsplan van de periode op: dat wordt met het groepsoverzicht verstuurd";
  if (m.kind == MeetingKind::kPupilDiscussion && !registration_complete(m.form))
    return "vul eerst de hulpvraag in op het aanmeldingsformulier";
  m.status = MeetingStatus::kSent;
  m.plan_version = m.kind == MeetingKind::kGroupDiscussion ? plan_version : 0;
  // The teacher's questions stand in the IB's first agenda point, to be talked through.
  if (m.kind == MeetingKind::kGroupDiscussion && m.questions.find_first_not_of(" \t\r\n") != std::string::npos)
    for (AgendaItem& a : m.agenda)
      if (a.key == "vragen" && a.notes.find(m.questions) == std::string::npos)
        a.notes = "Vragen van de leerkracht:\n" + m.questions + (a.notes.empty() ? "" : "\n\n" + a.notes);
  m.sent_at = now;
  m.sent_by = who;
  return std::nullopt;
}

std::optional<std::string> hold(Meeting& m, MeetingActor actor, const std::string& now) {
  if (actor != MeetingActor::kSupportCoordinator) return "de IB leidt de bespreking";
  if (m.status == MeetingStatus::kRequested) return "plan de bespreking eerst in";
  if (!before_status(m.status, MeetingStatus::kHeld)) return "de bespreking is al gehouden";
  m.status = MeetingStatus::kHeld;
  m.held_at = now;
  return std::nullopt;
}

std::optional<std::string> finalise_report(Meeting& m, MeetingActor actor, const std::string& who,
                                           const std::string& now) {
  if (actor != MeetingActor::kSupportCoordinator) return "de IB stelt het verslag vast";
  if (m.status == MeetingStatus::kReported) return "het verslag is al vastgesteld";
  if (m.status != MeetingStatus::kHeld) return "de bespreking is nog niet gehouden";
  const auto blank = [](const std::string& t) { return t.find_first_not_of(" \t\r\n") == std::string::npos; };
  // A care-team meeting's report is what was recorded per case (care_team_meeting.h).
  if (m.kind == MeetingKind::kGroupDiscussion && blank(m.report)) return "schrijf eerst het korte verslag";
  if (m.kind == MeetingKind::kHgdAdvice && blank(m.report)) return "schrijf eerst op wat er is geadviseerd";
  if (m.kind == MeetingKind::kPupilDiscussion && (m.steps.empty() || blank(m.steps.back().notes)))
    return "vul eerst stap 6 in: afspraken en planning";
  m.status = MeetingStatus::kReported;
  m.reported_at = now;
  m.reported_by = who;
  return std::nullopt;
}

std::optional<std::string> reschedule(Meeting& m, MeetingActor actor, const Date& on, const std::string& starts_at) {
  if (actor != MeetingActor::kSupportCoordinator) return "de IB plant de besprekingen";
  if (!before_status(m.status, MeetingStatus::kHeld)) return "de bespreking is al gehouden";
  if (!on.valid()) return "kies een datum";
  m.planned_on = on;
  m.starts_at = starts_at;
  if (m.status == MeetingStatus::kRequested) m.status = MeetingStatus::kPlanned;
  return std::nullopt;
}

std::optional<std::string> cancel_check(const Meeting& m, MeetingActor actor) {
  if (actor != MeetingActor::kSupportCoordinator) return "de IB plant de besprekingen";
  if (!before_status(m.status, MeetingStatus::kSent)) return "een verstuurde of gehouden bespreking blijft bewaard";
  if (!m.agreements.empty() || !m.registrations.empty()) return "deze bespreking heeft al afspraken of aanmeldingen";
  if (m.source_meeting_id)
    return "aangemeld in een groepsbespreking: plan de leerlingbespreking, of leg als uitkomst vast dat er geen vervolg nodig is";
  return std::nullopt;
}

std::optional<std::string> second_group_discussion(const std::vector<Meeting>& of_school, Id group_id, Id period_id,
                                                   bool follow_up) {
  if (follow_up || !group_id || !period_id) return std::nullopt;
  for (const Meeting& m : of_school)
    if (m.kind == MeetingKind::kGroupDiscussion && m.group_id == group_id && m.period_id == period_id)
      return m.planned_on ? "deze groep heeft in deze periode al een groepsbespreking, op " + m.planned_on->dutch() +
                                "; verzet die, of plan bewust een vervolgbespreking"
                          : std::string("deze groep heeft in deze periode al een groepsbespreking; plan bewust een "
                                        "vervolgbespreking als u er een tweede wilt");
  return std::nullopt;
}

bool date_passed_unheld(const Meeting& m, const Date& today) {
  return m.planned_on && *m.planned_on < today && before_status(m.status, MeetingStatus::kHeld);
}

std::string meeting_status_label(const Meeting& m, const Date& today) {
  return date_passed_unheld(m, today) ? "datum verstreken, niet gehouden" : meeting_status_label(m.status);
}

std::vector<std::string> preparation_gaps(const Meeting& m) {
  std::vector<std::string> out;
  if (m.kind == MeetingKind::kGroupDiscussion) {
    for (const ChecklistItem& c : m.checklist)
      if (!c.done) out.push_back("nog niet afgevinkt: " + c.title);
    if (m.questions.find_first_not_of(" \t\r\n") == std::string::npos) out.push_back("nog geen bespreekpunten of vragen");
  } else if (m.kind != MeetingKind::kHgdAdvice) {
    for (const std::string& p : registration_problems(m.form)) out.push_back(p);
  }
  return out;
}

}  // namespace koers::domain
