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

class Reader {
 public:
  explicit Reader(std::string_view xml) : xml_(xml) {}

  EdexDocument read() {
    pugi::xml_parse_result parsed =
        doc_.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed)
      fail(line_at(static_cast<size_t>(parsed.offset)), "",
           fmt::format("geen geldige XML: {}", dutch_parse_error(parsed.status)));
    pugi::xml_node root = doc_.child("EDEX");
    if (!root) fail(1, "EDEX", "dit is geen EDEXML-bestand (het hoofdelement <EDEX> ontbreekt)");

    EdexDocument out;
    read_school(root, out.school);
    std::set<std::string> regular, combined;
    for (pugi::xml_node g : root.child("groepen").children()) {
      std::string tag = g.name();
      if (tag != "groep" && tag != "samengestelde_groep") continue;
      EdexGroup group;
      group.combined = tag == "samengestelde_groep";
      group.key = key_of(g, tag);
      group.name = text(g, "naam");
      group.year_group = text(g, "jaargroep");
      group.line = line_of(g);
      if (group.name.empty()) fail(group.line, element(g, group.key), "de naam van de groep ontbreekt");
      auto& keys = group.combined ? combined : regular;
      if (!keys.insert(group.key).second)
        fail(group.line, element(g, group.key), "deze key komt twee keer voor");
      out.groups.push_back(group);
    }
    std::set<std::string> pupil_keys;
    for (pugi::xml_node p : root.child("leerlingen").children("leerling")) {
      EdexPupil pupil = read_pupil(p, regular, combined);
      if (!pupil_keys.insert(pupil.key).second)
        fail(pupil.line, element(p, pupil.key), "deze key komt twee keer voor");
      out.pupils.push_back(std::move(pupil));
    }
    std::set<std::string> teacher_keys;
    for (pugi::xml_node t : root.child("leerkrachten").children("leerkracht")) {
      EdexTeacher teacher = read_teacher(t, regular, combined);
      if (!teacher_keys.insert(teacher.key).second)
        fail(teacher.line, element(t, teacher.key), "deze key komt twee keer voor");
      out.teachers.push_back(std::move(teacher));
    }
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

  static std::string element(pugi::xml_node n, const std::string& key) {
    return key.empty() ? std::string(n.name()) : fmt::format("{} key=\"{}\"", n.name(), key);
  }

  static std::string trim(std::string s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    size_t b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
  }
  static std::string text(pugi::xml_node n, const char* child) {
    return trim(n.child(child).text().as_string());
  }

  std::string key_of(pugi::xml_node n, const std::string& what) {
    std::string key = trim(n.attribute("key").as_string());
    if (key.empty()) fail(line_of(n), what, "het attribuut key ontbreekt");
    return key;
  }

  std::optional<domain::Date> date(pugi::xml_node parent, const char* child,
                                   const std::string& owner) {
    pugi::xml_node n = parent.child(child);
    std::string value = trim(n.text().as_string());
    if (!n || value.empty()) return std::nullopt;
    auto d = domain::parse_iso_date(value);
    if (!d)
      fail(line_of(n), owner + "/" + child,
           fmt::format("\"{}\" is geen geldige datum (verwacht jjjj-mm-dd)", value));
    return d;
  }

  void read_school(pugi::xml_node root, EdexSchool& s) {
    pugi::xml_node n = root.child("school");
    if (!n) fail(line_of(root), "school", "het blok <school> ontbreekt");
    s.school_year = text(n, "schooljaar");
    domain::SchoolYear year;
    if (s.school_year.empty()) fail(line_of(n), "school/schooljaar", "het schooljaar ontbreekt");
    if (!domain::parse_school_year_name(s.school_year, year))
      fail(line_of(n.child("schooljaar")), "school/schooljaar",
           fmt::format("\"{}\" is geen schooljaar (verwacht bijvoorbeeld 2026-2027)", s.school_year));
    s.school_year = year.name;
    s.brin = text(n, "brincode");
    if (s.brin.empty()) fail(line_of(n), "school/brincode", "de BRIN-code ontbreekt");
    s.dependance = text(n, "dependancecode");
    if (s.dependance.empty()) s.dependance = "00";
    s.reference_date = date(n, "peildatum", "school");
    s.school_key = text(n, "schoolkey");
    s.author = text(n, "auteur");
    s.xsd_version = text(n, "xsdversie");
  }

  void check_group(pugi::xml_node ref, const std::string& key, const std::set<std::string>& known,
                   const std::string& owner) {
    if (key.empty()) fail(line_of(ref), owner + "/" + ref.name(), "de groepsverwijzing heeft geen key");
    if (!known.count(key)) fail(line_of(ref), owner, fmt::format("onbekende groep \"{}\"", key));
  }

  static std::string eckid_of(pugi::xml_node n) {
    std::string id = trim(n.attribute("eckid").as_string());
    return id.empty() ? text(n, "eckid") : id;
  }

  EdexPupil read_pupil(pugi::xml_node p, const std::set<std::string>& regular,
                       const std::set<std::string>& combined) {
    EdexPupil out;
    out.key = key_of(p, "leerling");
    out.line = line_of(p);
    const std::string owner = element(p, out.key);
    out.eckid = eckid_of(p);
    out.surname = text(p, "achternaam");
    if (out.surname.empty()) fail(out.line, owner, "de achternaam ontbreekt");
    out.surname_prefix = text(p, "voorvoegsel");
    out.first_names = text(p, "voornamen");
    out.initials = text(p, "voorletters-1");
    out.given_name = text(p, "roepnaam");
    if (out.given_name.empty()) {
      out.given_name = out.first_names.substr(0, out.first_names.find(' '));
    }
    out.birth_date = date(p, "geboortedatum", owner);
    std::string gender = text(p, "geslacht");
    if (!gender.empty()) {
      if (gender != "0" && gender != "1" && gender != "2" && gender != "9")
        fail(line_of(p.child("geslacht")), owner + "/geslacht",
             fmt::format("\"{}\" is geen geldig geslacht (0, 1, 2 of 9)", gender));
      out.gender = std::stoi(gender);
    }
    out.started_group3_on = date(p, "start_ondw_jgr3", owner);
    out.year_group = text(p, "jaargroep");
    if (pugi::xml_node g = p.child("groep")) {
      out.group_key = trim(g.attribute("key").as_string());
      check_group(g, out.group_key, regular, owner);
    }
    for (pugi::xml_node g : p.child("samengestelde_groepen").children("samengestelde_groep")) {
      std::string key = trim(g.attribute("key").as_string());
      check_group(g, key, combined, owner);
      out.combined_group_keys.push_back(key);
    }
    out.bsn = text(p, "bsn");
    out.enrolled_on = date(p, "instroomdatum", owner);
    out.left_on = date(p, "uitstroomdatum", owner);
    return out;
  }

  EdexTeacher read_teacher(pugi::xml_node t, const std::set<std::string>& regular,
                           const std::set<std::string>& combined) {
    EdexTeacher out;
    out.key = key_of(t, "leerkracht");
    out.line = line_of(t);
    const std::string owner = element(t, out.key);
    out.eckid = eckid_of(t);
    out.surname = text(t, "achternaam");
    if (out.surname.empty()) fail(out.line, owner, "de achternaam ontbreekt");
    out.surname_prefix = text(t, "voorvoegsel");
    out.initials = text(t, "voorletters-1");
    out.given_name = text(t, "roepnaam");
    out.email = text(t, "emailadres");
    out.role = text(t, "rol");
    out.role_description = text(t, "rolomschrijving");
    for (pugi::xml_node g : t.child("groepen").children()) {
      std::string tag = g.name();
      if (tag != "groep" && tag != "samengestelde_groep") continue;
      EdexTeacherGroup ref;
      ref.key = trim(g.attribute("key").as_string());
      ref.combined = tag == "samengestelde_groep";
      ref.role = text(g, "rol");
      check_group(g, ref.key, ref.combined ? combined : regular, owner);
      out.groups.push_back(ref);
    }
    return out;
  }

  static std::string dutch_parse_error(pugi::xml_parse_status status) {
    switch (status) {
      case pugi::status_unrecognized_tag: return "onherkenbare tag";
      case pugi::status_bad_pi: case pugi::status_bad_comment: case pugi::status_bad_cdata:
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

  std::string_view xml_;
  pugi::xml_document doc_;
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
