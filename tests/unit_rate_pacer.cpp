// RatePacer: how many requests the RateLimit figures let start, with the clock passed in (no
// sleeping), and the blocking acquire() ended by cancellation or a deadline it cannot meet.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <string>
#include <thread>

#include "internal/rate_pacer.hpp"

namespace closeio::internal::unit_rate_pacer_test {
namespace {

using std::chrono::milliseconds;
using Clock = RatePacer::Clock;

HttpHeaders rate_limit(long long limit, long long remaining, const std::string& reset) {
  return {{"RateLimit", "limit=" + std::to_string(limit) +
                            ", remaining=" + std::to_string(remaining) + ", reset=" + reset}};
}

// Starts as many requests as the pacer allows at `now` (at most 1000).
int start_all(RatePacer& pacer, Clock::time_point now) {
  int started = 0;
  while (started < 1000 && pacer.try_acquire(now)) ++started;
  return started;
}

TEST(RatePacer, WithoutFiguresNothingIsHeldBack) {
  RatePacer pacer;
  const auto now = Clock::now();
  EXPECT_EQ(start_all(pacer, now), 1000);
  EXPECT_EQ(pacer.in_flight(), 1000);
  EXPECT_EQ(pacer.next_opening(now), std::nullopt);
}

TEST(RatePacer, RequestsStartedAfterTheAnsweredOneComeOffWhatRemains) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders answer = rate_limit(10, 5, "1");
  pacer.release(0, &answer, false, t0);  // 2 started after it: 5 - 2 = 3 may start.
  EXPECT_EQ(start_all(pacer, t0), 3);
  EXPECT_EQ(pacer.next_opening(t0), t0 + milliseconds(1000));
  // The window ends: the last limit (10), less the 5 in flight.
  EXPECT_EQ(start_all(pacer, t0 + milliseconds(1000)), 5);
}

TEST(RatePacer, WithinAWindowTheLowestFiguresWin) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  ASSERT_TRUE(pacer.try_acquire(t0));
  ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders first = rate_limit(100, 50, "1");
  pacer.release(0, &first, false, t0);                     // 50 - 1 started after it = 49
  const HttpHeaders second = rate_limit(100, 10, "0.98");  // Same window, fewer left (others).
  pacer.release(1, &second, false, t0 + milliseconds(20));
  EXPECT_EQ(start_all(pacer, t0 + milliseconds(20)), 10);
}

// The server counted tickets 2, 0, 1 in that order (9, 8, 7 left of 10); the answers arrive
// 1, 2, 0. Once all are in, the reference (ticket 1, the fewest left) accounts for all three,
// although ticket 2 started after it: 7 may start, not 6.
TEST(RatePacer, AnAnswerCountedBeforeTheReferenceIsNotTakenOffAgain) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders third = rate_limit(10, 7, "1");
  pacer.release(1, &third, false, t0);
  EXPECT_EQ(pacer.in_flight(), 2);
  const HttpHeaders first = rate_limit(10, 9, "1");
  pacer.release(2, &first, false, t0);
  const HttpHeaders second = rate_limit(10, 8, "1");
  pacer.release(0, &second, false, t0);
  EXPECT_EQ(start_all(pacer, t0), 7);
}

// A request started after the reference that ends without figures (a transport failure) may
// have been counted: it comes off what is left, until a lower answer or a new window.
TEST(RatePacer, ARequestEndedWithoutFiguresAfterTheReferenceComesOff) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders answer = rate_limit(10, 6, "1");
  pacer.release(0, &answer, false, t0);  // 6 left, ticket 1 still on its way: 5.
  pacer.release(1, nullptr, false, t0);  // No answer: perhaps counted.
  EXPECT_EQ(start_all(pacer, t0), 5);
  // The new window: the limit, less the 5 in flight; the failed one is forgotten.
  EXPECT_EQ(start_all(pacer, t0 + milliseconds(1000)), 5);
}

// The reference can move back to a request started earlier and counted later: one that ended
// without figures after that earlier start comes off then, although it started before the
// reference it ended under.
TEST(RatePacer, AnUnconfirmedRequestCountsWhenTheReferenceMovesBeforeIt) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders early = rate_limit(10, 5, "1");
  pacer.release(2, &early, false, t0);   // The reference: ticket 2, 5 left.
  pacer.release(1, nullptr, false, t0);  // Before the reference: not counted yet.
  const HttpHeaders later = rate_limit(10, 4, "1");
  pacer.release(0, &later, false, t0);  // Counted after ticket 2: the reference, ticket 0.
  // 4 left, less ticket 3 (in flight) and ticket 1 (ended unconfirmed, started after 0).
  EXPECT_EQ(start_all(pacer, t0), 2);
}

TEST(RatePacer, AStragglerOfAnEndedWindowIsIgnored) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  ASSERT_TRUE(pacer.try_acquire(t0));
  ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders fresh = rate_limit(20, 19, "1");
  pacer.release(0, &fresh, false, t0);  // Window ends at t0 + 1 s; 18 may start.
  const auto t1 = t0 + milliseconds(1000);
  EXPECT_EQ(start_all(pacer, t1), 19);  // New window: limit 20 less the 1 in flight.
  // The request sent in the old window answers late, with that window's figures.
  const HttpHeaders late = rate_limit(20, 0, "0.001");
  pacer.release(1, &late, false, t1 + milliseconds(5));
  // Learned, it would make a window ending at t1 + 6 ms with nothing left.
  EXPECT_EQ(pacer.next_opening(t1 + milliseconds(5)), std::nullopt);
  // It was counted in the old window: the new one has 20 - 19 left.
  EXPECT_EQ(start_all(pacer, t1 + milliseconds(5)), 1);
}

TEST(RatePacer, AnAnswerFromANewWindowReplacesTheFigures) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders first = rate_limit(10, 0, "1");
  pacer.release(0, &first, false, t0);
  EXPECT_FALSE(pacer.try_acquire(t0 + milliseconds(999)));
  const auto t1 = t0 + milliseconds(1000);
  ASSERT_TRUE(pacer.try_acquire(t1));
  const HttpHeaders next = rate_limit(10, 9, "1");
  pacer.release(1, &next, false, t1 + milliseconds(2));
  EXPECT_EQ(start_all(pacer, t1 + milliseconds(2)), 9);
  EXPECT_EQ(pacer.next_opening(t1 + milliseconds(2)), t1 + milliseconds(1002));
}

TEST(RatePacer, AnUnknownWindowWithNoBudgetWaitsForAnAnswer) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders small = rate_limit(2, 2, "0.5");
  pacer.release(0, &small, false, t0);  // 2 - 1 started after it = 1 left.
  ASSERT_TRUE(pacer.try_acquire(t0));
  // The window ends with 2 in flight and a limit of 2: nothing more until one answers.
  const auto t1 = t0 + milliseconds(500);
  EXPECT_FALSE(pacer.try_acquire(t1));
  EXPECT_EQ(pacer.next_opening(t1), std::nullopt);
  pacer.release(1, nullptr, false, t1);  // No figures (a transport failure), one less in flight.
  pacer.release(2, nullptr, false, t1);
  EXPECT_TRUE(pacer.try_acquire(t1));  // Nothing in flight: one request finds out.
}

TEST(RatePacer, MalformedFiguresAreIgnored) {
  RatePacer pacer;
  const auto t0 = Clock::now();
  ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders broken = {{"RateLimit", "limit=10, remaining=zero, reset=soon"}};
  pacer.release(0, &broken, false, t0);
  EXPECT_EQ(start_all(pacer, t0), 1000);
}

TEST(RatePacer, BlockingAcquireFailsAtOnceWhenTheWindowOpensAfterTheDeadline) {
  RatePacer pacer;
  ASSERT_TRUE(pacer.try_acquire());
  const HttpHeaders exhausted = rate_limit(10, 0, "600");
  pacer.release(0, &exhausted, false);
  // The window opens in 10 minutes; a deadline 10 minutes from now minus a second cannot be met.
  RatePacer::Ticket ticket = 0;
  EXPECT_EQ(pacer.acquire(CancellationToken(), Clock::now() + std::chrono::seconds(599), ticket),
            RatePacer::Wait::past_deadline);
  EXPECT_EQ(pacer.in_flight(), 0);
}

TEST(RatePacer, BlockingAcquireEndsWhenCancelled) {
  RatePacer pacer;
  ASSERT_TRUE(pacer.try_acquire());
  const HttpHeaders exhausted = rate_limit(10, 0, "600");
  pacer.release(0, &exhausted, false);
  CancellationSource source;
  RatePacer::Ticket ticket = 0;
  auto waiting = std::async(std::launch::async,
                            [&] { return pacer.acquire(source.token(), std::nullopt, ticket); });
  source.cancel();  // Whether the waiter is already waiting or not yet: it must end.
  EXPECT_EQ(waiting.get(), RatePacer::Wait::cancelled);
  EXPECT_EQ(pacer.in_flight(), 0);
}

TEST(RatePacer, BlockingAcquireWakesWhenARequestEnds) {
  RatePacer pacer;
  ASSERT_TRUE(pacer.try_acquire());
  const HttpHeaders small = rate_limit(1, 0, "0");  // A limit of 1; the window is over at once.
  pacer.release(0, &small, false);
  ASSERT_TRUE(pacer.try_acquire());  // The new window's one request: the next waits for it.
  RatePacer::Ticket ticket = 0;
  auto waiting = std::async(std::launch::async,
                            [&] { return pacer.acquire(CancellationToken(), {}, ticket); });
  pacer.release(1, nullptr);
  EXPECT_EQ(waiting.get(), RatePacer::Wait::acquired);
  EXPECT_EQ(ticket, 2u);
  EXPECT_EQ(pacer.in_flight(), 1);
}

TEST(RatePacer, TheEngineIsWokenOnlyByOtherReleases) {
  RatePacer pacer;
  std::atomic<int> woken{0};
  pacer.set_engine_wake([&woken] { ++woken; });
  ASSERT_TRUE(pacer.try_acquire());
  ASSERT_TRUE(pacer.try_acquire());
  pacer.release(0, nullptr, false);  // The engine's own.
  EXPECT_EQ(woken.load(), 0);
  pacer.release(1, nullptr);  // A blocking call's.
  EXPECT_EQ(woken.load(), 1);
  pacer.set_engine_wake(nullptr);
  ASSERT_TRUE(pacer.try_acquire());
  pacer.release(2, nullptr);
  EXPECT_EQ(woken.load(), 1);
}

TEST(RatePacer, AWindowLongerThanTheLongestWaitHoldsNothing) {
  RatePacer pacer(std::chrono::seconds(60));
  const auto t0 = Clock::now();
  ASSERT_TRUE(pacer.try_acquire(t0));
  const HttpHeaders far = rate_limit(10, 0, "120");
  pacer.release(0, &far, false, t0);
  EXPECT_TRUE(pacer.try_acquire(t0));  // Would wait 120 s: goes at once.
  // 60 s later the window is 60 s away: now it holds.
  EXPECT_FALSE(pacer.try_acquire(t0 + std::chrono::seconds(60)));
}

}  // namespace
}  // namespace closeio::internal::unit_rate_pacer_test
