#include "store/signal_repository.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "store/audit_log.h"
#include "store/overview_repository.h"

namespace koers::store {

using domain::Id;
using nlohmann::json;

namespace {
template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
template <class T>
std::optional<T> optional_from(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<T>();
}
}  // namespace

std::string signal_key(const std::string& rule, const std::string& subject, const std::string& moment) {
  return rule + "|" + subject + "|" + moment;
}

std::string signal_key(const domain::Signal& s) {
  return signal_key(domain::signal_rule_key(s.rule), s.subject,
                    s.rule == domain::SignalRule::kMethodTestBelowMastery ? s.block : s.moment.label());
}

std::string rules_to_json(const domain::SignalRules& r) {
  json growth = json::array();
  for (const auto& g : r.expected_growth)
    growth.push_back({{"subject", g.subject}, {"year_group", g.year_group}, {"points", g.points}});
  return json{{"level_at_or_below", optional_json(r.level_at_or_below)},
              {"level_drop", optional_json(r.level_drop)},
              {"expected_growth", growth},
              {"mastery_percentage", optional_json(r.mastery_percentage)},
              {"mastery_misses_in_a_row", r.mastery_misses_in_a_row},
              {"min_learning_yield", optional_json(r.min_learning_yield)},
              {"max_months_behind", optional_json(r.max_months_behind)},
              {"repeated_at_moments", r.repeated_at_moments},
              {"top_level_is_signal", r.top_level_is_signal}}
      .dump();
}

domain::SignalRules rules_from_json(const std::string& text) {
  json j = json::parse(text);
  domain::SignalRules r;
  r.level_at_or_below = optional_from<int>(j, "level_at_or_below");
  r.level_drop = optional_from<int>(j, "level_drop");
  for (const auto& g : j.value("expected_growth", json::array()))
    r.expected_growth.push_back({g.at("subject"), g.at("year_group"), g.at("points")});
  r.mastery_percentage = optional_from<double>(j, "mastery_percentage");
  r.mastery_misses_in_a_row = j.value("mastery_misses_in_a_row", 1);
  r.min_learning_yield = optional_from<double>(j, "min_learning_yield");
  r.max_months_behind = optional_from<int>(j, "max_months_behind");
  r.repeated_at_moments = j.value("repeated_at_moments", 0);
  r.top_level_is_signal = j.value("top_level_is_signal", true);
  return r;
}

bool SignalRepository::has_own_rules(Id school_id) {
  return db_.read([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM signal_rules WHERE school_id = :s", soci::use(school_id), soci::into(n);
    return n > 0;
  });
}

domain::SignalRules SignalRepository::rules(Id school_id) {
  return db_.read([&](soci::session& sql) { return rules(sql, school_id); });
}

domain::SignalRules SignalRepository::rules(soci::session& sql, Id school_id) {
  std::string text;
  bool found = false;
  db_.each_row(
      sql, "SELECT rules FROM signal_rules WHERE school_id = :s",
      [&](const soci::row& r) {
        text = r.get<std::string>(0);
        found = true;
      },
      school_id);
  return found ? rules_from_json(text) : domain::SignalRules{};
}

void SignalRepository::save_rules(Id school_id, const domain::SignalRules& rules, const domain::Principal& who) {
  std::string text = rules_to_json(rules), now = now_utc();
  db_.write([&](soci::session& sql) {
    sql << "DELETE FROM signal_rules WHERE school_id = :s", soci::use(school_id);
    sql << "INSERT INTO signal_rules (school_id, rules, updated_by, updated_at) VALUES (:s, :r, :u, :a)",
        soci::use(school_id), soci::use(text), soci::use(who.username), soci::use(now);
    auto line = audit_entry(who, domain::AuditAction::kUpdate, "signaleringsafspraken", 0, text);
    line.school_id = school_id;
    AuditLog(db_).append(sql, line);
  });
}

std::map<std::string, SignalDecision> SignalRepository::decisions(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return decisions(sql, pupil_id); });
}

std::map<std::string, SignalDecision> SignalRepository::decisions(soci::session& sql, Id pupil_id) {
  std::map<std::string, SignalDecision> out;
  db_.each_typed<std::string, std::string, std::string, std::string, std::string, std::string, std::string>(
      sql,
      "SELECT rule, subject, moment, decision, reason, decided_by, decided_at FROM signal_decisions "
      "WHERE pupil_id = :p",
      [&](auto& r) {
        auto& [rule, subject, moment, decision, reason, by, at] = r;
        out[signal_key(rule, subject, moment)] =
            SignalDecision{std::move(decision), std::move(reason), std::move(by), std::move(at)};
      },
      pupil_id);
  return out;
}

void drop_dismissed(std::vector<domain::Signal>& signals, const std::map<std::string, SignalDecision>& decisions) {
  std::erase_if(signals, [&](const domain::Signal& s) {
    auto it = decisions.find(signal_key(s));
    return it != decisions.end() && it->second.decision == "afgewezen";
  });
}

std::map<Id, std::map<std::string, SignalDecision>> SignalRepository::decisions(const std::vector<Id>& pupils) {
  std::map<Id, std::map<std::string, SignalDecision>> out;
  if (pupils.empty()) return out;
  db_.read([&](soci::session& sql) {
    db_.each_row(
        sql,
        fmt::format("SELECT pupil_id, rule, subject, moment, decision, reason, decided_by, decided_at "
                    "FROM signal_decisions WHERE pupil_id IN ({})",
                    id_list(pupils)),
        [&](const soci::row& r) {
          out[row_integer(r, 0)][signal_key(r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3))] =
              SignalDecision{r.get<std::string>(4), r.get<std::string>(5), r.get<std::string>(6),
                             r.get<std::string>(7)};
        });
  });
  return out;
}

namespace {
struct KeyParts {
  std::string rule, subject, moment;
};
std::optional<KeyParts> parts_of(const std::string& key) {
  size_t a = key.find('|'), b = key.find('|', a == std::string::npos ? 0 : a + 1);
  if (a == std::string::npos || b == std::string::npos) return std::nullopt;
  return KeyParts{key.substr(0, a), key.substr(a + 1, b - a - 1), key.substr(b + 1)};
}
std::optional<std::string> check_decision(const std::string& decision, const std::string& reason) {
  if (decision != "bevestigd" && decision != "afgewezen") return std::string("Kies 'bevestigd' of 'afgewezen'.");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return std::string("Geef een reden: waarom wel of geen extra ondersteuning?");
  return std::nullopt;
}
void store_decision(soci::session& sql, Id pupil_id, const KeyParts& k, const std::string& decision,
                    const std::string& reason, const std::string& by, const std::string& at) {
  // One statement, not delete-then-insert: two decisions at once (on PostgreSQL, where
  // writers run side by side) would both insert, and the second would fail on the key.
  sql << "INSERT INTO signal_decisions (pupil_id, rule, subject, moment, decision, reason, decided_by, "
         "decided_at) VALUES (:p, :r, :s, :m, :d, :why, :by, :at) "
         "ON CONFLICT (pupil_id, rule, subject, moment) DO UPDATE SET decision = excluded.decision, "
         "reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
      soci::use(pupil_id), soci::use(k.rule), soci::use(k.subject), soci::use(k.moment), soci::use(decision),
      soci::use(reason), soci::use(by), soci::use(at);
}
}  // namespace

std::optional<std::string> SignalRepository::decide(Id pupil_id, const std::string& key, const std::string& decision,
                                                    const std::string& reason, const domain::Principal& who) {
  if (auto error = check_decision(decision, reason)) return error;
  auto k = parts_of(key);
  if (!k) return std::string("Onbekend signaal.");
  std::string now = now_utc();
  db_.write([&](soci::session& sql) {
    store_decision(sql, pupil_id, *k, decision, reason, who.username, now);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "signaal " + k->subject + " " + k->moment,
                                          pupil_id, decision + ": " + reason));
  });
  return std::nullopt;
}

std::optional<std::string> SignalRepository::decide(Id pupil_id, const domain::SignalLine& line,
                                                    const std::string& decision, const std::string& reason,
                                                    const domain::Principal& who) {
  if (auto error = check_decision(decision, reason)) return error;
  if (line.signals.empty()) return std::string("Er staat voor dit vak geen open signaal.");
  std::string now = now_utc(), rules;
  for (const auto& s : line.signals) rules += (rules.empty() ? "" : ", ") + domain::signal_rule_label(s.rule);
  db_.write([&](soci::session& sql) {
    for (const auto& s : line.signals) store_decision(sql, pupil_id, *parts_of(signal_key(s)), decision, reason, who.username, now);
    AuditLog(db_).append(sql, audit_entry(who, domain::AuditAction::kUpdate, "signalen " + line.subject, pupil_id,
                                          decision + " (" + rules + "): " + reason));
  });
  return std::nullopt;
}

}  // namespace koers::store
