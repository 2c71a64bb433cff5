// The emulator's Event Log: what changed through it, in Close's event shape, kept bounded in
// count and age, ordered newest first by (date_updated, insertion) so that positions in it stay
// valid while new events arrive. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "closeio/event.hpp"
#include "closeio/timestamp.hpp"
#include "testing/fake_activity_store.hpp"

namespace closeio::testing::internal {

/// What a new event says; the log adds id, organization and (unless given) the dates.
struct EventRecord {
  std::string object_type;  ///< "activity.call", "activity.meeting", ...
  std::string object_id;
  std::string action;  ///< "created", "updated", "deleted", "completed", ...
  std::optional<std::string> user_id, lead_id, request_id, api_key_id;
  std::vector<std::string> changed_fields;
  nlohmann::ordered_json data = nullptr;           ///< The object as the API answers it, or null.
  nlohmann::ordered_json previous_data = nullptr;  ///< Earlier values / the deleted object.
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  std::optional<Timestamp> date_created;  ///< Default: now.
  std::optional<Timestamp> date_updated;  ///< Default: date_created.
};

/// Where an event sits in the log's order: later date_updated is newer, then later insertion.
struct EventKey {
  std::int64_t micros = 0;  ///< date_updated, microseconds since the epoch.
  std::uint64_t sequence = 0;
  friend bool operator<(const EventKey& a, const EventKey& b) {
    return a.micros != b.micros ? a.micros < b.micros : a.sequence < b.sequence;
  }
};

/// An event as stored: the keys the filters read and its JSON text, encoded once.
struct StoredEvent {
  EventKey key;
  std::string id;
  std::string object_type, object_id, action;
  std::optional<std::string> user_id, lead_id, request_id;
  Timestamp date_created{}, date_updated{};
  std::string json;  ///< The whole event as `GET /event/{id}/` answers it.
};

/// The filters of `GET /event/`; unset ones admit everything.
struct EventFilter {
  std::optional<std::string> object_type, object_id, action, lead_id, user_id, request_id;
  TimeBounds date_updated;
};

/// One page of the log, newest first, with the positions of its ends when more events match
/// beyond them (older after `items.back()`, newer before `items.front()`).
struct EventPage {
  std::vector<StoredEvent> items;
  std::optional<EventKey> older;  ///< Continue older after this key; nullopt: nothing older.
  std::optional<EventKey> newer;  ///< Continue newer after this key; nullopt: nothing newer.
};

/// "2019-01-15T12:48:23.395000": UTC without an offset, as Close writes an event's own dates.
std::string format_event_timestamp(Timestamp t);

/// Thread-safe, bounded event log.
class FakeEventLog {
 public:
  /// Called with every appended event, outside the log's lock (delivery to webhooks).
  using Listener = std::function<void(const StoredEvent&)>;

  /// Keeps at most `capacity` events (the oldest go first) and none whose date_updated is
  /// older than `retention`.
  FakeEventLog(std::string organization_id, std::size_t capacity,
               std::chrono::milliseconds retention);

  /// Sets the listener; call before events are appended.
  void set_listener(Listener listener);
  /// Stores a new event ("ev_..." id) and tells the listener; returns it.
  StoredEvent append(EventRecord record);
  /// The event with this id, unless evicted or older than the retention.
  std::optional<StoredEvent> find(const std::string& id) const;
  /// Up to `limit` matching events older than `after` (newest first), or, when `newer` is
  /// true, the `limit` matching events closest to and newer than `after`.
  EventPage page(const EventFilter& filter, const std::optional<EventKey>& after, bool newer,
                 std::size_t limit) const;
  /// Every retained event, newest first.
  std::vector<StoredEvent> all() const;
  std::size_t size() const;
  void clear();
  /// A new "req_..." id for the events of one HTTP request.
  std::string new_request_id();

 private:
  bool expired(const StoredEvent& event, std::int64_t now_micros) const;
  std::string random_id(const char* prefix, std::size_t length);

  const std::string organization_id_;
  const std::size_t capacity_;
  const std::chrono::milliseconds retention_;
  Listener listener_;
  mutable std::mutex mutex_;
  std::map<EventKey, StoredEvent> events_;           // oldest first
  std::unordered_map<std::string, EventKey> by_id_;  // id -> key
  std::uint64_t next_sequence_ = 0;
  Timestamp last_stamp_{};  ///< The latest date the log assigned itself.
  std::mt19937_64 random_;
};

/// The public model of a stored event (read back from its JSON text).
Event to_public_event(const StoredEvent& event);

/// True when `event` passes every set member of `filter`.
bool matches(const StoredEvent& event, const EventFilter& filter);

}  // namespace closeio::testing::internal
