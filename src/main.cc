// koers: the one binary. Subcommands: serve, migrate, demo, import edexml, user add, backup, restore.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/clock.h"
#include "demo/demo_overview.h"
#include "domain/field_limits.h"
#include "demo/demo_ihps.h"
#include "demo/demo_cases.h"
#include "demo/demo_parents.h"
#include "demo/demo_dyslexia.h"
#include "demo/demo_inzage.h"
#include "demo/demo_meetings.h"
#include "demo/demo_plan.h"
#include "demo/demo_referrals.h"
#include "demo/demo_retention.h"
#include "demo/demo_route.h"
#include "demo/demo_school.h"
#include "io/edexml_reader.h"
#include "io/edexml_writer.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/edexml_import.h"
#include "store/mapping_repository.h"
#include "store/result_repository.h"
#include "store/retention_job.h"
#include "store/secret_key.h"
#include "io/results_csv.h"
#include "store/school_repository.h"
#include "web/http.h"
#include "web/server.h"

using namespace koers;

namespace {

std::string default_db() {
  const char* env = std::getenv("KOERS_DB");
  return env && *env ? env : "var/koers.db";
}

// Templates and static files: next to the source tree by default, or where KOERS_HOME says.
std::string resource_dir(const std::string& name) {
  const char* home = std::getenv("KOERS_HOME");
  std::filesystem::path base = home && *home ? home : KOERS_SOURCE_DIR;
  return (base / name).string();
}

// A new SQLite file may sit in a folder that does not exist yet (var/koers.db).
void make_parent_folder(const std::string& url) {
  if (url.rfind("postgres", 0) == 0) return;
  std::filesystem::path path(url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
}

// The audit chain's key (store/audit_log.h): the file named (--secret-key-file or
// KOERS_SECRET_KEY_FILE), else "<file>.key" beside a SQLite database. `create`: made when absent
// (koers serve); otherwise used only when it exists, and a chain already keyed then refuses lines.
void load_audit_key(store::Database& db, std::string key_file, const std::string& url, bool create) {
  if (key_file.empty())
    if (const char* env = std::getenv("KOERS_SECRET_KEY_FILE")) key_file = env;
  if (key_file.empty()) key_file = store::default_secret_key_path(url);
  // A keyed chain gets no new key: it needs its own (a restore brings the key file along).
  const bool serving = create;
  if (create && store::AuditLog(db).head().keyed) create = false;
  if (!key_file.empty() && (create || std::filesystem::exists(key_file)))
    db.set_audit_key(store::SecretKeyFile(key_file).key(create));
  if (serving && !store::AuditLog(db).key_matches())
    throw std::runtime_error(fmt::format(
        "de audittrail van deze database is beveiligd met een sleutel die Koers hier niet heeft ({}). Zet het "
        "sleutelbestand van deze database daar neer (het hoort bij de kopie), of geef het met --secret-key-file.",
        key_file.empty() ? "geen sleutelbestand" : key_file));
}

std::unique_ptr<store::Database> open_db(const std::string& url, size_t pool = 4, const std::string& key_file = "",
                                         bool create_key = false) {
  make_parent_folder(url);
  auto db = store::Database::open(url, pool);
  db->migrate();
  load_audit_key(*db, key_file, url, create_key);
  return db;
}

domain::Principal cli_principal(domain::Id board_id) {
  domain::Principal p;
  p.username = "koers-cli";
  p.display_name = "Koers (opdrachtregel)";
  p.role = domain::Role::kBoardAdmin;
  p.board_id = board_id;
  return p;
}

domain::Id only_board(store::Database& db) {
  std::vector<domain::Id> boards = store::SchoolRepository(db).board_ids();
  if (boards.empty())
    throw std::runtime_error("de database heeft nog geen bestuur; maak het aan met: koers board add \"Naam\"");
  if (boards.size() != 1)
    throw std::runtime_error(fmt::format("de database heeft {} besturen; kies er een met --board", boards.size()));
  return boards.front();
}

void print_logins(const demo::DemoSummary& s) {
  std::cout << "\nDemo-logins (wachtwoord voor allemaal: " << demo::kDemoPassword << "):\n";
  for (const auto& l : s.logins)
    std::cout << fmt::format("  {:<14} {}\n", l.username, l.who);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Koers: handelingsgericht werken en de 1-zorgroute, voor de basisschool."};
  cli.require_subcommand(1);
  std::string db_url = default_db();

  auto* serve = cli.add_subcommand("serve", "Start the web server.");
  std::string listen = "127.0.0.1:8080";
  web::ServerOptions server;
  server.app.templates_dir = resource_dir("templates");
  server.app.static_dir = resource_dir("static");
  long long idle_seconds = 30 * 60, absolute_hours = 12;
  serve->add_option("--db", db_url, "SQLite file or postgresql://… URL")->capture_default_str();
  serve->add_option("--listen", listen, "address:port")->capture_default_str();
  serve->add_option("--threads", server.threads, "request threads")->capture_default_str();
  long request_timeout_s = server.request_timeout.count();
  serve->add_option("--request-timeout", request_timeout_s,
                    "seconds a request may take to arrive whole; a slower one is closed")
      ->capture_default_str()->check(CLI::Range(1L, 3600L));
  serve->add_option("--max-connections", server.max_connections, "connections at once")->capture_default_str();
  serve->add_option("--templates", server.app.templates_dir)->capture_default_str();
  serve->add_option("--static", server.app.static_dir)->capture_default_str();
  serve->add_option("--session-idle-seconds", idle_seconds, "log out after this long idle")
      ->capture_default_str();
  serve->add_option("--session-hours", absolute_hours, "log out this long after login")
      ->capture_default_str();
  size_t max_upload_mb = server.app.max_upload_bytes / (1024 * 1024);
  serve->add_option("--max-upload-mb", max_upload_mb, "largest upload (an EDEXML or CSV file) in MB; larger gets 413")
      ->check(CLI::Range(size_t{1}, size_t{4096}))
      ->capture_default_str();
  serve->add_option("--access-log", server.app.access_log,
                    "one JSON line per request (route pattern, status, ms, bytes, account; no pupil data) "
                    "to this file, or - for stderr");
  serve->add_flag("--secure-cookies", server.app.secure_cookies, "mark cookies Secure (behind HTTPS)");
  serve->add_option("--public-url", server.app.public_url,
                    "the address users reach Koers by (https://koers.school.nl): links in e-mail and calendar");
  serve->add_option("--secret-key-file", server.app.secret_key_file,
                    "key that seals SMTP passwords (made 0600 at first use); default beside a SQLite database")
      ->envname("KOERS_SECRET_KEY_FILE");
  serve->add_option("--smtp-ca-file", server.app.smtp_ca_file,
                    "PEM file of CAs to trust for the SMTP server instead of the system's")
      ->envname("KOERS_SMTP_CA_FILE");

  auto* migrate = cli.add_subcommand("migrate", "Create or update the database schema.");
  migrate->add_option("--db", db_url)->capture_default_str();

  auto* demo_cmd = cli.add_subcommand("demo", "Fill an empty database with the demo school board.");
  demo::DemoOptions demo_options;
  bool demo_if_empty = false;
  std::string edexml_out;
  demo_cmd->add_option("--db", db_url)->capture_default_str();
  demo_cmd->add_option("--scale", demo_options.schools, "number of schools (benchmarks)")
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo_options.seed)->capture_default_str();
  demo_cmd->add_flag("--if-empty", demo_if_empty, "do nothing when the database has data");
  demo_cmd->add_option("--edexml-out", edexml_out,
                       "also write demo school 1 of this school year as an EDEXML file");
  std::string results_out;
  demo_cmd->add_option("--results-out", results_out,
                       "also write LVS results of every demo school as CSV files (mapping koers) to this folder");

  auto* import = cli.add_subcommand("import", "Import data from other systems.");
  import->require_subcommand(1);
  auto* edexml = import->add_subcommand("edexml", "Import pupils, groups and teachers (EDEXML).");
  std::string edexml_file, school_name;
  long long board_id = 0;
  bool create_school = false, confirm_leavers = false;
  edexml->add_option("FILE", edexml_file)->required()->check(CLI::ExistingFile);
  edexml->add_option("--db", db_url)->capture_default_str();
  edexml->add_option("--board", board_id, "board id (when the database has several)");
  edexml->add_flag("--create-school", create_school, "create the school if it is new");
  edexml->add_option("--school-name", school_name, "name for a new school");
  edexml->add_flag("--confirm-leavers", confirm_leavers,
                   "import even when the file makes more than 10 % of the pupils leave");

  auto* results = import->add_subcommand("results", "Import standardised test results (CSV).");
  std::string results_file, mapping_name = "koers";
  long long results_school = 0;
  results->add_option("FILE", results_file)->required()->check(CLI::ExistingFile);
  results->add_option("--db", db_url)->capture_default_str();
  results->add_option("--mapping", mapping_name, "column mapping: koers, cito-lovs or one the school saved")
      ->capture_default_str();
  results->add_option("--school", results_school, "school id")->required();

  auto* board = cli.add_subcommand("board", "Manage school boards.");
  board->require_subcommand(1);
  auto* board_add = board->add_subcommand("add", "Add a school board (the first step on a new database).");
  std::string board_name;
  board_add->add_option("NAME", board_name, "e.g. \"Stichting De Vaart\"")->required();
  board_add->add_option("--db", db_url)->capture_default_str();

  auto* user = cli.add_subcommand("user", "Manage accounts.");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an account.");
  store::NewAccount account;
  std::string role_key;
  user_add->add_option("--db", db_url)->capture_default_str();
  user_add->add_option("--username", account.username)->required();
  user_add->add_option("--password", account.password, "at least 10 characters")->required();
  user_add->add_option("--role", role_key, "leerkracht, ib, directeur, zorgteam, ouder, beheer")
      ->required();
  user_add->add_option("--name", account.display_name, "display name")->required();
  user_add->add_option("--board", board_id, "board id (when the database has several)");
  user_add->add_option("--school", account.school_id, "school id");
  user_add->add_option("--staff", account.staff_id, "staff id (teachers)");
  user_add->add_option("--guardian", account.guardian_id, "guardian id (parents)");

  auto* backup = cli.add_subcommand("backup", "Copy the database consistently, also while Koers runs.");
  std::string backup_file;
  backup->add_option("--db", db_url, "SQLite file or postgresql://… URL (then pg_dump makes the copy)")
      ->capture_default_str();
  backup->add_option("FILE", backup_file, "the copy (replaced when it exists)")->required();

  auto* restore = cli.add_subcommand("restore", "Put a copy made by koers backup back (SQLite).");
  std::string restore_file;
  bool restore_force = false;
  restore->add_option("--db", db_url, "the SQLite file to restore into (made when absent)")->capture_default_str();
  restore->add_option("FILE", restore_file, "a copy made by koers backup")->required()->check(CLI::ExistingFile);
  restore->add_flag("--force", restore_force, "restore even while another process (koers serve) has the database open");

  auto* audit = cli.add_subcommand("audit", "Check the audit trail, or print its head for a daily record.");
  audit->require_subcommand(1);
  std::string audit_key_file;
  auto* audit_verify = audit->add_subcommand(
      "verify", "Recompute the whole chain; exit 1 and the line number when a line was changed or removed.");
  auto* audit_head = audit->add_subcommand(
      "head", "Print the last line's number, hash and time (for a scheduled job that keeps them elsewhere).");
  for (auto* sub : {audit_verify, audit_head}) {
    sub->add_option("--db", db_url, "SQLite file or postgresql://… URL")->capture_default_str();
    sub->add_option("--secret-key-file", audit_key_file, "the audit key; default beside a SQLite database")
        ->envname("KOERS_SECRET_KEY_FILE");
  }
  auto* retention = cli.add_subcommand(
      "retention", "List the pupils whose retention period has passed; with --apply delete what is not held.");
  store::RetentionJobOptions retention_options;
  std::string retention_date;
  retention->add_option("--db", db_url, "SQLite file or postgresql://… URL")->capture_default_str();
  retention->add_flag("--apply", retention_options.apply, "delete what is due and not held (else only list)");
  retention->add_option("--school", retention_options.school, "only this school (id)");
  retention->add_option("--date", retention_date, "the day to judge by, YYYY-MM-DD (default: today)");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*serve) {
      size_t colon = listen.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--listen: use address:port");
      server.address = listen.substr(0, colon);
      server.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
      if (!server.app.public_url.empty()) server.app.public_url = web::checked_public_url(server.app.public_url);
      if (server.app.secret_key_file.empty()) server.app.secret_key_file = store::default_secret_key_path(db_url);
      server.app.session_limits.idle = std::chrono::seconds(idle_seconds);
      server.app.session_limits.absolute = std::chrono::hours(absolute_hours);
      server.app.max_upload_bytes = max_upload_mb * 1024 * 1024;
      server.request_timeout = std::chrono::seconds(request_timeout_s);
      web::check_listen_address(server.address, server.port);
      auto db = open_db(db_url, server.threads + 2, server.app.secret_key_file, true);
      if (db->audit_key().empty())
        std::cout << "Let op: geen sleutelbestand (--secret-key-file): de audittrail wordt zonder sleutel buiten de "
                     "database beveiligd.\n";
      std::cout << fmt::format("Koers luistert op http://{}:{} ({}). Stoppen: Ctrl+C.", server.address,
                               server.port, db->engine_name())
                << std::endl;
      web::serve(*db, server);
    } else if (*backup) {
      if (db_url.rfind("postgres", 0) == 0) {
        store::backup_postgres(db_url, backup_file);
        std::cout << fmt::format("Kopie gemaakt met pg_dump: {}. Terugzetten in een nieuwe, lege database:\n  {}\n",
                                 backup_file, store::postgres_restore_command("postgresql://…/nieuwe_database", backup_file));
      } else {
        auto s = store::backup_sqlite(store::sqlite_path(db_url), backup_file);
        std::cout << fmt::format("Kopie gemaakt: {} ({} pagina's, {:.1f} MB, schema versie {}, integriteit ok).\n",
                                 backup_file, s.pages, static_cast<double>(s.bytes) / (1024 * 1024), s.schema_version);
        if (std::filesystem::exists(store::default_secret_key_path(db_url)))
          std::cout << "Bewaar ook de sleutel " << store::default_secret_key_path(db_url)
                    << " (apart van de kopie): zonder hem zijn opgeslagen SMTP-wachtwoorden onleesbaar.\n";
      }
    } else if (*restore) {
      if (db_url.rfind("postgres", 0) == 0)
        throw std::runtime_error(fmt::format(
            "koers restore zet alleen SQLite terug. Voor PostgreSQL: maak een nieuwe, lege database (createdb) en "
            "zet de kopie daarin met:\n  {}\nen start Koers dan met die database.",
            store::postgres_restore_command(db_url, restore_file)));
      auto s = store::restore_sqlite(restore_file, store::sqlite_path(db_url), restore_force);
      std::cout << fmt::format("Teruggezet: {} in {} (schema versie {}). Koers migreert het schema bij de start "
                               "als het ouder is.\n",
                               restore_file, store::sqlite_path(db_url), s.schema_version);
    } else if (*migrate) {
      make_parent_folder(db_url);
      auto db = store::Database::open(db_url, 1);
      int applied = db->migrate();
      std::cout << fmt::format("{} migratie(s) uitgevoerd; schema versie {}.\n", applied,
                               db->schema_version());
    } else if (*demo_cmd) {
      auto db = open_db(db_url);
      demo_options.today = today_local();
      size_t boards = store::SchoolRepository(*db).board_ids().size();
      if (boards > 0 && demo_if_empty) {
        std::cout << "De database bevat al gegevens; demo niet opnieuw aangemaakt.\n";
      } else {
        demo::DemoSummary s = demo::create_demo(*db, demo_options);
        std::cout << fmt::format(
            "Demo aangemaakt: {} scholen, {} groepen, {} leerlingen, {} ouders, {} accounts.\n",
            s.schools, s.groups, s.pupils, s.guardians, s.accounts);
        // The groepsoverzicht of the two demo schools (not of the extra benchmark schools).
        std::vector<long long> demo_schools;
        store::SchoolRepository school_repo(*db);
        for (const auto& school : school_repo.schools_of_board(school_repo.board_ids().front()))
          if (demo_schools.size() < 2) demo_schools.push_back(school.school.id);
        int lvs = demo::add_demo_results(*db, demo_schools, demo_options.today, demo_options.seed);
        auto o = demo::add_demo_overview(*db, demo_schools, demo_options.today, demo_options.seed);
        std::cout << fmt::format("Groepsoverzicht: {} toetsresultaten (LVS), {} aanpakken, {} factoren en onderwijsbehoeften, {} methodetoetsen, "
                                 "{} AVI-niveaus.\n", lvs, o.approaches, o.entries, o.method_tests, o.reading_levels);
        int plans = demo::add_demo_plans(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("Groepsplannen: {} (de huidige periode, versie 1).\n", plans);
        int meetings = demo::add_demo_meetings(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("Jaarplanning: {} besprekingen (groepsbesprekingen vanaf morgen, zorgteam).\n", meetings);
        int ihps = demo::add_demo_ihps(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("IHP's: {} (in voorbereiding, lopend, geëvalueerd met een bijgesteld vervolg, "
                                 "afgesloten).\n", ihps);
        auto dyslexia = demo::add_demo_dyslexia(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("Dyslexiebewijs: compleet bij leerling {}, een ontbrekende meting bij leerling {}.\n",
                                 dyslexia.complete_pupil, dyslexia.missing_pupil);
        int cases = demo::add_demo_cases(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("Zorgteam: {} casussen (met toestemming, intern, te volgen, ingetrokken, HGD met verslag).\n", cases);
        int route_cases = demo::add_demo_route(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("1-zorgroute: {} leerling overgedragen aan het ZAT (niveau 5).\n", route_cases);
        auto referrals = demo::add_demo_referrals(*db, demo_schools, demo_options.today);
        std::cout << fmt::format("Verwijzingen: {} (PCL/SBO {}: leerling {}; TLV wacht op de ouders: {}).\n",
                                 referrals.stored(), referrals.pcl_sent ? "verzonden" : "bij de ouders",
                                 referrals.pcl_pupil, referrals.waiting_pupil);
        if (!referrals.pcl_missing.empty())
          std::cout << fmt::format("  Het PCL-dossier is niet compleet: {}.\n", fmt::join(referrals.pcl_missing, "; "));
        const auto parents = demo::add_demo_parents(*db, demo_schools, demo_options.today);
        if (!parents.activated.empty())
          std::cout << fmt::format("Ouders: {} (geactiveerd) is ouder van {}, wiens toestemming is ingetrokken.\n",
                                   parents.activated, parents.activated_child);
        if (!parents.family.empty())
          std::cout << fmt::format("Ouders: {} (geactiveerd) is ouder van twee kinderen: {}.\n", parents.family,
                                   fmt::join(parents.family_children, " en "));
        for (const auto& p : parents.invited)
          std::cout << fmt::format("Ouder uitgenodigd: {} ({}, ouder van {}), activatiecode {} (14 dagen geldig).\n",
                                   p.username, p.name, p.child, p.code);
        auto retention = demo::add_demo_retention(*db, demo_schools, demo_options.today);
        std::cout << fmt::format(
            "Bewaartermijnen: bij {} vertrokken leerlingen is verwijderen aan de orde (o.a. "
            "leerling {}); leerling {} wordt vastgehouden, leerling {} ging naar het SBO.\n",
            retention.due, retention.due_pupil, retention.held_pupil, retention.sbo_pupil);
        const long long request = demo::add_demo_dossier_request(*db, demo_options.today);
        std::cout << fmt::format("Inzage: een verzoek om verbetering van de demo-ouder in behandeling (verzoek {}).\n",
                                 request);
        print_logins(s);
      }
      if (!edexml_out.empty()) {
        std::ofstream out(edexml_out);
        out << io::write_edexml(demo::demo_school_document(
            0, domain::school_year_of(today_local()), demo_options.seed, today_local()));
        std::cout << "EDEXML geschreven naar " << edexml_out << "\n";
      }
      if (!results_out.empty()) {
        long long total = 0;
        for (const auto& f : demo::write_demo_results(demo_options, results_out)) {
          auto school = store::SchoolRepository(*db).find_school_by_brin(f.brin);
          long long school_id = school ? school->id : 0;
          std::cout << fmt::format("{}: {} resultaten van {} leerlingen ({}{})\n", f.path, f.rows, f.pupils,
                                   f.school_name, school_id ? fmt::format(", --school {}", school_id) : "");
          total += f.rows;
        }
        std::cout << fmt::format("Toetsresultaten geschreven naar {}: {} regels in totaal.\n", results_out, total);
      }
    } else if (*results) {
      auto db = open_db(db_url);
      auto mapping = store::MappingRepository(*db).find(results_school, mapping_name);
      if (!mapping) {
        std::vector<std::string> names;
        for (const auto& m : io::builtin_mappings()) names.push_back(m.name);
        for (const auto& m : store::MappingRepository(*db).of_school(results_school)) names.push_back(m.name);
        throw std::runtime_error(fmt::format("--mapping: unknown mapping {} (known for this school: {})", mapping_name,
                                             fmt::join(names, ", ")));
      }
      // Progress on stderr, one line per step, so a board-sized file is not a silent minute.
      const auto started = std::chrono::steady_clock::now();
      auto step = [&](const std::string& what) {
        std::chrono::duration<double> t = std::chrono::steady_clock::now() - started;
        std::cerr << fmt::format("{:>6.1f} s  {}\n", t.count(), what);
      };
      std::ifstream in(results_file, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      auto table = io::read_csv(io::to_utf8(bytes.str()));
      if (io::failed(table)) {
        std::cerr << results_file << ": " << std::get<io::ImportError>(table).text() << "\n";
        return 2;
      }
      step(fmt::format("{} gelezen: {} regels", results_file, std::get<io::CsvTable>(table).rows.size()));
      io::ParsedResults parsed = io::parse_results(std::get<io::CsvTable>(table), *mapping,
                                                         domain::latest_result_date(today_local()));
      step(fmt::format("kolommen gekoppeld ({}): {} resultaten, {} regels met fouten", mapping_name, parsed.rows.size(),
                       parsed.errors.size()));
      std::string source = std::filesystem::path(results_file).filename().string() + " (" + mapping_name + ")";
      auto summary = store::ResultRepository(*db).import_results(results_school, parsed, source,
                                                                 cli_principal(only_board(*db)));
      step(summary.errors.empty() ? "leerlingen herkend en opgeslagen" : "niet opgeslagen");
      for (const auto& e : summary.errors) std::cerr << results_file << ": regel " << e.line << ": " << e.message << "\n";
      if (summary.errors.empty())
        for (const auto& e : summary.skipped) std::cout << results_file << ": regel " << e.line << ": " << e.message << "\n";
      std::cout << summary.text() << "\n";
      if (!summary.errors.empty()) return 2;
    } else if (*import) {
      auto db = open_db(db_url);
      std::ifstream in(edexml_file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto doc = io::read_edexml(text.str());
      if (io::failed(doc)) {
        std::cerr << edexml_file << ": " << std::get<io::ImportError>(doc).text() << "\n";
        return 2;
      }
      if (!board_id) board_id = only_board(*db);
      store::EdexmlImportOptions options{board_id, create_school, school_name,
                                         std::filesystem::path(edexml_file).filename().string(), confirm_leavers};
      auto result = store::import_edexml(*db, std::get<io::EdexDocument>(doc), options,
                                         cli_principal(board_id));
      if (io::failed(result)) {
        std::cerr << edexml_file << ": " << std::get<io::ImportError>(result).text()
                  << "\nEr is niets opgeslagen.\n";
        return 2;
      }
      const auto& summary = std::get<store::EdexmlImportSummary>(result);
      if (summary.confirmation_needed) {
        std::cerr << edexml_file << ": " << summary.text() << "\n";
        for (const auto& p : summary.would_leave) std::cerr << "  " << p.name << " (" << p.groups << ")\n";
        std::cerr << "Er is niets opgeslagen. Klopt het, importeer dan opnieuw met --confirm-leavers.\n";
        return 3;
      }
      std::cout << summary.text() << "\n";
      for (const auto& note : summary.incomplete) std::cout << edexml_file << ": " << note.text() << "\n";
      // The only time these codes exist in readable form: the administrator hands them out.
      if (!summary.invitations.empty()) std::cout << "Activatiecodes (eenmalig, geldig tot de genoemde datum):\n";
      for (const auto& code : summary.invitations)
        std::cout << fmt::format("  {:<24} {}  {}  tot {}\n", code.username, code.code, code.display_name,
                                 display_time(code.expires_at));
    } else if (*audit) {
      if (db_url.rfind("postgres", 0) != 0 && !std::filesystem::exists(store::sqlite_path(db_url)))
        throw std::runtime_error(fmt::format("de database {} bestaat niet", db_url));
      auto db = store::Database::open(db_url, 1);
      db->migrate();
      load_audit_key(*db, audit_key_file, db_url, false);
      store::AuditLog log(*db);
      if (*audit_head) {
        const auto h = log.head();
        // One line for a scheduled job to append to a file kept elsewhere (see README).
        std::cout << fmt::format("{} {} {}{}\n", h.seq, h.hash.empty() ? "-" : h.hash, h.at.empty() ? "-" : h.at,
                                 h.keyed ? "" : " ongesleuteld");
        return 0;
      }
      const auto c = log.check();
      std::cout << c.words() << "\n";
      if (c.broken_at) std::cout << "Eerste regel die niet klopt: " << *c.broken_at << "\n";
      return c.ok() ? 0 : (c.broken_at ? 1 : 2);
    } else if (*retention) {
      auto db = open_db(db_url);
      retention_options.today = today_local();
      if (!retention_date.empty()) {
        auto d = domain::parse_iso_date(retention_date);
        if (!d) throw std::runtime_error("--date: verwacht JJJJ-MM-DD, niet " + retention_date);
        retention_options.today = *d;
      }
      auto r = store::run_retention_job(*db, retention_options, std::cout);
      return r.failed ? 1 : 0;
    } else if (*board) {
      auto db = open_db(db_url);
      domain::Id id = db->write([&](soci::session& sql) {
        return store::SchoolRepository(*db).create_board(sql, board_name);
      });
      std::cout << fmt::format("Bestuur {} aangemaakt (id {}).\n", board_name, id);
    } else if (*user) {
      auto db = open_db(db_url);
      auto role = domain::role_from_key(role_key);
      if (!role) throw std::runtime_error("--role: unknown role " + role_key);
      account.role = *role;
      account.board_id = board_id ? board_id : only_board(*db);
      auto made = store::AccountRepository(*db).create(account, cli_principal(account.board_id));
      if (auto* error = std::get_if<std::string>(&made)) {
        std::cerr << *error << "\n";
        return 2;
      }
      std::cout << fmt::format("Account {} aangemaakt (id {}).\n", account.username,
                               std::get<domain::Id>(made));
    }
  } catch (const store::BackupError& e) {  // refused; nothing written
    std::cerr << "koers: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "koers: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
