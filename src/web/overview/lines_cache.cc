#include "web/overview/lines_cache.h"

#include <fmt/format.h>

namespace koers::web {

namespace {

template <class T>
std::string opt(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : "-";
}

}  // namespace

std::string OverviewLinesCache::key(const domain::SignalRules& r, const std::vector<store::PupilListRow>& pupils,
                                    const std::string& as_of) {
  std::string k =
      fmt::format("{}|{},{},{},{},{},{},{},{},{}|", as_of, opt(r.level_at_or_below), opt(r.level_drop),
                  opt(r.mastery_percentage), r.mastery_misses_in_a_row, opt(r.min_learning_yield),
                  opt(r.max_months_behind), r.repeated_at_moments, r.top_level_is_signal, r.expected_growth.size());
  for (const auto& g : r.expected_growth) k += fmt::format("{}:{}:{};", g.subject, g.year_group, g.points);
  for (const auto& p : pupils)
    k += fmt::format("|{}\x1f{}\x1f{}\x1f{}", p.id, p.name.display(), p.pupil_number, p.year_group);
  return k;
}

std::optional<std::vector<domain::OverviewLine>> OverviewLinesCache::find(const std::string& key, long long count) {
  std::shared_ptr<const std::vector<domain::OverviewLine>> lines;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count < 0 || count != count_) return std::nullopt;
    auto it = kept_.find(key);
    if (it == kept_.end()) return std::nullopt;
    lines = it->second;
  }
  return *lines;  // copied outside the lock: the caller may change its lines
}

void OverviewLinesCache::keep(const std::string& key, long long count, const std::vector<domain::OverviewLine>& lines) {
  if (count < 0) return;
  auto kept = std::make_shared<const std::vector<domain::OverviewLine>>(lines);
  std::lock_guard<std::mutex> lock(mutex_);
  // Another count drops what was kept: a newer one after a change; an older one from a request
  // that read the count just before a change (its lines are as new as its count or newer), or
  // from a database put back from a backup under a running server.
  if (count != count_ || kept_.size() >= kMaxKept) {
    kept_.clear();
    count_ = count;
  }
  kept_[key] = std::move(kept);
}

size_t OverviewLinesCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return kept_.size();
}

}  // namespace koers::web
