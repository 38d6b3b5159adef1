// The care team on the start pages: the IB's reminders on /groepen (cases to follow,
// consents ending, withdrawals) and a parent's consents on Mijn kind (/kinderen), with the
// plain-Dutch confirmation of what a withdrawal stops. Rules: domain::case_reminders,
// domain::external_access; the withdrawal itself is POST /toestemming/{id}/intrekken.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/clock.h"
#include "domain/care_team.h"
#include "web/cases/cases.h"

namespace koers::web {

using domain::Id;
using nlohmann::json;

namespace {

std::string pupil_name(Context& ctx, Id pupil_id) {
  auto p = ctx.app.pupils.find(pupil_id);
  return p ? p->name.display() : "";
}

// "over 5 dagen", "vandaag", "3 dagen geleden".
std::string when_text(const domain::Date& on, const domain::Date& today) {
  const int days = domain::days_between(today, on);
  if (days == 0) return "vandaag";
  if (days == 1) return "morgen";
  if (days == -1) return "gisteren";
  return days > 0 ? fmt::format("over {} dagen", days) : fmt::format("{} dagen geleden", -days);
}

// The members of the case the consent lets see it: named, or invited in a discipline it lists.
std::vector<std::string> covered_members(const domain::CareTeamCase& c, const domain::Consent& k) {
  std::vector<std::string> out;
  for (const auto& m : c.members)
    if (std::find(k.externals.begin(), k.externals.end(), m.account_id) != k.externals.end() ||
        std::find(k.disciplines.begin(), k.disciplines.end(), m.discipline) != k.disciplines.end())
      out.push_back(fmt::format("{} ({})", m.name, m.discipline));
  return out;
}

// What a withdrawal stops, in a parent's words.
std::string stops_text(const domain::CareTeamCase& c, const domain::Consent& k, const std::string& child,
                       const std::vector<std::string>& who, const std::vector<std::string>& documents,
                       const domain::Date& today) {
  std::string out;
  // Another consent for the same purpose still in force: withdrawing this one stops nothing yet.
  for (const auto& other : c.consents)
    if (other.id != k.id && other.purpose == k.purpose && domain::consent_in_force(other, today))
      return fmt::format("Deze toestemming vervalt. Let op: er geldt nog een andere toestemming voor {} (gegeven door "
                         "{}, tot en met {}); zolang die geldt, gaat het zorgteam gewoon door. Wilt u dat de externe "
                         "zorgteamleden niets meer zien, trek die dan ook in. Intrekken kunt u niet ongedaan maken.",
                         domain::consent_purpose_label(other.purpose), other.given_by, other.valid_until.dutch());
  if (k.purpose == domain::ConsentPurpose::kCareTeam) {
    out = fmt::format("Vanaf nu zien de externe zorgteamleden niets meer van de zorgteamcasus van {}.", child);
    if (!who.empty())
      out += fmt::format(" {} {} dan niet meer{}.", fmt::join(who, " en "), who.size() == 1 ? "ziet" : "zien",
                         documents.empty() ? "" : fmt::format(": {}", fmt::join(documents, ", ")));
    out += fmt::format(" De school kan {} daarna alleen nog intern bespreken, zonder externen.", child);
  } else {
    out = fmt::format("Vanaf nu geldt uw toestemming voor {} niet meer.", domain::consent_purpose_label(k.purpose));
  }
  return out + " Intrekken kunt u niet ongedaan maken; wilt u later weer toestemming geven, dan legt de school een "
               "nieuwe toestemming vast.";
}

}  // namespace

json case_reminders_json(Context& ctx) {
  if (ctx.who.role != domain::Role::kSupportCoordinator || !ctx.who.school_id) return nullptr;
  const domain::Date today = today_local();
  const auto cases = store::CareTeamCaseRepository(ctx.app.db).of_school(ctx.who.school_id);
  const auto reminders = domain::case_reminders(cases, today);
  if (reminders.empty()) return nullptr;
  json follow = json::array(), ending = json::array(), withdrawn = json::array();
  std::vector<Id> pupils;
  for (const auto& r : reminders) {
    const auto c = std::find_if(cases.begin(), cases.end(), [&](const auto& x) { return x.id == r.case_id; });
    json line{{"case_id", r.case_id},
              {"href", fmt::format("/casus/{}", r.case_id)},
              {"pupil_name", pupil_name(ctx, r.pupil_id)},
              {"on", r.on.iso()},
              {"on_text", r.on.dutch()},
              {"when", when_text(r.on, today)},
              {"overdue", r.overdue}};
    pupils.push_back(r.pupil_id);
    if (r.kind == domain::ReminderKind::kFollowUp) {
      std::vector<std::string> outcomes;
      for (const auto& o : c->outcomes) outcomes.push_back(domain::case_outcome_label(o.kind));
      line["outcomes_text"] = outcomes.empty() ? json(nullptr) : json(fmt::format("Uitkomsten: {}", fmt::join(outcomes, ", ")));
      follow.push_back(line);
      continue;
    }
    const auto k = std::find_if(c->consents.begin(), c->consents.end(), [&](const auto& x) { return x.id == r.consent_id; });
    line["purpose_label"] = domain::consent_purpose_label(k->purpose);
    line["given_by"] = k->given_by;
    if (r.kind == domain::ReminderKind::kConsentEnding) {
      ending.push_back(line);
    } else {
      line["withdrawn_by"] = k->withdrawn_by;
      withdrawn.push_back(line);
    }
  }
  std::sort(pupils.begin(), pupils.end());
  pupils.erase(std::unique(pupils.begin(), pupils.end()), pupils.end());
  ctx.audit_view(pupils, "casussen om te volgen");
  return {{"follow_up", follow},   {"has_follow_up", !follow.empty()},     {"ending", ending},
          {"has_ending", !ending.empty()}, {"withdrawn", withdrawn}, {"has_withdrawn", !withdrawn.empty()},
          {"follow_up_days", domain::kFollowUpWindowDays}, {"ending_days", domain::kConsentEndingWindowDays}};
}

json child_consents_json(Context& ctx, Id pupil_id) {
  const domain::Date today = today_local();
  const std::string child = [&] {
    auto p = ctx.app.pupils.find(pupil_id);
    return p ? p->name.given : std::string();
  }();
  json consents = json::array(), cases = json::array();
  for (const auto& c : store::CareTeamCaseRepository(ctx.app.db).of_pupils({pupil_id})) {
    auto scope = ctx.app.pupils.scope(c.pupil_id);
    if (!scope || !domain::may_view_case(ctx.who, c, *scope, today)) continue;
    cases.push_back({{"href", fmt::format("/casus/{}", c.id)},
                     {"status", domain::case_status_key(c.status)},
                     {"status_label", domain::case_status_label(c.status)},
                     {"help_question", c.help_question}});
    const bool may_withdraw = domain::may_withdraw_consent(ctx.who, *scope);
    for (auto it = c.consents.rbegin(); it != c.consents.rend(); ++it) {
      const domain::Consent& k = *it;
      std::vector<std::string> who = covered_members(c, k), named;
      for (Id e : k.externals)
        if (auto a = ctx.app.accounts.find(e)) named.push_back(a->display_name);
      std::vector<std::string> documents;
      for (auto d : k.documents) documents.push_back(domain::case_document_label(d));
      const bool ended = k.valid_until < today;
      consents.push_back(
          {{"id", k.id},
           {"case_id", c.id},
           {"purpose", domain::consent_purpose_key(k.purpose)},
           {"purpose_label", domain::consent_purpose_label(k.purpose)},
           {"given_on", k.given_on.iso()},
           {"valid_until", k.valid_until.iso()},
           {"in_force", domain::consent_in_force(k, today)},
           {"given_by", k.given_by},
           {"given_on_text", k.given_on.dutch()},
           {"form_label", domain::consent_form_label(k.form)},
           {"disciplines", k.disciplines.empty() ? json(nullptr) : json(fmt::format("{}", fmt::join(k.disciplines, ", ")))},
           {"externals", named.empty() ? json(nullptr) : json(fmt::format("{}", fmt::join(named, ", ")))},
           {"seen_by", who.empty() ? json(nullptr) : json(fmt::format("{}", fmt::join(who, ", ")))},
           {"documents", documents.empty() ? json(nullptr) : json(fmt::format("{}", fmt::join(documents, ", ")))},
           {"valid_until_text", k.valid_until.dutch()},
           {"withdrawn", k.withdrawn()},
           {"withdrawn_at_text", k.withdrawn() ? json(display_time(k.withdrawn_at)) : json(nullptr)},
           {"withdrawn_by", k.withdrawn() ? json(k.withdrawn_by) : json(nullptr)},
           {"ended", !k.withdrawn() && ended},
           {"may_withdraw", may_withdraw && !k.withdrawn() && !ended},
           {"stops", stops_text(c, k, child, who, documents, today)}});
    }
  }
  return {{"consents", consents}, {"has_consents", !consents.empty()}, {"cases", cases}, {"has_cases", !cases.empty()}};
}

}  // namespace koers::web
