#include "demo/demo_school.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "common/crypto.h"
#include "domain/person_name.h"
#include "store/account_repository.h"
#include "store/edexml_import.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

using domain::Date;
using domain::Id;

namespace {

// splitmix64: the same numbers on every platform and library version.
class Rng {
 public:
  explicit Rng(unsigned long long seed) : state_(seed) {}
  unsigned long long next() {
    unsigned long long z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<unsigned long long>(n)); }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) { return items[below(static_cast<int>(N))]; }

 private:
  unsigned long long state_;
};

unsigned long long mix(unsigned long long a, unsigned long long b) {
  return Rng(a * 1000003ULL ^ (b + 0x632BE59BD9B4E019ULL)).next();
}

const char* kBoys[] = {"Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Jesse", "Bram",
                       "Luuk", "Thijs", "Mees", "Sven", "Ruben", "Julian", "Thomas", "Mohammed",
                       "Adam", "Siem", "Jens", "Teun", "Gijs", "Hugo", "Stijn", "Ravi", "Yusuf",
                       "Owen", "Boaz", "Tijn", "Jurre"};
const char* kGirls[] = {"Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara",
                        "Eva", "Liv", "Lotte", "Evi", "Saar", "Noor", "Lina", "Fenna", "Isa",
                        "Anna", "Roos", "Fleur", "Lieke", "Maud", "Hiba", "Amira", "Femke",
                        "Jasmijn", "Loïs", "Elin", "Ilse"};
struct Surname {
  const char* prefix;
  const char* name;
};
const Surname kSurnames[] = {
    {"de", "Jong"},  {"", "Jansen"},   {"de", "Vries"},  {"van den", "Berg"}, {"van", "Dijk"},
    {"", "Bakker"},  {"", "Janssen"},  {"", "Visser"},   {"", "Smit"},        {"", "Meijer"},
    {"de", "Boer"},  {"", "Mulder"},   {"de", "Groot"},  {"", "Bos"},         {"", "Vos"},
    {"", "Peters"},  {"", "Hendriks"}, {"van", "Leeuwen"}, {"", "Dekker"},    {"", "Brouwer"},
    {"de", "Wit"},   {"", "Dijkstra"}, {"", "Smits"},    {"de", "Graaf"},     {"van der", "Meer"},
    {"van der", "Linden"}, {"", "Kok"}, {"", "Jacobs"},  {"de", "Haan"},      {"", "Vermeulen"},
    {"van den", "Heuvel"}, {"van der", "Veen"}, {"van den", "Broek"}, {"de", "Bruijn"},
    {"", "Schouten"}, {"van", "Beek"}, {"", "Willems"}, {"van", "Vliet"}, {"", "Hoekstra"},
    {"", "Maas"},    {"", "Verhoeven"}, {"", "Koster"},  {"", "Prins"},       {"", "Kuipers"},
    {"el", "Amrani"}, {"", "Yilmaz"},  {"", "Bouzid"},   {"", "Nguyen"},      {"", "Öztürk"},
    {"", "Postma"}};
const char* kAdultMen[] = {"Mark", "Jeroen", "Dennis", "Bas", "Tim", "Rik", "Martijn", "Erik",
                           "Youssef", "Niels", "Jasper", "Sander"};
const char* kAdultWomen[] = {"Linda", "Sanne", "Marloes", "Anouk", "Esther", "Iris", "Kim",
                             "Naima", "Mirjam", "Judith", "Ellen", "Wendy"};

struct SchoolSpec {
  std::string name, brin, place, domain;
  std::vector<int> cohort_by_current_year_group;  // index 0..9: current jaargroep 1..8, then leavers
  bool pairs = false;                              // small school: 1/2, 3/4, 5/6, 7/8
  bool plusklas = false;
  std::string ib_given, ib_prefix, ib_surname, head_given, head_prefix, head_surname;
};

SchoolSpec school_spec(int index, unsigned long long seed) {
  if (index == 0)
    return {"CBS De Valentijn", "07AB", "Alphen aan den Rijn", "devalentijn.example",
            {26, 28, 27, 28, 14, 41, 27, 26, 25, 27}, false, true,
            "Marieke", "", "Visser", "Henk", "de", "Boer"};
  if (index == 1)
    return {"OBS De Regenboog", "08CD", "Leiderdorp", "deregenboog.example",
            {11, 12, 10, 12, 11, 13, 12, 10, 11, 12}, true, false,
            "Fatima", "el", "Amrani", "Peter", "van", "Dam"};
  static const char* names[] = {"De Fontein", "Het Kompas", "De Wegwijzer", "De Zonnewijzer",
                                "De Bron", "Het Anker", "De Wingerd", "De Morgenster",
                                "De Ark", "Het Palet", "De Springplank", "De Vuurtoren"};
  Rng rng(mix(seed, static_cast<unsigned long long>(index)));
  SchoolSpec s;
  s.name = fmt::format("CBS {} {}", names[index % 12], index / 12 + 1);
  // Unique for 2,600 schools and never equal to 07AB or 08CD.
  s.brin = fmt::format("{:02}{}K", index % 100, static_cast<char>('A' + (index / 100) % 26));
  s.place = "Alphen aan den Rijn";
  s.domain = fmt::format("school{}.example", index);
  for (int base : {26, 28, 27, 28, 14, 41, 27, 26, 25, 27})
    s.cohort_by_current_year_group.push_back(base + rng.below(3) - 1);
  s.plusklas = false;
  s.ib_given = "Ingrid"; s.ib_surname = fmt::format("Begeleider {}", index);
  s.head_given = "Jan"; s.head_surname = fmt::format("Directeur {}", index);
  return s;
}

// A pupil of a cohort: the year they would have been in "group 0", and their place in it.
struct DemoPupil {
  int cohort = 0, slot = 0;
  std::string key;
  domain::PersonName name;
  std::string first_names, initials, eckid;
  int gender = 1;
  Date birth;
};

DemoPupil make_pupil(int school, int cohort, int slot, unsigned long long seed) {
  Rng rng(mix(mix(seed, static_cast<unsigned long long>(school * 7919 + cohort)),
              static_cast<unsigned long long>(slot)));
  DemoPupil p;
  p.cohort = cohort;
  p.slot = slot;
  p.key = fmt::format("L{}-{}-{:02}", school, cohort, slot);
  p.gender = rng.below(2) + 1;
  p.name.given = p.gender == 1 ? rng.pick(kBoys) : rng.pick(kGirls);
  const Surname& s = rng.pick(kSurnames);
  p.name.prefix = s.prefix;
  p.name.surname = s.name;
  std::string second = p.gender == 1 ? rng.pick(kBoys) : rng.pick(kGirls);
  p.first_names = p.name.given + " " + second;
  p.initials = fmt::format("{}.{}.", p.name.given.substr(0, 1), second.substr(0, 1));
  int day = rng.below(365);
  Date d{cohort - 4, 10, 1};
  static const int lengths[] = {31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30};  // Oct..Sep
  for (int m = 0; day >= lengths[m]; ++m) {
    day -= lengths[m];
    d.month = d.month == 12 ? 1 : d.month + 1;
    if (d.month == 1) ++d.year;
  }
  d.day = day + 1;
  p.birth = d;
  if (rng.below(4) == 0)
    p.eckid = fmt::format("https://ketenid.nl/{:016x}{:016x}", rng.next(), rng.next());
  return p;
}

// A demo pupil as the administration exports them in a given jaargroep.
io::EdexPupil to_edex(const DemoPupil& p, int year_group) {
  io::EdexPupil e;
  e.key = p.key;
  e.eckid = p.eckid;
  e.surname = p.name.surname;
  e.surname_prefix = p.name.prefix;
  e.first_names = p.first_names;
  e.initials = p.initials;
  e.given_name = p.name.given;
  e.birth_date = p.birth;
  e.gender = p.gender;
  if (year_group >= 3) e.started_group3_on = Date{p.cohort + 3, 8, 20};
  e.year_group = std::to_string(year_group);
  e.enrolled_on = Date{p.birth.year + 4, p.birth.month, std::min(p.birth.day, 28)};
  return e;
}

int current_start(const Date& today) { return domain::school_year_of(today).starts_on.year; }

struct Layout {
  std::string name;
  std::vector<DemoPupil> pupils;
  std::vector<int> year_groups;  // per pupil
};

// Groups of one school year: 1/2 split in two (or pairs at a small school), then year
// groups 3–8 in classes of at most 31, a small year group combined with the next one.
std::vector<Layout> layout_year(int school, const SchoolSpec& spec, int start, int now_start,
                                unsigned long long seed) {
  auto cohort_pupils = [&](int year_group) {
    int cohort = start - year_group;
    int index_now = now_start - cohort - 1;  // 0 = current jaargroep 1
    std::vector<DemoPupil> out;
    if (index_now < 0 || index_now >= static_cast<int>(spec.cohort_by_current_year_group.size()))
      return out;
    for (int slot = 0; slot < spec.cohort_by_current_year_group[index_now]; ++slot)
      out.push_back(make_pupil(school, cohort, slot, seed));
    return out;
  };
  std::vector<Layout> groups;
  auto add = [&](std::vector<std::pair<DemoPupil, int>>& pool) {
    Layout l;
    std::vector<int> years;
    for (auto& [p, jg] : pool) {
      l.pupils.push_back(p);
      l.year_groups.push_back(jg);
      if (std::find(years.begin(), years.end(), jg) == years.end()) years.push_back(jg);
    }
    for (int y : years) l.name += (l.name.empty() ? "" : "/") + std::to_string(y);
    groups.push_back(std::move(l));
    pool.clear();
  };
  if (spec.pairs) {
    for (int first = 1; first <= 7; first += 2) {
      std::vector<std::pair<DemoPupil, int>> pool;
      for (int jg : {first, first + 1})
        for (auto& p : cohort_pupils(jg)) pool.push_back({p, jg});
      add(pool);
    }
    return groups;
  }
  std::vector<std::pair<DemoPupil, int>> young;
  for (int jg : {1, 2})
    for (auto& p : cohort_pupils(jg)) young.push_back({p, jg});
  std::vector<std::pair<DemoPupil, int>> a, b;
  for (size_t i = 0; i < young.size(); ++i) (i % 2 ? b : a).push_back(young[i]);
  add(a);
  groups.back().name = "1/2A";
  add(b);
  groups.back().name = "1/2B";
  std::vector<std::pair<DemoPupil, int>> pool;
  for (int jg = 3; jg <= 8; ++jg) {
    for (auto& p : cohort_pupils(jg)) pool.push_back({p, jg});
    while (pool.size() > 31) {
      std::vector<std::pair<DemoPupil, int>> first(pool.begin(), pool.begin() + 27);
      pool.erase(pool.begin(), pool.begin() + 27);
      add(first);
    }
    if (pool.size() >= 20 || jg == 8) add(pool);
  }
  return groups;
}

std::string slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c)) out += static_cast<char>(tolower(c));
    else if (c == ' ' && !out.empty() && out.back() != '.') out += '.';
  }
  return out;
}

io::EdexTeacher teacher(int school, int n, const SchoolSpec& spec, unsigned long long seed) {
  Rng rng(mix(seed, static_cast<unsigned long long>(school * 1000 + n + 500000)));
  io::EdexTeacher t;
  t.key = fmt::format("T{}-{:02}", school, n);
  bool man = rng.below(4) == 0;
  t.given_name = man ? rng.pick(kAdultMen) : rng.pick(kAdultWomen);
  const Surname& s = rng.pick(kSurnames);
  t.surname_prefix = s.prefix;
  t.surname = s.name;
  t.initials = t.given_name.substr(0, 1) + ".";
  t.email = fmt::format("{}.{}@{}", slug(t.given_name), slug(std::string(s.prefix) + " " + s.name), spec.domain);
  t.role = "LRK";
  t.role_description = "Leerkracht";
  return t;
}

io::EdexTeacher staff(int school, const char* key, const std::string& given, const std::string& prefix,
                      const std::string& surname, const char* role, const char* description,
                      const SchoolSpec& spec) {
  io::EdexTeacher t;
  t.key = fmt::format("T{}-{}", school, key);
  t.given_name = given;
  t.surname_prefix = prefix;
  t.surname = surname;
  t.initials = given.substr(0, 1) + ".";
  t.email = fmt::format("{}.{}@{}", slug(given), slug(prefix + " " + surname), spec.domain);
  t.role = role;
  t.role_description = description;
  return t;
}

}  // namespace

io::EdexDocument demo_school_document(int index, const domain::SchoolYear& year,
                                      unsigned long long seed, const Date& today) {
  SchoolSpec spec = school_spec(index, seed);
  const int start = year.starts_on.year, now_start = current_start(today);
  io::EdexDocument doc;
  doc.school.school_year = year.name;
  doc.school.reference_date = start == now_start ? today : Date{start, 10, 1};
  doc.school.brin = spec.brin;
  doc.school.dependance = "00";
  doc.school.school_key = fmt::format("S{}", index);
  doc.school.author = "Koers demo";
  doc.school.xsd_version = "2.1";

  std::vector<Layout> groups = layout_year(index, spec, start, now_start, seed);
  Rng plus_rng(mix(seed, static_cast<unsigned long long>(start * 31 + index)));
  const std::string plus_key = fmt::format("P{}-{}", start, index);
  if (spec.plusklas) doc.groups.push_back({plus_key, "Plusklas", "", true, 0});
  for (size_t g = 0; g < groups.size(); ++g) {
    Layout& l = groups[g];
    std::string key = fmt::format("G{}-{}", start, l.name);
    doc.groups.push_back({key, l.name, std::to_string(l.year_groups.front()), false, 0});
    for (size_t i = 0; i < l.pupils.size(); ++i) {
      const DemoPupil& p = l.pupils[i];
      int jg = l.year_groups[i];
      io::EdexPupil e = to_edex(p, jg);
      e.group_key = key;
      if (spec.plusklas && jg >= 5 && plus_rng.below(8) == 0) e.combined_group_keys.push_back(plus_key);
      doc.pupils.push_back(std::move(e));
    }
    // Teacher n has the n-th group each year; every third group is taught by a duo.
    io::EdexTeacher t = teacher(index, static_cast<int>(g), spec, seed);
    t.groups.push_back({key, false, ""});
    doc.teachers.push_back(t);
    if (g % 3 == 1) {
      io::EdexTeacher duo = teacher(index, static_cast<int>(g) + 40, spec, seed);
      duo.groups.push_back({key, false, ""});
      doc.teachers.push_back(duo);
    }
  }
  // Last year's group 8 is still in the export, with the date they left.
  for (const Layout& l : layout_year(index, spec, start - 1, now_start, seed))
    for (size_t i = 0; i < l.pupils.size(); ++i)
      if (l.year_groups[i] == 8) {
        io::EdexPupil e = to_edex(l.pupils[i], 8);
        e.left_on = Date{start, 7, 31};
        doc.pupils.push_back(std::move(e));
      }
  if (spec.plusklas) {
    io::EdexTeacher plus = teacher(index, 90, spec, seed);
    plus.role_description = "Leerkracht plusklas";
    plus.groups.push_back({plus_key, true, ""});
    doc.teachers.push_back(plus);
  }
  doc.teachers.push_back(staff(index, "IB", spec.ib_given, spec.ib_prefix, spec.ib_surname, "IB",
                               "Intern begeleider", spec));
  doc.teachers.push_back(staff(index, "DIR", spec.head_given, spec.head_prefix, spec.head_surname,
                               "DIR", "Directeur", spec));
  return doc;
}

namespace {

long long count(soci::session& sql, const std::string& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

Id lookup(soci::session& sql, const std::string& table, Id school, const std::string& key) {
  Id id = 0;
  sql << "SELECT id FROM " + table + " WHERE school_id = :s AND edex_key = :k", soci::use(school),
      soci::use(key), soci::into(id);
  if (!sql.got_data()) throw std::runtime_error("demo: missing " + table + " " + key);
  return id;
}

// Parents for every pupil; one in seven shares the family of a pupil two cohorts older.
// Returns the guardian of a family with exactly one child in the given group, if asked.
Id add_guardians(store::Database& db, soci::session& sql, Id school_id,
                 const io::EdexDocument& current, unsigned long long seed,
                 const std::string& only_child_group_key, int& guardians) {
  store::PupilRepository pupils(db);
  std::map<std::string, std::vector<std::pair<Id, std::string>>> families;  // -> guardian, relation
  std::map<std::string, int> children;
  std::vector<std::pair<std::string, const io::EdexPupil*>> family_of;
  for (const auto& p : current.pupils) {
    Rng rng(mix(seed, std::hash<std::string>{}(p.key)));
    std::string family = p.key;
    if (rng.below(7) == 0) {
      // Sibling: the same slot two cohorts up, if that pupil exists in this file.
      int school = 0, cohort = 0, slot = 0;
      if (sscanf(p.key.c_str(), "L%d-%d-%d", &school, &cohort, &slot) == 3) {
        std::string elder = fmt::format("L{}-{}-{:02}", school, cohort - 2, slot);
        if (std::any_of(current.pupils.begin(), current.pupils.end(),
                        [&](const io::EdexPupil& x) { return x.key == elder; }))
          family = elder;
      }
    }
    family_of.push_back({family, &p});
    ++children[family];
  }
  Id chosen = 0;
  for (const auto& [family, p] : family_of) {
    if (!families.count(family)) {
      Rng rng(mix(seed, std::hash<std::string>{}(family) + 17));
      const io::EdexPupil* head = p;
      for (const auto& [f, q] : family_of)
        if (f == family && q->key == family) head = q;
      int adults = rng.below(5) == 0 ? 1 : 2;
      for (int a = 0; a < adults; ++a) {
        bool mother = a == 0 ? rng.below(6) != 0 : false;
        domain::Guardian g;
        g.school_id = school_id;
        g.name.given = mother ? rng.pick(kAdultWomen) : rng.pick(kAdultMen);
        g.name.prefix = head->surname_prefix;
        g.name.surname = head->surname;
        g.email = fmt::format("{}.{}@mail.example", slug(g.name.given), slug(head->surname));
        g.phone = fmt::format("06-{:08}", static_cast<int>(rng.next() % 100000000));
        g.relation = a == 1 && rng.below(8) == 0 ? "verzorger" : (mother ? "moeder" : "vader");
        g.id = pupils.add_guardian(sql, g);
        families[family].push_back({g.id, g.relation});
        ++guardians;
      }
    }
    Id pupil = lookup(sql, "pupils", school_id, p->key);
    for (const auto& [guardian, relation] : families[family])
      pupils.link_guardian(sql, pupil, guardian, relation);
    if (!chosen && !only_child_group_key.empty() && p->group_key == only_child_group_key &&
        children[family] == 1)
      chosen = families[family].front().first;
  }
  return chosen;
}

}  // namespace

DemoSummary create_demo(store::Database& db, const DemoOptions& options) {
  const Date today = options.today.valid() ? options.today : Date{2026, 11, 22};
  long long boards = db.read([](soci::session& sql) { return count(sql, "boards"); });
  if (boards > 0) throw std::runtime_error("de database bevat al gegevens; de demo hoort in een lege database");

  store::SchoolRepository schools(db);
  Id board = db.write([&](soci::session& sql) {
    return schools.create_board(sql, "Stichting Koersvast Primair Onderwijs");
  });
  domain::Principal importer;
  importer.username = "koers-demo";
  importer.display_name = "Koers demo";
  importer.role = domain::Role::kBoardAdmin;
  importer.board_id = board;

  const domain::SchoolYear now = domain::school_year_of(today);
  std::vector<domain::SchoolYear> years;
  for (int back = 2; back >= 0; --back) years.push_back(domain::school_year_of(Date{now.starts_on.year - back, 9, 1}));

  DemoSummary summary;
  std::vector<Id> school_ids;
  Id ouder_guardian = 0;
  std::string leerkracht_staff_key, leerkracht_name;
  for (int i = 0; i < options.schools; ++i) {
    SchoolSpec spec = school_spec(i, options.seed);
    io::EdexDocument current;
    for (const auto& year : years) {
      io::EdexDocument doc = demo_school_document(i, year, options.seed, today);
      store::EdexmlImportOptions o{board, true, spec.name, fmt::format("demo-{}-{}.xml", spec.brin, year.name)};
      auto result = store::import_edexml(db, doc, o, importer);
      if (io::failed(result))
        throw std::runtime_error("demo import: " + std::get<io::ImportError>(result).text());
      if (year.name == now.name) current = std::move(doc);
    }
    Id school_id = db.read([&](soci::session& sql) {
      Id id = 0;
      sql << "SELECT id FROM schools WHERE brin = :b", soci::use(spec.brin), soci::into(id);
      return id;
    });
    school_ids.push_back(school_id);
    std::string group3_key = fmt::format("G{}-3", now.starts_on.year);
    db.write([&](soci::session& sql) {
      sql << "UPDATE schools SET place = :p WHERE id = :id", soci::use(spec.place), soci::use(school_id);
      Id chosen = add_guardians(db, sql, school_id, current, options.seed, i == 0 ? group3_key : "",
                                summary.guardians);
      if (i == 0) ouder_guardian = chosen;
      for (const auto& year : years) {
        Id year_id = schools.ensure_school_year(sql, year);
        int y = year.starts_on.year;
        const std::pair<std::string, std::pair<Date, Date>> periods[] = {
            {"Periode 1", {{y, 8, 1}, {y, 11, 30}}},
            {"Periode 2", {{y, 12, 1}, {y + 1, 3, 31}}},
            {"Periode 3", {{y + 1, 4, 1}, {y + 1, 7, 31}}}};
        for (const auto& [name, range] : periods) {
          std::string from = range.first.iso(), to = range.second.iso();
          sql << "INSERT INTO periods (school_id, school_year_id, name, starts_on, ends_on) "
                 "VALUES (:s, :y, :n, :f, :t)",
              soci::use(school_id), soci::use(year_id), soci::use(name), soci::use(from), soci::use(to);
        }
      }
    });
    if (i == 0)
      for (const auto& t : current.teachers)
        for (const auto& g : t.groups)
          if (g.key == fmt::format("G{}-5/6", now.starts_on.year) && leerkracht_staff_key.empty()) {
            leerkracht_staff_key = t.key;
            leerkracht_name = domain::PersonName{t.given_name, t.surname_prefix, t.surname}.display();
          }
  }

  // One login per role; each gets its own argon2id hash.
  store::AccountRepository accounts(db);
  db.write([&](soci::session& sql) {
    using domain::Role;
    Id valentijn = school_ids.at(0);
    auto add = [&](const std::string& username, Role role, const std::string& name, Id school,
                   Id staff_id, Id guardian, const std::string& who) {
      store::NewAccount a{username, kDemoPassword, role, name, board, school, staff_id, guardian};
      accounts.insert(sql, a, hash_password(kDemoPassword));
      summary.logins.push_back({username, std::string(domain::role_key(role)), who});
    };
    const std::string valentijn_name = school_spec(0, options.seed).name;
    if (!leerkracht_staff_key.empty())
      add("leerkracht", Role::kTeacher, leerkracht_name, valentijn,
          lookup(sql, "staff", valentijn, leerkracht_staff_key), 0,
          fmt::format("Leerkracht van groep 5/6 ({}), {}", leerkracht_name, valentijn_name));
    SchoolSpec v = school_spec(0, options.seed);
    std::string ib_name = domain::PersonName{v.ib_given, v.ib_prefix, v.ib_surname}.display();
    add("ib", Role::kSupportCoordinator, ib_name, valentijn, lookup(sql, "staff", valentijn, "T0-IB"), 0,
        fmt::format("Intern begeleider ({}), {}", ib_name, valentijn_name));
    std::string head = domain::PersonName{v.head_given, v.head_prefix, v.head_surname}.display();
    add("directeur", Role::kHead, head, valentijn, lookup(sql, "staff", valentijn, "T0-DIR"), 0,
        fmt::format("Directeur ({}), {}", head, valentijn_name));
    add("zorgteam", Role::kCareTeamMember, "Ingrid Smit (orthopedagoog)", valentijn, 0, 0,
        "Orthopedagoog in het zorgteam van " + valentijn_name);
    if (ouder_guardian) {
      std::string parent_name, child;
      sql << "SELECT given_name || ' ' || surname FROM guardians WHERE id = :g", soci::use(ouder_guardian),
          soci::into(parent_name);
      sql << "SELECT p.given_name FROM pupils p JOIN pupil_guardians pg ON pg.pupil_id = p.id "
             "WHERE pg.guardian_id = :g",
          soci::use(ouder_guardian), soci::into(child);
      add("ouder", Role::kParent, parent_name, valentijn, 0, ouder_guardian,
          fmt::format("Ouder van {} (groep 3), {}", child, valentijn_name));
    }
    add("beheer", Role::kBoardAdmin, "Beheerder Koersvast", 0, 0, 0,
        "Beheerder van het bestuur (scholen, accounts, import)");
    if (school_ids.size() > 1) {
      SchoolSpec r = school_spec(1, options.seed);
      std::string name = domain::PersonName{r.ib_given, r.ib_prefix, r.ib_surname}.display();
      add("ib-regenboog", Role::kSupportCoordinator, name, school_ids[1],
          lookup(sql, "staff", school_ids[1], "T1-IB"), 0,
          fmt::format("Intern begeleider ({}), {}", name, r.name));
    }
  });

  db.read([&](soci::session& sql) {
    summary.schools = static_cast<int>(count(sql, "schools"));
    summary.groups = static_cast<int>(count(sql, "school_groups"));
    summary.pupils = static_cast<int>(count(sql, "pupils"));
    summary.accounts = static_cast<int>(count(sql, "accounts"));
  });
  return summary;
}

}  // namespace koers::demo
