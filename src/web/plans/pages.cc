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

View verdict_options(std::optional<domain::GoalVerdict> chosen) {
  View options = View::list(4);
  View none = View::object(3);
  none["value"] = "";
  none["label"] = "—";
  none["selected"] = !chosen;
  options.push_back(std::move(none));
  for (auto v : {domain::GoalVerdict::kReached, domain::GoalVerdict::kPartly, domain::GoalVerdict::kNotReached}) {
    View option = View::object(3);
    option["value"] = domain::verdict_key(v);
    option["label"] = domain::verdict_label(v);
    option["selected"] = chosen == v;
    options.push_back(std::move(option));
  }
  return options;
}

// A text, or null when empty (as nz() in view_models.h).
View text_or_null(const std::string& text) { return text.empty() ? View() : View(text); }

View string_list(const std::vector<std::string>& items) {
  View list = View::list(items.size());
  for (const auto& item : items) list.push_back(item);
  return list;
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

View subject_model(const PlanSelection& ps, const domain::SubjectPlan& s, size_t index,
                   const domain::ClusterProposal* proposal, const IhpBySubject& ihps) {
  std::map<Id, const domain::ClusterPlacement*> proposed;
  // A combination group sets goals per jaargroep within a subgroup.
  std::map<Id, std::string> year_group_of;
  for (const auto& line : ps.sel.overview.lines) year_group_of[line.pupil_id] = line.year_group;
  const auto& year_groups = ps.sel.overview.group.year_groups;
  auto year_group_options = [&](const std::string& chosen) {
    View options = View::list(year_groups.size() + 1);
    View whole = View::object(3);
    whole["value"] = "";
    whole["label"] = "voor de hele subgroep";
    whole["selected"] = chosen.empty();
    options.push_back(std::move(whole));
    for (const auto& jg : year_groups) {
      View option = View::object(3);
      option["value"] = jg;
      option["label"] = "alleen groep " + jg;
      option["selected"] = jg == chosen;
      options.push_back(std::move(option));
    }
    return options;
  };
  if (proposal)
    for (const auto& p : proposal->placements) proposed[p.pupil_id] = &p;
  View subgroups = View::list(s.subgroups.size());
  for (const auto& g : s.subgroups) {
    View pupils = View::list(g.pupils.size());
    std::vector<std::string> pupil_names;
    for (Id id : g.pupils) {
      View chip = View::object(8);
      chip["id"] = id;
      chip["name"] = name_of(ps, id);
      chip["proposed"] = nullptr;
      chip["differs"] = false;
      chip["reasons"] = "";
      if (auto it = proposed.find(id); it != proposed.end()) {
        chip["proposed"] = domain::approach_key(it->second->proposed);
        chip["proposed_label"] = domain::approach_label(it->second->proposed);
        chip["differs"] = it->second->proposed != g.approach;
        chip["reasons"] = join(it->second->reasons, "; ");
      }
      if (auto ihp = ihps.find({id, s.subject}); ihp != ihps.end()) chip["ihp_id"] = ihp->second;
      pupils.push_back(std::move(chip));
      pupil_names.push_back(name_of(ps, id));
    }
    View goals = View::list(g.goals.size());
    for (size_t n = 0; n < g.goals.size(); ++n) {
      const auto& goal = g.goals[n];
      std::map<Id, const domain::PupilEvaluation*> by_pupil;
      for (const auto& e : goal.pupils) by_pupil[e.pupil_id] = &e;
      const std::vector<Id> goal_pupils = domain::pupils_of_goal(g, goal, year_group_of);
      View evaluations = View::list(goal_pupils.size());
      for (Id id : goal_pupils) {
        auto it = by_pupil.find(id);
        const domain::PupilEvaluation* e = it == by_pupil.end() ? nullptr : it->second;
        View evaluation = View::object(7);
        evaluation["pupil_id"] = id;
        evaluation["name"] = name_of(ps, id);
        evaluation["options"] = verdict_options(e ? std::optional(e->verdict) : std::nullopt);
        evaluation["verdict_label"] = e ? domain::verdict_label(e->verdict) : "";
        evaluation["evidence"] = e ? e->evidence : "";
        evaluation["confirmed"] = e && e->confirmed;
        evaluation["proposed"] = e && !e->confirmed;
        evaluations.push_back(std::move(evaluation));
      }
      // The SMARTI advice as the page opens, so it does not arrive (and move the page) later.
      View hints = View::list();
      bool smarti = !goal.text.empty() && ps.editable;
      if (ps.editable && !goal.text.empty()) {
        std::optional<domain::GoalPeriod> window;
        if (ps.period) window = domain::GoalPeriod{ps.period->starts_on, ps.period->ends_on};
        for (const auto& f : domain::check_smarti(goal.text, window))
          if (!f.met) {
            View hint = View::object(1);
            hint["text"] = domain::smarti_key(f.criterion) + ": " + f.hint;
            hints.push_back(std::move(hint));
            smarti = false;
          }
      }
      const bool has_evaluations = evaluations.size() > 0;
      View m = View::object(17);
      m["index"] = n;
      m["number"] = n + 1;
      m["text"] = goal.text;
      m["smarti_hints"] = std::move(hints);
      m["smarti_ok"] = smarti ? View(domain::smarti_passed_text()) : View();
      m["didactic"] = goal.kind == domain::GoalKind::kDidactic;
      m["kind_label"] = domain::goal_kind_key(goal.kind);
      m["verdict_options"] = verdict_options(goal.verdict);
      m["verdict_label"] = text_or_null(verdict_text(goal.verdict));
      m["stimulating"] = text_or_null(goal.stimulating);
      m["hindering"] = text_or_null(goal.hindering);
      m["carried_from"] = text_or_null(goal.carried_from);
      m["combination"] = year_groups.size() > 1;
      m["year_group_options"] = year_group_options(goal.year_group);
      m["year_group_label"] = goal.year_group.empty() ? View() : View("groep " + goal.year_group);
      m["evaluations"] = std::move(evaluations);
      m["has_evaluations"] = has_evaluations;
      goals.push_back(std::move(m));
    }
    const bool has_goals = goals.size() > 0;
    View sub = View::object(12);
    sub["approach"] = domain::approach_key(g.approach);
    sub["title"] = approach_title(g.approach);
    sub["pupils"] = std::move(pupils);
    // The document is about the exceptions: basis is everyone else.
    sub["pupil_names"] = g.approach == Approach::kBasic && g.pupils.size() > 8
                             ? (g.pupils.size() == ps.names.size() ? "alle " : "de overige ") +
                                   std::to_string(g.pupils.size()) + " leerlingen"
                             : join(pupil_names, ", ");
    sub["count"] = g.pupils.size();
    sub["has_goals"] = has_goals;
    sub["goals"] = std::move(goals);
    sub["content"] = g.content;
    sub["method"] = text_or_null(g.method);
    sub["organisation"] = g.organisation;
    sub["attention"] = g.attention;
    sub["evaluation"] = g.evaluation;
    sub["has_texts"] = !(g.content + g.method + g.organisation + g.attention + g.evaluation).empty();
    subgroups.push_back(std::move(sub));
  }
  View individual = View::list(s.individual.size());
  for (const auto& l : s.individual) {
    View line = View::object(3);
    line["pupil_id"] = l.pupil_id;
    line["name"] = name_of(ps, l.pupil_id);
    line["text"] = l.text;
    individual.push_back(std::move(line));
  }
  std::vector<std::pair<std::string, Id>> by_name;
  for (const auto& [id, name] : ps.names) by_name.emplace_back(name, id);
  std::stable_sort(by_name.begin(), by_name.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  View pupil_options = View::list(by_name.size());
  for (const auto& [name, id] : by_name) {
    View option = View::object(2);
    option["id"] = id;
    option["name"] = name;
    pupil_options.push_back(std::move(option));
  }
  const bool has_individual = individual.size() > 0;
  View model = View::object(9);
  model["index"] = index;
  model["subject"] = s.subject;
  model["anchor"] = fmt::format("vak-{}", index);
  model["basic_offer"] = s.basic_offer;
  model["subgroups"] = std::move(subgroups);
  model["individual"] = std::move(individual);
  model["has_individual"] = has_individual;
  model["pupil_options"] = std::move(pupil_options);
  model["has_proposal"] = proposal != nullptr;
  return model;
}

View plan_model(Context& ctx, PlanSelection& ps, bool with_proposals, bool with_history) {
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
  View subjects = View::list(ps.plan.subjects.size());
  for (size_t i = 0; i < ps.plan.subjects.size(); ++i) {
    const domain::ClusterProposal* p = nullptr;
    for (const auto& c : proposals)
      if (c.subject == ps.plan.subjects[i].subject) p = &c;
    subjects.push_back(subject_model(ps, ps.plan.subjects[i], i, p, ihps));
  }
  View periods = View::list(ps.sel.periods.size());
  for (const auto& p : ps.sel.periods) {
    View period = View::object(4);
    period["id"] = p.id;
    period["label"] = fmt::format("{} ({} t/m {})", p.name, p.starts_on.dutch(), p.ends_on.dutch());
    period["selected"] = p.id == ps.sel.period_id;
    period["current"] = p.id == ps.sel.current_period_id;
    periods.push_back(std::move(period));
  }
  // Who changed what: each version against the one before (the latest 20).
  std::map<int, std::vector<std::string>> changed;
  if (with_history && ps.versions.size() > 1) {  // one version changed nothing yet
    store::PlanRepository plans(ctx.app.db);
    std::optional<domain::GroupPlan> before;
    const size_t from = ps.versions.size() > 21 ? ps.versions.size() - 21 : 0;
    for (size_t i = from; i < ps.versions.size(); ++i) {
      auto plan = plans.version(ov.group.id, ps.sel.period_id, ps.versions[i].version);
      if (before && plan) changed[plan->version] = domain::plan_changes(*before, *plan, ps.names);
      before = std::move(plan);
    }
  }
  View versions = View::list(ps.versions.size());
  std::string sent_text;
  for (auto it = ps.versions.rbegin(); it != ps.versions.rend(); ++it) {
    const auto& v = *it;
    const std::vector<std::string>& change_lines = changed[v.version];
    std::string sent = v.sent_at.empty() ? "" : fmt::format("verstuurd naar de IB op {}", display_time(v.sent_at));
    if (!sent.empty() && sent_text.empty())
      sent_text = fmt::format("Versie {} is {} (door {}).", v.version, sent, v.sent_by);
    View version = View::object(8);
    version["version"] = v.version;
    version["saved_by"] = v.saved_by;
    version["saved_at_text"] = display_time(v.saved_at);
    version["sent"] = text_or_null(sent);
    version["shown"] = v.version == ps.plan.version;
    version["changes"] = string_list(change_lines);
    version["has_changes"] = !change_lines.empty();
    version["href"] =
        fmt::format("/groepen/{}/groepsplan?periode={}&versie={}", ov.group.id, ps.sel.period_id, v.version);
    versions.push_back(std::move(version));
  }
  const auto& f = ps.plan.functioning;
  View week = View::list(ps.plan.week.size());
  for (const auto& w : ps.plan.week) {
    View slot = View::object(7);
    slot["day"] = domain::weekday_names()[w.day - 1];
    slot["time"] = w.time;
    slot["subject"] = w.subject;
    slot["whole_group"] = w.whole_group;
    slot["intensief"] = w.intensive;
    slot["basis"] = w.basic;
    slot["verdiept"] = w.deepened;
    week.push_back(std::move(slot));
  }
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
  std::vector<std::string> changes;
  if (ps.previous && ps.plan.carried_from_period == ps.previous->period_id)
    changes = domain::plan_changes(*ps.previous, ps.plan, ps.names);
  const size_t version_count = versions.size();
  const bool has_periods = periods.size() > 0, has_week = week.size() > 0;
  View model = View::object(40);
  model["group"] = View::from_json(group_json(ov.group));
  model["period"] = ps.period ? fmt::format("{} ({} t/m {})", ps.period->name, ps.period->starts_on.dutch(),
                                            ps.period->ends_on.dutch())
                              : std::string("geen periodes ingesteld");
  model["period_id"] = ps.sel.period_id;
  model["period_path"] = period_path;
  model["starts_on"] = ps.period ? ps.period->starts_on.iso() : "";
  model["ends_on"] = ps.period ? ps.period->ends_on.iso() : "";
  model["periods"] = std::move(periods);
  model["has_periods"] = has_periods;
  model["version"] = ps.plan.version;
  model["saved"] = ps.plan.version > 0;
  model["saved_text"] = ps.plan.version ? fmt::format("Versie {}, opgeslagen door {} op {}", ps.plan.version,
                                                      ps.plan.saved_by, display_time(ps.plan.saved_at))
                        : ps.editable   ? std::string("Nog niet opgeslagen: een nieuw plan vanuit het groepsoverzicht.")
                                        : std::string(
                                              "De leerkracht heeft voor deze periode nog geen groepsplan "
                                                "opgeslagen; hieronder de indeling uit het groepsoverzicht.");
  model["versions"] = std::move(versions);
  model["has_versions"] = version_count > 0;
  model["version_count"] = version_count;
  model["sent_text"] = text_or_null(sent_text);
  model["editable"] = ps.editable && !ps.plan.evaluation_closed;
  model["combination"] = ps.sel.overview.group.year_groups.size() > 1;
  model["year_groups"] = string_list(ps.sel.overview.group.year_groups);
  model["evaluation_closed"] = ps.plan.evaluation_closed;
  model["read_only_reason"] = text_or_null(read_only);
  model["subjects"] = std::move(subjects);
  View functioning = View::object(6);
  functioning["learning_style"] = f.learning_style;
  functioning["relation"] = f.relation;
  functioning["competence"] = f.competence;
  functioning["autonomy"] = f.autonomy;
  functioning["interests"] = f.interests;
  functioning["notes"] = f.notes;
  model["functioning"] = std::move(functioning);
  model["week"] = std::move(week);
  model["has_week"] = has_week;
  model["for_group_discussion"] = View::from_json(discussion);
  model["has_group_discussion"] = !discussion.empty();
  model["carried"] = ps.plan.carried_from_period != 0 && ps.previous.has_value();
  model["previous_name"] = ps.previous_name;
  model["has_changes"] = !changes.empty();
  model["changes"] = string_list(changes);
  model["plan_data"] = script_json(io::group_plan_json(ps.plan));
  model["wide"] = true;
  return model;
}

Response plan_page(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  View model = plan_model(ctx, ps, ps.editable, true);
  return ctx.page("plan", "Groepsplan " + ps.sel.overview.group.label(), std::move(model));
}

Response plan_print(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  View model = plan_model(ctx, ps, false, false);
  model["print_page"] = true;
  model["print_title"] = "Groepsplan " + ps.sel.overview.group.label() +
                        (ps.sel.overview.period_name == "nu" ? "" : " — " + ps.sel.overview.period_name);
  return ctx.page("plan_print", "Groepsplan " + ps.sel.overview.group.label(), std::move(model));
}

// The week of the plan; a plan without one gets a first week from its subgroups, which the
// teacher adjusts and saves.
Response week_page(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  View model = plan_model(ctx, ps, false, false);
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
      days[day - 1]["ihp_work"] = per_day[day - 1];
      days[day - 1]["has_ihp_work"] = !per_day[day - 1].empty();
    }
  }
  model["days"] = View::from_json(days);
  model["proposed"] = proposed && ps.editable && !ps.plan.evaluation_closed;
  model["subject_names"] = string_list(ps.sel.overview.subjects);
  return ctx.page("week", "Weekplanning " + ps.sel.overview.group.label(), std::move(model));
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
