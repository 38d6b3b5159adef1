#include "io/pdf_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/field_limits.h"
#include "io/text_encoding.h"

namespace koers::io {

std::string megabytes(size_t bytes) {
  constexpr size_t kMB = 1024 * 1024;
  if (bytes % kMB == 0) return fmt::format("{} MB", bytes / kMB);
  const size_t tenths = (bytes * 10 + kMB - 1) / kMB;  // rounded up
  return fmt::format("{},{} MB", tenths / 10, tenths % 10);
}

std::optional<std::string> pdf_refusal(std::string_view bytes) {
  const char* nothing = " Er is niets opgeslagen.";
  if (bytes.empty()) return fmt::format("Bestand: leeg of niet meegestuurd; kies het PDF-bestand.{}", nothing);
  if (bytes.size() > kMaxDocumentBytes)
    return fmt::format("Bestand: is {}; een document mag hoogstens {} zijn.{}", megabytes(bytes.size()),
                       megabytes(kMaxDocumentBytes), nothing);
  if (bytes.substr(0, 5) != "%PDF-")
    return fmt::format("Bestand: is geen PDF (het begint niet met %PDF-). Sla het rapport op als PDF "
                       "(Afdrukken → Opslaan als PDF) en kies dat bestand.{}",
                       nothing);
  const std::string_view tail = bytes.substr(bytes.size() > kPdfEofWindow ? bytes.size() - kPdfEofWindow : 0);
  if (tail.find("%%EOF") == std::string_view::npos)
    return fmt::format("Bestand: de PDF is niet compleet (het slot %%EOF ontbreekt); misschien is het downloaden "
                       "of kopiëren afgebroken. Kies het bestand opnieuw.{}",
                       nothing);
  return std::nullopt;
}

std::string clean_file_name(std::string_view raw) {
  // A name in another encoding (an old Windows browser) is read as Windows-1252, never kept
  // as bytes that would break every page and JSON answer that shows it.
  const std::string utf8 = valid_utf8(raw) ? std::string(raw) : to_utf8(raw);
  std::string_view name = utf8;
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"') out += c;
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "document.pdf" : out;
}

std::optional<std::string> file_name_refusal(std::string_view name) {
  if (auto why = domain::limits::too_long(clean_file_name(name), domain::limits::kFileName))
    return "Bestandsnaam: de naam " + *why + " tekens. Geef het bestand een kortere naam. Er is niets opgeslagen.";
  return std::nullopt;
}

}  // namespace koers::io
