// The demo's groepsoverzicht: for the current groups of the demo schools, what teachers
// keep in the overview in the first weeks of a school year — an approach per subject,
// method tests, AVI levels, factors and needs with their sources — written through the
// same repository the pages use. Deterministic from the seed, like the rest of the demo.
#pragma once

#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

struct DemoOverviewSummary {
  int approaches = 0, entries = 0, method_tests = 0, reading_levels = 0;
};

// For schools `school_ids`, their groups of the current school year.
DemoOverviewSummary add_demo_overview(store::Database& db, const std::vector<long long>& school_ids,
                                      const domain::Date& today, unsigned long long seed);

// LVS results (Rekenen-Wiskunde, Spelling, Begrijpend lezen, DMT) for the current pupils of
// `school_ids` at every M and E moment of their career taken by today, through the results
// importer; consistent with the pupil's standing in the overview. Returns the results stored.
int add_demo_results(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today,
                     unsigned long long seed);

}  // namespace koers::demo
