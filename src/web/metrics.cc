#include "web/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "web/app.h"

namespace koers::web {

namespace {

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A label value in the exposition format: backslash, quote and newline escaped.
std::string label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double v) { return fmt::format("{:.6g}", v); }

long long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

Metrics::Metrics(const std::vector<Route>& routes) : slots_(routes.size() + 2), started_(unix_now()) {
  for (size_t i = 0; i < routes.size(); ++i) {
    slots_[i].method = routes[i].method;
    slots_[i].route = routes[i].pattern;
  }
  slots_[static_slot()].method = "GET";
  slots_[static_slot()].route = "/static/*";
  slots_[unmatched_slot()].method = "*";
  slots_[unmatched_slot()].route = "-";
}

void Metrics::observe(size_t slot, int status, double seconds) {
  Slot& s = slots_.at(slot);
  const int cls = status / 100;
  s.by_class[static_cast<size_t>(cls >= 1 && cls <= 5 ? cls - 1 : 4)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros.fetch_add(static_cast<unsigned long long>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::count_import(Import kind, bool done) {
  imports_[(kind == Import::kResults ? 0 : 2) + (done ? 0 : 1)].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::exposition(const store::Database& db) const {
  std::string out;
  auto add = [&out]<typename... T>(fmt::format_string<T...> text, T&&... args) {
    fmt::format_to(std::back_inserter(out), text, std::forward<T>(args)...);
  };
  add("# HELP koers_http_requests_total HTTP requests answered, per route (method and pattern) and status class.\n"
      "# TYPE koers_http_requests_total counter\n");
  for (const Slot& s : slots_)
    for (size_t c = 0; c < s.by_class.size(); ++c)
      if (auto n = s.by_class[c].load(std::memory_order_relaxed))
        add("koers_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}xx\"}} {}\n", label(s.method),
            label(s.route), c + 1, n);
  add("# HELP koers_http_request_duration_seconds Time from a request's arrival in Koers to its answer, per route.\n"
      "# TYPE koers_http_request_duration_seconds histogram\n");
  for (const Slot& s : slots_) {
    std::array<unsigned long long, kBuckets.size() + 1> counts;
    unsigned long long total = 0;
    for (size_t b = 0; b < counts.size(); ++b) total += counts[b] = s.buckets[b].load(std::memory_order_relaxed);
    if (!total) continue;
    const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", label(s.method), label(s.route));
    unsigned long long cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += counts[b];
      add("koers_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, number(kBuckets[b]), cumulative);
    }
    add("koers_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, total);
    add("koers_http_request_duration_seconds_sum{{{}}} {}\n", labels,
        number(static_cast<double>(s.micros.load(std::memory_order_relaxed)) / 1e6));
    add("koers_http_request_duration_seconds_count{{{}}} {}\n", labels, total);
  }
  add("# HELP koers_http_requests_in_flight Requests being handled now.\n"
      "# TYPE koers_http_requests_in_flight gauge\nkoers_http_requests_in_flight {}\n",
      in_flight.load(std::memory_order_relaxed));
  add("# HELP koers_db_pool_size Database connections in the pool.\n"
      "# TYPE koers_db_pool_size gauge\nkoers_db_pool_size{{engine=\"{}\"}} {}\n",
      db.engine_name(), db.pool_size());
  add("# HELP koers_db_pool_in_use Database connections lent out or waited for.\n"
      "# TYPE koers_db_pool_in_use gauge\nkoers_db_pool_in_use{{engine=\"{}\"}} {}\n",
      db.engine_name(), db.pool_in_use());
  add("# HELP koers_imports_total Imports through the web (page and API) since start, by kind and outcome.\n"
      "# TYPE koers_imports_total counter\n");
  const char* kinds[] = {"results", "edexml"};
  for (size_t k = 0; k < 2; ++k) {
    add("koers_imports_total{{kind=\"{}\",outcome=\"done\"}} {}\n", kinds[k], imports_[k * 2].load());
    add("koers_imports_total{{kind=\"{}\",outcome=\"failed\"}} {}\n", kinds[k], imports_[k * 2 + 1].load());
  }
  add("# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {}\n",
      resident_bytes());
  add("# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
      "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds {}\n",
      fmt::format("{:.3f}", started_));
  return out;
}

AccessLog::AccessLog(const std::string& path) {
  if (path.empty()) return;
  if (path == "-") {
    file_ = stderr;
    return;
  }
  file_ = std::fopen(path.c_str(), "a");
  if (!file_) throw std::runtime_error("--access-log: kan " + path + " niet openen om te schrijven");
  owned_ = true;
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::line(const AccessEntry& e, const std::string& time) {
  nlohmann::json j{{"time", time},       {"method", e.method},       {"route", e.route},
                   {"status", e.status}, {"ms", std::round(e.ms * 1000) / 1000},
                   {"bytes_in", e.bytes_in}, {"bytes_out", e.bytes_out},
                   {"account", e.account_id ? nlohmann::json(e.account_id) : nlohmann::json(nullptr)},
                   {"role", e.role.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.role)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void AccessLog::write(const AccessEntry& e) {
  if (!file_) return;
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  const std::string text = line(e, fmt::format("{}.{:03}Z", stamp, ms));
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

bool may_read_metrics(const Request& req, long long account_id, domain::Role role) {
  if (account_id != 0 && role == domain::Role::kBoardAdmin) return true;
  const std::string& ip = req.remote_ip;
  const bool loopback = ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
  // A reverse proxy on this machine connects from loopback for everyone: its requests carry
  // one of these headers and are not "from this machine".
  const bool proxied = !req.header("x-forwarded-for").empty() || !req.header("forwarded").empty() ||
                       !req.header("x-real-ip").empty();
  return loopback && !proxied;
}

std::vector<Route> metrics_routes() {
  auto show = [](Context& ctx) {
    if (!may_read_metrics(ctx.req, ctx.who.account_id, ctx.who.role)) {
      Response r;
      r.status = 403;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "De metrics zijn alleen te lezen vanaf deze machine zelf (niet via een proxy) of door de "
               "bestuursbeheerder.\n";
      return r;
    }
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = ctx.app.metrics().exposition(ctx.app.db);
    return r;
  };
  return {{"GET", "/metrics", domain::Capability::kSignedIn, show, /*public_route=*/true}};
}

}  // namespace koers::web
