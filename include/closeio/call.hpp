/// @file
/// The Call activity: what Close returns for a call, and the body that logs an external call.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// Which way a call went. Wire values: "inbound", "outbound".
enum class CallDirection {
  inbound,   ///< "inbound"
  outbound,  ///< "outbound"
  unknown,   ///< A value this SDK version does not know. Never sent to the server.
};

/// Where a call stands. Wire values are the enumerator names with '-' for '_'.
enum class CallStatus {
  created,      ///< "created"
  in_progress,  ///< "in-progress"
  completed,    ///< "completed" (the server's default for a logged call)
  cancel,       ///< "cancel"
  no_answer,    ///< "no-answer"
  busy,         ///< "busy"
  failed,       ///< "failed"
  timeout,      ///< "timeout"
  unknown,      ///< A value this SDK version does not know. Never sent to the server.
};

/// How a call ended. Wire values are the enumerator names with '-' for '_'.
enum class CallDisposition {
  answered,   ///< "answered"
  no_answer,  ///< "no-answer"
  vm_answer,  ///< "vm-answer"
  vm_left,    ///< "vm-left"
  busy,       ///< "busy"
  blocked,    ///< "blocked"
  error,      ///< "error"
  abandoned,  ///< "abandoned"
  unknown,    ///< A value this SDK version does not know.
};

/// The wire name of `value`, e.g. "outbound"; "unknown" for CallDirection::unknown.
CLOSEIO_EXPORT std::string_view to_string(CallDirection value) noexcept;
/// The wire name of `value`, e.g. "in-progress"; "unknown" for CallStatus::unknown.
CLOSEIO_EXPORT std::string_view to_string(CallStatus value) noexcept;
/// The wire name of `value`, e.g. "vm-left"; "unknown" for CallDisposition::unknown.
CLOSEIO_EXPORT std::string_view to_string(CallDisposition value) noexcept;
/// Parses a wire name; any other text gives CallDirection::unknown.
CLOSEIO_EXPORT CallDirection call_direction_from_string(std::string_view wire) noexcept;
/// Parses a wire name ("in-progress"); any other text gives CallStatus::unknown.
CLOSEIO_EXPORT CallStatus call_status_from_string(std::string_view wire) noexcept;
/// Parses a wire name ("vm-left"); any other text gives CallDisposition::unknown.
CLOSEIO_EXPORT CallDisposition call_disposition_from_string(std::string_view wire) noexcept;

/// A call as Close returns it (`GET /activity/call/{id}/`). Members Close may send as null are
/// std::optional (std::nullopt for null and for a key the answer left out, e.g. with `_fields`);
/// the others keep their defaults when left out. Unknown keys are ignored.
struct CLOSEIO_EXPORT Call {
  std::string id;                                ///< "acti_..." identifier.
  std::string organization_id;                   ///< "orga_..." of the owning organization.
  std::optional<std::string> lead_id;            ///< "lead_..." the call belongs to.
  std::optional<std::string> contact_id;         ///< "cont_..." called, if known.
  std::optional<std::string> user_id;            ///< "user_..." who made or took the call.
  std::optional<std::string> outcome_id;         ///< May name a deleted outcome.
  std::optional<CallDirection> direction;        ///< Inbound or outbound.
  CallStatus status = CallStatus::unknown;       ///< Default: unknown (left out of the answer).
  std::optional<CallDisposition> disposition;    ///< How the call ended.
  std::optional<std::chrono::seconds> duration;  ///< Length of the call, in seconds.
  std::optional<std::string> phone;              ///< The other party's number, E.164.
  std::optional<std::string> note;               ///< Plain-text note.
  Timestamp date_created{};                      ///< UTC; when logged or synced. Default: epoch.
  Timestamp date_updated{};                      ///< UTC. Default: the epoch.
  std::optional<Timestamp> activity_at;          ///< UTC; when the call happened.

  /// Field-by-field equality.
  friend bool operator==(const Call& a, const Call& b) {
    return a.id == b.id && a.organization_id == b.organization_id && a.lead_id == b.lead_id &&
           a.contact_id == b.contact_id && a.user_id == b.user_id && a.outcome_id == b.outcome_id &&
           a.direction == b.direction && a.status == b.status && a.disposition == b.disposition &&
           a.duration == b.duration && a.phone == b.phone && a.note == b.note &&
           a.date_created == b.date_created && a.date_updated == b.date_updated &&
           a.activity_at == b.activity_at;
  }
  /// Negation of operator==.
  friend bool operator!=(const Call& a, const Call& b) { return !(a == b); }
};

/// The body that logs a call made outside Close (`POST /activity/call/`). Members left unset
/// (std::nullopt) are not sent; Close fills in its defaults (status "completed").
struct CLOSEIO_EXPORT CallLog {
  std::optional<std::string> lead_id;            ///< "lead_..." to log the call on.
  std::optional<std::string> contact_id;         ///< "cont_..." called.
  std::optional<std::string> user_id;            ///< "user_..." who made or took the call.
  std::optional<CallDirection> direction;        ///< Inbound or outbound; not unknown.
  std::optional<CallStatus> status;              ///< Not unknown. Server default: completed.
  std::optional<std::chrono::seconds> duration;  ///< 0 to 604800 seconds (one week).
  std::optional<std::string> phone;              ///< The other party's number, E.164.
  std::optional<std::string> note;               ///< Plain-text note.
  std::optional<std::string> outcome_id;         ///< "outcome_..." to put on the call at once.
  std::optional<Timestamp> activity_at;          ///< When the call happened. Default: now.
};

}  // namespace closeio
