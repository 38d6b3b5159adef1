// The whole dossier of a pupil as an A4 PDF (inzage, domain/inzage.h): a title, for whom and
// when it was made, then every section under its heading (an empty one says so). A view of the
// inzage sections only; built with io::text_pdf. No I/O.
#pragma once

#include <string>
#include <vector>

#include "domain/inzage.h"

namespace koers::io {

struct DossierPdfHeading {
  std::string pupil_name;
  std::string school_name;  // may be empty
  std::string made_at;      // as shown ("29-11-2026 16:05")
  std::string made_for;     // who downloaded it ("Ans de Vries (ouder)")
};

std::string dossier_pdf(const DossierPdfHeading& heading, const std::vector<domain::InzageSection>& sections);

}  // namespace koers::io
