#include "demo/demo_inzage.h"

#include <algorithm>

#include "store/account_repository.h"
#include "store/dossier_request_repository.h"
#include "store/pupil_repository.h"

namespace koers::demo {

long long add_demo_dossier_request(store::Database& db, const domain::Date& today) {
  store::AccountRepository accounts(db);
  auto parent = accounts.find_by_username("ouder");
  if (!parent) return 0;
  domain::Principal who = accounts.principal(*parent);
  if (who.child_ids.empty()) return 0;
  const domain::Id child = *std::min_element(who.child_ids.begin(), who.child_ids.end());
  auto scope = store::PupilRepository(db).scope(child);
  if (!scope) return 0;
  domain::DossierRequest q;
  q.pupil_id = child;
  q.school_id = scope->school_id;
  q.kind = domain::DossierRequestKind::kCorrection;
  q.what =
      "In het groepsoverzicht staat dat ons kind niet graag voorleest. Thuis leest het juist elke avond voor "
      "aan een jonger broertje; graag verbeteren.";
  q.why = "Wat er staat klopt niet met wat wij thuis zien, en het groepsoverzicht gaat mee naar de leerlingbespreking.";
  q.asked_by = who.display_name + " (ouder)";
  const domain::Date asked_on = domain::add_days(today, -9);
  if (domain::validate_new_request(q, asked_on)) return 0;
  q.asked_at = asked_on.iso() + "T18:42:00Z";
  return store::DossierRequestRepository(db).create(q, who).id;
}

}  // namespace koers::demo
