// Reads EDEXML with pugixml into an EdexDocument. The first problem stops the reading and
// is returned with its 1-based line (counted from pugixml's byte offsets), the element it
// is about and a Dutch reason. Elements Koers does not know, and <toevoegingen>, are
// skipped simply by never being asked for.
#include "io/edexml_reader.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <set>

#include "domain/school.h"

namespace koers::io {

namespace {

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
  explicit Reader(std::string_view xml) : xml_(xml) {}

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

  int line_at(size_t offset) const {
    offset = std::min(offset, xml_.size());
    return 1 + static_cast<int>(std::count(xml_.begin(), xml_.begin() + static_cast<long>(offset), '\n'));
  }
  int line_of(pugi::xml_node n) const {
    return n.offset_debug() < 0 ? 0 : line_at(static_cast<size_t>(n.offset_debug()));
  }

  pugi::xml_node parse() {
    pugi::xml_parse_result parsed =
        doc_.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_auto);
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
    return key;
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
    auto d = domain::parse_iso_date(value);
    if (!d)
      fail(line_of(n), owner + "/" + child,
           fmt::format("\"{}\" is geen geldige datum (verwacht jjjj-mm-dd)", value));
    return d;
  }

  void read_school(pugi::xml_node root, EdexSchool& s) {
    pugi::xml_node n = root.child("school");
    if (!n) fail(line_of(root), "school", "het blok <school> ontbreekt");
    s.school_year = read_school_year(n);
    read_school_code(n, s);
    s.reference_date = date(n, "peildatum", "school");
    s.school_key = text(n, "schoolkey");
    s.author = text(n, "auteur");
    s.xsd_version = text(n, "xsdversie");
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
    if (s.dependance.empty()) s.dependance = "00";
  }

  std::string read_school_year(pugi::xml_node school) {
    std::string name = text(school, "schooljaar");
    if (name.empty()) fail(line_of(school), "school/schooljaar", "het schooljaar ontbreekt");
    domain::SchoolYear year;
    if (!domain::parse_school_year_name(name, year))
      fail(line_of(school.child("schooljaar")), "school/schooljaar",
           fmt::format("\"{}\" is geen schooljaar (verwacht bijvoorbeeld 2026-2027)", name));
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
      group.name = text(n, "naam");
      group.year_group = text(n, "jaargroep");
      group.line = line_of(n);
      if (group.name.empty()) fail(group.line, element(n, group.key), "de naam van de groep ontbreekt");
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
      fail(line_of(ref), owner, fmt::format("onbekende groep \"{}\"", key));
    return key;
  }

  int read_gender(pugi::xml_node pupil, const std::string& owner) {
    std::string gender = text(pupil, "geslacht");
    if (gender.empty()) return 0;
    if (gender != "0" && gender != "1" && gender != "2" && gender != "9")
      fail(line_of(pupil.child("geslacht")), owner + "/geslacht",
           fmt::format("\"{}\" is geen geldig geslacht (0, 1, 2 of 9)", gender));
    return std::stoi(gender);
  }

  // Surname, prefix, initials and given name of a pupil or teacher. The XSD asks for an
  // achternaam or else a roepnaam: either alone is enough.
  template <class Record>
  void read_name(pugi::xml_node n, const std::string& owner, Record& out) {
    out.surname = text(n, "achternaam");
    out.surname_prefix = text(n, "voorvoegsel");
    out.initials = text(n, "voorletters-1");
    out.given_name = text(n, "roepnaam");
    if (out.surname.empty() && out.given_name.empty())
      fail(line_of(n), owner, "de achternaam en de roepnaam ontbreken (EDEXML vraagt minstens een van beide)");
  }

  EdexPupil read_pupil(pugi::xml_node p) {
    EdexPupil out;
    out.key = required_key(p);
    out.line = line_of(p);
    const std::string owner = element(p, out.key);
    out.eckid = eckid_of(p);
    read_name(p, owner, out);
    out.first_names = text(p, "voornamen");
    if (out.given_name.empty()) out.given_name = out.first_names.substr(0, out.first_names.find(' '));
    out.birth_date = date(p, "geboortedatum", owner);
    out.gender = read_gender(p, owner);
    out.started_group3_on = date(p, "start_ondw_jgr3", owner);
    out.year_group = text(p, "jaargroep");
    if (pugi::xml_node g = p.child("groep")) out.group_key = group_reference(g, owner);
    for (pugi::xml_node g : p.child("samengestelde_groepen").children("samengestelde_groep"))
      out.combined_group_keys.push_back(group_reference(g, owner));
    out.bsn = text(p, "bsn");
    if (out.bsn.empty()) out.bsn = text(p, "bsn_ondwnr-4");
    out.enrolled_on = date(p, "instroomdatum", owner);
    out.left_on = date(p, "uitstroomdatum", owner);
    return out;
  }

  EdexTeacher read_teacher(pugi::xml_node t) {
    EdexTeacher out;
    out.key = required_key(t);
    out.line = line_of(t);
    const std::string owner = element(t, out.key);
    out.eckid = eckid_of(t);
    read_name(t, owner, out);
    out.email = text(t, "emailadres");
    out.role = text(t, "rol");
    out.role_description = text(t, "rolomschrijving");
    for (pugi::xml_node g : t.child("groepen").children()) {
      if (!is_group_tag(g.name())) continue;
      EdexTeacherGroup ref;
      ref.key = group_reference(g, owner);
      ref.combined = std::string(g.name()) == "samengestelde_groep";
      ref.role = text(g, "rol");
      out.groups.push_back(ref);
    }
    return out;
  }

  std::string_view xml_;
  pugi::xml_document doc_;
  std::set<std::string> regular_, combined_;  // group keys, for checking references
};

}  // namespace

Outcome<EdexDocument> read_edexml(std::string_view xml) {
  try {
    return Reader(xml).read();
  } catch (const Refusal& r) {
    return r.error;
  }
}

}  // namespace koers::io
