// The follower's core over an in-memory Event Log that pages and bounds like Close's /event/:
// oldest first, exactly once per (id, date_updated) across rescans, consolidation, restarts from a
// stored position, bounded memory, and hostile position text.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "closeio/errors.hpp"
#include "closeio/event_position.hpp"
#include "internal/event_follower_core.hpp"
#include "support/in_memory_event_log.hpp"

namespace closeio::internal::unit_event_follower_test {
namespace {

using closeio::testing_support::InMemoryEventLog;
using closeio::testing_support::make_event;
using std::chrono::minutes;
using std::chrono::seconds;
using Key = std::pair<std::string, Timestamp>;

// A fixed origin (2026-01-01T00:00:00Z): the core never reads a clock.
const Timestamp t0 = parse_timestamp("2026-01-01T00:00:00Z");

std::vector<Event> poll(FollowerCore& core, InMemoryEventLog& log) {
  return run_pass(core, [&](const FollowerPageRequest& r) { return log.page(r); });
}

std::vector<Key> keys(const std::vector<Event>& events) {
  std::vector<Key> out;
  for (const Event& e : events) out.emplace_back(e.id, e.date_updated);
  return out;
}

std::vector<std::string> ids(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.id);
  return out;
}

TEST(EventFollowerCore, DeliversOldestFirstAcrossPages) {
  InMemoryEventLog log(7);
  // Put in a shuffled order, so that the log's order is not the order of arrival.
  std::vector<int> order(60);
  for (int i = 0; i < 60; ++i) order[static_cast<std::size_t>(i)] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(20));
  for (int i : order) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));

  FollowerCore core(EventPosition::since(t0), {});
  const std::vector<Event> batch = poll(core, log);
  ASSERT_EQ(batch.size(), 60u);
  for (int i = 0; i < 60; ++i) {
    EXPECT_EQ(batch[static_cast<std::size_t>(i)].id, "ev_" + std::to_string(i));
  }
  EXPECT_GE(log.pages_served(), 9u);  // 60 events at 7 a page.
}

TEST(EventFollowerCore, EqualDatesKeepTheLogsOrderReversed) {
  InMemoryEventLog log;
  // Three events of one object with the same millisecond: the log answers the last one first.
  log.put(make_event("ev_a", t0 + seconds(1)));
  log.put(make_event("ev_b", t0 + seconds(1)));
  log.put(make_event("ev_c", t0 + seconds(1)));
  FollowerCore core(EventPosition::since(t0), {});
  EXPECT_EQ(ids(poll(core, log)), (std::vector<std::string>{"ev_a", "ev_b", "ev_c"}));
}

TEST(EventFollowerCore, SinceSkipsOlderEvents) {
  InMemoryEventLog log;
  log.put(make_event("ev_old", t0 - seconds(1)));
  log.put(make_event("ev_new", t0));
  FollowerCore core(EventPosition::since(t0), {});
  EXPECT_EQ(ids(poll(core, log)), std::vector<std::string>{"ev_new"});
}

TEST(EventFollowerCore, FromNowRecordsWhatIsThereThenDeliversWhatComes) {
  InMemoryEventLog log;
  for (int i = 0; i < 5; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowerCore core(EventPosition(), {});
  EXPECT_TRUE(core.position().from_now());
  EXPECT_TRUE(poll(core, log).empty());
  EXPECT_FALSE(core.position().from_now());
  EXPECT_EQ(core.position().high_water(), t0 + seconds(4));
  // A later event, and one that became visible late with an older date inside the window.
  log.put(make_event("ev_late", t0 + seconds(2)));
  log.put(make_event("ev_next", t0 + seconds(10)));
  EXPECT_EQ(ids(poll(core, log)), (std::vector<std::string>{"ev_late", "ev_next"}));
  EXPECT_TRUE(poll(core, log).empty());
}

TEST(EventFollowerCore, FromNowOnAnEmptyLogDeliversEverythingThatComes) {
  InMemoryEventLog log;
  FollowerCore core(EventPosition(), {});
  EXPECT_TRUE(poll(core, log).empty());
  log.put(make_event("ev_1", t0 - std::chrono::hours(48)));
  EXPECT_EQ(ids(poll(core, log)), std::vector<std::string>{"ev_1"});
}

TEST(EventFollowerCore, RescanDeliversNothingTwiceAndCatchesLateEvents) {
  InMemoryEventLog log;
  for (int i = 0; i < 10; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowerCore core(EventPosition::since(t0), {});
  EXPECT_EQ(poll(core, log).size(), 10u);
  // Each pass reads the window again (the page requests say so) but delivers nothing again.
  const std::size_t before = log.pages_served();
  EXPECT_TRUE(poll(core, log).empty());
  EXPECT_GT(log.pages_served(), before);
  // Became visible late, dated before the newest delivered but inside the window.
  log.put(make_event("ev_late", t0 + seconds(3)));
  EXPECT_EQ(ids(poll(core, log)), std::vector<std::string>{"ev_late"});
  EXPECT_TRUE(poll(core, log).empty());
}

TEST(EventFollowerCore, RescanReadsFromTheHighWaterMarkMinusTheWindow) {
  InMemoryEventLog log;
  log.put(make_event("ev_1", t0 + minutes(30)));
  FollowOptions options;
  options.rescan_window = minutes(2);
  FollowerCore core(EventPosition::since(t0), options);
  EXPECT_EQ(poll(core, log).size(), 1u);
  EXPECT_EQ(core.begin_pass().updated_since, t0 + minutes(28));
  core.abandon_pass();
  // A late event older than the window is below the floor: Close's advice bounds what it catches.
  log.put(make_event("ev_too_late", t0 + minutes(27)));
  log.put(make_event("ev_in_window", t0 + minutes(29)));
  EXPECT_EQ(ids(poll(core, log)), std::vector<std::string>{"ev_in_window"});
}

TEST(EventFollowerCore, AConsolidatedEventComesAgainWithItsNewDate) {
  InMemoryEventLog log;
  log.put(make_event("ev_1", t0 + seconds(1)));
  log.put(make_event("ev_2", t0 + seconds(2)));
  FollowerCore core(EventPosition::since(t0), {});
  EXPECT_EQ(poll(core, log).size(), 2u);
  // Close merged a later change into ev_1: same id, date_updated moved forward.
  Event bumped = make_event("ev_1", t0 + seconds(5));
  bumped.changed_fields = {"outcome_id"};
  log.put(bumped);
  const std::vector<Event> batch = poll(core, log);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0], bumped);
  EXPECT_TRUE(poll(core, log).empty());
}

TEST(EventFollowerCore, AnOlderVersionOfADeliveredEventIsNotDelivered) {
  InMemoryEventLog log;
  log.put(make_event("ev_1", t0 + seconds(5)));
  FollowerCore core(EventPosition::since(t0), {});
  EXPECT_EQ(poll(core, log).size(), 1u);
  log.put(make_event("ev_1", t0 + seconds(4)));  // A stale copy from a lagging replica.
  EXPECT_TRUE(poll(core, log).empty());
}

TEST(EventFollowerCore, AnEventSeenTwiceInOnePassIsDeliveredOnce) {
  InMemoryEventLog log(2);
  for (int i = 0; i < 4; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowerCore core(EventPosition::since(t0), {});
  std::optional<FollowerPageRequest> next = core.begin_pass();
  next = core.take_page(log.page(*next));  // ev_3, ev_2
  // A new event arrives between two pages: the next page repeats ev_2 (cursors are positions).
  log.put(make_event("ev_4", t0 + seconds(4)));
  while (next) next = core.take_page(log.page(*next));
  EXPECT_EQ(ids(core.finish_pass()), (std::vector<std::string>{"ev_0", "ev_1", "ev_2", "ev_3"}));
  EXPECT_EQ(ids(poll(core, log)), std::vector<std::string>{"ev_4"});
}

TEST(EventFollowerCore, AFailedPassLeavesThePositionAndLosesNothing) {
  InMemoryEventLog log(3);
  for (int i = 0; i < 10; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowerCore core(EventPosition::since(t0), {});
  const EventPosition before = core.position();
  int pages = 0;
  EXPECT_THROW(run_pass(core,
                        [&](const FollowerPageRequest& r) {
                          if (++pages == 3) throw TransportError("closeio: lost", false, 1);
                          return log.page(r);
                        }),
               TransportError);
  EXPECT_EQ(core.position(), before);
  EXPECT_EQ(poll(core, log).size(), 10u);
}

TEST(EventFollowerCore, ARepeatedCursorEndsThePassWithADecodeError) {
  FollowerCore core(EventPosition::since(t0), {});
  const auto looping = [](const FollowerPageRequest&) {
    FollowerPage page;
    page.events.push_back(make_event("ev_1", t0 + seconds(1)));
    page.cursor_next = "same";
    return page;
  };
  EXPECT_THROW(run_pass(core, looping), DecodeError);
  EXPECT_EQ(core.position(), EventPosition::since(t0));
}

TEST(EventFollowerCore, ResumesFromAStoredPositionWithNothingLostOrTwice) {
  // Many rounds: events arrive (some late inside the window, some consolidated), a follower polls,
  // stores its position as text, and is replaced by one built from the parsed text.
  InMemoryEventLog log(5);
  std::mt19937 random(7);
  std::multiset<Key> delivered;
  std::set<Key> expected;
  EventPosition stored = EventPosition::since(t0);
  int next_id = 0;
  Timestamp now = t0;
  for (int round = 0; round < 40; ++round) {
    for (int k = 0; k < 6; ++k) {
      now += seconds(1 + static_cast<int>(random() % 20));
      Event e;
      if (next_id > 0 && random() % 4 == 0) {
        // Consolidation: a random earlier id comes back with a newer date.
        e = make_event("ev_" + std::to_string(random() % static_cast<unsigned>(next_id)), now);
      } else if (random() % 5 == 0) {
        // Visible late: dated up to two minutes back.
        e = make_event("ev_" + std::to_string(next_id++),
                       now - seconds(static_cast<int>(random() % 120)));
      } else {
        e = make_event("ev_" + std::to_string(next_id++), now);
      }
      log.put(e);
    }
    FollowerCore core(EventPosition::parse(stored.to_string()), {});
    const std::vector<Event> batch = poll(core, log);
    for (std::size_t i = 1; i < batch.size(); ++i) {
      EXPECT_LE(batch[i - 1].date_updated, batch[i].date_updated);
    }
    for (const Key& k : keys(batch)) delivered.insert(k);
    stored = core.position();  // The restart: the core is destroyed here.
  }
  // What the log holds at the end was delivered exactly once in its final version.
  FollowerCore last(EventPosition::parse(stored.to_string()), {});
  for (const Key& k : keys(poll(last, log))) delivered.insert(k);
  InMemoryEventLog copy = log;
  FollowerCore everything(EventPosition::since(t0), {});
  for (const Key& k : keys(poll(everything, copy))) expected.insert(k);
  for (const Key& k : expected) EXPECT_EQ(delivered.count(k), 1u) << k.first;
  for (const Key& k : delivered) EXPECT_EQ(delivered.count(k), 1u) << k.first;
}

TEST(EventFollowerCore, RemembersOnlyTheWindow) {
  InMemoryEventLog log;
  std::vector<Event> events;
  for (int i = 0; i < 10'000; ++i) {
    events.push_back(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  }
  log.put_new(std::move(events));
  FollowOptions options;
  options.rescan_window = minutes(5);
  FollowerCore core(EventPosition::since(t0), options);
  EXPECT_EQ(poll(core, log).size(), 10'000u);
  const EventPosition p = core.position();
  // 9999 s is the newest; the floor is five minutes below it: 301 events at one a second.
  EXPECT_EQ(p.floor(), t0 + seconds(9999 - 300));
  EXPECT_EQ(p.remembered().size(), 301u);
  EXPECT_LT(p.to_string().size(), 301u * 80 + 200);
}

TEST(EventFollowerCore, MaxRememberedRaisesTheFloorInsteadOfGrowing) {
  InMemoryEventLog log;
  for (int i = 0; i < 100; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowOptions options;
  options.max_remembered = 10;
  FollowerCore core(EventPosition::since(t0), options);
  EXPECT_EQ(poll(core, log).size(), 100u);
  const EventPosition p = core.position();
  EXPECT_EQ(p.remembered().size(), 10u);
  // Just above the newest forgotten (89 s), at most the oldest remembered (90 s).
  EXPECT_GT(p.floor(), t0 + seconds(89));
  EXPECT_LE(p.floor(), t0 + seconds(90));
  EXPECT_TRUE(poll(core, log).empty());  // Nothing comes twice.
}

TEST(EventFollowerCore, MaxBatchCatchesUpOldestFirstInChunks) {
  InMemoryEventLog log(10);
  for (int i = 0; i < 95; ++i) log.put(make_event("ev_" + std::to_string(i), t0 + seconds(i)));
  FollowOptions options;
  options.max_batch = 20;
  FollowerCore core(EventPosition::since(t0), options);
  std::vector<std::string> all;
  for (int pass = 0; pass < 5; ++pass) {
    const std::vector<Event> batch = poll(core, log);
    EXPECT_EQ(batch.size(), pass < 4 ? 20u : 15u);
    for (const Event& e : batch) all.push_back(e.id);
  }
  EXPECT_TRUE(poll(core, log).empty());
  ASSERT_EQ(all.size(), 95u);
  for (int i = 0; i < 95; ++i)
    EXPECT_EQ(all[static_cast<std::size_t>(i)], "ev_" + std::to_string(i));
}

TEST(EventFollowerCore, SeveralFiltersMergeIntoOneOldestFirstStream) {
  // Two filters (say calls and meetings), one event in both (overlapping filters).
  InMemoryEventLog calls(2);
  InMemoryEventLog meetings(2);
  calls.put(make_event("ev_c1", t0 + seconds(1)));
  meetings.put(make_event("ev_m2", t0 + seconds(2)));
  calls.put(make_event("ev_c3", t0 + seconds(3)));
  calls.put(make_event("ev_both4", t0 + seconds(4)));
  meetings.put(make_event("ev_both4", t0 + seconds(4)));
  meetings.put(make_event("ev_m5", t0 + seconds(5)));
  std::vector<std::size_t> streams;
  const auto load = [&](const FollowerPageRequest& r) {
    streams.push_back(r.stream);
    return r.stream == 0 ? calls.page(r) : meetings.page(r);
  };
  FollowerCore core(EventPosition::since(t0), {}, 2);
  EXPECT_EQ(ids(run_pass(core, load)),
            (std::vector<std::string>{"ev_c1", "ev_m2", "ev_c3", "ev_both4", "ev_m5"}));
  EXPECT_EQ(streams, (std::vector<std::size_t>{0, 0, 1, 1}));
  meetings.put(make_event("ev_m6", t0 + seconds(6)));
  EXPECT_EQ(ids(run_pass(core, load)), std::vector<std::string>{"ev_m6"});
  EXPECT_THROW(FollowerCore(EventPosition(), {}, 0), std::invalid_argument);
}

TEST(EventFollowerCore, RefusesOptionsOutsideTheirRanges) {
  FollowOptions bad;
  bad.rescan_window = seconds(0);
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
  bad = {};
  bad.rescan_window = std::chrono::hours(24 * 31);
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
  bad = {};
  bad.interval = std::chrono::milliseconds(-1);
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
  bad = {};
  bad.max_remembered = 0;
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
  bad = {};
  bad.page_size = 51;
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
  bad = {};
  bad.max_batch = 0;
  EXPECT_THROW(FollowerCore(EventPosition(), bad), std::invalid_argument);
}

TEST(EventPosition, TextRoundTrips) {
  const EventPosition p = EventPosition::from_parts(
      t0, t0 + seconds(9), {{"ev_b", t0 + seconds(9)}, {"ev_a", t0 + seconds(1)}});
  const std::string text = p.to_string();
  EXPECT_EQ(text,
            "closeio-event-position 1\n"
            "floor 2026-01-01T00:00:00.000000+00:00\n"
            "high_water 2026-01-01T00:00:09.000000+00:00\n"
            "seen 2026-01-01T00:00:01.000000+00:00 ev_a\n"
            "seen 2026-01-01T00:00:09.000000+00:00 ev_b\n"
            "end\n");
  EXPECT_EQ(EventPosition::parse(text), p);
  EXPECT_EQ(EventPosition::parse(EventPosition().to_string()), EventPosition());
  EXPECT_EQ(EventPosition::parse(EventPosition::since(t0).to_string()), EventPosition::since(t0));
  // Written on Windows: CRLF line ends.
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(EventPosition::parse(crlf), p);
}

class HostilePosition : public ::testing::TestWithParam<std::string> {};

TEST_P(HostilePosition, IsRefusedWithoutQuotingIt) {
  try {
    EventPosition::parse(GetParam());
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find("ev_\x01"), std::string::npos);
    EXPECT_EQ(message.find("../"), std::string::npos);
    EXPECT_EQ(message.find("EVIL"), std::string::npos);
    EXPECT_NE(message.find("event position"), std::string::npos);
  }
}

const std::string kHead = "closeio-event-position 1\nfloor 2026-01-01T00:00:00Z\n";
const std::string kHigh = "high_water 2026-01-01T00:00:09Z\n";

INSTANTIATE_TEST_SUITE_P(
    EventPosition, HostilePosition,
    ::testing::Values(
        "", "\n", "EVIL\n", "closeio-event-position 2\nfrom_now\nend\n",
        "closeio-event-position 1\n",               // no end
        "closeio-event-position 1\nfrom_now\nend",  // no final newline
        "closeio-event-position 1\nend\n",          // no floor
        "closeio-event-position 1\nfrom_now\nfrom_now\nend\n", kHead + "EVIL\nend\n",
        kHead + "floor 2026-01-01T00:00:00Z\nend\n",  // floor twice
        "closeio-event-position 1\nfloor EVIL\nend\n",
        "closeio-event-position 1\nfloor 2026-02-30T00:00:00Z\nend\n",
        kHead + "high_water 2025-12-31T23:59:59Z\nend\n",         // below the floor
        kHead + "seen 2026-01-01T00:00:01Z ev_1\nend\n",          // seen without high_water
        kHead + kHigh + "seen 2026-01-01T00:00:10Z ev_1\nend\n",  // above high_water
        kHead + kHigh + "seen 2025-12-31T00:00:00Z ev_1\nend\n",  // below the floor
        kHead + kHigh + "seen 2026-01-01T00:00:01Z ev_1\nseen 2026-01-01T00:00:02Z ev_1\nend\n",
        kHead + kHigh + "seen 2026-01-01T00:00:01Z\nend\n",   // no id
        kHead + kHigh + "seen 2026-01-01T00:00:01Z \nend\n",  // empty id
        kHead + kHigh + "seen 2026-01-01T00:00:01Z ../EVIL\nend\n",
        kHead + kHigh + "seen 2026-01-01T00:00:01Z ev_\x01\nend\n",
        kHead + kHigh + "seen 2026-01-01T00:00:01Z ev 1\nend\n",
        kHead + kHigh + "seen 2026-01-01T00:00:01Z " + std::string(129, 'a') + "\nend\n",
        kHead + std::string(600, 'x') + "EVIL\nend\n",                 // an overlong line
        kHead + kHigh + "end\nseen 2026-01-01T00:00:01Z ev_1\nend\n",  // a line after end
        kHead + kHigh + "high_water 2026-01-01T00:00:09Z\nend\n",      // high_water twice
        std::string("closeio-event-position 1\0\nfrom_now\nend\n", 39)));

TEST(EventPosition, MoreRememberedThanAllowedIsRefused) {
  std::string text = kHead + kHigh;
  for (int i = 0; i < 5; ++i) text += "seen 2026-01-01T00:00:01Z ev_" + std::to_string(i) + "\n";
  text += "end\n";
  EXPECT_EQ(EventPosition::parse(text).remembered().size(), 5u);
  EXPECT_THROW(EventPosition::parse(text, 4), std::invalid_argument);
}

TEST(EventPosition, FromPartsRefusesInconsistentParts) {
  EXPECT_THROW(EventPosition::from_parts(t0, t0 - seconds(1), {}), std::invalid_argument);
  EXPECT_THROW(EventPosition::from_parts(t0, std::nullopt, {{"ev_1", t0}}), std::invalid_argument);
  EXPECT_THROW(EventPosition::from_parts(t0, t0, {{"", t0}}), std::invalid_argument);
  EXPECT_NO_THROW(EventPosition::from_parts(t0, t0, {{"ev_1", t0}}));
}

}  // namespace
}  // namespace closeio::internal::unit_event_follower_test
