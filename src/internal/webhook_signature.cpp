// HMAC-SHA256 through OpenSSL 3's EVP_MAC interface: the HMAC_CTX functions are deprecated
// there, and the one-shot HMAC() fetches the algorithm on every call. Here the algorithm is
// fetched once per process and a context made per call, so threads never share one.
#include "internal/webhook_signature.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "closeio/errors.hpp"

namespace closeio::internal {
namespace {

int hex_digit_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Kept for the life of the process: a fetched algorithm is immutable and safe to share.
EVP_MAC* hmac_algorithm() {
  static EVP_MAC* const algorithm = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (algorithm == nullptr) throw Error("closeio: OpenSSL provides no HMAC");
  return algorithm;
}

struct MacContextFree {
  void operator()(EVP_MAC_CTX* context) const noexcept { EVP_MAC_CTX_free(context); }
};

}  // namespace

WebhookMac decode_signature_key(std::string_view hex_key) {
  WebhookMac key{};
  if (hex_key.size() != 2 * key.size()) {
    throw std::invalid_argument(
        "webhook signature key: expected the subscription's signature_key, 64 hexadecimal "
        "digits; got " +
        std::to_string(hex_key.size()) + " characters");
  }
  for (std::size_t i = 0; i < hex_key.size(); ++i) {
    if (hex_digit_value(hex_key[i]) < 0) {
      throw std::invalid_argument(
          "webhook signature key: expected 64 hexadecimal digits; character " +
          std::to_string(i + 1) + " is not one");
    }
  }
  decode_hex_mac(hex_key, key);
  return key;
}

bool decode_hex_mac(std::string_view hex, WebhookMac& out) noexcept {
  if (hex.size() != 2 * out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = hex_digit_value(hex[2 * i]);
    const int low = hex_digit_value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return true;
}

WebhookMac webhook_mac(const WebhookMac& key, std::string_view timestamp, std::string_view body) {
  const std::unique_ptr<EVP_MAC_CTX, MacContextFree> context(EVP_MAC_CTX_new(hmac_algorithm()));
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end(),
  };
  WebhookMac mac{};
  std::size_t length = 0;
  if (!context || EVP_MAC_init(context.get(), key.data(), key.size(), params) != 1 ||
      EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(timestamp.data()),
                     timestamp.size()) != 1 ||
      EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(body.data()),
                     body.size()) != 1 ||
      EVP_MAC_final(context.get(), mac.data(), &length, mac.size()) != 1 || length != mac.size()) {
    throw Error("closeio: OpenSSL failed to compute HMAC-SHA256");
  }
  return mac;
}

bool macs_equal(const WebhookMac& a, const WebhookMac& b) noexcept {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace closeio::internal
