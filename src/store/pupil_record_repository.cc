#include "store/pupil_record_repository.h"

#include <fmt/format.h>

#include <tuple>

#include "domain/person_name.h"
#include "store/audit_log.h"
#include "store/care_team_agenda_repository.h"
#include "store/care_team_repository.h"
#include "store/cutoff_repository.h"
#include "store/dossier_request_repository.h"
#include "store/hgd_repository.h"
#include "store/ihp_repository.h"
#include "store/meeting_repository.h"
#include "store/overview_repository.h"
#include "store/plan_repository.h"
#include "store/pupil_repository.h"
#include "store/read_snapshot.h"
#include "store/referral_repository.h"
#include "store/school_calendar_repository.h"
#include "store/school_repository.h"
#include "store/signal_repository.h"

namespace koers::store {

using domain::Id;

namespace {

// The pupil; the school's current year (the latest year the school has groups in, as
// PupilRepository::scope takes it); the pupil's enrolment in it, a regular group before a
// combined one, the lowest group id first. Three short queries: as one, the year was worked
// out again for every group of the school (0.45 ms a pupil instead of 0.05 in the demo).
const char* kPupil = "SELECT school_id, given_name, surname_prefix, surname, edex_key FROM pupils WHERE id = :p";
const char* kCurrentYear =
    "SELECT y.id FROM school_years y WHERE EXISTS (SELECT 1 FROM school_groups g WHERE g.school_id = :s AND "
    "g.school_year_id = y.id) ORDER BY y.starts_on DESC LIMIT 1";
const char* kEarlierGroups =
    "SELECT e.group_id, g.school_year_id, y.name FROM enrolments e JOIN school_groups g ON g.id = e.group_id "
    "JOIN school_years y ON y.id = g.school_year_id WHERE e.pupil_id = :p AND g.school_year_id <> :y "
    "ORDER BY y.starts_on, e.group_id";

const char* kEnrolment =
    "SELECT e.group_id, e.year_group FROM enrolments e JOIN school_groups g ON g.id = e.group_id "
    "WHERE e.pupil_id = :p AND g.school_year_id = :y ORDER BY CASE WHEN g.kind = 'regular' THEN 0 ELSE 1 END, "
    "e.group_id LIMIT 1";

}  // namespace

std::optional<domain::PupilRecord> PupilRecordRepository::read(Id pupil_id, const std::string& as_of) {
  return db_.read([&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.engine());
    return read_in(sql, pupil_id, as_of);
  });
}

std::optional<domain::PupilRecord> PupilRecordRepository::read_whole(Id pupil_id) {
  return db_.read([&](soci::session& sql) -> std::optional<domain::PupilRecord> {
    ReadSnapshot snapshot(sql, db_.engine());
    auto record = read_in(sql, pupil_id, kNow);
    if (!record) return record;
    PupilRepository pupils(db_);
    record->card = pupils.find(sql, pupil_id);
    record->enrolments = pupils.enrolments(sql, pupil_id);
    record->guardians = pupils.guardians(sql, pupil_id);
    record->requests = DossierRequestRepository(db_).of_pupil(sql, pupil_id);
    AuditQuery trail;
    trail.pupil_id = pupil_id;
    trail.limit = kWholeTrailLimit;
    record->accesses = AuditLog(db_).find(sql, trail);
    return record;
  });
}

std::optional<domain::PupilRecord> PupilRecordRepository::read_in(soci::session& sql, Id pupil_id,
                                                                  const std::string& as_of) {
  domain::PupilRecordParts parts;
  Id year_id = 0;
  bool found = false;
  db_.each_row(
      sql, kPupil,
      [&](const soci::row& r) {
        found = true;
        parts.pupil_id = pupil_id;
        parts.school_id = row_integer(r, 0);
        parts.name =
            domain::PersonName{r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)}.display();
        parts.pupil_number = row_text(r, 4);
      },
      pupil_id);
  if (!found) return std::nullopt;
  Id current_year = 0;
  db_.each_row(
      sql, kCurrentYear, [&](const soci::row& r) { current_year = row_integer(r, 0); }, parts.school_id);
  db_.each_row(
      sql, kEnrolment,
      [&](const soci::row& r) {
        parts.group_id = row_integer(r, 0);
        parts.year_group = row_text(r, 1);
        year_id = current_year;
      },
      pupil_id, current_year);

  const std::vector<Id> ids{pupil_id};
  OverviewRepository overview(db_);
  parts.results = std::move(overview.standardised_results(sql, ids, as_of)[pupil_id]);
  if (parts.group_id) {
    db_.each_row(
        sql, "SELECT year_group FROM enrolments WHERE group_id = :g",
        [&](const soci::row& r) { parts.group_year_groups.push_back(r.get<std::string>(0)); }, parts.group_id);
    parts.approaches = std::move(overview.approaches(sql, ids, as_of)[pupil_id]);
    parts.entries = std::move(overview.entries(sql, ids, as_of)[pupil_id]);
    parts.method_tests = std::move(overview.method_tests(sql, ids, as_of)[pupil_id]);
    parts.reading_levels = std::move(overview.reading_levels(sql, ids, as_of)[pupil_id]);
    parts.rules = SignalRepository(db_).rules(sql, parts.school_id);
    parts.periods = SchoolRepository(db_).periods(sql, parts.school_id, year_id);
    auto plans = PlanRepository(db_).latest_per_period(sql, parts.group_id);
    for (const domain::Period& p : parts.periods) {
      auto it = plans.find(p.id);
      parts.plans.push_back(it == plans.end() ? std::nullopt : std::optional(std::move(it->second)));
    }
  }
  // The plans of the groups the pupil was in in earlier school years (the OKR's help given).
  std::vector<std::tuple<Id, Id, std::string>> earlier;  // group, school year, its name
  db_.each_row(
      sql, kEarlierGroups,
      [&](const soci::row& r) { earlier.emplace_back(row_integer(r, 0), row_integer(r, 1), row_text(r, 2)); },
      pupil_id, current_year);
  for (const auto& [group, year, year_name] : earlier) {
    auto plans = PlanRepository(db_).latest_per_period(sql, group);
    if (plans.empty()) continue;
    for (const domain::Period& p : SchoolRepository(db_).periods(sql, parts.school_id, year))
      if (auto it = plans.find(p.id); it != plans.end())
        parts.earlier_plans.push_back(
            {std::move(it->second), fmt::format("{} {}", p.name, year_name), p.starts_on, p.ends_on});
  }
  parts.meetings = MeetingRepository(db_).of_pupil(sql, pupil_id);
  parts.ihps = IhpRepository(db_).of_pupil(sql, pupil_id);
  parts.ihp_plans = IhpRepository(db_).full_of_pupil(sql, pupil_id);
  parts.holidays = SchoolCalendarRepository(db_).all_holidays(sql, parts.school_id);
  for (auto& i : CareTeamAgendaRepository(db_).reports_of_pupil(sql, pupil_id))
    parts.care_team_reports.push_back({i.meeting_id, i.case_id, i.meeting_on, std::move(i.discussion),
                                       std::move(i.advice), std::move(i.decisions), std::move(i.agreements)});
  parts.cases = CareTeamCaseRepository(db_).of_pupil(sql, pupil_id);
  parts.hgd_requests = HgdRepository(db_).of_pupil(sql, pupil_id);
  parts.referrals = ReferralRepository(db_).summaries_of_pupil(sql, pupil_id);
  if (domain::chart_needs_cutoffs(parts.results)) parts.cutoffs = CutoffRepository(db_).cutoffs(sql, parts.school_id);

  domain::PupilRecord record = domain::assemble_pupil_record(std::move(parts));
  if (!record.line.signals.empty())  // what still counts: the teacher's dismissals left out
    drop_dismissed(record.line.signals, SignalRepository(db_).decisions(sql, pupil_id));
  return record;
}

}  // namespace koers::store
