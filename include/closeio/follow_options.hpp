/// @file
/// closeio::FollowOptions: how an EventFollower reads Close's Event Log.
#pragma once

#include <chrono>
#include <cstddef>

namespace closeio {

/// How an EventFollower reads the Event Log. EventFollower's constructor throws
/// std::invalid_argument for values outside the ranges given.
struct FollowOptions {
  /// How far back below the newest event delivered every pass reads again, because Close's
  /// cursors are not a stream: events can become visible out of order and be consolidated
  /// (Close advises five minutes). 1 s to 30 days. Default: 5 minutes.
  std::chrono::seconds rescan_window = std::chrono::minutes(5);
  /// The wait between the end of one pass and the start of the next in EventFollower::follow().
  /// 0 to 24 hours. Default: 10 seconds.
  std::chrono::milliseconds interval = std::chrono::seconds(10);
  /// At most this many (event id, date_updated) deliveries remembered for the rescan; when more
  /// fall inside the rescan window, the oldest are forgotten and the floor rises above them (an
  /// event that becomes visible later below the floor is then not delivered: never twice, but
  /// possibly lost). 1 or more. Default: 100,000.
  std::size_t max_remembered = 100'000;
  /// At most this many events delivered by one pass (the oldest first; the rest come with the
  /// next pass), which bounds the memory of catching up on a long stretch of the log. 1 or more.
  /// Default: 10,000.
  std::size_t max_batch = 10'000;
  /// Events per page request (`_limit`): 1 to 50 (Close's cap). Default: 50.
  int page_size = 50;
};

}  // namespace closeio
