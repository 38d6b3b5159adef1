// How long the parents of a pupil who left keep their access to what the school shared with
// them (Mijn kind, the consents, the IHPs): until the pupil's retention date, not a day after.
//
// The retention date itself belongs to the retention rules (issue 17, "Retention"); until they
// are wired here, parent_access_until is the one place that decides it, from the leaving date
// and the longest default for care and support documents (STANDARDS: 2 years after leaving).
#pragma once

#include <optional>

#include "domain/date.h"

namespace koers::domain {

// The default while no retention date is known: care and support documents are kept 2 years.
inline constexpr int kParentAccessYearsAfterLeaving = 2;

// The last day the parents of a pupil who left on `left_on` see the child. The retention
// helper's computed date replaces this body (same signature): the lead wires it.
Date parent_access_until(const Date& left_on);

// Whether a parent still sees their child on `today`: always while the pupil is at school
// (no leaving date, or one still to come), else through parent_access_until(left_on).
bool parent_sees_child(const std::optional<Date>& left_on, const Date& today);

}  // namespace koers::domain
