#include "io/edexml_writer.h"

#include <fmt/format.h>

namespace koers::io {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
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
  static std::string key(const std::string& k) { return fmt::format(" key=\"{}\"", escape(k)); }
  std::string text() { return std::move(out_); }

 private:
  void line(const std::string& s) { out_ += std::string(depth_ * 2, ' ') + s + "\n"; }
  std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  size_t depth_ = 0;
};

}  // namespace

std::string write_edexml(const EdexDocument& doc) {
  Writer w;
  w.open("EDEX");
  w.open("school");
  w.field("schooljaar", doc.school.school_year);
  w.date("peildatum", doc.school.reference_date);
  w.field("brincode", doc.school.brin);
  w.field("dependancecode", doc.school.dependance);
  w.field("schoolkey", doc.school.school_key);
  w.field("auteur", doc.school.author);
  w.field("xsdversie", doc.school.xsd_version);
  w.close("school");
  w.open("groepen");
  for (const auto& g : doc.groups) {
    std::string tag = g.combined ? "samengestelde_groep" : "groep";
    w.open(tag, Writer::key(g.key));
    w.field("naam", g.name);
    w.field("jaargroep", g.year_group);
    w.close(tag);
  }
  w.close("groepen");
  w.open("leerlingen");
  for (const auto& p : doc.pupils) {
    std::string attrs = Writer::key(p.key);
    if (!p.eckid.empty()) attrs += fmt::format(" eckid=\"{}\"", escape(p.eckid));
    w.open("leerling", attrs);
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
    w.field("bsn", p.bsn);
    w.date("instroomdatum", p.enrolled_on);
    w.date("uitstroomdatum", p.left_on);
    w.close("leerling");
  }
  w.close("leerlingen");
  w.open("leerkrachten");
  for (const auto& t : doc.teachers) {
    std::string attrs = Writer::key(t.key);
    if (!t.eckid.empty()) attrs += fmt::format(" eckid=\"{}\"", escape(t.eckid));
    w.open("leerkracht", attrs);
    w.field("achternaam", t.surname);
    w.field("voorvoegsel", t.surname_prefix);
    w.field("voorletters-1", t.initials);
    w.field("roepnaam", t.given_name);
    w.field("emailadres", t.email);
    w.field("rol", t.role);
    w.field("rolomschrijving", t.role_description);
    if (!t.groups.empty()) {
      w.open("groepen");
      for (const auto& g : t.groups) w.empty(g.combined ? "samengestelde_groep" : "groep", Writer::key(g.key));
      w.close("groepen");
    }
    w.close("leerkracht");
  }
  w.close("leerkrachten");
  w.close("EDEX");
  return w.text();
}

}  // namespace koers::io
