// The demo board, built the way a real school's data arrives: one EDEXML document per
// school and school year (demo_school_document), imported oldest year first through the
// real importer; then what EDEXML does not carry: parents, periods and the demo logins.
//
// Everything follows from the seed through splitmix64 and FNV-1a, never through std::
// random distributions or std::hash (which differ between library versions), so a seed
// gives the same board on every platform and with every compiler.
#include "demo/demo_school.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "common/clock.h"
#include "common/crypto.h"
#include "demo/demo_random.h"
#include "domain/person_name.h"
#include "domain/test_moment.h"
#include "domain/test_scale.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/edexml_import.h"
#include "store/external_member_repository.h"
#include "store/pupil_repository.h"
#include "store/school_repository.h"

namespace koers::demo {

using domain::Date;
using domain::Id;
using domain::PersonName;

namespace {

// ---------------------------------------------------------------- names

const char* kBoys[] = {"Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Jesse", "Bram",
                       "Luuk", "Thijs", "Mees", "Sven", "Ruben", "Julian", "Thomas", "Mohammed",
                       "Adam", "Siem", "Jens", "Teun", "Gijs", "Hugo", "Stijn", "Ravi", "Yusuf",
                       "Owen", "Boaz", "Tijn", "Jurre"};
const char* kGirls[] = {"Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara",
                        "Eva", "Liv", "Lotte", "Evi", "Saar", "Noor", "Lina", "Fenna", "Isa",
                        "Anna", "Roos", "Fleur", "Lieke", "Maud", "Hiba", "Amira", "Femke",
                        "Jasmijn", "Loïs", "Elin", "Ilse"};
const char* kMen[] = {"Mark", "Jeroen", "Dennis", "Bas", "Tim", "Rik", "Martijn", "Erik",
                      "Youssef", "Niels", "Jasper", "Sander", "Koen", "Wouter", "Hakan", "Joost"};
const char* kWomen[] = {"Linda", "Sanne", "Marloes", "Anouk", "Esther", "Iris", "Kim", "Naima",
                        "Mirjam", "Judith", "Ellen", "Wendy", "Petra", "Manon", "Selma", "Ingrid"};
struct Surname {
  const char* prefix;
  const char* name;
};
const Surname kSurnames[] = {
    {"de", "Jong"},   {"", "Jansen"},    {"de", "Vries"},   {"van den", "Berg"}, {"van", "Dijk"},
    {"", "Bakker"},   {"", "Janssen"},   {"", "Visser"},    {"", "Smit"},        {"", "Meijer"},
    {"de", "Boer"},   {"", "Mulder"},    {"de", "Groot"},   {"", "Bos"},         {"", "Vos"},
    {"", "Peters"},   {"", "Hendriks"},  {"van", "Leeuwen"}, {"", "Dekker"},     {"", "Brouwer"},
    {"de", "Wit"},    {"", "Dijkstra"},  {"", "Smits"},     {"de", "Graaf"},     {"van der", "Meer"},
    {"van der", "Linden"}, {"", "Kok"},  {"", "Jacobs"},    {"de", "Haan"},      {"", "Vermeulen"},
    {"van den", "Heuvel"}, {"van der", "Veen"}, {"van den", "Broek"}, {"de", "Bruijn"},
    {"", "Schouten"}, {"van", "Beek"},   {"", "Willems"},   {"van", "Vliet"},    {"", "Hoekstra"},
    {"", "Maas"},     {"", "Verhoeven"}, {"", "Koster"},    {"", "Prins"},       {"", "Kuipers"},
    {"el", "Amrani"}, {"", "Yilmaz"},    {"", "Bouzid"},    {"", "Nguyen"},      {"", "Öztürk"},
    {"", "Postma"}};
const char* kMailDomains[] = {"mail.example", "post.example", "thuis.example", "gezin.example"};

PersonName person(Rng& rng, bool woman) {
  const Surname& s = rng.pick(kSurnames);
  return {woman ? rng.pick(kWomen) : rng.pick(kMen), s.prefix, s.name};
}

// The part of an e-mail address a name becomes: "de Wit" -> "dewit", "Öztürk" -> "ozturk".
std::string mail_part(std::string_view text) {
  static const std::pair<std::string_view, char> kAccents[] = {
      {"ë", 'e'}, {"é", 'e'}, {"è", 'e'}, {"ï", 'i'}, {"ö", 'o'}, {"Ö", 'o'}, {"ü", 'u'}, {"ç", 'c'}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    size_t length = 1;
    for (const auto& [accent, plain] : kAccents)
      if (text.substr(i, accent.size()) == accent) {
        out += plain;
        length = accent.size();
        break;
      }
    i += length;
  }
  return out;
}

std::string email(const PersonName& n, std::string_view domain) {
  return fmt::format("{}.{}@{}", mail_part(n.given), mail_part(n.prefix + n.surname), domain);
}

std::string initial(const std::string& name) { return name.substr(0, 1) + "."; }

// ---------------------------------------------------------------- schools

struct SchoolSpec {
  std::string name, brin, place, mail_domain;
  // Pupils now in jaargroep 1..8, then those who finished group 8 one and two years ago.
  std::vector<int> cohort_sizes;
  bool pairs = false;     // a small school: 1/2, 3/4, 5/6, 7/8
  bool plusklas = false;  // a samengestelde groep for strong pupils of 5–8
  PersonName ib, head;
};

// Year group 5 is small, so it shares a group with part of the large year group 6.
const std::vector<int> kValentijnCohorts = {26, 28, 27, 28, 14, 41, 27, 26, 25, 27};
const std::vector<int> kRegenboogCohorts = {11, 12, 10, 12, 11, 13, 12, 10, 11, 12};

// Schools 2.. (benchmarks): like De Valentijn, with invented names and unique BRIN codes.
SchoolSpec invented_school(int index, unsigned long long seed) {
  static const char* names[] = {"De Fontein", "Het Kompas",  "De Wegwijzer", "De Zonnewijzer",
                                "De Bron",    "Het Anker",   "De Wingerd",   "De Morgenster",
                                "De Ark",     "Het Palet",   "De Springplank", "De Vuurtoren"};
  static const char* kinds[] = {"CBS", "OBS", "PCBS", "RKBS"};
  static const char* places[] = {"Alphen aan den Rijn", "Leiden", "Bodegraven", "Nieuwkoop",
                                 "Boskoop", "Woubrugge", "Zoeterwoude", "Hazerswoude-Dorp"};
  Rng rng = rng_for(seed, fmt::format("school {}", index));
  const int n = index - 2, round = n / 12;
  const std::string number = round ? fmt::format("{}", round + 1) : "";
  SchoolSpec s;
  s.name = fmt::format("{} {}{}{}", rng.pick(kinds), names[n % 12], round ? " " : "", number);
  // Two digits and two letters from E–Z: unique for 48,400 schools, never 07AB or 08CD.
  const int letters = n / 100;
  s.brin = fmt::format("{:02}{}{}", n % 100, static_cast<char>('E' + letters / 22 % 22),
                       static_cast<char>('E' + letters % 22));
  s.place = rng.pick(places);
  s.mail_domain = mail_part(names[n % 12]) + number + ".example";
  for (int size : kValentijnCohorts) s.cohort_sizes.push_back(size + rng.below(3) - 1);
  s.plusklas = true;
  s.ib = person(rng, true);
  s.head = person(rng, rng.one_in(2));
  return s;
}

SchoolSpec school_spec(int index, unsigned long long seed) {
  if (index == 0)
    return {"CBS De Valentijn", "07AB", "Alphen aan den Rijn", "devalentijn.example",
            kValentijnCohorts, false, true, {"Marieke", "", "Visser"}, {"Henk", "de", "Boer"}};
  if (index == 1)
    return {"OBS De Regenboog", "08CD", "Leiderdorp", "deregenboog.example",
            kRegenboogCohorts, true, false, {"Fatima", "el", "Amrani"}, {"Peter", "van", "Dam"}};
  return invented_school(index, seed);
}

// ---------------------------------------------------------------- pupils over the years

// One pupil across the years. A pupil of cohort c is in jaargroep (y − c) in the school
// year that starts in y, between the jaargroep they joined in and the one they left after.
struct DemoPupil {
  int cohort = 0, slot = 0;
  std::string key, first_names, initials, eckid;
  PersonName name;
  int gender = 1;
  Date birth, enrolled_on, left_on;
  int first_year_group = 1, last_year_group = 8;
};

std::string pupil_key(int school, int cohort, int slot) {
  return fmt::format("L{}-{}-{:02}", school, cohort, slot);
}

// Born between 1 October and 30 September, so that the pupil turns six in the twelve months
// before 1 October of their group-3 school year (the Dutch rule of thumb).
Date birth_date(Rng& rng, int cohort) {
  static const int lengths[] = {31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30};  // Oct..Sep
  int day = rng.below(365), month = 0;
  while (day >= lengths[month]) day -= lengths[month++];
  int calendar_month = (9 + month) % 12 + 1;
  return {cohort - (calendar_month >= 10 ? 4 : 3), calendar_month, day + 1};
}

// An ECK iD as the Dutch chain-ID service issues them: a URL with a UUID.
std::string eck_id(Rng& rng) {
  unsigned long long a = rng.next(), b = rng.next();
  return fmt::format("https://ketenid.nl/{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xFFFF,
                     a & 0xFFFF, b >> 48, b & 0xFFFFFFFFFFFFULL);
}

DemoPupil make_pupil(int school, int cohort, int slot, unsigned long long seed) {
  DemoPupil p;
  p.cohort = cohort;
  p.slot = slot;
  p.key = pupil_key(school, cohort, slot);
  Rng rng = rng_for(seed, "pupil " + p.key);
  p.gender = rng.below(2) + 1;
  const bool girl = p.gender == 2;
  const Surname& s = rng.pick(kSurnames);
  p.name = {girl ? rng.pick(kGirls) : rng.pick(kBoys), s.prefix, s.name};
  std::string second = girl ? rng.pick(kGirls) : rng.pick(kBoys);
  if (second == p.name.given) second = girl ? "Maria" : "Johannes";
  p.first_names = p.name.given + " " + second;
  p.initials = initial(p.name.given) + initial(second);
  p.birth = birth_date(rng, cohort);
  p.enrolled_on = {p.birth.year + 4, p.birth.month, p.birth.day};  // school starts at four
  p.left_on = {cohort + 9, 7, 31};                                  // after group 8
  if (rng.one_in(4)) p.eckid = eck_id(rng);
  return p;
}

// Joined in a later jaargroep, coming from another school at the start of a school year.
void joins_later(DemoPupil& p, Rng& rng, int latest_year_group) {
  p.first_year_group = 2 + rng.below(latest_year_group - 1);
  p.enrolled_on = {p.cohort + p.first_year_group, 8, 18 + rng.below(10)};
}

// Moved away during the school year after their last jaargroep's export.
void leaves_early(DemoPupil& p, Rng& rng, int latest_year_group) {
  p.last_year_group = 1 + rng.below(latest_year_group);
  p.left_on = {p.cohort + p.last_year_group + 1, 1 + rng.below(6), 1 + rng.below(28)};
}

// Everyone who was ever in one cohort of a school: those there now (or who finished
// group 8), about one in ten of whom joined later, and up to two who left early.
std::vector<DemoPupil> cohort_pupils(int school, const SchoolSpec& spec, int cohort, int now_start,
                                     unsigned long long seed) {
  const int year_group_now = now_start - cohort;
  const int index = year_group_now - 1;
  if (index < 0 || index >= static_cast<int>(spec.cohort_sizes.size())) return {};
  Rng rng = rng_for(seed, fmt::format("cohort {} {}", school, cohort));
  const int staying = spec.cohort_sizes[index];
  const int left_early = year_group_now >= 2 ? rng.below(3) : 0;
  const int reached = std::min(year_group_now, 8);
  std::vector<DemoPupil> out;
  for (int slot = 0; slot < staying + left_early; ++slot) {
    DemoPupil p = make_pupil(school, cohort, slot, seed);
    if (slot >= staying) leaves_early(p, rng, std::min(year_group_now - 1, 7));
    else if (reached >= 2 && rng.one_in(10)) joins_later(p, rng, reached);
    out.push_back(std::move(p));
  }
  return out;
}

enum class Presence { kAbsent, kInGroup, kJustLeft };

Presence presence(const DemoPupil& p, int start) {
  const int year_group = start - p.cohort;
  if (year_group >= p.first_year_group && year_group <= p.last_year_group) return Presence::kInGroup;
  if (year_group == p.last_year_group + 1) return Presence::kJustLeft;
  return Presence::kAbsent;
}

// Everyone one school year's export lists (in a group, or left since the last export),
// oldest cohort first.
std::vector<DemoPupil> school_year_roll(int school, const SchoolSpec& spec, int start, int now_start,
                                        unsigned long long seed) {
  std::vector<DemoPupil> roll;
  for (int year_group = 9; year_group >= 1; --year_group)
    for (DemoPupil& p : cohort_pupils(school, spec, start - year_group, now_start, seed))
      if (presence(p, start) != Presence::kAbsent) roll.push_back(std::move(p));
  return roll;
}

io::EdexPupil to_edex(const DemoPupil& p, int start) {
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
  e.enrolled_on = p.enrolled_on;
  const bool left = presence(p, start) == Presence::kJustLeft;
  const int year_group = left ? p.last_year_group : start - p.cohort;
  e.year_group = std::to_string(year_group);
  if (year_group >= 3) e.started_group3_on = Date{p.cohort + 3, 8, 20};
  if (left) e.left_on = p.left_on;
  return e;
}

// ---------------------------------------------------------------- groups

struct Placed {
  const DemoPupil* pupil;
  int year_group;
};

struct DemoGroup {
  std::string name;
  std::vector<Placed> pupils;
};

DemoGroup group_of(std::vector<Placed> pupils) {
  DemoGroup g;
  std::set<int> years;
  for (const Placed& p : pupils) years.insert(p.year_group);
  for (int y : years) g.name += (g.name.empty() ? "" : "/") + std::to_string(y);
  g.pupils = std::move(pupils);
  return g;
}

// Groups 1 and 2 together, split over two groups by turns.
void add_young_groups(std::vector<DemoGroup>& groups, const std::vector<Placed>& young) {
  std::vector<Placed> a, b;
  for (size_t i = 0; i < young.size(); ++i) (i % 2 ? b : a).push_back(young[i]);
  for (auto* half : {&a, &b}) groups.push_back(group_of(std::move(*half)));
  groups[groups.size() - 2].name += "A";
  groups.back().name += "B";
}

// Year groups 3–8 in classes of at most 31; a year group under 20 joins the next one.
void add_older_groups(std::vector<DemoGroup>& groups, const std::vector<std::vector<Placed>>& by_year) {
  std::vector<Placed> pool;
  for (int year_group = 3; year_group <= 8; ++year_group) {
    pool.insert(pool.end(), by_year[year_group].begin(), by_year[year_group].end());
    while (pool.size() > 31) {
      groups.push_back(group_of({pool.begin(), pool.begin() + 27}));
      pool.erase(pool.begin(), pool.begin() + 27);
    }
    if (pool.size() >= 20 || (year_group == 8 && !pool.empty())) {
      groups.push_back(group_of(std::move(pool)));
      pool.clear();
    }
  }
}

// Two groups that would carry the same name get a letter each ("6A", "6B").
void make_names_unique(std::vector<DemoGroup>& groups) {
  std::map<std::string, int> seen;
  for (const DemoGroup& g : groups) ++seen[g.name];
  std::map<std::string, char> next;
  for (DemoGroup& g : groups)
    if (seen[g.name] > 1) {
      char& letter = next.try_emplace(g.name, 'A').first->second;
      g.name += letter++;
    }
}

std::vector<DemoGroup> form_groups(const std::vector<DemoPupil>& roll, const SchoolSpec& spec, int start) {
  std::vector<std::vector<Placed>> by_year(9);
  for (const DemoPupil& p : roll)
    if (presence(p, start) == Presence::kInGroup) by_year[start - p.cohort].push_back({&p, start - p.cohort});
  std::vector<DemoGroup> groups;
  if (spec.pairs) {
    for (int first = 1; first <= 7; first += 2) {
      std::vector<Placed> pool = by_year[first];
      pool.insert(pool.end(), by_year[first + 1].begin(), by_year[first + 1].end());
      if (!pool.empty()) groups.push_back(group_of(std::move(pool)));
    }
    return groups;
  }
  std::vector<Placed> young = by_year[1];
  young.insert(young.end(), by_year[2].begin(), by_year[2].end());
  add_young_groups(groups, young);
  add_older_groups(groups, by_year);
  make_names_unique(groups);
  return groups;
}

// About eight strong pupils: two of each of the jaargroepen 5–8.
std::set<std::string> plusklas_pupils(const std::vector<DemoGroup>& groups, Rng rng) {
  std::map<int, std::vector<std::string>> candidates;
  for (const DemoGroup& g : groups)
    for (const Placed& p : g.pupils)
      if (p.year_group >= 5) candidates[p.year_group].push_back(p.pupil->key);
  std::set<std::string> chosen;
  for (auto& [year_group, keys] : candidates)
    for (int n = 0; n < 2 && !keys.empty(); ++n) {
      size_t i = static_cast<size_t>(rng.below(static_cast<int>(keys.size())));
      chosen.insert(keys[i]);
      keys.erase(keys.begin() + static_cast<long>(i));
    }
  return chosen;
}

// ---------------------------------------------------------------- staff

io::EdexTeacher staff_member(int school, const std::string& key, const PersonName& name, const char* role,
                             const char* description, const SchoolSpec& spec) {
  io::EdexTeacher t;
  t.key = fmt::format("T{}-{}", school, key);
  t.given_name = name.given;
  t.surname_prefix = name.prefix;
  t.surname = name.surname;
  t.initials = initial(name.given);
  t.email = email(name, spec.mail_domain);
  t.role = role;
  t.role_description = description;
  return t;
}

// Teacher number `n` of a school: the same person in every school year's export.
io::EdexTeacher teacher(int school, int n, const SchoolSpec& spec, unsigned long long seed) {
  Rng rng = rng_for(seed, fmt::format("teacher {} {}", school, n));
  PersonName name = person(rng, !rng.one_in(4));
  return staff_member(school, fmt::format("{:02}", n), name, "LRK", "Leerkracht", spec);
}

// Who teaches the g-th group of a school year: usually teacher g, every year again; now
// and then a colleague takes over for a year. Every third group has a duo partner.
std::vector<int> teachers_of_group(int school, int start, int g, unsigned long long seed) {
  Rng rng = rng_for(seed, fmt::format("teaching {} {} {}", school, start, g));
  std::vector<int> out{rng.one_in(6) ? g + 20 : g};
  if (g % 3 == 1) out.push_back(g + 40);
  return out;
}

void add_group(io::EdexDocument& doc, int index, const SchoolSpec& spec, int start, int g,
               const DemoGroup& group, const std::set<std::string>& plus, const std::string& plus_key,
               unsigned long long seed) {
  const std::string key = fmt::format("G{}-{}", start, group.name);
  doc.groups.push_back({key, group.name, std::to_string(group.pupils.front().year_group), false, 0});
  for (const Placed& p : group.pupils) {
    io::EdexPupil e = to_edex(*p.pupil, start);
    e.group_key = key;
    if (plus.count(p.pupil->key)) e.combined_group_keys.push_back(plus_key);
    doc.pupils.push_back(std::move(e));
  }
  for (int n : teachers_of_group(index, start, g, seed)) {
    io::EdexTeacher t = teacher(index, n, spec, seed);
    t.groups.push_back({key, false, ""});
    doc.teachers.push_back(std::move(t));
  }
}

}  // namespace

io::EdexDocument demo_school_document(int index, const domain::SchoolYear& year, unsigned long long seed,
                                      const Date& today) {
  const SchoolSpec spec = school_spec(index, seed);
  const int start = year.starts_on.year, now_start = domain::school_year_of(today).starts_on.year;
  io::EdexDocument doc;
  doc.school = {year.name, start == now_start ? today : Date{start, 10, 1}, spec.brin, "00",
                fmt::format("S{}", index), "Koers demo", "2.1", "", std::nullopt};

  const std::vector<DemoPupil> roll = school_year_roll(index, spec, start, now_start, seed);
  const std::vector<DemoGroup> groups = form_groups(roll, spec, start);
  const std::string plus_key = fmt::format("P{}-{}", start, index);
  std::set<std::string> plus;
  if (spec.plusklas) {
    doc.groups.push_back({plus_key, "Plusklas", "", true, 0});
    plus = plusklas_pupils(groups, rng_for(seed, fmt::format("plusklas {} {}", index, start)));
  }
  for (size_t g = 0; g < groups.size(); ++g)
    add_group(doc, index, spec, start, static_cast<int>(g), groups[g], plus, plus_key, seed);
  for (const DemoPupil& p : roll)
    if (presence(p, start) == Presence::kJustLeft) doc.pupils.push_back(to_edex(p, start));
  if (spec.plusklas) {
    io::EdexTeacher t = teacher(index, 90, spec, seed);
    t.role_description = "Leerkracht plusklas";
    t.groups.push_back({plus_key, true, ""});
    doc.teachers.push_back(std::move(t));
  }
  doc.teachers.push_back(staff_member(index, "IB", spec.ib, "IB", "Intern begeleider", spec));
  doc.teachers.push_back(staff_member(index, "DIR", spec.head, "DIR", "Directeur", spec));
  return doc;
}

namespace {

// ---------------------------------------------------------------- the database

long long count_rows(soci::session& sql, const std::string& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

// The three school years of the demo, oldest first.
std::vector<domain::SchoolYear> demo_years(const Date& today) {
  const int now = domain::school_year_of(today).starts_on.year;
  std::vector<domain::SchoolYear> years;
  for (int start = now - 2; start <= now; ++start) years.push_back(domain::school_year_of(Date{start, 9, 1}));
  return years;
}

// Who the audit trail names for everything the demo writes.
domain::Principal demo_principal(Id board) {
  domain::Principal p;
  p.username = "koers-demo";
  p.display_name = "Koers demo";
  p.role = domain::Role::kBoardAdmin;
  p.board_id = board;
  return p;
}

// The school's three EDEXML exports, oldest first, through the real importer.
Id import_school(store::Database& db, int index, const SchoolSpec& spec, Id board,
                 const std::vector<domain::SchoolYear>& years, unsigned long long seed, const Date& today) {
  Id school = 0;
  for (const auto& year : years) {
    io::EdexDocument doc = demo_school_document(index, year, seed, today);
    const store::EdexmlImportOptions o{board, true, spec.name,
                                       fmt::format("demo-{}-{}.xml", spec.brin, year.name)};
    auto result = store::import_edexml(db, doc, o, demo_principal(board));
    if (io::failed(result))
      throw std::runtime_error("demo import: " + std::get<io::ImportError>(result).text());
    school = std::get<store::EdexmlImportSummary>(result).school_id;
  }
  return school;
}

// Families of this year's pupils: about one in seven shares parents with the pupil of the
// same slot two cohorts up (an elder brother or sister), when that pupil is at school too.
// Keyed by the eldest child's key; children oldest first.
std::map<std::string, std::vector<const DemoPupil*>> families(const std::vector<DemoPupil>& roll,
                                                              int school, unsigned long long seed) {
  std::map<std::string, std::string> family_of;  // pupil key -> family key
  std::map<std::string, std::vector<const DemoPupil*>> out;
  for (const DemoPupil& p : roll) {  // oldest first: an elder sibling's family is known
    std::string family = p.key;
    auto elder = family_of.find(pupil_key(school, p.cohort - 2, p.slot));
    if (elder != family_of.end() && rng_for(seed, "sibling " + p.key).one_in(7)) family = elder->second;
    family_of[p.key] = family;
    out[family].push_back(&p);
  }
  return out;
}

// One or two parents; the father has the child's surname, the mother often her own.
std::vector<domain::Guardian> parents(const DemoPupil& eldest, Id school, unsigned long long seed) {
  Rng rng = rng_for(seed, "parents " + eldest.key);
  const int adults = rng.one_in(5) ? 1 : 2;
  const bool mother_first = !rng.one_in(6);
  std::vector<domain::Guardian> out;
  for (int a = 0; a < adults; ++a) {
    const bool mother = (a == 0) == mother_first;
    domain::Guardian g;
    g.school_id = school;
    g.name = person(rng, mother);
    if (!mother || !rng.one_in(3)) {
      g.name.prefix = eldest.name.prefix;
      g.name.surname = eldest.name.surname;
    }
    g.relation = a == 1 && rng.one_in(8) ? "verzorger" : (mother ? "moeder" : "vader");
    g.email = email(g.name, rng.pick(kMailDomains));
    g.phone = fmt::format("06-{:08}", rng.next() % 100000000ULL);
    out.push_back(std::move(g));
  }
  return out;
}

std::map<std::string, Id> pupil_ids(soci::session& sql, Id school) {
  std::map<std::string, Id> out;
  Id id = 0;
  std::string key;
  soci::statement st = (sql.prepare << "SELECT id, edex_key FROM pupils WHERE school_id = :s",
                        soci::use(school), soci::into(id), soci::into(key));
  st.execute();
  while (st.fetch()) out[key] = id;
  return out;
}

// Everyone in this year's export gets their family's parents, all in the caller's transaction.
void add_guardians(store::Database& db, soci::session& sql, Id school, const std::vector<DemoPupil>& roll,
                   int index, unsigned long long seed) {
  store::PupilRepository pupils(db);
  const std::map<std::string, Id> ids = pupil_ids(sql, school);
  for (const auto& [family, children] : families(roll, index, seed))
    for (const domain::Guardian& g : parents(*children.front(), school, seed)) {
      Id guardian = pupils.add_guardian(sql, g);
      for (const DemoPupil* child : children)
        pupils.link_guardian(sql, ids.at(child->key), guardian, g.relation);
    }
}

// Periode 1 from 1 August, 2 from 1 December, 3 from 1 April to 31 July.
void add_periods(soci::session& sql, store::SchoolRepository& schools, Id school,
                 const std::vector<domain::SchoolYear>& years) {
  for (const auto& year : years) {
    Id year_id = schools.ensure_school_year(sql, year);
    const int y = year.starts_on.year;
    const std::tuple<std::string, Date, Date> periods[] = {{"Periode 1", {y, 8, 1}, {y, 11, 30}},
                                                           {"Periode 2", {y, 12, 1}, {y + 1, 3, 31}},
                                                           {"Periode 3", {y + 1, 4, 1}, {y + 1, 7, 31}}};
    for (const auto& [name, from, to] : periods) {
      std::string starts = from.iso(), ends = to.iso();
      sql << "INSERT INTO periods (school_id, school_year_id, name, starts_on, ends_on) "
             "VALUES (:s, :y, :n, :f, :t)",
          soci::use(school), soci::use(year_id), soci::use(name), soci::use(starts), soci::use(ends);
    }
  }
}

Id create_school(store::Database& db, int index, Id board, const std::vector<domain::SchoolYear>& years,
                 const DemoOptions& options, const Date& today) {
  const SchoolSpec spec = school_spec(index, options.seed);
  const Id school = import_school(db, index, spec, board, years, options.seed, today);
  const int now_start = years.back().starts_on.year;
  const std::vector<DemoPupil> roll = school_year_roll(index, spec, now_start, now_start, options.seed);
  db.write([&](soci::session& sql) {
    sql << "UPDATE schools SET place = :p WHERE id = :id", soci::use(spec.place), soci::use(school);
    add_guardians(db, sql, school, roll, index, options.seed);
    store::SchoolRepository schools(db);
    add_periods(sql, schools, school, years);
  });
  return school;
}

// ---------------------------------------------------------------- the logins

// A person a login belongs to: their record's id and their name.
struct Someone {
  Id id = 0;
  std::string name;
  std::string child;  // a parent's child
};

Someone staff_by_key(soci::session& sql, Id school, const std::string& key) {
  Someone s;
  PersonName n;
  sql << "SELECT id, given_name, surname_prefix, surname FROM staff "
         "WHERE school_id = :s AND edex_key = :k",
      soci::use(school), soci::use(key), soci::into(s.id), soci::into(n.given), soci::into(n.prefix),
      soci::into(n.surname);
  if (!sql.got_data()) throw std::runtime_error("demo: no staff " + key);
  s.name = n.display();
  return s;
}

// The first teacher of a group of this school year.
Someone teacher_of(soci::session& sql, Id school, Id year, const std::string& group) {
  std::string key;
  sql << "SELECT MIN(s.edex_key) FROM staff s JOIN group_staff gs ON gs.staff_id = s.id "
         "JOIN school_groups g ON g.id = gs.group_id "
         "WHERE g.school_id = :s AND g.school_year_id = :y AND g.name = :n",
      soci::use(school), soci::use(year), soci::use(group), soci::into(key);
  return staff_by_key(sql, school, key);
}

// A parent with exactly one child, that child in the given group this school year.
Someone parent_of_only_child(soci::session& sql, Id school, Id year, const std::string& group) {
  Someone s;
  PersonName parent, child;
  sql << "SELECT gu.id, gu.given_name, gu.surname_prefix, gu.surname, p.given_name, p.surname_prefix, "
         "p.surname FROM guardians gu JOIN pupil_guardians pg ON pg.guardian_id = gu.id "
         "JOIN pupils p ON p.id = pg.pupil_id JOIN enrolments e ON e.pupil_id = p.id "
         "JOIN school_groups g ON g.id = e.group_id "
         "WHERE g.school_id = :s AND g.school_year_id = :y AND g.name = :n AND g.kind = 'regular' "
         "AND (SELECT COUNT(*) FROM pupil_guardians x WHERE x.guardian_id = gu.id) = 1 "
         "ORDER BY p.edex_key, gu.id",
      soci::use(school), soci::use(year), soci::use(group), soci::into(s.id), soci::into(parent.given),
      soci::into(parent.prefix), soci::into(parent.surname), soci::into(child.given),
      soci::into(child.prefix), soci::into(child.surname);
  if (!sql.got_data()) throw std::runtime_error("demo: no parent of an only child in group " + group);
  s.name = parent.display();
  s.child = child.display();
  return s;
}

class Logins {
 public:
  Logins(store::Database& db, soci::session& sql, Id board, DemoSummary& summary)
      : accounts_(db), audit_(db), sql_(sql), board_(board), summary_(summary), by_(demo_principal(board)) {}

  // Every account gets its own argon2id hash (its own salt).
  void add(const std::string& username, domain::Role role, const std::string& name, Id school,
           Id staff, Id guardian, const std::string& who) {
    store::NewAccount a{username, kDemoPassword, role, name, board_, school, staff, guardian};
    const std::string hash = hash_password(kDemoPassword), role_key(domain::role_key(role));
    // The EDEXML import invited every staff member; a demo login takes that account over, with
    // the printed password, so `make run` needs no activation letter.
    Id id = 0;
    if (staff) {
      sql_ << "SELECT id FROM accounts WHERE staff_id = :s", soci::use(staff), soci::into(id);
      if (!sql_.got_data()) id = 0;
    }
    if (id) {
      sql_ << "UPDATE accounts SET username = :u, password_hash = :h, role = :r, display_name = :d, invited = 0, "
              "active = 1 WHERE id = :id",
          soci::use(username), soci::use(hash), soci::use(role_key), soci::use(name), soci::use(id);
      sql_ << "UPDATE account_codes SET used_at = created_at WHERE account_id = :a AND used_at = ''", soci::use(id);
    } else {
      id = accounts_.insert(sql_, a, hash);
    }
    last_id_ = id;
    auto line = store::audit_entry(by_, domain::AuditAction::kCreate, "account " + username, 0,
                                   fmt::format("rol {} (demo)", domain::role_key(role)));
    line.school_id = school;
    audit_.append(sql_, std::move(line));
    summary_.logins.push_back({username, std::string(domain::role_key(role)), who});
  }

  Id last_id() const { return last_id_; }

  // The account just added signs in with a second factor too: the demo's fixed TOTP key.
  void with_two_factor() {
    const std::string secret = kDemoTotpSecret;
    sql_ << "UPDATE accounts SET totp_secret = :s, totp_enabled = 1 WHERE id = :id", soci::use(secret),
        soci::use(last_id_);
  }

 private:
  Id last_id_ = 0;
  store::AccountRepository accounts_;
  store::AuditLog audit_;
  soci::session& sql_;
  Id board_;
  DemoSummary& summary_;
  domain::Principal by_;
};

// For the privacy officer's review list: the teacher tried to open twelve pupils of the other
// school within minutes (each refused), and the external tried a case file without consent.
void add_refusals_to_review(store::Database& db, soci::session& sql, Id board, Id school, Id other_school,
                            Id teacher_account, Id external_account) {
  std::vector<Id> others;
  Id p = 0;
  soci::statement st = (sql.prepare << "SELECT id FROM pupils WHERE school_id = :s ORDER BY id", soci::use(other_school),
                        soci::into(p));
  st.execute();
  while (st.fetch() && others.size() < 12) others.push_back(p);
  domain::Principal teacher;
  teacher.account_id = teacher_account;
  teacher.board_id = board;
  teacher.school_id = school;
  teacher.role = domain::Role::kTeacher;
  teacher.address = "192.168.10.23";
  sql << "SELECT username FROM accounts WHERE id = :a", soci::use(teacher_account), soci::into(teacher.username);
  std::vector<domain::AuditEntry> lines;
  for (Id other : others)
    lines.push_back(store::audit_entry(teacher, domain::AuditAction::kRefused, "leerlinggegevens", other,
                                       "leerling van een andere school"));
  domain::Principal external = teacher;
  external.account_id = external_account;
  external.role = domain::Role::kCareTeamMember;
  external.address = "10.20.30.40";
  sql << "SELECT username FROM accounts WHERE id = :a", soci::use(external_account), soci::into(external.username);
  lines.push_back(store::audit_entry(external, domain::AuditAction::kRefused, "casusdossier", 0,
                                     "De ouders hebben hun toestemming ingetrokken."));
  store::AuditLog(db).append(sql, std::move(lines));
}

// The demo logins, one per role, in the order the CLI prints them.
void add_logins(store::Database& db, Id board, const std::string& board_name,
                const std::vector<Id>& schools, const DemoOptions& options, const domain::SchoolYear& now,
                DemoSummary& summary) {
  using domain::Role;
  db.write([&](soci::session& sql) {
    Logins logins(db, sql, board, summary);
    const Id valentijn = schools.at(0), year = store::SchoolRepository(db).ensure_school_year(sql, now);
    const SchoolSpec v = school_spec(0, options.seed);
    const auto at = [&](const std::string& who) { return who + ", " + v.name; };
    Someone teacher = teacher_of(sql, valentijn, year, "5/6");
    logins.add("leerkracht", Role::kTeacher, teacher.name, valentijn, teacher.id, 0,
               at(fmt::format("Leerkracht van groep 5/6 ({})", teacher.name)));
    const Id teacher_account = logins.last_id();
    Someone ib = staff_by_key(sql, valentijn, "T0-IB");
    logins.add("ib", Role::kSupportCoordinator, ib.name, valentijn, ib.id, 0,
               at(fmt::format("Intern begeleider ({})", ib.name)));
    Someone head = staff_by_key(sql, valentijn, "T0-DIR");
    logins.add("directeur", Role::kHead, head.name, valentijn, head.id, 0,
               at(fmt::format("Directeur ({})", head.name)));
    logins.add("zorgteam", Role::kCareTeamMember, "Ingrid Smit", valentijn, 0, 0,
               at("Orthopedagoog in het zorgteam (Ingrid Smit)"));
    const Id external_account = logins.last_id();
    store::ExternalMemberRepository(db).insert_profile(sql, logins.last_id(), domain::Discipline::kOrthopedagogue,
                                                       "Samenwerkingsverband Passend Onderwijs Noord", valentijn,
                                                       demo_principal(board));
    Someone parent = parent_of_only_child(sql, valentijn, year, "3");
    logins.add("ouder", Role::kParent, parent.name, valentijn, 0, parent.id,
               at(fmt::format("Ouder ({}) van {} uit groep 3", parent.name, parent.child)));
    logins.add("beheer", Role::kBoardAdmin, "Ruud Hendriks", 0, 0, 0,
               fmt::format("Beheerder (Ruud Hendriks) van {}: alle scholen", board_name));
    if (schools.size() < 2) return;
    Someone other = staff_by_key(sql, schools[1], "T1-IB");
    logins.add("ib-regenboog", Role::kSupportCoordinator, other.name, schools[1], other.id, 0,
               fmt::format("Intern begeleider ({}), {}", other.name, school_spec(1, options.seed).name));
    Someone other_head = staff_by_key(sql, schools[1], "T1-DIR");
    logins.add("directeur-2fa", Role::kHead, other_head.name, schools[1], other_head.id, 0,
               fmt::format("Directeur ({}), {}: met tweestapsverificatie, sleutel {}", other_head.name,
                           school_spec(1, options.seed).name, kDemoTotpSecret));
    logins.with_two_factor();
    logins.add("privacy", Role::kPrivacyOfficer, "Femke de Wit", 0, 0, 0,
               fmt::format("Privacyfunctionaris (Femke de Wit) van {}: de toegangslog, geen dossiers", board_name));
    add_refusals_to_review(db, sql, board, valentijn, schools[1], teacher_account, external_account);
  });
}

}  // namespace

namespace {

// ---------------------------------------------------------------- LVS results

// Days since 1970-01-01 of a date (Howard Hinnant's days_from_civil); 1970-01-01 was a Thursday.
long long days_since_epoch(const Date& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

// Moves a Saturday or Sunday on to the Monday after.
Date weekday_on_or_after(Date d) {
  static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int i = 0; i < 2; ++i) {
    const long long weekday = (days_since_epoch(d) + 3) % 7;  // 0 = Monday
    if (weekday < 5) break;
    const bool leap = d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0);
    const int length = lengths[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
    if (++d.day > length) d = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
  }
  return d;
}

// A standard normal number from six uniform ones (Irwin–Hall): no std:: distributions.
double normal(Rng& rng) {
  double sum = 0;
  for (int i = 0; i < 6; ++i) sum += static_cast<double>(rng.next() >> 11) / 9007199254740992.0;
  return (sum - 3.0) * 1.4142135623730951;
}

// The national percentile of a standing z (standard normal), 1–99.
int percentile_of(double z) {
  const double p = 50.0 * std::erfc(-z / 1.4142135623730951);
  return std::clamp(static_cast<int>(std::lround(p)), 1, 99);
}

// One LVS test: its name, the first year group that takes it, and its scale (the national
// mean score rises with the didactic age in months, DL; sd is the spread of one moment).
struct LvsTest {
  const char* subject;
  int from_year_group;
  double mean_at_zero, per_month, sd;
};
const LvsTest kLvsTests[] = {{"Rekenen-Wiskunde", 3, 25, 1.9, 12},
                             {"Spelling", 4, 100, 0.8, 8},
                             {"Begrijpend lezen", 4, 10, 1.1, 12}};

// The school year (its starting year) and moment part of the six most recent LVS moments
// taken before today: M in late January, E in June. Oldest first.
struct LvsMoment {
  int start;  // the school year starting in this year
  char part;  // 'M' or 'E'
};
std::vector<LvsMoment> recent_moments(const Date& today) {
  std::vector<LvsMoment> out;
  for (int start = today.year; static_cast<int>(out.size()) < 6; --start)
    for (char part : {'E', 'M'}) {
      const Date latest = part == 'M' ? Date{start + 1, 2, 7} : Date{start + 1, 6, 30};
      if (latest < today && out.size() < 6) out.push_back({start, part});
    }
  std::reverse(out.begin(), out.end());
  return out;
}

// The day a school took a test at a moment: the same for the whole school.
Date taken_on(int school, const char* subject, const LvsMoment& m, unsigned long long seed) {
  Rng rng = rng_for(seed, fmt::format("lvs {} {} {}{}", school, subject, m.part, m.start));
  if (m.part == 'M') {
    const int day = 13 + rng.below(20);  // 13 January .. 1 February
    return weekday_on_or_after(day <= 31 ? Date{m.start + 1, 1, day} : Date{m.start + 1, 2, day - 31});
  }
  return weekday_on_or_after({m.start + 1, 6, 1 + rng.below(22)});
}

// The results of one pupil as CSV lines; returns how many.
int pupil_results(std::string& out, const DemoPupil& p, const std::vector<LvsMoment>& moments,
                  const std::vector<std::array<Date, 3>>& dates, unsigned long long seed) {
  Rng rng = rng_for(seed, "lvs " + p.key);
  // A general standing, a standing per test around it, and how fast the pupil grows.
  const double general = normal(rng), growth = 0.06 * normal(rng);
  double standing[3];
  for (double& s : standing) s = 0.75 * general + 0.66 * normal(rng);
  const std::string prefix = fmt::format("{};{};{};{};{};", p.key, p.name.surname, p.name.prefix, p.name.given,
                                         p.birth.dutch());
  int rows = 0;
  for (size_t i = 0; i < moments.size(); ++i) {
    const int year_group = moments[i].start - p.cohort;
    if (year_group < 3 || year_group > 8 || year_group < p.first_year_group || year_group > p.last_year_group)
      continue;
    const domain::TestMoment moment{year_group, moments[i].part};
    const int dl = moment.didactic_age();
    for (int t = 0; t < 3; ++t) {
      const LvsTest& test = kLvsTests[t];
      if (year_group < test.from_year_group) continue;
      // Where the pupil stands this time: their standing, drifting with their growth, and a good or bad day.
      const double z = standing[t] + growth * (dl - 30) / 5.0 + 0.35 * normal(rng);
      const double score = std::max(0.0, test.mean_at_zero + test.per_month * dl + test.sd * z);
      const int pct = percentile_of(z);
      const double dle = std::clamp(std::round(dl + z * (2 + 0.2 * dl)), 0.0, 60.0);
      out += prefix;
      out += fmt::format("{};{};{};{};{};{};{};{}\n", year_group, test.subject, moment.label(), dates[i][t].dutch(),
                         domain::dutch_decimal(std::round(score * 10) / 10),
                         domain::roman_level_of_percentile(pct).label(), pct, dle);
      ++rows;
    }
  }
  return rows;
}

}  // namespace

std::string demo_results_csv(int index, const DemoOptions& options, int* rows, int* pupils) {
  const Date today = options.today.valid() ? options.today : today_local();
  const int now_start = domain::school_year_of(today).starts_on.year;
  const SchoolSpec spec = school_spec(index, options.seed);
  const std::vector<LvsMoment> moments = recent_moments(today);
  std::vector<std::array<Date, 3>> dates;
  for (const LvsMoment& m : moments) {
    std::array<Date, 3> d;
    for (int t = 0; t < 3; ++t) d[t] = taken_on(index, kLvsTests[t].subject, m, options.seed);
    dates.push_back(d);
  }
  std::string out =
      "leerlingnummer;achternaam;tussenvoegsel;roepnaam;geboortedatum;groep;toets;toetsmoment;afnamedatum;"
      "vaardigheidsscore;niveau;percentiel;dle\n";
  int total = 0, with_results = 0;
  // Every cohort the demo has (group 1 now up to two years past group 8), oldest first.
  for (int cohort = now_start - static_cast<int>(spec.cohort_sizes.size()); cohort <= now_start - 1; ++cohort)
    for (const DemoPupil& p : cohort_pupils(index, spec, cohort, now_start, options.seed)) {
      const int n = pupil_results(out, p, moments, dates, options.seed);
      total += n;
      with_results += n > 0;
    }
  if (rows) *rows = total;
  if (pupils) *pupils = with_results;
  return out;
}

std::vector<DemoResultsFile> write_demo_results(const DemoOptions& options, const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::vector<DemoResultsFile> files;
  for (int i = 0; i < options.schools; ++i) {
    const SchoolSpec spec = school_spec(i, options.seed);
    DemoResultsFile f;
    f.school_index = i;
    f.brin = spec.brin;
    f.school_name = spec.name;
    f.path = (std::filesystem::path(dir) / fmt::format("resultaten-{}.csv", spec.brin)).string();
    const std::string text = demo_results_csv(i, options, &f.rows, &f.pupils);
    std::ofstream out(f.path, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("kan " + f.path + " niet schrijven");
    files.push_back(std::move(f));
  }
  return files;
}

DemoSummary create_demo(store::Database& db, const DemoOptions& options) {
  if (options.schools < 1) throw std::runtime_error("de demo heeft minstens één school nodig");
  const Date today = options.today.valid() ? options.today : today_local();
  if (db.read([](soci::session& sql) { return count_rows(sql, "boards"); }) > 0)
    throw std::runtime_error("de database bevat al gegevens; de demo hoort in een lege database");

  const std::string board_name = "Stichting Koersvast Primair Onderwijs";
  const Id board =
      db.write([&](soci::session& sql) { return store::SchoolRepository(db).create_board(sql, board_name); });
  const std::vector<domain::SchoolYear> years = demo_years(today);
  std::vector<Id> schools;
  for (int i = 0; i < options.schools; ++i)
    schools.push_back(create_school(db, i, board, years, options, today));

  DemoSummary summary;
  add_logins(db, board, board_name, schools, options, years.back(), summary);
  db.read([&](soci::session& sql) {
    summary.schools = static_cast<int>(count_rows(sql, "schools"));
    summary.groups = static_cast<int>(count_rows(sql, "school_groups"));
    summary.pupils = static_cast<int>(count_rows(sql, "pupils"));
    summary.guardians = static_cast<int>(count_rows(sql, "guardians"));
    summary.accounts = static_cast<int>(count_rows(sql, "accounts"));
  });
  return summary;
}

}  // namespace koers::demo
