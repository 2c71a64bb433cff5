/// @file
/// closeio::EventFollower: follows Close's Event Log by polling, for programs that poll instead
/// of (or besides) receiving webhooks.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <vector>

#include "closeio/cancellation.hpp"
#include "closeio/event.hpp"
#include "closeio/event_filter.hpp"
#include "closeio/event_position.hpp"
#include "closeio/events_client.hpp"
#include "closeio/export.hpp"
#include "closeio/follow_options.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Follows the Event Log: each pass reads the events of its filters from the rescan window below
/// the newest event delivered (Close's cursors are not a stream: events become visible out of
/// order and are consolidated, and Close advises rescanning the last five minutes), and delivers
/// the new ones oldest first, exactly once per (event id, date_updated). A consolidated event
/// (the same id with a newer date_updated) is a new delivery; an older version of a delivered
/// event is not delivered. See docs/guides/follower.md.
///
/// Several filters are followed as one stream (Close allows `object_type` only with `action`, a
/// lead, a user or an object id, so "calls and meetings" takes several filters); an event that
/// matches more than one is delivered once.
///
/// After each batch, store position().to_string() (after the batch's work is done): a follower
/// built from the parsed text after a restart loses no event and delivers none twice, as long as
/// it resumes within Close's 30 days. An event that becomes visible more than
/// FollowOptions::rescan_window after newer ones were delivered is not delivered (that is what
/// the window bounds).
///
/// Every request goes through the session's RestCaller: paced by Close's RateLimit figures,
/// retried, and failing with the errors EventsClient documents.
///
/// @code
/// closeio::Session session(closeio::ClientOptions::from_env());
/// closeio::EventFilter calls;
/// calls.object_type = "activity.call";
/// calls.action = "updated";
/// closeio::EventFollower follower(session, {calls});
/// for (const closeio::Event& event : follower.poll()) { /* ... */ }
/// std::string stored = follower.position().to_string();
/// @endcode
///
/// @par Thread safety
/// poll() and position() may be called from any thread, one poll() at a time; follow() runs its
/// passes on the session's I/O thread and must not be mixed with poll().
class CLOSEIO_EXPORT EventFollower {
 public:
  /// Called with each non-empty batch (oldest first) and the position after it, on the
  /// session's I/O thread. It must not block (see "Asynchronous calls"); store the position
  /// here. Exceptions it throws stop the follow: `on_stop` receives them.
  using BatchHandler =
      std::function<void(const std::vector<Event>& batch, const EventPosition& position)>;
  /// Called once when follow() ends: with CancelledError when `stop` fired (or the session went
  /// away), else with the error that ended it. On the I/O thread. Not called when the follower
  /// is destroyed first.
  using StopHandler = std::function<void(std::exception_ptr why)>;

  /// Follows `filters` (1 or more; each as EventsClient checks it, with no date bounds: the
  /// follower sets them) over `session`, from `from` (default: from now).
  /// @throws std::invalid_argument for no filter, a filter EventsClient refuses or one with a date
  ///         bound, or FollowOptions out of range.
  EventFollower(const Session& session, std::vector<EventFilter> filters,
                const EventPosition& from = {}, FollowOptions options = {});
  /// As above over any EventsClient (e.g. one with call options, or over a mock connection);
  /// `session` supplies the timers of follow(). poll() uses the client's call options as they
  /// are; follow() replaces them with its own cancellation (no per-call deadline).
  EventFollower(const Session& session, EventsClient events, std::vector<EventFilter> filters,
                const EventPosition& from = {}, FollowOptions options = {});
  /// Stops a follow() under way: once the destructor returns, no handler of it runs again.
  ~EventFollower();
  EventFollower(const EventFollower&) = delete;             ///< One follower, one position.
  EventFollower& operator=(const EventFollower&) = delete;  ///< One follower, one position.

  /// One pass, blocking: the new events, oldest first (at most FollowOptions::max_batch; the
  /// rest come with the next pass, and behind() says whether any are waiting). Catching up on a
  /// long backlog, a pass reads about a batch of it rather than all of it (see
  /// docs/guides/follower.md). The first pass of a follower started from now delivers
  /// nothing: it records what the log holds. On an exception (as EventsClient::list_page())
  /// the position does not move, so the next poll() delivers what this one would have.
  /// @throws std::logic_error on the session's I/O thread or while follow() runs.
  std::vector<Event> poll();

  /// Passes every FollowOptions::interval on the session's I/O thread (no thread of its own:
  /// the waits are timers of the session's I/O engine), each batch to `on_batch`, until `stop`
  /// fires or a pass fails; while behind() (catching up), the next pass starts at once. Returns
  /// at once.
  /// @throws std::logic_error when a follow() is already under way.
  void follow(BatchHandler on_batch, StopHandler on_stop, const CancellationToken& stop = {});

  /// The position after the last batch delivered (safe to call from a handler).
  EventPosition position() const;

  /// True when the last pass left new events for the next one: it delivered a full batch
  /// (FollowOptions::max_batch), or, catching up on a long backlog, it read only the oldest
  /// part of it. A program that polls can poll again at once while this is true; follow() does.
  /// False before the first pass.
  bool behind() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace closeio
