// External care-team members: a zorgteam account with its discipline and organisation, and
// the schools of the board it serves.
//
// Contract: an external is made (account, profile, first school) in one transaction with its
// audit lines in words, or not at all; a refusal names the field in Dutch. This repository
// does not authorise: the caller checks domain::may_manage_externals_of for the school first.
// Listing returns deactivated externals too (the caller shows or filters their state).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/external_member.h"
#include "store/account_repository.h"
#include "store/database.h"

namespace koers::store {

struct ExternalMember {
  Account account;
  domain::Discipline discipline = domain::Discipline::kOrthopedagogue;
  std::string organisation;           // "" when not given
  std::vector<domain::Id> school_ids;  // the schools it serves, ascending
  bool serves(domain::Id school_id) const;
};

struct NewExternal {
  NewAccount account;        // the role becomes zorgteam; school_id is the first school it serves
  std::string discipline;    // a key of domain::all_disciplines()
  std::string organisation;  // at most limits::kOrganisation characters; may be empty
};

class ExternalMemberRepository {
 public:
  explicit ExternalMemberRepository(Database& db) : db_(db), accounts_(db) {}

  // A new external, uitgenodigd (activation code, as AccountRepository::invite) or, with
  // account.password, active at once (as AccountRepository::create). Refused with the account's
  // or the profile's Dutch refusal; nothing is stored then.
  std::variant<IssuedCode, std::string> invite(const NewExternal& external, const domain::Principal& by);
  std::variant<domain::Id, std::string> create(const NewExternal& external, const domain::Principal& by);
  // Inside the caller's transaction, without checks (the demo): the profile of an existing
  // zorgteam account and the school it serves, with the audit line.
  void insert_profile(soci::session& sql, domain::Id account_id, domain::Discipline discipline,
                      const std::string& organisation, domain::Id school_id, const domain::Principal& by);

  // The external now also serves `school_id` (a school of its own board). Nothing changes when
  // it already does. Refused when the account is no external or the school not of its board.
  std::optional<std::string> add_school(domain::Id account_id, domain::Id school_id, const domain::Principal& by);
  // The external no longer serves `school_id`; it keeps its account and other schools.
  std::optional<std::string> remove_school(domain::Id account_id, domain::Id school_id, const domain::Principal& by);
  // A new discipline or organisation, checked as for a new external; audit-logged with old and new.
  std::optional<std::string> update_profile(domain::Id account_id, const std::string& discipline,
                                            const std::string& organisation, const domain::Principal& by);

  std::optional<ExternalMember> find(domain::Id account_id);
  std::optional<ExternalMember> find_by_username(const std::string& username);
  // Externals serving the school, by name; of the board: every external whose account is of it.
  std::vector<ExternalMember> serving_school(domain::Id school_id);
  std::vector<ExternalMember> of_board(domain::Id board_id);

 private:
  std::vector<ExternalMember> load(const std::vector<domain::Id>& account_ids);
  std::string school_name(soci::session& sql, domain::Id school_id);
  Database& db_;
  AccountRepository accounts_;
};

}  // namespace koers::store
