// The HTML templates (templates/*.mustache), parsed once at start-up and rendered with
// a JSON view model. Escaping is on: {{x}} is escaped, only {{{content}}} of the layout
// takes trusted HTML.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace koers::web {

class Views {
 public:
  // Loads every *.mustache in dir; throws with the file name if one does not parse.
  explicit Views(const std::string& dir);
  ~Views();
  std::string render(const std::string& name, const nlohmann::json& model) const;

 private:
  struct Compiled;
  std::map<std::string, std::unique_ptr<Compiled>> templates_;
  std::map<std::string, std::string> partials_;
};

}  // namespace koers::web
