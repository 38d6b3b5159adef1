// Referral procedures, a referral's parts and the OKR as JSON: how the store keeps them and how
// the API sends and takes them. Reading names the field that is wrong ("procedures[2].required[0]
// .part: onbekend stuk 'x'") by throwing io::JsonFieldError; writing never fails.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/okr.h"
#include "domain/referral.h"
#include "io/json_fields.h"

namespace koers::io {

nlohmann::json procedure_json(const domain::ReferralProcedure& p);
domain::ReferralProcedure procedure_from_json(const nlohmann::json& j, const std::string& where);
nlohmann::json procedures_json(const std::vector<domain::ReferralProcedure>& ps);
std::vector<domain::ReferralProcedure> procedures_from_json(const nlohmann::json& list, const std::string& where);

nlohmann::json expert_advices_json(const std::vector<domain::ExpertAdvice>& advices);
std::vector<domain::ExpertAdvice> expert_advices_from_json(const nlohmann::json& list, const std::string& where);
nlohmann::json consents_json(const std::vector<domain::RecordedConsent>& consents);
// Only key, given_by and given_on are read; recorded_by/at are the store's (kept when present).
std::vector<domain::RecordedConsent> consents_from_json(const nlohmann::json& list, const std::string& where);
nlohmann::json parents_json(const domain::ParentsResponse& p);
domain::ParentsResponse parents_from_json(const nlohmann::json& j);
nlohmann::json decision_json(const std::optional<domain::ReferralDecision>& d);  // null when none
std::optional<domain::ReferralDecision> decision_from_json(const nlohmann::json& j, const std::string& where);

// The OKR as the API gives it and as it is frozen when sent.
nlohmann::json okr_json(const domain::Okr& okr);
// The OKR frozen as it left the school: okr_json with the sending, the parents' response and
// the consents of the sent referral `r` (the caller adds the OSO dossier where there is one).
nlohmann::json sent_okr_json(const domain::Okr& okr, const domain::Referral& r);
// The OKR back from okr_json (the frozen version as sent), for its PDF and OSO dossier; throws
// JsonFieldError naming the field when a field is missing or of the wrong kind.
domain::Okr okr_from_json(const nlohmann::json& j);

}  // namespace koers::io
