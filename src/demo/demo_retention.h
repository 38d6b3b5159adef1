// The demo's retention at CBS De Valentijn (the first demo school): the pupils who left in the
// demo's history (group 8 two summers ago, a few movers) are there as they are; the earliest
// leaver (by leaving date, then id) left long enough ago that deletion of the care data is
// due; the next one due is held with a reason (a question of the parents); the first whose
// dates have not come went to the SBO (its care data wait a year longer). Written through
// RetentionRepository.
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

struct DemoRetention {
  long long due_pupil = 0, held_pupil = 0, sbo_pupil = 0;  // 0: none
  int due = 0;                                             // how many pupils have something due today
};

DemoRetention add_demo_retention(store::Database& db, const std::vector<long long>& school_ids,
                                 const domain::Date& today);

}  // namespace koers::demo
