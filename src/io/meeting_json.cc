#include "io/meeting_json.h"

#include <fmt/format.h>

namespace koers::io {

using nlohmann::json;

namespace {

json date_or_null(const std::optional<domain::Date>& d) { return d ? json(d->iso()) : json(nullptr); }

std::optional<domain::Date> date_field(const json& j, const char* field, const std::string& where) {
  const std::string t = text_field(j, field, where);
  if (t.empty()) return std::nullopt;
  auto d = domain::parse_iso_date(t);
  if (!d) throw JsonFieldError(fmt::format("{}.{}: verwacht een datum (JJJJ-MM-DD)", where, field));
  return d;
}

template <typename Parse>
auto keyed(const json& j, const char* field, const std::string& where, Parse parse) {
  const std::string key = text_field(j, field, where);
  auto v = parse(key);
  if (!v) throw JsonFieldError(fmt::format("{}.{}: onbekende waarde \"{}\"", where, field, key));
  return *v;
}

}  // namespace

json meeting_json(const domain::Meeting& m) {
  json checklist = json::array(), agenda = json::array(), steps = json::array(), registrations = json::array(),
       agreements = json::array(), participants = json::array();
  for (const auto& p : m.participants) participants.push_back({{"role", p.role}, {"name", p.name}});
  for (const auto& c : m.checklist) checklist.push_back({{"key", c.key}, {"title", c.title}, {"done", c.done}});
  for (const auto& a : m.agenda) agenda.push_back({{"key", a.key}, {"title", a.title}, {"notes", a.notes}});
  for (const auto& s : m.steps) steps.push_back({{"key", s.key}, {"title", s.title}, {"notes", s.notes}});
  for (const auto& r : m.registrations)
    registrations.push_back({{"pupil_id", r.pupil_id},
                             {"kind", domain::registration_kind_key(r.kind)},
                             {"reason", r.reason},
                             {"follow_up_meeting_id", r.follow_up_meeting_id}});
  for (const auto& a : m.agreements)
    agreements.push_back({{"id", a.id},
                          {"meeting_id", a.meeting_id},
                          {"action", a.action},
                          {"owner_account_id", a.owner_account_id},
                          {"owner_name", a.owner_name},
                          {"due_on", a.due_on.valid() ? json(a.due_on.iso()) : json(nullptr)},
                          {"done_on", date_or_null(a.done_on)}});
  return {{"id", m.id},
          {"school_id", m.school_id},
          {"kind", domain::meeting_kind_key(m.kind)},
          {"status", domain::meeting_status_key(m.status)},
          {"group_id", m.group_id},
          {"pupil_id", m.pupil_id},
          {"period_id", m.period_id},
          {"planned_on", date_or_null(m.planned_on)},
          {"starts_at", m.starts_at},
          {"minutes", m.minutes},
          {"location", m.location},
          {"source_meeting_id", m.source_meeting_id},
          {"hgd_id", m.hgd_id},
          {"participants", participants},
          {"checklist", checklist},
          {"questions", m.questions},
          {"plan_version", m.plan_version},
          {"sent_at", m.sent_at},
          {"sent_by", m.sent_by},
          {"agenda", agenda},
          {"decisions", m.decisions},
          {"registrations", registrations},
          {"form",
           {{"help_question", m.form.help_question},
            {"going_well", m.form.going_well},
            {"difficult", m.form.difficult},
            {"tried", m.form.tried},
            {"wishes", m.form.wishes}}},
          {"steps", steps},
          {"outcome", domain::outcome_key(m.outcome)},
          {"outcome_note", m.outcome_note},
          {"teacher_summary", m.teacher_summary},
          {"report", m.report},
          {"held_at", m.held_at},
          {"reported_at", m.reported_at},
          {"reported_by", m.reported_by},
          {"agreements", agreements},
          {"version", m.version},
          {"updated_by", m.updated_by},
          {"updated_at", m.updated_at}};
}

domain::Meeting meeting_from_json(const json& j) {
  if (!j.is_object()) throw JsonFieldError("verwacht een bespreking (JSON-object)");
  const std::string at = "bespreking";
  domain::Meeting m;
  m.id = integer_field(j, "id", at);
  m.school_id = integer_field(j, "school_id", at);
  if (j.contains("kind")) m.kind = keyed(j, "kind", at, domain::parse_meeting_kind);
  if (j.contains("status")) m.status = keyed(j, "status", at, domain::parse_meeting_status);
  m.group_id = integer_field(j, "group_id", at);
  m.pupil_id = integer_field(j, "pupil_id", at);
  m.period_id = integer_field(j, "period_id", at);
  m.planned_on = date_field(j, "planned_on", at);
  m.starts_at = text_field(j, "starts_at", at);
  if (j.contains("minutes") && !j["minutes"].is_null()) m.minutes = static_cast<int>(integer_field(j, "minutes", at));
  m.location = text_field(j, "location", at);
  m.source_meeting_id = integer_field(j, "source_meeting_id", at);
  m.hgd_id = integer_field(j, "hgd_id", at);
  const auto& participants = array_field(j, "participants", at);
  for (size_t i = 0; i < participants.size(); ++i) {
    const std::string w = fmt::format("participants[{}]", i);
    m.participants.push_back({text_field(participants[i], "role", w), text_field(participants[i], "name", w)});
  }
  const auto& checklist = array_field(j, "checklist", at);
  for (size_t i = 0; i < checklist.size(); ++i) {
    const std::string w = fmt::format("checklist[{}]", i);
    m.checklist.push_back({text_field(checklist[i], "key", w), text_field(checklist[i], "title", w),
                           flag_field(checklist[i], "done", w)});
  }
  m.questions = text_field(j, "questions", at);
  m.plan_version = static_cast<int>(integer_field(j, "plan_version", at));
  m.sent_at = text_field(j, "sent_at", at);
  m.sent_by = text_field(j, "sent_by", at);
  const auto& agenda = array_field(j, "agenda", at);
  for (size_t i = 0; i < agenda.size(); ++i) {
    const std::string w = fmt::format("agenda[{}]", i);
    m.agenda.push_back({text_field(agenda[i], "key", w), text_field(agenda[i], "title", w), text_field(agenda[i], "notes", w)});
  }
  m.decisions = text_field(j, "decisions", at);
  const auto& registrations = array_field(j, "registrations", at);
  for (size_t i = 0; i < registrations.size(); ++i) {
    const std::string w = fmt::format("registrations[{}]", i);
    domain::Registration r;
    r.pupil_id = integer_field(registrations[i], "pupil_id", w);
    r.kind = keyed(registrations[i], "kind", w, domain::parse_registration_kind);
    r.reason = text_field(registrations[i], "reason", w);
    r.follow_up_meeting_id = integer_field(registrations[i], "follow_up_meeting_id", w);
    m.registrations.push_back(r);
  }
  if (j.contains("form") && j["form"].is_object()) {
    const json& f = j["form"];
    m.form = {text_field(f, "help_question", "form"), text_field(f, "going_well", "form"),
              text_field(f, "difficult", "form"), text_field(f, "tried", "form"), text_field(f, "wishes", "form")};
  }
  const auto& steps = array_field(j, "steps", at);
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string w = fmt::format("steps[{}]", i);
    m.steps.push_back({text_field(steps[i], "key", w), text_field(steps[i], "title", w), text_field(steps[i], "notes", w)});
  }
  if (!text_field(j, "outcome", at).empty()) m.outcome = keyed(j, "outcome", at, domain::parse_outcome);
  m.outcome_note = text_field(j, "outcome_note", at);
  m.teacher_summary = text_field(j, "teacher_summary", at);
  m.report = text_field(j, "report", at);
  m.held_at = text_field(j, "held_at", at);
  m.reported_at = text_field(j, "reported_at", at);
  m.reported_by = text_field(j, "reported_by", at);
  const auto& agreements = array_field(j, "agreements", at);
  for (size_t i = 0; i < agreements.size(); ++i) {
    const std::string w = fmt::format("agreements[{}]", i);
    domain::Agreement a;
    a.id = integer_field(agreements[i], "id", w);
    a.meeting_id = integer_field(agreements[i], "meeting_id", w);
    a.action = text_field(agreements[i], "action", w);
    a.owner_account_id = integer_field(agreements[i], "owner_account_id", w);
    a.owner_name = text_field(agreements[i], "owner_name", w);
    if (auto d = date_field(agreements[i], "due_on", w)) a.due_on = *d;
    a.done_on = date_field(agreements[i], "done_on", w);
    m.agreements.push_back(a);
  }
  m.version = static_cast<int>(integer_field(j, "version", at));
  m.updated_by = text_field(j, "updated_by", at);
  m.updated_at = text_field(j, "updated_at", at);
  return m;
}

}  // namespace koers::io
