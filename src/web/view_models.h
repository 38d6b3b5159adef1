// The JSON shapes of Koers' objects, shared by the pages (as template models) and the
// API (as response bodies), so a field means the same everywhere. No BSN ever.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/group.h"
#include "domain/pupil.h"
#include "domain/signalling.h"
#include "store/account_repository.h"
#include "store/group_repository.h"
#include "store/school_repository.h"
#include "web/view.h"

namespace koers::web {

nlohmann::json group_json(const domain::Group& g);

// JSON for a <script type="application/json"> block: "<" only occurs inside strings, where
// \u003c means the same and no "</script>" can end the block early.
std::string script_json(const nlohmann::json& j);
// A text for a {{#section}}: mustache takes "" as true, null as false.
nlohmann::json nz(const std::string& text);

// "a, b, c" with the separator between the items.
std::string join(const std::vector<std::string>& items, const std::string& sep);
nlohmann::json pupil_row_json(const store::PupilListRow& p);
nlohmann::json pupil_json(const domain::Pupil& p);
nlohmann::json enrolment_json(const domain::Enrolment& e);
nlohmann::json guardian_json(const domain::Guardian& g);
nlohmann::json audit_json(const domain::AuditEntry& e);
// A displayed line of the trail: who, what in words, when (a span and a count when folded).
nlohmann::json audit_line_json(const domain::AuditLine& line);
nlohmann::json account_json(const store::Account& a);
nlohmann::json school_json(const store::SchoolOverview& s);
nlohmann::json result_json(const domain::StandardisedResult& r);  // result_view(r).to_json()
View pupil_row_view(const store::PupilListRow& p);                // a row of a group's pupil list
View result_view(const domain::StandardisedResult& r);

// The visible groups of the principal's current school year: a teacher's own groups,
// the whole school for IB and head, none for anyone else.
std::vector<domain::Group> visible_groups(class App& app, const domain::Principal& who);

}  // namespace koers::web
