#include "domain/leavers.h"

namespace koers::domain {

LeaverCheck check_leavers(const std::vector<Id>& current, const std::set<Id>& in_file, const LeaverRule& rule) {
  LeaverCheck out;
  for (Id id : current)
    if (!in_file.count(id)) out.leaving.push_back(id);
  const long long leaving = static_cast<long long>(out.leaving.size()), all = static_cast<long long>(current.size());
  out.needs_confirmation = leaving >= rule.min_count && leaving * 100 > all * rule.max_percent;
  return out;
}

}  // namespace koers::domain
