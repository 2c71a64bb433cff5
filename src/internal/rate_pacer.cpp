#include "internal/rate_pacer.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "internal/cancellation_state.hpp"
#include "internal/rate_limit_headers.hpp"

namespace closeio::internal {
namespace {

using std::chrono::milliseconds;

// How far apart two answers' window ends may be and still describe the same window: latency
// differences between answers shift the estimates, a new window moves them by its length.
constexpr milliseconds kMaxTolerance{500};

}  // namespace

long long RatePacer::budget_locked() const {
  // Every request in flight may reach the server after the reference: those started after it,
  // and those started before it that it overtook. A request that ended with figures of this
  // window was counted before the reference (the reference has the fewest left): it is in the
  // reference's figures already. One that ended without figures may or may not have been
  // counted; if it started after the reference, it comes off too.
  const auto unconfirmed = static_cast<long long>(
      std::distance(unconfirmed_.lower_bound(reference_first_), unconfirmed_.end()));
  return *reference_remaining_ - static_cast<long long>(in_flight_.size()) - unconfirmed;
}

std::optional<RatePacer::Ticket> RatePacer::take_locked(Clock::time_point now) {
  if (window_end_ && now >= *window_end_) {
    // The window is over. The next one holds the last limit reported, less the requests still
    // in flight: the server may count them in it.
    last_end_ = window_end_;
    window_end_.reset();
    reference_remaining_ = limit_;
    reference_first_ = started_;
  }
  if (reference_remaining_ && budget_locked() <= 0) {
    // Within a known window, wait for its end, unless it is too far away. In an unknown one,
    // wait for an answer to tell its figures, unless none is on its way.
    // (In milliseconds: max_wait_ may be milliseconds::max(), too large for the clock's unit.)
    const bool hold =
        window_end_ ? std::chrono::duration_cast<milliseconds>(*window_end_ - now) <= max_wait_
                    : !in_flight_.empty();
    if (hold) return std::nullopt;
  }
  in_flight_.insert(started_);
  return started_++;
}

std::optional<RatePacer::Clock::time_point> RatePacer::opening_locked(Clock::time_point now) const {
  if (!window_end_ || now >= *window_end_ || !reference_remaining_ || budget_locked() > 0) {
    return std::nullopt;
  }
  return window_end_;
}

bool RatePacer::learn_locked(Ticket ticket, const RateLimitInfo& info, Clock::time_point now) {
  if (!info.remaining || !info.reset) return false;
  if (info.limit && *info.limit > 0) limit_ = *info.limit;
  window_length_ = std::max(window_length_, *info.reset);
  const milliseconds tolerance = std::min(kMaxTolerance, window_length_ / 2);
  const Clock::time_point end = now + *info.reset;
  const auto refer_to_this = [&] {
    reference_remaining_ = *info.remaining;
    reference_first_ = ticket + 1;
  };
  if (window_end_) {
    if (end > *window_end_ + tolerance) {  // The server started a new window.
      window_end_ = end;
      refer_to_this();
      return true;
    }
    if (end + tolerance >= *window_end_) {
      // The same window. The answer with the fewest left was counted last: no answer seen was
      // counted after it, so only the requests still on their way, or ended unconfirmed, may
      // be missing from its figures.
      window_end_ = std::min(*window_end_, end);
      if (!reference_remaining_ || *info.remaining < *reference_remaining_) refer_to_this();
      return true;
    }
    // Otherwise the answer left the server in an older window: it says nothing about this one.
    return false;
  }
  if (last_end_ && end < *last_end_ + tolerance) return false;  // A straggler of the ended window.
  window_end_ = end;
  refer_to_this();
  return true;
}

std::optional<RatePacer::Ticket> RatePacer::try_acquire(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return take_locked(now);
}

std::optional<RatePacer::Clock::time_point> RatePacer::next_opening(Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return opening_locked(now);
}

RatePacer::Wait RatePacer::acquire(const CancellationToken& token,
                                   std::optional<Clock::time_point> deadline, Ticket& ticket) {
  if (token.cancelled()) return Wait::cancelled;
  if (const std::optional<Ticket> taken = try_acquire()) {
    ticket = *taken;  // The common case: no listener to register.
    return Wait::acquired;
  }

  // Registered outside mutex_: cancel() calls listeners with the token's own mutex held, and
  // the listener takes mutex_ (so that a waiter between its check and its wait is not missed).
  const std::shared_ptr<CancellationState>& state = CancellationAccess::state(token);
  std::uint64_t listener = 0;
  if (state) {
    listener = state->add_listener([this] {
      { std::lock_guard<std::mutex> lock(mutex_); }
      changed_.notify_all();
    });
  }
  Wait result = Wait::acquired;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (token.cancelled()) {
        result = Wait::cancelled;
        break;
      }
      const Clock::time_point now = Clock::now();
      if (const std::optional<Ticket> taken = take_locked(now)) {
        ticket = *taken;
        break;
      }
      const std::optional<Clock::time_point> opening = opening_locked(now);
      if (deadline && (now >= *deadline || (opening && *opening > *deadline))) {
        result = Wait::past_deadline;  // Waiting cannot help: say so now.
        break;
      }
      if (opening) {
        changed_.wait_until(lock, *opening);
      } else if (deadline) {
        changed_.wait_until(lock, *deadline);
      } else {
        changed_.wait(lock);
      }
    }
  }
  if (state) state->remove_listener(listener);
  return result;
}

void RatePacer::release(Ticket ticket, const HttpHeaders* headers, bool wake_engine,
                        Clock::time_point now) {
  std::optional<RateLimitInfo> figures;
  if (headers) figures = parse_rate_limit_info(*headers, std::chrono::system_clock::now());
  release_with(ticket, figures ? &*figures : nullptr, wake_engine, now);
}

void RatePacer::release_with(Ticket ticket, const RateLimitInfo* figures, bool wake_engine,
                             Clock::time_point now) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_flight_.erase(ticket);
    // An answer whose figures are not of the current window (none, or an older window's)
    // does not show whether the server counted the request in it.
    const bool accounted = figures && learn_locked(ticket, *figures, now);
    if (!accounted) unconfirmed_.insert(ticket);
    // Only tickets from the reference on count, and a later reference can only be a request
    // still in flight or yet to start (one started earlier may be counted later): tickets below
    // all of those never count again.
    const Ticket lowest =
        std::min(reference_first_, in_flight_.empty() ? started_ : *in_flight_.begin());
    unconfirmed_.erase(unconfirmed_.begin(), unconfirmed_.lower_bound(lowest));
  }
  changed_.notify_all();
  if (wake_engine) {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    if (engine_wake_) engine_wake_();
  }
}

void RatePacer::set_engine_wake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(wake_mutex_);
  engine_wake_ = std::move(wake);
}

long long RatePacer::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<long long>(in_flight_.size());
}

}  // namespace closeio::internal
