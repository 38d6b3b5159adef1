#include "domain/external_member.h"

#include <array>

#include "domain/field_limits.h"

namespace koers::domain {

namespace {
constexpr std::array<DisciplineInfo, 9> kDisciplines = {{
    {Discipline::kOrthopedagogue, "orthopedagoog", "Orthopedagoog", true},
    {Discipline::kPsychologist, "psycholoog", "Psycholoog", true},
    {Discipline::kSchoolSocialWorker, "schoolmaatschappelijk-werker", "Schoolmaatschappelijk werker", true},
    {Discipline::kYouthDoctor, "jeugdarts", "Jeugdarts", true},
    {Discipline::kYouthNurse, "jeugdverpleegkundige", "Jeugdverpleegkundige", false},
    {Discipline::kSpeechTherapist, "logopedist", "Logopedist", false},
    {Discipline::kAttendanceOfficer, "leerplichtambtenaar", "Leerplichtambtenaar", false},
    {Discipline::kAmbulantSupport, "ambulant-begeleider", "Ambulant begeleider", false},
    {Discipline::kYouthCare, "bureau-jeugdzorg", "Medewerker Bureau Jeugdzorg", false},
}};
}  // namespace

std::span<const DisciplineInfo> all_disciplines() { return kDisciplines; }

const DisciplineInfo& discipline_info(Discipline d) {
  for (const auto& info : kDisciplines)
    if (info.discipline == d) return info;
  return kDisciplines.front();  // unreachable: every enumerator is in the table (tested)
}

std::optional<Discipline> discipline_from_key(std::string_view key) {
  for (const auto& info : kDisciplines)
    if (info.key == key) return info.discipline;
  return std::nullopt;
}

std::optional<std::string> external_profile_refusal(std::string_view discipline_key, std::string_view organisation) {
  if (!discipline_from_key(discipline_key)) {
    std::string keys;
    for (const auto& info : kDisciplines) keys += (keys.empty() ? "" : ", ") + std::string(info.key);
    return std::string(discipline_key.empty() ? "Discipline: verplicht" : "Discipline: onbekend") +
           "; kies een van de disciplines in de lijst (" + keys + ").";
  }
  if (auto why = limits::too_long(organisation, limits::kOrganisation)) return "Organisatie: de tekst " + *why + " tekens.";
  return std::nullopt;
}

bool may_manage_externals_of(const Principal& who, Id school_id, Id school_board_id) {
  if (who.account_id == 0 || school_id == 0 || who.board_id != school_board_id) return false;
  if (who.role == Role::kBoardAdmin) return true;
  return who.role == Role::kSupportCoordinator && who.school_id == school_id;
}

}  // namespace koers::domain
