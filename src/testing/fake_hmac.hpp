// HMAC-SHA256 (OpenSSL) as Close signs webhook deliveries, random signature keys, and the hex
// text both are shown in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace closeio::testing::internal {

/// Lowercase hex of every byte of `bytes`.
std::string to_hex(std::string_view bytes);
/// The bytes of an even-length hex text (either case); std::nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex);

/// A new signature key: 32 random bytes from OpenSSL's CSPRNG as 64 lowercase hex characters.
std::string new_signature_key();

/// Close's `close-sig-hash`: lowercase hex HMAC-SHA256 with the hex-DECODED `hex_key` over
/// `timestamp` followed by `body`, nothing between them. Throws std::invalid_argument for a key
/// that is not hex.
std::string close_signature(std::string_view hex_key, std::string_view timestamp,
                            std::string_view body);

}  // namespace closeio::testing::internal
