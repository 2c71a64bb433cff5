// The Event Log follower's logic with no I/O: a pass asks for pages (newest first, as Close
// returns them), takes each answer, and ends with a batch oldest first and a new position. The
// blocking and the asynchronous EventFollower drive the same core; the unit tests drive it over
// an in-memory log.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "closeio/event.hpp"
#include "closeio/event_position.hpp"
#include "closeio/follow_options.hpp"
#include "closeio/timestamp.hpp"

namespace closeio::internal {

/// One page to fetch: the events with date_updated at or after `updated_since` (no bound when
/// nullopt), starting at `cursor` ("" for the newest page).
struct EventPageRequest {
  std::optional<Timestamp> updated_since;
  std::string cursor;
};

/// One page of the log, newest first; `cursor_next` ("" when there is none) leads to older events.
struct EventLogPage {
  std::vector<Event> events;
  std::string cursor_next;
};

/// Throws std::invalid_argument for options outside FollowOptions' documented ranges.
void check_follow_options(const FollowOptions& options);

class FollowerCore {
 public:
  /// Throws std::invalid_argument for bad options.
  FollowerCore(EventPosition start, FollowOptions options);

  /// Starts a pass (abandoning one left unfinished) and returns its first page request.
  EventPageRequest begin_pass();
  /// Takes the answer to the last request; returns the next request, or nullopt when the pass
  /// has read everything it needs. Throws DecodeError when the log repeats a cursor (a walk that
  /// would never end).
  std::optional<EventPageRequest> take_page(EventLogPage page);
  /// Ends the pass: the new events oldest first (at most max_batch); the position moves past them.
  std::vector<Event> finish_pass();
  /// Forgets an unfinished pass (its request failed): the position stays where it was.
  void abandon_pass();

  /// The position after the last finished pass.
  EventPosition position() const;

 private:
  EventPageRequest request(std::string cursor) const;
  void forget_below_floor();

  FollowOptions options_;
  bool baseline_;  // From now: the first pass records what is there and delivers nothing.
  Timestamp floor_{};
  std::optional<Timestamp> high_water_;
  std::unordered_map<std::string, Timestamp> delivered_;  // id -> newest date_updated delivered.

  // The pass under way.
  std::deque<Event> pass_;  // Newest first, as received; the newest are dropped past max_batch.
  std::unordered_set<std::string> cursors_;
  std::optional<Timestamp> baseline_cut_;
};

/// One blocking pass of `core` over `load` (which fetches one page or throws); on an exception
/// the pass is abandoned and the exception passes on.
std::vector<Event> run_pass(FollowerCore& core,
                            const std::function<EventLogPage(const EventPageRequest&)>& load);

}  // namespace closeio::internal
