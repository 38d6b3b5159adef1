// How long a text may be that a user or a file brings in: one table, in characters (code
// points, not bytes). Checked at the edge (forms, JSON API, results CSV, EDEXML) and refused
// with the line and field; the README's "Hoe lang een veld mag zijn" lists the same values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace koers::domain::limits {

inline constexpr size_t kTestName = 100;     // toets (LVS), vak of a method test
inline constexpr size_t kTestBlock = 100;    // blok of a method test ("Blok 3")
inline constexpr size_t kNamePart = 200;     // achternaam, tussenvoegsel, roepnaam, voornamen (as EDEXML's achternaam);
                                             // also the name of an account or of a new school
inline constexpr size_t kPupilKey = 256;     // leerlingnummer / EDEXML key (EDEXKeyType)
inline constexpr size_t kGroupName = 64;     // groep (EDEXML's String64 for a group's naam)
inline constexpr size_t kShortValue = 100;   // a date, number, level or moment as typed in a cell or field
inline constexpr size_t kOrganisation = 200;  // organisatie of an external care-team member
inline constexpr size_t kFileName = 255;     // the name of an uploaded document ("rapport HGD.pdf")
inline constexpr size_t kFreeText = 10000;   // notes, reports, goals, reasons: any field not named above
inline constexpr size_t kJsonDepth = 32;     // how deep a JSON body may nest

// The length the limits count: characters, every byte but a UTF-8 continuation byte.
size_t text_length(std::string_view utf8);
// "is 31.457.280 tekens lang; hoogstens 100", or nullopt when the text fits.
std::optional<std::string> too_long(std::string_view text, size_t limit);
// 31457280 → "31.457.280": a count as the refusals write it.
std::string dutch_count(size_t n);
// The text as a refusal may quote it: whole when short, else its first 40 characters and "…".
std::string quoted(std::string_view text);

}  // namespace koers::domain::limits

namespace koers::domain {

// The last day a test result may be dated: tomorrow, one day of tolerance for a result
// entered just after midnight in another time zone. A later date is refused.
Date latest_result_date(Date today);

}  // namespace koers::domain
