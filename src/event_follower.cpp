// EventFollower: drives the follower core (src/internal/event_follower_core.*) over an
// EventsClient, blocking (poll) or as a chain of asynchronous calls and session timers on the
// I/O thread (follow), with no thread of its own.
#include "closeio/event_follower.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"
#include "internal/cancellation_state.hpp"
#include "internal/event_filter_query.hpp"
#include "internal/event_follower_core.hpp"
#include "internal/rest_caller.hpp"
#include "internal/session_access.hpp"

namespace closeio {

namespace {

std::vector<EventFilter> checked_filters(std::vector<EventFilter> filters) {
  if (filters.empty()) throw std::invalid_argument("closeio: EventFollower needs a filter");
  for (const EventFilter& f : filters) {
    if (f.updated_since || f.updated_until) {
      throw std::invalid_argument(
          "closeio: EventFollower sets the date bounds of its filters itself; leave "
          "updated_since and updated_until unset");
    }
  }
  return filters;
}

internal::FollowerPage to_log_page(CursorPage<Event> page) {
  internal::FollowerPage out;
  out.events = std::move(page.data);
  out.cursor_next = page.cursor_next.value_or("");
  return out;
}

}  // namespace

struct EventFollower::State : std::enable_shared_from_this<State> {
  State(const Session& session, EventsClient client, std::vector<EventFilter> f,
        const EventPosition& from, FollowOptions o)
      : caller(internal::SessionAccess::core(session)),
        events(std::move(client)),
        filters(checked_filters(std::move(f))),
        options(o),
        core(from, o, filters.size()) {
    // Each filter must be one EventsClient sends: refused here, before any pass.
    for (const EventFilter& filter : filters) internal::require_valid_event_filter(filter);
  }
  ~State() {
    if (user_stop_state) user_stop_state->remove_listener(user_stop_listener);
  }

  EventFilter filter_for(const internal::FollowerPageRequest& r) const {
    EventFilter f = filters.at(r.stream);
    f.updated_since = r.updated_since;
    f.updated_until = r.updated_until;
    return f;
  }
  EventListOptions page_options(const internal::FollowerPageRequest& r) const {
    EventListOptions o;
    o.limit = options.page_size;
    o.cursor = r.cursor;
    return o;
  }

  // follow(): one request of a pass, its answer, the end of the pass, the wait.
  void request_page(const internal::FollowerPageRequest& request) {
    if (own_stop.cancelled()) return end(nullptr);
    try {
      follow_events.list_page_async(
          filter_for(request), page_options(request),
          [self = shared_from_this()](AsyncResult<CursorPage<Event>> answer) {
            self->take_answer(std::move(answer));
          });
    } catch (...) {
      end(std::current_exception());
    }
  }

  void take_answer(AsyncResult<CursorPage<Event>> answer) {
    std::optional<internal::FollowerPageRequest> next;
    std::vector<Event> batch;
    EventPosition position;
    bool behind = false;
    try {
      CursorPage<Event> page = std::move(answer).value();
      std::lock_guard<std::mutex> lock(mutex);
      next = core.take_page(to_log_page(std::move(page)));
      if (!next) {
        batch = core.finish_pass();
        position = core.position();
        behind = core.behind();
      }
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        core.abandon_pass();
      }
      return end(std::current_exception());
    }
    if (next) return request_page(*next);
    if (!batch.empty()) {
      std::lock_guard<std::recursive_mutex> lock(gate);
      if (abandoned) return;
      try {
        on_batch(batch, position);
      } catch (...) {
        return end(std::current_exception());
      }
    }
    // Catching up, the next pass starts at once: the interval is for waiting on new events.
    caller->after(behind ? std::chrono::milliseconds(0) : options.interval, own_stop.token(),
                  [self = shared_from_this()](bool interrupted) {
                    if (interrupted) return self->end(nullptr);
                    self->begin_pass();
                  });
  }

  void begin_pass() {
    internal::FollowerPageRequest first;
    {
      std::lock_guard<std::mutex> lock(mutex);
      first = core.begin_pass();
    }
    request_page(first);
  }

  // Ends follow(): `why` null means stopped (CancelledError).
  void end(std::exception_ptr why) {
    if (!why) {
      why = std::make_exception_ptr(CancelledError("closeio: EventFollower::follow() stopped", 0));
    }
    std::lock_guard<std::recursive_mutex> lock(gate);
    if (abandoned) return;
    abandoned = true;  // One end per follow().
    if (on_stop) {
      try {
        on_stop(why);
      } catch (...) {  // NOLINT(bugprone-empty-catch): documented as dropped.
      }
    }
  }

  std::shared_ptr<internal::RestCaller> caller;
  EventsClient events;
  EventsClient follow_events = events;  // With the follow's cancellation.
  std::vector<EventFilter> filters;
  FollowOptions options;

  mutable std::mutex mutex;  // Guards core.
  internal::FollowerCore core;

  std::atomic<bool> following{false};
  std::recursive_mutex gate;  // Held while a handler runs; the destructor waits on it.
  bool abandoned = false;
  BatchHandler on_batch;
  StopHandler on_stop;
  CancellationSource own_stop;  // Cancelled by the destructor or by the user's token.
  std::shared_ptr<internal::CancellationState> user_stop_state;
  std::uint64_t user_stop_listener = 0;
};

EventFollower::EventFollower(const Session& session, std::vector<EventFilter> filters,
                             const EventPosition& from, FollowOptions options)
    : EventFollower(session, EventsClient(session), std::move(filters), from, options) {}

EventFollower::EventFollower(const Session& session, EventsClient events,
                             std::vector<EventFilter> filters, const EventPosition& from,
                             FollowOptions options)
    : state_(
          std::make_shared<State>(session, std::move(events), std::move(filters), from, options)) {}

EventFollower::~EventFollower() {
  {
    std::lock_guard<std::recursive_mutex> lock(state_->gate);
    state_->abandoned = true;
  }
  state_->own_stop.cancel();  // Cuts a request or a wait under way short.
}

std::vector<Event> EventFollower::poll() {
  state_->caller->require_not_io_thread("EventFollower::poll()");
  if (state_->following) {
    throw std::logic_error("closeio: EventFollower::poll() while follow() runs");
  }
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  return internal::run_pass(s.core, [&s](const internal::FollowerPageRequest& r) {
    return to_log_page(s.events.list_page(s.filter_for(r), s.page_options(r)));
  });
}

void EventFollower::follow(BatchHandler on_batch, StopHandler on_stop,
                           const CancellationToken& stop) {
  if (state_->following.exchange(true)) {
    throw std::logic_error("closeio: EventFollower::follow() is already under way");
  }
  State& s = *state_;
  s.on_batch = std::move(on_batch);
  s.on_stop = std::move(on_stop);
  CallOptions call;
  call.cancellation = s.own_stop.token();
  s.follow_events = s.events.with_call_options(call);
  // The user's token cancels the follower's own source, which the destructor can cancel too.
  if (const auto& user = internal::CancellationAccess::state(stop)) {
    s.user_stop_state = user;
    CancellationSource own = s.own_stop;
    s.user_stop_listener = user->add_listener([own]() mutable { own.cancel(); });
    if (s.user_stop_listener == 0) s.own_stop.cancel();  // Already cancelled.
  }
  s.caller->post([self = state_]() { self->begin_pass(); });
}

EventPosition EventFollower::position() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->core.position();
}

bool EventFollower::behind() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->core.behind();
}

}  // namespace closeio
