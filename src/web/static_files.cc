#include "web/static_files.h"

#include <openssl/sha.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace koers::web {

namespace {
std::string content_type_of(const std::string& ext) {
  return ext == ".css"   ? "text/css; charset=utf-8"
         : ext == ".js"  ? "text/javascript; charset=utf-8"
         : ext == ".svg" ? "image/svg+xml"
         : ext == ".png" ? "image/png"
         : ext == ".ico" ? "image/x-icon"
                         : "application/octet-stream";
}

std::string short_hash(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 5; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}
}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::exists(dir)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    File f;
    f.plain = text.str();
    std::string rel = fs::relative(entry.path(), dir).generic_string();
    std::string ext = entry.path().extension().string();
    f.content_type = content_type_of(ext);
    std::string hash = short_hash(f.plain);
    f.etag = "\"" + hash + "\"";
    if (compressible(f.content_type) && f.plain.size() >= 256) {
      f.gzip = gzip(f.plain, 9);
      f.brotli = brotli(f.plain, 11);
    }
    std::string plain_url = "/static/" + rel;
    std::string stem = rel.substr(0, rel.size() - ext.size());
    std::string versioned_url = "/static/" + stem + "." + hash + ext;
    by_version_[versioned_url] = plain_url;
    versioned_[plain_url] = versioned_url;
    files_[plain_url] = std::move(f);
  }
}

std::optional<Response> StaticFiles::serve(const std::string& path, Encoding accepted,
                                           const std::string& if_none_match) const {
  bool versioned = false;
  auto it = files_.find(path);
  if (it == files_.end()) {
    auto v = by_version_.find(path);
    if (v == by_version_.end()) return std::nullopt;
    it = files_.find(v->second);
    versioned = true;
  }
  const File& f = it->second;
  Response r;
  r.content_type = f.content_type;
  // A versioned name never changes its content: a year, without asking again. The plain
  // name may change with a new Koers: the browser asks, and gets 304 while it is the same.
  r.header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
  r.header("ETag", f.etag);
  if (!f.gzip.empty()) r.header("Vary", "Accept-Encoding");
  if (!if_none_match.empty() && if_none_match.find(f.etag) != std::string::npos) {
    r.status = 304;
    return r;
  }
  if (accepted == Encoding::kBrotli && !f.brotli.empty() && f.brotli.size() < f.plain.size()) {
    r.body = f.brotli;
    r.header("Content-Encoding", "br");
  } else if (accepted != Encoding::kIdentity && !f.gzip.empty() && f.gzip.size() < f.plain.size()) {
    r.body = f.gzip;
    r.header("Content-Encoding", "gzip");
  } else {
    r.body = f.plain;
  }
  return r;
}

}  // namespace koers::web
