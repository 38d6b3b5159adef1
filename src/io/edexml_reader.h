// Reads an EDEXML file (versions 1.0.3, 2.0, 2.1) as exported by ParnasSys, ESIS and
// other administration systems: pupils, groups and teachers of one school.
//
// Contract: returns the whole document, or the first problem with its line and element.
// Refuses what the standard's XSD refuses in the parts Koers reads: the school block with
// its schooljaar, a key on every record, unique keys and ECK iDs, every group a pupil or
// teacher refers to existing in the file, an achternaam or else a roepnaam for every
// pupil and teacher, and values as the XSD allows them (edexml_values.h: jaargroep,
// geslacht, rol, BRIN code or Flemish instellingsnummer, BSN, dates, lengths). Never
// demands what the XSD makes optional: a pupil with only a roepnaam is read (the importer
// lists it as incomplete), and so is a school without a BRIN code. Unknown elements and
// <toevoegingen> are ignored. The file may be in UTF-8, ISO-8859-1, windows-1252,
// ISO-8859-15 or UTF-16 (with BOM), as its declaration says: every text comes out UTF-8;
// a byte invalid in that encoding, a NUL, or an encoding Koers does not know is refused.
#pragma once

#include <string_view>

#include "io/edexml_document.h"
#include "io/import_error.h"

namespace koers::io {

Outcome<EdexDocument> read_edexml(std::string_view bytes);

}  // namespace koers::io
