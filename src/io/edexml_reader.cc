// Decodes the file to UTF-8 (text_encoding.h: the declared encoding, refusing bytes that
// are invalid in it), then reads it with pugixml into an EdexDocument. The first problem stops the reading and
// is returned with its 1-based line (counted from pugixml's byte offsets), the element it
// is about and a Dutch reason. Elements Koers does not know, and <toevoegingen>, are
// skipped simply by never being asked for. Every value Koers reads is checked as the XSD
// checks it (edexml_values.h); what the XSD makes optional is never demanded.
#include "io/edexml_reader.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <set>

#include "domain/field_limits.h"
#include "domain/school.h"
#include "io/edexml_values.h"
#include "io/text_encoding.h"

namespace koers::io {

namespace {

namespace limits = domain::limits;  // a value quoted in a refusal is cut short

// Thrown inside the reader only; read_edexml turns it into the returned ImportError.
struct Refusal {
  ImportError error;
};

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  size_t b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// The trimmed text of a child element; "" when it is absent.
std::string text(pugi::xml_node n, const char* child) {
  return trim(n.child(child).text().as_string());
}

std::string key_attribute(pugi::xml_node n) { return trim(n.attribute("key").as_string()); }

// "leerling key="L7"", or just the tag name when there is no key.
std::string element(pugi::xml_node n, const std::string& key) {
  return key.empty() ? std::string(n.name()) : fmt::format("{} key=\"{}\"", n.name(), key);
}

// EDEXML 2.1 has an eckid attribute; some systems write it as a child element instead.
std::string eckid_of(pugi::xml_node n) {
  std::string id = trim(n.attribute("eckid").as_string());
  return id.empty() ? text(n, "eckid") : id;
}

bool is_group_tag(const std::string& tag) { return tag == "groep" || tag == "samengestelde_groep"; }

std::string dutch_parse_error(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_unrecognized_tag: return "onherkenbare tag";
    case pugi::status_bad_pi:
    case pugi::status_bad_comment:
    case pugi::status_bad_cdata:
    case pugi::status_bad_doctype: return "ongeldige declaratie of commentaar";
    case pugi::status_bad_pcdata: return "ongeldige tekst";
    case pugi::status_bad_start_element: return "ongeldige begintag";
    case pugi::status_bad_attribute: return "ongeldig attribuut";
    case pugi::status_bad_end_element: return "ongeldige eindtag";
    case pugi::status_end_element_mismatch: return "eindtag past niet bij de begintag";
    case pugi::status_no_document_element: return "het bestand is leeg";
    default: return "het bestand kan niet gelezen worden";
  }
}

class Reader {
 public:
  explicit Reader(std::string xml) : xml_(std::move(xml)) {
    for (size_t at = xml_.find('\n'); at != std::string::npos; at = xml_.find('\n', at + 1)) newlines_.push_back(at);
  }

  EdexDocument read() {
    pugi::xml_node root = parse();
    EdexDocument out;
    read_school(root, out.school);
    read_groups(root.child("groepen"), out.groups);
    out.pupils = read_records<EdexPupil>(root.child("leerlingen"), "leerling",
                                         [&](pugi::xml_node n) { return read_pupil(n); });
    out.teachers = read_records<EdexTeacher>(root.child("leerkrachten"), "leerkracht",
                                             [&](pugi::xml_node n) { return read_teacher(n); });
    return out;
  }

 private:
  [[noreturn]] void fail(int line, std::string element, std::string message) {
    throw Refusal{ImportError{line, std::move(element), std::move(message)}};
  }

  // The line of a byte offset, from the offsets of the newlines (found once: a file with
  // many records would otherwise be counted through again for each one).
  int line_at(size_t offset) const {
    return 1 + static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin());
  }
  int line_of(pugi::xml_node n) const {
    return n.offset_debug() < 0 ? 0 : line_at(static_cast<size_t>(n.offset_debug()));
  }

  pugi::xml_node parse() {
    pugi::xml_parse_result parsed =
        doc_.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
      fail(line_at(static_cast<size_t>(std::max<ptrdiff_t>(parsed.offset, 0))), "",
           fmt::format("geen geldige XML: {}", dutch_parse_error(parsed.status)));
    pugi::xml_node root = doc_.child("EDEX");
    if (!root) fail(1, "EDEX", "dit is geen EDEXML-bestand (het hoofdelement <EDEX> ontbreekt)");
    return root;
  }

  std::string required_key(pugi::xml_node n) {
    std::string key = key_attribute(n);
    if (key.empty()) fail(line_of(n), n.name(), "het attribuut key ontbreekt");
    if (edexml::length(key) > edexml::kMaxKey)
      fail(line_of(n), n.name(), fmt::format("de key is langer dan {} tekens", edexml::kMaxKey));
    return key;
  }

  // The trimmed text of a child element ("" when absent), no longer than the XSD allows.
  std::string field(pugi::xml_node parent, const char* child, const std::string& owner, size_t max_length) {
    std::string value = text(parent, child);
    size_t length = edexml::length(value);
    if (length > max_length)
      fail(line_of(parent.child(child)), owner + "/" + child,
           fmt::format("de tekst is {} tekens lang; EDEXML staat er hoogstens {} toe", length, max_length));
    return value;
  }

  // Surname, prefix, initials and given name of a pupil or teacher. The XSD asks for an
  // achternaam or else a roepnaam: either alone is enough.
  template <class Record>
  void read_name(pugi::xml_node n, const std::string& owner, Record& out) {
    out.surname = field(n, "achternaam", owner, edexml::kMaxSurname);
    out.surname_prefix = field(n, "voorvoegsel", owner, edexml::kMaxPrefix);
    out.initials = field(n, "voorletters-1", owner, edexml::kMaxInitials);
    out.given_name = field(n, "roepnaam", owner, edexml::kMaxName);
    if (out.surname.empty() && out.given_name.empty())
      fail(line_of(n), owner, "de achternaam en de roepnaam ontbreken (EDEXML vraagt minstens een van beide)");
  }

  // The ECK iD, unique among the pupils (or the teachers) of the file, as the 2.1 XSD demands.
  std::string read_eckid(pugi::xml_node n, const std::string& owner, std::set<std::string>& seen) {
    std::string id = eckid_of(n);
    if (id.empty()) return id;
    if (edexml::length(id) > edexml::kMaxKey)
      fail(line_of(n), owner, fmt::format("het ECK iD is langer dan {} tekens", edexml::kMaxKey));
    if (!seen.insert(id).second) fail(line_of(n), owner, "dit ECK iD komt twee keer voor");
    return id;
  }

  std::string year_group(pugi::xml_node parent, const std::string& owner) {
    std::string value = text(parent, "jaargroep");
    if (!value.empty() && !edexml::is_year_group(value))
      fail(line_of(parent.child("jaargroep")), owner + "/jaargroep",
           fmt::format("\"{}\" is geen jaargroep van EDEXML ({})", limits::quoted(value), edexml::kYearGroups));
    return value;
  }

  // Every <rol> of a teacher or of a teacher's group is a code of the standard; free text
  // belongs in <rolomschrijving>. Returns the first code.
  std::string staff_role(pugi::xml_node parent, const std::string& owner) {
    std::string first;
    for (pugi::xml_node r : parent.children("rol")) {
      std::string code = trim(r.text().as_string());
      if (!edexml::is_staff_role(code))
        fail(line_of(r), owner + "/rol",
             fmt::format("\"{}\" is geen rolcode van EDEXML ({}); een vrije omschrijving hoort in "
                         "<rolomschrijving>",
                         limits::quoted(code), edexml::kStaffRoles));
      if (first.empty()) first = code;
    }
    return first;
  }

  void claim_key(std::set<std::string>& keys, pugi::xml_node n, const std::string& key) {
    if (!keys.insert(key).second) fail(line_of(n), element(n, key), "deze key komt twee keer voor");
  }

  // Every <tag> in a list, read by read_one, each with a key of its own.
  template <class T, class ReadOne>
  std::vector<T> read_records(pugi::xml_node list, const char* tag, ReadOne read_one) {
    std::vector<T> out;
    std::set<std::string> keys;
    for (pugi::xml_node n : list.children(tag)) {
      out.push_back(read_one(n));
      claim_key(keys, n, out.back().key);
    }
    return out;
  }

  std::optional<domain::Date> date(pugi::xml_node parent, const char* child, const std::string& owner) {
    pugi::xml_node n = parent.child(child);
    std::string value = trim(n.text().as_string());
    if (value.empty()) return std::nullopt;
    auto d = edexml::parse_date(value);
    if (!d)
      fail(line_of(n), owner + "/" + child,
           fmt::format("\"{}\" is geen geldige datum (verwacht jjjj-mm-dd)", limits::quoted(value)));
    return d;
  }

  void read_school(pugi::xml_node root, EdexSchool& s) {
    pugi::xml_node n = root.child("school");
    if (!n) fail(line_of(root), "school", "het blok <school> ontbreekt");
    s.school_year = read_school_year(n);
    read_school_code(n, s);
    s.reference_date = date(n, "peildatum", "school");
    s.created_on = creation_date(n);
    s.school_key = field(n, "schoolkey", "school", edexml::kMaxKey);
    s.author = field(n, "auteur", "school", edexml::kMaxAuthor);
    s.xsd_version = field(n, "xsdversie", "school", edexml::kMaxXsdVersion);
  }

  // A Dutch school has a BRIN code (and perhaps a dependancecode), a Flemish one an
  // instellingsnummer; the XSD allows one of them, or neither (then only the schoolkey).
  void read_school_code(pugi::xml_node n, EdexSchool& s) {
    s.brin = text(n, "brincode");
    s.institution_number = text(n, "instellingsnummer");
    s.dependance = text(n, "dependancecode");
    if (!s.brin.empty() && !s.institution_number.empty())
      fail(line_of(n.child("instellingsnummer")), "school/instellingsnummer",
           "een school heeft een BRIN-code of een instellingsnummer, niet allebei");
    if (!s.brin.empty() && !edexml::is_brin(s.brin))
      fail(line_of(n.child("brincode")), "school/brincode",
           fmt::format("\"{}\" is geen BRIN-code (twee cijfers en twee hoofdletters, bijvoorbeeld 12AB)", limits::quoted(s.brin)));
    if (!s.institution_number.empty() && !edexml::is_institution_number(s.institution_number))
      fail(line_of(n.child("instellingsnummer")), "school/instellingsnummer",
           fmt::format("\"{}\" is geen instellingsnummer (2 tot 6 cijfers)", limits::quoted(s.institution_number)));
    if (!s.dependance.empty() && !edexml::is_dependance(s.dependance))
      fail(line_of(n.child("dependancecode")), "school/dependancecode",
           fmt::format("\"{}\" is geen dependancecode (twee cijfers)", limits::quoted(s.dependance)));
    if (s.dependance.empty()) s.dependance = "00";
  }

  // aanmaakdatum is an xs:dateTime ("2026-10-01T08:00:00"): its date is what Koers keeps.
  std::optional<domain::Date> creation_date(pugi::xml_node school) {
    pugi::xml_node n = school.child("aanmaakdatum");
    std::string value = trim(n.text().as_string());
    if (value.empty()) return std::nullopt;
    auto d = edexml::parse_date(value.substr(0, 10));
    if (!d || (value.size() > 10 && value[10] != 'T'))
      fail(line_of(n), "school/aanmaakdatum",
           fmt::format("\"{}\" is geen geldige datum en tijd (verwacht jjjj-mm-ddTuu:mm:ss)", value));
    return d;
  }

  std::string read_school_year(pugi::xml_node school) {
    std::string name = text(school, "schooljaar");
    if (name.empty()) fail(line_of(school), "school/schooljaar", "het schooljaar ontbreekt");
    domain::SchoolYear year;
    if (name.find('-') == std::string::npos || !domain::parse_school_year_name(name, year))
      fail(line_of(school.child("schooljaar")), "school/schooljaar",
           fmt::format("\"{}\" is geen schooljaar (verwacht bijvoorbeeld 2026-2027)", limits::quoted(name)));
    return year.name;
  }

  // Groups and samengestelde groepen share one list, and (in Koers) one key space.
  void read_groups(pugi::xml_node list, std::vector<EdexGroup>& out) {
    std::set<std::string> keys;
    for (pugi::xml_node n : list.children()) {
      if (!is_group_tag(n.name())) continue;
      EdexGroup group;
      group.combined = std::string(n.name()) == "samengestelde_groep";
      group.key = required_key(n);
      group.line = line_of(n);
      const std::string owner = element(n, group.key);
      group.name = field(n, "naam", owner, edexml::kMaxName);
      group.year_group = year_group(n, owner);
      if (group.name.empty()) fail(group.line, owner, "de naam van de groep ontbreekt");
      claim_key(keys, n, group.key);
      (group.combined ? combined_ : regular_).insert(group.key);
      out.push_back(group);
    }
  }

  // A <groep key/> or <samengestelde_groep key/> inside a pupil or teacher.
  std::string group_reference(pugi::xml_node ref, const std::string& owner) {
    std::string key = key_attribute(ref);
    if (key.empty()) fail(line_of(ref), owner + "/" + ref.name(), "de groepsverwijzing heeft geen key");
    bool combined = std::string(ref.name()) == "samengestelde_groep";
    if (!(combined ? combined_ : regular_).count(key))
      fail(line_of(ref), owner, fmt::format("onbekende groep \"{}\"", limits::quoted(key)));
    return key;
  }

  int read_gender(pugi::xml_node pupil, const std::string& owner) {
    std::string gender = text(pupil, "geslacht");
    if (gender.empty()) return 0;
    std::optional<int> code = edexml::gender_code(gender);
    if (!code)
      fail(line_of(pupil.child("geslacht")), owner + "/geslacht",
           fmt::format("\"{}\" is geen geldig geslacht (0, 1, 2 of 9)", limits::quoted(gender)));
    return *code;
  }

  // The BSN, or else its last four digits; never repeated in a message, as it is never shown.
  std::string read_bsn(pugi::xml_node p, const std::string& owner) {
    std::string bsn = text(p, "bsn");
    if (!bsn.empty() && !edexml::is_bsn(bsn))
      fail(line_of(p.child("bsn")), owner + "/bsn", "dit is geen BSN (negen cijfers); de waarde wordt niet getoond");
    if (!bsn.empty()) return bsn;
    std::string last4 = text(p, "bsn_ondwnr-4");
    if (!last4.empty() && !edexml::is_bsn_last4(last4))
      fail(line_of(p.child("bsn_ondwnr-4")), owner + "/bsn_ondwnr-4",
           "dit zijn niet de laatste vier cijfers van een BSN of onderwijsnummer; de waarde wordt niet getoond");
    return last4;
  }

  EdexPupil read_pupil(pugi::xml_node p) {
    EdexPupil out;
    out.key = required_key(p);
    out.line = line_of(p);
    const std::string owner = element(p, out.key);
    out.eckid = read_eckid(p, owner, pupil_eckids_);
    read_name(p, owner, out);
    out.first_names = field(p, "voornamen", owner, edexml::kMaxFirstNames);
    if (out.given_name.empty()) out.given_name = out.first_names.substr(0, out.first_names.find(' '));
    out.birth_date = date(p, "geboortedatum", owner);
    out.gender = read_gender(p, owner);
    out.started_group3_on = date(p, "start_ondw_jgr3", owner);
    out.year_group = year_group(p, owner);
    if (pugi::xml_node g = p.child("groep")) out.group_key = group_reference(g, owner);
    for (pugi::xml_node g : p.child("samengestelde_groepen").children("samengestelde_groep"))
      out.combined_group_keys.push_back(group_reference(g, owner));
    out.bsn = read_bsn(p, owner);
    out.enrolled_on = date(p, "instroomdatum", owner);
    out.left_on = date(p, "uitstroomdatum", owner);
    return out;
  }

  EdexTeacher read_teacher(pugi::xml_node t) {
    EdexTeacher out;
    out.key = required_key(t);
    out.line = line_of(t);
    const std::string owner = element(t, out.key);
    out.eckid = read_eckid(t, owner, teacher_eckids_);
    read_name(t, owner, out);
    out.email = field(t, "emailadres", owner, edexml::kMaxEmail);
    out.role = staff_role(t, owner);
    out.role_description = field(t, "rolomschrijving", owner, edexml::kMaxRoleText);
    for (pugi::xml_node g : t.child("groepen").children()) {
      if (!is_group_tag(g.name())) continue;
      EdexTeacherGroup ref;
      ref.key = group_reference(g, owner);
      ref.combined = std::string(g.name()) == "samengestelde_groep";
      const std::string in_group = owner + "/" + element(g, ref.key);
      ref.role = staff_role(g, in_group);
      if (ref.role.empty()) ref.role = field(g, "rolomschrijving", in_group, edexml::kMaxRoleText);
      out.groups.push_back(ref);
    }
    return out;
  }

  std::string xml_;  // the file decoded to UTF-8 (decode_xml), so its lines are the file's
  std::vector<size_t> newlines_;
  pugi::xml_document doc_;
  std::set<std::string> regular_, combined_;  // group keys, for checking references
  std::set<std::string> pupil_eckids_, teacher_eckids_;
};

}  // namespace

Outcome<EdexDocument> read_edexml(std::string_view bytes) {
  Outcome<std::string> xml = decode_xml(bytes);
  if (failed(xml)) return std::get<ImportError>(xml);
  try {
    return Reader(std::move(std::get<std::string>(xml))).read();
  } catch (const Refusal& r) {
    return r.error;
  }
}

}  // namespace koers::io
