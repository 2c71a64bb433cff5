/// @file
/// closeio::Event: one entry of Close's Event Log (`GET /event/`), the same shape a webhook
/// delivery carries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/export.hpp"
#include "closeio/meeting.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// One Event Log entry. `object_type` and `action` stay open strings: Close's own material spells
/// some types more than one way ("status_change.opportunity", "activity.opportunity_status_change")
/// and adds actions ("merged", "completed", ...), so a closed enum would lose events.
/// Members Close may leave out or send as null are std::optional. Unknown keys are ignored.
struct CLOSEIO_EXPORT Event {
  std::string id;            ///< "ev_..." identifier.
  std::string object_type;   ///< E.g. "lead", "activity.call", "activity.meeting".
  std::string object_id;     ///< The id of the object the event is about.
  std::string action;        ///< E.g. "created", "updated", "deleted", "completed".
  Timestamp date_created{};  ///< UTC (Close sends it without an offset). Default: epoch.
  Timestamp date_updated{};  ///< UTC; moves forward when Close merges events.
  std::optional<std::string> organization_id;  ///< "orga_..." of the organization.
  std::optional<std::string> user_id;          ///< "user_..."; nullopt when no user caused it.
  std::optional<std::string> lead_id;          ///< "lead_..."; nullopt when there is no lead.
  std::optional<std::string> request_id;       ///< "req_..."; groups the events of one request.
  std::optional<std::string> api_key_id;       ///< The API key that made the change, if any.
  std::vector<std::string> changed_fields;     ///< Field names changed (update events); else empty.
  /// The object as the API would return it, as raw JSON text; nullopt for null or absent (delete
  /// events, or events older than an hour seen by a non-admin).
  std::optional<std::string> data;
  /// Update events: the earlier values of the changed fields; delete events: the deleted object.
  /// Raw JSON text; nullopt for null or absent.
  std::optional<std::string> previous_data;
  /// The open-ended `meta` object (request_method, request_path, ...) as raw JSON text, if sent.
  std::optional<std::string> meta;

  /// `data` read as a Call for "activity.call" events; nullopt for other object types and when
  /// `data` is absent. @throws closeio::DecodeError when `data` is present but not a valid Call.
  std::optional<Call> as_call() const;
  /// `data` read as a Meeting for "activity.meeting" events; nullopt for other object types and
  /// when `data` is absent. @throws closeio::DecodeError when `data` is not a valid Meeting.
  std::optional<Meeting> as_meeting() const;

  /// Field-by-field equality (raw JSON compared as text).
  friend bool operator==(const Event& a, const Event& b) {
    return a.id == b.id && a.object_type == b.object_type && a.object_id == b.object_id &&
           a.action == b.action && a.date_created == b.date_created &&
           a.date_updated == b.date_updated && a.organization_id == b.organization_id &&
           a.user_id == b.user_id && a.lead_id == b.lead_id && a.request_id == b.request_id &&
           a.api_key_id == b.api_key_id && a.changed_fields == b.changed_fields &&
           a.data == b.data && a.previous_data == b.previous_data && a.meta == b.meta;
  }
  /// Negation of operator==.
  friend bool operator!=(const Event& a, const Event& b) { return !(a == b); }
};

}  // namespace closeio
