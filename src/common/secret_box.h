// Keeping a short secret (a school's SMTP password) unreadable at rest: AES-256-GCM with a
// 32-byte key, a fresh random 96-bit nonce per seal, and a context (e.g. "smtp-password:
// school 7") bound in as associated data, so a sealed value copied to another row does not open.
// Sealed text: "v1:" + hex(nonce ‖ ciphertext ‖ 16-byte tag).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koers {

std::string seal_secret(std::string_view key, std::string_view plaintext, std::string_view context);
// The plaintext, or nullopt when the key or context differs or the text was altered.
std::optional<std::string> open_secret(std::string_view key, std::string_view sealed, std::string_view context);
// 32 random bytes for a new key.
std::string new_secret_key();

}  // namespace koers
