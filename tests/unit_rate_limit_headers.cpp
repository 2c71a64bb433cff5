#include <gtest/gtest.h>

#include "internal/rate_limit_headers.hpp"

namespace closeio::internal::unit_rate_limit_headers_test {
namespace {

using std::chrono::milliseconds;

const auto kNow =
    std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT

TEST(ParseSeconds, AcceptsIntegersAndDecimalsRoundingUp) {
  EXPECT_EQ(parse_seconds("1"), milliseconds(1000));
  EXPECT_EQ(parse_seconds(" 0.5 "), milliseconds(500));
  EXPECT_EQ(parse_seconds("14.260394"), milliseconds(14261));
  EXPECT_EQ(parse_seconds("0"), milliseconds(0));
  EXPECT_EQ(parse_seconds("0.0001"), milliseconds(1));
}

TEST(ParseSeconds, RejectsGarbageWithoutThrowing) {
  for (const char* bad :
       {"", " ", "-1", "abc", "1e3", "inf", "nan", "0x10", "1.2.3", "99999999", "1,5", "+1"}) {
    EXPECT_EQ(parse_seconds(bad), std::nullopt) << bad;
  }
}

TEST(RetryAfter, ReadsSecondsAndHttpDates) {
  EXPECT_EQ(parse_retry_after("120", kNow), milliseconds(120000));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", kNow), milliseconds(10000));
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:57 GMT", kNow), milliseconds(20000));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", kNow), milliseconds(0));  // Past.
  EXPECT_EQ(parse_retry_after("soon", kNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("", kNow), std::nullopt);
}

TEST(ServerRequestedWait, FollowsTheDocumentedOrder) {
  const HttpHeaders all = {{"X-Rate-Limit-Reset", "3"},
                           {"Retry-After", "2"},
                           {"RateLimit", "limit=100, remaining=0, reset=1.5"}};
  EXPECT_EQ(server_requested_wait(all, 4.0, kNow), milliseconds(1500));
  const HttpHeaders no_ratelimit = {{"X-Rate-Limit-Reset", "3"}, {"retry-after", "2"}};
  EXPECT_EQ(server_requested_wait(no_ratelimit, 4.0, kNow), milliseconds(2000));
  const HttpHeaders only_old = {{"x-rate-limit-reset", "14.260394"}};
  EXPECT_EQ(server_requested_wait(only_old, 4.0, kNow), milliseconds(14261));
  EXPECT_EQ(server_requested_wait({}, 0.595956, kNow), milliseconds(596));
  EXPECT_EQ(server_requested_wait({}, std::nullopt, kNow), std::nullopt);
}

TEST(ServerRequestedWait, SkipsMalformedSourcesAndFallsThrough) {
  const HttpHeaders broken = {{"RateLimit", "limit=100, remaining=0, reset=soon"},
                              {"Retry-After", "garbage"},
                              {"X-Rate-Limit-Reset", "-5"}};
  EXPECT_EQ(server_requested_wait(broken, 2.0, kNow), milliseconds(2000));
  EXPECT_EQ(server_requested_wait(broken, -1.0, kNow), std::nullopt);
  const HttpHeaders no_reset = {{"RateLimit", "limit=100, remaining=0"}, {"Retry-After", "1"}};
  EXPECT_EQ(server_requested_wait(no_reset, std::nullopt, kNow), milliseconds(1000));
}

TEST(RateLimitInfoParsing, ReadsTheCurrentHeader) {
  const auto info =
      parse_rate_limit_info({{"RateLimit", "limit=100, remaining=7, reset=0.25"}}, kNow);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->limit, 100);
  EXPECT_EQ(info->remaining, 7);
  EXPECT_EQ(info->reset, milliseconds(250));
  EXPECT_EQ(info->observed_at, kNow);
}

TEST(RateLimitInfoParsing, FallsBackToTheOlderHeaders) {
  const auto info = parse_rate_limit_info({{"X-Rate-Limit-Limit", "60"},
                                           {"X-Rate-Limit-Remaining", "0"},
                                           {"X-Rate-Limit-Reset", "14.260394"}},
                                          kNow);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->limit, 60);
  EXPECT_EQ(info->remaining, 0);
  EXPECT_EQ(info->reset, milliseconds(14261));
}

TEST(RateLimitInfoParsing, AbsentOrUnreadableIsNullopt) {
  EXPECT_EQ(parse_rate_limit_info({{"Content-Type", "application/json"}}, kNow), std::nullopt);
  EXPECT_EQ(parse_rate_limit_info({{"RateLimit", "nonsense"}}, kNow), std::nullopt);
  const auto partial = parse_rate_limit_info({{"RateLimit", "limit=abc, remaining=3"}}, kNow);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->limit, std::nullopt);
  EXPECT_EQ(partial->remaining, 3);
}

}  // namespace
}  // namespace closeio::internal::unit_rate_limit_headers_test
