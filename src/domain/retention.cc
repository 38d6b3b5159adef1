#include "domain/retention.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace koers::domain {

std::string leaving_destination_key(LeavingDestination d) {
  switch (d) {
    case LeavingDestination::kUnknown: return "";
    case LeavingDestination::kRegular: return "regulier";
    case LeavingDestination::kSpecialPrimary: return "sbo";
    case LeavingDestination::kSpecial: return "so";
  }
  return "";
}

std::string leaving_destination_label(LeavingDestination d) {
  switch (d) {
    case LeavingDestination::kUnknown: return "onbekend";
    case LeavingDestination::kRegular: return "regulier onderwijs (basisschool of voortgezet onderwijs)";
    case LeavingDestination::kSpecialPrimary: return "speciaal basisonderwijs (SBO)";
    case LeavingDestination::kSpecial: return "speciaal onderwijs (SO)";
  }
  return "";
}

std::optional<LeavingDestination> parse_leaving_destination(const std::string& key) {
  for (auto d : {LeavingDestination::kUnknown, LeavingDestination::kRegular, LeavingDestination::kSpecialPrimary,
                 LeavingDestination::kSpecial})
    if (leaving_destination_key(d) == key) return d;
  return std::nullopt;
}

namespace {

// Whether the text names SBO or SO as a word ("SBO De Wissel", "plaatsing op het SO").
bool names_special_education(const std::string& text) {
  std::string word;
  auto check = [&] { return word == "SBO" || word == "SO"; };
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      if (check()) return true;
      word.clear();
    }
  }
  return false;
}

}  // namespace

bool referred_to_special_education(LeavingDestination destination, const std::vector<ReferralSummary>& referrals) {
  if (destination == LeavingDestination::kSpecialPrimary || destination == LeavingDestination::kSpecial) return true;
  return std::any_of(referrals.begin(), referrals.end(), [](const ReferralSummary& r) {
    if (!r.sent() || r.status == ReferralStatus::kWithdrawn) return false;
    if (r.decision) return r.decision->positive && names_special_education(r.decision->placement);
    return names_special_education(r.procedure_name);
  });
}

std::vector<std::string> retention_period_problems(const RetentionPeriods& p) {
  std::vector<std::string> out;
  auto check = [&](int years, const char* field, const char* what) {
    if (years < 1 || years > 20)
      out.push_back(fmt::format("{}: de bewaartermijn van {} moet 1 tot en met 20 jaar zijn (niet {})", field, what,
                                years));
  };
  check(p.care_years, "zorg_jaren", "zorg- en begeleidingsgegevens");
  check(p.special_care_years, "zorg_jaren_so", "zorg- en begeleidingsgegevens bij verwijzing naar SBO/SO");
  check(p.record_years, "inschrijving_jaren", "inschrijvings- en verzuimgegevens");
  if (p.record_years < std::max(p.care_years, p.special_care_years))
    out.push_back(
        "inschrijving_jaren: de inschrijvingsgegevens moeten minstens zo lang bewaard worden als de zorggegevens "
        "(met de inschrijving verdwijnt de leerling)");
  return out;
}

Date add_years(const Date& day, int years) {
  Date out{day.year + years, day.month, day.day};
  if (!out.valid() && out.month == 2 && out.day == 29) out.day = 28;
  return out;
}

std::string retention_step_label(RetentionStep s) {
  switch (s) {
    case RetentionStep::kNone: return "";
    case RetentionStep::kCareData: return "zorg- en begeleidingsgegevens";
    case RetentionStep::kWholeRecord: return "het hele dossier";
  }
  return "";
}

RetentionDates retention_dates(const Date& left_on, bool referred_special, const RetentionPeriods& p) {
  return {add_years(left_on, referred_special ? p.special_care_years : p.care_years),
          add_years(left_on, p.record_years)};
}

std::optional<std::string> hold_problem(const std::string& reason) {
  bool blank = std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return "reden: schrijf op waarom het dossier langer bewaard blijft";
  if (reason.size() > 1000) return "reden: ten hoogste 1000 tekens";
  return std::nullopt;
}

RetentionCase retention_case(Id pupil_id, Id school_id, const std::string& name, const Date& left_on,
                             LeavingDestination destination, bool referred_special, std::optional<RetentionHold> hold,
                             const std::string& care_deleted_at, const RetentionPeriods& p, const Date& today) {
  RetentionCase c;
  c.pupil_id = pupil_id;
  c.school_id = school_id;
  c.name = name;
  c.left_on = left_on;
  c.destination = destination;
  c.referred_special = referred_special;
  c.hold = std::move(hold);
  c.care_deleted_at = care_deleted_at;
  c.dates = retention_dates(left_on, referred_special, p);
  const bool care_gone = !care_deleted_at.empty();
  if (today >= c.dates.record_due_on)
    c.due = RetentionStep::kWholeRecord;
  else if (!care_gone && today >= c.dates.care_due_on)
    c.due = RetentionStep::kCareData;
  c.next_on = c.due == RetentionStep::kWholeRecord || care_gone ? c.dates.record_due_on : c.dates.care_due_on;
  return c;
}

bool may_delete(const RetentionCase& c) { return c.due != RetentionStep::kNone && !c.held(); }

std::string retention_state_label(const RetentionCase& c) {
  if (c.held()) return "vastgehouden";
  if (c.due != RetentionStep::kNone) return "verwijderen: " + retention_step_label(c.due);
  return fmt::format("bewaren tot {}", c.next_on.dutch());
}

bool may_manage_retention(const Principal& who, Id school_id) {
  return who.role == Role::kSupportCoordinator && school_id != 0 && who.school_id == school_id;
}

}  // namespace koers::domain
