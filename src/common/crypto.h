// Small, well-known primitives: SHA-256, random tokens, argon2id password hashes.
#pragma once

#include <string>
#include <string_view>

namespace koers {

std::string sha256_hex(std::string_view data);
// HMAC-SHA-256 of data under key, as 64 lower-case hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// 32 bytes from the kernel's CSPRNG, as 64 lower-case hex characters.
std::string random_token();

// argon2id, encoded with its parameters and salt ("$argon2id$v=19$m=19456,t=2,p=1$…").
std::string hash_password(std::string_view password);
// Constant-time check of a password against an encoded hash; false for a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded);

}  // namespace koers
