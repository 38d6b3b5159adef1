// The demo's care-team cases at CBS De Valentijn (the first demo school), written through the
// domain's lifecycle and the repository the API uses, so every role has something to see:
// Roos (the demo parent's child) with her parents' consent in force for the orthopedagoog,
// who is invited (the `zorgteam` login's only case); an internal case of group 5/6 (no
// externals, parents informed); one followed by the school whose follow-up date has passed;
// one whose consent the IB recorded as withdrawn; and one whose HGD by the orthopedagoog came
// back with a report (a generated PDF) and recommendations, two of them needs (source
// onderzoek) in the groepsoverzicht. Runs after add_demo_ihps (the route).
#pragma once

#include <optional>
#include <vector>

#include "domain/date.h"
#include "store/database.h"

namespace koers::demo {

// Returns the number of cases stored (0 when the first school lacks the demo's logins or group).
int add_demo_cases(store::Database& db, const std::vector<long long>& school_ids, const domain::Date& today);

// The demo's history: a case the demo wrote today through the repository gets the days of its
// own timeline — registered on `created`, last saved on `saved` (nullopt: keeps it) — so its
// report in the OKR and its steps on the route are dated as the story tells, not by the day
// `koers demo` ran. Only the case row's two instants change (its audit lines keep theirs).
void date_demo_case(store::Database& db, long long case_id, const domain::Date& created,
                    const std::optional<domain::Date>& saved);

}  // namespace koers::demo
