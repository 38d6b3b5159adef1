#include "store/care_team_repository.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "domain/author.h"
#include "domain/on_behalf.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;
using nlohmann::json;

namespace {

domain::Date date_of(const std::string& iso) { return domain::parse_iso_date(iso).value_or(domain::Date{}); }

constexpr const char* kCaseColumns =
    "id, pupil_id, school_id, origin, origin_id, registration, status, help_question, help_question_parents, "
    "missing_step_reason, parents_informed_on, parents_informed_how, meeting_id, advice, follow_up_until, "
    "outcome_note, version, created_by, created_at, saved_by, saved_at, outcomes";

domain::CareTeamCase case_of(const soci::row& r) {
  domain::CareTeamCase c;
  c.id = row_integer(r, 0);
  c.pupil_id = row_integer(r, 1);
  c.school_id = row_integer(r, 2);
  c.origin = domain::parse_case_origin(r.get<std::string>(3)).value_or(domain::CaseOrigin::kDirect);
  c.origin_id = row_integer(r, 4);
  c.registration = r.get<std::string>(5);
  c.status = domain::parse_case_status(r.get<std::string>(6)).value_or(domain::CaseStatus::kRegistered);
  c.help_question = r.get<std::string>(7);
  for (const auto& p : json::parse(r.get<std::string>(8), nullptr, false))
    if (p.is_object())
      c.help_question_parents.push_back({p.value("who", ""), date_of(p.value("on", ""))});
  c.missing_step_reason = r.get<std::string>(9);
  if (auto on = domain::parse_iso_date(r.get<std::string>(10)))
    c.parents_informed = domain::ParentsInformed{*on, r.get<std::string>(11)};
  c.meeting_id = row_integer(r, 12);
  c.advice = r.get<std::string>(13);
  c.follow_up_until = domain::parse_iso_date(r.get<std::string>(14));
  c.outcome_note = r.get<std::string>(15);
  c.version = static_cast<int>(row_integer(r, 16));
  c.created_by = r.get<std::string>(17);
  c.created_at = r.get<std::string>(18);
  c.saved_by = r.get<std::string>(19);
  c.saved_at = r.get<std::string>(20);
  for (const auto& o : json::parse(r.get<std::string>(21), nullptr, false))
    if (o.is_object())
      if (auto kind = domain::parse_case_outcome(o.value("kind", "")))
        c.outcomes.push_back({*kind, o.value("text", "")});
  return c;
}

json id_list(const std::vector<Id>& ids) { return json(ids); }
json document_list(const std::vector<domain::CaseDocument>& docs) {
  json out = json::array();
  for (auto d : docs) out.push_back(domain::case_document_key(d));
  return out;
}

constexpr const char* kConsentColumns =
    "id, case_id, pupil_id, purpose, given_by, given_by_account, given_on, form, disciplines, externals, documents, "
    "valid_until, withdrawn_at, withdrawn_by, recorded_by, recorded_at";

domain::Consent consent_of(const soci::row& r) {
  domain::Consent k;
  k.id = row_integer(r, 0);
  k.case_id = row_integer(r, 1);
  k.pupil_id = row_integer(r, 2);
  k.purpose = domain::parse_consent_purpose(r.get<std::string>(3)).value_or(domain::ConsentPurpose::kCareTeam);
  k.given_by = r.get<std::string>(4);
  k.given_by_account = row_integer(r, 5);
  k.given_on = date_of(r.get<std::string>(6));
  k.form = domain::parse_consent_form(r.get<std::string>(7)).value_or(domain::ConsentForm::kSignedForm);
  for (const auto& d : json::parse(r.get<std::string>(8), nullptr, false))
    if (d.is_string()) k.disciplines.push_back(d.get<std::string>());
  for (const auto& e : json::parse(r.get<std::string>(9), nullptr, false))
    if (e.is_number_integer()) k.externals.push_back(e.get<Id>());
  for (const auto& d : json::parse(r.get<std::string>(10), nullptr, false))
    if (d.is_string())
      if (auto doc = domain::parse_case_document(d.get<std::string>())) k.documents.push_back(*doc);
  k.valid_until = date_of(r.get<std::string>(11));
  k.withdrawn_at = r.get<std::string>(12);
  k.withdrawn_by = r.get<std::string>(13);
  k.recorded_by = r.get<std::string>(14);
  k.recorded_at = r.get<std::string>(15);
  return k;
}

// Members and consents of the cases given, filled in.
void complete(soci::session& sql, std::vector<domain::CareTeamCase>& cases) {
  if (cases.empty()) return;
  std::string ids;
  for (const auto& c : cases) ids += (ids.empty() ? "" : ",") + std::to_string(c.id);
  auto find = [&](Id id) {
    return std::find_if(cases.begin(), cases.end(), [&](const auto& c) { return c.id == id; });
  };
  soci::rowset<soci::row> members = sql.prepare << fmt::format(
      "SELECT case_id, account_id, name, discipline FROM care_team_members WHERE case_id IN ({}) ORDER BY id", ids);
  for (const soci::row& r : members)
    if (auto c = find(row_integer(r, 0)); c != cases.end())
      c->members.push_back({row_integer(r, 1), r.get<std::string>(2), r.get<std::string>(3)});
  soci::rowset<soci::row> consents = sql.prepare << fmt::format(
      "SELECT {} FROM care_team_consents WHERE case_id IN ({}) ORDER BY id", kConsentColumns, ids);
  for (const soci::row& r : consents) {
    domain::Consent k = consent_of(r);
    if (auto c = find(k.case_id); c != cases.end()) c->consents.push_back(std::move(k));
  }
}

std::vector<domain::CareTeamCase> select_cases(soci::session& sql, const std::string& where) {
  std::vector<domain::CareTeamCase> out;
  soci::rowset<soci::row> rows =
      sql.prepare << fmt::format("SELECT {} FROM care_team_cases WHERE {} ORDER BY id DESC", kCaseColumns, where);
  for (const soci::row& r : rows) out.push_back(case_of(r));
  complete(sql, out);
  return out;
}

// The cases whose `column` is `key`, through the statement cache (the pupil's record reads a
// pupil's cases on every stamkaart).
std::vector<domain::CareTeamCase> select_cases(Database& db, soci::session& sql, const char* column, Id key) {
  std::vector<domain::CareTeamCase> out;
  db.each_row(
      sql, fmt::format("SELECT {} FROM care_team_cases WHERE {} = :k ORDER BY id DESC", kCaseColumns, column),
      [&](const soci::row& r) { out.push_back(case_of(r)); }, key);
  complete(sql, out);
  return out;
}

void audit(Database& db, soci::session& sql, const domain::Principal& who, domain::AuditAction action,
           const std::string& object, Id pupil_id, Id school_id, const std::string& detail) {
  auto entry = audit_entry(who, action, object, pupil_id, detail);
  entry.school_id = school_id;  // the case's school: an external may serve several
  AuditLog(db).append(sql, entry);
}

std::string parents_json(const domain::CareTeamCase& c) {
  json out = json::array();
  for (const auto& p : c.help_question_parents) out.push_back({{"who", p.who}, {"on", p.on.iso()}});
  return out.dump();
}

std::string outcomes_json(const domain::CareTeamCase& c) {
  json out = json::array();
  for (const auto& o : c.outcomes) out.push_back({{"kind", domain::case_outcome_key(o.kind)}, {"text", o.text}});
  return out.dump();
}

void write_members(soci::session& sql, const domain::CareTeamCase& c, const std::string& by, const std::string& at) {
  // Members invited before keep their invitation's moment.
  std::vector<std::pair<Id, std::pair<std::string, std::string>>> before;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT account_id, invited_by, invited_at FROM care_team_members "
                                                 "WHERE case_id = :c",
                                  soci::use(c.id));
  for (const soci::row& r : rows) before.push_back({row_integer(r, 0), {r.get<std::string>(1), r.get<std::string>(2)}});
  sql << "DELETE FROM care_team_members WHERE case_id = :c", soci::use(c.id);
  for (const auto& m : c.members) {
    std::string invited_by = by, invited_at = at;
    for (const auto& [account, when] : before)
      if (account == m.account_id) std::tie(invited_by, invited_at) = when;
    sql << "INSERT INTO care_team_members (case_id, account_id, name, discipline, invited_by, invited_at) "
           "VALUES (:c, :a, :n, :d, :by, :at)",
        soci::use(c.id), soci::use(m.account_id), soci::use(m.name), soci::use(m.discipline), soci::use(invited_by),
        soci::use(invited_at);
  }
}

std::string consent_words(const domain::Consent& k) {
  std::vector<std::string> scope = k.disciplines;
  for (Id e : k.externals) scope.push_back(fmt::format("extern account {}", e));
  std::vector<std::string> docs;
  for (auto d : k.documents) docs.push_back(domain::case_document_label(d));
  return fmt::format("toestemming voor {} gegeven door {} op {} ({}), geldig t/m {}; voor: {}; stukken: {}",
                     domain::consent_purpose_label(k.purpose), k.given_by, k.given_on.dutch(),
                     domain::consent_form_label(k.form), k.valid_until.dutch(),
                     scope.empty() ? "niemand" : fmt::format("{}", fmt::join(scope, ", ")),
                     docs.empty() ? "geen" : fmt::format("{}", fmt::join(docs, ", ")));
}

}  // namespace

domain::CareTeamCase CareTeamCaseRepository::create(const domain::CareTeamCase& c, const domain::Principal& who) {
  domain::CareTeamCase saved = c;
  saved.version = 1;
  saved.status = domain::CaseStatus::kRegistered;
  saved.consents.clear();
  saved.created_by = saved.saved_by = domain::author_name(who);
  saved.created_at = saved.saved_at = now_utc();
  const std::string origin = domain::case_origin_key(saved.origin), status = domain::case_status_key(saved.status);
  const std::string parents = parents_json(saved);
  const std::string informed_on = saved.parents_informed ? saved.parents_informed->on.iso() : "";
  const std::string informed_how = saved.parents_informed ? saved.parents_informed->how : "";
  const std::string follow_up = saved.follow_up_until ? saved.follow_up_until->iso() : "";
  const std::string outcomes = outcomes_json(saved);
  db_.write([&](soci::session& sql) {
    sql << "INSERT INTO care_team_cases (pupil_id, school_id, origin, origin_id, registration, status, help_question, "
           "help_question_parents, missing_step_reason, parents_informed_on, parents_informed_how, meeting_id, advice, "
           "follow_up_until, outcome_note, version, created_by, created_at, saved_by, saved_at, outcomes) VALUES (:p, :s, "
           ":o, :oi, :r, :st, :h, :hp, :m, :pio, :pih, :mt, :a, :f, :on, 1, :cb, :ca, :sb, :sa, :oc) RETURNING id",
        soci::use(saved.pupil_id), soci::use(saved.school_id), soci::use(origin), soci::use(saved.origin_id),
        soci::use(saved.registration), soci::use(status), soci::use(saved.help_question), soci::use(parents),
        soci::use(saved.missing_step_reason), soci::use(informed_on), soci::use(informed_how),
        soci::use(saved.meeting_id), soci::use(saved.advice), soci::use(follow_up), soci::use(saved.outcome_note),
        soci::use(saved.created_by), soci::use(saved.created_at), soci::use(saved.saved_by), soci::use(saved.saved_at),
        soci::use(outcomes), soci::into(saved.id);
    write_members(sql, saved, saved.created_by, saved.created_at);
    audit(db_, sql, who, domain::AuditAction::kCreate, fmt::format("casus {}", saved.id), saved.pupil_id,
          saved.school_id,
          fmt::format("zorgteamcasus geopend, {}{}", domain::case_origin_label(saved.origin),
                      saved.registration.empty() ? "" : " (" + saved.registration + ")"));
  });
  return saved;
}

std::optional<domain::CareTeamCase> CareTeamCaseRepository::find(Id case_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::CareTeamCase> {
    auto cases = select_cases(db_, sql, "id", case_id);
    if (cases.empty()) return std::nullopt;
    return std::move(cases.front());
  });
}

std::optional<CaseOwner> CareTeamCaseRepository::owner(Id case_id) {
  return db_.read([&](soci::session& sql) -> std::optional<CaseOwner> {
    CaseOwner o;
    soci::indicator ind = soci::i_null;
    sql << "SELECT school_id, pupil_id FROM care_team_cases WHERE id = :i", soci::use(case_id),
        soci::into(o.school_id, ind), soci::into(o.pupil_id);
    if (ind != soci::i_ok) return std::nullopt;
    return o;
  });
}

std::vector<domain::CareTeamCase> CareTeamCaseRepository::of_school(Id school_id) {
  return db_.read([&](soci::session& sql) { return select_cases(db_, sql, "school_id", school_id); });
}

std::vector<domain::CareTeamCase> CareTeamCaseRepository::of_pupil(soci::session& sql, Id pupil_id) {
  return select_cases(db_, sql, "pupil_id", pupil_id);
}

std::vector<domain::CareTeamCase> CareTeamCaseRepository::of_school(soci::session& sql, Id school_id) {
  return select_cases(db_, sql, "school_id", school_id);
}

std::vector<domain::CareTeamCase> CareTeamCaseRepository::of_pupils(const std::vector<Id>& pupil_ids) {
  if (pupil_ids.empty()) return {};
  std::string ids;
  for (Id id : pupil_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  return db_.read([&](soci::session& sql) { return select_cases(sql, "pupil_id IN (" + ids + ")"); });
}

std::vector<domain::CareTeamCase> CareTeamCaseRepository::for_external(Id account_id, const domain::Date& today) {
  auto cases = db_.read([&](soci::session& sql) {
    return select_cases(sql, fmt::format("id IN (SELECT case_id FROM care_team_members WHERE account_id = {})",
                                         account_id));
  });
  std::erase_if(cases, [&](const auto& c) { return !domain::external_access(c, account_id, today).allowed(); });
  return cases;
}

std::variant<domain::CareTeamCase, CaseConflict> CareTeamCaseRepository::save(const domain::CareTeamCase& c,
                                                                              int based_on,
                                                                              const domain::Principal& who,
                                                                              const std::string& what) {
  domain::CareTeamCase saved = c;
  saved.version = based_on + 1;
  saved.saved_by = domain::author_name(who);
  saved.saved_at = now_utc();
  const std::string status = domain::case_status_key(saved.status), parents = parents_json(saved);
  const std::string informed_on = saved.parents_informed ? saved.parents_informed->on.iso() : "";
  const std::string informed_how = saved.parents_informed ? saved.parents_informed->how : "";
  const std::string follow_up = saved.follow_up_until ? saved.follow_up_until->iso() : "";
  const std::string outcomes = outcomes_json(saved);
  const bool stored = db_.write([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "UPDATE care_team_cases SET status = :st, help_question = :h, help_question_parents = :hp, "
                        "missing_step_reason = :m, parents_informed_on = :pio, parents_informed_how = :pih, "
                        "meeting_id = :mt, advice = :a, follow_up_until = :f, outcome_note = :on, outcomes = :oc, "
                        "version = :v, saved_by = :sb, saved_at = :sa WHERE id = :i AND version = :b",
         soci::use(status), soci::use(saved.help_question), soci::use(parents), soci::use(saved.missing_step_reason),
         soci::use(informed_on), soci::use(informed_how), soci::use(saved.meeting_id), soci::use(saved.advice),
         soci::use(follow_up), soci::use(saved.outcome_note), soci::use(outcomes), soci::use(saved.version),
         soci::use(saved.saved_by),
         soci::use(saved.saved_at), soci::use(saved.id), soci::use(based_on));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    write_members(sql, saved, saved.saved_by, saved.saved_at);
    audit(db_, sql, who, domain::AuditAction::kUpdate, fmt::format("casus {}", saved.id), saved.pupil_id,
          saved.school_id, what.empty() ? fmt::format("versie {}", saved.version) : what);
    return true;
  });
  if (stored) {
    if (auto fresh = find(saved.id)) return *fresh;
  }
  return CaseConflict{db_.read([&](soci::session& sql) {
    int v = 0;
    sql << "SELECT version FROM care_team_cases WHERE id = :i", soci::use(c.id), soci::into(v);
    return v;
  })};
}

std::optional<domain::Consent> CareTeamCaseRepository::consent(Id consent_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::Consent> {
    soci::rowset<soci::row> rows = (sql.prepare << fmt::format("SELECT {} FROM care_team_consents WHERE id = :i",
                                                               kConsentColumns),
                                    soci::use(consent_id));
    for (const soci::row& r : rows) return consent_of(r);
    return std::nullopt;
  });
}

domain::Consent CareTeamCaseRepository::add_consent(const domain::Consent& k, const domain::Principal& who) {
  domain::Consent saved = k;
  saved.withdrawn_at.clear();
  saved.withdrawn_by.clear();
  saved.recorded_by = domain::author_name(who);
  saved.recorded_at = now_utc();
  const std::string purpose = domain::consent_purpose_key(saved.purpose), form = domain::consent_form_key(saved.form);
  const std::string disciplines = json(saved.disciplines).dump(), externals = id_list(saved.externals).dump();
  const std::string documents = document_list(saved.documents).dump();
  const std::string given_on = saved.given_on.iso(), valid_until = saved.valid_until.iso();
  db_.write([&](soci::session& sql) {
    Id school = 0;
    sql << "SELECT school_id FROM care_team_cases WHERE id = :c", soci::use(saved.case_id), soci::into(school);
    sql << "INSERT INTO care_team_consents (case_id, pupil_id, purpose, given_by, given_by_account, given_on, form, "
           "disciplines, externals, documents, valid_until, withdrawn_at, withdrawn_by, recorded_by, recorded_at) "
           "VALUES (:c, :p, :pu, :g, :ga, :go, :f, :d, :e, :doc, :v, '', '', :rb, :ra) RETURNING id",
        soci::use(saved.case_id), soci::use(saved.pupil_id), soci::use(purpose), soci::use(saved.given_by),
        soci::use(saved.given_by_account), soci::use(given_on), soci::use(form), soci::use(disciplines),
        soci::use(externals), soci::use(documents), soci::use(valid_until), soci::use(saved.recorded_by),
        soci::use(saved.recorded_at), soci::into(saved.id);
    audit(db_, sql, who, domain::AuditAction::kCreate, fmt::format("toestemming {}", saved.id), saved.pupil_id, school,
          fmt::format("casus {}: {}", saved.case_id, consent_words(saved)));
  });
  return saved;
}

std::optional<domain::Consent> CareTeamCaseRepository::withdraw_consent(Id consent_id, const domain::Principal& who) {
  std::string role(domain::role_label(who.role));
  if (!role.empty() && role[0] >= 'A' && role[0] <= 'Z') role[0] = static_cast<char>(role[0] - 'A' + 'a');
  const std::string at = now_utc(), by = fmt::format("{} ({})", domain::author_name(who), role);
  const bool done = db_.write([&](soci::session& sql) {
    soci::statement st = (sql.prepare << "UPDATE care_team_consents SET withdrawn_at = :a, withdrawn_by = :b "
                                         "WHERE id = :i AND withdrawn_at = ''",
                          soci::use(at), soci::use(by), soci::use(consent_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    Id case_id = 0, pupil = 0, school = 0;
    std::string purpose;
    sql << "SELECT k.case_id, k.pupil_id, c.school_id, k.purpose FROM care_team_consents k JOIN care_team_cases c ON "
           "c.id = k.case_id WHERE k.id = :i",
        soci::use(consent_id), soci::into(case_id), soci::into(pupil), soci::into(school), soci::into(purpose);
    const auto p = domain::parse_consent_purpose(purpose);
    audit(db_, sql, who, domain::AuditAction::kUpdate, fmt::format("toestemming {}", consent_id), pupil, school,
          fmt::format("casus {}: toestemming voor {} ingetrokken door {}; vanaf nu zien de externen hierop niets meer",
                      case_id, p ? domain::consent_purpose_label(*p) : purpose, by));
    return true;
  });
  if (!done) return std::nullopt;
  return consent(consent_id);
}

void CareTeamCaseRepository::record_file_view(const domain::CareTeamCase& c, const domain::Principal& who,
                                              const std::string& detail) {
  db_.write([&](soci::session& sql) {
    auto entry = audit_entry(who, domain::AuditAction::kView, fmt::format("casusdossier {}", c.id), c.pupil_id, detail);
    entry.school_id = c.school_id;
    if (who.role == domain::Role::kCareTeamMember) {
      std::string school;
      db_.each_row(
          sql, "SELECT name FROM schools WHERE id = :s", [&](const soci::row& r) { school = row_text(r, 0); },
          c.school_id);
      entry.on_behalf_of = domain::on_behalf_of_care_team(
          school, c.id, domain::external_access(c, who.account_id, today_local()).consent_ids);
    }
    AuditLog(db_).append(sql, entry);
  });
}

}  // namespace koers::store
