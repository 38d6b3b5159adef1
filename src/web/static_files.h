// The files under static/, read once at start-up with their brotli and gzip forms made then.
// Each has a versioned name with its content's hash (/static/koers.3f9a0c1d2e.css), served
// with a year's cache lifetime, and its plain name (/static/koers.css), revalidated by ETag.
// Templates name the plain file; Views writes the versioned name in at start-up.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "web/compression.h"
#include "web/http.h"

namespace koers::web {

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& dir);

  // The response for a GET of `path` ("/static/…"), or nullopt when there is no such file.
  std::optional<Response> serve(const std::string& path, Encoding accepted, const std::string& if_none_match) const;
  // "/static/koers.css" → "/static/koers.<hash>.css", for every file.
  const std::map<std::string, std::string>& versioned_urls() const { return versioned_; }

 private:
  struct File {
    std::string content_type, etag, plain, gzip, brotli;
  };
  std::map<std::string, File> files_;             // by plain URL
  std::map<std::string, std::string> by_version_;  // versioned URL → plain URL
  std::map<std::string, std::string> versioned_;   // plain URL → versioned URL
};

}  // namespace koers::web
