#include "io/dossier_pdf.h"

#include <fmt/format.h>

#include "io/text_pdf.h"

namespace koers::io {

std::string dossier_pdf(const DossierPdfHeading& h, const std::vector<domain::InzageSection>& sections) {
  std::vector<PdfParagraph> p;
  p.push_back({fmt::format("Leerling: {}", h.pupil_name), false});
  if (!h.school_name.empty()) p.push_back({fmt::format("School: {}", h.school_name), false});
  p.push_back({fmt::format("Samengesteld op {} voor {}. Dit is alles wat Koers van de leerling vastlegt, ook wat "
                           "alleen voor de school bedoeld is, en wie het dossier bekeek. Klopt er iets niet, vraag dan "
                           "om verbetering, aanvulling of verwijdering; de school antwoordt binnen vier weken.",
                           h.made_at, h.made_for),
               false});
  for (const auto& s : sections) {
    p.push_back({s.title, true});
    if (s.lines.empty()) p.push_back({"(niets vastgelegd)", false});
    for (const auto& l : s.lines) p.push_back({l, false});
  }
  return text_pdf(fmt::format("Dossier (inzage) — {}", h.pupil_name), p);
}

}  // namespace koers::io
