// How long the parents of a pupil who left keep their access to what the school shared with
// them (Mijn kind, the consents, the IHPs): until the pupil's retention date for the care data
// (domain/retention.h: 2 years after leaving, 3 when referred to SBO/SO, or the board's own
// periods), and not once those data were deleted.
#pragma once

#include <optional>

#include "domain/date.h"
#include "domain/retention.h"

namespace koers::domain {

// What decides a parent's access to a child: the leaving date (none while at school), whether
// the child was referred to special education, the board's periods, and whether the care data
// already went (the retention step carried out).
struct ChildRetention {
  std::optional<Date> left_on;
  bool referred_special = false;
  RetentionPeriods periods;
  bool care_deleted = false;
};

// The last day the parents of a pupil who left on `left_on` see the child: the care data's
// retention date (retention_dates(...).care_due_on).
Date parent_access_until(const Date& left_on, bool referred_special, const RetentionPeriods& p);

// Whether a parent still sees their child on `today`: always while the pupil is at school
// (no leaving date, or one still to come); after leaving through parent_access_until, and
// never once the care data were deleted.
bool parent_sees_child(const ChildRetention& c, const Date& today);

}  // namespace koers::domain
