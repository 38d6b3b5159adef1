#include "web/views.h"

#include "web/template.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace koers::web {

namespace {
std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every "/static/x" a template names, quoted, becomes the file's versioned URL.
std::string with_versioned_urls(std::string text, const std::map<std::string, std::string>& urls) {
  for (const auto& [plain, versioned] : urls) {
    const std::string from = "\"" + plain + "\"", to = "\"" + versioned + "\"";
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

Views::Views(const std::string& dir, const std::map<std::string, std::string>& static_urls) {
  // Partials ({{> name}}) shared by several pages live in templates/partials/; they are
  // spliced into each template as it compiles, so a request never parses anything.
  std::map<std::string, std::string> partials;
  std::filesystem::path partial_dir = std::filesystem::path(dir) / "partials";
  if (std::filesystem::exists(partial_dir))
    for (const auto& entry : std::filesystem::directory_iterator(partial_dir))
      partials[entry.path().stem().string()] = with_versioned_urls(read_file(entry.path()), static_urls);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    try {
      templates_.emplace(entry.path().stem().string(),
                         std::make_unique<Template>(with_versioned_urls(read_file(entry.path()), static_urls), partials));
    } catch (const std::exception& e) {
      throw std::runtime_error("template " + entry.path().string() + ": " + e.what());
    }
  }
  if (templates_.empty()) throw std::runtime_error("no templates found in " + dir);
}

Views::~Views() = default;

std::string Views::render(const std::string& name, const nlohmann::json& model) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("unknown template " + name);
  return it->second->render(model);
}

std::string Views::render(const std::string& name, const View& model) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("unknown template " + name);
  return it->second->render_view(model);
}

}  // namespace koers::web
