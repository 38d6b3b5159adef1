// A page's view model: what a template renders, built straight from the domain's values for
// the pages that show the most (the groepsoverzicht). An object keeps its fields in one
// vector, in the order they were set, so building it costs one allocation where
// nlohmann::json's std::map costs one per key: building the overview's json model was a
// quarter of the page's time (profile, issue 13).
//
// Contract: a View is null, a boolean, an integer, a real, a text, a list or an object, and
// renders exactly as the nlohmann::json of the same value (tests/web/view_test.cc renders
// every page from both); to_json() gives that json, for an API that answers the same shape.
// Field names are string literals or otherwise outlive the View (from_json keeps its own).
// Setting a field that exists replaces its value.
#pragma once

#include <cstdint>
#include <forward_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace koers::web {

class View {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kInteger, kReal, kText, kList, kObject };

  View() = default;
  View(std::nullptr_t) {}
  View(bool b) : kind_(Kind::kBool), integer_(b) {}
  View(int i) : kind_(Kind::kInteger), integer_(i) {}
  View(long i) : kind_(Kind::kInteger), integer_(i) {}
  View(long long i) : kind_(Kind::kInteger), integer_(i) {}
  View(unsigned long i) : kind_(Kind::kInteger), integer_(static_cast<long long>(i)) {}
  View(double d) : kind_(Kind::kReal), real_(d) {}
  View(std::string s) : kind_(Kind::kText), text_(std::move(s)) {}
  View(std::string_view s) : kind_(Kind::kText), text_(s) {}
  View(const char* s) : kind_(Kind::kText), text_(s) {}

  static View list(size_t reserve = 0);
  static View object(size_t reserve = 0);
  static View from_json(const nlohmann::json& j);

  View(View&&) noexcept = default;
  View& operator=(View&&) noexcept = default;
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  // An object's field (made null when new; turns a null View into an object).
  View& operator[](std::string_view key);
  // Appends to a list (turns a null View into a list).
  void push_back(View item);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_text() const { return kind_ == Kind::kText; }
  bool is_number() const { return kind_ == Kind::kInteger || kind_ == Kind::kReal; }
  bool boolean() const { return kind_ == Kind::kBool && integer_ != 0; }
  const std::string& text() const { return text_; }
  const std::vector<View>& items() const { return items_; }
  size_t size() const;
  // The field, or nullptr (also when this is not an object).
  const View* find(std::string_view key) const;
  // A number as nlohmann::json::dump() writes it.
  void append_number(std::string& out) const;

  nlohmann::json to_json() const;

 private:
  struct Field;
  // 104 bytes: a page's model is thousands of Views, each moved a few times as it is built.
  Kind kind_ = Kind::kNull;
  union {
    long long integer_ = 0;  // kBool, kInteger
    double real_;            // kReal
  };
  std::string text_;
  std::vector<View> items_;
  std::vector<Field> fields_;
  // from_json only (a null pointer costs nothing to destroy); a node's address never changes.
  std::unique_ptr<std::forward_list<std::string>> owned_keys_;
};

struct View::Field {
  std::string_view key;
  View value;
};

}  // namespace koers::web
