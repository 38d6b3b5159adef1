#include "io/okr_pdf.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "io/text_pdf.h"

namespace koers::io {

std::string okr_pdf(const domain::Okr& okr, const OkrPdfStatus& status) {
  std::vector<PdfParagraph> p;
  auto line = [&](const std::string& text) { p.push_back({text, false}); };
  auto heading = [&](const std::string& text) { p.push_back({text, true}); };

  line(fmt::format("Leerling: {}{}", okr.pupil_name, okr.year_group.empty() ? "" : ", groep " + okr.year_group));
  if (!okr.school_name.empty()) line(fmt::format("School: {}", okr.school_name));
  line(
      fmt::format("Procedure: {}{}", okr.procedure_name, okr.cluster ? fmt::format(" (cluster {})", okr.cluster) : ""));
  if (!okr.addressee.empty()) line(fmt::format("Aan: {}", okr.addressee));
  if (status.frozen)
    line(fmt::format("Verzonden op {} door {} aan {}. Dit is het rapport zoals het de school verliet.",
                     display_time(status.sent_at), status.sent_by, status.sent_to));
  else
    line(fmt::format("Nog niet verzonden: het rapport zoals het op {} uit het dossier is samengesteld.",
                     status.made_on.valid() ? status.made_on.dutch() : "vandaag"));
  if (!okr.reason.empty()) {
    heading("Aanleiding");
    line(okr.reason);
  }
  for (const auto& s : okr.sections) {
    heading(s.title);
    const bool agreement = s.part == domain::ReferralPart::kParentsView && !okr.parents_agreement.empty();
    if (s.lines.empty() && !agreement) line("(niets vastgelegd)");
    for (const auto& l : s.lines) line(l);
    if (agreement) line(okr.parents_agreement);
  }
  if (!okr.missing.empty()) {
    heading("Nog niet compleet");
    for (const auto& m : okr.missing) line("- " + m);
  }
  return text_pdf(fmt::format("Onderwijskundig rapport — {}", okr.pupil_name), p);
}

}  // namespace koers::io
