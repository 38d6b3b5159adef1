// The demo board: deterministic (a seed), realistic and large enough to feel real.
// Two schools (CBS De Valentijn and OBS De Regenboog), three school years of enrolment
// history (pupils move up, a few join later or move away, group 8 leaves), Dutch names,
// parents linked to pupils, periods, and one login per role. `schools` > 2 adds schools
// like De Valentijn (≈ 250 pupils each) for benchmarks.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/school.h"
#include "io/edexml_document.h"
#include "store/database.h"

namespace koers::demo {

struct DemoOptions {
  int schools = 2;
  unsigned long long seed = 20261122;
  domain::Date today;  // set by the caller: the current school year follows from it (unset: today)
};

struct DemoLogin {
  std::string username;
  std::string role;  // role_key
  std::string who;   // "Leerkracht van groep 5/6 (Sanne de Wit), CBS De Valentijn"
};

struct DemoSummary {
  int schools = 0, groups = 0, pupils = 0, guardians = 0, accounts = 0;
  std::vector<DemoLogin> logins;
};

constexpr const char* kDemoPassword = "koers-demo";
// The TOTP key (base32) of the demo login with two-factor sign-in: add it to an authenticator
// app, or compute a code with `oathtool --totp -b KOERSDEMOKOERSDEMOKOERSDEMOKOERS`.
constexpr const char* kDemoTotpSecret = "KOERSDEMOKOERSDEMOKOERSDEMOKOERS";

// Fills an empty, migrated database through the EDEXML importer, oldest school year
// first, then guardians, periods and accounts. Throws std::runtime_error if the database
// already has a board.
DemoSummary create_demo(store::Database& db, const DemoOptions& options);

// The EDEXML document of demo school `index` (0-based) for one school year, as an
// administration system would export it (used by create_demo and to write sample files).
io::EdexDocument demo_school_document(int index, const domain::SchoolYear& year,
                                      unsigned long long seed, const domain::Date& today);

// LVS results of the demo pupils in Koers' own CSV layout (mapping "koers"): Rekenen-Wiskunde
// from group 3, Spelling and Begrijpend lezen from group 4, at the six most recent M and E
// moments before today (three years' worth) while the pupil was at the school in groups 3–8.
// Each pupil has a standing that drifts a little; score, percentile, level (I–V, from the
// percentile) and DLE follow from it. About ten results per pupil; deterministic by the seed.
std::string demo_results_csv(int index, const DemoOptions& options, int* rows = nullptr, int* pupils = nullptr);

struct DemoResultsFile {
  int school_index = 0;
  std::string brin, school_name, path;
  int rows = 0, pupils = 0;
};

// Writes demo_results_csv of every school of the board (options.schools) to
// dir/resultaten-<BRIN>.csv, creating dir; the files in school order.
std::vector<DemoResultsFile> write_demo_results(const DemoOptions& options, const std::string& dir);

}  // namespace koers::demo
