// The school's signalling rules and the decisions teachers take on signals.
//
// Contract: rules() gives the school's rules, or Koers' defaults when the team has not set
// any; save_rules() and decide() write with their audit line in one transaction. A
// decision belongs to one signal of one pupil: rule, subject and moment. A line of signals
// (one subject, every rule that fires) is decided once: the same decision for each of them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/signalling.h"
#include "store/database.h"

namespace koers::store {

struct SignalDecision {
  std::string decision;  // "bevestigd" or "afgewezen"
  std::string reason;
  std::string decided_by;
  std::string decided_at;
};

// "niveau-laag|Spelling|M5": the identity of a signal for its decision.
std::string signal_key(const domain::Signal& s);
std::string signal_key(const std::string& rule, const std::string& subject, const std::string& moment);

class SignalRepository {
 public:
  explicit SignalRepository(Database& db) : db_(db) {}

  domain::SignalRules rules(domain::Id school_id);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  domain::SignalRules rules(soci::session& sql, domain::Id school_id);
  bool has_own_rules(domain::Id school_id);
  void save_rules(domain::Id school_id, const domain::SignalRules& rules, const domain::Principal& who);

  std::map<std::string, SignalDecision> decisions(domain::Id pupil_id);
  // The same inside a caller's read(), on its session (one snapshot: store/pupil_record_repository.h).
  std::map<std::string, SignalDecision> decisions(soci::session& sql, domain::Id pupil_id);
  // The same for many pupils in one query (a group's overview); a pupil without decisions has no entry.
  std::map<domain::Id, std::map<std::string, SignalDecision>> decisions(const std::vector<domain::Id>& pupils);
  // Records (or replaces) the decision on one signal. Returns an error text for an empty
  // reason or an unknown decision, and then stores nothing.
  std::optional<std::string> decide(domain::Id pupil_id, const std::string& key, const std::string& decision,
                                    const std::string& reason, const domain::Principal& who);
  // The same for every signal of a line, in one transaction with one audit line naming the
  // subject and the rules; an empty list is refused.
  std::optional<std::string> decide(domain::Id pupil_id, const domain::SignalLine& line, const std::string& decision,
                                    const std::string& reason, const domain::Principal& who);

 private:
  Database& db_;
};

// Leaves out the signals the teacher dismissed ("afgewezen"): what still counts, as the
// overview and clustering show it.
void drop_dismissed(std::vector<domain::Signal>& signals, const std::map<std::string, SignalDecision>& decisions);

// SignalRules as JSON text and back (the stored form; also the API's).
std::string rules_to_json(const domain::SignalRules& rules);
domain::SignalRules rules_from_json(const std::string& text);

}  // namespace koers::store
