#include "store/referral_repository.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "domain/author.h"
#include "io/referral_json.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;
using domain::Referral;
using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "id, pupil_id, school_id, case_id, procedure_key, procedure_data, cluster, status, reason, handelingsverlegenheid, "
    "expert_advices, consents, parents_copy_at, parents_copy_by, parents, sent_at, sent_by, sent_to, sent_okr, "
    "decision, version, created_by, created_at, saved_by, saved_at";

json parsed(const std::string& text) { return json::parse(text.empty() ? "null" : text, nullptr, false); }

Referral referral_of(const soci::row& r) {
  Referral x;
  x.id = row_integer(r, 0);
  x.pupil_id = row_integer(r, 1);
  x.school_id = row_integer(r, 2);
  x.case_id = row_integer(r, 3);
  try {
    x.procedure = io::procedure_from_json(parsed(r.get<std::string>(5)), "procedure");
  } catch (const io::JsonFieldError&) {
    x.procedure.key = r.get<std::string>(4);  // a stored procedure always reads; keep the key if not
  }
  x.cluster = static_cast<int>(row_integer(r, 6));
  x.status = domain::parse_referral_status(r.get<std::string>(7)).value_or(domain::ReferralStatus::kDraft);
  x.reason = r.get<std::string>(8);
  x.handelingsverlegenheid = r.get<std::string>(9);
  try {
    x.expert_advices = io::expert_advices_from_json(parsed(r.get<std::string>(10)), "expert_advices");
    x.consents = io::consents_from_json(parsed(r.get<std::string>(11)), "consents");
    x.decision = io::decision_from_json(parsed(r.get<std::string>(19)), "decision");
  } catch (const io::JsonFieldError&) {
  }
  x.parents_copy_at = r.get<std::string>(12);
  x.parents_copy_by = r.get<std::string>(13);
  x.parents = io::parents_from_json(parsed(r.get<std::string>(14)));
  x.sent_at = r.get<std::string>(15);
  x.sent_by = r.get<std::string>(16);
  x.sent_to = r.get<std::string>(17);
  x.sent_okr = r.get<std::string>(18);
  x.version = static_cast<int>(row_integer(r, 20));
  x.created_by = r.get<std::string>(21);
  x.created_at = r.get<std::string>(22);
  x.saved_by = r.get<std::string>(23);
  x.saved_at = r.get<std::string>(24);
  return x;
}

// As kColumns, without the OKR as sent (the summaries do not show it).
constexpr const char* kSummaryColumns =
    "id, pupil_id, school_id, case_id, procedure_key, procedure_data, cluster, status, reason, handelingsverlegenheid, "
    "expert_advices, consents, parents_copy_at, parents_copy_by, parents, sent_at, sent_by, sent_to, '' AS sent_okr, "
    "decision, version, created_by, created_at, saved_by, saved_at";

// Through the statement cache: the pupil's record reads the summaries on every stamkaart.
std::vector<Referral> select(Database& db, soci::session& sql, const std::string& where, Id key,
                             const char* columns = kColumns) {
  std::vector<Referral> out;
  db.each_row(
      sql, fmt::format("SELECT {} FROM referrals WHERE {} = :k ORDER BY id", columns, where),
      [&](const soci::row& r) { out.push_back(referral_of(r)); }, key);
  return out;
}

std::vector<domain::ReferralSummary> summaries(Database& db, soci::session& sql, const std::string& where, Id key) {
  std::vector<domain::ReferralSummary> out;
  for (const Referral& r : select(db, sql, where, key, kSummaryColumns)) out.push_back(domain::referral_summary(r));
  std::reverse(out.begin(), out.end());  // newest first
  return out;
}

void audit(Database& db, soci::session& sql, const domain::Principal& who, domain::AuditAction action,
           const Referral& r, const std::string& detail) {
  auto entry = audit_entry(who, action, fmt::format("verwijzing {}", r.id), r.pupil_id,
                           fmt::format("{}: {}", r.procedure.name, detail));
  entry.school_id = r.school_id;
  AuditLog(db).append(sql, entry);
}

struct Columns {
  std::string procedure, status, advices, consents, parents, decision;
  explicit Columns(const Referral& r)
      : procedure(io::procedure_json(r.procedure).dump()),
        status(domain::referral_status_key(r.status)),
        advices(io::expert_advices_json(r.expert_advices).dump()),
        consents(io::consents_json(r.consents).dump()),
        parents(io::parents_json(r.parents).dump()),
        decision(r.decision ? io::decision_json(r.decision).dump() : "") {}
};

}  // namespace

ProcedureSet ReferralRepository::procedures(Id board_id) {
  ProcedureSet out;
  bool stored = false;
  db_.read([&](soci::session& sql) {
    db_.each_row(
        sql, "SELECT procedures, version, changed_by, changed_at FROM referral_procedures WHERE board_id = :b",
        [&](const soci::row& r) {
          try {
            out.procedures = io::procedures_from_json(parsed(r.get<std::string>(0)), "procedures");
            out.version = static_cast<int>(row_integer(r, 1));
            out.changed_by = r.get<std::string>(2);
            out.changed_at = r.get<std::string>(3);
            stored = true;
          } catch (const io::JsonFieldError&) {
          }
        },
        board_id);
    return 0;
  });
  if (!stored) out = ProcedureSet{domain::default_referral_procedures(), 0, "", ""};
  return out;
}

std::variant<ProcedureSet, std::vector<std::string>, ReferralConflict> ReferralRepository::set_procedures(
    Id board_id, const std::vector<domain::ReferralProcedure>& procedures, int based_on, const domain::Principal& who,
    const std::string& what) {
  if (auto problems = domain::procedure_problems(procedures); !problems.empty()) return problems;
  ProcedureSet saved{procedures, based_on + 1, domain::author_name(who), now_utc()};
  const std::string text = io::procedures_json(procedures).dump();
  const bool stored = db_.write([&](soci::session& sql) {
    int current = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT version FROM referral_procedures WHERE board_id = :b", soci::use(board_id), soci::into(current, ind);
    if (!sql.got_data() || ind == soci::i_null) current = 0;
    if (current != based_on) return false;
    sql << "DELETE FROM referral_procedures WHERE board_id = :b", soci::use(board_id);
    sql << "INSERT INTO referral_procedures (board_id, procedures, version, changed_by, changed_at) VALUES (:b, :p, "
           ":v, :by, :at)",
        soci::use(board_id), soci::use(text), soci::use(saved.version), soci::use(saved.changed_by),
        soci::use(saved.changed_at);
    std::vector<std::string> names;
    for (const auto& p : procedures) names.push_back(p.name);
    AuditLog(db_).append(sql,
                         audit_entry(who, domain::AuditAction::kUpdate, "verwijsprocedures", 0,
                                     what.empty() ? fmt::format("versie {}: {}", saved.version, fmt::join(names, "; "))
                                                  : fmt::format("versie {}: {}", saved.version, what)));
    return true;
  });
  if (!stored) return ReferralConflict{this->procedures(board_id).version};
  return saved;
}

Referral ReferralRepository::create(const Referral& in, const domain::Principal& who) {
  Referral r = in;
  r.version = 1;
  r.status = domain::ReferralStatus::kDraft;
  r.created_by = r.saved_by = domain::author_name(who);
  r.saved_at = now_utc();
  if (r.created_at.empty()) r.created_at = r.saved_at;
  const Columns c(r);
  db_.write([&](soci::session& sql) {
    sql << "INSERT INTO referrals (pupil_id, school_id, case_id, procedure_key, procedure_data, cluster, status, reason, "
           "handelingsverlegenheid, expert_advices, consents, parents, version, created_by, created_at, saved_by, "
           "saved_at) VALUES (:p, :s, :c, :k, :pd, :cl, :st, :re, :hv, :ea, :co, :pa, 1, :cb, :ca, :sb, :sa) "
           "RETURNING id",
        soci::use(r.pupil_id), soci::use(r.school_id), soci::use(r.case_id), soci::use(r.procedure.key),
        soci::use(c.procedure), soci::use(r.cluster), soci::use(c.status), soci::use(r.reason),
        soci::use(r.handelingsverlegenheid), soci::use(c.advices), soci::use(c.consents), soci::use(c.parents),
        soci::use(r.created_by), soci::use(r.created_at), soci::use(r.saved_by), soci::use(r.saved_at),
        soci::into(r.id);
    audit(db_, sql, who, domain::AuditAction::kCreate, r,
          fmt::format("verwijzing gestart{}{}", r.case_id ? fmt::format(" vanuit casus {}", r.case_id) : "",
                      r.cluster ? fmt::format(", cluster {}", r.cluster) : ""));
  });
  return r;
}

std::optional<Referral> ReferralRepository::find(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<Referral> {
    auto found = select(db_, sql, "id", id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::vector<Referral> ReferralRepository::of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) { return select(db_, sql, "pupil_id", pupil_id); });
}

std::vector<Referral> ReferralRepository::of_school(Id school_id) {
  return db_.read([&](soci::session& sql) { return select(db_, sql, "school_id", school_id); });
}

std::vector<domain::ReferralSummary> ReferralRepository::summaries_of_pupil(soci::session& sql, Id pupil_id) {
  return summaries(db_, sql, "pupil_id", pupil_id);
}

std::vector<domain::ReferralSummary> ReferralRepository::summaries_of_school(soci::session& sql, Id school_id) {
  return summaries(db_, sql, "school_id", school_id);
}

std::variant<Referral, ReferralConflict> ReferralRepository::save(const Referral& in, int based_on,
                                                                  const domain::Principal& who,
                                                                  const std::string& what) {
  Referral r = in;
  r.version = based_on + 1;
  r.saved_by = domain::author_name(who);
  r.saved_at = now_utc();
  const Columns c(r);
  const bool stored = db_.write([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "UPDATE referrals SET cluster = :cl, status = :st, reason = :re, handelingsverlegenheid = :hv, "
                        "expert_advices = :ea, consents = :co, parents_copy_at = :pca, parents_copy_by = :pcb, "
                        "parents = :pa, sent_at = :sat, sent_by = :sby, sent_to = :sto, sent_okr = :okr, decision = "
                        ":de, version = :v, saved_by = :sb, saved_at = :sa WHERE id = :i AND version = :b",
         soci::use(r.cluster), soci::use(c.status), soci::use(r.reason), soci::use(r.handelingsverlegenheid),
         soci::use(c.advices), soci::use(c.consents), soci::use(r.parents_copy_at), soci::use(r.parents_copy_by),
         soci::use(c.parents), soci::use(r.sent_at), soci::use(r.sent_by), soci::use(r.sent_to), soci::use(r.sent_okr),
         soci::use(c.decision), soci::use(r.version), soci::use(r.saved_by), soci::use(r.saved_at), soci::use(r.id),
         soci::use(based_on));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    audit(db_, sql, who, domain::AuditAction::kUpdate, r, what.empty() ? fmt::format("versie {}", r.version) : what);
    return true;
  });
  if (stored) return r;
  auto latest = find(in.id);
  return ReferralConflict{latest ? latest->version : 0};
}

void ReferralRepository::record_view(const Referral& r, const domain::Principal& who, const std::string& detail) {
  db_.write([&](soci::session& sql) { audit(db_, sql, who, domain::AuditAction::kView, r, detail); });
}

}  // namespace koers::store
