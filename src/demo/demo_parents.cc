#include "demo/demo_parents.h"

#include <algorithm>

#include "common/clock.h"
#include "common/crypto.h"
#include "demo/demo_school.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/care_team_repository.h"
#include "store/pupil_repository.h"

namespace koers::demo {

using domain::Id;

DemoParents add_demo_parents(store::Database& db, const std::vector<long long>& school_ids, const domain::Date&) {
  DemoParents out;
  if (school_ids.empty()) return out;
  const Id school = school_ids.front();
  store::AccountRepository accounts(db);
  store::PupilRepository pupils(db);
  auto ib_account = accounts.find_by_username("ib");
  auto parent_account = accounts.find_by_username("ouder");
  if (!ib_account || !parent_account || ib_account->school_id != school) return out;
  const domain::Principal ib = accounts.principal(*ib_account);
  const domain::Principal parent = accounts.principal(*parent_account);

  // The pupil of the first case (by id) with a withdrawn consent.
  auto cases = store::CareTeamCaseRepository(db).of_school(school);
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  Id withdrawn_pupil = 0;
  for (const auto& c : cases)
    if (!withdrawn_pupil &&
        std::any_of(c.consents.begin(), c.consents.end(), [](const auto& k) { return k.withdrawn(); }))
      withdrawn_pupil = c.pupil_id;

  auto new_account = [&](const domain::Guardian& g) {
    store::NewAccount a;
    a.role = domain::Role::kParent;
    a.display_name = g.name.display();
    a.board_id = ib.board_id;
    a.school_id = school;
    a.guardian_id = g.id;
    return a;
  };
  // An activated demo account of the guardian, with the demo password, and its audit line.
  auto activate = [&](const domain::Guardian& g, const std::string& username) {
    db.write([&](soci::session& sql) {
      store::NewAccount a = new_account(g);
      a.username = username;
      accounts.insert(sql, a, hash_password(kDemoPassword));
      auto line = store::audit_entry(ib, domain::AuditAction::kCreate, "account " + username, 0, "rol ouder (demo)");
      line.school_id = school;
      store::AuditLog(db).append(sql, std::move(line));
    });
  };
  std::vector<std::pair<domain::Guardian, std::string>> to_invite;  // with the child's name
  if (withdrawn_pupil) {
    const auto guardians = pupils.guardians(withdrawn_pupil);  // by id
    const std::string child = pupils.find(withdrawn_pupil)->name.display();
    if (!guardians.empty() && !accounts.find_by_guardian(guardians[0].id)) {
      activate(guardians[0], "ouder2");
      out.activated = "ouder2";
      out.activated_child = child;
    }
    if (guardians.size() > 1) to_invite.push_back({guardians[1], child});
  }
  if (!parent.child_ids.empty()) {
    const Id roos = parent.child_ids.front();
    for (const auto& g : pupils.guardians(roos))
      if (!accounts.find_by_guardian(g.id)) {
        to_invite.insert(to_invite.begin(), {g, pupils.find(roos)->name.display()});
        break;
      }
  }
  // A family: the first guardian (by id) of two children of the school, both still there,
  // without an account: `ouder3`, activated, sees both.
  db.read([&](soci::session& sql) {
    db.each_row(
        sql,
        "SELECT pg.guardian_id FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id WHERE p.school_id = :s "
        "AND pg.guardian_id NOT IN (SELECT guardian_id FROM accounts WHERE guardian_id IS NOT NULL) "
        "GROUP BY pg.guardian_id HAVING COUNT(*) = 2 AND COUNT(p.left_on) = 0 ORDER BY pg.guardian_id LIMIT 1",
        [&](const soci::row& r) { out.family_guardian = store::row_integer(r, 0); }, school);
  });
  if (out.family_guardian) {
    activate(*pupils.find_guardian(out.family_guardian), "ouder3");
    out.family = "ouder3";
    for (const auto& p : pupils.children_of_guardian(out.family_guardian))
      out.family_children.push_back(p.name.display());
  }
  for (const auto& [g, child] : to_invite) {
    store::NewAccount a = new_account(g);
    a.username = accounts.free_username(g.name.given, g.name.prefix, g.name.surname);
    auto made = accounts.invite(a, ib);
    if (auto* code = std::get_if<store::IssuedCode>(&made))
      out.invited.push_back({code->username, code->display_name, child, code->code});
  }
  return out;
}

}  // namespace koers::demo
