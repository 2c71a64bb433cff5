// Unit tests of the order rules behind apply's and usage's concurrent requests: no process, no
// HTTP, every interleaving chosen by the test.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "in_flight_option.hpp"
#include "page_cursor.hpp"
#include "write_scheduler.hpp"

namespace cli_concurrency_unit_test {
namespace {

using closeio_cli::PageCursor;
using closeio_cli::WriteScheduler;
using State = WriteScheduler::State;

// Every change the scheduler lets go now.
std::vector<std::size_t> send_all(WriteScheduler& s) {
  std::vector<std::size_t> sent;
  while (const auto i = s.next_to_send()) sent.push_back(*i);
  return sent;
}

TEST(WriteSchedulerTest, SendsInPlanOrderUpToTheBound) {
  WriteScheduler s(5, 2, 5);
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(s.in_flight(), 2u);
  s.finished(1, true);  // out of order: nothing reportable before 0
  EXPECT_TRUE(s.take_reportable().empty());
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{2}));
  s.finished(0, true);
  EXPECT_EQ(s.take_reportable(), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{3}));
  s.finished(3, true);
  EXPECT_TRUE(s.take_reportable().empty());  // 2 is still in flight
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{4}));
  s.finished(4, true);
  EXPECT_FALSE(s.all_settled());
  s.finished(2, true);
  EXPECT_TRUE(s.all_settled());
  EXPECT_EQ(s.take_reportable(), (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_FALSE(s.first_failure());
}

TEST(WriteSchedulerTest, TheBarrierWaitsForEverythingBeforeIt) {
  WriteScheduler s(4, 4, 2);  // 0, 1 before the barrier (creates, updates), 2, 3 after (deletes)
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{0, 1}));
  s.finished(1, true);
  EXPECT_TRUE(send_all(s).empty());  // 0 still in flight
  s.finished(0, true);
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{2, 3}));  // then together
}

TEST(WriteSchedulerTest, AfterAFailureNothingMoreIsSentAndInFlightOnesFinish) {
  WriteScheduler s(6, 3, 6);
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{0, 1, 2}));
  s.finished(1, false);
  EXPECT_TRUE(send_all(s).empty());  // a free slot, but a failure was seen
  EXPECT_FALSE(s.all_settled());
  s.finished(0, true);
  s.finished(2, true);
  ASSERT_TRUE(s.all_settled());
  EXPECT_EQ(s.take_reportable(), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(s.state(1), State::failed);
  EXPECT_EQ(s.state(2), State::done);
  EXPECT_EQ(s.state(3), State::not_sent);
  EXPECT_EQ(s.state(5), State::not_sent);
  EXPECT_EQ(s.first_failure(), std::optional<std::size_t>(1));
}

TEST(WriteSchedulerTest, AFailureBeforeTheBarrierSendsNothingAfterIt) {
  WriteScheduler s(3, 4, 1);
  EXPECT_EQ(send_all(s), (std::vector<std::size_t>{0}));
  s.finished(0, false);
  EXPECT_TRUE(send_all(s).empty());
  EXPECT_TRUE(s.all_settled());
  EXPECT_EQ(s.state(1), State::not_sent);
  EXPECT_EQ(s.state(2), State::not_sent);
}

TEST(WriteSchedulerTest, MisuseIsRefused) {
  EXPECT_THROW(WriteScheduler(1, 0, 1), std::invalid_argument);
  WriteScheduler s(2, 1, 2);
  EXPECT_THROW(s.finished(0, true), std::logic_error);  // never sent
  WriteScheduler empty(0, 1, 0);
  EXPECT_TRUE(empty.all_settled());
  EXPECT_FALSE(empty.next_to_send());
}

TEST(PageCursorTest, AShortListIsOneRequest) {
  PageCursor c(100);
  EXPECT_EQ(c.next_request(4), std::optional<int>(0));
  EXPECT_FALSE(c.next_request(4));  // not known to be long: no request ahead
  c.answered(0);
  EXPECT_EQ(c.next_to_use(), std::optional<int>(0));
  c.used(0, 7, false);
  EXPECT_TRUE(c.over());
  EXPECT_FALSE(c.next_request(4));
}

TEST(PageCursorTest, ALongListIsReadAheadAndUsedInOrder) {
  PageCursor c(100);
  ASSERT_EQ(c.next_request(3), std::optional<int>(0));
  c.answered(0);
  c.used(0, 100, true);  // full with has_more: read ahead
  EXPECT_EQ(c.next_request(3), std::optional<int>(100));
  EXPECT_EQ(c.next_request(3), std::optional<int>(200));
  EXPECT_EQ(c.next_request(3), std::optional<int>(300));
  EXPECT_FALSE(c.next_request(3));  // 3 ahead already
  c.answered(200);
  EXPECT_FALSE(c.next_to_use());  // 100 first
  c.answered(100);
  EXPECT_EQ(c.next_to_use(), std::optional<int>(100));
  c.used(100, 100, true);
  EXPECT_EQ(c.next_to_use(), std::optional<int>(200));
  c.used(200, 40, false);  // the end: the page at 300 is not used
  EXPECT_TRUE(c.over());
  EXPECT_FALSE(c.wanted(300));
  c.answered(300);
  EXPECT_FALSE(c.next_to_use());
  EXPECT_EQ(c.requests_out(), 0u);
}

TEST(PageCursorTest, AShortPageWithHasMoreRealignsLikeASequentialWalk) {
  PageCursor c(100);
  ASSERT_EQ(c.next_request(3), std::optional<int>(0));
  c.answered(0);
  c.used(0, 100, true);
  ASSERT_EQ(c.next_request(3), std::optional<int>(100));
  ASSERT_EQ(c.next_request(3), std::optional<int>(200));
  c.answered(100);
  c.used(100, 60, true);  // the server gave fewer than asked: the next page is at 160
  EXPECT_EQ(c.next_to_use(), std::nullopt);
  EXPECT_EQ(c.next_request(3), std::optional<int>(160));
  c.answered(200);  // the page requested ahead does not line up: never used
  EXPECT_FALSE(c.next_to_use());
  c.answered(160);
  EXPECT_EQ(c.next_to_use(), std::optional<int>(160));
  c.used(160, 0, true);  // an empty page ends the walk, as in PageRange
  EXPECT_TRUE(c.over());
}

TEST(PageCursorTest, AnEmptyPageEndsTheWalkEvenWithHasMore) {
  PageCursor c(10);
  ASSERT_EQ(c.next_request(2), std::optional<int>(0));
  c.answered(0);
  c.used(0, 0, true);
  EXPECT_TRUE(c.over());
  EXPECT_THROW(PageCursor(0), std::invalid_argument);
}

TEST(MaxInFlightOptionTest, AcceptsOneToThirtyTwoOnly) {
  using closeio_cli::check_max_in_flight;
  for (const char* ok : {"1", "4", "32", "08"}) EXPECT_EQ(check_max_in_flight(ok), "") << ok;
  for (const char* bad : {"0", "33", "-1", "+4", " 4", "4 ", "", "abc", "1e1", "100000"}) {
    EXPECT_NE(check_max_in_flight(bad).find("from 1 to 32"), std::string::npos) << bad;
  }
  EXPECT_NE(check_max_in_flight("\x1b").find("\\u001b"), std::string::npos);  // quoted safely
}

}  // namespace
}  // namespace cli_concurrency_unit_test
