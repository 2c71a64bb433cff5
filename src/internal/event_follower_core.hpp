// The Event Log follower's logic with no I/O: a pass asks for pages (newest first, as Close
// returns them), takes each answer, and ends with a batch oldest first and a new position. The
// blocking and the asynchronous EventFollower drive the same core; the unit tests drive it over
// an in-memory log.
#pragma once

#include <cstddef>
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

/// One page to fetch: of walk `stream` (one per filter the follower was given), the events with
/// date_updated at or after `updated_since` (no bound when nullopt), starting at `cursor` ("" for
/// the newest page).
struct FollowerPageRequest {
  std::size_t stream = 0;
  std::optional<Timestamp> updated_since;
  std::string cursor;
};

/// One page of the log, newest first; `cursor_next` ("" when there is none) leads to older events.
struct FollowerPage {
  std::vector<Event> events;
  std::string cursor_next;
};

/// Throws std::invalid_argument for options outside FollowOptions' documented ranges.
void check_follow_options(const FollowOptions& options);

class FollowerCore {
 public:
  /// Follows `streams` walks of the log (one per filter; 1 or more) as one: their events are
  /// merged, deduplicated and delivered oldest first. Throws std::invalid_argument for bad
  /// options.
  FollowerCore(const EventPosition& start, FollowOptions options, std::size_t streams = 1);

  /// Starts a pass (abandoning one left unfinished) and returns its first page request.
  FollowerPageRequest begin_pass();
  /// Takes the answer to the last request; returns the next request, or nullopt when the pass
  /// has read everything it needs. Throws DecodeError when the log repeats a cursor (a walk that
  /// would never end).
  std::optional<FollowerPageRequest> take_page(FollowerPage page);
  /// Ends the pass: the new events oldest first (at most max_batch); the position moves past them.
  std::vector<Event> finish_pass();
  /// Forgets an unfinished pass (its request failed): the position stays where it was.
  void abandon_pass();

  /// The position after the last finished pass.
  EventPosition position() const;

 private:
  struct Pending {
    Event event;
    std::size_t stream;
    std::size_t sequence;  // Order of arrival in the pass.
  };
  // The positions in pass_ in delivery order (date_updated, then stream, then the reverse of
  // the log's order), only the first `keep` of them (sorting small
  // indices, not whole events).
  std::vector<std::size_t> delivery_order(std::size_t keep) const;
  // Keeps the max_batch first to deliver.
  void trim_pass();

  FollowerPageRequest request(std::size_t stream, std::string cursor) const;
  void keep(Event event);
  void forget_below_floor();

  FollowOptions options_;
  std::size_t streams_;
  bool baseline_;  // From now: the first pass records what is there and delivers nothing.
  Timestamp floor_{};
  std::optional<Timestamp> high_water_;
  std::unordered_map<std::string, Timestamp> delivered_;  // id -> newest date_updated delivered.

  // The pass under way.
  // In arrival order; trimmed to the max_batch first to deliver when it reaches twice that.
  std::vector<Pending> pass_;
  std::size_t stream_ = 0;
  std::size_t sequence_ = 0;
  std::unordered_set<std::string> cursors_;
  std::optional<Timestamp> baseline_cut_;
};

/// One blocking pass of `core` over `load` (which fetches one page or throws); on an exception
/// the pass is abandoned and the exception passes on.
std::vector<Event> run_pass(FollowerCore& core,
                            const std::function<FollowerPage(const FollowerPageRequest&)>& load);

}  // namespace closeio::internal
