// The values EDEXML's XSDs allow in the fields Koers reads, checked as the schemas check
// them: enumerations (jaargroep, geslacht, rol), patterns (BRIN code, dependancecode,
// instellingsnummer, BSN), xs:date, and the maximum lengths of names and keys. The 2.1
// schema's value sets contain those of 1.0.3 and 2.0, so a value valid in any version Koers
// reads passes. Shared by the reader (which names the element's line) and the importer
// (which checks documents built in code by the same rules).
//
// Two deliberate differences from the published schemas: digits and capitals are ASCII
// (the XSD's \p{Nd} and \p{Lu} also admit other scripts, which no administration system
// writes), and a school year is any "jjjj-jjjj" of two consecutive years, since the
// schema's list of school years is extended every year (the 2.1 one ends at 2024-2025).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/date.h"

namespace koers::io::edexml {

// EDEXJaargroepType: 0–8, 11–16, B, D, S, V, C, N and H.
bool is_year_group(std::string_view v);
inline constexpr std::string_view kYearGroups = "0 t/m 8, 11 t/m 16, B, D, S, V, C, N of H";

// EDEXLeerkrachtRolType: ADJ, ADM, … TAL, VAK.
bool is_staff_role(std::string_view v);
inline constexpr std::string_view kStaffRoles =
    "ADJ, ADM, CON, DIR, ICT, IB, KLA, LRK, LOS, LOC, OWA, OUD, RT, SMW, STA, TAL of VAK";

// EDEXGeslachtType, an xs:integer: "1", "01" and "+1" are all 1. Empty when not 0, 1, 2 or 9.
std::optional<int> gender_code(std::string_view v);

bool is_brin(std::string_view v);                // EDEXBrincodeType: two digits, two capitals ("12AB")
bool is_dependance(std::string_view v);          // EDEXDependancecodeType: two digits
bool is_institution_number(std::string_view v);  // EDEXInstellingsnummerType (Flanders): 2 to 6 digits
bool is_bsn(std::string_view v);                 // EDEXBsnType: nine digits
bool is_bsn_last4(std::string_view v);           // EDEXBsnOndwnr-4Type: four digits

// xs:date: jjjj-mm-dd, optionally with a time zone ("Z", "+01:00"), which says nothing
// about the day and is dropped.
std::optional<domain::Date> parse_date(std::string_view v);

// The length the XSD's maxLength counts: characters (code points), not UTF-8 bytes.
size_t length(std::string_view utf8);

// maxLength of the string types Koers reads.
inline constexpr size_t kMaxKey = 256;          // EDEXKeyType (key, eckid, schoolkey)
inline constexpr size_t kMaxSurname = 200;      // EDEXAchternaamType
inline constexpr size_t kMaxPrefix = 10;        // EDEXVoorvoegselType
inline constexpr size_t kMaxFirstNames = 200;   // EDEXVoornamenType
inline constexpr size_t kMaxInitials = 6;       // EDEXVoorletters-1Type
inline constexpr size_t kMaxName = 64;          // EDEXString64Type (roepnaam, naam of a group)
inline constexpr size_t kMaxEmail = 256;        // EDEXString256Type
inline constexpr size_t kMaxRoleText = 64;      // EDEXRolOmschtijvingType
inline constexpr size_t kMaxAuthor = 128;       // EDEXString128Type
inline constexpr size_t kMaxXsdVersion = 32;    // EDEXString32Type

}  // namespace koers::io::edexml
