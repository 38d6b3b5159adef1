// The groepsoverzicht page (GET /groepen/{id}/overzicht), its in-place edits by the
// group's teacher, and GET /api/v1/groups/{id}/overview.
#include <algorithm>

#include "store/overview_repository.h"
#include "web/app.h"
#include "web/overview/overview.h"
#include "web/view_models.h"

namespace koers::web {

using domain::Capability;
using domain::Id;
using nlohmann::json;

namespace {

Response overview_page(Context& ctx) {
  Id id = ctx.id_param("id");
  OverviewSelection sel = load_group_overview(ctx, id, ctx.query("periode"));
  View model = overview_view(ctx, sel, OverviewUse::kPage);
  View sources = View::list(), aspects = View::list(), subjects = View::list();
  for (auto s : domain::all_sources()) {
    View source = View::object(2);
    source["value"] = domain::source_key(s);
    source["label"] = domain::source_label(s);
    sources.push_back(std::move(source));
  }
  for (const auto& a : domain::need_aspects()) aspects.push_back(a);
  for (const auto& s : sel.overview.subjects) subjects.push_back(s);
  const bool empty = sel.overview.lines.empty(), current = sel.period_id == sel.current_period_id;
  model["sources"] = std::move(sources);
  model["aspects"] = std::move(aspects);
  model["subject_list"] = std::move(subjects);
  model["error"] = View::from_json(ctx.notice_json("fout"));
  model["empty"] = empty;
  model["has_periods"] = !sel.periods.empty();
  std::string read_only =
      sel.overview.editable ? ""
      : !current ? "Dit is het overzicht zoals het was aan het eind van deze periode; het is niet meer te wijzigen."
                 : "Alleen de leerkracht van de groep wijzigt het groepsoverzicht; u leest mee.";
  model["read_only_reason"] = read_only.empty() ? View() : View(std::move(read_only));
  model["wide"] = true;
  model["print_title"] = "Groepsoverzicht " + sel.overview.group.label() +
                         (sel.overview.period_name == "nu" ? "" : " — " + sel.overview.period_name);
  return ctx.page("overview", "Groepsoverzicht " + sel.overview.group.label(), std::move(model));
}

Response overview_api(Context& ctx) {
  Id id = ctx.id_param("id");
  OverviewSelection sel = load_group_overview(ctx, id, ctx.query("period"));
  return Response::json(overview_view(ctx, sel, OverviewUse::kApi).to_json().dump());
}

// The group and pupil of an edit, checked: the teacher of the group, a pupil in it.
struct EditTarget {
  Id group_id = 0, pupil_id = 0;
  std::vector<std::string> subjects;
};

EditTarget edit_target(Context& ctx) {
  EditTarget t;
  t.group_id = ctx.id_param("id");
  domain::GroupScope scope = ctx.group_in_view(t.group_id);
  if (!domain::may_edit_group_overview(ctx.who, scope))
    throw HttpError{403, "Alleen de leerkracht van de groep wijzigt het groepsoverzicht."};
  try {
    t.pupil_id = std::stoll(ctx.req.field("pupil"));
  } catch (const std::exception&) {
    throw HttpError{400, "Kies een leerling."};
  }
  auto pupils = ctx.app.groups.pupils_of_group(t.group_id);
  if (std::none_of(pupils.begin(), pupils.end(), [&](const auto& p) { return p.id == t.pupil_id; }))
    throw HttpError{404, "Deze leerling zit niet in deze groep."};
  t.subjects = domain::overview_subjects(ctx.app.groups.find(t.group_id)->year_groups);
  return t;
}

Response back(Context& ctx, const EditTarget& t, const std::optional<std::string>& error = std::nullopt) {
  std::string url = "/groepen/" + std::to_string(t.group_id) + "/overzicht";
  if (error) url += "?leerling=" + std::to_string(t.pupil_id);
  url += "#leerling-" + std::to_string(t.pupil_id);
  return Response::redirect(error ? ctx.with_notice(url, *error, "fout") : url);
}

Response set_approach(Context& ctx) {
  EditTarget t = edit_target(ctx);
  store::OverviewRepository repo(ctx.app.db);
  // The page has one approach form for all pupils: a select per pupil and subject,
  // "aanpak_<pupil>_<n>" (n: the subject's place in the overview); the row's button or the
  // select's change names the pupil. A form of one pupil may also send "aanpak_<n>" with
  // "vak_<n>" naming the subject.
  const std::string prefix = "aanpak_" + std::to_string(t.pupil_id) + "_";
  for (size_t i = 0; i < t.subjects.size(); ++i) {
    std::string subject = t.subjects[i];
    std::string value = ctx.req.field(prefix + std::to_string(i));
    if (value.empty()) {
      subject = ctx.req.field("vak_" + std::to_string(i));
      value = ctx.req.field("aanpak_" + std::to_string(i));
    }
    if (subject.empty() || value.empty()) continue;
    if (std::find(t.subjects.begin(), t.subjects.end(), subject) == t.subjects.end())
      return back(ctx, t, "Vakgebied \"" + subject + "\" hoort niet bij dit groepsoverzicht.");
    auto approach = domain::parse_approach(value);
    if (!approach) return back(ctx, t, "Aanpak: kies intensief, basis of verdiept.");
    repo.set_approach(t.pupil_id, subject, *approach, ctx.who);
  }
  return back(ctx, t);
}

Response add_entry(Context& ctx) {
  EditTarget t = edit_target(ctx);
  domain::OverviewEntry e;
  e.pupil_id = t.pupil_id;
  // Needs come as one choice "matchen|instructie" or "stretchen|Spelling": kind and topic.
  // The page's form sends kind "onderwijsbehoefte" with it (and need_topic always, as a
  // select always has a value: it counts only for a need).
  std::string kind_text = ctx.req.field("kind"), topic = ctx.req.field("topic");
  std::string need = ctx.req.field("need_topic");
  if ((kind_text.empty() || kind_text == "onderwijsbehoefte") && need.find('|') != std::string::npos) {
    kind_text = need.substr(0, need.find('|'));
    topic = need.substr(need.find('|') + 1);
  }
  auto kind = domain::parse_entry_kind(kind_text);
  if (!kind) return back(ctx, t, "Soort: kies een factor of onderwijsbehoefte.");
  e.kind = *kind;
  auto source = domain::parse_source(ctx.req.field("source"));
  if (!source) return back(ctx, t, "Bron: kies toets, observatie, gesprek met leerling, gesprek met ouders of overdracht.");
  e.source = *source;
  e.topic = topic;
  e.text = ctx.req.field("text");
  if (auto error = store::OverviewRepository(ctx.app.db).add_entry(e, t.subjects, ctx.who)) return back(ctx, t, error);
  return back(ctx, t);
}

Response end_entry(Context& ctx) {
  EditTarget t = edit_target(ctx);
  Id entry = ctx.id_param("entry");
  if (auto error = store::OverviewRepository(ctx.app.db).end_entry(t.pupil_id, entry, ctx.who)) return back(ctx, t, error);
  return back(ctx, t);
}

}  // namespace

std::vector<Route> overview_routes() {
  return {
      {"GET", "/groepen/:id/overzicht", Capability::kSeeGroups, overview_page},
      {"GET", "/api/v1/groups/:id/overview", Capability::kSeeGroups, overview_api},
      {"POST", "/groepen/:id/overzicht/aanpak", Capability::kEnterResults, set_approach},
      {"POST", "/groepen/:id/overzicht/regels", Capability::kEnterResults, add_entry},
      {"POST", "/groepen/:id/overzicht/regels/:entry/einde", Capability::kEnterResults, end_entry},
  };
}

}  // namespace koers::web
