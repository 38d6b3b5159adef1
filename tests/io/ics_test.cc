// The year calendar as iCalendar: what Outlook and Google need to import it unchanged
// (escaping, folding without breaking a character, CRLF, local times in Europe/Amsterdam).
#include "io/ics.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace koers::io {
namespace {

CalendarEvent event(const std::string& starts_at = "14:15", int minutes = 60) {
  CalendarEvent e;
  e.uid = "meeting-12@koers";
  e.on = domain::Date{2026, 11, 24};
  e.starts_at = starts_at;
  e.minutes = minutes;
  e.summary = "Groepsbespreking groep 5";
  e.updated_at = "2026-11-23T10:15:00";
  return e;
}

// The content lines: CRLF-separated, continuation lines joined again (RFC 5545 3.1).
std::vector<std::string> unfolded(const std::string& ics) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t end; (end = ics.find("\r\n", at)) != std::string::npos; at = end + 2) {
    const std::string line = ics.substr(at, end - at);
    if (!line.empty() && line[0] == ' ' && !out.empty())
      out.back() += line.substr(1);
    else
      out.push_back(line);
  }
  return out;
}

// The one content line starting with `name` ("DTEND") outside the VTIMEZONE, or "" when there
// is none.
std::string line_of(const std::string& ics, const std::string& name) {
  std::string found;
  bool in_zone = false;
  for (const std::string& line : unfolded(ics)) {
    if (line == "BEGIN:VTIMEZONE" || line == "END:VTIMEZONE") in_zone = line[0] == 'B';
    if (in_zone) continue;
    if (line.rfind(name + ":", 0) == 0 || line.rfind(name + ";", 0) == 0) {
      EXPECT_TRUE(found.empty()) << "twice: " << name;
      found = line;
    }
  }
  return found;
}

TEST(Ics, EmptyCalendarIsStillACalendarWithItsTimeZone) {
  EXPECT_EQ(write_ics("Jaarplanning 2026-2027", {}),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//Koers//Jaarplanning//NL\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-WR-CALNAME:Jaarplanning 2026-2027\r\n"
            "X-WR-TIMEZONE:Europe/Amsterdam\r\n"
            "BEGIN:VTIMEZONE\r\n"
            "TZID:Europe/Amsterdam\r\n"
            "X-LIC-LOCATION:Europe/Amsterdam\r\n"
            "BEGIN:DAYLIGHT\r\n"
            "TZOFFSETFROM:+0100\r\n"
            "TZOFFSETTO:+0200\r\n"
            "TZNAME:CEST\r\n"
            "DTSTART:19700329T020000\r\n"
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
            "END:DAYLIGHT\r\n"
            "BEGIN:STANDARD\r\n"
            "TZOFFSETFROM:+0200\r\n"
            "TZOFFSETTO:+0100\r\n"
            "TZNAME:CET\r\n"
            "DTSTART:19701025T030000\r\n"
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
            "END:STANDARD\r\n"
            "END:VTIMEZONE\r\n"
            "END:VCALENDAR\r\n");
  EXPECT_EQ(line_of(write_ics("", {}), "X-WR-CALNAME"), "");
}

TEST(Ics, TimedEventInAmsterdamTimeWithStampInUtc) {
  CalendarEvent e = event();
  e.location = "Teamkamer";
  e.sequence = 3;
  const std::string ics = write_ics("Jaarplanning", {e});
  const auto lines = unfolded(ics);
  const std::vector<std::string> expected{"BEGIN:VEVENT",
                                          "UID:meeting-12@koers",
                                          "DTSTAMP:20261123T101500Z",
                                          "SEQUENCE:3",
                                          "DTSTART;TZID=Europe/Amsterdam:20261124T141500",
                                          "DTEND;TZID=Europe/Amsterdam:20261124T151500",
                                          "SUMMARY:Groepsbespreking groep 5",
                                          "LOCATION:Teamkamer",
                                          "END:VEVENT",
                                          "END:VCALENDAR"};
  ASSERT_GE(lines.size(), expected.size());
  EXPECT_EQ(std::vector<std::string>(lines.end() - static_cast<long>(expected.size()), lines.end()), expected);
  EXPECT_EQ(line_of(ics, "DESCRIPTION"), "");  // left out when empty

  e.updated_at = "2026-11-23T10:15:00Z";  // as Koers stores it
  EXPECT_EQ(line_of(write_ics("", {e}), "DTSTAMP"), "DTSTAMP:20261123T101500Z");
}

TEST(Ics, EndCrossesHoursMidnightAndTheYear) {
  EXPECT_EQ(line_of(write_ics("", {event("14:45", 30)}), "DTEND"), "DTEND;TZID=Europe/Amsterdam:20261124T151500");
  EXPECT_EQ(line_of(write_ics("", {event("9:00", 135)}), "DTSTART"), "DTSTART;TZID=Europe/Amsterdam:20261124T090000");
  EXPECT_EQ(line_of(write_ics("", {event("9:00", 135)}), "DTEND"), "DTEND;TZID=Europe/Amsterdam:20261124T111500");
  EXPECT_EQ(line_of(write_ics("", {event("23:30", 90)}), "DTEND"), "DTEND;TZID=Europe/Amsterdam:20261125T010000");
  CalendarEvent newyear = event("23:30", 60);
  newyear.on = domain::Date{2026, 12, 31};
  EXPECT_EQ(line_of(write_ics("", {newyear}), "DTEND"), "DTEND;TZID=Europe/Amsterdam:20270101T003000");
  newyear.minutes = 0;  // takes no time: DTSTART alone
  EXPECT_EQ(line_of(write_ics("", {newyear}), "DTEND"), "");
}

TEST(Ics, AllDayEventEndsTheNextDay) {
  CalendarEvent e = event("");
  e.on = domain::Date{2027, 2, 28};
  const std::string ics = write_ics("", {e});
  EXPECT_EQ(line_of(ics, "DTSTART"), "DTSTART;VALUE=DATE:20270228");
  EXPECT_EQ(line_of(ics, "DTEND"), "DTEND;VALUE=DATE:20270301");
}

TEST(Ics, TextIsEscaped) {
  CalendarEvent e = event();
  e.summary = "Zorgteam; groep 5, 6 \\ 7";
  e.description = "Agenda:\r\n1. Daan\n2. Anouk\rEinde\tklaar\x01";
  const std::string ics = write_ics("Koers, jaarplanning; IB", {e});
  EXPECT_EQ(line_of(ics, "SUMMARY"), "SUMMARY:Zorgteam\\; groep 5\\, 6 \\\\ 7");
  EXPECT_EQ(line_of(ics, "DESCRIPTION"), "DESCRIPTION:Agenda:\\n1. Daan\\n2. Anouk\\nEinde\tklaar");
  EXPECT_EQ(line_of(ics, "X-WR-CALNAME"), "X-WR-CALNAME:Koers\\, jaarplanning\\; IB");
}

TEST(Ics, CrlfEverywhere) {
  CalendarEvent e = event();
  e.description = std::string(200, 'x') + "\nnieuwe regel";
  const std::string ics = write_ics("Jaarplanning", {e, event("")});
  ASSERT_GE(ics.size(), 2u);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      EXPECT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
}

// Every physical line at most 75 octets, no line (after its space) starting inside a UTF-8
// character, and unfolding gives the summary back.
void expect_folded_well(const std::string& summary) {
  CalendarEvent e = event();
  e.summary = summary;
  const std::string ics = write_ics("", {e});
  size_t at = 0;
  for (size_t end; (end = ics.find("\r\n", at)) != std::string::npos; at = end + 2) {
    const std::string line = ics.substr(at, end - at);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_FALSE(line.empty());
    const size_t first = !line.empty() && line[0] == ' ' ? 1 : 0;
    if (line.size() > first) {
      EXPECT_NE(static_cast<unsigned char>(line[first]) & 0xC0, 0x80) << line;
    }
  }
  EXPECT_EQ(line_of(ics, "SUMMARY"), "SUMMARY:" + summary);
}

TEST(Ics, LongDutchSummaryFoldsBetweenCharacters) {
  // "SUMMARY:" and 66 letters are 74 octets: the ë (2 octets) would end at octet 76, so the
  // first line stops before it at 74 and the next starts with " ë".
  const std::string summary =
      "Groepsbespreking groep 5/6 met de intern begeleider en leerkracht ëërst de coöperatieve "
      "werkvormen en daarna de ideeën van de ouders over het café en de privéles. Tot slot de "
      "evaluatie van het groepsplan — één uur";
  ASSERT_EQ(std::string("SUMMARY:").size() + summary.find("ë"), 74u);
  CalendarEvent e = event();
  e.summary = summary;
  const std::string ics = write_ics("", {e});
  const size_t start = ics.find("SUMMARY:");
  const size_t end = ics.find("\r\n", start);
  EXPECT_EQ(end - start, 74u);
  EXPECT_EQ(ics.substr(end, 4), "\r\n \xC3");
  expect_folded_well(summary);

  // Every position of a 2-octet (é) and a 3-octet (—) character around the fold.
  for (size_t pad = 55; pad < 80; ++pad) {
    expect_folded_well(std::string(pad, 'a') + "éé—é" + std::string(pad, 'b') + "——ë" + std::string(70, 'c'));
    expect_folded_well(std::string(pad, 'a') + "—");
  }
  expect_folded_well(std::string(300, 'x'));
  expect_folded_well("");
}

TEST(Ics, RefusesEventsKoersShouldNeverMake) {
  CalendarEvent e = event();
  e.uid.clear();
  EXPECT_THROW(write_ics("", {e}), std::invalid_argument);
  e = event("kwart over twee");
  EXPECT_THROW(write_ics("", {e}), std::invalid_argument);
  e = event("24:00");
  EXPECT_THROW(write_ics("", {e}), std::invalid_argument);
  e = event();
  e.on = domain::Date{2027, 2, 29};
  EXPECT_THROW(write_ics("", {e}), std::invalid_argument);
  for (const char* stamp : {"", "23-11-2026 10:15", "2026-11-23 10:15:00", "2026-11-23T25:15:00", "2026-11-23T10:15:00+01:00"}) {
    e = event();
    e.updated_at = stamp;
    EXPECT_THROW(write_ics("", {e}), std::invalid_argument) << stamp;
  }
}

}  // namespace
}  // namespace koers::io
