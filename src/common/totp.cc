#include "common/totp.h"

#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cctype>
#include <stdexcept>

namespace koers {

namespace {
const char* kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const char* kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31: no 0 O 1 I L

std::string random_bytes(int n) {
  std::string out(static_cast<size_t>(n), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return out;
}
}  // namespace

std::string base32_encode(const std::string& bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == ' ' || raw == '=' || raw == '-') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    const char* at = nullptr;
    for (const char* p = kBase32; *p; ++p)
      if (*p == c) at = p;
    if (!at) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(at - kBase32);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string new_totp_secret() { return base32_encode(random_bytes(20)); }

long long totp_step(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() / 30;
}

std::string totp_code(const std::string& secret_b32, long long step) {
  auto key = base32_decode(secret_b32);
  if (!key || key->empty()) return "";
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), msg, sizeof msg, md, &len))
    throw std::runtime_error("HMAC-SHA1 failed");
  int offset = md[len - 1] & 0x0f;
  unsigned value = ((md[offset] & 0x7fu) << 24) | (md[offset + 1] << 16) | (md[offset + 2] << 8) | md[offset + 3];
  std::string code = std::to_string(value % 1000000);
  return std::string(6 - code.size(), '0') + code;
}

std::optional<long long> totp_match(const std::string& secret_b32, const std::string& typed, TimePoint now,
                                    long long after_step) {
  std::string code;
  for (char c : typed)
    if (c != ' ') code += c;
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const long long step = totp_step(now);
  for (long long s = step - 1; s <= step + 1; ++s) {
    if (s <= after_step) continue;
    std::string expected = totp_code(secret_b32, s);
    // Constant time over the six digits.
    unsigned diff = expected.size() == code.size() ? 0 : 1;
    for (size_t i = 0; i < code.size() && i < expected.size(); ++i) diff |= static_cast<unsigned>(expected[i] ^ code[i]);
    if (diff == 0) return s;
  }
  return std::nullopt;
}

std::string new_one_time_code(int groups) {
  std::string out;
  for (int g = 0; g < groups; ++g) {
    if (g) out += '-';
    for (int i = 0; i < 4; ++i) {
      unsigned char b = 0;
      // Rejection sampling keeps every character equally likely (248 = 8 × 31).
      do b = static_cast<unsigned char>(random_bytes(1)[0]); while (b >= 248);
      out += kCodeAlphabet[b % 31];
    }
  }
  return out;
}

std::string normalise_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace koers
