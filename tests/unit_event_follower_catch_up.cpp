// The follower catching up on a long backlog: each pass reads about a batch of it (up to a bound
// taken from a sketch of the backlog's dates) instead of the whole of it, and still delivers
// every event once, oldest first, whatever happens to the log meanwhile.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "closeio/event_position.hpp"
#include "internal/event_follower_core.hpp"
#include "support/in_memory_event_log.hpp"

namespace closeio::internal::unit_event_follower_catch_up_test {
namespace {

using closeio::testing_support::InMemoryEventLog;
using closeio::testing_support::make_event;
using std::chrono::seconds;

const Timestamp t0 = parse_timestamp("2026-01-01T00:00:00Z");

std::string id_of(int i) { return "ev_" + std::to_string(i); }

// `count` events, one a second from t0 + 1 s.
void fill(InMemoryEventLog& log, int count, int first = 0) {
  std::vector<Event> events;
  for (int i = first; i < first + count; ++i)
    events.push_back(make_event(id_of(i), t0 + seconds(i + 1)));
  log.put_new(std::move(events));
}

struct CatchUp {
  std::vector<std::string> delivered;  // In delivery order.
  std::vector<bool> behind;            // behind() after each pass.
};

// Polls until a pass delivers nothing and is not behind; at most `max_passes`.
CatchUp catch_up(FollowerCore& core, InMemoryEventLog& log, int max_passes = 1000) {
  CatchUp out;
  for (int pass = 0; pass < max_passes; ++pass) {
    const std::vector<Event> batch =
        run_pass(core, [&](const FollowerPageRequest& r) { return log.page(r); });
    for (const Event& e : batch) out.delivered.push_back(e.id);
    out.behind.push_back(core.behind());
    if (batch.empty() && !core.behind()) break;
  }
  return out;
}

void expect_each_once_in_order(const std::vector<std::string>& delivered, int count) {
  ASSERT_EQ(delivered.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) EXPECT_EQ(delivered[static_cast<std::size_t>(i)], id_of(i)) << i;
}

TEST(FollowerCatchUp, ReadsAboutABatchPerPassNotTheWholeBacklog) {
  InMemoryEventLog log(50);
  fill(log, 20'000);
  FollowOptions options;
  options.max_batch = 1'000;
  FollowerCore core(EventPosition::since(t0), options);
  const CatchUp run = catch_up(core, log);
  expect_each_once_in_order(run.delivered, 20'000);
  // 20 full batches, behind after each but the last; then an empty pass, not behind.
  ASSERT_EQ(run.behind.size(), 21u);
  for (std::size_t i = 0; i < 19; ++i) EXPECT_TRUE(run.behind[i]) << i;
  EXPECT_FALSE(run.behind[20]);
  // The first pass reads the whole backlog (20,000) and sketches it. Each later pass reads about
  // a batch and a sample step (1,250), from the high-water mark: the events are older than the
  // rescan window below the newest, so the window (5 minutes: 300 events here) is not read
  // again; 19 * 1,350 at most. The last, empty pass reads its window (300). Reading the backlog
  // from the top on every pass would take 20,000 + 19,000 + ... + 1,000 = 210,000.
  EXPECT_LE(log.events_served(), 20'000u + 19u * 1'350u + 400u);
}

TEST(FollowerCatchUp, EventsArrivingDuringTheCatchUpAreDeliveredOnceInOrder) {
  InMemoryEventLog log(50);
  fill(log, 3'000);
  FollowOptions options;
  options.max_batch = 200;
  FollowerCore core(EventPosition::since(t0), options);
  std::vector<std::string> delivered;
  int next = 3'000;
  for (int pass = 0; pass < 200; ++pass) {
    const std::vector<Event> batch =
        run_pass(core, [&](const FollowerPageRequest& r) { return log.page(r); });
    for (const Event& e : batch) delivered.push_back(e.id);
    if (next < 3'500) {
      fill(log, 50, next);  // Newer than everything sketched.
      next += 50;
    }
    if (batch.empty() && !core.behind() && next >= 3'500) break;
  }
  expect_each_once_in_order(delivered, 3'500);
}

TEST(FollowerCatchUp, SketchedEventsThatVanishDoNotStallIt) {
  InMemoryEventLog log(50);
  fill(log, 2'000);
  FollowOptions options;
  options.max_batch = 100;
  options.rescan_window = seconds(10);
  FollowerCore core(EventPosition::since(t0), options);
  std::vector<std::string> delivered;
  const auto pass = [&] {
    const std::vector<Event> batch =
        run_pass(core, [&](const FollowerPageRequest& r) { return log.page(r); });
    for (const Event& e : batch) delivered.push_back(e.id);
    return batch.size();
  };
  ASSERT_EQ(pass(), 100u);  // The whole backlog read and sketched.
  // Events 100 to 1,099 expire (the log's retention) or are consolidated far ahead: the dates
  // the sketch holds for them have no events any more.
  log.forget_before(t0 + seconds(1'101));
  for (int i = 1'100; i < 1'150; ++i) log.put(make_event(id_of(i), t0 + seconds(5'000 + i)));
  for (int passes = 0; passes < 100 && (pass() > 0 || core.behind()); ++passes) {
  }
  // Delivered: the first 100, then 1,150 to 1,999, then the 50 consolidated ones, each once.
  std::vector<std::string> expected;
  for (int i = 0; i < 100; ++i) expected.push_back(id_of(i));
  for (int i = 1'150; i < 2'000; ++i) expected.push_back(id_of(i));
  for (int i = 1'100; i < 1'150; ++i) expected.push_back(id_of(i));
  EXPECT_EQ(delivered, expected);
}

TEST(FollowerCatchUp, AServerIgnoringTheUpperBoundStillGetsEachEventOnce) {
  InMemoryEventLog log(50);
  log.honour_upper_bound(false);
  fill(log, 3'000);
  FollowOptions options;
  options.max_batch = 250;
  FollowerCore core(EventPosition::since(t0), options);
  const CatchUp run = catch_up(core, log);
  expect_each_once_in_order(run.delivered, 3'000);
}

TEST(FollowerCatchUp, SeveralFiltersCatchUpAsOneStream) {
  InMemoryEventLog calls(50);
  InMemoryEventLog meetings(50);
  std::vector<Event> c, m;
  for (int i = 0; i < 4'000; ++i) {
    (i % 3 == 0 ? m : c).push_back(make_event(id_of(i), t0 + seconds(i + 1)));
  }
  calls.put_new(std::move(c));
  meetings.put_new(std::move(m));
  FollowOptions options;
  options.max_batch = 300;
  FollowerCore core(EventPosition::since(t0), options, 2);
  std::vector<std::string> delivered;
  for (int pass = 0; pass < 100; ++pass) {
    const std::vector<Event> batch = run_pass(core, [&](const FollowerPageRequest& r) {
      return r.stream == 0 ? calls.page(r) : meetings.page(r);
    });
    for (const Event& e : batch) delivered.push_back(e.id);
    if (batch.empty() && !core.behind()) break;
  }
  expect_each_once_in_order(delivered, 4'000);
  EXPECT_LE(calls.events_served() + meetings.events_served(), 4'000u * 6);
}

}  // namespace
}  // namespace closeio::internal::unit_event_follower_catch_up_test
