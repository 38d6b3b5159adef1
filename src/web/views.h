// The HTML templates (templates/*.mustache), compiled once at start-up (partials spliced in)
// and rendered straight from a JSON view model, by any number of threads at once (Template).
// Escaping is on: {{x}} is escaped, only {{{content}}} of the layout takes trusted HTML.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "web/view.h"

namespace koers::web {

class Template;

class Views {
 public:
  // Loads every *.mustache in dir; throws with the file name if one does not parse.
  // `static_urls` ("/static/koers.css" → its versioned URL) are written into the templates.
  explicit Views(const std::string& dir, const std::map<std::string, std::string>& static_urls = {});
  ~Views();
  std::string render(const std::string& name, const nlohmann::json& model) const;
  std::string render(const std::string& name, const View& model) const;

 private:
  std::map<std::string, std::unique_ptr<Template>> templates_;
};

}  // namespace koers::web
