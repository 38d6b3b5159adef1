// The groepsoverzicht as an Excel workbook (.xlsx), laid out like the page
// (templates/overview.mustache) so a team can sort, filter and print it.
//
// One sheet: a title row ("Groepsoverzicht Groep 5/6 — Periode 1 (…)"), a line about the
// group, then a frozen header (section names over one column per subject) with an
// autofilter, and one row per pupil: name, jaargroep, aanpak per subject, the last LVS
// moments per subject (coloured by the latest level), the latest method test per subject
// (red below the mastery percentage), AVI, protective and hindering factors, educational
// needs (each with its source, author and date) and the open signals. Printed
// landscape on A4, one page wide.
//
// A second sheet, "Resultaten", for sorting and pivot tables: from A1 a header and one row per
// LVS result the overview holds (every moment, not only the last three): leerling,
// leerlingnummer, jaargroep, toets, moment, afnamedatum, vaardigheidsscore, niveau, percentiel
// and DLE, numbers as numbers and the date as a date.
#pragma once

#include <string>

#include "domain/group_overview.h"

namespace koers::io {

// The bytes of the .xlsx file. `mastery_percentage` is the school's norm for method tests
// (0: none, nothing is red). The signals on a line are taken as open (the caller leaves out
// the ones already decided); per subject the sheet shows those of the latest moment and
// counts the earlier ones. Writes through one temporary file of its own (libxlsxwriter writes
// files only), removed before it returns; throws std::runtime_error with libxlsxwriter's
// error text when the workbook cannot be written.
std::string group_overview_xlsx(const domain::GroupOverview& overview, double mastery_percentage);

}  // namespace koers::io
