// The emulator's calls and meetings: what Close stores for each activity beyond the public
// Call and Meeting models, the filters of the activity lists, and thread-safe storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/meeting.hpp"
#include "closeio/timestamp.hpp"

namespace closeio::testing::internal {

/// A call as the emulator keeps it: the public model plus the keys Close also answers with.
struct StoredCall {
  Call call;
  std::string source = "External";  ///< "External" (logged) or "Close.io" (Close's VoIP).
  std::optional<std::string> created_by;
  std::optional<std::string> updated_by;
  std::string note_html;  ///< Rich-text twin of call.note; setting one rewrites the other.
  std::optional<std::string> recording_url;  ///< https:// only.
  std::optional<std::string> voicemail_url;  ///< https:// only.
  std::uint64_t sequence = 0;                ///< Insertion order; breaks date_created ties.
};

/// A meeting as the emulator keeps it.
struct StoredMeeting {
  Meeting meeting;
  std::optional<std::string> contact_id;
  std::optional<std::string> created_by;
  std::optional<std::string> updated_by;
  std::optional<std::string> outcome_reason;  ///< "user-selected" once set through the API.
  std::optional<std::string> user_note;
  std::optional<std::string> user_note_html;
  std::optional<Timestamp> user_note_date_updated;
  std::uint64_t sequence = 0;  ///< Insertion order; breaks date_created ties.
};

/// Bounds on one timestamp; unset bounds admit everything. A null timestamp (an activity
/// without activity_at) fails every set bound.
struct TimeBounds {
  std::optional<Timestamp> gt, gte, lt, lte;
  bool admits(const std::optional<Timestamp>& t) const;
};

/// The filters of an activity list. An empty id list admits every value.
struct ActivityQuery {
  std::vector<std::string> ids;          ///< id__in
  std::vector<std::string> lead_ids;     ///< lead_id
  std::vector<std::string> user_ids;     ///< user_id
  std::vector<std::string> contact_ids;  ///< contact_id
  TimeBounds date_created;               ///< date_created__gt/__gte/__lt/__lte
  TimeBounds activity_at;                ///< activity_at__gt/__gte/__lt/__lte
};

/// One page of an activity list.
template <typename Record>
struct ActivityPage {
  std::vector<Record> items;
  bool has_more = false;  ///< skip + items.size() < matches.
};

/// Thread-safe storage of calls and meetings. Ids ("acti_" + 43 base62 characters) are unique
/// across both. Lists are newest first (date_created descending, later insertions first on a
/// tie); Close does not document its order, so clients must not rely on it.
class FakeActivityStore {
 public:
  FakeActivityStore();

  /// Stores `call` under a new id (set in the returned copy); every other member as given.
  StoredCall add_call(StoredCall call);
  /// Stores `meeting` under a new id (set in the returned copy).
  StoredMeeting add_meeting(StoredMeeting meeting);
  std::optional<StoredCall> find_call(const std::string& id) const;
  std::optional<StoredMeeting> find_meeting(const std::string& id) const;
  /// Applies `change` under the lock; std::nullopt for an unknown id.
  std::optional<StoredCall> update_call(const std::string& id,
                                        const std::function<void(StoredCall&)>& change);
  std::optional<StoredMeeting> update_meeting(const std::string& id,
                                              const std::function<void(StoredMeeting&)>& change);
  /// Deletes; returns the deleted record (for its delete event), std::nullopt for an unknown id.
  std::optional<StoredCall> remove_call(const std::string& id);
  std::optional<StoredMeeting> remove_meeting(const std::string& id);
  ActivityPage<StoredCall> calls(const ActivityQuery& query, std::size_t skip,
                                 std::size_t limit) const;
  ActivityPage<StoredMeeting> meetings(const ActivityQuery& query, std::size_t skip,
                                       std::size_t limit) const;
  /// Every call / meeting, newest first.
  std::vector<StoredCall> all_calls() const;
  std::vector<StoredMeeting> all_meetings() const;
  /// Deletes every call and meeting.
  void clear();

 private:
  std::string new_id();

  mutable std::mutex mutex_;
  std::vector<StoredCall> calls_;        // insertion order
  std::vector<StoredMeeting> meetings_;  // insertion order
  std::unordered_set<std::string> ids_;  // both kinds
  std::uint64_t next_sequence_ = 0;
  std::mt19937_64 random_;
};

}  // namespace closeio::testing::internal
