// The database Koers keeps everything in: SQLite (one file, WAL) or PostgreSQL.
//
// Contract: open() connects a small pool; migrate() brings the schema up to date (every
// migration not yet recorded, in number order, also one numbered below the newest applied);
// read() and write() lend a pooled session to a function. write() runs it in one
// transaction (BEGIN IMMEDIATE on SQLite, so writers never deadlock) that commits
// when the function returns and rolls back when it throws: a failed save changes nothing.
// Each committed write() counts as a change of the dossier (change_count(), the same for
// every instance on the database); write_outside_dossier() is for bookkeeping no page
// shows as the dossier (sessions, the login brake, audit lines) and does not count.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/statement_cache.h"

namespace koers::store {

enum class Engine { kSqlite, kPostgres };

class Database {
 public:
  // url: "postgresql://user@host:port/db" (or any libpq conninfo starting with
  // "postgres"), otherwise a path to a SQLite file, optionally prefixed "sqlite:".
  static std::unique_ptr<Database> open(const std::string& url, size_t pool_size = 4);
  ~Database();

  Engine engine() const { return engine_; }
  const char* engine_name() const { return engine_ == Engine::kSqlite ? "SQLite" : "PostgreSQL"; }

  // Applies every embedded migration not yet applied; returns how many ran.
  int migrate();
  int schema_version();
  // This installation's random id (32 hex digits), made on first use and then kept: the same
  // for every instance on one PostgreSQL database.
  std::string installation_id();
  // The key the audit chain's lines are keyed with (store/audit_log.h: an HMAC, so a line
  // cannot be rewritten without it); "" until set: lines are then chained by SHA-256 alone.
  // Set once, before the database is shared between threads.
  void set_audit_key(std::string key) { audit_key_ = std::move(key); }
  const std::string& audit_key() const { return audit_key_; }

  // The pool's connections, and how many are lent out (waiting for one counts as lent: /metrics).
  size_t pool_size() const { return pool_size_; }
  int pool_in_use() const { return in_use_.load(std::memory_order_relaxed); }

  template <class F>
  auto read(F&& fn) {
    Lent lent(in_use_);
    soci::session sql(pool_);
    return fn(sql);
  }

  template <class F>
  auto write(F&& fn) {
    return transaction(std::forward<F>(fn), true);
  }
  template <class F>
  auto write_outside_dossier(F&& fn) {
    return transaction(std::forward<F>(fn), false);
  }

  // How many changes of the dossier were committed, by any instance on this database: a
  // counter every write() raises in its own transaction, so a reader that takes the count
  // before it reads never holds data older than the count says. -1 before migrate() made
  // the counter: then nothing may be kept by it (web/overview/lines_cache.h).
  long long change_count();

 private:
  template <class F>
  auto transaction(F&& fn, bool counts) {
    Lent lent(in_use_);
    soci::session sql(pool_);
    std::unique_lock<std::mutex> lock(write_mutex_, std::defer_lock);
    if (engine_ == Engine::kSqlite) lock.lock();  // one writer per process; WAL readers go on
    sql << (engine_ == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      if constexpr (std::is_void_v<decltype(fn(sql))>) {
        fn(sql);
        if (counts) count_change(sql);
        sql << "COMMIT";
      } else {
        auto result = fn(sql);
        if (counts) count_change(sql);
        sql << "COMMIT";
        return result;
      }
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }
  // Last in the transaction, so on PostgreSQL the counter's row is locked only while committing.
  void count_change(soci::session& sql);
  std::atomic<bool> counting_{false};  // the counter exists (after migrate())

 public:
  // Group commit: runs `work` in a write transaction shared with the work other threads
  // hand in at the same moment, and returns once that transaction committed (or throws what
  // `work` threw; a failing work is retried alone, so it never takes the others down). For
  // small appends many requests make at once: the audit lines of views. Outside the dossier
  // (it does not count as a change).
  void write_batched(std::function<void(soci::session&)> work);

  // The queries every request makes, prepared once per pooled connection (statement_cache.h):
  // inside read() or write(), with the session they lend.
  template <class OnRow, class... P>
  void each_row(soci::session& sql, const std::string& text, OnRow&& on_row, const P&... params) {
    auto [cache, pooled] = cache_of(sql);
    cache.each_row(pooled, text, std::forward<OnRow>(on_row), params...);
  }
  template <class... Cols, class OnRow, class... P>
  void each_typed(soci::session& sql, const std::string& text, OnRow&& on_row, const P&... params) {
    auto [cache, pooled] = cache_of(sql);
    cache.template each_typed<Cols...>(pooled, text, std::forward<OnRow>(on_row), params...);
  }
  template <class... P>
  long long run(soci::session& sql, const std::string& text, const P&... params) {
    auto [cache, pooled] = cache_of(sql);
    return cache.run(pooled, text, params...);
  }

  // How many statements the connection of `sql` keeps prepared.
  size_t cached_statements(soci::session& sql) { return cache_of(sql).first.size(); }

  // Deletes every row of every table (tests only).
  void wipe_for_tests();

 private:
  Database(Engine engine, size_t pool_size);
  Engine engine_;
  std::string audit_key_;
  soci::connection_pool pool_;
  size_t pool_size_;
  std::mutex write_mutex_;

  struct BatchedWork {
    std::function<void(soci::session&)> work;
    std::exception_ptr error;
    bool done = false;
  };
  void run_batch(const std::vector<BatchedWork*>& batch);
  std::mutex batch_mutex_;
  std::condition_variable batch_done_;
  std::deque<BatchedWork*> batch_queue_;
  bool batch_leader_ = false;
  std::atomic<int> in_use_{0};
  // One per connection of the pool, by its backend; declared after pool_, so destroyed
  // (statements finalised) before the connections close.
  struct Cached {
    soci::details::session_backend* backend;
    soci::session* pooled;
    std::unique_ptr<StatementCache> cache;
  };
  std::vector<Cached> caches_;
  std::pair<StatementCache&, soci::session&> cache_of(soci::session& sql);
  struct Lent {
    explicit Lent(std::atomic<int>& n) : n_(n) { n_.fetch_add(1, std::memory_order_relaxed); }
    ~Lent() { n_.fetch_sub(1, std::memory_order_relaxed); }
    std::atomic<int>& n_;
  };
};

// An integer column of a dynamic row: SQLite declares ids INTEGER (int), PostgreSQL BIGINT.
inline long long row_integer(const soci::row& r, std::size_t i) {
  return r.get_properties(i).get_data_type() == soci::dt_integer ? r.get<int>(i) : r.get<long long>(i);
}

// A text column of a dynamic row, "" when NULL.
inline std::string row_text(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
}
// An integer column of a dynamic row, 0 when NULL (ids that may be absent).
inline long long row_integer_or_zero(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? 0 : row_integer(r, i);
}

// The "FOR UPDATE" row lock PostgreSQL needs; SQLite's write transaction already excludes others.
inline const char* for_update(Engine e) { return e == Engine::kPostgres ? " FOR UPDATE" : ""; }

}  // namespace koers::store
