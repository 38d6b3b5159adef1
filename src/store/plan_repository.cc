#include "store/plan_repository.h"

#include <fmt/format.h>

#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/clock.h"
#include "domain/author.h"
#include "io/group_plan_json.h"
#include "store/audit_log.h"
#include "store/overview_repository.h"

namespace koers::store {

using domain::Id;

namespace {

// Both through the statement cache: every plan page and the stamkaart read them. The newest
// version as a table column (ORDER BY … LIMIT 1), not MAX(): a cached statement's column types
// are fixed by its first run.
int latest_version(Database& db, soci::session& sql, Id group_id, Id period_id) {
  int version = 0;
  db.each_row(
      sql, "SELECT version FROM group_plans WHERE group_id = :g AND period_id = :p ORDER BY version DESC LIMIT 1",
      [&](const soci::row& r) { version = static_cast<int>(row_integer(r, 0)); }, group_id, period_id);
  return version;
}

// The plan a stored body holds, parsed once per body text: a version never changes once saved,
// and the plan page reads the shown version and every earlier one for its history (parsing was
// 5 % of the page with one version, 20 % with three: profile, issue 13). Keyed by the whole
// text, so a body that differs by one byte is parsed afresh; the newest kMaxKept (and kMaxBytes) stay.
class ParsedPlans {
 public:
  domain::GroupPlan of(const std::string& body) {
    std::shared_ptr<const domain::GroupPlan> plan;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = kept_.find(body); it != kept_.end()) plan = it->second;
    }
    if (plan) return *plan;  // copied outside the lock: the caller changes its plan
    plan = std::make_shared<const domain::GroupPlan>(io::group_plan_from_json(nlohmann::json::parse(body)));
    if (body.size() <= kMaxBytes) keep(body, plan);
    return *plan;
  }
  static constexpr size_t kMaxKept = 128;
  static constexpr size_t kMaxBytes = 8 << 20;  // of body text

 private:
  void keep(const std::string& body, std::shared_ptr<const domain::GroupPlan> plan) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto [it, added] = kept_.emplace(body, std::move(plan));
    if (!added) return;
    order_.push_back(&it->first);
    bytes_ += body.size();
    while (order_.size() > kMaxKept || bytes_ > kMaxBytes) {
      auto oldest = kept_.find(*order_.front());
      bytes_ -= oldest->first.size();
      order_.pop_front();
      kept_.erase(oldest);
    }
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const domain::GroupPlan>> kept_;
  std::deque<const std::string*> order_;  // keys of kept_, oldest first
  size_t bytes_ = 0;
};

domain::GroupPlan plan_of(const std::string& body, Id group_id, Id period_id, int version, const std::string& by,
                          const std::string& at) {
  static ParsedPlans parsed;
  domain::GroupPlan plan = parsed.of(body);
  plan.group_id = group_id;
  plan.period_id = period_id;
  plan.version = version;
  plan.saved_by = by;
  plan.saved_at = at;
  return plan;
}

std::optional<domain::GroupPlan> load(Database& db, soci::session& sql, Id group_id, Id period_id, int version) {
  std::string body, by, at;
  bool found = false;
  db.each_row(
      sql, "SELECT body, saved_by, saved_at FROM group_plans WHERE group_id = :g AND period_id = :p AND version = :v",
      [&](const soci::row& r) {
        body = r.get<std::string>(0);
        by = r.get<std::string>(1);
        at = r.get<std::string>(2);
        found = true;
      },
      group_id, period_id, version);
  if (!found) return std::nullopt;
  return plan_of(body, group_id, period_id, version, by, at);
}

}  // namespace

std::optional<domain::GroupPlan> PlanRepository::latest(Id group_id, Id period_id) {
  return db_.read([&](soci::session& sql) { return latest(sql, group_id, period_id); });
}

std::optional<domain::GroupPlan> PlanRepository::latest(soci::session& sql, Id group_id, Id period_id) {
  const int v = latest_version(db_, sql, group_id, period_id);
  return v ? load(db_, sql, group_id, period_id, v) : std::nullopt;
}

std::map<Id, domain::GroupPlan> PlanRepository::latest_per_period(soci::session& sql, Id group_id) {
  std::map<Id, domain::GroupPlan> out;
  db_.each_row(
      sql,
      "SELECT p.period_id, p.version, p.body, p.saved_by, p.saved_at FROM group_plans p WHERE p.group_id = :g AND "
      "p.version = (SELECT MAX(p2.version) FROM group_plans p2 WHERE p2.group_id = p.group_id AND "
      "p2.period_id = p.period_id)",
      [&](const soci::row& r) {
        const Id period = row_integer(r, 0);
        out.emplace(period, plan_of(r.get<std::string>(2), group_id, period, static_cast<int>(row_integer(r, 1)),
                                    r.get<std::string>(3), r.get<std::string>(4)));
      },
      group_id);
  return out;
}

std::optional<domain::GroupPlan> PlanRepository::version(Id group_id, Id period_id, int version) {
  return db_.read([&](soci::session& sql) { return load(db_, sql, group_id, period_id, version); });
}

std::vector<PlanVersionInfo> PlanRepository::versions(Id group_id, Id period_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<PlanVersionInfo> out;
    db_.each_row(
        sql,
        "SELECT p.version, p.saved_by, p.saved_at, s.sent_by, s.sent_at FROM group_plans p "
        "LEFT JOIN group_plan_sendings s ON s.group_id = p.group_id AND s.period_id = p.period_id "
        "AND s.version = p.version WHERE p.group_id = :g AND p.period_id = :p ORDER BY p.version",
        [&](const soci::row& r) {
          out.push_back(
              {static_cast<int>(row_integer(r, 0)), row_text(r, 1), row_text(r, 2), row_text(r, 3), row_text(r, 4)});
        },
        group_id, period_id);
    return out;
  });
}

std::variant<domain::GroupPlan, PlanConflict> PlanRepository::save(const domain::GroupPlan& plan, int based_on,
                                                                   const domain::Principal& who,
                                                                   std::vector<domain::OverviewEntry> new_needs,
                                                                   const std::vector<std::string>& subjects) {
  domain::GroupPlan saved = plan;
  saved.version = based_on + 1;
  saved.saved_by = domain::author_name(who);
  saved.saved_at = now_utc();
  for (auto& need : new_needs)
    if (auto error = prepare_entry(need, subjects, who, saved.saved_at))
      throw std::invalid_argument("onderwijsbehoefte uit de evaluatie: " + *error);
  const std::string body = io::group_plan_json(saved).dump();
  try {
    const bool stored = db_.write([&](soci::session& sql) {
      if (latest_version(db_, sql, plan.group_id, plan.period_id) != based_on) return false;
      sql << "INSERT INTO group_plans (group_id, period_id, version, body, saved_by, saved_at) VALUES (:g, :p, :v, :b, "
             ":by, :at)",
          soci::use(saved.group_id), soci::use(saved.period_id), soci::use(saved.version), soci::use(body),
          soci::use(saved.saved_by), soci::use(saved.saved_at);
      // The overview's "aanpak" follows the plan's division (a row only where it changed).
      for (const auto& subject : saved.subjects)
        for (const auto& subgroup : subject.subgroups)
          for (Id pupil : subgroup.pupils)
            record_approach(sql, db_, pupil, subject.subject, subgroup.approach, who, saved.saved_at);
      for (auto& need : new_needs) record_entry(sql, db_, need, who);
      auto entry = audit_entry(who, based_on ? domain::AuditAction::kUpdate : domain::AuditAction::kCreate,
                               fmt::format("groepsplan groep {} periode {}", plan.group_id, plan.period_id), 0,
                               fmt::format("versie {}", saved.version));
      entry.school_id = who.school_id;
      AuditLog(db_).append(sql, entry);
      return true;
    });
    if (stored) return saved;
  } catch (const soci::soci_error&) {
    // A colleague's save of the same version committed first (the unique version): a conflict.
    if (db_.read([&](soci::session& sql) { return latest_version(db_, sql, plan.group_id, plan.period_id); }) ==
        based_on)
      throw;
  }
  return PlanConflict{
      db_.read([&](soci::session& sql) { return latest_version(db_, sql, plan.group_id, plan.period_id); })};
}

std::optional<std::string> record_plan_sending(soci::session& sql, Database& db, Id group_id, Id period_id, int version,
                                               const domain::Principal& who, const std::string& at) {
  long long found = 0;
  sql << "SELECT COUNT(*) FROM group_plans WHERE group_id = :g AND period_id = :p AND version = :v", soci::use(group_id),
      soci::use(period_id), soci::use(version), soci::into(found);
  if (!found) return fmt::format("Versie {} van dit groepsplan bestaat niet.", version);
  long long sent = 0;
  sql << "SELECT COUNT(*) FROM group_plan_sendings WHERE group_id = :g AND period_id = :p AND version = :v",
      soci::use(group_id), soci::use(period_id), soci::use(version), soci::into(sent);
  if (sent) return fmt::format("Versie {} is al naar de IB verstuurd.", version);
  const std::string by = domain::author_name(who);
  sql << "INSERT INTO group_plan_sendings (group_id, period_id, version, sent_by, sent_at) VALUES (:g, :p, :v, :b, :t)",
      soci::use(group_id), soci::use(period_id), soci::use(version), soci::use(by), soci::use(at);
  auto entry = audit_entry(who, domain::AuditAction::kUpdate, fmt::format("groepsplan groep {} periode {}", group_id, period_id),
                           0, fmt::format("versie {} verstuurd naar de IB", version));
  entry.school_id = who.school_id;
  AuditLog(db).append(sql, entry);
  return std::nullopt;
}

std::optional<std::string> PlanRepository::send(Id group_id, Id period_id, int version, const domain::Principal& who) {
  const std::string at = now_utc();
  return db_.write([&](soci::session& sql) { return record_plan_sending(sql, db_, group_id, period_id, version, who, at); });
}

}  // namespace koers::store
