#include "domain/access_review.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>

#include "domain/date.h"

namespace koers::domain {

namespace {
// Seconds since 1970 of "2026-11-28T13:29:05Z"; -1 for anything else.
long long seconds_of(const std::string& at) {
  if (at.size() < 19 || at[10] != 'T') return -1;
  auto day = parse_iso_date(at.substr(0, 10));
  if (!day) return -1;
  auto num = [&](size_t pos) {
    if (at[pos] < '0' || at[pos] > '9' || at[pos + 1] < '0' || at[pos + 1] > '9') return -1;
    return (at[pos] - '0') * 10 + (at[pos + 1] - '0');
  };
  const int h = num(11), m = num(14), s = num(17);
  if (h < 0 || m < 0 || s < 0) return -1;
  return static_cast<long long>(days_between(Date{1970, 1, 1}, *day)) * 86400 + h * 3600 + m * 60 + s;
}

ReviewItem item_of(const AuditEntry& e, std::string kind) {
  ReviewItem r;
  r.kind = std::move(kind);
  r.account_id = e.account_id;
  r.username = e.username;
  r.role = e.role;
  r.account_name = e.account_name;
  r.from_at = r.to_at = e.at;
  return r;
}
// The busy hour in words: what was read, or only tried and refused, or both.
std::string busy_title(int pupils, int minutes, int refused, int lines) {
  if (refused == 0)
    return fmt::format("Las de gegevens van {} verschillende leerlingen buiten de eigen groepen binnen {} minuten",
                       pupils, minutes);
  if (refused == lines)
    return fmt::format(
        "Probeerde de gegevens van {} verschillende leerlingen buiten de eigen groepen binnen {} minuten te lezen "
        "(geweigerd)",
        pupils, minutes);
  return fmt::format(
      "Las of probeerde de gegevens van {} verschillende leerlingen buiten de eigen groepen binnen {} minuten te "
      "lezen ({} van de {} pogingen geweigerd)",
      pupils, minutes, refused, lines);
}
}  // namespace

std::vector<ReviewItem> review_accesses(const std::vector<AuditEntry>& oldest_first,
                                        const std::function<bool(const AuditEntry&, Id)>& outside,
                                        const ReviewRules& rules) {
  std::vector<ReviewItem> out;
  // Per account: the reads still inside the window, and how often each pupil is among them.
  struct Window {
    std::deque<const AuditEntry*> reads;
    std::map<Id, int> pupils;
  };
  std::map<std::pair<Id, std::string>, Window> windows;
  std::map<std::pair<Id, std::string>, size_t> last_item;  // index in out
  std::map<size_t, std::pair<int, int>> tally;             // per item in out: refused lines, all lines
  const long long span = rules.window_minutes * 60LL;
  for (const AuditEntry& e : oldest_first) {
    if (e.role == "zorgteam" && e.action == "refused") {
      ReviewItem r = item_of(e, "extern-geweigerd");
      r.count = 1;
      r.seqs = {e.seq};
      r.title = fmt::format("Extern zorgteamlid probeerde een casus te openen zonder geldige toestemming{}",
                            e.detail.empty() ? "" : " (" + e.detail + ")");
      out.push_back(std::move(r));
      continue;
    }
    if ((e.action != "view" && e.action != "refused") || !e.pupil_id || !e.account_id) continue;
    const long long t = seconds_of(e.at);
    if (t < 0 || !outside(e, e.pupil_id)) continue;
    Window& w = windows[{e.account_id, e.username}];
    while (!w.reads.empty() && t - seconds_of(w.reads.front()->at) > span) {
      if (--w.pupils[w.reads.front()->pupil_id] == 0) w.pupils.erase(w.reads.front()->pupil_id);
      w.reads.pop_front();
    }
    w.reads.push_back(&e);
    ++w.pupils[e.pupil_id];
    if (static_cast<int>(w.pupils.size()) < rules.distinct_pupils) continue;
    ReviewItem r = item_of(e, "veel-dossiers");
    r.from_at = w.reads.front()->at;
    r.count = static_cast<int>(w.pupils.size());
    int refused = 0;
    for (const AuditEntry* read : w.reads) {
      r.seqs.push_back(read->seq);
      refused += read->action == "refused";
    }
    const int lines = static_cast<int>(w.reads.size());
    r.title = busy_title(r.count, rules.window_minutes, refused, lines);
    // The same busy hour going on (its window overlaps the account's last item): that item grows.
    auto last = last_item.find({e.account_id, e.username});
    if (last != last_item.end() && seconds_of(r.from_at) <= seconds_of(out[last->second].to_at)) {
      ReviewItem& item = out[last->second];
      item.to_at = r.to_at;
      item.count = std::max(item.count, r.count);
      item.seqs.push_back(e.seq);
      auto& [item_refused, item_lines] = tally[last->second];
      item_refused += e.action == "refused";
      ++item_lines;
      item.title = busy_title(item.count, rules.window_minutes, item_refused, item_lines);
      continue;
    }
    last_item[{e.account_id, e.username}] = out.size();
    tally[out.size()] = {refused, lines};
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace koers::domain
