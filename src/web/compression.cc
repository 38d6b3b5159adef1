#include "web/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <stdexcept>
#include <vector>

namespace koers::web {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
}  // namespace

Encoding preferred_encoding(std::string_view header) {
  double br = -1, gz = -1, star = -1;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    double q = 1;
    if (semi != std::string_view::npos) {
      std::string_view param = trim(item.substr(semi + 1));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        try {
          q = std::stod(std::string(param.substr(2)));
        } catch (const std::exception&) {
          q = 0;
        }
      }
    }
    if (iequals(name, "br")) br = q;
    else if (iequals(name, "gzip") || iequals(name, "x-gzip")) gz = q;
    else if (name == "*") star = q;
  }
  if (br < 0) br = star;
  if (gz < 0) gz = star;
  if (br > 0 && br >= gz) return Encoding::kBrotli;
  if (gz > 0) return Encoding::kGzip;
  return Encoding::kIdentity;
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kBrotli: return "br";
    case Encoding::kGzip: return "gzip";
    case Encoding::kIdentity: break;
  }
  return "identity";
}

std::string gzip(std::string_view data, int level) {
  z_stream zs{};
  // 15 + 16: a gzip header and trailer, not zlib's.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, data.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(zs.total_out);
  return out;
}

std::string brotli(std::string_view data, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) size = data.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    throw std::runtime_error("brotli: compression failed");
  out.resize(size);
  return out;
}

bool compressible(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 ||
         type.rfind("application/javascript", 0) == 0 || type.rfind("image/svg+xml", 0) == 0 ||
         type.rfind("application/xml", 0) == 0 || type.rfind("text/calendar", 0) == 0;
}

void compress_response(Response& r, Encoding accepted) {
  if (r.body.size() < 1024 || !compressible(r.content_type)) return;
  for (const auto& [name, value] : r.headers)
    if (iequals(name, "Content-Encoding")) return;
  r.header("Vary", "Accept-Encoding");
  if (accepted == Encoding::kIdentity) return;
  // Fast settings: a page is made for one request. brotli 4 packs about as tight as gzip 6
  // in a fraction of its time; gzip 4 for the browsers without brotli.
  r.body = accepted == Encoding::kBrotli ? brotli(r.body, 4) : gzip(r.body, 4);
  r.header("Content-Encoding", encoding_name(accepted));
}

}  // namespace koers::web
