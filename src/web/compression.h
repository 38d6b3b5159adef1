// Compressed bodies for browsers that accept them (Accept-Encoding): brotli, else gzip, else
// none. compress_response() compresses a response in place when that pays: a text body of
// 1 KB or more, not compressed yet; it adds Content-Encoding and Vary.
#pragma once

#include <string>
#include <string_view>

#include "web/http.h"

namespace koers::web {

enum class Encoding { kIdentity, kGzip, kBrotli };

// The best encoding the header allows, by its q-values ("br;q=0, gzip" → gzip).
Encoding preferred_encoding(std::string_view accept_encoding);
const char* encoding_name(Encoding e);  // "br", "gzip", "identity"

// level: zlib's 1–9; quality: brotli's 0–11. Dynamic pages use fast settings, files under
// /static/ the best ones, once at start-up.
std::string gzip(std::string_view data, int level);
std::string brotli(std::string_view data, int quality);
bool compressible(std::string_view content_type);

void compress_response(Response& r, Encoding accepted);

}  // namespace koers::web
