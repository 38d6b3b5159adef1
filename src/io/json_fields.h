// Reading the fields of a JSON document the API receives, naming the field that is wrong
// ("subjects[1].subgroups[0].approach: verwacht tekst"). A missing or null field is empty.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace koers::io {

struct JsonFieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string text_field(const nlohmann::json& j, const char* field, const std::string& where);
const nlohmann::json& array_field(const nlohmann::json& j, const char* field, const std::string& where);
bool flag_field(const nlohmann::json& j, const char* field, const std::string& where);
// A list of texts ("questions": ["…", "…"]); a missing or null field is an empty list.
std::vector<std::string> text_list_field(const nlohmann::json& j, const char* field, const std::string& where);
long long integer_field(const nlohmann::json& j, const char* field, const std::string& where);

}  // namespace koers::io
