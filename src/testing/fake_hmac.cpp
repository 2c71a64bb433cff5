#include "testing/fake_hmac.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace closeio::testing::internal {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr int kSignatureKeyBytes = 32;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kHexDigits[byte >> 4];
    hex += kHexDigits[byte & 0x0F];
  }
  return hex;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes += static_cast<char>((high << 4) | low);
  }
  return bytes;
}

std::string new_signature_key() {
  unsigned char key[kSignatureKeyBytes];
  if (RAND_bytes(key, kSignatureKeyBytes) != 1) {
    throw std::runtime_error("FakeCloseServer: OpenSSL RAND_bytes failed");
  }
  return to_hex(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
}

std::string close_signature(std::string_view hex_key, std::string_view timestamp,
                            std::string_view body) {
  const std::optional<std::string> key = from_hex(hex_key);
  if (!key) throw std::invalid_argument("webhook signature key is not hex");
  const std::string message = std::string(timestamp) + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &length) == nullptr) {
    throw std::runtime_error("FakeCloseServer: OpenSSL HMAC failed");
  }
  return to_hex(std::string_view(reinterpret_cast<const char*>(mac), length));
}

}  // namespace closeio::testing::internal
