#include "io/ihp_json.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::io {

using nlohmann::json;

namespace {

json date_json(const std::optional<domain::Date>& d) { return d ? json(d->iso()) : json(nullptr); }

std::optional<domain::Date> date_field(const json& j, const char* field, const std::string& where) {
  const std::string text = text_field(j, field, where);
  if (text.empty()) return std::nullopt;
  auto d = domain::parse_iso_date(text);
  if (!d)
    throw JsonFieldError(
        fmt::format("{}{}: verwacht een datum als 2027-03-05", where.empty() ? "" : where + ".", field));
  return d;
}

int small_int(const json& j, const char* field, const std::string& where, int lo, int hi) {
  long long v = integer_field(j, field, where);
  if (v < lo || v > hi)
    throw JsonFieldError(
        fmt::format("{}{}: verwacht een getal van {} tot en met {}", where.empty() ? "" : where + ".", field, lo, hi));
  return static_cast<int>(v);
}

const json& object_at(const json& list, size_t i, const std::string& where) {
  if (!list[i].is_object()) throw JsonFieldError(where + ": verwacht een object");
  return list[i];
}

json voice_json(const domain::IhpVoice& v) {
  return {{"text", v.text}, {"written_by", v.written_by}, {"written_at", v.written_at}};
}

domain::IhpVoice voice_from(const json& j, const char* field) {
  domain::IhpVoice v;
  if (!j.contains(field) || j[field].is_null()) return v;
  if (!j[field].is_object()) throw JsonFieldError(std::string(field) + ": verwacht een object");
  v.text = text_field(j[field], "text", field);
  v.written_by = text_field(j[field], "written_by", field);
  v.written_at = text_field(j[field], "written_at", field);
  return v;
}

}  // namespace

json ihp_json(const domain::Ihp& ihp) {
  json goals = json::array();
  for (const auto& g : ihp.goals)
    goals.push_back({{"number", g.number},
                     {"long_term", g.long_term},
                     {"area", g.area},
                     {"text", g.text},
                     {"due_on", date_json(g.due_on)},
                     {"evaluation_what", g.evaluation_what},
                     {"evaluation_who", g.evaluation_who},
                     {"evaluation_how", g.evaluation_how},
                     {"criteria", g.criteria},
                     {"verdict", g.verdict ? json(domain::verdict_key(*g.verdict)) : json(nullptr)},
                     {"evidence", g.evidence},
                     {"confirmed", g.confirmed},
                     {"carried_from", g.carried_from}});
  json involved = json::array();
  for (const auto& i : ihp.involved)
    involved.push_back({{"role", i.role}, {"name", i.name}, {"responsibility", i.responsibility}});
  json organisation = json::array();
  for (const auto& l : ihp.organisation)
    organisation.push_back({{"number", l.number},
                            {"who", l.who},
                            {"goal", l.goal},
                            {"days", l.days},
                            {"time", l.time},
                            {"minutes", l.minutes},
                            {"place", l.place}});
  json sessions = json::array();
  for (const auto& s : ihp.sessions)
    sessions.push_back({{"line", s.line},
                        {"on", s.on.iso()},
                        {"given", s.given},
                        {"minutes", s.minutes},
                        {"note", s.note},
                        {"logged_by", s.logged_by}});
  json opp = nullptr;
  if (ihp.opp) {
    json consents = json::array();
    for (const auto& c : ihp.opp->consents)
      consents.push_back({{"who", c.who}, {"on", c.on.iso()}, {"agreed", c.agreed}, {"reason", c.reason}});
    json evaluations = json::array();
    for (const auto& d : ihp.opp->evaluations_with_parents) evaluations.push_back(d.iso());
    opp = {{"outflow", ihp.opp->outflow}, {"reasons", ihp.opp->reasons}, {"hindering", ihp.opp->hindering},
           {"helping", ihp.opp->helping}, {"consents", consents},        {"evaluations_with_parents", evaluations}};
  }
  return {{"id", ihp.id},
          {"pupil_id", ihp.pupil_id},
          {"from_meeting", ihp.from_meeting},
          {"previous", ihp.previous},
          {"version", ihp.version},
          {"status", domain::ihp_status_key(ihp.status)},
          {"status_label", domain::ihp_status_label(ihp.status)},
          {"starts_on", ihp.starts_on.iso()},
          {"ends_on", ihp.ends_on.iso()},
          {"long_term_reason", ihp.long_term_reason},
          {"starting_situation", ihp.starting_situation},
          {"goals", goals},
          {"content", ihp.content},
          {"involved", involved},
          {"organisation", organisation},
          {"sessions", sessions},
          {"evaluation", ihp.evaluation},
          {"pupil_voice", voice_json(ihp.pupil_voice)},
          {"parent_view", voice_json(ihp.parent_view)},
          {"discussed_with_parents_on", date_json(ihp.discussed_with_parents_on)},
          {"parents_agree", ihp.parents_agree ? json(*ihp.parents_agree) : json(nullptr)},
          {"outcome", ihp.outcome ? json(domain::ihp_outcome_key(*ihp.outcome)) : json(nullptr)},
          {"opp", opp},
          {"saved_by", ihp.saved_by},
          {"saved_at", ihp.saved_at}};
}

domain::Ihp ihp_from_json(const json& j) {
  if (!j.is_object()) throw JsonFieldError("het IHP: verwacht een JSON-object");
  domain::Ihp ihp;
  if (auto d = date_field(j, "starts_on", "")) ihp.starts_on = *d;
  if (auto d = date_field(j, "ends_on", "")) ihp.ends_on = *d;
  ihp.long_term_reason = text_field(j, "long_term_reason", "");
  ihp.starting_situation = text_field(j, "starting_situation", "");
  const json& goals = array_field(j, "goals", "");
  for (size_t i = 0; i < goals.size(); ++i) {
    const std::string at = fmt::format("goals[{}]", i);
    const json& g = object_at(goals, i, at);
    domain::IhpGoal goal;
    goal.number = small_int(g, "number", at, 1, 99);
    goal.long_term = flag_field(g, "long_term", at);
    goal.area = text_field(g, "area", at);
    goal.text = text_field(g, "text", at);
    goal.due_on = date_field(g, "due_on", at);
    goal.evaluation_what = text_field(g, "evaluation_what", at);
    goal.evaluation_who = text_field(g, "evaluation_who", at);
    goal.evaluation_how = text_field(g, "evaluation_how", at);
    goal.criteria = text_field(g, "criteria", at);
    if (const std::string v = text_field(g, "verdict", at); !v.empty()) {
      goal.verdict = domain::parse_verdict(v);
      if (!goal.verdict) throw JsonFieldError(at + ".verdict: verwacht behaald, deels of niet-behaald");
    }
    goal.evidence = text_field(g, "evidence", at);
    goal.confirmed = flag_field(g, "confirmed", at);
    goal.carried_from = text_field(g, "carried_from", at);
    ihp.goals.push_back(std::move(goal));
  }
  ihp.content = text_field(j, "content", "");
  const json& involved = array_field(j, "involved", "");
  for (size_t i = 0; i < involved.size(); ++i) {
    const std::string at = fmt::format("involved[{}]", i);
    const json& x = object_at(involved, i, at);
    domain::IhpInvolved who{text_field(x, "role", at), text_field(x, "name", at), text_field(x, "responsibility", at)};
    const auto& roles = domain::ihp_roles();
    if (std::find(roles.begin(), roles.end(), who.role) == roles.end())
      throw JsonFieldError(at + ".role: verwacht leerkracht, ib, ouders, leerling, rt of extern");
    ihp.involved.push_back(std::move(who));
  }
  const json& organisation = array_field(j, "organisation", "");
  for (size_t i = 0; i < organisation.size(); ++i) {
    const std::string at = fmt::format("organisation[{}]", i);
    const json& x = object_at(organisation, i, at);
    domain::OrganisationLine line;
    line.number = small_int(x, "number", at, 1, 99);
    line.who = text_field(x, "who", at);
    line.goal = small_int(x, "goal", at, 1, 99);
    for (const json& d : array_field(x, "days", at)) {
      if (!d.is_number_integer() || d.get<long long>() < 1 || d.get<long long>() > 5)
        throw JsonFieldError(at + ".days: verwacht dagen 1 (maandag) tot en met 5 (vrijdag)");
      line.days.push_back(d.get<int>());
    }
    line.time = text_field(x, "time", at);
    line.minutes = small_int(x, "minutes", at, 0, 480);
    line.place = text_field(x, "place", at);
    ihp.organisation.push_back(std::move(line));
  }
  ihp.evaluation = text_field(j, "evaluation", "");
  ihp.pupil_voice = voice_from(j, "pupil_voice");
  ihp.parent_view = voice_from(j, "parent_view");
  ihp.discussed_with_parents_on = date_field(j, "discussed_with_parents_on", "");
  if (j.contains("parents_agree") && !j["parents_agree"].is_null())
    ihp.parents_agree = flag_field(j, "parents_agree", "");
  if (j.contains("opp") && !j["opp"].is_null()) {
    const json& o = j["opp"];
    if (!o.is_object()) throw JsonFieldError("opp: verwacht een object");
    domain::Opp opp;
    opp.outflow = text_field(o, "outflow", "opp");
    opp.reasons = text_field(o, "reasons", "opp");
    opp.hindering = text_field(o, "hindering", "opp");
    opp.helping = text_field(o, "helping", "opp");
    const json& consents = array_field(o, "consents", "opp");
    for (size_t i = 0; i < consents.size(); ++i) {
      const std::string at = fmt::format("opp.consents[{}]", i);
      const json& c = object_at(consents, i, at);
      auto on = date_field(c, "on", at);
      if (!on) throw JsonFieldError(at + ".on: verwacht een datum als 2027-03-05");
      opp.consents.push_back({text_field(c, "who", at), *on, flag_field(c, "agreed", at), text_field(c, "reason", at)});
    }
    const json& evaluations = array_field(o, "evaluations_with_parents", "opp");
    for (size_t i = 0; i < evaluations.size(); ++i) {
      auto d = evaluations[i].is_string() ? domain::parse_iso_date(evaluations[i].get<std::string>()) : std::nullopt;
      if (!d)
        throw JsonFieldError(fmt::format("opp.evaluations_with_parents[{}]: verwacht een datum als 2027-03-05", i));
      opp.evaluations_with_parents.push_back(*d);
    }
    ihp.opp = std::move(opp);
  }
  return ihp;
}

}  // namespace koers::io
