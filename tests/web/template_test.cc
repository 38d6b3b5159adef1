// Template renders what kainjow::mustache rendered (through the JSON → mustache::data copy
// Views made before) for every page template and thousands of generated models and
// templates, so that replacing the engine changed no page. Plus the rules a page relies on.
#include "web/template.h"

#include <gtest/gtest.h>
#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace koers::web {
namespace {

using nlohmann::json;
namespace mustache = kainjow::mustache;

// The conversion Views used before Template (src/web/views.cc at 27ef5c3).
mustache::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : j) list.push_back(to_data(item));
      return list;
    }
    case json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case json::value_t::string:
      if (j.get_ref<const std::string&>().empty()) return mustache::data{mustache::data::type::bool_false};
      return mustache::data{j.get<std::string>()};
    case json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{j.dump()};
  }
}

std::string kainjow_render(const std::string& text, const std::map<std::string, std::string>& partials,
                           const json& model) {
  mustache::mustache tmpl(text);
  EXPECT_TRUE(tmpl.is_valid()) << tmpl.error_message();
  mustache::data data = to_data(model);
  for (const auto& [name, body] : partials) data.set(name, mustache::partial([&body]() { return body; }));
  return tmpl.render(data);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::filesystem::path kTemplates = std::filesystem::path(KOERS_SOURCE_DIR) / "templates";

std::map<std::string, std::string> page_partials() {
  std::map<std::string, std::string> partials;
  for (const auto& e : std::filesystem::directory_iterator(kTemplates / "partials"))
    partials[e.path().stem().string()] = read(e.path());
  return partials;
}

// A model with a random value for every name a template uses, nested so that sections over
// lists and objects find the names again inside.
class ModelMaker {
 public:
  ModelMaker(std::vector<std::string> names, unsigned seed) : names_(std::move(names)), rng_(seed) {}

  json object(int depth) {
    json o = json::object();
    for (const auto& name : names_) {
      if (pick(4) == 0) continue;  // sometimes missing
      set_path(o, name, value(depth));
    }
    return o;
  }

 private:
  static void set_path(json& o, const std::string& name, json v) {
    json* at = &o;
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      std::string key = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (dot == std::string::npos) {
        (*at)[key] = std::move(v);
        return;
      }
      if (!(*at)[key].is_object()) (*at)[key] = json::object();
      at = &(*at)[key];
      start = dot + 1;
    }
  }

  json value(int depth) {
    switch (pick(depth < 2 ? 11 : 8)) {
      case 0: return "";
      case 1: return "Zoë <b>\"O'Brien\"</b> & co";
      case 2: return true;
      case 3: return false;
      case 4: return nullptr;
      case 5: return static_cast<int>(pick(30));
      case 6: return 2.5;
      case 7: return json::array();
      case 8: return object(depth + 1);
      case 9: {
        json list = json::array();
        for (unsigned k = 0, n = pick(2) + 1; k < n; ++k) list.push_back(object(depth + 1));
        return list;
      }
      default: return json::array({"a<", "b", ""});
    }
  }

  unsigned pick(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng_); }

  std::vector<std::string> names_;
  std::mt19937 rng_;
};

std::vector<std::string> tag_names(const std::string& text) {
  std::set<std::string> names;
  std::regex tag(R"(\{\{\{?\s*[#^/&]?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return {names.begin(), names.end()};
}

TEST(Template, RendersEveryPageAsKainjowDidForRandomModels) {
  auto partials = page_partials();
  int pages = 0;
  for (const auto& e : std::filesystem::directory_iterator(kTemplates)) {
    if (e.path().extension() != ".mustache") continue;
    std::string text = read(e.path());
    // The names of the page and of the partials it splices in (not every partial's: the
    // model would grow with every page added, and kainjow with it).
    std::string all = text;
    std::set<std::string> used;
    std::regex include(R"(\{\{>\s*([A-Za-z0-9_]+)\s*\}\})");
    for (size_t scanned = 0; scanned < all.size();) {
      std::string rest = all.substr(scanned);
      scanned = all.size();
      for (auto it = std::sregex_iterator(rest.begin(), rest.end(), include); it != std::sregex_iterator(); ++it)
        if (auto p = partials.find((*it)[1]); p != partials.end() && used.insert(p->first).second) all += p->second;
    }
    Template compiled(text, partials);
    ModelMaker maker(tag_names(all), 1234u + static_cast<unsigned>(pages));
    for (int round = 0; round < 15; ++round) {
      json model = maker.object(0);
      const std::string expected = kainjow_render(text, partials, model);
      ASSERT_EQ(compiled.render(model), expected) << e.path().filename() << " with " << model.dump();
      // A page built as a View renders as its json does.
      ASSERT_EQ(compiled.render_view(View::from_json(model)), expected)
          << e.path().filename() << " with " << model.dump();
    }
    ++pages;
  }
  EXPECT_GT(pages, 20);
}

// Random templates from the tags the pages use, with blank and standalone lines.
TEST(Template, RendersGeneratedTemplatesAsKainjowDid) {
  std::mt19937 rng(42);
  auto pick = [&](unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); };
  const std::vector<std::string> names = {"a", "b", "c", "a.b", "c.a", "."};
  std::function<std::string(int)> gen = [&](int depth) {
    std::string out;
    for (unsigned k = 0, n = pick(6) + 1; k < n; ++k) {
      switch (pick(depth < 3 ? 9 : 5)) {
        case 0: out += "text"; break;
        case 1: out += "\n"; break;
        case 2: out += "  "; break;
        case 3: out += "{{" + names[pick(6)] + "}}"; break;
        case 4: out += "{{{" + names[pick(5)] + "}}}"; break;
        case 5: out += "{{! note }}"; break;
        case 6:
        case 7:
        case 8: {
          std::string name = names[pick(5)];
          std::string sigil = pick(2) ? "#" : "^";
          std::string open = pick(2) ? "\n  {{" + sigil + name + "}}\n" : "{{" + sigil + name + "}}";
          std::string close = pick(2) ? "\n{{/" + name + "}}\n" : "{{/" + name + "}}";
          out += open + gen(depth + 1) + close;
          break;
        }
      }
    }
    return out;
  };
  ModelMaker maker({"a", "b", "c", "a.b", "c.a"}, 7);
  for (int round = 0; round < 3000; ++round) {
    std::string text = gen(0);
    json model = maker.object(0);
    const std::string expected = kainjow_render(text, {}, model);
    Template compiled(text, {});
    ASSERT_EQ(compiled.render(model), expected) << text << "\n" << model.dump();
    ASSERT_EQ(compiled.render_view(View::from_json(model)), expected) << text << "\n" << model.dump();
  }
}

TEST(Template, EscapesVariablesAndNotTripleMustaches) {
  Template t("{{x}}|{{{x}}}|{{& x}}", {});
  EXPECT_EQ(t.render({{"x", "<a href='x'>&\"</a>"}}),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;|<a href='x'>&\"</a>|<a href='x'>&\"</a>");
}

TEST(Template, EmptyTextNullAndEmptyListAreFalsey) {
  Template t("{{#x}}yes{{/x}}{{^x}}no{{/x}}", {});
  EXPECT_EQ(t.render({{"x", ""}}), "no");
  EXPECT_EQ(t.render({{"x", nullptr}}), "no");
  EXPECT_EQ(t.render({{"x", json::array()}}), "no");
  EXPECT_EQ(t.render(json::object()), "no");
  EXPECT_EQ(t.render({{"x", 0}}), "yes");
  EXPECT_EQ(t.render({{"x", "t"}}), "yes");
}

TEST(Template, PartialsAreSplicedInAndUnknownOnesRefused) {
  Template t("<ul>{{#items}}{{> item}}{{/items}}</ul>", {{"item", "<li>{{name}}</li>"}});
  EXPECT_EQ(t.render({{"items", {{{"name", "a"}}, {{"name", "b"}}}}}), "<ul><li>a</li><li>b</li></ul>");
  EXPECT_THROW(Template("{{> missing}}", {}), std::runtime_error);
  EXPECT_THROW(Template("{{> self}}", {{"self", "x{{> self}}"}}), std::runtime_error);
  EXPECT_THROW(Template("{{#a}}", {}), std::runtime_error);
  EXPECT_THROW(Template("{{#a}}{{/b}}", {}), std::runtime_error);
  EXPECT_THROW(Template("{{a", {}), std::runtime_error);
}

TEST(Template, ManyThreadsRenderOneTemplateAtOnce) {
  Template t("{{#rows}}<td>{{n}}</td>{{/rows}}", {});
  json model;
  for (int i = 0; i < 200; ++i) model["rows"].push_back({{"n", i}});
  std::string expected = t.render(model);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (t.render(model) != expected) ++wrong;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace koers::web
