// Signs webhook deliveries for tests the way Close's docs describe (EVENTS.md §1.2), straight
// with OpenSSL's one-shot HMAC() and a hex decoder of its own, so that expected signatures never
// come from the code under test.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace closeio::test_support {

/// The 32 bytes a 64-hex-digit key encodes.
inline std::string hex_to_bytes(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

/// Lowercase hex HMAC-SHA256 of `message` keyed with the raw bytes of `key`.
inline std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &length) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  std::string hex;
  char digits[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(digits, sizeof digits, "%02x", mac[i]);
    hex += digits;
  }
  return hex;
}

/// The close-sig-hash Close sends: HMAC keyed with the hex-decoded key over timestamp + body.
inline std::string close_signature(std::string_view hex_key, std::string_view timestamp,
                                   std::string_view body) {
  return hmac_sha256_hex(hex_to_bytes(hex_key), std::string(timestamp) + std::string(body));
}

}  // namespace closeio::test_support
