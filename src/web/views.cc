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
}  // namespace

Views::Views(const std::string& dir) {
  // Partials ({{> name}}) shared by several pages live in templates/partials/; they are
  // spliced into each template as it compiles, so a request never parses anything.
  std::map<std::string, std::string> partials;
  std::filesystem::path partial_dir = std::filesystem::path(dir) / "partials";
  if (std::filesystem::exists(partial_dir))
    for (const auto& entry : std::filesystem::directory_iterator(partial_dir))
      partials[entry.path().stem().string()] = read_file(entry.path());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    try {
      templates_.emplace(entry.path().stem().string(),
                         std::make_unique<Template>(read_file(entry.path()), partials));
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

}  // namespace koers::web
