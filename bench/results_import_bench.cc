// Benchmark (not a test): importing the LVS results of a large board, and signalling over it.
//
//   results_import_bench [--scale 207] [--runs 3] [--dir DIR] [--keep] [--reuse-board] [--sqlite3 PATH]
//
// 1. Creates the demo board with `scale` schools (207: ≈ 56,600 pupils, ≈ 501,000 results) in a fresh SQLite
//    database and writes every school's results as CSV in Koers' own layout (≈ 485,000 rows
//    in one file per school): `koers demo --scale 207 --results-out DIR` does the same.
// 2. (a) sqlite3's own `.import` of the same files into a plain table with the same columns,
//        in a fresh database with the pragmas Koers uses (WAL, synchronous=NORMAL), timed as
//        the wall time of the sqlite3 process.
//    (b) Koers' import of the same files as `koers import results` does it: read the file,
//        to_utf8, read_csv, parse_results (mapping "koers"), import_results (one transaction
//        per file, matched by leerlingnummer, audited) into a copy of the board.
//    Target: (b) reaches at least 50 % of the rows per second of (a).
// 3. Signalling over the whole board: per school its rules and all its results
//    (results_of_school), then evaluate_signals for every pupil. Target: under 1 s.
//
// Each run repeats 2 and 3 on fresh copies, sqlite3 and Koers in turns so that both meet the
// same machine; the best time of each counts (the usual way to take noise out of a benchmark
// on a shared machine). Prints every run, the best figures, PASS/FAIL per target and peak
// RSS; exits 1 when a target fails, 2 on an error.
//
// --keep leaves the work folder (a temporary one unless --dir); --reuse-board keeps a copy
// of the freshly created board in the folder and starts from it next time (saves creating it).
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "demo/demo_school.h"
#include "domain/signalling.h"
#include "io/csv.h"
#include "io/results_csv.h"
#include "store/database.h"
#include "store/result_repository.h"
#include "store/school_repository.h"
#include "store/signal_repository.h"

using namespace koers;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// "1234567" → "1,234,567".
std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string rate(long long rows, double seconds) { return grouped(static_cast<long long>(rows / seconds)); }

// Peak resident set size of this process since the last reset_peak_rss(), in MiB (VmHWM).
double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Starts a new peak-RSS measurement (Linux: writing 5 to clear_refs resets VmHWM).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

std::string quoted(const std::string& path) {
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Runs a shell command; its standard output.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  int status = pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("failed: " + command);
  return out;
}

void remove_db(const fs::path& p) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
}

struct Options {
  int scale = 207, runs = 3;
  std::string dir, sqlite3 = "sqlite3";
  bool keep = false, reuse_board = false;
};

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--scale") o.scale = std::stoi(value());
    else if (a == "--runs") o.runs = std::max(1, std::stoi(value()));
    else if (a == "--dir") o.dir = value();
    else if (a == "--sqlite3") o.sqlite3 = value();
    else if (a == "--keep") o.keep = true;
    else if (a == "--reuse-board") o.reuse_board = o.keep = true;
    else if (a == "--help" || a == "-h") {
      std::cout << "results_import_bench [--scale 207] [--runs 3] [--dir DIR] [--keep] [--reuse-board] "
                   "[--sqlite3 PATH]\n";
      std::exit(0);
    } else {
      throw std::runtime_error("unknown argument " + a);
    }
  }
  return o;
}

const char* verdict(bool ok) { return ok ? "PASS" : "FAIL"; }

// ---------------------------------------------------------------- the measurements

struct SqliteImport {
  double seconds = 0, rss_mib = 0;
};

// (a) sqlite3 .import of every file into a fresh database.
SqliteImport sqlite3_import(const Options& options, const fs::path& dir, const std::vector<demo::DemoResultsFile>& files,
                            long long rows) {
  const fs::path plain_db = dir / "sqlite3-import.db", script = dir / "sqlite3-import.sql";
  remove_db(plain_db);
  {
    std::ofstream out(script);
    out << "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
           "CREATE TABLE results (leerlingnummer TEXT, achternaam TEXT, tussenvoegsel TEXT, roepnaam TEXT, "
           "geboortedatum TEXT, groep TEXT, toets TEXT, toetsmoment TEXT, afnamedatum TEXT, "
           "vaardigheidsscore TEXT, niveau TEXT, percentiel TEXT, dle TEXT);\n"
           ".mode csv\n.separator ;\n";
    for (const auto& f : files) out << ".import --skip 1 " << quoted(f.path) << " results\n";
    // Its peak RSS, from the shell it starts (whose parent it is).
    out << ".shell grep VmHWM /proc/$PPID/status\n";
  }
  SqliteImport result;
  const auto start = Clock::now();
  const std::string output = run(fmt::format("{} {} < {}", quoted(options.sqlite3), quoted(plain_db.string()),
                                             quoted(script.string())));
  result.seconds = seconds_since(start);
  if (size_t at = output.find("VmHWM:"); at != std::string::npos)
    result.rss_mib = std::stod(output.substr(at + 6)) / 1024.0;
  const long long imported = std::stoll(
      run(fmt::format("{} {} 'SELECT COUNT(*) FROM results'", quoted(options.sqlite3), quoted(plain_db.string()))));
  if (imported != rows) throw std::runtime_error(fmt::format("sqlite3 imported {} rows of {}", imported, rows));
  remove_db(plain_db);
  return result;
}

struct KoersImport {
  double seconds = 0, parse_seconds = 0, store_seconds = 0, reimport_seconds = 0, rss_mib = 0;
};

// (b) Koers' import of every file, then the same again (every row unchanged).
KoersImport koers_import(store::Database& db, const std::vector<demo::DemoResultsFile>& files,
                         const std::map<std::string, domain::Id>& school_of_brin, const domain::Principal& who,
                         long long rows) {
  const io::ColumnMapping& mapping = *io::find_builtin_mapping("koers");
  KoersImport out;
  reset_peak_rss();
  for (bool again : {false, true}) {
    long long done = 0;
    const auto start = Clock::now();
    for (const auto& f : files) {
      const auto t0 = Clock::now();
      auto table = io::read_csv(io::to_utf8(read_file(f.path)));
      if (io::failed(table)) throw std::runtime_error(f.path + ": " + std::get<io::ImportError>(table).text());
      io::ParsedResults parsed = io::parse_results(std::get<io::CsvTable>(table), mapping);
      const auto t1 = Clock::now();
      const std::string source = fs::path(f.path).filename().string() + " (koers)";
      store::ResultsImportSummary s =
          store::ResultRepository(db).import_results(school_of_brin.at(f.brin), parsed, source, who);
      if (!again) {
        out.parse_seconds += std::chrono::duration<double>(t1 - t0).count();
        out.store_seconds += seconds_since(t1);
      }
      if (!s.errors.empty())
        throw std::runtime_error(fmt::format("{}: line {}: {}", f.path, s.errors[0].line, s.errors[0].message));
      done += again ? s.unchanged : s.created;
    }
    (again ? out.reimport_seconds : out.seconds) = seconds_since(start);
    if (done != rows)
      throw std::runtime_error(fmt::format("Koers {} {} results of {}", again ? "left unchanged" : "created", done, rows));
  }
  out.rss_mib = peak_rss_mib();
  return out;
}

struct Signalling {
  double seconds = 0, load_seconds = 0, rss_mib = 0;
  long long pupils = 0, results = 0, signals = 0, flagged = 0;
};

// (c) Every school's rules and results, and the signals of every pupil.
Signalling signalling(store::Database& db, const std::vector<domain::Id>& school_ids) {
  Signalling out;
  reset_peak_rss();
  const auto start = Clock::now();
  for (domain::Id school : school_ids) {
    const auto t0 = Clock::now();
    const domain::SignalRules rules = store::SignalRepository(db).rules(school);
    const auto results = store::ResultRepository(db).results_of_school(school);
    out.load_seconds += seconds_since(t0);
    for (const auto& [pupil, taken] : results) {
      const size_t n = domain::evaluate_signals(rules, taken).size();
      ++out.pupils;
      out.results += static_cast<long long>(taken.size());
      out.signals += static_cast<long long>(n);
      out.flagged += n > 0;
    }
  }
  out.seconds = seconds_since(start);
  out.rss_mib = peak_rss_mib();
  return out;
}

// results_of_school gives each pupil what results_of_pupil gives (a few pupils per school).
void check_results_of_school(store::Database& db, const std::vector<domain::Id>& school_ids) {
  store::ResultRepository repo(db);
  for (size_t i = 0; i < school_ids.size(); i += 17) {
    auto all = repo.results_of_school(school_ids[i]);
    int n = 0;
    for (const auto& [pupil, taken] : all) {
      if (++n > 5) break;
      auto one = repo.results_of_pupil(pupil);
      bool same = one.size() == taken.size();
      for (size_t k = 0; same && k < one.size(); ++k)
        same = one[k].subject == taken[k].subject && one[k].moment == taken[k].moment &&
               one[k].ability_score == taken[k].ability_score && one[k].level == taken[k].level &&
               one[k].dle == taken[k].dle;
      if (!same) throw std::runtime_error(fmt::format("results_of_school differs for pupil {}", pupil));
    }
  }
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse_args(argc, argv);
  fs::path dir = options.dir;
  if (dir.empty()) {
    std::string pattern = (fs::temp_directory_path() / "koers-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
  }
  fs::create_directories(dir);
  const fs::path koers_db = dir / "koers.db", csv_dir = dir / "results";

  std::cout << fmt::format("Koers results import benchmark: --scale {}, {} run(s), in {}\n", options.scale,
                           options.runs, dir.string());
  std::string version = run(quoted(options.sqlite3) + " --version");
  std::cout << "sqlite3 " << version.substr(0, version.find(' ')) << "\n";

  // ------------------------------------------------------------ 1. the board and its files
  demo::DemoOptions demo_options;
  demo_options.schools = options.scale;
  demo_options.today = today_local();
  const fs::path board_copy = dir / fmt::format("board-{}-{}.db", options.scale, demo_options.today.iso());
  const bool reuse = options.reuse_board && fs::exists(board_copy);
  long long board_pupils = 0;
  if (reuse) {
    std::cout << fmt::format("board: copied from {}\n", board_copy.string());
  } else {
    remove_db(koers_db);
    auto db = store::Database::open(koers_db.string(), 2);
    db->migrate();
    const auto start = Clock::now();
    demo::DemoSummary board = demo::create_demo(*db, demo_options);
    std::cout << fmt::format("board: {} schools, {} pupils, created in {:.1f} s (peak RSS {:.0f} MiB)\n",
                             board.schools, grouped(board.pupils), seconds_since(start), peak_rss_mib());
    db->read([](soci::session& sql) { sql << "PRAGMA wal_checkpoint(TRUNCATE)"; });
    db.reset();
    fs::copy_file(koers_db, board_copy, fs::copy_options::overwrite_existing);  // every run starts from this
  }

  auto start = Clock::now();
  const std::vector<demo::DemoResultsFile> files = demo::write_demo_results(demo_options, csv_dir.string());
  long long rows = 0, bytes = 0;
  for (const auto& f : files) {
    rows += f.rows;
    bytes += static_cast<long long>(fs::file_size(f.path));
  }
  std::cout << fmt::format("results: {} files, {} rows, {:.1f} MB, written in {:.1f} s\n\n", files.size(),
                           grouped(rows), bytes / 1e6, seconds_since(start));

  // ------------------------------------------------------------ 2, 3. the runs
  double best_sqlite = 1e9, best_reimport = 1e9, import_rss = 0, signal_rss = 0, sqlite_rss = 0;
  KoersImport best_koers;
  best_koers.seconds = 1e9;
  Signalling best_signals;
  best_signals.seconds = 1e9;
  for (int r = 1; r <= options.runs; ++r) {
    const SqliteImport sq = sqlite3_import(options, dir, files, rows);
    const double sqlite_seconds = sq.seconds;
    sqlite_rss = std::max(sqlite_rss, sq.rss_mib);

    remove_db(koers_db);
    fs::copy_file(board_copy, koers_db);
    auto db = store::Database::open(koers_db.string(), 2);
    db->migrate();
    store::SchoolRepository schools(*db);
    const domain::Id board_id = schools.board_ids().front();
    std::map<std::string, domain::Id> school_of_brin;
    std::vector<domain::Id> school_ids;
    for (const auto& s : schools.schools_of_board(board_id)) {
      school_of_brin[s.school.brin] = s.school.id;
      school_ids.push_back(s.school.id);
    }
    db->read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM pupils", soci::into(board_pupils); });
    domain::Principal who;
    who.username = "koers-bench";
    who.display_name = "Koers benchmark";
    who.role = domain::Role::kBoardAdmin;
    who.board_id = board_id;

    const KoersImport k = koers_import(*db, files, school_of_brin, who, rows);
    const Signalling s = signalling(*db, school_ids);
    if (r == 1) check_results_of_school(*db, school_ids);
    std::cout << fmt::format(
        "run {}: sqlite3 {:.2f} s, koers {:.2f} s (read+parse {:.2f} s, store {:.2f} s), ratio {:.0f} %, "
        "re-import {:.2f} s, signalling {:.2f} s (loading {:.2f} s)\n",
        r, sqlite_seconds, k.seconds, k.parse_seconds, k.store_seconds, sqlite_seconds / k.seconds * 100,
        k.reimport_seconds, s.seconds, s.load_seconds);
    best_sqlite = std::min(best_sqlite, sqlite_seconds);
    best_reimport = std::min(best_reimport, k.reimport_seconds);
    if (k.seconds < best_koers.seconds) best_koers = k;
    if (s.seconds < best_signals.seconds) best_signals = s;
    import_rss = std::max(import_rss, k.rss_mib);
    signal_rss = std::max(signal_rss, s.rss_mib);
  }

  // ------------------------------------------------------------ the figures
  const double ratio = best_sqlite / best_koers.seconds;
  const bool import_ok = ratio >= 0.5, signal_ok = best_signals.seconds < 1.0;
  std::cout << fmt::format("\nbest of {} run(s):\n", options.runs);
  std::cout << fmt::format("(a) sqlite3 .import  {} rows in {:5.2f} s = {:>9} rows/s\n", grouped(rows), best_sqlite,
                           rate(rows, best_sqlite));
  std::cout << fmt::format("(b) koers import     {} rows in {:5.2f} s = {:>9} rows/s  (read+parse {:.2f} s, store {:.2f} s)\n",
                           grouped(rows), best_koers.seconds, rate(rows, best_koers.seconds), best_koers.parse_seconds,
                           best_koers.store_seconds);
  std::cout << fmt::format("    ratio koers / sqlite3: {:.0f} % (target >= 50 %): {}\n", ratio * 100, verdict(import_ok));
  std::cout << fmt::format("    re-import (every row unchanged): {:.2f} s = {} rows/s\n", best_reimport,
                           rate(rows, best_reimport));
  std::cout << fmt::format("(c) signalling       {} pupils with results of {} on the board, {} results, "
                           "{} signals for {} pupils, in {:.2f} s (loading {:.2f} s; target < 1 s): {}\n",
                           grouped(best_signals.pupils), grouped(board_pupils), grouped(best_signals.results),
                           grouped(best_signals.signals), grouped(best_signals.flagged), best_signals.seconds,
                           best_signals.load_seconds, verdict(signal_ok));
  std::cout << fmt::format("peak RSS: import {:.0f} MiB, signalling {:.0f} MiB (this process); sqlite3 .import {:.0f} MiB\n",
                           import_rss, signal_rss, sqlite_rss);

  remove_db(koers_db);
  if (!options.keep && options.dir.empty()) fs::remove_all(dir);
  const bool ok = import_ok && signal_ok;
  std::cout << (ok ? "PASS\n" : "FAIL\n");
  return ok ? 0 : 1;
} catch (const std::exception& e) {
  std::cerr << "results_import_bench: " << e.what() << "\n";
  return 2;
}
