// The year calendar (jaarplanning) as an iCalendar file (RFC 5545), so a teacher can import it
// into or subscribe to it from Outlook, Google or Apple Calendar. Writes text only: no clock,
// no storage; the caller names every event and says when it last changed.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"

namespace koers::io {

struct CalendarEvent {
  std::string uid;        // stable and unique across installations, e.g. "bespreking-12-<installation>@koers"
  int sequence = 0;       // raised on every change, so a calendar updates the event instead of adding one
  domain::Date on;
  std::string starts_at;  // local Dutch time "14:15" (also "9:00", "14.15"); empty: all day
  int minutes = 60;       // duration of a timed event; ≤ 0: no DTEND (takes up no time)
  std::string summary, description, location;  // UTF-8; description and location may be empty
  std::string updated_at;  // UTC, "2026-11-23T10:15:00" with or without "Z": the DTSTAMP
};

// The calendar as one VCALENDAR: VERSION:2.0, PRODID:-//Koers//Jaarplanning//NL,
// CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME (left out when the name is empty),
// X-WR-TIMEZONE:Europe/Amsterdam, a VTIMEZONE for Europe/Amsterdam (CET/CEST, changing on
// the last Sundays of March and October), then one VEVENT per event in the given order with
// UID, DTSTAMP (…Z), SEQUENCE, DTSTART, DTEND, SUMMARY and, when not empty, DESCRIPTION and
// LOCATION.
// - A timed event: DTSTART;TZID=Europe/Amsterdam:20261124T141500, DTEND `minutes` later in
//   the same zone, past midnight onto the next date when it gets there.
// - An all-day event: DTSTART;VALUE=DATE:20261124 and DTEND;VALUE=DATE:20261125.
// Texts are escaped (\ ; , as \\ \; \, and a line break, CRLF, CR or LF, as \n; other control
// characters are dropped). Every line ends in CRLF and is folded at 75 octets, never inside a
// UTF-8 character; a continuation line starts with one space.
// Throws std::invalid_argument for an event Koers should never make: an empty uid, a date that
// is not valid, a start time or updated_at that cannot be read.
std::string write_ics(const std::string& calendar_name, const std::vector<CalendarEvent>& events);

}  // namespace koers::io
