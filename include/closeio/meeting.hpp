/// @file
/// The Meeting activity as Close returns it. Meetings are synced from calendars or made in the
/// app; the API reads them and puts outcomes on them but cannot create them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// Where a meeting stands. Wire values are the enumerator names with '-' for '_'.
enum class MeetingStatus {
  upcoming,          ///< "upcoming"
  in_progress,       ///< "in-progress"
  completed,         ///< "completed"
  canceled,          ///< "canceled"
  declined_by_lead,  ///< "declined-by-lead"
  declined_by_org,   ///< "declined-by-org"
  unknown,           ///< A value this SDK version does not know.
};

/// The wire name of `value`, e.g. "declined-by-lead"; "unknown" for MeetingStatus::unknown.
CLOSEIO_EXPORT std::string_view to_string(MeetingStatus value) noexcept;
/// Parses a wire name; any other text gives MeetingStatus::unknown.
CLOSEIO_EXPORT MeetingStatus meeting_status_from_string(std::string_view wire) noexcept;

/// A meeting as Close returns it (`GET /activity/meeting/{id}/`). Members Close may send as null
/// are std::optional (std::nullopt for null and for a key the answer left out); the others keep
/// their defaults when left out. Unknown keys are ignored.
struct CLOSEIO_EXPORT Meeting {
  std::string id;                         ///< "acti_..." identifier.
  std::string organization_id;            ///< "orga_..." of the owning organization.
  std::optional<std::string> lead_id;     ///< "lead_..." the meeting belongs to.
  std::optional<std::string> user_id;     ///< "user_..." who owns the meeting.
  std::optional<std::string> outcome_id;  ///< May name a deleted outcome.
  std::optional<MeetingStatus> status;    ///< Upcoming, completed, ...
  std::string title;                      ///< The calendar event's title.
  Timestamp starts_at{};                  ///< UTC. Default: the epoch.
  Timestamp ends_at{};                    ///< UTC. Default: the epoch.
  Timestamp date_created{};               ///< UTC; when synced or created. Default: the epoch.
  Timestamp date_updated{};               ///< UTC. Default: the epoch.

  /// Field-by-field equality.
  friend bool operator==(const Meeting& a, const Meeting& b) {
    return a.id == b.id && a.organization_id == b.organization_id && a.lead_id == b.lead_id &&
           a.user_id == b.user_id && a.outcome_id == b.outcome_id && a.status == b.status &&
           a.title == b.title && a.starts_at == b.starts_at && a.ends_at == b.ends_at &&
           a.date_created == b.date_created && a.date_updated == b.date_updated;
  }
  /// Negation of operator==.
  friend bool operator!=(const Meeting& a, const Meeting& b) { return !(a == b); }
};

}  // namespace closeio
