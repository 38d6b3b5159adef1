#include "domain/parent_access.h"

namespace koers::domain {

Date parent_access_until(const Date& left_on) {
  Date until{left_on.year + kParentAccessYearsAfterLeaving, left_on.month, left_on.day};
  if (until.month == 2 && until.day == 29) until.day = 28;  // 29 February of a leap year: the last day of February
  return until;
}

bool parent_sees_child(const std::optional<Date>& left_on, const Date& today) {
  return !left_on || today <= parent_access_until(*left_on);
}

}  // namespace koers::domain
