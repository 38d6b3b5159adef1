#include "store/hgd_repository.h"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "domain/author.h"
#include "store/audit_log.h"
#include "store/document_repository.h"
#include "store/overview_repository.h"

namespace koers::store {

using domain::HgdRequest;
using domain::Id;
using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "id, case_id, pupil_id, school_id, question_kind, help_question, questions, expert_account_id, expert_name, "
    "expert_discipline, consent_id, requested_on, status, report_document_id, recommendations, version, created_by, "
    "created_at, saved_by, saved_at, meeting_id";

HgdRequest request_of(const soci::row& r) {
  HgdRequest h;
  h.id = row_integer(r, 0);
  h.case_id = row_integer(r, 1);
  h.pupil_id = row_integer(r, 2);
  h.school_id = row_integer(r, 3);
  h.question_kind = domain::parse_hgd_question_kind(r.get<std::string>(4)).value_or(domain::HgdQuestionKind::kAdvising);
  h.help_question = r.get<std::string>(5);
  for (const auto& q : json::parse(r.get<std::string>(6), nullptr, false))
    if (q.is_string()) h.questions.push_back(q.get<std::string>());
  h.expert_account_id = row_integer(r, 7);
  h.expert_name = r.get<std::string>(8);
  h.expert_discipline = r.get<std::string>(9);
  h.consent_id = row_integer(r, 10);
  h.requested_on = domain::parse_iso_date(r.get<std::string>(11)).value_or(domain::Date{});
  h.status = domain::parse_hgd_status(r.get<std::string>(12)).value_or(domain::HgdStatus::kRequested);
  h.report_document_id = row_integer(r, 13);
  for (const auto& a : json::parse(r.get<std::string>(14), nullptr, false))
    if (a.is_object())
      h.recommendations.push_back({a.value("text", ""), a.value("entry_id", Id{0}), a.value("by", ""), a.value("at", "")});
  h.version = static_cast<int>(row_integer(r, 15));
  h.created_by = r.get<std::string>(16);
  h.created_at = r.get<std::string>(17);
  h.saved_by = r.get<std::string>(18);
  h.saved_at = r.get<std::string>(19);
  h.meeting_id = row_integer(r, 20);
  return h;
}

std::string recommendations_json(const HgdRequest& h) {
  json out = json::array();
  for (const auto& a : h.recommendations)
    out.push_back({{"text", a.text}, {"entry_id", a.need_entry_id}, {"by", a.taken_over_by}, {"at", a.taken_over_at}});
  return out.dump();
}

// Through the statement cache: the pupil's record reads it on every stamkaart.
std::vector<HgdRequest> select(Database& db, soci::session& sql, const std::string& where, Id key) {
  std::vector<HgdRequest> out;
  db.each_row(
      sql, fmt::format("SELECT {} FROM hgd_requests WHERE {} = :k ORDER BY id", kColumns, where),
      [&](const soci::row& r) { out.push_back(request_of(r)); }, key);
  return out;
}

void audit(Database& db, soci::session& sql, const domain::Principal& who, domain::AuditAction action,
           const HgdRequest& h, const std::string& detail) {
  auto entry = audit_entry(who, action, fmt::format("HGD {}", h.id), h.pupil_id,
                           fmt::format("casus {}: {}", h.case_id, detail));
  entry.school_id = h.school_id;  // the expert may serve several schools
  AuditLog(db).append(sql, entry);
}

// The stored request moves from `based_on` to h.version; false when another save came first.
bool update(soci::session& sql, const HgdRequest& h, int based_on) {
  const std::string questions = json(h.questions).dump(), recommendations = recommendations_json(h);
  const std::string status = domain::hgd_status_key(h.status);
  soci::statement st =
      (sql.prepare << "UPDATE hgd_requests SET help_question = :h, questions = :q, status = :s, "
                      "report_document_id = :d, recommendations = :r, meeting_id = :m, version = :v, "
                      "saved_by = :sb, saved_at = :sa WHERE id = :i AND version = :b",
       soci::use(h.help_question), soci::use(questions), soci::use(status), soci::use(h.report_document_id),
       soci::use(recommendations), soci::use(h.meeting_id), soci::use(h.version), soci::use(h.saved_by),
       soci::use(h.saved_at), soci::use(h.id), soci::use(based_on));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// Thrown inside a write to roll it back with a Dutch refusal.
struct Refused {
  std::string text;
};

}  // namespace

HgdRequest HgdRepository::create(const HgdRequest& r, const domain::Principal& who) {
  HgdRequest h = r;
  h.version = 1;
  h.status = domain::HgdStatus::kRequested;
  h.report_document_id = 0;
  h.created_by = h.saved_by = domain::author_name(who);
  h.created_at = h.saved_at = now_utc();
  const std::string kind = domain::hgd_question_kind_key(h.question_kind), questions = json(h.questions).dump();
  const std::string on = h.requested_on.iso(), status = domain::hgd_status_key(h.status);
  const std::string recommendations = recommendations_json(h);
  db_.write([&](soci::session& sql) {
    sql << "INSERT INTO hgd_requests (case_id, pupil_id, school_id, question_kind, help_question, questions, "
           "expert_account_id, expert_name, expert_discipline, consent_id, requested_on, status, report_document_id, "
           "recommendations, version, created_by, created_at, saved_by, saved_at) VALUES (:c, :p, :s, :k, :h, :q, :e, "
           ":en, :ed, :ci, :on, :st, 0, :r, 1, :cb, :ca, :sb, :sa) RETURNING id",
        soci::use(h.case_id), soci::use(h.pupil_id), soci::use(h.school_id), soci::use(kind), soci::use(h.help_question),
        soci::use(questions), soci::use(h.expert_account_id), soci::use(h.expert_name), soci::use(h.expert_discipline),
        soci::use(h.consent_id), soci::use(on), soci::use(status), soci::use(recommendations), soci::use(h.created_by),
        soci::use(h.created_at), soci::use(h.saved_by), soci::use(h.saved_at), soci::into(h.id);
    audit(db_, sql, who, domain::AuditAction::kCreate, h,
          fmt::format("HGD aangevraagd bij {} ({}), {} vraag, onder toestemming {}: {}", h.expert_name,
                      h.expert_discipline, domain::hgd_question_kind_key(h.question_kind), h.consent_id,
                      h.help_question));
  });
  return h;
}

std::optional<HgdRequest> HgdRepository::find(Id id) {
  return db_.read([&](soci::session& sql) -> std::optional<HgdRequest> {
    auto found = select(db_, sql, "id", id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::vector<HgdRequest> HgdRepository::of_case(Id case_id) {
  return db_.read([&](soci::session& sql) { return select(db_, sql, "case_id", case_id); });
}

std::vector<HgdRequest> HgdRepository::of_expert(Id account_id) {
  return db_.read([&](soci::session& sql) { return select(db_, sql, "expert_account_id", account_id); });
}

std::vector<HgdRequest> HgdRepository::of_pupil(soci::session& sql, Id pupil_id) {
  auto out = select(db_, sql, "pupil_id", pupil_id);
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<HgdRequest> HgdRepository::of_school(soci::session& sql, Id school_id) {
  auto out = select(db_, sql, "school_id", school_id);
  std::reverse(out.begin(), out.end());
  return out;
}

std::variant<HgdRequest, HgdConflict> HgdRepository::save(const HgdRequest& r, int based_on,
                                                          const domain::Principal& who, const std::string& what) {
  HgdRequest h = r;
  h.version = based_on + 1;
  h.saved_by = domain::author_name(who);
  h.saved_at = now_utc();
  const bool stored = db_.write([&](soci::session& sql) {
    if (!update(sql, h, based_on)) return false;
    audit(db_, sql, who, domain::AuditAction::kUpdate, h, what.empty() ? fmt::format("versie {}", h.version) : what);
    return true;
  });
  if (stored) return h;
  auto latest = find(r.id);
  return HgdConflict{latest ? latest->version : 0};
}

std::variant<HgdRequest, std::string> HgdRepository::receive_report(
    Id hgd_id, const domain::Principal& who,
    const std::function<std::variant<Id, std::string>(soci::session&)>& store_document) {
  try {
    return db_.write([&](soci::session& sql) -> HgdRequest {
      auto found = select(db_, sql, "id", hgd_id);
      if (found.empty()) throw Refused{"Deze HGD bestaat niet."};
      HgdRequest h = found.front();
      auto stored = store_document(sql);
      if (auto* refusal = std::get_if<std::string>(&stored)) throw Refused{*refusal};
      const Id replaced = h.report_document_id;
      const domain::HgdStatus before = h.status;
      domain::receive_report(h, std::get<Id>(stored));
      if (replaced) DocumentRepository(db_).remove(sql, replaced, who, "vervangen door een nieuw HGD-verslag");
      const int based_on = h.version;
      h.version = based_on + 1;
      h.saved_by = domain::author_name(who);
      h.saved_at = now_utc();
      if (!update(sql, h, based_on)) throw Refused{"De HGD is intussen gewijzigd; probeer het opnieuw."};
      audit(db_, sql, who, domain::AuditAction::kUpdate, h,
            fmt::format("verslag van de deskundige ontvangen (document {}){}{}", h.report_document_id,
                        replaced ? fmt::format(", vervangt document {}", replaced) : "",
                        before != h.status ? "; status: " + domain::hgd_status_label(before) + " → " +
                                                 domain::hgd_status_label(h.status)
                                           : ""));
      return h;
    });
  } catch (const Refused& r) {
    return r.text;
  }
}

std::variant<HgdRequest, std::string> HgdRepository::take_over(Id hgd_id, int number, domain::EntryKind kind,
                                                                const std::string& topic, const std::string& text,
                                                                const std::vector<std::string>& subjects,
                                                                const domain::Principal& who) {
  try {
    return db_.write([&](soci::session& sql) -> HgdRequest {
      auto found = select(db_, sql, "id", hgd_id);
      if (found.empty()) throw Refused{"Deze HGD bestaat niet."};
      HgdRequest h = found.front();
      if (auto refused = domain::take_over_refusal(h, number)) throw Refused{*refused};
      domain::OverviewEntry need = domain::need_from_recommendation(h, number, kind, topic, text);
      const std::string at = now_utc();
      if (auto error = prepare_entry(need, subjects, who, at))
        throw Refused{fmt::format("Advies {}: {}", number, *error)};
      record_entry(sql, db_, need, who);
      auto& rec = h.recommendations[number - 1];
      rec.need_entry_id = need.id;
      rec.taken_over_by = domain::author_name(who);
      rec.taken_over_at = at;
      const int based_on = h.version;
      h.version = based_on + 1;
      h.saved_by = domain::author_name(who);
      h.saved_at = at;
      if (!update(sql, h, based_on)) throw Refused{"De HGD is intussen gewijzigd; probeer het opnieuw."};
      audit(db_, sql, who, domain::AuditAction::kUpdate, h,
            fmt::format("advies {} overgenomen als onderwijsbehoefte ({}{}): {}", number,
                        domain::entry_kind_label(need.kind), need.topic.empty() ? "" : ", " + need.topic,
                        domain::need_sentence(need.text)));
      return h;
    });
  } catch (const Refused& r) {
    return r.text;
  }
}

namespace {

// The request `m` is about, inside the caller's write; the refusal when it is gone.
HgdRequest request_of_meeting(Database& db, soci::session& sql, const domain::Meeting& m) {
  auto found = select(db, sql, "id", m.hgd_id);
  if (found.empty()) throw Refused{"Dit adviesgesprek hoort bij geen bestaande HGD."};
  return found.front();
}

// Stores the changed request as its next version with its audit line, or refuses.
void store_change(Database& db, soci::session& sql, HgdRequest& h, const domain::Principal& who,
                  const std::string& detail) {
  const int based_on = h.version;
  h.version = based_on + 1;
  h.saved_by = domain::author_name(who);
  h.saved_at = now_utc();
  if (!update(sql, h, based_on)) throw Refused{"De HGD is intussen gewijzigd; probeer het opnieuw."};
  audit(db, sql, who, domain::AuditAction::kUpdate, h, detail);
}

std::string names_of(const std::vector<domain::MeetingParticipant>& participants) {
  std::string out;
  for (const auto& p : participants)
    out += (out.empty() ? "" : ", ") + p.name + " (" + domain::participant_role_label(p.role) + ")";
  return out;
}

}  // namespace

std::optional<std::string> HgdRepository::link_meeting(soci::session& sql, const domain::Meeting& m,
                                                       const domain::Principal& who) {
  try {
    HgdRequest h = request_of_meeting(db_, sql, m);
    if (auto refused = domain::advice_meeting_refusal(h, m)) return refused;
    h.meeting_id = m.id;
    store_change(db_, sql, h, who,
                 fmt::format("adviesgesprek gepland op {}{} (bespreking {}), met {}", m.planned_on->dutch(),
                             m.starts_at.empty() ? "" : " om " + m.starts_at, m.id, names_of(m.participants)));
    return std::nullopt;
  } catch (const Refused& r) {
    return r.text;
  }
}

std::optional<std::string> HgdRepository::discussed_in(soci::session& sql, const domain::Meeting& m,
                                                       const domain::Principal& who) {
  try {
    HgdRequest h = request_of_meeting(db_, sql, m);
    const domain::HgdStatus before = h.status;
    if (auto refused = domain::discuss_in_meeting(h, m)) return refused;
    if (h.status == before) return std::nullopt;
    store_change(db_, sql, h, who,
                 fmt::format("besproken in het adviesgesprek{} (bespreking {}); status: {} → {}",
                             m.planned_on ? " van " + m.planned_on->dutch() : "", m.id,
                             domain::hgd_status_label(before), domain::hgd_status_label(h.status)));
    return std::nullopt;
  } catch (const Refused& r) {
    return r.text;
  }
}

void HgdRepository::unlink_meeting(soci::session& sql, const domain::Meeting& m, const domain::Principal& who) {
  auto found = select(db_, sql, "id", m.hgd_id);
  if (found.empty() || found.front().meeting_id != m.id) return;
  HgdRequest h = found.front();
  h.meeting_id = 0;
  try {
    store_change(db_, sql, h, who, fmt::format("adviesgesprek (bespreking {}) vervallen", m.id));
  } catch (const Refused& r) {
    throw std::runtime_error(r.text);
  }
}

void HgdRepository::record_view(const HgdRequest& r, const domain::Principal& who, const std::string& detail) {
  db_.write([&](soci::session& sql) { audit(db_, sql, who, domain::AuditAction::kView, r, detail); });
}

}  // namespace koers::store
