// Parents as partners: inviting guardians (the stamkaart, Accounts), what Mijn kind shows of a
// child, and the consents page (/toestemmingen) where a parent gives and withdraws consent.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "common/clock.h"
#include "domain/care_team.h"
#include "domain/parent_access.h"
#include "store/care_team_repository.h"
#include "store/pupil_record_repository.h"
#include "store/retention_repository.h"
#include "web/cases/cases.h"
#include "web/externals/externals.h"
#include "web/parents/parents.h"
#include "web/referrals/referrals.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using domain::Role;
using nlohmann::json;

namespace {

// --- Inviting guardians.

// One guardian: a new parent account with an activation code; an account still invited gets a
// fresh code (earlier ones stop working); an active or deactivated account: the refusal.
std::variant<store::IssuedCode, std::string> invite_guardian(Context& ctx, const domain::Guardian& g) {
  if (auto a = ctx.app.accounts.find_by_guardian(g.id)) {
    if (a->state() == store::AccountState::kInvited) return ctx.app.accounts.issue_reset(a->id, ctx.who);
    return fmt::format("{} heeft al een account ({}, {}).", g.name.display(), a->username,
                       store::account_state_label(a->state()));
  }
  store::NewAccount n;
  n.role = Role::kParent;
  n.display_name = g.name.display();
  n.board_id = ctx.who.board_id;
  n.school_id = g.school_id;
  n.guardian_id = g.id;
  n.username = ctx.app.accounts.free_username(g.name.given, g.name.prefix, g.name.surname);
  return ctx.app.accounts.invite(n, ctx.who);
}

// The IB invites one guardian of a pupil of the school from the stamkaart.
Response invite_from_pupil_page(Context& ctx) {
  const Id pupil_id = ctx.id_param("id");
  const domain::PupilScope scope = ctx.pupil_in_view(pupil_id);
  if (ctx.who.role != Role::kSupportCoordinator)
    throw HttpError{403, "Alleen de intern begeleider en de beheerder nodigen ouders uit."};
  const Id guardian_id = ctx.id_param("guardian");
  std::optional<domain::Guardian> guardian;
  for (const auto& g : ctx.app.pupils.guardians(pupil_id))
    if (g.id == guardian_id && g.school_id == scope.school_id) guardian = g;
  if (!guardian) refuse_not_found("deze ouder/verzorger");
  auto made = invite_guardian(ctx, *guardian);
  if (auto* error = std::get_if<std::string>(&made))
    return Response::redirect(ctx.with_notice(fmt::format("/leerlingen/{}", pupil_id), "Niet uitgenodigd. " + *error));
  return account_letters_page(ctx, {std::get<store::IssuedCode>(made)},
                              fmt::format("{} is uitgenodigd als ouder van {}.", guardian->name.display(),
                                          ctx.app.pupils.find(pupil_id)->name.display()));
}

// The IB (own school) or the board administrator invites the guardians of a group's pupils who
// have no account yet; one letter each.
Response invite_group_parents(Context& ctx) {
  const std::string field = ctx.req.field("group_id");
  if (field.empty() || field.size() > 18 || field.find_first_not_of("0123456789") != std::string::npos)
    return accounts_page_with(ctx, {{"error", "Groep: kies een groep uit de lijst."}}, 400);
  auto group = ctx.app.groups.find(std::stoll(field));
  auto school = group ? ctx.app.schools.find_school(group->school_id) : std::nullopt;
  if (!group || !school || school->board_id != ctx.who.board_id ||
      (ctx.who.role != Role::kBoardAdmin && group->school_id != ctx.who.school_id))
    return accounts_page_with(ctx, {{"error", "Groep: kies een groep uit de lijst."}}, 400);
  std::vector<store::IssuedCode> codes;
  std::set<Id> seen;
  for (const auto& p : ctx.app.groups.pupils_of_group(group->id)) {
    if (p.left) continue;
    for (const auto& g : ctx.app.pupils.guardians(p.id)) {
      if (!seen.insert(g.id).second || g.school_id != group->school_id || ctx.app.accounts.find_by_guardian(g.id))
        continue;
      auto made = invite_guardian(ctx, g);
      if (auto* code = std::get_if<store::IssuedCode>(&made)) codes.push_back(*code);
    }
  }
  if (codes.empty())
    return Response::redirect(
        ctx.with_notice("/accounts", fmt::format("Alle ouders van {} hebben al een account.", group->label())));
  return account_letters_page(
      ctx, codes, fmt::format("{} ouders/verzorgers van {} zijn uitgenodigd.", codes.size(), group->label()));
}

// --- The consents page.

// A parent's consent for an open case with externals invited: the disciplines of those
// invited, the documents of a case file, until the end of the school year.
json give_consent_json(const domain::CareTeamCase& c, const domain::Date& today) {
  if (c.status == domain::CaseStatus::kClosed || c.status == domain::CaseStatus::kReferred || c.members.empty())
    return nullptr;
  json disciplines = json::array(), documents = json::array();
  std::vector<std::string> taken;
  for (size_t i = 0; i < domain::care_team_disciplines().size(); ++i)
    for (const auto& m : c.members)
      if (m.discipline == domain::care_team_disciplines()[i] &&
          std::find(taken.begin(), taken.end(), m.discipline) == taken.end()) {
        taken.push_back(m.discipline);
        disciplines.push_back({{"index", i}, {"name", m.discipline}, {"who", m.name}});
      }
  for (auto d : domain::all_case_documents())
    documents.push_back({{"key", domain::case_document_key(d)}, {"label", domain::case_document_label(d)}});
  const domain::Date year_end{today.month >= 8 ? today.year + 1 : today.year, 7, 31};
  const bool in_force = std::any_of(c.consents.begin(), c.consents.end(),
                                    [&](const domain::Consent& k) { return domain::consent_in_force(k, today); });
  return {{"case_id", c.id},        {"has_consent_in_force", in_force}, {"disciplines", disciplines},
          {"documents", documents}, {"valid_until", year_end.iso()},    {"today", today.iso()}};
}

Response consents_page(Context& ctx) {
  const domain::Date today = today_local();
  json children = json::array();
  std::vector<Id> ids;
  for (Id id : ctx.who.child_ids) {
    const domain::PupilScope scope = ctx.pupil_in_view(id);
    auto pupil = ctx.app.pupils.find(id);
    json child = {{"id", id}, {"name", pupil->name.display()}, {"given_name", pupil->name.given}};
    child.update(child_consents_json(ctx, id));
    json give = json::array();
    for (const auto& c : store::CareTeamCaseRepository(ctx.app.db).of_pupils({id}))
      if (domain::may_view_case(ctx.who, c, scope, today) && domain::may_record_consent(ctx.who, scope))
        if (json g = give_consent_json(c, today); !g.is_null()) give.push_back(g);
    child["give"] = give;
    child["has_give"] = !give.empty();
    children.push_back(child);
    ids.push_back(id);
  }
  ctx.audit_view(ids, "toestemmingen");
  return ctx.page("consents", "Toestemmingen",
                  {{"children", children},
                   {"empty", children.empty()},
                   {"message", ctx.notice_json()},
                   {"consent_return", "toestemmingen"}});
}

// --- Mijn kind.

// What an approach means for the child, in a parent's words.
std::string approach_words(domain::Approach a) {
  switch (a) {
    case domain::Approach::kIntensive:
      return "krijgt extra uitleg en oefening in een kleine groep (intensief)";
    case domain::Approach::kBasic:
      return "doet mee met de gewone uitleg in de groep (basis)";
    case domain::Approach::kDeepened:
      return "krijgt kortere uitleg en uitdagender werk (verdiept)";
  }
  return domain::approach_label(a);
}

bool parents_took_part(const domain::Meeting& m) {
  return m.kind == domain::MeetingKind::kHgdAdvice ||
         std::any_of(m.participants.begin(), m.participants.end(), [](const auto& p) { return p.role == "ouders"; });
}

}  // namespace

json child_home_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record,
                     const json& referrals) {
  const Id pupil_id = scope.pupil_id;
  // How the school helps now: the approach per subject, and the child's place in this year's plans.
  json approaches = json::array(), plan_lines = json::array();
  for (const auto& a : record.line.approaches)
    approaches.push_back({{"subject", a.subject}, {"text", approach_words(a.approach)}});
  for (const auto& p : record.plans)
    for (const auto& subject : p.plan.subjects)
      for (const auto& g : subject.subgroups)
        // The plan's line where it says more than the approach: its goals, what differs.
        if (std::find(g.pupils.begin(), g.pupils.end(), pupil_id) != g.pupils.end() &&
            (!g.content.empty() ||
             std::any_of(g.goals.begin(), g.goals.end(), [](const auto& goal) { return !goal.text.empty(); }))) {
          std::vector<std::string> goals;
          for (const auto& goal : g.goals)
            if (!goal.text.empty()) goals.push_back(goal.text);
          plan_lines.push_back({{"period", p.period_name},
                                {"subject", subject.subject},
                                {"text", approach_words(g.approach)},
                                {"goals", goals},
                                {"has_goals", !goals.empty()},
                                {"content", g.content.empty() ? json(nullptr) : json(g.content)}});
        }
  // The IHPs once under way (a plan in preparation is not yet shared), with the parents' view.
  json ihps = json::array();
  if (domain::may_view_ihp(ctx.who, scope))
    for (const auto& ihp : record.ihp_plans) {
      if (ihp.status == domain::IhpStatus::kDraft) continue;
      json goals = json::array();
      for (const auto& g : ihp.goals) goals.push_back(g.text);
      ihps.push_back(
          {{"id", ihp.id},
           {"href", fmt::format("/ihp/{}", ihp.id)},
           {"term", fmt::format("{} t/m {}", ihp.starts_on.dutch(), ihp.ends_on.dutch())},
           {"status_label", domain::ihp_status_label(ihp.status)},
           {"goals", goals},
           {"parent_view", ihp.parent_view.text.empty() ? json(nullptr) : json(ihp.parent_view.text)},
           {"parent_view_by", ihp.parent_view.written_by},
           {"evaluation", ihp.status == domain::IhpStatus::kRunning || ihp.evaluation.empty() ? json(nullptr)
                                                                                              : json(ihp.evaluation)}});
    }
  // The meetings about the child; the report where the parents took part and it is final.
  json meetings = json::array();
  for (const auto& m : record.meetings) {
    if (m.kind != domain::MeetingKind::kPupilDiscussion && m.kind != domain::MeetingKind::kHgdAdvice) continue;
    const bool shared = parents_took_part(m) && m.status == domain::MeetingStatus::kReported && !m.report.empty();
    meetings.push_back(
        {{"title", domain::meeting_kind_label(m.kind)},
         {"on", m.planned_on ? json(m.planned_on->dutch()) : json(nullptr)},
         {"status_label", domain::meeting_status_label(m.status)},
         {"outcome",
          m.outcome == domain::PupilDiscussionOutcome::kNone ? json(nullptr) : json(domain::outcome_label(m.outcome))},
         {"report", shared ? json(m.report) : json(nullptr)}});
  }
  // The documents the school sent the parents: the OKR copies of referrals.
  json documents = json::array();
  for (const auto& r : referrals)
    documents.push_back({{"text", fmt::format("Onderwijskundig rapport (uw kopie): {}", r.value("procedure_name", ""))},
                         {"href", fmt::format("#referral-{}", r.value("id", Id{0}))}});
  json out = {{"approaches", approaches},
              {"has_approaches", !approaches.empty()},
              {"plan_lines", plan_lines},
              {"has_plan_lines", !plan_lines.empty()},
              {"ihps", ihps},
              {"has_ihps", !ihps.empty()},
              {"meetings", meetings},
              {"has_meetings", !meetings.empty()},
              {"documents", documents},
              {"has_documents", !documents.empty()}};
  if (auto pupil = ctx.app.pupils.find(pupil_id); pupil && pupil->left_on && *pupil->left_on <= today_local()) {
    const auto kept = store::RetentionRepository(ctx.app.db).child_retention(pupil_id);
    out["left_notice"] = fmt::format(
        "{} is op {} van school gegaan. U ziet hier tot en met {} wat de school met u deelde; daarna worden de "
        "gegevens verwijderd.",
        pupil->name.given, pupil->left_on->dutch(),
        domain::parent_access_until(*pupil->left_on, kept.referred_special, kept.periods).dutch());
  }
  return out;
}

void add_guardian_accounts(Context& ctx, const domain::PupilScope& scope, json& guardians) {
  if (ctx.who.role != Role::kSupportCoordinator || !domain::may_view_pupil(ctx.who, scope)) return;
  for (auto& g : guardians) {
    auto a = ctx.app.accounts.find_by_guardian(g["id"].get<Id>());
    g["guardian_account"] = a ? json(fmt::format("account {}: {}", a->username, store::account_state_label(a->state())))
                              : json("nog geen account");
    g["may_invite_guardian"] = !a || a->state() == store::AccountState::kInvited;
    g["invite_label"] = a ? "Nieuwe activatiebrief" : "Uitnodigen voor Koers";
    g["pupil_id"] = scope.pupil_id;
  }
}

json parent_accounts_section(Context& ctx) {
  json rows = json::array(), groups = json::array();
  std::map<Id, std::string> school_names;
  for (const auto& s : ctx.app.schools.schools_of_board(ctx.who.board_id)) {
    if (ctx.who.role != Role::kBoardAdmin && s.school.id != ctx.who.school_id) continue;
    school_names[s.school.id] = s.school.name;
    if (auto year = ctx.app.schools.current_school_year(s.school.id))
      for (const auto& g : ctx.app.groups.groups_of_school(s.school.id, year->id))
        if (g.kind == domain::GroupKind::kRegular)
          groups.push_back(
              {{"id", g.id},
               {"label",
                ctx.who.role == Role::kBoardAdmin ? fmt::format("{} ({})", g.label(), s.school.name) : g.label()}});
  }
  const auto listed = ctx.who.role == Role::kBoardAdmin ? ctx.app.accounts.accounts_of_board(ctx.who.board_id)
                                                        : ctx.app.accounts.accounts_of_school(ctx.who.school_id);
  for (const auto& a : listed) {
    if (a.role != Role::kParent) continue;
    std::vector<std::string> children;
    for (const auto& p : ctx.app.pupils.children_of_guardian(a.guardian_id)) children.push_back(p.name.display());
    std::string names;
    for (const auto& c : children) names += (names.empty() ? "" : ", ") + c;
    json row = account_json(a);
    row["children"] = names.empty() ? "—" : names;
    row["school"] = school_names[a.school_id];
    row["state"] = store::account_state_label(a.state());
    row["deactivated"] = !a.active;
    row["last_login"] = a.last_login_at.empty() ? "nooit" : display_time(a.last_login_at);
    row["manageable"] = domain::may_manage_account(ctx.who, a.scope());
    rows.push_back(row);
  }
  return {{"parent_accounts", rows},
          {"has_parent_accounts", !rows.empty()},
          {"parent_groups", groups},
          {"has_parent_groups", !groups.empty()}};
}

Response consents_api(Context& ctx);  // parents/api.cc

std::vector<Route> parent_routes() {
  return {
      {"GET", "/toestemmingen", Capability::kSeeChildren, consents_page},
      {"POST", "/leerlingen/:id/ouders/:guardian/uitnodigen", Capability::kManageAccounts, invite_from_pupil_page},
      {"POST", "/accounts/ouders/uitnodigen", Capability::kManageAccounts, invite_group_parents},
      {"GET", "/api/v1/pupils/:id/consents", Capability::kSignedIn, consents_api},
  };
}

}  // namespace koers::web
