// Retention (bewaartermijnen, STANDARDS "Privacy"): when a pupil who left must lose which data,
// and whether that is due today. Two kinds of data go at two moments after the leaving date:
// the care and support data (the whole dossier but the record card) after 2 years, 3 for a
// pupil referred to special (primary) education; the enrolment and absence records (the record
// card, enrolments, guardians) after 5 years, and with them the pupil. A board may set its own
// periods. The IB holds a dossier with a reason (nothing of it goes while held) or confirms.
// Pure: no storage, no clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/date.h"
#include "domain/referral.h"
#include "domain/school.h"

namespace koers::domain {

// Where the pupil went, as the IB records it (the administration's file does not say).
enum class LeavingDestination { kUnknown, kRegular, kSpecialPrimary, kSpecial };
std::string leaving_destination_key(LeavingDestination d);    // "", "regulier", "sbo", "so"
std::string leaving_destination_label(LeavingDestination d);  // "onbekend", "regulier onderwijs", …
std::optional<LeavingDestination> parse_leaving_destination(const std::string& key);

// Whether the pupil was referred to special (primary) education: the recorded destination is
// SBO or SO, or a referral in Koers was sent and not withdrawn, and either decided positively
// with a placement naming SBO or SO, or undecided under a procedure whose name names SBO or SO.
// A negative decision, or a positive one for another placement ("rugzak"), does not count.
bool referred_to_special_education(LeavingDestination destination, const std::vector<ReferralSummary>& referrals);

// A board's periods in whole years after the leaving date; the defaults are the national ones.
struct RetentionPeriods {
  int care_years = 2;          // zorg- en begeleidingsgegevens
  int special_care_years = 3;  // the same, for a pupil referred to SBO/SO
  int record_years = 5;        // inschrijvings- en verzuimgegevens: the pupil goes
  bool operator==(const RetentionPeriods&) const = default;
};
// What is wrong with the periods, naming the field in Dutch: a period outside 1–20 years, or
// the record kept shorter than the care data (the record card goes last).
std::vector<std::string> retention_period_problems(const RetentionPeriods& p);

// `day` plus whole years; 29 February becomes 28 February in a year without it.
Date add_years(const Date& day, int years);

// What goes at a step: the care data, or the whole dossier with the pupil.
enum class RetentionStep { kNone, kCareData, kWholeRecord };
std::string retention_step_label(RetentionStep s);  // "", "zorg- en begeleidingsgegevens", "het hele dossier"

struct RetentionDates {
  Date care_due_on;    // left_on + care (or special care) years
  Date record_due_on;  // left_on + record years
};
RetentionDates retention_dates(const Date& left_on, bool referred_special, const RetentionPeriods& p);

// A hold: the IB keeps the dossier (a complaint, a court case, a request of the parents).
struct RetentionHold {
  std::string reason, by, at;
};
// Why a hold with this reason is refused, naming the field: no reason, or over 1000 characters.
std::optional<std::string> hold_problem(const std::string& reason);

// One pupil who left, as the retention list shows them.
struct RetentionCase {
  Id pupil_id = 0, school_id = 0;
  std::string name;
  Date left_on;
  LeavingDestination destination = LeavingDestination::kUnknown;
  bool referred_special = false;            // referred_to_special_education
  std::optional<RetentionHold> hold;
  std::string care_deleted_at;              // "" until the care data went
  RetentionDates dates;
  RetentionStep due = RetentionStep::kNone;  // what is due today (also when held)
  Date next_on;                              // when the next step is due (or was)
  bool held() const { return hold.has_value(); }
};
// The case of a pupil who left on `left_on`: its dates, and what is due on `today`: the whole
// dossier once record_due_on is reached; else the care data once care_due_on is reached and
// they have not gone yet; else nothing. A hold does not change what is due, only whether it
// may go (may_delete).
RetentionCase retention_case(Id pupil_id, Id school_id, const std::string& name, const Date& left_on,
                             LeavingDestination destination, bool referred_special, std::optional<RetentionHold> hold,
                             const std::string& care_deleted_at, const RetentionPeriods& p, const Date& today);
// Whether the step due may be carried out: something is due and the dossier is not held.
bool may_delete(const RetentionCase& c);
// The state in Dutch for the list: "vastgehouden", "verwijderen: …", "bewaren tot …".
std::string retention_state_label(const RetentionCase& c);

// The retention list, holds and confirmations of a school: its IB only.
bool may_manage_retention(const Principal& who, Id school_id);

}  // namespace koers::domain
