#include "common/secret_box.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <memory>
#include <stdexcept>

namespace koers {

namespace {

constexpr size_t kKeyLen = 32, kNonceLen = 12, kTagLen = 16;

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  for (size_t got = 0; got < n;) {
    const ssize_t r = getrandom(out.data() + got, n - got, 0);
    if (r < 0) throw std::runtime_error("getrandom failed");
    got += static_cast<size_t>(r);
  }
  return out;
}

std::string to_hex(std::string_view in) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : in) out += {digits[c >> 4], digits[c & 15]};
  return out;
}

std::optional<std::string> from_hex(std::string_view in) {
  if (in.size() % 2) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < in.size(); i += 2) {
    const int hi = value(in[i]), lo = value(in[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string new_secret_key() { return random_bytes(kKeyLen); }

std::string seal_secret(std::string_view key, std::string_view plaintext, std::string_view context) {
  if (key.size() != kKeyLen) throw std::invalid_argument("secret key must be 32 bytes");
  const std::string nonce = random_bytes(kNonceLen);
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(plaintext.size() + kTagLen, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  int n = 0, total = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &n, bytes(context), static_cast<int>(context.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &n, bytes(plaintext), static_cast<int>(plaintext.size())) != 1)
    throw std::runtime_error("AES-GCM seal failed");
  total = n;
  if (EVP_EncryptFinal_ex(ctx.get(), o + total, &n) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagLen, o + plaintext.size()) != 1)
    throw std::runtime_error("AES-GCM seal failed");
  return "v1:" + to_hex(nonce) + to_hex(out);
}

std::optional<std::string> open_secret(std::string_view key, std::string_view sealed, std::string_view context) {
  if (key.size() != kKeyLen || sealed.substr(0, 3) != "v1:") return std::nullopt;
  const auto raw = from_hex(sealed.substr(3));
  if (!raw || raw->size() < kNonceLen + kTagLen) return std::nullopt;
  const std::string_view nonce(raw->data(), kNonceLen);
  const std::string_view cipher(raw->data() + kNonceLen, raw->size() - kNonceLen - kTagLen);
  std::string tag(raw->data() + raw->size() - kTagLen, kTagLen);
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(cipher.size(), '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  int n = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, bytes(context), static_cast<int>(context.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), o, &n, bytes(cipher), static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagLen, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), o + n, &n) != 1)
    return std::nullopt;
  return out;
}

}  // namespace koers
