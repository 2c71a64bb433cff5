/// @file
/// Verifying Close's webhook deliveries (the `close-sig-timestamp` / `close-sig-hash` headers),
/// and dropping the duplicates that at-least-once delivery brings.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "closeio/errors.hpp"
#include "closeio/event.hpp"
#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// How verify_webhook() judges a delivery's age.
struct CLOSEIO_EXPORT WebhookVerifyOptions {
  /// Largest accepted distance, in seconds, between `close-sig-timestamp` and now, in either
  /// direction (a timestamp further ahead is "too far in the future"). Default: 5 minutes.
  /// std::nullopt: no age check at all (whether Close re-signs retried deliveries, which it
  /// retries for up to 72 hours, is unconfirmed; see docs/guides/events.md).
  std::optional<std::chrono::seconds> tolerance = std::chrono::minutes(5);
  /// The current time to judge the age against. Default (std::nullopt): the system clock.
  std::optional<std::chrono::system_clock::time_point> now;
};

/// A verified webhook delivery: which subscription it came through and the event it carries.
struct CLOSEIO_EXPORT WebhookDelivery {
  std::string subscription_id;  ///< "whsub_..." of the subscription that delivered it.
  Event event;                  ///< The Event Log entry delivered.
};

/// A delivery failed verification. `what()` says why and never contains the signature key, the
/// header values or the body.
class CLOSEIO_EXPORT WebhookSignatureError : public Error {
 public:
  /// Why the delivery was refused.
  enum class Reason {
    missing_header,        ///< `close-sig-timestamp` or `close-sig-hash` is absent or empty.
    malformed_header,      ///< The timestamp is not decimal seconds, or the hash not 64 hex digits.
    mismatch,              ///< The hash is not the body's: wrong key, or a changed body/timestamp.
    too_old,               ///< Authentic, but older than the tolerance allows (a replay?).
    too_new,               ///< Authentic, but further in the future than the tolerance allows.
    unknown_subscription,  ///< Key lookup overload: no key for the subscription the body names.
  };
  /// `what` is the full message.
  WebhookSignatureError(Reason reason, const std::string& what);
  /// Why the delivery was refused.
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

/// Verifies one delivery and decodes it. Thread-safe: it keeps no state between calls.
///
/// The signature is HMAC-SHA256, keyed with the 32 bytes the hex `signature_key` encodes (not
/// its text), over the `close-sig-timestamp` text immediately followed by the raw body, both
/// exactly as received; it is compared in constant time, hex digits in either case. Only then
/// is the timestamp's age checked and the body parsed.
///
/// @param signature_key The subscription's `signature_key`: 64 hex digits (shown once, when the
///        subscription is created).
/// @param timestamp The `close-sig-timestamp` header value as received (Unix seconds).
/// @param signature The `close-sig-hash` header value as received.
/// @param raw_body The request body bytes as received: never a re-serialised copy.
/// @param options The age tolerance (default 5 minutes) and the clock to judge it by.
/// @throws std::invalid_argument `signature_key` is not 64 hex digits, or the tolerance is
///         negative (the message never contains the key).
/// @throws WebhookSignatureError the delivery is not authentic or not fresh (see Reason).
/// @throws DecodeError an authentic body that is not a delivery (`subscription_id` and an `event`
///         object with a non-empty `id`).
CLOSEIO_EXPORT WebhookDelivery verify_webhook(std::string_view signature_key,
                                              std::string_view timestamp,
                                              std::string_view signature, std::string_view raw_body,
                                              const WebhookVerifyOptions& options = {});

/// Gives the signature key of a subscription id, or std::nullopt for one the program does not
/// know. Called with an UNVERIFIED id: it must only look the id up.
using WebhookKeyLookup =
    std::function<std::optional<std::string>(std::string_view subscription_id)>;

/// Verifies a delivery to a URL that several subscriptions share: takes the `subscription_id`
/// the body names (untrusted, see peek_subscription_id()), asks `key_for` for its key, then
/// verifies as the other overload does, and checks that the verified body names the same
/// subscription. Nothing from the body is trusted before the signature checks out.
/// @throws WebhookSignatureError with Reason::unknown_subscription when the body names no
///         subscription or `key_for` has no key for it; otherwise as the other overload.
CLOSEIO_EXPORT WebhookDelivery verify_webhook(const WebhookKeyLookup& key_for,
                                              std::string_view timestamp,
                                              std::string_view signature, std::string_view raw_body,
                                              const WebhookVerifyOptions& options = {});

/// The top-level `subscription_id` of an UNVERIFIED body, to choose the key to verify it with;
/// std::nullopt when the body is not a JSON object with a non-empty string there. Never throws.
/// The value is attacker-controlled until verify_webhook() succeeds: use it for a lookup only.
CLOSEIO_EXPORT std::optional<std::string> peek_subscription_id(std::string_view raw_body) noexcept;

/// A bounded memory of the events already handled, for at-least-once delivery: Close retries
/// failed deliveries and may deliver one event more than once. An event is identified by its
/// `id` and `date_updated` (a consolidated event keeps its id and gets a newer date_updated, so
/// it counts as new). Once `capacity` events are remembered, the one remembered first is
/// forgotten. Every member is O(1) and thread-safe (one internal mutex), so one filter can serve
/// every request thread of a receiver.
class CLOSEIO_EXPORT EventDeduplicator {
 public:
  /// Remembers at most `capacity` events. @throws std::invalid_argument when `capacity` is 0.
  explicit EventDeduplicator(std::size_t capacity);
  /// Frees what it remembers.
  ~EventDeduplicator();
  /// Not copyable: share one filter (by reference) between threads instead.
  EventDeduplicator(const EventDeduplicator&) = delete;
  /// Not copyable.
  EventDeduplicator& operator=(const EventDeduplicator&) = delete;

  /// True the first time an (id, date_updated) is offered, and remembers it; false for one
  /// already remembered (a duplicate: skip it).
  bool first_time(const Event& event);
  /// first_time() for an event known by its id and date_updated.
  bool first_time(std::string_view event_id, Timestamp date_updated);
  /// True when the event is remembered; remembers nothing.
  bool seen(const Event& event) const;
  /// seen() for an event known by its id and date_updated.
  bool seen(std::string_view event_id, Timestamp date_updated) const;
  /// Forgets an event (e.g. its processing failed and a redelivery should be handled); false
  /// when it was not remembered.
  bool forget(std::string_view event_id, Timestamp date_updated);
  /// How many events are remembered (at most capacity()).
  std::size_t size() const;
  /// The most events remembered at once, as constructed.
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  struct State;
  std::size_t capacity_;
  std::unique_ptr<State> state_;
};

}  // namespace closeio
