// Pages go compressed to a browser that accepts it, and the same page to one that does not;
// static files carry versioned names with a year's cache lifetime, and their plain names are
// revalidated. Bodies are read back with zlib's and brotli's own decoders.
#include <brotli/decode.h>
#include <zlib.h>

#include <regex>

#include "http_support.h"
#include "web/compression.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

std::string gunzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out;
  char buffer[16384];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs.avail_out);
  }
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END) << "not a whole gzip stream";
  return out;
}

std::string unbrotli(const std::string& data) {
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  std::string out;
  size_t in_left = data.size();
  const uint8_t* in = reinterpret_cast<const uint8_t*>(data.data());
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    uint8_t buffer[16384];
    size_t out_left = sizeof buffer;
    uint8_t* next = buffer;
    rc = BrotliDecoderDecompressStream(s, &in_left, &in, &out_left, &next, nullptr);
    out.append(reinterpret_cast<char*>(buffer), sizeof buffer - out_left);
  }
  BrotliDecoderDestroyInstance(s);
  EXPECT_EQ(rc, BROTLI_DECODER_RESULT_SUCCESS) << "not a whole brotli stream";
  return out;
}

TEST(Compression, TheBrowsersChoiceCountsWithItsQValues) {
  EXPECT_EQ(preferred_encoding("gzip, deflate, br, zstd"), Encoding::kBrotli);
  EXPECT_EQ(preferred_encoding("gzip, deflate"), Encoding::kGzip);
  EXPECT_EQ(preferred_encoding("br;q=0, gzip"), Encoding::kGzip);
  EXPECT_EQ(preferred_encoding("br;q=0.5, gzip;q=0.8"), Encoding::kGzip);
  EXPECT_EQ(preferred_encoding("GZIP"), Encoding::kGzip);
  EXPECT_EQ(preferred_encoding("*"), Encoding::kBrotli);
  EXPECT_EQ(preferred_encoding("*;q=0"), Encoding::kIdentity);
  EXPECT_EQ(preferred_encoding("identity"), Encoding::kIdentity);
  EXPECT_EQ(preferred_encoding(""), Encoding::kIdentity);
}

const char kName[] = "compression";
class CompressionOverHttp : public OwnServerSuite<kName> {};

TEST_F(CompressionOverHttp, APageGoesCompressedToABrowserThatAcceptsItAndPlainToOneThatDoesNot) {
  Browser teacher = signed_in("leerkracht");
  json groups = teacher.get("/api/v1/groups").json();
  ASSERT_FALSE(groups.empty());
  const std::string path = "/groepen/" + std::to_string(groups[0]["id"].get<long long>()) + "/overzicht";
  HttpResult plain = teacher.get(path);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  ASSERT_GT(plain.body.size(), 20000u);

  HttpResult gz = teacher.request("GET", path, "", "", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_LT(gz.body.size() * 5, plain.body.size()) << "compressed to a fifth or less";
  HttpResult br = teacher.request("GET", path, "", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.header("content-encoding"), "br");
  // Each page carries its own CSRF token and timestamps alike: the pages are equal.
  EXPECT_EQ(gunzip(gz.body), plain.body);
  EXPECT_EQ(unbrotli(br.body), plain.body);

  // The API's JSON too; a small answer stays as it is.
  HttpResult api = teacher.request("GET", "/api/v1/groups/" + std::to_string(groups[0]["id"].get<long long>()) + "/overview",
                                   "", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(api.header("content-encoding"), "gzip");
  EXPECT_NO_THROW(nlohmann::json::parse(gunzip(api.body)));
  HttpResult me = teacher.request("GET", "/api/v1/me", "", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(me.header("content-encoding"), "");
  EXPECT_EQ(me.json()["username"], "leerkracht");
}

TEST_F(CompressionOverHttp, StaticFilesHaveVersionedNamesThatCacheForAYear) {
  Browser teacher = signed_in("leerkracht");
  std::string page = teacher.get("/groepen").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("href=\"(/static/koers\\.[0-9a-f]{10}\\.css)\""))) << page.substr(0, 600);
  const std::string versioned = m[1];
  HttpResult css = teacher.request("GET", versioned, "", "", {{"Accept-Encoding", "br"}});
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(css.header("content-encoding"), "br");
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  HttpResult plain = teacher.get("/static/koers.css");
  EXPECT_EQ(plain.header("cache-control"), "no-cache");
  EXPECT_EQ(unbrotli(css.body), plain.body);
  EXPECT_EQ(versioned.substr(14, 10), plain.header("etag").substr(1, 10)) << "the name carries the content's hash";
  // The plain name is asked again each time: the same file answers 304 without a body.
  HttpResult again = teacher.request("GET", "/static/koers.css", "", "", {{"If-None-Match", plain.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(teacher.get("/static/koers.0123456789.css").status, 404) << "a version that is not this file's";
  EXPECT_EQ(teacher.get("/static/../CMakeLists.txt").status, 404);
  // Scripts are named by version too.
  EXPECT_TRUE(std::regex_search(teacher.get("/groepen/" + std::to_string(teacher.get("/api/v1/groups").json()[0]["id"].get<long long>()) +
                                            "/overzicht").body,
                                std::regex("src=\"/static/overview\\.[0-9a-f]{10}\\.js\"")));
}

}  // namespace
}  // namespace koers::web::testing
