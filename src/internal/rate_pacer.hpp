// Client-side pacing by the server's RateLimit figures, shared by every call of one session:
// blocking calls wait for the window here, the asynchronous engine asks without waiting and
// sets a timer. Both count each other's requests in flight.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>

#include "closeio/cancellation.hpp"
#include "closeio/errors.hpp"
#include "internal/http_transport.hpp"

namespace closeio::internal {

/// How many more requests may start before the server's rate-limit window resets.
///
/// Within a window, the answer with the fewest `remaining` is the one the server counted last,
/// so no answer seen was counted after it: only the session's requests still on their way
/// (started before or after it), and those started after it that ended without figures, may be
/// missing from its figures. They come off what it says is left; a request answered with
/// figures of the same window is in them already, whenever it started (answers arrive out of
/// order over several connections, so taking the lowest estimate over all answers, or taking
/// off every request started after the reference, would waste part of every window). Until the
/// window ends (its `reset`, measured from when the answer arrived, which is never earlier than the
/// server's own end), no more start. Once it ends, the next window holds the last `limit`
/// reported, less the requests still in flight (they may land in it), until an answer from the
/// new window gives its figures. Answers that straggle in from an older window are ignored. No
/// figures yet: no limit. A window that would hold a request longer than `max_wait` holds
/// nothing.
///
/// Thread-safe. Every request that starts must be counted with try_acquire() or acquire() and
/// ended with release(), exactly once.
class RatePacer {
 public:
  using Clock = std::chrono::steady_clock;
  /// Identifies a request counted as started: its place in the order of starts.
  using Ticket = std::uint64_t;

  /// How a blocking acquire() ended.
  enum class Wait {
    acquired,       ///< The request may start; call release() when it ends.
    cancelled,      ///< The token fired first.
    past_deadline,  ///< The window opens only after the deadline (or the deadline passed).
  };

  /// `max_wait`: the longest a request is held for the window (ClientOptions::
  /// max_rate_limit_wait). A request the window would hold longer starts at once, as without
  /// pacing, so that the server's 429 reaches the caller as a RateLimitError, as the retry
  /// policy does for a 429 asking for a longer wait.
  explicit RatePacer(std::chrono::milliseconds max_wait = std::chrono::milliseconds::max())
      : max_wait_(max_wait) {}
  RatePacer(const RatePacer&) = delete;
  RatePacer& operator=(const RatePacer&) = delete;

  /// Counts one request as started when the window allows it now; never blocks.
  std::optional<Ticket> try_acquire(Clock::time_point now = Clock::now());

  /// When a refused try_acquire() can next succeed without another request ending: the end of
  /// the current window. std::nullopt when only release() can open a slot, or when a request
  /// may start now.
  std::optional<Clock::time_point> next_opening(Clock::time_point now = Clock::now()) const;

  /// Blocks until the window lets one request start (and counts it), `token` fires, or the
  /// window would open only after `deadline`. Wakes at once on cancellation (no polling).
  /// `ticket` is set when acquired.
  Wait acquire(const CancellationToken& token, std::optional<Clock::time_point> deadline,
               Ticket& ticket);

  /// Ends the request `ticket` counted by try_acquire()/acquire(). `headers` are its answer's
  /// (nullptr when no HTTP answer came): their RateLimit figures are learned. Wakes blocking
  /// waiters and, when `wake_engine`, the asynchronous engine (its own releases need not).
  void release(Ticket ticket, const HttpHeaders* headers, bool wake_engine = true,
               Clock::time_point now = Clock::now());
  /// release() with the answer's figures already read (nullptr: none to learn).
  void release_with(Ticket ticket, const RateLimitInfo* figures, bool wake_engine = true,
                    Clock::time_point now = Clock::now());
  /// release() after an attempt: its figures are learned only when an HTTP answer came.
  void release(Ticket ticket, const HttpResult& result, bool wake_engine = true) {
    release_with(ticket,
                 result.failure == TransportFailure::none && result.rate_limit ? &*result.rate_limit
                                                                               : nullptr,
                 wake_engine);
  }

  /// Called after a release() that may have opened a slot, so that the asynchronous engine
  /// retries its queue. Must be quick and must not call back into this pacer. Once
  /// set_engine_wake() returns, the previous function is not running and will not run.
  void set_engine_wake(std::function<void()> wake);

  /// Requests counted and not yet released.
  long long in_flight() const;

 private:
  long long budget_locked() const;
  std::optional<Ticket> take_locked(Clock::time_point now);
  std::optional<Clock::time_point> opening_locked(Clock::time_point now) const;
  // Learns an answer's figures. True when they are the current window's (the request is then
  // in the reference's figures); false when ignored (malformed, or an older window's).
  bool learn_locked(Ticket ticket, const RateLimitInfo& info, Clock::time_point now);

  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // A release, or a cancellation of a waiting call.
  std::set<Ticket> in_flight_;       // Tickets counted and not yet released.
  // Released without the current window's figures: the server may have counted them. Those
  // from reference_first_ on come off the budget; older ones are kept while a reference could
  // still move back before them.
  std::set<Ticket> unconfirmed_;
  Ticket started_ = 0;  // Requests started so far; the next one's ticket.
  // The current window's estimated end. No end: the window is unknown.
  std::optional<Clock::time_point> window_end_;
  // What is left in the window according to the reference answer (or, in an unknown window,
  // the last limit reported); requests from ticket `reference_first_` on, and those before it
  // still in flight, come off it. None: no limit known.
  std::optional<long long> reference_remaining_;
  Ticket reference_first_ = 0;
  std::optional<long long> limit_;
  // The end of the window that ended last, to tell its stragglers from a new window's answers.
  std::optional<Clock::time_point> last_end_;
  // The longest reset seen: about the window's length.
  std::chrono::milliseconds window_length_{0};

  std::mutex wake_mutex_;  // Held while engine_wake_ runs, so that clearing it is safe.
  std::function<void()> engine_wake_;
};

}  // namespace closeio::internal
