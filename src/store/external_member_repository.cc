#include "store/external_member_repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/audit_log.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Discipline;
using domain::Id;
using domain::Role;

bool ExternalMember::serves(Id school_id) const {
  return std::find(school_ids.begin(), school_ids.end(), school_id) != school_ids.end();
}

namespace {

domain::AuditEntry external_line(const domain::Principal& by, const std::string& username, Id school_id,
                                 std::string detail, domain::AuditAction action = domain::AuditAction::kUpdate) {
  auto line = audit_entry(by, action, "zorgteamlid " + username, 0, std::move(detail));
  line.school_id = school_id;
  return line;
}

std::string profile_text(Discipline d, const std::string& organisation) {
  std::string text = fmt::format("discipline {}", domain::discipline_info(d).label);
  if (!organisation.empty()) text += fmt::format(", organisatie {}", organisation);
  return text;
}

void insert_school_link(soci::session& sql, Id account_id, Id school_id, Id by) {
  const std::string at = now_utc();
  soci::indicator by_ind = by ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO external_member_schools (account_id, school_id, added_at, added_by) VALUES (:a, :s, :t, :b)",
      soci::use(account_id), soci::use(school_id), soci::use(at), soci::use(by, by_ind);
}

}  // namespace

// On the caller's session: inside its transaction, another connection may wait for it.
std::string ExternalMemberRepository::school_name(soci::session& sql, Id school_id) {
  std::string name;
  sql << "SELECT name FROM schools WHERE id = :s", soci::use(school_id), soci::into(name);
  return sql.got_data() ? name : fmt::format("school {}", school_id);
}

void ExternalMemberRepository::insert_profile(soci::session& sql, Id account_id, Discipline discipline,
                                              const std::string& organisation, Id school_id,
                                              const domain::Principal& by) {
  const std::string key(domain::discipline_info(discipline).key);
  sql << "INSERT INTO external_members (account_id, discipline, organisation) VALUES (:a, :d, :o)",
      soci::use(account_id), soci::use(key), soci::use(organisation);
  insert_school_link(sql, account_id, school_id, by.account_id);
  std::string username;
  sql << "SELECT username FROM accounts WHERE id = :id", soci::use(account_id), soci::into(username);
  AuditLog(db_).append(sql, external_line(by, username, school_id,
                                          fmt::format("extern zorgteamlid: {}; werkt voor {}",
                                                      profile_text(discipline, organisation), school_name(sql, school_id)),
                                          domain::AuditAction::kCreate));
}

std::variant<IssuedCode, std::string> ExternalMemberRepository::invite(const NewExternal& e, const domain::Principal& by) {
  NewAccount a = e.account;
  a.role = Role::kCareTeamMember;
  a.password.clear();
  if (auto error = accounts_.check_new(a)) return *error;
  if (auto error = domain::external_profile_refusal(e.discipline, e.organisation)) return *error;
  const Discipline discipline = *domain::discipline_from_key(e.discipline);
  return db_.write([&](soci::session& sql) {
    IssuedCode code = accounts_.invite(sql, a, by, std::chrono::system_clock::now());
    insert_profile(sql, code.account_id, discipline, e.organisation, a.school_id, by);
    return code;
  });
}

std::variant<Id, std::string> ExternalMemberRepository::create(const NewExternal& e, const domain::Principal& by) {
  NewAccount a = e.account;
  a.role = Role::kCareTeamMember;
  if (auto error = accounts_.check_new(a)) return *error;
  if (auto error = domain::external_profile_refusal(e.discipline, e.organisation)) return *error;
  if (auto error = AccountRepository::password_refusal(a.password)) return *error;
  const Discipline discipline = *domain::discipline_from_key(e.discipline);
  const std::string hash = hash_password(a.password);
  return db_.write([&](soci::session& sql) {
    const Id id = accounts_.insert(sql, a, hash);
    auto line = audit_entry(by, domain::AuditAction::kCreate, "account " + a.username, 0, "rol zorgteam");
    line.school_id = a.school_id;
    AuditLog(db_).append(sql, std::move(line));
    insert_profile(sql, id, discipline, e.organisation, a.school_id, by);
    return id;
  });
}

std::optional<std::string> ExternalMemberRepository::add_school(Id account_id, Id school_id, const domain::Principal& by) {
  auto external = find(account_id);
  if (!external) return std::string("Zorgteamlid: bestaat niet of is geen extern zorgteamlid.");
  auto school = SchoolRepository(db_).find_school(school_id);
  if (!school || school->board_id != external->account.board_id) return std::string("School: hoort niet bij dit bestuur.");
  if (external->serves(school_id)) return std::nullopt;
  db_.write([&](soci::session& sql) {
    insert_school_link(sql, account_id, school_id, by.account_id);
    AuditLog(db_).append(sql, external_line(by, external->account.username, school_id,
                                            fmt::format("werkt nu ook voor {}", school->name)));
  });
  return std::nullopt;
}

std::optional<std::string> ExternalMemberRepository::remove_school(Id account_id, Id school_id, const domain::Principal& by) {
  auto external = find(account_id);
  if (!external) return std::string("Zorgteamlid: bestaat niet of is geen extern zorgteamlid.");
  if (!external->serves(school_id)) return std::nullopt;
  db_.write([&](soci::session& sql) {
    const std::string name = school_name(sql, school_id);
    sql << "DELETE FROM external_member_schools WHERE account_id = :a AND school_id = :s", soci::use(account_id),
        soci::use(school_id);
    AuditLog(db_).append(sql, external_line(by, external->account.username, school_id,
                                            fmt::format("werkt niet meer voor {}", name)));
  });
  return std::nullopt;
}

std::optional<std::string> ExternalMemberRepository::update_profile(Id account_id, const std::string& discipline_key,
                                                                    const std::string& organisation,
                                                                    const domain::Principal& by) {
  auto external = find(account_id);
  if (!external) return std::string("Zorgteamlid: bestaat niet of is geen extern zorgteamlid.");
  if (auto error = domain::external_profile_refusal(discipline_key, organisation)) return *error;
  const Discipline discipline = *domain::discipline_from_key(discipline_key);
  if (discipline == external->discipline && organisation == external->organisation) return std::nullopt;
  db_.write([&](soci::session& sql) {
    sql << "UPDATE external_members SET discipline = :d, organisation = :o WHERE account_id = :a",
        soci::use(discipline_key), soci::use(organisation), soci::use(account_id);
    AuditLog(db_).append(sql, external_line(by, external->account.username, external->account.school_id,
                                            fmt::format("{} gewijzigd in {}",
                                                        profile_text(external->discipline, external->organisation),
                                                        profile_text(discipline, organisation))));
  });
  return std::nullopt;
}

std::vector<ExternalMember> ExternalMemberRepository::load(const std::vector<Id>& account_ids) {
  std::vector<ExternalMember> out;
  for (Id id : account_ids) {
    auto account = accounts_.find(id);
    if (!account) continue;
    ExternalMember m;
    m.account = std::move(*account);
    std::string key;
    bool found = false;
    db_.read([&](soci::session& sql) {
      sql << "SELECT discipline, organisation FROM external_members WHERE account_id = :a", soci::use(id),
          soci::into(key), soci::into(m.organisation);
      found = sql.got_data();
      db_.each_row(
          sql, "SELECT school_id FROM external_member_schools WHERE account_id = :a ORDER BY school_id",
          [&](const soci::row& r) { m.school_ids.push_back(row_integer(r, 0)); }, id);
    });
    if (!found) continue;
    m.discipline = domain::discipline_from_key(key).value_or(domain::Discipline::kOrthopedagogue);
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const ExternalMember& a, const ExternalMember& b) {
    return a.account.display_name != b.account.display_name ? a.account.display_name < b.account.display_name
                                                             : a.account.id < b.account.id;
  });
  return out;
}

std::optional<ExternalMember> ExternalMemberRepository::find(Id account_id) {
  auto found = load({account_id});
  if (found.empty() || found.front().account.role != Role::kCareTeamMember) return std::nullopt;
  return found.front();
}

std::optional<ExternalMember> ExternalMemberRepository::find_by_username(const std::string& username) {
  auto account = accounts_.find_by_username(username);
  if (!account) return std::nullopt;
  return find(account->id);
}

std::vector<ExternalMember> ExternalMemberRepository::serving_school(Id school_id) {
  std::vector<Id> ids = db_.read([&](soci::session& sql) {
    std::vector<Id> found;
    db_.each_row(
        sql,
        "SELECT m.account_id FROM external_member_schools m JOIN accounts a ON a.id = m.account_id "
        "WHERE m.school_id = :s AND a.role = 'zorgteam'",
        [&](const soci::row& r) { found.push_back(row_integer(r, 0)); }, school_id);
    return found;
  });
  return load(ids);
}

std::vector<ExternalMember> ExternalMemberRepository::of_board(Id board_id) {
  std::vector<Id> ids = db_.read([&](soci::session& sql) {
    std::vector<Id> found;
    db_.each_row(
        sql,
        "SELECT e.account_id FROM external_members e JOIN accounts a ON a.id = e.account_id "
        "WHERE a.board_id = :b AND a.role = 'zorgteam'",
        [&](const soci::row& r) { found.push_back(row_integer(r, 0)); }, board_id);
    return found;
  });
  return load(ids);
}

}  // namespace koers::store
