// EDEXML out: one element per line, two-space indent, empty fields left out, text and
// attributes XML-escaped. The element order follows the EDEXML 2.1 XSD; a role that is
// not one of the standard's codes is written as the free <rolomschrijving>.
#include "io/edexml_writer.h"

#include <fmt/format.h>

#include "io/edexml_values.h"

namespace koers::io {

namespace {

// Text and attribute values; control characters XML 1.0 cannot carry are left out.
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

class Writer {
 public:
  void open(const std::string& tag, const std::string& attrs = "") {
    line(fmt::format("<{}{}>", tag, attrs));
    ++depth_;
  }
  void close(const std::string& tag) {
    --depth_;
    line(fmt::format("</{}>", tag));
  }
  void empty(const std::string& tag, const std::string& attrs) { line(fmt::format("<{}{}/>", tag, attrs)); }
  void field(const std::string& tag, const std::string& value) {
    if (!value.empty()) line(fmt::format("<{0}>{1}</{0}>", tag, escape(value)));
  }
  void date(const std::string& tag, const std::optional<domain::Date>& d) {
    if (d) field(tag, d->iso());
  }
  // <groep key="…"/>, or with the teacher's role in that group: <groep key="…"><rol>…</rol></groep>.
  void reference(const std::string& tag, const std::string& k, const std::string& role) {
    if (role.empty()) return empty(tag, key(k));
    open(tag, key(k));
    field(edexml::is_staff_role(role) ? "rol" : "rolomschrijving", role);
    close(tag);
  }
  static std::string key(const std::string& k) { return fmt::format(" key=\"{}\"", escape(k)); }
  // The attributes of a pupil or teacher: the key, and the ECK iD when there is one.
  static std::string record(const std::string& k, const std::string& eckid) {
    return eckid.empty() ? key(k) : key(k) + fmt::format(" eckid=\"{}\"", escape(eckid));
  }
  std::string text() { return std::move(out_); }

 private:
  void line(const std::string& s) { out_ += std::string(depth_ * 2, ' ') + s + "\n"; }
  std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  size_t depth_ = 0;
};

void write_school(Writer& w, const EdexSchool& s) {
  w.open("school");
  w.field("schooljaar", s.school_year);
  w.date("peildatum", s.reference_date);
  if (!s.brin.empty()) {
    w.field("brincode", s.brin);
    w.field("dependancecode", s.dependance);
  } else {
    w.field("instellingsnummer", s.institution_number);  // a Flemish school
  }
  w.field("schoolkey", s.school_key);
  if (s.created_on) w.field("aanmaakdatum", s.created_on->iso() + "T00:00:00");
  w.field("auteur", s.author);
  w.field("xsdversie", s.xsd_version);
  w.close("school");
}

void write_group(Writer& w, const EdexGroup& g) {
  const std::string tag = g.combined ? "samengestelde_groep" : "groep";
  w.open(tag, Writer::key(g.key));
  w.field("naam", g.name);
  w.field("jaargroep", g.year_group);
  w.close(tag);
}

void write_pupil(Writer& w, const EdexPupil& p) {
  w.open("leerling", Writer::record(p.key, p.eckid));
  w.field("achternaam", p.surname);
  w.field("voorvoegsel", p.surname_prefix);
  w.field("voornamen", p.first_names);
  w.field("voorletters-1", p.initials);
  w.field("roepnaam", p.given_name);
  w.date("geboortedatum", p.birth_date);
  w.field("geslacht", std::to_string(p.gender));
  w.date("start_ondw_jgr3", p.started_group3_on);
  w.field("jaargroep", p.year_group);
  if (!p.group_key.empty()) w.empty("groep", Writer::key(p.group_key));
  if (!p.combined_group_keys.empty()) {
    w.open("samengestelde_groepen");
    for (const auto& k : p.combined_group_keys) w.empty("samengestelde_groep", Writer::key(k));
    w.close("samengestelde_groepen");
  }
  w.field("bsn", p.bsn);  // only when the document has one
  w.date("instroomdatum", p.enrolled_on);
  w.date("uitstroomdatum", p.left_on);
  w.close("leerling");
}

void write_teacher(Writer& w, const EdexTeacher& t) {
  w.open("leerkracht", Writer::record(t.key, t.eckid));
  w.field("achternaam", t.surname);
  w.field("voorvoegsel", t.surname_prefix);
  w.field("voorletters-1", t.initials);
  w.field("roepnaam", t.given_name);
  w.field("emailadres", t.email);
  w.field("rol", t.role);
  w.field("rolomschrijving", t.role_description);
  if (!t.groups.empty()) {
    w.open("groepen");
    for (const auto& g : t.groups) w.reference(g.combined ? "samengestelde_groep" : "groep", g.key, g.role);
    w.close("groepen");
  }
  w.close("leerkracht");
}

}  // namespace

std::string write_edexml(const EdexDocument& doc) {
  Writer w;
  w.open("EDEX");
  write_school(w, doc.school);
  w.open("groepen");
  for (const auto& g : doc.groups) write_group(w, g);
  w.close("groepen");
  w.open("leerlingen");
  for (const auto& p : doc.pupils) write_pupil(w, p);
  w.close("leerlingen");
  w.open("leerkrachten");
  for (const auto& t : doc.teachers) write_teacher(w, t);
  w.close("leerkrachten");
  w.close("EDEX");
  return w.text();
}

}  // namespace koers::io
