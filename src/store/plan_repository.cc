#include "store/plan_repository.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "io/group_plan_json.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

namespace {

int latest_version(soci::session& sql, Id group_id, Id period_id) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM group_plans WHERE group_id = :g AND period_id = :p", soci::use(group_id),
      soci::use(period_id), soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

std::optional<domain::GroupPlan> load(soci::session& sql, Id group_id, Id period_id, int version) {
  std::string body, by, at;
  sql << "SELECT body, saved_by, saved_at FROM group_plans WHERE group_id = :g AND period_id = :p AND version = :v",
      soci::use(group_id), soci::use(period_id), soci::use(version), soci::into(body), soci::into(by), soci::into(at);
  if (!sql.got_data()) return std::nullopt;
  domain::GroupPlan plan = io::group_plan_from_json(nlohmann::json::parse(body));
  plan.group_id = group_id;
  plan.period_id = period_id;
  plan.version = version;
  plan.saved_by = by;
  plan.saved_at = at;
  return plan;
}

}  // namespace

std::optional<domain::GroupPlan> PlanRepository::latest(Id group_id, Id period_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::GroupPlan> {
    const int v = latest_version(sql, group_id, period_id);
    return v ? load(sql, group_id, period_id, v) : std::nullopt;
  });
}

std::optional<domain::GroupPlan> PlanRepository::version(Id group_id, Id period_id, int version) {
  return db_.read([&](soci::session& sql) { return load(sql, group_id, period_id, version); });
}

std::vector<PlanVersionInfo> PlanRepository::versions(Id group_id, Id period_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<PlanVersionInfo> out;
    PlanVersionInfo row;
    soci::statement st = (sql.prepare << "SELECT version, saved_by, saved_at FROM group_plans WHERE group_id = :g AND "
                                         "period_id = :p ORDER BY version",
                          soci::use(group_id), soci::use(period_id), soci::into(row.version), soci::into(row.saved_by),
                          soci::into(row.saved_at));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
  });
}

std::variant<domain::GroupPlan, PlanConflict> PlanRepository::save(const domain::GroupPlan& plan, int based_on,
                                                                   const domain::Principal& who) {
  domain::GroupPlan saved = plan;
  saved.version = based_on + 1;
  saved.saved_by = who.display_name.empty() ? who.username : who.display_name;
  saved.saved_at = now_utc();
  const std::string body = io::group_plan_json(saved).dump();
  try {
    const bool stored = db_.write([&](soci::session& sql) {
      if (latest_version(sql, plan.group_id, plan.period_id) != based_on) return false;
      sql << "INSERT INTO group_plans (group_id, period_id, version, body, saved_by, saved_at) VALUES (:g, :p, :v, :b, "
             ":by, :at)",
          soci::use(saved.group_id), soci::use(saved.period_id), soci::use(saved.version), soci::use(body),
          soci::use(saved.saved_by), soci::use(saved.saved_at);
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
    if (db_.read([&](soci::session& sql) { return latest_version(sql, plan.group_id, plan.period_id); }) == based_on)
      throw;
  }
  return PlanConflict{db_.read([&](soci::session& sql) { return latest_version(sql, plan.group_id, plan.period_id); })};
}

}  // namespace koers::store
