// What the server does, counted and logged without pupil data. Metrics counts requests and
// their duration per route group (a route's method and pattern, "/leerlingen/:id", never the
// path with its ids), imports done and failed, and shows them with the database pool in the
// Prometheus text format (GET /metrics: loopback without a proxy, or the board administrator).
// AccessLog writes one JSON line per request: time, method, route pattern, status, duration,
// bytes, account id and role — no path, no query string, no names.
#pragma once

#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "domain/role.h"
#include "store/database.h"

namespace koers::web {

struct Route;
struct Request;

class Metrics {
 public:
  // One slot per route ("GET /leerlingen/:id"), then one for static files and one for
  // requests no route matched.
  explicit Metrics(const std::vector<Route>& routes);
  size_t static_slot() const { return slots_.size() - 2; }
  size_t unmatched_slot() const { return slots_.size() - 1; }

  void observe(size_t slot, int status, double seconds);
  enum class Import { kResults, kEdexml };
  void count_import(Import kind, bool done);
  // The text for GET /metrics (format 0.0.4).
  std::string exposition(const store::Database& db) const;

  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1.0,  2.5,   5.0,  10.0};

  std::atomic<int> in_flight{0};

 private:
  struct Slot {
    std::string method, route;
    std::array<std::atomic<unsigned long long>, 5> by_class{};  // 1xx … 5xx
    std::array<std::atomic<unsigned long long>, kBuckets.size() + 1> buckets{};  // last: above every bucket
    std::atomic<unsigned long long> micros{0};
  };
  std::vector<Slot> slots_;
  std::array<std::atomic<unsigned long long>, 4> imports_{};  // results done/failed, edexml done/failed
  double started_ = 0;  // unix seconds
};

// One request as the access log records it.
struct AccessEntry {
  std::string method;
  std::string route;  // the pattern, "/static/*", or "-" when no route matched
  int status = 0;
  double ms = 0;
  size_t bytes_in = 0, bytes_out = 0;
  long long account_id = 0;  // 0: not signed in
  std::string role;          // role key ("ib"), "" when not signed in
};

// Appends lines to a file ("-": stderr), one write per line so lines of parallel requests
// never interleave. Closed (no log) when opened with "".
class AccessLog {
 public:
  explicit AccessLog(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;
  bool enabled() const { return file_ != nullptr; }
  void write(const AccessEntry& e);
  static std::string line(const AccessEntry& e, const std::string& time);

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::mutex mutex_;
};

// Whether GET /metrics may answer this request: it came straight from this machine (a
// loopback address and no proxy header), or `role` is the board administrator's.
bool may_read_metrics(const Request& req, long long account_id, domain::Role role);

std::vector<Route> metrics_routes();

}  // namespace koers::web
