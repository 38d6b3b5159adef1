#include "io/json_fields.h"

#include <fmt/format.h>

namespace koers::io {

using nlohmann::json;

std::string text_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return "";
  if (!j[field].is_string()) throw JsonFieldError(fmt::format("{}.{}: verwacht tekst", where, field));
  return j[field].get<std::string>();
}

const json& array_field(const json& j, const char* field, const std::string& where) {
  static const json empty = json::array();
  if (!j.contains(field) || j[field].is_null()) return empty;
  if (!j[field].is_array()) throw JsonFieldError(fmt::format("{}.{}: verwacht een lijst", where, field));
  return j[field];
}

bool flag_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return false;
  if (!j[field].is_boolean()) throw JsonFieldError(fmt::format("{}.{}: verwacht true of false", where, field));
  return j[field].get<bool>();
}

long long integer_field(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return 0;
  if (!j[field].is_number_integer()) throw JsonFieldError(fmt::format("{}.{}: verwacht een geheel getal", where, field));
  return j[field].get<long long>();
}

}  // namespace koers::io
