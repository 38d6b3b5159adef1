#include "web/template.h"

#include <fmt/core.h>

#include <stdexcept>

namespace koers::web {

namespace {

using json = nlohmann::json;
using Node = Template::Node;

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_path(const std::string& name) {
  if (name == ".") return {"."};
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

class Compiler {
 public:
  explicit Compiler(const std::map<std::string, std::string>& partials) : partials_(partials) {}

  std::vector<Node> compile(const std::string& text, int depth) {
    if (depth > 16) throw std::runtime_error("partials nest deeper than 16 levels (a partial includes itself?)");
    std::vector<Node> root;
    std::vector<std::vector<Node>*> open{&root};
    std::vector<std::string> open_names;
    std::string pending;
    auto flush_text = [&] {
      if (pending.empty()) return;
      Node n;
      n.text = std::move(pending);
      open.back()->push_back(std::move(n));
      pending.clear();
    };
    size_t i = 0;
    const size_t size = text.size();
    while (i < size) {
      if (text.compare(i, 2, "{{") != 0) {
        char c = text[i];
        if (c == '\n' || c == '\r') {
          flush_text();
          Node n;
          n.kind = Node::Kind::kNewline;
          size_t len = (c == '\r' && i + 1 < size && text[i + 1] == '\n') ? 2 : 1;
          n.text = text.substr(i, len);
          open.back()->push_back(std::move(n));
          i += len;
        } else {
          pending.push_back(c);
          ++i;
        }
        continue;
      }
      flush_text();
      size_t start = i;
      bool triple = i + 2 < size && text[i + 2] == '{';
      size_t contents = i + (triple ? 3 : 2);
      size_t end = text.find(triple ? "}}}" : "}}", contents);
      if (end == std::string::npos) throw std::runtime_error(fmt::format("unclosed tag at {}", start));
      std::string tag = trim(text.substr(contents, end - contents));
      i = end + (triple ? 3 : 2);
      if (triple) {
        push_tag(open, Node::Kind::kRaw, tag);
        continue;
      }
      if (tag.empty()) {
        push_tag(open, Node::Kind::kVariable, tag);
        continue;
      }
      char sigil = tag[0];
      std::string name = trim(tag.substr(1));
      switch (sigil) {
        case '!':
          break;
        case '=':
          throw std::runtime_error(fmt::format("set-delimiter tags are not supported (at {})", start));
        case '&':
          push_tag(open, Node::Kind::kRaw, name);
          break;
        case '#':
        case '^': {
          Node n;
          n.kind = sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
          n.path = split_path(name);
          open.back()->push_back(std::move(n));
          open.push_back(&open.back()->back().children);
          open_names.push_back(name);
          break;
        }
        case '/':
          if (open_names.empty())
            throw std::runtime_error(fmt::format("unopened section \"{}\" at {}", name, start));
          if (open_names.back() != name)
            throw std::runtime_error(fmt::format("unclosed section \"{}\" (closed by \"{}\" at {})",
                                                 open_names.back(), name, start));
          open.pop_back();
          open_names.pop_back();
          break;
        case '>': {
          auto it = partials_.find(name);
          if (it == partials_.end()) throw std::runtime_error(fmt::format("unknown partial \"{}\" at {}", name, start));
          auto cached = compiled_.find(name);
          if (cached == compiled_.end()) cached = compiled_.emplace(name, compile(it->second, depth + 1)).first;
          for (const auto& node : cached->second) open.back()->push_back(node);
          break;
        }
        default:
          push_tag(open, Node::Kind::kVariable, tag);
      }
    }
    flush_text();
    if (!open_names.empty()) throw std::runtime_error(fmt::format("unclosed section \"{}\"", open_names.back()));
    return root;
  }

 private:
  static void push_tag(std::vector<std::vector<Node>*>& open, Node::Kind kind, const std::string& name) {
    Node n;
    n.kind = kind;
    n.path = split_path(name);
    open.back()->push_back(std::move(n));
  }

  const std::map<std::string, std::string>& partials_;
  std::map<std::string, std::vector<Node>> compiled_;
};

bool falsey(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return true;
    case json::value_t::boolean: return !j.get<bool>();
    case json::value_t::string: return j.get_ref<const std::string&>().empty();
    case json::value_t::array: return j.empty();
    default: return false;
  }
}

bool falsey(const View& v) {
  switch (v.kind()) {
    case View::Kind::kNull:
      return true;
    case View::Kind::kBool:
      return !v.boolean();
    case View::Kind::kText:
      return v.text().empty();
    case View::Kind::kList:
      return v.items().empty();
    default:
      return false;
  }
}

// What the renderer needs of a model value, for nlohmann::json and for View alike.
const json* field(const json& v, const std::string& key) {
  if (!v.is_object()) return nullptr;
  auto found = v.find(key);
  return found == v.end() ? nullptr : &*found;
}
const View* field(const View& v, const std::string& key) { return v.find(key); }
bool is_list(const json& v) { return v.is_array(); }
bool is_list(const View& v) { return v.is_list(); }
const json& items(const json& v) { return v; }
const std::vector<View>& items(const View& v) { return v.items(); }

void escape_into(const std::string& s, std::string& out) {
  size_t run = 0;
  const char* data = s.data();
  for (size_t k = 0; k < s.size(); ++k) {
    const char* entity = nullptr;
    switch (data[k]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      default: continue;
    }
    out.append(data + run, k - run);
    out.append(entity);
    run = k + 1;
  }
  out.append(data + run, s.size() - run);
}

// Renders nodes into `out`. The current line starts at line_start; a line that held a
// section tag and is only blanks and tabs is taken out again at its end (as kainjow does).
template <class Model>
class Renderer {
 public:
  explicit Renderer(std::string& out) : out_(out), line_start_(out.size()) {}

  void render(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::kText:
          out_.append(n.text);
          break;
        case Node::Kind::kNewline:
          end_line(&n.text);
          break;
        case Node::Kind::kVariable:
        case Node::Kind::kRaw: {
          const Model* v = lookup(n.path);
          if (v) write(*v, n.kind == Node::Kind::kVariable);
          break;
        }
        case Node::Kind::kSection: {
          const Model* v = lookup(n.path);
          if (!v || falsey(*v)) break;
          if (is_list(*v)) {
            for (const Model& item : items(*v)) {
              had_section_ = true;
              stack_.push_back(&item);
              render(n.children);
              stack_.pop_back();
              had_section_ = true;
            }
          } else {
            had_section_ = true;
            stack_.push_back(v);
            render(n.children);
            stack_.pop_back();
            had_section_ = true;
          }
          break;
        }
        case Node::Kind::kInverted: {
          const Model* v = lookup(n.path);
          if (v && !falsey(*v)) break;
          had_section_ = true;
          if (v) stack_.push_back(v);
          render(n.children);
          if (v) stack_.pop_back();
          had_section_ = true;
          break;
        }
      }
    }
  }

  void finish() { end_line(nullptr); }

  void push(const Model* j) { stack_.push_back(j); }

 private:
  void write(const json& v, bool escape) {
    if (v.is_string()) {
      if (escape)
        escape_into(v.get_ref<const std::string&>(), out_);
      else
        out_.append(v.get_ref<const std::string&>());
    } else if (v.is_number()) {
      out_.append(v.dump());
    }
  }
  void write(const View& v, bool escape) {
    if (v.is_text()) {
      if (escape)
        escape_into(v.text(), out_);
      else
        out_.append(v.text());
    } else if (v.is_number()) {
      v.append_number(out_);
    }
  }

  void end_line(const std::string* newline) {
    if (had_section_) {
      bool blank = true;
      for (size_t k = line_start_; k < out_.size(); ++k)
        if (out_[k] != ' ' && out_[k] != '\t') {
          blank = false;
          break;
        }
      if (blank) {
        out_.resize(line_start_);
        had_section_ = false;
        return;
      }
    }
    if (newline) out_.append(*newline);
    line_start_ = out_.size();
    had_section_ = false;
  }

  const Model* lookup(const std::vector<std::string>& path) const {
    if (path.size() == 1 && path[0] == ".") return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const Model* v = *it;
      for (const auto& key : path) {
        v = field(*v, key);
        if (!v) break;
      }
      if (v) return v;
    }
    return nullptr;
  }

  std::string& out_;
  size_t line_start_;
  bool had_section_ = false;
  std::vector<const Model*> stack_;
};

}  // namespace

Template::Template(const std::string& text, const std::map<std::string, std::string>& partials) {
  Compiler compiler(partials);
  nodes_ = compiler.compile(text, 0);
}

void Template::reserve(std::string& out) const {
  out.reserve(out.size() + size_hint_.load(std::memory_order_relaxed) + 1024);
}

void Template::remember(size_t written) const { size_hint_.store(written, std::memory_order_relaxed); }

void Template::render_view_to(const View& model, std::string& out) const {
  const size_t start = out.size();
  reserve(out);
  Renderer<View> r(out);
  r.push(&model);
  r.render(nodes_);
  r.finish();
  remember(out.size() - start);
}

std::string Template::render_view(const View& model) const {
  std::string out;
  render_view_to(model, out);
  return out;
}

void Template::render_to(const nlohmann::json& model, std::string& out) const {
  const size_t start = out.size();
  reserve(out);
  Renderer<json> r(out);
  r.push(&model);
  r.render(nodes_);
  r.finish();
  remember(out.size() - start);
}

std::string Template::render(const nlohmann::json& model) const {
  std::string out;
  render_to(model, out);
  return out;
}

}  // namespace koers::web
