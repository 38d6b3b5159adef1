#include "store/route_repository.h"

#include <algorithm>
#include <map>

#include "domain/person_name.h"
#include "store/care_team_repository.h"
#include "store/group_repository.h"
#include "store/hgd_repository.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/plan_repository.h"
#include "store/read_snapshot.h"
#include "store/referral_repository.h"
#include "store/school_repository.h"

namespace koers::store {

using domain::Id;

namespace {

const char* kPupilsOfGroup =
    "SELECT p.id, p.given_name, p.surname_prefix, p.surname, p.left_on FROM enrolments e JOIN pupils p ON "
    "p.id = e.pupil_id WHERE e.group_id = :g";

}  // namespace

std::vector<RouteGroup> RouteRepository::school(Id school_id) {
  const auto year = SchoolRepository(db_).current_school_year(school_id);
  if (!year) return {};
  const auto groups = GroupRepository(db_).groups_of_school(school_id, year->id);
  return db_.read([&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.engine());
    auto periods = SchoolRepository(db_).periods(sql, school_id, year->id);
    std::stable_sort(periods.begin(), periods.end(), [](const auto& a, const auto& b) { return a.starts_on < b.starts_on; });
    std::map<Id, std::vector<domain::Meeting>> meetings;
    for (auto& m : MeetingRepository(db_).pupil_discussions_of_school(sql, school_id))
      meetings[m.pupil_id].push_back(std::move(m));
    std::map<Id, std::vector<domain::IhpSummary>> ihps;
    for (auto& s : IhpRepository(db_).of_school(sql, school_id)) ihps[s.pupil_id].push_back(std::move(s));
    std::map<Id, std::vector<domain::CareTeamCase>> cases;
    for (auto& c : CareTeamCaseRepository(db_).of_school(sql, school_id)) cases[c.pupil_id].push_back(std::move(c));
    std::map<Id, std::vector<domain::HgdRequest>> hgds;
    for (auto& h : HgdRepository(db_).of_school(sql, school_id)) hgds[h.pupil_id].push_back(std::move(h));
    std::map<Id, std::vector<domain::ReferralSummary>> referrals;
    for (auto& r : ReferralRepository(db_).summaries_of_school(sql, school_id)) {
      const Id pupil = r.pupil_id;
      referrals[pupil].push_back(std::move(r));
    }

    std::vector<RouteGroup> out;
    for (const domain::Group& g : groups) {
      if (g.kind != domain::GroupKind::kRegular) continue;
      RouteGroup rg{g, {}};
      auto stored = PlanRepository(db_).latest_per_period(sql, g.id);
      std::vector<domain::RecordPlan> plans;
      for (const domain::Period& p : periods)
        if (auto it = stored.find(p.id); it != stored.end())
          plans.push_back({std::move(it->second), p.name, p.starts_on, p.ends_on});
      std::vector<std::pair<std::string, domain::PupilRecord>> pupils;
      db_.each_row(
          sql, kPupilsOfGroup,
          [&](const soci::row& r) {
            if (!row_text(r, 4).empty()) return;  // left the school
            const domain::PersonName name{r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
            domain::PupilRecord rec;
            rec.pupil_id = row_integer(r, 0);
            rec.name = name.display();
            rec.school_id = school_id;
            rec.group_id = g.id;
            pupils.emplace_back(name.sort_key(), std::move(rec));
          },
          g.id);
      std::stable_sort(pupils.begin(), pupils.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [key, rec] : pupils) {
        rec.plans = plans;
        if (auto it = meetings.find(rec.pupil_id); it != meetings.end()) rec.meetings = it->second;
        if (auto it = ihps.find(rec.pupil_id); it != ihps.end()) rec.ihps = it->second;
        if (auto it = cases.find(rec.pupil_id); it != cases.end()) rec.cases = it->second;
        if (auto it = hgds.find(rec.pupil_id); it != hgds.end()) rec.hgd_requests = it->second;
        if (auto it = referrals.find(rec.pupil_id); it != referrals.end()) rec.referrals = it->second;
        rg.pupils.push_back(std::move(rec));
      }
      out.push_back(std::move(rg));
    }
    return out;
  });
}

}  // namespace koers::store
