// External care-team members (zorgteamleden, Role::kCareTeamMember): their discipline from a
// fixed list (stable key, Dutch label, whether it may do HGD), their organisation, and who
// may add them to a school or list them. One external may serve several schools of a board.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/access_policy.h"

namespace koers::domain {

enum class Discipline {
  kOrthopedagogue,      // orthopedagoog
  kPsychologist,        // psycholoog
  kSchoolSocialWorker,  // schoolmaatschappelijk werker (SMW)
  kYouthDoctor,         // jeugdarts (schoolarts)
  kYouthNurse,          // jeugdverpleegkundige
  kSpeechTherapist,     // logopedist
  kAttendanceOfficer,   // leerplichtambtenaar
  kAmbulantSupport,     // ambulant begeleider (AB)
  kYouthCare,           // medewerker Bureau Jeugdzorg
};

struct DisciplineInfo {
  Discipline discipline;
  std::string_view key;    // stable: database, API, forms ("orthopedagoog")
  std::string_view label;  // Dutch, for the UI ("Orthopedagoog")
  // May do handelingsgerichte diagnostiek: the seed's "externe deskundige met diagnostische
  // bevoegdheden zoals een psycholoog of orthopedagoog, een schoolarts of SMW-er".
  bool diagnostic;
};

// Every discipline in the order forms list them.
std::span<const DisciplineInfo> all_disciplines();
const DisciplineInfo& discipline_info(Discipline d);
std::optional<Discipline> discipline_from_key(std::string_view key);

// The profile of an external as typed: nullopt when it may be stored, else the Dutch refusal
// naming the field ("Discipline: …", "Organisatie: …"). The organisation is optional, at most
// limits::kOrganisation characters.
std::optional<std::string> external_profile_refusal(std::string_view discipline_key, std::string_view organisation);

// Who may add an external to a school, and see the externals serving it: the IB of that
// school, or the board administrator of the school's board. Nobody else (a head, a teacher,
// an external themself).
bool may_manage_externals_of(const Principal& who, Id school_id, Id school_board_id);

}  // namespace koers::domain
