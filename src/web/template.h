// A mustache template compiled once and rendered straight from a JSON view model: no second
// copy of the model, no parsing during a request, and const, so any number of threads render
// the same template at once. Partials ({{> name}}) are spliced in when the template compiles.
//
// It renders what kainjow::mustache renders for the same text and the model Views used to
// convert for it (tests/web/template_test.cc compares the two): {{x}} is HTML-escaped,
// {{{x}}} and {{& x}} are not; false, null, "" and [] are falsey; numbers print as JSON; a
// line that held a section tag and renders as whitespace only is left out.
#pragma once

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "web/view.h"

namespace koers::web {

class Template {
 public:
  // Compiles `text`; partials are looked up by name in `partials` (their source text).
  // Throws std::runtime_error naming the problem (unclosed section, unknown partial, …).
  Template(const std::string& text, const std::map<std::string, std::string>& partials);
  Template() = default;

  std::string render(const nlohmann::json& model) const;
  void render_to(const nlohmann::json& model, std::string& out) const;
  // The same from a View (view.h): renders what the json of the same value renders.
  std::string render_view(const View& model) const;
  void render_view_to(const View& model, std::string& out) const;

  struct Node {
    enum class Kind { kText, kNewline, kVariable, kRaw, kSection, kInverted };
    Kind kind = Kind::kText;
    std::string text;                // kText, kNewline
    std::vector<std::string> path;   // the tag's name split at dots; {"."} for {{.}}
    std::vector<Node> children;      // sections
  };

 private:
  // What the last render of this template wrote: the next one reserves that much at once,
  // instead of growing a page of 150 KB by doubling (each step a copy of all written so far).
  void reserve(std::string& out) const;
  void remember(size_t written) const;
  mutable std::atomic<size_t> size_hint_{0};
  std::vector<Node> nodes_;
};

}  // namespace koers::web
