#include "internal/curl_multi_engine.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "internal/cancellation_state.hpp"
#include "internal/curl_easy.hpp"
#include "internal/deadline_queue.hpp"
#include "internal/rate_pacer.hpp"

namespace closeio::internal {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kMaxIdleHandles = 64;
// The longest the I/O thread sleeps in curl_multi_poll without being woken; every event that
// matters (a new request, a cancellation, shutdown) wakes it sooner with curl_multi_wakeup.
constexpr long kMaxPollMs = 1000;

}  // namespace

// Named rather than anonymous: CurlMultiEngine::Impl holds these as members, and GCC rejects
// (-Wsubobject-linkage) anonymous-namespace member types when this file is part of a unity TU.
namespace curl_multi_detail {

struct EasyHandle {
  CURL* easy = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~EasyHandle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

struct Job {
  HttpRequest request;
  CurlMultiEngine::Done done;
  CurlTransfer transfer;
  std::unique_ptr<EasyHandle> handle;
  Clock::time_point started;
  std::shared_ptr<CancellationState> state;
  std::uint64_t listener = 0;
  RatePacer::Ticket ticket = 0;  // Its slot in the rate-limit window, once started.
};

struct PendingTimer {
  Clock::time_point due;
  CancellationToken token;
  CurlMultiEngine::Timer fire;
  std::shared_ptr<CancellationState> state;
  std::uint64_t listener = 0;
};

}  // namespace curl_multi_detail

namespace {

bool is_https(const std::string& url) {
  static const std::string kScheme = "https:";
  return url.size() >= kScheme.size() &&
         std::equal(kScheme.begin(), kScheme.end(), url.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

HttpResult interrupted_result(bool sent) {
  HttpResult result;
  result.failure = TransportFailure::cancelled;
  result.request_sent = sent;
  result.error = "cancelled";
  return result;
}

HttpResult past_deadline_result() {
  HttpResult result;
  result.failure = TransportFailure::past_deadline;
  result.error = "the call's deadline came before the transfer could start";
  return result;
}

}  // namespace

struct CurlMultiEngine::Impl : std::enable_shared_from_this<Impl> {
  using EasyHandle = curl_multi_detail::EasyHandle;
  using Job = curl_multi_detail::Job;
  using PendingTimer = curl_multi_detail::PendingTimer;

  Impl(CurlTransportConfig c, std::size_t max, std::shared_ptr<RatePacer> p)
      : config(std::move(c)), max_in_flight(max), pacer(std::move(p)), share(config) {
    multi = curl_multi_init();
    if (!multi) throw std::bad_alloc();
    // Concurrent calls to an HTTP/2 server share one connection (libcurl's default since 7.62,
    // stated so a changed default cannot quietly open a connection per call).
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    // Keep a connection per request that may be in flight. libcurl's default cache holds four
    // per easy handle *currently added*, which drops to nothing between bursts of calls, so
    // every burst would reconnect.
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));
  }
  ~Impl() {
    idle.clear();  // Easy handles go before the multi handle and the share.
    curl_multi_cleanup(multi);
  }

  const CurlTransportConfig config;
  const std::size_t max_in_flight;
  // The session's pacing, shared with its blocking calls: every transfer takes a slot before it
  // starts and gives it back, with its answer's figures, when it ends.
  const std::shared_ptr<RatePacer> pacer;
  CurlShare share;
  CURLM* multi = nullptr;

  std::mutex mutex;  // Guards the members up to `thread`.
  std::vector<std::unique_ptr<Job>> incoming_jobs;
  std::vector<std::unique_ptr<PendingTimer>> incoming_timers;
  bool stopping = false;
  bool exited = false;
  // Whether the I/O thread is in (or about to enter) curl_multi_poll with nothing incoming:
  // only then does handing it work need a wake-up. While it runs, it looks at what is incoming
  // (under the mutex) before it sleeps, so a call made meanwhile, or by a completion callback on
  // the I/O thread itself, costs no write to libcurl's wake-up socket and no extra poll round.
  bool sleeping = false;
  std::thread thread;

  std::atomic<std::thread::id> io_thread{};
  std::atomic<std::uint64_t> wakeups{0};          // Sent by perform() and after(): wakeups_sent().
  std::atomic<std::uint64_t> stranded_sleeps{0};  // stranded_sleeps() (tests).
  std::atomic<bool> cancel_seen{false};
  // Whether queued transfers wait for the pacer (a slot in the rate-limit window): only then
  // does a blocking call's release need to wake the thread, not after every blocking call.
  std::atomic<bool> held_by_pacer{false};

  // Only the I/O thread touches these.
  DeadlineQueue<Job> queued;
  std::map<CURL*, std::unique_ptr<Job>> active;
  std::multimap<Clock::time_point, std::unique_ptr<PendingTimer>> timers;
  std::vector<std::unique_ptr<EasyHandle>> idle;
  // Called by CancellationState::cancel() on whatever thread cancels, once per call using the
  // token (after the token reads cancelled). Only the first since the thread last swept writes
  // a wake-up: that sweep sees every token cancelled by then, so cancelling one token shared
  // by 100,000 queued calls costs one write to libcurl's wake-up socket, not 100,000 (~160 ms
  // on the cancelling thread).
  std::function<void()> listener() {
    return [this] {
      if (!cancel_seen.exchange(true, std::memory_order_acq_rel)) {
        wakeups.fetch_add(1, std::memory_order_relaxed);
        curl_multi_wakeup(multi);
      }
    };
  }

  // Starts the thread when needed. Returns false when the engine has stopped: the caller then
  // finishes the work itself.
  bool ensure_running(std::unique_lock<std::mutex>& lock) {
    (void)lock;
    if (exited || (stopping && !thread.joinable())) return false;
    if (!thread.joinable()) {
      thread = std::thread([self = shared_from_this()] { self->run(); });
    }
    return true;
  }

  bool nothing_incoming() const { return incoming_jobs.empty() && incoming_timers.empty(); }

  // Whether handing the I/O thread work needs a wake-up (mutex held, before the work is added).
  // Only while it sleeps, and only for the first piece of work since it went to sleep: a
  // wake-up is already on its way for anything incoming, and the thread takes all of it at once.
  // A burst of calls then costs one wake-up (a write to libcurl's wake-up socket, a read and a
  // poll round on the I/O thread), not one each.
  bool needs_wake() const { return sleeping && nothing_incoming(); }

  void wake_for_work() {
    wakeups.fetch_add(1, std::memory_order_relaxed);
    curl_multi_wakeup(multi);
  }

  static void finish(std::unique_ptr<Job> job, HttpResult result) {
    if (job->state) job->state->remove_listener(job->listener);
    try {
      job->done(std::move(result));
    } catch (...) {
      // A completion must not take the I/O thread down; ours catch everything themselves.
    }
  }

  static void fire(std::unique_ptr<PendingTimer> timer, bool interrupted) {
    if (timer->state) timer->state->remove_listener(timer->listener);
    try {
      timer->fire(interrupted);
    } catch (...) {
    }
  }

  std::unique_ptr<EasyHandle> take_handle() {
    if (!idle.empty()) {
      auto handle = std::move(idle.back());
      idle.pop_back();
      return handle;
    }
    auto handle = std::make_unique<EasyHandle>();
    handle->easy = curl_easy_init();
    if (!handle->easy) throw std::bad_alloc();
    configure_easy(handle->easy, config, share, handle->error);
    return handle;
  }

  void start_queued() {
    bool paced_out = false;
    // Set before asking: a blocking call's release that comes after a refusal then sees it
    // (both take the pacer's mutex) and wakes the thread.
    held_by_pacer.store(true);
    while (!queued.empty() && active.size() < max_in_flight) {
      const Clock::time_point now = Clock::now();
      const std::optional<Clock::time_point> deadline = queued.front().request.deadline;
      if (deadline && *deadline <= now) {
        finish(queued.pop_front(), past_deadline_result());
        continue;
      }
      const std::optional<RatePacer::Ticket> ticket = pacer->try_acquire(now);
      if (!ticket) {
        paced_out = true;
        break;
      }
      std::unique_ptr<Job> job = queued.pop_front();
      job->ticket = *ticket;
      if (deadline) {
        // What is left of the call's deadline, now that the transfer starts.
        job->request.timeout =
            std::min(job->request.timeout, std::chrono::ceil<milliseconds>(*deadline - now));
      }
      try {
        job->handle = take_handle();
        job->handle->error[0] = '\0';
        prepare_easy(job->handle->easy, job->request, share, job->transfer,
                     config.max_response_bytes);
        // Over HTTPS, where HTTP/2 may be negotiated, wait for a connection being set up rather
        // than opening another one. Plain HTTP is HTTP/1.1 here (no h2c): waiting would hold
        // every call of a burst until the first answer shows its connection cannot multiplex,
        // a whole round trip before the others start.
        curl_easy_setopt(job->handle->easy, CURLOPT_PIPEWAIT, is_https(job->request.url) ? 1L : 0L);
        job->started = Clock::now();
        CURL* easy = job->handle->easy;
        if (curl_multi_add_handle(multi, easy) != CURLM_OK) throw std::bad_alloc();
        active.emplace(easy, std::move(job));
      } catch (...) {
        pacer->release(job->ticket, nullptr, false);
        HttpResult result;
        result.failure = TransportFailure::not_sent;
        result.error = "could not start the transfer";
        finish(std::move(job), std::move(result));
      }
    }
    if (!paced_out) held_by_pacer.store(false);
    if (queued.earliest_deadline()) {
      expire_queued(paced_out ? pacer->next_opening() : std::nullopt);
    }
  }

  // Ends, unsent, the queued jobs whose deadline has passed or comes before `opening` (when the
  // rate-limit window next lets a request start): waiting cannot help them, as for a blocking
  // call (RatePacer::acquire).
  void expire_queued(std::optional<Clock::time_point> opening) {
    const Clock::time_point now = Clock::now();
    const auto due = [&](Clock::time_point deadline) {
      return deadline <= now || (opening && *opening > deadline);
    };
    // Taken out first, then finished: the callbacks run with the queue in a settled state.
    for (auto& job : queued.take_due(due)) finish(std::move(job), past_deadline_result());
  }

  // Removes a running transfer and reports it cancelled.
  void abort(std::map<CURL*, std::unique_ptr<Job>>::iterator it) {
    std::unique_ptr<Job> job = std::move(it->second);
    active.erase(it);
    curl_multi_remove_handle(multi, job->handle->easy);
    job->transfer.cancelled = true;
    HttpResult result = finish_easy(
        job->handle->easy, CURLE_ABORTED_BY_CALLBACK, job->transfer, job->handle->error,
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - job->started));
    job->handle.reset();  // Its connection is in an unknown state: not pooled.
    pacer->release(job->ticket, nullptr, false);
    finish(std::move(job), std::move(result));
  }

  void sweep_cancelled() {
    for (auto it = active.begin(); it != active.end();) {
      auto next = std::next(it);
      if (it->second->request.cancellation.cancelled()) abort(it);
      it = next;
    }
    const auto cancelled = [](const Job& job) { return job.request.cancellation.cancelled(); };
    for (auto& job : queued.take_where(cancelled)) {
      finish(std::move(job), interrupted_result(false));
    }
    for (auto it = timers.begin(); it != timers.end();) {
      if (it->second->token.cancelled()) {
        std::unique_ptr<PendingTimer> timer = std::move(it->second);
        it = timers.erase(it);
        fire(std::move(timer), true);
      } else {
        ++it;
      }
    }
  }

  void interrupt_all() {
    while (!active.empty()) abort(active.begin());
    while (!queued.empty()) finish(queued.pop_front(), interrupted_result(false));
    while (!timers.empty()) {
      std::unique_ptr<PendingTimer> timer = std::move(timers.begin()->second);
      timers.erase(timers.begin());
      fire(std::move(timer), true);
    }
  }

  // Ends the transfers libcurl reports done. Returns whether any ended (and freed a slot).
  bool collect_finished() {
    bool ended = false;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      auto it = active.find(easy);
      if (it == active.end()) continue;
      std::unique_ptr<Job> job = std::move(it->second);
      active.erase(it);
      curl_multi_remove_handle(multi, easy);
      HttpResult result = finish_easy(
          easy, code, job->transfer, job->handle->error,
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - job->started));
      pacer->release(job->ticket, result, false);
      if (result.failure == TransportFailure::none && idle.size() < kMaxIdleHandles) {
        idle.push_back(std::move(job->handle));
      }
      job->handle.reset();
      finish(std::move(job), std::move(result));
      ended = true;
    }
    return ended;
  }

  void fire_due_timers() {
    const auto now = Clock::now();
    while (!timers.empty() && timers.begin()->first <= now) {
      std::unique_ptr<PendingTimer> timer = std::move(timers.begin()->second);
      timers.erase(timers.begin());
      fire(std::move(timer), false);
    }
  }

  long poll_timeout() const {
    long timeout = kMaxPollMs;
    if (!queued.empty() && active.size() < max_in_flight) {
      // start_queued() left them queued: paced out until the window ends, or until a request
      // ends (a blocking call's release wakes the thread).
      const auto now = Clock::now();
      const std::optional<Clock::time_point> opening = pacer->next_opening(now);
      if (opening) {
        const auto until = std::chrono::ceil<milliseconds>(*opening - now);
        timeout = std::min<long>(timeout, std::max<long>(0, static_cast<long>(until.count())));
      }
    }
    long curl_timeout = -1;
    curl_multi_timeout(multi, &curl_timeout);
    if (curl_timeout >= 0) timeout = std::min(timeout, curl_timeout);
    std::optional<Clock::time_point> next_due;
    if (!timers.empty()) next_due = timers.begin()->first;
    if (const std::optional<Clock::time_point> deadline = queued.earliest_deadline()) {
      next_due = next_due ? std::min(*next_due, *deadline) : *deadline;
    }
    if (next_due) {
      const auto until = std::chrono::ceil<milliseconds>(*next_due - Clock::now());
      timeout = std::min<long>(timeout, std::max<long>(0, static_cast<long>(until.count())));
    }
    return timeout;
  }

  void run() {
    io_thread.store(std::this_thread::get_id());
    for (;;) {
      std::vector<std::unique_ptr<Job>> jobs;
      std::vector<std::unique_ptr<PendingTimer>> new_timers;
      bool stop = false;
      {
        std::lock_guard<std::mutex> lock(mutex);
        sleeping = false;
        jobs.swap(incoming_jobs);
        new_timers.swap(incoming_timers);
        stop = stopping;
        if (stop && jobs.empty() && new_timers.empty() && queued.empty() && active.empty() &&
            timers.empty()) {
          exited = true;
          return;
        }
      }
      for (auto& job : jobs) {
        const std::optional<Clock::time_point> deadline = job->request.deadline;
        queued.push_back(std::move(job), deadline);
      }
      for (auto& timer : new_timers) {
        const auto due = timer->due;
        timers.emplace(due, std::move(timer));
      }
      if (stop) {
        interrupt_all();
        continue;
      }
      if (cancel_seen.exchange(false, std::memory_order_acq_rel)) sweep_cancelled();
      start_queued();
      int running = 0;
      curl_multi_perform(multi, &running);
      // Transfers that ended freed their slots: queued ones start before the thread sleeps.
      // When every transfer in flight ended in this pass, nothing else would wake it for them
      // (no socket left to watch, the pacer not holding them) until kMaxPollMs.
      const bool slots_freed = collect_finished();
      fire_due_timers();
      {
        std::lock_guard<std::mutex> lock(mutex);
        // Work handed over meanwhile (by a callback just run, say) is taken at once.
        if (!nothing_incoming() || stopping) continue;
        if (slots_freed && !queued.empty()) continue;
        sleeping = true;
      }
      if (!queued.empty() && active.size() < max_in_flight && !held_by_pacer.load()) {
        stranded_sleeps.fetch_add(1, std::memory_order_relaxed);
      }
      // A call that comes now sees `sleeping` and wakes the poll below (or makes it return at
      // once: libcurl's wake-up socket stays readable until the poll reads it).
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(poll_timeout()), nullptr);
    }
  }
};

CurlMultiEngine::CurlMultiEngine(CurlTransportConfig config, std::size_t max_in_flight,
                                 std::shared_ptr<RatePacer> pacer)
    : impl_(std::make_shared<Impl>(std::move(config), std::max<std::size_t>(1, max_in_flight),
                                   std::move(pacer))) {
  // A blocking call's request that ends may open a slot for a queued transfer. Impl (and its
  // multi handle) outlives the hook: the destructor clears it first.
  Impl* impl = impl_.get();
  impl_->pacer->set_engine_wake([impl] {
    if (impl->held_by_pacer.load()) curl_multi_wakeup(impl->multi);
  });
}

CurlMultiEngine::~CurlMultiEngine() {
  impl_->pacer->set_engine_wake(nullptr);
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
    thread = std::move(impl_->thread);
  }
  curl_multi_wakeup(impl_->multi);
  if (!thread.joinable()) return;
  if (thread.get_id() == std::this_thread::get_id()) {
    thread.detach();  // The thread drains its work and ends; it owns a reference to impl_.
  } else {
    thread.join();
  }
}

void CurlMultiEngine::perform(HttpRequest request, Done done) {
  auto job = std::make_unique<curl_multi_detail::Job>();
  job->request = std::move(request);
  job->done = std::move(done);
  job->state = CancellationAccess::state(job->request.cancellation);
  if (job->state) {
    job->listener = job->state->add_listener(impl_->listener());
    if (job->listener == 0) impl_->cancel_seen.store(true, std::memory_order_release);
  }
  bool wake = false;
  {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    if (impl_->ensure_running(lock)) {
      wake = impl_->needs_wake();
      impl_->incoming_jobs.push_back(std::move(job));
    }
  }
  if (job) {
    impl_->finish(std::move(job), interrupted_result(false));
    return;
  }
  if (wake) impl_->wake_for_work();
}

void CurlMultiEngine::after(std::chrono::milliseconds wait, CancellationToken token, Timer timer) {
  auto pending = std::make_unique<curl_multi_detail::PendingTimer>();
  pending->due = Clock::now() + wait;
  pending->token = std::move(token);
  pending->fire = std::move(timer);
  pending->state = CancellationAccess::state(pending->token);
  if (pending->state) {
    pending->listener = pending->state->add_listener(impl_->listener());
    if (pending->listener == 0) impl_->cancel_seen.store(true, std::memory_order_release);
  }
  bool wake = false;
  {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    if (impl_->ensure_running(lock)) {
      wake = impl_->needs_wake();
      impl_->incoming_timers.push_back(std::move(pending));
    }
  }
  if (pending) {
    impl_->fire(std::move(pending), true);
    return;
  }
  if (wake) impl_->wake_for_work();
}

bool CurlMultiEngine::on_io_thread() const {
  return impl_->io_thread.load() == std::this_thread::get_id();
}

std::uint64_t CurlMultiEngine::wakeups_sent() const {
  return impl_->wakeups.load(std::memory_order_relaxed);
}

std::uint64_t CurlMultiEngine::stranded_sleeps() const {
  return impl_->stranded_sleeps.load(std::memory_order_relaxed);
}

}  // namespace closeio::internal
