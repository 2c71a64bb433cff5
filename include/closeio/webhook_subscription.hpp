/// @file
/// The webhook subscription resource (`/webhook/`) and the request bodies that create and change
/// one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// Whether Close delivers to a subscription. Wire values: "active", "paused".
enum class WebhookStatus {
  active,   ///< "active": events are delivered.
  paused,   ///< "paused": by the user (pause()) or by Close after repeated failed deliveries.
  unknown,  ///< A value this SDK version does not know. Never sent to the server.
};

/// The wire name of `value`: "active", "paused", or "unknown" (which is never sent).
CLOSEIO_EXPORT std::string_view to_string(WebhookStatus value) noexcept;
/// Parses a wire name (exact, case-sensitive); any other text gives WebhookStatus::unknown.
CLOSEIO_EXPORT WebhookStatus webhook_status_from_string(std::string_view wire) noexcept;

/// One kind of event a subscription receives: an object type and an action, optionally narrowed
/// by a filter (see Close's "webhook filters").
struct CLOSEIO_EXPORT WebhookEventSpec {
  std::string object_type;  ///< E.g. "activity.call", "activity.meeting", "lead". Not empty.
  std::string action;       ///< E.g. "created", "updated", "completed". Not empty.
  /// The `extra_filter` object as raw JSON text, e.g.
  /// `{"type":"field_accessor","field":"changed_fields","filter":{"type":"contains","value":
  /// "outcome_id"}}`; std::nullopt: no filter (absent or null on the wire). It must be valid JSON
  /// when sent; as received it is compact JSON (Close's spacing is not kept).
  std::optional<std::string> extra_filter;

  /// Field-by-field equality (extra_filter compared as text).
  friend bool operator==(const WebhookEventSpec& a, const WebhookEventSpec& b) {
    return a.object_type == b.object_type && a.action == b.action &&
           a.extra_filter == b.extra_filter;
  }
  /// Negation of operator==.
  friend bool operator!=(const WebhookEventSpec& a, const WebhookEventSpec& b) { return !(a == b); }
};

/// A webhook subscription as Close returns it (`GET /webhook/{id}/`). Members Close may leave out
/// or send as null are std::optional; the others keep their defaults when left out. Unknown keys
/// are ignored.
///
/// @par The signature key
/// `signature_key` (64 hex characters) verifies the deliveries of this subscription. Close's
/// sources disagree on whether it appears in any answer but the one to create(): store it from
/// that answer, securely (it is a secret), and treat it as optional everywhere else.
struct CLOSEIO_EXPORT WebhookSubscription {
  std::string id;                                 ///< "whsub_..." identifier.
  std::string url;                                ///< Where Close POSTs the deliveries.
  std::vector<WebhookEventSpec> events;           ///< What is delivered. Default: empty.
  WebhookStatus status = WebhookStatus::unknown;  ///< Default: unknown (left out of the answer).
  bool verify_ssl = true;  ///< Whether Close checks the URL's TLS certificate. Default: true.
  /// The hex key the deliveries are signed with (a secret); see "The signature key" above.
  std::optional<std::string> signature_key;
  std::optional<std::string> created_by;  ///< "user_..." of the creator, if sent.
  std::optional<std::string> updated_by;  ///< "user_..." of the last editor, if sent.
  Timestamp date_created{};               ///< UTC (Close sends no offset). Default: the epoch.
  Timestamp date_updated{};               ///< UTC (Close sends no offset). Default: the epoch.
  /// Read-only health as Close reports it, e.g. "healthy" (other values are undocumented).
  std::optional<std::string> health_status;
  /// Why Close paused it, e.g. "api" (paused through the API); std::nullopt when not paused or
  /// not sent. Other values are undocumented.
  std::optional<std::string> pause_reason;
  /// The latest delivery error, as raw JSON text (its shape is undocumented); std::nullopt for
  /// null or absent.
  std::optional<std::string> latest_error;
  /// Consecutive failing delivery periods Close counted; std::nullopt when not sent.
  std::optional<std::int64_t> recent_consecutive_fail_buckets_cnt;
  /// Close's delivery counters as raw JSON text (content undocumented); std::nullopt when absent.
  std::optional<std::string> counters;

  /// Field-by-field equality (raw JSON compared as text).
  friend bool operator==(const WebhookSubscription& a, const WebhookSubscription& b) {
    return a.id == b.id && a.url == b.url && a.events == b.events && a.status == b.status &&
           a.verify_ssl == b.verify_ssl && a.signature_key == b.signature_key &&
           a.created_by == b.created_by && a.updated_by == b.updated_by &&
           a.date_created == b.date_created && a.date_updated == b.date_updated &&
           a.health_status == b.health_status && a.pause_reason == b.pause_reason &&
           a.latest_error == b.latest_error &&
           a.recent_consecutive_fail_buckets_cnt == b.recent_consecutive_fail_buckets_cnt &&
           a.counters == b.counters;
  }
  /// Negation of operator==.
  friend bool operator!=(const WebhookSubscription& a, const WebhookSubscription& b) {
    return !(a == b);
  }
};

/// The body of a create (POST /webhook/). Close answers with the new subscription, the only
/// answer certain to carry its `signature_key`: store the key then.
struct CLOSEIO_EXPORT WebhookCreate {
  /// Where Close will POST deliveries: an absolute "https://" or "http://" URL (Close
  /// recommends HTTPS but does not require it), without spaces or control characters. Required.
  std::string url;
  std::vector<WebhookEventSpec> events;  ///< At least one; each with object_type and action.
  std::optional<bool> verify_ssl;        ///< Not sent when std::nullopt (server default: true).
};

/// The changes of an update (PUT /webhook/{id}/). Close treats PUT as a patch: only the members
/// set here are sent; an update with nothing set sends `{}`.
struct CLOSEIO_EXPORT WebhookUpdate {
  std::optional<std::string> url;  ///< New destination, checked as WebhookCreate::url.
  /// New event list; replaces the whole list. When set it must not be empty.
  std::optional<std::vector<WebhookEventSpec>> events;
  std::optional<bool> verify_ssl;  ///< New certificate-check setting.
  /// Active or paused (not unknown). WebhooksClient::pause() and resume() send only this.
  std::optional<WebhookStatus> status;
};

}  // namespace closeio
