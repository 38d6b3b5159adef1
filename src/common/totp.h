// Time-based one-time passwords (RFC 6238 over RFC 4226: HMAC-SHA1, 6 digits, 30-second
// steps), as every authenticator app computes them, and the one-time codes Koers hands out
// (activation, reset, recovery).
//
// Contract: a secret is 20 random bytes, given to the user in base32 (RFC 4648, no padding);
// totp_match accepts the step before, at and after `now` (clock drift) and returns the step
// that matched, so the caller can refuse the same code twice.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"

namespace koers {

std::string new_totp_secret();  // base32, 32 characters
std::string base32_encode(const std::string& bytes);
std::optional<std::string> base32_decode(const std::string& text);  // ignores spaces, any case

long long totp_step(TimePoint t);
// The 6-digit code for a base32 secret at a step; "" for a bad secret.
std::string totp_code(const std::string& secret_b32, long long step);
// The matching step in [step(now)-1, step(now)+1] that is later than `after_step`.
std::optional<long long> totp_match(const std::string& secret_b32, const std::string& code, TimePoint now,
                                    long long after_step);

// A one-time code to type from paper: groups of four characters from an alphabet without
// look-alikes (no 0/O, 1/I/L), e.g. "K7QD-WX3M-R9TF" (12 characters, 60 bits).
std::string new_one_time_code(int groups = 3);
// The form a typed code is compared in: upper case, without spaces and dashes.
std::string normalise_code(const std::string& typed);

}  // namespace koers
