// The overview lines of a group (overview_lines in overview.h), kept while the dossier has not
// changed: the groepsoverzicht and groepsplan of a class open many times a morning between
// two changes. Kept by the database's change count (store::Database::change_count), read
// before the lines are: one change, by any instance on the database, and every kept line is
// old; old lines are never given out. The key holds everything else the lines are made of:
// the instant, the school's signal rules and the pupils as listed (id, name, number, leerjaar).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/group_overview.h"
#include "domain/signalling.h"
#include "store/group_repository.h"

namespace koers::web {

class OverviewLinesCache {
 public:
  // The key of the lines of these pupils with these rules at this instant.
  static std::string key(const domain::SignalRules& rules, const std::vector<store::PupilListRow>& pupils,
                         const std::string& as_of);
  // The lines kept under `key` at change count `count`; none when not kept, or kept at another count.
  std::optional<std::vector<domain::OverviewLine>> find(const std::string& key, long long count);
  // Keeps lines read after the count was `count`. Lines of another count than those kept drop
  // everything kept before. At most kMaxKept keys.
  void keep(const std::string& key, long long count, const std::vector<domain::OverviewLine>& lines);
  size_t size();

  static constexpr size_t kMaxKept = 256;

 private:
  std::mutex mutex_;
  long long count_ = -1;
  std::unordered_map<std::string, std::shared_ptr<const std::vector<domain::OverviewLine>>> kept_;
};

}  // namespace koers::web
