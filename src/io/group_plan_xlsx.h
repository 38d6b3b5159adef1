// The groepsplan as an Excel workbook (.xlsx): the document a school hands in and prints.
//
// Sheet "Groepsplan" (part 1): a title row (group, period, version), a line about school,
// teachers and the save, a header row repeated on every printed page, and per subject a bold
// section row, the basic offer for the whole group once, a row per subgroup (intensief, basis,
// verdiept: pupils, goals, aanbod, aanpak, organisatie, aandachtspunten, evaluatie) and the
// individual lines. Sheet "Deel 2": werkhouding and sociaal-emotioneel functioneren. Sheet
// "Weekplanning": the week slots by day and time. Sheet "Evaluatie", only when a goal has
// per-pupil evaluations: one row per pupil and goal. Every sheet prints landscape on A4, one
// page wide.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/group_plan.h"

namespace koers::io {

// What the document names that the plan itself does not hold. The version and who saved it
// when come from the plan (GroupPlan::version, saved_by, saved_at).
struct GroupPlanHeader {
  std::string school_name;            // "De Valentijn"
  std::string group_name;             // as the school says it: "Groep 5/6"
  std::string period_name;            // "Periode 1 (1-8-2026 t/m 31-1-2027)"
  std::vector<std::string> teachers;  // "J. Peters", …
};

// The bytes of the .xlsx file. `pupil_names` gives each pupil's name by id; a pupil not in it
// is written as "leerling <id>". Subgroups are written intensief, basis, verdiept whatever their
// order in the plan; week slots by day, then time ("9:00" before "10:15"). Writes through one
// temporary file of its own, removed before it returns; throws std::runtime_error with
// libxlsxwriter's error text when the workbook cannot be written.
std::string group_plan_xlsx(const domain::GroupPlan& plan, const GroupPlanHeader& header,
                            const std::map<domain::Id, std::string>& pupil_names);

}  // namespace koers::io
