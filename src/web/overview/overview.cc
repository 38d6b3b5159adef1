#include "web/overview/overview.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "common/clock.h"
#include "domain/pupil_record.h"
#include "store/overview_repository.h"
#include "store/signal_repository.h"
#include "web/signals/signals.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Id;
using nlohmann::json;

namespace {

// The period that contains today, else the latest that has started; 0 when the group's
// school year is not today's (an earlier year is history, read-only).
Id current_period(const std::vector<domain::Period>& periods, const domain::Date& today) {
  Id latest = 0;
  for (const auto& p : periods) {
    if (p.starts_on <= today && today <= p.ends_on) return p.id;
    if (p.starts_on <= today) latest = p.id;
  }
  if (!periods.empty() && today > periods.back().ends_on) {
    auto year = domain::school_year_of(today);
    if (periods.back().ends_on < year.starts_on) return 0;
  }
  return latest;
}

std::string period_label(const domain::Period& p) {
  return fmt::format("{} ({} t/m {})", p.name, p.starts_on.dutch(), p.ends_on.dutch());
}

View entry_view(const domain::OverviewEntry& e) {
  bool need = e.kind == domain::EntryKind::kGeneralNeed || e.kind == domain::EntryKind::kSubjectNeed;
  View j = View::object(9);
  j["id"] = e.id;
  j["kind"] = domain::entry_kind_key(e.kind);
  j["topic"] = e.topic;
  j["text"] = need ? domain::need_sentence(e.text) : e.text;
  j["source"] = domain::source_key(e.source);
  j["source_label"] = domain::source_label(e.source);
  j["written_by"] = e.written_by;
  j["written_at"] = e.written_at;
  j["written_at_text"] = display_time(e.written_at).substr(0, 10);
  return j;
}

// A result as the page's cell shows it: the five fields overview.mustache reads, each always
// set (null when empty), so a name never resolves in an outer section. result_view's nine
// fields, with two decimals formatted, were a fifth of the page (callgrind); the API keeps them.
View result_cell_view(const domain::StandardisedResult& r) {
  View v = View::object(5);
  v["moment"] = r.moment.label();
  v["ability_score_text"] = r.ability_score ? domain::dutch_decimal(*r.ability_score) : "";
  v["level"] = r.level ? View(r.level->label()) : View();
  v["level_band"] = r.level ? View(r.level->band()) : View();
  v["level_colour"] = r.level ? View(r.level->colour()) : View();
  return v;
}

}  // namespace

std::vector<domain::OverviewLine> overview_lines(Context& ctx, Id school_id, const std::vector<store::PupilListRow>& pupils,
                                                const std::string& as_of) {
  return overview_lines(ctx, store::SignalRepository(ctx.app.db).rules(school_id), pupils, as_of);
}

std::vector<domain::OverviewLine> overview_lines(Context& ctx, const domain::SignalRules& rules,
                                                const std::vector<store::PupilListRow>& pupils, const std::string& as_of) {
  // The count first: lines read after it are at least as new as it says (lines_cache.h).
  const long long count = ctx.app.db.change_count();
  const std::string key = OverviewLinesCache::key(rules, pupils, as_of);
  if (auto kept = ctx.app.overview_lines.find(key, count)) return std::move(*kept);
  std::vector<Id> ids;
  for (const auto& p : pupils) ids.push_back(p.id);
  store::OverviewRepository repo(ctx.app.db);
  auto approaches = repo.approaches(ids, as_of);
  auto entries = repo.entries(ids, as_of);
  auto method_tests = repo.method_tests(ids, as_of);
  auto results = repo.standardised_results(ids, as_of);
  auto reading = repo.reading_levels(ids, as_of);
  std::vector<domain::OverviewLine> lines;
  for (const auto& p : pupils)
    lines.push_back(domain::overview_line(p.id, p.name.display(), p.pupil_number, p.year_group,
                                          std::move(approaches[p.id]), std::move(entries[p.id]),
                                          std::move(method_tests[p.id]), std::move(results[p.id]), reading[p.id],
                                          rules));
  ctx.app.overview_lines.keep(key, count, lines);
  return lines;
}

void drop_dismissed_signals(Context& ctx, domain::OverviewLine& line) {
  store::drop_dismissed(line.signals, store::SignalRepository(ctx.app.db).decisions(line.pupil_id));
}

void drop_dismissed_signals(Context& ctx, std::vector<domain::OverviewLine>& lines) {
  std::vector<Id> ids;
  for (const auto& l : lines) ids.push_back(l.pupil_id);
  auto decisions = store::SignalRepository(ctx.app.db).decisions(ids);
  for (auto& l : lines)
    if (auto it = decisions.find(l.pupil_id); it != decisions.end()) store::drop_dismissed(l.signals, it->second);
}

OverviewSelection load_group_overview(Context& ctx, Id group_id, const std::string& period_param,
                                      const std::string& shown) {
  domain::GroupScope scope = ctx.group_in_view(group_id);
  OverviewSelection sel;
  domain::GroupOverview& ov = sel.overview;
  ov.group = *ctx.app.groups.find(group_id);
  sel.periods = ctx.app.schools.periods(ov.group.school_id, ov.group.school_year_id);
  const domain::Date today = today_local();
  sel.current_period_id = current_period(sel.periods, today);
  // A period named in the URL opens exactly that period, or says why it cannot: a period
  // that has not started has no overview or plan yet; another school year's is not this group's.
  if (!period_param.empty()) {
    auto named = std::find_if(sel.periods.begin(), sel.periods.end(),
                              [&](const domain::Period& p) { return std::to_string(p.id) == period_param; });
    if (named == sel.periods.end())
      throw HttpError{404, fmt::format("Deze periode hoort niet bij groep {} in dit schooljaar.", ov.group.label())};
    if (today < named->starts_on)
      throw HttpError{404, fmt::format("{} begint op {}: het groepsoverzicht en het groepsplan van die periode zijn er vanaf "
                                       "dan. Tot die tijd werkt de groep in het plan van de huidige periode.",
                                       named->name, named->starts_on.dutch())};
  }
  std::erase_if(sel.periods, [&](const domain::Period& p) { return today < p.starts_on; });
  sel.period_id = sel.current_period_id;
  for (const auto& p : sel.periods)
    if (std::to_string(p.id) == period_param) sel.period_id = p.id;
  if (sel.period_id == 0 && !sel.periods.empty() && sel.current_period_id == 0) sel.period_id = sel.periods.back().id;

  ov.as_of = store::kNow;
  ov.period_name = "nu";
  for (const auto& p : sel.periods)
    if (p.id == sel.period_id) {
      ov.period_name = period_label(p);
      // What was valid at the end of the period's last day; the current period is "now".
      if (p.id != sel.current_period_id) ov.as_of = p.ends_on.iso() + "T99";
    }
  bool current = sel.period_id == sel.current_period_id;
  // ?stand=<instant>: the overview as it was sent for a group discussion (read-only).
  if (const std::string stand = ctx.query("stand"); !stand.empty()) {
    if (stand.size() < 16 || !domain::parse_iso_date(stand.substr(0, 10)))
      throw HttpError{400, "stand: verwacht een tijdstip (JJJJ-MM-DDTuu:mm)"};
    ov.as_of = stand;
    ov.period_name = "zoals verstuurd op " + display_time(stand);
    current = false;
  }
  ov.editable = current && domain::may_edit_group_overview(ctx.who, scope);
  ov.subjects = domain::overview_subjects(ov.group.year_groups);

  auto pupils = ctx.app.groups.pupils_of_group(group_id);
  std::vector<Id> ids;
  for (const auto& p : pupils) ids.push_back(p.id);
  sel.rules = store::SignalRepository(ctx.app.db).rules(scope.school_id);
  ov.lines = overview_lines(ctx, sel.rules, pupils, ov.as_of);
  ctx.audit_view(ids, shown + " " + ov.group.name + " (" + ov.period_name + ")");
  return sel;
}

OverviewSelection overview_of_period(Context& ctx, Id group_id, const std::string& period_path,
                                     const std::string& shown) {
  OverviewSelection sel = load_group_overview(ctx, group_id, period_path == "huidig" ? "" : period_path, shown);
  if (period_path != "huidig" && std::to_string(sel.period_id) != period_path)
    throw HttpError{404, "Deze periode bestaat niet."};
  return sel;
}

View overview_view(Context& ctx, const OverviewSelection& sel, OverviewUse use) {
  const domain::GroupOverview& ov = sel.overview;
  const double mastery = sel.rules.mastery_percentage.value_or(0);
  std::vector<Id> ids;
  for (const auto& l : ov.lines) ids.push_back(l.pupil_id);
  auto decisions = store::SignalRepository(ctx.app.db).decisions(ids);
  const std::map<std::string, store::SignalDecision> no_decisions;
  std::map<std::string, std::string> subject_of;  // a test's subject: the group's pupils share a few tests
  View lines = View::list(ov.lines.size());
  for (const auto& l : ov.lines) {
    View approaches = View::list(ov.subjects.size());
    for (const auto& subject : ov.subjects) {
      std::string chosen;
      for (const auto& a : l.approaches)
        if (a.subject == subject) chosen = domain::approach_key(a.approach);
      View item = View::object(5);
      item["index"] = approaches.size();
      item["subject"] = subject;
      item["unset"] = chosen.empty();
      if (use == OverviewUse::kApi) {
        View options = View::list(3);
        for (auto a : {domain::Approach::kIntensive, domain::Approach::kBasic, domain::Approach::kDeepened}) {
          View o = View::object(3);
          o["value"] = domain::approach_key(a);
          o["label"] = domain::approach_label(a);
          o["selected"] = domain::approach_key(a) == chosen;
          options.push_back(std::move(o));
        }
        item["options"] = std::move(options);
      } else if (auto a = domain::parse_approach(chosen)) {
        // The page writes the three options itself; a flag says which one is chosen (one field
        // instead of 13 Views per subject and pupil). Field names outlive the View: literals.
        item[*a == domain::Approach::kIntensive ? "is_intensief"
             : *a == domain::Approach::kBasic   ? "is_basis"
                                                : "is_verdiept"] = true;
      }
      item["approach"] = chosen.empty() ? View() : View(std::move(chosen));
      approaches.push_back(std::move(item));
    }
    std::set<std::string> subjects;
    for (const auto& r : l.results) subjects.insert(r.subject);
    View by_subject = View::list(subjects.size());
    for (const auto& subject : subjects) {
      auto last = domain::latest_per_subject(l.results, subject, 3);
      View moments = View::list(last.size());
      for (const auto& r : last) moments.push_back(use == OverviewUse::kApi ? result_view(r) : result_cell_view(r));
      auto trend = domain::trend_of(last);
      View item = View::object(4);
      item["subject"] = subject;
      item["results"] = std::move(moments);
      item["trend"] = trend ? View(domain::trend_label(*trend)) : View();
      item["trend_symbol"] = trend ? domain::trend_symbol(*trend) : "";
      by_subject.push_back(std::move(item));
    }
    View method_tests = View::list();
    std::set<std::string> shown_subjects;  // the latest test of each subject
    for (const auto& t : l.method_tests) {
      if (!shown_subjects.insert(t.subject).second) continue;
      View item = View::object(8);
      item["subject"] = t.subject;
      item["block"] = t.block;
      item["score"] = t.score;
      item["maximum"] = t.maximum;
      item["score_text"] = domain::dutch_decimal(t.score) + "/" + domain::dutch_decimal(t.maximum);
      item["percentage"] = static_cast<int>(t.percentage() + 0.5);
      item["below_mastery"] = mastery > 0 && t.percentage() < mastery;
      item["taken_on"] = t.taken_on.iso();
      method_tests.push_back(std::move(item));
    }
    View protective = View::list(), hindering = View::list(), general = View::list(), specific = View::list();
    for (const auto& e : l.entries) {
      View j = entry_view(e);
      switch (e.kind) {
        case domain::EntryKind::kProtective: protective.push_back(std::move(j)); break;
        case domain::EntryKind::kHindering: hindering.push_back(std::move(j)); break;
        case domain::EntryKind::kGeneralNeed: general.push_back(std::move(j)); break;
        case domain::EntryKind::kSubjectNeed: specific.push_back(std::move(j)); break;
      }
    }
    auto decided = decisions.find(l.pupil_id);
    const auto& pupil_decisions = decided == decisions.end() ? no_decisions : decided->second;
    // One chip per subject and state, its evidence in the tooltip: the line stays readable.
    std::map<std::pair<std::string, std::string>, std::vector<const std::string*>> chips;
    int open = 0;
    for (const auto& s : l.signals) {
      if (!s.current) continue;  // history: on the stamkaart, folded
      auto decision = pupil_decisions.find(store::signal_key(s));
      bool undecided = decision == pupil_decisions.end();
      std::string state = s.positive                                 ? (undecided ? "positive" : "")
                          : undecided                                ? "open"
                          : decision->second.decision == "bevestigd" ? "confirmed"
                                                                     : "";
      if (state.empty()) continue;  // dismissed, or a strength already discussed
      auto subject = subject_of.find(s.subject);
      if (subject == subject_of.end())
        subject = subject_of.emplace(s.subject, domain::subject_of_test(s.subject)).first;
      chips[{state, subject->second}].push_back(&s.evidence);
    }
    View signal_chips = View::list(chips.size());
    for (const auto& [key, evidence] : chips) {
      const auto& [state, subject] = key;
      if (state == "open") ++open;  // one open decision per subject
      std::string label = state == "open" ? "signaal" : state == "confirmed" ? "extra ondersteuning" : "sterk";
      std::string title;
      for (const auto* e : evidence) title += (title.empty() ? "" : "\n") + *e;
      View chip = View::object(4);
      chip["state"] = state;
      chip["open"] = state == "open";
      chip["text"] = label + ": " + subject + (evidence.size() > 1 ? fmt::format(" ({})", evidence.size()) : "");
      chip["title"] = std::move(title);
      signal_chips.push_back(std::move(chip));
    }
    View line = View::object(15);
    line["pupil_id"] = l.pupil_id;
    line["name"] = l.name;
    line["year_group"] = l.year_group;
    line["approaches"] = std::move(approaches);
    line["results"] = std::move(by_subject);
    line["method_tests"] = std::move(method_tests);
    if (l.reading_level) {
      View& reading = line["reading_level"];
      reading["avi"] = l.reading_level->avi_level;
      reading["moment"] = l.reading_level->moment.label();
    } else {
      line["reading_level"] = nullptr;
    }
    line["protective"] = std::move(protective);
    line["hindering"] = std::move(hindering);
    line["general_needs"] = std::move(general);
    line["subject_needs"] = std::move(specific);
    // The page shows the chips; the API also lists every signal with its decision.
    if (use == OverviewUse::kApi) line["signals"] = View::from_json(signals_json(l.signals, pupil_decisions));
    line["signal_chips"] = std::move(signal_chips);
    line["open_signals"] = open;
    lines.push_back(std::move(line));
  }
  View periods = View::list(sel.periods.size());
  for (const auto& p : sel.periods) {
    View period = View::object(5);
    period["id"] = p.id;
    period["name"] = p.name;
    period["label"] = period_label(p);
    period["current"] = p.id == sel.current_period_id;
    period["selected"] = p.id == sel.period_id;
    periods.push_back(std::move(period));
  }
  View subjects = View::list(ov.subjects.size());
  for (const auto& s : ov.subjects) subjects.push_back(s);
  View model = View::object(16);
  model["group"] = View::from_json(group_json(ov.group));
  model["period"] = ov.period_name;
  model["period_id"] = sel.period_id ? View(sel.period_id) : View();
  model["current"] = sel.period_id == sel.current_period_id;
  model["as_of"] = ov.as_of;
  model["editable"] = ov.editable;
  model["subjects"] = std::move(subjects);
  model["periods"] = std::move(periods);
  model["mastery_percentage"] = mastery;
  model["mastery_text"] = domain::dutch_decimal(mastery);
  model["pupils"] = std::move(lines);
  return model;
}

}  // namespace koers::web
