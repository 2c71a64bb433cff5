/// @file
/// closeio::EventPosition: where an EventFollower stands in Close's Event Log, as a value a
/// program can store and resume from.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// Where an EventFollower stands: the newest `date_updated` it has delivered (the high-water
/// mark), the floor below which it delivers nothing, and the (event id, date_updated) pairs it
/// has delivered at or above the floor, so that rescanning the last minutes of the log delivers
/// none of them twice. Its size is bounded by the events of one rescan window (and by
/// FollowOptions::max_remembered).
///
/// Store to_string() after each batch and resume with parse(): a follower built from the parsed
/// position delivers neither an event it delivered before nor skips one it had not.
///
/// @code
/// closeio::EventPosition start = closeio::EventPosition::parse(text_from_disk);
/// @endcode
///
/// @par Thread safety
/// A plain value: one thread at a time.
class CLOSEIO_EXPORT EventPosition {
 public:
  /// One remembered delivery: the event id and the `date_updated` it was delivered with (UTC).
  using Delivery = std::pair<std::string, Timestamp>;

  /// "From now": the follower's first pass records what the log already holds and delivers none
  /// of it; later passes deliver what appears after. Uses Close's dates, not the local clock.
  EventPosition() = default;
  /// Delivers every event whose `date_updated` is at or after `since` (UTC); Close keeps 30 days.
  static EventPosition since(Timestamp since);
  /// Reads the text to_string() wrote. Hostile text is refused with std::invalid_argument (a
  /// message that quotes none of it): another format or version, a line longer than 512
  /// characters, an id that is empty or not made of [A-Za-z0-9_-] (at most 128 characters),
  /// a bad timestamp, a delivery below the floor or above the high-water mark, a repeated id,
  /// more than `max_remembered` deliveries, or more than 64 MiB of text.
  static EventPosition parse(std::string_view text, std::size_t max_remembered = 1'000'000);

  /// A text form: a "closeio-event-position 1" line, then "floor", "high_water" and one "seen"
  /// line per remembered delivery, then "end" (so a truncated file is refused). ASCII, one fact
  /// per line, timestamps as format_timestamp() writes them.
  std::string to_string() const;

  /// True for a default-constructed position that has not been used by a follower yet.
  bool from_now() const noexcept { return from_now_; }
  /// Events with an older `date_updated` are never delivered. Meaningless when from_now().
  Timestamp floor() const noexcept { return floor_; }
  /// The newest `date_updated` delivered or recorded; nullopt before the first one.
  std::optional<Timestamp> high_water() const noexcept { return high_water_; }
  /// The deliveries remembered at or above the floor, oldest first (ties by id).
  const std::vector<Delivery>& remembered() const noexcept { return remembered_; }

  /// Builds a position from its parts (what a follower does); throws std::invalid_argument for
  /// the inconsistencies parse() refuses. `remembered` may come in any order.
  static EventPosition from_parts(Timestamp floor, std::optional<Timestamp> high_water,
                                  std::vector<Delivery> remembered);

  /// Equal parts.
  friend bool operator==(const EventPosition& a, const EventPosition& b) {
    return a.from_now_ == b.from_now_ && a.floor_ == b.floor_ && a.high_water_ == b.high_water_ &&
           a.remembered_ == b.remembered_;
  }
  /// Negation of operator==.
  friend bool operator!=(const EventPosition& a, const EventPosition& b) { return !(a == b); }

 private:
  bool from_now_ = true;
  Timestamp floor_{};
  std::optional<Timestamp> high_water_;
  std::vector<Delivery> remembered_;
};

}  // namespace closeio
