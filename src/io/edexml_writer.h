// Writes an EdexDocument as EDEXML 2.1-shaped XML, the way an administration system
// exports it; read_edexml() reads it back to an equal document. Writes a BSN only when
// the document has one.
#pragma once

#include <string>

#include "io/edexml_document.h"

namespace koers::io {

std::string write_edexml(const EdexDocument& doc);

}  // namespace koers::io
