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
  /// date_updated at or before this (catching up on a backlog: see FollowerCore); nullopt: no
  /// bound.
  std::optional<Timestamp> updated_until;
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
  /// True when the last finished pass left new events for the next one: it delivered a full
  /// batch, or it read only the oldest part of a backlog.
  bool behind() const { return behind_; }

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
  // Catching up: the upper bound of the next pass, from the samples of the last full walk.
  std::optional<Timestamp> choose_bound() const;
  void sample(Timestamp date);
  void update_samples();

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
  std::optional<Timestamp> bound_;  // updated_until of this pass.
  bool trimmed_ = false;            // This pass found more than max_batch new events.

  // Catching up on a backlog without reading it whole on every pass: a walk with no upper bound
  // keeps the date of every sample_step_-th event it reads, a sketch of where the backlog's
  // events lie. The next passes read only up to the date below which about max_batch new events
  // lie, until the sketch is used up; then a walk with no bound reads the rest (and sketches
  // it, if it is long). Events above a bound are read by a later pass: nothing is skipped.
  std::vector<Timestamp> samples_;       // Ascending, all above the high-water mark.
  std::size_t sample_step_ = 1;          // Events read per sample in samples_.
  std::vector<Timestamp> pass_samples_;  // The sketch of the walk under way.
  std::size_t pass_step_ = 1;
  std::size_t pass_read_ = 0;             // Events read by the walk under way.
  std::optional<Timestamp> pass_newest_;  // The newest date the walk under way read.
  // The newest date of the last walk with no bound, minus the rescan window: events up to it
  // were all visible then (Close: events become visible within five minutes), so a pass bounded
  // below it need not rescan below the high-water mark: nothing there is new.
  std::optional<Timestamp> settled_;
  bool behind_ = false;
};

/// One blocking pass of `core` over `load` (which fetches one page or throws); on an exception
/// the pass is abandoned and the exception passes on.
std::vector<Event> run_pass(FollowerCore& core,
                            const std::function<FollowerPage(const FollowerPageRequest&)>& load);

}  // namespace closeio::internal
