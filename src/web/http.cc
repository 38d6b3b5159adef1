#include "web/http.h"

#include <stdexcept>

namespace koers::web {

namespace {
std::string lookup(const std::map<std::string, std::string>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? std::string() : it->second;
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}
}  // namespace

std::string Request::header(const std::string& n) const { return lookup(headers, n); }
std::string Request::cookie(const std::string& n) const { return lookup(cookies, n); }
std::string Request::field(const std::string& n) const { return lookup(form, n); }

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::json(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body;
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.header("Location", location);
  return r;
}

Response& Response::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::map<std::string, std::string> parse_urlencoded(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t amp = text.find('&', start);
    std::string pair = text.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = decode(pair.substr(0, eq));
      std::string value = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
      out.emplace(std::move(key), std::move(value));
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

std::map<std::string, std::string> parse_cookies(const std::string& header) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < header.size()) {
    size_t semi = header.find(';', start);
    std::string part = header.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
    size_t eq = part.find('=');
    if (eq != std::string::npos) out.emplace(trim(part.substr(0, eq)), trim(part.substr(eq + 1)));
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  return out;
}

std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string checked_public_url(const std::string& url) {
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  const size_t scheme = u.find("://");
  const std::string name = scheme == std::string::npos ? "" : u.substr(0, scheme);
  if (name != "http" && name != "https")
    throw std::invalid_argument("--public-url: begin met https:// (of http://), bijvoorbeeld https://koers.school.nl");
  if (public_host(u).empty()) throw std::invalid_argument("--public-url: er ontbreekt een hostnaam");
  if (u.find_first_of(" ?#\"<>", scheme + 3) != std::string::npos)
    throw std::invalid_argument("--public-url: alleen het adres, zonder spaties, ? of #");
  return u;
}

std::string public_host(const std::string& public_url) {
  const size_t scheme = public_url.find("://");
  if (scheme == std::string::npos) return "";
  std::string host = public_url.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);  // [::1]:8080
  return host.substr(0, host.find(':'));
}

}  // namespace koers::web
