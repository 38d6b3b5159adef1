// Statements prepared once per pooled connection and run again with new values: parsing SQL
// was 7 to 28 % of a page's time (profile, issue 13), for the same few queries every request
// makes. A StatementCache belongs to one connection of the pool and is used by the one thread
// that has that connection lent; Database::each_row and Database::run find it.
//
// Contract: a statement's text is its key; its parameters bind in order and keep their types
// at every use (long long, int, double, std::string; std::optional of one of these binds NULL
// when empty and counts as the same type; a bool binds as 0/1, a const char* as text). Rows
// arrive as soci::row (integers through row_integer), or typed with each_typed: every
// column into a value of its declared type, read without soci::row's per-value holders. A column's type is fixed by the
// first run: SQLite types an expression column (COUNT, MAX, COALESCE) by its first value, so cache only statements
// whose columns are table columns. After each use the statement is reset, so it never holds a SQLite read snapshot
// open; one that threw is dropped and prepared afresh. At most kMaxStatements stay per connection (texts with id lists
// differ per group); one statement cannot run inside its own row callback.
#pragma once

#include <soci/soci.h>

#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

namespace koers::store {

class StatementCache {
 public:
  explicit StatementCache(bool sqlite) : sqlite_(sqlite) {}

  template <class OnRow, class... P>
  void each_row(soci::session& sql, const std::string& text, OnRow&& on_row, const P&... params) {
    Entry& e = entry<DynamicRow, P...>(sql, text);
    Done done{*this, text, e};
    bind(e, 0, params...);
    e.statement->execute(false);
    while (e.statement->fetch()) on_row(static_cast<const soci::row&>(e.row));
    done.ok = true;
  }

  // Rows as std::tuple<Cols...>&, the callback may move out of it. A column type is long
  // long, int, double or std::string, or std::optional of one for a column that may be NULL;
  // a NULL in a column not read as optional throws.
  template <class... Cols, class OnRow, class... P>
  void each_typed(soci::session& sql, const std::string& text, OnRow&& on_row, const P&... params) {
    Entry& e = entry<TypedRow<Cols...>, P...>(sql, text);
    Done done{*this, text, e};
    bind(e, 0, params...);
    std::tuple<Cols...> row;
    e.statement->execute(false);
    while (e.statement->fetch()) {
      take(e, row, std::index_sequence_for<Cols...>{});
      on_row(row);
    }
    done.ok = true;
  }

  template <class... P>
  long long run(soci::session& sql, const std::string& text, const P&... params) {
    Entry& e = entry<NoRows, P...>(sql, text);
    Done done{*this, text, e};
    bind(e, 0, params...);
    e.statement->execute(true);
    const long long affected = e.statement->get_affected_rows();
    done.ok = true;
    return affected;
  }

  size_t size() const { return entries_.size(); }
  static constexpr size_t kMaxStatements = 200;

 private:
  struct Slot {
    virtual ~Slot() = default;
  };
  template <class T>
  struct TypedSlot : Slot {
    T value{};
    soci::indicator indicator = soci::i_ok;
  };
  struct Entry {
    std::unique_ptr<soci::statement> statement;
    soci::row row;
    std::vector<std::unique_ptr<Slot>> slots;    // parameters
    std::vector<std::unique_ptr<Slot>> columns;  // typed rows
    const std::type_info* types = nullptr;
    bool busy = false;
  };
  // After a use: reset (no SQLite snapshot kept), or drop the statement when the use threw.
  struct Done {
    StatementCache& cache;
    const std::string& text;
    Entry& entry;
    bool ok = false;
    ~Done() {
      entry.busy = false;
      ok ? cache.reset(entry) : cache.drop(text);
    }
  };

  // A parameter's value type, and whether it may be NULL.
  template <class T>
  struct Param {
    using type = T;
    static constexpr bool nullable = false;
  };
  template <class T>
  struct Param<std::optional<T>> {
    using type = T;
    static constexpr bool nullable = true;
  };

  template <class T>
  static auto stored_value(const T& v) {
    if constexpr (std::is_same_v<T, bool>) return static_cast<int>(v);
    else if constexpr (std::is_convertible_v<T, std::string_view> && !std::is_same_v<T, std::string>)
      return std::string(std::string_view(v));
    else return v;
  }
  template <class T>
  using StoredType = decltype(stored_value(std::declval<const T&>()));

  template <class P>
  using SlotType = StoredType<typename Param<P>::type>;
  template <class... P>
  struct Types {};
  // What a statement gives back: nothing, soci::row, or typed columns.
  struct NoRows {};
  struct DynamicRow {};
  template <class... Cols>
  struct TypedRow {};

  template <class Rows, class... P>
  Entry& entry(soci::session& sql, const std::string& text) {
    auto it = entries_.find(text);
    if (it != entries_.end()) {
      if (*it->second->types != typeid(Types<Rows, SlotType<P>...>))
        throw std::logic_error("StatementCache: other parameter types for: " + text);
      if (it->second->busy) throw std::logic_error("StatementCache: run inside its own rows: " + text);
      it->second->busy = true;
      return *it->second;
    }
    if (entries_.size() >= kMaxStatements) forget_idle();
    auto e = std::make_unique<Entry>();
    e->types = &typeid(Types<Rows, SlotType<P>...>);
    e->statement = std::make_unique<soci::statement>(sql);
    (add_slot<P>(*e), ...);
    add_columns(*e, Rows{});
    e->statement->alloc();
    e->statement->prepare(text);
    e->statement->define_and_bind();
    e->busy = true;
    return *entries_.emplace(text, std::move(e)).first->second;
  }

  template <class P>
  void add_slot(Entry& e) {
    auto slot = std::make_unique<TypedSlot<SlotType<P>>>();
    e.statement->exchange(soci::use(slot->value, slot->indicator));
    e.slots.push_back(std::move(slot));
  }

  void add_columns(Entry&, NoRows) {}
  void add_columns(Entry& e, DynamicRow) { e.statement->exchange(soci::into(e.row)); }
  template <class... Cols>
  void add_columns(Entry& e, TypedRow<Cols...>) {
    (add_column<typename Param<Cols>::type>(e), ...);
  }
  template <class T>
  void add_column(Entry& e) {
    auto slot = std::make_unique<TypedSlot<T>>();
    e.statement->exchange(soci::into(slot->value, slot->indicator));
    e.columns.push_back(std::move(slot));
  }

  template <class... Cols, size_t... I>
  static void take(Entry& e, std::tuple<Cols...>& row, std::index_sequence<I...>) {
    (take_column(*e.columns[I], std::get<I>(row), I), ...);
  }
  template <class C>
  static void take_column(Slot& s, C& out, size_t index) {
    auto& slot = static_cast<TypedSlot<typename Param<C>::type>&>(s);
    if constexpr (Param<C>::nullable) {
      if (slot.indicator == soci::i_null)
        out.reset();
      else
        out = std::move(slot.value);
    } else {
      if (slot.indicator == soci::i_null)
        throw std::logic_error("StatementCache: NULL in column " + std::to_string(index) + ", not read as optional");
      out = std::move(slot.value);
    }
  }

  void bind(Entry&, size_t) {}
  template <class P, class... Rest>
  void bind(Entry& e, size_t i, const P& p, const Rest&... rest) {
    auto& slot = static_cast<TypedSlot<SlotType<P>>&>(*e.slots[i]);
    if constexpr (Param<P>::nullable) {
      slot.indicator = p ? soci::i_ok : soci::i_null;
      if (p) slot.value = stored_value(*p);
    } else {
      slot.indicator = soci::i_ok;
      slot.value = stored_value(p);
    }
    bind(e, i + 1, rest...);
  }

  void reset(Entry& e);
  void drop(const std::string& text) { entries_.erase(text); }
  void forget_idle() {
    for (auto it = entries_.begin(); it != entries_.end();) it = it->second->busy ? std::next(it) : entries_.erase(it);
  }

  bool sqlite_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace koers::store
