// The Event Log entries a change of a call or meeting makes: created, updated (changed_fields
// and previous_data from the object before and after), deleted, and the actions of EVENTS.md §4
// that the emulator's own state changes make meaningful.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_activity_store.hpp"
#include "testing/fake_event_log.hpp"

namespace closeio::testing::internal {

/// Who and what caused a change: the same for every event of one HTTP request.
struct EventOrigin {
  std::optional<std::string> request_id;  ///< "req_...", one per request; null for seeding.
  std::optional<std::string> user_id;     ///< The credentials' user; null for seeding.
  std::optional<std::string> api_key_id;  ///< Set when the request used the API key.
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();  ///< request_method, _path.
};

/// The origin of the events of `request` (a new request id, the options' user, api_key_id
/// when authenticated with the API key, meta with the method and path).
EventOrigin origin_of(const RecordedRequest& request, const FakeCloseServerOptions& options,
                      FakeEventLog& log);

/// `activity.call` `created`.
void record_call_created(FakeEventLog& log, const StoredCall& call, const EventOrigin& origin);
/// `activity.call` `updated` when something besides date_updated and updated_by changed; then
/// `answered` when the status went created -> in-progress, `completed` when it went from
/// created or in-progress to an ended status.
void record_call_updated(FakeEventLog& log, const StoredCall& before, const StoredCall& after,
                         const EventOrigin& origin);
/// `activity.call` `deleted`: data null, previous_data the deleted call.
void record_call_deleted(FakeEventLog& log, const StoredCall& call, const EventOrigin& origin);

/// `activity.meeting` `created`, then `scheduled` when it is upcoming.
void record_meeting_created(FakeEventLog& log, const StoredMeeting& meeting,
                            const EventOrigin& origin);
/// `activity.meeting` `updated` as for calls; then, on a status change, `scheduled`
/// (upcoming), `started` (in-progress), `completed` or `canceled`.
void record_meeting_updated(FakeEventLog& log, const StoredMeeting& before,
                            const StoredMeeting& after, const EventOrigin& origin);
/// `activity.meeting` `deleted`.
void record_meeting_deleted(FakeEventLog& log, const StoredMeeting& meeting,
                            const EventOrigin& origin);

}  // namespace closeio::testing::internal
