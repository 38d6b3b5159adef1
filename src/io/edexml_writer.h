// Writes an EdexDocument as EDEXML 2.1 XML, the way an administration system exports it:
// valid against the 2.1 XSD for a document read_edexml() would accept (a test checks
// this with xmllint), and read back by read_edexml() to an equal document. Writes a BSN
// only when the document has one.
#pragma once

#include <string>

#include "io/edexml_document.h"

namespace koers::io {

std::string write_edexml(const EdexDocument& doc);

}  // namespace koers::io
