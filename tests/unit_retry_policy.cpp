#include <gtest/gtest.h>

#include <closeio/retry_policy.hpp>
#include <set>
#include <stdexcept>

namespace closeio::unit_retry_policy_test {
namespace {

using std::chrono::milliseconds;

RetryAttempt failure(int status, int attempt, std::optional<milliseconds> server_wait = {}) {
  RetryAttempt a;
  a.method = "GET";
  a.status = status;
  a.attempt = attempt;
  a.server_wait = server_wait;
  return a;
}

TEST(DefaultRetryPolicy, RetriesOnlyTransientFailures) {
  for (int status : {0, 429, 502, 503, 504}) {
    EXPECT_TRUE(DefaultRetryPolicy::is_retryable(failure(status, 1))) << status;
  }
  for (int status : {400, 401, 403, 404, 405, 409, 415, 500, 501}) {
    EXPECT_FALSE(DefaultRetryPolicy::is_retryable(failure(status, 1))) << status;
    EXPECT_EQ(DefaultRetryPolicy().next_wait(failure(status, 1)), std::nullopt) << status;
  }
}

TEST(DefaultRetryPolicy, StopsAfterMaxRetries) {
  const DefaultRetryPolicy policy(3);
  EXPECT_TRUE(policy.next_wait(failure(503, 1)));
  EXPECT_TRUE(policy.next_wait(failure(503, 3)));
  EXPECT_EQ(policy.next_wait(failure(503, 4)), std::nullopt);
  EXPECT_EQ(DefaultRetryPolicy(0).next_wait(failure(503, 1)), std::nullopt);
}

TEST(DefaultRetryPolicy, HonoursTheServersWaitUpToTheCap) {
  const DefaultRetryPolicy policy(3, milliseconds(500), milliseconds(8000), milliseconds(60000));
  EXPECT_EQ(policy.next_wait(failure(429, 1, milliseconds(1500))), milliseconds(1500));
  EXPECT_EQ(policy.next_wait(failure(429, 1, milliseconds(60000))), milliseconds(60000));
  EXPECT_EQ(policy.next_wait(failure(429, 1, milliseconds(60001))), std::nullopt);
}

TEST(DefaultRetryPolicy, BackoffCeilingDoublesFromHalfASecondToEight) {
  const DefaultRetryPolicy policy;
  EXPECT_EQ(policy.backoff_ceiling(1), milliseconds(500));
  EXPECT_EQ(policy.backoff_ceiling(2), milliseconds(1000));
  EXPECT_EQ(policy.backoff_ceiling(3), milliseconds(2000));
  EXPECT_EQ(policy.backoff_ceiling(4), milliseconds(4000));
  EXPECT_EQ(policy.backoff_ceiling(5), milliseconds(8000));
  EXPECT_EQ(policy.backoff_ceiling(6), milliseconds(8000));
  EXPECT_EQ(policy.backoff_ceiling(1000), milliseconds(8000));
}

TEST(DefaultRetryPolicy, JitterStaysWithinTheCeilingAndVaries) {
  const DefaultRetryPolicy policy(100);
  std::set<long long> seen;
  for (int i = 0; i < 200; ++i) {
    const auto wait = policy.next_wait(failure(503, 3));
    ASSERT_TRUE(wait);
    EXPECT_GE(wait->count(), 0);
    EXPECT_LE(wait->count(), 2000);
    seen.insert(wait->count());
  }
  EXPECT_GT(seen.size(), 10u);  // Full jitter, not a fixed delay.
}

TEST(DefaultRetryPolicy, A429WithoutServerWordBacksOff) {
  const DefaultRetryPolicy policy;
  const auto wait = policy.next_wait(failure(429, 1));
  ASSERT_TRUE(wait);
  EXPECT_LE(wait->count(), 500);
}

TEST(DefaultRetryPolicy, RejectsNegativeSettings) {
  EXPECT_THROW(DefaultRetryPolicy(-1), std::invalid_argument);
  EXPECT_THROW(DefaultRetryPolicy(1, milliseconds(-1)), std::invalid_argument);
}

}  // namespace
}  // namespace closeio::unit_retry_policy_test
