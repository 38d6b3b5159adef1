#include "store/result_repository.h"

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/clock.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------- bulk access
//
// A file of results is hundreds of thousands of rows. On SQLite those go through SQLite's
// own API: SOCI's per-row binding and conversion cost more than SQLite's work itself.
// On PostgreSQL SOCI's dynamic rows and bulk binding serve.

namespace sq = sqlite_api;

// A prepared SQLite statement on the connection of a SOCI session (inside its transaction).
class NativeStatement {
 public:
  NativeStatement(soci::session& sql, const std::string& text)
      : db_(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_) {
    if (sq::sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &st_, nullptr) != SQLITE_OK) fail();
  }
  ~NativeStatement() { sq::sqlite3_finalize(st_); }
  NativeStatement(const NativeStatement&) = delete;
  NativeStatement& operator=(const NativeStatement&) = delete;

  // Parameters count from 1; the text must live until step().
  void bind(int i, long long v) { check(sq::sqlite3_bind_int64(st_, i, v)); }
  void bind(int i, std::string_view v) {
    check(sq::sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
  }
  void bind(int i, const std::optional<double>& v) {
    check(v ? sq::sqlite3_bind_double(st_, i, *v) : sq::sqlite3_bind_null(st_, i));
  }
  void bind_text_or_null(int i, std::string_view v) {
    if (v.empty()) check(sq::sqlite3_bind_null(st_, i));
    else bind(i, v);
  }
  // True while there is a row; the statement is reset for its next use at the end.
  bool step() {
    const int rc = sq::sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    sq::sqlite3_reset(st_);
    if (rc != SQLITE_DONE) fail();
    return false;
  }
  // Columns count from 0.
  long long integer(int c) const { return sq::sqlite3_column_int64(st_, c); }
  std::optional<double> number(int c) const {
    if (sq::sqlite3_column_type(st_, c) == SQLITE_NULL) return std::nullopt;
    return sq::sqlite3_column_double(st_, c);
  }
  std::string_view text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sq::sqlite3_column_text(st_, c));
    return p ? std::string_view(p, static_cast<size_t>(sq::sqlite3_column_bytes(st_, c))) : std::string_view();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail();
  }
  [[noreturn]] void fail() { throw soci::soci_error(std::string("sqlite3: ") + sq::sqlite3_errmsg(db_)); }
  sq::sqlite3* db_;
  sq::sqlite3_stmt* st_ = nullptr;
};

// The rows of a query with one integer parameter, column by column, on either engine.
class RowReader {
 public:
  RowReader(soci::session& sql, Engine engine, const std::string& query, Id param) : param_(param) {
    if (engine == Engine::kSqlite) {
      native_.emplace(sql, query);
      native_->bind(1, static_cast<long long>(param));
    } else {
      rows_.emplace((sql.prepare << query, soci::use(param_)));
      it_ = rows_->begin();
    }
  }
  bool next() {
    if (native_) return native_->step();
    if (started_) ++*it_;
    started_ = true;
    return *it_ != rows_->end();
  }
  long long integer(int c) const { return native_ ? native_->integer(c) : row_integer(**it_, static_cast<size_t>(c)); }
  std::optional<double> number(int c) const {
    if (native_) return native_->number(c);
    if ((*it_)->get_indicator(static_cast<size_t>(c)) != soci::i_ok) return std::nullopt;
    return (*it_)->get<double>(static_cast<size_t>(c));
  }
  // Empty for NULL; valid until next().
  std::string_view text(int c) {
    if (native_) return native_->text(c);
    if ((*it_)->get_indicator(static_cast<size_t>(c)) != soci::i_ok) return {};
    if (buffers_.size() <= static_cast<size_t>(c)) buffers_.resize(static_cast<size_t>(c) + 1);
    return buffers_[static_cast<size_t>(c)] = (*it_)->get<std::string>(static_cast<size_t>(c));
  }

 private:
  std::optional<NativeStatement> native_;
  std::optional<soci::rowset<soci::row>> rows_;
  std::optional<soci::rowset_iterator<soci::row>> it_;
  Id param_;
  bool started_ = false;
  std::vector<std::string> buffers_;  // a text column's value of the current row
};

// ---------------------------------------------------------------- matching

// The school's pupils by leerlingnummer, and (built when first needed) by name and birth date.
class PupilIndex {
 public:
  // `only`, when given, limits the index to these pupils: the others are not found at all.
  PupilIndex(soci::session& sql, Engine engine, Id school_id, const std::unordered_set<Id>* only) {
    RowReader rows(sql, engine,
                   "SELECT id, edex_key, surname, surname_prefix, birth_date, given_name FROM pupils WHERE school_id = :s",
                   school_id);
    while (rows.next()) {
      const Id id = rows.integer(0);
      if (only && !only->count(id)) continue;
      by_key_.insert_or_assign(std::string(rows.text(1)), id);
      if (const std::string_view birth = rows.text(4); !birth.empty()) {
        named_.push_back({id, name_key(std::string(rows.text(2)), std::string(rows.text(3)), std::string(birth))});
        std::string name(rows.text(5));
        for (std::string_view part : {rows.text(3), rows.text(2)})
          if (!part.empty()) (name += name.empty() ? "" : " ") += part;
        labels_[id] = fmt::format("{} (leerlingnummer {})", name, rows.text(1));
      }
    }
  }
  // "Daan Jansen (leerlingnummer L0-2019-07)": how a candidate is shown to decide between.
  const std::string& label(Id id) const { return labels_.at(id); }
  size_t size() const { return by_key_.size(); }
  const Id* find_key(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &it->second;
  }
  const std::vector<Id>& find_name(const std::string& surname, const std::string& prefix, const std::string& birth) {
    if (by_name_birth_.empty())
      for (const auto& [id, name] : named_) by_name_birth_[name].push_back(id);
    static const std::vector<Id> none;
    auto it = by_name_birth_.find(name_key(surname, prefix, birth));
    return it == by_name_birth_.end() ? none : it->second;
  }

 private:
  static std::string name_key(const std::string& surname, const std::string& prefix, const std::string& birth) {
    return lower(surname) + "|" + lower(prefix) + "|" + birth;  // "jansen||2019-03-14"
  }
  std::unordered_map<std::string, Id> by_key_;
  std::vector<std::pair<Id, std::string>> named_;
  std::unordered_map<std::string, std::vector<Id>> by_name_birth_;
  std::unordered_map<Id, std::string> labels_;
};

// ---------------------------------------------------------------- what is stored

// One stored result as the import compares it, by pupil, subject and moment (the unique key).
struct Stored {
  Id id = 0;  // 0: new in this import, not yet written
  std::optional<double> score, percentile, dle;
  std::string level, taken;  // taken: ISO date or empty
  size_t pending = 0;        // for id 0: its place among the inserts of this import
};

// The stored results an import compares its rows with, by their unique key (pupil, subject,
// moment); the rows of the file join them as they are taken in.
class StoredResults {
 public:
  void reserve(size_t n) { map_.reserve(n); }
  // One read from the database: its texts are kept here.
  void add_loaded(Id pupil, std::string_view subject, std::string_view moment, Stored s) {
    const std::string& kept_subject = texts_.emplace_back(subject);
    const std::string& kept_moment = texts_.emplace_back(moment);
    map_[Key{pupil, kept_subject, kept_moment}] = std::move(s);
  }
  // The entry of a row of the file (whose texts outlive this), and whether it is new.
  std::pair<Stored*, bool> find_or_add(Id pupil, std::string_view subject, std::string_view moment) {
    auto [it, is_new] = map_.try_emplace(Key{pupil, subject, moment});
    return {&it->second, is_new};
  }

 private:
  struct Key {
    Id pupil;
    std::string_view subject, moment;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    size_t operator()(const Key& k) const {
      size_t h = std::hash<std::string_view>()(k.subject);
      for (size_t part : {std::hash<Id>()(k.pupil), std::hash<std::string_view>()(k.moment)})
        h ^= part + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
      return h;
    }
  };
  std::deque<std::string> texts_;  // a deque: its strings never move
  std::unordered_map<Key, Stored, Hash> map_;
};

// Adds the stored results `where` selects (its parameter :k bound to `value`) to `out`.
void load_stored(soci::session& sql, Engine engine, const std::string& where, Id value, StoredResults& out) {
  RowReader rows(sql, engine,
                 "SELECT r.id, r.pupil_id, r.subject, r.moment, r.ability_score, r.level, r.percentile, r.dle, "
                 "r.taken_on FROM test_results r " + where,
                 value);
  while (rows.next()) {
    Stored s;
    s.id = rows.integer(0);
    s.score = rows.number(4);
    s.level = rows.text(5);
    s.percentile = rows.number(6);
    s.dle = rows.number(7);
    s.taken = rows.text(8);
    out.add_loaded(rows.integer(1), rows.text(2), rows.text(3), std::move(s));
  }
}

// Date::iso() without fmt: this runs for every row of a file.
std::string iso(const domain::Date& d) {
  char text[10] = {static_cast<char>('0' + d.year / 1000 % 10), static_cast<char>('0' + d.year / 100 % 10),
                   static_cast<char>('0' + d.year / 10 % 10),   static_cast<char>('0' + d.year % 10),
                   '-', static_cast<char>('0' + d.month / 10),   static_cast<char>('0' + d.month % 10),
                   '-', static_cast<char>('0' + d.day / 10),     static_cast<char>('0' + d.day % 10)};
  return d.year >= 0 && d.year <= 9999 ? std::string(text, 10) : d.iso();
}

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return !a && !b;
  return std::fabs(*a - *b) < 1e-9;
}

// ---------------------------------------------------------------- writing

struct Matched {
  Id pupil;
  const io::ResultRow* row;
  std::string moment, taken, level;  // as stored: "M5", "2027-01-20" or "", "IV" or ""
};

const char* kInsert =
    "INSERT INTO test_results (pupil_id, subject, moment, moment_position, taken_on, ability_score, level, "
    "percentile, dle, source, entered_by, entered_at) VALUES ";

// Inserts the new results: on SQLite through prepared statements of many rows each, on
// PostgreSQL through SOCI's bulk binding.
void insert_results(soci::session& sql, Engine engine, const std::vector<const Matched*>& rows,
                    const std::string& source, const std::string& by, const std::string& at) {
  if (rows.empty()) return;
  if (engine == Engine::kSqlite) {
    // Many rows per statement: SQLite's per-statement work (AUTOINCREMENT, the VDBE's start) once per batch.
    constexpr size_t kRows = 64, kColumns = 12;
    auto statement = [&](size_t n) {
      std::string text = kInsert;
      for (size_t i = 0; i < n; ++i) text += i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      return std::make_unique<NativeStatement>(sql, text);
    };
    std::unique_ptr<NativeStatement> full = rows.size() >= kRows ? statement(kRows) : nullptr;
    for (size_t from = 0; from < rows.size(); from += kRows) {
      const size_t n = std::min(kRows, rows.size() - from);
      std::unique_ptr<NativeStatement> rest = n < kRows ? statement(n) : nullptr;
      NativeStatement& insert = n < kRows ? *rest : *full;
      for (size_t i = 0; i < n; ++i) {
        const Matched& m = *rows[from + i];
        const io::ResultRow& r = *m.row;
        const int p = static_cast<int>(i * kColumns);
        insert.bind(p + 1, static_cast<long long>(m.pupil));
        insert.bind(p + 2, r.subject);
        insert.bind(p + 3, m.moment);
        insert.bind(p + 4, static_cast<long long>(r.moment.position()));
        insert.bind_text_or_null(p + 5, m.taken);
        insert.bind(p + 6, r.ability_score);
        insert.bind(p + 7, m.level);
        insert.bind(p + 8, r.percentile);
        insert.bind(p + 9, r.dle);
        insert.bind(p + 10, source);
        insert.bind(p + 11, by);
        insert.bind(p + 12, at);
      }
      insert.step();
    }
    return;
  }
  constexpr size_t kBatch = 1000;
  for (size_t from = 0; from < rows.size(); from += kBatch) {
    const size_t n = std::min(rows.size(), from + kBatch) - from;
    std::vector<long long> pupil;
    std::vector<int> position;
    std::vector<std::string> subject, moment, taken, level, sources(n, source), bys(n, by), ats(n, at);
    std::vector<double> score, pct, dle;
    std::vector<soci::indicator> taken_ind, score_ind, pct_ind, dle_ind;
    auto number = [](std::vector<double>& values, std::vector<soci::indicator>& inds, const std::optional<double>& v) {
      values.push_back(v.value_or(0));
      inds.push_back(v ? soci::i_ok : soci::i_null);
    };
    for (size_t i = from; i < from + n; ++i) {
      const io::ResultRow& r = *rows[i]->row;
      pupil.push_back(rows[i]->pupil);
      subject.push_back(r.subject);
      moment.push_back(rows[i]->moment);
      position.push_back(r.moment.position());
      taken.push_back(rows[i]->taken);
      taken_ind.push_back(r.taken_on ? soci::i_ok : soci::i_null);
      number(score, score_ind, r.ability_score);
      level.push_back(rows[i]->level);
      number(pct, pct_ind, r.percentile);
      number(dle, dle_ind, r.dle);
    }
    sql << std::string(kInsert) + "(:p, :s, :m, :pos, :t, :a, :l, :pc, :d, :src, :by, :at)", soci::use(pupil),
        soci::use(subject), soci::use(moment), soci::use(position), soci::use(taken, taken_ind),
        soci::use(score, score_ind), soci::use(level), soci::use(pct, pct_ind), soci::use(dle, dle_ind),
        soci::use(sources), soci::use(bys), soci::use(ats);
  }
}

// What one import did to one pupil's results, for that pupil's audit lines: per test the
// moments, in the order of the file ("Rekenen-Wiskunde M7 E7, Spelling M7 E7").
class ResultList {
 public:
  void add(const Matched& m) {
    for (auto& [subject, moments] : tests_)
      if (subject == m.row->subject) {
        moments += ' ';
        moments += m.moment;
        return;
      }
    tests_.emplace_back(m.row->subject, m.moment);
  }
  bool empty() const { return tests_.empty(); }
  std::string text() const {
    std::string out;
    for (const auto& [subject, moments] : tests_) {
      if (!out.empty()) out += ", ";
      out += subject;
      out += ' ';
      out += moments;
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> tests_;
};

struct PupilChanges {
  ResultList created, updated;                // standardised results
  ResultList method_created, method_updated;  // method tests
};

// Stores the method tests of an import (a group's block test: tens of rows, not thousands)
// row by row: new, changed or as it was, by pupil, subject and block.
void import_method_tests(soci::session& sql, const std::vector<Matched*>& rows, const std::string& source,
                         const std::string& by, const std::string& at, ResultsImportSummary& summary,
                         std::unordered_map<Id, PupilChanges>& changes) {
  Id pupil = 0, existing = 0;
  std::string subject, block, taken, stored_taken;
  double score = 0, maximum = 0, stored_score = 0, stored_maximum = 0;
  soci::statement find =
      (sql.prepare << "SELECT id, score, maximum, taken_on FROM method_test_results WHERE pupil_id = :p AND "
                      "subject = :s AND block = :b",
       soci::use(pupil), soci::use(subject), soci::use(block), soci::into(existing), soci::into(stored_score),
       soci::into(stored_maximum), soci::into(stored_taken));
  soci::statement update =
      (sql.prepare << "UPDATE method_test_results SET score = :s, maximum = :m, taken_on = :t, source = :src, "
                      "entered_by = :by, entered_at = :at WHERE id = :i",
       soci::use(score), soci::use(maximum), soci::use(taken), soci::use(source), soci::use(by), soci::use(at),
       soci::use(existing));
  soci::statement insert =
      (sql.prepare << "INSERT INTO method_test_results (pupil_id, subject, block, score, maximum, taken_on, source, "
                      "entered_by, entered_at) VALUES (:p, :s, :b, :sc, :m, :t, :src, :by, :at)",
       soci::use(pupil), soci::use(subject), soci::use(block), soci::use(score), soci::use(maximum),
       soci::use(taken), soci::use(source), soci::use(by), soci::use(at));
  for (Matched* m : rows) {
    const io::ResultRow& r = *m->row;
    pupil = m->pupil;
    subject = r.subject;
    block = r.block;
    score = r.method_score;
    maximum = r.maximum;
    taken = r.taken_on->iso();
    m->moment = r.block;
    find.execute(true);
    if (!sql.got_data()) {
      insert.execute(true);
      ++summary.created;
      changes[pupil].method_created.add(*m);
    } else if (same(score, stored_score) && same(maximum, stored_maximum) && taken == stored_taken) {
      ++summary.unchanged;
    } else {
      update.execute(true);
      ++summary.updated;
      changes[pupil].method_updated.add(*m);
    }
  }
}

}  // namespace

std::string ResultsImportSummary::text() const {
  if (!errors.empty())
    return fmt::format("{} regel(s) met fouten; er is niets opgeslagen.", errors.size());
  return fmt::format("{} resultaten nieuw, {} bijgewerkt, {} ongewijzigd, van {} leerlingen.{}", created, updated,
                     unchanged, pupils,
                     skipped.empty() ? "" : fmt::format(" {} dubbele regel(s) overgeslagen.", skipped.size()));
}

ResultsImportSummary ResultRepository::import_results(Id school_id, const io::ParsedResults& parsed,
                                                      const std::string& source, const domain::Principal& who,
                                                      const std::vector<Id>* may_write,
                                                      const std::map<int, Id>* decisions) {
  ResultsImportSummary summary;
  summary.errors = parsed.errors;
  summary.skipped = parsed.skipped;
  if (!summary.errors.empty()) return summary;

  auto decided = [&](int line) -> Id {
    if (!decisions) return 0;
    auto it = decisions->find(line);
    return it == decisions->end() ? 0 : it->second;
  };
  std::vector<Matched> matched;
  matched.reserve(parsed.rows.size());
  size_t school_pupils = 0;
  // A teacher's import knows only their own pupils: a row about anyone else is "not found in
  // your groups", whether the pupil is elsewhere in the school or nowhere, and no namesake
  // outside their groups is named.
  std::optional<std::unordered_set<Id>> allowed;
  if (may_write) allowed.emplace(may_write->begin(), may_write->end());
  const char* unknown = allowed ? "leerling niet gevonden in uw groepen" : "onbekende leerling";
  db_.read([&](soci::session& sql) {
    PupilIndex index(sql, db_.engine(), school_id, allowed ? &*allowed : nullptr);
    school_pupils = index.size();
    for (const auto& row : parsed.rows) {
      if (!row.pupil_key.empty()) {
        if (const Id* id = index.find_key(row.pupil_key)) {
          matched.push_back({*id, &row, {}, {}, {}});
          continue;
        }
        if (row.surname.empty() || !row.birth_date) {
          summary.errors.push_back({row.line, fmt::format("{}: leerlingnummer {}", unknown, row.pupil_key)});
          continue;
        }
      }
      const auto& candidates = index.find_name(row.surname, row.prefix, row.birth_date->iso());
      if (candidates.size() == 1) {
        matched.push_back({candidates[0], &row, {}, {}, {}});
      } else if (const Id chosen = decided(row.line);
                 chosen && std::find(candidates.begin(), candidates.end(), chosen) != candidates.end()) {
        matched.push_back({chosen, &row, {}, {}, {}});
      } else {
        std::string who_text = fmt::format("{}{}{} ({})", row.given_name.empty() ? "" : row.given_name + " ",
                                           row.prefix.empty() ? "" : row.prefix + " ", row.surname,
                                           row.birth_date->dutch());
        summary.errors.push_back(
            {row.line, candidates.empty()
                           ? fmt::format("{}: {}", unknown, who_text)
                           : fmt::format("{} leerlingen heten {}: kies wie het is, of vul het leerlingnummer in",
                                         candidates.size(), who_text)});
        for (Id id : candidates) summary.errors.back().choices.push_back({id, index.label(id)});
      }
    }
  });
  if (!summary.errors.empty()) return summary;

  // The pupils in the order of their first row, with what happens to their results.
  std::vector<Id> pupil_order;
  std::unordered_map<Id, PupilChanges> changes;
  for (const Matched& m : matched)
    if (changes.try_emplace(m.pupil).second) pupil_order.push_back(m.pupil);
  summary.pupils = static_cast<int>(pupil_order.size());

  db_.write([&](soci::session& sql) {
    const std::string now = now_utc();
    const Engine engine = db_.engine();
    // What these pupils have stored: per pupil when they are few, else the school's in one query.
    StoredResults stored;
    stored.reserve(matched.size());
    if (pupil_order.size() <= 20 || pupil_order.size() * 4 < school_pupils) {
      for (Id pupil : pupil_order) load_stored(sql, engine, "WHERE r.pupil_id = :k", pupil, stored);
    } else {
      load_stored(sql, engine, "JOIN pupils p ON p.id = r.pupil_id WHERE p.school_id = :k", school_id, stored);
    }

    std::vector<Matched*> method_tests;
    for (Matched& m : matched)
      if (m.row->is_method_test()) method_tests.push_back(&m);
    import_method_tests(sql, method_tests, source, who.username, now, summary, changes);

    std::vector<const Matched*> inserts;
    Id existing_id = 0;
    std::string taken, level;
    soci::indicator taken_ind = soci::i_null;
    double score = 0, percentile = 0, dle = 0;
    soci::indicator score_ind = soci::i_null, pct_ind = soci::i_null, dle_ind = soci::i_null;
    soci::statement update =
        (sql.prepare << "UPDATE test_results SET taken_on = :t, ability_score = :a, level = :l, percentile = :pc, "
                        "dle = :d, source = :src, entered_by = :by, entered_at = :at WHERE id = :id",
         soci::use(taken, taken_ind), soci::use(score, score_ind), soci::use(level),
         soci::use(percentile, pct_ind), soci::use(dle, dle_ind), soci::use(source),
         soci::use(who.username), soci::use(now), soci::use(existing_id));
    auto bind = [](double& value, soci::indicator& ind, const std::optional<double>& v) {
      value = v.value_or(0);
      ind = v ? soci::i_ok : soci::i_null;
    };
    for (Matched& m : matched) {
      const io::ResultRow& r = *m.row;
      if (r.is_method_test()) continue;
      m.moment = r.moment.label();
      if (r.taken_on) m.taken = iso(*r.taken_on);
      if (r.level) m.level = r.level->label();
      auto [entry, is_new] = stored.find_or_add(m.pupil, r.subject, m.moment);
      Stored& s = *entry;
      if (!is_new && same(r.ability_score, s.score) && s.level == m.level && same(r.percentile, s.percentile) &&
          same(r.dle, s.dle) && s.taken == m.taken) {
        ++summary.unchanged;
        continue;
      }
      s.score = r.ability_score;
      s.percentile = r.percentile;
      s.dle = r.dle;
      s.level = m.level;
      s.taken = m.taken;
      PupilChanges& changed = changes[m.pupil];
      if (is_new) {
        s.pending = inserts.size();
        inserts.push_back(&m);
        ++summary.created;
        changed.created.add(m);
        continue;
      }
      if (s.id == 0) {
        inserts[s.pending] = &m;  // a second row for a result new in this file: the later row wins
      } else {
        existing_id = s.id;
        taken = m.taken;
        taken_ind = r.taken_on ? soci::i_ok : soci::i_null;
        level = m.level;
        bind(score, score_ind, r.ability_score);
        bind(percentile, pct_ind, r.percentile);
        bind(dle, dle_ind, r.dle);
        update.execute(true);
      }
      ++summary.updated;
      changed.updated.add(m);
    }
    // In the order of the unique index: its pages fill up instead of splitting half empty.
    std::sort(inserts.begin(), inserts.end(), [](const Matched* a, const Matched* b) {
      if (a->pupil != b->pupil) return a->pupil < b->pupil;
      if (int c = a->row->subject.compare(b->row->subject)) return c < 0;
      return a->moment < b->moment;
    });
    insert_results(sql, engine, inserts, source, who.username, now);

    // One audit line per pupil for the results created, and one for those changed.
    std::vector<domain::AuditEntry> audit;
    for (Id pupil : pupil_order) {
      const PupilChanges& c = changes[pupil];
      if (!c.created.empty())
        audit.push_back(audit_entry(who, domain::AuditAction::kImport, "toetsresultaat", pupil,
                                    c.created.text() + " uit " + source));
      if (!c.updated.empty())
        audit.push_back(audit_entry(who, domain::AuditAction::kUpdate, "toetsresultaat", pupil,
                                    c.updated.text() + " bijgewerkt uit " + source));
      if (!c.method_created.empty())
        audit.push_back(audit_entry(who, domain::AuditAction::kImport, "methodetoets", pupil,
                                    c.method_created.text() + " uit " + source));
      if (!c.method_updated.empty())
        audit.push_back(audit_entry(who, domain::AuditAction::kUpdate, "methodetoets", pupil,
                                    c.method_updated.text() + " bijgewerkt uit " + source));
    }
    for (auto& e : audit) e.school_id = school_id;
    AuditLog(db_).append(sql, std::move(audit));
  });
  return summary;
}

std::vector<domain::StandardisedResult> ResultRepository::results_of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<domain::StandardisedResult> out;
    // Through the statement cache: the stamkaart and every signal decision read it.
    db_.each_row(
        sql, "SELECT subject, moment, ability_score, level, dle FROM test_results WHERE pupil_id = :p ORDER BY "
             "moment_position, subject",
        [&](const soci::row& row) {
          domain::StandardisedResult r;
          r.subject = row.get<std::string>(0);
          r.moment = domain::parse_test_moment(row.get<std::string>(1)).value_or(domain::TestMoment{});
          if (row.get_indicator(2) == soci::i_ok) r.ability_score = row.get<double>(2);
          if (const std::string level = row.get<std::string>(3); !level.empty()) r.level = domain::parse_level(level);
          if (row.get_indicator(4) == soci::i_ok) r.dle = row.get<double>(4);
          out.push_back(std::move(r));
        },
        pupil_id);
    return out;
  });
}

std::unordered_map<Id, std::vector<domain::StandardisedResult>> ResultRepository::results_of_school(Id school_id) {
  return db_.read([&](soci::session& sql) {
    std::unordered_map<Id, std::vector<domain::StandardisedResult>> out;
    RowReader rows(sql, db_.engine(),
                   "SELECT r.pupil_id, r.subject, r.moment, r.ability_score, r.level, r.dle FROM test_results r "
                   "JOIN pupils p ON p.id = r.pupil_id WHERE p.school_id = :s",
                   school_id);
    // A school has few distinct moments and levels: each text is parsed once.
    std::vector<std::pair<std::string, domain::TestMoment>> moments;
    std::vector<std::pair<std::string, std::optional<domain::Level>>> levels;
    auto parsed = [](auto& known, std::string_view text, auto parse) {
      for (const auto& [seen, value] : known)
        if (seen == text) return value;
      return known.emplace_back(std::string(text), parse(text)).second;
    };
    Id last = 0;
    std::vector<domain::StandardisedResult>* results = nullptr;
    while (rows.next()) {
      const Id pupil = rows.integer(0);
      if (!results || pupil != last) {  // the rows of a pupil come together, though nothing needs it
        results = &out[pupil];
        last = pupil;
      }
      domain::StandardisedResult& r = results->emplace_back();
      r.subject = rows.text(1);
      r.moment = parsed(moments, rows.text(2), [](std::string_view t) {
        return domain::parse_test_moment(t).value_or(domain::TestMoment{});
      });
      r.ability_score = rows.number(3);
      if (const std::string_view level = rows.text(4); !level.empty())
        r.level = parsed(levels, level, [](std::string_view t) { return domain::parse_level(t); });
      r.dle = rows.number(5);
    }
    // Sorted here, per pupil, as results_of_pupil's ORDER BY moment_position, subject: cheaper
    // than the database sorting the whole school.
    auto before = [](const domain::StandardisedResult& a, const domain::StandardisedResult& b) {
      const int pa = a.moment.position(), pb = b.moment.position();
      return pa != pb ? pa < pb : a.subject < b.subject;
    };
    for (auto& [pupil, taken] : out)
      if (!std::is_sorted(taken.begin(), taken.end(), before)) std::stable_sort(taken.begin(), taken.end(), before);
    return out;
  });
}

long long ResultRepository::count() {
  return db_.read([](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM test_results", soci::into(n);
    return n;
  });
}

}  // namespace koers::store
