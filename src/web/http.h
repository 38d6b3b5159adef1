// Koers' own view of an HTTP exchange, so handlers never see RESTinio's headers.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace koers::web {

struct UploadedFile {
  std::string filename;
  std::string content;
};

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower case
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> form;  // urlencoded or multipart fields
  std::map<std::string, UploadedFile> files;
  std::string body;
  // The body's size as received; over AppOptions::max_upload_bytes the server leaves body,
  // form and files empty and App answers 413.
  size_t body_size = 0;
  std::string remote_ip;

  std::string header(const std::string& lower_name) const;
  std::string cookie(const std::string& name) const;
  std::string field(const std::string& name) const;  // form field, "" when absent
  bool is_api() const { return path.rfind("/api/", 0) == 0; }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response html(std::string body, int status = 200);
  static Response json(const std::string& body, int status = 200);
  static Response redirect(const std::string& location);  // 303 See Other
  Response& header(std::string name, std::string value);
};

// application/x-www-form-urlencoded ("a=1&b=x+y%21"), also used for query strings.
std::map<std::string, std::string> parse_urlencoded(const std::string& text);
std::map<std::string, std::string> parse_cookies(const std::string& header);
std::string url_encode(const std::string& text);

// Koers' public address as given to `koers serve --public-url`: "https://koers.school.nl/"
// becomes "https://koers.school.nl"; anything but an http(s) URL with a host is refused with
// the reason (std::invalid_argument). public_host() gives its host name ("koers.school.nl"),
// empty for an empty address.
std::string checked_public_url(const std::string& url);
std::string public_host(const std::string& public_url);

}  // namespace koers::web
