// verify_webhook(): headers checked, signature checked, age checked, and only then the body
// parsed. Messages never quote the key, a header value or the body: all three come from the
// sender (or are secret) and the messages end up in logs.
#include "closeio/webhooks.hpp"

#include <cstdint>
#include <stdexcept>
#include <utility>

#include "internal/event_codec.hpp"
#include "internal/webhook_signature.hpp"

namespace closeio {
namespace {

using Reason = WebhookSignatureError::Reason;

// Longest timestamp read: 18 digits always fit in an int64 (Unix seconds need 10 until 2286).
constexpr std::size_t kMaxTimestampDigits = 18;

[[noreturn]] void refuse(Reason reason, const std::string& why) {
  throw WebhookSignatureError(reason, "closeio: webhook delivery refused: " + why);
}

std::int64_t read_timestamp(std::string_view timestamp) {
  if (timestamp.empty()) refuse(Reason::missing_header, "no close-sig-timestamp header (or empty)");
  if (timestamp.size() > kMaxTimestampDigits) {
    refuse(Reason::malformed_header, "close-sig-timestamp is not Unix seconds (" +
                                         std::to_string(timestamp.size()) + " characters)");
  }
  std::int64_t seconds = 0;
  for (const char c : timestamp) {
    if (c < '0' || c > '9') {
      refuse(Reason::malformed_header,
             "close-sig-timestamp is not Unix seconds (not only decimal digits)");
    }
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

void check_age(std::int64_t signed_at, const WebhookVerifyOptions& options) {
  if (!options.tolerance) return;
  const auto now = options.now.value_or(std::chrono::system_clock::now());
  const std::int64_t now_seconds =
      std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t tolerance = options.tolerance->count();
  const std::int64_t age = now_seconds - signed_at;
  if (age > tolerance) {
    refuse(Reason::too_old, "close-sig-timestamp is " + std::to_string(age) +
                                " s old, more than the tolerance of " + std::to_string(tolerance) +
                                " s (a replay, or a late retry)");
  }
  if (-age > tolerance) {
    refuse(Reason::too_new, "close-sig-timestamp is " + std::to_string(-age) +
                                " s in the future, more than the tolerance of " +
                                std::to_string(tolerance) + " s (check the clock)");
  }
}

}  // namespace

WebhookSignatureError::WebhookSignatureError(Reason reason, const std::string& what)
    : Error(what, 0), reason_(reason) {}

WebhookDelivery verify_webhook(std::string_view signature_key, std::string_view timestamp,
                               std::string_view signature, std::string_view raw_body,
                               const WebhookVerifyOptions& options) {
  // Mistakes of the program come first, whatever the request.
  const internal::WebhookMac key = internal::decode_signature_key(signature_key);
  if (options.tolerance && options.tolerance->count() < 0) {
    throw std::invalid_argument("WebhookVerifyOptions::tolerance is negative");
  }

  const std::int64_t signed_at = read_timestamp(timestamp);
  if (signature.empty()) refuse(Reason::missing_header, "no close-sig-hash header (or empty)");
  internal::WebhookMac claimed{};
  if (!internal::decode_hex_mac(signature, claimed)) {
    refuse(Reason::malformed_header, "close-sig-hash is not 64 hexadecimal digits (" +
                                         std::to_string(signature.size()) + " characters)");
  }
  if (!internal::macs_equal(internal::webhook_mac(key, timestamp, raw_body), claimed)) {
    refuse(Reason::mismatch,
           "close-sig-hash does not match the timestamp and body (a wrong signature key, the key "
           "used as text instead of hex-decoded, or a body changed or re-serialised on the way)");
  }
  check_age(signed_at, options);

  internal::DecodedDelivery decoded = internal::decode_delivery(raw_body);
  return WebhookDelivery{std::move(decoded.subscription_id), std::move(decoded.event)};
}

WebhookDelivery verify_webhook(const WebhookKeyLookup& key_for, std::string_view timestamp,
                               std::string_view signature, std::string_view raw_body,
                               const WebhookVerifyOptions& options) {
  const std::optional<std::string> claimed = peek_subscription_id(raw_body);
  if (!claimed) {
    refuse(Reason::unknown_subscription, "the body names no subscription_id to pick a key by");
  }
  const std::optional<std::string> key = key_for ? key_for(*claimed) : std::nullopt;
  if (!key) {
    refuse(Reason::unknown_subscription,
           "no signature key for the subscription the body names (not one of this program's)");
  }
  WebhookDelivery delivery = verify_webhook(*key, timestamp, signature, raw_body, options);
  // The same bytes decode to the same id, unless the body repeats the key: then the id the
  // key was chosen by must be the one the verified delivery carries.
  if (delivery.subscription_id != *claimed) {
    refuse(Reason::mismatch, "the body names two different subscription_id values");
  }
  return delivery;
}

std::optional<std::string> peek_subscription_id(std::string_view raw_body) noexcept {
  try {
    return internal::scan_subscription_id(raw_body);
  } catch (...) {  // Out of memory: no id to offer.
    return std::nullopt;
  }
}

}  // namespace closeio
