// NEN 7513's "namens wie" (on whose behalf) for a line of the audit trail, in Dutch words:
// staff (teacher, IB, head) act for their school, a parent for their child, an external who
// reads a case file for the care team of the case, on the consents that allow it. Board-wide
// accounts (beheer, privacy) and the scheduled jobs act for themselves: "".
#pragma once

#include <string>
#include <vector>

#include "domain/access_policy.h"

namespace koers::domain {

// "school De Valentijn" (staff; "school 3" when the name is unknown); "het kind (leerling 12)"
// for a parent and a pupil who is their child, "de kinderen (leerling 12, 15)" for a parent
// and no one pupil; else "". A parent's refused attempt at another child: "".
std::string on_behalf_of(const Principal& who, Id pupil_id);

// "zorgteam De Valentijn, casus #4, toestemming #7" (several consents: "toestemming #7, #9").
std::string on_behalf_of_care_team(const std::string& school_name, Id case_id, const std::vector<Id>& consent_ids);

}  // namespace koers::domain
