// The demo's dyslexia evidence at CBS De Valentijn (the first demo school): two pupils whose
// DMT was in the lowest 20 % (V) at their last three main measurements, now marked V− (lowest
// 10 %), each with a reading IHP of last school year whose RT sessions (ma/di/wo/do, 20 minutes)
// were ticked off for 20 effective weeks before the last measurement. For the first the evidence
// is complete; for the second the middle DMT measurement is missing. Levels keep their rank,
// so the signals and the demo's other numbers stay as they were. Runs after add_demo_ihps.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

struct DemoDyslexia {
  long long complete_pupil = 0, missing_pupil = 0;  // 0: no pupil fitted
};

DemoDyslexia add_demo_dyslexia(store::Database& db, const std::vector<long long>& school_ids,
                               const domain::Date& today);

}  // namespace koers::demo
