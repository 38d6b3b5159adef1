// The groepsplan pages: the plan itself (GET /groepen/{id}/groepsplan: the teacher moves
// pupils between subgroups, writes goals with the SMARTI hint, evaluates; plan.js saves
// through the API), the printable document (…/groepsplan/afdrukken) and the week
// planning (…/weekplanning). ?periode= picks the period, ?versie= an earlier version.
#include <fmt/format.h>

#include "common/clock.h"
#include "domain/ihp.h"
#include "domain/plan_carry_forward.h"
#include "domain/smarti.h"
#include "io/group_plan_json.h"
#include "store/ihp_repository.h"
#include "web/plans/plans.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Approach;
using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

constexpr Approach kApproaches[] = {Approach::kIntensive, Approach::kBasic, Approach::kDeepened};

std::string name_of(const PlanSelection& ps, Id id) {
  auto it = ps.names.find(id);
  return it == ps.names.end() ? fmt::format("leerling {}", id) : it->second;
}

std::string verdict_text(std::optional<domain::GoalVerdict> v) { return v ? domain::verdict_label(*v) : ""; }

json verdict_options(std::optional<domain::GoalVerdict> chosen) {
  json options = json::array({{{"value", ""}, {"label", "—"}, {"selected", !chosen}}});
  for (auto v : {domain::GoalVerdict::kReached, domain::GoalVerdict::kPartly, domain::GoalVerdict::kNotReached})
    options.push_back({{"value", domain::verdict_key(v)}, {"label", domain::verdict_label(v)}, {"selected", chosen == v}});
  return options;
}

std::string approach_title(Approach a) {
  switch (a) {
    case Approach::kIntensive: return "Intensief";
    case Approach::kBasic: return "Basis";
    case Approach::kDeepened: return "Verdiept";
  }
  return "";
}

// The page's model of one subject: per subgroup its pupils (with Koers' proposal where it
// differs), goals with their evaluation per pupil, and the texts.
// A pupil with a running IHP for the subject: the IHP's id per (pupil, subject).
using IhpBySubject = std::map<std::pair<Id, std::string>, Id>;

json subject_model(const PlanSelection& ps, const domain::SubjectPlan& s, size_t index,
                   const domain::ClusterProposal* proposal, const IhpBySubject& ihps) {
  std::map<Id, const domain::ClusterPlacement*> proposed;
  // A combination group sets goals per jaargroep within a subgroup.
  std::map<Id, std::string> year_group_of;
  for (const auto& line : ps.sel.overview.lines) year_group_of[line.pupil_id] = line.year_group;
  const auto& year_groups = ps.sel.overview.group.year_groups;
  auto year_group_options = [&](const std::string& chosen) {
    json options = json::array({{{"value", ""}, {"label", "voor de hele subgroep"}, {"selected", chosen.empty()}}});
    for (const auto& jg : year_groups) options.push_back({{"value", jg}, {"label", "alleen groep " + jg}, {"selected", jg == chosen}});
    return options;
  };
  if (proposal)
    for (const auto& p : proposal->placements) proposed[p.pupil_id] = &p;
  json subgroups = json::array();
  for (const auto& g : s.subgroups) {
    json pupils = json::array();
    std::vector<std::string> pupil_names;
    for (Id id : g.pupils) {
      json chip{{"id", id}, {"name", name_of(ps, id)}, {"proposed", nullptr}, {"differs", false}, {"reasons", ""}};
      if (auto it = proposed.find(id); it != proposed.end()) {
        chip["proposed"] = domain::approach_key(it->second->proposed);
        chip["proposed_label"] = domain::approach_label(it->second->proposed);
        chip["differs"] = it->second->proposed != g.approach;
        chip["reasons"] = join(it->second->reasons, "; ");
      }
      if (auto ihp = ihps.find({id, s.subject}); ihp != ihps.end()) chip["ihp_id"] = ihp->second;
      pupils.push_back(chip);
      pupil_names.push_back(name_of(ps, id));
    }
    json goals = json::array();
    for (size_t n = 0; n < g.goals.size(); ++n) {
      const auto& goal = g.goals[n];
      json evaluations = json::array();
      std::map<Id, const domain::PupilEvaluation*> by_pupil;
      for (const auto& e : goal.pupils) by_pupil[e.pupil_id] = &e;
      for (Id id : domain::pupils_of_goal(g, goal, year_group_of)) {
        auto it = by_pupil.find(id);
        const domain::PupilEvaluation* e = it == by_pupil.end() ? nullptr : it->second;
        evaluations.push_back({{"pupil_id", id},
                               {"name", name_of(ps, id)},
                               {"options", verdict_options(e ? std::optional(e->verdict) : std::nullopt)},
                               {"verdict_label", e ? domain::verdict_label(e->verdict) : ""},
                               {"evidence", e ? e->evidence : ""},
                               {"confirmed", e && e->confirmed},
                               {"proposed", e && !e->confirmed}});
      }
      // The SMARTI advice as the page opens, so it does not arrive (and move the page) later.
      json hints = json::array();
      bool smarti = !goal.text.empty() && ps.editable;
      if (ps.editable && !goal.text.empty()) {
        std::optional<domain::GoalPeriod> window;
        if (ps.period) window = domain::GoalPeriod{ps.period->starts_on, ps.period->ends_on};
        for (const auto& f : domain::check_smarti(goal.text, window))
          if (!f.met) {
            hints.push_back({{"text", domain::smarti_key(f.criterion) + ": " + f.hint}});
            smarti = false;
          }
      }
      goals.push_back({{"index", n},
                       {"number", n + 1},
                       {"text", goal.text},
                       {"smarti_hints", hints},
                       {"smarti_ok", smarti ? json(domain::smarti_passed_text()) : json(nullptr)},
                       {"didactic", goal.kind == domain::GoalKind::kDidactic},
                       {"kind_label", domain::goal_kind_key(goal.kind)},
                       {"verdict_options", verdict_options(goal.verdict)},
                       {"verdict_label", nz(verdict_text(goal.verdict))},
                       {"stimulating", nz(goal.stimulating)},
                       {"hindering", nz(goal.hindering)},
                       {"carried_from", nz(goal.carried_from)},
                       {"combination", year_groups.size() > 1},
                       {"year_group_options", year_group_options(goal.year_group)},
                       {"year_group_label", goal.year_group.empty() ? json(nullptr) : json("groep " + goal.year_group)},
                       {"evaluations", evaluations},
                       {"has_evaluations", !evaluations.empty()}});
    }
    subgroups.push_back({{"approach", domain::approach_key(g.approach)},
                         {"title", approach_title(g.approach)},
                         {"pupils", pupils},
                         // The document is about the exceptions: basis is everyone else.
                         {"pupil_names", g.approach == Approach::kBasic && g.pupils.size() > 8
                                             ? (g.pupils.size() == ps.names.size() ? "alle " : "de overige ") +
                                                   std::to_string(g.pupils.size()) + " leerlingen"
                                             : join(pupil_names, ", ")},
                         {"count", g.pupils.size()},
                         {"has_goals", !goals.empty()},
                         {"goals", goals},
                         {"content", g.content},
                         {"method", nz(g.method)},
                         {"organisation", g.organisation},
                         {"attention", g.attention},
                         {"evaluation", g.evaluation},
                         {"has_texts", !(g.content + g.method + g.organisation + g.attention + g.evaluation).empty()}});
  }
  json individual = json::array(), pupil_options = json::array();
  for (const auto& l : s.individual)
    individual.push_back({{"pupil_id", l.pupil_id}, {"name", name_of(ps, l.pupil_id)}, {"text", l.text}});
  for (const auto& [id, name] : ps.names) pupil_options.push_back({{"id", id}, {"name", name}});
  std::sort(pupil_options.begin(), pupil_options.end(),
            [](const json& a, const json& b) { return a["name"].get<std::string>() < b["name"].get<std::string>(); });
  return {{"index", index},
          {"subject", s.subject},
          {"anchor", fmt::format("vak-{}", index)},
          {"basic_offer", s.basic_offer},
          {"subgroups", subgroups},
          {"individual", individual},
          {"has_individual", !individual.empty()},
          {"pupil_options", pupil_options},
          {"has_proposal", proposal != nullptr}};
}

json plan_model(Context& ctx, PlanSelection& ps, bool with_proposals, bool with_history) {
  const auto& ov = ps.sel.overview;
  std::vector<domain::ClusterProposal> proposals;
  if (with_proposals) proposals = cluster_proposals(ctx, ps.sel);
  // "volgt IHP" beside a pupil in the current period, for the subjects of their running IHP.
  IhpBySubject ihps;
  if (ps.sel.period_id == ps.sel.current_period_id) {
    std::vector<Id> ids;
    for (const auto& line : ov.lines) ids.push_back(line.pupil_id);
    for (const auto& ihp : store::IhpRepository(ctx.app.db).running_of_pupils(ids))
      for (const auto& goal : ihp.goals) ihps.emplace(std::pair{ihp.pupil_id, goal.area}, ihp.id);
  }
  json subjects = json::array();
  for (size_t i = 0; i < ps.plan.subjects.size(); ++i) {
    const domain::ClusterProposal* p = nullptr;
    for (const auto& c : proposals)
      if (c.subject == ps.plan.subjects[i].subject) p = &c;
    subjects.push_back(subject_model(ps, ps.plan.subjects[i], i, p, ihps));
  }
  json periods = json::array();
  for (const auto& p : ps.sel.periods)
    periods.push_back({{"id", p.id},
                       {"label", fmt::format("{} ({} t/m {})", p.name, p.starts_on.dutch(), p.ends_on.dutch())},
                       {"selected", p.id == ps.sel.period_id},
                       {"current", p.id == ps.sel.current_period_id}});
  // Who changed what: each version against the one before (the latest 20).
  std::map<int, std::vector<std::string>> changed;
  if (with_history) {
    store::PlanRepository plans(ctx.app.db);
    std::optional<domain::GroupPlan> before;
    const size_t from = ps.versions.size() > 21 ? ps.versions.size() - 21 : 0;
    for (size_t i = from; i < ps.versions.size(); ++i) {
      auto plan = plans.version(ov.group.id, ps.sel.period_id, ps.versions[i].version);
      if (before && plan) changed[plan->version] = domain::plan_changes(*before, *plan, ps.names);
      before = std::move(plan);
    }
  }
  json versions = json::array();
  std::string sent_text;
  for (auto it = ps.versions.rbegin(); it != ps.versions.rend(); ++it) {
    const auto& v = *it;
    json change_lines = json::array();
    for (const auto& line : changed[v.version]) change_lines.push_back(line);
    std::string sent = v.sent_at.empty() ? "" : fmt::format("verstuurd naar de IB op {}", display_time(v.sent_at));
    if (!sent.empty() && sent_text.empty())
      sent_text = fmt::format("Versie {} is {} (door {}).", v.version, sent, v.sent_by);
    versions.push_back({{"version", v.version},
                        {"saved_by", v.saved_by},
                        {"saved_at_text", display_time(v.saved_at)},
                        {"sent", nz(sent)},
                        {"shown", v.version == ps.plan.version},
                        {"changes", change_lines},
                        {"has_changes", !change_lines.empty()},
                        {"href", fmt::format("/groepen/{}/groepsplan?periode={}&versie={}", ov.group.id, ps.sel.period_id,
                                             v.version)}});
  }
  const auto& f = ps.plan.functioning;
  json week = json::array();
  for (const auto& w : ps.plan.week)
    week.push_back({{"day", domain::weekday_names()[w.day - 1]}, {"time", w.time}, {"subject", w.subject},
                    {"whole_group", w.whole_group}, {"intensief", w.intensive}, {"basis", w.basic},
                    {"verdiept", w.deepened}});
  json discussion = group_discussion_json(ps);
  for (auto& d : discussion) {
    std::vector<std::string> goals;
    for (const auto& g : d["goals"])
      goals.push_back(fmt::format("{}: {} ({})", g["subject"].get<std::string>(), g["goal"].get<std::string>(),
                                  g["verdict"] == "deels" ? "deels behaald" : "niet behaald"));
    d["goals_text"] = join(goals, "; ");
  }
  std::string read_only;
  if (!ps.editable) {
    if (!ps.latest) read_only = fmt::format("U bekijkt versie {} van {} door {}; een eerdere versie is niet te wijzigen.",
                                            ps.plan.version, display_time(ps.plan.saved_at), ps.plan.saved_by);
    else if (ps.sel.period_id != ps.sel.current_period_id)
      read_only = "Dit is het groepsplan van een afgelopen periode; het is niet meer te wijzigen.";
    else read_only = "Alleen de leerkracht van de groep schrijft het groepsplan; u leest mee.";
  } else if (ps.plan.evaluation_closed) {
    read_only = "De evaluatie van deze periode is afgesloten; het plan blijft zoals het was.";
  }
  const std::string period_path = ps.sel.period_id ? std::to_string(ps.sel.period_id) : "huidig";
  json changes = json::array();
  if (ps.previous && ps.plan.carried_from_period == ps.previous->period_id)
    for (const auto& line : domain::plan_changes(*ps.previous, ps.plan, ps.names)) changes.push_back(line);
  json api_plan = io::group_plan_json(ps.plan);
  return {{"group", group_json(ov.group)},
          {"period", ps.period ? fmt::format("{} ({} t/m {})", ps.period->name, ps.period->starts_on.dutch(),
                                             ps.period->ends_on.dutch())
                               : std::string("geen periodes ingesteld")},
          {"period_id", ps.sel.period_id},
          {"period_path", period_path},
          {"starts_on", ps.period ? ps.period->starts_on.iso() : ""},
          {"ends_on", ps.period ? ps.period->ends_on.iso() : ""},
          {"periods", periods},
          {"has_periods", !periods.empty()},
          {"version", ps.plan.version},
          {"saved", ps.plan.version > 0},
          {"saved_text", ps.plan.version ? fmt::format("Versie {}, opgeslagen door {} op {}", ps.plan.version,
                                                       ps.plan.saved_by, display_time(ps.plan.saved_at))
                                         : ps.editable
                                               ? std::string("Nog niet opgeslagen: een nieuw plan vanuit het groepsoverzicht.")
                                               : std::string("De leerkracht heeft voor deze periode nog geen groepsplan "
                                                             "opgeslagen; hieronder de indeling uit het groepsoverzicht.")},
          {"versions", versions},
          {"has_versions", !versions.empty()},
          {"version_count", versions.size()},
          {"sent_text", sent_text.empty() ? json(nullptr) : json(sent_text)},
          {"editable", ps.editable && !ps.plan.evaluation_closed},
          {"combination", ps.sel.overview.group.year_groups.size() > 1},
          {"year_groups", ps.sel.overview.group.year_groups},
          {"evaluation_closed", ps.plan.evaluation_closed},
          {"read_only_reason", read_only.empty() ? json(nullptr) : json(read_only)},
          {"subjects", subjects},
          {"functioning",
           {{"learning_style", f.learning_style}, {"relation", f.relation}, {"competence", f.competence},
            {"autonomy", f.autonomy}, {"interests", f.interests}, {"notes", f.notes}}},
          {"week", week},
          {"has_week", !week.empty()},
          {"for_group_discussion", discussion},
          {"has_group_discussion", !discussion.empty()},
          {"carried", ps.plan.carried_from_period != 0 && ps.previous.has_value()},
          {"previous_name", ps.previous_name},
          {"changes", changes},
          {"has_changes", !changes.empty()},
          {"plan_data", script_json(api_plan)},
          {"wide", true}};
}

Response plan_page(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  json model = plan_model(ctx, ps, ps.editable, true);
  return ctx.page("plan", "Groepsplan " + ps.sel.overview.group.label(), model);
}

Response plan_print(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  json model = plan_model(ctx, ps, false, false);
  model["print_page"] = true;
  model["print_title"] = "Groepsplan " + ps.sel.overview.group.label() +
                        (ps.sel.overview.period_name == "nu" ? "" : " — " + ps.sel.overview.period_name);
  return ctx.page("plan_print", "Groepsplan " + ps.sel.overview.group.label(), model);
}

// The week of the plan; a plan without one gets a first week from its subgroups, which the
// teacher adjusts and saves.
Response week_page(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  json model = plan_model(ctx, ps, false, false);
  const bool proposed = ps.plan.week.empty();
  std::vector<domain::WeekSlot> week = proposed ? domain::default_week(ps.plan) : ps.plan.week;
  json days = json::array();
  for (int day = 1; day <= 5; ++day) {
    json slots = json::array();
    for (const domain::WeekSlot* slot : domain::week_in_order(week)) {
      const domain::WeekSlot& w = *slot;
      if (w.day != day) continue;
      json options = json::array();
      for (const auto& s : ps.sel.overview.subjects) options.push_back({{"name", s}, {"selected", s == w.subject}});
      slots.push_back({{"time", w.time}, {"subject", w.subject}, {"subject_options", options},
                       {"whole_group", w.whole_group}, {"intensief", w.intensive}, {"basis", w.basic},
                       {"verdiept", w.deepened}});
    }
    days.push_back({{"day", day}, {"name", domain::weekday_names()[day - 1]}, {"slots", slots}});
  }
  model["days"] = days;
  // The IHP work of the group's pupils, per day: it is planned in the IHP, shown here.
  if (ps.sel.period_id == ps.sel.current_period_id) {
    std::map<Id, std::string> names;
    std::vector<Id> ids;
    for (const auto& line : ps.sel.overview.lines) {
      names[line.pupil_id] = line.name;
      ids.push_back(line.pupil_id);
    }
    std::vector<json> per_day(5, json::array());
    for (const auto& ihp : store::IhpRepository(ctx.app.db).running_of_pupils(ids))
      for (const auto& item : domain::ihp_week_items(ihp))
        if (item.day >= 1 && item.day <= 5)
          per_day[item.day - 1].push_back(
              {{"time", item.time}, {"pupil", names[ihp.pupil_id]}, {"text", item.text}, {"ihp_id", ihp.id}});
    for (int day = 1; day <= 5; ++day) {
      model["days"][day - 1]["ihp_work"] = per_day[day - 1];
      model["days"][day - 1]["has_ihp_work"] = !per_day[day - 1].empty();
    }
  }
  model["proposed"] = proposed && model["editable"].get<bool>();
  model["subject_names"] = ps.sel.overview.subjects;
  return ctx.page("week", "Weekplanning " + ps.sel.overview.group.label(), model);
}

}  // namespace

std::vector<Route> plan_page_routes() {
  return {
      {"GET", "/groepen/:id/groepsplan", Capability::kSeeGroups, plan_page},
      {"GET", "/groepen/:id/groepsplan/afdrukken", Capability::kSeeGroups, plan_print},
      {"GET", "/groepen/:id/weekplanning", Capability::kSeeGroups, week_page},
  };
}

}  // namespace koers::web
