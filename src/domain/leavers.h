// Who a pupil-administration file makes leave, and whether that needs a confirmation:
// a file that drops many of a school's current pupils is more likely partial (one group's
// export, a cut-off download) than a true exodus, so it is never applied without a question.
//
// Contract: pure; the pupils leaving are the current ones the file lacks, in the order of
// `current`. Confirmation is needed when more than `max_percent` % of the current pupils,
// and at least `min_count` of them, would leave.
#pragma once

#include <set>
#include <vector>

#include "domain/school.h"

namespace koers::domain {

struct LeaverRule {
  int max_percent = 10;  // more than this share of the current pupils leaving needs a confirmation…
  int min_count = 3;     // …when it is at least this many pupils
};

struct LeaverCheck {
  std::vector<Id> leaving;  // current pupils missing from the file
  bool needs_confirmation = false;
};

// `current`: the pupils enrolled in the school this school year who have not left;
// `in_file`: those of them the file holds.
LeaverCheck check_leavers(const std::vector<Id>& current, const std::set<Id>& in_file, const LeaverRule& rule = {});

}  // namespace koers::domain
