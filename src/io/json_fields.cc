#include "io/json_fields.h"

#include <fmt/format.h>

namespace koers::io {

using nlohmann::json;

namespace {
// "subjects[1].approach", or just "key" at the top of a body.
std::string named(const std::string& where, const char* field) {
  return where.empty() ? std::string(field) : where + "." + field;
}
}  // namespace

std::string text_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return "";
  if (!j[field].is_string()) throw JsonFieldError(named(where, field) + ": verwacht tekst");
  return j[field].get<std::string>();
}

const json& array_field(const json& j, const char* field, const std::string& where) {
  static const json empty = json::array();
  if (!j.contains(field) || j[field].is_null()) return empty;
  if (!j[field].is_array()) throw JsonFieldError(named(where, field) + ": verwacht een lijst");
  return j[field];
}

std::vector<std::string> text_list_field(const json& j, const char* field, const std::string& where) {
  std::vector<std::string> out;
  const json& list = array_field(j, field, where);
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) throw JsonFieldError(fmt::format("{}[{}]: verwacht tekst", named(where, field), i));
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

bool flag_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return false;
  if (!j[field].is_boolean()) throw JsonFieldError(named(where, field) + ": verwacht true of false");
  return j[field].get<bool>();
}

long long integer_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return 0;
  if (!j[field].is_number_integer()) throw JsonFieldError(named(where, field) + ": verwacht een geheel getal");
  return j[field].get<long long>();
}

}  // namespace koers::io
