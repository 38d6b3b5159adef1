// Reads an EDEXML file (versions 1.0.3, 2.0, 2.1) as exported by ParnasSys, ESIS and
// other administration systems: pupils, groups and teachers of one school.
//
// Contract: returns the whole document, or the first problem with its line and element.
// Checks what the importer relies on: the school block (schooljaar; a BRIN code, or a
// Flemish school's instellingsnummer, or neither, as the XSD allows), a key on
// every record, unique keys, valid dates, an achternaam or else a roepnaam for every pupil
// and teacher (as the XSD asks: a roepnaam alone is enough, and the importer lists such a
// record as incomplete), and that every group a pupil or teacher refers to exists in the
// file. Unknown elements and <toevoegingen> are ignored.
#pragma once

#include <string_view>

#include "io/edexml_document.h"
#include "io/import_error.h"

namespace koers::io {

Outcome<EdexDocument> read_edexml(std::string_view xml);

}  // namespace koers::io
