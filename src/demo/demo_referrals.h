// The demo's referrals at CBS De Valentijn (the first demo school), written through the domain's
// rules and the repository the API uses: a PCL → SBO referral with the parents' view, agreement
// and consent, sent three weeks ago and awaiting the PCL's decision when its dossier is complete
// (else it stays with the parents and pcl_missing names what is short); and a TLV request started
// eighteen days ago whose parents' copy is not yet available (the 1-zorgroute flags it). Both
// for pupils with a care-team case (level 4 → 5), in case order, never the demo parent's child
// or a pupil already at level 5. Runs after add_demo_route.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

struct DemoReferrals {
  long long pcl_pupil = 0, waiting_pupil = 0;  // 0: none stored
  bool pcl_sent = false;                       // else it stays with the parents, ready but for pcl_missing
  std::vector<std::string> pcl_missing;        // what the PCL dossier lacks (the OKR's list); empty when sent
  int stored() const { return (pcl_pupil != 0) + (waiting_pupil != 0); }
};

DemoReferrals add_demo_referrals(store::Database& db, const std::vector<long long>& school_ids,
                                 const domain::Date& today);

}  // namespace koers::demo
