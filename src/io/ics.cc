#include "io/ics.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string_view>

#include "domain/group_plan.h"  // minutes_of_day

namespace koers::io {

namespace {

constexpr size_t kMaxOctets = 75;  // per line, without the CRLF (RFC 5545 3.1)

// Appends `line` with CRLF, folded: each physical line at most 75 octets, a continuation line
// starting with a space, and no cut before a UTF-8 continuation byte (10xxxxxx).
void add_line(std::string& out, std::string_view line) {
  size_t room = kMaxOctets;
  while (line.size() > room) {
    size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == 0) cut = room;  // no character starts here: not UTF-8, cut where it fits
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxOctets - 1;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

// A TEXT value (RFC 5545 3.3.11).
std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;  // no control characters
        out += c;
    }
  }
  return out;
}

std::string basic_date(const domain::Date& d) { return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day); }

std::string basic_date_time(const domain::Date& d, int minute_of_day) {
  return fmt::format("{}T{:02}{:02}00", basic_date(d), minute_of_day / 60, minute_of_day % 60);
}

[[noreturn]] void refuse(const CalendarEvent& e, const std::string& what) {
  throw std::invalid_argument(fmt::format("Agenda-export: afspraak \"{}\": {}", e.uid, what));
}

// "2026-11-23T10:15:00" or "…Z" (UTC) → "20261123T101500Z".
std::string utc_stamp(const CalendarEvent& e) {
  const std::string& t = e.updated_at;
  const bool shape = (t.size() == 19 || (t.size() == 20 && t[19] == 'Z')) && t[10] == 'T' && t[13] == ':' &&
                     t[16] == ':';
  auto number = [&](size_t at) {
    const bool digits = t[at] >= '0' && t[at] <= '9' && t[at + 1] >= '0' && t[at + 1] <= '9';
    return digits ? (t[at] - '0') * 10 + (t[at + 1] - '0') : 99;
  };
  const auto day = shape ? domain::parse_iso_date(std::string_view(t).substr(0, 10)) : std::nullopt;
  if (!day || number(11) > 23 || number(14) > 59 || number(17) > 60)
    refuse(e, fmt::format("bijgewerkt op \"{}\" is geen UTC-tijd als 2026-11-23T10:15:00", t));
  return fmt::format("{}T{}{}{}Z", basic_date(*day), t.substr(11, 2), t.substr(14, 2), t.substr(17, 2));
}

void add_timezone(std::string& out) {
  for (const char* line : {"BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam", "X-LIC-LOCATION:Europe/Amsterdam",
                           "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
                           "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
                           "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
                           "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
                           "END:VTIMEZONE"})
    add_line(out, line);
}

void add_event(std::string& out, const CalendarEvent& e) {
  if (e.uid.empty()) refuse(e, "geen UID");
  if (!e.on.valid()) refuse(e, "geen geldige datum");
  add_line(out, "BEGIN:VEVENT");
  add_line(out, "UID:" + escaped(e.uid));
  add_line(out, "DTSTAMP:" + utc_stamp(e));
  add_line(out, "SEQUENCE:" + std::to_string(std::max(0, e.sequence)));
  if (e.starts_at.empty()) {
    add_line(out, "DTSTART;VALUE=DATE:" + basic_date(e.on));
    add_line(out, "DTEND;VALUE=DATE:" + basic_date(domain::add_days(e.on, 1)));
  } else {
    const auto start = domain::minutes_of_day(e.starts_at);
    if (!start) refuse(e, fmt::format("begintijd \"{}\" is geen tijd als 14:15", e.starts_at));
    add_line(out, "DTSTART;TZID=Europe/Amsterdam:" + basic_date_time(e.on, *start));
    if (e.minutes > 0) {
      const long long end = *start + static_cast<long long>(e.minutes);
      add_line(out, "DTEND;TZID=Europe/Amsterdam:" +
                        basic_date_time(domain::add_days(e.on, static_cast<int>(end / 1440)), static_cast<int>(end % 1440)));
    }
  }
  add_line(out, "SUMMARY:" + escaped(e.summary));
  if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escaped(e.description));
  if (!e.location.empty()) add_line(out, "LOCATION:" + escaped(e.location));
  add_line(out, "END:VEVENT");
}

}  // namespace

std::string write_ics(const std::string& calendar_name, const std::vector<CalendarEvent>& events) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//Koers//Jaarplanning//NL");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  if (!calendar_name.empty()) add_line(out, "X-WR-CALNAME:" + escaped(calendar_name));
  add_line(out, "X-WR-TIMEZONE:Europe/Amsterdam");
  add_timezone(out);
  for (const CalendarEvent& e : events) add_event(out, e);
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace koers::io
