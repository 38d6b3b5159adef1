#include "domain/care_team_meeting.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::domain {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::optional<std::string> meeting_refusal(const Meeting& m) {
  if (m.kind != MeetingKind::kCareTeam) return "Dit is geen zorgteamoverleg: alleen daar staan casussen op de agenda.";
  if (m.status == MeetingStatus::kReported) return "Het verslag van dit zorgteamoverleg is vastgesteld; de agenda ligt vast.";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> put_on_agenda(CareTeamCase& c, const Meeting& m, const std::vector<RouteStep>& route,
                                         const Date& today) {
  if (auto refused = meeting_refusal(m)) return refused;
  if (c.school_id != m.school_id) return "Deze casus is niet van de school van dit overleg.";
  if (c.status == CaseStatus::kClosed || c.status == CaseStatus::kReferred)
    return fmt::format("De casus is {}; hij komt niet meer op de agenda.", case_status_label(c.status));
  if (c.status == CaseStatus::kScheduled)
    return c.meeting_id == m.id ? "De casus staat al op de agenda van dit overleg."
                                : "De casus staat al op de agenda van een ander zorgteamoverleg; haal hem daar eerst af.";
  if (c.status == CaseStatus::kRegistered)
    return "De casus is nog aangemeld: leg eerst de toestemming van de ouders vast (of, bij een interne bespreking, "
           "dat de ouders zijn geïnformeerd) en zet de status op 'toestemming geregeld'.";
  if (auto problem = agenda_problem(c, today)) return "Niet op de agenda: " + *problem;
  CareTeamCase moved = c;
  if (auto refused = move_case(moved, CaseStatus::kScheduled, route, today)) return refused;
  moved.meeting_id = m.id;
  c = std::move(moved);
  return std::nullopt;
}

std::optional<std::string> take_off_agenda(CareTeamCase& c, const CaseOnAgenda& item, const Meeting& m) {
  if (auto refused = meeting_refusal(m)) return refused;
  if (!blank(item.discussion) || !blank(item.advice) || !blank(item.decisions) || !item.agreements.empty())
    return "Over deze casus is in dit overleg al iets vastgelegd; hij blijft op de agenda.";
  if (c.meeting_id == m.id && c.status == CaseStatus::kScheduled) {
    c.status = item.status_before;
    c.meeting_id = 0;
  }
  return std::nullopt;
}

std::vector<std::string> invitation_problems(const CaseOnAgenda& item, const CareTeamCase& c, const Date& today) {
  std::vector<std::string> out;
  for (size_t i = 0; i < item.externals.size(); ++i) {
    const Id account = item.externals[i];
    if (std::count(item.externals.begin(), item.externals.end(), account) > 1 &&
        std::find(item.externals.begin(), item.externals.end(), account) != item.externals.begin() + i) {
      out.push_back(fmt::format("Uitgenodigd: account {} staat er twee keer in.", account));
      continue;
    }
    auto member = std::find_if(c.members.begin(), c.members.end(), [&](const auto& m) { return m.account_id == account; });
    if (member == c.members.end()) {
      out.push_back(fmt::format("Uitgenodigd: account {} is niet bij deze casus betrokken; nodig hem eerst uit op de casus.",
                                account));
      continue;
    }
    if (auto access = external_access(c, account, today); !access.allowed())
      out.push_back(fmt::format("Uitgenodigd: {} ({}) mag niet meepraten: {}", member->name, member->discipline,
                                access.reason));
  }
  return out;
}

std::optional<std::string> record_discussion(CareTeamCase& c, CaseOnAgenda& item, const CaseOnAgenda& submitted,
                                             const Meeting& m, const std::vector<RouteStep>& route,
                                             const Date& today) {
  if (auto refused = meeting_refusal(m)) return refused;
  if (!blank(submitted.advice) && blank(submitted.discussion))
    return "Advies: schrijf eerst wat er besproken is, dan het gezamenlijke advies.";
  CareTeamCase moved = c;
  const bool open = c.status != CaseStatus::kClosed && c.status != CaseStatus::kReferred;
  if (!blank(submitted.discussion) && moved.status == CaseStatus::kScheduled && moved.meeting_id == m.id)
    if (auto refused = move_case(moved, CaseStatus::kDiscussed, route, today)) return refused;
  if (!blank(submitted.advice) && open && submitted.advice != item.advice) {
    moved.advice = submitted.advice;
    if (moved.status == CaseStatus::kDiscussed)
      if (auto refused = move_case(moved, CaseStatus::kAdvice, route, today)) return refused;
  }
  item.discussion = submitted.discussion;
  item.advice = submitted.advice;
  item.decisions = submitted.decisions;
  c = std::move(moved);
  return std::nullopt;
}

bool external_sees(const CaseOnAgenda& item, const CareTeamCase& c, Id account_id, const Date& today) {
  if (item.case_id != c.id || account_id == 0) return false;
  if (std::find(item.externals.begin(), item.externals.end(), account_id) == item.externals.end()) return false;
  return external_access(c, account_id, today).allowed();
}

std::vector<std::string> report_gaps(const std::vector<CaseOnAgenda>& agenda) {
  std::vector<std::string> out;
  for (const auto& item : agenda)
    if (blank(item.discussion)) out.push_back(fmt::format("{}: de bespreking is nog niet vastgelegd", item.pupil_name));
  return out;
}

}  // namespace koers::domain
