#include "web/request_input.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/field_limits.h"
#include "web/app.h"

namespace koers::web {

namespace limits = domain::limits;
using nlohmann::json;

namespace {

std::string media_type(const Request& req) {
  std::string type = req.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

[[noreturn]] void refuse_length(const std::string& field, const std::string& why) {
  throw HttpError{422, fmt::format("Veld '{}': de tekst {} tekens. Er is niets opgeslagen.", field, why)};
}

// Reads a JSON body without building it: checks that it parses, how deep it nests and how
// long each string is, and keeps the path to the value at hand for the refusal.
class JsonChecker : public nlohmann::json_sax<json> {
 public:
  std::string error;  // empty: the body passed
  int status = 400;   // 422 when a text is too long

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool string(string_t& s) override {
    if (auto why = limits::too_long(s, limits::kFreeText)) {
      error = fmt::format("Veld '{}': de tekst {} tekens. Er is niets opgeslagen.", path(), *why);
      status = 422;
      return false;
    }
    return value();
  }
  bool key(string_t& k) override {
    if (auto why = limits::too_long(k, limits::kShortValue)) {
      error = fmt::format("Een veldnaam in de JSON {} tekens.", *why);
      return false;
    }
    frames_.back().key = k;
    return true;
  }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // nlohmann's words after its "[json.exception.parse_error.101] parse error at …: " prefix.
    // The text it last read is left out: it may be the whole body.
    std::string what = ex.what();
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    if (auto read = what.find("; last read: "); read != std::string::npos) {
      const auto next = what.find("; ", read + 2);
      what.erase(read, next == std::string::npos ? std::string::npos : next - read);
    }
    error = fmt::format("De JSON is niet te lezen (bij teken {}): {}", position, what);
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;
    std::string key;
  };
  bool open(bool array) {
    if (frames_.size() >= limits::kJsonDepth) {
      error = fmt::format("De JSON is dieper genest dan {} niveaus.", limits::kJsonDepth);
      return false;
    }
    frames_.push_back({array, 0, {}});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value();
  }
  // A value ended: the next one in an array has the next index.
  bool value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    return true;
  }
  // "subjects[1].goals[0].text": where the value at hand is.
  std::string path() const {
    std::string out;
    for (const Frame& f : frames_) {
      if (f.array) out += fmt::format("[{}]", f.index);
      else out += (out.empty() ? "" : ".") + limits::quoted(f.key);
    }
    return out.empty() ? "(de hele body)" : out;
  }
  std::vector<Frame> frames_;
};

}  // namespace

void check_request_input(const Request& req) {
  for (const auto& [name, value] : req.query)
    if (auto why = limits::too_long(value, limits::kFreeText)) refuse_length(limits::quoted(name), *why);
  if (req.method == "GET" || req.method == "HEAD") return;
  const std::string type = media_type(req);
  const bool form = type == "application/x-www-form-urlencoded" || type == "multipart/form-data";
  if (!req.is_api() && !req.body.empty() && !form)
    throw HttpError{415, fmt::format("Dit adres neemt een formulier aan, geen {}.",
                                     type.empty() ? "body zonder soort (Content-Type)" : limits::quoted(type))};
  for (const auto& [name, value] : req.form)
    if (auto why = limits::too_long(value, limits::kFreeText)) refuse_length(limits::quoted(name), *why);
  if (type == "application/json") {
    if (req.body.empty()) return;  // the route says what it misses
    JsonChecker checker;
    if (!json::sax_parse(req.body, &checker) || !checker.error.empty())
      throw HttpError{checker.status, checker.error.empty() ? "De JSON is niet te lezen." : checker.error};
  }
}

json json_object_body(const Request& req) {
  json in = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object()) throw HttpError{400, "Verwacht een JSON-object."};
  return in;
}

Response problems_response(const std::string& error, const std::vector<std::string>& problems, int status) {
  return Response::json(json{{"error", error}, {"problems", problems}}.dump(), status);
}

}  // namespace koers::web
