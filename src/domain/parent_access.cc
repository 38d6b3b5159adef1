#include "domain/parent_access.h"

namespace koers::domain {

Date parent_access_until(const Date& left_on, bool referred_special, const RetentionPeriods& p) {
  return retention_dates(left_on, referred_special, p).care_due_on;
}

bool parent_sees_child(const ChildRetention& c, const Date& today) {
  if (!c.left_on || today < *c.left_on) return true;
  return !c.care_deleted && today <= parent_access_until(*c.left_on, c.referred_special, c.periods);
}

}  // namespace koers::domain
