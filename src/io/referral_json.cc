#include "io/referral_json.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::io {

using nlohmann::json;

namespace {

std::string at(const std::string& where, const char* list, size_t i) {
  return fmt::format("{}{}{}[{}]", where, where.empty() ? "" : ".", list, i);
}

domain::Date date_field(const json& j, const char* field, const std::string& where, bool required) {
  const std::string text = text_field(j, field, where);
  if (text.empty() && !required) return domain::Date{};
  auto d = domain::parse_iso_date(text);
  if (!d) throw JsonFieldError(fmt::format("{}{}{}: verwacht een datum als 2027-03-05", where, where.empty() ? "" : ".", field));
  return *d;
}

}  // namespace

json procedure_json(const domain::ReferralProcedure& p) {
  json steps = json::array(), consents = json::array(), required = json::array();
  for (const auto& s : p.steps) steps.push_back({{"key", s.key}, {"label", s.label}});
  for (const auto& c : p.consents)
    consents.push_back({{"key", c.key}, {"label", c.label}, {"before_sending", c.before_sending}});
  for (const auto& r : p.required)
    required.push_back({{"part", domain::referral_part_key(r.part)},
                        {"label", domain::referral_part_label(r.part)},
                        {"at_least", r.at_least}});
  return {{"key", p.key},
          {"name", p.name},
          {"addressee", p.addressee},
          {"needs_cluster", p.needs_cluster},
          {"placements", p.placements},
          {"steps", steps},
          {"consents", consents},
          {"required", required}};
}

domain::ReferralProcedure procedure_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) throw JsonFieldError(where + ": verwacht een object");
  domain::ReferralProcedure p;
  p.key = text_field(j, "key", where);
  p.name = text_field(j, "name", where);
  p.addressee = text_field(j, "addressee", where);
  p.needs_cluster = flag_field(j, "needs_cluster", where);
  p.placements = text_list_field(j, "placements", where);
  const json& steps = array_field(j, "steps", where);
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string w = at(where, "steps", i);
    if (!steps[i].is_object()) throw JsonFieldError(w + ": verwacht een object");
    p.steps.push_back({text_field(steps[i], "key", w), text_field(steps[i], "label", w)});
  }
  const json& consents = array_field(j, "consents", where);
  for (size_t i = 0; i < consents.size(); ++i) {
    const std::string w = at(where, "consents", i);
    if (!consents[i].is_object()) throw JsonFieldError(w + ": verwacht een object");
    const bool before = consents[i].contains("before_sending") ? flag_field(consents[i], "before_sending", w) : true;
    p.consents.push_back({text_field(consents[i], "key", w), text_field(consents[i], "label", w), before});
  }
  const json& required = array_field(j, "required", where);
  for (size_t i = 0; i < required.size(); ++i) {
    const std::string w = at(where, "required", i);
    if (!required[i].is_object()) throw JsonFieldError(w + ": verwacht een object");
    const std::string key = text_field(required[i], "part", w);
    auto part = domain::parse_referral_part(key);
    if (!part) throw JsonFieldError(fmt::format("{}.part: onbekend stuk '{}'", w, key));
    const long long n = required[i].contains("at_least") ? integer_field(required[i], "at_least", w) : 1;
    p.required.push_back({*part, static_cast<int>(std::clamp(n, -1LL, 100LL))});
  }
  return p;
}

json procedures_json(const std::vector<domain::ReferralProcedure>& ps) {
  json out = json::array();
  for (const auto& p : ps) out.push_back(procedure_json(p));
  return out;
}

std::vector<domain::ReferralProcedure> procedures_from_json(const json& list, const std::string& where) {
  if (!list.is_array()) throw JsonFieldError(where + ": verwacht een lijst");
  std::vector<domain::ReferralProcedure> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back(procedure_from_json(list[i], fmt::format("{}[{}]", where, i)));
  return out;
}

json expert_advices_json(const std::vector<domain::ExpertAdvice>& advices) {
  json out = json::array();
  for (const auto& a : advices)
    out.push_back({{"name", a.name}, {"discipline", a.discipline}, {"on", a.on.valid() ? a.on.iso() : ""}, {"text", a.text}});
  return out;
}

std::vector<domain::ExpertAdvice> expert_advices_from_json(const json& list, const std::string& where) {
  if (!list.is_array()) throw JsonFieldError(where + ": verwacht een lijst");
  std::vector<domain::ExpertAdvice> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string w = fmt::format("{}[{}]", where, i);
    if (!list[i].is_object()) throw JsonFieldError(w + ": verwacht een object");
    out.push_back({text_field(list[i], "name", w), text_field(list[i], "discipline", w),
                   date_field(list[i], "on", w, false), text_field(list[i], "text", w)});
  }
  return out;
}

json consents_json(const std::vector<domain::RecordedConsent>& consents) {
  json out = json::array();
  for (const auto& c : consents)
    out.push_back({{"key", c.key},
                   {"given_by", c.given_by},
                   {"given_on", c.given_on.valid() ? c.given_on.iso() : ""},
                   {"recorded_by", c.recorded_by},
                   {"recorded_at", c.recorded_at}});
  return out;
}

std::vector<domain::RecordedConsent> consents_from_json(const json& list, const std::string& where) {
  if (!list.is_array()) throw JsonFieldError(where + ": verwacht een lijst");
  std::vector<domain::RecordedConsent> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string w = fmt::format("{}[{}]", where, i);
    if (!list[i].is_object()) throw JsonFieldError(w + ": verwacht een object");
    domain::RecordedConsent c;
    c.key = text_field(list[i], "key", w);
    c.given_by = text_field(list[i], "given_by", w);
    c.given_on = date_field(list[i], "given_on", w, false);
    c.recorded_by = list[i].value("recorded_by", "");
    c.recorded_at = list[i].value("recorded_at", "");
    out.push_back(std::move(c));
  }
  return out;
}

json parents_json(const domain::ParentsResponse& p) {
  return {{"view", p.view},
          {"agrees", p.agrees ? json(*p.agrees) : json(nullptr)},
          {"reason", p.reason},
          {"by", p.by},
          {"at", p.at}};
}

domain::ParentsResponse parents_from_json(const json& j) {
  domain::ParentsResponse p;
  if (!j.is_object()) return p;
  p.view = j.value("view", "");
  if (j.contains("agrees") && j["agrees"].is_boolean()) p.agrees = j["agrees"].get<bool>();
  p.reason = j.value("reason", "");
  p.by = j.value("by", "");
  p.at = j.value("at", "");
  return p;
}

json decision_json(const std::optional<domain::ReferralDecision>& d) {
  if (!d) return nullptr;
  return {{"positive", d->positive},
          {"on", d->on.valid() ? d->on.iso() : ""},
          {"placement", d->placement},
          {"note", d->note}};
}

std::optional<domain::ReferralDecision> decision_from_json(const json& j, const std::string& where) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_object()) throw JsonFieldError(where + ": verwacht een object");
  domain::ReferralDecision d;
  d.positive = flag_field(j, "positive", where);
  d.on = date_field(j, "on", where, true);
  d.placement = text_field(j, "placement", where);
  d.note = text_field(j, "note", where);
  return d;
}

json sent_okr_json(const domain::Okr& okr, const domain::Referral& r) {
  json frozen = okr_json(okr);
  frozen["sent"] = {{"at", r.sent_at}, {"by", r.sent_by}, {"to", r.sent_to}};
  frozen["parents"] = parents_json(r.parents);
  frozen["consents"] = consents_json(r.consents);
  return frozen;
}

json okr_json(const domain::Okr& okr) {
  json sections = json::array();
  for (const auto& s : okr.sections)
    sections.push_back({{"part", domain::referral_part_key(s.part)},
                        {"title", s.title},
                        {"lines", s.lines},
                        {"counted", s.counted},
                        {"empty", s.lines.empty()}});
  return {{"referral_id", okr.referral_id},
          {"pupil", {{"id", okr.pupil_id}, {"name", okr.pupil_name}, {"year_group", okr.year_group}}},
          {"pupil_name", okr.pupil_name},
          {"pupil_year_group", okr.year_group},
          {"school", okr.school_name},
          {"procedure", okr.procedure_name},
          {"addressee", okr.addressee},
          {"cluster", okr.cluster},
          {"has_cluster", okr.cluster != 0},
          {"reason", okr.reason},
          {"sections", sections},
          {"parents_agreement", okr.parents_agreement},
          {"missing", okr.missing},
          {"complete", okr.missing.empty()}};
}

domain::Okr okr_from_json(const json& j) {
  if (!j.is_object()) throw JsonFieldError("okr: verwacht een object");
  domain::Okr okr;
  okr.referral_id = integer_field(j, "referral_id", "okr");
  if (!j.contains("pupil") || !j["pupil"].is_object()) throw JsonFieldError("okr.pupil: verwacht een object");
  okr.pupil_id = integer_field(j["pupil"], "id", "okr.pupil");
  okr.pupil_name = text_field(j["pupil"], "name", "okr.pupil");
  okr.year_group = text_field(j["pupil"], "year_group", "okr.pupil");
  okr.school_name = text_field(j, "school", "okr");
  okr.procedure_name = text_field(j, "procedure", "okr");
  okr.addressee = text_field(j, "addressee", "okr");
  okr.cluster = static_cast<int>(integer_field(j, "cluster", "okr"));
  okr.reason = text_field(j, "reason", "okr");
  okr.parents_agreement = text_field(j, "parents_agreement", "okr");
  okr.missing = text_list_field(j, "missing", "okr");
  const json& sections = array_field(j, "sections", "okr");
  for (size_t i = 0; i < sections.size(); ++i) {
    const std::string where = at("okr", "sections", i);
    if (!sections[i].is_object()) throw JsonFieldError(where + ": verwacht een object");
    domain::OkrSection s;
    const std::string key = text_field(sections[i], "part", where);
    auto part = domain::parse_referral_part(key);
    if (!part) throw JsonFieldError(fmt::format("{}.part: onbekend stuk '{}'", where, key));
    s.part = *part;
    s.title = text_field(sections[i], "title", where);
    s.lines = text_list_field(sections[i], "lines", where);
    s.counted = static_cast<int>(integer_field(sections[i], "counted", where));
    okr.sections.push_back(std::move(s));
  }
  return okr;
}

}  // namespace koers::io
