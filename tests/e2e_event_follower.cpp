// EventFollower end to end: real CallsClient and MeetingsClient writes make the emulator record
// events, and the follower reads them back through libcurl from its /event/ endpoint: oldest
// first, each once, across a follower killed mid-pass and rebuilt from its stored position, and
// in the callback form on the session's I/O thread.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/test_client.hpp"

namespace closeio::e2e_event_follower_test {
namespace {

using testing::FakeCloseServer;
using Key = std::pair<std::string, Timestamp>;

EventFilter filter(const char* type, const char* action) {
  EventFilter f;
  f.object_type = type;
  f.action = action;
  return f;
}

// What `events outcome` follows: calls and meetings, created and updated.
std::vector<EventFilter> activity_filters() {
  return {filter("activity.call", "created"), filter("activity.call", "updated"),
          filter("activity.meeting", "created"), filter("activity.meeting", "updated")};
}

bool followed(const Event& e) {
  return (e.object_type == "activity.call" || e.object_type == "activity.meeting") &&
         (e.action == "created" || e.action == "updated");
}

// The emulator's own log (not the follower's output), as (id, date_updated) keys.
std::set<Key> logged_keys(const FakeCloseServer& server) {
  std::set<Key> keys;
  for (const Event& e : server.events()) {
    if (followed(e)) keys.emplace(e.id, e.date_updated);
  }
  return keys;
}

// An EventsConnection over the real HTTP one that fails its Nth page request as a lost
// connection would: the follower is "killed" in the middle of a pass.
class FailingNthPage : public EventsConnection {
 public:
  FailingNthPage(std::shared_ptr<EventsConnection> real, int fail_at)
      : real_(std::move(real)), fail_at_(fail_at) {}
  CursorPage<Event> list_page(const EventFilter& f, const EventListOptions& o,
                              const CallOptions& call) override {
    if (++pages_ == fail_at_) throw TransportError("closeio: GET /event/: connection lost", false);
    return real_->list_page(f, o, call);
  }
  int pages() const { return pages_; }

 private:
  std::shared_ptr<EventsConnection> real_;
  int fail_at_;
  int pages_ = 0;
};

class EventFollowerE2e : public ::testing::Test {
 protected:
  EventFollowerE2e() {
    for (const char* name : {"Demo booked", "No answer", "Call back"}) {
      outcomes.push_back(test::seed_outcome(server, name).id);
    }
  }

  // Writes through the real clients: a logged call, its outcome set and changed, a meeting's
  // outcome set: each recorded by the emulator as an event.
  void write_round(int round) {
    CallLog log;
    log.lead_id = "lead_" + std::to_string(round);
    log.outcome_id = outcomes[static_cast<std::size_t>(round) % outcomes.size()];
    const Call call = calls.log(log);
    calls.set_outcome(call.id, outcomes[static_cast<std::size_t>(round + 1) % outcomes.size()]);
    calls.clear_outcome(call.id);
    testing::FakeMeetingSeed seed;
    seed.lead_id = "lead_" + std::to_string(round);
    const Meeting meeting = server.seed_meeting(seed);
    meetings.set_outcome(meeting.id, outcomes[0]);
  }

  FakeCloseServer server;
  Session session{test::options_for(server)};
  CallsClient calls{session};
  MeetingsClient meetings{session};
  std::vector<std::string> outcomes;
};

TEST_F(EventFollowerE2e, PollDeliversTheWritesOldestFirstEachOnce) {
  write_round(0);
  write_round(1);
  FollowOptions options;
  options.page_size = 2;  // Several pages per filter.
  EventFollower follower(session, activity_filters(), EventPosition::since(Timestamp{}), options);
  const std::vector<Event> batch = follower.poll();

  std::set<Key> delivered;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    EXPECT_TRUE(delivered.emplace(batch[i].id, batch[i].date_updated).second) << batch[i].id;
    if (i > 0) {
      EXPECT_LE(batch[i - 1].date_updated, batch[i].date_updated);
    }
  }
  EXPECT_EQ(delivered, logged_keys(server));
  EXPECT_GE(delivered.size(), 10u);  // 2 rounds: created + 2 updates of a call, 2 of a meeting.
  // The outcome change is readable from the event.
  const auto set = std::find_if(batch.begin(), batch.end(), [](const Event& e) {
    return e.object_type == "activity.call" && e.action == "updated" &&
           std::count(e.changed_fields.begin(), e.changed_fields.end(), "outcome_id") == 1;
  });
  ASSERT_NE(set, batch.end());
  ASSERT_TRUE(set->as_call().has_value());

  // The filters and the date bound were sent; nothing comes twice.
  bool bounded = false;
  bool filtered = false;
  for (const auto& r : server.requests()) {
    if (r.target.rfind("/api/v1/event/", 0) != 0) continue;
    filtered |= r.target.find("object_type=activity.meeting") != std::string::npos &&
                r.target.find("action=updated") != std::string::npos;
  }
  EXPECT_TRUE(filtered);
  EXPECT_TRUE(follower.poll().empty());
  for (const auto& r : server.requests()) {
    bounded |= r.target.find("date_updated__gte=") != std::string::npos;
  }
  EXPECT_TRUE(bounded);
}

TEST_F(EventFollowerE2e, FromNowDeliversOnlyWhatHappensAfter) {
  write_round(0);
  const std::set<Key> before = logged_keys(server);
  EventFollower follower(session, activity_filters());
  EXPECT_TRUE(follower.poll().empty());  // Records what is there.
  write_round(1);
  std::set<Key> delivered;
  for (const Event& e : follower.poll()) delivered.emplace(e.id, e.date_updated);
  std::set<Key> expected;
  for (const Key& k : logged_keys(server)) {
    if (before.count(k) == 0) expected.insert(k);
  }
  EXPECT_EQ(delivered, expected);
  EXPECT_FALSE(expected.empty());
}

TEST_F(EventFollowerE2e, KilledMidPassAndRebuiltFromItsStoredPositionLosesAndRepeatsNothing) {
  std::string stored = EventPosition().to_string();  // From now, as a fresh program starts.
  std::multiset<Key> delivered;
  std::set<Key> baseline;
  FollowOptions options;
  options.page_size = 2;
  for (int round = 0; round < 6; ++round) {
    write_round(round);
    // Odd rounds: the process dies in the middle of a pass (its third page request fails),
    // before it could store anything; the follower is destroyed with it, and the next round
    // starts a new one from what was stored.
    auto failing =
        std::make_shared<FailingNthPage>(make_events_connection(session), round % 2 == 1 ? 3 : 0);
    EventFollower follower(session, EventsClient(failing), activity_filters(),
                           EventPosition::parse(stored), options);
    if (round % 2 == 1) {
      EXPECT_THROW(follower.poll(), TransportError);
      EXPECT_EQ(failing->pages(), 3);
      EXPECT_EQ(follower.position(), EventPosition::parse(stored));
      continue;
    }
    for (const Event& e : follower.poll()) delivered.emplace(e.id, e.date_updated);
    stored = follower.position().to_string();
    if (round == 0) baseline = logged_keys(server);  // Recorded by the first pass, not delivered.
  }
  EventFollower last(session, activity_filters(), EventPosition::parse(stored), options);
  for (const Event& e : last.poll()) delivered.emplace(e.id, e.date_updated);

  std::set<Key> expected;
  for (const Key& k : logged_keys(server)) {
    if (baseline.count(k) == 0) expected.insert(k);
  }
  for (const Key& k : delivered) EXPECT_EQ(delivered.count(k), 1u) << k.first;
  EXPECT_EQ(std::set<Key>(delivered.begin(), delivered.end()), expected);
  EXPECT_EQ(expected.size(), 25u);  // Rounds 1-5: a call created and updated twice, a meeting
                                    // created (seeded) and updated.
}

TEST_F(EventFollowerE2e, FollowDeliversOnTheIoThreadUntilStopped) {
  write_round(0);
  const std::size_t expected = logged_keys(server).size();
  FollowOptions options;
  options.interval = std::chrono::milliseconds(20);
  EventFollower follower(session, activity_filters(), EventPosition::since(Timestamp{}), options);

  std::mutex mutex;
  std::condition_variable changed;
  std::set<Key> delivered;
  int duplicates = 0;
  EventPosition last_position;
  std::exception_ptr why;
  bool stopped = false;
  CancellationSource stop;
  follower.follow(
      [&](const std::vector<Event>& batch, const EventPosition& position) {
        std::lock_guard<std::mutex> lock(mutex);
        for (const Event& e : batch) duplicates += !delivered.emplace(e.id, e.date_updated).second;
        last_position = position;
        changed.notify_all();
      },
      [&](std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(mutex);
        why = std::move(e);
        stopped = true;
        changed.notify_all();
      },
      stop.token());
  EXPECT_THROW(follower.follow({}, {}), std::logic_error);
  EXPECT_THROW(follower.poll(), std::logic_error);
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(30),
                                 [&] { return delivered.size() >= expected; }));
  }
  write_round(1);  // Seen by a later pass of the same follow().
  const std::size_t more = logged_keys(server).size();
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(
        changed.wait_for(lock, std::chrono::seconds(30), [&] { return delivered.size() >= more; }));
  }
  stop.cancel();
  std::unique_lock<std::mutex> lock(mutex);
  ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(30), [&] { return stopped; }));
  EXPECT_THROW(std::rethrow_exception(why), CancelledError);
  EXPECT_EQ(duplicates, 0);
  EXPECT_EQ(delivered, logged_keys(server));
  EXPECT_EQ(last_position.high_water(),
            std::max_element(delivered.begin(), delivered.end(), [](const Key& a, const Key& b) {
              return a.second < b.second;
            })->second);
}

// A backlog of `count` call updates, one a second, ending a minute ago; their ids oldest first.
std::vector<std::string> seed_backlog(FakeCloseServer& server, int count) {
  const Timestamp start = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() - std::chrono::seconds(count + 60));
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    testing::FakeEventSeed seed;
    seed.object_id = "acti_backlog" + std::to_string(i);
    seed.date_created = start + std::chrono::seconds(i);
    ids.push_back(server.seed_event(seed).id);
  }
  return ids;
}

std::size_t bounded_event_requests(const FakeCloseServer& server) {
  std::size_t n = 0;
  for (const testing::RecordedRequest& r : server.requests()) {
    for (const auto& [name, value] : r.query)
      n += r.path == "/api/v1/event/" && name == "date_updated__lte";
  }
  return n;
}

TEST_F(EventFollowerE2e, PollCatchesUpOnABacklogInBoundedPassesWhileBehind) {
  const std::vector<std::string> seeded = seed_backlog(server, 600);
  FollowOptions options;
  options.max_batch = 100;
  options.rescan_window = std::chrono::seconds(10);
  EventFollower follower(session, {filter("activity.call", "updated")},
                         EventPosition::since(Timestamp{}), options);
  EXPECT_FALSE(follower.behind());
  std::vector<std::string> delivered;
  int passes = 0;
  do {
    for (const Event& e : follower.poll()) delivered.push_back(e.id);
    ASSERT_LT(++passes, 50);
  } while (follower.behind());
  EXPECT_EQ(delivered, seeded);  // Each once, oldest first.
  EXPECT_EQ(passes, 6);          // Six full batches, the last of them not behind.
  // The passes after the first read only up to a bound (date_updated__lte on the wire).
  EXPECT_GT(bounded_event_requests(server), 0u);
  EXPECT_TRUE(follower.poll().empty());
}

TEST_F(EventFollowerE2e, FollowCatchesUpWithoutWaitingTheIntervalBetweenFullBatches) {
  const std::vector<std::string> seeded = seed_backlog(server, 500);
  FollowOptions options;
  options.max_batch = 50;
  options.rescan_window = std::chrono::seconds(10);
  options.interval = std::chrono::hours(1);  // Only passes that start at once can catch up.
  EventFollower follower(session, {filter("activity.call", "updated")},
                         EventPosition::since(Timestamp{}), options);
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> delivered;
  bool stopped = false;
  CancellationSource stop;
  follower.follow(
      [&](const std::vector<Event>& batch, const EventPosition&) {
        std::lock_guard<std::mutex> lock(mutex);
        for (const Event& e : batch) delivered.push_back(e.id);
        changed.notify_all();
      },
      [&](std::exception_ptr) {
        std::lock_guard<std::mutex> lock(mutex);
        stopped = true;
        changed.notify_all();
      },
      stop.token());
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(60),
                                 [&] { return delivered.size() >= seeded.size(); }));
  }
  stop.cancel();
  std::unique_lock<std::mutex> lock(mutex);
  ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(30), [&] { return stopped; }));
  EXPECT_EQ(delivered, seeded);
}

TEST_F(EventFollowerE2e, DestroyingTheFollowerStopsItsFollowAndNoHandlerRunsAfter) {
  write_round(0);
  FollowOptions options;
  options.interval = std::chrono::milliseconds(1);
  auto follower = std::make_unique<EventFollower>(session, activity_filters(),
                                                  EventPosition::since(Timestamp{}), options);
  std::mutex mutex;
  std::condition_variable changed;
  int batches = 0;
  std::atomic<bool> destroyed{false};
  std::atomic<int> late_calls{0};
  follower->follow(
      [&](const std::vector<Event>&, const EventPosition&) {
        if (destroyed) ++late_calls;
        std::lock_guard<std::mutex> lock(mutex);
        ++batches;
        changed.notify_all();
      },
      [&](std::exception_ptr) { ++late_calls; });  // Not called: the follower went first.
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(30), [&] { return batches > 0; }));
  }
  follower.reset();  // Passes every millisecond are under way.
  destroyed = true;
  // New events, and requests through the same session's I/O thread after them: a follow still
  // running would have delivered them by the time these calls come back.
  write_round(1);
  EventFollower other(session, activity_filters(), EventPosition::since(Timestamp{}));
  EXPECT_FALSE(other.poll().empty());
  EXPECT_FALSE(calls.list_page_async().get().data.empty());
  EXPECT_EQ(late_calls, 0);
}

TEST_F(EventFollowerE2e, AFailedPollMovesNothingAndRefusedFiltersAreCaughtFirst) {
  write_round(0);
  testing::ScriptedResponse down;
  down.status = 503;
  down.path = "/api/v1/event/";
  down.times = 10;
  server.script(down);
  EventFollower follower(session, activity_filters(), EventPosition::since(Timestamp{}));
  EXPECT_THROW(follower.poll(), ServerError);
  EXPECT_EQ(follower.position(), EventPosition::since(Timestamp{}));
  server.clear_script();
  EXPECT_EQ(follower.poll().size(), logged_keys(server).size());

  EventFilter type_alone;
  type_alone.object_type = "activity.call";  // Close allows it only with another filter.
  EXPECT_THROW(EventFollower(session, {type_alone}), std::invalid_argument);
  EventFilter dated = filter("activity.call", "updated");
  dated.updated_since = Timestamp{};
  EXPECT_THROW(EventFollower(session, {dated}), std::invalid_argument);
  EXPECT_THROW(EventFollower(session, {}), std::invalid_argument);
}

}  // namespace
}  // namespace closeio::e2e_event_follower_test
