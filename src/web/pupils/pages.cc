// The pupil's stamkaart, its audit trail and a parent's "Mijn kind" (a care-team member's
// cases: cases/pages.cc).
#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "io/results_chart.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_record_repository.h"
#include "web/app.h"
#include "web/cases/cases.h"
#include "web/dyslexia/dyslexia.h"
#include "web/hgd/hgd.h"
#include "web/meetings/meetings.h"
#include "web/parents/parents.h"
#include "web/pupils/inzage.h"
#include "web/referrals/referrals.h"
#include "web/route/route.h"
#include "web/signals/signals.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

// The stamkaart as data: the page and GET /api/v1/pupils/{id} show the same.
json stamkaart(Context& ctx, domain::Id id) {
  auto pupil = ctx.app.pupils.find(id);
  json history = json::array(), guardians = json::array();
  for (const auto& e : ctx.app.pupils.enrolments(id)) history.push_back(enrolment_json(e));
  for (const auto& g : ctx.app.pupils.guardians(id)) guardians.push_back(guardian_json(g));
  json model = pupil_json(*pupil);
  model["groups"] = history;
  model["guardians"] = guardians;
  return model;
}

// What the groepsoverzicht holds of the pupil now, and the forms to enter results by hand. Of a
// pupil in a current group the record's line holds the entries, approaches and method tests;
// of one in none they are read here.
json observations_json(Context& ctx, const domain::PupilRecord& record) {
  const domain::Id id = record.pupil_id;
  store::OverviewRepository repo(ctx.app.db);
  json factors = json::array(), needs = json::array(), approaches = json::array(), method_tests = json::array(),
       reading = json::array();
  domain::OverviewLine unplaced;  // a pupil in no current group: read here
  if (!record.group_id) {
    unplaced.entries = std::move(repo.entries({id}, store::kNow)[id]);
    unplaced.approaches = std::move(repo.approaches({id}, store::kNow)[id]);
    unplaced.method_tests = std::move(repo.method_tests({id}, store::kNow)[id]);
  }
  const domain::OverviewLine& line = record.group_id ? record.line : unplaced;
  auto levels = repo.reading_levels({id}, store::kNow);
  for (const auto& e : line.entries) {
    bool need = e.kind == domain::EntryKind::kGeneralNeed || e.kind == domain::EntryKind::kSubjectNeed;
    json j{{"text", need ? domain::need_sentence(e.text) : e.text},
           {"topic", e.topic},
           {"sign", e.kind == domain::EntryKind::kProtective ? "+" : "−"},
           {"meta", domain::source_label(e.source) + " · " + e.written_by + ", " + display_time(e.written_at).substr(0, 10)}};
    (need ? needs : factors).push_back(j);
  }
  for (const auto& a : line.approaches)
    approaches.push_back({{"subject", a.subject}, {"approach", domain::approach_key(a.approach)}});
  for (const auto& t : line.method_tests)
    method_tests.push_back({{"subject", t.subject}, {"block", t.block}, {"date", t.taken_on.dutch()},
                            {"score_text", domain::dutch_decimal(t.score) + " van " + domain::dutch_decimal(t.maximum)},
                            {"percentage", static_cast<int>(t.percentage() + 0.5)}});
  for (const auto& r : levels[id])
    reading.push_back({{"moment", r.moment.label()}, {"avi", r.avi_level}, {"date", r.taken_on.dutch()}});
  json avi_options = json::array();
  for (const auto& l : domain::avi_levels()) avi_options.push_back(l);
  return {{"factors", factors},           {"needs", needs},
          {"approaches", approaches},     {"method_tests", method_tests},
          {"reading_levels", reading},    {"avi_options", avi_options},
          {"entry_error", ctx.notice_json("invoerfout")}, {"entry_saved", ctx.notice_json("opgeslagen")},
          {"has_method_tests", !method_tests.empty()}, {"has_reading_levels", !reading.empty()},
          {"today", today_local().dutch()}};
}

// The dossier's sections, a view of the pupil's record: the pupil's place in this year's group
// plans of their current group and their IHPs, their meetings, and what the care-team route
// adds later. Staff get links; a parent (right of inspection) reads the lines, and opens the
// IHPs to add their view.
json dossier_sections(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record,
                      domain::Id group_id) {
  const domain::Id pupil_id = scope.pupil_id;
  const bool staff = domain::has_capability(ctx.who, Capability::kSeeGroups);
  json plans = json::array();
  if (domain::may_view_ihp(ctx.who, scope))
    for (const auto& ihp : record.ihps) {
      std::string text = fmt::format("IHP {} t/m {} · {}", ihp.starts_on.dutch(), ihp.ends_on.dutch(),
                                     domain::ihp_status_label(ihp.status));
      if (ihp.outcome) text += " · " + domain::ihp_outcome_label(*ihp.outcome);
      plans.push_back({{"text", text}, {"href", fmt::format("/ihp/{}", ihp.id)}});
    }
  auto place_in = [&](const domain::GroupPlan& plan, const std::string& period_name, const domain::Group& group) {
    std::vector<std::string> places;
    for (const auto& subject : plan.subjects)
      for (const auto& g : subject.subgroups)
        if (std::find(g.pupils.begin(), g.pupils.end(), pupil_id) != g.pupils.end())
          places.push_back(subject.subject + ": " + domain::approach_label(g.approach));
    if (places.empty()) return;
    plans.push_back({{"text", fmt::format("{}, {} — {}", period_name, group.label(), join(places, ", "))},
                     {"href", staff ? json(fmt::format("/groepen/{}/groepsplan?periode={}", group_id, plan.period_id))
                                    : json(nullptr)}});
  };
  if (group_id) {
    auto group = ctx.app.groups.find(group_id);
    if (record.group_id == group_id) {  // the record holds this year's plans of that group
      for (const auto& p : record.plans) place_in(p.plan, p.period_name, *group);
    } else {
      for (const auto& period : ctx.app.schools.periods(group->school_id, group->school_year_id))
        if (auto plan = store::PlanRepository(ctx.app.db).latest(group_id, period.id))
          place_in(*plan, period.name, *group);
    }
  }
  json meetings = json::array();
  for (const auto& m : record.meetings) {
    std::string text = domain::meeting_title(m, "") + " · " + domain::meeting_status_label(m.status);
    if (m.outcome != domain::PupilDiscussionOutcome::kNone) text += " · " + domain::outcome_label(m.outcome);
    // An adviesgesprek HGD opens for whom its HGD opens (hgd.h); others read the line.
    const bool opens =
        staff && (m.kind != domain::MeetingKind::kHgdAdvice || hgd_actor_of_meeting(ctx, m) != domain::HgdActor::kNone);
    meetings.push_back({{"text", text}, {"href", opens ? json(fmt::format("/besprekingen/{}", m.id)) : json(nullptr)}});
  }
  json care = json::array();
  for (const auto& c : record.cases)  // the record holds them (newest first, with consents)
    if (domain::may_view_case(ctx.who, c, scope, today_local()))
      care.push_back({{"text", fmt::format("Zorgteamcasus · {}", domain::case_status_label(c.status))},
                      {"href", fmt::format("/casus/{}", c.id)}});
  for (const auto& h : record.hgd_requests)  // each with its case in the record: who may see it as on the case
    for (const auto& c : record.cases)
      if (c.id == h.case_id && domain::hgd_actor(ctx.who, scope, c, h, today_local()) != domain::HgdActor::kNone) {
        const auto m = std::find_if(record.meetings.begin(), record.meetings.end(),
                                    [&](const domain::Meeting& x) { return x.id == h.meeting_id && h.meeting_id; });
        care.push_back({{"text", fmt::format("HGD bij {} · {}{}", h.expert_name, domain::hgd_status_label(h.status),
                                             m != record.meetings.end() && m->planned_on
                                                 ? " · adviesgesprek " + m->planned_on->dutch()
                                                 : std::string())},
                        {"href", fmt::format("/hgd/{}", h.id)}});
      }
  auto section = [](const char* title, json items, const char* empty) {
    return json{{"title", title}, {"items", items}, {"has_items", !items.empty()}, {"text", empty}};
  };
  return json::array({section("Groepsplannen en handelingsplannen", plans, "Nog geen plannen."),
                      section("Gesprekken en besprekingen", meetings, "Nog geen besprekingen."),
                      section("Zorgteam, onderzoek en verwijzing", care, "Nog niets vastgelegd.")});
}

Response pupil_page(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(id);
  json pupil = stamkaart(ctx, id);
  add_guardian_accounts(ctx, scope, pupil["guardians"]);  // web/parents: the IB invites them
  ctx.audit_view({id}, "stamkaart");
  bool ib = domain::may_view_pupil_audit(ctx.who, scope);
  // What Koers knows of the pupil, read once: the results, the chart, the sections and the
  // dyslexia evidence are views of it.
  const auto record = store::PupilRecordRepository(ctx.app.db).read(id, store::kNow);
  if (!record) refuse_not_found("deze leerling");
  // Teachers read results per subject, oldest moment first. Drawn by the server as SVG, so it
  // prints; bands only where the school has cut-offs (the record holds them when it draws).
  auto taken = record->results;
  std::string chart = io::results_chart_svg(taken, record->cutoffs);
  std::stable_sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) { return a.subject < b.subject; });
  json results = json::array();
  for (const auto& r : taken) results.push_back(result_json(r));
  // The way back: the pupil's current group, if the reader may open group pages.
  json current_group = nullptr;
  domain::Id regular_group = 0;
  for (const auto& g : pupil["groups"]) {
    domain::Id group_id = g["group_id"];
    bool current = std::find(scope.current_group_ids.begin(), scope.current_group_ids.end(),
                             group_id) != scope.current_group_ids.end();
    if (!current || g["combined"].get<bool>()) continue;
    regular_group = group_id;
    auto group_scope = ctx.app.groups.scope(group_id);
    if (group_scope && domain::may_view_group(ctx.who, *group_scope)) current_group = g;
    break;
  }
  json sections = dossier_sections(ctx, scope, *record, regular_group);
  const PupilSignals signals = pupil_signals(ctx, *record);  // from the record's results and method tests
  json history = json::array();
  for (const auto& s : signals_json(signals.signals, signals.decisions))
    if (!s["current"].get<bool>()) history.push_back(s);
  json model = {{"pupil", pupil},
                {"for_parent", ctx.who.role == domain::Role::kParent},
                {"chart", chart.empty() ? json(nullptr) : json(chart)},
                {"current_group", current_group},
                {"sections", sections},
                {"can_see_audit", ib},
                {"results", results},
                {"signal_lines", signal_lines_json(signals)},
                {"signal_history", history},
                {"has_signal_history", !history.empty()},
                {"signal_history_count", history.size()},
                {"can_decide", domain::has_capability(ctx.who, Capability::kEnterResults)},
                {"signal_error", ctx.notice_json("signaalfout")},
                {"no_results", results.empty()},
                {"no_guardians", pupil["guardians"].empty()},
                {"message", ctx.notice_json()},
                {"can_start_ihp", domain::may_write_ihp(ctx.who, scope)},
                {"can_register", regular_group != 0 && (ctx.who.role == domain::Role::kTeacher ||
                                                        ctx.who.role == domain::Role::kSupportCoordinator)}};
  model.update(observations_json(ctx, *record));
  // The dyslexia evidence (web/dyslexia), for a pupil it says something about.
  if (domain::may_view_dyslexia_evidence(ctx.who, scope))
    if (json dyslexia = dyslexia_evidence_json(ctx, scope, *record); dyslexia_evidence_relevant(dyslexia)) {
      model["dyslexia"] = dyslexia;
      model["can_set_dyslexia"] = domain::may_set_dyslexia_thresholds(ctx.who, scope.school_id);
    }
  // The finalised care-team reports of the dossier, for who may read them; the view is in the trail.
  if (json reports = care_team_reports_json(ctx, scope, *record); !reports.is_null()) {
    if (!reports.empty()) ctx.audit_view({id}, fmt::format("verslagen zorgteamoverleg ({})", reports.size()));
    model["care_team_section"] = {{"reports", reports}, {"no_reports", reports.empty()}};
  }
  model["can_see_referrals"] = ctx.who.role == domain::Role::kSupportCoordinator ||
                               ctx.who.role == domain::Role::kHead || ctx.who.role == domain::Role::kTeacher;
  // The pupil's 1-zorgroute (web/route), a view of the same record; a parent reads it through the API.
  if (ctx.who.role != domain::Role::kParent) model["route"] = pupil_route_json(*record);
  // A parent's page is "Mijn kind", never the school's stamkaart.
  if (ctx.who.role != domain::Role::kParent) model["print_title"] = "Stamkaart " + pupil["name"].get<std::string>();
  return ctx.page("pupil", pupil["name"].get<std::string>(), model);
}

// The IB's answer to "who saw or changed this pupil's data": in words, filtered by person,
// kind of action and period, repeated views of one page by one person as one line.
Response pupil_audit_page(Context& ctx) {
  domain::Id id = ctx.id_param("id");
  domain::PupilScope scope = ctx.pupil_in_view(id);
  if (!domain::may_view_pupil_audit(ctx.who, scope))
    throw HttpError{403, "Alleen de intern begeleider ziet de audittrail."};
  store::AuditQuery query = pupil_audit_query(ctx, id, {"wie", "soort", "van", "tot"});
  auto pupil = ctx.app.pupils.find(id);
  // Read before this view is recorded, so the trail does not open with itself.
  auto entries = ctx.app.audit.find(query);
  ctx.audit_view({id}, "audittrail");
  json lines = json::array();
  int count = 0;
  for (const auto& line : domain::fold_repeated_views(entries)) {
    lines.push_back(audit_line_json(line));
    count += line.count;
  }
  json people = json::array();
  for (const auto& p : ctx.app.audit.people_of_pupil(id))
    people.push_back({{"id", p.account_id},
                      {"name", p.name == p.username ? p.name : p.name + " (" + p.username + ")"},
                      {"selected", p.account_id == query.account_id}});
  json kinds = json::array();
  for (const auto& k : domain::audit_kinds())
    kinds.push_back({{"key", k.key}, {"label", k.label}, {"selected", k.key == ctx.query("soort")}});
  const bool filtered = query.account_id || !query.actions.empty() || query.from || query.to;
  return ctx.page("pupil_audit", "Audittrail " + pupil->name.display(),
                  {{"pupil", pupil_json(*pupil)},
                   {"lines", lines},
                   {"empty", lines.empty()},
                   {"people", people},
                   {"kinds", kinds},
                   {"from", query.from ? query.from->iso() : std::string()},
                   {"to", query.to ? query.to->iso() : std::string()},
                   {"filtered", filtered},
                   {"count_text", fmt::format("{} {} in {} {}", count, count == 1 ? "registratie" : "registraties",
                                              lines.size(), lines.size() == 1 ? "regel" : "regels")},
                   {"limited", static_cast<int>(entries.size()) >= query.limit},
                   {"limit", query.limit}});
}

Response children_page(Context& ctx) {
  // Mijn kind: each child's card, how the school helps now, the IHPs, meetings and documents
  // (web/parents: child_home_json), the consents the parents gave for the care team (to read and
  // withdraw) and the way to all the school records of the child.
  json children = json::array();
  std::vector<domain::Id> ids;
  for (domain::Id id : ctx.who.child_ids) {
    const domain::PupilScope scope = ctx.pupil_in_view(id);
    json child = stamkaart(ctx, id);
    child.update(child_consents_json(ctx, id));
    child["referrals"] = child_referrals_json(ctx, id);  // referrals/api.cc: once the parents' copy is out
    if (const auto record = store::PupilRecordRepository(ctx.app.db).read(id, store::kNow))
      child["home"] = child_home_json(ctx, scope, *record, child["referrals"]);  // web/parents
    child["inzage"] = child_inzage_json(ctx, id);        // pupils/inzage.cc: the dossier PDF, requests
    children.push_back(child);
    ids.push_back(id);
  }
  ctx.audit_view(ids, "mijn kind");
  return ctx.page("children", children.size() == 1 ? "Mijn kind" : "Mijn kinderen",
                  {{"children", children},
                   {"empty", children.empty()},
                   {"message", ctx.notice_json()},
                   {"consent_return", "kinderen"}});
}

}  // namespace

json pupil_stamkaart_json(Context& ctx, domain::Id id) { return stamkaart(ctx, id); }

store::AuditQuery pupil_audit_query(Context& ctx, domain::Id pupil_id, const AuditFilterNames& names) {
  store::AuditQuery q;
  q.pupil_id = pupil_id;
  q.account_id = ctx.number_query(names.person);
  if (const std::string kind = ctx.query(names.kind); !kind.empty()) {
    const domain::AuditKind* k = domain::find_audit_kind(kind);
    if (!k) throw HttpError{400, std::string(names.kind) + ": onbekende soort handeling."};
    q.actions = k->actions;
  }
  auto date = [&](const char* name) -> std::optional<domain::Date> {
    const std::string text = ctx.query(name);
    if (text.empty()) return std::nullopt;
    auto d = domain::parse_iso_date(text);
    if (!d) throw HttpError{400, std::string(name) + ": verwacht een datum (JJJJ-MM-DD)."};
    return d;
  };
  q.from = date(names.from);
  q.to = date(names.to);
  if (q.from && q.to && *q.to < *q.from)
    throw HttpError{400, std::string(names.to) + ": de einddatum ligt voor de begindatum."};
  return q;
}

std::vector<Route> pupil_routes() {
  return {
      {"GET", "/leerlingen/:id", Capability::kSignedIn, pupil_page},
      {"GET", "/leerlingen/:id/audit", Capability::kSeePupilAudit, pupil_audit_page},
      {"GET", "/kinderen", Capability::kSeeChildren, children_page},
  };
}

}  // namespace koers::web
