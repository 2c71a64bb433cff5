// The cryptographic part of verifying a webhook delivery: Close's hex signature key decoded,
// HMAC-SHA256 over the timestamp text followed by the raw body (OpenSSL), and hex hashes read
// into bytes so that they compare in constant time whatever their case.
#pragma once

#include <array>
#include <string_view>

namespace closeio::internal {

/// A SHA-256 output, and the size of a signature key once decoded.
using WebhookMac = std::array<unsigned char, 32>;

/// Decodes a subscription's 64-hex-digit signature key into its 32 bytes.
/// @throws std::invalid_argument otherwise; the message gives the length or the position of
/// the first bad character, never the key.
WebhookMac decode_signature_key(std::string_view hex_key);

/// Reads 64 hex digits (either case) into `out`; false for any other text.
bool decode_hex_mac(std::string_view hex, WebhookMac& out) noexcept;

/// HMAC-SHA256 keyed with `key` over `timestamp` immediately followed by `body`.
/// @throws closeio::Error when OpenSSL fails (no HMAC or SHA-256 available).
WebhookMac webhook_mac(const WebhookMac& key, std::string_view timestamp, std::string_view body);

/// Constant-time equality of two MACs (CRYPTO_memcmp).
bool macs_equal(const WebhookMac& a, const WebhookMac& b) noexcept;

}  // namespace closeio::internal
