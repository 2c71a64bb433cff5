// Runs HTTP attempts without blocking the caller: one libcurl multi handle driven by one I/O
// thread per session, a bound on transfers in flight (more wait in a queue), and timers for the
// waits between attempts (backoff, 429), so no thread sleeps while a call waits. Transfers are
// paced by the session's RatePacer: a queued one waits (on a timer) for the rate-limit window.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "closeio/cancellation.hpp"
#include "internal/curl_transport.hpp"
#include "internal/http_transport.hpp"

namespace closeio::internal {

class RatePacer;

class CurlMultiEngine {
 public:
  /// Runs on the I/O thread with the attempt's result (TransportFailure::cancelled when the
  /// request's token fired or the engine shut down).
  using Done = std::function<void(HttpResult)>;
  /// Runs on the I/O thread when the wait is over: `interrupted` when the token fired or the
  /// engine shut down before the time was up.
  using Timer = std::function<void(bool interrupted)>;

  /// Starts no thread yet: the I/O thread starts with the first request or timer. `pacer` (not
  /// null) is the session's, shared with its blocking calls.
  CurlMultiEngine(CurlTransportConfig config, std::size_t max_in_flight,
                  std::shared_ptr<RatePacer> pacer);
  /// Finishes every queued and running transfer and timer as interrupted (their callbacks run,
  /// once each), then joins the I/O thread. When called on the I/O thread itself (the last owner
  /// let go inside a callback), the thread finishes that work and ends by itself.
  ~CurlMultiEngine();
  CurlMultiEngine(const CurlMultiEngine&) = delete;
  CurlMultiEngine& operator=(const CurlMultiEngine&) = delete;

  /// Queues one attempt. Thread-safe; `done` runs exactly once, on the I/O thread. `request`'s
  /// token aborts the transfer promptly (not at libcurl's next progress tick).
  void perform(HttpRequest request, Done done);

  /// Runs `timer` after `wait`, or as soon as `token` fires. Thread-safe; runs exactly once.
  void after(std::chrono::milliseconds wait, CancellationToken token, Timer timer);

  /// Whether the calling thread is this engine's I/O thread.
  bool on_io_thread() const;

  /// How many times handing over work (a request or a timer) or a cancellation woke the I/O
  /// thread, for tests: only work handed over while it sleeps needs a wake-up, and a token
  /// shared by many calls needs one, not one per call.
  std::uint64_t wakeups_sent() const;

  /// How many times the I/O thread went to sleep leaving queued transfers it could have started
  /// (a slot free, the pacer not holding them), for tests: always 0. Such a sleep lasts until
  /// something else wakes the thread, up to a second when nothing is in flight.
  std::uint64_t stranded_sleeps() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace closeio::internal
