// External care-team members (zorgteamleden) in the web layer: the API (externals/api.cc) and
// the forms on the Accounts page (externals/pages.cc) share these. The IB manages the
// externals of their own school, the board administrator those of every school of the board
// (domain::may_manage_externals_of); nobody else sees them here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "store/external_member_repository.h"
#include "web/app.h"

namespace koers::web {

// The school the request is about (`id`; 0: the IB's own), if ctx.who may manage its
// externals; else refuse_not_found("deze school").
domain::Id school_of_externals(Context& ctx, domain::Id id);
// An external as the API and the pages give it: account, discipline (key, label, diagnostic),
// organisation, state and the schools of the board it serves (names).
nlohmann::json external_json(Context& ctx, const store::ExternalMember& e);
// The disciplines for a form or an API client: key, label, diagnostic.
nlohmann::json disciplines_json(const std::string& selected = "");

// What the caller asks for a new external: name, optional user name (else made from the
// name), discipline key, organisation, school (already checked with school_of_externals).
struct ExternalRequest {
  std::string name, username, discipline, organisation;
  domain::Id school_id = 0;
};
// Invites the external (activation code); the code, or the Dutch refusal naming the field.
std::variant<store::IssuedCode, std::string> invite_external(Context& ctx, const ExternalRequest& request);

// The Accounts page's part about externals: the list in view and the forms' choices.
nlohmann::json externals_section(Context& ctx);
// accounts/pages.cc: the Accounts page with extra model fields (an error, a notice).
Response accounts_page_with(Context& ctx, nlohmann::json extra, int status = 200);
// accounts/pages.cc: the page with letters holding one-time codes, to print.
Response account_letters_page(Context& ctx, const std::vector<store::IssuedCode>& codes, const std::string& lead);

}  // namespace koers::web
