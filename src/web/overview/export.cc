// The groepsoverzicht as Excel: GET /groepen/{id}/overzicht.xlsx[?periode=…], what the page
// shows for the same period, for whoever may see the page. Every pupil on it gets a view
// line (load_group_overview) and an export line in the audit trail: the file leaves Koers.
#include <cctype>

#include "domain/audit.h"
#include "io/group_plan_xlsx.h"
#include "io/overview_xlsx.h"
#include "web/plans/plans.h"
#include "store/audit_log.h"
#include "store/signal_repository.h"
#include "web/app.h"
#include "web/overview/overview.h"

namespace koers::web {

using domain::Capability;
using domain::Id;

namespace {

const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// "5/6" → "5-6", "Periode 1" → "periode-1": lower-case ASCII letters and digits joined by
// single dashes, so the file name needs no quoting or encoding in any browser.
std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x80 && std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// "groepsoverzicht-5-6-periode-1.xlsx"; without periods set, no period in the name.
std::string file_name(const OverviewSelection& sel) {
  std::string name = "groepsoverzicht-" + slug(sel.overview.group.name);
  for (const auto& p : sel.periods)
    if (p.id == sel.period_id && !slug(p.name).empty()) name += "-" + slug(p.name);
  return name + ".xlsx";
}

// The page shows a signal as open until the team has decided on it, and the sheet's
// "Signalen" column is for what still needs attention: decided ones and strengths go.
void keep_open_signals(Context& ctx, domain::GroupOverview& ov) {
  std::vector<domain::Id> ids;
  for (const auto& line : ov.lines) ids.push_back(line.pupil_id);
  const auto decisions = store::SignalRepository(ctx.app.db).decisions(ids);
  for (auto& line : ov.lines) {
    auto decided = decisions.find(line.pupil_id);
    std::erase_if(line.signals, [&](const domain::Signal& s) {
      return s.positive || (decided != decisions.end() && decided->second.count(store::signal_key(s)) > 0);
    });
  }
}

void audit_export(Context& ctx, const domain::GroupOverview& ov, const std::string& what = "groepsoverzicht") {
  // One line for the file, with every pupil in it.
  std::vector<domain::Id> pupils;
  for (const auto& line : ov.lines) pupils.push_back(line.pupil_id);
  auto entry = store::audit_view_entry(ctx.who, what + " " + ov.group.name, std::move(pupils), "als Excel-bestand");
  entry.action = domain::audit_action_key(domain::AuditAction::kExport);
  ctx.app.audit.record({std::move(entry)});
}

Response overview_xlsx(Context& ctx) {
  Id id = ctx.id_param("id");
  OverviewSelection sel = load_group_overview(ctx, id, ctx.query("periode"));
  keep_open_signals(ctx, sel.overview);
  double mastery = sel.rules.mastery_percentage.value_or(0);

  Response r;
  r.content_type = kXlsxType;
  r.body = io::group_overview_xlsx(sel.overview, mastery);
  // Only once the file exists: a failed export is not an export.
  audit_export(ctx, sel.overview);
  r.header("Content-Disposition", "attachment; filename=\"" + file_name(sel) + "\"");
  return r;
}

// The groepsplan as the document schools hand in (the version on the page, else the latest).
Response plan_xlsx(Context& ctx) {
  PlanSelection ps = load_plan(ctx, ctx.id_param("id"), ctx.query("periode"), ctx.number_query("versie"), true);
  const domain::Group& group = ps.sel.overview.group;
  io::GroupPlanHeader header;
  if (auto school = ctx.app.schools.find_school(group.school_id)) header.school_name = school->name;
  header.group_name = group.label();
  header.period_name = ps.sel.overview.period_name;
  header.teachers = group.teachers;
  Response r;
  r.content_type = kXlsxType;
  r.body = io::group_plan_xlsx(ps.plan, header, ps.names);
  audit_export(ctx, ps.sel.overview, "groepsplan");
  r.header("Content-Disposition",
           "attachment; filename=\"" + std::string("groepsplan") + file_name(ps.sel).substr(std::string("groepsoverzicht").size()) + "\"");
  return r;
}

}  // namespace

std::vector<Route> overview_export_routes() {
  return {
      // "overzicht.xlsx" is one literal segment, so this never collides with /groepen/:id/overzicht.
      {"GET", "/groepen/:id/overzicht.xlsx", Capability::kSeeGroups, overview_xlsx},
      {"GET", "/groepen/:id/groepsplan.xlsx", Capability::kSeeGroups, plan_xlsx},
  };
}

}  // namespace koers::web
