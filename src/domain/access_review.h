// Accesses outside the usual pattern, listed for the privacy officer to review (issue 17,
// NEN 7513's "controle op het gebruik"): the list points, the officer judges. Two patterns:
// one account reading the dossiers of many pupils that are not its own within an hour, and an
// external refused access to a case (consent withdrawn or expired) who tried anyway.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/audit.h"

namespace koers::domain {

struct ReviewRules {
  int distinct_pupils = 10;  // this many different pupils …
  int window_minutes = 60;   // … within this long
};

struct ReviewItem {
  std::string kind;   // "veel-dossiers" or "extern-geweigerd"
  std::string title;  // what was seen, in Dutch
  Id account_id = 0;
  std::string username, role, account_name;
  std::string from_at, to_at;  // UTC, ISO 8601
  int count = 0;               // pupils (veel-dossiers) or attempts (extern-geweigerd)
  std::vector<long long> seqs;  // the lines it rests on
};

// `oldest_first`: audit lines in the order they were written. `outside(line, pupil)`: whether the
// pupil is not one of the account's own (a teacher: not in their groups); only those count.
// Reads of one pupil (views and refusals) count; views of a whole group page do not.
// Each account's busy hour is one item; items oldest first.
std::vector<ReviewItem> review_accesses(const std::vector<AuditEntry>& oldest_first,
                                        const std::function<bool(const AuditEntry&, Id)>& outside,
                                        const ReviewRules& rules = {});

}  // namespace koers::domain
