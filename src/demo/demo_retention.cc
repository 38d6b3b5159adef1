#include "demo/demo_retention.h"

#include "store/retention_repository.h"

namespace koers::demo {

DemoRetention add_demo_retention(store::Database& db, const std::vector<long long>& school_ids,
                                 const domain::Date& today) {
  DemoRetention out;
  if (school_ids.empty()) return out;
  store::RetentionRepository repo(db);
  domain::Principal ib;
  ib.username = "ib";
  ib.display_name = "intern begeleider (demo)";
  ib.role = domain::Role::kSupportCoordinator;
  ib.school_id = school_ids.front();
  // of_school sorts by next date, then (stable) by id: the same order on both engines.
  auto cases = repo.of_school(school_ids.front(), today);
  std::vector<domain::Id> due;
  for (const auto& c : cases)
    if (c.due != domain::RetentionStep::kNone) due.push_back(c.pupil_id);
  if (due.empty()) return out;
  out.due_pupil = due[0];
  if (due.size() > 1) {
    out.held_pupil = due[1];
    repo.hold(out.held_pupil, "De ouders hebben om inzage in het dossier gevraagd; het antwoord loopt nog.", ib);
  }
  for (const auto& c : cases)
    if (c.due == domain::RetentionStep::kNone) {
      out.sbo_pupil = c.pupil_id;
      repo.set_destination(out.sbo_pupil, domain::LeavingDestination::kSpecialPrimary, ib);
      break;
    }
  for (const auto& c : repo.of_school(school_ids.front(), today)) out.due += c.due != domain::RetentionStep::kNone;
  return out;
}

}  // namespace koers::demo
