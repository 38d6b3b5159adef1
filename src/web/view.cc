#include "web/view.h"

#include <fmt/format.h>

namespace koers::web {

View View::list(size_t reserve) {
  View v;
  v.kind_ = Kind::kList;
  v.items_.reserve(reserve);
  return v;
}

View View::object(size_t reserve) {
  View v;
  v.kind_ = Kind::kObject;
  v.fields_.reserve(reserve);
  return v;
}

namespace {
// Length and first letter before the bytes: most fields a lookup passes differ in those, so
// most pass without a call to memcmp (the overview: 0.7 % fewer instructions, callgrind).
inline bool same_key(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a.compare(b) == 0));
}
}  // namespace

View& View::operator[](std::string_view key) {
  if (kind_ == Kind::kNull) kind_ = Kind::kObject;
  if (kind_ != Kind::kObject) throw std::logic_error("View: a field of what is not an object");
  for (Field& f : fields_)
    if (same_key(f.key, key)) return f.value;
  fields_.push_back(Field{key, View()});
  return fields_.back().value;
}

void View::push_back(View item) {
  if (kind_ == Kind::kNull) kind_ = Kind::kList;
  if (kind_ != Kind::kList) throw std::logic_error("View: an item of what is not a list");
  items_.push_back(std::move(item));
}

size_t View::size() const { return kind_ == Kind::kObject ? fields_.size() : items_.size(); }

const View* View::find(std::string_view key) const {
  if (kind_ != Kind::kObject) return nullptr;
  for (const Field& f : fields_)
    if (same_key(f.key, key)) return &f.value;
  return nullptr;
}

void View::append_number(std::string& out) const {
  if (kind_ == Kind::kInteger) {
    fmt::format_int text(integer_);
    out.append(text.data(), text.size());
  } else if (kind_ == Kind::kReal) {
    out += nlohmann::json(real_).dump();  // nlohmann's shortest form ("2.5", "12.0")
  }
}

View View::from_json(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return View();
    case nlohmann::json::value_t::boolean:
      return View(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return View(j.get<long long>());
    case nlohmann::json::value_t::number_float:
      return View(j.get<double>());
    case nlohmann::json::value_t::string:
      return View(j.get<std::string>());
    case nlohmann::json::value_t::binary:
      return View();
    case nlohmann::json::value_t::array: {
      View v = list(j.size());
      for (const auto& item : j) v.push_back(from_json(item));
      return v;
    }
    case nlohmann::json::value_t::object: {
      View v = object(j.size());
      for (const auto& [key, value] : j.items()) {
        if (!v.owned_keys_) v.owned_keys_ = std::make_unique<std::forward_list<std::string>>();
        v.owned_keys_->push_front(key);
        v.fields_.push_back(Field{v.owned_keys_->front(), from_json(value)});
      }
      return v;
    }
  }
  return View();
}

nlohmann::json View::to_json() const {
  switch (kind_) {
    case Kind::kNull:
      return nullptr;
    case Kind::kBool:
      return integer_ != 0;
    case Kind::kInteger:
      return integer_;
    case Kind::kReal:
      return real_;
    case Kind::kText:
      return text_;
    case Kind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const View& item : items_) out.push_back(item.to_json());
      return out;
    }
    case Kind::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (const Field& f : fields_) out[std::string(f.key)] = f.value.to_json();
      return out;
    }
  }
  return nullptr;
}

}  // namespace koers::web
