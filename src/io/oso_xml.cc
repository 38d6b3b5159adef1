// The OSO dossier with pugixml, in the schema's element order; optional elements without a value
// are left out (the schema's strings may not be empty). Text loses the control characters XML 1.0
// cannot carry. The documents are plain UTF-8 text files, except the whole OKR, which is its PDF.
#include "io/oso_xml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "io/okr_pdf.h"

namespace koers::io {

namespace {

constexpr const char* kNamespace = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string clean(const std::string& s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  return out;
}

pugi::xml_node add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// <name>text</name>, left out when the text is blank.
void text(pugi::xml_node parent, const char* name, const std::string& value) {
  if (blank(value)) return;
  parent.append_child(name).text().set(clean(value).c_str());
}

std::string decimal(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "Roos van der Meer" as a file name part: letters and digits, '_' for the rest.
std::string file_part(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += std::isalnum(c) ? static_cast<char>(c) : '_';
  return out;
}

// <document>: the file in a base64-coded ZIP.
void document(pugi::xml_node parent, const std::string& file_name, const std::string& description,
              const std::string& bytes) {
  pugi::xml_node d = add(parent, "document");
  text(d, "bestandsnaam", file_name);
  text(d, "omschrijving", description);
  add(d, "bestandsinhoud").text().set(base64(single_file_zip(file_name, bytes)).c_str());
}

const domain::OkrSection* section(const domain::Okr& okr, domain::ReferralPart part) {
  for (const auto& s : okr.sections)
    if (s.part == part) return &s;
  return nullptr;
}

// A section as a text file: its title, then its lines as paragraphs.
std::string section_text(const domain::Okr& okr, const domain::OkrSection& s) {
  std::string out = fmt::format("{}\n{}\n\n", s.title, okr.pupil_name);
  for (const auto& l : s.lines) out += l + "\n\n";
  return out;
}

std::string yes_no_unknown(const std::optional<bool>& v) { return !v ? "Onbekend" : *v ? "Ja" : "Nee"; }

// The subjects an IHP is aimed at: its goals' areas, in order, once each.
std::string aimed_at(const domain::Ihp& ihp) {
  std::vector<std::string> areas;
  for (const auto& g : ihp.goals)
    if (!blank(g.area) && std::find(areas.begin(), areas.end(), g.area) == areas.end()) areas.push_back(g.area);
  return areas.empty() ? "Onderwijsbehoeften van de leerling" : fmt::format("{}", fmt::join(areas, ", "));
}

void metadata(pugi::xml_node dossier, const OsoFacts& f) {
  pugi::xml_node m = add(dossier, "metadata");
  text(m, "deeldossier", "LASLVS");
  text(m, "pakketnaam", "Koers");
  text(m, "pakketversie", "1.0");
  text(m, "datum", f.made_on.iso());
  text(m, "standaardversie", "2019.1");
  text(m, "validatieversie", "2019.1.1");
  pugi::xml_node c = add(m, "categorie_uitlevering");
  const std::array<std::pair<const char*, const char*>, 16> categories{{
      {"cat_metadata", "VERPLICHT"},
      {"cat_ouderinzage", "OPTIONEEL"},
      {"cat_school", "VERPLICHT"},
      {"cat_leerling", "VERPLICHT"},
      {"cat_oudersverzorgers", "VERPLICHT"},
      {"cat_vve", "OPTIONEEL"},
      {"cat_schoolloopbaan", "VERPLICHT"},
      {"cat_overstapadvies", "OPTIONEEL"},
      {"cat_onderwijsondersteuning", "VERPLICHT"},
      {"cat_verzuim", "OPTIONEEL"},
      {"cat_eindtoetsbo", "VERBODEN"},
      {"cat_toetsresultaten", "OPTIONEEL"},
      {"cat_handelingsplannen", "OPTIONEEL"},
      {"cat_cijferlijsten", "OPTIONEEL"},
      {"cat_vombo", "VERBODEN"},
      {"cat_bijlagedocs", "OPTIONEEL"},
  }};
  for (const auto& [name, value] : categories) text(c, name, value);
  text(m, "overstap", "POSWV");
}

// The parents' copy: seen (and when), agreement with the content (and why not), consent to the
// transfer (the procedure's consents before sending, all recorded).
void inzage(pugi::xml_node dossier, const OsoFacts& f) {
  const domain::Referral& r = f.referral;
  pugi::xml_node i = add(dossier, "inzage");
  add(i, "voorlopigdossier").text().set(!r.sent());
  add(i, "inzage").text().set(r.parents_copy_available());
  if (r.parents_copy_available()) {
    const std::string at = r.parents.at.empty() ? r.parents_copy_at : r.parents.at;
    if (auto d = domain::parse_iso_date(at.substr(0, std::min<size_t>(10, at.size()))))
      text(i, "inzagedatum", d->iso());
  }
  text(i, "akkoord", yes_no_unknown(r.parents.agrees));
  if (r.parents.agrees && !*r.parents.agrees) text(i, "redennietakkoord", r.parents.reason);
  bool needed = false;
  for (const auto& c : r.procedure.consents) needed = needed || c.before_sending;
  text(i, "toestemming", !needed ? "Onbekend" : domain::missing_consents(r).empty() ? "Ja" : "Nee");
}

void school(pugi::xml_node node, const OsoFacts& f) {
  text(node, "naam", f.school.name);
  text(node, "brincode", f.school.brin);
  text(node, "vestigingscode", f.school.dependance.empty() ? "00" : f.school.dependance);
  text(node, "aanleverpunt", "0");
  text(node, "soort", "BAO");
}

void career(pugi::xml_node pupil, const OsoFacts& f) {
  static const std::regex kYear("[0-9]{4}-[0-9]{4}");
  std::vector<const domain::Enrolment*> rows;
  for (const auto& e : f.enrolments)
    if (std::regex_match(e.school_year, kYear) && !blank(e.year_group)) rows.push_back(&e);
  if (rows.empty()) return;
  pugi::xml_node list = add(pupil, "schoolloopbaanlijst");
  for (const auto* e : rows) {
    pugi::xml_node s = add(list, "schoolloopbaan");
    text(s, "schooljaar", e->school_year);
    text(s, "groepscode", blank(e->group_name) ? "groep " + e->year_group : e->group_name);
    text(s, "groepsnaam", e->group_name);
    text(s, "jaargroep", e->year_group);
    text(s, "brincode", f.school.brin);
    text(s, "vestigingscode", f.school.dependance.empty() ? "00" : f.school.dependance);
  }
}

void support(pugi::xml_node pupil, const domain::Okr& okr, const OsoFacts& f) {
  pugi::xml_node o = add(pupil, "onderwijsondersteuning");
  const std::string who = file_part(okr.pupil_name);
  if (const auto* needs = section(okr, domain::ReferralPart::kNeeds); needs && !needs->lines.empty())
    document(add(o, "toelichting_onderwijsbehoeften"), fmt::format("Onderwijsbehoeften_{}.txt", who),
             "Toelichting onderwijsbehoeften", section_text(okr, *needs));
  // Each IHP as a handelingsplan: its term, what it is aimed at, and the OKR's line as its document.
  const auto* ihp_lines = section(okr, domain::ReferralPart::kIhps);
  const domain::Ihp* with_opp = nullptr;
  for (size_t n = 0; n < f.ihps.size(); ++n) {
    const domain::Ihp& ihp = f.ihps[n];
    if (!ihp.starts_on.valid()) continue;
    pugi::xml_node h = add(o, "handelingsplan");
    text(h, "startdatum", ihp.starts_on.iso());
    if (ihp.ends_on.valid()) text(h, "einddatum", ihp.ends_on.iso());
    text(h, "isgerichtop", aimed_at(ihp));
    std::string body = fmt::format("Individueel handelingsplan\n{}\n\n", okr.pupil_name);
    if (ihp_lines && n < ihp_lines->lines.size()) body += ihp_lines->lines[n] + "\n";
    document(h, fmt::format("IHP_{}_{}.txt", who, ihp.starts_on.iso()), "Handelingsplan", body);
    if (ihp.opp && !blank(ihp.opp->outflow) && !with_opp) with_opp = &ihp;
  }
  if (with_opp) {
    pugi::xml_node p = add(o, "opp");
    text(p, "opp_ingangdatum", with_opp->starts_on.iso());
    if (const auto* opp = section(okr, domain::ReferralPart::kOpp); opp && !opp->lines.empty())
      document(p, fmt::format("OPP_{}.txt", who), "OPP", section_text(okr, *opp));
  }
}

// The standardised results with a date: the ability score, the level and the DLE.
void tests(pugi::xml_node pupil, const OsoFacts& f) {
  std::vector<const domain::StandardisedResult*> dated;
  for (const auto& t : f.results)
    if (t.taken_on && t.taken_on->valid() && !blank(t.subject)) dated.push_back(&t);
  if (dated.empty()) return;
  pugi::xml_node list = add(pupil, "toetslijst");
  for (const auto* t : dated) {
    pugi::xml_node toets = add(list, "toets");
    pugi::xml_node id = add(toets, "toetsidentificatie");
    text(id, "eldtoetscode", fmt::format("LVS {} {}", t->subject, t->moment.label()));
    text(id, "leergebied", t->subject);
    text(id, "toetsnaam", fmt::format("{} {}", t->subject, t->moment.label()));
    pugi::xml_node afname = add(toets, "afname");
    text(afname, "afnamedatum", t->taken_on->iso());
    text(afname, "jaargroep", std::to_string(t->moment.year_group));
    add(afname, "dl").text().set(t->moment.didactic_age());
    pugi::xml_node result = add(toets, "resultaat");
    if (t->ability_score) {
      pugi::xml_node score = add(result, "toetsscore");
      text(score, "vaardigheidsscore", decimal(*t->ability_score));
    }
    auto reference = [&](const std::string& code, const std::string& value) {
      pugi::xml_node ref = add(result, "referentiescore");
      text(ref, "codereferentiescore", code);
      text(ref, "codevergelijkingsgroep", "Landelijk");
      text(ref, "waarde", value);
    };
    if (t->level) reference("Niveau", t->level->label());
    if (t->dle) reference("DLE", decimal(*t->dle));
    if (t->percentile) reference("Percentiel", decimal(*t->percentile));
  }
}

void other_documents(pugi::xml_node pupil, const domain::Okr& okr, const OsoFacts& f) {
  pugi::xml_node list = add(pupil, "overigdocumentlijst");
  const std::string who = file_part(okr.pupil_name);
  OkrPdfStatus status;
  status.frozen = f.referral.sent();
  status.sent_at = f.referral.sent_at;
  status.sent_by = f.referral.sent_by;
  status.sent_to = f.referral.sent_to;
  status.made_on = f.made_on;
  document(list, fmt::format("OKR_{}.pdf", who), "Onderwijskundig rapport", okr_pdf(okr, status));
  const domain::ParentsResponse& p = f.referral.parents;
  if (!blank(p.view) || p.agrees) {
    std::string body = fmt::format("Zienswijze van de ouders\n{}\n\n", okr.pupil_name);
    if (!blank(p.view)) body += p.view + "\n\n";
    if (!okr.parents_agreement.empty()) body += okr.parents_agreement + "\n";
    if (!blank(p.by)) body += fmt::format("\nToegevoegd door {}.\n", p.by);
    document(list, fmt::format("Zienswijze_ouders_{}.txt", who), "Zienswijze van de ouders", body);
  }
  if (const auto* account = section(okr, domain::ReferralPart::kHandelingsverlegenheid);
      account && !account->lines.empty())
    document(list, fmt::format("Handelingsverlegenheid_{}.txt", who), "Handelingsverlegenheid van de school",
             section_text(okr, *account));
}

void guardians(pugi::xml_node pupil, const OsoFacts& f) {
  for (const auto& g : f.guardians) {
    if (blank(g.name.surname)) continue;
    pugi::xml_node v = add(pupil, "verzorger");
    text(v, "voorvoegsel", g.name.prefix);
    text(v, "achternaam", g.name.surname);
    text(v, "roepnaam", g.name.given);
    text(v, "relatietotkind", g.relation);
    add(v, "wettigevertegenwoordiger").text().set(true);
  }
}

}  // namespace

std::string oso_xml(const domain::Okr& okr, const OsoFacts& f) {
  static const std::regex kBrin("[0-9][0-9][A-Z][A-Z]");
  if (!std::regex_match(f.school.brin, kBrin))
    throw OsoError(
        fmt::format("School: het BRIN-nummer '{}' is geen Nederlands BRIN-nummer (twee cijfers, twee "
                    "letters); een OSO-dossier vraagt er een.",
                    f.school.brin));
  if (!f.school.dependance.empty() && !std::regex_match(f.school.dependance, std::regex("[0-9][0-9]")))
    throw OsoError(fmt::format("School: de vestigingscode '{}' is geen twee cijfers.", f.school.dependance));
  if (blank(f.pupil.name.surname)) throw OsoError("Leerling: de achternaam ontbreekt; een OSO-dossier vraagt er een.");
  if (blank(f.school.name)) throw OsoError("School: de naam ontbreekt.");

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("dossiers");
  root.append_attribute("xmlns") = kNamespace;
  pugi::xml_node dossier = add(root, "dossier");
  metadata(dossier, f);
  text(dossier, "overdrachtsoort", "swv-dossier");
  inzage(dossier, f);
  pugi::xml_node current = add(dossier, "huidigeschool");
  school(current, f);

  pugi::xml_node pupil = add(current, "leerling");
  std::istringstream first_names(f.pupil.first_names);
  for (std::string name; first_names >> name;) text(pupil, "voornaam", name);
  text(pupil, "voorletters-1", f.pupil.initials);
  text(pupil, "voorvoegsel", f.pupil.name.prefix);
  text(pupil, "achternaam", f.pupil.name.surname);
  text(pupil, "roepnaam", f.pupil.name.given);
  if (f.pupil.birth_date && f.pupil.birth_date->valid()) text(pupil, "geboortedatum", f.pupil.birth_date->iso());
  add(pupil, "geslacht").text().set(static_cast<int>(f.pupil.gender));
  text(pupil, "leerlingid", f.pupil.edex_key.empty() ? std::to_string(f.pupil.id) : f.pupil.edex_key);
  if (f.pupil.enrolled_on && f.pupil.enrolled_on->valid()) text(pupil, "datuminschrijving", f.pupil.enrolled_on->iso());
  career(pupil, f);
  support(pupil, okr, f);
  tests(pupil, f);
  other_documents(pupil, okr, f);
  guardians(pupil, f);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

// ---- ZIP (PKWARE APPNOTE 4.3: one local header, the data stored, one central directory entry)

namespace {

uint32_t crc32(const std::string& bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void le16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void le32(std::string& out, uint32_t v) {
  le16(out, v & 0xFFFF);
  le16(out, v >> 16);
}

}  // namespace

std::string single_file_zip(const std::string& file_name, const std::string& bytes) {
  const uint32_t crc = crc32(bytes), size = static_cast<uint32_t>(bytes.size());
  const uint32_t name_size = static_cast<uint32_t>(file_name.size());
  constexpr uint32_t kUtf8Names = 1u << 11;
  constexpr uint32_t kDosDate = (46u << 9) | (1u << 5) | 1u;  // 2026-01-01: stable bytes for the same content
  std::string out;
  le32(out, 0x04034b50);
  le16(out, 10);  // version needed: 1.0
  le16(out, kUtf8Names);
  le16(out, 0);  // stored
  le16(out, 0);  // time
  le16(out, kDosDate);
  le32(out, crc);
  le32(out, size);
  le32(out, size);
  le16(out, name_size);
  le16(out, 0);
  out += file_name;
  out += bytes;
  const uint32_t directory_at = static_cast<uint32_t>(out.size());
  le32(out, 0x02014b50);
  le16(out, 20);  // made by
  le16(out, 10);
  le16(out, kUtf8Names);
  le16(out, 0);
  le16(out, 0);
  le16(out, kDosDate);
  le32(out, crc);
  le32(out, size);
  le32(out, size);
  le16(out, name_size);
  le16(out, 0);  // extra
  le16(out, 0);  // comment
  le16(out, 0);  // disk
  le16(out, 0);  // internal attributes
  le32(out, 0);  // external attributes
  le32(out, 0);  // local header at 0
  out += file_name;
  const uint32_t directory_size = static_cast<uint32_t>(out.size()) - directory_at;
  le32(out, 0x06054b50);
  le16(out, 0);
  le16(out, 0);
  le16(out, 1);
  le16(out, 1);
  le32(out, directory_size);
  le32(out, directory_at);
  le16(out, 0);
  return out;
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace koers::io
