#include "web/views.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <mutex>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace koers::web {

namespace mustache = kainjow::mustache;

struct Views::Compiled {
  explicit Compiled(const std::string& text) : tmpl(text) {}
  mustache::mustache tmpl;
  std::mutex mutex;  // kainjow's render() is not const: one render at a time per template
};

namespace {
mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : j) list.push_back(to_data(item));
      return list;
    }
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::string:
      // An empty text is falsey, as in JavaScript's mustache: {{#error}} shows no empty alert,
      // {{^notes}}—{{/notes}} stands in for an empty text. As a variable it renders as nothing.
      if (j.get_ref<const std::string&>().empty()) return mustache::data{mustache::data::type::bool_false};
      return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{j.dump()};
  }
}
}  // namespace

Views::Views(const std::string& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto compiled = std::make_unique<Compiled>(text.str());
    if (!compiled->tmpl.is_valid())
      throw std::runtime_error("template " + entry.path().string() + ": " +
                               compiled->tmpl.error_message());
    templates_[entry.path().stem().string()] = std::move(compiled);
  }
  if (templates_.empty()) throw std::runtime_error("no templates found in " + dir);
  // Partials ({{> name}}) shared by several pages live in templates/partials/.
  std::filesystem::path partials = std::filesystem::path(dir) / "partials";
  if (std::filesystem::exists(partials))
    for (const auto& entry : std::filesystem::directory_iterator(partials)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      partials_[entry.path().stem().string()] = text.str();
    }
}

Views::~Views() = default;

std::string Views::render(const std::string& name, const nlohmann::json& model) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("unknown template " + name);
  mustache::data data = to_data(model);
  for (const auto& [partial_name, text] : partials_)
    data.set(partial_name, mustache::partial([&text]() { return text; }));
  std::lock_guard<std::mutex> lock(it->second->mutex);
  return it->second->tmpl.render(data);
}

}  // namespace koers::web
