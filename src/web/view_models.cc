#include "web/view_models.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "web/app.h"

namespace koers::web {

using nlohmann::json;

namespace {
json optional_date(const std::optional<domain::Date>& d) {
  return d ? json(d->iso()) : json(nullptr);
}
std::string dutch_date(const std::optional<domain::Date>& d) { return d ? d->dutch() : ""; }
}  // namespace

std::string script_json(const nlohmann::json& j) {
  std::string dumped = j.dump();
  // Most data has no '<': then the dump as it is (a copy char by char was 8 % of the groepsplan).
  const size_t first = dumped.find('<');
  if (first == std::string::npos) return dumped;
  std::string out;
  out.reserve(dumped.size() + 16);
  size_t from = 0;
  for (size_t at = first; at != std::string::npos; at = dumped.find('<', from)) {
    out.append(dumped, from, at - from).append("\\u003c");
    from = at + 1;
  }
  return out.append(dumped, from, std::string::npos);
}

nlohmann::json nz(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

json group_json(const domain::Group& g) {
  return {{"id", g.id},
          {"name", g.name},
          {"label", g.label()},
          {"school_year", g.school_year},
          {"kind", g.kind == domain::GroupKind::kCombined ? "samengesteld" : "regulier"},
          {"combined", g.kind == domain::GroupKind::kCombined},
          {"combination", g.kind == domain::GroupKind::kRegular && g.is_combination()},
          {"year_groups", g.year_groups},
          {"year_groups_text", join(g.year_groups, " en ")},
          {"teachers", g.teachers},
          {"teachers_text", join(g.teachers, " en ")},
          {"pupil_count", g.pupil_count}};
}

View pupil_row_view(const store::PupilListRow& p) {
  View v = View::object(8);
  v["id"] = p.id;
  v["name"] = p.name.display();
  v["sort_name"] = p.name.formal();
  v["birth_date"] = p.birth_date ? View(p.birth_date->iso()) : View();
  v["birth_date_text"] = dutch_date(p.birth_date);
  v["gender"] = domain::gender_label(p.gender);
  v["year_group"] = p.year_group;
  v["left"] = p.left;
  return v;
}

json pupil_row_json(const store::PupilListRow& p) { return pupil_row_view(p).to_json(); }

json pupil_json(const domain::Pupil& p) {
  return {{"id", p.id},
          {"name", p.name.display()},
          {"given_name", p.name.given},
          {"surname_prefix", p.name.prefix},
          {"surname", p.name.surname},
          {"first_names", p.first_names},
          {"initials", p.initials},
          {"birth_date", optional_date(p.birth_date)},
          {"birth_date_text", dutch_date(p.birth_date)},
          {"age", p.birth_date ? json(domain::age_on(*p.birth_date, today_local())) : json(nullptr)},
          {"gender", domain::gender_label(p.gender)},
          {"started_group3_on", optional_date(p.started_group3_on)},
          {"enrolled_on", optional_date(p.enrolled_on)},
          {"enrolled_on_text", dutch_date(p.enrolled_on)},
          {"left_on", optional_date(p.left_on)},
          {"left_on_text", dutch_date(p.left_on)},
          {"left", p.left_on.has_value()},
          {"administration_key", p.edex_key}};
}

json enrolment_json(const domain::Enrolment& e) {
  return {{"group_id", e.group_id},
          {"group", e.group_name},
          {"school_year", e.school_year},
          {"year_group", e.year_group},
          {"combined", e.combined}};
}

json guardian_json(const domain::Guardian& g) {
  return {{"id", g.id},
          {"name", g.name.display()},
          {"relation", g.relation},
          {"email", g.email},
          {"phone", g.phone}};
}

json audit_json(const domain::AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"at_text", display_time(e.at)},
          {"account_id", e.account_id},
          {"username", e.username},
          {"role", e.role},
          {"on_behalf_of", e.on_behalf_of},
          {"action", e.action},
          {"action_text", domain::audit_action_label(e.action)},
          {"object", e.object},
          {"detail", e.detail},
          {"address", e.address},
          {"who", domain::audit_who(e)},
          {"sentence", domain::audit_sentence(e)},
          {"pupil_count", domain::audit_pupils(e).size()}};
}

json audit_line_json(const domain::AuditLine& line) {
  json out = audit_json(line.entry);
  out["count"] = line.count;
  out["folded"] = line.count > 1;
  if (line.count > 1) {
    // "28-11-2026 10:00–10:09": the day once when the span stays within it.
    std::string first = display_time(line.first_at), last = display_time(line.entry.at);
    if (first != last)
      out["at_text"] = first.substr(0, 10) == last.substr(0, 10) && last.size() > 11 ? first + "–" + last.substr(11)
                                                                                     : first + " – " + last;
    out["count_text"] = fmt::format("{} keer", line.count);
  }
  const size_t n = domain::audit_pupils(line.entry).size();
  if (n > 1) out["group_text"] = fmt::format("met {} leerlingen", n);
  return out;
}

json account_json(const store::Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"role", std::string(domain::role_key(a.role))},
          {"role_label", std::string(domain::role_label(a.role))},
          {"display_name", a.display_name},
          {"school_id", a.school_id},
          {"active", a.active},
          {"state", store::account_state_label(a.state())}};
}

json school_json(const store::SchoolOverview& s) {
  return {{"id", s.school.id},
          {"name", s.school.name},
          {"brin", s.school.brin},
          {"dependance", s.school.dependance},
          {"place", s.school.place},
          {"current_year", s.current_year},
          {"groups", s.groups},
          {"pupils", s.pupils},
          {"accounts", s.accounts}};
}

View result_view(const domain::StandardisedResult& r) {
  View v = View::object(9);
  v["subject"] = r.subject;
  v["moment"] = r.moment.label();
  v["ability_score"] = r.ability_score ? View(*r.ability_score) : View();
  v["ability_score_text"] = r.ability_score ? domain::dutch_decimal(*r.ability_score) : "";
  v["dle_text"] = r.dle ? domain::dutch_decimal(*r.dle) : "";
  v["level"] = r.level ? View(r.level->label()) : View();
  v["level_band"] = r.level ? View(r.level->band()) : View();
  v["level_colour"] = r.level ? View(r.level->colour()) : View();
  v["dle"] = r.dle ? View(*r.dle) : View();
  return v;
}

json result_json(const domain::StandardisedResult& r) { return result_view(r).to_json(); }

std::vector<domain::Group> visible_groups(App& app, const domain::Principal& who) {
  using domain::Role;
  if (who.role == Role::kTeacher) return app.groups.groups_by_ids(who.group_ids);
  if ((who.role == Role::kSupportCoordinator || who.role == Role::kHead) && who.school_id) {
    if (auto year = app.schools.current_school_year(who.school_id))
      return app.groups.groups_of_school(who.school_id, year->id);
  }
  return {};
}

}  // namespace koers::web
