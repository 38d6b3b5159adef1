// The dyslexia evidence (domain/dyslexia_evidence.h) on the web: a view of the pupil's record
// (store::PupilRecordRepository) with the school's thresholds. Who sees it: who may read the
// pupil's IHPs (teacher of the pupil's group, IB, head, and the parent of the child — the
// parents take it to the care provider); an external care-team member is refused (403).
// The IB and the head keep the thresholds (/school/dyslexie, /api/v1/schools/{id}/dyslexia-settings).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/pupil_record.h"
#include "web/app.h"

namespace koers::web {

// The evidence of a pupil the principal may see (403 for a care-team member), as the API and
// the stamkaart show it; reads the record, writes nothing (the caller audits the view).
nlohmann::json dyslexia_evidence_json(Context& ctx, const domain::PupilScope& scope);
// The same from a record the caller read (the stamkaart reads it once for all its parts).
nlohmann::json dyslexia_evidence_json(Context& ctx, const domain::PupilScope& scope, const domain::PupilRecord& record);
// Whether the evidence says anything worth a section on the stamkaart: a word-reading
// measurement in the lowest 10 %, or reading support logged in an IHP.
bool dyslexia_evidence_relevant(const nlohmann::json& evidence);

// GET /api/v1/pupils/{id}/dyslexia-evidence, GET/PUT /api/v1/schools/{id}/dyslexia-settings,
// GET /leerlingen/{id}/dyslexie (the checklist to print), GET/POST /school/dyslexie.
std::vector<Route> dyslexia_routes();

}  // namespace koers::web
